package tui

import (
	"os"
	"testing"
	"time"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

// BenchmarkFilterKeystrokePostgres is BenchmarkFilterKeystroke on the
// cases of a PostgreSQL database (VUM_BENCH_POSTGRES, its search_path
// naming the schema): the summaries are read from the database as the
// screen reads them in the background, then each keystroke filters them
// and redraws (target < 16 ms at 1,000,000 cases). The reading is
// reported as load-ms.
func BenchmarkFilterKeystrokePostgres(b *testing.B) {
	url := os.Getenv("VUM_BENCH_POSTGRES")
	if url == "" {
		b.Skip("VUM_BENCH_POSTGRES is not set")
	}
	s, err := pgstore.Open(url, pgstore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var sums []store.Summary
	if err := s.Summaries(func(sum store.Summary) bool { sums = append(sums, sum); return true }); err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	s.Close()
	for _, tc := range []struct {
		name    string
		typed   string
		strokes []string
	}{
		// A letter more and back, as while typing a name: each scans
		// only what the search before it found.
		{"narrowing", "hanse", []string{"n", "<backspace>"}},
		// The first letter typed and deleted: every case is scanned.
		{"first-letter", "", []string{"h", "<backspace>"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			m := drive(b, newTestModel(b, newFakeStore(), nil), resize(80, 24))
			m = drive(b, m, casesLoadedMsg{rows: buildRows(m.c, sums)})
			m = drive(b, m, keys("/", tc.typed)...)
			strokes := keys(tc.strokes...)
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				next, _ := m.Update(strokes[i%2])
				m = next.(Model)
				_ = m.View()
				i++
			}
			b.ReportMetric(float64(len(sums)), "cases")
			b.ReportMetric(float64(load.Milliseconds()), "load-ms")
		})
	}
}
