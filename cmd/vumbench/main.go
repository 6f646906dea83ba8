// Command vumbench measures vum as a caseworker runs it: whole processes
// of the built binary on stores of growing size. It builds vum and vumgen,
// generates stores of the given sizes that all hold the same number of
// due follow-ups, times the import, then times each command a number of
// times and prints Markdown tables with the median, p90 and maximum, the
// peak memory of the process, and the store's size per case.
//
//	go run ./cmd/vumbench                                  # 10,000 and 100,000 cases
//	go run ./cmd/vumbench --sizes 10000,100000,1000000     # adds a million (about 5 GB of disk)
//
// Everything is written to a temporary folder that is removed at the end
// unless --keep is given.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// config is the command line.
type config struct {
	// encrypted measures encrypted stores (unlocked once, the key then
	// read from the kernel's session keyring as after »vum unlock«);
	// otherwise the stores are plain.
	encrypted bool
	sizes     []int
	due       int
	runs      int
	slowRuns  int
	seed      uint64
	today     string
	keep      bool
	dir       string
	// standards and method make the cases in the municipalities whose
	// standard (laid over the embedded ones) names method, e.g. vum2.
	standards string
	method    string
}

func main() {
	if os.Getenv(measureEnv) != "" {
		os.Exit(measure(os.Args[1:]))
	}
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "vumbench:", err)
		os.Exit(2)
	}
	if err := run(cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "vumbench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("vumbench", flag.ContinueOnError)
	sizes := fs.String("sizes", "10000,100000", "comma-separated store sizes in cases, e.g. 10000,100000,1000000")
	cfg := config{}
	fs.IntVar(&cfg.due, "due", 200, "follow-ups due within 30 days in every store, whatever its size")
	fs.IntVar(&cfg.runs, "runs", 20, "timed runs of each command (after one untimed warm-up run)")
	fs.IntVar(&cfg.slowRuns, "slow-runs", 5, "timed runs of the commands that read every case (case list)")
	fs.Uint64Var(&cfg.seed, "seed", 1, "vumgen seed")
	fs.StringVar(&cfg.today, "today", "2026-11-25", "today's date for vumgen and vum (VUM_TODAY)")
	fs.BoolVar(&cfg.encrypted, "encrypted", false, "measure encrypted stores (key cached in the session keyring) instead of plain ones")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the generated cases, stores and binaries")
	fs.StringVar(&cfg.dir, "dir", "", "work in this folder instead of a new temporary one (implies --keep)")
	fs.StringVar(&cfg.standards, "standards", "", "folder of standards laid over the embedded ones, for vumgen and vum (VUM_STANDARDS)")
	fs.StringVar(&cfg.method, "method", "", "make the cases in the municipalities whose standard names this method, e.g. vum2 (with --standards)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, field := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			return cfg, fmt.Errorf("--sizes: %q is not a positive number", field)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	slices.Sort(cfg.sizes)
	cfg.sizes = slices.Compact(cfg.sizes)
	if cfg.due < 1 || cfg.due > cfg.sizes[0] {
		return cfg, fmt.Errorf("--due must be between 1 and the smallest size (%d)", cfg.sizes[0])
	}
	if cfg.runs < 1 || cfg.slowRuns < 1 {
		return cfg, errors.New("--runs and --slow-runs must be at least 1")
	}
	if cfg.dir != "" {
		cfg.keep = true
	}
	if cfg.standards != "" {
		abs, err := filepath.Abs(cfg.standards)
		if err != nil {
			return cfg, fmt.Errorf("--standards: %v", err)
		}
		cfg.standards = abs
	}
	return cfg, nil
}

// Rough disk use per case, measured: the JSONL input and the store.
const (
	inputBytesPerCase = 1150
	storeBytesPerCase = 3200
)

// bench holds what one vumbench run measures.
type bench struct {
	cfg      config
	dir      string
	vum      string
	vumgen   string
	self     string // this program, to start the measuring process
	caseFile string // for »vum suggest«
	log      io.Writer
	devNull  *os.File
	stores   []storeResult
	commands []commandResult
	anchors  []anchorResult
}

// storeResult is one generated store.
type storeResult struct {
	cases    int
	db       string
	draftID  string // a case with a decision
	due      int    // follow-ups found due by »vum followups«
	genTime  time.Duration
	import_  sample
	fileSize int64
}

// commandResult is one command timed on one store.
type commandResult struct {
	name  string
	cases int // 0: independent of the store
	stats stats
}

func run(cfg config, stdout, log io.Writer) error {
	b := &bench{cfg: cfg, log: log}
	var err error
	if cfg.dir != "" {
		b.dir, err = filepath.Abs(cfg.dir)
		if err == nil {
			err = os.MkdirAll(b.dir, 0o700)
		}
	} else {
		b.dir, err = os.MkdirTemp("", "vumbench-")
	}
	if err != nil {
		return err
	}
	if cfg.keep {
		defer fmt.Fprintf(log, "kept %s\n", b.dir)
	} else {
		defer os.RemoveAll(b.dir)
	}
	if b.self, err = os.Executable(); err != nil {
		return err
	}
	if err := b.checkDisk(); err != nil {
		return err
	}
	if b.devNull, err = os.OpenFile(os.DevNull, os.O_WRONLY, 0); err != nil {
		return err
	}
	defer b.devNull.Close()
	if err := b.build(); err != nil {
		return err
	}
	for _, n := range cfg.sizes {
		if err := b.buildStore(n); err != nil {
			return err
		}
	}
	if err := b.timeCommands(); err != nil {
		return err
	}
	if err := b.timeScreen(); err != nil {
		return err
	}
	if err := b.timeAnchors(); err != nil {
		return err
	}
	b.report(stdout)
	return nil
}

// checkDisk refuses to start when the generated data would not fit.
func (b *bench) checkDisk() error {
	need := int64(0)
	for _, n := range b.cfg.sizes {
		need += int64(n) * (inputBytesPerCase + storeBytesPerCase)
	}
	free := freeSpace(b.dir)
	if free >= 0 && free < need+need/5 {
		return fmt.Errorf("%s has %s free; the stores and their input need about %s", b.dir, mib(free), mib(need))
	}
	return nil
}

// build compiles vum and vumgen from the module vumbench runs in, as
// the release does.
func (b *bench) build() error {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %v (is Go on PATH?)", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return errors.New("run vumbench inside the vum module (go run ./cmd/vumbench)")
	}
	root := filepath.Dir(mod)
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	b.vum = filepath.Join(b.dir, "vum"+exe)
	b.vumgen = filepath.Join(b.dir, "vumgen"+exe)
	for target, pkg := range map[string]string{b.vum: "./cmd/vum", b.vumgen: "./cmd/vumgen"} {
		fmt.Fprintf(b.log, "building %s\n", pkg)
		// As the release builds: static, no C library.
		cmd := exec.Command("go", "build", "-tags", "osusergo,netgo", "-o", target, pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return nil
}

// buildStore generates and imports a store of n cases, and finds a case
// with a decision for the drafts.
func (b *bench) buildStore(n int) error {
	input := filepath.Join(b.dir, fmt.Sprintf("cases-%d.jsonl", n))
	res := storeResult{cases: n, db: filepath.Join(b.dir, fmt.Sprintf("vum-%d.db", n))}

	fmt.Fprintf(b.log, "%d cases: generating\n", n)
	f, err := os.Create(input)
	if err != nil {
		return err
	}
	start := time.Now()
	gen := exec.Command(b.vumgen, append(b.genArgs(), strconv.Itoa(n))...)
	gen.Stdout = f
	var genErr bytes.Buffer
	gen.Stderr = &genErr
	err = gen.Run()
	f.Close()
	if err != nil {
		return fmt.Errorf("vumgen: %v\n%s", err, genErr.Bytes())
	}
	res.genTime = time.Since(start)

	fmt.Fprintf(b.log, "%d cases: importing\n", n)
	os.Remove(res.db)
	if res.import_, err = b.vumRun(res.db, nil, "import", input); err != nil {
		return err
	}
	info, err := os.Stat(res.db)
	if err != nil {
		return err
	}
	res.fileSize = info.Size()

	var due []struct {
		CaseID string `json:"case_id"`
	}
	var out bytes.Buffer
	if _, err := b.vumRun(res.db, &out, "followups", "--json"); err != nil {
		return err
	}
	if err := json.Unmarshal(out.Bytes(), &due); err != nil || len(due) == 0 {
		return fmt.Errorf("vum followups --json found no follow-ups to draft from (%v)", err)
	}
	res.due, res.draftID = len(due), due[0].CaseID
	if res.due != b.cfg.due {
		fmt.Fprintf(b.log, "warning: %d follow-ups due, expected %d\n", res.due, b.cfg.due)
	}
	if len(b.stores) == 0 {
		if b.caseFile, err = writeCaseFile(input, filepath.Join(b.dir, "case.json")); err != nil {
			return err
		}
	}
	if !b.cfg.keep {
		os.Remove(input) // the store is enough from here on
	}
	b.stores = append(b.stores, res)
	return nil
}

// timeCommands times each command on every store. The runs go round the
// stores in turn (one run on each, then the next round), so that load
// from elsewhere on the machine falls on every size alike. Each command
// first runs once untimed on each store, to warm the page cache.
func (b *bench) timeCommands() error {
	pdfs := 0
	commands := []struct {
		name     string
		runs     int
		anyStore bool // does not read the store: timed once, on the first
		args     func(st storeResult) []string
	}{
		{"vum suggest FILE", b.cfg.runs, true, func(storeResult) []string { return []string{"suggest", b.caseFile} }},
		{"vum followups --json", b.cfg.runs, false, func(storeResult) []string { return []string{"followups", "--json"} }},
		{"vum case list --json", b.cfg.slowRuns, false, func(storeResult) []string { return []string{"case", "list", "--json"} }},
		{"vum case show ID", b.cfg.runs, false, func(st storeResult) []string { return []string{"case", "show", st.draftID} }},
		{"vum draft ID --format md", b.cfg.runs, false, func(st storeResult) []string {
			return []string{"draft", st.draftID, "--format", "md"}
		}},
		{"vum draft ID --format pdf -o F", b.cfg.runs, false, func(st storeResult) []string {
			pdfs++ // vum does not overwrite a file: a new name each run
			return []string{"draft", st.draftID, "--format", "pdf", "-o", filepath.Join(b.dir, fmt.Sprintf("draft-%d.pdf", pdfs))}
		}},
	}
	for _, c := range commands {
		stores := b.stores
		if c.anyStore {
			stores = stores[:1]
		}
		fmt.Fprintf(b.log, "%s: %d runs on each of %d stores\n", c.name, c.runs, len(stores))
		samples := make([][]sample, len(stores))
		for round := -1; round < c.runs; round++ {
			for i, st := range stores {
				s, err := b.vumRun(st.db, nil, c.args(st)...)
				if err != nil {
					return err
				}
				if round >= 0 { // round -1 is the warm-up
					samples[i] = append(samples[i], s)
				}
			}
		}
		for i, st := range stores {
			cases := st.cases
			if c.anyStore {
				cases = 0
			}
			b.commands = append(b.commands, commandResult{name: c.name, cases: cases, stats: summarize(samples[i])})
		}
	}
	return nil
}

// writeCaseFile writes the first generated case's opening and first
// assessment to path, as a case file for »vum suggest«.
func writeCaseFile(input, path string) (string, error) {
	f, err := os.Open(input)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadBytes('\n')
	if err != nil {
		return "", fmt.Errorf("%s: %v", input, err)
	}
	var c struct {
		Events []struct {
			Opening    map[string]json.RawMessage `json:"opening"`
			Assessment *struct {
				Assessment json.RawMessage `json:"assessment"`
				Goals      json.RawMessage `json:"goals"`
			} `json:"assessment"`
		} `json:"events"`
	}
	if err := json.Unmarshal(line, &c); err != nil {
		return "", fmt.Errorf("%s: %v", input, err)
	}
	fields := map[string]json.RawMessage{"schema": json.RawMessage("2")}
	for _, e := range c.Events {
		if e.Opening != nil && fields["citizen"] == nil {
			for k, v := range e.Opening {
				fields[k] = v
			}
		}
		if e.Assessment != nil && fields["assessment"] == nil {
			fields["assessment"] = e.Assessment.Assessment
			if len(e.Assessment.Goals) > 0 {
				fields["goals"] = e.Assessment.Goals
			}
		}
	}
	if fields["citizen"] == nil || fields["assessment"] == nil {
		return "", fmt.Errorf("%s: the first case has no opening or no assessment", input)
	}
	out, err := json.Marshal(fields)
	if err != nil {
		return "", err
	}
	return path, os.WriteFile(path, out, 0o600)
}

// sample is one process: its wall-clock time and peak resident memory in
// bytes (-1 when the platform does not tell).
type sample struct {
	wall   time.Duration
	maxRSS int64
}

// vumRun runs vum on the store db with stdout to out (nil: discarded),
// through a measuring process (see measure).
func (b *bench) vumRun(db string, out io.Writer, args ...string) (sample, error) {
	env := append(b.vumEnv(), "VUM_DB="+db)
	var errOut bytes.Buffer
	stdout := out
	if stdout == nil {
		stdout = b.devNull
	}
	s, err := measured(b.self, b.dir, env, stdout, &errOut, append([]string{b.vum}, args...))
	if err != nil {
		return sample{}, fmt.Errorf("vum %s: %v\n%s", strings.Join(args, " "), err, errOut.Bytes())
	}
	return s, nil
}

// cryptEnv makes the stores plain or encrypted. An encrypted store gets
// the passphrase from the environment; vum caches the key in the session
// keyring on the first (untimed) run, so the timed runs pay no key
// derivation, as a caseworker's commands after »vum unlock«.
func (b *bench) cryptEnv() []string {
	if b.cfg.encrypted {
		return []string{"VUM_PASSPHRASE=vumbench-adgangsfrase", "VUM_KEYCACHE=session"}
	}
	return []string{"VUM_UNENCRYPTED=1"}
}

// cleanEnv is the environment without vum's own settings, so the
// embedded standards and the given store are used.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "VUM_") {
			env = append(env, kv)
		}
	}
	return env
}

