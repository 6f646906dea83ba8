package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

// Every read, search and export of a citizen's cases shows in the
// citizen's access report, in order, with the user and the purpose.
func TestCitizenAccessReport(t *testing.T) {
	path := withStore(t)
	shared := pgstore.IsURL(path)
	mine := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	other := strings.TrimSpace(mustRun(t, "", "case", "add", example("gentofte-85.json")))
	mustRun(t, "", "decide", mine, "--provision", "sel85", "--date", "2026-11-20", "--follow-up", "2026-12-01")
	mustRun(t, "", "case", "show", mine, "--purpose", "opfølgning")
	mustRun(t, "", "case", "show", other)
	mustRun(t, "", "followups", "--ics")
	mustRun(t, "", "export", "--format", "csv")
	mustRun(t, "", "draft", mine)
	want := "læst,eksport,eksport,udkast"
	user := osUser()
	if shared {
		// A shared database is backed up by its own tools, and records the
		// database role.
		s, err := openTestStore(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		user = s.(*pgstore.Store).User()
		s.Close()
	} else {
		mustRun(t, "", "backup", filepath.Join(t.TempDir(), "kopi.db"))
		want += ",sikkerhedskopi"
	}

	var report struct {
		CPR     string              `json:"cpr"`
		Cases   []string            `json:"cases"`
		Entries []store.AccessEntry `json:"entries"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "", "log", "--citizen", "150391-1234", "--json")), &report); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, e := range report.Entries {
		got = append(got, e.Action)
		if e.User != user {
			t.Errorf("entry %d: user %q, want %q", i, e.User, user)
		}
		if i > 0 && e.Time.Before(report.Entries[i-1].Time) {
			t.Errorf("entry %d out of order", i)
		}
	}
	if strings.Join(got, ",") != want {
		t.Errorf("report = %s, want %s", strings.Join(got, ","), want)
	}
	if len(report.Entries) > 0 && report.Entries[0].Purpose != "opfølgning" {
		t.Errorf("purpose = %q", report.Entries[0].Purpose)
	}
	if report.CPR != "150391-xxxx" || len(report.Cases) != 1 || report.Cases[0] != mine {
		t.Errorf("report head = %s %v", report.CPR, report.Cases)
	}

	// Asking for the report is itself noted, and the text form reads well.
	text := mustRun(t, "", "log", "--citizen", "150391-1234")
	if !strings.Contains(text, "adgangsrapport") || !strings.Contains(text, "eksport (alle sager)") || !strings.Contains(text, "opfølgning") {
		t.Errorf("text report:\n%s", text)
	}
	pdf := filepath.Join(t.TempDir(), "indsigt.pdf")
	mustRun(t, "", "log", "--citizen", "150391-1234", "--pdf", pdf)
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("pdf: %v", err)
	}

	for _, bad := range [][]string{{"--citizen", "15039"}, {"--pdf", "x.pdf"}, {"--citizen", "150391-1234", "--prune"}} {
		if _, errOut, status := vum(t, "", append([]string{"log"}, bad...)...); status != 2 {
			t.Errorf("log %v: status %d %s", bad, status, errOut)
		}
	}
	if _, errOut, status := vum(t, "", "log", "--citizen", "010101-1234"); status != 1 || !strings.Contains(errOut, "ingen sager om borgeren") {
		t.Errorf("unknown citizen: %d %s", status, errOut)
	}

	out := mustRun(t, "", "log", "--prune")
	if !strings.Contains(out, "0 poster ældre end 24 måneder") {
		t.Errorf("prune: %s", out)
	}
	if _, errOut, status := vum(t, "", "log", "--retention", "0"); status != 2 || !strings.Contains(errOut, "mellem 1 og 120") {
		t.Errorf("retention 0: %d %s", status, errOut)
	}
	mustRun(t, "", "log", "--retention", "6")
	if out := mustRun(t, "", "log", "--prune"); !strings.Contains(out, "6 måneder") {
		t.Errorf("prune after retention 6: %s", out)
	}
	if text := mustRun(t, "", "log", "--citizen", "150391-1234"); !strings.Contains(text, "logbog ryddet") {
		t.Errorf("the report must show the pruning:\n%s", text)
	}
}

// The screen's batch writer never blocks the caller, writes everything
// by stop, and keeps entries whose write failed until a later one works.
func TestAccessBatchLosesNothing(t *testing.T) {
	var mu sync.Mutex
	var written []store.AccessEntry
	fail := true
	var b accessBatch
	b.start(func(batch []store.AccessEntry) error {
		mu.Lock()
		defer mu.Unlock()
		if fail {
			fail = false
			return errors.New("i brug")
		}
		written = append(written, batch...)
		return nil
	}, "tilsyn")
	for i := 0; i < 100; i++ {
		b.add(store.AccessEntry{Action: store.AccessRead, Cases: []string{"SAG"}})
	}
	if err := b.flush(); err == nil {
		t.Fatal("the first write should fail")
	}
	b.add(store.AccessEntry{Action: store.AccessSearch})
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	if len(written) != 101 || written[100].Action != store.AccessSearch || written[0].Purpose != "tilsyn" || written[0].Time.IsZero() {
		t.Errorf("written %d entries: %+v", len(written), written[len(written)-1])
	}
}
