package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"codeberg.org/go-pdf/fpdf"
	"github.com/spf13/cobra"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
	"github.com/vumdk/vum/store/safefile"
)

// accessFlags adds --purpose, the reason given for looking at citizens'
// data; it goes into the access log with every read, search and export.
func (a *app) accessFlags(root *cobra.Command) {
	root.PersistentFlags().StringVar(&a.purpose, "purpose", "",
		"`FORMÅL` med opslaget, fx »opfølgning« (skrives i adgangsloggen; ellers VUM_PURPOSE)")
}

func (a *app) accessPurpose() string {
	if a.purpose != "" {
		return a.purpose
	}
	return os.Getenv("VUM_PURPOSE")
}

// user names the person at the keyboard in the logs: the caseworker's
// name from the profile (»vum profil«) with the OS user, else the OS user.
func (a *app) user() string {
	if a.userName == "" {
		a.userName = osUser()
		if p, err := a.settings().Load(); err == nil && strings.TrimSpace(p.Name) != "" {
			a.userName = strings.TrimSpace(p.Name) + " (" + a.userName + ")"
		}
	}
	return a.userName
}

// accessStore opens an existing store for reading; a command that shows
// citizens' data notes it in the access log (the store's access journal)
// before it shows it. Without a store it fails like requireStore.
func (a *app) accessStore() (store.DB, error) {
	return a.requireStore()
}

// existingStore opens an existing store for writing; without a store it
// fails like requireStore.
func (a *app) existingStore() (store.DB, error) {
	if _, err := os.Stat(a.dbPath()); errors.Is(err, os.ErrNotExist) && !pgstore.IsURL(a.dbPath()) {
		return a.requireStore()
	}
	return a.openDB(false)
}

// logAccess notes in the access log that the data of cases (or, with all,
// of every case) was read, searched or exported.
func (a *app) logAccess(s store.DB, action string, all bool, detail string, cases ...string) error {
	err := s.RecordAccess(store.AccessEntry{Action: action, All: all, Cases: cases, Purpose: a.accessPurpose(), Detail: detail})
	if err != nil {
		return fmt.Errorf("adgangen kunne ikke skrives i adgangsloggen, så intet vises: %w", err)
	}
	return nil
}

// citizenReport is one citizen's access report: who looked at their
// cases, when, what they did and why.
type citizenReport struct {
	CPR     string              `json:"cpr"`
	Cases   []string            `json:"cases"`
	Entries []store.AccessEntry `json:"entries"`
}

func (a *app) citizenAccess(cprText string, asJSON bool, pdfPath string) error {
	cpr, err := domain.ParseCPR(strings.TrimSpace(cprText))
	if err != nil {
		return usagef("--citizen: %v", err)
	}
	s, err := a.accessStore()
	if err != nil {
		return err
	}
	defer s.Close()
	cases, entries, err := s.CitizenAccess(cpr)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("der er ingen sager om borgeren med CPR-nummer %s i databasen", cpr.Masked())
	}
	if err := a.logAccess(s, store.AccessInsight, false, "adgangsrapport til borgeren", cases...); err != nil {
		return err
	}
	if entries == nil {
		entries = []store.AccessEntry{}
	}
	report := citizenReport{CPR: cpr.Masked(), Cases: cases, Entries: entries}
	switch {
	case asJSON:
		return writeJSON(a.stdout, report)
	case pdfPath != "":
		today, err := a.today()
		if err != nil {
			return err
		}
		data, err := accessPDF(report, today)
		if err != nil {
			return err
		}
		return safefile.Write(pdfPath, data, safefile.Options{})
	}
	return writeAccessText(a.stdout, report)
}

