package letter

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vumdk/vum/domain"
)

// hoursText writes hours the Danish way, e.g. "2,5 timer" or "1 time".
func hoursText(h float64) string {
	n := domain.FormatNumber(h)
	if h == 1 {
		return n + " time"
	}
	return n + " timer"
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?«»\"", r) {
		return s
	}
	return s + "."
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// joinAnd joins with commas and "og" before the last.
func joinAnd(parts []string) string { return joinWord(parts, " og ") }

// joinOr joins with commas and "eller" before the last.
func joinOr(parts []string) string { return joinWord(parts, " eller ") }

func joinWord(parts []string, word string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + word + parts[len(parts)-1]
}
