// Package standards holds the municipal quality standards as embedded data
// files, validates them on load, and turns an assessment into suggested
// provisions with their reasons.
package standards

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/vumdk/vum/domain"
)

//go:embed data/*.toml
var embedded embed.FS

// methodFile is the name of the file holding the default assessment
// method (VUM's original) and its rules; further methods sit in files
// named method-ID.toml (method-vum2.toml).
const methodFile = "method.toml"

// isMethodFile reports whether a file holds a method rather than a
// standard.
func isMethodFile(name string) bool {
	return name == methodFile || strings.HasPrefix(name, "method-")
}

// Catalog is every loaded standard with the methods they are used with.
type Catalog struct {
	// Method and Defaults are the default method (VUM's original) and its
	// rules: a standard that names no method uses them.
	Method   *domain.Method
	Defaults Rules
	// Laws are the default method file's consolidated acts; each
	// standard's Laws has them merged in.
	Laws      Laws
	methods   map[string]*methodEntry
	standards []*Standard
	byID      map[string]*Standard // municipality id -> its standard
}

// methodEntry is one loaded method with its default rules and laws.
type methodEntry struct {
	method *domain.Method
	rules  Rules
	laws   Laws
}

// sourceFile is one TOML file and where it came from.
type sourceFile struct {
	name   string // base name, used in messages
	origin string // "indlejret" or the folder it was read from
	data   []byte
}

// Embedded loads the standards built into the binary.
func Embedded() (*Catalog, error) {
	files, err := embeddedFiles()
	if err != nil {
		return nil, err
	}
	return build(files)
}

// LoadDir loads the embedded standards with the files of dir laid over
// them: a file in dir replaces the embedded standard with the same id (and
// method.toml replaces the method), so a municipality can update its own
// standard without rebuilding. Every file is validated.
func LoadDir(dir string) (*Catalog, error) {
	base, err := embeddedFiles()
	if err != nil {
		return nil, err
	}
	extra, err := dirFiles(dir)
	if err != nil {
		return nil, err
	}
	return build(append(base, extra...))
}

func embeddedFiles() ([]sourceFile, error) {
	entries, err := fs.ReadDir(embedded, "data")
	if err != nil {
		return nil, err
	}
	var out []sourceFile
	for _, e := range entries {
		data, err := fs.ReadFile(embedded, "data/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, sourceFile{name: e.Name(), origin: "indlejret", data: data})
	}
	return out, nil
}

func dirFiles(dir string) ([]sourceFile, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("standardmappen %s findes ikke eller er ikke en mappe", dir)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("standardmappen %s indeholder ingen .toml-filer", dir)
	}
	sort.Strings(paths)
	var out []sourceFile
	for _, p := range paths {
		data, err := readLimited(p)
		if err != nil {
			return nil, err
		}
		out = append(out, sourceFile{name: filepath.Base(p), origin: dir, data: data})
	}
	return out, nil
}

// LoadError lists every problem found in the standard files.
type LoadError struct {
	Problems domain.Problems
}

func (e *LoadError) Error() string {
	return "kvalitetsstandarderne kan ikke indlæses:\n" + capProblems(e.Problems)
}

// build parses and validates files; later files replace earlier ones with
// the same standard id.
func build(files []sourceFile) (*Catalog, error) {
	var problems domain.Problems
	methods := parseMethods(files, &problems)
	def, ok := methods[domain.DefaultMethodID]
	if !ok {
		if len(problems) == 0 {
			problems.Add(methodFile, "metodefilen mangler")
		}
		return nil, &LoadError{problems}
	}
	var standards []*Standard
	for _, f := range files {
		if isMethodFile(f.name) {
			continue
		}
		s := parseStandard(f, methods, &problems)
		if s == nil {
			continue
		}
		if other := sameFolderID(standards, s); other != nil {
			problems.Add(f.origin+"/"+f.name, "standarden %q findes også i %s; hver standard må kun ligge i én fil", s.ID, other.File)
			continue
		}
		standards = replaceByID(standards, s)
	}
	c := &Catalog{Method: def.method, Defaults: def.rules, Laws: def.laws, methods: methods, standards: standards, byID: map[string]*Standard{}}
	for _, s := range standards {
		for _, m := range s.Municipalities {
			if other, dup := c.byID[m.ID]; dup {
				problems.Add(s.Origin+"/"+s.ID, "kommunen %q findes også i standarden %q", m.ID, other.ID)
			}
			c.byID[m.ID] = s.forMunicipality(m.ID)
		}
	}
	if len(problems) > 0 {
		return nil, &LoadError{problems}
	}
	return c, nil
}

