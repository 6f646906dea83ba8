package letter

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// A4 in points, as fpdf writes it.
const a4W, a4H = 595.28, 841.89

// pdfDoc is what the tests read back from a rendered PDF.
type pdfDoc struct {
	pages []string // the text of each page, in content order
	boxes [][]float64
	bold  map[string]bool // text runs set in the bold font
}

// readPDF extracts the text with a pure-Go reader, so the test needs no
// program outside Go.
func readPDF(t *testing.T, data []byte) pdfDoc {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the PDF cannot be read: %v", err)
	}
	doc := pdfDoc{bold: map[string]bool{}}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		fonts := map[string]*pdf.Font{}
		for _, name := range p.Fonts() {
			f := p.Font(name)
			fonts[name] = &f
		}
		text, err := p.GetPlainText(fonts)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		doc.pages = append(doc.pages, text)
		box := inherited(p.V, "MediaBox")
		var nums []float64
		for j := 0; j < box.Len(); j++ {
			nums = append(nums, box.Index(j).Float64())
		}
		doc.boxes = append(doc.boxes, nums)
	}
	runs, err := r.GetStyledTexts()
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range runs {
		if strings.HasSuffix(run.Font, "B") {
			doc.bold[strings.TrimSpace(run.S)] = true
		}
	}
	return doc
}

// inherited returns a page attribute, looking up the page tree as PDF
// allows (fpdf puts MediaBox on the Pages node).
func inherited(v pdf.Value, key string) pdf.Value {
	for ; !v.IsNull(); v = v.Key("Parent") {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
	}
	return pdf.Value{}
}

// readerForm is how the pure-Go reader returns text: fpdf maps its
// glyphs to Unicode with one identity range, and the reader keeps only
// the low byte of codes from such a range. Letters up to U+00FF, æøå
// included, come back whole; a dash or a bullet does not.
func readerForm(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c == '\u00a0' { // the no-break space that glues "§ 85" reads as a space
			r[i] = ' '
		} else if c > 0xFF {
			r[i] = c & 0xFF
		}
	}
	return string(r)
}

// flat collapses all runs of white space to one space.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// bodyTexts returns every piece of running text in the letter's body.
func bodyTexts(l *Letter) []string {
	out := []string{l.Subject}
	for _, sec := range l.Sections {
		out = append(out, sec.Heading)
		for _, b := range sec.Blocks {
			out = append(out, b.Text)
			out = append(out, b.Items...)
			for _, f := range b.Fields {
				out = append(out, f.Label+":", f.Value)
			}
		}
	}
	out = append(out, l.Notes...)
	return out
}

// footerText is the footer of each page.
func footerText(l *Letter, page, pages int) []string {
	return []string{l.Municipality + " · Sagsnummer " + l.CaseID, "Side " + strconv.Itoa(page) + " af " + strconv.Itoa(pages)}
}

// checkText checks the text read back from the PDF: every page has its
// footer, and once the footers are taken out, every paragraph, list item
// and field of the letter is there in order of reading.
func checkText(t *testing.T, l *Letter, pages []string, form func(string) string) {
	t.Helper()
	var body strings.Builder
	for i, p := range pages {
		for _, f := range footerText(l, i+1, len(pages)) {
			f = form(f)
			if !strings.Contains(p, f) {
				t.Errorf("page %d lacks the footer %q", i+1, f)
			}
			p = strings.Replace(p, f, " ", 1)
		}
		body.WriteString(p + "\n")
	}
	all := flat(body.String())
	for _, s := range []string{l.Municipality, l.Recipient[0]} {
		if !strings.Contains(all, form(s)) {
			t.Errorf("the PDF lacks %q", s)
		}
	}
	for _, f := range l.Facts {
		if !strings.Contains(all, form(f.Value)) {
			t.Errorf("the PDF lacks the header field %s %q", f.Label, f.Value)
		}
	}
	for _, s := range bodyTexts(l) {
		if s = flat(form(s)); s != "" && !strings.Contains(all, s) {
			t.Errorf("the PDF lacks %q", s)
		}
	}
}

func renderPDF(t *testing.T, name string) (*Letter, []byte) {
	t.Helper()
	l := build(t, name)
	data, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("%s: not a PDF: %q", name, data[:min(len(data), 16)])
	}
	return l, data
}

