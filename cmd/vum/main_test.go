package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/store/crypt"
)

var update = flag.Bool("update", false, "rewrite golden files")

// vum runs one command line in-process and returns stdout, stderr and the
// exit status.
func vum(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), status
}

func example(name string) string { return filepath.Join("..", "..", "testdata", "cases", name) }

// testKeys unlocks the stores the tests make, with VUM_PASSPHRASE.
func testKeys() *cliKeys { return newApp(nil, nil, nil).keys() }

func TestMain(m *testing.M) {
	// Every store the commands make is encrypted with this passphrase, at
	// a low Argon2id cost so the tests stay fast (the default cost is
	// tested in store/crypt). No key is cached outside the process unless
	// a test asks for it.
	os.Setenv("VUM_PASSPHRASE", "test-adgangsfrase")
	os.Unsetenv("VUM_PASSPHRASE_FILE")
	os.Setenv("VUM_KEYCACHE", "off")
	kdfCost = crypt.Cost{Time: 1, MemKiB: 64, Threads: 1}
	os.Setenv("VUM_TODAY", "2026-11-25")
	os.Unsetenv("VUM_STANDARDS")
	dir, err := os.MkdirTemp("", "vum-bin-")
	if err != nil {
		panic(err)
	}
	testBinDir = dir
	status := m.Run()
	os.RemoveAll(dir)
	os.Exit(status)
}

// testBinDir holds the binary the tests build once (buildVumOnce).
var testBinDir string

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/vum -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestSuggestTextGolden(t *testing.T) {
	for _, name := range []string{"ishoj-moderat", "ishoj-let-82a", "ishoj-108", "ishoj-103-family", "gentofte-85"} {
		t.Run(name, func(t *testing.T) {
			out, errOut, status := vum(t, "", "suggest", example(name+".json"))
			if status != 0 || errOut != "" {
				t.Fatalf("status %d, stderr %s", status, errOut)
			}
			golden(t, "suggest-"+name, out)
		})
	}
}

// The JSON shape other programs rely on.
func TestSuggestJSONShape(t *testing.T) {
	out, errOut, status := vum(t, "", "suggest", "--json", example("ishoj-moderat.json"))
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["municipality"] != "ishoj" {
		t.Errorf("municipality = %v", doc["municipality"])
	}
	if _, ok := doc["warnings"].([]any); !ok {
		t.Errorf("warnings must be an array, got %T", doc["warnings"])
	}
	s := doc["suggestions"].([]any)[0].(map[string]any)
	want := map[string]any{
		"provision": "sel85", "law": "SEL § 85", "title": "Socialpædagogisk støtte", "tier": "moderat",
		"days_per_week_max": nil, "days_per_year_max": nil, "follow_up_months": 12.0,
		"decision_deadline": "2026-11-30", "appealable": true, "complaint_deadline_weeks": 4.0,
	}
	for k, v := range want {
		got, present := s[k]
		if !present || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, present, v)
		}
	}
	h := s["hours_per_week"].(map[string]any)
	if h["min"] != 1.0 || h["max"] != 4.0 {
		t.Errorf("hours_per_week = %v", h)
	}
	if _, ok := s["rationale"].([]any); !ok {
		t.Error("rationale must be an array")
	}
	if _, ok := s["source"].(map[string]any); !ok {
		t.Error("source must be an object")
	}
}

func TestSuggestReadsStdin(t *testing.T) {
	data, _ := os.ReadFile(example("gentofte-85.json"))
	out, _, status := vum(t, string(data), "suggest", "--json", "-")
	if status != 0 || !strings.Contains(out, `"decision_deadline": null`) {
		t.Errorf("status %d, out %s", status, out)
	}
}

