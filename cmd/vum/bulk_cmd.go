package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/oklog/ulid/v2"
	"github.com/spf13/cobra"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/standards"
	"github.com/vumdk/vum/store"
)

func (a *app) exportCommand() *cobra.Command {
	var format string
	var target exportTarget
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Skriv alle sager (JSONL eller CSV), krypteret med age",
		Long: `Skriver alle sager. JSONL: én sag pr. linje med id, oprettelsestidspunkt og
alle hændelser, som de blev registreret (udredninger, bevillinger, afslag,
ændringer, ophør, opfølgninger og rettelser), og en udredning i gang (fuldt
CPR-nummer; kan læses igen med »vum import«, der giver de samme sager
tilbage). CSV: én række pr. sag til dansk Excel, med maskeret CPR-nummer.
Eksporten skrives i adgangsloggen.

Eksporten krypteres med age til databasens egen nøgle (»vum import« læser den
igen) og til kolleger, du angiver med --recipient. Med --plain skrives den
ukrypteret, og filen bliver kun læsbar for dig.`,
		Example: `  vum export -o sager.age
  vum export --recipient age1... > til-kollega.age
  vum export --format csv --plain -o sager.csv`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "jsonl" && format != "csv" {
				return usagef("--format skal være jsonl eller csv (fik %q)", format)
			}
			cat, err := a.standards()
			if err != nil {
				return err
			}
			s, err := a.openStore()
			if err != nil {
				return err
			}
			defer s.Close()
			// The target and recipients are checked before anything is
			// noted or written.
			w, finish, abort, err := a.openExport(s, target)
			if err != nil {
				return err
			}
			detail := "vum export som " + format
			if target.output == "" {
				// Noted before anything is shown.
				if err := a.logAccess(s, store.AccessExport, true, detail); err != nil {
					abort()
					return err
				}
			}
			if format == "csv" {
				err = exportCSV(w, s, cat)
			} else {
				err = exportJSONL(w, s)
			}
			if err != nil {
				abort()
				return err
			}
			if err := finish(); err != nil {
				return err
			}
			if target.output == "" {
				return nil
			}
			// A file is noted once it exists; if that fails, the file
			// goes again, so no export is left that the log does not
			// name.
			abs, _ := filepath.Abs(target.output)
			if err := a.logAccess(s, store.AccessExport, true, detail+" til "+abs); err != nil {
				os.Remove(target.output)
				return fmt.Errorf("%w; eksportfilen er fjernet igen", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "`FORMAT`: jsonl eller csv")
	a.exportTargetFlags(cmd, &target)
	return cmd
}

func exportJSONL(w io.Writer, s store.Backend) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return s.Export("jsonl", func(ec store.ExportCase) error { return enc.Encode(ec) })
}

func (a *app) importCommand() *cobra.Command {
	var batch int
	cmd := &cobra.Command{
		Use:   "import FIL|-",
		Short: "Læs sager fra JSONL (som »vum export« skriver)",
		Long: `Læser sager, én pr. linje, som »vum export« skriver dem: id, oprettelse og
alle hændelser. Hver hændelse kontrolleres, som den blev kontrolleret, da den
blev registreret (datoer i rækkefølge, niveau og omfang efter standarden,
opfølgning inden for standardens interval); en tidligere afgørelse vurderes
aldrig om efter dagens regler. En linje fra vums første version (en sagsfil
med »decision« og »follow_up_due«) læses også.

Alle linjer kontrolleres først: er der fejl, nævnes de med linjenummer, og
intet gemmes. Derefter gemmes sagerne i portioner. En sag kendes på sit id:
findes den allerede med samme indhold, springes den over; findes den med
andet indhold, importeres den ikke og nævnes. Så kan en afbrudt import
altid køres igen, og ingen sag gemmes to gange.`,
		Example: `  vum import sager.jsonl
  vum export | ssh kollega vum import -`,
		Args: exactArgs("FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.importFile(args[0], batch)
		},
	}
	cmd.Flags().IntVar(&batch, "batch", 1000, "antal sager pr. `PORTION`")
	return cmd
}

// maxReportedLines bounds how many bad lines an import lists.
const maxReportedLines = 50

