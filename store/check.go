package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// CheckReport is what Check found.
type CheckReport struct {
	Cases     int      `json:"cases"`
	Due       int      `json:"due"`
	Audit     int      `json:"audit"`
	Decisions int      `json:"decisions"`
	Problems  []string `json:"problems"`
	// RolledBack is true when the newest meta page was lost, so the file
	// shows the state before its last change.
	RolledBack bool `json:"rolled_back"`
}

// OK reports whether no problem was found.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// maxProblems caps the list: a badly damaged file would otherwise fill
// the terminal and memory with one line per record.
const maxProblems = 200

// bucketCheck checks one bucket: entry is called for every key and value
// (in key order, after every bucket before it in bucketChecks), and final
// once afterwards for cross-checks. A new bucket is checked by adding a
// row to bucketChecks.
type bucketCheck struct {
	name     []byte
	entry    func(c *checker, k, v []byte)
	final    func(c *checker)
	optional bool // made on first use; older files lack it
}

// bucketChecks lists every bucket of the store in the order they are
// checked: cases first, since the indexes are checked against them.
var bucketChecks = []bucketCheck{
	{name: bucketMeta, entry: (*checker).meta, final: (*checker).metaComplete},
	{name: bucketCases, entry: (*checker).caseEntry},
	{name: bucketSummaries, entry: (*checker).summaryEntry, final: (*checker).summariesComplete},
	{name: bucketDue, entry: (*checker).dueEntry, final: (*checker).dueComplete},
	{name: bucketCitizens, entry: (*checker).citizenEntry, final: (*checker).citizensComplete},
	{name: bucketEvents, entry: (*checker).eventEntry},
	{name: bucketDrafts, entry: (*checker).draftEntry},
	{name: bucketAudit, entry: (*checker).auditEntry},
	{name: bucketAuditByCase, entry: (*checker).auditIndexEntry, final: (*checker).auditIndexComplete},
	{name: bucketAccess, entry: (*checker).accessEntry, optional: true},
	{name: bucketAccessByCase, entry: (*checker).accessIndexEntry, final: (*checker).accessIndexComplete, optional: true},
	{name: bucketAccessAll, entry: (*checker).accessAllEntry, final: (*checker).accessAllComplete, optional: true},
	{name: bucketSettings, entry: (*checker).jsonEntry, optional: true},
}

// caseFacts is what the indexes must agree with, kept small per case.
type caseFacts struct {
	due      map[string]*dueFact // due index keys, one for each active grant
	events   int                 // events the case's version says it has
	citizen  string
	summary  uint64 // hash of the summary the case implies
	summary0 bool   // the summary was seen
	citizen0 bool
}

// dueFact is what a due index entry must hold.
type dueFact struct {
	entry dueEntry
	seen  bool
}

type checker struct {
	s        *Store
	tx       *bolt.Tx
	r        *CheckReport
	bucket   string
	cases    map[string]*caseFacts
	cprKey   []byte
	metaKeys map[string]bool
	// index entries the audit trail and the access log imply, and those
	// found; every one found is checked against its entry, so equal
	// counts mean none is missing.
	auditIndexed, auditIndexFound   int
	accessIndexed, accessIndexFound int
	accessAll, accessAllFound       int
}

func (c *checker) problem(format string, args ...any) {
	if len(c.r.Problems) == maxProblems {
		c.r.Problems = append(c.r.Problems, "... flere fejl er udeladt")
	}
	if len(c.r.Problems) > maxProblems {
		return
	}
	c.r.Problems = append(c.r.Problems, fmt.Sprintf(format, args...))
}

// keyText shows a key in a message: damaged keys may hold any byte.
func keyText(k []byte) string {
	return fmt.Sprintf("%q", k)
}

