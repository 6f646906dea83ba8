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

	"github.com/vumdk/vum/cmd/internal/synth"
	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
)

func main() {
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same cases")
	today := flag.String("today", "", "reference date YYYY-MM-DD (default: today)")
	due := flag.Int("due", 0, "exactly this many follow-ups within --window days of today (0: as the standards give)")
	window := flag.Int("window", 30, "days ahead counted as due")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "brug: vumgen [--seed N] [--today ÅÅÅÅ-MM-DD] [--due K] [--window D] ANTAL > sager.jsonl")
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
	if err != nil {
		fmt.Fprintln(os.Stderr, "vumgen:", err)
		os.Exit(1)
	}
	g := synth.New(cat, n, synth.Options{Seed: *seed, Today: ref, Due: *due, Window: *window})
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
