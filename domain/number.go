package domain

import (
	"strconv"
	"strings"
)

// FormatNumber writes a number the Danish way, with a decimal comma:
// 2,5 rather than 2.5.
func FormatNumber(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

// ParseNumber reads a number written with a decimal comma or point.
func ParseNumber(s string) (float64, error) {
	return strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
}
