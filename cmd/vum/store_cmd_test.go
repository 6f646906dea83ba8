package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withStore points VUM_DB at a fresh store for one test.
func withStore(t *testing.T) string {
	t.Helper()
	if os.Getenv("VUM_TEST_BACKEND") == "postgres" {
		url := withPostgres(t)
		t.Setenv("VUM_DB", url)
		return url
	}
	path := filepath.Join(t.TempDir(), "data", "vum.db")
	t.Setenv("VUM_DB", path)
	// Never the user's own profile.
	t.Setenv(configEnv, filepath.Join(t.TempDir(), "config"))
	return path
}

func mustRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, errOut, status := vum(t, stdin, args...)
	if status != 0 {
		t.Fatalf("vum %s: status %d\n%s", strings.Join(args, " "), status, errOut)
	}
	return out
}

// The lifecycle a caseworker runs on the example cases: add, decide,
// list follow-ups, show, log, export and import elsewhere.
func TestLifecycleOnExamples(t *testing.T) {
	withStore(t)
	ids := map[string]string{}
	for _, name := range []string{"ishoj-moderat", "ishoj-let-82a", "ishoj-108", "ishoj-103-family", "gentofte-85"} {
		id := strings.TrimSpace(mustRun(t, "", "case", "add", example(name+".json")))
		if len(id) != 26 {
			t.Fatalf("case add printed %q, want the id alone", id)
		}
		ids[name] = id
	}
	if _, errOut, status := vum(t, "", "case", "add", example("invalid-level.json")); status != 1 || !strings.Contains(errOut, "(3 fejl)") {
		t.Errorf("invalid case: status %d\n%s", status, errOut)
	}

	decisions := []struct {
		name, provision string
		extra           []string
		prints          string
	}{
		{"ishoj-moderat", "sel85", nil, "Næste opfølgning: 20-11-2027"},
		{"ishoj-108", "sel108", nil, "Næste opfølgning: 20-11-2028"},
		{"gentofte-85", "sel85", nil, "Næste opfølgning: 20-05-2027"},
		{"ishoj-103-family", "sel103", nil, "Næste opfølgning: 20-11-2027"},
		{"ishoj-let-82a", "sel82a", []string{"--follow-up", "2027-02-15"}, "Næste opfølgning: 15-02-2027"},
	}
	for _, d := range decisions {
		args := append([]string{"decide", ids[d.name], "--provision", d.provision, "--date", "2026-11-20"}, d.extra...)
		if out := mustRun(t, "", args...); !strings.Contains(out, d.prints) {
			t.Errorf("%s: %q, want %q", d.name, out, d.prints)
		}
	}
	// a second § 85 grant is refused: the scope of the one there changes
	_, errOut, status := vum(t, "", "decide", ids["ishoj-moderat"], "--provision", "sel85", "--tier", "stor", "--date", "2026-11-21", "--reason", "x")
	if status != 1 || !strings.Contains(errOut, "borgeren har allerede SEL § 85 (bevilling b1)") {
		t.Errorf("second § 85 grant: %d %s", status, errOut)
	}
	// changing it away from the suggestion needs a reason
	_, errOut, status = vum(t, "", "decide", ids["ishoj-moderat"], "--grant", "b1", "--provision", "sel85", "--tier", "stor", "--date", "2026-11-21")
	if status != 1 || !strings.Contains(errOut, "--reason: afgørelsen afviger fra forslaget (SEL § 85 moderat)") {
		t.Errorf("override without reason: %d %s", status, errOut)
	}
	mustRun(t, "", "decide", ids["ishoj-moderat"], "--grant", "b1", "--provision", "sel85", "--tier", "stor", "--date", "2026-11-21",
		"--follow-up", "2027-11-21", "--reason", "Større behov i perioder.")

	var due []map[string]any
	json.Unmarshal([]byte(mustRun(t, "", "followups", "--before", "2027-12-31", "--json")), &due)
	var order []string
	for _, d := range due {
		order = append(order, d["name"].(string)+"@"+d["due"].(string))
	}
	if got := strings.Join(order, ","); got != "Jonas Berg@2027-02-15,Peter Krogh@2027-05-20,Sara Nielsen@2027-11-20,Mette Hansen@2027-11-21" {
		t.Errorf("followups = %s", got)
	}

	list := mustRun(t, "", "case", "list")
	if strings.Contains(list, "150391-1234") || !strings.Contains(list, "150391-xxxx") {
		t.Errorf("case list must mask CPR:\n%s", list)
	}
	show := mustRun(t, "", "case", "show", ids["ishoj-moderat"])
	if !strings.Contains(show, "niveau stor") || !strings.Contains(show, "Større behov i perioder.") || !strings.Contains(show, "ændring af omfang SEL § 85") {
		t.Errorf("case show:\n%s", show)
	}

	var log []map[string]any
	json.Unmarshal([]byte(mustRun(t, "", "log", "--case", ids["ishoj-moderat"], "--json")), &log)
	if len(log) != 3 || log[0]["action"] != "sag oprettet" || log[1]["action"] != "bevilling" || log[2]["action"] != "ændring af omfang" {
		t.Errorf("log = %v", log)
	}
	all := mustRun(t, "", "log", "--json")
	if strings.Contains(all, "150391-1234") || strings.Contains(all, "1503911234") {
		t.Error("the audit trail shows a full CPR number")
	}

	exported := mustRun(t, "", "export", "--plain")
	if lines := strings.Count(exported, "\n"); lines != 5 {
		t.Errorf("export has %d lines", lines)
	}
	withStore(t) // a second store
	if out := mustRun(t, exported, "import", "-"); !strings.Contains(out, "Importeret 5 sager") {
		t.Errorf("import: %s", out)
	}
	json.Unmarshal([]byte(mustRun(t, "", "followups", "--before", "2027-12-31", "--json")), &due)
	if len(due) != 4 {
		t.Errorf("imported store has %d follow-ups, want 4", len(due))
	}
	again := mustRun(t, "", "export", "--plain")
	if again != exported {
		t.Errorf("export after import differs:\n%s\n---\n%s", again, exported)
	}
}

