package store

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/vumdk/vum/domain"
)

func newSeeded(i int) *rand.Rand { return rand.New(rand.NewSource(int64(i) + 1)) }

// clock is a fake time source that moves one second per call.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)} }

// testClock is shared by every store a test opens, so time never runs
// backwards between two opens of the same file.
var testClock = newClock()

func testOptions() Options {
	return Options{User: "sagsbehandler", Now: testClock.now, Timeout: 500 * time.Millisecond}
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "vum.db")
	s, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// sampleCase returns a valid case number i with a CPR number of its own.
func sampleCase(i int) domain.CaseFile {
	cpr, err := domain.ParseCPR(fmt.Sprintf("%02d%02d%02d-%04d", 1+i%28, 1+i%12, 50+i%40, i%10000))
	if err != nil {
		panic(err)
	}
	hours := 2.5
	return domain.CaseFile{
		Schema: 1, Municipality: "ishoj",
		Citizen:         domain.Citizen{Name: fmt.Sprintf("Borger %d", i), CPR: cpr, Living: domain.OwnHome},
		ApplicationDate: domain.NewDate(2026, 10, 5),
		Assessment: domain.Assessment{
			Themes: map[string]domain.ThemeAssessment{
				"psykisk_funktionsnedsaettelse": {Level: 2, Note: "Angst."},
				"praktiske_opgaver":             {Level: 2},
			},
			SupportHoursPerWeek: &hours,
		},
		Goals: []string{"Handle ind selv"},
	}
}

// addCase stores a case file as a new case with its first assessment.
func addCase(t testing.TB, s *Store, cf domain.CaseFile) domain.Case {
	t.Helper()
	c, err := s.Create(cf.Opening(), cf.FirstAssessment(domain.NewDate(2026, 10, 20)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// exportCase returns case file i as an export line with a fixed id: its
// opening and first assessment, and a grant when i%3 == 0.
func exportCase(i int) ExportCase {
	cf := sampleCase(i)
	at := time.Date(2026, 10, 20, 9, 0, i%60, 0, time.UTC)
	ec := ExportCase{ID: ulid.MustNew(ulid.Timestamp(at), ulid.Monotonic(newSeeded(i), 0)).String(), Created: at,
		Events: []domain.Event{
			{Seq: 1, Kind: domain.EventOpened, Recorded: at, User: "import", Opening: &domain.Opening{Municipality: cf.Municipality, Citizen: cf.Citizen, ApplicationDate: cf.ApplicationDate}},
			{Seq: 2, Kind: domain.EventAssessment, Recorded: at, User: "import", Assessment: cf.FirstAssessment(domain.NewDate(2026, 10, 20))},
		}}
	if i%3 == 0 {
		d := decision(domain.NewDate(2027, time.Month(1+i%12), 1+i%28))
		ec.Events = append(ec.Events, domain.Event{Seq: 3, Kind: domain.EventGrant, Grant: "b1", Recorded: at, User: "import", Decision: &d})
	}
	return ec
}

func decision(due domain.Date) domain.Decision {
	return domain.Decision{Provision: domain.SEL85, Tier: "moderat", Date: domain.NewDate(2026, 11, 25),
		FollowedSuggestion: true, SuggestedProvision: domain.SEL85, SuggestedTier: "moderat",
		FollowUpDue: due, FollowUpFromStandard: true}
}
