package letter

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares the Markdown and the plain text of every draft case
// with its golden file. Run with -update to rewrite them after a change
// that is meant.
func TestGolden(t *testing.T) {
	cat := catalogT(t)
	for _, c := range draftCases {
		t.Run(c.name, func(t *testing.T) {
			l, err := Build(c.input(t, cat))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".md.golden", l.Markdown())
			golden(t, c.name+".txt.golden", l.Text())
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./letter -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is meant):\n%s", name, firstDiff(string(want), got))
	}
}

// firstDiff shows the first line where want and got part.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(no line differs)"
}

// TestTextIsPlain checks that the plain text wraps at TextWidth and
// carries no Markdown.
func TestTextIsPlain(t *testing.T) {
	cat := catalogT(t)
	for _, c := range draftCases {
		l, err := Build(c.input(t, cat))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(l.Text(), "\n") {
			if n := utf8.RuneCountInString(line); n > TextWidth && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("%s line %d is %d columns: %q", c.name, i+1, n, line)
			}
			if line != strings.TrimRight(line, " ") {
				t.Errorf("%s line %d ends in spaces: %q", c.name, i+1, line)
			}
			for _, md := range []string{"**", "\\", "# ", "> ", "`"} {
				if strings.HasPrefix(line, md) || (md == "**" || md == "\\" || md == "`") && strings.Contains(line, md) {
					t.Errorf("%s line %d has Markdown %q: %q", c.name, i+1, md, line)
				}
			}
		}
	}
}