func TestFollowupsFormats(t *testing.T) {
	withStore(t)
	t.Setenv("VUM_TODAY", "2026-11-25")
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("gentofte-85.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-10-21", "--follow-up", "2026-11-01")
	id2 := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id2, "--provision", "sel85", "--date", "2026-11-20", "--follow-up", "2026-12-10")

	text := mustRun(t, "", "followups")
	if !strings.Contains(text, "FORFALDEN (24 dage)") || !strings.Contains(text, "om 15 dage") || !strings.Contains(text, "heraf 1 forfalden") {
		t.Errorf("text:\n%s", text)
	}
	rows, err := readExcelCSV(mustRun(t, "", "followups", "--csv"))
	if err != nil || len(rows) != 3 || strings.Join(rows[0], ";") != "Dato;Forfalden;Navn;Ydelse;Sag" ||
		rows[1][0] != "01-11-2026" || rows[1][2] != "Peter Krogh" || rows[1][3] != "§ 85" || rows[1][1] != "ja" || rows[2][1] != "nej" {
		t.Errorf("csv = %v, %v", rows, err)
	}
	ics := mustRun(t, "", "followups", "--ics")
	for _, want := range []string{"BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", "DTSTART;VALUE=DATE:20261101\r\n",
		"SUMMARY:Opfølgning PK\\, sag " + id + "\r\n", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\n", "END:VCALENDAR\r\n"} {
		if !strings.Contains(ics, want) {
			t.Errorf("ics lacks %q:\n%s", want, ics)
		}
	}
	checkICS(t, ics)
	for _, leak := range []string{"110772", "Peter", "Krogh", "§ 85"} {
		if strings.Contains(ics, leak) {
			t.Errorf("the calendar carries %q by default", leak)
		}
	}
	full := mustRun(t, "", "followups", "--ics", "--full", "--remind", "2")
	for _, want := range []string{"SUMMARY:Opfølgning: Peter Krogh (SEL § 85)\\, sag " + id[:8], "TRIGGER:-P2D\r\n"} {
		if !strings.Contains(full, want) {
			t.Errorf("ics --full lacks %q:\n%s", want, full)
		}
	}
	checkICS(t, full)
	if strings.Contains(full, "110772") {
		t.Error("the calendar carries a CPR number")
	}
	for _, bad := range [][]string{{"--full"}, {"--ics", "--remind", "-1"}, {"--csv", "--remind", "3"}} {
		if _, errOut, status := vum(t, "", append([]string{"followups"}, bad...)...); status != 2 || !strings.Contains(errOut, "--") {
			t.Errorf("followups %v: %d %s", bad, status, errOut)
		}
	}
	if _, errOut, status := vum(t, "", "followups", "--json", "--csv"); status != 2 || !strings.Contains(errOut, "højst ét") {
		t.Errorf("two formats: %d %s", status, errOut)
	}
}

