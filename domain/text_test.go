package domain_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
)

func TestCheckLineRefusesControlAndBidi(t *testing.T) {
	for _, bad := range []string{
		"Mette\x1b]0;pwned\x07", "Mette\x1b[2J", "Me\u202etteH", "Mette\u2066x", "Mette\u0085", "Mette\x7f",
		"Mette\nHansen", "Mette\tHansen", "Mette\rHansen", "Me\u200fte", "a\u2028b",
	} {
		if err := domain.CheckLine(bad); err == nil {
			t.Errorf("CheckLine(%q) accepted", bad)
		}
	}
	for _, good := range []string{"Mette Hansen", "Søren Ærø-Østergaard", "José Núñez", "محمد", "O'Brien"} {
		if err := domain.CheckLine(good); err != nil {
			t.Errorf("CheckLine(%q) = %v", good, err)
		}
	}
}

func TestCheckNoteAllowsTabAndNewlineOnly(t *testing.T) {
	if err := domain.CheckNote("Linje 1\n\tLinje 2"); err != nil {
		t.Errorf("note refused: %v", err)
	}
	for _, bad := range []string{"a\rb", "a\x1bb", "a\u202eb", "a\x00b", "a\u009bb"} {
		if err := domain.CheckNote(bad); err == nil {
			t.Errorf("CheckNote(%q) accepted", bad)
		}
	}
}

func TestVisibleNeutralisesTerminalControls(t *testing.T) {
	cases := map[string]string{
		"Mette Hansen":                    "Mette Hansen",
		"a\nb\tc":                         "a\nb\tc",
		"x\x1b]52;c;ZWNobyBwd25lZA==\x07": `x\u001b]52;c;ZWNobyBwd25lZA==\u0007`,
		"\u202eabc":                       `\u202eabc`,
		"a\u009bb":                        `a\u009bb`,
		"bad \xff byte":                   "bad \uFFFD byte",
		"a\rb":                            `a\u000db`,
	}
	for in, want := range cases {
		if got := domain.Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
	if got := domain.VisibleLine("a\nb\tc\x1b"); got != `a b c\u001b` {
		t.Errorf("VisibleLine = %q", got)
	}
	// Whatever goes in, nothing unsafe comes out.
	in := string([]byte{0x1b, 0x9b, 0xc2, 0x9b, 0xe2, 0x80, 0xae, 0x07, 0x00, 'a'})
	for _, r := range domain.Visible(in) {
		if domain.Unsafe(r) {
			t.Errorf("Visible left %U", r)
		}
	}
}

func TestDecodeRefusesHostileText(t *testing.T) {
	v := vocabulary(t)
	base := string(readCase(t, "ishoj-moderat.json"))
	for field, edit := range map[string][3]string{
		"citizen.name":                       {`"Mette Hansen"`, `"Mette\u001b]0;pwned\u0007"`, "styretegn"},
		"assessment.themes.socialt_liv.note": {`"Lille netværk."`, `"Lille \u202enetværk."`, "retningstegn"},
		"goals[1]":                           {`"Få styr på regninger"`, `"Få styr\u009b på regninger"`, "styretegn"},
	} {
		data := strings.Replace(base, edit[0], edit[1], 1)
		if data == base {
			t.Fatalf("test case %s did not apply", field)
		}
		_, err := domain.DecodeCaseFile([]byte(data), v)
		if err == nil || !strings.Contains(err.Error(), field) || !strings.Contains(err.Error(), edit[2]) {
			t.Errorf("%s: err = %v", field, err)
		}
	}
}

func TestDecodeAcceptsBOMAndRefusesLatin1(t *testing.T) {
	v := vocabulary(t)
	base := readCase(t, "ishoj-moderat.json")
	if _, err := domain.DecodeCaseFile(append([]byte{0xEF, 0xBB, 0xBF}, base...), v); err != nil {
		t.Errorf("BOM refused: %v", err)
	}
	latin1 := bytes.Replace(base, []byte("Mette Hansen"), []byte("S\xf8ren Hansen"), 1)
	if bytes.Equal(latin1, base) {
		t.Fatal("test case did not apply")
	}
	_, err := domain.DecodeCaseFile(latin1, v)
	if err == nil || !strings.Contains(err.Error(), "citizen.name") || !strings.Contains(err.Error(), "UTF-8") || !strings.Contains(err.Error(), "linje") {
		t.Errorf("Latin-1 name: err = %v", err)
	}
	if _, err := domain.DecodeRecord(append([]byte{0xEF, 0xBB, 0xBF}, bytes.ReplaceAll(base, []byte("\n"), nil)...), v); err != nil {
		t.Errorf("BOM on an import line refused: %v", err)
	}
}
