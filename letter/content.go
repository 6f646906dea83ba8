package letter

import (
	"fmt"
)

// content lists what the provision includes after the standard.
func (b *builder) content() {
	if !b.covered() {
		return
	}
	p := b.p
	sec := Section{Heading: HeadingContent, Level: 1}
	if len(p.Content) > 0 {
		sec.Blocks = append(sec.Blocks, para(fmt.Sprintf("Efter %s kvalitetsstandard indeholder ydelsen fx:", b.genitive())), list(p.Content...))
	}
	if len(p.NotIncluded) > 0 {
		sec.Blocks = append(sec.Blocks, para("Ydelsen omfatter ikke:"), list(p.NotIncluded...))
	}
	if len(p.Notes) > 0 {
		sec.Blocks = append(sec.Blocks, para("Desuden gælder:"), list(p.Notes...))
	}
	if len(sec.Blocks) > 0 {
		b.add(sec)
	}
}
