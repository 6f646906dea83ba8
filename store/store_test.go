package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

func TestOpenCreatesPrivateFile(t *testing.T) {
	_, path := openTemp(t)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", info.Mode().Perm())
	}
	dir, _ := os.Stat(filepath.Dir(path))
	if dir.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", dir.Mode().Perm())
	}
}

func TestCaseLifecycle(t *testing.T) {
	s, _ := openTemp(t)
	rec, err := s.AddCase(sampleCase(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.ID) != 26 {
		t.Errorf("id %q is not a ULID", rec.ID)
	}
	got, err := s.Case(strings.ToLower(rec.ID))
	if err != nil || got.Case.Citizen.Name != "Borger 1" {
		t.Fatalf("Case = %+v, %v", got, err)
	}
	changed := got.Case
	changed.Citizen.Name = "Borger Et"
	if _, err := s.UpdateCase(rec.ID, changed); err != nil {
		t.Fatal(err)
	}
	var names []string
	s.Summaries(func(sum Summary) bool { names = append(names, sum.Name+" "+sum.MaskedID); return true })
	if len(names) != 1 || names[0] != "Borger Et 020251-xxxx" {
		t.Errorf("summaries = %v", names)
	}
	ids, err := s.CasesByCPR(changed.Citizen.CPR)
	if err != nil || len(ids) != 1 || ids[0] != rec.ID {
		t.Errorf("CasesByCPR = %v, %v", ids, err)
	}
	if _, err := s.Case("01ARZ3NDEKTSV4RRFFQ69G5FAV"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing case: %v", err)
	}
}

func TestDecisionKeepsDueIndexInStep(t *testing.T) {
	s, _ := openTemp(t)
	a, _ := s.AddCase(sampleCase(1))
	b, _ := s.AddCase(sampleCase(2))
	c, _ := s.AddCase(sampleCase(3))
	s.Decide(a.ID, decision(domain.NewDate(2027, 11, 25)))
	s.Decide(b.ID, decision(domain.NewDate(2027, 1, 10)))
	s.Decide(c.ID, decision(domain.NewDate(2027, 6, 1)))
	due := func(last domain.Date) []string {
		var out []string
		if err := s.DueBefore(last, func(d Due) bool { out = append(out, d.Name+"@"+d.Due.String()); return true }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := strings.Join(due(domain.NewDate(2027, 6, 1)), ","); got != "Borger 2@2027-01-10,Borger 3@2027-06-01" {
		t.Errorf("due on or before 1 June = %s", got)
	}
	// a new decision moves the follow-up; the old index entry goes
	s.Decide(b.ID, decision(domain.NewDate(2028, 1, 10)))
	if got := strings.Join(due(domain.NewDate(2027, 12, 31)), ","); got != "Borger 3@2027-06-01,Borger 1@2027-11-25" {
		t.Errorf("after moving = %s", got)
	}
	// a refusal ends the follow-ups
	refusal := decision(domain.NewDate(2027, 6, 1))
	refusal.Refused = true
	s.Decide(c.ID, refusal)
	if got := strings.Join(due(domain.NewDate(2030, 1, 1)), ","); got != "Borger 1@2027-11-25,Borger 2@2028-01-10" {
		t.Errorf("after refusal = %s", got)
	}
	rec, _ := s.Case(b.ID)
	if rec.Decision == nil || rec.FollowUpDue.String() != "2028-01-10" {
		t.Errorf("case = %+v", rec)
	}
	h, _ := s.History(b.ID)
	if len(h.Decisions) != 2 {
		t.Errorf("decision history = %d, want 2", len(h.Decisions))
	}
	report, _ := s.Check()
	if !report.OK() || report.Due != 2 {
		t.Errorf("check = %+v", report)
	}
}

func TestFollowUpWithReassessmentKeepsHistory(t *testing.T) {
	s, _ := openTemp(t)
	a, _ := s.AddCase(sampleCase(1))
	s.Decide(a.ID, decision(domain.NewDate(2027, 11, 25)))
	again := sampleCase(1).Assessment
	again.Themes = map[string]domain.ThemeAssessment{"psykisk_funktionsnedsaettelse": {Level: 1}}
	_, err := s.CompleteFollowUp(a.ID, FollowUpResult{Done: domain.NewDate(2027, 11, 20), Outcome: "Bedre.",
		Reassessment: &again, Next: domain.NewDate(2028, 11, 20)})
	if err != nil {
		t.Fatal(err)
	}
	h, _ := s.History(a.ID)
	if len(h.Assessments) != 2 || h.Assessments[0].Assessment.Themes["psykisk_funktionsnedsaettelse"].Level != 2 ||
		h.Assessments[1].Kind != "revurdering" || len(h.FollowUps) != 1 {
		t.Errorf("history = %+v", h)
	}
	rec, _ := s.Case(a.ID)
	if rec.Case.Assessment.Themes["psykisk_funktionsnedsaettelse"].Level != 1 || rec.FollowUpDue.String() != "2028-11-20" {
		t.Errorf("case after follow-up = %+v", rec)
	}
}

func TestAuditTrail(t *testing.T) {
	s, _ := openTemp(t)
	a, _ := s.AddCase(sampleCase(7))
	s.Decide(a.ID, decision(domain.NewDate(2027, 11, 25)))
	b, _ := s.AddCase(sampleCase(8))
	var all, forA []AuditEntry
	s.Log("", func(e AuditEntry) bool { all = append(all, e); return true })
	s.Log(a.ID, func(e AuditEntry) bool { forA = append(forA, e); return true })
	if len(all) != 4 || all[0].Action != "database oprettet" {
		t.Fatalf("audit = %+v", all)
	}
	if len(forA) != 2 || forA[0].Action != "sag oprettet" || forA[1].Action != "afgørelse" || forA[1].User != "sagsbehandler" {
		t.Errorf("audit for case = %+v", forA)
	}
	if all[3].CaseID != b.ID || !all[3].Time.After(all[2].Time) {
		t.Errorf("last entry = %+v", all[3])
	}
}

// A CPR number must never be a key, and the audit trail never holds one.
func TestNoCPRInKeysOrAudit(t *testing.T) {
	s, path := openTemp(t)
	cf := sampleCase(5)
	a, _ := s.AddCase(cf)
	s.Decide(a.ID, decision(domain.NewDate(2027, 1, 1)))
	s.Close()
	full := cf.Citizen.CPR.String()
	digits := strings.ReplaceAll(full, "-", "")
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if strings.Contains(string(k), full) || strings.Contains(string(k), digits) {
					t.Errorf("bucket %s has a CPR number in key %q", name, k)
				}
				if string(name) == "audit" && (strings.Contains(string(v), full) || strings.Contains(string(v), digits)) {
					t.Errorf("audit entry holds a full CPR number: %s", v)
				}
				return nil
			})
		})
	})
}