// Check verifies the store: the file's meta pages and every page of its
// tree (each reached once: a page reached twice is a cycle), bbolt's own
// page check, that every value in every bucket can be read, and that the
// summaries, the due index and the citizen index agree with the cases. It
// changes nothing, and its time and memory grow with the file only.
func (s *Store) Check() (CheckReport, error) {
	r := CheckReport{Problems: []string{}}
	file, err := inspectFile(s.path, true)
	if err != nil {
		return r, err
	}
	r.RolledBack = file.lostNewest
	for _, p := range file.problems {
		r.Problems = append(r.Problems, "fil: "+p)
	}
	if file.unsafe {
		return r, nil // reading on could crash or loop
	}
	// What opening the file checks (every value's checksum or
	// decryption, ids and index keys), whatever the file's size.
	seen := map[string]bool{}
	for _, p := range r.Problems {
		seen[p] = true
	}
	for _, p := range s.verifyValues() {
		if !seen["fil: "+p] {
			r.Problems = append(r.Problems, p)
		}
	}
	// bbolt's own tx.Check is not used: it reads the pages on a goroutine
	// of its own, where a memory fault cannot be contained. inspectFile
	// has walked every page already.
	err = s.view(func(tx *bolt.Tx) error {
		c := &checker{s: s, tx: tx, r: &r, cases: map[string]*caseFacts{}, metaKeys: map[string]bool{}}
		if tx.Bucket(bucketMeta) != nil {
			c.cprKey = s.cprKey(tx)
		}
		known := map[string]bool{}
		for _, bc := range bucketChecks {
			known[string(bc.name)] = true
			c.bucket = string(bc.name)
			b := tx.Bucket(bc.name)
			if b == nil {
				if !bc.optional {
					c.problem("samlingen »%s« mangler", bc.name)
				} else if bc.final != nil {
					bc.final(c) // what other buckets imply must be there
				}
				continue
			}
			b.ForEach(func(k, v []byte) error {
				if v == nil {
					c.problem("%s/%s: uventet undersamling", bc.name, keyText(k))
					return nil
				}
				bc.entry(c, k, v)
				return nil
			})
			if bc.final != nil {
				bc.final(c)
			}
		}
		tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if !known[string(name)] {
				c.problem("ukendt samling %s", keyText(name))
			}
			return nil
		})
		return nil
	})
	if err != nil {
		r.Problems = append(r.Problems, "læsning: "+err.Error())
	}
	return r, nil
}

// CheckFile checks the store at path without taking it into use: a file
// too damaged to open is described rather than refused.
func CheckFile(path string, opt Options) (CheckReport, error) {
	r := CheckReport{Problems: []string{}}
	file, err := inspectFile(path, true)
	if err != nil {
		return r, openError(path, ErrNotVum, "filen kan ikke læses", "", err)
	}
	if file.unsafe {
		r.RolledBack = file.lostNewest
		for _, p := range file.problems {
			r.Problems = append(r.Problems, "fil: "+p)
		}
		return r, nil
	}
	opt.ReadOnly, opt.Damaged = true, true
	s, err := Open(path, opt)
	if err != nil {
		return r, err
	}
	defer s.Close()
	return s.Check()
}

// value decodes v into into. A value that fails its checksum or
// decryption is reported by verifyValues already.
func (c *checker) value(k, v []byte, into any) bool {
	plain, err := c.s.codec.Open(v)
	if err != nil {
		return false
	}
	if err := json.Unmarshal(plain, into); err != nil {
		c.problem("%s/%s: en værdi i databasen kan ikke læses: %v", c.bucket, keyText(k), err)
		return false
	}
	return true
}

func (c *checker) meta(k, v []byte) {
	c.metaKeys[string(k)] = true
	switch string(k) {
	case string(metaMagic):
		if !bytes.Equal(v, magicValue) {
			c.problem("meta: mærket er forkert")
		}
	case string(metaSchema):
		if len(v) != 4 || int(binary.BigEndian.Uint32(v)) != currentSchema {
			c.problem("meta: skemaversionen er ugyldig")
		}
	case string(metaCreated):
		var t time.Time
		if t.UnmarshalText(v) != nil {
			c.problem("meta: oprettelsestidspunktet er ugyldigt")
		}
	case string(metaCPRKey):
		if len(c.cprKey) != 32 {
			c.problem("meta: nøglen til CPR-indekset er ugyldig")
		}
	case string(metaEncryption):
		if c.s.header == nil {
			c.problem("meta: krypteringshovedet kan ikke læses")
		}
	default:
		c.problem("meta: ukendt nøgle %s", keyText(k))
	}
}

