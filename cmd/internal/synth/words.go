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
}

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
