package main

import (
	"iter"
	"os"
	"path/filepath"
	"testing"

	"github.com/vumdk/vum/cmd/internal/synth"
	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

var benchToday = domain.NewDate(2026, 11, 25)

// benchStore returns a store of n generated cases with 200 follow-ups due
// within 30 days. VUM_BENCH_STORE names an existing one to reuse.
func benchStore(b *testing.B, n int) string {
	b.Helper()
	if path := os.Getenv("VUM_BENCH_STORE"); path != "" {
		return path
	}
	cat, err := standards.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "vum.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	g := synth.New(cat, n, synth.Options{Seed: 1, Today: benchToday, Due: 200})
	records := func(yield func(store.ImportRecord, error) bool) {
		for i := range n {
			if !yield(store.ImportRecord{Line: i + 1, Case: g.Next()}, nil) {
				return
			}
		}
	}
	if _, err := s.Import(iter.Seq2[store.ImportRecord, error](records), store.ImportOptions{Batch: 5000}); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkFirstPage reads what the start screen's first frame shows from
// a store of 100,000 cases: open, the due follow-ups, the newest 100.
func BenchmarkFirstPage(b *testing.B) {
	sess := &sessionStore{path: benchStore(b, 100_000), opt: store.Options{User: "bench"}}
	b.ResetTimer()
	for b.Loop() {
		page, err := sess.FirstPage(benchToday.AddDays(30), 100)
		if err != nil || len(page) < 100 {
			b.Fatalf("%d rows, %v", len(page), err)
		}
	}
}

// BenchmarkAllSummaries reads every summary of 100,000 cases, as the start
// screen does in the background for scrolling and search.
func BenchmarkAllSummaries(b *testing.B) {
	sess := &sessionStore{path: benchStore(b, 100_000), opt: store.Options{User: "bench"}}
	b.ResetTimer()
	for b.Loop() {
		if sums, err := sess.Summaries(); err != nil || len(sums) != 100_000 {
			b.Fatalf("%d, %v", len(sums), err)
		}
	}
}
