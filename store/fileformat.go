package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strings"
)

// This file reads bbolt's on-disk layout directly, with plain reads and
// never through a memory map, so that a truncated, zero-filled or
// bit-flipped file is described instead of crashing or hanging the
// program. It checks what bbolt trusts blindly: both meta pages, the file
// size against the newest meta page's high-water mark, and that the page
// tree has no page reached twice (a cycle would make bbolt loop or
// recurse without end).

const (
	pageHeaderSize = 16
	elemSize       = 16
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagMeta       = 0x04
	flagFreelist   = 0x10
	leafBucketFlag = 0x01
	boltVersion    = 2
	// maxTreeDepth bounds the descent: a B+tree of a store this program
	// writes is a handful of levels deep.
	maxTreeDepth = 64
)

// metaPage is one of bbolt's two meta pages as found in the file.
type metaPage struct {
	index    int
	valid    bool
	problem  string // Danish, when !valid
	pageSize uint32
	root     uint64
	freelist uint64
	hwm      uint64 // pages in use: the high-water mark
	txid     uint64
}

// fileReport is what inspectFile found.
type fileReport struct {
	size     int64
	metas    [2]metaPage
	current  *metaPage // the meta page bbolt will use; nil if none valid
	problems []string  // Danish, one line each
	// lostNewest is true when the newest meta page is invalid, so bbolt
	// would silently open the one before it: the last change is gone.
	lostNewest bool
	// walked is true when the page tree was walked in full.
	walked bool
	pages  int
	// unsafe is true when bbolt must not read the file: it is truncated
	// or its page tree is broken (bbolt could crash or loop).
	unsafe bool
}

