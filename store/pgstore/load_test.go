package pgstore_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
	"github.com/vumdk/vum/store/storetest"
)

// The operations of a caseworker's day, with how often each is done.
var dayMix = []struct {
	name   string
	weight int
}{
	{"søg", 30}, {"åbn sag", 30}, {"gem udredning", 25}, {"afgørelse", 10}, {"opfølgninger", 5},
}

// loadResult is what one simulated caseworker did.
type loadResult struct {
	latency map[string][]time.Duration
	// decided maps each acknowledged decision's token to its case;
	// saved counts acknowledged draft saves per case and field.
	decided map[string]string
	saved   map[string]int
	retries int
}

// TestLoad runs simulated caseworkers, each with their own connection as
// from their own machine, doing a day's mix against one database for
// VUM_LOAD_SECONDS (5 by default; the figures in docs/performance.md are
// from 60), then checks that every acknowledged write is stored exactly
// once: each decision with its due entry and audit entry, each draft save
// counted in its field's revision.
func TestLoad(t *testing.T) {
	url := testURL(t)
	seconds := 5
	if v := os.Getenv("VUM_LOAD_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 600 {
			t.Fatalf("VUM_LOAD_SECONDS=%q: give whole seconds, 1 to 600", v)
		}
		seconds = n
	}
	workers := 20
	// VUM_LOAD_PAUSE_MS is a caseworker's pause between operations (0:
	// one after another, as fast as the database answers).
	var pause time.Duration
	if v := os.Getenv("VUM_LOAD_PAUSE_MS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 10000 {
			t.Fatalf("VUM_LOAD_PAUSE_MS=%q: give milliseconds, 0 to 10000", v)
		}
		pause = time.Duration(n) * time.Millisecond
	}
	schema := freshSchema(t, url)
	admin, err := pgstore.Open(url, pgstore.Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	const cases = 400
	ids := make([]string, cases)
	cprs := make([]domain.CPR, cases)
	for i := range ids {
		c, err := admin.Create(storetest.Opening(i), storetest.Assessment())
		if err != nil {
			t.Fatal(err)
		}
		ids[i], cprs[i] = c.ID, c.Citizen.CPR
	}

	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	results := make([]loadResult, workers)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := pgstore.Open(url, pgstore.Options{Schema: schema, MaxConns: 1})
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			r, err := caseworker(s, w, ids, cprs, deadline, pause)
			results[w] = r
			if err != nil {
				errs <- fmt.Errorf("sagsbehandler %d: %w", w, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	all := loadResult{latency: map[string][]time.Duration{}, decided: map[string]string{}, saved: map[string]int{}}
	for _, r := range results {
		for k, v := range r.latency {
			all.latency[k] = append(all.latency[k], v...)
		}
		for k, v := range r.decided {
			all.decided[k] = v
		}
		for k, v := range r.saved {
			all.saved[k] += v
		}
		all.retries += r.retries
	}
	lost, dup := verifyLoad(t, admin, all)
	total := 0
	var lines []string
	for _, m := range dayMix {
		d := all.latency[m.name]
		total += len(d)
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		if len(d) == 0 {
			continue
		}
		lines = append(lines, fmt.Sprintf("%-14s %7d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms", m.name, len(d),
			ms(d[len(d)/2]), ms(d[len(d)*99/100]), ms(d[len(d)-1])))
	}
	t.Logf("pause %v; %d caseworkers, %d s, %d operations (%.0f/s), %d retries after a stale read, %d decisions, %d draft saves; lost %d, duplicated %d\n%s",
		pause, workers, seconds, total, float64(total)/float64(seconds), all.retries, len(all.decided), sum(all.saved), lost, dup, strings.Join(lines, "\n"))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// caseworker does the day's mix on random cases until the deadline. A
// write refused because another wrote first is read again and retried,
// as the screen does.
func caseworker(s *pgstore.Store, w int, ids []string, cprs []domain.CPR, deadline time.Time, pause time.Duration) (loadResult, error) {
	r := loadResult{latency: map[string][]time.Duration{}, decided: map[string]string{}, saved: map[string]int{}}
	rng := rand.New(rand.NewPCG(uint64(w), 17))
	totalWeight := 0
	for _, m := range dayMix {
		totalWeight += m.weight
	}
	n := 0
	for time.Now().Before(deadline) {
		if pause > 0 {
			// Between 0.5 and 1.5 times the pause, so the caseworkers do
			// not move in step.
			time.Sleep(pause/2 + time.Duration(rng.Int64N(int64(pause))))
		}
		n++
		pick := rng.IntN(totalWeight)
		op := dayMix[0].name
		for _, m := range dayMix {
			if pick < m.weight {
				op = m.name
				break
			}
			pick -= m.weight
		}
		i := rng.IntN(len(ids))
		start := time.Now()
		var err error
		switch op {
		case "søg":
			var found []string
			if found, err = s.CasesByCPR(cprs[i]); err == nil {
				_, err = s.SummariesOf(found)
			}
		case "åbn sag":
			_, err = s.Case(ids[i])
		case "gem udredning":
			field := domain.ThemeField("socialt_liv", domain.PartNote)
			for {
				d, _, derr := s.Draft(ids[i])
				if derr != nil {
					return r, derr
				}
				value := fmt.Sprintf("w%d-%d", w, n)
				_, err = s.SaveDraft(ids[i], domain.Reassessment, "besøg-"+strconv.Itoa(w), d.Edits(map[string]string{field: value}))
				var stale *store.StaleError
				if errors.As(err, &stale) {
					r.retries++
					continue
				}
				if err == nil {
					r.saved[ids[i]]++
				}
				break
			}
		case "afgørelse":
			token := fmt.Sprintf("w%d-%d", w, n)
			for {
				c, cerr := s.Case(ids[i])
				if cerr != nil {
					return r, cerr
				}
				d := domain.Decision{Provision: domain.SEL85, Scope: domain.Scope{}.WithAmount(domain.UnitHoursPerWeek, 2),
					Date: domain.NewDate(2026, 11, 2), Reason: token, FollowUpDue: domain.NewDate(2027, time.Month(1+rng.IntN(12)), 1+rng.IntN(28))}
				_, err = s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(d)}})
				var stale *store.StaleError
				if errors.As(err, &stale) {
					r.retries++
					continue
				}
				if err == nil {
					r.decided[token] = c.ID
				}
				break
			}
		case "opfølgninger":
			err = s.DueBefore(domain.NewDate(2027, 3, 1), func(store.Due) bool { return true })
		}
		if err != nil {
			return r, fmt.Errorf("%s: %w", op, err)
		}
		r.latency[op] = append(r.latency[op], time.Since(start))
	}
	return r, nil
}