func TestPendingReassessment(t *testing.T) {
	s, _ := openTemp(t)
	a, _ := s.AddCase(sampleCase(1))
	s.Decide(a.ID, decision(domain.NewDate(2027, 11, 25)))
	pending := domain.Assessment{Themes: map[string]domain.ThemeAssessment{"socialt_liv": {Level: 1}}}
	if err := s.SavePending(a.ID, &pending); err != nil {
		t.Fatal(err)
	}
	rec, _ := s.Case(a.ID)
	if rec.Pending == nil || rec.Case.Assessment.Themes["psykisk_funktionsnedsaettelse"].Level != 2 {
		t.Fatalf("pending must be kept beside the current assessment: %+v", rec)
	}
	s.CompleteFollowUp(a.ID, FollowUpResult{Done: domain.NewDate(2027, 11, 20), Outcome: "ok", Reassessment: rec.Pending, Next: domain.NewDate(2028, 11, 20)})
	rec, _ = s.Case(a.ID)
	if rec.Pending != nil || rec.Case.Assessment.Themes["socialt_liv"].Level != 1 {
		t.Errorf("after the follow-up: %+v", rec)
	}
}

func TestSummaryPages(t *testing.T) {
	s, _ := openTemp(t)
	var ids []string
	for i := 0; i < 5; i++ {
		r, _ := s.AddCase(sampleCase(i))
		ids = append(ids, r.ID)
	}
	latest, err := s.LatestSummaries(2)
	if err != nil || len(latest) != 2 || latest[0].ID != ids[4] || latest[1].ID != ids[3] {
		t.Errorf("latest = %+v, %v", latest, err)
	}
	some, err := s.SummariesOf([]string{ids[1], "01ARZ3NDEKTSV4RRFFQ69G5FAV", strings.ToLower(ids[2])})
	if err != nil || len(some) != 2 || some[0].ID != ids[1] || some[1].ID != ids[2] {
		t.Errorf("SummariesOf = %+v, %v", some, err)
	}
}