func (a *app) importFile(name string, batch int) error {
	if batch < 1 {
		return usagef("--batch skal være mindst 1")
	}
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	input, err := a.openInput(name)
	if err != nil {
		return err
	}
	if input, err = a.decryptInput(input); err != nil {
		return err
	}
	r := importReader{cat: cat, vocab: cat.Vocabulary(today), today: today}
	// First pass: check every line.
	var problems []string
	count := 0
	for l := range r.records(input.open()) {
		count++
		if l.err != nil {
			problems = append(problems, fmt.Sprintf("linje %d: %s", l.line, indentProblems(l.err)))
		}
	}
	if err := r.readErr; errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("kan ikke læse %s: en linje er længere end %d MiB; en vum-eksport har én sag pr. linje", input.label, maxInput>>20)
	} else if err != nil {
		return fmt.Errorf("kan ikke læse %s: %s", input.label, osErrorText(err))
	}
	if len(problems) > 0 {
		return importProblems(input.label, problems)
	}
	if count == 0 {
		return fmt.Errorf("%s indeholder ingen sager", input.label)
	}
	s, err := a.openStore()
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.Import(r.storeRecords(input.open()), store.ImportOptions{Batch: batch, Source: input.label})
	if err != nil {
		if res.Added > 0 {
			return fmt.Errorf("importen stoppede efter %d gemte sager: %w; kør den samme import igen for at fortsætte", res.Added, err)
		}
		return err
	}
	msg := fmt.Sprintf("Importeret %s fra %s", domain.Count(res.Added, "sag", "sager"), input.label)
	if res.Skipped > 0 {
		msg += fmt.Sprintf("; %s sprunget over (findes allerede med samme indhold)", domain.Count(res.Skipped, "sag", "sager"))
	}
	_, err = fmt.Fprintln(a.stdout, msg+".")
	if len(res.Conflicts) > 0 {
		fmt.Fprintf(a.stderr, "vum: %s findes allerede med andet indhold og er ikke importeret: %s\n",
			domain.Count(len(res.Conflicts), "sag", "sager"), idList(res.Conflicts))
	}
	if len(res.KnownCPR) > 0 {
		fmt.Fprintf(a.stderr, "vum: bemærk: borgeren havde allerede en sag i databasen for %s: %s\n",
			domain.Count(len(res.KnownCPR), "importeret sag", "importerede sager"), idList(res.KnownCPR))
	}
	return err
}

func importProblems(label string, problems []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s kan ikke importeres; intet er gemt (%d linjer med fejl):", label, len(problems))
	for i, p := range problems {
		if i == maxReportedLines {
			fmt.Fprintf(&b, "\n  ... og %d linjer mere", len(problems)-i)
			break
		}
		b.WriteString("\n  - " + p)
	}
	return fmt.Errorf("%s", b.String())
}

func indentProblems(err error) string {
	if ps, ok := err.(domain.Problems); ok {
		parts := make([]string, len(ps))
		for i, p := range ps {
			parts[i] = p.String()
		}
		return strings.Join(parts, "; ")
	}
	return err.Error()
}

// input is a file or stdin that can be read twice: a file is reopened,
// stdin is kept in memory.
type input struct {
	label string
	open  func() io.Reader
}

func (a *app) openInput(name string) (input, error) {
	if name == "-" {
		data, err := a.readInput("-")
		if err != nil {
			return input{}, err
		}
		return input{label: "standard input", open: func() io.Reader { return bytes.NewReader(data) }}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return input{}, fmt.Errorf("kan ikke åbne %s: %s", name, osErrorText(err))
	}
	f.Close()
	var current *os.File
	return input{label: name, open: func() io.Reader {
		if current != nil {
			current.Close()
		}
		var err error
		if current, err = os.Open(name); err != nil {
			return errReader{err}
		}
		return current
	}}, nil
}

// firstInvalidUTF8 returns the byte index of the first byte that is not
// valid UTF-8 in b.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// importReader decodes export lines and completes their decisions.
type importReader struct {
	cat     *standards.Catalog
	vocab   domain.Vocabulary
	today   domain.Date
	readErr error
}

// importLine is one non-blank input line: its record, or its problems.
type importLine struct {
	line int
	rec  *store.ImportRecord
	err  error
}

// records yields each non-blank line.
func (r *importReader) records(in io.Reader) iter.Seq[importLine] {
	return func(yield func(importLine) bool) {
		scanner := bufio.NewScanner(in)
		scanner.Buffer(make([]byte, 0, 64<<10), maxInput)
		line := 0
		for scanner.Scan() {
			line++
			text := bytes.TrimSpace(scanner.Bytes())
			if len(text) == 0 {
				continue
			}
			rec, err := r.record(line, text)
			if !yield(importLine{line, rec, err}) {
				return
			}
		}
		r.readErr = scanner.Err()
	}
}

func (r *importReader) record(line int, text []byte) (*store.ImportRecord, error) {
	var probe struct {
		Events json.RawMessage `json:"events"`
	}
	if !utf8.Valid(text) {
		return nil, fmt.Errorf("teksten er ikke gyldig UTF-8 (fra kolonne %d); gem filen som UTF-8", firstInvalidUTF8(text)+1)
	}
	if err := json.Unmarshal(text, &probe); err != nil {
		return nil, errors.New(domain.JSONErrorText(text, err))
	}
	if probe.Events == nil {
		return r.legacyRecord(line, text)
	}
	var ec store.ExportCase
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ec); err != nil {
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return nil, fmt.Errorf("kan ikke læses som en sag: ukendt felt %s", field)
		}
		return nil, fmt.Errorf("kan ikke læses som en sag: %s", domain.JSONErrorText(text, err))
	}
	if !store.ValidID(ec.ID) {
		return nil, domain.Problems{{Field: "id", Message: fmt.Sprintf("%q er ikke et gyldigt vum-id", ec.ID)}}
	}
	if ec.Created.IsZero() {
		return nil, domain.Problems{{Field: "created", Message: "mangler"}}
	}
	if ps := r.cat.CheckHistory(ec.ID, ec.Events, r.today); len(ps) > 0 {
		return nil, ps
	}
	if ec.Draft != nil {
		if _, _, _, err := domain.ParseDraft(ec.Draft.Values()); err != nil {
			return nil, domain.Problems{{Field: "draft", Message: err.Error()}}
		}
	}
	return &store.ImportRecord{Line: line, Case: ec}, nil
}

