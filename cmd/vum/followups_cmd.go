package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// followUp is one due follow-up as printed.
type followUp struct {
	CaseID    string             `json:"case_id"`
	Grant     string             `json:"grant"`
	Name      string             `json:"name"`
	Provision domain.ProvisionID `json:"provision"`
	Due       domain.Date        `json:"due"`
	Overdue   bool               `json:"overdue"`
	// Responsible is the caseworker who has the case.
	Responsible string `json:"responsible,omitempty"`
}

// defaultHorizonDays is how far ahead followups looks without --before.
const defaultHorizonDays = 30

// defaultRemindDays is how long before a follow-up the calendar reminds.
const defaultRemindDays = 7

func (a *app) followupsCommand() *cobra.Command {
	var before string
	var asJSON, asCSV, asICS, mine, team bool
	ics := icsOptions{}
	cmd := &cobra.Command{
		Use:   "followups",
		Short: "List opfølgninger, der falder inden en dato (forfaldne først)",
		Long: fmt.Sprintf(`Lister de opfølgninger, der falder senest på datoen (udeladt: i dag + %d
dage), sorteret efter dato, så de forfaldne står øverst. Hver aktiv
bevilling har sin egen opfølgning og sin egen linje. Som JSON, CSV til
regneark (dansk Excel) eller ICS til kalenderen (Outlook, Google Kalender).
Kalendere deles og synkroniseres ofte til telefoner, så en begivenhed har som
standard kun sagsnummeret og borgerens initialer; --full tilføjer navn og
paragraf. Hver begivenhed har en påmindelse (--remind dage før).`, defaultHorizonDays),
		Example: `  vum followups
  vum followups --before 2027-01-31 --csv > opfølgninger.csv
  vum followups --ics --remind 14 > opfølgninger.ics`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if mine && team {
				return usagef("vælg højst ét af --mine og --team")
			}
			if countTrue(asJSON, asCSV, asICS) > 1 {
				return usagef("vælg højst ét af --json, --csv og --ics")
			}
			if !asICS && (cmd.Flags().Changed("full") || cmd.Flags().Changed("remind")) {
				return usagef("--full og --remind gælder kun sammen med --ics")
			}
			if ics.RemindDays < 0 || ics.RemindDays > 365 {
				return usagef("--remind skal være et antal dage fra 0 til 365 (fik %d)", ics.RemindDays)
			}
			today, err := a.today()
			if err != nil {
				return err
			}
			last := today.AddDays(defaultHorizonDays)
			if before != "" {
				if last, err = domain.ParseDanishDate(before); err != nil {
					return usagef("--before: %v", err)
				}
			}
			action, detail := store.AccessList, "vum followups"
			switch {
			case asJSON, asCSV, asICS:
				action, detail = store.AccessExport, "vum followups som "+map[bool]string{asJSON: "JSON", asCSV: "CSV", asICS: "kalender"}[true]
			}
			list, err := a.dueFollowUps(last, today, action, detail, mine)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				return writeFollowUpsJSON(a.stdout, list)
			case asCSV:
				return writeFollowUpsCSV(a.stdout, list)
			case asICS:
				return writeFollowUpsICS(a.stdout, list, a.now(), ics)
			}
			return writeFollowUpsText(a.stdout, list, last, today)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&mine, "mine", false, "kun opfølgninger på de sager, du er ansvarlig for")
	f.BoolVar(&team, "team", false, "alle opfølgninger, du må se: din enheds, eller som teamleder teamets (standard)")
	f.StringVar(&before, "before", "", "vis opfølgninger til og med `DATO` (ÅÅÅÅ-MM-DD)")
	f.BoolVar(&asJSON, "json", false, "skriv som JSON")
	f.BoolVar(&asCSV, "csv", false, "skriv som CSV med overskriftsrække")
	f.BoolVar(&asICS, "ics", false, "skriv som kalenderfil (iCalendar, RFC 5545) med sagsnummer og initialer")
	f.BoolVar(&ics.Full, "full", false, "med --ics: vis også borgerens fulde navn og paragraffen i kalenderen")
	f.IntVar(&ics.RemindDays, "remind", defaultRemindDays, "med --ics: påmindelse `DAGE` før opfølgningen")
	return cmd
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// dueFollowUps reads only the due index: its cost follows the number of
// due entries, not the number of cases.
func (a *app) dueFollowUps(last, today domain.Date, action, detail string, mine bool) ([]followUp, error) {
	list := []followUp{}
	s, ok, err := a.readStore()
	if err != nil || !ok {
		return list, err
	}
	defer s.Close()
	me := a.storeUser(s)
	err = s.DueBefore(last, func(d store.Due) bool {
		if mine && d.Responsible != me {
			return true
		}
		list = append(list, followUp{CaseID: d.CaseID, Grant: d.Grant, Name: d.Name, Provision: d.Provision, Due: d.Due,
			Overdue: d.Due.Before(today), Responsible: d.Responsible})
		return true
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	ids := make([]string, len(list))
	for i, f := range list {
		ids[i] = f.CaseID
	}
	return list, a.logAccess(s, action, false, detail, ids...)
}

func writeFollowUpsText(w io.Writer, list []followUp, last, today domain.Date) error {
	if len(list) == 0 {
		_, err := fmt.Fprintf(w, "Ingen opfølgninger til og med %s.\n", last.Danish())
		return err
	}
	overdue := 0
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Dato\tStatus\tNavn\tYdelse\tSag")
	for _, f := range list {
		status := dueStatus(f.Due, today)
		if f.Overdue {
			overdue++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", f.Due.Danish(), status, f.Name, f.Provision.Law(), f.CaseID)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s til og med %s, heraf %s.\n", domain.Count(len(list), "opfølgning", "opfølgninger"),
		last.Danish(), domain.Count(overdue, "forfalden", "forfaldne"))
	return err
}

func dueStatus(due, today domain.Date) string {
	days := today.DaysUntil(due)
	switch {
	case days < 0:
		return fmt.Sprintf("FORFALDEN (%d dage)", -days)
	case days == 0:
		return "i dag"
	case days == 1:
		return "i morgen"
	}
	return fmt.Sprintf("om %d dage", days)
}
