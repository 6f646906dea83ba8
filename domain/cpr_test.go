package domain

import (
	"strings"
	"testing"
)

func TestParseCPR(t *testing.T) {
	tests := []struct {
		in      string
		birth   string
		male    bool
		wantErr string
	}{
		{in: "150391-1234", birth: "1991-03-15", male: false},
		{in: "1503911233", birth: "1991-03-15", male: true},
		{in: " 150391-1233 ", birth: "1991-03-15", male: true},
		// seventh digit 0-3: 1900s whatever the year
		{in: "010100-3001", birth: "1900-01-01", male: true},
		// 4 and 9: 2000s up to 36, 1900s from 37
		{in: "241100-4382", birth: "2000-11-24", male: false},
		{in: "010136-4000", birth: "2036-01-01"},
		{in: "010137-4000", birth: "1937-01-01"},
		{in: "010136-9000", birth: "2036-01-01"},
		{in: "010137-9000", birth: "1937-01-01"},
		// 5-8: 2000s up to 57, 1800s from 58
		{in: "010157-5000", birth: "2057-01-01"},
		{in: "010158-8000", birth: "1858-01-01"},
		// leap days: 2000 was a leap year, 1900 was not
		{in: "290200-4000", birth: "2000-02-29"},
		{in: "290200-1000", wantErr: "290200 er ikke en gyldig dato"},
		// a number failing modulus 11 is still accepted (issued since 2007)
		{in: "010107-4001", birth: "2007-01-01", male: true},
		{in: "310291-1234", wantErr: "310291 er ikke en gyldig dato"},
		{in: "001291-1234", wantErr: "ikke en gyldig dato"},
		{in: "011391-1234", wantErr: "ikke en gyldig dato"},
		{in: "150391-123", wantErr: "er ikke et CPR-nummer"},
		{in: "15039a-1234", wantErr: "er ikke et CPR-nummer"},
		{in: "", wantErr: "er ikke et CPR-nummer"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseCPR(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseCPR(%q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCPR(%q): %v", tt.in, err)
			}
			if got := c.BirthDate().String(); got != tt.birth {
				t.Errorf("birth = %s, want %s", got, tt.birth)
			}
			if c.Male() != tt.male {
				t.Errorf("male = %v, want %v", c.Male(), tt.male)
			}
		})
	}
}

func TestCPRMasked(t *testing.T) {
	c, err := ParseCPR("1503911234")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Masked(); got != "150391-xxxx" {
		t.Errorf("Masked = %q", got)
	}
	if got := c.String(); got != "150391-1234" {
		t.Errorf("String = %q", got)
	}
	if (CPR{}).Masked() != "" {
		t.Error("zero CPR must mask to empty")
	}
}

func FuzzParseCPR(f *testing.F) {
	for _, s := range []string{"150391-1234", "310291-1234", "290200-4000", "0101001000", "xx", "010158-8000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCPR(s)
		if err != nil {
			return
		}
		again, err := ParseCPR(c.String())
		if err != nil || again != c {
			t.Fatalf("round trip of %q: %v, %v", s, again, err)
		}
		if c.Masked() != c.String()[:6]+"-xxxx" {
			t.Fatalf("Masked %q reveals the serial of %q", c.Masked(), c.String())
		}
		b := c.BirthDate()
		if b.Year() < 1858 || b.Year() > 2057 {
			t.Fatalf("birth year %d outside the CPR century rule", b.Year())
		}
	})
}
