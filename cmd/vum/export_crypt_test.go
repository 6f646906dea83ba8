package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Exports are sealed by default: the same store reads them back, a
// colleague's store reads what was encrypted to its key, and nobody else.
func TestExportsAreEncryptedByDefault(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")

	sealed := mustRun(t, "", "export")
	if !strings.HasPrefix(sealed, "age-encryption.org/v1") {
		t.Fatalf("the export is not an age file: %.40q", sealed)
	}
	for _, s := range secrets {
		if strings.Contains(sealed, s) {
			t.Errorf("the export shows %q", s)
		}
	}
	csvFile := filepath.Join(t.TempDir(), "sager.csv.age")
	mustRun(t, "", "export", "--format", "csv", "-o", csvFile)
	assertSealed(t, csvFile)
	if info, _ := os.Stat(csvFile); info.Mode().Perm() != 0o600 {
		t.Errorf("export file mode %v", info.Mode().Perm())
	}

	// A colleague's store: its key is the recipient.
	mine := os.Getenv("VUM_DB")
	theirs := withStore(t)
	mustRun(t, "", "case", "add", example("gentofte-85.json")) // makes the colleague's store
	recipient := strings.TrimSpace(mustRun(t, "", "recipient"))
	if !strings.HasPrefix(recipient, "age1") {
		t.Fatalf("recipient = %q", recipient)
	}
	// Encrypted only to my store: the colleague cannot read it.
	if _, errOut, status := vum(t, sealed, "import", "-"); status != 1 || !strings.Contains(errOut, "anden nøgle") {
		t.Errorf("import of a foreign export: %d %s", status, errOut)
	}
	t.Setenv("VUM_DB", mine)
	toThem := mustRun(t, "", "export", "--recipient", recipient)
	if _, errOut, status := vum(t, "", "export", "--recipient", "age1forkert"); status != 2 || !strings.Contains(errOut, "--recipient") {
		t.Errorf("bad recipient: %d %s", status, errOut)
	}
	t.Setenv("VUM_DB", theirs)
	if out := mustRun(t, toThem, "import", "-"); !strings.Contains(out, "Importeret 1 sag") {
		t.Errorf("colleague's import: %s", out)
	}
	if show := mustRun(t, "", "case", "show", id); !strings.Contains(show, "Mette Hansen") {
		t.Errorf("imported case:\n%s", show)
	}
	// My own store reads its own export back (restore).
	t.Setenv("VUM_DB", mine)
	if out := mustRun(t, sealed, "import", "-"); !strings.Contains(out, "sprunget over") && !strings.Contains(out, "findes") {
		t.Errorf("own import: %s", out)
	}
}

// Plain exports only on request, and then private to the user, also when
// the shell redirects stdout into a file.
func TestPlainExportIsPrivate(t *testing.T) {
	withStore(t)
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	file := filepath.Join(t.TempDir(), "sager.jsonl")
	mustRun(t, "", "export", "--plain", "-o", file)
	data, _ := os.ReadFile(file)
	if !bytes.Contains(data, []byte("150391-1234")) {
		t.Error("the plain export lacks the CPR number")
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o600 {
		t.Errorf("plain export mode %v", info.Mode().Perm())
	}
	// »vum export --plain > sager.jsonl«: the shell makes the file 0644.
	redirected := filepath.Join(t.TempDir(), "omdirigeret.jsonl")
	f, err := os.OpenFile(redirected, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	status := run([]string{"export", "--plain"}, strings.NewReader(""), f, os.Stderr)
	f.Close()
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	if info, _ := os.Stat(redirected); info.Mode().Perm() != 0o600 {
		t.Errorf("redirected export mode %v", info.Mode().Perm())
	}
	if _, errOut, status := vum(t, "", "export", "--plain", "--recipient", "age1x"); status != 2 {
		t.Errorf("--plain with --recipient: %d %s", status, errOut)
	}
}
