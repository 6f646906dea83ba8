package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Vocabulary is what a case file is checked against: the assessment
// method, the municipalities that have standards, and today's date (for
// dates that cannot lie in the future). It is passed in so domain stays
// free of clocks and files.
type Vocabulary struct {
	Method         *Method
	Municipalities []string
	Today          Date
}

// Known top-level fields of a case file, in the order problems are reported.
var caseFields = []string{"schema", "municipality", "citizen", "application_date", "assessment", "goals"}

// DecodeCaseFile reads and checks a case file (schema 1). On failure the
// error is Problems naming every problem found, or a syntax error with the
// line and column.
func DecodeCaseFile(data []byte, v Vocabulary) (CaseFile, error) {
	fields, err := DecodeObject(data)
	if err != nil {
		return CaseFile{}, err
	}
	cf, problems := DecodeCaseFields(fields, v)
	return cf, problems.Err()
}

// DecodeObject splits a JSON object into its fields, reporting a syntax
// error by line and column in Danish.
func DecodeObject(data []byte) (map[string]json.RawMessage, error) {
	var fields map[string]json.RawMessage
	err := json.Unmarshal(data, &fields)
	if err == nil && fields == nil {
		err = errors.New("forventede et JSON-objekt { ... }")
	}
	if err != nil {
		return nil, Problems{{Field: "", Message: jsonErrorText(data, err)}}
	}
	return fields, nil
}

func jsonErrorText(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "filen er tom; forventede et JSON-objekt { ... }"
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset-1)
		return fmt.Sprintf("ugyldig JSON i linje %d, kolonne %d: %s", line, col, syntaxText(syn.Error()))
	case errors.As(err, &typ):
		return "filen skal indeholde ét JSON-objekt { ... }"
	}
	return "ugyldig JSON: " + err.Error()
}

// syntaxText translates encoding/json's syntax messages.
func syntaxText(msg string) string {
	switch {
	case strings.HasPrefix(msg, "invalid character "):
		char := strings.TrimPrefix(msg, "invalid character ")
		if i := strings.Index(char, " "); i > 0 {
			char = char[:i]
		}
		return "uventet tegn " + char
	case strings.Contains(msg, "unexpected end"):
		return "filen slutter, før JSON-objektet er lukket"
	}
	return msg
}

