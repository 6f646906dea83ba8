package synth

import (
	"math/rand/v2"
)

var first = []string{"Anne", "Mette", "Kirsten", "Hanne", "Lene", "Susanne", "Camilla", "Sara", "Ida", "Freja",
	"Emma", "Maja", "Jens", "Peter", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jonas", "Mads", "Rasmus",
	"Mikkel", "Frederik", "Jørgen", "Bjørn", "Åse", "Ærø", "Niels", "Kasper", "Line", "Sofie", "Ahmad", "Fatima",
	"Ali", "Zainab", "Oskar", "Karl", "Asta", "Vigga"}

var last = []string{"Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
	"Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen",
	"Johansen", "Møller", "Mortensen", "Holm", "Krogh", "Berg", "Østergaard", "Lund", "Dam", "Bæk", "Højgaard"}

var notesByLevel = [...][]string{
	{"Klarer det selv uden besvær.", "Ingen bemærkninger."},
	{"Klarer det med lidt besvær.", "Har brug for en påmindelse i perioder."},
	{"Har brug for støtte et par gange om ugen.", "Klarer en del selv, men mister overblikket."},
	{"Har brug for støtte dagligt.", "Klarer kun lidt selv; pårørende hjælper meget."},
	{"Kan ikke selv; har brug for hjælp til det hele.", "Har brug for hjælp døgnet rundt."},
}

var themeWords = map[string]string{
	"fysisk_funktionsnedsaettelse":  "Gigt og nedsat kraft i hænderne.",
	"psykisk_funktionsnedsaettelse": "Angst og depression; i behandling.",
	"socialt_problem":               "Tidligere misbrug; stoffri i et år.",
	"praktiske_opgaver":             "Indkøb, madlavning og rengøring.",
	"samfundsliv":                   "Økonomi, post og beskæftigelse.",
	"socialt_liv":                   "Lille netværk og ensomhed.",
	"sundhed":                       "Medicin og lægeaftaler.",
	"kommunikation":                 "Digital Post og telefon.",
	"mobilitet":                     "Offentlig transport.",
	"egenomsorg":                    "Personlig hygiejne og måltider.",
	"omgivelser":                    "Boligen og de pårørendes hjælp.",
	// VUM 2.0's themes beside VUM's.
	"mentale_funktioner": "Angst og nedsat koncentration; i behandling.",
	"fysiske_funktioner": "Gigt og nedsat kraft i hænderne.",
	"sundhedsforhold":    "Medicin, søvn og lægeaftaler.",
	"sociale_forhold":    "Gæld og et lille netværk.",
	"relationer":         "Lille netværk og ensomhed.",
}

// statements are what others said about a theme, by source.
var statements = []struct{ source, text string }{
	{"borger", "Jeg kan godt, når nogen er med."},
	{"paaroerende", "Vi hjælper, men kan ikke blive ved."},
	{"udfoerer", "Borgeren kommer ikke af sted uden en påmindelse."},
	{"sagsbehandler", "Borgeren undervurderer sit behov for støtte."},
	{"andre", "Egen læge beskriver et svingende forløb."},
}

var purposes = []string{"Borgeren bliver mere selvhjulpen i eget hjem.", "Borgeren får en stabil hverdag med fællesskab.",
	"Borgeren fastholder sin funktionsevne og sit netværk.", "Borgeren kommer i beskæftigelse."}

var situations = []string{"Borgeren klarer sig delvist selv, men har brug for støtte til struktur og overblik.",
	"Borgerens funktionsevne svinger; pårørende bærer en stor del af støtten.",
	"Borgeren er motiveret, men angsten begrænser hverdagen."}

var views = []string{"Jeg vil gerne klare mere selv.", "Det går fint, synes jeg.", "Jeg har brug for hjælp til at komme ud.",
	"Jeg ønsker at bo for mig selv.", "Jeg vil gerne i arbejde igen."}

var goalBank = []string{"Kunne handle ind selv", "Få styr på økonomien", "Komme ud blandt andre", "Fastholde behandling",
	"Selv kunne forstå sin post", "Tage bussen alene", "Meningsfuld beskæftigelse", "Trygt hjem med støtte",
	"Bedre døgnrytme", "Lave mad selv tre gange om ugen"}

var reasons = []string{"Konkret og individuel vurdering efter samtale med borgeren.",
	"Borgerens behov svinger; støtten afpasses derefter.",
	"Behovet kan dækkes af en mindre indgribende indsats.",
	"Lægelige oplysninger viser et større behov end vurderet.",
	"Borgeren ønsker et andet tilbud, som også dækker behovet."}

func note(slug string, level int, r *rand.Rand) string {
	bank := notesByLevel[level]
	return themeWords[slug] + " " + bank[r.IntN(len(bank))]
}
