package main

import (
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestParseBuildInfo(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0cf31c5e0d7a4e2b9f3c1a8d6b5e4f3a2b1c0d9e"},
		{Key: "vcs.time", Value: "2026-11-27T15:40:12Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	date := time.Date(2026, 11, 27, 15, 40, 12, 0, time.UTC)
	tests := []struct {
		name    string
		bi      *debug.BuildInfo
		stamped buildInfo
		want    buildInfo
	}{
		{"tagged build", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}, Settings: vcs}, buildInfo{},
			buildInfo{Version: "v1.2.0", Commit: "0cf31c5e0d7a4e2b9f3c1a8d6b5e4f3a2b1c0d9e", Date: date, Go: "go1.26.8"}},
		{"stamped version wins over the pseudo-version", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Version: "v0.0.0-20261127154012-0cf31c5e0d7a"}, Settings: vcs}, buildInfo{Version: "v1.3.0"},
			buildInfo{Version: "v1.3.0", Commit: "0cf31c5e0d7a4e2b9f3c1a8d6b5e4f3a2b1c0d9e", Date: date, Go: "go1.26.8"}},
		{"uncommitted changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0+dirty"},
			Settings: append(vcs[:3:3], debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, buildInfo{},
			buildInfo{Version: "v1.2.0", Commit: "0cf31c5e0d7a4e2b9f3c1a8d6b5e4f3a2b1c0d9e", Date: date, Modified: true, Go: "go1.26.8"}},
		{"no version control: the stamped commit stays", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			buildInfo{Version: "v1.3.0", Commit: "abc", Date: date},
			buildInfo{Version: "v1.3.0", Commit: "abc", Date: date, Go: "go1.26.8"}},
		{"nothing known", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, buildInfo{},
			buildInfo{Go: "go1.26.8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Platform = "windows/amd64"
			if got := parseBuildInfo(tt.bi, tt.stamped, "windows/amd64"); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestVersionText(t *testing.T) {
	b := buildInfo{Version: "v1.2.0", Commit: "0cf31c5e", Date: time.Date(2026, 11, 27, 15, 40, 0, 0, time.UTC),
		Go: "go1.26.8", Platform: "windows/amd64"}
	want := "vum v1.2.0\ncommit: 0cf31c5e\ndato:   27-11-2026 15:40 UTC\nbygget med go1.26.8 til windows/amd64\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	b.Modified = true
	if got := b.String(); !strings.Contains(got, "0cf31c5e med ændringer, der ikke er committet") {
		t.Errorf("a modified build is not marked:\n%s", got)
	}
	if got := (buildInfo{Go: "go1.26.8", Platform: "linux/amd64"}).String(); !strings.HasPrefix(got, "vum udviklingsversion\ncommit: ukendt") {
		t.Errorf("an unstamped build:\n%s", got)
	}
}

func TestVersionFlag(t *testing.T) {
	out, errOut, status := vum(t, "", "--version")
	if status != 0 || errOut != "" || !strings.HasPrefix(out, "vum ") || !strings.Contains(out, "bygget med go") {
		t.Errorf("status %d, stdout %q, stderr %q", status, out, errOut)
	}
}
