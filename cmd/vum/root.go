package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// rootCommand builds the command tree. Help texts are Danish, like
// everything a caseworker sees.
func (a *app) rootCommand() *cobra.Command {
	var theme string
	var accessible bool
	var showVersion bool
	root := &cobra.Command{
		Use:   "vum",
		Short: "Voksenudredning, forslag til ydelse og opfølgning for sagsbehandlere",
		Long: `vum hjælper sagsbehandlere i voksen-handicap og socialpsykiatri med at
udrede borgere efter VUM, foreslå ydelse efter serviceloven ud fra
kommunens kvalitetsstandarder, skrive afgørelser og følge op.`,
		Example: `  vum                             åbn skærmbilledet (sager, udredning, afgørelse)
  vum suggest sag.json            forslag til ydelse for en sagsfil
  vum suggest --json - < sag.json  det samme som JSON
  vum standards                   vis de indlejrede kvalitetsstandarder
  vum standards show ishoj sel85  vis Ishøj Kommunes § 85`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				_, err := fmt.Fprint(a.stdout, readBuildInfo())
				return err
			}
			if accessible || os.Getenv("VUM_TILGAENGELIG") != "" {
				return a.runAccessible()
			}
			return a.runTUI(theme)
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	a.profileFlags(root)
	a.accessFlags(root)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.PersistentFlags().StringVar(&a.standardsDir, "standards", "",
		"`MAPPE` med kommunens opdaterede standarder (ellers VUM_STANDARDS eller de indlejrede)")
	root.Flags().BoolVar(&showVersion, "version", false, "vis version, commit og dato for programmet")
	root.Flags().StringVar(&theme, "theme", "auto", "farver til `BAGGRUND`: auto, light eller dark")
	root.Flags().BoolVar(&accessible, "tilgaengelig", false,
		"tilgængelig tilstand til skærmlæser: spørgsmål og svar linje for linje, uden tegnede felter (også VUM_TILGAENGELIG=1)")
	root.PersistentFlags().StringVar(&a.db, "db", "",
		"databasens `FIL` (ellers VUM_DB eller "+thisPlatform.dbHint+")")
	root.AddCommand(a.staffCommand(), a.suggestCommand(), a.standardsCommand(), a.caseCommand(), a.decideCommand(), a.endCommand(),
		a.followupsCommand(), a.draftCommand(), a.exportCommand(), a.importCommand(), a.backupCommand(), a.restoreCommand(), a.salvageCommand(), a.checkCommand(), a.logCommand(),
		a.unlockCommand(), a.lockCommand(), a.encryptCommand(), a.recipientCommand(), a.profileCommand())
	danish(root)
	return root
}

// danish replaces cobra's English templates, help flag and errors.
func danish(root *cobra.Command) {
	cobra.AddTemplateFunc("useLine", func(c *cobra.Command) string {
		return strings.Replace(c.UseLine(), "[flags]", "[flag]", 1)
	})
	cobra.AddTemplateFunc("danishDefaults", danishDefaults)
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [kommando]",
		Short: "Vis hjælp til en kommando",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, _, err := root.Find(args)
			if err != nil || target == nil {
				return usagef("ukendt kommando %q", strings.Join(args, " "))
			}
			return target.Help()
		},
	})
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageError{flagErrorText(err.Error())}
	})
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, "vis hjælp til kommandoen")
		if c.Args == nil {
			c.Args = noArgs
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// danishDefaults translates pflag's "(default x)" in flag listings.
func danishDefaults(usages string) string {
	return strings.ReplaceAll(usages, "(default ", "(standard: ")
}

// flagErrorText translates pflag's messages.
func flagErrorText(msg string) string {
	replacements := []struct{ from, to string }{
		{"unknown flag: ", "ukendt flag: "},
		{"unknown shorthand flag: ", "ukendt kort flag: "},
		{"flag needs an argument: ", "flaget mangler en værdi: "},
		{"invalid argument ", "ugyldig værdi "},
		{" for ", " til "},
	}
	for _, r := range replacements {
		msg = strings.Replace(msg, r.from, r.to, 1)
	}
	return msg
}

const usageTemplate = `Brug:{{if .Runnable}}
  {{useLine .}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [kommando]{{end}}{{if gt (len .Aliases) 0}}

Også:
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

Eksempler:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Kommandoer:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Flag:
{{.LocalFlags.FlagUsages | danishDefaults | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Fælles flag:
{{.InheritedFlags.FlagUsages | danishDefaults | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Skriv »{{.CommandPath}} [kommando] --help« for mere om en kommando.{{end}}
`

// noArgs refuses arguments, naming the unknown command in Danish.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("ukendt kommando eller argument %q til »%s«", args[0], cmd.CommandPath())
	}
	return nil
}

// exactArgs requires exactly the named arguments, e.g. exactArgs("FIL").
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("»%s« skal have %s (fik %d argument%s)", cmd.CommandPath(),
				strings.Join(names, " "), len(args), map[bool]string{true: "", false: "er"}[len(args) == 1])
		}
		return nil
	}
}