// stats summarizes the runs of one command.
type stats struct {
	runs             int
	median, p90, max time.Duration
	maxRSS           int64 // the largest of the runs, -1 when unknown
}

func summarize(samples []sample) stats {
	walls := make([]time.Duration, len(samples))
	st := stats{runs: len(samples), maxRSS: -1}
	for i, s := range samples {
		walls[i] = s.wall
		st.maxRSS = max(st.maxRSS, s.maxRSS)
	}
	slices.Sort(walls)
	st.median = percentile(walls, 50)
	st.p90 = percentile(walls, 90)
	st.max = walls[len(walls)-1]
	return st
}

// percentile returns the nearest-rank percentile p of sorted values.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	return sorted[max(rank, 1)-1]
}

// report prints the results as Markdown.
func (b *bench) report(w io.Writer) {
	mode := "plain stores"
	if b.cfg.encrypted {
		mode = "encrypted stores"
	}
	fmt.Fprintf(w, "Stores: %s.\n", mode)
	fmt.Fprintf(w, "Measured %s: %s, %d cores, %s, %s/%s.\n\n", time.Now().Format("2006-01-02"),
		cpuModel(), runtime.NumCPU(), goVersion(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "Stores from `vumgen %s N`, imported with `vum import`.\n\n", strings.Join(b.genArgs(), " "))
	fmt.Fprintln(w, "| cases | due | import | cases/s | import peak RSS | file | bytes/case |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range b.stores {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s |\n", thousands(int64(s.cases)), s.due, seconds(s.import_.wall),
			thousands(int64(float64(s.cases)/s.import_.wall.Seconds())), mib(s.import_.maxRSS), mib(s.fileSize),
			thousands(s.fileSize/int64(s.cases)))
	}
	fmt.Fprintf(w, "\nWhole processes, warm page cache, after one untimed run; the runs alternate between the stores;\n"+
		"peak RSS is the largest of the runs.\n\n")
	fmt.Fprintln(w, "| command | cases | runs | median | p90 | max | peak RSS |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	names := []string{}
	for _, c := range b.commands {
		if !slices.Contains(names, c.name) {
			names = append(names, c.name)
		}
	}
	for _, name := range names {
		for _, c := range b.commands {
			if c.name != name {
				continue
			}
			cases := "any"
			if c.cases > 0 {
				cases = thousands(int64(c.cases))
			}
			fmt.Fprintf(w, "| `%s` | %s | %d | %s | %s | %s | %s |\n", c.name, cases, c.stats.runs,
				millis(c.stats.median), millis(c.stats.p90), millis(c.stats.max), mib(c.stats.maxRSS))
		}
	}
	b.reportAnchors(w)
	b.targets(w)
}

// targetFrom is the smallest store size the targets speak of: below it a
// process's fixed costs (start-up, the file's first pages) dominate.
const targetFrom = 10_000

// targets checks the performance targets against what was measured.
func (b *bench) targets(w io.Writer) {
	fmt.Fprintf(w, "\nTargets (stores of %s cases or more):\n\n", thousands(targetFrom))
	followups := map[int]stats{}
	var sizes []int
	for _, c := range b.commands {
		if c.name == "vum followups --json" && c.cases >= targetFrom {
			followups[c.cases] = c.stats
			sizes = append(sizes, c.cases)
		}
	}
	checked := 0
	defer func() {
		if checked == 0 {
			fmt.Fprintln(w, "- none: no store that large was measured")
		}
	}()
	check := func(ok bool, format string, args ...any) {
		checked++
		mark := "met"
		if !ok {
			mark = "MISSED"
		}
		fmt.Fprintf(w, "- %s: %s\n", mark, fmt.Sprintf(format, args...))
	}
	if st, ok := followups[100_000]; ok {
		check(st.median < 20*time.Millisecond, "`vum followups` at 100,000 cases under 20 ms (median %s)", millis(st.median))
	}
	if len(sizes) > 1 {
		base, top := followups[sizes[0]], followups[sizes[len(sizes)-1]]
		ratio := top.median.Seconds() / base.median.Seconds()
		check(ratio <= 1.5, "`vum followups` at %s cases within 1.5x of %s with the same due entries (%.2fx: %s against %s)",
			thousands(int64(sizes[len(sizes)-1])), thousands(int64(sizes[0])), ratio, millis(top.median), millis(base.median))
	}
	for _, s := range b.stores {
		if s.cases < targetFrom {
			continue
		}
		rate := float64(s.cases) / s.import_.wall.Seconds()
		check(rate >= 10_000, "import of %s cases at least 10,000 cases/s (%s)", thousands(int64(s.cases)), thousands(int64(rate)))
	}
	for _, s := range b.stores {
		if s.cases < targetFrom {
			continue
		}
		per := s.fileSize / int64(s.cases)
		check(per < 4096, "store of %s cases under 4 KiB per case (%s bytes)", thousands(int64(s.cases)), thousands(per))
	}
	if len(sizes) > 0 {
		n := sizes[len(sizes)-1]
		if st := followups[n]; st.maxRSS >= 0 {
			check(st.maxRSS < 100<<20, "peak memory of `vum followups` at %s cases under 100 MiB (%s)", thousands(int64(n)), mib(st.maxRSS))
		}
	}
	for _, c := range b.commands {
		if c.name == "vum (start screen: first frame)" && c.cases >= 100_000 {
			check(c.stats.median < 100*time.Millisecond, "start screen's first frame at %s cases under 100 ms (median %s, tmux start included)",
				thousands(int64(c.cases)), millis(c.stats.median))
		}
	}
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

func millis(d time.Duration) string {
	ms := float64(d.Microseconds()) / 1000
	switch {
	case ms < 10:
		return fmt.Sprintf("%.1f ms", ms)
	case ms < 10_000:
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.1f s", ms/1000)
}

func mib(n int64) string {
	switch {
	case n < 0:
		return "n/a"
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// cpuModel names the processor where the platform tells it.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH + " CPU"
	}
	for line := range strings.Lines(string(data)) {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return runtime.GOARCH + " CPU"
}

// goVersion is the toolchain that built vum (the go command on PATH).
func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}

// genArgs are vumgen's arguments before the number of cases.
func (b *bench) genArgs() []string {
	args := []string{"--seed", strconv.FormatUint(b.cfg.seed, 10), "--today", b.cfg.today, "--due", strconv.Itoa(b.cfg.due)}
	if b.cfg.standards != "" {
		args = append(args, "--standards", b.cfg.standards)
	}
	if b.cfg.method != "" {
		args = append(args, "--method", b.cfg.method)
	}
	return args
}

// vumEnv is the environment vum runs in: today's date, the standards the
// cases were made with, and the store's encryption.
func (b *bench) vumEnv() []string {
	env := append(cleanEnv(), "VUM_TODAY="+b.cfg.today)
	if b.cfg.standards != "" {
		env = append(env, "VUM_STANDARDS="+b.cfg.standards)
	}
	return append(env, b.cryptEnv()...)
}
