package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// unitsBackend is a store that knows of cases in other units, as a shared
// database does.
type unitsBackend struct {
	store.Backend
	units []store.OtherUnit
}

func (u unitsBackend) OtherUnitsByCPR(domain.CPR) ([]store.OtherUnit, error) { return u.units, nil }

// Adding a case for a citizen another unit has tells so on stderr, with
// the unit and how many cases, nothing of the cases.
func TestWarnOfCasesInOtherUnits(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "vum.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cpr, err := domain.ParseCPR("110772-1113")
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	a := newApp(strings.NewReader(""), io.Discard, &errOut)
	a.warnExisting(unitsBackend{s, []store.OtherUnit{{Unit: "Socialpsykiatri", Cases: 1}}}, cpr)
	want := "vum: bemærk: Borgeren har 1 sag i en anden enhed (Socialpsykiatri), som du ikke har adgang til. Kontakt enheden, før du opretter en ny sag.\n"
	if errOut.String() != want {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
	errOut.Reset()
	a.warnExisting(unitsBackend{s, nil}, cpr)
	a.warnExisting(s, cpr)
	if errOut.Len() != 0 {
		t.Errorf("a citizen in no other unit: %q", errOut.String())
	}
}
