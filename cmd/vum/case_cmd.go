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
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

func (a *app) caseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "case",
		Short: "Opret, list, vis, ret og slet sager",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.caseAddCommand(), a.caseListCommand(), a.caseShowCommand(), a.caseEditCommand(), a.caseDeleteCommand(), a.caseHandoverCommand(), a.caseReassessCommand())
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
				a.warnExisting(s, cf.Citizen.CPR)
			}
			today, err := a.today()
			if err != nil {
				return err
			}
			c, err := s.Create(cf.Opening(), cf.FirstAssessment(today))
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, c.ID)
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
			return writeCaseList(a.stdout, summaries, a.municipalityNames())
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv listen som JSON")
	return cmd
}

// writeSummariesJSON prints the same JSON array as writeJSON would, one
// case at a time as the store yields them, so its memory stays flat
// however many cases there are.
func writeSummariesJSON(w io.Writer, s store.DB) error {
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

func writeCaseList(w io.Writer, list []store.Summary, municipality func(string) string) error {
	if len(list) == 0 {
		_, err := fmt.Fprintln(w, "Ingen sager.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Sag\tNavn\tCPR\tKommune\tYdelse\tOpfølgning")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, s.Name, s.MaskedID, municipality(s.Municipality),
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
	var asJSON, asCaseFile bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Vis én sag med bevillinger, vurderinger, opfølgninger og historik",
		Args:  exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.accessStore()
			if err != nil {
				return err
			}
			defer s.Close()
			c, err := s.Case(args[0])
			if err != nil {
				return notFound(args[0], err)
			}
			if err := a.logAccess(s, store.AccessRead, false, "vum case show", c.ID); err != nil {
				return err
			}
			draft, hasDraft, err := s.Draft(c.ID)
			if err != nil {
				return err
			}
			view := caseJSON(c)
			if hasDraft {
				view.Draft = &draft
			}
			if asCaseFile {
				cat, err := a.standards()
				if err != nil {
					return err
				}
				return writeJSON(a.stdout, reassessmentFile(c, cat.MethodFor(c.Municipality)))
			}
			if asJSON {
				return writeJSON(a.stdout, view)
			}
			cat, err := a.standards()
			if err != nil {
				return err
			}
			return writeCase(a.stdout, cat, view)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv sagen som JSON (med fuldt CPR-nummer)")
	cmd.Flags().BoolVar(&asCaseFile, "case-file", false, "skriv sagen som sagsfil med den nyeste udredning, til »vum case reassess«")
	return cmd
}

// reassessmentFile is the case as a case file to reassess from: its newest
// assessment, or, where that was made under another method than the one
// the municipality uses now, the new method with no assessment yet.
func reassessmentFile(c domain.Case, now *domain.Method) domain.CaseFile {
	cf := c.File()
	if cf.Assessment.Themes == nil {
		cf.Assessment.Themes = map[string]domain.ThemeAssessment{}
	}
	if domain.MethodID(cf.Method) != domain.MethodID(now.ID) {
		cf.Assessment = domain.Assessment{Themes: map[string]domain.ThemeAssessment{}}
	}
	cf.Method = domain.MethodID(now.ID)
	return cf
}

// caseView is »vum case show --json«: the case as its events make it now
// (.grants[], .refusals[], .assessments[]) and every event (.events[]).
type caseView struct {
	domain.Case
	NextFollowUp domain.Date `json:"next_follow_up,omitzero"`
	// Draft is an assessment in progress, saved answer by answer.
	Draft *domain.Draft `json:"draft,omitempty"`
}

func caseJSON(c domain.Case) caseView {
	if c.Grants == nil {
		c.Grants = []domain.Grant{}
	}
	if c.Refusals == nil {
		c.Refusals = []domain.RecordedDecision{}
	}
	if c.Assessments == nil {
		c.Assessments = []domain.RecordedAssessment{}
	}
	due, _ := c.NextDue()
	return caseView{Case: c, NextFollowUp: due}
}

func writeCase(w io.Writer, cat *standards.Catalog, view caseView) error {
	c := view.Case
	var b strings.Builder
	cz := c.Citizen
	fmt.Fprintf(&b, "Sag %s: %s (%s), %s\n", c.ID, cz.Name, cz.MaskedID(), cat.MunicipalityName(c.Municipality))
	fmt.Fprintf(&b, "Ansøgt %s · bor %s · version %d\n", c.ApplicationDate.Danish(), cz.Living.Phrase(), c.Version)
	if cz.Address != "" {
		fmt.Fprintf(&b, "Adresse: %s\n", cz.Address)
	}
	if cur, ok := c.Current(); ok {
		writeAssessment(&b, cat.MethodOf(cur.Method), cur.AssessmentEvent)
	} else {
		b.WriteString("\nIngen udredning endnu.\n")
	}
	if d := view.Draft; d != nil {
		fmt.Fprintf(&b, "\nUdredning i gang (%s): %s gemt; fortsæt den i vum.\n", d.Kind, domain.Count(len(d.Fields), "svar", "svar"))
	} else if d := c.ReassessmentDue; !d.IsZero() {
		fmt.Fprintf(&b, "\nNy udredning afventer: opfølgningen %s lod bevillingen ophøre med ny udredning (vum case reassess %s FIL).\n", d.Danish(), c.ID)
	}
	b.WriteString("\nBevillinger:\n")
	if len(c.Grants) == 0 {
		b.WriteString("  ingen\n")
	}
	for _, g := range c.Grants {
		status := "aktiv"
		if !g.Active() {
			status = "ophørt " + g.End.Danish()
		}
		fmt.Fprintf(&b, "  %s  %s · fra %s · %s", g.ID, grantText(g.Decision), g.Start.Danish(), status)
		if g.Active() {
			fmt.Fprintf(&b, " · opfølgning %s", dateOrDash(g.FollowUpDue))
		}
		b.WriteString("\n")
	}
	for _, r := range c.Refusals {
		fmt.Fprintf(&b, "  afslag på %s %s: %s\n", r.Provision.Law(), r.Date.Danish(), r.Reason)
	}
	due, p := c.NextDue()
	if !due.IsZero() {
		fmt.Fprintf(&b, "Næste opfølgning: %s (%s)\n", due.Danish(), p.Law())
	}
	fmt.Fprintf(&b, "\nHistorik (%s):\n", domain.Count(len(c.Events), "hændelse", "hændelser"))
	for _, e := range c.Events {
		fmt.Fprintf(&b, "  %3d  %s  %-10s %s\n", e.Seq, e.Recorded.Local().Format("02-01-2006 15:04"), e.User, eventText(e)+methodNote(cat, e))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// methodNote names the method of an assessment made under another
// method than VUM's original one, for the history: a switch shows there.
func methodNote(cat *standards.Catalog, e domain.Event) string {
	if e.Assessment == nil || domain.MethodID(e.Assessment.Method) == domain.DefaultMethodID {
		return ""
	}
	return ", efter " + cat.MethodOf(e.Assessment.Method).Name
}

// writeAssessment prints an assessment in the words of the method it was
// made under, whatever method the municipality uses now: VUM's themes and
// scale for an assessment from before a switch to VUM 2.0.
func writeAssessment(b *strings.Builder, method *domain.Method, cur domain.AssessmentEvent) {
	fmt.Fprintf(b, "\nVurdering (%s %s", cur.Kind, cur.Date.Danish())
	if domain.MethodID(cur.Method) != domain.DefaultMethodID {
		fmt.Fprintf(b, ", %s", method.Name)
	}
	b.WriteString("):\n")
	group := ""
	for _, th := range method.Themes {
		slug := th.Slug
		t, ok := cur.Assessment.Themes[slug]
		if !ok {
			continue
		}
		if g, ok := method.Group(th.Group); ok && g.ID != group {
			group = g.ID
			fmt.Fprintf(b, "  %s:\n", g.Name)
		}
		switch {
		case t.NotRelevant:
			fmt.Fprintf(b, "  %-32s ikke relevant\n", method.ThemeName(slug))
		case !t.Scored() && method.ThemeLevel(slug) != domain.LevelRequired:
			fmt.Fprintf(b, "  %-32s beskrevet med ord\n", method.ThemeName(slug))
		case !t.Scored():
			fmt.Fprintf(b, "  %-32s påbegyndt, intet niveau\n", method.ThemeName(slug))
		default:
			fmt.Fprintf(b, "  %-32s %s\n", method.ThemeName(slug), method.LevelLabel(t.Level))
		}
		if t.Support != nil {
			if l, ok := method.SupportLevel(*t.Support); ok {
				fmt.Fprintf(b, "  %-32s %s: %s\n", "", method.Term(func(t domain.Terms) string { return t.Support }), l.Label)
			}
		}
		for _, st := range t.Statements {
			b.WriteString(wrap(fmt.Sprintf("    %s: »", method.SourceLabel(st.Source)), "      ", st.Text+"«"))
		}
	}
	if h := cur.Assessment.SupportHoursPerWeek; h != nil {
		label := "Støttebehov" // VUM's word; VUM 2.0 gives støttebehov per theme
		if len(method.SupportLevels) > 0 {
			label = "Støttetimer"
		}
		fmt.Fprintf(b, "  %s: %s om ugen\n", label, hoursPhrase(*h))
	}
	if len(cur.Goals) > 0 {
		label := "Mål"
		if method.Terms.Goals != "" {
			label = method.Terms.Goals
		}
		fmt.Fprintf(b, "\n%s:\n", label)
		for _, g := range cur.Goals {
			fmt.Fprintf(b, "  - %s\n", g)
		}
	}
	a := cur.Assessment
	if a.Situation != "" {
		fmt.Fprintf(b, "\n%s:\n", method.Term(func(t domain.Terms) string { return t.Situation }))
		b.WriteString(wrap("  ", "  ", a.Situation))
	}
	if a.Purpose != "" {
		fmt.Fprintf(b, "\n%s:\n", method.Term(func(t domain.Terms) string { return t.Purpose }))
		b.WriteString(wrap("  ", "  ", a.Purpose))
	}
	if len(a.Targets) > 0 {
		fmt.Fprintf(b, "\n%s:\n", method.Term(func(t domain.Terms) string { return t.Targets }))
		for _, t := range a.Targets {
			themes := method.ThemeName(t.Theme)
			for _, s := range t.Secondary {
				themes += ", " + method.ThemeName(s)
			}
			b.WriteString(wrap("  - ", "    ", fmt.Sprintf("%s (%s; %s)", strings.TrimSuffix(t.Text, "."), themes, method.GoalTypeLabel(t.Type))))
		}
	}
}

// eventText describes an event in one line of the history.
func eventText(e domain.Event) string {
	switch {
	case e.Opening != nil:
		return "sag oprettet"
	case e.Assessment != nil:
		text := fmt.Sprintf("udredning (%s) %s", e.Assessment.Kind, e.Assessment.Date.Danish())
		if e.Assessment.Living != "" {
			text += ", boform: " + e.Assessment.Living.Label()
		}
		return text
	case e.Decision != nil:
		d := e.Decision
		text := e.Kind.Label() + " " + grantText(*d)
		if e.Grant != "" {
			text += " (" + e.Grant + ")"
		}
		if d.BelowNeed {
			text += ", delvist afslag"
		}
		if d.Reason != "" {
			text += ": " + d.Reason
		}
		return text
	case e.Termination != nil:
		t := e.Termination
		return fmt.Sprintf("ophør af %s (%s) pr. %s: %s", t.Provision.Law(), e.Grant, t.End.Danish(), t.Reason)
	case e.FollowUp != nil:
		f := e.FollowUp
		text := fmt.Sprintf("opfølgning på %s (%s) %s: %s", f.Provision.Law(), e.Grant, f.Done.Danish(), f.Outcome.Label())
		if f.Note != "" {
			text += " – " + f.Note
		}
		if !f.Next.IsZero() {
			text += ", næste " + f.Next.Danish()
		}
		return text
	case e.Correction != nil:
		var parts []string
		for _, ch := range e.Correction.Changes {
			parts = append(parts, domain.FieldLabel(ch.Field))
		}
		return "rettet " + strings.Join(parts, ", ") + ": " + e.Correction.Reason
	case e.Letter != nil:
		return fmt.Sprintf("brevets felter udfyldt for hændelse %d", e.Letter.Event)
	}
	return e.Kind.Label()
}

func (a *app) caseEditCommand() *cobra.Command {
	var reason string
	values := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "edit ID --reason TEKST [--name|--cpr|--birth-date|--address|--living|--municipality ...]",
		Short: "Ret borgerens oplysninger; ændringen gemmes i historikken med begrundelse",
		Long: `Retter navn, CPR-nummer eller fødselsdato, adresse, boform eller kommune.
Intet overskrives: rettelsen gemmes som en hændelse i sagens historik med
de gamle og nye værdier, hvem og hvornår, og begrundelsen.`,
		Example: `  vum case edit 01JD... --address "Vejen 2, 2635 Ishøj" --reason "Borgeren er flyttet."
  vum case edit 01JD... --cpr 150391-1235 --reason "Forkert CPR-nummer ved oprettelsen."`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			set := map[string]string{}
			for field, v := range values {
				if cmd.Flags().Changed(flagOf(field)) {
					set[field] = *v
				}
			}
			if len(set) == 0 {
				return usagef("angiv mindst én oplysning at rette, fx --address")
			}
			return a.editCase(args[0], set, reason)
		},
	}
	f := cmd.Flags()
	help := map[string]string{
		domain.FieldName: "borgerens `NAVN`", domain.FieldCPR: "`CPR`-nummer (DDMMÅÅ-XXXX)", domain.FieldBirthDate: "`FØDSELSDATO` (uden CPR-nummer)",
		domain.FieldAddress: "`ADRESSE`", domain.FieldLiving: "`BOFORM`: own_home, with_family, residential, abl105",
		domain.FieldMunicipality: "`KOMMUNE`, fx ishoj",
	}
	for _, field := range domain.CorrectableFields {
		values[field] = f.String(flagOf(field), "", help[field])
	}
	f.StringVar(&reason, "reason", "", "`BEGRUNDELSE` for rettelsen")
	return cmd
}

func flagOf(field string) string { return strings.ReplaceAll(field, "_", "-") }

func (a *app) editCase(id string, set map[string]string, reason string) error {
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	s, c, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	ev, err := c.Correction(set, reason, today, cat.Municipalities())
	if err != nil {
		if ps, ok := err.(domain.Problems); ok {
			for i := range ps {
				ps[i].Field = "--" + flagOf(ps[i].Field)
			}
			return withProblems("rettelsen kan ikke gemmes", ps)
		}
		return err
	}
	if c, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}}); err != nil {
		return err
	}
	for _, ch := range ev.Correction.Changes {
		fmt.Fprintf(a.stdout, "%s rettet: %s → %s\n", domain.FieldLabel(ch.Field), shown(ch.Field, ch.Old), shown(ch.Field, ch.New))
	}
	if cpr, ok := set[domain.FieldCPR]; ok && cpr != "" {
		if parsed, err := domain.ParseCPR(cpr); err == nil {
			a.warnExistingExcept(s, parsed, c.ID)
		}
	}
	return nil
}

