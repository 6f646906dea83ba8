package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/term"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/crypt"
)

// kdfCost is the Argon2id cost of new passphrases; tests lower it.
var kdfCost = crypt.DefaultCost

// defaultUnlockFor is how long an unlocked key stays cached in the
// session keyring: a working day.
const defaultUnlockFor = 10 * time.Hour

// keyCache keeps unlocked data keys for the user's login session, so that
// later commands pay no key derivation.
type keyCache interface {
	name() string
	get(id string) ([]byte, bool)
	put(id string, key []byte, ttl time.Duration) error
	forget(id string) bool
}

// osKeyStore is the OS key store (Windows Credential Manager, macOS
// Keychain, Linux Secret Service) through go-keyring. It keeps the key
// until »vum lock«.
type osKeyStore struct{}

const keyringService = "vum"

func (osKeyStore) name() string {
	switch runtime.GOOS {
	case "darwin":
		return "nøgleringen (macOS Keychain)"
	case "windows":
		return "Windows Legitimationsstyring"
	}
	return "nøgleringen (Secret Service)"
}

func (osKeyStore) get(id string) ([]byte, bool) {
	s, err := keyring.Get(keyringService, id)
	if err != nil {
		return nil, false
	}
	key, err := base64.StdEncoding.DecodeString(s)
	return key, err == nil
}

func (osKeyStore) put(id string, key []byte, _ time.Duration) error {
	return keyring.Set(keyringService, id, base64.StdEncoding.EncodeToString(key))
}

func (osKeyStore) forget(id string) bool { return keyring.Delete(keyringService, id) == nil }

// keyCaches returns where unlocked keys are kept, best first. VUM_KEYCACHE
// chooses: "os" (the OS key store only), "session" (the kernel session
// keyring only), "off" (none: every command unlocks anew); default both,
// the OS key store where there is one.
func keyCaches() []keyCache {
	var out []keyCache
	mode := os.Getenv("VUM_KEYCACHE")
	useOS := mode == "" || mode == "os"
	if runtime.GOOS == "linux" && os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		useOS = false // no Secret Service without a D-Bus session
	}
	if useOS {
		out = append(out, osKeyStore{})
	}
	if c := sessionCache(); c != nil && (mode == "" || mode == "session") {
		out = append(out, c)
	}
	return out
}

// cliKeys unlocks stores for the command line: from the in-process
// memory, then the session cache, then VUM_PASSPHRASE(_FILE), then (when
// allowed) by asking on the terminal. A key it unlocks is cached.
type cliKeys struct {
	a           *app
	interactive bool          // may ask on the terminal
	ttl         time.Duration // how long the session cache keeps a key
	skipCache   bool          // ask for the passphrase even if a key is cached

	mu       sync.Mutex
	known    map[string][]byte // keys unlocked in this process, by key id
	recovery string            // the recovery key of a store made now
	cachedIn string            // where the last key was cached
}

func (a *app) keys() *cliKeys {
	if a.keyring == nil {
		a.keyring = &cliKeys{a: a, ttl: defaultUnlockFor, known: map[string][]byte{}}
	}
	return a.keyring
}

// errNoPassphrase says there was no way to get the passphrase.
var errNoPassphrase = errors.New("ingen adgangsfrase")

// passphrase returns VUM_PASSPHRASE or the first line of the file named by
// VUM_PASSPHRASE_FILE; ok is false when neither is set.
func envPassphrase() (pass []byte, source string, err error) {
	if p := os.Getenv("VUM_PASSPHRASE"); p != "" {
		return []byte(p), "VUM_PASSPHRASE", nil
	}
	name := os.Getenv("VUM_PASSPHRASE_FILE")
	if name == "" {
		return nil, "", nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, "", fmt.Errorf("VUM_PASSPHRASE_FILE: kan ikke læse %s: %s", name, osErrorText(err))
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(line) == 0 {
		return nil, "", fmt.Errorf("VUM_PASSPHRASE_FILE: %s er tom", name)
	}
	return line, "VUM_PASSPHRASE_FILE", nil
}

// terminal returns the controlling terminal for asking, nil without one.
func terminal() *os.File {
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		if term.IsTerminal(int(os.Stdin.Fd())) {
			return os.Stdin
		}
		return nil
	}
	return f
}

func ask(tty *os.File, prompt string) ([]byte, error) {
	fmt.Fprint(tty, prompt)
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(tty)
	return b, err
}

// DataKey finds the key of the store with header h.
func (k *cliKeys) DataKey(h crypt.Header) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if key, ok := k.known[h.KeyID]; ok {
		return key, nil
	}
	for _, c := range keyCaches() {
		if k.skipCache {
			break
		}
		if key, ok := c.get(h.KeyID); ok && h.Matches(key) {
			k.known[h.KeyID] = key
			return key, nil
		}
	}
	pass, source, err := envPassphrase()
	if err != nil {
		return nil, err
	}
	if pass != nil {
		key, err := h.Unlock(pass)
		if err != nil {
			return nil, fmt.Errorf("%w fra %s", err, source)
		}
		return k.remember(h.KeyID, key), nil
	}
	if !k.interactive {
		return nil, errNoPassphrase
	}
	tty := terminal()
	if tty == nil {
		return nil, errNoPassphrase
	}
	for try := 1; ; try++ {
		pass, err := ask(tty, "Adgangsfrase til vum-databasen: ")
		if err != nil {
			return nil, err
		}
		key, err := h.Unlock(pass)
		if err == nil {
			return k.remember(h.KeyID, key), nil
		}
		if try == 3 {
			return nil, err
		}
		fmt.Fprintln(tty, "Forkert adgangsfrase; prøv igen.")
	}
}