func (c *checker) metaComplete() {
	for _, k := range [][]byte{metaMagic, metaSchema, metaCreated, metaCPRKey} {
		if !c.metaKeys[string(k)] {
			c.problem("meta: %s mangler", k)
		}
	}
}

func hashJSON(v any) uint64 {
	data, _ := json.Marshal(v)
	h := fnv.New64a()
	h.Write(data)
	return h.Sum64()
}

func (c *checker) caseEntry(k, v []byte) {
	c.r.Cases++
	var h caseHeader
	if !c.value(k, v, &h) {
		return
	}
	id := string(k)
	cas, err := c.s.getCase(c.tx, id)
	if err != nil {
		c.problem("sag %s: %v", keyText(k), err)
		return
	}
	c.r.Decisions += len(cas.Grants) + len(cas.Refusals)
	f := &caseFacts{summary: hashJSON(summarize(cas, h.Updated)), due: map[string]*dueFact{}, events: h.Version}
	for _, g := range cas.Active() {
		if !g.FollowUpDue.IsZero() {
			f.due[string(dueKey(g.FollowUpDue, id, g.ID))] = &dueFact{entry: dueEntry{Name: cas.Citizen.Name, Provision: g.Provision, Responsible: cas.Responsible}}
		}
	}
	if c.cprKey != nil {
		f.citizen = string(citizenKeyWith(c.cprKey, cas.Citizen, id))
	}
	c.cases[id] = f
}

// eventEntry checks an event kept under "caseID/seq": its value can be
// read and its case exists and counts it.
func (c *checker) eventEntry(k, v []byte) {
	var e json.RawMessage
	if !c.value(k, v, &e) {
		return
	}
	id, seq, ok := strings.Cut(string(k), "/")
	f := c.cases[id]
	n, err := strconv.Atoi(seq)
	if !ok || f == nil || err != nil || n < 1 || n > f.events {
		c.problem("hændelse %s: sagen findes ikke eller har ikke den hændelse", keyText(k))
	}
}

// draftEntry checks an assessment in progress: it can be read and its
// case exists.
func (c *checker) draftEntry(k, v []byte) {
	var d domain.Draft
	if !c.value(k, v, &d) {
		return
	}
	if c.cases[string(k)] == nil {
		c.problem("udredning i gang %s: sagen findes ikke", keyText(k))
	}
}

func (c *checker) summaryEntry(k, v []byte) {
	var sum Summary
	if !c.value(k, v, &sum) {
		return
	}
	f := c.cases[string(k)]
	switch {
	case f == nil:
		c.problem("oversigten %s: sagen findes ikke", keyText(k))
	case hashJSON(sum) != f.summary:
		f.summary0 = true
		c.problem("oversigten %s: passer ikke med sagen", keyText(k))
	default:
		f.summary0 = true
	}
}

func (c *checker) summariesComplete() {
	for id, f := range c.cases {
		if !f.summary0 {
			c.problem("sag %s: mangler i oversigten", id)
		}
	}
}

func (c *checker) dueEntry(k, v []byte) {
	c.r.Due++
	_, caseID, _, err := parseDueKey(k)
	if err != nil {
		c.problem("opfølgningsindeks %s: ugyldig nøgle", keyText(k))
		return
	}
	var e dueEntry
	if !c.value(k, v, &e) {
		return
	}
	f := c.cases[caseID]
	if f == nil {
		c.problem("opfølgningsindeks %s: sagen findes ikke", keyText(k))
		return
	}
	want, ok := f.due[string(k)]
	if !ok {
		c.problem("opfølgningsindeks %s: passer ikke med sagens opfølgninger", keyText(k))
		return
	}
	want.seen = true
	if e.Name != want.entry.Name || e.Provision != want.entry.Provision || e.Responsible != want.entry.Responsible {
		c.problem("opfølgningsindeks %s: navn, ydelse eller sagsbehandler passer ikke med sagen", keyText(k))
	}
}

func (c *checker) dueComplete() {
	for id, f := range c.cases {
		for k, want := range f.due {
			if !want.seen {
				c.problem("sag %s: opfølgningen %s mangler i indekset", id, k[:8])
			}
		}
	}
}

