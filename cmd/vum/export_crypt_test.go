package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/store"
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

// An export to a file is written like every file: never over an existing
// file or through a link without --overwrite, no temporary file left
// behind, and noted in the access log, with the file's name, once it
// exists.
func TestExportFileIsWrittenSafely(t *testing.T) {
	withStore(t)
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	dir := t.TempDir()
	file := filepath.Join(dir, "sager.jsonl")
	os.WriteFile(file, []byte("mine\n"), 0o644)
	if _, errOut, status := vum(t, "", "export", "--plain", "-o", file); status != 1 || !strings.Contains(errOut, "findes allerede") {
		t.Errorf("export over an existing file: %d %s", status, errOut)
	}
	if data, _ := os.ReadFile(file); string(data) != "mine\n" {
		t.Errorf("the existing file was changed: %q", data)
	}
	other := filepath.Join(dir, "andet.txt")
	os.WriteFile(other, []byte("andet\n"), 0o644)
	link := filepath.Join(dir, "link.jsonl")
	if err := os.Symlink(other, link); err != nil {
		t.Fatal(err)
	}
	if _, _, status := vum(t, "", "export", "--plain", "-o", link); status != 1 {
		t.Errorf("export through a link: status %d", status)
	}
	mustRun(t, "", "export", "--plain", "-o", link, "--overwrite")
	if data, _ := os.ReadFile(other); string(data) != "andet\n" {
		t.Errorf("the link's target was written: %q", data)
	}
	if info, err := os.Lstat(link); err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
		t.Errorf("the link was not replaced by a private file: %v %v", info, err)
	}
	mustRun(t, "", "export", "--plain", "-o", file, "--overwrite")
	if data, _ := os.ReadFile(file); !bytes.Contains(data, []byte("150391-1234")) {
		t.Errorf("--overwrite did not replace the file: %.60q", data)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	var report struct{ Entries []store.AccessEntry }
	json.Unmarshal([]byte(mustRun(t, "", "log", "--citizen", "150391-1234", "--json")), &report)
	named := 0
	for _, e := range report.Entries {
		if e.Action == store.AccessExport && strings.HasSuffix(e.Detail, file) {
			named++
		}
	}
	if named != 1 {
		t.Errorf("exports to %s in the access log: %d, want 1 (the refused ones not noted): %+v", file, named, report.Entries)
	}
}
