// Package storetest is the test suite every case store backend passes:
// the bbolt file and any other backend run the same tests.
package storetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Open returns a new, empty backend for one test; it is closed by the test.
type Open func(t *testing.T) store.Backend

// Run runs every test of the suite against backends made by open.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Backend)
	}{
		{"CreateAndRead", testCreateAndRead},
		{"SeveralGrantsEachWithItsFollowUp", testSeveralGrants},
		{"EndingOneGrantLeavesTheOthers", testEndGrant},
		{"FollowUpOnOneGrant", testFollowUpOnOne},
		{"StaleWriteRefused", testStaleWrite},
		{"RefusedEventChangesNothing", testRefusedEvent},
		{"DraftFieldsFromTwoWriters", testDraftTwoWriters},
		{"DraftOneAuditEntryPerVisit", testDraftAuditPerVisit},
		{"Correction", testCorrection},
		{"Delete", testDelete},
		{"ExportImportExportIdentical", testExportImportExport},
		{"ImportNeverDuplicates", testImportNeverDuplicates},
		{"NoCPRInAudit", testNoCPRInAudit},
		{"HandoverChangesTheResponsible", testHandover},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					f, ok := r.(failure)
					if !ok {
						panic(r)
					}
					t.Fatal(f.err)
				}
			}()
			reopenEmpty = open
			tc.fn(t, open(t))
		})
	}
}

// failure carries an unexpected error from must to the test running.
type failure struct{ err error }

// must returns v, failing the running test when err is set.
func must[T any](v T, err error) T {
	if err != nil {
		panic(failure{err})
	}
	return v
}

func date(y, m, d int) domain.Date { return domain.NewDate(y, timeMonth(m), d) }

// Opening returns the opening of a sample citizen number i.
func Opening(i int) domain.Opening {
	cpr, err := domain.ParseCPR(fmt.Sprintf("%02d%02d%02d-%04d", 1+i%28, 1+i%12, 50+i%40, 1000+i%9000))
	if err != nil {
		panic(err)
	}
	return domain.Opening{Municipality: "ishoj", ApplicationDate: date(2026, 10, 5),
		Citizen: domain.Citizen{Name: fmt.Sprintf("Borger %d", i), CPR: cpr, Living: domain.WithFamily, Address: "Vejen 1, 2635 Ishøj"}}
}

// Assessment returns a first assessment with a few themes.
func Assessment() *domain.AssessmentEvent {
	h := 3.0
	return &domain.AssessmentEvent{Date: date(2026, 10, 20), Kind: domain.FirstAssessment, Assessment: domain.Assessment{
		Themes: map[string]domain.ThemeAssessment{
			"psykisk_funktionsnedsaettelse": {Level: 3, Note: "Angst i hverdagen."},
			"socialt_liv":                   {Level: 3, CitizenView: "Jeg ser ingen."},
			"mobilitet":                     {NotRelevant: true},
		},
		SupportHoursPerWeek: &h, RelativesNeedRelief: true,
	}, Goals: []string{"Komme ud to gange om ugen"}}
}

func grant(p domain.ProvisionID, scope domain.Scope, due domain.Date) domain.Decision {
	return domain.Decision{Provision: p, Scope: scope, Date: date(2026, 11, 2), FollowedSuggestion: true,
		SuggestionRole: "primary", FollowUpDue: due, FollowUpFromStandard: true}
}

func hours(h float64) domain.Scope { return domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, h) }
func days(d float64) domain.Scope  { return domain.Scope{}.WithAmount(domain.UnitDaysPerWeek, d) }
func nights(d float64) domain.Scope {
	return domain.Scope{}.WithAmount(domain.UnitDaysPerYear, d)
}

// threeGrants makes a case with § 85, § 104 and aflastning.
func threeGrants(t *testing.T, b store.Backend) domain.Case {
	t.Helper()
	c := must(b.Create(Opening(1), Assessment()))
	d85 := grant(domain.SEL85, hours(3), date(2027, 11, 2))
	d85.Tier = "moderat"
	for _, d := range []domain.Decision{
		d85,
		grant(domain.SEL104, days(3), date(2027, 11, 3)),
		grant(domain.SEL107Relief, nights(48), date(2027, 11, 4)),
	} {
		c = must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}}))
	}
	return c
}

