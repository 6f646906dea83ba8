package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

func (a *app) backupCommand() *cobra.Command {
	var overwrite bool
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
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			file, err := bboltOnly(s, "vum backup", "pg_dump, eller serverens løbende sikkerhedskopi")
			if err != nil {
				return err
			}
			abs, _ := filepath.Abs(args[0])
			if err := a.logAccess(s, store.AccessBackup, true, "kopi til "+abs); err != nil {
				return err
			}
			if err := file.Backup(args[0], store.BackupOptions{Overwrite: overwrite}); err != nil {
				return err
			}
			_, err = fmt.Fprintln(a.stdout, abs)
			return err
		},
	}
	cmd.Flags().BoolVar(&overwrite, "overwrite", false, "erstat FIL, hvis den findes")
	return cmd
}

func (a *app) checkCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Kontrollér databasefilen; ændrer intet",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.requireStore()
			if err != nil {
				return err
			}
			defer s.Close()
			file, err := bboltOnly(s, "vum check", "amcheck og pg_dump")
			if err != nil {
				return err
			}
			report, err := file.Check()
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(a.stdout, report); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.stdout, "%s: %s, %s, %s, %s i logbogen.\n", s.Path(), domain.Count(report.Cases, "sag", "sager"),
					domain.Count(report.Due, "planlagt opfølgning", "planlagte opfølgninger"),
					domain.Count(report.Decisions, "afgørelse", "afgørelser"), domain.Count(report.Audit, "post", "poster"))
			}
			if !report.OK() {
				return fmt.Errorf("databasen har %d fejl:\n  - %s\nGendan fra en sikkerhedskopi (vum backup)",
					len(report.Problems), strings.Join(report.Problems, "\n  - "))
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
