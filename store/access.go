package store

import (
	"fmt"
	"sort"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// The access log records who read, searched or exported citizens' data,
// when and why, so that a citizen can be told (GDPR art. 15, EU Court
// C-579/21). It is kept apart from the audit trail of changes. Its
// buckets are made on the first entry, so older files need no migration.
var (
	bucketAccess       = []byte("access")
	bucketAccessByCase = []byte("access_by_case")
	// bucketAccessAll indexes entries that touched every case at once
	// (an export, a backup, the full list), so that a citizen's report
	// finds them without reading the whole log.
	bucketAccessAll = []byte("access_all")
)

// Access actions.
const (
	AccessRead   = "læst"
	AccessSearch = "søgning"
	AccessList   = "liste"
	AccessExport = "eksport"
	AccessBackup = "sikkerhedskopi"
	AccessDraft  = "udkast"
	AccessPrune  = "logbog ryddet"
	// AccessInsight is the citizen's own access report being made.
	AccessInsight = "adgangsrapport"
)

// AccessEntry is one access to citizens' data. Cases lists the cases
// whose data was shown; All marks an access to every case in the store.
// Detail and Purpose are sealed like every value, but should still never
// carry a full CPR number.
type AccessEntry struct {
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	User    string    `json:"user"`
	Action  string    `json:"action"`
	Cases   []string  `json:"cases,omitempty"`
	All     bool      `json:"all,omitempty"`
	Purpose string    `json:"purpose,omitempty"`
	Detail  string    `json:"detail,omitempty"`
}

// RecordAccess writes entries in one transaction, or, on a store opened
// for reading, appends them to the access journal (see appendJournal).
// An entry's ID, Time and User are filled in when empty; entries are kept
// in the order given. A damaged store takes neither.
func (s *Store) RecordAccess(entries ...AccessEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if s.readOnly && !s.Damaged() {
		return s.appendJournal(entries)
	}
	return s.update(func(tx *bolt.Tx) error {
		for i := range entries {
			if err := s.putAccess(tx, &entries[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// fillAccess fills in an entry's time, id and user when empty.
func (s *Store) fillAccess(e *AccessEntry) {
	if e.Time.IsZero() {
		e.Time = s.now().UTC()
	}
	if e.ID == "" {
		e.ID = s.newIDAt(e.Time)
	}
	if e.User == "" {
		e.User = s.user
	}
}

func (s *Store) putAccess(tx *bolt.Tx, e *AccessEntry) error {
	s.fillAccess(e)
	log, err := tx.CreateBucketIfNotExists(bucketAccess)
	if err != nil {
		return err
	}
	byCase, err := tx.CreateBucketIfNotExists(bucketAccessByCase)
	if err != nil {
		return err
	}
	all, err := tx.CreateBucketIfNotExists(bucketAccessAll)
	if err != nil {
		return err
	}
	log.FillPercent, byCase.FillPercent = 0.95, 0.95
	value, err := s.encode(e)
	if err != nil {
		return err
	}
	if err := log.Put([]byte(e.ID), value); err != nil {
		return err
	}
	if e.All {
		all.FillPercent = 0.95
		if err := all.Put([]byte(e.ID), indexValue([]byte(e.ID))); err != nil {
			return err
		}
	}
	for _, c := range e.Cases {
		key := compositeKey(c, e.ID)
		if err := byCase.Put(key, indexValue(key)); err != nil {
			return err
		}
	}
	return nil
}

// newIDAt returns a new id ordered at t (now when t is zero), so an entry
// written later in a batch still sorts at the time it happened.
func (s *Store) newIDAt(t time.Time) string {
	if t.IsZero() {
		return s.newID()
	}
	s.idMu.Lock()
	defer s.idMu.Unlock()
	return ulid.MustNew(ulid.Timestamp(t), s.entropy).String()
}

// AccessLog calls fn for every entry of the access log, oldest first,
// until fn returns false.
func (s *Store) AccessLog(fn func(AccessEntry) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		pending, err := s.pendingAccess(tx)
		if err != nil {
			return err
		}
		more := true
		if log := tx.Bucket(bucketAccess); log != nil {
			err = forEach(log, nil, func(k, v []byte) (bool, error) {
				for len(pending) > 0 && pending[0].ID < string(k) {
					if more = fn(pending[0]); !more {
						return false, nil
					}
					pending = pending[1:]
				}
				var e AccessEntry
				if err := s.decode(v, &e); err != nil {
					return false, err
				}
				more = fn(e)
				return more, nil
			})
		}
		for _, e := range pending {
			if !more {
				break
			}
			more = fn(e)
		}
		return err
	})
}

// CitizenAccess returns every access to the cases about the citizen with
// cpr, oldest first: reads, searches and drafts of those cases, and the
// exports, backups and lists of every case made while a case existed.
// The entries that pruned the log are included too, so a gap shows.
func (s *Store) CitizenAccess(cpr domain.CPR) (cases []string, entries []AccessEntry, err error) {
	cases, err = s.CasesByCPR(cpr)
	if err != nil {
		return nil, nil, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		pending, err := s.pendingAccess(tx)
		if err != nil {
			return err
		}
		first := ""
		ours := map[string]bool{}
		for _, c := range cases {
			ours[c] = true
			if first == "" || c < first {
				first = c
			}
		}
		// Case ids and entry ids are both ordered by time: an entry about
		// every case concerns this citizen when it is no older than the
		// oldest of the citizen's cases.
		since := func(id []byte) bool { return len(id) < 10 || len(first) < 10 || string(id[:10]) >= first[:10] }
		for _, e := range pending {
			concerns := e.All && since([]byte(e.ID))
			for _, c := range e.Cases {
				concerns = concerns || ours[c]
			}
			if concerns && len(cases) > 0 {
				entries = append(entries, e)
			}
		}
		log := tx.Bucket(bucketAccess)
		if log == nil {
			return nil
		}
		seen := map[string]bool{}
		add := func(id []byte) error {
			if seen[string(id)] {
				return nil
			}
			seen[string(id)] = true
			raw := log.Get(id)
			if raw == nil {
				return nil // pruned
			}
			var e AccessEntry
			if err := s.decode(raw, &e); err != nil {
				return err
			}
			entries = append(entries, e)
			return nil
		}
		for _, c := range cases {
			prefix := []byte(c + "/")
			err := forEach(tx.Bucket(bucketAccessByCase), prefix, func(k, _ []byte) (bool, error) {
				return true, add(k[len(prefix):])
			})
			if err != nil {
				return err
			}
		}
		if len(cases) == 0 {
			return nil
		}
		return forEach(tx.Bucket(bucketAccessAll), nil, func(k, _ []byte) (bool, error) {
			if since(k) {
				return true, add(k)
			}
			return true, nil
		})
	})
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	return cases, entries, err
}

// DefaultAccessRetentionMonths is how long access log entries are kept
// unless the store says otherwise.
const DefaultAccessRetentionMonths = 24

var (
	bucketSettings         = []byte("settings")
	settingAccessRetention = []byte("access_retention_months")
)

// AccessRetention returns how many months the access log keeps entries.
func (s *Store) AccessRetention() (int, error) {
	months := DefaultAccessRetentionMonths
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if b == nil {
			return nil
		}
		if raw := b.Get(settingAccessRetention); raw != nil {
			return s.decode(raw, &months)
		}
		return nil
	})
	return months, err
}

// SetAccessRetention sets how many months the access log keeps entries
// (1 to 120), and notes the change in the audit trail.
func (s *Store) SetAccessRetention(months int) error {
	if months < 1 || months > 120 {
		return fmt.Errorf("opbevaringstiden skal være mellem 1 og 120 måneder (fik %d)", months)
	}
	return s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSettings)
		if err != nil {
			return err
		}
		value, err := s.encode(months)
		if err != nil {
			return err
		}
		if err := b.Put(settingAccessRetention, value); err != nil {
			return err
		}
		return s.audit(tx, "indstilling", "", fmt.Sprintf("adgangsloggen gemmes i %d måneder", months))
	})
}

