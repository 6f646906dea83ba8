package standards

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Hostile or wrong standard files are refused quickly, each with one
// short Danish line.
func TestLoadDirRefusesHostileFiles(t *testing.T) {
	deep := "x = " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	deepTables := "[" + strings.Repeat("a.", 40) + "b]\nx = 1\n"
	big := "# " + strings.Repeat("x", maxFileSize) + "\n"
	for name, tc := range map[string]struct{ content, says string }{
		"nesting":     {deep, "inden i hinanden"},
		"tables":      {deepTables, "dybere end"},
		"size":        {big, "større end"},
		"dotted key":  {strings.Repeat("a.", 10000) + "b = 1\n", "led"},
		"not utf8":    {"id = \"a\xff\"\n", "UTF-8"},
		"inline deep": {"x = " + strings.Repeat("{a=", 50) + "1" + strings.Repeat("}", 50) + "\n", "inden i hinanden"},
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := LoadDir(writeDir(t, map[string]string{"hostile.toml": tc.content}))
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("err = %v, want it to say %q", err, tc.says)
			}
			if lines := strings.Count(err.Error(), "\n"); lines > maxProblems+1 {
				t.Errorf("%d lines", lines)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
	// Brackets inside strings and comments are not nesting.
	ok := strings.Replace(embeddedText(t, "gentofte.toml"), "\n", "\n# "+strings.Repeat("[", 40)+"\n", 1)
	if _, err := LoadDir(writeDir(t, map[string]string{"gentofte.toml": ok})); err != nil {
		t.Errorf("comment with brackets refused: %v", err)
	}
}

func TestLoadDirRefusesDevicesAndDuplicateIDs(t *testing.T) {
	dir := writeDir(t, map[string]string{})
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.toml")); err != nil {
		t.Skip("no symlinks here")
	}
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "ikke en almindelig fil") {
		t.Errorf("/dev/zero: %v", err)
	}
	os.Remove(filepath.Join(dir, "zero.toml"))
	text := embeddedText(t, "gentofte.toml")
	os.WriteFile(filepath.Join(dir, "gentofte.toml"), []byte(text), 0o600)
	os.WriteFile(filepath.Join(dir, "gentofte-kopi.toml"), []byte(text), 0o600)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "findes også i") {
		t.Errorf("two files with one id: %v", err)
	}
}

func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 200; i++ {
		b.WriteString("ukendt_" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + strings.Repeat("y", i) + " = 1\n")
	}
	_, err := LoadDir(writeDir(t, map[string]string{"many.toml": b.String()}))
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) > maxProblems+2 || !strings.Contains(err.Error(), "fejl mere") {
		t.Errorf("%d lines:\n%s", len(lines), err)
	}
	for _, l := range lines {
		if len([]rune(l)) > maxProblemText+1 {
			t.Errorf("line of %d characters", len([]rune(l)))
		}
	}
}
