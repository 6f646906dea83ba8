package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// decideFlags are the flags of »vum decide«.
type decideFlags struct {
	provision, tier, date, start, reason, special, followUp, grant, offer string
	hours, days, nights, months                                           string
	refuse, asJSON                                                        bool
}

func (a *app) decideCommand() *cobra.Command {
	var fl decideFlags
	cmd := &cobra.Command{
		Use:   "decide ID --provision P",
		Short: "Registrér en bevilling eller et afslag på en sag; skriver næste opfølgning",
		Long: `Registrerer sagsbehandlerens afgørelse som en ny bevilling (eller et afslag).
En borger kan have flere bevillinger på én gang; en ny bevilling ændrer
aldrig de andre. Omfanget angives i ydelsens enhed: --hours (§ 85, timer
om ugen; niveauet følger af timerne), --days (§ 103 og § 104, dage om ugen),
--nights (aflastning, døgn om året) eller --months (§ 82 b), og --offer
navngiver tilbuddet. Med --grant ændres omfanget af en bevilling, der
allerede findes.

Følger afgørelsen et af vums forslag (det primære eller et supplerende),
kræves ingen begrundelse. Et afslag, en afgørelse uden for forslagene eller
et omfang under forslaget (delvist afslag) skal begrundes med --reason;
begrundelsen står i afgørelsen til borgeren. Første opfølgning beregnes
efter kommunens kvalitetsstandard; angiver den intet interval, sættes 12
måneder, og vum siger det; --follow-up vælger en tidligere dato.`,
		Example: `  vum decide 01JD... --provision sel85 --hours 2.5
  vum decide 01JD... --provision sel104 --days 3 --offer "Værkstedet Ishøj"
  vum decide 01JD... --provision sel107-aflastning --nights 48
  vum decide 01JD... --provision sel85 --grant b1 --hours 4 --reason "Behovet er steget."
  vum decide 01JD... --provision sel85 --refuse --reason "Behovet dækkes af § 82 a."`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := a.decisionInput(fl)
			if err != nil {
				return err
			}
			return a.decide(args[0], in, fl.asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.provision, "provision", "", "`YDELSE`: sel82a, sel82b, sel85, sel103, sel104, sel107, sel107-aflastning, sel108")
	f.StringVar(&fl.hours, "hours", "", "§ 85: `TIMER` om ugen (fx 2,5); niveauet følger af timerne")
	f.StringVar(&fl.days, "days", "", "§ 103 og § 104: `DAGE` om ugen")
	f.StringVar(&fl.nights, "nights", "", "aflastning: `DØGN` om året")
	f.StringVar(&fl.months, "months", "", "§ 82 b: forløbets længde i `MÅNEDER`")
	f.StringVar(&fl.offer, "offer", "", "det konkrete `TILBUD` eller den leverandør, der bevilges")
	f.StringVar(&fl.tier, "tier", "", "`NIVEAU` efter standarden, fx moderat (udeladt: forslagets, eller det timerne giver)")
	f.StringVar(&fl.grant, "grant", "", "ændr omfanget af `BEVILLING` (fx b1) i stedet for at bevilge på ny")
	f.StringVar(&fl.date, "date", "", "afgørelsens `DATO` ÅÅÅÅ-MM-DD (udeladt: i dag)")
	f.StringVar(&fl.start, "start", "", "`DATO` hvor ydelsen begynder (udeladt: afgørelsesdatoen)")
	f.StringVar(&fl.reason, "reason", "", "sagsbehandlerens `BEGRUNDELSE` (kræves når afgørelsen afviger fra forslaget; den står i brevet til borgeren)")
	f.StringVar(&fl.special, "special-reason", "", "de konkrete `SÆRLIGE HENSYN`, når standarden kun giver ydelsen som hovedregel eller ved særlige hensyn (står i brevet)")
	f.StringVar(&fl.followUp, "follow-up", "", "første opfølgning `DATO`, tidligere end standardens")
	f.BoolVar(&fl.refuse, "refuse", false, "afgørelsen er et afslag")
	f.BoolVar(&fl.asJSON, "json", false, "skriv sagens bevillinger som JSON")
	return cmd
}

func (a *app) decisionInput(fl decideFlags) (standards.DecisionInput, error) {
	var ps domain.Problems
	today, err := a.today()
	if err != nil {
		return standards.DecisionInput{}, err
	}
	in := standards.DecisionInput{Provision: domain.ProvisionID(fl.provision), Tier: fl.tier, Date: today, Today: today,
		Refused: fl.refuse, Reason: fl.reason, SpecialReason: fl.special, Change: strings.TrimSpace(fl.grant)}
	in.Scope.Offer = fl.offer
	if fl.provision == "" {
		ps.Add("--provision", "angiv ydelsen, fx --provision sel85")
	}
	parse := func(flag, value string, into *domain.Date) {
		if value == "" {
			return
		}
		d, err := domain.ParseDanishDate(value)
		if err != nil {
			ps.Add(flag, "%v", err)
		}
		*into = d
	}
	parse("--date", fl.date, &in.Date)
	parse("--start", fl.start, &in.Start)
	parse("--follow-up", fl.followUp, &in.FollowUp)
	for _, amount := range []struct {
		flag, value string
		unit        domain.Unit
	}{{"--hours", fl.hours, domain.UnitHoursPerWeek}, {"--days", fl.days, domain.UnitDaysPerWeek},
		{"--nights", fl.nights, domain.UnitDaysPerYear}, {"--months", fl.months, domain.UnitMonths}} {
		if amount.value == "" {
			continue
		}
		v, err := domain.ParseNumber(amount.value)
		if err != nil {
			ps.Add(amount.flag, "%q er ikke et tal", amount.value)
			continue
		}
		in.Scope = in.Scope.WithAmount(amount.unit, v)
	}
	if len(ps) > 0 {
		return in, withProblems("afgørelsen kan ikke registreres", ps)
	}
	return in, nil
}

func (a *app) decide(id string, in standards.DecisionInput, asJSON bool) error {
	cat, err := a.standards()
	if err != nil {
		return err
	}
	s, c, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, ok := c.Current(); !ok {
		return fmt.Errorf("sagen %s har ingen udredning endnu; udfyld den i vum, før der træffes afgørelse", c.ID)
	}
	in.Active = c.Active()
	d, notes, err := cat.Decide(c.File(), in)
	if err != nil {
		return withProblems("afgørelsen kan ikke registreres", flagNames(err))
	}
	ev := c.GrantEvent(d)
	if in.Change != "" {
		ev = domain.ChangeEvent(in.Change, d)
	}
	c, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}})
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(a.stderr, "vum: %s\n", n)
	}
	if asJSON {
		return writeJSON(a.stdout, caseJSON(c))
	}
	switch {
	case d.Refused:
		_, err = fmt.Fprintf(a.stdout, "Afslag på %s registreret. Ingen opfølgning.\n", d.Provision.Law())
		return err
	case d.BelowNeed:
		fmt.Fprintf(a.stdout, "Delvist afslag registreret: %s er mindre end forslaget.\n", grantText(d))
	}
	g, _ := c.Grant(grantOf(ev))
	_, err = fmt.Fprintf(a.stdout, "Bevilling %s: %s. Næste opfølgning: %s\n", g.ID, grantText(g.Decision), g.FollowUpDue.Danish())
	return err
}

