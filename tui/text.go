package tui

import (
	"regexp"
	"sync"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vumdk/vum/domain"
)

// Stand-ins that keep "§ 85" and dates like 25-11-2026 whole when
// wrapping; they are put back afterwards.
const (
	nbsp     = "\u00a0"
	nbHyphen = "\u2011"
)

var (
	protect = strings.NewReplacer("§ ", "§"+nbsp, "stk. ", "stk."+nbsp)
	restore = strings.NewReplacer(nbsp, " ", nbHyphen, "-")
	dateRE  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\b(\d{2})-(\d{2})-(\d{4})\b|\b(\d{6})-(\d{4}|xxxx)\b`)
	})
)

// wrapText breaks plain text at width columns on word boundaries, never
// inside "§ 85", a date or a CPR number.
func wrapText(text string, width int) string {
	if width < 10 {
		width = 10
	}
	text = dateRE().ReplaceAllStringFunc(protect.Replace(text), func(d string) string {
		return strings.ReplaceAll(d, "-", nbHyphen)
	})
	return restore.Replace(ansi.Wrap(text, width, ""))
}

// fit pads or truncates plain text to exactly width columns.
func fit(text string, width int) string {
	if width <= 0 {
		return ""
	}
	if w := lipgloss.Width(text); w > width {
		return ansi.Truncate(text, width, "…")
	} else if w < width {
		return text + strings.Repeat(" ", width-w)
	}
	return text
}

// thousands writes n with Danish thousands separators: 100.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// newInput returns a text field with a steady cursor: no blink timer
// keeps the program waking up, and screens stay the same between frames.
func newInput(placeholder string, limit, width int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.Width = width
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// plural writes a count with the right Danish form: "1 sag", "2 sager".
func plural(n int, one, many string) string { return domain.Count(n, one, many) }

// safeFrame makes a finished screen safe to send to the terminal: the
// colour and style sequences lipgloss writes (ESC [ ... m) are kept, and
// every other escape sequence, control character or bidirectional
// override, which could only come from case text, is shown as a visible
// \uXXXX escape instead of acting on the terminal.
func safeFrame(frame string) string {
	if !frameNeedsCleaning(frame) {
		return frame
	}
	var b strings.Builder
	b.Grow(len(frame) + 32)
	for i := 0; i < len(frame); {
		if frame[i] == 0x1b {
			if n := sgrLength(frame[i:]); n > 0 {
				b.WriteString(frame[i : i+n])
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(frame[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(domain.Visible(frame[i : i+size]))
		}
		i += size
	}
	return b.String()
}

func frameNeedsCleaning(frame string) bool {
	for i := 0; i < len(frame); {
		c := frame[i]
		if c == 0x1b {
			n := sgrLength(frame[i:])
			if n == 0 {
				return true
			}
			i += n
			continue
		}
		if c < 0x80 {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(frame[i:])
		if r == utf8.RuneError && size <= 1 || domain.Unsafe(r) {
			return true
		}
		i += size
	}
	return false
}

// sgrLength returns the length of the select-graphic-rendition sequence
// at the start of s (ESC [ digits and semicolons m), or 0.
func sgrLength(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
