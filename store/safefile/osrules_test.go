package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The Windows rules are tested here on Linux: the error numbers a
// Windows error carries, and no folder sync.
func TestExplainWindowsErrors(t *testing.T) {
	for _, tt := range []struct {
		errno syscall.Errno
		want  string
	}{
		{32, "åben i et andet program"}, // a letter open in Word or a PDF reader
		{33, "åben i et andet program"},
		{5, "ingen adgang"},
		{112, "disken er fuld"},
		{3, "findes ikke"},
		{123, "ugyldigt i Windows"},
		{206, "for lang"},
		{80, "findes allerede"},
	} {
		err := &Error{Op: "skrive", Path: `C:\Users\mh\afgørelse.pdf`,
			Err: &os.PathError{Op: "rename", Path: `C:\Users\mh\afgørelse.pdf`, Err: tt.errno}}
		if got := explain(windowsRules, err.Err); !strings.Contains(got, tt.want) {
			t.Errorf("Windows error %d: %q, want %q", int(tt.errno), got, tt.want)
		}
	}
	// An unknown number still falls back to the generic checks, then
	// says what the system said.
	if got := explain(windowsRules, syscall.Errno(999999)); !strings.HasPrefix(got, "uventet fejl fra styresystemet") {
		t.Errorf("unknown Windows error: %q", got)
	}
	// The POSIX numbers mean other things on Windows (2 is a missing file
	// there, 28 is ENOSPC on Linux but ERROR_OUT_OF_PAPER on Windows).
	if got := explain(windowsRules, syscall.Errno(28)); strings.Contains(got, "disken er fuld") {
		t.Errorf("errno 28 under the Windows rules: %q", got)
	}
	if got := explain(unixRules, syscall.ENOSPC); !strings.Contains(got, "disken er fuld") {
		t.Errorf("ENOSPC under the unix rules: %q", got)
	}
}

func TestSyncDirByOS(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "findes-ikke")
	// Windows cannot flush a folder: nothing is opened, so even a missing
	// folder gives no error.
	if err := syncDir(windowsRules, missing); err != nil {
		t.Errorf("Windows rules: %v", err)
	}
	if err := syncDir(unixRules, missing); err == nil {
		t.Error("unix rules: a missing folder must fail")
	}
	if err := syncDir(unixRules, t.TempDir()); err != nil {
		t.Errorf("unix rules: %v", err)
	}
}
