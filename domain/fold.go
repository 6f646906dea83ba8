package domain

import "strings"

var (
	// foldLetters spells æ, ø and å the ASCII way and drops hyphens.
	foldLetters = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "é", "e", "-", "", "\u2011", "")
	// foldPairs then merges the ASCII spellings of ø and å.
	foldPairs = strings.NewReplacer("oe", "o", "aa", "a")
)

// FoldDanish reduces text to a search key in which the Danish spellings
// of one name meet: "Østergård", "Oestergaard" and "ostergard" fold
// alike, as do "Vallensbæk" and "Vallensbaek". Case and hyphens are
// ignored. Both the text searched and the query must be folded.
func FoldDanish(s string) string {
	return foldPairs.Replace(foldLetters.Replace(strings.ToLower(s)))
}
