package domain

import "strconv"

// PensionStep is one row of the state pension age table: citizens born on or
// after BornFrom (and before the next row) reach folkepensionsalder at
// Years years and Months months.
type PensionStep struct {
	BornFrom Date
	Years    int
	Months   int
}

// PensionTable is the state pension age by birth date as legislated by
// 2025, oldest first. It is data, so a later law change is one new row.
var PensionTable = []PensionStep{
	{BornFrom: Date{}, Years: 65},
	{BornFrom: NewDate(1954, 1, 1), Years: 65, Months: 6},
	{BornFrom: NewDate(1954, 7, 1), Years: 66},
	{BornFrom: NewDate(1955, 1, 1), Years: 66, Months: 6},
	{BornFrom: NewDate(1955, 7, 1), Years: 67},
	{BornFrom: NewDate(1963, 1, 1), Years: 68},
	{BornFrom: NewDate(1967, 1, 1), Years: 69},
	{BornFrom: NewDate(1971, 1, 1), Years: 70},
}

// PensionAge returns the state pension age for someone born on birth.
func PensionAge(birth Date) PensionStep {
	step := PensionTable[0]
	for _, s := range PensionTable[1:] {
		if !birth.Before(s.BornFrom) {
			step = s
		}
	}
	return step
}

// PensionDate returns the day someone born on birth reaches state pension age.
func PensionDate(birth Date) Date {
	s := PensionAge(birth)
	return birth.AddMonths(12*s.Years + s.Months)
}

// Label returns the pension age in Danish, e.g. "67 år" or "66½ år".
func (s PensionStep) Label() string {
	if s.Months == 6 {
		return strconv.Itoa(s.Years) + "½ år"
	}
	return strconv.Itoa(s.Years) + " år"
}

// AgeAt returns the age in whole years of someone born on birth, on day.
func AgeAt(birth, day Date) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return age
}