func TestReadCommandsWithoutStore(t *testing.T) {
	fileOnly(t)
	path := withStore(t)
	out, errOut, status := vum(t, "", "followups", "--json")
	if status != 0 || strings.TrimSpace(out) != "[]" || !strings.Contains(errOut, "der er endnu ingen database") {
		t.Errorf("followups without store: %d %q %q", status, out, errOut)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a read command created the store")
	}
	if _, errOut, status := vum(t, "", "case", "show", "01ARZ3NDEKTSV4RRFFQ69G5FAV"); status != 1 || !strings.Contains(errOut, "ingen database") {
		t.Errorf("show without store: %d %s", status, errOut)
	}
}

func TestStoreRefusalsReachTheUser(t *testing.T) {
	fileOnly(t)
	path := withStore(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	// An empty file is an unfinished creation: it becomes the store.
	os.WriteFile(path, nil, 0o600)
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	os.WriteFile(path, []byte(strings.Repeat("ikke en database\n", 100)), 0o600)
	_, errOut, status := vum(t, "", "followups")
	if status != 1 || !strings.Contains(errOut, "ikke en vum-database") || !strings.Contains(errOut, "--db") {
		t.Errorf("foreign file: %d %s", status, errOut)
	}
}

func TestImportReportsBadLinesAndStoresNothing(t *testing.T) {
	path := withStore(t)
	good, _ := os.ReadFile(example("ishoj-moderat.json"))
	line := strings.Join(strings.Fields(string(good)), " ")
	input := line + "\n" + `{"schema":1}` + "\n\n" + strings.Replace(line, `"150391-1234"`, `"310291-1234"`, 1) + "\n{oops\n"
	_, errOut, status := vum(t, input, "import", "-")
	for _, want := range []string{"intet er gemt (3 linjer med fejl)", "linje 2: municipality: mangler", "linje 4: citizen.cpr", "linje 5: ugyldig JSON"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing %q in:\n%s", want, errOut)
		}
	}
	if status != 1 {
		t.Errorf("status = %d", status)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused import created the store")
	}
}

func TestBackupAndCheck(t *testing.T) {
	fileOnly(t)
	withStore(t)
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	dest := filepath.Join(t.TempDir(), "kopi.db")
	if out := mustRun(t, "", "backup", dest); strings.TrimSpace(out) != dest {
		t.Errorf("backup printed %q", out)
	}
	if out := mustRun(t, "", "--db", dest, "check"); !strings.Contains(out, "1 sag,") || !strings.Contains(out, "i orden") {
		t.Errorf("check of the backup: %s", out)
	}
	if _, errOut, status := vum(t, "", "backup", dest); status != 1 || !strings.Contains(errOut, "findes allerede") {
		t.Errorf("backup over an existing file: %d %s", status, errOut)
	}
}

func TestDraftCommand(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	if _, errOut, status := vum(t, "", "draft", id); status != 1 || !strings.Contains(errOut, "har endnu ingen afgørelse") {
		t.Errorf("draft before decision: %d %s", status, errOut)
	}
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")
	md := mustRun(t, "", "draft", id)
	for _, want := range []string{"# Afgørelse om socialpædagogisk støtte efter servicelovens § 85", "Ishøj Store Torv 20", "## Klagevejledning", "CPR-nummer: 150391-1234"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown draft lacks %q", want)
		}
	}
	txt := mustRun(t, "", "draft", id, "--format", "txt")
	if strings.Contains(txt, "**") || !strings.Contains(txt, "KLAGEVEJLEDNING") {
		t.Errorf("text draft:\n%s", txt)
	}
	pdf := filepath.Join(t.TempDir(), "afgørelse.pdf")
	mustRun(t, "", "draft", id, "--format", "pdf", "-o", pdf)
	data, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("pdf: %v", err)
	}
	if _, errOut, status := vum(t, "", "draft", id, "--format", "docx"); status != 2 || !strings.Contains(errOut, "md, txt eller pdf") {
		t.Errorf("bad format: %d %s", status, errOut)
	}
	log := mustRun(t, "", "log", "--case", id)
	if strings.Count(log, "udkast til afgørelse som") != 3 {
		t.Errorf("every draft belongs in the audit trail:\n%s", log)
	}
}

