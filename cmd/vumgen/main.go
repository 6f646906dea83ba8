// Command vumgen writes realistic synthetic cases as JSONL that
// »vum import« reads, deterministic by seed. It is for benchmarks and
// load tests; the names and numbers are made up.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/vumdk/vum/cmd/internal/synth"
	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func main() {
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same cases")
	today := flag.String("today", "", "reference date YYYY-MM-DD (default: today)")
	due := flag.Int("due", 0, "exactly this many follow-ups within --window days of today (0: as the standards give)")
	window := flag.Int("window", 30, "days ahead counted as due")
	dir := flag.String("standards", "", "folder of standards laid over the embedded ones, as vum's --standards")
	munis := flag.String("municipality", "", "comma-separated municipalities the cases belong to (default: the embedded ones, weighted)")
	method := flag.String("method", "", "only the municipalities whose standard names this method, e.g. vum2 (with --standards)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "brug: vumgen [--seed N] [--today ÅÅÅÅ-MM-DD] [--due K] [--window D] [--standards MAPPE] [--municipality K,…] [--method vum2] ANTAL > sager.jsonl")
		flag.PrintDefaults()
	}
	flag.Parse()
	n, err := strconv.Atoi(flag.Arg(0))
	if flag.NArg() != 1 || err != nil || n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	ref := synth.Today()
	if *today != "" {
		if ref, err = domain.ParseDate(*today); err != nil {
			fmt.Fprintln(os.Stderr, "vumgen: --today:", err)
			os.Exit(2)
		}
	}
	if *due > n {
		fmt.Fprintln(os.Stderr, "vumgen: --due kan ikke være større end antallet af sager")
		os.Exit(2)
	}
	cat, err := standards.Embedded()
	if *dir != "" {
		cat, err = standards.LoadDir(*dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vumgen:", err)
		os.Exit(1)
	}
	chosen, err := municipalities(cat, *munis, *method)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vumgen:", err)
		os.Exit(2)
	}
	g := synth.New(cat, n, synth.Options{Seed: *seed, Today: ref, Due: *due, Window: *window, Municipalities: chosen})
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for range n {
		if err := enc.Encode(g.Next()); err != nil {
			fmt.Fprintln(os.Stderr, "vumgen:", err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "vumgen:", err)
		os.Exit(1)
	}
}

// municipalities returns the municipalities the cases are made for: those
// named, or (with a method) every loaded municipality whose standard names
// it; nil for the default population.
func municipalities(cat *standards.Catalog, list, method string) ([]string, error) {
	var out []string
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		if _, _, ok := cat.ForMunicipality(id); !ok {
			return nil, cat.UnknownMunicipality(id)
		}
		out = append(out, id)
	}
	if method == "" {
		return out, nil
	}
	if _, ok := cat.MethodByID(method); !ok {
		return nil, fmt.Errorf("ukendt metode %q; kendte metoder: %s", method, strings.Join(cat.Vocabulary(domain.Date{}).MethodIDs(), ", "))
	}
	if len(out) == 0 {
		out = cat.Municipalities()
	}
	var using []string
	for _, id := range out {
		if domain.MethodID(cat.MethodFor(id).ID) == domain.MethodID(method) {
			using = append(using, id)
		}
	}
	if len(using) == 0 {
		return nil, fmt.Errorf("ingen af kommunerne bruger metoden %s; angiv en standardmappe med --standards, hvor en kommune bruger den", method)
	}
	return using, nil
}
