package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/cryptotest"
	"time"

	bolt "go.etcd.io/bbolt"
)

// buildVumOnce builds the binary once for tests that must survive what would
// kill a process (a fatal error) or hang it.
var buildVumOnce = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(testBinDir, "vum")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%v: %s", err, out)
	}
	return bin, nil
})

type result struct {
	out, errOut string
	status      int
	timedOut    bool
}

// runBin runs the built vum on db with a 10-second limit.
func runBin(t *testing.T, bin, db string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "VUM_TODAY=2026-11-25")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{out: out.String(), errOut: errOut.String(), status: cmd.ProcessState.ExitCode(), timedOut: ctx.Err() != nil}
	if err != nil && r.status < 0 && !r.timedOut {
		r.status = -1 // killed by a signal
	}
	return r
}

func crashed(r result) bool {
	return r.timedOut || r.status < 0 || r.status == exitUsage || r.status == exitInternal ||
		strings.Contains(r.errOut, "goroutine ") || strings.Contains(r.errOut, "fatal error")
}

// damaged returns deterministic damaged copies of a store file: truncated,
// zero-filled page by page, and with single bits flipped.
func damagedCopies(orig []byte, pageSize int, flips int, seed uint64) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range []int{0, 100, 4096, 8192, 12288, 16384, len(orig) / 2, len(orig) - pageSize, len(orig) - 1} {
		if n >= 0 && n < len(orig) {
			out[fmt.Sprintf("truncated-%d", n)] = append([]byte(nil), orig[:n]...)
		}
	}
	for p := 0; p*pageSize < len(orig); p++ {
		c := append([]byte(nil), orig...)
		clear(c[p*pageSize : min(len(c), (p+1)*pageSize)])
		out[fmt.Sprintf("zero-page-%d", p)] = c
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	for i := 0; i < flips; i++ {
		c := append([]byte(nil), orig...)
		at := rng.IntN(len(c))
		// Half the flips hit the pages bbolt trusts most: the meta pages
		// and the page headers and element headers at a page's start.
		if i%2 == 0 {
			at = rng.IntN(len(c)/pageSize)*pageSize + rng.IntN(128)
		}
		bit := byte(1) << rng.IntN(8)
		c[at] ^= bit
		out[fmt.Sprintf("flip-%d-byte-%d-bit-%d", i, at, bit)] = c
	}
	return out
}

var (
	damageSeed  = flag.Uint64("damage-seed", 13, "seed of the store and the damage TestDamagedStoresNeverCrashHangOrTakeWrites makes")
	damageFlips = flag.Int("damage-flips", 120, "bit flips TestDamagedStoresNeverCrashHangOrTakeWrites makes")
	damageOnly  = flag.String("damage-only", "", "run TestDamagedStoresNeverCrashHangOrTakeWrites on the damaged copies whose names contain this only, and keep them")
)

