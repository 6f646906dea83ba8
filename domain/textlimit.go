package domain

import (
	"fmt"
	"unicode/utf8"
)

// MaxTextRunes is the longest note, citizen's view, goal or reason a case
// may hold, in characters. It is far above any real note (a long one is
// 20,000 characters) and only keeps a runaway paste from bloating the
// store; the screen's text fields use the same limit, so nothing typed is
// ever cut short of it.
const MaxTextRunes = 100_000

// checkLength reports a text over MaxTextRunes.
func (r *rules) checkLength(field, text string) {
	if n := utf8.RuneCountInString(text); n > MaxTextRunes {
		r.add(field, "teksten er %s tegn; højst %s er tilladt, så del den op", thousandsDot(n), thousandsDot(MaxTextRunes))
	}
}

func thousandsDot(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