func (r *fileReport) add(format string, args ...any) {
	switch {
	case len(r.problems) == maxProblems:
		r.problems = append(r.problems, "... flere fejl er udeladt")
		return
	case len(r.problems) > maxProblems:
		return
	}
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// pageReader reads whole pages with ReadAt, bounded by the file size.
type pageReader struct {
	f        *os.File
	size     int64
	pageSize int64
}

func (p pageReader) read(id uint64, n int) ([]byte, error) {
	off := int64(id) * p.pageSize
	if id > uint64(p.size)/uint64(p.pageSize) || off+int64(n) > p.size {
		return nil, fmt.Errorf("side %d ligger efter filens slutning", id)
	}
	buf := make([]byte, n)
	if _, err := p.f.ReadAt(buf, off); err != nil && err != io.EOF {
		return nil, err
	}
	return buf, nil
}

// inspectFile checks the meta pages and the file size, and when walk is
// true every page of the tree. It only reads.
func inspectFile(path string, walk bool) (*fileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	r := &fileReport{size: info.Size()}
	first := make([]byte, 4096)
	n, _ := f.ReadAt(first, 0)
	r.metas[0] = parseMeta(first[:n], 0)
	pageSize := int64(r.metas[0].pageSize)
	if !r.metas[0].valid || pageSize < 512 || pageSize > 1<<16 {
		pageSize = int64(os.Getpagesize())
	}
	second := make([]byte, 128)
	n, _ = f.ReadAt(second, pageSize)
	r.metas[1] = parseMeta(second[:n], 1)
	a, b := &r.metas[0], &r.metas[1]
	switch {
	case a.valid && b.valid:
		r.current = a
		if b.txid > a.txid {
			r.current = b
		}
	case a.valid:
		r.current = a
	case b.valid:
		r.current = b
	}
	for _, m := range r.metas {
		if !m.valid {
			r.add("kontrolside %d er ugyldig (%s)", m.index, m.problem)
		}
	}
	if r.current == nil {
		r.add("ingen af filens to kontrolsider kan læses; filen kan ikke åbnes som database")
		r.unsafe = true
		return r, nil
	}
	other := &r.metas[1-r.current.index]
	if !other.valid && other.txid == r.current.txid+1 {
		r.lostNewest = true
		r.add("den nyeste kontrolside er beskadiget, så den seneste ændring (transaktion %d) er rullet tilbage", other.txid)
	} else if !other.valid {
		r.add("den ældre kontrolside er beskadiget; er den nyeste ændring gået tabt, kan det ikke ses")
	}
	cur := r.current
	if cur.pageSize != uint32(pageSize) && cur.index == 1 {
		pageSize = int64(cur.pageSize)
	}
	if need := int64(cur.hwm) * pageSize; r.size < need {
		r.add("filen er afkortet: den er %d byte, men skal være mindst %d byte (%d sider)", r.size, need, cur.hwm)
		r.unsafe = true
		return r, nil
	}
	if cur.root < 2 || cur.root >= cur.hwm || cur.freelist < 2 || cur.freelist >= cur.hwm {
		r.add("kontrolsiden peger uden for filen (rod %d, friliste %d, %d sider)", cur.root, cur.freelist, cur.hwm)
		r.unsafe = true
		return r, nil
	}
	w := treeWalker{pr: pageReader{f: f, size: r.size, pageSize: pageSize}, hwm: cur.hwm, seen: map[uint64]bool{}, r: r}
	w.walkTree(cur.root, 0, true, "", nil)
	if walk {
		keys := map[string]map[string]bool{}
		for _, b := range w.buckets {
			if indexed[b.name] {
				keys[b.name] = map[string]bool{}
			}
		}
		// A reference to a bucket walked already (bbolt keeps buckets in
		// name order, so audit and cases come before what names them) is
		// checked at once; others are kept until the end.
		done := map[string]bool{}
		var refs [][3]string // bucket, key, the bucket and key it names
		ref := func(bucket string, k []byte, target string, targetKey []byte) {
			if done[target] {
				if !keys[target][string(targetKey)] {
					r.add("samlingen »%s«, nøglen %q: henviser til noget, der ikke findes", bucket, k)
				}
				return
			}
			refs = append(refs, [3]string{bucket, string(k), target + "/" + string(targetKey)})
		}
		for _, b := range w.buckets {
			// The walk checks that keys are in order, also across pages.
			verify := func(k, v []byte) {
				if set := keys[b.name]; set != nil {
					set[string(k)] = true
				}
				switch b.name {
				case "summaries", "drafts":
					ref(b.name, k, "cases", k)
				case "due": // YYYYMMDD/caseID/grant
					if _, caseID, _, err := parseDueKey(k); err == nil {
						ref(b.name, k, "cases", []byte(caseID))
					}
				case "events": // caseID/seq
					if i := bytes.IndexByte(k, '/'); i >= 0 {
						ref(b.name, k, "cases", k[:i])
					}
				case "citizens": // hash/caseID
					if i := bytes.LastIndexByte(k, '/'); i >= 0 {
						ref(b.name, k, "cases", k[i+1:])
					}
				case "audit_by_case": // caseID/audit entry
					// The audit trail of a deleted case stays, so its
					// index need not name a case that exists.
					if i := bytes.LastIndexByte(k, '/'); i >= 0 {
						ref(b.name, k, "audit", k[i+1:])
					}
				}
				// Only values in vum's checksum format are verified here;
				// an encrypted value carries its own authentication.
				if !sealedBuckets[b.name] || len(v) == 0 || v[0] != formatChecked {
					return
				}
				if _, err := (PlainCodec{}).Open(v); err != nil {
					r.add("samlingen »%s«, nøglen %q: %v", b.name, k, err)
					return
				}
				if idKeyed[b.name] && !bytes.HasPrefix(v[5:], []byte(`{"id":"`+string(k)+`"`)) && v[0] == formatChecked {
					r.add("samlingen »%s«, nøglen %q: passer ikke med værdiens id", b.name, k)
				}
			}
			if b.root == 0 {
				w.inlineLeaf(b.inline, verify, b.name)
			} else {
				w.walkTree(b.root, 0, false, b.name, verify)
			}
			done[b.name] = keys[b.name] != nil
		}
		for _, ref := range refs {
			target, key, _ := strings.Cut(ref[2], "/")
			if set := keys[target]; set != nil && !set[key] {
				r.add("samlingen »%s«, nøglen %q: henviser til noget, der ikke findes", ref[0], ref[1])
			}
		}
		w.freelist(cur.freelist)
		r.walked = true
	}
	r.pages = len(w.seen)
	return r, nil
}

// sealedBuckets hold values written through the codec, with a checksum;
// in idKeyed ones the value begins with its own key as "id".
var (
	sealedBuckets = map[string]bool{"cases": true, "summaries": true, "events": true, "drafts": true, "due": true,
		"assessments": true, "decisions": true, "followups": true, "audit": true, "imports": true, "access": true, "settings": true}
	idKeyed = map[string]bool{"cases": true, "summaries": true, "audit": true, "access": true}
	// indexBuckets hold keys that point elsewhere; each value is
	// indexValue of its key, so that a changed key is found when the file
	// is opened. Files written before that hold empty values.
	indexBuckets = map[string]bool{"citizens": true, "audit_by_case": true, "access_by_case": true, "access_all": true}
	indexed      = map[string]bool{"cases": true, "audit": true}
)

// readBucket calls fn for every key and value it can reach in the named
// top-level bucket, reading the file directly: pages reached twice or
// lying outside the file are skipped, so a damaged file can still be
// salvaged. The problems it met are returned (Danish).
func readBucket(path, name string, fn func(k, v []byte)) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	r := &fileReport{size: info.Size()}
	first := make([]byte, 4096)
	n, _ := f.ReadAt(first, 0)
	m0 := parseMeta(first[:n], 0)
	pageSize := int64(m0.pageSize)
	if !m0.valid || pageSize < 512 || pageSize > 1<<16 {
		pageSize = int64(os.Getpagesize())
	}
	second := make([]byte, 128)
	n, _ = f.ReadAt(second, pageSize)
	m1 := parseMeta(second[:n], 1)
	cur := &m0
	if !m0.valid || (m1.valid && m1.txid > m0.txid) {
		cur = &m1
	}
	if !cur.valid {
		return []string{"ingen af filens to kontrolsider kan læses"}, nil
	}
	hwm := cur.hwm
	if maxPages := uint64(info.Size() / pageSize); hwm > maxPages {
		hwm = maxPages
	}
	w := treeWalker{pr: pageReader{f: f, size: r.size, pageSize: pageSize}, hwm: hwm, seen: map[uint64]bool{}, r: r}
	w.walkTree(cur.root, 0, true, "", nil)
	for _, b := range w.buckets {
		if b.name != name {
			continue
		}
		if b.root == 0 {
			w.inlineLeaf(b.inline, fn, name)
		} else {
			w.walkTree(b.root, 0, false, name, fn)
		}
		return r.problems, nil
	}
	return append(r.problems, "samlingen »"+name+"« findes ikke"), nil
}

