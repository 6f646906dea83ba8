package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// secrets are what ishoj-moderat.json holds about the citizen.
var secrets = []string{"150391-1234", "1503911234", "Mette Hansen", "Mette", "Angst; undgår", "Lille netværk", "Få styr på regninger"}

func assertSealed(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("%s shows %q in clear", filepath.Base(path), s)
		}
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestStoreMadeByCommandsShowsNothingInClear(t *testing.T) {
	fileOnly(t)
	path := withStore(t)
	_, errOut, status := vum(t, "", "case", "add", example("ishoj-moderat.json"))
	if status != 0 || !strings.Contains(errOut, "GENDANNELSESNØGLE") || !strings.Contains(errOut, "kun denne ene gang") {
		t.Fatalf("the first case add must show the recovery key once: %d\n%s", status, errOut)
	}
	if !regexp.MustCompile(`[A-Z2-7]{7}(-[A-Z2-7]{7}){7}`).MatchString(errOut) {
		t.Errorf("no recovery key in:\n%s", errOut)
	}
	id := strings.TrimSpace(mustRun(t, "", "case", "list", "--json")[0:0] + firstID(t))
	if _, errOut, _ := vum(t, "", "case", "show", id); strings.Contains(errOut, "GENDANNELSESNØGLE") {
		t.Error("the recovery key is shown again")
	}
	mustRun(t, "", "decide", id, "--provision", "sel85", "--date", "2026-11-20")
	backup := filepath.Join(t.TempDir(), "kopi.db")
	mustRun(t, "", "backup", backup)
	if show := mustRun(t, "", "case", "show", id); !strings.Contains(show, "Mette Hansen") {
		t.Errorf("the store does not read back:\n%s", show)
	}
	assertSealed(t, path)
	assertSealed(t, backup)
	if info, _ := os.Stat(backup); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", info.Mode().Perm())
	}

	// Locked: a Danish message that says how to unlock, nothing changed.
	before := fileSum(t, path)
	t.Setenv("VUM_PASSPHRASE", "")
	_, errOut, status = vum(t, "", "case", "list")
	if status != 1 || !strings.Contains(errOut, "krypteret og låst") || !strings.Contains(errOut, "vum unlock") {
		t.Errorf("locked store: %d %s", status, errOut)
	}
	t.Setenv("VUM_PASSPHRASE", "forkert frase")
	_, errOut, status = vum(t, "", "case", "show", id)
	if status != 1 || !strings.Contains(errOut, "forkert adgangsfrase") {
		t.Errorf("wrong passphrase: %d %s", status, errOut)
	}
	_, errOut, status = vum(t, "", "unlock")
	if status != 1 || !strings.Contains(errOut, "stadig låst og uændret") {
		t.Errorf("unlock with a wrong passphrase: %d %s", status, errOut)
	}
	if fileSum(t, path) != before {
		t.Error("a refused unlock changed the file")
	}
	// The passphrase may come from a file.
	t.Setenv("VUM_PASSPHRASE", "")
	pf := filepath.Join(t.TempDir(), "frase")
	os.WriteFile(pf, []byte("test-adgangsfrase\n"), 0o600)
	t.Setenv("VUM_PASSPHRASE_FILE", pf)
	mustRun(t, "", "case", "show", id)
}

func firstID(t *testing.T) string {
	t.Helper()
	out := mustRun(t, "", "case", "list")
	m := regexp.MustCompile(`[0-9A-HJKMNP-TV-Z]{26}`).FindString(out)
	if m == "" {
		t.Fatalf("no id in:\n%s", out)
	}
	return m
}

