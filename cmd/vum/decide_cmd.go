package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func (a *app) decideCommand() *cobra.Command {
	var (
		provision, tier, date, start, reason, special, followUp string
		refuse, asJSON                                          bool
	)
	cmd := &cobra.Command{
		Use:   "decide ID --provision P",
		Short: "Registrér afgørelsen på en sag; skriver næste opfølgning",
		Long: `Registrerer sagsbehandlerens afgørelse. Følger den ikke vums forslag
(ydelse og niveau), skal den begrundes med --reason. Første opfølgning
beregnes efter kommunens kvalitetsstandard (fx 12 måneder for § 85 i Ishøj,
24 måneder for § 108, senest 6 måneder for § 85 i Gentofte). Angiver
standarden intet interval, sættes 12 måneder, og vum siger det; med
--follow-up vælges en tidligere dato.`,
		Example: `  vum decide 01JD... --provision sel85
  vum decide 01JD... --provision sel85 --tier stor --reason "Behovet er større i perioder."
  vum decide 01JD... --provision sel82a --follow-up 2027-05-01
  vum decide 01JD... --provision sel85 --refuse --reason "Behovet dækkes af § 82 a."`,
		Args: exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := a.decisionInput(provision, tier, date, start, followUp)
			if err != nil {
				return err
			}
			in.Refused, in.Reason, in.SpecialReason = refuse, reason, special
			return a.decide(args[0], in, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&provision, "provision", "", "`YDELSE`: sel82a, sel82b, sel85, sel103, sel104, sel107, sel107-aflastning, sel108")
	f.StringVar(&tier, "tier", "", "`NIVEAU` efter standarden, fx moderat (udeladt: forslagets)")
	f.StringVar(&date, "date", "", "afgørelsens `DATO` ÅÅÅÅ-MM-DD (udeladt: i dag)")
	f.StringVar(&start, "start", "", "`DATO` hvor ydelsen begynder (udeladt: afgørelsesdatoen)")
	f.StringVar(&reason, "reason", "", "sagsbehandlerens `BEGRUNDELSE` (kræves når afgørelsen afviger fra forslaget; den står i brevet til borgeren)")
	f.StringVar(&special, "special-reason", "", "de konkrete `SÆRLIGE HENSYN`, når standarden kun giver ydelsen som hovedregel eller ved særlige hensyn (står i brevet)")
	f.StringVar(&followUp, "follow-up", "", "første opfølgning `DATO`, tidligere end standardens")
	f.BoolVar(&refuse, "refuse", false, "afgørelsen er et afslag")
	f.BoolVar(&asJSON, "json", false, "skriv den gemte afgørelse som JSON")
	return cmd
}

func (a *app) decisionInput(provision, tier, date, start, followUp string) (standards.DecisionInput, error) {
	var ps domain.Problems
	today, err := a.today()
	if err != nil {
		return standards.DecisionInput{}, err
	}
	in := standards.DecisionInput{Provision: domain.ProvisionID(provision), Tier: tier, Date: today, Today: today}
	if provision == "" {
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
	parse("--date", date, &in.Date)
	parse("--start", start, &in.Start)
	parse("--follow-up", followUp, &in.FollowUp)
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
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	rec, err := s.Case(id)
	if err != nil {
		return notFound(id, err)
	}
	d, notes, err := cat.Decide(rec.Case, in)
	if err != nil {
		return withProblems("afgørelsen kan ikke registreres", flagNames(err))
	}
	stored, err := s.Decide(rec.ID, d)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(a.stderr, "vum: %s\n", n)
	}
	if asJSON {
		return writeJSON(a.stdout, stored)
	}
	if d.Refused {
		_, err = fmt.Fprintf(a.stdout, "Afslag registreret på %s. Ingen opfølgning.\n", d.Provision.Law())
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "Næste opfølgning: %s\n", d.FollowUpDue.Danish())
	return err
}

// flagNames renames the decision's fields to the flags that set them.
func flagNames(err error) error {
	ps, ok := err.(domain.Problems)
	if !ok {
		return err
	}
	out := make(domain.Problems, len(ps))
	for i, p := range ps {
		out[i] = domain.Problem{Field: "--" + p.Field, Message: p.Message}
	}
	return out
}