// keySum is a checksum of a key, kept with it by the value.
func keySum(k []byte) uint32 {
	h := fnv.New32a()
	h.Write(k)
	return h.Sum32()
}

// indexValue is the value of an index entry: its key's checksum.
func indexValue(k []byte) []byte { return binary.BigEndian.AppendUint32(nil, keySum(k)) }

// indexValueOK reports whether v is what indexValue gives for k, or empty
// (written before index values were kept).
func indexValueOK(k, v []byte) bool {
	return len(v) == 0 || (len(v) == 4 && binary.BigEndian.Uint32(v) == keySum(k))
}

func parseMeta(buf []byte, index int) metaPage {
	m := metaPage{index: index}
	if len(buf) < pageHeaderSize+64 {
		m.problem = "filen er for kort"
		return m
	}
	h := buf[:pageHeaderSize]
	body := buf[pageHeaderSize : pageHeaderSize+64]
	le := binary.LittleEndian
	m.pageSize = le.Uint32(body[8:])
	m.root = le.Uint64(body[16:])
	m.freelist = le.Uint64(body[32:])
	m.hwm = le.Uint64(body[40:])
	m.txid = le.Uint64(body[48:])
	sum := fnv.New64a()
	sum.Write(body[:56])
	switch {
	case le.Uint32(body[0:]) != boltMagic:
		m.problem = "mærket mangler"
	case le.Uint32(body[4:]) != boltVersion:
		m.problem = "ukendt formatversion"
	case le.Uint64(body[56:]) != sum.Sum64():
		m.problem = "kontrolsummen passer ikke"
	case le.Uint16(h[8:])&flagMeta == 0 || le.Uint64(h[0:]) != uint64(index):
		m.problem = "sidehovedet er forkert"
	default:
		m.valid = true
	}
	return m
}

