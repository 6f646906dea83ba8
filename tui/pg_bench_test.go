package tui

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

// benchSchema holds the million cases of BenchmarkFilterKeystrokePostgres;
// it is made on first use and kept for the next run.
const benchSchema = "bench_c1m"

// BenchmarkFilterKeystrokePostgres is BenchmarkFilterKeystroke on the
// cases of a PostgreSQL database (VUM_BENCH_POSTGRES): the summaries are
// read from the database as the screen reads them in the background, then
// each keystroke filters them and redraws (target < 16 ms at 1,000,000
// cases). The reading is reported as load-ms. The "-complete" cases time
// a keystroke until the background part of its search has ended too, so
// the whole result is on the screen. cpu-ms/op is the process's CPU time
// for each: the work, apart from waiting for a CPU on a busy machine.
//
// Without VUM_BENCH_CASES (default 1,000,000) cases in the schema
// bench_c1m, the benchmark makes them first, in SQL: a few minutes on a
// busy machine, once.
func BenchmarkFilterKeystrokePostgres(b *testing.B) {
	url := os.Getenv("VUM_BENCH_POSTGRES")
	if url == "" {
		b.Skip("VUM_BENCH_POSTGRES is not set")
	}
	s, err := pgstore.Open(url, pgstore.Options{Schema: benchSchema})
	if err != nil {
		b.Fatal(err)
	}
	fillMillion(b, s, url)
	start := time.Now()
	var sums []store.Summary
	if err := s.Summaries(func(sum store.Summary) bool { sums = append(sums, sum); return true }); err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	s.Close()
	for _, tc := range []struct {
		name     string
		typed    string
		strokes  []string
		complete bool
	}{
		// Each case times the first key of strokes (the second, not
		// timed, takes it back). A letter more, as while typing a name:
		// it scans only what the search before it found.
		{"narrowing", "hanse", []string{"n", "<backspace>"}, false},
		// The first letter: every case is scanned, the first rows by
		// the keystroke, the rest in the background.
		{"first-letter", "", []string{"h", "<backspace>"}, false},
		{"first-letter-complete", "", []string{"h", "<backspace>"}, true},
		// A letter no name has: nothing found until every row is read.
		{"no-match", "", []string{"q", "<backspace>"}, false},
		{"no-match-complete", "", []string{"q", "<backspace>"}, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			m := drive(b, newTestModel(b, newFakeStore(), nil), resize(80, 24))
			m = drive(b, m, casesLoadedMsg{rows: buildRows(m.c, sums)})
			m = drive(b, m, keys("/", tc.typed)...)
			strokes := keys(tc.strokes...)
			// The collection after reading a million summaries is done
			// before timing, so it does not fall on the first case.
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			var cpu time.Duration
			for range b.N {
				// Timed: the keystroke, and with -complete the rest of
				// its search, with the frame drawn.
				start := processCPU()
				next, cmd := m.Update(strokes[0])
				m = next.(Model)
				if tc.complete {
					for _, msg := range runCmd(cmd) {
						if _, ok := msg.(filterDoneMsg); ok {
							next, _ = m.Update(msg)
							m = next.(Model)
						}
					}
				} else if m.cases.scan != nil {
					m.cases.scan.stop.Store(true) // as the next keystroke does
				}
				_ = m.View()
				cpu += processCPU() - start
				// Not timed: the key back, to type it again.
				b.StopTimer()
				next, _ = m.Update(strokes[1])
				m = next.(Model)
				_ = m.View()
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(len(sums)), "cases")
			b.ReportMetric(float64(load.Milliseconds()), "load-ms")
		})
	}
}

// fillMillion makes the benchmark's cases in the schema, in SQL, when it
// holds fewer: summaries only, which is all the list reads. Names are
// drawn from common Danish first, middle and last names. Each value is
// plain JSON behind the one-byte mark of a value without checksum, which
// the store reads as it is.
func fillMillion(b *testing.B, s *pgstore.Store, url string) {
	want := 1_000_000
	if v := os.Getenv("VUM_BENCH_CASES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("VUM_BENCH_CASES=%q: give a whole number", v)
		}
		want = n
	}
	have, err := s.Count()
	if err != nil {
		b.Fatal(err)
	}
	if have >= want {
		return
	}
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	cfg.RuntimeParams["search_path"] = benchSchema
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	first := []string{"Mette", "Lars", "Peter", "Sara", "Jonas", "Anne", "Søren", "Åse", "Birgit", "Mads", "Ida", "Niels",
		"Karen", "Jens", "Kirsten", "Henrik", "Hanne", "Michael", "Inge", "Thomas", "Lone", "Ole", "Emma", "Frederik"}
	middle := []string{"", "", "Marie", "Bach", "Juul", "Lund", "Dam", "Krag", "Vinther", "Friis", "Munk"}
	last := []string{"Hansen", "Holm", "Krogh", "Nielsen", "Berg", "Jensen", "Østergaard", "Bæk", "Møller", "Larsen",
		"Poulsen", "Kristensen", "Skov", "Thomsen", "Rasmussen", "Sørensen", "Jørgensen", "Madsen", "Mikkelsen", "Dahl"}
	start := time.Now()
	_, err = conn.Exec(ctx, `
		INSERT INTO cases (id, created, version, responsible, summary)
		SELECT id, '2026-01-01T00:00:00Z', 1, '', '\x01'::bytea || convert_to(json_build_object(
			'id', id,
			'name', concat_ws(' ', ($3::text[])[1 + i % cardinality($3)],
				nullif(($4::text[])[1 + (i / 7) % cardinality($4)], ''),
				($5::text[])[1 + (i / 13) % cardinality($5)]),
			'masked_id', to_char(1 + i % 28, 'FM00') || to_char(1 + i % 12, 'FM00') || to_char(i % 100, 'FM00') || '-xxxx',
			'municipality', (ARRAY['183', '157', '151', '187'])[1 + i % 4],
			'provision', 'sel85', 'tier', 'moderat', 'active', ARRAY['sel85'],
			'next_due', to_char(date '2026-11-01' + (i % 700), 'YYYY-MM-DD'),
			'decided', true, 'version', 1,
			'updated', to_char(timestamp '2020-01-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
		)::text, 'UTF8')
		FROM (SELECT i, '01J' || to_char(i, 'FM00000000000000000000000') AS id FROM generate_series($1::int, $2::int) i) g`,
		have+1, want, first, middle, last)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("made %d cases in %s in %s", want-have, benchSchema, time.Since(start).Round(time.Second))
	if _, err := conn.Exec(ctx, "ANALYZE cases"); err != nil && !strings.Contains(err.Error(), "permission") {
		b.Fatal(err)
	}
}