// PruneAccess removes the access log's entries older than the retention
// (counted back from now) and records that it did, in the same
// transaction. It returns how many it removed.
func (s *Store) PruneAccess() (int, error) {
	months, err := s.AccessRetention()
	if err != nil {
		return 0, err
	}
	before := s.now().AddDate(0, -months, 0)
	n := 0
	err = s.update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketAccess)
		if log != nil {
			var old []AccessEntry
			err := forEach(log, nil, func(_, v []byte) (bool, error) {
				var e AccessEntry
				if err := s.decode(v, &e); err != nil {
					return false, err
				}
				if !e.Time.Before(before) {
					return false, nil
				}
				old = append(old, e)
				return true, nil
			})
			if err != nil {
				return err
			}
			for _, e := range old {
				if err := log.Delete([]byte(e.ID)); err != nil {
					return err
				}
				if err := tx.Bucket(bucketAccessAll).Delete([]byte(e.ID)); err != nil {
					return err
				}
				for _, c := range e.Cases {
					if err := tx.Bucket(bucketAccessByCase).Delete(compositeKey(c, e.ID)); err != nil {
						return err
					}
				}
			}
			n = len(old)
		}
		e := AccessEntry{Action: AccessPrune, All: true,
			Detail: fmt.Sprintf("%s ældre end %s fjernet (opbevaringstid %d måneder)", domain.Count(n, "post", "poster"),
				before.Local().Format("02-01-2006 15:04"), months)}
		return s.putAccess(tx, &e)
	})
	return n, err
}

// ReadOnly reports whether the store was opened for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }
