package store

import (
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/vumdk/vum/domain"
)

// The benchmarks below run on stores of realistic cases (about 1.7 KB per
// stored case, like vumgen's) in which exactly benchDue follow-ups fall
// within benchWindow days of benchToday, whatever the store's size. The
// stores are built on first use, only under -bench, once per test process,
// in a temporary folder that TestMain removes.

var benchToday = domain.NewDate(2026, 11, 25)

const (
	benchDue    = 200
	benchWindow = 30
)

// benchRecords yields n generated cases, deterministic, of which exactly
// due have a follow-up within benchWindow days of benchToday (some a
// little overdue); every other follow-up lies beyond the window.
func benchRecords(n, due int) iter.Seq2[ImportRecord, error] {
	return func(yield func(ImportRecord, error) bool) {
		rnd := rand.New(rand.NewPCG(uint64(n), uint64(due)))
		for i := range n {
			cf := benchCase(rnd)
			var d *domain.Decision
			inWindow := (i+1)*due/n != i*due/n
			switch roll := rnd.IntN(100); {
			case inWindow:
				dec := benchDecision(rnd, cf, benchToday.AddDays(rnd.IntN(benchWindow+10)-10))
				d = &dec
			case roll < 5: // still open
			case roll < 8:
				dec := benchDecision(rnd, cf, domain.Date{})
				dec.Refused, dec.Reason, dec.FollowUpDue = true, "Behovet kan dækkes af et mindre indgribende tilbud.", domain.Date{}
				d = &dec
			default:
				dec := benchDecision(rnd, cf, benchToday.AddDays(benchWindow+1+rnd.IntN(700)))
				d = &dec
			}
			r := ImportRecord{Line: i + 1, Case: benchExport(rnd, i, cf, d)}
			if !yield(r, nil) {
				return
			}
		}
	}
}

var (
	benchFirst  = []string{"Mette", "Lars", "Sara", "Ahmad", "Birgit", "Jonas", "Fatima", "Henrik", "Ida", "Mikkel", "Aisha", "Søren"}
	benchLast   = []string{"Hansen", "Jensen", "Nielsen", "Højgaard", "Pedersen", "Olsen", "Yilmaz", "Kristensen", "Madsen", "Ali"}
	benchThemes = []string{"fysisk_funktionsnedsaettelse", "psykisk_funktionsnedsaettelse", "socialt_problem", "praktiske_opgaver",
		"samfundsliv", "socialt_liv", "sundhed", "kommunikation", "mobilitet", "egenomsorg", "omgivelser"}
	benchNotes = []string{
		"Angst og depression; i behandling. Har brug for støtte et par gange om ugen.",
		"Indkøb, madlavning og rengøring. Klarer det selv uden besvær.",
		"Lille netværk og ensomhed. Har brug for støtte et par gange om ugen.",
		"Personlig hygiejne og måltider. Har brug for en påmindelse i perioder.",
		"Medicin og lægeaftaler. Har brug for hjælp til at holde styr på aftalerne.",
		"Boligen og de pårørendes hjælp. Har brug for støtte et par gange om ugen.",
	}
	benchViews = []string{"Jeg vil gerne klare mere selv.", "Det går fint, synes jeg.", "Jeg tør ikke gå ud alene."}
	benchGoals = []string{"Kunne handle ind selv", "Få styr på økonomien", "Komme i gang med et dagtilbud", "Have en fast døgnrytme"}
	benchMuni  = []string{"ishoj", "vallensbaek", "gentofte", "ballerup"}
)

