package standards

import (
	"testing"

	"github.com/vumdk/vum/domain"
)

func BenchmarkEmbeddedLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	cat := catalog(b)
	cf := caseOf("ishoj", domain.WithFamily, map[string]int{
		"psykisk_funktionsnedsaettelse": 4, "egenomsorg": 3, "kommunikation": 3, "samfundsliv": 3, "socialt_liv": 2,
	})
	cf.Assessment.RelativesNeedRelief = true
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cat.Suggest(cf); err != nil {
			b.Fatal(err)
		}
	}
}
