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
	time.Local = time.UTC // histories show local times
	m.Run()
}

// fakeStore keeps case histories and drafts in memory with predictable
// ids and times, checking versions and draft revisions as the store does.
type fakeStore struct {
	mu       sync.Mutex
	cases    map[string]domain.Case
	draftsOf map[string]domain.Draft
	order    []string
	drafts   []string
	visits   []string // one entry per interview visit, as the audit trail
	saves    int
	failNext error
	clock    time.Time
	access   []store.AccessEntry
	// others are the cases in other units, by CPR number.
	others map[domain.CPR][]store.OtherUnit
}

func (f *fakeStore) OtherUnits(cpr domain.CPR) ([]store.OtherUnit, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.others[cpr], nil
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
	return &fakeStore{cases: map[string]domain.Case{}, draftsOf: map[string]domain.Draft{},
		clock: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
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

func summaryOf(c domain.Case) store.Summary {
	s := store.Summary{ID: c.ID, Name: c.Citizen.Name, MaskedID: c.Citizen.MaskedID(), Municipality: c.Municipality,
		Decided: c.Decided(), Version: c.Version}
	if n := len(c.Events); n > 0 {
		s.Updated = c.Events[n-1].Recorded
	}
	for _, g := range c.Active() {
		s.Active = append(s.Active, g.Provision)
	}
	due, p := c.NextDue()
	s.NextDue = due
	for i := len(c.Events) - 1; i >= 0; i-- {
		if d := c.Events[i].Decision; d != nil {
			s.Provision, s.Tier, s.Refused = d.Provision, d.Tier, d.Refused
			break
		}
	}
	for _, g := range c.Active() {
		if !due.IsZero() && g.FollowUpDue.Equal(due) && g.Provision == p {
			s.Provision, s.Tier, s.Refused = g.Provision, g.Tier, false
			break
		}
	}
	return s
}

func (f *fakeStore) Summaries() ([]store.Summary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.Summary
	for _, id := range f.order {
		out = append(out, summaryOf(f.cases[id]))
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
		if f.cases[s.ID].Citizen.CPR == cpr {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeStore) Case(id string) (domain.Case, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.cases[id]
	if !ok {
		return c, store.ErrNotFound
	}
	return c, nil
}

func (f *fakeStore) Create(o domain.Opening, a *domain.AssessmentEvent) (domain.Case, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail(); err != nil {
		return domain.Case{}, err
	}
	id := fmt.Sprintf("SAG%04d", len(f.order)+1)
	c := domain.Case{ID: id}
	events := []domain.Event{{Kind: domain.EventOpened, Opening: &o}}
	if a != nil {
		events = append(events, domain.Event{Kind: domain.EventAssessment, Assessment: a})
	}
	if err := f.apply(&c, events); err != nil {
		return c, err
	}
	f.cases[id] = c
	f.order = append(f.order, id)
	return c, nil
}

func (f *fakeStore) apply(c *domain.Case, events []domain.Event) error {
	for _, e := range events {
		e.Seq, e.Recorded, e.User = c.Version+1, f.tick(), "sagsbehandler"
		if err := c.Apply(e); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeStore) Append(id string, ch store.Change) (domain.Case, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail(); err != nil {
		return domain.Case{}, err
	}
	c, ok := f.cases[id]
	if !ok {
		return c, store.ErrNotFound
	}
	if ch.Version != c.Version {
		return c, &store.StaleError{CaseID: id, Read: ch.Version, Current: c.Version, Since: c.Events[min(ch.Version, len(c.Events)):]}
	}
	next := c
	if err := f.apply(&next, ch.Events); err != nil {
		return c, err
	}
	f.cases[id] = next
	if ch.DropDraft {
		delete(f.draftsOf, id)
	}
	f.saves++
	return next, nil
}

func (f *fakeStore) Delete(id string, version int, reason string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.cases, id)
	for i, o := range f.order {
		if o == id {
			f.order = append(f.order[:i:i], f.order[i+1:]...)
			break
		}
	}
	return nil
}

func (f *fakeStore) Draft(id string) (domain.Draft, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.draftsOf[id]
	return cloneDraft(d), ok, nil
}

func cloneDraft(d domain.Draft) domain.Draft {
	fields := make(map[string]domain.DraftField, len(d.Fields))
	for k, v := range d.Fields {
		fields[k] = v
	}
	d.Fields = fields
	return d
}

func (f *fakeStore) SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail(); err != nil {
		return domain.Draft{}, err
	}
	if _, ok := f.cases[id]; !ok {
		return domain.Draft{}, store.ErrNotFound
	}
	d, ok := f.draftsOf[id]
	if !ok {
		d = domain.Draft{Kind: kind}
	}
	d = cloneDraft(d)
	if conflicts := d.Apply(edits); conflicts != nil {
		return domain.Draft{}, &store.StaleError{CaseID: id, Fields: conflicts}
	}
	if d.Visit != visit {
		f.visits = append(f.visits, visit)
	}
	d.Visit = visit
	f.draftsOf[id] = d
	f.saves++
	return cloneDraft(d), nil
}

func (f *fakeStore) DiscardDraft(id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.draftsOf, id)
	return nil
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

// newTestModel is the screen of a caseworker who has set a profile; the
// first-use question for it has its own test.
func newTestModel(t testing.TB, st Store, files Files) Model {
	return New(Config{Store: st, Files: files, Standards: catalog(t), Today: today, SaveDelay: time.Millisecond,
		Settings: &memorySettings{profile: testProfile}})
}

var testProfile = domain.Profile{Name: "Lone Madsen", Title: "Socialrådgiver", Phone: "43 57 70 00", Email: "lone.madsen@ishoj.example"}

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
		"<backspace>": tea.KeyBackspace, "<pgdown>": tea.KeyPgDown, "<space>": tea.KeySpace, "<ctrl+u>": tea.KeyCtrlU, "<ctrl+r>": tea.KeyCtrlR, "<ctrl+g>": tea.KeyCtrlG}
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

// seed adds a case with its first assessment to the store, and a § 85
// grant with a follow-up on due unless due is zero.
func seed(t testing.TB, st *fakeStore, name, cpr string, due domain.Date, levels map[string]int) string {
	t.Helper()
	c, _ := domain.ParseCPR(cpr)
	themes := map[string]domain.ThemeAssessment{}
	for slug, l := range levels {
		themes[slug] = domain.ThemeAssessment{Level: l, Note: "Note om " + slug}
	}
	h := 2.5
	o := domain.Opening{Municipality: "ishoj", Citizen: domain.Citizen{Name: name, CPR: c, Living: domain.OwnHome},
		ApplicationDate: domain.NewDate(2026, 10, 5)}
	a := &domain.AssessmentEvent{Date: domain.NewDate(2026, 10, 15), Kind: domain.FirstAssessment,
		Assessment: domain.Assessment{Themes: themes, SupportHoursPerWeek: &h}, Goals: []string{"Handle ind selv"}}
	cas, err := st.Create(o, a)
	if err != nil {
		t.Fatal(err)
	}
	if !due.IsZero() {
		d := domain.Decision{Provision: domain.SEL85, Tier: "moderat", Scope: domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, 2.5),
			Date: domain.NewDate(2026, 10, 20), FollowedSuggestion: true, SuggestionRole: "primary", FollowUpDue: due}
		if _, err := st.Append(cas.ID, store.Change{Version: cas.Version, Events: []domain.Event{cas.GrantEvent(d)}}); err != nil {
			t.Fatal(err)
		}
	}
	return cas.ID
}

func sortedKeys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
