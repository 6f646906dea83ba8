package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/crypt"
	"github.com/vumdk/vum/store/pgstore"
)

// errSharedEncryption answers the file's encryption commands on a shared
// database.
var errSharedEncryption = errors.New("en fælles PostgreSQL-database krypteres af serveren (krypteret disk og TLS-forbindelser), " +
	"og adgangen styres af databasens brugere; vum låser og krypterer kun databasefiler")

func (a *app) unlockCommand() *cobra.Command {
	var recovery bool
	var hours float64
	cmd := &cobra.Command{
		Use:   "unlock",
		Short: "Lås den krypterede database op for resten af sessionen",
		Long: `Spørger om adgangsfrasen (eller bruger VUM_PASSPHRASE / VUM_PASSPHRASE_FILE)
og husker nøglen, til du logger ud, tiden (--hours) løber ud, eller du skriver
»vum lock«: i nøgleringen (macOS Keychain, Windows Legitimationsstyring,
Secret Service) eller i Linux-kernens nøglering for sessionen. Senere
kommandoer skal så ikke spørge.

Har du glemt adgangsfrasen, så brug --recovery: vum spørger om
gendannelsesnøglen (eller læser VUM_RECOVERY_KEY) og derefter om en ny
adgangsfrase.`,
		Example: `  vum unlock
  vum unlock --hours 4
  vum unlock --recovery`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if pgstore.IsURL(a.dbPath()) {
				return errSharedEncryption
			}
			if hours <= 0 || hours > 24*7 {
				return usagef("--hours skal være mellem 0 og 168 (fik %g)", hours)
			}
			k := a.keys()
			k.interactive = true
			k.ttl = time.Duration(hours * float64(time.Hour))
			if recovery {
				return a.recoverKey(k)
			}
			h, err := store.ReadHeader(a.dbPath(), a.storeOptions(true))
			if err != nil {
				return err
			}
			if h == nil {
				return fmt.Errorf("databasen %s er ikke krypteret; kryptér den med »vum encrypt«", a.dbPath())
			}
			// The passphrase is checked now, whatever is cached; a wrong one
			// leaves everything as it was.
			k.skipCache = true
			if _, err := k.DataKey(*h); err != nil {
				return a.unlockError(err)
			}
			return a.reportUnlocked(k)
		},
	}
	cmd.Flags().BoolVar(&recovery, "recovery", false, "lås op med gendannelsesnøglen og vælg en ny adgangsfrase")
	cmd.Flags().Float64Var(&hours, "hours", defaultUnlockFor.Hours(), "husk nøglen i `TIMER` (i Linux-kernens nøglering)")
	return cmd
}

func (a *app) unlockError(err error) error {
	switch {
	case errors.Is(err, errNoPassphrase):
		return errors.New("vum skal bruge adgangsfrasen: kør »vum unlock« i en terminal, eller sæt VUM_PASSPHRASE eller VUM_PASSPHRASE_FILE")
	case errors.Is(err, crypt.ErrWrongPassphrase):
		return fmt.Errorf("%v; databasen er stadig låst og uændret. Har du glemt adgangsfrasen, så brug »vum unlock --recovery«", err)
	}
	return err
}

func (a *app) reportUnlocked(k *cliKeys) error {
	if k.cachedIn == "" {
		_, err := fmt.Fprintln(a.stdout, "Adgangsfrasen er rigtig, men nøglen kan ikke huskes her (ingen nøglering); sæt VUM_PASSPHRASE_FILE i scripts.")
		return err
	}
	_, err := fmt.Fprintf(a.stdout, "Databasen er låst op. Nøglen huskes i %s, til du skriver »vum lock«, logger ud eller tiden udløber.\n", k.cachedIn)
	return err
}

