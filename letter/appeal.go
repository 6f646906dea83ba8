package letter

import (
	"fmt"
	"time"

	"github.com/vumdk/vum/domain"
)

// The complaint rules of retssikkerhedsloven (LBK nr. 261 af 13. marts
// 2024, kapitel 10): § 66 makes the municipality reconsider (genvurdere)
// a complaint and forward it within 4 weeks when it keeps its decision
// (DUKH, Praksisnyt 50, 2025: "Reglerne om genvurdering findes i
// retssikkerhedsloven § 66"); § 67 sets the complaint deadline of 4 weeks
// from the day the decision was received (DUKH, Praksisnyt 39: "Efter
// retssikkerhedsloven § 67 skal en klage indgives til Ankestyrelsen inden
// 4 uger efter, at klageren har fået meddelelse om afgørelsen").
const (
	deadlineRule        = "retssikkerhedslovens § 67"
	reconsiderationRule = "retssikkerhedslovens § 66"
	generalWeeks        = 4
)

// finalByLaw names the provisions whose decisions the law itself keeps
// from any other administrative authority, with the rule that says so.
var finalByLaw = map[domain.ProvisionID]string{
	domain.SEL82a: "servicelovens § 82 a, stk. 2",
	domain.SEL82b: "servicelovens § 82 b",
}

// appeal writes the klagevejledning as the municipality's standard states
// it, and says where a fact comes from the general rules instead.
func (b *builder) appeal() {
	sec := Section{Heading: HeadingAppeal, Level: 1}
	switch {
	case !b.covered():
		sec.Blocks = b.appealUncovered()
	case b.p.Appeal.Appealable != nil && !*b.p.Appeal.Appealable:
		sec.Blocks = b.appealFinal()
	case b.p.Appeal.Appealable == nil:
		sec.Blocks = b.appealUnstated()
	default:
		sec.Blocks = b.appealable()
	}
	b.add(sec)
}

// appealable is the guidance for a decision that can be brought before
// Ankestyrelsen: where to send the complaint, the deadline, the
// genvurdering and a worked example of the deadline.
func (b *builder) appealable() []Block {
	a := b.p.Appeal
	to := or(a.To, "Ankestyrelsen")
	weeks, fromStandard := generalWeeks, a.Weeks != nil
	if fromStandard {
		weeks = *a.Weeks
	}
	out := []Block{para(fmt.Sprintf("Du kan klage over afgørelsen til %s. Du sender klagen til %s, og vi skal have modtaget den senest %d uger efter, at du har modtaget afgørelsen (%s). Du kan klage skriftligt eller mundtligt, og du behøver ikke begrunde klagen.",
		to, b.complaintAddress(), weeks, deadlineRule))}
	if !fromStandard {
		out = append(out, para(fmt.Sprintf("%s kvalitetsstandard angiver ingen klagefrist; fristen på %d uger følger af %s.", b.genitive(), generalWeeks, deadlineRule)))
	}
	r := generalWeeks
	if a.ReconsiderationWeeks != nil {
		r = *a.ReconsiderationWeeks
	}
	out = append(out, para(fmt.Sprintf("Når vi har modtaget din klage, genvurderer vi sagen (%s). Giver genvurderingen anledning til at ændre afgørelsen, får du en ny afgørelse senest %d uger efter, at vi har modtaget klagen. Fastholder vi afgørelsen, sender vi klagen med begrundelsen for afgørelsen og genvurderingen og sagens øvrige akter videre til %s senest %d uger efter, at vi har modtaget klagen. Du får en kopi.",
		reconsiderationRule, r, to, r)))
	out = append(out, para(deadlineExample(b.in.Today, weeks)))
	return out
}

// deadlineExample works the deadline out for a letter received on the
// day it is dated, moved to the next working day when it falls on a
// weekend or a public holiday.
func deadlineExample(received domain.Date, weeks int) string {
	due := domain.ComplaintDeadline(received, weeks)
	text := fmt.Sprintf("Eksempel: Modtager du afgørelsen den %s, skal klagen være modtaget senest den %s.",
		received.DanishLong(), due.DanishLong())
	if plain := received.AddWeeks(weeks); !plain.Equal(due) {
		why := "en lørdag"
		switch {
		case domain.PublicHoliday(plain) != "":
			why = lowerFirst(domain.PublicHoliday(plain))
		case plain.Weekday() == time.Sunday:
			why = "en søndag"
		}
		text += fmt.Sprintf(" Fristen ville falde den %s, %s, og flyttes derfor til den næste hverdag.", plain.DanishLong(), why)
	}
	return text + " En afgørelse i Digital Post regnes for modtaget den dag, den er tilgængelig i din digitale postkasse."
}

