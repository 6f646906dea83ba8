// Package pgstore keeps vum's cases in PostgreSQL, for a team that shares
// one database: the same cases, events, follow-ups, audit trail and access
// log as the bbolt file, behind the same store.Backend. Each caseworker
// connects with their own database role, which the audit trail records;
// row-level security shows a caseworker the cases of their unit.
package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/oklog/ulid/v2"

	"github.com/vumdk/vum/store"
)

// Options tune how a store is opened.
type Options struct {
	// Schema is the PostgreSQL schema vum's tables live in (default vum),
	// so the database can hold other things beside.
	Schema string
	// Now returns the current time (default time.Now); tests fix it.
	Now func() time.Time
	// Codec seals values; store.PlainCodec by default.
	Codec store.Codec
	// Timeout bounds connecting (default 5 s).
	Timeout time.Duration
	// MaxConns bounds the connections this process opens (default 4).
	MaxConns int32
	// Name is the caseworker's own name from their profile; the audit
	// trail and the access log show it beside the database role.
	Name string
}

// Store is an open vum database in PostgreSQL.
type Store struct {
	pool   *pgxpool.Pool
	where  string // the URL without its password, for messages
	schema string
	codec  store.Codec
	now    func() time.Time
	user   string
	name   string
	cprKey []byte

	idMu    sync.Mutex
	entropy io.Reader
}

var _ store.Backend = (*Store)(nil)

// IsURL reports whether a --db value names a PostgreSQL database rather
// than a file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