// legacyRecord reads a line of the first export format: a case file with
// its latest decision and next follow-up. It becomes the case's opening,
// first assessment and decision, with an id made from the line's content
// when it has none, so importing it again finds the same case.
func (r *importReader) legacyRecord(line int, text []byte) (*store.ImportRecord, error) {
	rec, err := domain.DecodeRecord(text, r.vocab)
	if err != nil {
		return nil, err
	}
	id := strings.ToUpper(rec.ID)
	if id == "" {
		id = contentID(rec.Case.ApplicationDate, text)
	} else if !store.ValidID(id) {
		return nil, domain.Problems{{Field: "id", Message: fmt.Sprintf("%q er ikke et gyldigt vum-id", rec.ID)}}
	}
	at := rec.Case.ApplicationDate.Time().UTC()
	c := domain.Case{ID: id}
	events := []domain.Event{{Kind: domain.EventOpened, Opening: ptr(rec.Case.Opening())}}
	if a := rec.Case.FirstAssessment(rec.Case.ApplicationDate); a != nil {
		events = append(events, domain.Event{Kind: domain.EventAssessment, Assessment: a})
	}
	if rec.Decision == nil && !rec.FollowUpDue.IsZero() {
		return nil, domain.Problems{{Field: "follow_up_due", Message: "en opfølgning kræver en afgørelse (decision)"}}
	}
	if in := rec.Decision; in != nil {
		d, _, err := r.cat.Decide(rec.Case, standards.DecisionInput{Provision: in.Provision, Tier: in.Tier, Date: in.Date,
			Start: in.Start, Refused: in.Refused, Reason: in.Reason, SpecialReason: in.SpecialReason, Today: r.today})
		if err != nil {
			return nil, prefixProblems("decision.", err)
		}
		if !rec.FollowUpDue.IsZero() && !d.Refused && !rec.FollowUpDue.Equal(d.FollowUpDue) {
			d.FollowUpDue, d.FollowUpFromStandard = rec.FollowUpDue, false
		}
		events = append(events, c.GrantEvent(d))
	}
	for _, e := range events {
		e.Seq, e.Recorded, e.User = c.Version+1, at, "import"
		if err := c.Apply(e); err != nil {
			return nil, err
		}
	}
	if ps := r.cat.CheckHistory(id, c.Events, r.today); len(ps) > 0 {
		return nil, ps
	}
	return &store.ImportRecord{Line: line, Case: store.ExportCase{ID: id, Created: at, Events: c.Events}}, nil
}

func ptr[T any](v T) *T { return &v }

// contentID makes a case id from a line's content: the same line always
// gets the same id.
func contentID(applied domain.Date, text []byte) string {
	sum := sha256.Sum256(text)
	var entropy [10]byte
	copy(entropy[:], sum[:])
	var id ulid.ULID
	id.SetTime(ulid.Timestamp(applied.Time()))
	id.SetEntropy(entropy[:])
	return id.String()
}

func prefixProblems(prefix string, err error) error {
	ps, ok := err.(domain.Problems)
	if !ok {
		return err
	}
	out := make(domain.Problems, len(ps))
	for i, p := range ps {
		out[i] = domain.Problem{Field: prefix + p.Field, Message: p.Message}
	}
	return out
}

// storeRecords yields the checked records for the store, second pass.
func (r *importReader) storeRecords(in io.Reader) iter.Seq2[store.ImportRecord, error] {
	return func(yield func(store.ImportRecord, error) bool) {
		for l := range r.records(in) {
			if l.err != nil {
				yield(store.ImportRecord{}, fmt.Errorf("linje %d ændrede sig under importen: %s", l.line, indentProblems(l.err)))
				return
			}
			if !yield(*l.rec, nil) {
				return
			}
		}
		if r.readErr != nil {
			yield(store.ImportRecord{}, r.readErr)
		}
	}
}

// maxListedIDs bounds how many case ids a message names.
const maxListedIDs = 10

// idList names up to maxListedIDs case ids and counts the rest.
func idList(ids []string) string {
	if len(ids) <= maxListedIDs {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:maxListedIDs], ", ") + fmt.Sprintf(" og %d til", len(ids)-maxListedIDs)
}
