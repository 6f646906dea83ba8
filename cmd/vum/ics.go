package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// writeFollowUpsICS writes the follow-ups as all-day events in an
// iCalendar file (RFC 5545) that Outlook and Google Calendar import. The
// events carry the citizen's name, never the CPR number.
func writeFollowUpsICS(w io.Writer, list []followUp, now time.Time) error {
	var b strings.Builder
	line := func(s string) { b.WriteString(foldICS(s)) }
	stamp := now.UTC().Format("20060102T150405Z")
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//vum//opfølgninger//DA")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:vum opfølgninger")
	for _, f := range list {
		day := f.Due.Time()
		line("BEGIN:VEVENT")
		line("UID:" + f.CaseID + "-" + day.Format("20060102") + "@vum")
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
		line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + escapeICS(fmt.Sprintf("Opfølgning: %s (%s)", f.Name, f.Provision.Law())))
		line("DESCRIPTION:" + escapeICS(fmt.Sprintf("Opfølgning på sag %s. Åbn sagen med: vum case show %s", f.CaseID, f.CaseID)))
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeICS escapes text values as RFC 5545 section 3.3.11 requires.
func escapeICS(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", "").Replace(s)
}

// foldICS ends a content line with CRLF, folding it so that no line is
// longer than 75 octets and no UTF-8 character is split.
func foldICS(s string) string {
	var b strings.Builder
	width := 0
	for _, r := range s {
		n := len(string(r))
		if width+n > 75 {
			b.WriteString("\r\n ")
			width = 1
		}
		b.WriteRune(r)
		width += n
	}
	b.WriteString("\r\n")
	return b.String()
}