func grantOf(e domain.Event) string { return e.Grant }

// grantText writes a decision's provision and scope: "SEL § 85, 2,5 timer
// om ugen (niveau moderat)".
func grantText(d domain.Decision) string {
	text := d.Provision.Law()
	if scope := d.Scope.Danish(d.Provision, d.Tier); scope != "" {
		text += ", " + scope
	}
	return text
}

// flagNames renames the decision's fields to the flags that set them.
func flagNames(err error) error {
	ps, ok := err.(domain.Problems)
	if !ok {
		return err
	}
	rename := map[string]string{"scope": "--hours/--days/--nights/--months", "grant": "--grant"}
	out := make(domain.Problems, len(ps))
	for i, p := range ps {
		field := "--" + p.Field
		if r, ok := rename[p.Field]; ok {
			field = r
		}
		out[i] = domain.Problem{Field: field, Message: p.Message}
	}
	return out
}

func (a *app) endCommand() *cobra.Command {
	var provision, grant, date, decided, reason string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "end ID --provision P --date D --reason TEKST",
		Short: "Afslut (ophør) en bevilling; de andre bevillinger fortsætter",
		Long: `Registrerer ophør af en bevilling som en afgørelse med dato og begrundelse.
Bevillingen forsvinder fra opfølgningslisten; sagens andre bevillinger
røres ikke. Har borgeren flere aktive bevillinger af samme ydelse, vælges
den med --grant. Ophørsbrevet skrives med »vum draft ID«.`,
		Example: `  vum end 01JD... --provision sel104 --date 2027-01-31 --reason "Du er startet i job og har ikke længere behov for tilbuddet."`,
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.endGrant(args[0], provision, grant, date, decided, reason, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&provision, "provision", "", "`YDELSE` der ophører, fx sel104")
	f.StringVar(&grant, "grant", "", "`BEVILLING` der ophører (fx b2), når ydelsen ikke er nok")
	f.StringVar(&date, "date", "", "bevillingens sidste `DATO` (udeladt: afgørelsesdatoen)")
	f.StringVar(&decided, "decided", "", "afgørelsens `DATO` (udeladt: i dag)")
	f.StringVar(&reason, "reason", "", "`BEGRUNDELSE` for ophøret; står i afgørelsen")
	f.BoolVar(&asJSON, "json", false, "skriv sagens bevillinger som JSON")
	return cmd
}