func benchCase(rnd *rand.Rand) domain.CaseFile {
	applied := benchToday.AddDays(-1 - rnd.IntN(730))
	citizen := domain.Citizen{Name: benchFirst[rnd.IntN(len(benchFirst))] + " " + benchLast[rnd.IntN(len(benchLast))], Living: domain.OwnHome}
	if rnd.IntN(10) > 0 {
		cpr, err := domain.ParseCPR(fmt.Sprintf("%02d%02d%02d-%d%03d", 1+rnd.IntN(28), 1+rnd.IntN(12), 50+rnd.IntN(50), rnd.IntN(4), rnd.IntN(1000)))
		if err != nil {
			panic(err)
		}
		citizen.CPR = cpr
	} else {
		citizen.BirthDate = applied.AddDays(-(18*365 + rnd.IntN(50*365)))
	}
	a := domain.Assessment{Themes: map[string]domain.ThemeAssessment{}}
	for _, i := range rnd.Perm(len(benchThemes))[:3+rnd.IntN(6)] {
		t := domain.ThemeAssessment{Level: rnd.IntN(5), Note: benchNotes[rnd.IntN(len(benchNotes))]}
		if rnd.IntN(3) == 0 {
			t.CitizenView = benchViews[rnd.IntN(len(benchViews))]
		}
		a.Themes[benchThemes[i]] = t
	}
	if rnd.IntN(2) == 0 {
		h := float64(1+rnd.IntN(16)) / 2
		a.SupportHoursPerWeek = &h
	}
	return domain.CaseFile{Schema: domain.CaseSchema, Municipality: benchMuni[rnd.IntN(len(benchMuni))], Citizen: citizen,
		ApplicationDate: applied, Assessment: a, Goals: []string{benchGoals[rnd.IntN(len(benchGoals))]}}
}

// benchExport makes the export line of a case: opened, assessed and,
// when d is set, decided.
func benchExport(rnd *rand.Rand, i int, cf domain.CaseFile, d *domain.Decision) ExportCase {
	at := cf.ApplicationDate.Time().Add(9 * time.Hour)
	id := ulid.MustNew(ulid.Timestamp(at), ulidEntropy{rnd}).String()
	c := domain.Case{ID: id}
	evs := []domain.Event{
		{Kind: domain.EventOpened, Opening: &domain.Opening{Municipality: cf.Municipality, Citizen: cf.Citizen, ApplicationDate: cf.ApplicationDate}},
		{Kind: domain.EventAssessment, Assessment: cf.FirstAssessment(cf.ApplicationDate.AddDays(5))},
	}
	if d != nil {
		evs = append(evs, domain.Case{}.GrantEvent(*d))
	}
	for _, e := range evs {
		e.Seq, e.Recorded, e.User = c.Version+1, at, "bench"
		if err := c.Apply(e); err != nil {
			panic(err)
		}
	}
	return ExportCase{ID: id, Created: at, Events: c.Events}
}

type ulidEntropy struct{ r *rand.Rand }

func (e ulidEntropy) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e.r.IntN(256))
	}
	return len(p), nil
}

func benchDecision(rnd *rand.Rand, cf domain.CaseFile, due domain.Date) domain.Decision {
	tier := []string{"let", "moderat", "omfattende"}[rnd.IntN(3)]
	return domain.Decision{Provision: domain.SEL85, Tier: tier, Date: cf.ApplicationDate.AddDays(7 + rnd.IntN(60)),
		FollowedSuggestion: true, SuggestedProvision: domain.SEL85, SuggestedTier: tier,
		FollowUpDue: due, FollowUpFromStandard: true}
}

// benchStores holds the stores built so far in this process, by size.
var benchStores struct {
	sync.Mutex
	dir   string
	paths map[int]string
}

