package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

func (a *app) backupCommand() *cobra.Command {
	var overwrite, damaged bool
	cmd := &cobra.Command{
		Use:   "backup FIL",
		Short: "Skriv en sikker kopi af databasen, også mens den er i brug",
		Long: `Skriver en konsistent kopi af databasen til FIL (kun læsbar for dig).
FIL må ikke findes i forvejen (medmindre --overwrite er givet). Kopien
skrives først til en ny fil i samme mappe og flyttes på plads, når den er
hel. Sikkerhedskopien skrives i logbogen.`,
		Example: `  vum backup ~/sikkerhed/vum-$(date +%F).db`,
		Args:    exactArgs("FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openFile("vum backup", "pg_dump, eller serverens løbende sikkerhedskopi")
			abs, _ := filepath.Abs(args[0])
			if errors.Is(err, store.ErrDamaged) && damaged {
				// Too damaged to open: copy the file's bytes as they are.
				if err := store.CopyRaw(a.dbPath(), args[0], overwrite); err != nil {
					return err
				}
				fmt.Fprintln(a.stderr, "vum: databasen er beskadiget; kopien er taget som den er, med skaderne")
			} else if err != nil {
				return err
			} else {
				defer s.Close()
				if s.Damaged() && !damaged {
					return damagedStore{"databasen er beskadiget, så der tages ingen sikkerhedskopi, der kunne forveksles med en god (" +
						s.Damage()[0] + "). Angiv --damaged for at kopiere den alligevel"}
				}
				if err := s.Backup(args[0], store.BackupOptions{Overwrite: overwrite, Damaged: damaged}); err != nil {
					return err
				}
				// Noted once the copy exists; if that fails, the copy goes
				// again, so none is left that the log does not name. A
				// damaged store takes no writes, not even the access log.
				if !s.Damaged() {
					if err := a.logAccess(s, store.AccessBackup, true, "kopi til "+abs); err != nil {
						os.Remove(args[0])
						return fmt.Errorf("%w; kopien er fjernet igen", err)
					}
				}
				if s.Damaged() {
					fmt.Fprintln(a.stderr, "vum: databasen er beskadiget; kopien er taget som den er, med skaderne")
				}
			}
			_, err = fmt.Fprintln(a.stdout, abs)
			return err
		},
	}
	cmd.Flags().BoolVar(&overwrite, "overwrite", false, "erstat FIL, hvis den findes")
	cmd.Flags().BoolVar(&damaged, "damaged", false, "kopiér også en beskadiget database (kopien får skaderne med)")
	return cmd
}

// damagedStore is a store found damaged (exit status 3).
type damagedStore struct{ msg string }

func (e damagedStore) Error() string { return e.msg }
func (e damagedStore) Unwrap() error { return store.ErrDamaged }

func (a *app) checkCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Kontrollér databasefilen; ændrer intet",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path := a.dbPath()
			if pgstore.IsURL(path) {
				return pgTools("vum check", "amcheck og pg_dump")
			}
			if _, err := os.Stat(path); err != nil {
				_, err := a.requireStore()
				return err
			}
			report, err := store.CheckFile(path, a.storeOptions(true))
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(a.stdout, report); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.stdout, "%s: %s, %s, %s, %s i logbogen.\n", path, domain.Count(report.Cases, "sag", "sager"),
					domain.Count(report.Due, "planlagt opfølgning", "planlagte opfølgninger"),
					domain.Count(report.Decisions, "afgørelse", "afgørelser"), domain.Count(report.Audit, "post", "poster"))
			}
			if !report.OK() {
				rolled := ""
				if report.RolledBack {
					rolled = "\nDen seneste ændring er gået tabt: databasen viser tilstanden før den."
				}
				return damagedStore{fmt.Sprintf("databasen %s er beskadiget (%d fejl):\n  - %s%s", path,
					len(report.Problems), strings.Join(report.Problems, "\n  - "), rolled)}
			}
			if !asJSON {
				fmt.Fprintln(a.stdout, "Databasen er i orden.")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv resultatet som JSON")
	return cmd
}

func (a *app) logCommand() *cobra.Command {
	var caseID, citizen, pdfPath string
	var asJSON, prune bool
	var retention int
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Vis logbogen: hvem ændrede, afgjorde, eksporterede og tog kopi hvornår",
		Long: `Uden flag: logbogen over ændringer. Med --citizen: borgerens adgangsrapport,
dvs. hver gang borgerens sager er læst, søgt frem, udtrukket eller kopieret,
af hvem, hvornår og med hvilket formål (skrives selv i adgangsloggen).
Adgangsloggen gemmes i en opbevaringstid (--retention MÅNEDER, standard 24);
--prune fjerner ældre poster og skriver det i adgangsloggen.`,
		Example: `  vum log
  vum log --case 01JD... --json
  vum log --citizen 150391-1234
  vum log --citizen 150391-1234 --pdf indsigt.pdf
  vum log --retention 36
  vum log --prune`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			modes := countTrue(citizen != "", prune, f.Changed("retention"), caseID != "")
			switch {
			case modes > 1:
				return usagef("vælg højst ét af --case, --citizen, --prune og --retention")
			case pdfPath != "" && citizen == "":
				return usagef("--pdf gælder kun sammen med --citizen")
			case pdfPath != "" && asJSON:
				return usagef("vælg enten --json eller --pdf")
			case citizen != "":
				return a.citizenAccess(citizen, asJSON, pdfPath)
			case prune:
				return a.pruneAccess()
			case f.Changed("retention"):
				return a.setRetention(retention)
			}
			entries := []store.AuditEntry{}
			s, ok, err := a.readStore()
			if err != nil {
				return err
			}
			if ok {
				defer s.Close()
				err = s.Log(strings.ToUpper(caseID), func(e store.AuditEntry) bool { entries = append(entries, e); return true })
				if err != nil {
					return err
				}
				if caseID != "" && len(entries) == 0 {
					// A deleted case keeps its entries; one that never was has none.
					if _, err := s.Case(caseID); err != nil {
						return notFound(caseID, err)
					}
				}
			}
			if asJSON {
				return writeJSON(a.stdout, entries)
			}
			return writeLog(a.stdout, entries)
		},
	}
	cmd.Flags().StringVar(&caseID, "case", "", "kun poster om sagen med dette `ID`")
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv logbogen som ét JSON-array")
	cmd.Flags().StringVar(&citizen, "citizen", "", "adgangsrapport for borgeren med dette `CPR`-nummer")
	cmd.Flags().StringVar(&pdfPath, "pdf", "", "med --citizen: skriv rapporten som PDF til `FIL`")
	cmd.Flags().BoolVar(&prune, "prune", false, "fjern poster i adgangsloggen, der er ældre end opbevaringstiden")
	cmd.Flags().IntVar(&retention, "retention", store.DefaultAccessRetentionMonths, "sæt adgangsloggens opbevaringstid i `MÅNEDER`")
	return cmd
}

func writeLog(w io.Writer, entries []store.AuditEntry) error {
	if len(entries) == 0 {
		_, err := fmt.Fprintln(w, "Logbogen er tom.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Tidspunkt\tBruger\tHandling\tSag\tDetaljer")
	for _, e := range entries {
		caseID := e.CaseID
		if caseID == "" {
			caseID = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.Time.Local().Format("02-01-2006 15:04:05"), e.User, e.Action, caseID, e.Detail)
	}
	return tw.Flush()
}
