package pgstore

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store"
)

type importItem struct {
	line int
	ec   store.ExportCase
	c    domain.Case
}

// Import stores records in batches; each batch commits whole or not at
// all with its audit entries, so an interrupted import keeps every
// committed case and running it again adds only what is missing. A case
// already stored under its id is skipped when it is the same and reported
// as a conflict when it is not.
func (s *Store) Import(records iter.Seq2[store.ImportRecord, error], opt store.ImportOptions) (store.ImportResult, error) {
	var res store.ImportResult
	if opt.Batch <= 0 {
		opt.Batch = 1000
	}
	batch := make([]importItem, 0, opt.Batch)
	done := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		var part store.ImportResult
		err := s.write(func(ctx context.Context, tx pgx.Tx) error {
			part = store.ImportResult{}
			return s.importBatch(ctx, tx, batch, opt, &part)
		})
		if err != nil {
			return err
		}
		res.Added += part.Added
		res.Skipped += part.Skipped
		res.Conflicts = append(res.Conflicts, part.Conflicts...)
		res.KnownCPR = append(res.KnownCPR, part.KnownCPR...)
		done += len(batch)
		batch = batch[:0]
		if opt.Progress != nil {
			opt.Progress(done)
		}
		return nil
	}
	for r, err := range records {
		if err != nil {
			return res, err
		}
		ec, c, err := store.PrepareImport(r)
		if err != nil {
			return res, err
		}
		if batch = append(batch, importItem{line: r.Line, ec: ec, c: c}); len(batch) == opt.Batch {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	return res, flush()
}

func (s *Store) importBatch(ctx context.Context, tx pgx.Tx, items []importItem, opt store.ImportOptions, res *store.ImportResult) error {
	ids := make([]string, len(items))
	hashes := make([]string, 0, len(items))
	for i, it := range items {
		ids[i] = it.ec.ID
		if h := store.CitizenHash(s.cprKey, it.c.Citizen.CPR); h != "" {
			hashes = append(hashes, h)
		}
	}
	existing, err := s.exportCases(ctx, tx, `WHERE c.id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	stored := map[string]store.ExportCase{}
	for _, ec := range existing {
		stored[ec.ID] = ec
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT hash FROM citizens WHERE hash = ANY($1)`, hashes)
	if err != nil {
		return err
	}
	known, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	knownHash := map[string]bool{}
	for _, h := range known {
		knownHash[h] = true
	}
	out := &copyRows{}
	for _, it := range items {
		if prev, ok := stored[it.ec.ID]; ok {
			same, err := store.SameExport(prev, it.ec)
			if err != nil {
				return fmt.Errorf("linje %d: %w", it.line, err)
			}
			if same {
				res.Skipped++
			} else {
				res.Conflicts = append(res.Conflicts, it.ec.ID)
			}
			continue
		}
		if h := store.CitizenHash(s.cprKey, it.c.Citizen.CPR); h != "" {
			if knownHash[h] {
				res.KnownCPR = append(res.KnownCPR, it.ec.ID)
			}
			knownHash[h] = true
		}
		updated := it.ec.Created
		if n := len(it.c.Events); n > 0 {
			updated = it.c.Events[n-1].Recorded
		}
		created, err := it.ec.Created.MarshalText()
		if err != nil {
			return fmt.Errorf("linje %d: %w", it.line, err)
		}
		detail := fmt.Sprintf("%s linje %d: %s", opt.Source, it.line, domain.Count(len(it.c.Events), "hændelse", "hændelser"))
		if err := s.addRows(out, it, string(created), updated, detail); err != nil {
			return fmt.Errorf("linje %d: %w", it.line, err)
		}
		// Two records with the same id in one batch: the second is
		// compared with the first.
		stored[it.ec.ID] = it.ec
		res.Added++
	}
	return out.copy(ctx, tx)
}

// copyRows are the rows of a batch of imported cases, written with COPY:
// many times faster than one statement a row.
type copyRows struct {
	ids                                         []string
	cases, events, due, citizens, audit, drafts [][]any
}

// addRows adds a new case's rows as writeCase would write them.
func (s *Store) addRows(r *copyRows, it importItem, created string, updated time.Time, detail string) error {
	c := it.c
	summary, err := s.encode(store.Summarize(c, updated))
	if err != nil {
		return err
	}
	r.ids = append(r.ids, c.ID)
	r.cases = append(r.cases, []any{c.ID, created, c.Version, c.Responsible, summary})
	for _, e := range c.Events {
		v, err := s.encode(e)
		if err != nil {
			return err
		}
		r.events = append(r.events, []any{c.ID, e.Seq, v})
	}
	for _, g := range c.Active() {
		if g.FollowUpDue.IsZero() {
			continue
		}
		v, err := s.encode(dueEntry{Name: c.Citizen.Name, Provision: g.Provision})
		if err != nil {
			return err
		}
		r.due = append(r.due, []any{dateOf(g.FollowUpDue), c.ID, g.ID, c.Responsible, v})
	}
	if h := store.CitizenHash(s.cprKey, c.Citizen.CPR); h != "" {
		r.citizens = append(r.citizens, []any{h, c.ID})
	}
	e, v, err := s.newAudit("sag importeret", c.ID, detail)
	if err != nil {
		return err
	}
	r.audit = append(r.audit, []any{e.ID, e.Action, c.ID, v})
	if it.ec.Draft != nil {
		v, err := s.encode(*it.ec.Draft)
		if err != nil {
			return err
		}
		r.drafts = append(r.drafts, []any{c.ID, v})
	}
	return nil
}

func (r *copyRows) copy(ctx context.Context, tx pgx.Tx) error {
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"cases", []string{"id", "created", "version", "responsible", "summary"}, r.cases},
		{"events", []string{"case_id", "seq", "value"}, r.events},
		{"due", []string{"due", "case_id", "grant_id", "responsible", "value"}, r.due},
		{"citizens", []string{"hash", "case_id"}, r.citizens},
		{"audit", []string{"id", "action", "case_id", "value"}, r.audit},
		{"drafts", []string{"case_id", "value"}, r.drafts},
	} {
		if len(t.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.table}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return err
		}
	}
	if len(r.ids) == 0 {
		return nil
	}
	// Each case goes to its responsible caseworker's unit.
	b := &pgx.Batch{}
	b.Queue(`UPDATE cases c SET unit = s.unit FROM staff s WHERE s.role = c.responsible AND c.id = ANY($1)`, r.ids)
	b.Queue(`UPDATE due d SET unit = s.unit FROM staff s WHERE s.role = d.responsible AND d.case_id = ANY($1)`, r.ids)
	return sendBatch(ctx, tx, b)
}

