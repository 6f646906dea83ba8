package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A damaged store is refused for writing with advice, salvaged case by
// case into JSONL or a new store, and replaced by a checked backup.
func TestSalvageAndRestore(t *testing.T) {
	fileOnly(t)
	db := withStore(t)
	const total = 60
	for i := 0; i < total; i++ {
		mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	}
	dir := t.TempDir()
	backup := filepath.Join(dir, "kopi.db")
	mustRun(t, "", "backup", backup)
	orig, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	// Flip a byte near the end of each page in turn (where a leaf keeps
	// its values) until a case is lost or only partly read and the rest
	// can be read.
	var salvaged string
	for try := 0; try < 3*len(orig)/4096 && salvaged == ""; try++ {
		p, back := 2+try/3, []int{40, 400, 1500}[try%3]
		if (p+1)*4096 > len(orig) {
			break
		}
		data := append([]byte(nil), orig...)
		data[(p+1)*4096-back] ^= 0x10
		os.WriteFile(db, data, 0o600)
		out := filepath.Join(dir, "try.jsonl")
		os.Remove(out)
		stdout, errOut, status := vum(t, "", "salvage", out)
		if status == 0 && (strings.Contains(errOut, "kunne ikke læses: sag") || strings.Contains(errOut, "reddet delvis: sag")) &&
			!strings.HasPrefix(stdout, "0 sager") {
			salvaged = out
		}
	}
	if salvaged == "" {
		t.Fatal("no single damaged value found to salvage around")
	}
	lines := 0
	f, _ := os.Open(salvaged)
	for sc := bufio.NewScanner(f); sc.Scan(); lines++ {
	}
	f.Close()
	if lines == 0 || lines > total {
		t.Errorf("salvaged %d of %d cases", lines, total)
	}
	if info, _ := os.Stat(salvaged); info.Mode().Perm() != 0o600 {
		t.Errorf("salvage file mode %v", info.Mode().Perm())
	}

	before, _ := os.ReadFile(db)
	_, errOut, status := vum(t, "", "case", "add", example("ishoj-moderat.json"))
	if status != exitDamaged || !strings.Contains(errOut, "kan kun læses") || !strings.Contains(errOut, "vum restore") {
		t.Errorf("write on a damaged store: status %d\n%s", status, errOut)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the refused write changed the file")
	}
	if _, errOut, status := vum(t, "", "check"); status != exitDamaged || !strings.Contains(errOut, "beskadiget") {
		t.Errorf("check: %d %s", status, errOut)
	}
	if _, errOut, status := vum(t, "", "backup", filepath.Join(dir, "b2.db")); status != exitDamaged || !strings.Contains(errOut, "--damaged") {
		t.Errorf("backup of a damaged store: %d %s", status, errOut)
	}
	if out := mustRun(t, "", "backup", "--damaged", filepath.Join(dir, "b3.db")); !strings.Contains(out, "b3.db") {
		t.Errorf("backup --damaged: %s", out)
	}

	fresh := filepath.Join(dir, "reddet.db")
	if out := mustRun(t, "", "salvage", fresh); !strings.Contains(out, "reddet til") {
		t.Errorf("salvage to a store: %s", out)
	}
	if list := mustRun(t, "", "--db", fresh, "case", "list"); strings.Count(list, "Mette Hansen") != lines {
		t.Errorf("the new store holds %d cases, want %d", strings.Count(list, "Mette Hansen"), lines)
	}

	// A damaged backup is refused; a good one is put in place and the
	// damaged file kept aside.
	// The store is fine; the backup given is bad input (status 1).
	if _, errOut, status := vum(t, "", "restore", filepath.Join(dir, "b3.db")); status != exitError || !strings.Contains(errOut, "vælg en anden sikkerhedskopi") {
		t.Errorf("restore of a damaged copy: %d %s", status, errOut)
	}
	out := mustRun(t, "", "restore", backup)
	if !strings.Contains(out, "gendannet") || !strings.Contains(out, "før-gendannelse") {
		t.Errorf("restore: %s", out)
	}
	if out := mustRun(t, "", "check"); !strings.Contains(out, "i orden") {
		t.Errorf("check after restore: %s", out)
	}
	mustRun(t, "", "case", "add", example("ishoj-moderat.json"))
	kept, _ := filepath.Glob(db + ".før-gendannelse-*")
	if len(kept) != 1 {
		t.Errorf("the damaged file was not kept: %v", kept)
	}
}
