package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// Create starts a case: its opening and, when given, its first assessment,
// in one transaction with the audit entry.
func (s *Store) Create(o domain.Opening, a *domain.AssessmentEvent) (domain.Case, error) {
	var c domain.Case
	err := s.update(func(tx *bolt.Tx) error {
		id := s.newID()
		evs := []domain.Event{{Kind: domain.EventOpened, Opening: &o}}
		if a != nil {
			evs = append(evs, domain.Event{Kind: domain.EventAssessment, Assessment: a})
		}
		var err error
		c, err = s.appendTx(tx, id, Change{Version: 0, Events: evs, Audit: describeOpening(o, a)}, true)
		return err
	})
	return c, err
}

func describeOpening(o domain.Opening, a *domain.AssessmentEvent) string {
	n := 0
	if a != nil {
		n = len(a.Assessment.Scored())
	}
	return fmt.Sprintf("%s, %s, %s vurderet", o.Citizen.MaskedID(), o.Municipality, domain.Count(n, "tema", "temaer"))
}

// Case returns the case with id as its events make it now.
func (s *Store) Case(id string) (domain.Case, error) {
	var c domain.Case
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		c, err = s.getCase(tx, id)
		return err
	})
	return c, err
}

func normID(id string) string { return strings.ToUpper(strings.TrimSpace(id)) }

func (s *Store) getCase(tx *bolt.Tx, id string) (domain.Case, error) {
	id = normID(id)
	var h caseHeader
	raw := tx.Bucket(bucketCases).Get([]byte(id))
	if raw == nil {
		return domain.Case{ID: id}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err := s.decode(raw, &h); err != nil {
		return domain.Case{}, err
	}
	events, err := s.events(tx, id, h.Version)
	if err != nil {
		return domain.Case{}, err
	}
	c, err := domain.Replay(id, events)
	if err != nil {
		return c, damaged(s.path, fmt.Sprintf("sag %s kan ikke læses: %v", id, err))
	}
	return c, nil
}

func (s *Store) events(tx *bolt.Tx, id string, version int) ([]domain.Event, error) {
	out := make([]domain.Event, 0, version)
	err := forEach(tx.Bucket(bucketEvents), []byte(id+"/"), func(_, v []byte) (bool, error) {
		var e domain.Event
		if err := s.decode(v, &e); err != nil {
			return false, err
		}
		out = append(out, e)
		return true, nil
	})
	if err == nil && len(out) != version {
		err = damaged(s.path, fmt.Sprintf("sag %s har %d hændelser, men version %d", id, len(out), version))
	}
	return out, err
}

func eventKey(id string, seq int) []byte { return []byte(fmt.Sprintf("%s/%08d", id, seq)) }

// Append records events on a case in one transaction with its indexes and
// audit entry. ch.Version must be the case's current version; otherwise
// nothing is written and a StaleError says what changed since.
func (s *Store) Append(id string, ch Change) (domain.Case, error) {
	var c domain.Case
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		c, err = s.appendTx(tx, normID(id), ch, false)
		return err
	})
	return c, err
}

// appendTx checks and writes ch; isNew creates the case.
func (s *Store) appendTx(tx *bolt.Tx, id string, ch Change, isNew bool) (domain.Case, error) {
	if len(ch.Events) == 0 {
		return domain.Case{}, errors.New("intet at gemme")
	}
	now := s.now().UTC()
	var old domain.Case
	created := now
	if !isNew {
		var err error
		if old, err = s.getCase(tx, id); err != nil {
			return old, err
		}
		var h caseHeader
		if err := s.decode(tx.Bucket(bucketCases).Get([]byte(id)), &h); err != nil {
			return old, err
		}
		created = h.Created
		if ch.Version != old.Version {
			return old, &StaleError{CaseID: id, Read: ch.Version, Current: old.Version, Since: sinceVersion(old, ch.Version)}
		}
	} else {
		old = domain.Case{ID: id}
	}
	next := old
	for _, e := range ch.Events {
		e.Seq = next.Version + 1
		if e.Recorded.IsZero() {
			e.Recorded = now
		}
		if e.User == "" {
			e.User = s.user
		}
		if err := next.Apply(e); err != nil {
			return old, err
		}
	}
	return next, s.writeCase(tx, old, next, created, now, ch)
}

func sinceVersion(c domain.Case, read int) []domain.Event {
	if read < 0 || read > len(c.Events) {
		return c.Events
	}
	return c.Events[read:]
}

