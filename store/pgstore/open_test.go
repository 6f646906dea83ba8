package pgstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/store"
)

func TestRemoteServerNeedsTLSUnlessTold(t *testing.T) {
	for _, tc := range []struct {
		url       string
		plainOK   bool
		wantCheck bool
	}{
		{"postgres://anna@db.kommune.dk/vum", false, true},
		{"postgresql://anna:hemmelig@10.0.0.5:5432/vum", false, true},
		{"postgres://anna@db.kommune.dk/vum?sslmode=disable", true, false},
		{"postgres://anna@localhost/vum", true, false},
		{"postgres://anna@127.0.0.1:5433/vum", true, false},
		{"postgres://anna@[::1]/vum", true, false},
		{"postgres:///vum?host=/var/run/postgresql", true, false},
	} {
		cfg, err := poolConfig(tc.url)
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		plain := cfg.ConnConfig.TLSConfig == nil
		for _, fb := range cfg.ConnConfig.Fallbacks {
			plain = plain || fb.TLSConfig == nil
		}
		if plain != tc.plainOK {
			t.Errorf("%s: plain text allowed = %v, want %v", tc.url, plain, tc.plainOK)
		}
		if tc.wantCheck && (cfg.ConnConfig.TLSConfig.InsecureSkipVerify && cfg.ConnConfig.TLSConfig.VerifyPeerCertificate == nil) {
			t.Errorf("%s: the server's certificate is not checked", tc.url)
		}
	}
	if got := Redact("postgres://anna:hemmelig@db/vum?password=geheim2"); strings.Contains(got, "hemmelig") || strings.Contains(got, "geheim2") {
		t.Errorf("password shown: %s", got)
	}
}

func testURL(t *testing.T) string {
	url := os.Getenv("VUM_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("VUM_TEST_POSTGRES is not set: CI must run the PostgreSQL tests")
		}
		t.Skip("VUM_TEST_POSTGRES is not set; run the tests through .ci/postgres.sh")
	}
	return url
}

func exec(t *testing.T, url, sql string, args ...any) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql, args...); err != nil {
		t.Fatal(err)
	}
}

func schemaFor(t *testing.T, url, name string) string {
	name = fmt.Sprintf("%s_%d", name, os.Getpid())
	exec(t, url, "DROP SCHEMA IF EXISTS "+name+" CASCADE")
	t.Cleanup(func() { exec(t, url, "DROP SCHEMA IF EXISTS "+name+" CASCADE") })
	return name
}

func TestNewerSchemaRefusedAndUnchanged(t *testing.T) {
	url := testURL(t)
	schema := schemaFor(t, url, "newer")
	s, err := Open(url, Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	var v []byte
	s.pool.QueryRow(context.Background(), "SELECT value FROM meta WHERE key = 'schema'").Scan(&v)
	if string(v) != fmt.Sprint(SchemaVersion()) {
		t.Fatalf("schema after creation = %s, want %d", v, SchemaVersion())
	}
	// A newer vum moved the schema on.
	future := fmt.Sprint(SchemaVersion() + 1)
	exec(t, url, "UPDATE "+schema+".meta SET value = $1 WHERE key = 'schema'", []byte(future))
	count := func() int {
		var n int
		s.pool.QueryRow(context.Background(), "SELECT count(*) FROM audit").Scan(&n)
		return n
	}
	before := count()
	_, err = Open(url, Options{Schema: schema})
	if !errors.Is(err, store.ErrTooNew) || !strings.Contains(err.Error(), "nyere vum") || !strings.Contains(err.Error(), "ikke ændret") {
		t.Fatalf("newer schema: %v", err)
	}
	s.pool.QueryRow(context.Background(), "SELECT value FROM meta WHERE key = 'schema'").Scan(&v)
	if string(v) != future || count() != before {
		t.Errorf("refused open changed the database: schema %s, audit %d → %d", v, before, count())
	}
	s.Close()
}

func TestOlderSchemaUpgraded(t *testing.T) {
	ms, _ := migrations()
	if len(ms) < 2 {
		t.Skip("only one schema version")
	}
	url := testURL(t)
	schema := schemaFor(t, url, "older")
	// A database as the first vum left it.
	exec(t, url, "CREATE SCHEMA "+schema)
	exec(t, url, "SET search_path = "+schema+"; "+ms[0].SQL+
		"; INSERT INTO meta VALUES ('magic', 'vum-store'), ('schema', '1'), ('cpr_key', 'k')")
	s, err := Open(url, Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v []byte
	s.pool.QueryRow(context.Background(), "SELECT value FROM meta WHERE key = 'schema'").Scan(&v)
	if string(v) != fmt.Sprint(len(ms)) {
		t.Errorf("schema after upgrade = %s", v)
	}
	n := 0
	s.Log("", func(e store.AuditEntry) bool {
		if e.Action == "migrering" {
			n++
		}
		return true
	})
	if n != len(ms)-1 {
		t.Errorf("%d migrations in the audit trail, want %d", n, len(ms)-1)
	}
}

func TestForeignSchemaRefused(t *testing.T) {
	url := testURL(t)
	schema := schemaFor(t, url, "foreign")
	exec(t, url, "CREATE SCHEMA "+schema+"; CREATE TABLE "+schema+".orders (id int)")
	_, err := Open(url, Options{Schema: schema})
	if !errors.Is(err, store.ErrNotVum) || !strings.Contains(err.Error(), "andre tabeller") {
		t.Fatalf("schema of another program: %v", err)
	}
	var n int
	conn, _ := pgx.Connect(context.Background(), url)
	defer conn.Close(context.Background())
	conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema).Scan(&n)
	if n != 1 {
		t.Errorf("%d tables after the refusal", n)
	}
}

func TestUnreachableServerIsDanish(t *testing.T) {
	_, err := Open("postgres://vum@127.0.0.1:1/vum", Options{})
	if err == nil || !strings.Contains(err.Error(), "serveren svarer ikke") {
		t.Fatalf("unreachable: %v", err)
	}
}
