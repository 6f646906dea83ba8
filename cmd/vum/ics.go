package main

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// icsOptions choose what a calendar event carries.
type icsOptions struct {
	// Full puts the citizen's name and the provision in the title.
	// Calendars are often shared or synced to phones, so by default an
	// event carries only the case reference and the citizen's initials.
	Full bool
	// RemindDays is how many days before the follow-up the reminder
	// (VALARM) goes off; 0 on the day itself.
	RemindDays int
}

// writeFollowUpsICS writes the follow-ups as all-day events in an
// iCalendar file (RFC 5545) that Outlook and Google Calendar import. The
// events never carry the CPR number.
func writeFollowUpsICS(w io.Writer, list []followUp, now time.Time, opt icsOptions) error {
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
		title := fmt.Sprintf("Opfølgning %s, sag %s", initials(f.Name), f.CaseID)
		if opt.Full {
			title = fmt.Sprintf("Opfølgning: %s (%s), sag %s", f.Name, f.Provision.Law(), f.CaseID)
		}
		line("BEGIN:VEVENT")
		line("UID:" + f.CaseID + "-" + day.Format("20060102") + "@vum")
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
		line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY:" + escapeICS(title))
		line("DESCRIPTION:" + escapeICS(fmt.Sprintf("Opfølgning på sag %s. Åbn sagen med: vum case show %s", f.CaseID, f.CaseID)))
		line("TRANSP:TRANSPARENT")
		line("BEGIN:VALARM")
		line("ACTION:DISPLAY")
		line(fmt.Sprintf("TRIGGER:-P%dD", opt.RemindDays))
		line("DESCRIPTION:" + escapeICS(fmt.Sprintf("Opfølgning på sag %s %s", f.CaseID, remindPhrase(opt.RemindDays))))
		line("END:VALARM")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

func remindPhrase(days int) string {
	switch days {
	case 0:
		return "i dag"
	case 1:
		return "i morgen"
	}
	return fmt.Sprintf("om %d dage", days)
}

// initials shortens a name to its initials, "Mette Bækgaard Hansen" to
// "MBH", so a calendar shows whom the follow-up is about without naming
// the citizen.
func initials(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }) {
		r, _ := utf8.DecodeRuneInString(part)
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
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