// appealFinal is the guidance for § 82 a and § 82 b: no other
// administrative authority, and a general complaint only where the
// municipality's standard allows one.
func (b *builder) appealFinal() []Block {
	a := b.p.Appeal
	rule, ok := finalByLaw[b.law.ID]
	if !ok {
		rule = "reglerne for " + b.lawRef()
	}
	out := []Block{para(fmt.Sprintf("Afgørelsen kan ikke indbringes for anden administrativ myndighed, jf. %s. Du kan derfor ikke klage over den til Ankestyrelsen.", rule))}
	if a.GeneralComplaint {
		where := or(b.in.Fill.ComplaintAddress, b.mu.ComplaintAddress)
		if where == "" {
			where = b.mu.Name + ", " + b.unit() + ", " + b.senderAddress()
		}
		out = append(out, para(fmt.Sprintf("Efter %s kvalitetsstandard kan du dog klage generelt til kommunen over kommunens serviceniveau for %s. Den klage sendes til %s.",
			b.genitive(), b.title(), where)))
	} else {
		out = append(out, para(fmt.Sprintf("%s kvalitetsstandard angiver, at der ikke er klageadgang for tilbud efter %s.", b.genitive(), b.lawRef())))
	}
	return out
}

// appealUnstated is used when the standard says nothing on complaints:
// the general rules apply, and the caseworker confirms the address.
func (b *builder) appealUnstated() []Block {
	if rule, final := finalByLaw[b.law.ID]; final {
		return []Block{para(fmt.Sprintf("Afgørelsen kan ikke indbringes for anden administrativ myndighed, jf. %s. %s kvalitetsstandard oplyser ikke, om der kan klages generelt til kommunen.", rule, b.genitive()))}
	}
	return b.generalAppeal(fmt.Sprintf("%s kvalitetsstandard oplyser ikke om klageadgang.", b.genitive()))
}

// appealUncovered is used when the municipality has no standard for the
// provision in vum: only the general rules, with the address left open.
func (b *builder) appealUncovered() []Block {
	if rule, final := finalByLaw[b.law.ID]; final {
		return []Block{para(fmt.Sprintf("Afgørelsen kan ikke indbringes for anden administrativ myndighed, jf. %s. %s", rule,
			placeholder("om kommunen tager imod generelle klager over serviceniveauet")))}
	}
	return b.generalAppeal("")
}

func (b *builder) generalAppeal(lead string) []Block {
	text := fmt.Sprintf("Du kan klage over afgørelsen til Ankestyrelsen. Du sender klagen til %s, og vi skal have modtaget den senest %d uger efter, at du har modtaget afgørelsen (%s). Du kan klage skriftligt eller mundtligt, og du behøver ikke begrunde klagen.",
		b.complaintAddress(), generalWeeks, deadlineRule)
	if lead != "" {
		text = lead + " " + text
	}
	return []Block{
		para(text),
		para(fmt.Sprintf("Når vi har modtaget din klage, genvurderer vi sagen (%s). Giver genvurderingen anledning til at ændre afgørelsen, får du en ny afgørelse. Fastholder vi afgørelsen, sender vi klagen videre til Ankestyrelsen senest 4 uger efter, at vi har modtaget klagen, og du får en kopi.", reconsiderationRule)),
		para(deadlineExample(b.in.Today, generalWeeks)),
	}
}

// appealNotes tells the caseworker where the guidance leans on the
// general rules because the standard is brief.
func (b *builder) appealNotes() {
	a := b.p.Appeal
	switch {
	case a.Appealable == nil:
		b.note("Kvalitetsstandarden oplyser ikke om klageadgang; klagevejledningen bygger på de almindelige regler. Tjek klageadressen.")
	case *a.Appealable && (a.ReconsiderationWeeks == nil || a.Weeks == nil):
		text := "Kvalitetsstandarden beskriver klageadgangen kort."
		if a.Note != "" {
			text = "Kvalitetsstandarden siger kun: »" + a.Note + "«"
		}
		b.note("%s Resten af klagevejledningen følger af %s og %s.", text, reconsiderationRule, deadlineRule)
	}
}