func dueOf(t *testing.T, b store.Backend, caseID string) map[string]domain.Date {
	t.Helper()
	out := map[string]domain.Date{}
	err := b.DueBefore(date(2040, 1, 1), func(d store.Due) bool {
		if d.CaseID == caseID {
			out[string(d.Provision)] = d.Due
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func testCreateAndRead(t *testing.T, b store.Backend) {
	c := must(b.Create(Opening(1), Assessment()))
	if c.Version != 2 || len(c.Events) != 2 {
		t.Fatalf("version %d with %d events, want 2", c.Version, len(c.Events))
	}
	got := must(b.Case(strings.ToLower(c.ID)))
	if got.Citizen.Name != "Borger 1" || got.Version != 2 || len(got.Assessments) != 1 {
		t.Errorf("read back %+v", got)
	}
	if a, _ := got.Current(); a.Assessment.Themes["psykisk_funktionsnedsaettelse"].Note != "Angst i hverdagen." {
		t.Errorf("assessment = %+v", a)
	}
	if _, err := b.Case("01ARZ3NDEKTSV4RRFFQ69G5FAV"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing case: %v", err)
	}
	if n := must(b.Count()); n != 1 {
		t.Errorf("count %d", n)
	}
}

func testSeveralGrants(t *testing.T, b store.Backend) {
	c := threeGrants(t, b)
	if len(c.Active()) != 3 {
		t.Fatalf("active grants: %+v", c.Active())
	}
	due := dueOf(t, b, c.ID)
	want := map[string]domain.Date{"sel85": date(2027, 11, 2), "sel104": date(2027, 11, 3), "sel107-aflastning": date(2027, 11, 4)}
	if fmt.Sprint(due) != fmt.Sprint(want) {
		t.Errorf("due = %v, want %v", due, want)
	}
	sums := must(b.SummariesOf([]string{c.ID}))
	if len(sums) != 1 || len(sums[0].Active) != 3 || !sums[0].NextDue.Equal(date(2027, 11, 2)) || sums[0].Provision != domain.SEL85 {
		t.Errorf("summary = %+v", sums)
	}
	g, _ := c.Grant("b1")
	if v, _ := g.Scope.Amount(domain.UnitHoursPerWeek); v != 3 || g.Tier != "moderat" {
		t.Errorf("grant b1 = %+v", g)
	}
}

func testEndGrant(t *testing.T, b store.Backend) {
	c := threeGrants(t, b)
	g, _ := c.Grant("b2")
	end := must(domain.EndGrant(g, date(2026, 11, 20), date(2026, 11, 30), "Borgeren er startet i job."))
	c = must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{end}}))
	if got, _ := c.Grant("b2"); got.Status != domain.GrantEnded || !got.End.Equal(date(2026, 11, 30)) || !got.FollowUpDue.IsZero() {
		t.Errorf("ended grant = %+v", got)
	}
	due := dueOf(t, b, c.ID)
	if _, ok := due["sel104"]; ok || len(due) != 2 {
		t.Errorf("due after ending § 104 = %v", due)
	}
	for _, id := range []string{"b1", "b3"} {
		if g, _ := c.Grant(id); !g.Active() {
			t.Errorf("%s changed by ending b2: %+v", id, g)
		}
	}
	// Ending it again is refused.
	if _, err := domain.EndGrant(must(b.Case(c.ID)).Grants[1], date(2026, 11, 21), domain.Date{}, "igen"); err == nil {
		t.Error("ended twice")
	}
}

func testFollowUpOnOne(t *testing.T, b store.Backend) {
	c := threeGrants(t, b)
	fu := domain.Event{Kind: domain.EventFollowUp, Grant: "b3", FollowUp: &domain.FollowUp{Provision: domain.SEL107Relief,
		Due: date(2027, 11, 4), Done: date(2027, 10, 1), Outcome: domain.OutcomeContinue, Next: date(2028, 10, 1)}}
	c = must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{fu}}))
	due := dueOf(t, b, c.ID)
	if !due["sel107-aflastning"].Equal(date(2028, 10, 1)) || !due["sel85"].Equal(date(2027, 11, 2)) || !due["sel104"].Equal(date(2027, 11, 3)) {
		t.Errorf("due = %v", due)
	}
}

func testStaleWrite(t *testing.T, b store.Backend) {
	c := must(b.Create(Opening(1), Assessment()))
	read := c.Version
	c2 := must(b.Append(c.ID, store.Change{Version: read, Events: []domain.Event{c.GrantEvent(grant(domain.SEL85, hours(3), date(2027, 11, 2)))}}))
	_, err := b.Append(c.ID, store.Change{Version: read, Events: []domain.Event{c.GrantEvent(grant(domain.SEL104, days(2), date(2027, 11, 2)))}})
	var stale *store.StaleError
	if !errors.As(err, &stale) || stale.Current != c2.Version || len(stale.Since) != 1 {
		t.Fatalf("stale write: %v", err)
	}
	if !strings.Contains(err.Error(), "bevilling SEL § 85") {
		t.Errorf("message does not say what changed: %v", err)
	}
	if got := must(b.Case(c.ID)); got.Version != c2.Version || len(got.Grants) != 1 {
		t.Errorf("stale write changed the case: %+v", got.Grants)
	}
}

