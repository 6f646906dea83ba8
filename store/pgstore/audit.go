package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/store"
)

// newAudit seals one audit entry. The user is the database role, which
// the row's own column records as well.
func (s *Store) newAudit(action, caseID, detail string) (store.AuditEntry, []byte, error) {
	e := store.AuditEntry{ID: s.newID(), Time: s.now().UTC(), User: s.shownUser(), Action: action, CaseID: caseID, Detail: detail}
	v, err := s.encode(e)
	return e, v, err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// queueAudit adds an audit entry to b, so it commits with the change it
// describes.
func (s *Store) queueAudit(b *pgx.Batch, action, caseID, detail string) error {
	e, v, err := s.newAudit(action, caseID, detail)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO audit (id, action, case_id, value) VALUES ($1, $2, $3, $4)`, e.ID, action, nullable(caseID), v)
	return nil
}

func (s *Store) audit(ctx context.Context, tx pgx.Tx, action, caseID, detail string) error {
	b := &pgx.Batch{}
	if err := s.queueAudit(b, action, caseID, detail); err != nil {
		return err
	}
	return sendBatch(ctx, tx, b)
}

// Log calls fn for every audit entry, oldest first, or only for caseID's
// entries when caseID is not empty, until fn returns false.
func (s *Store) Log(caseID string, fn func(store.AuditEntry) bool) error {
	sql, args := `SELECT value FROM audit ORDER BY id`, []any{}
	if caseID != "" {
		sql, args = `SELECT value FROM audit WHERE case_id = $1 ORDER BY id`, []any{store.NormID(caseID)}
	}
	return s.each(sql, args, func(raw []byte) (bool, error) {
		var e store.AuditEntry
		if err := s.decode(raw, &e); err != nil {
			return false, err
		}
		return fn(e), nil
	})
}

// each streams the single bytea column of sql's rows to fn.
func (s *Store) each(sql string, args []any, fn func([]byte) (bool, error)) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return s.failed(err)
	}
	defer rows.Close()
	var raw []byte
	for rows.Next() {
		if err := rows.Scan(&raw); err != nil {
			return s.failed(err)
		}
		more, err := fn(raw)
		if err != nil || !more {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.failed(err)
	}
	return nil
}

// RecordDraft notes in the audit trail that a decision draft was made.
func (s *Store) RecordDraft(caseID, format, target string) error {
	return s.write(func(ctx context.Context, tx pgx.Tx) error {
		return s.audit(ctx, tx, "udkast", store.NormID(caseID), "udkast til afgørelse som "+format+" til "+target)
	})
}