var schemaName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`) })

// Open connects to the database at url and makes sure it holds vum's
// tables in their current version: a new database gets them, an older one
// is upgraded, one from a newer vum is refused and left as it is.
func Open(rawURL string, opt Options) (*Store, error) {
	if opt.Schema == "" {
		// A search_path in the address names the schema.
		if u, err := url.Parse(rawURL); err == nil {
			opt.Schema = u.Query().Get("search_path")
		}
	}
	if opt.Schema == "" {
		opt.Schema = "vum"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Codec == nil {
		opt.Codec = store.PlainCodec{}
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 5 * time.Second
	}
	if opt.MaxConns <= 0 {
		opt.MaxConns = 4
	}
	where := Redact(rawURL)
	if !schemaName().MatchString(opt.Schema) {
		return nil, openError(where, store.ErrNotVum, fmt.Sprintf("skemanavnet %q er ugyldigt", opt.Schema), "Brug små bogstaver, tal og _", nil)
	}
	cfg, err := poolConfig(rawURL)
	if err != nil {
		return nil, openError(where, store.ErrNotVum, "adressen kan ikke læses ("+err.Error()+")",
			"Skriv den som postgres://bruger@vært/database", err)
	}
	cfg.MaxConns = opt.MaxConns
	cfg.ConnConfig.ConnectTimeout = opt.Timeout
	cfg.ConnConfig.RuntimeParams["search_path"] = opt.Schema
	cfg.ConnConfig.RuntimeParams["application_name"] = "vum"
	ctx, cancel := context.WithTimeout(context.Background(), opt.Timeout)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(where, err)
	}
	s := &Store{pool: pool, where: where, schema: opt.Schema, codec: opt.Codec, now: opt.Now, name: strings.TrimSpace(opt.Name),
		entropy: ulid.Monotonic(rand.Reader, 0)}
	if err := pool.QueryRow(ctx, "SELECT current_user").Scan(&s.user); err != nil {
		pool.Close()
		return nil, connectError(where, err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := pool.QueryRow(ctx, "SELECT value FROM meta WHERE key = 'cpr_key'").Scan(&s.cprKey); err != nil {
		pool.Close()
		return nil, s.failed(err)
	}
	return s, nil
}

// poolConfig parses url, and refuses plain text to a server that is not on
// this machine unless the URL says otherwise: without an sslmode, a
// remote server must offer TLS with a certificate that verifies.
func poolConfig(rawURL string) (*pgxpool.Config, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("ugyldig adresse")
	}
	q := u.Query()
	if q.Get("sslmode") == "" && !localHost(u) {
		q.Set("sslmode", "verify-full")
		u.RawQuery = q.Encode()
	}
	return pgxpool.ParseConfig(u.String())
}

// localHost reports whether u's server is on this machine: a Unix socket,
// localhost or a loopback address.
func localHost(u *url.URL) bool {
	hosts := []string{u.Hostname()}
	if h := u.Query().Get("host"); h != "" {
		hosts = strings.Split(h, ",")
	}
	for _, h := range hosts {
		h = strings.TrimSpace(h)
		if strings.HasPrefix(h, "/") || h == "localhost" {
			continue
		}
		if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil && ip.IsLoopback() {
			continue
		}
		if h == "" && u.Host == "" {
			continue // the default: a local socket
		}
		return false
	}
	return true
}

// Redact returns url without its password, for messages and logs.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Close releases the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Path names the database (without password), where the bbolt store
// gives its file.
func (s *Store) Path() string { return s.where }

// User is the database role this store writes as; the audit trail and
// every event record it.
func (s *Store) User() string { return s.user }

// shownUser is how the audit trail and the access log name the writer:
// the profile's name with the database role beside, or the role.
func (s *Store) shownUser() string {
	if s.name == "" {
		return s.user
	}
	return s.name + " (" + s.user + ")"
}

// ReadOnly is false: access rights are the database's to grant.
func (s *Store) ReadOnly() bool { return false }

func (s *Store) newID() string { return s.newIDAt(time.Time{}) }

// newIDAt returns a new sortable id (a ULID) ordered at t, or now.
func (s *Store) newIDAt(t time.Time) string {
	if t.IsZero() {
		t = s.now()
	}
	s.idMu.Lock()
	defer s.idMu.Unlock()
	return ulid.MustNew(ulid.Timestamp(t), s.entropy).String()
}

func (s *Store) encode(v any) ([]byte, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return s.codec.Seal(plain)
}

func (s *Store) decode(data []byte, v any) error {
	plain, err := s.codec.Open(data)
	if err != nil {
		return s.damaged(err)
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return s.damaged(fmt.Errorf("en værdi i databasen kan ikke læses: %w", err))
	}
	return nil
}

// tx runs fn in a transaction, committed when fn returns nil.
func (s *Store) tx(ctx context.Context, opts pgx.TxOptions, fn func(pgx.Tx) error) error {
	err := pgx.BeginTxFunc(ctx, s.pool, opts, fn)
	if err != nil {
		return s.failed(err)
	}
	return nil
}

func (s *Store) write(fn func(context.Context, pgx.Tx) error) error {
	ctx := context.Background()
	return s.tx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error { return fn(ctx, tx) })
}

// batch sends the queued statements of b in tx and checks each result.
func sendBatch(ctx context.Context, tx pgx.Tx, b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

func openError(where string, kind error, reason, advice string, cause error) error {
	return &store.OpenError{Path: where, Reason: reason, Advice: advice, Err: errors.Join(kind, cause)}
}

func (s *Store) damaged(cause error) error {
	return openError(s.where, store.ErrDamaged, fmt.Sprintf("en værdi er beskadiget (%v)", cause),
		"Intet er ændret. Gendan fra databasens sikkerhedskopi (pg_dump)", cause)
}

// connectError explains a failed connection in Danish.
func connectError(where string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return openError(where, store.ErrNotVum, "brugeren afvises af databasen ("+pe.Message+")",
				"Tjek brugernavn og adgangskode, eller bed IT om adgang", err)
		case "3D000":
			return openError(where, store.ErrNoStore, "databasen findes ikke",
				"Bed IT oprette den (createdb), eller ret navnet i adressen", err)
		}
		return openError(where, store.ErrNotVum, "databasen svarer med en fejl ("+pe.Message+")", "", err)
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "tls") || strings.Contains(msg, "TLS") || strings.Contains(msg, "certificate") || strings.Contains(msg, "SSL"):
		return openError(where, store.ErrNotVum, "forbindelsen kan ikke krypteres ("+msg+")",
			"vum sender ikke data ukrypteret til en anden maskine. Sæt TLS op på serveren, eller angiv selv sslmode i adressen", err)
	case strings.Contains(msg, "connect"), strings.Contains(msg, "dial"), strings.Contains(msg, "timeout"):
		return openError(where, store.ErrInUse, "serveren svarer ikke ("+msg+")",
			"Tjek adressen og at PostgreSQL kører, eller kontakt IT", err)
	}
	return openError(where, store.ErrNotVum, "forbindelsen mislykkedes ("+msg+")", "", err)
}

// failed turns a database error during work into a Danish one; vum's own
// errors (Danish already) pass through.
func (s *Store) failed(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return connectError(s.where, err)
		}
		return err
	}
	switch pe.Code {
	case "42501":
		return fmt.Errorf("din databasebruger %s har ikke adgang til dette (%s); bed IT om adgang: %w", s.user, pe.Message, err)
	case "40001", "40P01", "VU001":
		return fmt.Errorf("sagen blev ændret samtidig af en anden; prøv igen: %w", err)
	}
	return fmt.Errorf("databasen afviste ændringen (%s); intet er gemt: %w", pe.Message, err)
}
