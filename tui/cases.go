package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// dueHorizon is how many days ahead the start screen marks follow-ups.
const dueHorizon = 30

type casesKeys struct {
	Up, Down, PageUp, PageDown, Open, New, Filter, ClearFilter, DueOnly, Refresh key.Binding
}

func newCasesKeys() casesKeys {
	return casesKeys{
		Up:          binding([]string{"up", "k"}, "↑/k", "op"),
		Down:        binding([]string{"down", "j"}, "↓/j", "ned"),
		PageUp:      binding([]string{"pgup"}, "pgup", "side op"),
		PageDown:    binding([]string{"pgdown"}, "pgdn", "side ned"),
		Open:        binding([]string{"enter"}, "enter", "åbn sag"),
		New:         binding([]string{"n"}, "n", "ny sag"),
		Filter:      binding([]string{"/"}, "/", "søg"),
		ClearFilter: binding([]string{"esc"}, "esc", "ryd søgningen og filteret"),
		DueOnly:     binding([]string{"f"}, "f", "kun opfølgninger"),
		Refresh:     binding([]string{"r"}, "r", "opdatér"),
	}
}

// caseRow is a summary with what the list needs precomputed once.
type caseRow struct {
	sum    store.Summary
	search string // folded text the filter matches against (domain.FoldDanish)
	label  string // provision as shown
	muni   string // municipality as shown
	soon   bool   // a follow-up is due within the horizon: listed first
	order  int64  // then by due date, or newest first
}

// casesModel is the start screen: every case, follow-ups due soon first,
// with a filter that narrows the list as the caseworker types.
type casesModel struct {
	c       *common
	keys    casesKeys
	rows    []caseRow
	texts   []string // the rows' search texts, side by side for the search
	visible []int    // indexes into rows after filtering
	cursor  int
	offset  int
	filter  textinput.Model
	typing  bool
	dueOnly bool
	loading bool // the full list is still being read
	partial bool // rows hold only the first page
	status  string
	// cprMatch holds the cases found for a full CPR number in the filter.
	cprMatch map[string]bool
	// others tells of the citizen's cases in other units, for a full
	// CPR number in the filter.
	others string
	// search keeps recent results of the filter (shared by the copies
	// of the model).
	search *filterCache
	// scan is the search still going through the rows after the first
	// part a keystroke scanned itself (nil when none); scanGen tells its
	// result from one of an earlier search.
	scan    *filterScan
	scanGen uint64
	// overdue and soon count the rows' follow-ups, once per list read.
	overdue, soon int
}

func newCasesModel(c *common) casesModel {
	f := newInput("navn, CPR, kommune eller ydelse", 60, 40)
	f.Prompt = "Søg: "
	return casesModel{c: c, keys: newCasesKeys(), filter: f, loading: true}
}

// casesLoadedMsg carries summaries read from the store; partial is the
// first page, shown while the rest is read.
type casesLoadedMsg struct {
	rows    []caseRow
	partial bool
}

// firstPageSize is how many of the newest cases the first frame reads.
const firstPageSize = 100

// Init reads the first page and everything else at the same time: the
// first frame shows at once whatever the number of cases, and the full
// list (for scrolling and search) follows.
func (m casesModel) Init() tea.Cmd {
	c := m.c
	first := func() tea.Msg {
		sums, err := c.store.FirstPage(c.today.AddDays(dueHorizon), firstPageSize)
		if err != nil {
			return errMsg{err}
		}
		c.store.LogAccess(store.AccessEntry{Action: store.AccessList, All: true, Detail: "skærmbilledet sager"})
		return casesLoadedMsg{rows: buildRows(c, sums), partial: true}
	}
	all := func() tea.Msg {
		sums, err := c.store.Summaries()
		if err != nil {
			return errMsg{err}
		}
		return casesLoadedMsg{rows: buildRows(c, sums)}
	}
	return tea.Batch(first, all)
}

