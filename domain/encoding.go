package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// cleanInput drops a UTF-8 byte-order mark and refuses text that is not
// UTF-8 (a file saved as Latin-1 or Windows-1252), naming the line and the
// field, so no name is stored with U+FFFD in place of its letters.
func cleanInput(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, nil
	}
	at := invalidAt(data)
	line, col := position(data, int64(at))
	field := fieldAt(data, at)
	msg := fmt.Sprintf("ugyldig UTF-8 i linje %d, kolonne %d (byte 0x%02X); filen er måske gemt som Latin-1 eller Windows-1252: gem den som UTF-8", line, col, data[at])
	return nil, Problems{{Field: field, Message: msg}}
}

func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// fieldAt names the JSON field whose key or value holds byte at, e.g.
// "citizen.name" or "goals[1]"; "" when it cannot tell.
func fieldAt(data []byte, at int) string {
	var stack []frame
	path := func() string {
		var b bytes.Buffer
		for _, f := range stack {
			if f.object {
				if f.key == "" {
					continue
				}
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			} else {
				b.WriteString("[" + strconv.Itoa(f.index) + "]")
			}
		}
		return b.String()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return path()
		}
		end := int(dec.InputOffset())
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if end > at {
					return path()
				}
				stack = append(stack, frame{object: t == '{', wantKey: t == '{', index: -1})
				if t == '[' {
					stack[len(stack)-1].index = 0
				}
				continue
			case '}', ']':
				stack = stack[:len(stack)-1]
				if len(stack) > 0 {
					closeValue(&stack[len(stack)-1])
				}
				continue
			}
		case string:
			if top != nil && top.object && top.wantKey {
				top.key = t
				top.wantKey = false
				if end > at {
					return path()
				}
				continue
			}
		}
		if end > at {
			return path()
		}
		if top != nil {
			closeValue(top)
		}
	}
}

// frame is one open object or array while fieldAt walks the tokens.
type frame struct {
	object  bool
	key     string
	index   int
	wantKey bool
}

// closeValue moves past a finished value: an object waits for its next
// key, an array counts on.
func closeValue(f *frame) {
	if f.object {
		f.wantKey = true
	} else {
		f.index++
	}
}
