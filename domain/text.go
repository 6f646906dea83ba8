package domain

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Untrusted text: names, addresses, notes and reasons come from people and
// files and end up in terminals, letters and other programs. Input is
// checked here, and everything shown is passed through Visible.

// forbiddenFormat reports runes that change how surrounding text is shown
// without being visible: bidirectional overrides, isolates and marks, and
// the Unicode line and paragraph separators.
func forbiddenFormat(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// control reports C0 and C1 control characters and DEL.
func control(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}

// CheckLine checks one line of free text (a name, an address): no control
// character, no bidirectional override, valid UTF-8. The error is Danish
// and names the character.
func CheckLine(s string) error { return checkText(s, false) }

// CheckNote checks multi-line free text (a note, a reason, a goal): as
// CheckLine, but tab and newline are allowed.
func CheckNote(s string) error { return checkText(s, true) }

func checkText(s string, multiline bool) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return fmt.Errorf("indeholder ugyldig UTF-8 (byte %d); gem filen som UTF-8", i+1)
		case multiline && (r == '\n' || r == '\t'):
		case r == '\t' || r == '\n' || r == '\r':
			return fmt.Errorf("må ikke indeholde linjeskift eller tabulator (tegn %d)", utf8.RuneCountInString(s[:i])+1)
		case control(r):
			return fmt.Errorf("indeholder styretegnet %s (tegn %d); fjern det", codePoint(r), utf8.RuneCountInString(s[:i])+1)
		case forbiddenFormat(r):
			return fmt.Errorf("indeholder det usynlige retningstegn %s (tegn %d); fjern det", codePoint(r), utf8.RuneCountInString(s[:i])+1)
		}
	}
	return nil
}

func codePoint(r rune) string { return fmt.Sprintf("U+%04X", r) }

// Visible returns s safe to write to a terminal or a text document:
// newline and tab are kept, every other control character, bidirectional
// override and line separator is written as a visible \uXXXX escape, and
// invalid UTF-8 becomes U+FFFD. Text without such characters is returned
// unchanged.
func Visible(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case control(r) || forbiddenFormat(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// VisibleLine is Visible for text shown on one line: newline and tab
// become spaces as well.
func VisibleLine(s string) string {
	s = Visible(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	}
	return s
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 {
			return needsEscapeSlow(s[i:])
		}
	}
	return false
}

func needsEscapeSlow(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return true
		}
		if (control(r) && r != '\n' && r != '\t') || forbiddenFormat(r) {
			return true
		}
	}
	return false
}

// Unsafe reports whether r may not be written to a terminal as it is: the
// characters Visible escapes.
func Unsafe(r rune) bool {
	return (control(r) && r != '\n' && r != '\t') || forbiddenFormat(r)
}
