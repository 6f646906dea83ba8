package main

import (
	"encoding/csv"
	"strings"
	"testing"
)

// readExcelCSV reads CSV back as Danish Excel does when the file is
// opened with a double click: it needs the UTF-8 byte order mark (without
// it the bytes are read as Windows-1252), drops it and splits on the
// list separator, the semicolon.
func readExcelCSV(data string) ([][]string, error) {
	if !strings.HasPrefix(data, utf8BOM) {
		return nil, errNoBOM
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, utf8BOM)))
	r.Comma = ';'
	return r.ReadAll()
}

type csvError string

func (e csvError) Error() string { return string(e) }

const errNoBOM = csvError("no UTF-8 byte order mark: Excel would read the file as Windows-1252")

// checkICS checks the RFC 5545 line rules: CRLF ends, at most 75 octets.
func checkICS(t *testing.T, ics string) {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") || strings.Contains(strings.ReplaceAll(ics, "\r\n", ""), "\n") {
		t.Error("ics lines must end in CRLF")
	}
	for _, line := range strings.Split(ics, "\r\n") {
		if len(line) > 75 {
			t.Errorf("ics line longer than 75 octets: %q", line)
		}
	}
}

func TestExportCSVForDanishExcel(t *testing.T) {
	withStore(t)
	moderat := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "decide", moderat, "--provision", "sel85", "--date", "2026-11-20")
	// A name a spreadsheet would run as a formula, with letters that
	// break without the byte order mark, and a theme not relevant.
	hostile := `{"schema":1,"municipality":"gentofte","citizen":{"name":"=HYPERLINK(\"x\") Bækgaard","birth_date":"1980-02-03","living":"own_home"},
"application_date":"2026-10-05","assessment":{"themes":{"mobilitet":{"not_relevant":true},"sundhed":{"note":"Begyndt."}},"support_hours_per_week":1.5}}`
	mustRun(t, hostile, "case", "add", "-")

	out := mustRun(t, "", "export", "--format", "csv", "--plain")
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Error("rows must end in CRLF")
	}
	rows, err := readExcelCSV(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and 2 cases", len(rows))
	}
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"Sag", "Kommune", "Navn", "CPR (maskeret)", "Boform", "Ansøgningsdato", "Ydelse", "Niveau",
		"Afslag", "Afgørelsesdato", "Næste opfølgning", "Støttetimer pr. uge", "Mobilitet", "Sundhed"} {
		if _, ok := col[h]; !ok {
			t.Errorf("no column %q in %v", h, header)
		}
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) != len(header) {
			t.Errorf("row has %d cells, header %d", len(r), len(header))
		}
		byID[r[col["Sag"]]] = r
	}
	m := byID[moderat]
	if m == nil {
		t.Fatalf("case %s not exported: %v", moderat, rows)
	}
	for h, want := range map[string]string{"Kommune": "Ishøj Kommune", "Navn": "Mette Hansen", "CPR (maskeret)": "150391-xxxx",
		"Ydelse": "§ 85", "Niveau": "moderat", "Afslag": "nej", "Afgørelsesdato": "20-11-2026", "Ansøgningsdato": "05-10-2026",
		"Næste opfølgning": "20-11-2027", "Støttetimer pr. uge": "2,5", "Mobilitet": "ikke vurderet"} {
		if got := m[col[h]]; got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	var other []string
	for id, r := range byID {
		if id != moderat {
			other = r
		}
	}
	for h, want := range map[string]string{"Navn": `'=HYPERLINK("x") Bækgaard`, "Mobilitet": "ikke relevant",
		"Sundhed": "påbegyndt, uden niveau", "Psykisk funktionsnedsættelse": "ikke vurderet", "Støttetimer pr. uge": "1,5",
		"Ydelse": "", "CPR (maskeret)": "03-02-1980"} {
		if got := other[col[h]]; got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+45 12": "'+45 12", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Mette": "Mette", "": "", "2,5": "2,5", "§ 85": "§ 85", "a=b": "a=b",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{
		"Mette Hansen": "MH", "Ånne-Sofie  Bækgaard": "ÅSB", "  ": "?", "peter": "P", "9 Lars": "L",
	} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q, want %q", in, got, want)
		}
	}
}
