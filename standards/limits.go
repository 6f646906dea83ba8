package standards

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/vumdk/vum/domain"
)

// Limits on a standard file read from a folder. A standard is a few pages
// of TOML; these keep a wrong or hostile file from taking the machine's
// memory or time before it is refused.
const (
	maxFileSize    = 1 << 20 // bytes
	maxNesting     = 16      // arrays and inline tables inside each other
	maxTableDepth  = 8       // dotted parts of a [table] header
	maxProblems    = 30      // lines in one error
	maxProblemText = 200     // characters in one line
)

// readLimited reads a standard file, refusing what is not a regular file
// (a device such as /dev/zero behind a link) or is larger than the limit.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("kan ikke læse %s: %v", path, osText(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("kan ikke læse %s: %v", path, osText(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s er ikke en almindelig fil; læg standardens .toml-fil i mappen", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("kan ikke læse %s: %v", path, osText(err))
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s er større end %d KiB; en kvalitetsstandard fylder nogle få KiB", path, maxFileSize>>10)
	}
	return data, nil
}

func osText(err error) string {
	switch {
	case os.IsNotExist(err):
		return "filen findes ikke"
	case os.IsPermission(err):
		return "ingen adgang; tjek rettighederne"
	}
	return err.Error()
}

// checkShape refuses TOML nested deeper than a standard ever is, before
// the parser sees it, naming the line. It follows strings and comments so
// that brackets inside them do not count.
func checkShape(data []byte) error {
	if !utf8.Valid(data) {
		return fmt.Errorf("filen er ikke UTF-8; gem den som UTF-8")
	}
	s := string(data)
	depth, line, dots := 0, 1, 0
	atLineStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '.':
			if dots++; dots > maxTableDepth {
				return fmt.Errorf("linje %d: en nøgle med mere end %d led", line, maxTableDepth)
			}
		case '\n', '=', ',', '{', '[':
			dots = 0
		}
		switch {
		case c == '\n':
			line++
			atLineStart = true
			continue
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			i--
			continue
		case c == '"' || c == '\'':
			quote := s[i : i+1]
			if strings.HasPrefix(s[i:], strings.Repeat(quote, 3)) {
				end := strings.Index(s[i+3:], strings.Repeat(quote, 3))
				if end < 0 {
					return nil // the parser names the open string
				}
				line += strings.Count(s[i:i+3+end], "\n")
				i += 3 + end + 2
				continue
			}
			j := i + 1
			for j < len(s) && s[j] != c && s[j] != '\n' {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case atLineStart && depth == 0 && c == '[':
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				end = len(s) - i
			}
			header := s[i : i+end]
			if strings.Count(header, ".")+1 > maxTableDepth {
				return fmt.Errorf("linje %d: tabellen er dybere end %d niveauer", line, maxTableDepth)
			}
			i += end - 1
		case c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				return fmt.Errorf("linje %d: mere end %d lister eller tabeller inden i hinanden", line, maxNesting)
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		if c != ' ' && c != '\t' && c != '\r' {
			atLineStart = false
		}
	}
	return nil
}

// capProblems keeps an error short: each line cut to one line of
// reasonable length, and at most maxProblems lines with a count of the
// rest.
func capProblems(ps domain.Problems) string {
	var b strings.Builder
	for i, p := range ps {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n... og %d fejl mere", len(ps)-maxProblems)
			break
		}
		text := domain.VisibleLine(p.String())
		if utf8.RuneCountInString(text) > maxProblemText {
			text = string([]rune(text)[:maxProblemText]) + "…"
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(text)
	}
	return b.String()
}
