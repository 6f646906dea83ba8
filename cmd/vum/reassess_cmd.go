package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

func (a *app) caseReassessCommand() *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "reassess ID FIL|-",
		Short: "Registrér en ny udredning (revurdering) på en sag fra en sagsfil",
		Long: `Registrerer sagsfilens udredning som sagens nye udredning (revurdering) og
viser vums forslag ud fra den. Sagsfilen kontrolleres som ved »vum case add«
og skal gælde sagens borger og kommune. Udredningen laves efter den metode,
kommunens standard bruger nu: er sagen tidligere udredt efter en anden
metode, skifter den her, og skiftet står i sagens historik; den tidligere
udredning og dens breve er uændrede.

»vum case show ID --case-file« skriver sagen som sagsfil med den nyeste
udredning (eller, efter et metodeskift, uden udredning) til at rette i.
Borgerens navn, CPR-nummer og adresse rettes med »vum case edit«; en ændret
boform i sagsfilen registreres med udredningen.`,
		Example: `  vum case show 01JD... --case-file > revurdering.json
  vum case reassess 01JD... revurdering.json
  vum decide 01JD... --provision sel85 --grant b1 --hours 4 --reason "Behovet er steget."`,
		Args: exactArgs("ID", "FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.reassess(args[0], args[1], date)
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "udredningens `DATO` ÅÅÅÅ-MM-DD (udeladt: i dag)")
	return cmd
}

func (a *app) reassess(id, file, dateFlag string) error {
	cf, cat, err := a.decodeCase(file)
	if err != nil {
		return err
	}
	today, err := a.today()
	if err != nil {
		return err
	}
	date := today
	if dateFlag != "" {
		if date, err = domain.ParseDanishDate(dateFlag); err != nil {
			return withProblems("revurderingen kan ikke registreres", domain.Problems{{Field: "--date", Message: err.Error()}})
		}
		if today.Before(date) {
			return withProblems("revurderingen kan ikke registreres", domain.Problems{{Field: "--date", Message: "datoen ligger i fremtiden"}})
		}
	}
	s, c, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	var ps domain.Problems
	if cf.Municipality != c.Municipality {
		ps.Add("municipality", "sagsfilen gælder %s, men sagen hører til %s; ret sagens kommune med »vum case edit« først",
			cat.MunicipalityName(cf.Municipality), cat.MunicipalityName(c.Municipality))
	}
	if !sameCitizen(cf.Citizen, c.Citizen) {
		ps.Add("citizen", "sagsfilen gælder en anden borger (%s) end sagen (%s)", cf.Citizen.MaskedID(), c.Citizen.MaskedID())
	}
	e := cf.FirstAssessment(date)
	if e == nil || len(cf.Assessment.Themes) == 0 {
		ps.Add("assessment", "sagsfilen har ingen udredning; udfyld mindst ét tema")
	}
	if cur, ok := c.Current(); ok && e != nil && date.Before(cur.Date) {
		ps.Add("--date", "sagens nyeste udredning er fra %s; en revurdering kan ikke ligge før den", cur.Date.Danish())
	}
	if len(ps) > 0 {
		return withProblems("revurderingen kan ikke registreres", ps)
	}
	prev, hadPrev := c.Current()
	if hadPrev {
		e.Kind = domain.Reassessment
	}
	if cf.Citizen.Living != "" && cf.Citizen.Living != c.Citizen.Living {
		e.Living = cf.Citizen.Living
	}
	c, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{{Kind: domain.EventAssessment, Assessment: e}}})
	if err != nil {
		return err
	}
	method := cat.MethodOf(e.Method)
	what := "Revurderingen"
	if !hadPrev {
		what = "Udredningen"
	}
	fmt.Fprintf(a.stdout, "%s er registreret på sag %s (%s, %s).\n", what, c.ID, method.Name, date.Danish())
	if hadPrev && domain.MethodID(prev.Method) != domain.MethodID(e.Method) {
		fmt.Fprintf(a.stdout, "Metoden er skiftet fra %s til %s; den tidligere udredning og dens breve er uændrede.\n",
			cat.MethodOf(prev.Method).Name, method.Name)
	}
	if e.Living != "" {
		fmt.Fprintf(a.stdout, "Boform ændret: bor nu %s.\n", e.Living.Phrase())
	}
	if _, ok, err := s.Draft(c.ID); err == nil && ok {
		fmt.Fprintln(a.stderr, "vum: en udredning er også i gang i vum på sagen; den er ikke ændret.")
	}
	result, err := cat.Suggest(c.File())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	return writeSuggestionText(a.stdout, cat, c.File(), result)
}

// sameCitizen reports whether a case file is about the case's citizen: the
// same CPR number, or without one the same birth date.
func sameCitizen(file, cas domain.Citizen) bool {
	if !cas.CPR.IsZero() || !file.CPR.IsZero() {
		return file.CPR.String() == cas.CPR.String()
	}
	return file.BirthDate == cas.BirthDate
}
