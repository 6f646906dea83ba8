package letter

import (
	"regexp"
	"strings"
	"sync"
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
//
//lint:ignore U1000 the pair of joinAnd, for lists of alternatives
func joinOr(parts []string) string { return joinWord(parts, " eller ") }

func joinWord(parts []string, word string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + word + parts[len(parts)-1]
}

// sentenceOr returns s as a sentence, or a placeholder for what.
func sentenceOr(s, what string) string {
	if strings.TrimSpace(s) == "" {
		return placeholder(what)
	}
	return sentence(s)
}

// duRE finds the standard's third person, which a letter to the citizen
// turns into "du".
var duRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b([Bb])orgeren\b`) })

// du turns a standard's sentence about "borgeren" into one spoken to the
// citizen: "Afmelder borgeren ..." becomes "Afmelder du ...", and the
// reflexive pronouns follow.
func du(s string) string {
	if !duRE().MatchString(s) {
		return s
	}
	s = duRE().ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == 'B' {
			return "Du"
		}
		return "du"
	})
	for _, r := range [][2]string{{" sine ", " dine "}, {" sin ", " din "}, {" sit ", " dit "}, {" sig ", " dig "}, {" sig.", " dig."}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

// duAll applies du to every item.
func duAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = du(s)
	}
	return out
}
