package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Set at build time by the release script (-ldflags "-X main.version=...")
// so that a release carries its name, and its commit and date also where
// Go cannot read them from version control (a git worktree, or a source
// archive). Go's own build info wins where it has them.
var (
	version    string // e.g. v1.2.0
	commit     string // full commit hash
	commitDate string // the commit's date, RFC 3339
)

// buildInfo is what »vum --version« shows: the version, the commit it was
// built from and that commit's date. All of it comes from the build info
// Go writes into the binary, so a rebuild of the same commit says the same.
type buildInfo struct {
	Version  string
	Commit   string
	Date     time.Time
	Modified bool // built from a checkout with uncommitted changes
	Go       string
	Platform string
}

// readBuildInfo reads the running binary's build info.
func readBuildInfo() buildInfo {
	bi, _ := debug.ReadBuildInfo()
	return parseBuildInfo(bi, buildInfo{Version: version, Commit: commit, Date: parseDate(commitDate)},
		runtime.GOOS+"/"+runtime.GOARCH)
}

func parseDate(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// parseBuildInfo takes the commit and its date from the build info, and
// the version unless stamped; what neither has stays empty.
func parseBuildInfo(bi *debug.BuildInfo, stamped buildInfo, platform string) buildInfo {
	info := stamped
	info.Platform, info.Go = platform, runtime.Version()
	if bi == nil {
		return info
	}
	info.Go = bi.GoVersion
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = s.Value
		case "vcs.time":
			if t := parseDate(s.Value); !t.IsZero() {
				info.Date = t
			}
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	// A build from a checkout with changes is marked +dirty by Go; say it
	// in words instead.
	info.Version = strings.TrimSuffix(info.Version, "+dirty")
	return info
}

// String is the Danish text of »vum --version«.
func (b buildInfo) String() string {
	var sb strings.Builder
	v := b.Version
	if v == "" {
		v = "udviklingsversion"
	}
	fmt.Fprintf(&sb, "vum %s\n", v)
	switch {
	case b.Commit == "":
		sb.WriteString("commit: ukendt (bygget uden versionsstyring)\n")
	case b.Modified:
		fmt.Fprintf(&sb, "commit: %s med ændringer, der ikke er committet\n", b.Commit)
	default:
		fmt.Fprintf(&sb, "commit: %s\n", b.Commit)
	}
	if !b.Date.IsZero() {
		fmt.Fprintf(&sb, "dato:   %s UTC\n", b.Date.Format("02-01-2006 15:04"))
	}
	fmt.Fprintf(&sb, "bygget med %s til %s\n", b.Go, b.Platform)
	return sb.String()
}