// recoverKey unlocks with the recovery key and sets a new passphrase.
func (a *app) recoverKey(k *cliKeys) error {
	s, err := a.openPlainHeader()
	if err != nil {
		return err
	}
	h := *s
	text := os.Getenv("VUM_RECOVERY_KEY")
	if text == "" {
		tty := terminal()
		if tty == nil {
			return errors.New("skriv gendannelsesnøglen i en terminal, eller sæt VUM_RECOVERY_KEY")
		}
		b, err := ask(tty, "Gendannelsesnøgle: ")
		if err != nil {
			return err
		}
		text = string(b)
	}
	key, err := h.Recover(strings.TrimSpace(text))
	if err != nil {
		return fmt.Errorf("%v; databasen er uændret", err)
	}
	k.mu.Lock()
	k.known[h.KeyID] = key
	k.mu.Unlock()
	pass, err := k.newPassphrase()
	if err != nil {
		return err
	}
	st, err := a.openFile("en ny adgangsfrase", "databasens egne brugere og adgangskoder")
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.ChangePassphrase(pass, kdfCost, key); err != nil {
		return err
	}
	k.mu.Lock()
	k.remember(h.KeyID, key)
	k.mu.Unlock()
	fmt.Fprintln(a.stdout, "Ny adgangsfrase er sat; gendannelsesnøglen gælder fortsat.")
	return a.reportUnlocked(k)
}

// openPlainHeader reads the store's encryption header, refusing a plain
// store.
func (a *app) openPlainHeader() (*crypt.Header, error) {
	h, err := store.ReadHeader(a.dbPath(), a.storeOptions(true))
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, fmt.Errorf("databasen %s er ikke krypteret; kryptér den med »vum encrypt«", a.dbPath())
	}
	return h, nil
}

// forgetKey removes a key from every cache; it reports whether one held it.
func (a *app) forgetKey(id string) bool {
	forgot := false
	for _, c := range keyCaches() {
		if c.forget(id) {
			forgot = true
		}
	}
	return forgot
}

func (a *app) lockCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "lock",
		Short: "Glem databasens nøgle, så den skal låses op igen",
		Long: `Fjerner den huskede nøgle fra nøgleringen. Næste kommando skal have
adgangsfrasen igen (»vum unlock«). Brug det, når du går fra computeren.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if pgstore.IsURL(a.dbPath()) {
				return errSharedEncryption
			}
			h, err := a.openPlainHeader()
			if err != nil {
				return err
			}
			if a.forgetKey(h.KeyID) {
				_, err = fmt.Fprintln(a.stdout, "Databasen er låst; nøglen er glemt.")
			} else {
				_, err = fmt.Fprintln(a.stdout, "Databasen er låst (nøglen var ikke husket).")
			}
			return err
		},
	}
}

func (a *app) encryptCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "encrypt",
		Short: "Kryptér en eksisterende ukrypteret database på stedet",
		Long: `Forsegler hver værdi i databasen under en ny nøgle, beskyttet af en
adgangsfrase (spørges to gange, eller VUM_PASSPHRASE) og en gendannelsesnøgle,
der vises én gang. Den krypterede database skrives som en ny fil ved siden af
og erstatter først den gamle, når alt er kopieret og kontrolleret: enten er
alt krypteret, eller intet er ændret. Gamle sikkerhedskopier og eksporter er
stadig ukrypterede; slet dem.`,
		Example: `  vum encrypt`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if pgstore.IsURL(a.dbPath()) {
				return errSharedEncryption
			}
			path := a.dbPath()
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("%w (%s); en ny database krypteres af sig selv", store.ErrNoStore, path)
			}
			h, err := store.ReadHeader(path, a.storeOptions(true))
			if err != nil {
				return err
			}
			if h != nil {
				return fmt.Errorf("databasen %s er allerede krypteret", path)
			}
			k := a.keys()
			pass, err := k.newPassphrase()
			if err != nil {
				return err
			}
			opt := a.storeOptions(false)
			recovery, err := store.EncryptFile(path, opt, pass, kdfCost)
			if err != nil {
				return err
			}
			// Unlock it at once, so the next command needs no passphrase.
			if h, err := store.ReadHeader(path, a.storeOptions(true)); err == nil && h != nil {
				if key, err := h.Unlock(pass); err == nil {
					k.mu.Lock()
					k.remember(h.KeyID, key)
					k.mu.Unlock()
				}
			}
			showRecovery(a.stdout, recovery)
			return nil
		},
	}
}
