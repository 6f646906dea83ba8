package main

import (
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
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

// benchStoreWith is benchStore with the store opened by opt, so that the
// encrypted variant is built through the same keys the commands use.
func benchStoreWith(b *testing.B, n int, opt store.Options) string {
	b.Helper()
	cat, err := standards.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "vum.db")
	s, err := store.Open(path, opt)
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

// BenchmarkEncryptionCost times, side by side on 100,000 cases without and
// with encryption at rest, what a caseworker waits for: »vum followups«
// and »vum case show« as whole commands (in-process: open, read, the
// access log entry, output) and the data of the screen's first frame. The
// encrypted store is unlocked as after »vum unlock«: the key comes from
// the session keyring (VUM_KEYCACHE=session), so no key derivation is
// paid; where the kernel refuses a keyring, from VUM_PASSPHRASE at the
// tests' low Argon2id cost. Both stores are built first and the rounds
// alternate between them, so load from elsewhere falls on both alike.
func BenchmarkEncryptionCost(b *testing.B) {
	const n = 100_000
	b.Setenv("VUM_KEYCACHE", "session")
	type variant struct {
		mode string
		opt  store.Options
		path string
		id   string
	}
	var variants []variant
	for _, mode := range []string{"plain", "encrypted"} {
		v := variant{mode: mode, opt: store.Options{User: "bench"}}
		if mode == "encrypted" {
			v.opt.Keys = testKeys()
		}
		v.path = benchStoreWith(b, n, v.opt)
		page, err := (&sessionStore{path: v.path, opt: v.opt}).FirstPage(benchToday.AddDays(30), 1)
		if err != nil || len(page) == 0 {
			b.Fatal(err)
		}
		v.id = page[0].ID
		variants = append(variants, v)
	}
	defer run([]string{"lock"}, strings.NewReader(""), io.Discard, io.Discard)
	command := func(args ...string) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				if status := run(args, strings.NewReader(""), io.Discard, io.Discard); status != 0 {
					b.Fatalf("vum %v: status %d", args, status)
				}
			}
		}
	}
	for range 3 {
		for _, v := range variants {
			b.Setenv("VUM_DB", v.path)
			sess := &sessionStore{path: v.path, opt: v.opt}
			b.Run("followups/"+v.mode, command("followups", "--json"))
			b.Run("case-show/"+v.mode, command("case", "show", v.id))
			b.Run("first-page/"+v.mode, func(b *testing.B) {
				for b.Loop() {
					if page, err := sess.FirstPage(benchToday.AddDays(30), 100); err != nil || len(page) < 100 {
						b.Fatalf("%d rows, %v", len(page), err)
					}
				}
			})
		}
	}
}
