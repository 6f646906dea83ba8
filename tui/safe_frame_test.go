package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestSafeFrameKeepsStylesAndNeutralisesCaseText(t *testing.T) {
	styled := lipgloss.NewStyle().Bold(true).Render("Sager")
	hostile := "Mette\x1b]0;pwned\x07 \x1b]52;c;ZWNobyBwd25lZA==\x07\u202eHansen\x1b[2J\x9b"
	frame := styled + "\n" + hostile + "\tø"
	got := safeFrame(frame)
	if !strings.HasPrefix(got, styled) {
		t.Errorf("styles changed: %q", got)
	}
	for _, bad := range []string{"\x1b]", "\x07", "\u202e", "\x1b[2J", "\x9b"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q still in %q", bad, got)
		}
	}
	if !strings.Contains(got, `Mette\u001b]0;pwned\u0007`) || !strings.HasSuffix(got, "\tø") {
		t.Errorf("text not made visible: %q", got)
	}
	if plain := "Ingen sager\nendnu"; safeFrame(plain) != plain {
		t.Errorf("plain text changed")
	}
}
