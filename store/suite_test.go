package store_test

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/storetest"
)

// The bbolt store passes the suite every backend passes.
func TestBackendSuite(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	storetest.Run(t, func(t *testing.T) store.Backend {
		s, err := store.Open(filepath.Join(t.TempDir(), "vum.db"), store.Options{User: "sagsbehandler", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