func testRefusedEvent(t *testing.T, b store.Backend) {
	c := must(b.Create(Opening(1), Assessment()))
	bad := domain.Event{Kind: domain.EventFollowUp, Grant: "b9", FollowUp: &domain.FollowUp{Outcome: domain.OutcomeContinue}}
	if _, err := b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{bad}}); err == nil {
		t.Fatal("follow-up on a grant that does not exist was accepted")
	}
	if got := must(b.Case(c.ID)); got.Version != c.Version {
		t.Errorf("refused event changed the version to %d", got.Version)
	}
}

func testDraftTwoWriters(t *testing.T, b store.Backend) {
	c := must(b.Create(Opening(1), nil))
	note := domain.ThemeField("socialt_liv", domain.PartNote)
	level := domain.ThemeField("socialt_liv", domain.PartLevel)
	// Two screens read the (empty) draft, then each saves its own field.
	must(b.SaveDraft(c.ID, domain.FirstAssessment, "skaerm-1", []domain.DraftEdit{{Field: note, Value: "Ser ingen."}}))
	must(b.SaveDraft(c.ID, domain.FirstAssessment, "skaerm-2", []domain.DraftEdit{{Field: level, Value: "3"}}))
	d, ok := must2(b.Draft(c.ID))
	if !ok || d.Fields[note].Value != "Ser ingen." || d.Fields[level].Value != "3" {
		t.Fatalf("draft = %+v", d)
	}
	// Both change the note from what they read: the second is refused and
	// the first one's text is kept.
	must(b.SaveDraft(c.ID, domain.FirstAssessment, "skaerm-1", []domain.DraftEdit{{Field: note, Value: "Ser ingen venner.", Rev: 1}}))
	_, err := b.SaveDraft(c.ID, domain.FirstAssessment, "skaerm-2", []domain.DraftEdit{{Field: note, Value: "Andet.", Rev: 1}, {Field: level, Value: "4", Rev: 1}})
	var stale *store.StaleError
	if !errors.As(err, &stale) || len(stale.Fields) != 1 || stale.Fields[0] != note {
		t.Fatalf("conflicting save: %v", err)
	}
	d, _ = must2(b.Draft(c.ID))
	if d.Fields[note].Value != "Ser ingen venner." || d.Fields[level].Value != "3" {
		t.Errorf("refused save changed the draft: %+v", d.Fields)
	}
	a, _, _, err := domain.ParseDraft(d.Values())
	if err != nil || a.Themes["socialt_liv"].Level != 3 {
		t.Errorf("parsed draft %+v, %v", a, err)
	}
	// Recording the assessment drops the draft in the same write.
	ev := domain.Event{Kind: domain.EventAssessment, Assessment: &domain.AssessmentEvent{Date: date(2026, 11, 1), Kind: domain.FirstAssessment, Assessment: a}}
	must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}, DropDraft: true}))
	if _, ok := must2(b.Draft(c.ID)); ok {
		t.Error("draft kept after it was recorded")
	}
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(failure{err})
	}
	return a, b
}

func auditCount(t *testing.T, b store.Backend, caseID, action string) int {
	n := 0
	if err := b.Log(caseID, func(e store.AuditEntry) bool {
		if e.Action == action {
			n++
		}
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func testDraftAuditPerVisit(t *testing.T, b store.Backend) {
	c := must(b.Create(Opening(1), nil))
	f := domain.ThemeField("sundhed", domain.PartNote)
	var d domain.Draft
	for i := 0; i < 8; i++ {
		d = must(b.SaveDraft(c.ID, domain.FirstAssessment, "besoeg-1", d.Edits(map[string]string{f: strings.Repeat("x", i+1)})))
	}
	must(b.SaveDraft(c.ID, domain.FirstAssessment, "besoeg-2", d.Edits(map[string]string{f: "ny"})))
	if n := auditCount(t, b, c.ID, "udredning redigeret"); n != 2 {
		t.Errorf("%d audit entries for 9 saves in 2 visits, want 2", n)
	}
}

func testCorrection(t *testing.T, b store.Backend) {
	c := must(b.Create(Opening(1), Assessment()))
	oldCPR := c.Citizen.CPR
	ev := must(c.Correction(map[string]string{domain.FieldName: "Anna Borg", domain.FieldCPR: "010190-4321", domain.FieldLiving: "own_home"},
		"Forkert CPR-nummer ved oprettelsen.", date(2026, 11, 3), []string{"ishoj"}))
	c = must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}}))
	if c.Citizen.Name != "Anna Borg" || c.Citizen.CPR.String() != "010190-4321" || c.Citizen.Living != domain.OwnHome {
		t.Errorf("corrected citizen = %+v", c.Citizen)
	}
	if ids := must(b.CasesByCPR(oldCPR)); len(ids) != 0 {
		t.Errorf("old CPR still finds %v", ids)
	}
	newCPR, _ := domain.ParseCPR("010190-4321")
	if ids := must(b.CasesByCPR(newCPR)); len(ids) != 1 || ids[0] != c.ID {
		t.Errorf("new CPR finds %v", ids)
	}
	last := c.Events[len(c.Events)-1]
	if last.Correction == nil || len(last.Correction.Changes) != 3 || last.User == "" {
		t.Errorf("history of the correction = %+v", last)
	}
	if n := auditCount(t, b, c.ID, domain.EventCorrection.Label()); n != 1 {
		t.Errorf("%d audit entries for the correction", n)
	}
}

