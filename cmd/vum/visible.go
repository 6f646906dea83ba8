package main

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/vumdk/vum/domain"
)

// visibleWriter passes text to the terminal with every control character
// other than newline, tab and a CR before a newline, and every
// bidirectional override, written as a visible \uXXXX escape: a name or
// note can never retitle the window, move the cursor or fill the
// clipboard. In JSON output the escapes are valid JSON escapes, so the
// data survives unchanged. A rune split between two writes is held back
// until it is whole; Flush writes what is left.
type visibleWriter struct {
	w       io.Writer
	pending []byte
}

func newVisibleWriter(w io.Writer) *visibleWriter { return &visibleWriter{w: w} }

func (v *visibleWriter) Write(p []byte) (int, error) {
	data := p
	if len(v.pending) > 0 {
		data = append(v.pending, p...)
		v.pending = nil
	}
	cut := len(data) - incompleteTail(data)
	if cut > 0 && data[cut-1] == '\r' {
		cut--
	}
	if cut < len(data) {
		v.pending = append([]byte(nil), data[cut:]...)
	}
	if _, err := v.w.Write(visibleBytes(data[:cut])); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a held-back partial rune or CR.
func (v *visibleWriter) Flush() error {
	if len(v.pending) == 0 {
		return nil
	}
	out := visibleBytes(v.pending)
	v.pending = nil
	_, err := v.w.Write(out)
	return err
}

// incompleteTail returns how many bytes at the end of p begin a UTF-8
// sequence that is not yet complete.
func incompleteTail(p []byte) int {
	for n := 1; n <= 3 && n <= len(p); n++ {
		c := p[len(p)-n]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(p[len(p)-n:]) {
				return 0
			}
			return n
		}
	}
	return 0
}

var crlf = []byte("\r\n")

func visibleBytes(p []byte) []byte {
	clean := true
	for _, c := range p {
		if c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return p
	}
	parts := bytes.Split(p, crlf)
	for i, part := range parts {
		parts[i] = []byte(domain.Visible(string(part)))
	}
	return bytes.Join(parts, crlf)
}
