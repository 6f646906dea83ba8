package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/vumdk/vum/store"
)

// accessFlushDelay is how long the screen gathers access log entries
// before it writes them in one transaction.
const accessFlushDelay = 2 * time.Second

// accessBatch gathers the screen's access log entries and writes them in
// batches on its own goroutine, so noting a read never waits for the
// disk and never slows a keystroke. stop writes what is left.
type accessBatch struct {
	mu      sync.Mutex
	pending []store.AccessEntry
	purpose string
	write   func([]store.AccessEntry) error
	kick    chan struct{}
	quit    chan struct{}
	done    chan struct{}
	err     error // the last failed write, reported at stop
}

func (b *accessBatch) start(write func([]store.AccessEntry) error, purpose string) {
	b.write, b.purpose = write, purpose
	b.kick, b.quit, b.done = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go b.loop()
}

// add queues an entry; it returns at once.
func (b *accessBatch) add(e store.AccessEntry) {
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	if e.Purpose == "" {
		e.Purpose = b.purpose
	}
	b.mu.Lock()
	b.pending = append(b.pending, e)
	b.mu.Unlock()
	select {
	case b.kick <- struct{}{}:
	default:
	}
}

func (b *accessBatch) loop() {
	defer close(b.done)
	for {
		select {
		case <-b.quit:
			return
		case <-b.kick:
		}
		select {
		case <-b.quit:
			return
		case <-time.After(accessFlushDelay):
		}
		b.flush()
	}
}

// flush writes the queued entries; on failure they stay queued for the
// next try, so none is lost.
func (b *accessBatch) flush() error {
	b.mu.Lock()
	batch := b.pending
	b.pending = nil
	b.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := b.write(batch)
	b.mu.Lock()
	defer b.mu.Unlock()
	if err != nil {
		b.pending = append(batch, b.pending...)
		b.err = err
	}
	return err
}

// stop ends the background writer and writes what is left.
func (b *accessBatch) stop() error {
	if b.quit == nil {
		return nil
	}
	close(b.quit)
	<-b.done
	// Another vum may hold the file for a moment: try a few times before
	// giving up, so no entry is lost at exit.
	var err error
	for try := 0; try < 5; try++ {
		if err = b.flush(); err == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		return fmt.Errorf("adgangsloggen kunne ikke skrives ved afslutningen (%d poster): %w", len(b.pending), err)
	}
	return nil
}

// LogAccess notes that the screen showed citizens' data.
func (s *sessionStore) LogAccess(e store.AccessEntry) { s.access.add(e) }

func (s *sessionStore) writeAccess(batch []store.AccessEntry) error {
	_, err := useStore(s, true, func(st store.DB) (struct{}, error) { return struct{}{}, st.RecordAccess(batch...) })
	return err
}
