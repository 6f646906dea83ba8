package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

// Create starts a case with its opening and, when given, its first
// assessment, in one transaction with its indexes and audit entry.
func (s *Store) Create(o domain.Opening, a *domain.AssessmentEvent) (domain.Case, error) {
	evs := []domain.Event{{Kind: domain.EventOpened, Opening: &o}}
	if a != nil {
		evs = append(evs, domain.Event{Kind: domain.EventAssessment, Assessment: a})
	}
	var c domain.Case
	err := s.write(func(ctx context.Context, tx pgx.Tx) error {
		now := s.now().UTC()
		created, _ := now.MarshalText()
		old := domain.Case{ID: s.newID()}
		next, err := store.Next(old, store.Change{Events: evs}, now, s.user)
		if err != nil {
			return err
		}
		c = next
		return s.writeCase(ctx, tx, old, next, string(created), now, store.Change{Events: evs, Audit: store.DescribeOpening(o, a)})
	})
	return c, err
}

// Case returns the case with id as its events make it now.
func (s *Store) Case(id string) (domain.Case, error) {
	return s.getCase(context.Background(), s.pool, store.NormID(id), false)
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// getCase reads a case's events and replays them; lock holds the case's
// row until the transaction ends, so no other writer can move it on.
func (s *Store) getCase(ctx context.Context, q querier, id string, lock bool) (domain.Case, error) {
	var version int
	var values [][]byte
	var err error
	if tx, ok := q.(pgx.Tx); ok && lock {
		// Lock first, then read in a statement of its own (a statement
		// that waited for the lock sees the row as the other writer left
		// it, but the events as they were when it began); both go in one
		// round trip.
		b := &pgx.Batch{}
		b.Queue(`SELECT version FROM cases WHERE id = $1 FOR UPDATE`, id)
		b.Queue(`SELECT c.version, ARRAY(SELECT e.value FROM events e WHERE e.case_id = c.id ORDER BY e.seq) FROM cases c WHERE c.id = $1`, id)
		res := tx.SendBatch(ctx, b)
		if err = res.QueryRow().Scan(&version); err == nil {
			err = res.QueryRow().Scan(&version, &values)
		}
		if cerr := res.Close(); err == nil {
			err = cerr
		}
	} else {
		err = q.QueryRow(ctx, `SELECT c.version, ARRAY(SELECT e.value FROM events e WHERE e.case_id = c.id ORDER BY e.seq) FROM cases c WHERE c.id = $1`, id).Scan(&version, &values)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Case{ID: id}, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	if err != nil {
		return domain.Case{}, s.failed(err)
	}
	events, err := s.decodeEvents(id, version, values)
	if err != nil {
		return domain.Case{}, err
	}
	c, err := domain.Replay(id, events)
	if err != nil {
		return c, s.damaged(fmt.Errorf("sag %s kan ikke læses: %v", id, err))
	}
	return c, nil
}

func (s *Store) decodeEvents(id string, version int, values [][]byte) ([]domain.Event, error) {
	if len(values) != version {
		return nil, s.damaged(fmt.Errorf("sag %s har %d hændelser, men version %d", id, len(values), version))
	}
	events := make([]domain.Event, len(values))
	for i, v := range values {
		if err := s.decode(v, &events[i]); err != nil {
			return nil, err
		}
	}
	return events, nil
}

// Append records events on a case together with its due entries, index
// entries and audit entry. It reads the case, then sends the whole change
// in one round trip that commits or fails as one: the change is refused
// when another writer, on this machine or another, moved the case on in
// between, and the case is read again, so two writers on the same version
// cannot both succeed: the second gets a StaleError saying what the first
// recorded. No lock is held while the caseworker's machine works.
func (s *Store) Append(id string, ch store.Change) (domain.Case, error) {
	id = store.NormID(id)
	ctx := context.Background()
	for try := 1; ; try++ {
		old, err := s.getCase(ctx, s.pool, id, false)
		if err != nil {
			return old, err
		}
		if err := s.checkHandovers(ctx, s.pool, ch.Events); err != nil {
			return old, err
		}
		now := s.now().UTC()
		next, err := store.Next(old, ch, now, s.user)
		if err != nil {
			return old, err
		}
		b := &pgx.Batch{}
		if err := s.queueCase(b, old, next, "", now, ch); err != nil {
			return old, err
		}
		err = s.pool.SendBatch(ctx, b).Close()
		if err == nil {
			return next, nil
		}
		if !raced(err) || try == maxTries {
			return old, s.failed(err)
		}
	}
}

// maxTries bounds how often a write that met another is read and tried
// again; the second try sees the other's change and reports it.
const maxTries = 3

// raced reports whether a write failed because another writer changed
// the same case or draft first: the version check of advance_case or
// save_draft, or the other's event in the same place.
func raced(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	return pe.Code == "VU001" || (pe.Code == "23505" && pe.ConstraintName == "events_pkey")
}

// writeCase writes next's new events, its row and summary, replaces old's
// due and citizen entries by next's and adds the audit entry, in one
// round trip. created is set for a new case only. Sent in a transaction,
// or on its own as one implicit transaction.
func (s *Store) writeCase(ctx context.Context, tx pgx.Tx, old, next domain.Case, created string, now time.Time, ch store.Change) error {
	b := &pgx.Batch{}
	if err := s.queueCase(b, old, next, created, now, ch); err != nil {
		return err
	}
	return sendBatch(ctx, tx, b)
}

func (s *Store) queueCase(b *pgx.Batch, old, next domain.Case, created string, now time.Time, ch store.Change) error {
	id := next.ID
	summary, err := s.encode(store.Summarize(next, now))
	if err != nil {
		return err
	}
	if old.Version == 0 {
		b.Queue(`INSERT INTO cases (id, created, version, responsible, summary, unit) VALUES ($1, $2, $3, $4, $5, `+unitOf+`)`,
			id, created, next.Version, next.Responsible, summary)
	} else {
		// First: refused when another writer moved the case on.
		b.Queue(`SELECT advance_case($1, $2, $3, $4, $5)`, id, old.Version, next.Version, next.Responsible, summary)
	}
	for _, e := range next.Events[old.Version:] {
		v, err := s.encode(e)
		if err != nil {
			return err
		}
		b.Queue(`INSERT INTO events (case_id, seq, value) VALUES ($1, $2, $3)`, id, e.Seq, v)
	}
	if err := s.queueIndexes(b, old, next); err != nil {
		return err
	}
	if ch.DropDraft {
		b.Queue(`DELETE FROM drafts WHERE case_id = $1`, id)
	}
	action, detail := store.ChangeAudit(old, next, ch)
	if err := s.queueAudit(b, action, id, detail); err != nil {
		return err
	}
	if old.Version > 0 && next.Responsible != old.Responsible {
		// Last: the case may leave the writer's sight.
		b.Queue(`SELECT sync_case_unit($1)`, id)
	}
	return nil
}

// unitOf is a case's unit: its responsible caseworker's ($4), or none.
const unitOf = `coalesce((SELECT s.unit FROM staff s WHERE s.role = $4), '')`

// dueEntry is the sealed value of a due row, as in the bbolt store.
type dueEntry struct {
	Name      string             `json:"n"`
	Provision domain.ProvisionID `json:"p"`
}

// queueIndexes replaces old's due and citizen entries by next's.
func (s *Store) queueIndexes(b *pgx.Batch, old, next domain.Case) error {
	if old.Version > 0 {
		b.Queue(`DELETE FROM due WHERE case_id = $1`, old.ID)
	}
	for _, g := range next.Active() {
		if g.FollowUpDue.IsZero() {
			continue
		}
		v, err := s.encode(dueEntry{Name: next.Citizen.Name, Provision: g.Provision})
		if err != nil {
			return err
		}
		b.Queue(`INSERT INTO due (due, case_id, grant_id, responsible, value, unit) VALUES ($1, $2, $3, $4, $5, `+unitOf+`)`,
			dateOf(g.FollowUpDue), next.ID, g.ID, next.Responsible, v)
	}
	oldHash, newHash := store.CitizenHash(s.cprKey, old.Citizen.CPR), store.CitizenHash(s.cprKey, next.Citizen.CPR)
	if oldHash != newHash {
		if oldHash != "" {
			b.Queue(`DELETE FROM citizens WHERE hash = $1 AND case_id = $2`, oldHash, old.ID)
		}
		if newHash != "" {
			b.Queue(`INSERT INTO citizens (hash, case_id) VALUES ($1, $2)`, newHash, next.ID)
		}
	}
	return nil
}

func dateOf(d domain.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// Delete removes a case created by mistake with its events, draft and
// index entries; the audit trail keeps that it happened and why.
func (s *Store) Delete(id string, version int, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return errors.New("angiv en begrundelse for at slette sagen")
	}
	id = store.NormID(id)
	return s.write(func(ctx context.Context, tx pgx.Tx) error {
		c, err := s.getCase(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if version != c.Version {
			return store.Stale(c, version)
		}
		b := &pgx.Batch{}
		b.Queue(`DELETE FROM cases WHERE id = $1`, id)
		if err := s.queueAudit(b, "sag slettet", id, "begrundelse: "+reason); err != nil {
			return err
		}
		return sendBatch(ctx, tx, b)
	})
}

// CasesByCPR returns the ids of the cases about the citizen with cpr,
// found by the keyed hash of the number.
func (s *Store) CasesByCPR(cpr domain.CPR) ([]string, error) {
	hash := store.CitizenHash(s.cprKey, cpr)
	if hash == "" {
		return nil, nil
	}
	rows, err := s.pool.Query(context.Background(), `SELECT case_id FROM citizens WHERE hash = $1 ORDER BY case_id`, hash)
	if err != nil {
		return nil, s.failed(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, s.failed(err)
	}
	return ids, nil
}

// Count returns the number of cases.
func (s *Store) Count() (int, error) {
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM cases`).Scan(&n); err != nil {
		return 0, s.failed(err)
	}
	return n, nil
}

// Summaries calls fn for every case's summary in creation order until fn
// returns false.
func (s *Store) Summaries(fn func(store.Summary) bool) error {
	return s.eachSummary(`SELECT summary FROM cases ORDER BY id`, fn)
}

func (s *Store) eachSummary(sql string, fn func(store.Summary) bool, args ...any) error {
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
		var sum store.Summary
		if err := s.decode(raw, &sum); err != nil {
			return err
		}
		if !fn(sum) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return s.failed(err)
	}
	return nil
}

// LatestSummaries returns the summaries of the n newest cases, newest
// first.
func (s *Store) LatestSummaries(n int) ([]store.Summary, error) {
	out := make([]store.Summary, 0, n)
	err := s.eachSummary(`SELECT summary FROM cases ORDER BY id DESC LIMIT $1`, func(sum store.Summary) bool {
		out = append(out, sum)
		return true
	}, n)
	return out, err
}

// SummariesOf returns the summaries of the given cases in the order given,
// skipping ids that do not exist.
func (s *Store) SummariesOf(ids []string) ([]store.Summary, error) {
	norm := make([]string, len(ids))
	for i, id := range ids {
		norm[i] = store.NormID(id)
	}
	byID := map[string]store.Summary{}
	err := s.eachSummary(`SELECT summary FROM cases WHERE id = ANY($1)`, func(sum store.Summary) bool {
		byID[sum.ID] = sum
		return true
	}, norm)
	if err != nil {
		return nil, err
	}
	out := make([]store.Summary, 0, len(ids))
	for _, id := range norm {
		if sum, ok := byID[id]; ok {
			out = append(out, sum)
		}
	}
	return out, nil
}

// DueBefore calls fn for each follow-up due on or before last, in due-date
// order, then by case and grant, until fn returns false.
func (s *Store) DueBefore(last domain.Date, fn func(store.Due) bool) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT due, case_id, grant_id, responsible, value FROM due WHERE due <= $1 ORDER BY due, case_id, grant_id`, dateOf(last))
	if err != nil {
		return s.failed(err)
	}
	defer rows.Close()
	var (
		due              time.Time
		caseID, grant, r string
		raw              []byte
	)
	for rows.Next() {
		if err := rows.Scan(&due, &caseID, &grant, &r, &raw); err != nil {
			return s.failed(err)
		}
		var e dueEntry
		if err := s.decode(raw, &e); err != nil {
			return err
		}
		d := store.Due{CaseID: caseID, Grant: grant, Name: e.Name, Provision: e.Provision,
			Due: domain.NewDate(due.Year(), due.Month(), due.Day()), Responsible: r}
		if !fn(d) {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return s.failed(err)
	}
	return nil
}
