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
// StaleError naming it, and nothing is saved. The draft is read, the
// edits applied, and the result sent in one round trip that is refused
// when another screen saved in between; then it is read again, so saves
// of other fields are kept and a save of the same field is a conflict.
// The audit trail gets one entry for each visit.
func (s *Store) SaveDraft(id, kind, visit string, edits []domain.DraftEdit) (domain.Draft, error) {
	id = store.NormID(id)
	ctx := context.Background()
	for try := 1; ; try++ {
		var raw []byte
		err := s.pool.QueryRow(ctx, `SELECT d.value FROM cases c LEFT JOIN drafts d ON d.case_id = c.id WHERE c.id = $1`, id).Scan(&raw)
		if errors.Is(err, pgx.ErrNoRows) {
			return domain.Draft{}, fmt.Errorf("%w: %s", store.ErrNotFound, id)
		}
		if err != nil {
			return domain.Draft{}, s.failed(err)
		}
		d := domain.Draft{Kind: kind}
		if raw != nil {
			if err := s.decode(raw, &d); err != nil {
				return domain.Draft{}, err
			}
		}
		if conflicts := d.Apply(edits); conflicts != nil {
			return domain.Draft{}, &store.StaleError{CaseID: id, Fields: conflicts}
		}
		firstOfVisit := d.Visit != visit
		d.Visit = visit
		v, err := s.encode(d)
		if err != nil {
			return domain.Draft{}, err
		}
		b := &pgx.Batch{}
		b.Queue(`SELECT save_draft($1, $2, $3)`, id, raw, v)
		if firstOfVisit {
			if err := s.queueAudit(b, "udredning redigeret", id, d.Kind+" i gang"); err != nil {
				return domain.Draft{}, err
			}
		}
		err = s.pool.SendBatch(ctx, b).Close()
		if err == nil {
			return d, nil
		}
		if !raced(err) || try == maxTries {
			return domain.Draft{}, s.failed(err)
		}
	}
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
