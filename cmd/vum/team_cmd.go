package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

// storeUser is who the store records as the writer: the database role on
// a shared database, the OS user on a file.
func (a *app) storeUser(s store.DB) string {
	if u, ok := s.(interface{ User() string }); ok {
		return u.User()
	}
	return a.user()
}

func (a *app) caseHandoverCommand() *cobra.Command {
	var to, reason string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "handover ID --to BRUGER",
		Short: "Overdrag sagen til en anden sagsbehandler",
		Long: `Gør en anden sagsbehandler ansvarlig for sagen. Overdragelsen er en
hændelse i sagens historik og skrives i logbogen med, hvem der overdrog.
I en fælles PostgreSQL-database er BRUGER sagsbehandlerens databasebruger,
og sagen flytter med til hans eller hendes enhed.`,
		Example: `  vum case handover 01JD3X… --to bo --reason "Anna går på orlov"`,
		Args:    exactArgs("ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to == "" {
				return usagef("angiv, hvem sagen overdrages til, med --to")
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
			ev, err := c.HandoverEvent(to, reason)
			if err != nil {
				return usagef("--to: %v", err)
			}
			if c, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}}); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, caseJSON(c))
			}
			_, err = fmt.Fprintf(a.stdout, "Sag %s er overdraget fra %s til %s.\n", c.ID, ev.Handover.From, c.Responsible)
			return err
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "den nye ansvarlige sagsbehandlers `BRUGER`")
	cmd.Flags().StringVar(&reason, "reason", "", "hvorfor sagen overdrages")
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv sagen som JSON")
	return cmd
}

func (a *app) staffCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "staff",
		Short: "Sagsbehandlere, enheder og teams i en fælles PostgreSQL-database",
		Long: `Placerer databasebrugere i enheder og teams. En sagsbehandler ser sin
enheds sager og dem, han eller hun er ansvarlig for; en teamleder ser alle
sager i teamets enheder. Køres af databasens ejer.`,
	}
	var unit, team string
	var leader bool
	add := &cobra.Command{
		Use:     "add BRUGER --unit ENHED --team TEAM",
		Short:   "Placér en databasebruger i en enhed",
		Example: `  vum --db postgres://vum@db.kommune.dk/vum staff add anna --unit "Voksen Syd" --team Handicap`,
		Args:    exactArgs("BRUGER"),
		RunE: func(cmd *cobra.Command, args []string) error {
			pg, err := a.openShared()
			if err != nil {
				return err
			}
			defer pg.Close()
			if err := pg.AddStaff(pgstore.StaffMember{Role: args[0], Unit: unit, Team: team, Leader: leader}); err != nil {
				return err
			}
			what := "sagsbehandler"
			if leader {
				what = "teamleder"
			}
			_, err = fmt.Fprintf(a.stdout, "%s er %s i %s (team %s).\n", args[0], what, unit, team)
			return err
		},
	}
	add.Flags().StringVar(&unit, "unit", "", "`ENHED` brugeren hører til")
	add.Flags().StringVar(&team, "team", "", "`TEAM` enheden hører til")
	add.Flags().BoolVar(&leader, "leader", false, "teamleder: ser alle teamets sager")
	var asJSON bool
	list := &cobra.Command{
		Use:   "list",
		Short: "Vis sagsbehandlerne og deres enheder",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pg, err := a.openShared()
			if err != nil {
				return err
			}
			defer pg.Close()
			staff, err := pg.Staff()
			if err != nil {
				return err
			}
			if asJSON {
				if staff == nil {
					staff = []pgstore.StaffMember{}
				}
				return writeJSON(a.stdout, staff)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "Bruger\tEnhed\tTeam\tRolle")
			for _, m := range staff {
				role := "sagsbehandler"
				if m.Leader {
					role = "teamleder"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Role, m.Unit, m.Team, role)
			}
			return tw.Flush()
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "skriv som JSON")
	cmd.AddCommand(add, list)
	return cmd
}

// openShared opens the PostgreSQL database --db names, refusing a file.
func (a *app) openShared() (*pgstore.Store, error) {
	if !pgstore.IsURL(a.dbPath()) {
		return nil, usagef("enheder og teams findes kun i en fælles PostgreSQL-database; angiv den med --db postgres://…")
	}
	return pgstore.Open(a.dbPath(), a.pgOptions())
}