type bucketRef struct {
	name   string
	root   uint64
	inline []byte // the bucket's page when root is 0
}

type treeWalker struct {
	pr      pageReader
	hwm     uint64
	seen    map[uint64]bool
	r       *fileReport
	buckets []bucketRef
}

// fail records a broken page tree: bbolt must not read it.
func (w *treeWalker) fail(format string, args ...any) {
	w.r.add(format, args...)
	w.r.unsafe = true
}

// keySpan bounds the keys a page may hold: from lo (inclusive) to hi
// (exclusive), nil meaning unbounded. bbolt finds a key by descending to
// the last branch element whose key is not above it, so a key outside the
// span its branch elements give is never found again, and a write there
// would put keys out of order.
type keySpan struct{ lo, hi []byte }

// holds reports whether k lies in the span and after prev (nil for a
// page's first key).
func (sp keySpan) holds(k, prev []byte) bool {
	return len(k) > 0 && (prev == nil || bytes.Compare(k, prev) > 0) &&
		(sp.lo == nil || bytes.Compare(k, sp.lo) >= 0) && (sp.hi == nil || bytes.Compare(k, sp.hi) < 0)
}

// misordered records a page whose keys are out of order or outside what
// the branch above it says: lookups miss keys there. bbolt can still read
// every page, so the file is damaged but safe to read.
func (w *treeWalker) misordered(where string, id uint64) {
	if id == 0 {
		w.r.add("%s: nøglerne står i forkert rækkefølge (en nøgle er ændret, så opslag fejler)", where)
		return
	}
	w.r.add("%s: nøglerne i side %d står i forkert rækkefølge eller passer ikke med siden over den (en nøgle er ændret, så opslag fejler)", where, id)
}

// packing checks how bbolt lays out a branch or leaf page: the element
// headers, then each element's key and value in order, back to back. A
// changed element count, position or size breaks the chain, even where
// every element still lies inside the page.
type packing struct {
	next  int // where the next element's data must start
	whole bool
}

func newPacking(count int) packing {
	return packing{next: pageHeaderSize + count*elemSize, whole: true}
}

func (p *packing) element(start, size int) {
	p.whole = p.whole && start == p.next
	p.next = start + size
}

func (w *treeWalker) unpacked(where string, id uint64) {
	if id == 0 {
		w.r.add("%s: elementerne ligger ikke, som de blev skrevet (et antal, en position eller en længde er ændret)", where)
		return
	}
	w.r.add("%s: elementerne i side %d ligger ikke, som de blev skrevet (et antal, en position eller en længde er ændret)", where, id)
}

// walkTree visits the tree under page id. For the root bucket's tree
// (top), leaf elements are buckets and are collected; for a data bucket
// only leaf headers are checked unless fn is set. Every key read is
// checked against span.
func (w *treeWalker) walkTree(id uint64, depth int, top bool, bucket string, fn func(k, v []byte)) {
	w.walkSpan(id, depth, top, bucket, fn, keySpan{})
}

