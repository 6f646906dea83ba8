package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/safefile"
)

func (a *app) salvageCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "salvage NY-FIL",
		Short: "Red de læsbare sager fra en beskadiget database over i en ny",
		Long: `Læser hver sag, der kan læses, fra databasen (også en beskadiget, som
ikke ændres) og skriver dem til NY-FIL: en ny database, eller JSONL når
NY-FIL ender på .jsonl (ukrypteret, kun læsbar for dig; læs den ind med
»vum import«). Sager, der ikke kan læses, nævnes hver for sig. Sagernes
historik (tidligere vurderinger og afgørelser) og logbogen følger ikke med.
NY-FIL må ikke findes i forvejen.`,
		Example: `  vum salvage ~/vum-reddet.db
  vum salvage ~/vum-reddet.jsonl`,
		Args: exactArgs("NY-FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.salvage(args[0])
		},
	}
}

func (a *app) salvage(dest string) error {
	src := a.dbPath()
	if same(src, dest) {
		return usagef("NY-FIL skal være en anden fil end databasen %s", src)
	}
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("%s findes allerede; vælg et nyt filnavn, så intet overskrives", dest)
	}
	var report store.SalvageReport
	var err error
	if strings.HasSuffix(dest, ".jsonl") {
		err = safefile.WriteFrom(dest, safefile.Options{}, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			var serr error
			report, serr = store.Salvage(src, a.storeOptions(true), func(ec store.ExportCase) error { return enc.Encode(ec) })
			return serr
		})
	} else {
		report, err = a.salvageToStore(src, dest)
	}
	if err != nil {
		return err
	}
	for _, p := range report.Problems {
		fmt.Fprintf(a.stderr, "vum: %s\n", p)
	}
	for _, l := range report.Partial {
		fmt.Fprintf(a.stderr, "vum: reddet delvis: %s\n", l)
	}
	for _, l := range report.Lost {
		fmt.Fprintf(a.stderr, "vum: kunne ikke læses: %s\n", l)
	}
	abs, _ := filepath.Abs(dest)
	fmt.Fprintf(a.stdout, "%s reddet til %s (heraf %d delvis); %s kunne ikke læses.\n",
		domain.Count(report.Read, "sag", "sager"), abs, len(report.Partial), domain.Count(len(report.Lost), "sag", "sager"))
	if report.Read == 0 && len(report.Lost) > 0 {
		return damagedStore{"ingen sag kunne læses"}
	}
	return nil
}

// salvageToStore reads the salvaged cases into a new store, keeping their
// ids and decisions.
func (a *app) salvageToStore(src, dest string) (store.SalvageReport, error) {
	var records []store.ImportRecord
	report, err := store.Salvage(src, a.storeOptions(true), func(ec store.ExportCase) error {
		records = append(records, store.ImportRecord{Line: len(records) + 1, Case: ec})
		return nil
	})
	if err != nil {
		return report, err
	}
	s, err := store.Open(dest, a.storeOptions(false))
	if err != nil {
		return report, err
	}
	defer s.Close()
	var seq iter.Seq2[store.ImportRecord, error] = func(yield func(store.ImportRecord, error) bool) {
		for _, r := range records {
			if !yield(r, nil) {
				return
			}
		}
	}
	abs, _ := filepath.Abs(src)
	if _, err := s.Import(seq, store.ImportOptions{Source: "redning fra " + abs}); err != nil {
		return report, err
	}
	return report, s.RecordSalvage(abs, report.Read, len(report.Lost))
}

func same(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

func (a *app) restoreCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "restore SIKKERHEDSKOPI",
		Short: "Læg en kontrolleret sikkerhedskopi på databasens plads",
		Long: `Kontrollerer SIKKERHEDSKOPI som »vum check« og lægger den på databasens
plads, når den er i orden. Den nuværende database slettes ikke: den
flyttes til et navn med »før-gendannelse« og tidspunktet. Ingen anden
vum må bruge databasen imens. Gendannelsen skrives i logbogen.`,
		Example: `  vum restore ~/sikkerhed/vum-2026-11-20.db`,
		Args:    exactArgs("SIKKERHEDSKOPI"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.restore(args[0])
		},
	}
}

func (a *app) restore(backup string) error {
	target := a.dbPath()
	if same(backup, target) {
		return usagef("sikkerhedskopien skal være en anden fil end databasen %s", target)
	}
	report, err := store.CheckFile(backup, a.storeOptions(true))
	if err != nil {
		return err
	}
	if !report.OK() {
		// The backup is refused, not the store: exit status 1, and advice
		// about the backup.
		return fmt.Errorf("sikkerhedskopien %s er beskadiget eller ikke en vum-database og lægges ikke på plads (%d fejl):\n  - %s\nDatabasen er ikke ændret; vælg en anden sikkerhedskopi",
			backup, len(report.Problems), strings.Join(report.Problems, "\n  - "))
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return &safefile.Error{Op: "oprette mappen til", Path: target, Err: err}
	}
	keptAs := ""
	if f, err := os.Open(target); err == nil {
		defer f.Close()
		if !safefile.TryLock(f) {
			return fmt.Errorf("databasen %s er i brug af en anden vum-proces; luk den og prøv igen", target)
		}
		keptAs = target + ".før-gendannelse-" + a.now().Format("20060102-150405")
		// The old file gets its second name first, and the backup then
		// replaces it in one rename: a kill at any moment leaves the old
		// store or the restored one in place, never none.
		if err := os.Link(target, keptAs); err != nil {
			if err := store.CopyRaw(target, keptAs, false); err != nil {
				return err
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return &safefile.Error{Op: "læse", Path: target, Err: err}
	}
	if err := store.CopyRaw(backup, target, keptAs != ""); err != nil {
		if keptAs != "" {
			os.Remove(keptAs)
		}
		return err
	}
	s, err := store.Open(target, a.storeOptions(false))
	if err != nil {
		return err
	}
	defer s.Close()
	abs, _ := filepath.Abs(backup)
	if err := s.RecordRestore(abs, keptAs); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s er gendannet fra %s (%s).\n", target, abs, domain.Count(report.Cases, "sag", "sager"))
	if keptAs != "" {
		fmt.Fprintf(a.stdout, "Den tidligere fil er gemt som %s.\n", keptAs)
	}
	return nil
}
