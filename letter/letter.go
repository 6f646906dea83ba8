// Package draft builds drafts of written decisions (afgørelser) for a
// caseworker to complete and send: the grant or refusal, the reasons
// (begrundelse) and the complaint guidance (klagevejledning), resting on
// the municipality's own quality standard.
//
// Build derives every fact once into a Letter, a plain model of sections,
// paragraphs, lists and label/value fields. Markdown, Text and PDF only
// lay that model out; none of them looks at the case or the standard.
package letter

import (
	"regexp"
	"sync"

	"github.com/vumdk/vum/domain"
)

// Letter is a decision draft: its header, a subject line, notes for the
// caseworker, and the body as sections.
type Letter struct {
	// Municipality is the sender's name, e.g. "Ishøj Kommune".
	Municipality string
	// Sender holds the lines under the municipality's name: the unit and
	// its address, as far as the standard states them.
	Sender []string
	// Recipient holds the citizen's name and address lines.
	Recipient []string
	// Facts are the reference fields of the header: date, case id, CPR
	// number or birth date.
	Facts []Field
	// Date is the letter's date.
	Date domain.Date
	// CaseID is the case id, or a placeholder when the case has none.
	CaseID string
	// Subject is the subject line, e.g. "Afgørelse om socialpædagogisk
	// støtte efter servicelovens § 85".
	Subject string
	// Notes are for the caseworker only and are removed before sending:
	// what the draft could not fill in and what to check.
	Notes []string
	// Sections is the body in reading order.
	Sections []Section
	// Kind is what the letter decides; Checks lists each legal element and
	// whether the letter has it.
	Kind   Kind
	Checks []Check
	// fillFields are the fields of Fill the letter uses.
	fillFields []FillField
}

// Section is a part of the body. Level 1 is a section, level 2 a
// subsection; a section without a heading continues the text before it.
type Section struct {
	Heading string
	Level   int
	Blocks  []Block
}

// BlockKind tells how a block is laid out.
type BlockKind int

// The kinds of block.
const (
	Paragraph BlockKind = iota // running text
	List                       // a bulleted list
	Fields                     // label/value pairs
	Lines                      // short lines kept as they are, e.g. a signature
)

// Block is one paragraph, list, set of fields or group of lines.
type Block struct {
	Kind   BlockKind
	Text   string   // Paragraph
	Items  []string // List and Lines
	Fields []Field  // Fields
}

// Field is a label with its value, e.g. "Start" and "1. december 2026".
type Field struct {
	Label string
	Value string
}

// placeholderRE finds the gaps the caseworker must fill in.
var placeholderRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[UDFYLD: [^\]]*\]`) })

// placeholder marks a gap the caseworker must fill in before sending.
func placeholder(what string) string { return "[UDFYLD: " + what + "]" }

// Placeholders returns every gap left in the letter, in reading order,
// so a caller can refuse to send a draft that still has any.
func (l *Letter) Placeholders() []string {
	var out []string
	add := func(s string) { out = append(out, placeholderRE().FindAllString(s, -1)...) }
	for _, s := range l.Sender {
		add(s)
	}
	for _, s := range l.Recipient {
		add(s)
	}
	for _, f := range l.Facts {
		add(f.Value)
	}
	add(l.Subject)
	for _, sec := range l.Sections {
		add(sec.Heading)
		for _, b := range sec.Blocks {
			add(b.Text)
			for _, it := range b.Items {
				add(it)
			}
			for _, f := range b.Fields {
				add(f.Label)
				add(f.Value)
			}
		}
	}
	return out
}

// Section returns the first section with the given heading.
func (l *Letter) Section(heading string) (Section, bool) {
	for _, s := range l.Sections {
		if s.Heading == heading {
			return s, true
		}
	}
	return Section{}, false
}
