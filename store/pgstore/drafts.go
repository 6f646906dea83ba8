package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Draft returns the assessment in progress on a case; ok is false when
// there is none.
func (s *Store) Draft(id string) (d domain.Draft, ok bool, err error) {
	id = store.NormID(id)
	var raw []byte
	err = s.pool.QueryRow(context.Background(),
		`SELECT d.value FROM cases c LEFT JOIN drafts d ON d.case_id = c.id WHERE c.id = $1`, id).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, false, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	if err != nil {
		return d, false, s.failed(err)
	}
	if raw == nil {
		return d, false, nil
	}
	return d, true, s.decode(raw, &d)
}

// SaveDraft saves answers of the assessment in progress field by field:
// a field another writer changed since it was read is refused with a
// StaleError naming it, and nothing is saved. The case's row is locked
// meanwhile, so two screens saving at once are taken one after the other.
// The audit trail gets one entry for each visit.
func (s *Store) SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error) {
	id = store.NormID(id)
	var d domain.Draft
	err := s.write(func(ctx context.Context, tx pgx.Tx) error {
		// Lock the case, then read the draft in a statement of its own,
		// so it is the draft the last writer left.
		b := &pgx.Batch{}
		b.Queue(`SELECT version FROM cases WHERE id = $1 FOR UPDATE`, id)
		b.Queue(`SELECT value FROM drafts WHERE case_id = $1`, id)
		res := tx.SendBatch(ctx, b)
		var version int
		var raw []byte
		err := res.QueryRow().Scan(&version)
		if err == nil {
			if err = res.QueryRow().Scan(&raw); errors.Is(err, pgx.ErrNoRows) {
				err = nil
			}
		} else if errors.Is(err, pgx.ErrNoRows) {
			err = fmt.Errorf("%w: %s", store.ErrNotFound, id)
		}
		if cerr := res.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		d = domain.Draft{Kind: kind}
		if raw != nil {
			if err := s.decode(raw, &d); err != nil {
				return err
			}
		}
		if conflicts := d.Apply(edits); conflicts != nil {
			return &store.StaleError{CaseID: id, Fields: conflicts}
		}
		firstOfVisit := d.Visit != visit
		d.Visit = visit
		v, err := s.encode(d)
		if err != nil {
			return err
		}
		b = &pgx.Batch{}
		b.Queue(`INSERT INTO drafts (case_id, value) VALUES ($1, $2) ON CONFLICT (case_id) DO UPDATE SET value = excluded.value`, id, v)
		if firstOfVisit {
			if err := s.queueAudit(b, "udredning redigeret", id, d.Kind+" i gang"); err != nil {
				return err
			}
		}
		return sendBatch(ctx, tx, b)
	})
	return d, err
}

// DiscardDraft removes the assessment in progress on a case.
func (s *Store) DiscardDraft(id string) error {
	id = store.NormID(id)
	return s.write(func(ctx context.Context, tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM drafts WHERE case_id = $1`, id)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return s.audit(ctx, tx, "udredning kasseret", id, "revurdering i gang kasseret")
	})
}