// TestPDF reads every draft back with the pure-Go reader: A4 pages, a
// footer with "Side N af M" on each, the whole text with æøå intact, and
// bold headings.
func TestPDF(t *testing.T) {
	for _, c := range draftCases {
		t.Run(c.name, func(t *testing.T) {
			l, data := renderPDF(t, c.name)
			doc := readPDF(t, data)
			if len(doc.pages) == 0 {
				t.Fatal("no pages")
			}
			for i, box := range doc.boxes {
				if len(box) != 4 || box[0] != 0 || box[1] != 0 || abs(box[2]-a4W) > 0.01 || abs(box[3]-a4H) > 0.01 {
					t.Errorf("page %d has MediaBox %v, want A4 [0 0 %v %v]", i+1, box, a4W, a4H)
				}
			}
			checkText(t, l, doc.pages, readerForm)
			for _, h := range []string{HeadingDecision, HeadingReasons, HeadingRules, HeadingAppeal, HeadingSource} {
				if !doc.bold[readerForm(h)] {
					t.Errorf("heading %q is not set in bold", h)
				}
			}
			subjectBold := false
			for run := range doc.bold {
				// A long subject wraps, and each line is a run of its own.
				subjectBold = subjectBold || strings.HasPrefix(readerForm(l.Subject), readerForm(run)) && len(run) > len("Afgørelse om")
			}
			if !subjectBold {
				t.Errorf("the subject %q is not set in bold", l.Subject)
			}
			if doc.bold[readerForm(l.Recipient[0])] {
				t.Errorf("the citizen's name is in bold; body text should not be")
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestPDFDanishLetters checks the letters Danish needs on their own, as
// a person would look for them.
func TestPDFDanishLetters(t *testing.T) {
	for name, words := range map[string][]string{
		"ishoj-85":  {"Afgørelse om socialpædagogisk støtte", "Socialpædagogisk støtte", "Ishøj Kommune", "Ishøj Store Torv 20", "Første opfølgning", "Målene for indsatsen"},
		"ishoj-103": {"Afgørelse", "pårørende", "Ishøj", "beskæftigelse"},
	} {
		_, data := renderPDF(t, name)
		all := flat(strings.Join(readPDF(t, data).pages, "\n"))
		for _, w := range words {
			if !strings.Contains(all, w) {
				t.Errorf("%s: the PDF text lacks %q", name, w)
			}
		}
	}
}

// TestPDFDeterministic: the same letter gives the same bytes, so the PDF
// can be checked and attached without noise.
func TestPDFDeterministic(t *testing.T) {
	_, a := renderPDF(t, "ishoj-85")
	_, b := renderPDF(t, "ishoj-85")
	if sha256.Sum256(a) != sha256.Sum256(b) {
		t.Fatal("two renderings of the same letter differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261120")) {
		t.Error("the creation date is not the letter's date")
	}
	_, other := renderPDF(t, "ishoj-85-fravalgt-forslag")
	if bytes.Equal(a, other) {
		t.Error("different letters give the same PDF")
	}
}

// TestPDFWithPoppler cross-checks with pdftotext and pdfinfo from
// poppler-utils, which decode every character. CI installs them; on a
// machine without them the test is skipped, except under CI.
func TestPDFWithPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing: install poppler-utils (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is not on PATH; install poppler-utils for this cross-check")
	}
	dir := t.TempDir()
	for _, c := range draftCases {
		t.Run(c.name, func(t *testing.T) {
			l, data := renderPDF(t, c.name)
			file := filepath.Join(dir, c.name+".pdf")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := exec.Command("pdfinfo", file).CombinedOutput()
			if err != nil {
				t.Fatalf("pdfinfo: %v\n%s", err, info)
			}
			m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
			if m == nil || !bytes.Contains(info, []byte("(A4)")) {
				t.Fatalf("pdfinfo does not report A4 pages:\n%s", info)
			}
			n, _ := strconv.Atoi(string(m[1]))
			var pages []string
			for i := 1; i <= n; i++ {
				out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), file, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext page %d: %v", i, err)
				}
				// pdftotext joins a word broken after a hyphen at the end
				// of a line ("aktivitets-/og" becomes "aktivitetsog"), so
				// a hyphen and the space after it are left out on both sides.
				pages = append(pages, strings.NewReplacer("- ", "", "-\n", "").Replace(string(out)))
			}
			checkText(t, l, pages, func(s string) string { return strings.ReplaceAll(s, "- ", "") })
			for _, w := range []string{"Afgørelse", "Klagevejledning", l.Municipality} {
				if !strings.Contains(strings.Join(pages, ""), w) {
					t.Errorf("pdftotext output lacks %q", w)
				}
			}
		})
	}
}
