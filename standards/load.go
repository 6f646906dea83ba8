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

// methodFile is the name of the file holding the assessment method and the
// default rules.
const methodFile = "method.toml"

// Catalog is every loaded standard with the method they are used with.
type Catalog struct {
	Method   *domain.Method
	Defaults Rules
	// Laws are the method file's consolidated acts; each standard's Laws
	// has them merged in.
	Laws      Laws
	standards []*Standard
	byID      map[string]*Standard // municipality id -> its standard
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
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("kan ikke læse %s: %v", p, err)
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
	return "kvalitetsstandarderne kan ikke indlæses:\n" + e.Problems.Error()
}

// build parses and validates files; later files replace earlier ones with
// the same standard id.
func build(files []sourceFile) (*Catalog, error) {
	var problems domain.Problems
	method, defaults, laws := parseMethod(files, &problems)
	if method == nil {
		return nil, &LoadError{problems}
	}
	var standards []*Standard
	for _, f := range files {
		if f.name == methodFile {
			continue
		}
		s := parseStandard(f, method, defaults, laws, &problems)
		if s == nil {
			continue
		}
		standards = replaceByID(standards, s)
	}
	c := &Catalog{Method: method, Defaults: defaults, Laws: laws, standards: standards, byID: map[string]*Standard{}}
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

func replaceByID(list []*Standard, s *Standard) []*Standard {
	for i, old := range list {
		if old.ID == s.ID {
			list[i] = s
			return list
		}
	}
	return append(list, s)
}

// parseMethod reads the last method file given (a folder's replaces the
// embedded one).
func parseMethod(files []sourceFile, problems *domain.Problems) (*domain.Method, Rules, Laws) {
	var chosen *sourceFile
	for i := range files {
		if files[i].name == methodFile {
			chosen = &files[i]
		}
	}
	if chosen == nil {
		problems.Add(methodFile, "metodefilen mangler")
		return nil, Rules{}, Laws{}
	}
	var doc struct {
		domain.Method
		Rules Rules `toml:"rules"`
		Laws  Laws  `toml:"law"`
	}
	v := newValidator(chosen, problems)
	md, err := toml.Decode(string(chosen.data), &doc)
	if err != nil {
		v.syntax(err, chosen.data)
		return nil, Rules{}, Laws{}
	}
	v.undecoded(md)
	v.method(&doc.Method)
	v.rules(&doc.Rules, &doc.Method)
	if v.failed() {
		return nil, Rules{}, Laws{}
	}
	return &doc.Method, doc.Rules, doc.Laws
}

func parseStandard(f sourceFile, method *domain.Method, defaults Rules, laws Laws, problems *domain.Problems) *Standard {
	s := &Standard{Rules: defaults.clone(), Origin: f.origin}
	v := newValidator(&f, problems)
	md, err := toml.Decode(string(f.data), s)
	if err != nil {
		v.syntax(err, f.data)
		return nil
	}
	v.undecoded(md)
	s.Laws = s.Laws.merge(laws)
	v.standard(s, method)
	if v.failed() {
		return nil
	}
	return s
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
	return domain.Vocabulary{Method: c.Method, Municipalities: c.Municipalities(), Today: today}
}

// MunicipalityName returns a municipality's name, or its id when unknown.
func (c *Catalog) MunicipalityName(id string) string {
	if _, m, ok := c.ForMunicipality(id); ok && m.Name != "" {
		return m.Name
	}
	return id
}