func (c *checker) citizenEntry(k, _ []byte) {
	i := bytes.IndexByte(k, '/')
	if i < 0 {
		c.problem("borgerindeks %s: ugyldig nøgle", keyText(k))
		return
	}
	f := c.cases[string(k[i+1:])]
	switch {
	case f == nil:
		c.problem("borgerindeks %s: sagen findes ikke", keyText(k))
	case f.citizen != string(k):
		c.problem("borgerindeks %s: passer ikke med sagens CPR-nummer", keyText(k))
	default:
		f.citizen0 = true
	}
}

func (c *checker) citizensComplete() {
	for id, f := range c.cases {
		if f.citizen != "" && !f.citizen0 {
			c.problem("sag %s: mangler i borgerindekset", id)
		}
	}
}

func (c *checker) auditEntry(k, v []byte) {
	c.r.Audit++
	var e AuditEntry
	if !c.value(k, v, &e) {
		return
	}
	if e.ID != string(k) {
		c.problem("logbogen %s: nøglen passer ikke med postens id", keyText(k))
	}
	if e.CaseID != "" {
		c.auditIndexed++
	}
}

func (c *checker) auditIndexEntry(k, _ []byte) {
	caseID, auditID, ok := strings.Cut(string(k), "/")
	if !ok {
		c.problem("logbogens sagsindeks %s: ugyldig nøgle", keyText(k))
		return
	}
	raw := c.tx.Bucket(bucketAudit).Get([]byte(auditID))
	var e AuditEntry
	if raw == nil || c.s.decode(raw, &e) != nil || e.CaseID != caseID {
		c.problem("logbogens sagsindeks %s: posten findes ikke eller hører til en anden sag", keyText(k))
		return
	}
	c.auditIndexFound++
}

func (c *checker) auditIndexComplete() {
	if c.auditIndexFound != c.auditIndexed {
		c.problem("logbogens sagsindeks: %d af logbogens %d poster om en sag mangler", c.auditIndexed-c.auditIndexFound, c.auditIndexed)
	}
}

func (c *checker) accessEntry(k, v []byte) {
	var e AccessEntry
	if !c.value(k, v, &e) {
		return
	}
	if e.ID != string(k) {
		c.problem("adgangsloggen %s: nøglen passer ikke med postens id", keyText(k))
	}
	cases := map[string]bool{}
	for _, id := range e.Cases {
		cases[id] = true
	}
	c.accessIndexed += len(cases)
	if e.All {
		c.accessAll++
	}
}

// accessOf reads the access log entry id.
func (c *checker) accessOf(id string) (AccessEntry, bool) {
	var e AccessEntry
	b := c.tx.Bucket(bucketAccess)
	if b == nil {
		return e, false
	}
	raw := b.Get([]byte(id))
	return e, raw != nil && c.s.decode(raw, &e) == nil
}

func (c *checker) accessIndexEntry(k, _ []byte) {
	caseID, id, ok := strings.Cut(string(k), "/")
	e, found := c.accessOf(id)
	if !ok || !found || !slices.Contains(e.Cases, caseID) {
		c.problem("adgangsloggens sagsindeks %s: posten findes ikke eller nævner ikke sagen", keyText(k))
		return
	}
	c.accessIndexFound++
}

func (c *checker) accessIndexComplete() {
	if c.accessIndexFound != c.accessIndexed {
		c.problem("adgangsloggens sagsindeks: %d af %d henvisninger til sager mangler", c.accessIndexed-c.accessIndexFound, c.accessIndexed)
	}
}

func (c *checker) accessAllEntry(k, _ []byte) {
	if e, found := c.accessOf(string(k)); !found || !e.All {
		c.problem("adgangsloggens indeks over adgange til alle sager %s: posten findes ikke eller gjaldt ikke alle sager", keyText(k))
		return
	}
	c.accessAllFound++
}

func (c *checker) accessAllComplete() {
	if c.accessAllFound != c.accessAll {
		c.problem("adgangsloggens indeks over adgange til alle sager: %d af %d poster mangler", c.accessAll-c.accessAllFound, c.accessAll)
	}
}

func (c *checker) jsonEntry(k, v []byte) {
	var raw json.RawMessage
	c.value(k, v, &raw)
}
