package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Anchors: the same work done by programs whose speed is known, timed in
// the same rounds as vum so that load from elsewhere falls on both alike.
//
//   - »vum followups --json« against »sqlite3 -json« on a table holding
//     every follow-up of the same store (one row per active grant, read
//     once with »vum followups --before 9999-12-31 --json«), indexed on
//     the due date, selecting the same rows in the same order.
//   - »vum --help« against a static Go program that prints one line: the
//     cost of starting any Go process on this machine.

// anchorResult is one pair timed side by side.
type anchorResult struct {
	name, anchor string
	cases        int // 0: independent of the store
	vum, other   stats
}

// followupsHorizonDays is vum's default window for »vum followups«.
const followupsHorizonDays = 30

// timeAnchors measures the pairs. Without sqlite3 on PATH the first pair
// is left out and said so.
func (b *bench) timeAnchors() error {
	hello, err := b.buildHello()
	if err != nil {
		return err
	}
	pairs := []anchorPair{{
		name: "vum --help", anchor: "static Go hello world", store: b.stores[0],
		vum:   func(st storeResult) []string { return []string{b.vum, "--help"} },
		other: func(storeResult) []string { return []string{hello} },
	}}
	if sqlite, err := exec.LookPath("sqlite3"); err != nil {
		fmt.Fprintln(b.log, "sqlite3 not on PATH: vum followups is not compared with SQLite")
	} else {
		last, err := time.Parse(time.DateOnly, b.cfg.today)
		if err != nil {
			return fmt.Errorf("--today: %v", err)
		}
		query := fmt.Sprintf("SELECT case_id, grant, name, provision, due, overdue FROM followups WHERE due <= '%s' ORDER BY due, case_id, grant;",
			last.AddDate(0, 0, followupsHorizonDays).Format(time.DateOnly))
		for _, st := range b.stores {
			db, err := b.sqliteStore(sqlite, st, query)
			if err != nil {
				return err
			}
			pairs = append(pairs, anchorPair{
				name: "vum followups --json", anchor: "sqlite3 -json, indexed table", store: st, cases: st.cases,
				vum:   func(storeResult) []string { return []string{b.vum, "followups", "--json"} },
				other: func(storeResult) []string { return []string{sqlite, "-readonly", "-json", db, query} },
			})
		}
	}
	fmt.Fprintf(b.log, "anchors: %d runs of %d pairs\n", b.cfg.runs, len(pairs))
	vumSamples := make([][]sample, len(pairs))
	otherSamples := make([][]sample, len(pairs))
	for round := -1; round < b.cfg.runs; round++ {
		for i, p := range pairs {
			v, err := b.anchorRun(p.store.db, p.vum(p.store))
			if err != nil {
				return err
			}
			o, err := b.anchorRun(p.store.db, p.other(p.store))
			if err != nil {
				return err
			}
			if round >= 0 {
				vumSamples[i] = append(vumSamples[i], v)
				otherSamples[i] = append(otherSamples[i], o)
			}
		}
	}
	for i, p := range pairs {
		b.anchors = append(b.anchors, anchorResult{name: p.name, anchor: p.anchor, cases: p.cases,
			vum: summarize(vumSamples[i]), other: summarize(otherSamples[i])})
	}
	return nil
}

// anchorPair is a vum command and the program it is compared with.
type anchorPair struct {
	name, anchor string
	store        storeResult
	cases        int
	vum, other   func(storeResult) []string
}

// anchorRun runs args (either program) with vum's environment for db.
func (b *bench) anchorRun(db string, args []string) (sample, error) {
	env := append(b.vumEnv(), "VUM_DB="+db)
	var errOut bytes.Buffer
	s, err := measured(b.self, b.dir, env, b.devNull, &errOut, args)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, errOut.Bytes())
	}
	return s, nil
}

// buildHello builds a Go program that prints one line, without cgo.
func (b *bench) buildHello() (string, error) {
	dir := filepath.Join(b.dir, "hello")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	src := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hej\") }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o600); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o600); err != nil {
		return "", err
	}
	exe := filepath.Join(dir, "hello")
	if filepath.Separator == '\\' {
		exe += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", exe, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the hello world: %v\n%s", err, out)
	}
	return exe, nil
}

// sqliteStore loads every follow-up of st into an SQLite table indexed on
// the due date, and checks that query finds the rows vum finds.
func (b *bench) sqliteStore(sqlite string, st storeResult, query string) (string, error) {
	var all bytes.Buffer
	if _, err := b.vumRun(st.db, &all, "followups", "--before", "9999-12-31", "--json"); err != nil {
		return "", err
	}
	rows := filepath.Join(b.dir, fmt.Sprintf("followups-%d.json", st.cases))
	if err := os.WriteFile(rows, all.Bytes(), 0o600); err != nil {
		return "", err
	}
	db := filepath.Join(b.dir, fmt.Sprintf("followups-%d.sqlite", st.cases))
	os.Remove(db)
	load := fmt.Sprintf(`CREATE TABLE followups (case_id TEXT NOT NULL, grant TEXT NOT NULL, name TEXT NOT NULL,
  provision TEXT NOT NULL, due TEXT NOT NULL, overdue INTEGER NOT NULL);
INSERT INTO followups SELECT value->>'case_id', value->>'grant', value->>'name', value->>'provision',
  value->>'due', value->>'overdue' FROM json_each(readfile('%s'));
CREATE INDEX followups_due ON followups (due, case_id, grant);
ANALYZE;
SELECT count(*) FROM followups;
`, strings.ReplaceAll(rows, "'", "''"))
	cmd := exec.Command(sqlite, db)
	cmd.Stdin = strings.NewReader(load)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("sqlite3 %s: %v\n%s", db, err, out)
	}
	fmt.Fprintf(b.log, "%d cases: %s follow-ups in SQLite\n", st.cases, strings.TrimSpace(string(out)))
	got, err := exec.Command(sqlite, "-readonly", "-json", db, query).Output()
	if err != nil {
		return "", fmt.Errorf("sqlite3 %s: %v", query, err)
	}
	var due []json.RawMessage
	if len(bytes.TrimSpace(got)) > 0 {
		if err := json.Unmarshal(got, &due); err != nil {
			return "", fmt.Errorf("sqlite3 -json: %v", err)
		}
	}
	if len(due) != st.due {
		return "", fmt.Errorf("sqlite3 finds %d follow-ups due, vum %d", len(due), st.due)
	}
	return db, nil
}

// reportAnchors prints the pairs and their ratios.
func (b *bench) reportAnchors(w io.Writer) {
	if len(b.anchors) == 0 {
		return
	}
	fmt.Fprintf(w, "\nSide by side, in the same rounds (%d runs each, after one untimed run):\n\n", b.cfg.runs)
	fmt.Fprintln(w, "| command | cases | median | anchor | anchor median | ratio |")
	fmt.Fprintln(w, "|---|---:|---:|---|---:|---:|")
	for _, a := range b.anchors {
		cases := "any"
		if a.cases > 0 {
			cases = thousands(int64(a.cases))
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %sx |\n", a.name, cases, millis(a.vum.median), a.anchor,
			millis(a.other.median), strconv.FormatFloat(a.vum.median.Seconds()/a.other.median.Seconds(), 'f', 2, 64))
	}
}
