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

// Count writes a count with the Danish singular or plural: "1 sag",
// "2 sager", with thousands separated by points (100.000 sager).
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s + " " + many
}