// benchStore returns the path of a store of n generated cases with
// benchDue due follow-ups, building it through Import on first use.
// Benchmarks open it read-only; one that writes copies it first.
func benchStore(b *testing.B, n int) string {
	b.Helper()
	benchStores.Lock()
	defer benchStores.Unlock()
	if path, ok := benchStores.paths[n]; ok {
		return path
	}
	if benchStores.dir == "" {
		dir, err := os.MkdirTemp("", "vum-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchStores.dir, benchStores.paths = dir, map[int]string{}
	}
	path := filepath.Join(benchStores.dir, fmt.Sprintf("vum-%d.db", n))
	start := time.Now()
	s, err := Open(path, Options{User: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(benchRecords(n, benchDue), ImportOptions{Source: "bench"}); err != nil {
		s.Close()
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	info, _ := os.Stat(path)
	b.Logf("built a store of %d cases in %v (%.0f cases/s, %d bytes/case)", n, time.Since(start).Round(time.Millisecond),
		float64(n)/time.Since(start).Seconds(), info.Size()/int64(n))
	benchStores.paths[n] = path
	return path
}

// removeBenchStores deletes the stores the benchmarks built.
func removeBenchStores() {
	benchStores.Lock()
	defer benchStores.Unlock()
	if benchStores.dir != "" {
		os.RemoveAll(benchStores.dir)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	removeBenchStores()
	os.Exit(code)
}

// benchSizes are the store sizes of the size-dependent benchmarks. The
// store of a million cases (about 3 GB, a minute or more to build) is
// built only with VUM_BENCH_1M=1.
func benchSizes() []int {
	sizes := []int{10_000, 100_000}
	if on, _ := strconv.ParseBool(os.Getenv("VUM_BENCH_1M")); on {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkImport measures bulk import per case, in batches of 1000, of
// 10,000 generated cases into a new store.
func BenchmarkImport(b *testing.B) {
	var list []ImportRecord
	for r := range benchRecords(10_000, benchDue) {
		list = append(list, r)
	}
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "vum.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Import(slices2seq(list), ImportOptions{Batch: 1000}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(list)), "ns/case")
	b.ReportMetric(float64(b.N*len(list))/b.Elapsed().Seconds(), "cases/s")
}

// BenchmarkOpen opens a store of 100,000 cases read-only and closes it, as
// every read command does.
func BenchmarkOpen(b *testing.B) {
	path := benchStore(b, 100_000)
	for b.Loop() {
		s, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkOpenWrite opens a copy of each store for writing and closes
// it, as every command that changes a case does: the freelist is loaded.
func BenchmarkOpenWrite(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "vum.db")
			copyFile(b, benchStore(b, n), path)
			for b.Loop() {
				s, err := Open(path, Options{User: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkAddDecide adds a case and decides it, two transactions with
// their audit entries, on a copy of the store of 100,000 cases.
func BenchmarkAddDecide(b *testing.B) {
	path := filepath.Join(b.TempDir(), "vum.db")
	copyFile(b, benchStore(b, 100_000), path)
	s, err := Open(path, Options{User: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rnd := rand.New(rand.NewPCG(1, 2))
	var cases []domain.CaseFile
	for range 1000 {
		cases = append(cases, benchCase(rnd))
	}
	i := 0
	for b.Loop() {
		cf := cases[i%len(cases)]
		i++
		c, err := s.Create(cf.Opening(), cf.FirstAssessment(cf.ApplicationDate))
		if err != nil {
			b.Fatal(err)
		}
		ev := c.GrantEvent(benchDecision(rnd, cf, benchToday.AddDays(365)))
		if _, err := s.Append(c.ID, Change{Version: c.Version, Events: []domain.Event{ev}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDueBefore lists the follow-ups due within benchWindow days from
// stores of growing size with the same benchDue due entries: the cost
// follows the due entries, not the cases.
func BenchmarkDueBefore(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			s, err := Open(benchStore(b, n), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			last := benchToday.AddDays(benchWindow)
			b.ReportAllocs()
			for b.Loop() {
				count := 0
				if err := s.DueBefore(last, func(Due) bool { count++; return true }); err != nil {
					b.Fatal(err)
				}
				if count != benchDue {
					b.Fatalf("due = %d, want %d", count, benchDue)
				}
			}
		})
	}
}

// BenchmarkOpenDueBefore is what »vum followups« does in the store: open
// read-only, list the due follow-ups, close.
func BenchmarkOpenDueBefore(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			path := benchStore(b, n)
			last := benchToday.AddDays(benchWindow)
			for b.Loop() {
				s, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				count := 0
				err = s.DueBefore(last, func(Due) bool { count++; return true })
				s.Close()
				if err != nil || count != benchDue {
					b.Fatalf("due = %d, %v", count, err)
				}
			}
		})
	}
}

// BenchmarkSummaries reads every case's summary from a store of 100,000
// cases, as the case list and the start screen do.
func BenchmarkSummaries(b *testing.B) {
	const n = 100_000
	s, err := Open(benchStore(b, n), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	for b.Loop() {
		count := 0
		if err := s.Summaries(func(Summary) bool { count++; return true }); err != nil {
			b.Fatal(err)
		}
		if count != n {
			b.Fatalf("summaries = %d", count)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/case")
}
