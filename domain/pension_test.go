package domain

import "testing"

func TestPensionAge(t *testing.T) {
	tests := []struct {
		birth Date
		label string
		date  string
	}{
		{NewDate(1953, 12, 31), "65 år", "2018-12-31"},
		{NewDate(1954, 1, 1), "65½ år", "2019-07-01"},
		{NewDate(1954, 6, 30), "65½ år", "2019-12-30"},
		{NewDate(1954, 7, 1), "66 år", "2020-07-01"},
		{NewDate(1955, 1, 1), "66½ år", "2021-07-01"},
		{NewDate(1955, 7, 1), "67 år", "2022-07-01"},
		{NewDate(1962, 12, 31), "67 år", "2029-12-31"},
		{NewDate(1963, 1, 1), "68 år", "2031-01-01"},
		{NewDate(1967, 1, 1), "69 år", "2036-01-01"},
		{NewDate(1970, 12, 31), "69 år", "2039-12-31"},
		{NewDate(1971, 1, 1), "70 år", "2041-01-01"},
		{NewDate(2000, 11, 24), "70 år", "2070-11-24"},
	}
	for _, tt := range tests {
		if got := PensionAge(tt.birth).Label(); got != tt.label {
			t.Errorf("PensionAge(%s) = %s, want %s", tt.birth, got, tt.label)
		}
		if got := PensionDate(tt.birth).String(); got != tt.date {
			t.Errorf("PensionDate(%s) = %s, want %s", tt.birth, got, tt.date)
		}
	}
}