func writeAccessText(w io.Writer, r citizenReport) error {
	fmt.Fprintf(w, "Adgang til oplysninger om borgeren %s (%s)\n\n", r.CPR, domain.Count(len(r.Cases), "sag", "sager"))
	if len(r.Entries) == 0 {
		_, err := fmt.Fprintln(w, "Ingen har læst, søgt i eller udtrukket borgerens sager.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Tidspunkt\tBruger\tHandling\tFormål\tDetaljer")
	for _, e := range r.Entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", e.Time.Local().Format("02-01-2006 15:04:05"), e.User, accessWhat(e), dash(e.Purpose), dash(e.Detail))
	}
	return tw.Flush()
}

// accessWhat says what an entry did, in words a citizen understands.
func accessWhat(e store.AccessEntry) string {
	if e.All {
		return e.Action + " (alle sager)"
	}
	return e.Action
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// accessPDF lays the report out as an A4 page to hand to the citizen.
func accessPDF(r citizenReport, today domain.Date) ([]byte, error) {
	const font = "Go"
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(font, "", goregular.TTF)
	p.AddUTF8FontFromBytes(font, "B", gobold.TTF)
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.SetCreationDate(today.Time())
	p.SetCompression(true)
	p.SetFooterFunc(func() {
		p.SetY(-15)
		p.SetFont(font, "", 8)
		p.CellFormat(0, 5, fmt.Sprintf("Side %d", p.PageNo()), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	p.SetFont(font, "B", 14)
	p.MultiCell(0, 7, "Hvem har set dine oplysninger", "", "L", false)
	p.SetFont(font, "", 10)
	p.MultiCell(0, 5, fmt.Sprintf("Borger: %s. Udskrevet %s. Listen viser hver gang dine sager (%s) er læst, søgt frem eller udtrukket, af hvem og med hvilket formål.",
		r.CPR, today.Danish(), strings.Join(r.Cases, ", ")), "", "L", false)
	p.Ln(4)
	widths := []float64{34, 28, 34, 74}
	p.SetFont(font, "B", 9)
	for i, h := range []string{"Tidspunkt", "Bruger", "Handling", "Formål og detaljer"} {
		p.CellFormat(widths[i], 6, h, "B", 0, "L", false, 0, "")
	}
	p.Ln(-1)
	p.SetFont(font, "", 9)
	if len(r.Entries) == 0 {
		p.MultiCell(0, 5, "Ingen har læst, søgt i eller udtrukket dine sager.", "", "L", false)
	}
	for _, e := range r.Entries {
		why := strings.TrimSpace(strings.Join([]string{e.Purpose, e.Detail}, " "))
		lines := p.SplitText(dash(why), widths[3])
		h := 5 * float64(max(1, len(lines)))
		if p.GetY()+h > 277 {
			p.AddPage()
		}
		x, y := p.GetXY()
		p.CellFormat(widths[0], 5, e.Time.Local().Format("02-01-2006 15:04"), "", 0, "L", false, 0, "")
		p.CellFormat(widths[1], 5, e.User, "", 0, "L", false, 0, "")
		p.CellFormat(widths[2], 5, accessWhat(e), "", 0, "L", false, 0, "")
		p.SetXY(x+widths[0]+widths[1]+widths[2], y)
		p.MultiCell(widths[3], 5, dash(why), "", "L", false)
		p.SetX(x)
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		return nil, fmt.Errorf("adgangsrapporten kunne ikke laves som PDF: %w", err)
	}
	return b.Bytes(), nil
}

// pruneAccess removes entries older than the retention and says how many.
func (a *app) pruneAccess() error {
	s, err := a.existingStore()
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.PruneAccess()
	if err != nil {
		return err
	}
	months, _ := s.AccessRetention()
	_, err = fmt.Fprintf(a.stdout, "%s ældre end %d måneder fjernet fra adgangsloggen.\n", domain.Count(n, "post", "poster"), months)
	return err
}

func (a *app) setRetention(months int) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetAccessRetention(months); err != nil {
		return usagef("--retention: %v", err)
	}
	_, err = fmt.Fprintf(a.stdout, "Adgangsloggen gemmes nu i %d måneder.\n", months)
	return err
}
