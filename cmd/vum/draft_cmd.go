package main

import (
	"os"
	"path/filepath"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/safefile"
)

func (a *app) draftCommand() *cobra.Command {
	var format, output string
	var event int
	var overwrite bool
	cmd := &cobra.Command{
		Use:   "draft ID",
		Short: "Skriv et udkast til afgørelse (Markdown, tekst eller PDF)",
		Long: `Skriver et udkast til den skriftlige afgørelse på sagens seneste afgørelse
(eller hændelse --event N, se »vum case show«): bevilling, afslag, ændring
eller ophør, med begrundelse, klagevejledning efter kommunens
kvalitetsstandard og standardens titel. Felter markeret [UDFYLD: ...] skal
udfyldes før afsendelse. Udkastet skrives i logbogen.`,
		Example: `  vum draft 01JD... > afgørelse.md
  vum draft 01JD... --format txt | pbcopy
  vum draft 01JD... --format pdf -o afgørelse.pdf`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "md" && format != "txt" && format != "pdf" {
				return usagef("--format skal være md, txt eller pdf (fik %q)", format)
			}
			if format == "pdf" && output == "" && a.stdoutIsTerminal() {
				return usagef("en PDF skrives ikke i terminalen; angiv en fil med -o, fx -o afgørelse.pdf")
			}
			return a.writeDraft(args[0], event, format, output, overwrite)
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "`FORMAT`: md, txt eller pdf")
	cmd.Flags().StringVarP(&output, "output", "o", "", "skriv til `FIL` i stedet for standard output")
	cmd.Flags().IntVar(&event, "event", 0, "skriv brevet for hændelse `N` (udeladt: den seneste afgørelse)")
	cmd.Flags().BoolVar(&overwrite, "overwrite", false, "erstat FIL, hvis den findes")
	return cmd
}

func (a *app) stdoutIsTerminal() bool {
	f, ok := a.rawStdout.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

func (a *app) writeDraft(id string, event int, format, output string, overwrite bool) error {
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := s.Case(id)
	if err != nil {
		return notFound(id, err)
	}
	e, err := letterEvent(c, event)
	if err != nil {
		return err
	}
	data, err := renderDraft(cat, c, e, today, format)
	if err != nil {
		return err
	}
	if output == "" {
		if err := s.RecordDraft(c.ID, format, "standard output"); err != nil {
			return err
		}
		if err := a.logAccess(s, store.AccessDraft, false, "udkast som "+format+" til standard output", c.ID); err != nil {
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
	if err := s.RecordDraft(c.ID, format, target); err != nil {
		return err
	}
	return a.logAccess(s, store.AccessDraft, false, "udkast som "+format+" til "+target, c.ID)
}
