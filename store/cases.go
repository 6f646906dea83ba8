package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// AddCase stores a validated case file as a new case and returns it.
func (s *Store) AddCase(cf domain.CaseFile) (CaseRecord, error) {
	var rec CaseRecord
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		rec, err = s.addCase(tx, s.newID(), cf, nil)
		if err != nil {
			return err
		}
		return s.audit(tx, "sag oprettet", rec.ID, describeCase(cf))
	})
	return rec, err
}

// addCase writes a new case, with its decision when it has one, and keeps
// the summary and indexes in step.
func (s *Store) addCase(tx *bolt.Tx, id string, cf domain.CaseFile, d *domain.Decision) (CaseRecord, error) {
	rec := s.newCaseRecord(id, cf, d)
	return rec, s.putCase(tx, &rec, nil)
}

// newCaseRecord makes the record of a new case. An imported case comes
// with its decision: both are written once, together.
func (s *Store) newCaseRecord(id string, cf domain.CaseFile, d *domain.Decision) CaseRecord {
	now := s.now().UTC()
	rec := CaseRecord{ID: id, Case: cf, Created: now, Updated: now,
		Assessed: AssessmentMeta{ID: s.newID(), Recorded: now, Kind: "første"}}
	if d != nil {
		rec.Decision = d
		rec.DecisionMeta = &DecisionMeta{ID: s.newID(), Recorded: now, User: s.user}
		if !d.Refused {
			rec.FollowUpDue = d.FollowUpDue
		}
	}
	return rec
}

func describeCase(cf domain.CaseFile) string {
	return fmt.Sprintf("%s, %s, %s vurderet", cf.Citizen.MaskedID(), cf.Municipality, domain.Count(len(cf.Assessment.Scored()), "tema", "temaer"))
}

// UpdateCase replaces a case's file, e.g. as the interview saves each
// answer. The assessment history is not touched; a reassessment at
// follow-up goes through CompleteFollowUp.
func (s *Store) UpdateCase(id string, cf domain.CaseFile) (CaseRecord, error) {
	var rec CaseRecord
	err := s.update(func(tx *bolt.Tx) error {
		old, err := s.getCase(tx, id)
		if err != nil {
			return err
		}
		rec = old
		rec.Case = cf
		rec.Updated = s.now().UTC()
		if err := s.putCase(tx, &rec, &old); err != nil {
			return err
		}
		return s.audit(tx, "sag ændret", id, describeCase(cf))
	})
	return rec, err
}

// putCase writes rec and keeps the summary, the due index and the citizen
// index in step with it. old is the previous version, nil for a new case.
func (s *Store) putCase(tx *bolt.Tx, rec *CaseRecord, old *CaseRecord) error {
	w, err := s.encodeCase(rec, s.cprKey(tx))
	if err != nil {
		return err
	}
	if old != nil {
		if err := tx.Bucket(bucketDue).Delete(dueKey(old.FollowUpDue, old.ID)); err != nil {
			return err
		}
		if key := s.citizenKey(tx, old.Case.Citizen, old.ID); key != nil {
			if err := tx.Bucket(bucketCitizens).Delete(key); err != nil {
				return err
			}
		}
	}
	return w.put(tx)
}

// caseWrites is everything one case puts in the file, encoded: the case,
// its summary, its entry in the due index and in the citizen index. It is
// made without a transaction, so a bulk import can encode the next cases
// while the previous batch is being written.
type caseWrites struct {
	id, value, summary []byte
	dueKey, due        []byte // nil when no follow-up is planned
	citizenKey         []byte // nil without a CPR number
}