// position returns the 1-based line and column of byte index i.
func position(data []byte, i int64) (line, col int) {
	i = max(0, min(i, int64(len(data))))
	before := data[:i]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(i) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// DecodeCaseFields checks an already split case object. Fields outside the
// case file format are reported unless listed in extra (the export format
// adds its own).
func DecodeCaseFields(fields map[string]json.RawMessage, v Vocabulary, extra ...string) (CaseFile, Problems) {
	d := caseDecoder{v: v}
	d.unknownFields("", fields, append(append([]string{}, caseFields...), extra...))
	var cf CaseFile
	cf.Schema = d.schema(fields["schema"])
	cf.Municipality = d.municipality(fields["municipality"])
	cf.Citizen = d.citizen(fields["citizen"])
	cf.ApplicationDate = d.date("application_date", fields["application_date"], true)
	if !cf.ApplicationDate.IsZero() && v.Today.Before(cf.ApplicationDate) {
		d.ps.Add("application_date", "%s ligger i fremtiden", cf.ApplicationDate.Danish())
	}
	d.birthAgainst(cf.Citizen, cf.ApplicationDate)
	cf.Assessment = d.assessment(fields["assessment"])
	cf.Goals = d.strings("goals", fields["goals"])
	return cf, d.ps
}

// earliestYear bounds dates in a case file: nobody alive was born before
// it, and no application predates it.
const earliestYear = 1880

type caseDecoder struct {
	v  Vocabulary
	ps Problems
}

func present(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

func (d *caseDecoder) unknownFields(prefix string, fields map[string]json.RawMessage, known []string) {
	var unknown []string
	for k := range fields {
		if !contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		d.ps.Add(prefix+k, "ukendt felt; tilladte felter her: %s", strings.Join(known, ", "))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (d *caseDecoder) object(field string, raw json.RawMessage) map[string]json.RawMessage {
	if !present(raw) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		d.ps.Add(field, "skal være et JSON-objekt { ... }")
		return nil
	}
	return m
}

func (d *caseDecoder) schema(raw json.RawMessage) int {
	if !present(raw) {
		d.ps.Add("schema", "mangler; skriv \"schema\": %d", CaseSchema)
		return 0
	}
	n, ok := d.integer("schema", raw)
	if ok && n != CaseSchema {
		d.ps.Add("schema", "version %d kendes ikke; vum læser version %d", n, CaseSchema)
	}
	return n
}

func (d *caseDecoder) municipality(raw json.RawMessage) string {
	s, ok := d.text("municipality", raw, true)
	if ok && !contains(d.v.Municipalities, s) {
		d.ps.Add("municipality", "ukendt kommune %q; kendte kommuner: %s", s, strings.Join(d.v.Municipalities, ", "))
	}
	return s
}

func (d *caseDecoder) citizen(raw json.RawMessage) Citizen {
	var c Citizen
	if !present(raw) {
		d.ps.Add("citizen", "mangler (navn, cpr eller birth_date, living)")
		return c
	}
	m := d.object("citizen", raw)
	if m == nil {
		return c
	}
	d.unknownFields("citizen.", m, []string{"name", "cpr", "birth_date", "living", "address"})
	c.Name, _ = d.text("citizen.name", m["name"], true)
	c.Address, _ = d.text("citizen.address", m["address"], false)
	cprText, _ := d.text("citizen.cpr", m["cpr"], false)
	if cprText != "" {
		cpr, err := ParseCPR(cprText)
		if err != nil {
			d.ps.Add("citizen.cpr", "%v", err)
		}
		c.CPR = cpr
	}
	birthText, _ := d.text("citizen.birth_date", m["birth_date"], false)
	c.BirthDate = d.date("citizen.birth_date", m["birth_date"], false)
	if cprText == "" && birthText == "" {
		d.ps.Add("citizen", "angiv cpr (DDMMÅÅ-LLLL) eller birth_date (ÅÅÅÅ-MM-DD)")
	}
	if !c.CPR.IsZero() && !c.BirthDate.IsZero() && !c.CPR.BirthDate().Equal(c.BirthDate) {
		d.ps.Add("citizen.birth_date", "%s passer ikke med CPR-nummerets fødselsdato %s",
			c.BirthDate.Danish(), c.CPR.BirthDate().Danish())
	}
	living, ok := d.text("citizen.living", m["living"], true)
	c.Living = Living(living)
	if ok && !c.Living.Valid() {
		d.ps.Add("citizen.living", "ukendt boform %q; brug en af: own_home, with_family, residential, abl105", living)
	}
	return c
}

// birthAgainst rejects birth dates that lie in the future or after the
// application.
func (d *caseDecoder) birthAgainst(c Citizen, applied Date) {
	birth := c.Birth()
	if birth.IsZero() {
		return
	}
	field := "citizen.birth_date"
	if !c.CPR.IsZero() {
		field = "citizen.cpr"
	}
	switch {
	case d.v.Today.Before(birth):
		d.ps.Add(field, "fødselsdatoen %s ligger i fremtiden", birth.Danish())
	case !applied.IsZero() && applied.Before(birth):
		d.ps.Add(field, "fødselsdatoen %s ligger efter ansøgningsdatoen %s", birth.Danish(), applied.Danish())
	}
}

func (d *caseDecoder) assessment(raw json.RawMessage) Assessment {
	a := Assessment{Themes: map[string]ThemeAssessment{}}
	if !present(raw) {
		d.ps.Add("assessment", "mangler; angiv mindst \"themes\"")
		return a
	}
	m := d.object("assessment", raw)
	if m == nil {
		return a
	}
	d.unknownFields("assessment.", m, []string{"themes", "support_hours_per_week", "permanent", "relatives_need_relief"})
	a.Themes = d.themes(m["themes"])
	a.SupportHoursPerWeek = d.hours(m["support_hours_per_week"])
	a.Permanent = d.boolean("assessment.permanent", m["permanent"])
	a.RelativesNeedRelief = d.boolean("assessment.relatives_need_relief", m["relatives_need_relief"])
	return a
}

func (d *caseDecoder) themes(raw json.RawMessage) map[string]ThemeAssessment {
	out := map[string]ThemeAssessment{}
	m := d.object("assessment.themes", raw)
	slugs := make([]string, 0, len(m))
	for slug := range m {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		field := "assessment.themes." + slug
		if _, ok := d.v.Method.Theme(slug); !ok {
			d.ps.Add(field, "ukendt tema %q; kendte temaer: %s", slug, strings.Join(d.v.Method.SortedThemeSlugs(), ", "))
			continue
		}
		if t, ok := d.theme(field, m[slug]); ok {
			out[slug] = t
		}
	}
	return out
}

func (d *caseDecoder) theme(field string, raw json.RawMessage) (ThemeAssessment, bool) {
	var t ThemeAssessment
	m := d.object(field, raw)
	if m == nil {
		if !present(raw) {
			d.ps.Add(field, "mangler niveau; angiv {\"level\": 0-4} eller {\"not_relevant\": true}")
		}
		return t, false
	}
	d.unknownFields(field+".", m, []string{"level", "not_relevant", "note", "citizen_view"})
	t.NotRelevant = d.boolean(field+".not_relevant", m["not_relevant"])
	t.Note, _ = d.text(field+".note", m["note"], false)
	t.CitizenView, _ = d.text(field+".citizen_view", m["citizen_view"], false)
	if t.NotRelevant {
		if present(m["level"]) {
			d.ps.Add(field+".level", "et tema markeret som ikke relevant har intet niveau")
		}
		return t, true
	}
	lo, hi := d.v.Method.LevelRange()
	if !present(m["level"]) {
		d.ps.Add(field+".level", "mangler; angiv et niveau %d-%d eller \"not_relevant\": true", lo, hi)
		return t, false
	}
	level, ok := d.integer(field+".level", m["level"])
	if !ok {
		return t, false
	}
	if _, known := d.v.Method.Level(level); !known {
		d.ps.Add(field+".level", "%d er uden for skalaen %d-%d", level, lo, hi)
		return t, false
	}
	t.Level = level
	return t, true
}

func (d *caseDecoder) hours(raw json.RawMessage) *float64 {
	if !present(raw) {
		return nil
	}
	var h float64
	if err := json.Unmarshal(raw, &h); err != nil {
		d.ps.Add("assessment.support_hours_per_week", "skal være et tal (timer pr. uge, fx 2.5)")
		return nil
	}
	if h < 0 || h > 168 || math.IsNaN(h) {
		d.ps.Add("assessment.support_hours_per_week", "%v timer pr. uge er ikke muligt; angiv 0-168", h)
		return nil
	}
	return &h
}

func (d *caseDecoder) text(field string, raw json.RawMessage, required bool) (string, bool) {
	if !present(raw) {
		if required {
			d.ps.Add(field, "mangler")
		}
		return "", false
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		d.ps.Add(field, "skal være tekst i anførselstegn")
		return "", false
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		d.ps.Add(field, "må ikke være tom")
		return "", false
	}
	return s, true
}

func (d *caseDecoder) integer(field string, raw json.RawMessage) (int, bool) {
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		d.ps.Add(field, "skal være et helt tal")
		return 0, false
	}
	return int(f), true
}

func (d *caseDecoder) boolean(field string, raw json.RawMessage) bool {
	if !present(raw) {
		return false
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		d.ps.Add(field, "skal være true eller false")
	}
	return b
}

func (d *caseDecoder) date(field string, raw json.RawMessage, required bool) Date {
	s, ok := d.text(field, raw, required)
	if !ok {
		return Date{}
	}
	if s == "" {
		return Date{}
	}
	date, err := ParseDate(s)
	switch {
	case err != nil:
		d.ps.Add(field, "%v", err)
	case date.Year() < earliestYear:
		d.ps.Add(field, "%s er ikke en mulig dato i en sag", date.Danish())
		return Date{}
	}
	return date
}

func (d *caseDecoder) strings(field string, raw json.RawMessage) []string {
	if !present(raw) {
		return nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		d.ps.Add(field, "skal være en liste af tekster [\"...\"]")
		return nil
	}
	out := list[:0]
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