// writeCase puts next's new events, header, summary and indexes, removing
// old's index entries, and the audit entry.
func (s *Store) writeCase(tx *bolt.Tx, old, next domain.Case, created, now time.Time, ch Change) error {
	id := next.ID
	for _, e := range next.Events[old.Version:] {
		if err := s.put(tx, bucketEvents, eventKey(id, e.Seq), e); err != nil {
			return err
		}
	}
	if err := s.put(tx, bucketCases, []byte(id), caseHeader{ID: id, Created: created, Updated: now, Version: next.Version}); err != nil {
		return err
	}
	if err := s.put(tx, bucketSummaries, []byte(id), summarize(next, now)); err != nil {
		return err
	}
	if err := s.reindex(tx, old, next); err != nil {
		return err
	}
	if ch.DropDraft {
		if err := tx.Bucket(bucketDrafts).Delete([]byte(id)); err != nil {
			return err
		}
	}
	detail := ch.Audit
	if detail == "" {
		var parts []string
		for _, e := range next.Events[old.Version:] {
			parts = append(parts, describeEvent(e))
		}
		detail = strings.Join(parts, "; ")
	}
	action := "sag ændret"
	if old.Version == 0 {
		action = "sag oprettet"
	} else if k := next.Events[old.Version].Kind; k != domain.EventAssessment {
		action = k.Label()
	}
	if ch.Action != "" {
		action = ch.Action
	}
	return s.audit(tx, action, id, detail)
}

// reindex replaces old's entries in the due and citizen indexes by next's.
func (s *Store) reindex(tx *bolt.Tx, old, next domain.Case) error {
	due := tx.Bucket(bucketDue)
	for _, g := range old.Active() {
		if !g.FollowUpDue.IsZero() {
			if err := due.Delete(dueKey(g.FollowUpDue, old.ID, g.ID)); err != nil {
				return err
			}
		}
	}
	for _, g := range next.Active() {
		if g.FollowUpDue.IsZero() {
			continue
		}
		key := dueKey(g.FollowUpDue, next.ID, g.ID)
		if err := s.put(tx, bucketDue, key, dueEntry{Name: next.Citizen.Name, Provision: g.Provision, Responsible: next.Responsible, Key: keySum(key)}); err != nil {
			return err
		}
	}
	citizens := tx.Bucket(bucketCitizens)
	oldKey, newKey := s.citizenKey(tx, old.Citizen, old.ID), s.citizenKey(tx, next.Citizen, next.ID)
	if oldKey != nil && string(oldKey) != string(newKey) {
		if err := citizens.Delete(oldKey); err != nil {
			return err
		}
	}
	if newKey != nil {
		return citizens.Put(newKey, indexValue(newKey))
	}
	return nil
}

// describeEvent is the audit trail's line for an event; it never carries a
// full CPR number, a name or a note.
func describeEvent(e domain.Event) string {
	switch {
	case e.Decision != nil:
		d := e.Decision
		what := d.Provision.Law()
		if d.Tier != "" {
			what += " " + d.Tier
		}
		if e.Grant != "" {
			what += " (" + e.Grant + ")"
		}
		text := fmt.Sprintf("%s %s, dato %s", e.Kind.Label(), what, d.Date)
		switch {
		case d.Refused:
		case d.FollowedSuggestion:
			text += ", som foreslået"
		case d.SuggestedProvision != "":
			text += ", afviger fra forslaget med begrundelse"
		}
		if !d.FollowUpDue.IsZero() {
			text += ", næste opfølgning " + d.FollowUpDue.String()
		}
		return text
	case e.Termination != nil:
		return fmt.Sprintf("ophør af %s (%s) pr. %s", e.Termination.Provision.Law(), e.Grant, e.Termination.End)
	case e.FollowUp != nil:
		f := e.FollowUp
		text := fmt.Sprintf("opfølgning på %s (%s) %s: %s", f.Provision.Law(), e.Grant, f.Done, f.Outcome.Label())
		if !f.Next.IsZero() {
			text += ", næste " + f.Next.String()
		}
		return text
	case e.Correction != nil:
		var fields []string
		for _, c := range e.Correction.Changes {
			fields = append(fields, domain.FieldLabel(c.Field))
		}
		return "rettet: " + strings.Join(fields, ", ")
	case e.Assessment != nil:
		return fmt.Sprintf("%s %s, %s vurderet", e.Assessment.Kind, e.Assessment.Date, domain.Count(len(e.Assessment.Assessment.Scored()), "tema", "temaer"))
	case e.Opening != nil:
		return "sag oprettet"
	case e.Handover != nil:
		return fmt.Sprintf("overdraget fra %s til %s", e.Handover.From, e.Handover.To)
	case e.Letter != nil:
		return fmt.Sprintf("brevets felter udfyldt for hændelse %d", e.Letter.Event)
	}
	return e.Kind.Label()
}

