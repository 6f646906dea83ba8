package tui

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

func TestMain(m *testing.M) {
	// Plain output, so golden files are the same on every machine.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	m.Run()
}

// fakeStore keeps cases in memory with predictable ids and times.
type fakeStore struct {
	mu       sync.Mutex
	cases    map[string]store.CaseRecord
	order    []string
	drafts   []string
	saves    int
	failNext error
	clock    time.Time
	access   []store.AccessEntry
}

func (f *fakeStore) LogAccess(e store.AccessEntry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.access = append(f.access, e)
}

// accessLog returns the access entries as "action case detail" lines.
func (f *fakeStore) accessLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, e := range f.access {
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s", e.Action, strings.Join(e.Cases, ","), e.Detail)))
	}
	return out
}

func newFakeStore() *fakeStore {
	return &fakeStore{cases: map[string]store.CaseRecord{}, clock: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
}

func (f *fakeStore) tick() time.Time {
	f.clock = f.clock.Add(time.Minute)
	return f.clock
}

func (f *fakeStore) fail() error {
	err := f.failNext
	f.failNext = nil
	return err
}

func (f *fakeStore) Summaries() ([]store.Summary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.Summary
	for _, id := range f.order {
		r := f.cases[id]
		s := store.Summary{ID: r.ID, Name: r.Case.Citizen.Name, MaskedID: r.Case.Citizen.MaskedID(),
			Municipality: r.Case.Municipality, NextDue: r.FollowUpDue, Updated: r.Updated}
		if r.Decision != nil {
			s.Provision, s.Tier, s.Refused = r.Decision.Provision, r.Decision.Tier, r.Decision.Refused
		}
		out = append(out, s)
	}
	return out, nil
}

func (f *fakeStore) FirstPage(last domain.Date, n int) ([]store.Summary, error) {
	all, _ := f.Summaries()
	var out []store.Summary
	for i, s := range all {
		if i >= len(all)-n || (!s.NextDue.IsZero() && !s.NextDue.After(last)) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeStore) CitizenCases(cpr domain.CPR) ([]store.Summary, error) {
	all, _ := f.Summaries()
	var out []store.Summary
	for _, s := range all {
		if f.cases[s.ID].Case.Citizen.CPR == cpr {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeStore) Case(id string) (store.CaseRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.cases[id]
	if !ok {
		return r, store.ErrNotFound
	}
	return r, nil
}

func (f *fakeStore) History(id string) (store.History, error) {
	r, err := f.Case(id)
	h := store.History{Assessments: []store.AssessmentRecord{{CaseID: id, Assessment: r.Case.Assessment}}}
	if r.Decision != nil {
		h.Decisions = []store.DecisionRecord{{CaseID: id, Decision: *r.Decision}}
	}
	return h, err
}

func (f *fakeStore) AddCase(cf domain.CaseFile) (store.CaseRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail(); err != nil {
		return store.CaseRecord{}, err
	}
	id := fmt.Sprintf("SAG%04d", len(f.order)+1)
	now := f.tick()
	r := store.CaseRecord{ID: id, Case: cf, Created: now, Updated: now, Assessed: store.AssessmentMeta{Recorded: now, Kind: "første"}}
	f.cases[id] = r
	f.order = append(f.order, id)
	return r, nil
}

func (f *fakeStore) UpdateCase(id string, cf domain.CaseFile) (store.CaseRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail(); err != nil {
		return store.CaseRecord{}, err
	}
	r := f.cases[id]
	r.Case, r.Updated = cf, f.tick()
	f.cases[id] = r
	f.saves++
	return r, nil
}

func (f *fakeStore) SavePending(id string, a *domain.Assessment) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.cases[id]
	r.Pending = a
	f.cases[id] = r
	f.saves++
	return nil
}

func (f *fakeStore) Decide(id string, d domain.Decision) (store.DecisionRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.cases[id]
	r.Decision, r.FollowUpDue = &d, d.FollowUpDue
	r.DecisionMeta = &store.DecisionMeta{ID: fmt.Sprintf("AFG%04d", len(f.order)*100+f.saves), Recorded: f.tick()}
	f.saves++
	if d.Refused {
		r.FollowUpDue = domain.Date{}
	}
	f.cases[id] = r
	return store.DecisionRecord{CaseID: id, Decision: d}, nil
}

func (f *fakeStore) CompleteFollowUp(id string, res store.FollowUpResult) (store.FollowUpRecord, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := f.cases[id]
	if res.Reassessment != nil {
		r.Case.Assessment = *res.Reassessment
	}
	r.Pending, r.FollowUpDue = nil, res.Next
	f.cases[id] = r
	return store.FollowUpRecord{CaseID: id, Outcome: res.Outcome, NextDue: res.Next}, nil
}

func (f *fakeStore) RecordDraft(caseID, format, target string) error {
	f.drafts = append(f.drafts, format+" "+target)
	return nil
}

// fakeFiles remembers saved documents.
type fakeFiles struct{ saved map[string][]byte }

func (f *fakeFiles) Save(path string, data []byte) error {
	if f.saved == nil {
		f.saved = map[string][]byte{}
	}
	f.saved[path] = data
	return nil
}

var today = domain.NewDate(2026, 11, 25)

func catalog(t testing.TB) *standards.Catalog {
	t.Helper()
	cat, err := standards.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func newTestModel(t testing.TB, st Store, files Files) Model {
	return New(Config{Store: st, Files: files, Standards: catalog(t), Today: today, SaveDelay: time.Millisecond})
}

// drive feeds messages through the model the way the runtime would: each
// message and everything its commands return is handled before the next
// message (as a caseworker's next key comes after the screen answered).
func drive(t testing.TB, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	for _, msg := range msgs {
		queue := []tea.Msg{msg}
		for steps := 0; len(queue) > 0; steps++ {
			if steps > 1000 {
				t.Fatal("the model never settles")
			}
			next := queue[0]
			queue = queue[1:]
			if isBlink(next) {
				continue
			}
			if batch, ok := next.(tea.BatchMsg); ok {
				for _, c := range batch {
					queue = append(queue, runCmd(c)...)
				}
				continue
			}
			model, cmd := m.Update(next)
			m = model.(Model)
			queue = append(queue, runCmd(cmd)...)
		}
	}
	return m
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	case tea.QuitMsg:
		return nil
	}
	return []tea.Msg{msg}
}

func isBlink(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && strings.Contains(t.PkgPath(), "bubbles/cursor")
}

// keys turns a script into key messages: words in angle brackets are
// special keys (<tab>, <enter>, <ctrl+s>), everything else is typed.
func keys(script ...string) []tea.Msg {
	special := map[string]tea.KeyType{"<tab>": tea.KeyTab, "<shift+tab>": tea.KeyShiftTab, "<enter>": tea.KeyEnter,
		"<esc>": tea.KeyEsc, "<up>": tea.KeyUp, "<down>": tea.KeyDown, "<left>": tea.KeyLeft, "<right>": tea.KeyRight,
		"<ctrl+s>": tea.KeyCtrlS, "<ctrl+n>": tea.KeyCtrlN, "<ctrl+p>": tea.KeyCtrlP, "<ctrl+c>": tea.KeyCtrlC,
		"<backspace>": tea.KeyBackspace, "<pgdown>": tea.KeyPgDown, "<space>": tea.KeySpace, "<ctrl+u>": tea.KeyCtrlU}
	var out []tea.Msg
	for _, s := range script {
		if k, ok := special[s]; ok {
			out = append(out, tea.KeyMsg{Type: k})
			continue
		}
		for _, r := range s {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	return out
}

func resize(w, h int) tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }

// seed adds a decided case to the store.
func seed(t testing.TB, st *fakeStore, name, cpr string, due domain.Date, levels map[string]int) string {
	t.Helper()
	c, _ := domain.ParseCPR(cpr)
	themes := map[string]domain.ThemeAssessment{}
	for slug, l := range levels {
		themes[slug] = domain.ThemeAssessment{Level: l, Note: "Note om " + slug}
	}
	h := 2.5
	rec, _ := st.AddCase(domain.CaseFile{Schema: 1, Municipality: "ishoj",
		Citizen:         domain.Citizen{Name: name, CPR: c, Living: domain.OwnHome},
		ApplicationDate: domain.NewDate(2026, 10, 5),
		Assessment:      domain.Assessment{Themes: themes, SupportHoursPerWeek: &h}, Goals: []string{"Handle ind selv"}})
	if !due.IsZero() {
		st.Decide(rec.ID, domain.Decision{Provision: domain.SEL85, Tier: "moderat", Date: domain.NewDate(2026, 10, 20),
			FollowedSuggestion: true, FollowUpDue: due})
	}
	return rec.ID
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
