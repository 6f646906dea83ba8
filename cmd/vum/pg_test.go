package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vumdk/vum/store"
	"github.com/vumdk/vum/store/pgstore"
)

var pgSchemas atomic.Int64

// withPostgres returns the address of a new, empty schema in the test
// database (VUM_TEST_POSTGRES, as .ci/postgres.sh sets it), dropped after
// the test. Without the database the test is skipped, except under CI.
func withPostgres(t *testing.T) string {
	t.Helper()
	base := os.Getenv("VUM_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("VUM_TEST_POSTGRES is not set: CI must run the PostgreSQL tests (.ci/run starts a cluster)")
		}
		t.Skip("VUM_TEST_POSTGRES is not set; run the tests through .ci/postgres.sh to test the PostgreSQL backend")
	}
	schema := fmt.Sprintf("cli%d_%d", os.Getpid(), pgSchemas.Add(1))
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openTestStore opens what withStore returned: the file or the database.
func openTestStore(path string, opt store.Options) (store.DB, error) {
	if pgstore.IsURL(path) {
		s, err := pgstore.Open(path, pgstore.Options{})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := store.Open(path, opt)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// fileOnly skips a test of what only a database file has (its bytes, its
// lock, backup and check) when the commands run on PostgreSQL.
func fileOnly(t *testing.T) {
	if os.Getenv("VUM_TEST_BACKEND") == "postgres" {
		t.Skip("a test of the database file; PostgreSQL has its own tools for this")
	}
}

// testStoreUser is who the store records: the OS user for a file, the
// database role for PostgreSQL.
func testStoreUser(t *testing.T, path string) string {
	if !pgstore.IsURL(path) {
		return osUser()
	}
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	return u.User.Username()
}
