package letter

import (
	"bytes"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Page layout in millimetres and type sizes in points.
const (
	pdfFont       = "Go"
	pdfMarginL    = 25.0
	pdfMarginR    = 20.0
	pdfMarginT    = 20.0
	pdfMarginB    = 22.0
	pdfBody       = 10.5
	pdfLine       = 5.0 // line height of body text
	pdfSmall      = 8.5
	pdfBullet     = "•"
	pdfBulletIndt = 6.0
)

// PDF renders the letter as an A4 PDF for printing and attaching to the
// case: embedded Go fonts (which cover æ, ø and å), bold headings, and
// "Side N af M" with the case id in the footer. The creation date is the
// letter's date and the catalogue is sorted, so the same letter always
// gives the same bytes.
func (l *Letter) PDF() ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(pdfFont, "", goregular.TTF)
	p.AddUTF8FontFromBytes(pdfFont, "B", gobold.TTF)
	p.SetMargins(pdfMarginL, pdfMarginT, pdfMarginR)
	p.SetAutoPageBreak(true, pdfMarginB)
	p.SetCatalogSort(true)
	p.SetCompression(true)
	when := l.Date.Time()
	p.SetCreationDate(when)
	p.SetModificationDate(when)
	p.SetTitle(l.Subject, true)
	p.SetSubject(l.Subject, true)
	p.SetAuthor(l.Municipality, true)
	p.SetCreator("vum", true)
	p.SetProducer("vum", true)
	p.SetLang("da-DK")
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont(pdfFont, "", pdfSmall)
		p.SetTextColor(90, 90, 90)
		left := l.Municipality + " · Sagsnummer " + l.CaseID
		p.CellFormat(0, 4, left, "", 0, "L", false, 0, "")
		p.SetX(pdfMarginL)
		p.CellFormat(0, 4, fmt.Sprintf("Side %d af {nb}", p.PageNo()), "", 0, "R", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	r := &pdfWriter{p: p}
	g := l.glued()
	r.header(g)
	r.notes(g.Notes)
	r.subject(g.Subject)
	for _, sec := range g.Sections {
		r.section(sec)
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("PDF kan ikke dannes: %v", err)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("PDF kan ikke dannes: %v", err)
	}
	return buf.Bytes(), nil
}

// pdfGlue keeps a citation's parts on one line in the PDF, where lines
// break only at plain spaces: "§ 85", "stk. 1", "nr. 2" are joined with
// a no-break space.
var pdfGlue = strings.NewReplacer("§ ", "§\u00a0", "stk. ", "stk.\u00a0", "nr. ", "nr.\u00a0")

// glued returns a copy of the letter with its citations glued for the PDF.
func (l *Letter) glued() *Letter {
	g := *l
	g.Subject = pdfGlue.Replace(l.Subject)
	g.Notes = glueAll(l.Notes)
	g.Sections = make([]Section, len(l.Sections))
	for i, sec := range l.Sections {
		sec.Heading = pdfGlue.Replace(sec.Heading)
		blocks := make([]Block, len(sec.Blocks))
		for j, b := range sec.Blocks {
			b.Text = pdfGlue.Replace(b.Text)
			b.Items = glueAll(b.Items)
			fs := make([]Field, len(b.Fields))
			for k, f := range b.Fields {
				fs[k] = Field{Label: f.Label, Value: pdfGlue.Replace(f.Value)}
			}
			b.Fields = fs
			blocks[j] = b
		}
		sec.Blocks = blocks
		g.Sections[i] = sec
	}
	return &g
}

func glueAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = pdfGlue.Replace(s)
	}
	return out
}

type pdfWriter struct {
	p *fpdf.Fpdf
}

func (r *pdfWriter) width() float64 {
	w, _ := r.p.GetPageSize()
	return w - pdfMarginL - pdfMarginR
}

// keep starts a new page when less than h millimetres are left, so a
// heading is not left alone at the foot of a page.
func (r *pdfWriter) keep(h float64) {
	_, ph := r.p.GetPageSize()
	if r.p.GetY()+h > ph-pdfMarginB {
		r.p.AddPage()
	}
}

// header writes the sender at the top left, the reference fields at the
// top right and the recipient below.
func (r *pdfWriter) header(l *Letter) {
	p := r.p
	top := p.GetY()
	senderW := 68.0
	p.SetFont(pdfFont, "B", 13)
	p.MultiCell(senderW, 6, l.Municipality, "", "L", false)
	p.SetFont(pdfFont, "", 10)
	for _, s := range l.Sender {
		p.MultiCell(senderW, 4.8, s, "", "L", false)
	}
	leftEnd := p.GetY()

	factsX := pdfMarginL + senderW + 5
	factsW := pdfMarginL + r.width() - factsX
	labelW := 0.0
	p.SetFont(pdfFont, "B", 9.5)
	for _, f := range l.Facts {
		labelW = max(labelW, p.GetStringWidth(f.Label+":")+2)
	}
	p.SetY(top + 1)
	for _, f := range l.Facts {
		y := p.GetY()
		p.SetXY(factsX, y)
		p.SetFont(pdfFont, "B", 9.5)
		p.CellFormat(labelW, 4.8, f.Label+":", "", 0, "L", false, 0, "")
		p.SetFont(pdfFont, "", 9.5)
		p.SetLeftMargin(factsX + labelW)
		p.SetXY(factsX+labelW, y)
		p.MultiCell(factsW-labelW, 4.8, f.Value, "", "L", false)
		p.SetLeftMargin(pdfMarginL)
	}
	p.SetXY(pdfMarginL, max(leftEnd, p.GetY())+10)
	p.SetFont(pdfFont, "", 11)
	for _, s := range l.Recipient {
		p.MultiCell(senderW, 5.2, s, "", "L", false)
	}
	p.Ln(8)
}

