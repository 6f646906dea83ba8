package main

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"
)

func (a *app) suggestCommand() *cobra.Command {
	var asJSON bool
	var municipality string
	cmd := &cobra.Command{
		Use:   "suggest FIL|-",
		Short: "Foreslå ydelse ud fra en sagsfil og kommunens kvalitetsstandard",
		Long: `Læser én sagsfil (schema 1) og foreslår ydelser efter serviceloven med
niveau, frister, opfølgning og begrundelse ud fra kommunens kvalitetsstandard.
Forslaget er en hjælp: sagsbehandleren træffer afgørelsen efter en konkret og
individuel vurdering. »-« læser sagsfilen fra standard input.`,
		Example: `  vum suggest sag.json
  vum suggest --json sag.json | jq '.suggestions[0]'
  vum suggest --municipality vallensbaek sag.json`,
		Args: exactArgs("FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cf, cat, err := a.decodeCase(args[0])
			if err != nil {
				return err
			}
			if municipality != "" {
				if _, _, ok := cat.ForMunicipality(municipality); !ok {
					return cat.UnknownMunicipality(municipality)
				}
				cf.Municipality = municipality
			}
			result, err := cat.Suggest(cf)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, result)
			}
			return writeSuggestionText(a.stdout, cat, cf, result)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv forslaget som JSON")
	cmd.Flags().StringVar(&municipality, "municipality", "", "brug `KOMMUNE`s standard i stedet for sagsfilens")
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
