package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// hostileName would retitle the window, write "echo pwned" to the
// clipboard (OSC 52), clear the screen and reverse the text after it.
const hostileName = "Mette\x1b]0;pwned\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\u202eHansen\u009b"

func terminalUnsafe(s string) bool {
	for _, r := range s {
		if domain.Unsafe(r) && r != '\r' {
			return true
		}
	}
	return false
}

// A name that slipped past input checks (an old store, another program)
// never reaches the terminal or a text letter as control sequences.
func TestStoredControlCharactersNeverReachTheTerminal(t *testing.T) {
	path := withStore(t)
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(example("ishoj-moderat.json"))
	cf, err := domain.DecodeCaseFile(data, cat.Vocabulary(domain.NewDate(2026, 11, 25)))
	if err != nil {
		t.Fatal(err)
	}
	cf.Citizen.Name = hostileName
	cf.Assessment.Themes["socialt_liv"] = domain.ThemeAssessment{Level: 2, Note: "note\x1b]0;x\x07"}
	s, err := openTestStore(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Create(cf.Opening(), cf.FirstAssessment(cf.ApplicationDate))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	mustRun(t, "", "decide", rec.ID, "--provision", "sel85", "--date", "2026-11-20")
	outputs := map[string][]string{
		"case list": {"case", "list"},
		"case show": {"case", "show", rec.ID},
		"json":      {"case", "show", rec.ID, "--json"},
		"draft md":  {"draft", rec.ID},
		"draft txt": {"draft", rec.ID, "--format", "txt"},
		"followups": {"followups", "--before", "2030-01-01"},
		"export":    {"export", "--plain"},
	}
	for name, args := range outputs {
		out, errOut, status := vum(t, "", args...)
		if status != 0 {
			t.Errorf("%s: status %d: %s", name, status, errOut)
		}
		if terminalUnsafe(out) || terminalUnsafe(errOut) {
			t.Errorf("%s: control characters reach the terminal:\n%q", name, out)
		}
		if name != "followups" && !strings.Contains(out, `\u001b]0;pwned`) {
			t.Errorf("%s: the name is not shown visibly:\n%.300q", name, out)
		}
	}
	file := filepath.Join(t.TempDir(), "brev.txt")
	mustRun(t, "", "draft", rec.ID, "--format", "txt", "-o", file)
	letter, _ := os.ReadFile(file)
	if terminalUnsafe(string(letter)) {
		t.Errorf("the text letter carries control characters")
	}
}

// draft -o never writes through a link or over a file that exists.
func TestDraftOutputIsSafe(t *testing.T) {
	withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o600)
	out := filepath.Join(dir, "brev.md")
	os.Symlink(victim, out+".tmp")
	os.Symlink(victim, out)
	if _, errOut, status := vum(t, "", "draft", id, "-o", out); status != 1 || !strings.Contains(errOut, "findes allerede") {
		t.Errorf("draft over a link: %d %s", status, errOut)
	}
	mustRun(t, "", "draft", id, "-o", out, "--overwrite")
	if got, _ := os.ReadFile(victim); string(got) != "keep" {
		t.Errorf("draft went through a link")
	}
	info, err := os.Lstat(out)
	if err != nil || info.Mode()&os.ModeSymlink != 0 || info.Mode().Perm() != 0o600 {
		t.Errorf("draft file: %v %v", info, err)
	}
	if log := mustRun(t, "", "log", "--case", id); strings.Count(log, "udkast til afgørelse") != 1 {
		t.Errorf("only the written draft belongs in the audit trail:\n%s", log)
	}
}
