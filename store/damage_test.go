package store

import (
	"encoding/binary"
	"errors"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
)

// fileLayout is where a bucket's pages and keys lie in a store file.
type fileLayout struct {
	branches []int64          // offsets of branch pages
	leaves   []int64          // offsets of leaf pages
	keys     map[string]int64 // each live key's offset in the file
}

// layoutOf finds the pages and keys of bucket in the file at path by
// following the tree from the newest meta page, as bbolt would.
func layoutOf(t *testing.T, path, bucket string) fileLayout {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	pageSize := int64(le.Uint32(data[pageHeaderSize+8:]))
	m0, m1 := parseMeta(data, 0), parseMeta(data[pageSize:], 1)
	cur := m0
	if m1.valid && m1.txid > m0.txid {
		cur = m1
	}
	l := fileLayout{keys: map[string]int64{}}
	var walk func(id uint64, leaf func(page int64, k []byte, at int64, v []byte))
	walk = func(id uint64, leaf func(page int64, k []byte, at int64, v []byte)) {
		at := int64(id) * pageSize
		flags, count := le.Uint16(data[at+8:]), int64(le.Uint16(data[at+10:]))
		for i := int64(0); i < count; i++ {
			e := at + pageHeaderSize + i*elemSize
			if flags == flagBranch {
				walk(le.Uint64(data[e+8:]), leaf)
				continue
			}
			pos, ksize, vsize := int64(le.Uint32(data[e+4:])), int64(le.Uint32(data[e+8:])), int64(le.Uint32(data[e+12:]))
			leaf(at, data[e+pos:e+pos+ksize], e+pos, data[e+pos+ksize:e+pos+ksize+vsize])
		}
	}
	var root uint64
	walk(cur.root, func(_ int64, k []byte, _ int64, v []byte) {
		if string(k) == bucket {
			root = le.Uint64(v)
		}
	})
	if root == 0 {
		t.Fatalf("bucket %s is missing or kept inline", bucket)
	}
	var pages func(id uint64)
	pages = func(id uint64) {
		at := int64(id) * pageSize
		if le.Uint16(data[at+8:]) == flagLeaf {
			l.leaves = append(l.leaves, at)
			return
		}
		l.branches = append(l.branches, at)
		for i := int64(0); i < int64(le.Uint16(data[at+10:])); i++ {
			pages(le.Uint64(data[at+pageHeaderSize+i*elemSize+8:]))
		}
	}
	pages(root)
	walk(root, func(_ int64, k []byte, at int64, _ []byte) { l.keys[string(k)] = at })
	return l
}

// changed writes a copy of path with fn applied to its bytes.
func changed(t *testing.T, path string, fn func(data []byte)) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fn(data)
	out := filepath.Join(t.TempDir(), "vum.db")
	if err := os.WriteFile(out, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// refusesWrites opens path for writing and expects it to be found
// damaged: read-only, a write refused, and check naming what says.
func refusesWrites(t *testing.T, path, says string) {
	t.Helper()
	before := fingerprint(t, path)
	s, err := Open(path, testOptions())
	if err != nil {
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("Open: %v, want damaged", err)
		}
		return
	}
	_, werr := s.Create(sampleCase(999).Opening(), nil)
	s.Close()
	if werr == nil || !errors.Is(werr, ErrDamaged) {
		t.Errorf("a write on the damaged file: %v, want it refused as damaged", werr)
	}
	if fingerprint(t, path) != before {
		t.Error("the damaged file was changed")
	}
	r, err := CheckFile(path, testOptions())
	if err != nil || r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), says) {
		t.Errorf("check = %v, %v; want a problem saying %q", r.Problems, err, says)
	}
}

