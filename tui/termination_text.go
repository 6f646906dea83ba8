package tui

import (
	"fmt"
	"strings"

	"github.com/vumdk/vum/domain"
)

// terminationPreview is a short text of a decision to end a grant, shown
// until the letter builder writes such letters: what ends, from when,
// and why, with the right to complain.
func terminationPreview(c *common, cas domain.Case, e domain.Event) string {
	t := e.Termination
	g, _ := cas.Grant(e.Grant)
	law, _ := domain.LookupProvision(t.Provision)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", c.municipalityName(cas.Municipality), t.Date.Danish())
	fmt.Fprintf(&b, "Til %s\n\n", cas.Citizen.Name)
	fmt.Fprintf(&b, "Afgørelse om ophør af %s efter servicelovens %s\n\n", strings.ToLower(law.Title), law.Section)
	what := "din bevilling"
	if scope := g.Scope.Danish(g.Provision, g.Tier); scope != "" {
		what += " (" + scope + ")"
	}
	fmt.Fprintf(&b, "Vi har besluttet, at %s af %s ophører. Din sidste dag med hjælpen er %s.\n\n",
		what, strings.ToLower(law.Title), t.End.Danish())
	fmt.Fprintf(&b, "Begrundelse\n%s\n\n", t.Reason)
	b.WriteString("Klagevejledning\nDu kan klage over afgørelsen. Klagen sendes til kommunen, som genvurderer afgørelsen, før den eventuelt sendes videre til Ankestyrelsen.\n\n")
	b.WriteString("[UDFYLD: klagefrist, kontaktoplysninger og underskrift]\n")
	return b.String()
}