func (w *treeWalker) walkSpan(id uint64, depth int, top bool, bucket string, fn func(k, v []byte), span keySpan) {
	where := "databasens rod"
	if bucket != "" {
		where = "samlingen »" + bucket + "«"
	}
	if id == 0 {
		return // an inline bucket lives in its parent's leaf
	}
	if id < 2 || id >= w.hwm {
		w.fail("%s: henvisning til side %d uden for filen", where, id)
		return
	}
	if depth > maxTreeDepth {
		w.fail("%s: træet er dybere end %d niveauer (en løkke)", where, maxTreeDepth)
		return
	}
	if w.seen[id] {
		w.fail("%s: side %d nås to gange (en løkke eller en delt side)", where, id)
		return
	}
	head, err := w.pr.read(id, pageHeaderSize)
	if err != nil {
		w.fail("%s: %v", where, err)
		return
	}
	le := binary.LittleEndian
	flags, count, overflow := le.Uint16(head[8:]), int(le.Uint16(head[10:])), uint64(le.Uint32(head[12:]))
	if got := le.Uint64(head[0:]); got != id {
		w.fail("%s: side %d har nummeret %d i sit sidehoved", where, id, got)
		return
	}
	if id+overflow >= w.hwm {
		w.fail("%s: side %d fortsætter uden for filen", where, id)
		return
	}
	for i := uint64(0); i <= overflow; i++ {
		if w.seen[id+i] {
			w.fail("%s: side %d nås to gange", where, id+i)
			return
		}
		w.seen[id+i] = true
	}
	size := int((overflow + 1) * uint64(w.pr.pageSize))
	switch {
	case flags != flagBranch && flags != flagLeaf:
		w.fail("%s: side %d er hverken gren eller blad (type %#x)", where, id, flags)
	case flags == flagBranch:
		if count == 0 || pageHeaderSize+count*elemSize > size {
			w.fail("%s: side %d har et ugyldigt antal elementer (%d)", where, id, count)
			return
		}
		page, err := w.pr.read(id, size)
		if err != nil {
			w.fail("%s: %v", where, err)
			return
		}
		keys := make([][]byte, count)
		ordered, packed := true, newPacking(count)
		for i := 0; i < count; i++ {
			off := pageHeaderSize + i*elemSize
			e := page[off:]
			pos, ksize := int(le.Uint32(e[0:])), int(le.Uint32(e[4:]))
			if pos < 0 || ksize <= 0 || off+pos+ksize > size {
				w.fail("%s: side %d, element %d ligger uden for siden", where, id, i)
				return
			}
			keys[i] = page[off+pos : off+pos+ksize]
			packed.element(off+pos, ksize)
			var prev []byte
			if i > 0 {
				prev = keys[i-1]
			}
			ordered = ordered && span.holds(keys[i], prev)
		}
		if !ordered {
			w.misordered(where, id)
		}
		if !packed.whole {
			w.unpacked(where, id)
		}
		for i := 0; i < count; i++ {
			child := keySpan{lo: keys[i], hi: span.hi}
			if i+1 < count {
				child.hi = keys[i+1]
			}
			e := page[pageHeaderSize+i*elemSize:]
			w.walkSpan(le.Uint64(e[8:]), depth+1, top, bucket, fn, child)
		}
	default:
		if pageHeaderSize+count*elemSize > size {
			w.fail("%s: side %d har et ugyldigt antal elementer (%d)", where, id, count)
			return
		}
		if count == 0 && depth > 0 {
			// bbolt removes a leaf that loses its last key; only an
			// empty bucket's root leaf is empty.
			w.unpacked(where, id)
		}
		if !top && fn == nil {
			return
		}
		page, err := w.pr.read(id, size)
		if err != nil {
			w.fail("%s: %v", where, err)
			return
		}
		if top {
			w.bucketsIn(page, id, count, size, where, span)
		} else {
			w.pairs(page, id, count, size, where, fn, span)
		}
	}
}

// bucketsIn reads the bucket headers in a leaf of the root bucket.
func (w *treeWalker) bucketsIn(page []byte, id uint64, count, size int, where string, span keySpan) {
	le := binary.LittleEndian
	var prev []byte
	ordered, packed := true, newPacking(count)
	defer func() {
		if !ordered {
			w.misordered(where, id)
		}
		if !packed.whole {
			w.unpacked(where, id)
		}
	}()
	for i := 0; i < count; i++ {
		off := pageHeaderSize + i*elemSize
		e := page[off:]
		flags, pos, ksize, vsize := le.Uint32(e[0:]), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		start := off + pos
		if pos < 0 || ksize < 0 || vsize < 0 || start+ksize+vsize > size || start < 0 {
			w.fail("%s: element %d ligger uden for siden", where, i)
			continue
		}
		if flags&leafBucketFlag == 0 || vsize < 16 {
			w.fail("%s: element %d er ikke en samling", where, i)
			continue
		}
		key := page[start : start+ksize]
		packed.element(start, ksize+vsize)
		ordered = ordered && span.holds(key, prev)
		prev = key
		name := string(key)
		value := page[start+ksize : start+ksize+vsize]
		root := le.Uint64(value)
		w.buckets = append(w.buckets, bucketRef{name: name, root: root, inline: value[16:]})
	}
}

