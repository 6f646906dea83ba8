package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// Draft returns the assessment in progress on a case; ok is false when
// there is none.
func (s *Store) Draft(id string) (d domain.Draft, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketCases).Get([]byte(normID(id))) == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		raw := tx.Bucket(bucketDrafts).Get([]byte(normID(id)))
		if raw == nil {
			return nil
		}
		ok = true
		return s.decode(raw, &d)
	})
	return d, ok, err
}

// SaveDraft saves answers of the assessment in progress, each field on its
// own: a field another writer changed since it was read is refused with a
// StaleError naming it, and nothing is saved. kind starts a new draft
// (FirstAssessment or Reassessment). The audit trail gets one entry for
// each visit, not one for each save.
func (s *Store) SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error) {
	var d domain.Draft
	err := s.update(func(tx *bolt.Tx) error {
		key := []byte(normID(id))
		if tx.Bucket(bucketCases).Get(key) == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		d = domain.Draft{Kind: kind}
		if raw := tx.Bucket(bucketDrafts).Get(key); raw != nil {
			if err := s.decode(raw, &d); err != nil {
				return err
			}
		}
		if conflicts := d.Apply(edits); conflicts != nil {
			return &StaleError{CaseID: string(key), Fields: conflicts}
		}
		firstOfVisit := d.Visit != visit
		d.Visit = visit
		if err := s.put(tx, bucketDrafts, key, d); err != nil {
			return err
		}
		if !firstOfVisit {
			return nil
		}
		return s.audit(tx, "udredning redigeret", string(key), d.Kind+" i gang")
	})
	return d, err
}

// DiscardDraft removes the assessment in progress on a case.
func (s *Store) DiscardDraft(id string) error {
	return s.update(func(tx *bolt.Tx) error {
		key := []byte(normID(id))
		if tx.Bucket(bucketDrafts).Get(key) == nil {
			return nil
		}
		if err := tx.Bucket(bucketDrafts).Delete(key); err != nil {
			return err
		}
		return s.audit(tx, "udredning kasseret", string(key), "revurdering i gang kasseret")
	})
}
