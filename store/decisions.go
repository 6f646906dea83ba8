package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// Decide records a decision on a case and moves the case's next
// follow-up to d.FollowUpDue (none for a refusal), all in one transaction
// with its audit entry.
func (s *Store) Decide(id string, d domain.Decision) (DecisionRecord, error) {
	var rec DecisionRecord
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		rec, err = s.decide(tx, id, d)
		return err
	})
	return rec, err
}

func (s *Store) decide(tx *bolt.Tx, id string, d domain.Decision) (DecisionRecord, error) {
	old, err := s.getCase(tx, id)
	if err != nil {
		return DecisionRecord{}, err
	}
	rec := DecisionRecord{DecisionMeta: DecisionMeta{ID: s.newID(), Recorded: s.now().UTC(), User: s.user}, CaseID: old.ID, Decision: d}
	if old.Decision != nil && old.DecisionMeta != nil {
		earlier := DecisionRecord{DecisionMeta: *old.DecisionMeta, CaseID: old.ID, Decision: *old.Decision}
		if err := s.put(tx, bucketDecisions, compositeKey(old.ID, earlier.ID), earlier); err != nil {
			return rec, err
		}
	}
	updated := old
	updated.Decision, updated.DecisionMeta = &d, &rec.DecisionMeta
	updated.FollowUpDue = d.FollowUpDue
	if d.Refused {
		updated.FollowUpDue = domain.Date{}
	}
	updated.Updated = rec.Recorded
	if err := s.putCase(tx, &updated, &old); err != nil {
		return rec, err
	}
	return rec, s.audit(tx, "afgørelse", old.ID, describeDecision(d))
}

func describeDecision(d domain.Decision) string {
	what := d.Provision.Law()
	if d.Tier != "" {
		what += " " + d.Tier
	}
	if d.Refused {
		what = "afslag på " + what
	}
	text := fmt.Sprintf("%s, dato %s", what, d.Date)
	if d.FollowedSuggestion {
		text += ", som foreslået"
	} else if d.SuggestedProvision != "" {
		sug := d.SuggestedProvision.Law()
		if d.SuggestedTier != "" {
			sug += " " + d.SuggestedTier
		}
		text += ", afviger fra forslaget " + sug + " med begrundelse"
	}
	if !d.FollowUpDue.IsZero() && !d.Refused {
		text += ", næste opfølgning " + d.FollowUpDue.String()
	}
	return text
}

// CompleteFollowUp records a follow-up that was carried out: its outcome,
// an optional reassessment (the earlier assessment stays in the history),
// and the next follow-up date (zero ends the follow-ups).
func (s *Store) CompleteFollowUp(id string, res FollowUpResult) (FollowUpRecord, error) {
	var rec FollowUpRecord
	err := s.update(func(tx *bolt.Tx) error {
		old, err := s.getCase(tx, id)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		rec = FollowUpRecord{ID: s.newID(), CaseID: old.ID, Recorded: now, User: s.user, Due: old.FollowUpDue,
			Done: res.Done, Outcome: res.Outcome, Reassessed: res.Reassessment != nil, NextDue: res.Next}
		if old.Decision != nil {
			rec.Provision = old.Decision.Provision
		}
		if err := s.put(tx, bucketFollowUps, compositeKey(old.ID, rec.ID), rec); err != nil {
			return err
		}
		updated := old
		updated.FollowUpDue = res.Next
		updated.Updated = now
		updated.Pending = nil
		if res.Reassessment != nil {
			earlier := currentAssessment(old)
			if err := s.put(tx, bucketAssessments, compositeKey(old.ID, earlier.ID), earlier); err != nil {
				return err
			}
			updated.Case.Assessment = *res.Reassessment
			if res.Goals != nil {
				updated.Case.Goals = res.Goals
			}
			updated.Assessed = AssessmentMeta{ID: s.newID(), Recorded: now, Kind: "revurdering"}
		}
		if err := s.putCase(tx, &updated, &old); err != nil {
			return err
		}
		detail := fmt.Sprintf("opfølgning %s udført", res.Done)
		if res.Reassessment != nil {
			detail += " med revurdering"
		}
		if res.Next.IsZero() {
			detail += ", ingen ny opfølgning"
		} else {
			detail += ", næste " + res.Next.String()
		}
		return s.audit(tx, "opfølgning", old.ID, detail)
	})
	return rec, err
}

// DueBefore calls fn for each planned follow-up due on or before last, in
// due-date order, until fn returns false. It reads only the due entries,
// however many cases the store holds.
func (s *Store) DueBefore(last domain.Date, fn func(Due) bool) error {
	end := dueKey(last, "\xff")
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDue).Cursor()
		for k, v := c.First(); k != nil && string(k) <= string(end); k, v = c.Next() {
			due, err := parseDueKey(k)
			if err != nil {
				return damaged(s.path, err)
			}
			var e dueEntry
			if err := s.decode(v, &e); err != nil {
				return err
			}
			if !fn(Due{CaseID: string(k[9:]), Name: e.Name, Provision: e.Provision, Due: due}) {
				return nil
			}
		}
		return nil
	})
}

func parseDueKey(k []byte) (domain.Date, error) {
	if len(k) < 10 || k[8] != '/' {
		return domain.Date{}, fmt.Errorf("ugyldig nøgle i opfølgningsindekset")
	}
	s := string(k[:8])
	return domain.ParseDate(s[:4] + "-" + s[4:6] + "-" + s[6:8])
}

// SavePending keeps a reassessment in progress on the case (nil clears
// it), so nothing typed at a follow-up is lost before it is recorded.
func (s *Store) SavePending(id string, a *domain.Assessment) error {
	return s.update(func(tx *bolt.Tx) error {
		old, err := s.getCase(tx, id)
		if err != nil {
			return err
		}
		updated := old
		updated.Pending = a
		updated.Updated = s.now().UTC()
		if err := s.putCase(tx, &updated, &old); err != nil {
			return err
		}
		detail := "revurdering i gang gemt"
		if a == nil {
			detail = "revurdering i gang kasseret"
		}
		return s.audit(tx, "sag ændret", old.ID, detail)
	})
}