// pairs calls fn for each key and value in a leaf page (id 0: a bucket
// kept in its parent's leaf).
func (w *treeWalker) pairs(page []byte, id uint64, count, size int, where string, fn func(k, v []byte), span keySpan) {
	le := binary.LittleEndian
	var prev []byte
	ordered, packed := true, newPacking(count)
	defer func() {
		if !ordered {
			w.misordered(where, id)
		}
		if !packed.whole {
			w.unpacked(where, id)
		}
	}()
	for i := 0; i < count; i++ {
		off := pageHeaderSize + i*elemSize
		e := page[off:]
		pos, ksize, vsize := int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		start := off + pos
		if pos < 0 || ksize < 0 || vsize < 0 || start < 0 || start+ksize+vsize > size {
			w.fail("%s: element %d ligger uden for siden", where, i)
			continue
		}
		k := page[start : start+ksize]
		packed.element(start, ksize+vsize)
		ordered = ordered && span.holds(k, prev)
		prev = k
		fn(k, page[start+ksize:start+ksize+vsize])
	}
}

// inlineLeaf reads a bucket stored inside its parent's leaf.
func (w *treeWalker) inlineLeaf(page []byte, fn func(k, v []byte), name string) {
	if len(page) < pageHeaderSize {
		w.fail("samlingen »%s« er ugyldig", name)
		return
	}
	le := binary.LittleEndian
	count := int(le.Uint16(page[10:]))
	if le.Uint16(page[8:])&flagLeaf == 0 || pageHeaderSize+count*elemSize > len(page) {
		w.fail("samlingen »%s« er ugyldig", name)
		return
	}
	w.pairs(page, 0, count, len(page), "samlingen »"+name+"«", fn, keySpan{})
}

// freelist checks that the free pages lie in the file and are not also in
// use.
func (w *treeWalker) freelist(id uint64) {
	head, err := w.pr.read(id, pageHeaderSize)
	le := binary.LittleEndian
	if err != nil || le.Uint16(head[8:]) != flagFreelist || le.Uint64(head[0:]) != id {
		w.fail("frilisten (side %d) kan ikke læses", id)
		return
	}
	count, overflow := uint64(le.Uint16(head[10:])), uint64(le.Uint32(head[12:]))
	if id+overflow >= w.hwm {
		w.fail("frilisten fortsætter uden for filen")
		return
	}
	for i := uint64(0); i <= overflow; i++ {
		if w.seen[id+i] {
			w.fail("frilisten (side %d) er også i brug", id+i)
			return
		}
		w.seen[id+i] = true
	}
	page, err := w.pr.read(id, int((overflow+1)*uint64(w.pr.pageSize)))
	if err != nil {
		w.fail("frilisten: %v", err)
		return
	}
	ids := page[pageHeaderSize:]
	if count == 0xFFFF {
		if len(ids) < 8 {
			w.fail("frilisten er ugyldig")
			return
		}
		count = le.Uint64(ids)
		ids = ids[8:]
	}
	if count*8 > uint64(len(ids)) {
		w.fail("frilisten har et ugyldigt antal sider (%d)", count)
		return
	}
	for i := uint64(0); i < count; i++ {
		free := le.Uint64(ids[i*8:])
		switch {
		case free < 2 || free >= w.hwm:
			w.fail("frilisten nævner side %d uden for filen", free)
			return
		case w.seen[free]:
			w.fail("side %d er både i brug og fri", free)
			return
		}
	}
}
