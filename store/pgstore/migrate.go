package pgstore

import (
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered step of the schema, applied in one
// transaction with its version and audit entry.
type migration struct {
	Version int
	Name    string
	SQL     string
}

// migrations returns the embedded steps in order, numbered from 1 without
// gaps.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s has no number", e.Name())
		}
		sql, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{Version: v, Name: name, SQL: string(sql)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %d is missing", i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this vum knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err)
	}
	return len(ms)
}

// migrate brings the schema to the current version under a lock, so two
// vums starting at once do not both create it. A schema from a newer vum
// is refused before anything is changed.
func (s *Store) migrate(ctx context.Context) error {
	err := s.migrateOnce(ctx)
	if errors.Is(err, errForeign) {
		return openError(s.where, store.ErrNotVum, "skemaet "+s.schema+" rummer andre tabeller end vums",
			"Angiv en tom database eller et andet skema; intet er ændret", err)
	}
	return err
}

func (s *Store) migrateOnce(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	current := len(ms)
	version, exists, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if version > current {
		return s.tooNew(version, current)
	}
	if exists && version == current {
		return nil
	}
	err = s.tx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
		h := fnv.New64a()
		h.Write([]byte("vum schema " + s.schema))
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(h.Sum64())); err != nil {
			return err
		}
		// Read again under the lock: another vum may have done it.
		version, exists, err := schemaVersionTx(ctx, tx, s.schema)
		if err != nil {
			return err
		}
		if version > current {
			return s.tooNew(version, current)
		}
		if !exists {
			if err := s.createSchema(ctx, tx); err != nil {
				return err
			}
		}
		for _, m := range ms[version:] {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("opgradering til skemaversion %d (%s) mislykkedes, og intet er ændret: %w", m.Version, m.Name, err)
			}
			if version == 0 {
				if err := s.initMeta(ctx, tx); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(ctx, "UPDATE meta SET value = $1 WHERE key = 'schema'", []byte(strconv.Itoa(m.Version))); err != nil {
				return err
			}
			action, detail := "migrering", fmt.Sprintf("skemaversion %d til %d: %s", version, m.Version, m.Name)
			if version == 0 {
				action, detail = "database oprettet", fmt.Sprintf("skemaversion %d", m.Version)
			}
			if err := s.audit(ctx, tx, action, "", detail); err != nil {
				return err
			}
			version = m.Version
		}
		return nil
	})
	return err
}

func (s *Store) tooNew(version, current int) error {
	return openError(s.where, store.ErrTooNew,
		fmt.Sprintf("den er skrevet af en nyere vum (skemaversion %d; denne vum kender op til %d)", version, current),
		"Opdatér vum; databasen er ikke ændret", nil)
}

func (s *Store) schemaVersion(ctx context.Context) (int, bool, error) {
	var version int
	var exists bool
	err := s.tx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		version, exists, err = schemaVersionTx(ctx, tx, s.schema)
		return err
	})
	return version, exists, err
}

// schemaVersionTx reads the schema version; exists is false when the
// schema has no vum tables yet. A schema with other tables and no vum
// marker is refused.
func schemaVersionTx(ctx context.Context, tx pgx.Tx, schema string) (int, bool, error) {
	var tables int
	var hasMeta bool
	err := tx.QueryRow(ctx, `SELECT count(*), coalesce(bool_or(c.relname = 'meta'), false)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v')`, schema).Scan(&tables, &hasMeta)
	if err != nil {
		return 0, false, err
	}
	if !hasMeta {
		if tables > 0 {
			return 0, false, errForeign
		}
		return 0, false, nil
	}
	var magic, version []byte
	err = tx.QueryRow(ctx, `SELECT (SELECT value FROM meta WHERE key = 'magic'), (SELECT value FROM meta WHERE key = 'schema')`).Scan(&magic, &version)
	if err != nil {
		return 0, false, err
	}
	if string(magic) != "vum-store" {
		return 0, false, errForeign
	}
	v, err := strconv.Atoi(string(version))
	if err != nil {
		return 0, false, fmt.Errorf("skemaversionen %q kan ikke læses", version)
	}
	return v, true, nil
}

var errForeign = errors.New("skemaet rummer andre tabeller end vums")

func (s *Store) createSchema(ctx context.Context, tx pgx.Tx) error {
	var found bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", s.schema).Scan(&found); err != nil {
		return err
	}
	if !found {
		if _, err := tx.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{s.schema}.Sanitize()); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) initMeta(ctx context.Context, tx pgx.Tx) error {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	created, _ := s.now().UTC().MarshalText()
	_, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('magic', 'vum-store'), ('schema', '0'), ('created', $1), ('cpr_key', $2)`, created, key)
	return err
}
