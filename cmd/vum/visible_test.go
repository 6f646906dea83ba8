package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"syscall"
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

func TestOSErrorsInDanish(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("gem: %w", &os.PathError{Op: "write", Path: "/data/vum.db", Err: syscall.ENOSPC}), "kan ikke skrive /data/vum.db: disken er fuld"},
		{fmt.Errorf("x: %w", &os.PathError{Op: "open", Path: "/ro/vum.db", Err: syscall.EROFS}), "skrivebeskyttet"},
		{fmt.Errorf("x: %w", syscall.EACCES), "ingen adgang"},
	} {
		var out bytes.Buffer
		a := newApp(nil, &out, &out)
		if status := a.report(tc.err); status != exitError {
			t.Errorf("status %d", status)
		}
		a.flush()
		if !strings.Contains(out.String(), tc.want) || strings.Contains(out.String(), "no space") {
			t.Errorf("%v: %q, want %q", tc.err, out.String(), tc.want)
		}
	}
}
