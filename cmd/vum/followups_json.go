package main

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// writeFollowUpsJSON writes the list as writeJSON would (indented by two
// spaces, HTML characters as they are), without reflection: the list is
// what a command run many times a day prints, and its start-up counts.
func writeFollowUpsJSON(w io.Writer, list []followUp) error {
	if len(list) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	buf := make([]byte, 0, 256*len(list))
	buf = append(buf, "[\n"...)
	for i, f := range list {
		buf = append(buf, "  {\n    \"case_id\": "...)
		buf = appendJSONString(buf, f.CaseID)
		buf = append(buf, ",\n    \"grant\": "...)
		buf = appendJSONString(buf, f.Grant)
		buf = append(buf, ",\n    \"name\": "...)
		buf = appendJSONString(buf, f.Name)
		buf = append(buf, ",\n    \"provision\": "...)
		buf = appendJSONString(buf, string(f.Provision))
		buf = append(buf, ",\n    \"due\": "...)
		if f.Due.IsZero() {
			buf = append(buf, "null"...)
		} else {
			buf = appendJSONString(buf, f.Due.String())
		}
		buf = append(buf, ",\n    \"overdue\": "...)
		buf = strconv.AppendBool(buf, f.Overdue)
		if f.Responsible != "" {
			buf = append(buf, ",\n    \"responsible\": "...)
			buf = appendJSONString(buf, f.Responsible)
		}
		buf = append(buf, "\n  }"...)
		if i < len(list)-1 {
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
	}
	buf = append(buf, "]\n"...)
	_, err := w.Write(buf)
	return err
}

// appendJSONString appends s as encoding/json writes a string with HTML
// escaping off: quotes, backslashes and control characters escaped,
// U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '"', '\\':
				buf = append(buf, '\\', b)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