// buildRows precomputes the search text and sorts: follow-ups due within
// the horizon first (overdue at the top), then the rest, newest first.
// Labels and municipality names repeat, so they are made once each.
func buildRows(c *common, sums []store.Summary) []caseRow {
	rows := make([]caseRow, len(sums))
	labels := map[string]string{}
	munis := map[string]string{}
	horizon := c.today.AddDays(dueHorizon)
	var sb strings.Builder
	for i, s := range sums {
		lk := string(s.Provision) + "/" + s.Tier + "/" + strconv.FormatBool(s.Refused) + "/" + strconv.Itoa(len(s.Active))
		label, ok := labels[lk]
		if !ok {
			label = provisionLabel(s.Provision, s.Tier, s.Refused)
			if n := len(s.Active); n > 1 {
				label += fmt.Sprintf(" +%d", n-1) // the case's other grants
			}
			labels[lk] = label
		}
		muni, ok := munis[s.Municipality]
		if !ok {
			muni = c.shortMunicipality(s.Municipality)
			munis[s.Municipality] = muni
		}
		sb.Reset()
		for _, part := range [...]string{s.Name, s.MaskedID, muni, label, s.ID} {
			sb.WriteString(part)
			sb.WriteByte(' ')
		}
		rows[i] = caseRow{sum: s, label: label, search: domain.FoldDanish(sb.String()), muni: muni}
		if !s.NextDue.IsZero() && !s.NextDue.After(horizon) {
			rows[i].soon, rows[i].order = true, s.NextDue.Time().Unix() // due soon: by date
		} else {
			rows[i].order = -s.Updated.UnixNano() // the rest: newest first
		}
	}
	slices.SortStableFunc(rows, func(a, b caseRow) int {
		if a.soon != b.soon {
			if a.soon {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.order, b.order)
	})
	packSearch(rows)
	return rows
}

// searchTexts returns the rows' search texts side by side: a search
// reads 16 bytes a row instead of the whole row.
func searchTexts(rows []caseRow) []string {
	out := make([]string, len(rows))
	for i := range rows {
		out[i] = rows[i].search
	}
	return out
}

// packSearch moves the rows' search texts into one string, in list
// order, so a search reads them from consecutive memory instead of from
// a million places: several times faster at that size.
func packSearch(rows []caseRow) {
	n := 0
	for i := range rows {
		n += len(rows[i].search)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i := range rows {
		sb.WriteString(rows[i].search)
	}
	all := sb.String()
	at := 0
	for i := range rows {
		end := at + len(rows[i].search)
		rows[i].search = all[at:end]
		at = end
	}
}

func provisionLabel(p domain.ProvisionID, tier string, refused bool) string {
	if p == "" {
		return "ikke afgjort"
	}
	law, _ := domain.LookupProvision(p)
	label := law.Section
	if p == domain.SEL107Relief {
		label = "aflastning"
	}
	if tier != "" {
		label += " " + tier
	}
	if refused {
		label = "afslag " + label
	}
	return label
}

func (m casesModel) Update(msg tea.Msg) (casesModel, tea.Cmd) {
	switch msg := msg.(type) {
	case cprMatchMsg:
		if msg.query == strings.TrimSpace(m.filter.Value()) {
			m.cprMatch, m.others = msg.ids, msg.others
			return m, m.applyFilter()
		}
		return m, nil
	case filterDoneMsg:
		m.finishScan(msg)
		return m, nil
	case casesLoadedMsg:
		if msg.partial && !m.loading {
			return m, nil // the full list came first
		}
		selected := m.selectedID()
		m.rows, m.partial, m.loading = msg.rows, msg.partial, msg.partial
		m.texts = searchTexts(m.rows)
		m.overdue, m.soon = m.countDue()
		cmd := m.applyFilter()
		m.selectID(selected)
		return m, cmd
	case tea.KeyMsg:
		if m.typing {
			return m.updateFilter(msg)
		}
		return m.updateList(msg)
	}
	return m, nil
}

func (m casesModel) updateFilter(msg tea.KeyMsg) (casesModel, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.typing = false
		m.filter.Blur()
		m.filter.SetValue("")
		return m, m.applyFilter()
	case "enter", "down", "up":
		m.typing = false
		m.filter.Blur()
		if msg.String() == "enter" {
			return m.open()
		}
		return m.updateList(msg)
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	return m, tea.Batch(cmd, m.applyFilter(), m.cprSearch())
}

// cprMatchMsg carries the cases found for a full CPR number typed in the
// search field.
type cprMatchMsg struct {
	query string
	ids   map[string]bool
	// others tells of the citizen's cases in units the caseworker may
	// not see ("" when none).
	others string
}

// cprSearch looks a full CPR number up in the store: lists show only the
// masked number, so the match cannot come from the list itself.
func (m casesModel) cprSearch() tea.Cmd {
	query := strings.TrimSpace(m.filter.Value())
	cpr, err := domain.ParseCPR(query)
	if err != nil {
		return nil
	}
	st := m.c.store
	return func() tea.Msg {
		sums, err := st.CitizenCases(cpr)
		if err != nil {
			return errMsg{err}
		}
		others, err := st.OtherUnits(cpr)
		if err != nil {
			return errMsg{err}
		}
		logSearch(st, sums, "søgning på fuldt CPR-nummer"+othersDetail(others))
		ids := map[string]bool{}
		for _, s := range sums {
			ids[s.ID] = true
		}
		return cprMatchMsg{query: query, ids: ids, others: store.DescribeOtherUnits(others)}
	}
}

// othersDetail is what the access log notes of the other units a search
// by CPR number told of.
func othersDetail(units []store.OtherUnit) string {
	if len(units) == 0 {
		return ""
	}
	var where []string
	for _, u := range units {
		where = append(where, fmt.Sprintf("%s (%d)", u.Unit, u.Cases))
	}
	return "; sager i andre enheder: " + strings.Join(where, ", ")
}

// logSearch notes a search by CPR number and the cases it found.
func logSearch(st Store, found []store.Summary, detail string) {
	ids := make([]string, len(found))
	for i, s := range found {
		ids[i] = s.ID
	}
	st.LogAccess(store.AccessEntry{Action: store.AccessSearch, Cases: ids, Detail: detail})
}

func (m casesModel) updateList(msg tea.KeyMsg) (casesModel, tea.Cmd) {
	page := max(1, m.listHeight(m.c.height)-1)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.move(-page)
	case key.Matches(msg, m.keys.PageDown):
		m.move(page)
	case key.Matches(msg, m.keys.Open):
		return m.open()
	case key.Matches(msg, m.keys.New):
		return m, send(newCaseMsg{})
	case key.Matches(msg, m.keys.Filter):
		m.typing = true
		return m, m.filter.Focus()
	case key.Matches(msg, m.keys.Refresh):
		m.loading = true
		return m, m.Init()
	case key.Matches(msg, m.keys.DueOnly):
		m.dueOnly = !m.dueOnly
		return m, m.applyFilter()
	case key.Matches(msg, m.keys.ClearFilter) && m.narrowed() != "":
		m.filter.SetValue("")
		m.dueOnly = false
		return m, m.applyFilter()
	}
	return m, nil
}

func (m casesModel) open() (casesModel, tea.Cmd) {
	if len(m.visible) == 0 {
		return m, nil
	}
	return m, send(openCaseMsg{id: m.rows[m.visible[m.cursor]].sum.ID})
}

func (m casesModel) selectedID() string {
	if len(m.visible) == 0 {
		return ""
	}
	return m.rows[m.visible[m.cursor]].sum.ID
}

// selectID keeps the cursor on the same case when the list is replaced.
func (m *casesModel) selectID(id string) {
	for i, r := range m.visible {
		if m.rows[r].sum.ID == id {
			m.cursor = i
			m.offset = m.scroll(m.listHeight(m.c.height - 2))
			return
		}
	}
}

func (m *casesModel) move(delta int) {
	m.cursor = max(0, min(len(m.visible)-1, m.cursor+delta))
	// Keep the window where it is unless the cursor leaves it; View
	// clamps again with the exact height.
	m.offset = m.scroll(m.listHeight(m.c.height - 2))
}

// applyFilter narrows the rows to those matching every word typed, with
// Danish spellings folded (Ostergaard finds Østergård). It scans
// precomputed folded text. A keystroke scans at most scanPerKey rows
// itself, in list order, so the first page of results shows at once
// whatever the number of cases; the command it returns scans the rest in
// the background and sends the whole result (filterDoneMsg), which only
// adds rows after those shown.
func (m *casesModel) applyFilter() tea.Cmd {
	words := strings.Fields(domain.FoldDanish(m.filter.Value()))
	if _, err := domain.ParseCPR(m.filter.Value()); err == nil {
		words = nil // a full CPR number: the store's lookup decides
	} else {
		m.cprMatch, m.others = nil, ""
	}
	if m.scan != nil {
		m.scan.stop.Store(true) // a search still running is outdated
		m.scan = nil
	}
	m.cursor, m.offset = 0, 0
	sc := &filterScan{rows: m.rows, texts: m.texts, words: words, dueOnly: m.dueOnly,
		horizon: m.c.today.AddDays(dueHorizon), cprMatch: m.cprMatch}
	if m.cprMatch == nil && len(m.rows) > 0 {
		if m.search == nil {
			m.search = &filterCache{}
		}
		sc.key = filterKey{rows: &m.rows[0], n: len(m.rows), dueOnly: m.dueOnly}
		sc.cache = m.search
		cand, exact := m.search.candidates(sc.key, words)
		if exact {
			m.visible = cand
			return nil
		}
		sc.among = cand
	}
	first := sc.run(0, min(sc.len(), scanPerKey))
	if sc.len() <= scanPerKey {
		sc.done(first)
		m.visible = first
		return nil
	}
	m.visible = first
	m.scanGen++
	m.scan = sc
	gen := m.scanGen
	return func() tea.Msg {
		rest := sc.run(scanPerKey, sc.len())
		if sc.stop.Load() {
			return nil
		}
		return filterDoneMsg{gen: gen, rest: rest}
	}
}

// scanPerKey is how many rows a keystroke scans before it answers; the
// rest are scanned in the background. A few milliseconds' work.
var scanPerKey = 20_000

// filterDoneMsg carries the matches of a search beyond the rows the
// keystroke scanned itself.
type filterDoneMsg struct {
	gen  uint64
	rest []int
}

// finishScan adds the background part of the current search's result.
func (m *casesModel) finishScan(msg filterDoneMsg) {
	if m.scan == nil || msg.gen != m.scanGen {
		return // an earlier search's
	}
	all := make([]int, 0, len(m.visible)+len(msg.rest))
	all = append(append(all, m.visible...), msg.rest...)
	m.scan.done(all)
	m.visible, m.scan = all, nil
}

// Searching reports whether a search is still scanning in the
// background.
func (m casesModel) Searching() bool { return m.scan != nil }

// filterScan is one search over the rows. It reads only what it was
// given, so its background part may run beside the screen.
type filterScan struct {
	rows     []caseRow
	texts    []string // rows[i].search, read without touching the rows
	among    []int    // the rows to search among (nil: all)
	words    []string
	dueOnly  bool
	horizon  domain.Date
	cprMatch map[string]bool
	cache    *filterCache // where the whole result goes (nil: nowhere)
	key      filterKey
	stop     atomic.Bool
}

func (sc *filterScan) len() int {
	if sc.among != nil {
		return len(sc.among)
	}
	return len(sc.rows)
}

// run returns the matching rows among positions from to to, in order.
func (sc *filterScan) run(from, to int) []int {
	var out []int
	for k := from; k < to; k++ {
		if k&4095 == 0 && sc.stop.Load() {
			return nil
		}
		i := k
		if sc.among != nil {
			i = sc.among[k]
		}
		if !matchesAll(sc.texts[i], sc.words) {
			continue
		}
		if sc.dueOnly || sc.cprMatch != nil {
			r := &sc.rows[i]
			if sc.dueOnly && (r.sum.NextDue.IsZero() || r.sum.NextDue.After(sc.horizon)) {
				continue
			}
			if sc.cprMatch != nil && !sc.cprMatch[r.sum.ID] {
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

// done keeps a whole result for the searches that follow.
func (sc *filterScan) done(visible []int) {
	if sc.cache != nil {
		sc.cache.add(sc.words, visible)
	}
}

func matchesAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// counts returns how many cases are overdue and due within the horizon,
// as counted when the rows were read.
func (m casesModel) counts() (overdue, soon int) { return m.overdue, m.soon }

func (m casesModel) countDue() (overdue, soon int) {
	horizon := m.c.today.AddDays(dueHorizon)
	for _, r := range m.rows {
		due := r.sum.NextDue
		switch {
		case due.IsZero():
		case due.Before(m.c.today):
			overdue++
		case !due.After(horizon):
			soon++
		}
	}
	return overdue, soon
}

func (m casesModel) Typing() bool    { return m.typing }
func (m casesModel) Flush() error    { return nil }
func (m casesModel) Unsaved() string { return "" }

// narrowed names what narrows the list, in the words the screen and the
// help use for it: "søgningen", "filteret", both, or "" for nothing.
func (m casesModel) narrowed() string {
	search, due := strings.TrimSpace(m.filter.Value()) != "", m.dueOnly
	switch {
	case search && due:
		return "søgningen og filteret"
	case search:
		return "søgningen"
	case due:
		return "filteret"
	}
	return ""
}

// clearKey is esc with what it clears now; nil when nothing is narrowed.
func (m casesModel) clearKey() []key.Binding {
	what := m.narrowed()
	if what == "" {
		return nil
	}
	return []key.Binding{binding([]string{"esc"}, "esc", "ryd "+what)}
}

func (m casesModel) ShortHelp() []key.Binding {
	if m.typing {
		return []key.Binding{binding([]string{"enter"}, "enter", "åbn"), binding([]string{"esc"}, "esc", "ryd søgningen")}
	}
	// When the list is narrowed, esc (what clears it) comes first.
	return append(m.clearKey(), m.keys.Open, m.keys.New, m.keys.Filter, m.keys.DueOnly)
}

func (m casesModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}, {m.keys.Open, m.keys.New, m.keys.Refresh},
		append([]key.Binding{m.keys.Filter, m.keys.DueOnly}, m.clearKey()...)}
}

// Legend explains the marks in the list.
func (m casesModel) Legend() string {
	return fmt.Sprintf("> valgt sag · ! opfølgning forfalden · • opfølgning inden for %d dage", dueHorizon)
}

// listHeight is the number of rows that fit.
func (m casesModel) listHeight(height int) int {
	return max(1, height-6)
}

func (m casesModel) statusLine() string {
	if m.loading && len(m.rows) == 0 {
		return "Indlæser sager …"
	}
	if m.loading {
		return fmt.Sprintf("viser %s · indlæser resten …", thousands(len(m.rows)))
	}
	overdue, soon := m.counts()
	text := fmt.Sprintf("%s · %s · %d inden for %d dage", plural(len(m.rows), "sag", "sager"),
		plural(overdue, "forfalden", "forfaldne"), soon, dueHorizon)
	switch {
	case m.scan != nil:
		text += fmt.Sprintf(" · viser %s · søger videre …", thousands(len(m.visible)))
	case len(m.visible) != len(m.rows):
		text += fmt.Sprintf(" · viser %s", thousands(len(m.visible)))
	}
	return text
}
