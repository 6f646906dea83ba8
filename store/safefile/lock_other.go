//go:build !unix

package safefile

import "os"

const locksSupported = false

func lock(f *os.File) bool { return false }

// noFollow is not available (Windows has no O_NOFOLLOW); lock never
// succeeds there, so a leftover is never removed through a link.
const noFollow = 0
