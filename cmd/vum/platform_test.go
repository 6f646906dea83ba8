package main

import (
	"strings"
	"testing"
)

func TestPlatforms(t *testing.T) {
	win := platformFor("windows")
	if win.dbHint != `%LOCALAPPDATA%\vum\vum.db` || win.userEnv != "USERNAME" {
		t.Errorf("windows = %+v", win)
	}
	if mac := platformFor("darwin"); !strings.HasPrefix(mac.dbHint, "~/Library/Application Support/") {
		t.Errorf("darwin = %+v", mac)
	}
	for _, goos := range []string{"linux", "freebsd", "openbsd"} {
		if p := platformFor(goos); !strings.HasPrefix(p.dbHint, "$XDG_DATA_HOME/vum/vum.db") || p.userEnv != "USER" {
			t.Errorf("%s = %+v", goos, p)
		}
	}
}

// The help names the default store as this system writes it.
func TestHelpNamesDefaultStore(t *testing.T) {
	out, _, status := vum(t, "", "--help")
	if status != 0 || !strings.Contains(out, thisPlatform.dbHint) {
		t.Errorf("help does not name %s:\n%s", thisPlatform.dbHint, out)
	}
}