// shown masks a CPR number for the terminal.
func shown(field, v string) string {
	if v == "" {
		return "(tom)"
	}
	if field == domain.FieldCPR {
		if cpr, err := domain.ParseCPR(v); err == nil {
			return cpr.Masked()
		}
	}
	return v
}

func (a *app) caseDeleteCommand() *cobra.Command {
	var reason string
	cmd := &cobra.Command{
		Use:   "delete ID --reason TEKST",
		Short: "Slet en sag oprettet ved en fejl",
		Long: `Sletter en sag, der er oprettet ved en fejl: den forsvinder fra alle lister og
indeks. Logbogen beholder, at sagen blev slettet, af hvem, hvornår og
hvorfor, men intet af dens indhold.`,
		Example: `  vum case delete 01JD... --reason "Oprettet to gange ved en fejl."`,
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(reason) == "" {
				return usagef("angiv hvorfor sagen slettes med --reason")
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			c, err := s.Case(args[0])
			if err != nil {
				return notFound(args[0], err)
			}
			if err := s.Delete(c.ID, c.Version, reason); err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "Sag %s er slettet.\n", c.ID)
			return err
		},
	}
	cmd.Flags().StringVar(&reason, "reason", "", "`BEGRUNDELSE` for sletningen")
	return cmd
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
func (a *app) warnExisting(s store.Backend, cpr domain.CPR) { a.warnExistingExcept(s, cpr, "") }

func (a *app) warnExistingExcept(s store.Backend, cpr domain.CPR, except string) {
	if u, ok := s.(store.UnitLookup); ok {
		if units, err := u.OtherUnitsByCPR(cpr); err == nil && len(units) > 0 {
			fmt.Fprintf(a.stderr, "vum: bemærk: %s\n", store.DescribeOtherUnits(units))
		}
	}
	all, err := s.CasesByCPR(cpr)
	if err != nil {
		return
	}
	var ids []string
	for _, id := range all {
		if id != except {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return
	}
	sums, err := s.SummariesOf(ids)
	if err != nil {
		return
	}
	var who []string
	municipality := a.municipalityNames()
	for _, sum := range sums {
		who = append(who, fmt.Sprintf("%s %s (%s)", sum.ID, sum.Name, municipality(sum.Municipality)))
	}
	fmt.Fprintf(a.stderr, "vum: bemærk: der findes allerede %s med CPR-nummeret %s: %s\n",
		domain.Count(len(sums), "sag", "sager"), cpr.Masked(), strings.Join(who, "; "))
}