func TestSuggestErrors(t *testing.T) {
	tests := []struct {
		name   string
		stdin  string
		args   []string
		status int
		says   []string
	}{
		{"invalid example names all three problems", "", []string{"suggest", "--json", example("invalid-level.json")}, 1,
			[]string{"(3 fejl)", "citizen.cpr: CPR-nummerets dato 310291 er ikke en gyldig dato",
				"psykisk_funktionsnedsaettelse.level: 7 er uden for skalaen 0-4", "assessment.themes.gaardmand: ukendt tema"}},
		{"bad JSON", "{", []string{"suggest", "-"}, 1, []string{"ugyldig JSON i kolonne 1"}},
		{"missing file", "", []string{"suggest", "findes-ikke.json"}, 1, []string{"kan ikke åbne findes-ikke.json: filen eller mappen findes ikke"}},
		{"unknown municipality flag", "", []string{"suggest", "--municipality", "aarhus", example("ishoj-moderat.json")}, 1,
			[]string{"ukendt kommune \"aarhus\"; kendte kommuner: ballerup, gentofte, ishoj, vallensbaek"}},
		{"no file", "", []string{"suggest"}, 2, []string{"skal have FIL"}},
		{"unknown flag", "", []string{"suggest", "--jsn", "x"}, 2, []string{"ukendt flag: --jsn"}},
		{"unknown command", "", []string{"foreslå"}, 2, []string{"ukendt kommando"}},
		{"standards for an uncovered provision", "", []string{"standards", "show", "gentofte", "sel108"}, 1,
			[]string{"Gentofte Kommune har ingen kvalitetsstandard for \"sel108\"", "sel85, sel104"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := vum(t, tt.stdin, tt.args...)
			if status != tt.status {
				t.Errorf("status = %d, want %d", status, tt.status)
			}
			if out != "" {
				t.Errorf("stdout must stay empty on error, got %q", out)
			}
			for _, s := range tt.says {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr does not say %q:\n%s", s, errOut)
				}
			}
		})
	}
}

func TestMunicipalityOverride(t *testing.T) {
	out, _, status := vum(t, "", "suggest", "--json", "--municipality", "gentofte", example("ishoj-moderat.json"))
	if status != 0 || !strings.Contains(out, `"municipality": "gentofte"`) || !strings.Contains(out, `"tier": null`) {
		t.Errorf("status %d:\n%s", status, out)
	}
}

func TestStandardsCommands(t *testing.T) {
	out, _, status := vum(t, "", "standards")
	if status != 0 {
		t.Fatal(status)
	}
	golden(t, "standards-list", out)
	out, _, status = vum(t, "", "standards", "show", "ishoj", "sel85")
	if status != 0 {
		t.Fatal(status)
	}
	golden(t, "standards-show-ishoj-sel85", out)
}

func TestStandardsFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "gentofte.toml"), []byte("id = \"gentofte\"\n[[municipality]]\nid = \"gentofte\"\n"), 0o600)
	_, errOut, status := vum(t, "", "--standards", dir, "standards")
	if status != 1 || !strings.Contains(errOut, dir+"/gentofte.toml: municipality[0].name") || !strings.Contains(errOut, "ingen ydelser") {
		t.Errorf("status %d:\n%s", status, errOut)
	}
	t.Setenv("VUM_STANDARDS", dir)
	_, errOut, status = vum(t, "", "suggest", example("ishoj-moderat.json"))
	if status != 1 || !strings.Contains(errOut, "kvalitetsstandarderne kan ikke indlæses") {
		t.Errorf("VUM_STANDARDS not honoured: status %d:\n%s", status, errOut)
	}
}

func TestHelpIsDanish(t *testing.T) {
	out, _, status := vum(t, "", "suggest", "--help")
	if status != 0 || !strings.Contains(out, "Brug:") || !strings.Contains(out, "Eksempler:") || strings.Contains(out, "Usage:") {
		t.Errorf("status %d:\n%s", status, out)
	}
}

