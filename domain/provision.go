package domain

// ProvisionID names a provision under Serviceloven, e.g. "sel85".
type ProvisionID string

// The provisions vum knows.
const (
	SEL82a       ProvisionID = "sel82a"
	SEL82b       ProvisionID = "sel82b"
	SEL85        ProvisionID = "sel85"
	SEL103       ProvisionID = "sel103"
	SEL104       ProvisionID = "sel104"
	SEL107       ProvisionID = "sel107"
	SEL107Relief ProvisionID = "sel107-aflastning"
	SEL108       ProvisionID = "sel108"
)

// Provision is what the law itself says about a provision, independent of
// any municipality's service level.
type Provision struct {
	ID      ProvisionID
	Law     string // e.g. "SEL § 85"
	Section string // e.g. "§ 85", for subject lines
	Title   string
	// Purpose is the content of the rule in plain Danish, for the reasons
	// (begrundelse) of a decision.
	Purpose string
}

// Provisions lists the provisions in the order of the law.
var Provisions = []Provision{
	{SEL82a, "SEL § 82 a", "§ 82 a", "Gruppebaseret hjælp og støtte",
		"Kommunen kan tilbyde gruppebaseret hjælp, omsorg, støtte, optræning og hjælp til udvikling af færdigheder til personer med nedsat funktionsevne eller sociale problemer, eller som er i risiko for det, når tilbuddet kan forbedre funktionsniveauet eller forebygge forværring."},
	{SEL82b, "SEL § 82 b", "§ 82 b", "Tidsbegrænset individuel optræning og hjælp til udvikling af færdigheder",
		"Kommunen kan tilbyde tidsbegrænset individuel optræning og hjælp til udvikling af færdigheder til samme personkreds som efter § 82 a."},
	{SEL85, "SEL § 85", "§ 85", "Socialpædagogisk støtte",
		"Kommunen skal tilbyde hjælp, omsorg eller støtte samt optræning og hjælp til udvikling af færdigheder til personer, der har behov for det på grund af betydelig nedsat fysisk eller psykisk funktionsevne eller særlige sociale problemer."},
	{SEL103, "SEL § 103", "§ 103", "Beskyttet beskæftigelse",
		"Kommunen skal tilbyde beskyttet beskæftigelse til personer under folkepensionsalderen, som på grund af betydelig nedsat funktionsevne eller særlige sociale problemer ikke kan opnå eller fastholde beskæftigelse på normale vilkår og ikke kan benytte tilbud efter anden lovgivning."},
	{SEL104, "SEL § 104", "§ 104", "Aktivitets- og samværstilbud",
		"Kommunen skal tilbyde aktivitets- og samværstilbud til personer med betydelig nedsat fysisk eller psykisk funktionsevne eller særlige sociale problemer, til at opretholde eller forbedre personlige færdigheder eller livsvilkår."},
	{SEL107, "SEL § 107", "§ 107", "Midlertidigt botilbud",
		"Kommunen kan tilbyde midlertidigt ophold i boformer til personer, der på grund af betydelig nedsat funktionsevne eller særlige sociale problemer i en periode har behov for omfattende støtte."},
	{SEL107Relief, "SEL § 107, stk. 1", "§ 107, stk. 1", "Aflastning",
		"Kommunen skal tilbyde aflastning til ægtefælle, forældre eller andre nære pårørende, der passer en person med nedsat fysisk eller psykisk funktionsevne; aflastningen kan gives som midlertidigt ophold i en boform."},
	{SEL108, "SEL § 108", "§ 108", "Længerevarende botilbud",
		"Kommunen skal tilbyde ophold i boformer, der er egnet til længerevarende ophold, til personer, der på grund af betydelig og varig nedsat funktionsevne har behov for omfattende hjælp til almindelige daglige funktioner eller for pleje, og som ikke på anden vis kan få dækket disse behov."},
}

// LookupProvision returns the law's description of id.
func LookupProvision(id ProvisionID) (Provision, bool) {
	for _, p := range Provisions {
		if p.ID == id {
			return p, true
		}
	}
	return Provision{}, false
}

// ProvisionIDs returns every known id in the order of the law.
func ProvisionIDs() []string {
	out := make([]string, len(Provisions))
	for i, p := range Provisions {
		out[i] = string(p.ID)
	}
	return out
}

// Law returns the section in law for id, e.g. "SEL § 85", or id itself
// when it is unknown.
func (id ProvisionID) Law() string {
	if p, ok := LookupProvision(id); ok {
		return p.Law
	}
	return string(id)
}
