package pgstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// RecordAccess writes entries of the access log in one transaction. An
// entry's ID, Time and User are filled in when empty.
func (s *Store) RecordAccess(entries ...store.AccessEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return s.write(func(ctx context.Context, tx pgx.Tx) error {
		b := &pgx.Batch{}
		for i := range entries {
			if err := s.queueAccess(b, &entries[i]); err != nil {
				return err
			}
		}
		return sendBatch(ctx, tx, b)
	})
}

func (s *Store) queueAccess(b *pgx.Batch, e *store.AccessEntry) error {
	if e.Time.IsZero() {
		e.Time = s.now().UTC()
	}
	if e.ID == "" {
		e.ID = s.newIDAt(e.Time)
	}
	if e.User == "" {
		e.User = s.shownUser()
	}
	v, err := s.encode(e)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO access (id, time, all_cases, value) VALUES ($1, $2, $3, $4)`, e.ID, e.Time, e.All, v)
	for _, c := range e.Cases {
		b.Queue(`INSERT INTO access_cases (case_id, access_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, c, e.ID)
	}
	return nil
}

// AccessLog calls fn for every entry of the access log, oldest first,
// until fn returns false.
func (s *Store) AccessLog(fn func(store.AccessEntry) bool) error {
	return s.each(`SELECT value FROM access ORDER BY id`, nil, func(raw []byte) (bool, error) {
		var e store.AccessEntry
		if err := s.decode(raw, &e); err != nil {
			return false, err
		}
		return fn(e), nil
	})
}

// CitizenAccess returns every access to the cases about the citizen with
// cpr, oldest first: those naming the cases, and those of every case made
// while a case existed (ids are ordered by time), including the pruning
// entries so a gap shows.
func (s *Store) CitizenAccess(cpr domain.CPR) (cases []string, entries []store.AccessEntry, err error) {
	cases, err = s.CasesByCPR(cpr)
	if err != nil || len(cases) == 0 {
		return cases, nil, err
	}
	first := cases[0]
	for _, c := range cases {
		if c < first {
			first = c
		}
	}
	prefix := first
	if len(prefix) > 10 {
		prefix = prefix[:10]
	}
	err = s.each(`SELECT a.value FROM access a
		WHERE a.id IN (SELECT access_id FROM access_cases WHERE case_id = ANY($1))
		   OR (a.all_cases AND left(a.id, 10) >= $2)
		ORDER BY a.id`, []any{cases, prefix}, func(raw []byte) (bool, error) {
		var e store.AccessEntry
		if err := s.decode(raw, &e); err != nil {
			return false, err
		}
		entries = append(entries, e)
		return true, nil
	})
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	return cases, entries, err
}

// AccessRetention returns how many months the access log keeps entries.
func (s *Store) AccessRetention() (int, error) {
	var raw []byte
	err := s.pool.QueryRow(context.Background(), `SELECT value FROM settings WHERE key = 'access_retention_months'`).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.DefaultAccessRetentionMonths, nil
	}
	if err != nil {
		return 0, s.failed(err)
	}
	months, err := strconv.Atoi(string(raw))
	if err != nil {
		return 0, s.damaged(err)
	}
	return months, nil
}

// SetAccessRetention sets how many months the access log keeps entries
// (1 to 120) and notes the change in the audit trail.
func (s *Store) SetAccessRetention(months int) error {
	if months < 1 || months > 120 {
		return fmt.Errorf("opbevaringstiden skal være mellem 1 og 120 måneder (fik %d)", months)
	}
	return s.write(func(ctx context.Context, tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ('access_retention_months', $1)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, []byte(strconv.Itoa(months))); err != nil {
			return err
		}
		return s.audit(ctx, tx, "indstilling", "", fmt.Sprintf("adgangsloggen gemmes i %d måneder", months))
	})
}

// PruneAccess removes the access log's entries older than the retention
// and records that it did, in the same transaction.
func (s *Store) PruneAccess() (int, error) {
	months, err := s.AccessRetention()
	if err != nil {
		return 0, err
	}
	before := s.now().AddDate(0, -months, 0)
	n := 0
	err = s.write(func(ctx context.Context, tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM access WHERE time < $1`, before)
		if err != nil {
			return err
		}
		n = int(tag.RowsAffected())
		e := store.AccessEntry{Action: store.AccessPrune, All: true,
			Detail: fmt.Sprintf("%s ældre end %s fjernet (opbevaringstid %d måneder)", domain.Count(n, "post", "poster"),
				before.Local().Format("02-01-2006 15:04"), months)}
		b := &pgx.Batch{}
		if err := s.queueAccess(b, &e); err != nil {
			return err
		}
		return sendBatch(ctx, tx, b)
	})
	return n, err
}

// Secret returns the secret kept under name in the database's settings,
// made with make on first use, sealed like every value. Exports use it
// for the database's own export key, which the team shares.
func (s *Store) Secret(name string, make func() (string, error)) (string, error) {
	key := "secret:" + name
	read := func(q querier) (string, error) {
		var raw []byte
		err := q.QueryRow(context.Background(), `SELECT value FROM settings WHERE key = $1`, key).Scan(&raw)
		if errors.Is(err, pgx.ErrNoRows) {
			return "", nil
		}
		if err != nil {
			return "", s.failed(err)
		}
		var secret string
		return secret, s.decode(raw, &secret)
	}
	secret, err := read(s.pool)
	if err != nil || secret != "" {
		return secret, err
	}
	if secret, err = make(); err != nil {
		return "", err
	}
	v, err := s.encode(secret)
	if err != nil {
		return "", err
	}
	err = s.write(func(ctx context.Context, tx pgx.Tx) error {
		// Made meanwhile by another vum: keep the first.
		_, err := tx.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, v)
		return err
	})
	if err != nil {
		return "", err
	}
	return read(s.pool)
}