// The caseworker's profile is kept outside the store, private to the user,
// and signs the letters; draft --check lists each legal element and fails
// naming the ones missing; --final refuses an unfinished letter.
func TestProfileAndDraftCheck(t *testing.T) {
	withStore(t)
	config := filepath.Join(t.TempDir(), "config")
	t.Setenv(configEnv, config)
	profile := filepath.Join(config, "profile.json")
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")

	out, _, status := vum(t, "", "draft", id, "--check")
	if status != 1 {
		t.Fatalf("--check on an unfinished letter: status %d\n%s", status, out)
	}
	for _, want := range []string{"MANGLER  Borgerens egen vurdering", "MANGLER  Alle felter udfyldt", "[UDFYLD: sagsbehandlerens navn]", "ok       Lovgrundlag: servicelovens § 85"} {
		if !strings.Contains(out, want) {
			t.Errorf("--check lacks %q:\n%s", want, out)
		}
	}
	if _, errOut, status := vum(t, "", "draft", id, "--final"); status != 1 || !strings.Contains(errOut, "brevet er ikke færdigt") {
		t.Errorf("--final on an unfinished letter: %d %s", status, errOut)
	}

	shown := mustRun(t, "", "profil", "--navn", "Lone Madsen", "--titel", "Socialrådgiver", "--telefon", "43 57 70 00", "--email", "lm@ishoj.example")
	if !strings.Contains(shown, "Navn:    Lone Madsen") {
		t.Errorf("profil:\n%s", shown)
	}
	if fi, err := os.Stat(profile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("profile file: %v %v", fi, err)
	}
	fill := filepath.Join(t.TempDir(), "brev.json")
	if err := os.WriteFile(fill, []byte(`{"citizen_address": "Ishøj Bygade 12, 2635 Ishøj", "citizen_view": "Jeg vil gerne handle ind selv."}`), 0o600); err != nil {
		t.Fatal(err)
	}
	js := mustRunStatus(t, 1, "draft", id, "--check", "--json", "--fill", fill)
	var res struct {
		Complete bool
		Elements []struct {
			Element string
			OK      bool
		}
	}
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	missing := map[string]bool{}
	for _, e := range res.Elements {
		if !e.OK {
			missing[e.Element] = true
		}
	}
	// The profile signs and the fill gives the address and the view; the
	// decision recorded here names no hours, so the scope is still missing.
	if missing["Borgerens egen vurdering"] || !missing["Det bevilgede omfang"] || res.Complete {
		t.Errorf("missing after profile and fill: %v", missing)
	}
	md := mustRun(t, "", "draft", id, "--fill", fill)
	if !strings.Contains(md, "Lone Madsen") || !strings.Contains(md, "lm@ishoj.example") {
		t.Errorf("the letter is not signed from the profile:\n%s", md)
	}
	// A full grant needs no partshøring; a refusal does.
	if _, errOut, status := vum(t, "", "draft", id, "--partshoering"); status != 1 || !strings.Contains(errOut, "fuldt ud") {
		t.Errorf("partshøring before a full grant: %d %s", status, errOut)
	}
	other := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", other, "--provision", "sel85", "--refuse", "--date", "2026-11-20", "--reason", "Din søster hjælper dig allerede med indkøb og post hver uge, og du klarer resten selv")
	hearing := mustRun(t, "", "draft", other, "--partshoering", "--format", "txt")
	for _, want := range []string{"PARTSHØRING INDEN AFGØRELSE", "Vi overvejer at give dig afslag", "forvaltningslovens § 19", "Lone Madsen"} {
		if !strings.Contains(hearing, want) {
			t.Errorf("partshøring lacks %q:\n%s", want, hearing)
		}
	}
}

func mustRunStatus(t *testing.T, want int, args ...string) string {
	t.Helper()
	out, errOut, status := vum(t, "", args...)
	if status != want {
		t.Fatalf("vum %s: status %d, want %d\n%s", strings.Join(args, " "), status, want, errOut)
	}
	return out
}
