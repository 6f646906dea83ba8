//go:build !windows

package safefile

var thisOS = unixRules
