package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Vocabulary is what a case file is checked against: the assessment
// method, the municipalities that have standards, and today's date (for
// dates that cannot lie in the future). It is passed in so domain stays
// free of clocks and files.
type Vocabulary struct {
	// Method is the default method (VUM's original); Methods holds every
	// loaded method by id, and MunicipalityMethods the method each
	// municipality's standard names.
	Method              *Method
	Methods             map[string]*Method
	MunicipalityMethods map[string]string
	Municipalities      []string
	Today               Date
}

// MethodByID returns the method with id (empty: the default method).
func (v Vocabulary) MethodByID(id string) (*Method, bool) {
	id = MethodID(id)
	if m, ok := v.Methods[id]; ok {
		return m, true
	}
	if v.Method != nil && MethodID(v.Method.ID) == id {
		return v.Method, true
	}
	return nil, false
}

// MethodIDs returns the known methods' ids, sorted.
func (v Vocabulary) MethodIDs() []string {
	seen := map[string]bool{}
	if v.Method != nil {
		seen[MethodID(v.Method.ID)] = true
	}
	for id := range v.Methods {
		seen[id] = true
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// MunicipalityMethod returns the id of the method municipality id assesses
// with.
func (v Vocabulary) MunicipalityMethod(id string) string {
	return MethodID(v.MunicipalityMethods[id])
}

// DecodeCaseFile reads and checks a case file (schema 2, or schema 1
// read as assessed under VUM's original method). On failure the
// error is Problems naming every problem found, each with its field.
func DecodeCaseFile(data []byte, v Vocabulary) (CaseFile, error) {
	return decodeCaseFile(data, v, false)
}

// decodeCaseFile decodes strictly when it can; walk forces the
// field-by-field path, so tests can check that both agree.
func decodeCaseFile(data []byte, v Vocabulary, walk bool) (CaseFile, error) {
	data, err := cleanInput(data)
	if err != nil {
		return CaseFile{}, err
	}
	var w caseWire
	ps, bad := Problems{}, map[string]bool{}
	if walk || !strictDecode(data, &w) {
		if _, err := splitObject(data); err != nil {
			return CaseFile{}, err
		}
		walk := walker{ps: &ps, bad: bad}
		w = walk.caseFields(walk.object("", json.RawMessage(data), caseFields))
	}
	duplicateThemes(&ps, data)
	r := rules{v: v, ps: &ps, bad: bad}
	cf := r.caseFile(w)
	return cf, ps.Err()
}

// duplicateThemes refuses a theme given twice in assessment.themes: JSON
// would keep the last one silently, and the caseworker would not know
// which assessment counts.
func duplicateThemes(ps *Problems, data []byte) {
	top, err := orderedFields(data)
	if err != nil {
		return
	}
	for _, f := range top {
		if !strings.EqualFold(f.name, "assessment") {
			continue
		}
		inner, err := orderedFields(f.value)
		if err != nil {
			return
		}
		for _, g := range inner {
			if !strings.EqualFold(g.name, "themes") {
				continue
			}
			themes, err := orderedFields(g.value)
			if err != nil {
				return
			}
			seen := map[string]bool{}
			for _, t := range themes {
				if seen[t.name] {
					ps.Add("assessment.themes."+t.name, "temaet står to gange; behold én vurdering af det")
				}
				seen[t.name] = true
			}
		}
	}
}

// Record is one line of vum's JSONL export: a case file with its id, its
// decision and its next follow-up. Import reads the same lines; only the
// case file is required.
type Record struct {
	ID          string
	Case        CaseFile
	Decision    *Decision
	FollowUpDue Date
}

// MarshalJSON writes the export line: the case file's fields with id,
// decision and follow_up_due beside them.
func (r Record) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // notes keep their & and < as written
	err := enc.Encode(struct {
		ID string `json:"id,omitempty"`
		CaseFile
		Decision    *Decision `json:"decision,omitempty"`
		FollowUpDue Date      `json:"follow_up_due,omitzero"`
	}{r.ID, r.Case, r.Decision, r.FollowUpDue})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// DecodeRecord reads one export line and reports every problem in it.
func DecodeRecord(data []byte, v Vocabulary) (Record, error) {
	data, err := cleanInput(data)
	if err != nil {
		return Record{}, err
	}
	var w recordWire
	ps, bad := Problems{}, map[string]bool{}
	if !strictDecode(data, &w) {
		if _, err := splitObject(data); err != nil {
			return Record{}, err
		}
		walk := walker{ps: &ps, bad: bad}
		fields := walk.object("", json.RawMessage(data), recordFields)
		w = recordWire{caseWire: walk.caseFields(fields), ID: walk.text("id", fields["id"]),
			Decision: walk.decision(fields["decision"]), FollowUpDue: walk.text("follow_up_due", fields["follow_up_due"])}
	}
	duplicateThemes(&ps, data)
	r := rules{v: v, ps: &ps, bad: bad}
	rec := Record{Case: r.caseFile(w.caseWire), ID: optional(w.ID)}
	rec.Decision = r.decision(w.Decision, rec.Case.ApplicationDate)
	rec.FollowUpDue = r.date("follow_up_due", w.FollowUpDue, false)
	return rec, ps.Err()
}

// splitObject checks that data is one JSON object, reporting a syntax
// error by line and column in Danish.
func splitObject(data []byte) (map[string]json.RawMessage, error) {
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

// JSONErrorText says in Danish what is wrong with data that encoding/json
// refused with err.
func JSONErrorText(data []byte, err error) string { return jsonErrorText(data, err) }

func jsonErrorText(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "filen er tom; forventede et JSON-objekt { ... }"
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset-1)
		if !bytes.Contains(bytes.TrimSpace(data), []byte("\n")) {
			return fmt.Sprintf("ugyldig JSON i kolonne %d: %s", col, syntaxText(syn.Error()))
		}
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
