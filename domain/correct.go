package domain

import (
	"errors"
	"fmt"
	"strings"
)

// CorrectableFields lists the fields a correction may change, in the order
// they are shown.
var CorrectableFields = []string{FieldName, FieldCPR, FieldBirthDate, FieldAddress, FieldLiving, FieldMunicipality}

// Correction builds the event that corrects the case's details to the
// given values (field → new value). Values are checked as a case file's
// are; unchanged fields are left out; a reason is required. municipalities
// are the known municipality ids.
func (c Case) Correction(values map[string]string, reason string, date Date, municipalities []string) (Event, error) {
	var ps Problems
	reason = strings.TrimSpace(reason)
	if reason == "" {
		ps.Add("reason", "skriv hvorfor oplysningerne rettes")
	}
	corr := &Correction{Date: date, Reason: reason}
	for _, field := range CorrectableFields {
		v, ok := values[field]
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		old, err := c.checkField(field, v, municipalities)
		if err != nil {
			ps.Add(field, "%v", err)
			continue
		}
		if old != v {
			corr.Changes = append(corr.Changes, FieldChange{Field: field, Old: old, New: v})
		}
	}
	for field := range values {
		if !contains(CorrectableFields, field) {
			ps.Add(field, "kan ikke rettes; kan rettes: %s", strings.Join(CorrectableFields, ", "))
		}
	}
	if len(ps) == 0 && len(corr.Changes) == 0 {
		return Event{}, errors.New("intet at rette: de nye oplysninger er de samme som de gamle")
	}
	if len(ps) > 0 {
		return Event{}, ps
	}
	return Event{Kind: EventCorrection, Correction: corr}, nil
}

// checkField checks a new value and returns the field's current value.
func (c Case) checkField(field, v string, municipalities []string) (string, error) {
	cz := c.Citizen
	switch field {
	case FieldName:
		if v == "" {
			return cz.Name, errors.New("navnet må ikke være tomt")
		}
		return cz.Name, nil
	case FieldCPR:
		old := ""
		if !cz.CPR.IsZero() {
			old = cz.CPR.String()
		}
		if v == "" {
			if cz.BirthDate.IsZero() {
				return old, errors.New("uden CPR-nummer skal fødselsdatoen rettes samtidig")
			}
			return old, nil
		}
		cpr, err := ParseCPR(v)
		if err != nil {
			return old, err
		}
		return old, c.checkBirth(cpr.BirthDate())
	case FieldBirthDate:
		old := ""
		if !cz.BirthDate.IsZero() {
			old = cz.BirthDate.String()
		}
		if !cz.CPR.IsZero() {
			return old, errors.New("fødselsdatoen følger af CPR-nummeret; ret CPR-nummeret i stedet")
		}
		d, err := ParseDate(v)
		if err != nil {
			return old, err
		}
		return old, c.checkBirth(d)
	case FieldAddress:
		return cz.Address, nil
	case FieldLiving:
		if !Living(v).Valid() {
			var names []string
			for _, l := range Livings {
				names = append(names, string(l))
			}
			return string(cz.Living), fmt.Errorf("ukendt boform %q; brug en af: %s", v, strings.Join(names, ", "))
		}
		return string(cz.Living), nil
	case FieldMunicipality:
		if !contains(municipalities, v) {
			return c.Municipality, fmt.Errorf("ukendt kommune %q; kendte kommuner: %s", v, strings.Join(municipalities, ", "))
		}
		return c.Municipality, nil
	}
	return "", fmt.Errorf("feltet %q kan ikke rettes", field)
}

func (c Case) checkBirth(d Date) error {
	if !c.ApplicationDate.IsZero() && c.ApplicationDate.Before(d) {
		return fmt.Errorf("fødselsdatoen %s ligger efter ansøgningsdatoen %s", d.Danish(), c.ApplicationDate.Danish())
	}
	return nil
}

// GrantEvent returns the event that records d as a new grant, or as a
// refusal when d refuses.
func (c Case) GrantEvent(d Decision) Event {
	if d.Refused {
		return Event{Kind: EventRefusal, Decision: &d}
	}
	return Event{Kind: EventGrant, Grant: GrantID(len(c.Grants) + 1), Decision: &d}
}

// ChangeEvent returns the event that changes grant's scope to d's.
func ChangeEvent(grant string, d Decision) Event {
	return Event{Kind: EventChange, Grant: grant, Decision: &d}
}

// EndGrant returns the event that ends grant g, checked: the end cannot be
// before the grant started, and a reason is required.
func EndGrant(g Grant, date, end Date, reason string) (Event, error) {
	var ps Problems
	reason = strings.TrimSpace(reason)
	if reason == "" {
		ps.Add("reason", "skriv begrundelsen for ophøret (den står i afgørelsen)")
	}
	if !g.Active() {
		ps.Add("grant", "bevilling %s (%s) er allerede ophørt", g.ID, g.Provision.Law())
	}
	if date.IsZero() {
		ps.Add("date", "angiv afgørelsens dato")
	}
	if end.IsZero() {
		end = date
	}
	if !end.IsZero() && end.Before(g.Start) {
		ps.Add("date", "ophøret %s ligger før bevillingens start %s", end.Danish(), g.Start.Danish())
	}
	if len(ps) > 0 {
		return Event{}, ps
	}
	return Event{Kind: EventTermination, Grant: g.ID, Termination: &Termination{Provision: g.Provision, Date: date, End: end, Reason: reason}}, nil
}