// forMunicipality returns s as municipality id sees it: without the
// provisions its file reserves for the other municipalities sharing it
// (Ishøj's own § 82 a standard in the joint Ishøj/Vallensbæk catalogue).
func (s *Standard) forMunicipality(id string) *Standard {
	keep := make([]*ProvisionStandard, 0, len(s.Provisions))
	for _, p := range s.Provisions {
		if len(p.Municipalities) == 0 || slices.Contains(p.Municipalities, id) {
			keep = append(keep, p)
		}
	}
	if len(keep) == len(s.Provisions) {
		return s
	}
	view := *s
	view.Provisions = keep
	return &view
}

// sameFolderID returns a standard with s's id read from the same folder:
// two files with one id are refused rather than one silently winning.
func sameFolderID(list []*Standard, s *Standard) *Standard {
	for _, old := range list {
		if old.ID == s.ID && old.Origin == s.Origin && s.Origin != "indlejret" {
			return old
		}
	}
	return nil
}

func replaceByID(list []*Standard, s *Standard) []*Standard {
	for i, old := range list {
		if old.ID == s.ID {
			list[i] = s
			return list
		}
	}
	return append(list, s)
}

// parseMethods reads every method file by the method's id; a later file
// with the same id (a folder's) replaces an earlier one. method.toml
// without an id is the default method. Each method's laws default to the
// default method's.
func parseMethods(files []sourceFile, problems *domain.Problems) map[string]*methodEntry {
	out := map[string]*methodEntry{}
	for i := range files {
		f := &files[i]
		if !isMethodFile(f.name) {
			continue
		}
		var doc struct {
			domain.Method
			Rules Rules `toml:"rules"`
			Laws  Laws  `toml:"law"`
		}
		v := newValidator(f, problems)
		if err := checkShape(f.data); err != nil {
			v.add("", "%v", err)
			continue
		}
		md, err := toml.Decode(string(f.data), &doc)
		if err != nil {
			v.syntax(err, f.data)
			continue
		}
		v.undecoded(md)
		if doc.ID == "" && f.name == methodFile {
			doc.ID = domain.DefaultMethodID
		}
		v.method(&doc.Method)
		v.rules(&doc.Rules, &doc.Method)
		if v.failed() {
			continue
		}
		out[doc.ID] = &methodEntry{method: &doc.Method, rules: doc.Rules, laws: doc.Laws}
	}
	if def, ok := out[domain.DefaultMethodID]; ok {
		for _, e := range out {
			e.laws = e.laws.merge(def.laws)
		}
	}
	return out
}

func parseStandard(f sourceFile, methods map[string]*methodEntry, problems *domain.Problems) *Standard {
	v := newValidator(&f, problems)
	// A standard's rules start from its method's: the file is read with
	// the default method's rules, and read again with its own method's
	// where it names another.
	def := methods[domain.DefaultMethodID]
	s := &Standard{Rules: def.rules.clone(), Origin: f.origin, File: f.name}
	if err := checkShape(f.data); err != nil {
		v.add("", "%v", err)
		return nil
	}
	md, err := toml.Decode(string(f.data), s)
	if err != nil {
		v.syntax(err, f.data)
		return nil
	}
	entry, ok := methods[s.MethodID()]
	if !ok {
		v.add("method", "ukendt metode %q; kendte metoder: %s", s.Method, strings.Join(methodIDs(methods), ", "))
		return nil
	}
	if entry != def {
		s = &Standard{Rules: entry.rules.clone(), Origin: f.origin, File: f.name}
		if md, err = toml.Decode(string(f.data), s); err != nil {
			v.syntax(err, f.data)
			return nil
		}
	}
	v.undecoded(md)
	s.MethodDef = entry.method
	s.Laws = s.Laws.merge(entry.laws)
	v.standard(s, entry.method)
	if v.failed() {
		return nil
	}
	return s
}

