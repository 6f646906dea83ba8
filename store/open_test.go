package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func fingerprint(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// refuse opens path, expects an error of kind, and checks the file is
// byte for byte what it was.
func refuse(t *testing.T, path string, kind error, says string) {
	t.Helper()
	before := fingerprint(t, path)
	for _, ro := range []bool{false, true} {
		opt := testOptions()
		opt.ReadOnly = ro
		s, err := Open(path, opt)
		if err == nil {
			s.Close()
			t.Fatalf("Open(readOnly=%v) accepted the file", ro)
		}
		if !errors.Is(err, kind) || !strings.Contains(err.Error(), says) {
			t.Errorf("Open(readOnly=%v) = %v, want %v saying %q", ro, err, kind, says)
		}
	}
	if fingerprint(t, path) != before {
		t.Error("the refused file was changed")
	}
}

// An empty file, or a bbolt file without a single bucket, is what an
// interrupted creation by an older version left: reading it finds no
// store, and opening it for writing finishes the store.
func TestFinishesUnfinishedCreation(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	bare := filepath.Join(dir, "bare.db")
	db, err := bolt.Open(bare, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{empty, bare} {
		opt := testOptions()
		opt.ReadOnly = true
		if _, err := Open(path, opt); !errors.Is(err, ErrNoStore) {
			t.Errorf("%s read-only: %v, want ErrNoStore", filepath.Base(path), err)
		}
		s, err := Open(path, testOptions())
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		if _, err := s.Create(sampleCase(1).Opening(), nil); err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
		}
		s.Close()
	}
}

func TestRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, bytes.Repeat([]byte("Referat fra mødet.\n"), 500), 0o600)
	refuse(t, text, ErrNotVum, "ikke en vum-database")

	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("hej"), 0o600)
	refuse(t, short, ErrNotVum, "for kort")

	other := filepath.Join(dir, "other.db")
	db, err := bolt.Open(other, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("settings"))
		return b.Put([]byte("theme"), []byte("dark"))
	})
	db.Close()
	refuse(t, other, ErrNotVum, "ikke vums")

	refuseDir := filepath.Join(dir, "folder")
	os.Mkdir(refuseDir, 0o700)
	if _, err := Open(refuseDir, testOptions()); !errors.Is(err, ErrNotVum) {
		t.Errorf("folder: %v", err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	s, path := openTemp(t)
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaSchema, schemaBytes(currentSchema+1)) })
	s.Close()
	refuse(t, path, ErrTooNew, "nyere vum")
}

// Damage to the meta pages or to data pages never panics and never
// changes the file.
func TestDamagedFiles(t *testing.T) {
	s, path := openTemp(t)
	for i := 0; i < 300; i++ {
		addCase(t, s, sampleCase(i))
	}
	s.Close()
	original, _ := os.ReadFile(path)
	pageSize := os.Getpagesize()

	damage := []struct {
		name    string
		at      int
		n       int
		noticed bool // the damage hits live data and must be reported
	}{
		{"both meta pages", 0, 2 * pageSize, true},
		{"one meta page (the other is used)", 40, 8, false},
		{"data pages", 4 * pageSize, 6 * pageSize, true},
		{"branch and leaf pages", 2 * pageSize, 20 * pageSize, true},
		{"tail", len(original) - 8*pageSize, 8 * pageSize, false},
	}
	for _, d := range damage {
		t.Run(d.name, func(t *testing.T) {
			broken := append([]byte(nil), original...)
			for i := d.at; i < d.at+d.n && i < len(broken); i++ {
				broken[i] ^= byte(0x5A + i%7)
			}
			p := filepath.Join(t.TempDir(), "vum.db")
			os.WriteFile(p, broken, 0o600)
			before := fingerprint(t, p)
			if noticed := useDamaged(t, p); d.noticed && !noticed {
				t.Error("damage to live pages went unreported")
			}
			if fingerprint(t, p) != before {
				t.Error("a damaged file was changed")
			}
		})
	}
}

// useDamaged opens read-only and reads everything, reporting whether the
// damage was noticed. Errors are fine; a panic would fail the test.
func useDamaged(t *testing.T, path string) (noticed bool) {
	opt := testOptions()
	opt.ReadOnly = true
	s, err := Open(path, opt)
	if err != nil {
		if !strings.Contains(err.Error(), "kan ikke åbnes") {
			t.Errorf("unclear error: %v", err)
		}
		return true
	}
	defer s.Close()
	errSummaries := s.Summaries(func(Summary) bool { return true })
	errLog := s.Log("", func(AuditEntry) bool { return true })
	r, errCheck := s.Check()
	return errSummaries != nil || errLog != nil || errCheck != nil || !r.OK()
}