// encodeCase encodes rec's writes; cprKey is the store's key for the
// citizen index.
func (s *Store) encodeCase(rec *CaseRecord, cprKey []byte) (caseWrites, error) {
	w := caseWrites{id: []byte(rec.ID)}
	var err error
	if w.value, err = s.encode(rec); err != nil {
		return w, err
	}
	if w.summary, err = s.encode(summarize(rec)); err != nil {
		return w, err
	}
	if !rec.FollowUpDue.IsZero() {
		entry := dueEntry{Name: rec.Case.Citizen.Name}
		if rec.Decision != nil {
			entry.Provision = rec.Decision.Provision
		}
		if w.due, err = s.encode(entry); err != nil {
			return w, err
		}
		w.dueKey = dueKey(rec.FollowUpDue, rec.ID)
	}
	w.citizenKey = citizenKeyWith(cprKey, rec.Case.Citizen, rec.ID)
	return w, nil
}

// put writes the encoded case in tx.
func (w *caseWrites) put(tx *bolt.Tx) error {
	if err := fill(tx, bucketCases).Put(w.id, w.value); err != nil {
		return err
	}
	if err := fill(tx, bucketSummaries).Put(w.id, w.summary); err != nil {
		return err
	}
	if w.dueKey != nil {
		if err := tx.Bucket(bucketDue).Put(w.dueKey, w.due); err != nil {
			return err
		}
	}
	if w.citizenKey != nil {
		return tx.Bucket(bucketCitizens).Put(w.citizenKey, nil)
	}
	return nil
}

// dueKey orders the due index by date, then case: YYYYMMDD/caseID.
func dueKey(due domain.Date, caseID string) []byte {
	return []byte(fmt.Sprintf("%04d%02d%02d/%s", due.Year(), due.Month(), due.Day(), caseID))
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

// Case returns the case with id.
func (s *Store) Case(id string) (CaseRecord, error) {
	var rec CaseRecord
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		rec, err = s.getCase(tx, id)
		return err
	})
	return rec, err
}

func (s *Store) getCase(tx *bolt.Tx, id string) (CaseRecord, error) {
	var rec CaseRecord
	raw := tx.Bucket(bucketCases).Get([]byte(strings.ToUpper(id)))
	if raw == nil {
		return rec, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	return rec, s.decode(raw, &rec)
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

// History returns the assessments, decisions and follow-ups recorded on a
// case, oldest first; the current assessment and decision come last.
func (s *Store) History(id string) (History, error) {
	h := History{Assessments: []AssessmentRecord{}, Decisions: []DecisionRecord{}, FollowUps: []FollowUpRecord{}}
	err := s.view(func(tx *bolt.Tx) error {
		rec, err := s.getCase(tx, id)
		if err != nil {
			return err
		}
		prefix := []byte(rec.ID + "/")
		if err := collect(s, tx.Bucket(bucketAssessments), prefix, &h.Assessments); err != nil {
			return err
		}
		h.Assessments = append(h.Assessments, currentAssessment(rec))
		if err := collect(s, tx.Bucket(bucketDecisions), prefix, &h.Decisions); err != nil {
			return err
		}
		if rec.Decision != nil && rec.DecisionMeta != nil {
			h.Decisions = append(h.Decisions, DecisionRecord{DecisionMeta: *rec.DecisionMeta, CaseID: rec.ID, Decision: *rec.Decision})
		}
		return collect(s, tx.Bucket(bucketFollowUps), prefix, &h.FollowUps)
	})
	return h, err
}

func currentAssessment(rec CaseRecord) AssessmentRecord {
	return AssessmentRecord{AssessmentMeta: rec.Assessed, CaseID: rec.ID, Assessment: rec.Case.Assessment, Goals: rec.Case.Goals}
}

func collect[T any](s *Store, b *bolt.Bucket, prefix []byte, out *[]T) error {
	return forEach(b, prefix, func(_, v []byte) (bool, error) {
		var item T
		if err := s.decode(v, &item); err != nil {
			return false, err
		}
		*out = append(*out, item)
		return true, nil
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
	string(bucketCases): true, string(bucketSummaries): true, string(bucketAssessments): true,
	string(bucketDecisions): true, string(bucketFollowUps): true, string(bucketAudit): true,
	string(bucketAuditByCase): true,
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
