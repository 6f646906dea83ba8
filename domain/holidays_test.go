package domain

import "testing"

func TestEaster(t *testing.T) {
	known := map[int]string{
		1818: "1818-03-22", 2000: "2000-04-23", 2008: "2008-03-23", 2019: "2019-04-21",
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28",
		2038: "2038-04-25", 2285: "2285-03-22",
	}
	for year, want := range known {
		if got := Easter(year).String(); got != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
}

func TestPublicHolidays2026(t *testing.T) {
	want := map[string]string{
		"2026-01-01": "Nytårsdag", "2026-04-02": "Skærtorsdag", "2026-04-03": "Langfredag",
		"2026-04-05": "Påskedag", "2026-04-06": "2. påskedag", "2026-05-14": "Kristi himmelfartsdag",
		"2026-05-24": "Pinsedag", "2026-05-25": "2. pinsedag", "2026-06-05": "Grundlovsdag",
		"2026-12-24": "Juleaften", "2026-12-25": "Juledag", "2026-12-26": "2. juledag",
		"2026-12-31": "Nytårsaftensdag",
	}
	found := map[string]string{}
	for d := NewDate(2026, 1, 1); d.Year() == 2026; d = d.AddDays(1) {
		if name := PublicHoliday(d); name != "" {
			found[d.String()] = name
		}
	}
	if len(found) != len(want) {
		t.Errorf("found %d holidays, want %d: %v", len(found), len(want), found)
	}
	for day, name := range want {
		if found[day] != name {
			t.Errorf("%s = %q, want %q", day, found[day], name)
		}
	}
}

func TestGreatPrayerDayAbolishedFrom2024(t *testing.T) {
	if got := PublicHoliday(NewDate(2023, 5, 5)); got != "Store bededag" {
		t.Errorf("2023-05-05 = %q, want Store bededag", got)
	}
	if got := PublicHoliday(NewDate(2024, 4, 26)); got != "" {
		t.Errorf("2024-04-26 = %q, want no holiday", got)
	}
}

func TestComplaintDeadline(t *testing.T) {
	tests := []struct {
		received Date
		want     string
	}{
		// a plain weekday four weeks on
		{NewDate(2026, 11, 2), "2026-11-30"},
		// lands on Christmas Day (Friday): skips 25-27 December
		{NewDate(2026, 11, 27), "2026-12-28"},
		// lands on a Saturday
		{NewDate(2026, 10, 3), "2026-11-02"},
		// lands on Maundy Thursday 2027 (25 March): skips to Tuesday after Easter
		{NewDate(2027, 2, 25), "2027-03-30"},
		// lands on Constitution Day 2026 (Friday 5 June)
		{NewDate(2026, 5, 8), "2026-06-08"},
		// lands on New Year's Eve 2027 (Friday): skips 1-2 January
		{NewDate(2027, 12, 3), "2028-01-03"},
	}
	for _, tt := range tests {
		if got := ComplaintDeadline(tt.received, 4).String(); got != tt.want {
			t.Errorf("ComplaintDeadline(%s) = %s, want %s", tt.received, got, tt.want)
		}
	}
}