// buildFixedStore makes a real store through the commands, byte for byte
// the same on every run with the same seed: the randomness (case ids,
// keys, nonces), the clock and the user are fixed. It returns the file.
func buildFixedStore(t *testing.T, db string, seed uint64) []byte {
	cryptotest.SetGlobalRandom(t, seed)
	t.Setenv("VUM_DB", db)
	t.Setenv(configEnv, filepath.Join(filepath.Dir(db), "config"))
	clock := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	oldClock, oldUser := storeClock, osUser
	t.Cleanup(func() { storeClock, osUser = oldClock, oldUser })
	var mu sync.Mutex
	storeClock = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	osUser = func() string { return "sagsbehandler" }
	names := []string{"ishoj-moderat", "ishoj-let-82a", "ishoj-108", "ishoj-103-family", "gentofte-85"}
	provisions := []string{"sel85", "sel82a", "sel108", "sel103", "sel85"}
	for i := 0; i < 8; i++ {
		for j, name := range names {
			id := strings.TrimSpace(mustRun(t, "", "case", "add", example(name+".json")))
			switch i % 3 {
			case 0:
				mustRun(t, "", "case", "show", id)
			case 1:
				mustRun(t, "", "decide", id, "--provision", provisions[j], "--date", "2026-11-20", "--follow-up", "2027-05-01")
			}
		}
	}
	// bbolt lays out a transaction's buckets in map order and picks free
	// pages in map order, so the pages of a file written by many commands
	// differ from run to run. Copied one bucket per transaction, with
	// free pages picked in order, the same content gets the same layout;
	// the copy keeps a freelist and two meta pages a transaction apart.
	data, err := copyInOrder(db)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// copyInOrder rewrites the store at path one top-level bucket per
// transaction, in key order, and returns the new file.
func copyInOrder(path string) ([]byte, error) {
	from, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer from.Close()
	dst := path + ".copy"
	to, err := bolt.Open(dst, 0o600, &bolt.Options{FreelistType: bolt.FreelistArrayType})
	if err != nil {
		return nil, err
	}
	err = from.View(func(src *bolt.Tx) error {
		return src.ForEach(func(name []byte, b *bolt.Bucket) error {
			return to.Update(func(tx *bolt.Tx) error {
				nb, err := tx.CreateBucket(name)
				if err != nil {
					return err
				}
				if err := nb.SetSequence(b.Sequence()); err != nil {
					return err
				}
				return b.ForEach(func(k, v []byte) error {
					if v == nil {
						return fmt.Errorf("bucket %s holds bucket %s: its pages would be laid out in map order", name, k)
					}
					return nb.Put(k, v)
				})
			})
		})
	})
	if cerr := to.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Rename(dst, path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// Every damaged copy of a real store gets an answer within 10 seconds,
// never a crash; check finds every damage that changes what the store
// holds; and a copy check calls damaged accepts no write.
func TestDamagedStoresNeverCrashHangOrTakeWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it on hundreds of files")
	}
	bin, err := buildVumOnce()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "vum.db")
	orig := buildFixedStore(t, db, *damageSeed)
	// The same seed builds the same bytes, so every run damages the same
	// bytes of the same store.
	if again := buildFixedStore(t, filepath.Join(t.TempDir(), "vum.db"), *damageSeed); !bytes.Equal(orig, again) {
		for p := 0; p*4096 < len(orig); p++ {
			if !bytes.Equal(orig[p*4096:min(len(orig), p*4096+4096)], again[p*4096:min(len(again), p*4096+4096)]) {
				t.Logf("page %d differs", p)
			}
		}
		os.WriteFile("/tmp/dmg-a.db", orig, 0o600)
		os.WriteFile("/tmp/dmg-b.db", again, 0o600)
		t.Fatalf("two stores built alike differ (%d and %d bytes): the damage would differ from run to run", len(orig), len(again))
	}
	t.Logf("store of %d bytes, sha256 %x", len(orig), sha256.Sum256(orig))
	clean := runBin(t, bin, db, "export", "--plain")
	if clean.status != 0 {
		t.Fatalf("export of the clean store: %s", clean.errOut)
	}
	copies := damagedCopies(orig, 4096, *damageFlips, *damageSeed)
	var reported, refused, harmless, failed int
	// Per kind of damage: copies, reported by check with the write
	// refused, and copies where nothing kept changed.
	type tally struct{ copies, refused, harmless int }
	kinds := map[string]*tally{"truncated": {}, "zero": {}, "flip": {}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for name, data := range copies {
		if *damageOnly != "" && !strings.Contains(name, *damageOnly) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			var problems []string
			fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
			path := filepath.Join(dir, name+".db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				fail("%v", err)
			}
			check := runBin(t, bin, path, "check")
			export := runBin(t, bin, path, "export", "--plain")
			before, _ := os.ReadFile(path)
			add := runBin(t, bin, path, "case", "add", example("ishoj-moderat.json"))
			after, _ := os.ReadFile(path)
			runs := []result{check, export, add}
			damaged := check.status != 0
			switch {
			case damaged && len(data) == 0:
				// An empty file holds nothing: the first write finishes
				// the store (an interrupted creation), by design.
			case damaged && (add.status == 0 || !bytes.Equal(before, after)):
				fail("a write was accepted on a store check calls damaged:\n%s", check.errOut)
			case !damaged && add.status != 0:
				fail("check says the store is in order, but a write was refused:\n%s", add.errOut)
			case !damaged && (export.status != 0 || !sameExport(export.out, clean.out)):
				fail("the data changed or cannot be read, but check says the store is in order:\n%.300s", export.errOut)
			case !damaged && add.status == 0:
				// The damage lies where nothing is kept (a free page, the
				// unused end of a page): the store must still be whole
				// after the write.
				again := runBin(t, bin, path, "check")
				runs = append(runs, again)
				if again.status != 0 {
					fail("check found no damage, but after a write it finds:\n%s", again.errOut)
				}
			}
			for _, r := range runs {
				if crashed(r) {
					fail("crash or hang (status %d, timed out %v):\n%.600s", r.status, r.timedOut, r.errOut)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			kind := kinds[name[:strings.IndexByte(name, '-')]]
			kind.copies++
			if *damageOnly != "" {
				keep := filepath.Join(os.TempDir(), name+".db")
				os.WriteFile(keep, data, 0o600)
				t.Logf("%s (kept as %s):\ncheck %d: %s%s\nexport %d: %.2000s\nadd %d: %s", name, keep, check.status, check.out, check.errOut, export.status, export.errOut, add.status, add.errOut)
			}
			switch {
			case len(problems) > 0:
				failed++
				t.Errorf("%s: %s", name, strings.Join(problems, "; "))
			case damaged:
				reported++
				if add.status != 0 {
					refused++
					kind.refused++
				}
			default:
				harmless++
				kind.harmless++
			}
		}()
	}
	wg.Wait()
	for _, k := range []string{"truncated", "zero", "flip"} {
		c := kinds[k]
		t.Logf("%s: %d copies; check reports %d and each refuses the write; %d changed nothing kept", k, c.copies, c.refused, c.harmless)
	}
	t.Logf("%d damaged copies: %d reported by check (writes refused on %d, the other %d empty), %d where nothing kept changed (check in order, same export, a write leaves it whole), %d failed",
		len(copies), reported, refused, reported-refused, harmless, failed)
}

// sameExport compares two JSONL exports; an export records itself in the
// audit trail, which the export lines do not show.
func sameExport(a, b string) bool { return a == b }
