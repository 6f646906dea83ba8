package letter

import (
	"fmt"
	"strings"
)

// HearingWeeks is the time the citizen is given to answer a partshøring
// when the caseworker sets no date. Forvaltningsloven § 19 sets no period;
// two weeks is the common practice.
const HearingWeeks = 2

// The headings of a partshøring letter.
const (
	HeadingIntended = "Det overvejer vi at beslutte"
	HeadingRelied   = "Oplysninger, vi vil lægge vægt på"
	HeadingView     = "Vores foreløbige vurdering"
	HeadingAnswer   = "Sådan kan du svare"
)

// hearingLetter writes the partshøring (forvaltningsloven § 19) before a
// refusal, a partial refusal or a termination: what is intended, the facts
// it would rest on, the preliminary view, and when to answer. It decides
// nothing, so it carries no complaint guidance.
func (b *builder) hearingLetter() error {
	if b.kind == KindGrant || b.kind == KindChange {
		return fmt.Errorf("partshøring bruges før et afslag, et delvis afslag eller et ophør; afgørelsen her bevilger %s fuldt ud", b.title())
	}
	l := b.l
	l.Municipality = b.mu.Name
	b.header()
	l.Subject = fmt.Sprintf("Partshøring inden afgørelse om %s efter %s", b.title(), b.lawRef())
	intro := fmt.Sprintf("Inden vi træffer afgørelse om %s, vil vi give dig mulighed for at udtale dig om de oplysninger, vi vil lægge vægt på, og som du måske ikke kender (forvaltningslovens § 19, stk. 1).", b.yours())
	b.add(Section{Blocks: []Block{para("Kære " + b.cf.Citizen.Name), para(intro)}})

	var intended string
	switch b.kind {
	case KindRefusal:
		intended = fmt.Sprintf("Vi overvejer at give dig afslag på din %s om %s efter %s.", b.request(), b.title(), b.lawRef())
	case KindPartial:
		intended = fmt.Sprintf("Vi overvejer at bevilge dig %s efter %s: %s. Det er mindre end det behov, vi har vurderet (%s), og vil derfor være et delvis afslag.",
			b.title(), b.lawRef(), b.scopeText(), b.needText())
	case KindTermination:
		intended = fmt.Sprintf("Vi overvejer, at %s efter %s skal ophøre, så din sidste dag er den %s.", b.yours(), b.lawRefInSentence(), dateOr(b.term.End, "sidste dag"))
	}
	b.add(Section{Heading: HeadingIntended, Level: 1, Blocks: []Block{para(intended)}})
	b.add(Section{Heading: HeadingRelied, Level: 1, Blocks: b.facts()})

	reason := strings.TrimSpace(b.dec.Reason)
	if b.kind == KindTermination {
		reason = strings.TrimSpace(b.term.Reason)
	}
	b.add(Section{Heading: HeadingView, Level: 1, Blocks: []Block{para("Vi lægger foreløbig vægt på: " + sentenceOr(reason, "den foreløbige begrundelse"))}})

	due := b.in.Fill.HearingDeadline
	if due.IsZero() {
		due = b.in.Today.AddWeeks(HearingWeeks)
	}
	phone, email := b.contact()
	b.add(Section{Heading: HeadingAnswer, Level: 1, Blocks: []Block{
		para(fmt.Sprintf("Du kan komme med dine bemærkninger skriftligt eller mundtligt senest den %s, på telefon %s, på e-mail %s eller ved brev til %s, %s.",
			due.DanishLong(), phone, email, b.unit(), b.senderAddress())),
		para("Hører vi ikke fra dig inden da, træffer vi afgørelse på det grundlag, vi har nu. Du får afgørelsen skriftligt med begrundelse og klagevejledning."),
	}})
	p := b.in.Profile
	b.add(Section{Blocks: []Block{lines("Med venlig hilsen", "", orFill("sagsbehandlerens navn", p.Name), orFill("sagsbehandlerens titel", p.Title), b.unit(), b.mu.Name)}})
	b.speakToCitizen()
	if n := len(l.Placeholders()); n > 0 {
		b.note("Brevet har %d felt%s markeret UDFYLD, som skal udfyldes før afsendelse.", n, pluralT(n))
	}
	return nil
}