func TestMigrationPath(t *testing.T) {
	s, path := openTemp(t)
	addCase(t, s, sampleCase(1))
	s.Close()

	oldSchema, oldMigrations := currentSchema, migrations
	t.Cleanup(func() { currentSchema, migrations = oldSchema, oldMigrations })
	currentSchema = 3

	// A failing migration leaves the file as it was.
	migrations = []migration{{From: 2, Describe: "fejler", Run: func(*Store, *bolt.Tx) error { return errors.New("boom") }}}
	before := fingerprint(t, path)
	if _, err := Open(path, testOptions()); err == nil || !strings.Contains(err.Error(), "filen er uændret") {
		t.Fatalf("failing migration: %v", err)
	}
	if fingerprint(t, path) != before {
		t.Error("failed migration changed the file")
	}

	migrations = []migration{{From: 2, Describe: "tilføjer en spand", Run: func(s *Store, tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("extra"))
		return err
	}}}
	// A read-only opener migrates too, transparently.
	opt := testOptions()
	opt.ReadOnly = true
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.schema(); v != 3 {
		t.Errorf("schema after migration = %d", v)
	}
	var last AuditEntry
	s.Log("", func(e AuditEntry) bool { last = e; return true })
	if last.Action != "migrering" || !strings.Contains(last.Detail, "2 til 3") {
		t.Errorf("last audit entry = %+v", last)
	}
	if n, _ := s.Count(); n != 1 {
		t.Errorf("cases after migration = %d", n)
	}
}

// holdLock is run in a child process: it opens the store for writing and
// keeps it until killed.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("VUM_TEST_HOLD")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := Open(path, Options{})
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(1)
	}
	defer s.Close()
	os.Stdout.WriteString("holding\n")
	time.Sleep(time.Minute)
}

func startHolder(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "VUM_TEST_HOLD="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "holding") {
		t.Fatalf("holder did not start: %q", buf[:n])
	}
	return cmd
}

func TestStoreInUseByAnotherProcess(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	startHolder(t, path)
	for _, ro := range []bool{false, true} {
		opt := testOptions()
		opt.ReadOnly = ro
		start := time.Now()
		_, err := Open(path, opt)
		if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "i brug af en anden vum-proces") {
			t.Errorf("readOnly=%v: %v", ro, err)
		}
		if waited := time.Since(start); waited > 3*time.Second {
			t.Errorf("waited %v before giving up", waited)
		}
	}
}

func TestSeveralReadersAtOnce(t *testing.T) {
	s, path := openTemp(t)
	addCase(t, s, sampleCase(1))
	s.Close()
	opt := testOptions()
	opt.ReadOnly = true
	a, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, opt)
	if err != nil {
		t.Fatalf("second reader: %v", err)
	}
	defer b.Close()
	if n, _ := b.Count(); n != 1 {
		t.Errorf("count = %d", n)
	}
	if _, err := a.Create(sampleCase(2).Opening(), nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write through a read-only store: %v", err)
	}
}

func TestReadOnlyWithoutStore(t *testing.T) {
	opt := testOptions()
	opt.ReadOnly = true
	path := filepath.Join(t.TempDir(), "vum.db")
	if _, err := Open(path, opt); !errors.Is(err, ErrNoStore) {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("a read-only open created the file")
	}
}

func TestBackupWhileInUse(t *testing.T) {
	s, _ := openTemp(t)
	for i := 0; i < 20; i++ {
		addCase(t, s, sampleCase(i))
	}
	dest := filepath.Join(t.TempDir(), "kopi.db")
	if err := s.Backup(dest, BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(dest, BackupOptions{}); err == nil || !strings.Contains(err.Error(), "findes allerede") {
		t.Errorf("second backup to the same file: %v", err)
	}
	info, _ := os.Stat(dest)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %v", info.Mode().Perm())
	}
	opt := testOptions()
	opt.ReadOnly = true
	copyStore, err := Open(dest, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer copyStore.Close()
	n, _ := copyStore.Count()
	if n != 20 {
		t.Errorf("backup holds %d cases", n)
	}
	// The audit entry is written once the copy exists, in the source.
	var last AuditEntry
	s.Log("", func(e AuditEntry) bool { last = e; return true })
	if last.Action != "sikkerhedskopi" || !strings.Contains(last.Detail, "kopi.db") {
		t.Errorf("last audit in the source %+v", last)
	}
}

func TestCheckFindsInconsistency(t *testing.T) {
	s, _ := openTemp(t)
	a := addCase(t, s, sampleCase(1))
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketSummaries).Delete([]byte(a.ID)) })
	r, err := s.Check()
	if err != nil || r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), "mangler i oversigten") {
		t.Errorf("check = %+v, %v", r, err)
	}
}
