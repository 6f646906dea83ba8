package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// configEnv names a folder to keep the caseworker's settings in instead of
// the user's configuration folder, for scripts and tests.
const configEnv = "VUM_CONFIG"

// settings returns where the caseworker's own settings are kept.
func (a *app) settings() settingsFiles {
	if dir := os.Getenv(configEnv); dir != "" {
		return settingsFiles{dir: dir}
	}
	return defaultSettings()
}

func (a *app) profileCommand() *cobra.Command {
	var name, title, phone, email, municipality string
	cmd := &cobra.Command{
		Use:   "profil",
		Short: "Vis eller sæt sagsbehandlerens navn, titel, telefon og e-mail til brevene",
		Long: `Sagsbehandlerens profil bruges i underskriften og kontaktoplysningerne i
afgørelserne. Den gemmes én gang, uden for sagsdatabasen, i brugerens mappe
til indstillinger. Uden flag vises profilen; med flag ændres de felter, der
er angivet.`,
		Example: `  vum profil
  vum profil --navn "Lone Madsen" --titel Socialrådgiver --telefon "43 57 70 00" --email lm@ishoj.dk`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			settings := a.settings()
			p, err := settings.Load()
			if err != nil {
				return err
			}
			changed := false
			set := func(flag string, dst *string, v string) {
				if cmd.Flags().Changed(flag) {
					*dst, changed = strings.TrimSpace(v), true
				}
			}
			set("navn", &p.Name, name)
			set("titel", &p.Title, title)
			set("telefon", &p.Phone, phone)
			set("email", &p.Email, email)
			set("kommune", &p.Municipality, municipality)
			if p.Municipality != "" && cmd.Flags().Changed("kommune") {
				cat, _, err := a.rules()
				if err != nil {
					return err
				}
				if _, _, ok := cat.ForMunicipality(p.Municipality); !ok {
					return cat.UnknownMunicipality(p.Municipality)
				}
			}
			if changed {
				if err := settings.Save(p); err != nil {
					return err
				}
			}
			for _, f := range [][2]string{{"Navn", p.Name}, {"Titel", p.Title}, {"Telefon", p.Phone}, {"E-mail", p.Email}, {"Kommune", p.Municipality}} {
				v := f[1]
				if v == "" {
					v = "(ikke sat)"
				}
				fmt.Fprintf(a.stdout, "%-8s %s\n", f[0]+":", v)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "navn", "", "sagsbehandlerens `NAVN`")
	cmd.Flags().StringVar(&title, "titel", "", "`TITEL`, fx Socialrådgiver")
	cmd.Flags().StringVar(&phone, "telefon", "", "direkte `TELEFON`")
	cmd.Flags().StringVar(&email, "email", "", "`E-MAIL`")
	cmd.Flags().StringVar(&municipality, "kommune", "", "`KOMMUNE`, som nye sager begynder med")
	return cmd
}
