package letter

import (
	"fmt"
	"strings"
)

// applied states what the citizen applied for, before a refusal or a
// partial refusal.
func (b *builder) applied() {
	text := fmt.Sprintf("Du har den %s søgt om %s efter %s.", dateOr(b.cf.ApplicationDate, "ansøgningsdato"), b.title(), b.lawRef())
	if b.noVisitation() {
		text = fmt.Sprintf("Du har den %s henvendt dig om %s efter %s.", dateOr(b.cf.ApplicationDate, "dato for henvendelsen"), b.title(), b.lawRef())
	}
	b.add(Section{Heading: HeadingApplied, Level: 1, Blocks: []Block{para(text)}})
}

// granted states the grant a termination ends.
func (b *builder) granted() {
	text := fmt.Sprintf("Du har siden den %s fået %s efter %s", dateOr(b.start, "startdato"), b.title(), b.lawRef())
	if scope := b.dec.Scope.Danish(b.law.ID, b.dec.Tier); scope != "" {
		text += ": " + scope
	}
	b.add(Section{Heading: HeadingGranted, Level: 1, Blocks: []Block{para(text + ".")}})
}

// alternatives tells what else may help (retssikkerhedsloven § 5: an
// application is considered under every rule that may give help).
func (b *builder) alternatives() {
	text := strings.TrimSpace(b.in.Fill.Alternatives)
	if text == "" {
		text = placeholder("anden hjælp, vi har overvejet, eller som du kan søge")
	} else {
		text = sentence(text)
	}
	blocks := []Block{para("Vi har vurderet, om du kan få anden hjælp (retssikkerhedslovens § 5). " + text)}
	if b.mu.Referral != "" {
		blocks = append(blocks, para(b.mu.Referral))
	}
	b.add(Section{Heading: HeadingAlternatives, Level: 1, Blocks: blocks})
}

// hearing states the partshøring (forvaltningsloven § 19): when the
// citizen was heard, or why it was not needed.
func (b *builder) hearing() {
	h := b.in.Fill.Hearing
	var text string
	switch {
	case !h.Done.IsZero():
		text = fmt.Sprintf("Du har den %s fået mulighed for at udtale dig om de oplysninger, afgørelsen bygger på (forvaltningslovens § 19, stk. 1).", h.Done.DanishLong())
	case strings.TrimSpace(h.NotNeeded) != "":
		text = "Vi har ikke partshørt dig, fordi " + sentence(lowerFirst(strings.TrimSpace(h.NotNeeded)))
	default:
		text = placeholder("dato for partshøring efter forvaltningslovens § 19, stk. 1, eller hvorfor den ikke var nødvendig")
	}
	b.add(Section{Heading: HeadingHearing, Level: 1, Blocks: []Block{para(text)}})
}
