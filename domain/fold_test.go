package domain

import "testing"

func TestFoldDanish(t *testing.T) {
	same := [][]string{
		{"Østergård", "Ostergaard", "oestergaard", "OSTERGARD", "Oster-gaard"},
		{"Vallensbæk", "vallensbaek", "VALLENSBÆK"},
		{"Søren Kjær-Hansen", "soren kjaerhansen", "Soeren Kjaer-Hansen"},
		{"Åse", "Aase", "ase"},
	}
	for _, group := range same {
		want := FoldDanish(group[0])
		for _, s := range group[1:] {
			if got := FoldDanish(s); got != want {
				t.Errorf("FoldDanish(%q) = %q, want %q (as %q)", s, got, want, group[0])
			}
		}
	}
	if FoldDanish("Holm") == FoldDanish("Helm") {
		t.Error("different names fold alike")
	}
}