func (a *app) endGrant(id, provision, grant, date, decided, reason string, asJSON bool) error {
	var ps domain.Problems
	today, err := a.today()
	if err != nil {
		return err
	}
	decidedOn, end := today, domain.Date{}
	if decided != "" {
		if decidedOn, err = domain.ParseDanishDate(decided); err != nil {
			ps.Add("--decided", "%v", err)
		}
	}
	if date != "" {
		if end, err = domain.ParseDanishDate(date); err != nil {
			ps.Add("--date", "%v", err)
		}
	}
	if provision == "" && grant == "" {
		ps.Add("--provision", "angiv ydelsen der ophører, fx --provision sel104")
	}
	if today.Before(decidedOn) {
		ps.Add("--decided", "%s ligger i fremtiden", decidedOn.Danish())
	}
	if len(ps) > 0 {
		return withProblems("ophøret kan ikke registreres", ps)
	}
	s, c, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	g, err := pickGrant(c, domain.ProvisionID(provision), grant)
	if err != nil {
		return err
	}
	ev, err := domain.EndGrant(g, decidedOn, end, reason)
	if err != nil {
		return withProblems("ophøret kan ikke registreres", flagNames(err))
	}
	if c, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}}); err != nil {
		return err
	}
	if asJSON {
		return writeJSON(a.stdout, caseJSON(c))
	}
	_, err = fmt.Fprintf(a.stdout, "Bevilling %s (%s) ophører %s. %s tilbage.\n", g.ID, g.Provision.Law(), ev.Termination.End.Danish(),
		domain.Count(len(c.Active()), "aktiv bevilling", "aktive bevillinger"))
	return err
}

// pickGrant finds the active grant to act on: by id, or the one active
// grant of provision p.
func pickGrant(c domain.Case, p domain.ProvisionID, id string) (domain.Grant, error) {
	if id != "" {
		g, ok := c.Grant(id)
		if !ok || (p != "" && g.Provision != p) {
			return g, fmt.Errorf("sagen %s har ingen bevilling %s%s; se bevillingerne med »vum case show %s«", c.ID, id, lawSuffix(p), c.ID)
		}
		return g, nil
	}
	active := c.ActiveOf(p)
	switch len(active) {
	case 0:
		return domain.Grant{}, fmt.Errorf("sagen %s har ingen aktiv bevilling af %s; se bevillingerne med »vum case show %s«", c.ID, p.Law(), c.ID)
	case 1:
		return active[0], nil
	}
	var ids []string
	for _, g := range active {
		ids = append(ids, g.ID)
	}
	return domain.Grant{}, fmt.Errorf("sagen %s har %d aktive bevillinger af %s (%s); vælg én med --grant", c.ID, len(active), p.Law(), strings.Join(ids, ", "))
}

func lawSuffix(p domain.ProvisionID) string {
	if p == "" {
		return ""
	}
	return " af " + p.Law()
}
