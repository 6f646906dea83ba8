package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vumdk/vum/store"
)

// With a caseworker profile the access log names the caseworker, with
// the OS user beside.
func TestAccessLogNamesTheCaseworker(t *testing.T) {
	path := withStore(t)
	t.Setenv("VUM_CONFIG", t.TempDir())
	mustRun(t, "", "profil", "--navn", "Anna Sagsbehandler")
	id := strings.TrimSpace(mustRun(t, "", "case", "add", example("ishoj-moderat.json")))
	mustRun(t, "", "case", "show", id)
	var report struct{ Entries []store.AccessEntry }
	json.Unmarshal([]byte(mustRun(t, "", "log", "--citizen", "150391-1234", "--json")), &report)
	if len(report.Entries) == 0 || report.Entries[0].User != "Anna Sagsbehandler ("+testStoreUser(t, path)+")" {
		t.Errorf("entries = %+v", report.Entries)
	}
}
