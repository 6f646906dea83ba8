package domain

import (
	"encoding/json"
	"testing"
)

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	tests := []struct {
		from   Date
		months int
		want   string
	}{
		{NewDate(2026, 1, 31), 1, "2026-02-28"},
		{NewDate(2028, 1, 31), 1, "2028-02-29"},
		{NewDate(2026, 10, 5), 12, "2027-10-05"},
		{NewDate(2026, 8, 31), 6, "2027-02-28"},
		{NewDate(2026, 12, 15), 24, "2028-12-15"},
		{NewDate(2026, 3, 31), -1, "2026-02-28"},
	}
	for _, tt := range tests {
		if got := tt.from.AddMonths(tt.months).String(); got != tt.want {
			t.Errorf("%s + %d months = %s, want %s", tt.from, tt.months, got, tt.want)
		}
	}
}

func TestDateFormats(t *testing.T) {
	d := NewDate(2026, 11, 22)
	if d.Danish() != "22-11-2026" {
		t.Errorf("Danish = %q", d.Danish())
	}
	if d.DanishLong() != "22. november 2026" {
		t.Errorf("DanishLong = %q", d.DanishLong())
	}
	if got := NewDate(2027, 5, 1).DanishLong(); got != "1. maj 2027" {
		t.Errorf("DanishLong = %q", got)
	}
	for _, in := range []string{"22-11-2026", "22.11.2026", "2026-11-22"} {
		got, err := ParseDanishDate(in)
		if err != nil || !got.Equal(d) {
			t.Errorf("ParseDanishDate(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"2026-02-30", "31-04-2026", "i går", ""} {
		if _, err := ParseDanishDate(bad); err == nil {
			t.Errorf("ParseDanishDate(%q) accepted", bad)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":"2026-10-05","b":null}`), &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	if string(out) != `{"a":"2026-10-05","b":null}` {
		t.Errorf("round trip = %s", out)
	}
	if err := json.Unmarshal([]byte(`{"a":"2026-13-01"}`), &v); err == nil {
		t.Error("accepted month 13")
	}
}

func TestAgeAt(t *testing.T) {
	birth := NewDate(1991, 3, 15)
	tests := []struct {
		day  Date
		want int
	}{
		{NewDate(2026, 3, 14), 34},
		{NewDate(2026, 3, 15), 35},
		{NewDate(2026, 10, 5), 35},
	}
	for _, tt := range tests {
		if got := AgeAt(birth, tt.day); got != tt.want {
			t.Errorf("AgeAt(%s) = %d, want %d", tt.day, got, tt.want)
		}
	}
}
