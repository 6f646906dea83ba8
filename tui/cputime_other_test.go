//go:build !unix

package tui

import "time"

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
