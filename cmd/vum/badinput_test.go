package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInput is one thing a caseworker, a file or another program may hand
// vum that it must refuse.
type badInput struct {
	name  string
	stdin string
	args  []string // "{file}" is replaced by the path of file (or link)
	file  []byte
	link  string // a symbolic link to this path instead of file
	dir   map[string][]byte
	says  string // part of the Danish error
	// pgSays replaces says on PostgreSQL, where a file's tools are
	// refused for the database's own.
	pgSays string
}

// storeState fingerprints the store and the files beside it (the access
// journal), so that a refused command is seen to change nothing.
func storeState(t *testing.T, db string) [32]byte {
	t.Helper()
	h := sha256.New()
	entries, _ := os.ReadDir(filepath.Dir(db))
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(filepath.Dir(db), e.Name()))
		h.Write([]byte(e.Name()))
		h.Write(data)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// english marks messages from Go's libraries or the operating system
// that reached the user untranslated.
var english = []string{"no such file", "permission denied", "invalid character", "unexpected EOF", "is a directory",
	"cannot unmarshal", "invalid argument", "file exists", "not a directory", "goroutine ", "panic", "json: unknown", "json: cannot", "malformed", "bufio", "expected", "but got", "instead"}

// Every bad input is refused with a Danish message saying what to fix,
// with the status for an error or a wrong command line, no stack trace,
// and the store and the files beside it byte for byte unchanged.
func TestBadInputsChangeNothing(t *testing.T) {
	db := withStore(t)
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")
	open := strings.TrimSpace(mustRun(t, "", "case", "add", example("gentofte-85.json")))
	good, err := os.ReadFile(example("ishoj-moderat.json"))
	if err != nil {
		t.Fatal(err)
	}
	with := func(old, new string) []byte { return bytes.Replace(good, []byte(old), []byte(new), 1) }
	line := strings.Join(strings.Fields(string(mustRun(t, "", "export", "--plain"))), " ")
	exported := strings.SplitN(line, "\n", 2)[0]
	deep := strings.Repeat(`{"a":`, 100000)
	existing := filepath.Join(t.TempDir(), "findes.jsonl")
	os.WriteFile(existing, []byte("mit\n"), 0o600)
	missingDir := filepath.Join(t.TempDir(), "mangler", "fil")
	standard, err := os.ReadFile(filepath.Join("..", "..", "standards", "data", "ishoj.toml"))
	if err != nil {
		t.Fatal(err)
	}

	inputs := []badInput{
		{name: "not JSON", args: []string{"case", "add", "{file}"}, file: []byte("hej"), says: "sagsfil"},
		{name: "half a case file", args: []string{"case", "add", "{file}"}, file: good[:len(good)/2], says: "sagsfil"},
		{name: "empty case file", args: []string{"case", "add", "{file}"}, file: nil, says: "sagsfil"},
		{name: "Latin-1 name", args: []string{"case", "add", "{file}"}, file: with("Mette", "M\xf8tte"), says: "UTF-8"},
		{name: "escape in name", args: []string{"case", "add", "{file}"}, file: with("Mette", `Mette\u001b]0;pwned\u0007`), says: "name"},
		{name: "bidi override in name", args: []string{"case", "add", "{file}"}, file: with("Mette", `Mette\u202e`), says: "name"},
		{name: "C1 control in name", args: []string{"case", "add", "{file}"}, file: with("Mette", `Mette\u009b`), says: "name"},
		{name: "escape in note", args: []string{"case", "add", "{file}"}, file: with("Lille netværk.", `Lille\u001b[2J netværk.`), says: "note"},
		{name: "invalid level", args: []string{"case", "add", example("invalid-level.json")}, says: "skalaen"},
		{name: "bad CPR", args: []string{"case", "add", "{file}"}, file: with("150391-1234", "150391-12345"), says: "cpr"},
		{name: "deep nesting", args: []string{"case", "add", "{file}"}, file: []byte(deep), says: "sagsfil"},
		{name: "a folder as case file", args: []string{"case", "add", t.TempDir()}, says: "mappe"},
		{name: "a device as case file", args: []string{"case", "add", "{file}"}, link: "/dev/zero", says: "16 MiB"},
		{name: "missing case file", args: []string{"case", "add", filepath.Join(t.TempDir(), "mangler.json")}, says: "findes ikke"},
		{name: "unknown case", args: []string{"decide", "01JD0000000000000000000000", "--provision", "sel85"}, says: "findes ikke"},
		{name: "unknown provision", args: []string{"decide", id, "--provision", "sel999"}, says: "--provision"},
		{name: "impossible date", args: []string{"decide", id, "--provision", "sel82a", "--date", "2026-13-45"}, says: "--date"},
		{name: "follow-up beyond the standard", args: []string{"decide", open, "--provision", "sel85", "--date", "2026-11-20", "--follow-up", "2045-01-01"}, says: "--follow-up"},
		{name: "follow-up before the decision", args: []string{"decide", open, "--provision", "sel85", "--date", "2026-11-20", "--follow-up", "1990-01-01"}, says: "--follow-up"},
		{name: "import line not JSON", args: []string{"import", "-"}, stdin: "hej\n", says: "linje 1"},
		{name: "import follow-up in 2045", args: []string{"import", "-"}, stdin: strings.Replace(exported, "2027-11-20", "2045-11-20", 1) + "\n", says: "linje 1"},
		{name: "import invalid UTF-8", args: []string{"import", "-"}, stdin: strings.Replace(exported, "Mette", "M\xf8tte", 1) + "\n", says: "linje 1"},
		{name: "import from a device", args: []string{"import", "{file}"}, link: "/dev/zero", says: "længere end"},
		{name: "standards nested too deep", args: []string{"--standards", "{dir}", "standards"}, dir: map[string][]byte{"x.toml": []byte(strings.Repeat("[", 5000))}, says: "x.toml"},
		{name: "standards too large", args: []string{"--standards", "{dir}", "standards"}, dir: map[string][]byte{"x.toml": bytes.Repeat([]byte("# fyld\n"), 1<<20)}, says: "x.toml"},
		{name: "two standards with one id", args: []string{"--standards", "{dir}", "standards"}, dir: map[string][]byte{"a.toml": standard, "b.toml": standard}, says: "findes også i"},
		{name: "export format", args: []string{"export", "--format", "xml"}, says: "--format"},
		{name: "export recipient", args: []string{"export", "--recipient", "age1forkert"}, says: "--recipient"},
		{name: "export over a file", args: []string{"export", "--plain", "-o", existing}, says: "findes allerede"},
		{name: "export into a missing folder", args: []string{"export", "--plain", "-o", missingDir}, says: "mappe"},
		{name: "backup over a file", args: []string{"backup", existing}, says: "findes allerede", pgSays: "pg_dump"},
		{name: "backup into a missing folder", args: []string{"backup", missingDir}, says: "mappe", pgSays: "pg_dump"},
		{name: "restore of a foreign file", args: []string{"restore", "{file}"}, file: []byte("ikke en database"), says: "vælg en anden sikkerhedskopi"},
		{name: "restore of the store itself", args: []string{"restore", db}, says: "anden fil"},
	}
	handled := 0
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "input")
			switch {
			case in.link != "":
				os.Symlink(in.link, file)
			default:
				os.WriteFile(file, in.file, 0o600)
			}
			for name, data := range in.dir {
				os.WriteFile(filepath.Join(dir, name), data, 0o600)
			}
			var args []string
			for _, a := range in.args {
				a = strings.ReplaceAll(a, "{file}", file)
				args = append(args, strings.ReplaceAll(a, "{dir}", dir))
			}
			before := storeState(t, db)
			beforeExisting, _ := os.ReadFile(existing)
			out, errOut, status := vum(t, in.stdin, args...)
			ok := true
			if status != exitError && status != exitUsage {
				t.Errorf("status %d, want %d or %d\n%s%s", status, exitError, exitUsage, out, errOut)
				ok = false
			}
			says := in.says
			if in.pgSays != "" && os.Getenv("VUM_TEST_BACKEND") == "postgres" {
				says = in.pgSays
			}
			if !strings.Contains(strings.ToLower(errOut), strings.ToLower(says)) {
				t.Errorf("the error does not say %q:\n%s", says, errOut)
				ok = false
			}
			for _, e := range english {
				if strings.Contains(errOut, e) {
					t.Errorf("untranslated or internal text %q:\n%s", e, errOut)
					ok = false
				}
			}
			if storeState(t, db) != before {
				t.Error("the store or a file beside it changed")
				ok = false
			}
			if data, _ := os.ReadFile(existing); !bytes.Equal(data, beforeExisting) {
				t.Error("an existing file was changed")
				ok = false
			}
			if ok {
				handled++
			}
		})
	}
	t.Logf("%d of %d bad inputs refused with a Danish message, the store unchanged", handled, len(inputs))
}
