package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

func (a *app) draftCommand() *cobra.Command {
	var format, output string
	var event int
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
			return a.writeDraft(args[0], event, format, output)
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "`FORMAT`: md, txt eller pdf")
	cmd.Flags().StringVarP(&output, "output", "o", "", "skriv til `FIL` i stedet for standard output")
	cmd.Flags().IntVar(&event, "event", 0, "skriv brevet for hændelse `N` (udeladt: den seneste afgørelse)")
	return cmd
}

func (a *app) stdoutIsTerminal() bool {
	f, ok := a.stdout.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

func (a *app) writeDraft(id string, event int, format, output string) error {
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
	target := "standard output"
	if output != "" {
		target, _ = filepath.Abs(output)
	}
	if err := s.RecordDraft(c.ID, format, target); err != nil {
		return err
	}
	if output == "" {
		_, err = a.stdout.Write(data)
		return err
	}
	return writeFileAtomic(output, data)
}

// writeFileAtomic writes beside the target and renames, so a failed write
// never leaves half a document.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("kan ikke skrive %s: %s", path, osErrorText(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("kan ikke skrive %s: %s", path, osErrorText(err))
	}
	return nil
}
