package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWriteCreatesPrivateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := Write(path, []byte("hej"), Options{}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	if got, _ := os.ReadFile(path); string(got) != "hej" {
		t.Errorf("content %q", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestExistingTargetNeedsOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	os.WriteFile(path, []byte("old"), 0o600)
	err := Write(path, []byte("new"), Options{})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if !strings.Contains(err.Error(), "findes allerede") {
		t.Errorf("message not Danish: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("target changed to %q", got)
	}
	if err := Write(path, []byte("new"), Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("content %q after overwrite", got)
	}
}

// A symbolic link at the target or at the old fixed temporary name must
// never be written through.
func TestNeverWritesThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o600)
	path := filepath.Join(dir, "out.txt")
	if err := os.Symlink(victim, path+".tmp"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, path); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("secret"), Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists for a link at the target", err)
	}
	if err := Write(path, []byte("secret"), Options{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(victim); string(got) != "keep" {
		t.Errorf("write went through the link: victim is %q", got)
	}
	if info, _ := os.Lstat(path); info.Mode()&os.ModeSymlink != 0 {
		t.Errorf("target is still a link")
	}
	// A dangling link at the target is refused too.
	dangling := filepath.Join(dir, "d.txt")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	if err := Write(dangling, []byte("x"), Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("dangling link: err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); err == nil {
		t.Errorf("a file was created through a dangling link")
	}
}

func TestFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	boom := errors.New("boom")
	err := WriteFrom(path, Options{}, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Lstat(path); err == nil {
		t.Errorf("target exists after a failed write")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestExplainIsDanish(t *testing.T) {
	for errno, want := range map[syscall.Errno]string{syscall.ENOSPC: "disken er fuld", syscall.EROFS: "skrivebeskyttet", syscall.EACCES: "ingen adgang"} {
		err := &Error{Op: "skrive", Path: "/x", Err: &os.PathError{Op: "write", Path: "/x", Err: errno}}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v: %q lacks %q", errno, err.Error(), want)
		}
	}
}

func TestMissingFolder(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "no", "a.md"), []byte("x"), Options{})
	if err == nil || !strings.Contains(err.Error(), "findes ikke") {
		t.Fatalf("err = %v", err)
	}
}

// An append never goes through a symbolic link (where the system can
// tell), and a new file is private.
func TestOpenAppendRefusesLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows opens have no O_NOFOLLOW")
	}
	dir := t.TempDir()
	other := filepath.Join(dir, "andet")
	os.WriteFile(other, []byte("x"), 0o644)
	link := filepath.Join(dir, "journal")
	os.Symlink(other, link)
	if f, err := OpenAppend(link); err == nil {
		f.Close()
		t.Fatal("appended through a link")
	}
	path := filepath.Join(dir, "ny")
	f, err := OpenAppend(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode().Perm())
	}
}
