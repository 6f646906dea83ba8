package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"

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
		Long: `Skriver alle sager. JSONL: én sagsfil pr. linje med id, afgørelse og næste
opfølgning (fuldt CPR-nummer; kan læses igen med »vum import«). CSV: én række
pr. sag til dansk Excel, med maskeret CPR-nummer. Eksporten skrives i
adgangsloggen.

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
			if err := a.logAccess(s, store.AccessExport, true, "vum export som "+format); err != nil {
				return err
			}
			w, finish, err := a.openExport(s, target)
			if err != nil {
				return err
			}
			if format == "csv" {
				err = exportCSV(w, s, cat)
			} else {
				err = exportJSONL(w, s)
			}
			if err != nil {
				return err
			}
			return finish()
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "`FORMAT`: jsonl eller csv")
	a.exportTargetFlags(cmd, &target)
	return cmd
}

func exportJSONL(w io.Writer, s *store.Store) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return s.Export("jsonl", func(r store.CaseRecord) error {
		return enc.Encode(domain.Record{ID: r.ID, Case: r.Case, Decision: r.Decision, FollowUpDue: r.FollowUpDue})
	})
}

func (a *app) importCommand() *cobra.Command {
	var batch int
	var again bool
	cmd := &cobra.Command{
		Use:   "import FIL|-",
		Short: "Læs sager fra JSONL (som »vum export« skriver)",
		Long: `Læser én sagsfil pr. linje; en linje kan have »id«, »decision«
({"provision", "tier", "date", "reason"}) og »follow_up_due«. Alle linjer
kontrolleres først: er der fejl, nævnes de med linjenummer, og intet gemmes.
Derefter gemmes sagerne i portioner. Bliver importen afbrudt, fortsætter en ny
import af samme fil efter den sidste gemte portion. Sager, hvis id allerede
findes, springes over.`,
		Example: `  vum import sager.jsonl
  vum export | ssh kollega vum import -`,
		Args: exactArgs("FIL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.importFile(args[0], batch, again)
		},
	}
	cmd.Flags().IntVar(&batch, "batch", 1000, "antal sager pr. `PORTION`")
	cmd.Flags().BoolVar(&again, "again", false, "importér en fil, der allerede er importeret")
	return cmd
}

// maxReportedLines bounds how many bad lines an import lists.
const maxReportedLines = 50

func (a *app) importFile(name string, batch int, again bool) error {
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
	// First pass: check every line and fingerprint the input.
	sum := sha256.New()
	var problems []string
	count := 0
	for l := range r.records(io.TeeReader(input.open(), sum)) {
		count++
		if l.err != nil {
			problems = append(problems, fmt.Sprintf("linje %d: %s", l.line, indentProblems(l.err)))
		}
	}
	if err := r.readErr; err != nil {
		return fmt.Errorf("kan ikke læse %s: %v", input.label, err)
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
	res, err := s.Import(r.storeRecords(input.open()), store.ImportOptions{
		Batch: batch, Source: input.label, Fingerprint: hex.EncodeToString(sum.Sum(nil)), Again: again,
	})
	if err != nil {
		if res.Added > 0 {
			return fmt.Errorf("importen stoppede efter %d gemte sager: %w; kør den samme import igen for at fortsætte", res.Added, err)
		}
		return err
	}
	msg := fmt.Sprintf("Importeret %d sager fra %s", res.Added, input.label)
	if res.Skipped > 0 {
		msg += fmt.Sprintf("; %d sprunget over (findes allerede)", res.Skipped)
	}
	if res.Resumed > 0 {
		msg += fmt.Sprintf("; fortsatte efter %d sager fra en afbrudt import", res.Resumed)
	}
	_, err = fmt.Fprintln(a.stdout, msg+".")
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
	rec, err := domain.DecodeRecord(text, r.vocab)
	if err != nil {
		return nil, err
	}
	if rec.ID != "" && !store.ValidID(rec.ID) {
		return nil, domain.Problems{{Field: "id", Message: fmt.Sprintf("%q er ikke et gyldigt vum-id", rec.ID)}}
	}
	out := &store.ImportRecord{Line: line, ID: rec.ID, Case: rec.Case}
	if rec.Decision == nil {
		if !rec.FollowUpDue.IsZero() {
			return nil, domain.Problems{{Field: "follow_up_due", Message: "en opfølgning kræver en afgørelse (decision)"}}
		}
		return out, nil
	}
	in := rec.Decision
	d, _, err := r.cat.Decide(rec.Case, standards.DecisionInput{Provision: in.Provision, Tier: in.Tier, Date: in.Date,
		Start: in.Start, Refused: in.Refused, Reason: in.Reason, SpecialReason: in.SpecialReason, Today: r.today})
	if err != nil {
		return nil, prefixProblems("decision.", err)
	}
	if !rec.FollowUpDue.IsZero() && !d.Refused && !rec.FollowUpDue.Equal(d.FollowUpDue) {
		// A follow-up moved since the decision (or set by the caseworker).
		d.FollowUpDue, d.FollowUpFromStandard = rec.FollowUpDue, false
	}
	out.Decision = &d
	return out, nil
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
