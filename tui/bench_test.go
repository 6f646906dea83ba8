package tui

import (
	"fmt"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// BenchmarkInterviewView renders the interview at 120x40 (target < 2 ms).
func BenchmarkInterviewView(b *testing.B) {
	st := newFakeStore()
	id := seed(b, st, "Mette Hansen", "150391-1234", domain.Date{}, map[string]int{"psykisk_funktionsnedsaettelse": 2, "socialt_liv": 3})
	r, _ := st.Case(id)
	m := drive(b, newTestModel(b, st, nil), resize(120, 40), interviewMsg{cas: r, kind: domain.FirstAssessment})
	m = drive(b, m, keys("<ctrl+n>", "<tab>", "Borgeren fortæller om sin hverdag og sine ønsker.")...)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// summaries makes n case summaries, a few hundred of them due soon.
func summaries(n int) []store.Summary {
	out := make([]store.Summary, n)
	first := []string{"Mette", "Lars", "Peter", "Sara", "Jonas", "Anne", "Søren", "Åse"}
	last := []string{"Hansen", "Holm", "Krogh", "Nielsen", "Berg", "Jensen", "Østergaard", "Bæk"}
	for i := range out {
		out[i] = store.Summary{ID: fmt.Sprintf("01J%023d", i), Name: first[i%8] + " " + last[(i/8)%8] + fmt.Sprint(i),
			MaskedID: fmt.Sprintf("%02d%02d%02d-xxxx", 1+i%28, 1+i%12, i%100), Municipality: []string{"ishoj", "gentofte", "ballerup", "vallensbaek"}[i%4],
			Provision: domain.SEL85, Tier: "moderat", NextDue: today.AddDays(i%700 - 20), Updated: time.Unix(int64(i), 0)}
	}
	return out
}

// BenchmarkStartScreenFirstFrame builds and renders the first frame from
// a first page as the store gives it at 100,000 cases: the follow-ups due
// within 30 days (a few hundred) and the 100 newest. Reading that page is
// measured in cmd/vum (BenchmarkFirstPage); the full list follows in the
// background.
func BenchmarkStartScreenFirstFrame(b *testing.B) {
	sums := summaries(100_000)
	var page []store.Summary
	for i, s := range sums {
		if i >= len(sums)-firstPageSize || !s.NextDue.After(today.AddDays(dueHorizon)) {
			page = append(page, s)
		}
	}
	b.ReportMetric(float64(len(page)), "rows")
	m := drive(b, newTestModel(b, newFakeStore(), nil), resize(80, 24))
	b.ResetTimer()
	for b.Loop() {
		next, _ := m.Update(casesLoadedMsg{rows: buildRows(m.c, page), partial: true})
		_ = next.(Model).View()
	}
}

// BenchmarkStartScreenFullList builds the whole list of 100,000 cases for
// scrolling and search; it runs in the background after the first frame.
func BenchmarkStartScreenFullList(b *testing.B) {
	sums := summaries(100_000)
	m := drive(b, newTestModel(b, newFakeStore(), nil), resize(80, 24))
	b.ResetTimer()
	for b.Loop() {
		_ = buildRows(m.c, sums)
	}
}

// BenchmarkFilterKeystroke is one keystroke in the start screen's filter
// at 100,000 cases, view included (target < 16 ms).
func BenchmarkFilterKeystroke(b *testing.B) {
	m := drive(b, newTestModel(b, newFakeStore(), nil), resize(80, 24))
	m = drive(b, m, casesLoadedMsg{rows: buildRows(m.c, summaries(100_000))})
	m = drive(b, m, keys("/", "hanse")...)
	strokes := keys("n", "<backspace>")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		next, _ := m.Update(strokes[i%2])
		m = next.(Model)
		_ = m.View()
		i++
	}
}
