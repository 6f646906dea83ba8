package store

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

func TestOpenCreatesPrivateFile(t *testing.T) {
	_, path := openTemp(t)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", info.Mode().Perm())
	}
	dir, _ := os.Stat(filepath.Dir(path))
	if dir.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", dir.Mode().Perm())
	}
}

// A CPR number must never be a key, and the audit trail never holds one.
func TestNoCPRInKeysOrAudit(t *testing.T) {
	s, path := openTemp(t)
	cf := sampleCase(5)
	c := addCase(t, s, cf)
	if _, err := s.Append(c.ID, Change{Version: c.Version, Events: []domain.Event{c.GrantEvent(decision(domain.NewDate(2027, 1, 1)))}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	full := cf.Citizen.CPR.String()
	digits := strings.ReplaceAll(full, "-", "")
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if strings.Contains(string(k), full) || strings.Contains(string(k), digits) {
					t.Errorf("bucket %s has a CPR number in key %q", name, k)
				}
				if string(name) == "audit" && (strings.Contains(string(v), full) || strings.Contains(string(v), digits)) {
					t.Errorf("audit entry holds a full CPR number: %s", v)
				}
				return nil
			})
		})
	})
}

func TestSummaryPages(t *testing.T) {
	s, _ := openTemp(t)
	var ids []string
	for i := 0; i < 5; i++ {
		ids = append(ids, addCase(t, s, sampleCase(i)).ID)
	}
	latest, err := s.LatestSummaries(2)
	if err != nil || len(latest) != 2 || latest[0].ID != ids[4] || latest[1].ID != ids[3] {
		t.Errorf("latest = %+v, %v", latest, err)
	}
	some, err := s.SummariesOf([]string{ids[1], "01ARZ3NDEKTSV4RRFFQ69G5FAV", strings.ToLower(ids[2])})
	if err != nil || len(some) != 2 || some[0].ID != ids[1] || some[1].ID != ids[2] {
		t.Errorf("SummariesOf = %+v, %v", some, err)
	}
}

// copyStore copies a testdata store to a temporary file.
func copyStore(t *testing.T, name string) string {
	t.Helper()
	src, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), name)
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// v1Line is a line of a schema-1 export: the case file with its latest
// decision and next follow-up.
type v1Line struct {
	ID           string           `json:"id"`
	Citizen      domain.Citizen   `json:"citizen"`
	Municipality string           `json:"municipality"`
	Assessment   json.RawMessage  `json:"assessment"`
	Goals        []string         `json:"goals"`
	Decision     *domain.Decision `json:"decision"`
	FollowUpDue  domain.Date      `json:"follow_up_due"`
}

// A store written by the first release (testdata/schema1.db, made with
// that release: five cases; a § 85 decided twice and followed up with a
// reassessment; a refusal; a § 108 with a reassessment in progress; a
// § 82 a whose follow-ups were ended; one undecided) migrates with
// nothing lost: every case, its current assessment and decision, its next
// follow-up, its history and the reassessment in progress.
func TestMigrateSchema1(t *testing.T) {
	path := copyStore(t, "schema1.db")
	s, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.schema(); v != currentSchema {
		t.Fatalf("schema after opening = %d", v)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "schema1-export.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	if n, _ := s.Count(); n != len(lines) {
		t.Fatalf("%d cases after migration, %d before", n, len(lines))
	}
	for _, line := range lines {
		var old v1Line
		if err := json.Unmarshal(line, &old); err != nil {
			t.Fatal(err)
		}
		c, err := s.Case(old.ID)
		if err != nil {
			t.Fatalf("case %s: %v", old.ID, err)
		}
		if c.Citizen != old.Citizen || c.Municipality != old.Municipality {
			t.Errorf("%s: citizen %+v, was %+v", old.ID, c.Citizen, old.Citizen)
		}
		cur, _ := c.Current()
		now, _ := json.Marshal(cur.Assessment)
		var was, is any
		json.Unmarshal(old.Assessment, &was)
		json.Unmarshal(now, &is)
		if !jsonEqual(was, is) || strings.Join(cur.Goals, "|") != strings.Join(old.Goals, "|") {
			t.Errorf("%s: assessment %s, was %s", old.ID, now, old.Assessment)
		}
		due, _ := c.NextDue()
		if !due.Equal(old.FollowUpDue) {
			t.Errorf("%s: next follow-up %v, was %v", old.ID, due, old.FollowUpDue)
		}
		switch d := old.Decision; {
		case d == nil:
			if c.Decided() {
				t.Errorf("%s: undecided case has decisions", old.ID)
			}
		case d.Refused:
			if len(c.Refusals) != 1 || c.Refusals[0].Reason != d.Reason {
				t.Errorf("%s: refusals %+v", old.ID, c.Refusals)
			}
		default:
			active := c.Active()
			if len(active) != 1 || active[0].Provision != d.Provision || active[0].Tier != d.Tier || active[0].Decision.Reason != d.Reason {
				t.Errorf("%s: active grants %+v, latest decision was %+v", old.ID, active, d)
			}
		}
	}
	// The § 85 case kept both decisions, both assessments and the follow-up.
	c, _ := s.Case("01M8ETJ8EJ4HMJGHKZZ4WC6RAQ")
	kinds := map[domain.EventKind]int{}
	for _, e := range c.Events {
		kinds[e.Kind]++
	}
	if kinds[domain.EventGrant] != 1 || kinds[domain.EventChange] != 1 || kinds[domain.EventAssessment] != 2 || kinds[domain.EventFollowUp] != 1 {
		t.Errorf("history of the § 85 case: %v", kinds)
	}
	// The reassessment in progress is a draft.
	if d, ok, err := s.Draft("01M8ETJ91RMHSN9JD7RK2KNF1M"); err != nil || !ok || d.Fields[domain.DraftPermanent].Value != "ja" {
		t.Errorf("draft of the § 108 case: %+v %v %v", d, ok, err)
	}
	if r, err := s.Check(); err != nil || !r.OK() {
		t.Errorf("check after migration: %+v %v", r, err)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// A migration that fails leaves the schema-1 file byte-identical.
func TestMigrateSchema1FailureLeavesFile(t *testing.T) {
	path := copyStore(t, "schema1.db")
	before := fingerprint(t, path)
	old := migrations
	t.Cleanup(func() { migrations = old })
	migrations = []migration{{From: 1, Describe: migrateTo2.Describe, Run: func(s *Store, tx *bolt.Tx) error {
		if err := migrateTo2.Run(s, tx); err != nil {
			return err
		}
		return io.ErrUnexpectedEOF // fails after doing all the work
	}}}
	if _, err := Open(path, testOptions()); err == nil {
		t.Fatal("failing migration reported success")
	}
	if fingerprint(t, path) != before {
		t.Error("failed migration changed the file")
	}
}
