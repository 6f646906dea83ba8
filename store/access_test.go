package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCitizenAccessReport(t *testing.T) {
	clk := newClock()
	opt := testOptions()
	opt.Now = clk.now
	path := filepath.Join(t.TempDir(), "vum.db")
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// An export before the citizen's case existed is not about them.
	if err := s.RecordAccess(AccessEntry{Action: AccessExport, All: true, Detail: "før"}); err != nil {
		t.Fatal(err)
	}
	clk.t = clk.t.Add(time.Hour)
	mine := addCase(t, s, sampleCase(1))
	other := addCase(t, s, sampleCase(2))
	second := addCase(t, s, sampleCase(1)) // the same citizen again
	steps := []AccessEntry{
		{Action: AccessRead, Cases: []string{mine.ID}, Purpose: "opfølgning", User: "anna"},
		{Action: AccessRead, Cases: []string{other.ID}, User: "bo"},
		{Action: AccessSearch, Cases: []string{mine.ID, second.ID}, Detail: "CPR-søgning"},
		{Action: AccessBackup, All: true},
		{Action: AccessRead, Cases: []string{second.ID}, User: "carl"},
	}
	for _, e := range steps {
		if err := s.RecordAccess(e); err != nil {
			t.Fatal(err)
		}
	}
	cases, entries, err := s.CitizenAccess(sampleCase(1).Citizen.CPR)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 {
		t.Errorf("cases = %v, want 2", cases)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+"/"+e.User)
		if e.Time.IsZero() || e.ID == "" {
			t.Errorf("entry without time or id: %+v", e)
		}
	}
	want := "læst/anna,søgning/sagsbehandler,sikkerhedskopi/sagsbehandler,læst/carl"
	if strings.Join(got, ",") != want {
		t.Errorf("report = %s, want %s", strings.Join(got, ","), want)
	}
	if entries[0].Purpose != "opfølgning" {
		t.Errorf("purpose lost: %+v", entries[0])
	}
}

func TestPruneAccessKeepsRecentAndLogsItself(t *testing.T) {
	clk := newClock()
	opt := testOptions()
	opt.Now = clk.now
	s, err := Open(filepath.Join(t.TempDir(), "vum.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec := addCase(t, s, sampleCase(3))
	s.RecordAccess(AccessEntry{Action: AccessRead, Cases: []string{rec.ID}, Detail: "gammel"})
	clk.t = clk.t.AddDate(0, 7, 0)
	s.RecordAccess(AccessEntry{Action: AccessRead, Cases: []string{rec.ID}, Detail: "ny"})
	if err := s.SetAccessRetention(0); err == nil {
		t.Error("a retention of 0 months was accepted")
	}
	if err := s.SetAccessRetention(6); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.AccessRetention(); m != 6 {
		t.Errorf("retention = %d", m)
	}
	n, err := s.PruneAccess()
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	var details []string
	s.AccessLog(func(e AccessEntry) bool { details = append(details, e.Action+":"+e.Detail); return true })
	if len(details) != 2 || details[0] != "læst:ny" || !strings.HasPrefix(details[1], "logbog ryddet:1 post ældre end") {
		t.Errorf("log after prune = %v", details)
	}
	_, entries, _ := s.CitizenAccess(sampleCase(3).Citizen.CPR)
	if len(entries) != 2 || entries[1].Action != AccessPrune {
		t.Errorf("the citizen's report must show the pruning: %+v", entries)
	}
}
