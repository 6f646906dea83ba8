package store

import (
	"path/filepath"
	"testing"

	"github.com/vumdk/vum/domain"
)

// BenchmarkImport measures bulk import per case, in batches of 1000.
func BenchmarkImport(b *testing.B) {
	list := recordList(10000)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "vum.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Import(slices2seq(list), ImportOptions{Batch: 1000}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(list)), "ns/case")
}

// BenchmarkDueBefore lists 100 due follow-ups from a store of 10,000 cases.
func BenchmarkDueBefore(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "vum.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	list := recordList(10000)
	for i := range list {
		d := decision(domain.NewDate(2030, 1, 1))
		if i < 100 {
			d.FollowUpDue = domain.NewDate(2027, 1, 1+i%28)
		}
		list[i].Decision = &d
	}
	s.Import(slices2seq(list), ImportOptions{})
	for b.Loop() {
		n := 0
		s.DueBefore(domain.NewDate(2027, 12, 31), func(Due) bool { n++; return true })
		if n != 100 {
			b.Fatalf("due = %d", n)
		}
	}
}
