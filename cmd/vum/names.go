package main

import "strings"

// municipalityNames names municipalities as the screen's lists do
// ("Ishøj", without "Kommune"); text output never shows a slug, which is
// kept for JSON and CSV. Where the standards cannot be read, the slug is
// all there is.
func (a *app) municipalityNames() func(string) string {
	cat, err := a.standards()
	if err != nil {
		return func(id string) string { return id }
	}
	return func(id string) string { return strings.TrimSuffix(cat.MunicipalityName(id), " Kommune") }
}