func methodIDs(methods map[string]*methodEntry) []string {
	ids := make([]string, 0, len(methods))
	for id := range methods {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// clone copies r so that one standard's overrides never leak into another.
func (r Rules) clone() Rules {
	c := r
	c.Order = append([]domain.ProvisionID(nil), r.Order...)
	c.Early.Provisions = append([]domain.ProvisionID(nil), r.Early.Provisions...)
	c.Support.Living = append([]domain.Living(nil), r.Support.Living...)
	c.Support.LevelPoints = append([]int(nil), r.Support.LevelPoints...)
	c.Relief.Living = append([]domain.Living(nil), r.Relief.Living...)
	return c
}

// Municipalities returns the known municipality ids, sorted.
func (c *Catalog) Municipalities() []string {
	ids := make([]string, 0, len(c.byID))
	for id := range c.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Standards returns the loaded standards in load order.
func (c *Catalog) Standards() []*Standard { return c.standards }

// ForMunicipality returns the standard a municipality uses and its entry.
func (c *Catalog) ForMunicipality(id string) (*Standard, Municipality, bool) {
	s, ok := c.byID[id]
	if !ok {
		return nil, Municipality{}, false
	}
	m, _ := s.Municipality(id)
	return s, m, true
}

// UnknownMunicipality is the Danish error for an id without a standard.
func (c *Catalog) UnknownMunicipality(id string) error {
	return fmt.Errorf("ukendt kommune %q; kendte kommuner: %s", id, strings.Join(c.Municipalities(), ", "))
}

// Vocabulary returns what case files are checked against.
func (c *Catalog) Vocabulary(today domain.Date) domain.Vocabulary {
	methods := make(map[string]*domain.Method, len(c.methods))
	for id, e := range c.methods {
		methods[id] = e.method
	}
	byMunicipality := make(map[string]string, len(c.byID))
	for id, s := range c.byID {
		byMunicipality[id] = s.MethodID()
	}
	return domain.Vocabulary{Method: c.Method, Methods: methods, MunicipalityMethods: byMunicipality,
		Municipalities: c.Municipalities(), Today: today}
}

// Methods returns the loaded assessment methods, the default first, then
// by id.
func (c *Catalog) Methods() []*domain.Method {
	out := []*domain.Method{c.Method}
	for _, id := range methodIDs(c.methods) {
		if id != domain.DefaultMethodID {
			out = append(out, c.methods[id].method)
		}
	}
	return out
}

// MethodByID returns the method with id; an empty id is the default
// method, which every assessment recorded before methods were named was
// made under.
func (c *Catalog) MethodByID(id string) (*domain.Method, bool) {
	e, ok := c.methods[domain.MethodID(id)]
	if !ok {
		return nil, false
	}
	return e.method, true
}

// MethodOf returns the method an assessment recorded under id is read
// with: that method when loaded, else the default one.
func (c *Catalog) MethodOf(id string) *domain.Method {
	if m, ok := c.MethodByID(id); ok {
		return m
	}
	return c.Method
}

// MethodFor returns the method municipality id assesses with now.
func (c *Catalog) MethodFor(id string) *domain.Method {
	if s, ok := c.byID[id]; ok && s.MethodDef != nil {
		return s.MethodDef
	}
	return c.Method
}

// MunicipalitiesUsing returns the municipalities whose standard names
// method id, sorted.
func (c *Catalog) MunicipalitiesUsing(id string) []string {
	var out []string
	for _, m := range c.Municipalities() {
		if c.byID[m].MethodID() == domain.MethodID(id) {
			out = append(out, m)
		}
	}
	return out
}

// MunicipalityName returns a municipality's name, or its id when unknown.
func (c *Catalog) MunicipalityName(id string) string {
	if _, m, ok := c.ForMunicipality(id); ok && m.Name != "" {
		return m.Name
	}
	return id
}