// exportCases reads whole cases: each one's creation time, every event as
// recorded and its draft.
func (s *Store) exportCases(ctx context.Context, q querier, where string, args ...any) ([]store.ExportCase, error) {
	var out []store.ExportCase
	err := s.eachExport(ctx, q, where, args, func(ec store.ExportCase) error {
		out = append(out, ec)
		return nil
	})
	return out, err
}

func (s *Store) eachExport(ctx context.Context, q querier, where string, args []any, fn func(store.ExportCase) error) error {
	rows, err := q.Query(ctx, `SELECT c.id, c.created, c.version,
		ARRAY(SELECT e.value FROM events e WHERE e.case_id = c.id ORDER BY e.seq), d.value
		FROM cases c LEFT JOIN drafts d ON d.case_id = c.id `+where+` ORDER BY c.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		id, created string
		version     int
		values      [][]byte
		draft       []byte
	)
	for rows.Next() {
		if err := rows.Scan(&id, &created, &version, &values, &draft); err != nil {
			return err
		}
		ec := store.ExportCase{ID: id}
		if err := ec.Created.UnmarshalText([]byte(created)); err != nil {
			return s.damaged(err)
		}
		if ec.Events, err = s.decodeEvents(id, version, values); err != nil {
			return err
		}
		if draft != nil {
			var d domain.Draft
			if err := s.decode(draft, &d); err != nil {
				return err
			}
			ec.Draft = &d
		}
		if err := fn(ec); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Export records the export in the audit trail, then calls fn for every
// case in creation order, all read from one snapshot.
func (s *Store) Export(format string, fn func(store.ExportCase) error) error {
	count, err := s.Count()
	if err != nil {
		return err
	}
	err = s.write(func(ctx context.Context, tx pgx.Tx) error {
		return s.audit(ctx, tx, "eksport", "", fmt.Sprintf("%d sager som %s", count, format))
	})
	if err != nil {
		return err
	}
	ctx := context.Background()
	var fnErr error
	err = s.tx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		return s.eachExport(ctx, tx, "", nil, func(ec store.ExportCase) error {
			if err := fn(ec); err != nil {
				fnErr = err
				return err
			}
			return nil
		})
	})
	if fnErr != nil {
		return fnErr
	}
	return err
}
