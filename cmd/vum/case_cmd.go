package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

func (a *app) caseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "case",
		Short: "Opret, list og vis sager",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.caseAddCommand(), a.caseListCommand(), a.caseShowCommand())
	return cmd
}

func (a *app) caseAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add FIL|-",
		Short: "Kontrollér og gem én sagsfil; skriver sagens id",
		Long: `Kontrollerer sagsfilen som »vum suggest« og gemmer den som en ny sag.
Sagens id skrives alene på standard output, så et script kan bruge det.
En fil med fejl gemmes ikke.`,
		Example: `  id=$(vum case add sag.json)
  vum decide "$id" --provision sel85`,
		Args: exactArgs("FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cf, _, err := a.decodeCase(args[0])
			if err != nil {
				return err
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			if !cf.Citizen.CPR.IsZero() {
				a.warnExisting(s, cf)
			}
			rec, err := s.AddCase(cf)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, rec.ID)
			return nil
		},
	}
}

func (a *app) caseListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List sagerne (CPR-numre vises maskeret)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, ok, err := a.readStore()
			if err != nil {
				return err
			}
			summaries := []store.Summary{}
			if ok {
				defer s.Close()
				if err := a.logAccess(s, store.AccessList, true, "vum case list"); err != nil {
					return err
				}
				if asJSON {
					return writeSummariesJSON(a.stdout, s)
				}
				err = s.Summaries(func(sum store.Summary) bool { summaries = append(summaries, sum); return true })
				if err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(a.stdout, summaries)
			}
			return writeCaseList(a.stdout, summaries)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv listen som JSON")
	return cmd
}

// writeSummariesJSON prints the same JSON array as writeJSON would, one
// case at a time as the store yields them, so its memory stays flat
// however many cases there are.
func writeSummariesJSON(w io.Writer, s *store.Store) error {
	out := bufio.NewWriterSize(w, 64<<10)
	var item bytes.Buffer
	enc := json.NewEncoder(&item)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	n := 0
	var encErr error
	err := s.Summaries(func(sum store.Summary) bool {
		sep := ",\n  "
		if n == 0 {
			sep = "[\n  "
		}
		n++
		item.Reset()
		if encErr = enc.Encode(sum); encErr != nil {
			return false
		}
		out.WriteString(sep)
		out.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
		return true
	})
	if err == nil {
		err = encErr
	}
	if err != nil {
		return err
	}
	if n == 0 {
		out.WriteString("[]\n")
	} else {
		out.WriteString("\n]\n")
	}
	return out.Flush()
}

func writeCaseList(w io.Writer, list []store.Summary) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "Ingen sager.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Sag\tNavn\tCPR\tKommune\tYdelse\tOpfølgning")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Name, s.MaskedID, s.Municipality,
			provisionText(s.Provision, s.Tier, s.Refused), dateOrDash(s.NextDue))
	}
	return tw.Flush()
}

func provisionText(p domain.ProvisionID, tier string, refused bool) string {
	if p == "" {
		return "-"
	}
	text := p.Law()
	if tier != "" {
		text += " " + tier
	}
	if refused {
		text = "afslag " + text
	}
	return text
}

func dateOrDash(d domain.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.Danish()
}

func (a *app) caseShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Vis én sag med afgørelser, vurderinger og opfølgninger",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.accessStore()
			if err != nil {
				return err
			}
			defer s.Close()
			rec, err := s.Case(args[0])
			if err != nil {
				return notFound(args[0], err)
			}
			history, err := s.History(rec.ID)
			if err != nil {
				return err
			}
			if err := a.logAccess(s, store.AccessRead, false, "vum case show", rec.ID); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, struct {
					store.CaseRecord
					History store.History `json:"history"`
				}{rec, history})
			}
			cat, err := a.standards()
			if err != nil {
				return err
			}
			return writeCase(a.stdout, cat.Method, rec, history)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv sagen som JSON (med fuldt CPR-nummer)")
	return cmd
}

func writeCase(w io.Writer, method *domain.Method, rec store.CaseRecord, h store.History) error {
	var b strings.Builder
	c := rec.Case.Citizen
	fmt.Fprintf(&b, "Sag %s: %s (%s), %s\n", rec.ID, c.Name, c.MaskedID(), rec.Case.Municipality)
	fmt.Fprintf(&b, "Ansøgt %s · bor %s · oprettet %s · ændret %s\n", rec.Case.ApplicationDate.Danish(), c.Living.Phrase(),
		rec.Created.Local().Format("02-01-2006 15:04"), rec.Updated.Local().Format("02-01-2006 15:04"))
	b.WriteString("\nVurdering:\n")
	for _, slug := range method.ThemeSlugs() {
		t, ok := rec.Case.Assessment.Themes[slug]
		switch {
		case !ok:
			continue
		case t.NotRelevant:
			fmt.Fprintf(&b, "  %-32s ikke relevant\n", method.ThemeName(slug))
		default:
			fmt.Fprintf(&b, "  %-32s %s\n", method.ThemeName(slug), method.LevelLabel(t.Level))
		}
	}
	if h := rec.Case.Assessment.SupportHoursPerWeek; h != nil {
		fmt.Fprintf(&b, "  Støttebehov: %s om ugen\n", hoursPhrase(*h))
	}
	if len(rec.Case.Goals) > 0 {
		b.WriteString("\nMål:\n")
		for _, g := range rec.Case.Goals {
			fmt.Fprintf(&b, "  - %s\n", g)
		}
	}
	b.WriteString("\nAfgørelse: ")
	if d := rec.Decision; d != nil {
		fmt.Fprintf(&b, "%s, %s", provisionText(d.Provision, d.Tier, d.Refused), d.Date.Danish())
		if !d.FollowedSuggestion {
			fmt.Fprintf(&b, " (afviger fra forslaget: %s)", d.Reason)
		}
		b.WriteString("\n")
	} else {
		b.WriteString("ingen endnu\n")
	}
	fmt.Fprintf(&b, "Næste opfølgning: %s\n", dateOrDash(rec.FollowUpDue))
	fmt.Fprintf(&b, "\nHistorik: %s, %s, %s\n", domain.Count(len(h.Assessments), "vurdering", "vurderinger"),
		domain.Count(len(h.Decisions), "afgørelse", "afgørelser"), domain.Count(len(h.FollowUps), "opfølgning", "opfølgninger"))
	for _, f := range h.FollowUps {
		fmt.Fprintf(&b, "  Opfølgning %s: %s\n", f.Done.Danish(), f.Outcome)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// hoursPhrase writes "1 time" or "2,5 timer".
func hoursPhrase(h float64) string {
	if h == 1 {
		return "1 time"
	}
	return domain.FormatNumber(h) + " timer"
}

// warnExisting notes on stderr that the citizen already has cases: a
// possible duplicate, or a CPR number typed for the wrong person.
func (a *app) warnExisting(s *store.Store, cf domain.CaseFile) {
	ids, err := s.CasesByCPR(cf.Citizen.CPR)
	if err != nil || len(ids) == 0 {
		return
	}
	sums, err := s.SummariesOf(ids)
	if err != nil {
		return
	}
	var who []string
	for _, sum := range sums {
		who = append(who, fmt.Sprintf("%s %s (%s)", sum.ID, sum.Name, sum.Municipality))
	}
	fmt.Fprintf(a.stderr, "vum: bemærk: der findes allerede %s med CPR-nummeret %s: %s\n",
		domain.Count(len(sums), "sag", "sager"), cf.Citizen.CPR.Masked(), strings.Join(who, "; "))
}