// verifyLoad checks the database against what the caseworkers were told
// was saved, and returns the writes lost and duplicated.
func verifyLoad(t *testing.T, s *pgstore.Store, r loadResult) (lost, dup int) {
	found := map[string]int{}
	auditGrants := map[string]int{}
	s.Log("", func(e store.AuditEntry) bool {
		if e.Action == domain.EventGrant.Label() {
			auditGrants[e.CaseID]++
		}
		return true
	})
	dueRows := map[string]int{}
	s.DueBefore(domain.NewDate(2099, 1, 1), func(d store.Due) bool {
		dueRows[d.CaseID]++
		return true
	})
	err := s.Export("jsonl", func(ec store.ExportCase) error {
		grants := 0
		for _, e := range ec.Events {
			if e.Kind == domain.EventGrant {
				grants++
				found[e.Decision.Reason]++
				if want := r.decided[e.Decision.Reason]; want != ec.ID {
					t.Errorf("decision %s stored on %s, acknowledged on %q", e.Decision.Reason, ec.ID, want)
				}
			}
		}
		if auditGrants[ec.ID] != grants || dueRows[ec.ID] != grants {
			t.Errorf("case %s: %d decisions, %d audit entries, %d due entries", ec.ID, grants, auditGrants[ec.ID], dueRows[ec.ID])
		}
		revs := 0
		if ec.Draft != nil {
			revs = ec.Draft.Fields[domain.ThemeField("socialt_liv", domain.PartNote)].Rev
		}
		if revs != r.saved[ec.ID] {
			t.Errorf("case %s: draft field at revision %d after %d acknowledged saves", ec.ID, revs, r.saved[ec.ID])
			if revs < r.saved[ec.ID] {
				lost += r.saved[ec.ID] - revs
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for token := range r.decided {
		switch found[token] {
		case 0:
			lost++
			t.Errorf("acknowledged decision %s is not stored", token)
		case 1:
		default:
			dup++
			t.Errorf("decision %s stored %d times", token, found[token])
		}
	}
	for token, n := range found {
		if _, ok := r.decided[token]; !ok {
			t.Errorf("decision %s stored %d times but never acknowledged", token, n)
		}
	}
	return lost, dup
}
