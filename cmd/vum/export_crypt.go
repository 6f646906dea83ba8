package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/spf13/cobra"

	"github.com/vumdk/vum/store/safefile"
)

// Exports are encrypted by default with age (age-encryption.org): to the
// store's own export key, kept sealed in the store, so »vum import« into
// the same store (or a copy of it) reads them back; and to any colleague's
// key given with --recipient. Plain output only with --plain, and then a
// file is private to the user (0600).

// exportKeyName names the store's export key among its secrets.
const exportKeyName = "eksport (age)"

// storeIdentity returns the store's age identity, making it on first use.
func storeIdentity(s secretKeeper) (*age.X25519Identity, error) {
	text, err := s.Secret(exportKeyName, func() (string, error) {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return "", err
		}
		return id.String(), nil
	})
	if err != nil {
		return nil, err
	}
	return age.ParseX25519Identity(text)
}

// secretKeeper keeps the store's secrets: the file and a shared database.
type secretKeeper interface {
	Secret(name string, make func() (string, error)) (string, error)
}

// exportTarget is where an export goes and how it is sealed.
type exportTarget struct {
	plain      bool
	overwrite  bool     // replace an existing output file
	output     string   // a file; empty for stdout
	recipients []string // further age recipients (age1...)
}

func (a *app) exportTargetFlags(cmd *cobra.Command, t *exportTarget) {
	f := cmd.Flags()
	f.BoolVar(&t.plain, "plain", false, "skriv ukrypteret (filen bliver kun læsbar for dig)")
	f.StringVarP(&t.output, "output", "o", "", "skriv til `FIL` i stedet for standard output (en ny fil)")
	f.BoolVar(&t.overwrite, "overwrite", false, "erstat FIL, hvis den findes")
	f.StringArrayVar(&t.recipients, "recipient", nil, "kryptér også til en kollegas `NØGLE` (age1..., fra »vum recipient«)")
}

// openExport returns the writer an export is written to, a finish
// function that seals, syncs and places the result, and an abort function
// that removes an unfinished file. Nothing is written before the
// recipients are checked. A file is written through safefile: a new
// private temporary file beside it, moved into place when whole.
func (a *app) openExport(s secretKeeper, t exportTarget) (io.Writer, func() error, func(), error) {
	var recips []age.Recipient
	if !t.plain {
		// The recipients are checked before the store's own key is
		// made (a write), so a refused export changes nothing.
		for _, r := range t.recipients {
			rec, err := age.ParseX25519Recipient(strings.TrimSpace(r))
			if err != nil {
				return nil, nil, nil, usagef("--recipient %q er ikke en age-nøgle; en kollegas nøgle begynder med age1 og fås med »vum recipient« i kollegaens vum", r)
			}
			recips = append(recips, rec)
		}
		if t.output == "" && a.stdoutIsTerminal() {
			return nil, nil, nil, usagef("en krypteret eksport skrives ikke i terminalen; angiv en fil med -o, eller omdiriger, fx > sager.age")
		}
		id, err := storeIdentity(s)
		if err != nil {
			return nil, nil, nil, err
		}
		recips = append(recips, id.Recipient())
	} else if len(t.recipients) > 0 {
		return nil, nil, nil, usagef("--recipient og --plain udelukker hinanden")
	}

	var sink io.Writer
	var place func() error
	var abort func()
	if t.output != "" {
		f, err := safefile.Create(t.output, safefile.Options{Overwrite: t.overwrite})
		if err != nil {
			return nil, nil, nil, err
		}
		sink, place, abort = f, f.Commit, f.Abort
	} else {
		a.privateStdout()
		sink, place, abort = a.rawStdout, func() error { return nil }, func() {}
		if t.plain {
			sink = a.stdout
		}
	}
	buf := bufio.NewWriterSize(sink, 1<<16)
	var w io.Writer = buf
	var sealer io.WriteCloser
	if !t.plain {
		var err error
		if sealer, err = age.Encrypt(buf, recips...); err != nil {
			abort()
			return nil, nil, nil, err
		}
		w = sealer
	}
	finish := func() error {
		if sealer != nil {
			if err := sealer.Close(); err != nil {
				abort()
				return err
			}
		}
		if err := buf.Flush(); err != nil {
			abort()
			return err
		}
		return place()
	}
	return w, finish, abort, nil
}

// privateStdout makes stdout private to the user when it is redirected
// to a file (»vum export > sager.jsonl«), so the shell's 0644 does not
// leave the citizens' data readable by others.
func (a *app) privateStdout() {
	f, ok := a.rawStdout.(*os.File)
	if !ok {
		return
	}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o077 != 0 {
		f.Chmod(0o600)
	}
}

// ageMagic starts every age file; armored files start with the PEM line.
var (
	ageMagic = []byte("age-encryption.org/")
	ageArmor = []byte("-----BEGIN AGE ENCRYPTED FILE-----")
)

// decryptInput turns an age-encrypted input into its plain lines, with
// the store's export key; a plain input is returned as it is.
func (a *app) decryptInput(in input) (input, error) {
	head := make([]byte, len(ageArmor))
	n, _ := io.ReadFull(in.open(), head)
	head = head[:n]
	armored := bytes.HasPrefix(head, ageArmor)
	if !armored && !bytes.HasPrefix(head, ageMagic) {
		return in, nil
	}
	s, err := a.openStore()
	if err != nil {
		return in, err
	}
	id, err := storeIdentity(s)
	s.Close()
	if err != nil {
		return in, err
	}
	open := in.open
	in.open = func() io.Reader {
		r := open()
		if armored {
			r = armor.NewReader(r)
		}
		plain, err := age.Decrypt(r, id)
		if err != nil {
			return errReader{fmt.Errorf("filen er krypteret til en anden nøgle end denne databases (%v); bed afsenderen kryptere til din nøgle fra »vum recipient«", err)}
		}
		return plain
	}
	return in, nil
}

func (a *app) recipientCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "recipient",
		Short: "Vis databasens offentlige nøgle, som kolleger krypterer eksporter til",
		Long: `Skriver databasens offentlige age-nøgle (age1...). En kollega, der vil sende
dig sager, skriver »vum export --recipient NØGLE«, og du læser dem med
»vum import«. Nøglen er ikke hemmelig.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			id, err := storeIdentity(s)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, id.Recipient().String())
			return err
		},
	}
}
