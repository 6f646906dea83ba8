package main

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vumdk/vum/cmd/internal/synth"
	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

type grantJSON struct {
	ID          string         `json:"id"`
	Provision   string         `json:"provision"`
	Status      string         `json:"status"`
	Scope       map[string]any `json:"scope"`
	Start       string         `json:"start"`
	End         string         `json:"end"`
	FollowUpDue string         `json:"follow_up_due"`
}

type showJSON struct {
	Version int         `json:"version"`
	Grants  []grantJSON `json:"grants"`
	Events  []struct {
		Seq  int    `json:"seq"`
		Kind string `json:"kind"`
		User string `json:"user"`
	} `json:"events"`
	Citizen struct {
		Name    string `json:"name"`
		CPR     string `json:"cpr"`
		Address string `json:"address"`
		Living  string `json:"living"`
	} `json:"citizen"`
}

func showCase(t *testing.T, id string) showJSON {
	t.Helper()
	var v showJSON
	if err := json.Unmarshal([]byte(mustRun(t, "", "case", "show", id, "--json")), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

type dueJSON struct {
	CaseID    string `json:"case_id"`
	Grant     string `json:"grant"`
	Provision string `json:"provision"`
	Due       string `json:"due"`
}

func followups(t *testing.T) []dueJSON {
	t.Helper()
	var due []dueJSON
	if err := json.Unmarshal([]byte(mustRun(t, "", "followups", "--before", "2030-01-01", "--json")), &due); err != nil {
		t.Fatal(err)
	}
	return due
}

// A citizen holds § 85, § 104 and aflastning at once, each with its own
// follow-up; ending one leaves the others untouched.
func TestSeveralGrantsAtOnce(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-three-grants.json")))
	// The primary and the complementary suggestions need no reason.
	out := mustRun(t, "", "decide", id, "--provision", "sel85", "--hours", "3", "--date", "2026-10-20")
	if !strings.Contains(out, "Bevilling b1: SEL § 85, 3 timer om ugen (niveau moderat). Næste opfølgning: 20-10-2027") {
		t.Errorf("§ 85: %q", out)
	}
	out = mustRun(t, "", "decide", id, "--provision", "sel104", "--days", "3", "--offer", "Værkstedet i Ishøj", "--date", "2026-10-21")
	if !strings.Contains(out, "Bevilling b2: SEL § 104, 3 dage om ugen, Værkstedet i Ishøj") {
		t.Errorf("§ 104: %q", out)
	}
	out = mustRun(t, "", "decide", id, "--provision", "sel107-aflastning", "--nights", "48", "--date", "2026-10-22")
	if !strings.Contains(out, "Bevilling b3: SEL § 107, stk. 1, 48 døgn om året") {
		t.Errorf("aflastning: %q", out)
	}
	// Hours belong to § 85 only.
	if _, errOut, status := vum(t, "", "decide", id, "--provision", "sel108", "--hours", "3", "--reason", "x"); status != 1 || !strings.Contains(errOut, "bevilges uden et antal timer om ugen") {
		t.Errorf("hours on § 108: %d %s", status, errOut)
	}

	due := followups(t)
	got := map[string]string{}
	for _, d := range due {
		if d.CaseID != id {
			t.Errorf("follow-up of another case: %+v", d)
		}
		got[d.Provision+"/"+d.Grant] = d.Due
	}
	want := map[string]string{"sel85/b1": "2027-10-20", "sel104/b2": "2027-10-21", "sel107-aflastning/b3": "2027-10-22"}
	if len(got) != 3 || got["sel85/b1"] != want["sel85/b1"] || got["sel104/b2"] != want["sel104/b2"] || got["sel107-aflastning/b3"] != want["sel107-aflastning/b3"] {
		t.Errorf("followups = %v, want %v", got, want)
	}

	// Ending § 104 needs a reason, then leaves the others as they were.
	if _, errOut, status := vum(t, "", "end", id, "--provision", "sel104", "--date", "2026-11-30"); status != 1 || !strings.Contains(errOut, "--reason") {
		t.Errorf("end without reason: %d %s", status, errOut)
	}
	before := showCase(t, id)
	out = mustRun(t, "", "end", id, "--provision", "sel104", "--date", "2026-11-30", "--reason", "Du er startet i job.")
	if !strings.Contains(out, "Bevilling b2 (SEL § 104) ophører 30-11-2026. 2 aktive bevillinger tilbage.") {
		t.Errorf("end: %q", out)
	}
	after := showCase(t, id)
	for i, g := range after.Grants {
		old := before.Grants[i]
		switch g.ID {
		case "b2":
			if g.Status != "ended" || g.End != "2026-11-30" || g.FollowUpDue != "" {
				t.Errorf("ended grant: %+v", g)
			}
		default:
			if g.Status != "active" || g.FollowUpDue != old.FollowUpDue || g.Start != old.Start {
				t.Errorf("grant %s changed by ending b2: %+v, was %+v", g.ID, g, old)
			}
		}
	}
	if n := len(followups(t)); n != 2 {
		t.Errorf("%d follow-ups after ending one of three", n)
	}
	if last := after.Events[len(after.Events)-1]; last.Kind != "termination" || last.User == "" {
		t.Errorf("last event %+v", last)
	}
	// The ending's letter is the newest decision.
	if _, errOut, status := vum(t, "", "end", id, "--provision", "sel104", "--reason", "igen"); status != 1 || !strings.Contains(errOut, "ingen aktiv bevilling af SEL § 104") {
		t.Errorf("ending twice: %d %s", status, errOut)
	}
}

// Corrections are kept in the history with who, when and why; a case
// created by mistake can be deleted, and only that it was stays.
func TestEditAndDelete(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-three-grants.json")))
	if _, errOut, status := vum(t, "", "case", "edit", id, "--address", "Ny vej 1"); status != 1 || !strings.Contains(errOut, "--reason") {
		t.Errorf("edit without reason: %d %s", status, errOut)
	}
	if _, errOut, status := vum(t, "", "case", "edit", id, "--cpr", "310298-1234", "--reason", "x"); status != 1 || !strings.Contains(errOut, "--cpr") {
		t.Errorf("bad CPR: %d %s", status, errOut)
	}
	before := showCase(t, id)
	out := mustRun(t, "", "case", "edit", id, "--name", "Emil Frost Hansen", "--cpr", "120398-1239", "--living", "own_home",
		"--address", "Ny vej 1, 2635 Ishøj", "--municipality", "vallensbaek", "--reason", "Forkerte oplysninger ved oprettelsen.")
	if !strings.Contains(out, "CPR-nummer rettet: 120398-xxxx → 120398-xxxx") || !strings.Contains(out, "kommune rettet: ishoj → vallensbaek") {
		t.Errorf("edit printed:\n%s", out)
	}
	after := showCase(t, id)
	if after.Citizen.Name != "Emil Frost Hansen" || after.Citizen.CPR != "120398-1239" || after.Citizen.Living != "own_home" || after.Version != before.Version+1 {
		t.Errorf("after edit: %+v", after)
	}
	text := mustRun(t, "", "case", "show", id)
	if !strings.Contains(text, "rettet navn, CPR-nummer, adresse, boform, kommune: Forkerte oplysninger ved oprettelsen.") {
		t.Errorf("history does not show the correction:\n%s", text)
	}
	if _, errOut, status := vum(t, "", "case", "edit", id, "--name", "Emil Frost Hansen", "--reason", "x"); status != 1 || !strings.Contains(errOut, "intet at rette") {
		t.Errorf("edit to the same values: %d %s", status, errOut)
	}

	other := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	if _, _, status := vum(t, "", "case", "delete", id); status == 0 {
		t.Error("deleted without a reason")
	}
	mustRun(t, "", "case", "delete", id, "--reason", "Oprettet ved en fejl.")
	if _, errOut, status := vum(t, "", "case", "show", id); status != 1 || !strings.Contains(errOut, "findes ikke") {
		t.Errorf("deleted case shown: %d %s", status, errOut)
	}
	list := mustRun(t, "", "case", "list")
	if strings.Contains(list, id) || !strings.Contains(list, other) {
		t.Errorf("list after delete:\n%s", list)
	}
	if os.Getenv("VUM_TEST_BACKEND") != "postgres" {
		if out := mustRun(t, "", "check"); !strings.Contains(out, "i orden") {
			t.Errorf("check after delete:\n%s", out)
		}
	}
	logged := mustRun(t, "", "log", "--case", id)
	if !strings.Contains(logged, "sag slettet") || strings.Contains(logged, "Emil") {
		t.Errorf("log after delete:\n%s", logged)
	}
}

// Export, import into an empty store, export again: byte-identical, with
// grants, changes, endings, corrections and refusals; importing again adds
// nothing.
func TestExportImportExportIdentical(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-three-grants.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--hours", "3", "--date", "2026-10-20")
	mustRun(t, "", "decide", id, "--provision", "sel104", "--days", "2", "--date", "2026-10-20", "--reason", "Borgeren ønsker to dage.")
	mustRun(t, "", "decide", id, "--provision", "sel85", "--grant", "b1", "--hours", "4", "--date", "2026-11-01")
	mustRun(t, "", "end", id, "--provision", "sel104", "--date", "2026-11-30", "--reason", "Du er startet i job.")
	mustRun(t, "", "case", "edit", id, "--address", "Ny vej 2", "--reason", "Flyttet.")
	id2 := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-103-family.json")))
	mustRun(t, "", "decide", id2, "--provision", "sel103", "--refuse", "--reason", "Du kan arbejde på almindelige vilkår.", "--date", "2026-11-01")
	first := mustRun(t, "", "export", "--plain")

	withStore(t)
	if out := mustRun(t, first, "import", "-"); !strings.Contains(out, "Importeret 2 sager") {
		t.Errorf("import: %s", out)
	}
	second := mustRun(t, "", "export", "--plain")
	if first != second {
		t.Errorf("export, import, export differs:\n%s\n---\n%s", first, second)
	}
	if out := mustRun(t, first, "import", "-"); !strings.Contains(out, "Importeret 0 sager") || !strings.Contains(out, "2 sager sprunget over") {
		t.Errorf("second import: %s", out)
	}
	// A changed case with a known id is not imported, and said so.
	changed := strings.Replace(first, "Du er startet i job.", "Du er startet i uddannelse.", 1)
	_, errOut, status := vum(t, changed, "import", "-")
	if status != 0 || !strings.Contains(errOut, "findes allerede med andet indhold") {
		t.Errorf("changed import: %d %s", status, errOut)
	}
	// An event the standard would not have allowed is refused, naming it.
	bad := strings.Replace(first, `"hours_per_week":4`, `"hours_per_week":400`, 1)
	withStore(t)
	if _, errOut, status := vum(t, bad, "import", "-"); status != 1 || !strings.Contains(errOut, "events[") || !strings.Contains(errOut, "mere end muligt") {
		t.Errorf("bad event: %d %s", status, errOut)
	}
}

// A long list of case ids in a message is cut with a count of the rest.
func TestIDListCapped(t *testing.T) {
	var ids []string
	for i := 0; i < 12; i++ {
		ids = append(ids, strings.Repeat(string(rune('A'+i)), 3))
	}
	got := idList(ids)
	if !strings.HasSuffix(got, "JJJ og 2 til") || strings.Contains(got, "KKK") {
		t.Errorf("idList = %q", got)
	}
	if got := idList(ids[:2]); got != "AAA, BBB" {
		t.Errorf("idList of two = %q", got)
	}
}

// Export, import into an empty store, export again is byte-identical on
// generated histories with every kind of event: several grants, changes,
// reassessments, follow-ups, corrections, terminations and refusals.
func TestGeneratedHistoriesRoundTrip(t *testing.T) {
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	g := synth.New(cat, 300, synth.Options{Seed: 11, Today: domain.NewDate(2026, 11, 25)})
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.SetEscapeHTML(false)
	kinds := map[domain.EventKind]bool{}
	for range 300 {
		ec := g.Next()
		for _, e := range ec.Events {
			kinds[e.Kind] = true
		}
		if err := enc.Encode(ec); err != nil {
			t.Fatal(err)
		}
	}
	if len(kinds) < 8 {
		t.Fatalf("the generated cases lack kinds of event: %v", kinds)
	}
	withStore(t)
	if out := mustRun(t, in.String(), "import", "-"); !strings.Contains(out, "Importeret 300 sager") {
		t.Fatalf("import: %s", out)
	}
	first := mustRun(t, "", "export", "--plain")
	// The export lists cases by id; as a set of lines it is what went in.
	sorted := func(s string) string {
		lines := strings.Split(strings.TrimSpace(s), "\n")
		slices.Sort(lines)
		return strings.Join(lines, "\n")
	}
	if sorted(first) != sorted(in.String()) {
		t.Errorf("the export holds other cases than were imported")
	}
	withStore(t)
	mustRun(t, first, "import", "-")
	if second := mustRun(t, "", "export", "--plain"); second != first {
		t.Errorf("export, import, export differs")
	}
}
