package letter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

// vumbyCatalog adds Vumby, a test municipality on VUM 2.0.
func vumbyCatalog(t *testing.T) *standards.Catalog {
	t.Helper()
	cat, err := standards.LoadDir(filepath.Join("..", "testdata", "standards", "vum2"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

var vumbyCase = draftCase{name: "vumby-85-vum2", file: "vumby-vum2.json", caseID: "VB-2026-0007", today: "2026-11-20",
	provision: domain.SEL85, tier: "moderat", date: "2026-11-20", start: "2026-12-01", followed: true, role: "primary",
	suggested: domain.SEL85, suggestedTier: "moderat", scope: hoursScope(2.5),
	fill: Fill{CitizenAddress: "Rådhusvej 3, 9999 Vumby"}}

// A letter under VUM 2.0 speaks its words: its themes and functional
// levels, a theme described in words without a level, statements with
// their source, støttebehov, and the goal chain.
func TestGoldenVUM2(t *testing.T) {
	l, err := Build(vumbyCase.input(t, vumbyCatalog(t)))
	if err != nil {
		t.Fatal(err)
	}
	md := l.Markdown()
	golden(t, vumbyCase.name+".md.golden", md)
	golden(t, vumbyCase.name+".txt.golden", l.Text())
	for _, want := range []string{
		"efter VUM 2.0",
		"Praktiske opgaver: niveau 2 (moderat nedsat funktionsevne).",
		"Mentale funktioner: Vores vurdering: Angst",
		"Oplyst af pårørende: »Min søster spiser mest rugbrød.«",
		"Støttebehov: moderat støttebehov.",
		"Formålet med indsatsen er: Mette bliver mere selvhjulpen",
		"Mette deltager i et fællesskab en gang om ugen (Relationer, Mobilitet; udvikle funktionsevne)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the letter lacks %q", want)
		}
	}
	if strings.Contains(md, "Mentale funktioner: niveau") {
		t.Error("a theme described in words has no level in the letter")
	}
}

// When Ishøj moves to VUM 2.0, the letter on a case assessed under VUM 1
// is the same, word for word.
func TestLetterUnchangedAfterSwitch(t *testing.T) {
	dir := t.TempDir()
	ishoj, err := os.ReadFile(filepath.Join("..", "standards", "data", "ishoj.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ishoj.toml"), append([]byte("method = \"vum2\"\n"), ishoj...), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := standards.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if after.MethodFor("ishoj").ID != "vum2" {
		t.Fatal("Ishøj should assess with VUM 2.0 in the folder")
	}
	before := catalogT(t)
	for _, name := range []string{"ishoj-85", "ishoj-103", "ishoj-85-fravalgt-forslag"} {
		c := findCase(t, name)
		in := c.input(t, before) // the case as recorded under VUM 1
		l1, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		in.Catalog = after
		l2, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		if l1.Markdown() != l2.Markdown() {
			t.Errorf("%s changed with the switch:\n%s", name, firstDiff(l1.Markdown(), l2.Markdown()))
		}
		// And it is the letter the golden file holds from before.
		golden(t, name+".md.golden", l2.Markdown())
	}
}