func testDelete(t *testing.T, b store.Backend) {
	c := threeGrants(t, b)
	other := must(b.Create(Opening(2), nil))
	if err := b.Delete(c.ID, c.Version, ""); err == nil {
		t.Error("deleted without a reason")
	}
	if err := b.Delete(c.ID, c.Version-1, "Oprettet ved en fejl."); err == nil {
		t.Error("deleted on a stale version")
	}
	if err := b.Delete(c.ID, c.Version, "Oprettet ved en fejl."); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Case(c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted case read back: %v", err)
	}
	if due := dueOf(t, b, c.ID); len(due) != 0 {
		t.Errorf("deleted case still due: %v", due)
	}
	if ids := must(b.CasesByCPR(c.Citizen.CPR)); len(ids) != 0 {
		t.Errorf("deleted case found by CPR: %v", ids)
	}
	var ids []string
	b.Summaries(func(s store.Summary) bool { ids = append(ids, s.ID); return true })
	if len(ids) != 1 || ids[0] != other.ID {
		t.Errorf("summaries after delete: %v", ids)
	}
	var deleted []store.AuditEntry
	b.Log(c.ID, func(e store.AuditEntry) bool {
		if e.Action == "sag slettet" {
			deleted = append(deleted, e)
		}
		return true
	})
	if len(deleted) != 1 || strings.Contains(deleted[0].Detail, "Borger") || !strings.Contains(deleted[0].Detail, "Oprettet ved en fejl.") {
		t.Errorf("audit of the deletion: %+v", deleted)
	}
}

// exportAll returns the JSONL export of b.
func exportAll(t *testing.T, b store.Backend) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := b.Export("jsonl", func(ec store.ExportCase) error { return enc.Encode(ec) }); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func records(t *testing.T, data []byte) iter.Seq2[store.ImportRecord, error] {
	return func(yield func(store.ImportRecord, error) bool) {
		for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			var ec store.ExportCase
			err := json.Unmarshal(line, &ec)
			if !yield(store.ImportRecord{Line: i + 1, Case: ec}, err) {
				return
			}
		}
	}
}

// busyCase writes a case with every kind of event and a draft.
func busyCase(t *testing.T, b store.Backend, i int) {
	c := threeGrants(t, b)
	ev := must(c.Correction(map[string]string{domain.FieldAddress: fmt.Sprintf("Ny vej %d", i)}, "Flyttet.", date(2026, 11, 5), []string{"ishoj"}))
	fu := domain.Event{Kind: domain.EventFollowUp, Grant: "b1", FollowUp: &domain.FollowUp{Provision: domain.SEL85,
		Due: date(2027, 11, 2), Done: date(2027, 10, 30), Outcome: domain.OutcomeChange, Reassessed: true, Next: date(2028, 10, 30), Note: "Færre timer."}}
	re := domain.Event{Kind: domain.EventAssessment, Assessment: &domain.AssessmentEvent{Date: date(2027, 10, 30), Kind: domain.Reassessment,
		Assessment: Assessment().Assessment, Living: domain.OwnHome}}
	change := domain.ChangeEvent("b1", grant(domain.SEL85, hours(2.5), domain.Date{}))
	g, _ := c.Grant("b2")
	end := must(domain.EndGrant(g, date(2027, 11, 1), domain.Date{}, "Målene er nået."))
	refusal := c.GrantEvent(domain.Decision{Provision: domain.SEL103, Date: date(2026, 11, 2), Refused: true, Reason: "Kan arbejde på normale vilkår."})
	c = must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev, refusal, re, fu, change, end}}))
	must(b.SaveDraft(c.ID, domain.Reassessment, "v", []domain.DraftEdit{{Field: domain.DraftHours, Value: "2"}}))
}

