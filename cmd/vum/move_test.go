package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A store moves from a file to PostgreSQL and back without losing a byte:
// export from the file, import into the database, export again, import
// into a new file, export a third time.
func TestMoveBetweenFileAndPostgres(t *testing.T) {
	pg := withPostgres(t)
	file := filepath.Join(t.TempDir(), "vum.db")
	t.Setenv("VUM_DB", file)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-three-grants.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--hours", "3", "--date", "2026-10-20")
	mustRun(t, "", "decide", id, "--provision", "sel104", "--days", "2", "--date", "2026-10-20", "--reason", "Borgeren ønsker to dage.")
	mustRun(t, "", "end", id, "--provision", "sel104", "--date", "2026-11-30", "--reason", "Du er startet i job.")
	mustRun(t, "", "case", "handover", id, "--to", "kollega", "--reason", "Ny fordeling.")
	mustRun(t, "", "case", "add", example("ishoj-103-family.json"))
	fromFile := mustRun(t, "", "export", "--plain")

	if out := mustRun(t, fromFile, "--db", pg, "import", "-"); !strings.Contains(out, "Importeret 2 sager") {
		t.Fatalf("import into PostgreSQL: %s", out)
	}
	fromPG := mustRun(t, "", "--db", pg, "export", "--plain")
	if fromPG != fromFile {
		t.Fatalf("export from PostgreSQL differs from the file's:\n%s\n---\n%s", fromPG, fromFile)
	}
	back := filepath.Join(t.TempDir(), "tilbage.db")
	mustRun(t, fromPG, "--db", back, "import", "-")
	if again := mustRun(t, "", "--db", back, "export", "--plain"); again != fromFile {
		t.Errorf("export after moving back differs")
	}
	// The follow-ups read the same on both.
	if a, b := mustRun(t, "", "followups", "--before", "2030-01-01", "--json"), mustRun(t, "", "--db", pg, "followups", "--before", "2030-01-01", "--json"); a != b {
		t.Errorf("follow-ups differ:\n%s\n---\n%s", a, b)
	}
	var due []struct {
		Responsible string `json:"responsible"`
	}
	json.Unmarshal([]byte(mustRun(t, "", "--db", pg, "followups", "--before", "2030-01-01", "--json")), &due)
	if len(due) != 1 || due[0].Responsible != "kollega" {
		t.Errorf("follow-ups after the handover: %+v", due)
	}
	// --mine shows only the cases of the one at the keyboard: none here,
	// the case was handed over.
	if out := mustRun(t, "", "--db", pg, "followups", "--before", "2030-01-01", "--json", "--mine"); out != "[]\n" {
		t.Errorf("--mine after handing the case over: %s", out)
	}
	if _, errOut, status := vum(t, "", "followups", "--mine", "--team"); status != 2 || !strings.Contains(errOut, "højst ét") {
		t.Errorf("--mine --team: %d %s", status, errOut)
	}
	// What only a file has is refused in Danish on the database.
	if _, errOut, status := vum(t, "", "--db", pg, "backup", filepath.Join(t.TempDir(), "k.db")); status != 1 || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup of PostgreSQL: %d %s", status, errOut)
	}
}