// No English is left in any command's help, not even pflag's defaults.
func TestEveryHelpIsDanish(t *testing.T) {
	a := newApp(strings.NewReader(""), io.Discard, io.Discard)
	root := a.rootCommand()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		args := append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "vum")), "--help")
		out, _, status := vum(t, "", args...)
		for _, english := range []string{"(default", "Usage:", "Flags:", "Available Commands"} {
			if status != 0 || strings.Contains(out, english) {
				t.Errorf("vum %s: status %d, %q in:\n%s", strings.Join(args, " "), status, english, out)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if out, _, _ := vum(t, "", "--help"); !strings.Contains(out, `(standard: "auto")`) {
		t.Errorf("the default is not named in Danish:\n%s", out)
	}
}

// A municipality whose standard names VUM 2.0: the suggestion is read
// with VUM 2.0's themes and words.
func TestSuggestVUM2Golden(t *testing.T) {
	out, errOut, status := vum(t, "", "--standards", filepath.Join("..", "..", "testdata", "standards", "vum2"), "suggest", example("vumby-vum2.json"))
	if status != 0 || errOut != "" {
		t.Fatalf("status %d, stderr %s", status, errOut)
	}
	golden(t, "suggest-vumby-vum2", out)
	js, _, _ := vum(t, "", "--standards", filepath.Join("..", "..", "testdata", "standards", "vum2"), "suggest", "--json", example("vumby-vum2.json"))
	var doc struct {
		Method     string `json:"method"`
		MethodName string `json:"method_name"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || doc.Method != "vum2" || doc.MethodName != "VUM 2.0" {
		t.Errorf("method = %q %q (%v)", doc.Method, doc.MethodName, err)
	}
}

// When a municipality moves to VUM 2.0 (its standard in a folder naming
// method = "vum2"), a VUM 1 case file is refused with what to change, and
// a VUM 2.0 case file for it is read.
func TestMunicipalitySwitchesToVUM2(t *testing.T) {
	dir := t.TempDir()
	ishoj, err := os.ReadFile(filepath.Join("..", "..", "standards", "data", "ishoj.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ishoj.toml"), append([]byte("method = \"vum2\"\n"), ishoj...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, status := vum(t, "", "--standards", dir, "suggest", example("ishoj-moderat.json"))
	if status != 1 || !strings.Contains(errOut, `schema: en sag i schema 1 er udredt efter VUM (Voksenudredningsmetoden), men ishoj udreder efter VUM 2.0; skriv "schema": 2 og "method": "vum2"`) {
		t.Errorf("status %d, stderr %s", status, errOut)
	}
	data, _ := os.ReadFile(example("vumby-vum2.json"))
	file := strings.Replace(string(data), `"municipality": "vumby"`, `"municipality": "ishoj"`, 1)
	out, errOut, status := vum(t, file, "--standards", dir, "suggest", "-")
	if status != 0 || !strings.Contains(out, "Udredt efter VUM 2.0") || !strings.Contains(out, "Praktiske opgaver 2 (moderat nedsat funktionsevne)") {
		t.Errorf("status %d, stderr %s, out:\n%s", status, errOut, out)
	}
	list, _, _ := vum(t, "", "--standards", dir, "standards")
	if !strings.Contains(list, "Ishøj Kommune (ishoj), Vallensbæk Kommune (vallensbaek)  ["+dir+"] · metode vum2") {
		t.Errorf("standards list:\n%s", list)
	}
	// The embedded Ishøj still assesses with VUM 1 and refuses a VUM 2.0 file.
	_, errOut, status = vum(t, file, "suggest", "-")
	if status != 1 || !strings.Contains(errOut, `method: ishoj udreder efter VUM (Voksenudredningsmetoden) ("vum1"), ikke "vum2"`) {
		t.Errorf("status %d, stderr %s", status, errOut)
	}
}

func TestStandardsMethod(t *testing.T) {
	out, _, status := vum(t, "", "standards", "method", "vum2")
	golden(t, "standards-method-vum2", out)
	if status != 0 {
		t.Errorf("status %d", status)
	}
	_, errOut, status := vum(t, "", "standards", "method", "vum3")
	if status != 1 || !strings.Contains(errOut, `ukendt metode "vum3"; kendte metoder: vum1, vum2`) {
		t.Errorf("status %d, stderr %s", status, errOut)
	}
}
