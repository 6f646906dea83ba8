package main

import (
	"encoding/csv"
	"io"
	"strconv"

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
)

// themeCell writes a theme's level, or says why there is none.
func themeCell(a domain.Assessment, slug string) string {
	t, ok := a.Themes[slug]
	switch {
	case !ok:
		return cellNotAssessed
	case t.NotRelevant:
		return cellNotRelevant
	case t.Unscored:
		return cellBegun
	}
	return strconv.Itoa(t.Level)
}

func exportCSV(w io.Writer, s *store.Store, cat *standards.Catalog) error {
	x := newExcelCSV(w)
	method := cat.Method
	header := []string{"Sag", "Kommune", "Navn", "CPR (maskeret)", "Boform", "Ansøgningsdato",
		"Ydelse", "Niveau", "Afslag", "Afgørelsesdato", "Næste opfølgning", "Støttetimer pr. uge"}
	for _, slug := range method.ThemeSlugs() {
		header = append(header, method.ThemeName(slug))
	}
	x.Write(header)
	err := s.Export("csv", func(r store.CaseRecord) error {
		c := r.Case
		municipality := c.Municipality
		if _, m, ok := cat.ForMunicipality(c.Municipality); ok {
			municipality = m.Name
		}
		row := []string{r.ID, municipality, c.Citizen.Name, c.Citizen.MaskedID(), c.Citizen.Living.Label(), danishDate(c.ApplicationDate)}
		if d := r.Decision; d != nil {
			row = append(row, section(d.Provision), d.Tier, danishBool(d.Refused), danishDate(d.Date))
		} else {
			row = append(row, "", "", "", "")
		}
		hours := ""
		if h := c.Assessment.SupportHoursPerWeek; h != nil {
			hours = domain.FormatNumber(*h)
		}
		row = append(row, danishDate(r.FollowUpDue), hours)
		for _, slug := range method.ThemeSlugs() {
			row = append(row, themeCell(c.Assessment, slug))
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