// Delete removes a case created by mistake: its events, draft, summary and
// index entries. The audit trail keeps that it was deleted, by whom and
// why, but nothing of its content.
func (s *Store) Delete(id string, version int, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return errors.New("angiv en begrundelse for at slette sagen")
	}
	return s.update(func(tx *bolt.Tx) error {
		c, err := s.getCase(tx, id)
		if err != nil {
			return err
		}
		if version != c.Version {
			return &StaleError{CaseID: c.ID, Read: version, Current: c.Version, Since: sinceVersion(c, version)}
		}
		if err := s.reindex(tx, c, domain.Case{ID: c.ID}); err != nil {
			return err
		}
		for _, e := range c.Events {
			if err := tx.Bucket(bucketEvents).Delete(eventKey(c.ID, e.Seq)); err != nil {
				return err
			}
		}
		for _, b := range [][]byte{bucketCases, bucketSummaries, bucketDrafts} {
			if err := tx.Bucket(b).Delete([]byte(c.ID)); err != nil {
				return err
			}
		}
		return s.audit(tx, "sag slettet", c.ID, "begrundelse: "+reason)
	})
}

// dueKey orders the due index by date, then case and grant:
// YYYYMMDD/caseID/grantID.
func dueKey(due domain.Date, caseID, grant string) []byte {
	return []byte(fmt.Sprintf("%04d%02d%02d/%s/%s", due.Year(), due.Month(), due.Day(), caseID, grant))
}

// citizenKey is a keyed hash of the CPR number, so citizens can be looked
// up without the number ever being a key in the file.
func (s *Store) citizenKey(tx *bolt.Tx, c domain.Citizen, caseID string) []byte {
	return citizenKeyWith(s.cprKey(tx), c, caseID)
}

func citizenKeyWith(cprKey []byte, c domain.Citizen, caseID string) []byte {
	if c.CPR.IsZero() {
		return nil
	}
	mac := hmac.New(sha256.New, cprKey)
	mac.Write([]byte(c.CPR.String()))
	return []byte(hex.EncodeToString(mac.Sum(nil)[:16]) + "/" + caseID)
}

// CasesByCPR returns the ids of the cases about the citizen with cpr.
func (s *Store) CasesByCPR(cpr domain.CPR) ([]string, error) {
	var ids []string
	err := s.view(func(tx *bolt.Tx) error {
		key := s.citizenKey(tx, domain.Citizen{CPR: cpr}, "")
		return forEach(tx.Bucket(bucketCitizens), key, func(k, _ []byte) (bool, error) {
			ids = append(ids, string(k[len(key):]))
			return true, nil
		})
	})
	return ids, err
}

// Summaries calls fn for every case's summary in creation order until fn
// returns false.
func (s *Store) Summaries(fn func(Summary) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		return forEach(tx.Bucket(bucketSummaries), nil, func(_, v []byte) (bool, error) {
			var sum Summary
			if err := s.decode(v, &sum); err != nil {
				return false, err
			}
			return fn(sum), nil
		})
	})
}

func (s *Store) put(tx *bolt.Tx, bucket, key []byte, v any) error {
	value, err := s.encode(v)
	if err != nil {
		return err
	}
	return fill(tx, bucket).Put(key, value)
}

// appendOnly lists the buckets whose keys mostly grow (they start with a
// time-ordered id). Their pages are split nearly full instead of half
// full, which roughly halves the file for the same cases.
var appendOnly = map[string]bool{
	string(bucketCases): true, string(bucketSummaries): true, string(bucketEvents): true,
	string(bucketAudit): true, string(bucketAuditByCase): true,
}

// fill returns the bucket with its fill percent set for its key pattern.
func fill(tx *bolt.Tx, name []byte) *bolt.Bucket {
	b := tx.Bucket(name)
	if appendOnly[string(name)] {
		b.FillPercent = 0.95
	}
	return b
}

// Count returns the number of cases.
func (s *Store) Count() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketSummaries).Stats().KeyN
		return nil
	})
	return n, err
}