// A store after many adds, changes and deletions (pages split, merged and
// reused) is not taken for damaged: the layout rules opening checks are
// the ones bbolt keeps.
func TestWornStoreIsWhole(t *testing.T) {
	s, path := openTemp(t)
	rng := rand.New(rand.NewSource(3))
	var ids []string
	var versions []int
	for i := 0; i < 400; i++ {
		c := addCase(t, s, sampleCase(i))
		ids, versions = append(ids, c.ID), append(versions, c.Version)
	}
	for _, i := range rng.Perm(len(ids))[:250] {
		if err := s.Delete(ids[i], versions[i], "test"); err != nil {
			t.Fatal(err)
		}
	}
	for i := 400; i < 450; i++ {
		addCase(t, s, sampleCase(i))
	}
	s.Close()
	s, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Damaged() {
		t.Fatalf("a worn but whole store is taken for damaged: %v", s.Damage())
	}
	if r, err := s.Check(); err != nil || !r.OK() {
		t.Fatalf("check: %v %v", r.Problems, err)
	}
}

// One changed key is found when the file is opened, so no write reaches
// it, and check names it: a branch key (lookups then miss every key of a
// leaf that ForEach still reads), an index key and a due date.
func TestChangedKeysAreFound(t *testing.T) {
	s, path := openTemp(t)
	for i := 0; i < 300; i++ {
		c := addCase(t, s, sampleCase(i))
		if i%10 == 0 {
			grant := c.GrantEvent(decision(domain.NewDate(2027, time.Month(1+i%12), 1+i%28)))
			if _, err := s.Append(c.ID, Change{Version: c.Version, Events: []domain.Event{grant}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()

	t.Run("branch key", func(t *testing.T) {
		cases := layoutOf(t, path, "cases")
		if len(cases.branches) == 0 {
			t.Fatal("the cases bucket has no branch page")
		}
		refusesWrites(t, changed(t, path, func(data []byte) {
			// Raise the second element's key: the first keys of its leaf
			// now sort below it, and bbolt looks for them to the left.
			// The lowest clear bit of the last byte is set: an id's last
			// character (a letter or digit) always has one, if only the
			// top bit.
			at := cases.branches[0]
			e := at + pageHeaderSize + elemSize
			pos, ksize := int64(binary.LittleEndian.Uint32(data[e:])), int64(binary.LittleEndian.Uint32(data[e+4:]))
			key := data[e+pos : e+pos+ksize]
			last := &key[len(key)-1]
			if *last == 0xff {
				t.Fatalf("no bit of %q's last byte is clear", key)
			}
			*last |= ^*last & -^*last // the lowest clear bit
		}), "forkert rækkefølge")
	})
	for _, b := range []struct{ bucket, says string }{
		{"citizens", "kontrolsum"},
		{"audit_by_case", "kontrolsum"},
		{"due", "passer ikke med værdien"},
	} {
		t.Run(b.bucket+" key", func(t *testing.T) {
			l := layoutOf(t, path, b.bucket)
			keys := slices.Sorted(maps.Keys(l.keys))
			for _, k := range []string{keys[0], keys[len(keys)/2], keys[len(keys)-1]} {
				// A digit of a date or a hex checksum stays one.
				i := strings.IndexAny(k, "2468")
				if i < 0 {
					t.Fatalf("no digit to change in %q", k)
				}
				at := l.keys[k] + int64(i)
				t.Logf("%q becomes %q", k, k[:i]+string(k[i]^1)+k[i+1:])
				refusesWrites(t, changed(t, path, func(data []byte) { data[at] ^= 1 }), b.says)
			}
		})
	}
	t.Run("element count", func(t *testing.T) {
		l := layoutOf(t, path, "citizens")
		refusesWrites(t, changed(t, path, func(data []byte) {
			// Fewer elements: the last ones vanish unless the count is
			// checked against the page's packing.
			n := binary.LittleEndian.Uint16(data[l.leaves[0]+10:])
			binary.LittleEndian.PutUint16(data[l.leaves[0]+10:], n&^(1<<(bitsLen(n)-1)))
		}), "ligger ikke, som de blev skrevet")
	})
}

func bitsLen(n uint16) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}
