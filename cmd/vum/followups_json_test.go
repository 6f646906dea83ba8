package main

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vumdk/vum/domain"
)

// writeFollowUpsJSON writes what encoding/json writes, byte for byte,
// whatever the strings hold: quotes, backslashes, control characters,
// HTML characters, line and paragraph separators, invalid UTF-8.
func TestFollowUpsJSONAsEncodingJSON(t *testing.T) {
	pieces := []string{"", "Åse Ørum-Ærø", `"`, `\`, "\n", "\r\t\b\f", "\x00\x01\x1f", "<a&b>", "\u2028\u2029", "\xff", "\xe2\x82", "€", "😀", "sel85", "/", "\x7f"}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var b []byte
		for n := rng.IntN(5); n > 0; n-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		return string(b)
	}
	check := func(list []followUp) {
		t.Helper()
		var want, got bytes.Buffer
		if err := writeJSON(&want, list); err != nil {
			t.Fatal(err)
		}
		if err := writeFollowUpsJSON(&got, list); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("got\n%q\nwant\n%q", got.Bytes(), want.Bytes())
		}
	}
	check([]followUp{})
	check([]followUp{{}})
	for i := 0; i < 500; i++ {
		var list []followUp
		for n := 1 + rng.IntN(4); n > 0; n-- {
			f := followUp{CaseID: text(), Grant: text(), Name: text(), Provision: domain.ProvisionID(text()),
				Overdue: rng.IntN(2) == 0, Responsible: text()}
			if rng.IntN(4) > 0 {
				f.Due = domain.NewDate(2020+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
			}
			list = append(list, f)
		}
		check(list)
	}
}
