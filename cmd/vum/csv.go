package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

// excelCSV writes CSV the way Danish Excel opens it with a double click:
// UTF-8 with a byte order mark (else æøå turn into Ã¦ and the like),
// semicolons between cells (the comma is the decimal mark), CRLF line
// ends. Every cell goes through safeCell, so nothing is read as a formula.
type excelCSV struct {
	w   *csv.Writer
	bom bool
	out io.Writer
	err error
}

// utf8BOM tells Excel the file is UTF-8.
const utf8BOM = "\uFEFF"

func newExcelCSV(w io.Writer) *excelCSV {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	return &excelCSV{w: cw, out: w}
}

// Write writes one row, the byte order mark before the first.
func (x *excelCSV) Write(cells []string) error {
	if x.err != nil {
		return x.err
	}
	if !x.bom {
		x.bom = true
		if _, x.err = io.WriteString(x.out, utf8BOM); x.err != nil {
			return x.err
		}
	}
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = safeCell(c)
	}
	x.err = x.w.Write(safe)
	return x.err
}

// Flush writes what is buffered and reports the first error.
func (x *excelCSV) Flush() error {
	x.w.Flush()
	if x.err != nil {
		return x.err
	}
	return x.w.Error()
}

// safeCell keeps a spreadsheet from running a cell as a formula (CSV
// injection): a cell that begins with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which Excel shows as text and hides.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// danishBool is how the spreadsheets show yes and no.
func danishBool(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}

// danishDate writes DD-MM-ÅÅÅÅ, empty for no date.
func danishDate(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Danish()
}

// section writes a provision as the law's section, "§ 85", not its slug.
func section(id domain.ProvisionID) string {
	if id == "" {
		return ""
	}
	if p, ok := domain.LookupProvision(id); ok {
		return p.Section
	}
	return string(id)
}

// Cells for a theme that carries no level.
const (
	cellNotRelevant = "ikke relevant"
	cellNotAssessed = "ikke vurderet"
	cellBegun       = "påbegyndt, uden niveau"
	cellWords       = "beskrevet med ord"
)

// themeCell writes a theme's level, or says why there is none: a theme
// the method describes in words is said to be so, not to be begun.
func themeCell(m *domain.Method, a domain.Assessment, slug string) string {
	t, ok := a.Themes[slug]
	switch {
	case !ok:
		return cellNotAssessed
	case t.NotRelevant:
		return cellNotRelevant
	case t.Unscored && m.ThemeLevel(slug) != domain.LevelRequired:
		return cellWords
	case t.Unscored:
		return cellBegun
	}
	return strconv.Itoa(t.Level)
}

// supportSlugs are the themes of a method with a støttebehov scale, which
// get a støttebehov column; none for a method without one.
func supportSlugs(m *domain.Method) []string {
	if len(m.SupportLevels) == 0 {
		return nil
	}
	return m.ThemeSlugs()
}

// csvMethods are the methods whose themes get columns: the default
// method's, then every other method a municipality's standard names.
func csvMethods(cat *standards.Catalog) []*domain.Method {
	out := []*domain.Method{cat.Method}
	for _, m := range cat.Methods()[1:] {
		if len(cat.MunicipalitiesUsing(m.ID)) > 0 {
			out = append(out, m)
		}
	}
	return out
}

func exportCSV(w io.Writer, s store.Backend, cat *standards.Catalog) error {
	x := newExcelCSV(w)
	methods := csvMethods(cat)
	header := []string{"Sag", "Kommune", "Navn", "CPR (maskeret)", "Boform", "Ansøgningsdato",
		"Ydelse", "Niveau", "Omfang", "Afslag", "Afgørelsesdato", "Næste opfølgning", "Støttetimer pr. uge"}
	if len(methods) > 1 {
		// Several methods: the assessment's method, and each method's
		// themes under its name; a case fills its own method's columns.
		header = append(header, "Metode")
	}
	for i, m := range methods {
		for _, slug := range m.ThemeSlugs() {
			if i == 0 {
				header = append(header, m.ThemeName(slug))
			} else {
				header = append(header, m.Name+": "+m.ThemeName(slug))
			}
		}
		// A method with støttebehov per theme (VUM 2.0) gives each theme
		// a støttebehov column, and its indsatsformål one of its own.
		support := strings.ToLower(m.Term(func(t domain.Terms) string { return t.Support }))
		for _, slug := range supportSlugs(m) {
			header = append(header, m.Name+": "+m.ThemeName(slug)+", "+support)
		}
		if len(m.GoalTypes) > 0 {
			header = append(header, m.Name+": "+m.Term(func(t domain.Terms) string { return t.Purpose }))
		}
	}
	x.Write(header)
	err := s.Export("csv", func(ec store.ExportCase) error {
		c, err := domain.Replay(ec.ID, ec.Events)
		if err != nil {
			return err
		}
		row := []string{c.ID, cat.MunicipalityName(c.Municipality), c.Citizen.Name, c.Citizen.MaskedID(), c.Citizen.Living.Label(), danishDate(c.ApplicationDate)}
		var provisions, tiers, scopes, refused []string
		for _, g := range c.Active() {
			provisions = append(provisions, section(g.Provision))
			if g.Tier != "" {
				tiers = append(tiers, g.Tier)
			}
			if sc := g.Scope.Danish(g.Provision, ""); sc != "" {
				scopes = append(scopes, section(g.Provision)+": "+sc)
			}
		}
		for _, r := range c.Refusals {
			refused = append(refused, section(r.Provision))
		}
		if len(provisions) == 0 {
			provisions = refused
		}
		var decided domain.Date
		for _, e := range c.Events {
			switch {
			case e.Decision != nil:
				decided = e.Decision.Date
			case e.Termination != nil:
				decided = e.Termination.Date
			}
		}
		due, _ := c.NextDue()
		row = append(row, strings.Join(provisions, ", "), strings.Join(tiers, ", "), strings.Join(scopes, "; "),
			danishBool(len(refused) > 0), danishDate(decided), danishDate(due))
		cur, assessed := c.Current()
		hours := ""
		if h := cur.Assessment.SupportHoursPerWeek; h != nil {
			hours = domain.FormatNumber(*h)
		}
		row = append(row, hours)
		used := cat.MethodOf(cur.Method)
		if !assessed {
			used = cat.MethodFor(c.Municipality)
		}
		if len(methods) > 1 {
			row = append(row, used.Name)
		}
		for _, m := range methods {
			for _, slug := range m.ThemeSlugs() {
				switch {
				case m == used:
					row = append(row, themeCell(m, cur.Assessment, slug))
				default:
					row = append(row, "")
				}
			}
			for _, slug := range supportSlugs(m) {
				cell := ""
				if t, ok := cur.Assessment.Themes[slug]; ok && m == used && t.Support != nil {
					cell = strconv.Itoa(*t.Support)
				}
				row = append(row, cell)
			}
			if len(m.GoalTypes) > 0 {
				cell := ""
				if m == used {
					cell = cur.Assessment.Purpose
				}
				row = append(row, cell)
			}
		}
		return x.Write(row)
	})
	if err != nil {
		return err
	}
	return x.Flush()
}

func writeFollowUpsCSV(w io.Writer, list []followUp) error {
	x := newExcelCSV(w)
	x.Write([]string{"Dato", "Forfalden", "Navn", "Ydelse", "Sag"})
	for _, f := range list {
		x.Write([]string{danishDate(f.Due), danishBool(f.Overdue), f.Name, section(f.Provision), f.CaseID})
	}
	return x.Flush()
}