func testExportImportExport(t *testing.T, b store.Backend) {
	for i := 0; i < 3; i++ {
		busyCase(t, b, i)
	}
	must(b.Create(Opening(9), nil))
	first := exportAll(t, b)
	// Into a new, empty backend of the same kind.
	b2 := reopenEmpty(t)
	res := must(b2.Import(records(t, first), store.ImportOptions{Batch: 2, Source: "test"}))
	if res.Added != 4 {
		t.Fatalf("imported %+v", res)
	}
	second := exportAll(t, b2)
	if !bytes.Equal(first, second) {
		t.Errorf("export, import, export differs:\n%s\n---\n%s", first, second)
	}
	c1 := must(b.Case(must(b.LatestSummaries(4))[3].ID))
	c2 := must(b2.Case(c1.ID))
	g1, _ := json.Marshal(c1.Grants)
	g2, _ := json.Marshal(c2.Grants)
	if !bytes.Equal(g1, g2) || len(c1.Grants) != 3 {
		t.Errorf("grants differ after import")
	}
	if fmt.Sprint(dueOf(t, b, c1.ID)) != fmt.Sprint(dueOf(t, b2, c1.ID)) {
		t.Errorf("due index differs after import")
	}
}

// reopenEmpty is set by Run's caller through the open function; the suite
// needs a second backend for import.
var reopenEmpty func(t *testing.T) store.Backend

func testImportNeverDuplicates(t *testing.T, b store.Backend) {
	busyCase(t, b, 1)
	data := exportAll(t, b)
	b2 := reopenEmpty(t)
	must(b2.Import(records(t, data), store.ImportOptions{}))
	res := must(b2.Import(records(t, data), store.ImportOptions{}))
	if res.Added != 0 || res.Skipped != 1 {
		t.Errorf("second import of the same file: %+v", res)
	}
	changed := bytes.Replace(data, []byte("Målene er nået."), []byte("Målene er nået!"), 1)
	res = must(b2.Import(records(t, changed), store.ImportOptions{}))
	if res.Added != 0 || len(res.Conflicts) != 1 {
		t.Errorf("import of a changed case with a known id: %+v", res)
	}
	if n := must(b2.Count()); n != 1 {
		t.Errorf("%d cases after three imports of one", n)
	}
}

func testNoCPRInAudit(t *testing.T, b store.Backend) {
	busyCase(t, b, 1)
	b.Log("", func(e store.AuditEntry) bool {
		for _, cpr := range []string{"0202510001", "020251-1001", "010190"} {
			if strings.Contains(strings.ReplaceAll(e.Detail, "-", ""), strings.ReplaceAll(cpr, "-", "")) {
				t.Errorf("audit entry carries a CPR number: %+v", e)
			}
		}
		return true
	})
}

func testHandover(t *testing.T, b store.Backend) {
	c := threeGrants(t, b)
	opener := c.Responsible
	if opener == "" || c.Events[0].User != opener {
		t.Fatalf("responsible of a new case = %q, want the one who opened it (%q)", opener, c.Events[0].User)
	}
	ev := must(c.HandoverEvent("kollega", "Ferie."))
	c = must(b.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}}))
	if got := must(b.Case(c.ID)); got.Responsible != "kollega" {
		t.Errorf("responsible after handover = %q", got.Responsible)
	}
	if sums := must(b.SummariesOf([]string{c.ID})); len(sums) != 1 || sums[0].Responsible != "kollega" {
		t.Errorf("summary after handover = %+v", sums)
	}
	n := 0
	b.DueBefore(date(2040, 1, 1), func(d store.Due) bool {
		if d.CaseID == c.ID {
			n++
			if d.Responsible != "kollega" {
				t.Errorf("follow-up %s still with %q", d.Grant, d.Responsible)
			}
		}
		return true
	})
	if n != 3 {
		t.Errorf("%d follow-ups after handover, want 3", n)
	}
	var entries []store.AuditEntry
	b.Log(c.ID, func(e store.AuditEntry) bool {
		if e.Action == domain.EventHandover.Label() {
			entries = append(entries, e)
		}
		return true
	})
	if len(entries) != 1 || entries[0].User == "" || !strings.Contains(entries[0].Detail, opener+" til kollega") {
		t.Errorf("audit of the handover: %+v", entries)
	}
}
