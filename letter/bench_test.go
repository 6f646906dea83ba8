package letter

import "testing"

// BenchmarkDraft measures building the letter model and rendering it as
// Markdown, plain text and PDF, for the Ishøj § 85 draft.
func BenchmarkDraft(b *testing.B) {
	cat := catalogT(b)
	in := findCase(b, "ishoj-85").input(b, cat)
	l, err := Build(in)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Build(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("md", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = l.Markdown()
		}
	})
	b.Run("text", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = l.Text()
		}
	})
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := l.PDF(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
