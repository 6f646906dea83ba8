package pgstore_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
	"github.com/vumdk/vum/store/storetest"
)

// testURL returns the database the tests may use: VUM_TEST_POSTGRES, as
// .ci/postgres.sh sets it. Without it the tests are skipped, except under
// CI, where they must run.
func testURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("VUM_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("VUM_TEST_POSTGRES is not set: CI must run the PostgreSQL tests (.ci/run starts a cluster)")
		}
		t.Skip("VUM_TEST_POSTGRES is not set; run the tests through .ci/postgres.sh to test the PostgreSQL backend")
	}
	return url
}

var schemaSeq atomic.Int64

// freshSchema names a new schema for one test and drops it afterwards.
func freshSchema(t testing.TB, url string) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), schemaSeq.Add(1))
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	return name
}

func testClock() func() time.Time {
	var mu sync.Mutex
	clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
}

func openFresh(t testing.TB, url string, now func() time.Time) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(url, pgstore.Options{Schema: freshSchema(t, url), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The PostgreSQL store passes the suite every backend passes.
func TestBackendSuite(t *testing.T) {
	url := testURL(t)
	now := testClock()
	storetest.Run(t, func(t *testing.T) store.Backend { return openFresh(t, url, now) })
}
