package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	draft "github.com/vumdk/vum/letter"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/safefile"
)

func (a *app) draftCommand() *cobra.Command {
	var format, output, fillPath string
	var event int
	var overwrite, check, asJSON, final, hearing, save bool
	cmd := &cobra.Command{
		Use:   "draft ID",
		Short: "Skriv et udkast til afgørelse (Markdown, tekst eller PDF)",
		Long: `Skriver et udkast til den skriftlige afgørelse på sagens seneste afgørelse
(eller hændelse --event N, se »vum case show«): bevilling, afslag, ændring
eller ophør, med begrundelse, klagevejledning efter kommunens
kvalitetsstandard og standardens titel. Felter markeret [UDFYLD: ...] skal
udfyldes før afsendelse. Udkastet skrives i logbogen.

Brevet tjekkes for de retlige elementer (lovgrundlag, oplysninger, hensyn,
omfang, partshøring, klagevejledning, opfølgning). Med --check vises listen,
og vum afslutter med fejl, når et element mangler; med --final skrives
brevet kun, når intet mangler. Sagsbehandlerens navn og kontakt kommer fra
»vum profil«; felter som borgerens adresse og egen vurdering, hensyn,
partshøring og anden hjælp kan gives i en JSON-fil med --fill; med --save
gemmes de på sagen, så de bruges i brevet fremover (også på skærmen).`,
		Example: `  vum draft 01JD... > afgørelse.md
  vum draft 01JD... --format txt | pbcopy
  vum draft 01JD... --format pdf -o afgørelse.pdf
  vum draft 01JD... --check
  vum draft 01JD... --fill brev.json --save
  vum draft 01JD... --fill brev.json --final -o afgørelse.md`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "md" && format != "txt" && format != "pdf" {
				return usagef("--format skal være md, txt eller pdf (fik %q)", format)
			}
			if format == "pdf" && output == "" && a.stdoutIsTerminal() {
				return usagef("en PDF skrives ikke i terminalen; angiv en fil med -o, fx -o afgørelse.pdf")
			}
			fill, err := readFill(fillPath)
			if err != nil {
				return err
			}
			if save {
				if fillPath == "" || check || final || hearing || asJSON || cmd.Flags().Changed("output") || cmd.Flags().Changed("format") {
					return usagef("--save gemmer felterne fra --fill på sagen og bruges kun med --fill (og evt. --event)")
				}
				return a.saveFill(args[0], event, fill)
			}
			if hearing {
				if check || final {
					return usagef("--partshoering skriver partshøringen før afgørelsen; den kan ikke bruges med --check eller --final")
				}
				return a.writeDraft(args[0], event, format, output, overwrite, fill, false, true)
			}
			if check {
				return a.checkDraft(args[0], event, fill, asJSON)
			}
			if asJSON {
				return usagef("--json bruges sammen med --check")
			}
			return a.writeDraft(args[0], event, format, output, overwrite, fill, final, false)
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "vis brevets retlige elementer og om de er med; fejl, hvis et mangler")
	cmd.Flags().BoolVar(&asJSON, "json", false, "med --check: listen som JSON")
	cmd.Flags().BoolVar(&final, "final", false, "skriv kun brevet, hvis intet element mangler")
	cmd.Flags().StringVar(&fillPath, "fill", "", "JSON-`FIL` med brevets udfyldte felter")
	cmd.Flags().BoolVar(&save, "save", false, "gem felterne fra --fill på sagen, så brevet bruger dem fremover")
	cmd.Flags().BoolVar(&hearing, "partshoering", false, "skriv partshøringen (forvaltningslovens § 19) før et afslag eller delvis afslag i stedet for afgørelsen")
	cmd.Flags().StringVar(&format, "format", "md", "`FORMAT`: md, txt eller pdf")
	cmd.Flags().StringVarP(&output, "output", "o", "", "skriv til `FIL` i stedet for standard output")
	cmd.Flags().IntVar(&event, "event", 0, "brevet for hændelse `N` (udeladt: den seneste afgørelse)")
	cmd.Flags().BoolVar(&overwrite, "overwrite", false, "erstat FIL, hvis den findes")
	return cmd
}

func (a *app) stdoutIsTerminal() bool {
	f, ok := a.rawStdout.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

// checkDraft prints each legal element of the case's letter and whether
// it is there, and fails when one is missing.
func (a *app) checkDraft(id string, event int, fill draft.Fill, asJSON bool) error {
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	profile, err := a.settings().Load()
	if err != nil {
		return err
	}
	s, rec, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	l, err := buildDraft(cat, rec, event, today, profile, fill, false)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Complete bool          `json:"complete"`
			Elements []draft.Check `json:"elements"`
		}{l.Complete(), l.Checks}); err != nil {
			return err
		}
	} else {
		for _, c := range l.Checks {
			mark := "ok     "
			if !c.OK {
				mark = "MANGLER"
			}
			fmt.Fprintf(a.stdout, "%s  %s: %s\n", mark, c.Element, c.Detail)
		}
	}
	if missing := l.Missing(); len(missing) > 0 {
		return fmt.Errorf("brevet mangler %s", checkNames(missing))
	}
	return nil
}

func checkNames(cs []draft.Check) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Element
	}
	return strings.Join(names, ", ")
}

func (a *app) writeDraft(id string, event int, format, output string, overwrite bool, fill draft.Fill, final, hearing bool) error {
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	profile, err := a.settings().Load()
	if err != nil {
		return err
	}
	s, rec, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	l, err := buildDraft(cat, rec, event, today, profile, fill, hearing)
	if err != nil {
		return err
	}
	if missing := l.Missing(); final && len(missing) > 0 {
		return fmt.Errorf("brevet er ikke færdigt: det mangler %s (se »vum draft %s --check«)", checkNames(missing), rec.ID)
	}
	data, err := renderDraft(l, format)
	if err != nil {
		return err
	}
	if output == "" {
		if err := s.RecordDraft(rec.ID, format, "standard output"); err != nil {
			return err
		}
		if err := a.logAccess(s, store.AccessDraft, false, "udkast som "+format+" til standard output", rec.ID); err != nil {
			return err
		}
		out := a.stdout
		if format == "pdf" {
			out = a.rawStdout
		}
		_, err = out.Write(data)
		return err
	}
	// The file is written first, so the audit trail never names a draft
	// that does not exist.
	if err := safefile.Write(output, data, safefile.Options{Overwrite: overwrite}); err != nil {
		return err
	}
	target, _ := filepath.Abs(output)
	if err := s.RecordDraft(rec.ID, format, target); err != nil {
		return err
	}
	return a.logAccess(s, store.AccessDraft, false, "udkast som "+format+" til "+target, rec.ID)
}
