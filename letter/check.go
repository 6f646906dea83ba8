package letter

import (
	"fmt"
	"strings"
)

// Check is one legal element of a decision letter and whether the letter
// has it.
type Check struct {
	Element string `json:"element"`
	OK      bool   `json:"ok"`
	Detail  string `json:"detail"`
}

// Complete reports whether every element is there: only then is the
// letter final; otherwise it is a marked draft.
func (l *Letter) Complete() bool {
	for _, c := range l.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// Missing returns the elements the letter lacks.
func (l *Letter) Missing() []Check {
	var out []Check
	for _, c := range l.Checks {
		if !c.OK {
			out = append(out, c)
		}
	}
	return out
}

// The elements a decision letter is checked for (forvaltningsloven §§
// 19, 22-25; retssikkerhedsloven §§ 3, 5, 66-67).
const (
	ElementLegalBasis     = "Lovgrundlag"
	ElementFacts          = "Oplysninger, afgørelsen bygger på"
	ElementCitizenView    = "Borgerens egen vurdering"
	ElementConsiderations = "Hovedhensyn ved skøn"
	ElementScope          = "Det bevilgede omfang"
	ElementHearing        = "Partshøring"
	ElementAppeal         = "Klagevejledning"
	ElementFollowUp       = "Opfølgningsdato"
	ElementTarget         = "Sagsbehandlingsfrist"
	ElementFilled         = "Alle felter udfyldt"
)

// check lists each legal element and whether the letter has it.
func (b *builder) check() []Check {
	var out []Check
	add := func(element string, ok bool, format string, args ...any) {
		out = append(out, Check{Element: element, OK: ok, Detail: fmt.Sprintf(format, args...)})
	}
	add(ElementLegalBasis, true, "%s", b.lawCited())

	themes := 0
	for _, t := range b.cf.Assessment.Themes {
		if t.Scored() {
			themes++
		}
	}
	add(ElementFacts, themes > 0, "%d vurderede temaer med niveau", themes)
	add(ElementCitizenView, b.citizenViewGiven(), "%s", map[bool]string{true: "med i brevet", false: "mangler: skriv borgerens egen vurdering"}[b.citizenViewGiven()])

	if b.discretion() {
		ok := b.considered()
		add(ElementConsiderations, ok, "%s", map[bool]string{true: "begrundelse med i brevet", false: "mangler: skriv de hensyn, afgørelsen bygger på"}[ok])
	} else {
		add(ElementConsiderations, true, "afgørelsen følger forslaget og serviceniveauet")
	}

	switch b.kind {
	case KindRefusal:
		add(ElementScope, true, "afslag: intet omfang")
	case KindTermination:
		add(ElementScope, !b.term.End.IsZero(), "ophør den %s", b.term.End.Danish())
	default:
		text := b.scopeText()
		if placeholderRE().MatchString(text) {
			add(ElementScope, false, "mangler: %s", text)
		} else {
			add(ElementScope, true, "%s", text)
		}
	}

	if b.needsHearing() {
		h := b.in.Fill.Hearing
		switch {
		case !h.Done.IsZero():
			add(ElementHearing, true, "partshørt den %s (forvaltningslovens § 19, stk. 1)", h.Done.Danish())
		case strings.TrimSpace(h.NotNeeded) != "":
			add(ElementHearing, true, "ikke nødvendig: %s", strings.TrimSpace(h.NotNeeded))
		default:
			add(ElementHearing, false, "mangler: dato for partshøring (forvaltningslovens § 19, stk. 1) eller hvorfor den ikke var nødvendig")
		}
	} else {
		add(ElementHearing, true, "ikke nødvendig: du får fuldt ud medhold")
	}

	appeal := sectionText(b.l, HeadingAppeal)
	switch {
	case strings.Contains(appeal, "kan ikke indbringes for anden administrativ myndighed"):
		add(ElementAppeal, true, "afgørelsen kan ikke påklages, og brevet siger det")
	case placeholderRE().MatchString(appeal):
		add(ElementAppeal, false, "mangler: %s", strings.Join(placeholderRE().FindAllString(appeal, -1), ", "))
	default:
		ok := strings.Contains(appeal, deadlineRule) && strings.Contains(appeal, reconsiderationRule)
		add(ElementAppeal, ok, "klageinstans, hvor klagen sendes, frist og genvurdering")
	}

	switch b.kind {
	case KindGrant, KindPartial, KindChange:
		due := b.followUpDue()
		add(ElementFollowUp, !due.IsZero(), "%s", map[bool]string{true: "første opfølgning " + due.Danish(), false: "mangler: dato for første opfølgning"}[!due.IsZero()])
	default:
		add(ElementFollowUp, true, "ingen opfølgning ved %s", map[Kind]string{KindRefusal: "afslag", KindTermination: "ophør"}[b.kind])
	}

	add(ElementTarget, true, "%s", b.targetText())

	left := b.l.Placeholders()
	add(ElementFilled, len(left) == 0, "%s", map[bool]string{true: "ingen UDFYLD-felter", false: fmt.Sprintf("mangler: %d felt%s markeret UDFYLD: %s", len(left), pluralT(len(left)), strings.Join(left, ", "))}[len(left) == 0])
	return out
}

// discretion reports whether the decision rests on the caseworker's own
// assessment beyond the suggestion: the main considerations must then be
// stated (forvaltningsloven § 24, stk. 1).
func (b *builder) discretion() bool {
	switch b.kind {
	case KindRefusal, KindPartial, KindTermination, KindChange:
		return true
	}
	return b.departs() || strings.TrimSpace(b.dec.SpecialReason) != ""
}

// considered reports whether the main considerations are stated: the
// decision's reason, the caseworker's fill, the concrete reason for an
// exception, or the reason for a termination.
func (b *builder) considered() bool {
	return strings.TrimSpace(b.dec.Reason) != "" || strings.TrimSpace(b.in.Fill.Considerations) != "" ||
		b.kind == KindGrant && strings.TrimSpace(b.dec.SpecialReason) != "" ||
		b.kind == KindTermination && strings.TrimSpace(b.term.Reason) != ""
}

// needsHearing reports whether the citizen must be heard before the
// decision: whenever it does not fully grant what was applied for.
func (b *builder) needsHearing() bool {
	return b.kind != KindGrant || b.departs()
}

// departs reports whether the decision matches none of vum's suggestions:
// only then does the letter set it against what the case pointed to.
func (b *builder) departs() bool {
	return !b.dec.FollowedSuggestion && !b.dec.Refused && b.dec.SuggestionRole == "" && b.dec.SuggestedProvision != ""
}

func (b *builder) citizenViewGiven() bool {
	if strings.TrimSpace(b.in.Fill.CitizenView) != "" {
		return true
	}
	for _, t := range b.cf.Assessment.Themes {
		if strings.TrimSpace(t.CitizenView) != "" {
			return true
		}
	}
	return false
}

// targetText says whether the case-processing target (retssikkerhedsloven
// § 3, stk. 2) was met on the decision date.
func (b *builder) targetText() string {
	if b.kind == KindTermination || b.kind == KindChange {
		return "ikke relevant: afgørelsen er ikke svar på en ansøgning"
	}
	if !b.covered() || b.cf.ApplicationDate.IsZero() || b.dec.Date.IsZero() {
		return "kommunen har ingen frist for denne ydelse i vum"
	}
	due, text, ok := b.p.DecisionDeadline(b.cf.ApplicationDate)
	if !ok {
		return "kvalitetsstandarden angiver ingen frist"
	}
	if b.dec.Date.After(due) {
		return fmt.Sprintf("overskredet: fristen på %s udløb %s; afgørelsen er fra %s", text, due.Danish(), b.dec.Date.Danish())
	}
	return fmt.Sprintf("overholdt: afgørelse %s inden fristen %s (%s)", b.dec.Date.Danish(), due.Danish(), text)
}

// sectionText returns a section and its subsections as one string.
func sectionText(l *Letter, heading string) string {
	var w strings.Builder
	in, level := false, 0
	for _, s := range l.Sections {
		if in && s.Heading != "" && s.Level <= level {
			break
		}
		if s.Heading == heading && !in {
			in, level = true, s.Level
		}
		if !in {
			continue
		}
		w.WriteString(s.Heading + "\n")
		for _, bl := range s.Blocks {
			w.WriteString(bl.Text + "\n")
			for _, it := range bl.Items {
				w.WriteString(it + "\n")
			}
			for _, f := range bl.Fields {
				w.WriteString(f.Label + ": " + f.Value + "\n")
			}
		}
	}
	return w.String()
}