// notes writes the caseworker's notes in a shaded box, drawn first at
// its full height so the shading has no gaps beside wrapped lines.
func (r *pdfWriter) notes(notes []string) {
	if len(notes) == 0 {
		return
	}
	const head, line, pad = 5.5, 4.6, 1.5
	p := r.p
	p.SetFont(pdfFont, "", 9)
	textW := r.width() - pdfBulletIndt - 2
	h := head + pad
	for _, n := range notes {
		h += float64(len(p.SplitText(n, textW))) * line
	}
	r.keep(h)
	p.SetFillColor(242, 238, 222)
	p.Rect(pdfMarginL, p.GetY(), r.width(), h, "F")
	p.SetFont(pdfFont, "B", 9.5)
	p.CellFormat(0, head, " "+NotesHeading, "", 1, "L", false, 0, "")
	p.SetFont(pdfFont, "", 9)
	for _, n := range notes {
		y := p.GetY()
		p.SetXY(pdfMarginL, y)
		p.CellFormat(pdfBulletIndt, line, " "+pdfBullet, "", 0, "L", false, 0, "")
		p.SetLeftMargin(pdfMarginL + pdfBulletIndt)
		p.SetXY(pdfMarginL+pdfBulletIndt, y)
		p.MultiCell(textW, line, n, "", "L", false)
		p.SetLeftMargin(pdfMarginL)
	}
	p.Ln(pad + 6)
}

func (r *pdfWriter) subject(s string) {
	r.p.SetFont(pdfFont, "B", 14)
	r.p.MultiCell(0, 6.5, s, "", "L", false)
	r.p.Ln(3)
}

func (r *pdfWriter) section(sec Section) {
	p := r.p
	if sec.Heading != "" {
		size, before := 12.5, 4.0
		if sec.Level > 1 {
			size, before = pdfBody+0.5, 2.0
		}
		p.Ln(before)
		r.keep(20)
		p.SetFont(pdfFont, "B", size)
		p.MultiCell(0, size*0.5, sec.Heading, "", "L", false)
		p.Ln(1.5)
	}
	for _, b := range sec.Blocks {
		r.block(b)
	}
}

func (r *pdfWriter) block(b Block) {
	p := r.p
	p.SetFont(pdfFont, "", pdfBody)
	switch b.Kind {
	case Paragraph:
		p.MultiCell(0, pdfLine, b.Text, "", "L", false)
		p.Ln(2)
	case List:
		for _, it := range b.Items {
			r.keep(pdfLine)
			y := p.GetY()
			p.SetXY(pdfMarginL+1.5, y)
			p.CellFormat(pdfBulletIndt-1.5, pdfLine, pdfBullet, "", 0, "L", false, 0, "")
			p.SetLeftMargin(pdfMarginL + pdfBulletIndt)
			p.SetXY(pdfMarginL+pdfBulletIndt, y)
			p.MultiCell(0, pdfLine, it, "", "L", false)
			p.SetLeftMargin(pdfMarginL)
			p.Ln(0.8)
		}
		p.Ln(1.2)
	case Fields:
		r.fields(b.Fields)
		p.Ln(2)
	case Lines:
		for _, s := range b.Items {
			if strings.TrimSpace(s) == "" {
				p.Ln(pdfLine * 1.5)
				continue
			}
			p.MultiCell(0, pdfLine, s, "", "L", false)
		}
		p.Ln(2)
	}
}

// fields writes label/value pairs: bold labels in a column as wide as the
// longest label (up to a limit), values wrapped beside them.
func (r *pdfWriter) fields(fs []Field) {
	p := r.p
	p.SetFont(pdfFont, "B", pdfBody)
	labelW := 0.0
	for _, f := range fs {
		labelW = max(labelW, p.GetStringWidth(f.Label+":")+5)
	}
	labelW = min(labelW, 55)
	for _, f := range fs {
		r.keep(pdfLine)
		y := p.GetY()
		p.SetFont(pdfFont, "B", pdfBody)
		p.SetLeftMargin(pdfMarginL)
		p.SetXY(pdfMarginL, y)
		p.MultiCell(labelW, pdfLine, f.Label+":", "", "L", false)
		labelEnd, labelPage := p.GetY(), p.PageNo()
		p.SetFont(pdfFont, "", pdfBody)
		p.SetLeftMargin(pdfMarginL + labelW)
		p.SetXY(pdfMarginL+labelW, y)
		p.MultiCell(0, pdfLine, f.Value, "", "L", false)
		p.SetLeftMargin(pdfMarginL)
		if p.PageNo() == labelPage && labelEnd > p.GetY() {
			p.SetY(labelEnd)
		}
		p.Ln(0.8)
	}
}