// remember keeps key in this process and caches it for the session.
func (k *cliKeys) remember(id string, key []byte) []byte {
	k.known[id] = key
	k.cachedIn = ""
	for _, c := range keyCaches() {
		if c.put(id, key, k.ttl) == nil {
			k.cachedIn = c.name()
			break
		}
	}
	return key
}

// NewKey makes the key of a new store from a passphrase: VUM_PASSPHRASE,
// or typed twice on the terminal. The recovery key is kept to be shown.
func (k *cliKeys) NewKey() ([]byte, crypt.Header, bool, error) {
	if os.Getenv("VUM_UNENCRYPTED") == "1" {
		// Only for measuring the cost of encryption (vumbench).
		fmt.Fprintln(k.a.stderr, "vum: advarsel: databasen oprettes UKRYPTERET (VUM_UNENCRYPTED=1); kryptér den med »vum encrypt«")
		return nil, crypt.Header{}, false, nil
	}
	pass, err := k.newPassphrase()
	if err != nil {
		return nil, crypt.Header{}, false, err
	}
	key, h, recovery, err := crypt.New(pass, kdfCost)
	if err != nil {
		return nil, h, false, err
	}
	k.mu.Lock()
	k.recovery = recovery
	k.remember(h.KeyID, key)
	k.mu.Unlock()
	return key, h, true, nil
}

// newPassphrase gets a new passphrase: from the environment, or typed
// twice on the terminal. Without either it says how to give one.
func (k *cliKeys) newPassphrase() ([]byte, error) {
	pass, _, err := envPassphrase()
	if err != nil || pass != nil {
		return pass, err
	}
	tty := terminal()
	if tty == nil {
		return nil, errors.New("vum krypterer databasen og skal bruge en adgangsfrase: kør kommandoen i en terminal, " +
			"så spørger vum, eller sæt VUM_PASSPHRASE eller VUM_PASSPHRASE_FILE")
	}
	fmt.Fprintln(tty, "Databasen krypteres. Vælg en adgangsfrase (mindst 10 tegn; gerne flere ord).")
	for {
		first, err := ask(tty, "Ny adgangsfrase: ")
		if err != nil {
			return nil, err
		}
		if len([]rune(string(first))) < 10 {
			fmt.Fprintln(tty, "Adgangsfrasen er for kort; brug mindst 10 tegn.")
			continue
		}
		again, err := ask(tty, "Gentag adgangsfrasen: ")
		if err != nil {
			return nil, err
		}
		if bytes.Equal(first, again) {
			return first, nil
		}
		fmt.Fprintln(tty, "De to adgangsfraser er ikke ens; prøv igen.")
	}
}

// showRecovery prints the recovery key of a store just made, once, with
// the warning a caseworker needs.
func showRecovery(w io.Writer, recovery string) {
	fmt.Fprintf(w, `
Databasen er krypteret. Din GENDANNELSESNØGLE vises kun denne ene gang:

    %s

Skriv den ned, og gem den et sikkert sted, adskilt fra computeren (fx i
kommunens aflåste skab eller hos din leder). Glemmer du adgangsfrasen, er
gendannelsesnøglen den eneste måde at åbne sagerne på. Uden adgangsfrase og
gendannelsesnøgle kan ingen gendanne data, heller ikke it-afdelingen.

`, recovery)
}

// takeRecovery returns the recovery key of a store made in this process,
// once.
func (k *cliKeys) takeRecovery() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	r := k.recovery
	k.recovery = ""
	return r
}

// afterOpen shows the recovery key if opening made a new store, and
// checks the store's folder.
func (a *app) afterOpen(s *store.Store, err error) (*store.Store, error) {
	if err == nil && a.keyring != nil {
		if r := a.keyring.takeRecovery(); r != "" {
			showRecovery(a.stderr, r)
		}
	}
	if err == nil {
		a.checkFolder(filepath.Dir(a.dbPath()))
		if s != nil && !s.Encrypted() && !a.plainWarned && os.Getenv("VUM_UNENCRYPTED") != "1" {
			a.plainWarned = true
			fmt.Fprintf(a.stderr, "vum: advarsel: databasen %s er ikke krypteret; kryptér den med »vum encrypt«.\n", s.Path())
		}
	}
	return s, err
}

// checkFolder keeps the store's folder private: vum's own folder (named
// vum, as the default one) is tightened to 0700; any other folder that
// others can read or enter is named in a warning, since the store, its
// backups and letters beside it are the citizens' data.
func (a *app) checkFolder(dir string) {
	if a.folderChecked {
		return
	}
	a.folderChecked = true
	info, err := os.Stat(dir)
	if err != nil || runtime.GOOS == "windows" || info.Mode().Perm()&0o077 == 0 {
		return
	}
	if filepath.Base(dir) == "vum" && os.Chmod(dir, 0o700) == nil {
		fmt.Fprintf(a.stderr, "vum: mappen %s kunne læses af andre (%v); den er nu kun din (0700).\n", dir, info.Mode().Perm())
		return
	}
	fmt.Fprintf(a.stderr, "vum: advarsel: mappen %s med databasen kan læses af andre (%v); gør den privat med »chmod 700 %s«.\n",
		dir, info.Mode().Perm(), dir)
}
