package main

import (
	"bytes"
	"testing"
)

func TestVisibleWriterAcrossWrites(t *testing.T) {
	var out bytes.Buffer
	w := newVisibleWriter(&out)
	in := []byte("Søren\u202e\x1b[2Jø\r\nnæste\r")
	for _, b := range in { // one byte at a time: runes and CRLF split
		w.Write([]byte{b})
	}
	w.Flush()
	want := `Søren\u202e\u001b[2Jø` + "\r\n" + `næste\u000d`
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