// A plain store from an earlier vum is encrypted by one command, and
// the recovery key it shows sets a new passphrase.
func TestEncryptExistingStoreAndRecover(t *testing.T) {
	fileOnly(t)
	path := withStore(t)
	cat, _ := standards.Embedded()
	data, _ := os.ReadFile(example("ishoj-moderat.json"))
	cf, err := domain.DecodeCaseFile(data, cat.Vocabulary(domain.NewDate(2026, 11, 25)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path, store.Options{}) // plain, as before encryption
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := s.Create(cf.Opening(), cf.FirstAssessment(cf.ApplicationDate))
	s.Close()
	if raw, _ := os.ReadFile(path); !bytes.Contains(raw, []byte("150391-1234")) {
		t.Fatal("premise: a plain store shows the CPR number")
	}
	// A plain store still works, with a warning that says what to do.
	if _, errOut, status := vum(t, "", "case", "show", rec.ID); status != 0 || !strings.Contains(errOut, "ikke krypteret; kryptér den med »vum encrypt«") {
		t.Errorf("plain store: %d %s", status, errOut)
	}

	out := mustRun(t, "", "encrypt")
	key := regexp.MustCompile(`[A-Z2-7]{7}(-[A-Z2-7]{7}){7}`).FindString(out)
	if key == "" || !strings.Contains(out, "kun denne ene gang") {
		t.Fatalf("encrypt output:\n%s", out)
	}
	assertSealed(t, path)
	if show := mustRun(t, "", "case", "show", rec.ID); !strings.Contains(show, "Mette Hansen") {
		t.Errorf("after encryption:\n%s", show)
	}
	if _, errOut, status := vum(t, "", "encrypt"); status != 1 || !strings.Contains(errOut, "allerede krypteret") {
		t.Errorf("encrypt twice: %d %s", status, errOut)
	}
	if log := mustRun(t, "", "log"); !strings.Contains(log, "database krypteret") {
		t.Errorf("the audit trail lacks the encryption:\n%s", log)
	}

	// Forgotten passphrase: the recovery key sets a new one.
	t.Setenv("VUM_PASSPHRASE", "ny lang adgangsfrase")
	t.Setenv("VUM_RECOVERY_KEY", "AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA")
	if _, errOut, status := vum(t, "", "unlock", "--recovery"); status != 1 || !strings.Contains(errOut, "forkert gendannelsesnøgle") {
		t.Errorf("wrong recovery key: %d %s", status, errOut)
	}
	t.Setenv("VUM_RECOVERY_KEY", strings.ToLower(key))
	if out := mustRun(t, "", "unlock", "--recovery"); !strings.Contains(out, "Ny adgangsfrase er sat") {
		t.Errorf("recovery: %s", out)
	}
	mustRun(t, "", "case", "show", rec.ID)
	t.Setenv("VUM_PASSPHRASE", "test-adgangsfrase")
	if _, errOut, status := vum(t, "", "case", "show", rec.ID); status != 1 || !strings.Contains(errOut, "forkert adgangsfrase") {
		t.Errorf("the old passphrase still works: %d %s", status, errOut)
	}
}

// With the kernel's session keyring, »vum unlock« derives the key once;
// later commands need no passphrase until »vum lock«.
func TestSessionKeyringCache(t *testing.T) {
	fileOnly(t)
	probe := sessionCache()
	if probe == nil || probe.put("vum-test-probe", []byte("x"), 5*time.Second) != nil {
		t.Skip("no kernel session keyring here (keyctl refused)")
	}
	probe.forget("vum-test-probe")
	withStore(t)
	t.Setenv("VUM_KEYCACHE", "session")
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	t.Cleanup(func() { vum(t, "", "lock") })
	mustRun(t, "", "lock")
	if out := mustRun(t, "", "unlock", "--hours", "0.01"); !strings.Contains(out, "låst op") || !strings.Contains(out, "Linux-kernen") {
		t.Errorf("unlock: %s", out)
	}
	t.Setenv("VUM_PASSPHRASE", "")
	mustRun(t, "", "case", "show", id) // from the keyring: no passphrase needed
	if out := mustRun(t, "", "lock"); !strings.Contains(out, "nøglen er glemt") {
		t.Errorf("lock: %s", out)
	}
	if _, errOut, status := vum(t, "", "case", "show", id); status != 1 || !strings.Contains(errOut, "låst") {
		t.Errorf("after lock: %d %s", status, errOut)
	}
}

// vum's own folder is made private; another open folder is named in a
// warning.
func TestOpenStoreFolder(t *testing.T) {
	own := filepath.Join(t.TempDir(), "vum")
	other := filepath.Join(t.TempDir(), "delt")
	for _, dir := range []string{own, other} {
		os.MkdirAll(dir, 0o700)
		os.Chmod(dir, 0o755)
	}
	t.Setenv("VUM_DB", filepath.Join(own, "vum.db"))
	_, errOut, status := vum(t, "", "case", "add", example("ishoj-moderat.json"))
	if info, _ := os.Stat(own); status != 0 || info.Mode().Perm() != 0o700 || !strings.Contains(errOut, "nu kun din (0700)") {
		t.Errorf("own folder: %d %v %s", status, info.Mode().Perm(), errOut)
	}
	t.Setenv("VUM_DB", filepath.Join(other, "vum.db"))
	_, errOut, status = vum(t, "", "case", "add", example("ishoj-moderat.json"))
	if info, _ := os.Stat(other); status != 0 || info.Mode().Perm() != 0o755 || !strings.Contains(errOut, "chmod 700 "+other) {
		t.Errorf("other folder: %d %v %s", status, info.Mode().Perm(), errOut)
	}
}
