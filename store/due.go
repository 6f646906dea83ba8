package store

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
)

// DueBefore calls fn for each planned follow-up due on or before last, in
// due-date order, until fn returns false: one entry for each active grant.
// It reads only the due entries, however many cases the store holds.
func (s *Store) DueBefore(last domain.Date, fn func(Due) bool) error {
	end := dueKey(last, "\xff", "")
	return s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDue).Cursor()
		for k, v := c.First(); k != nil && string(k) <= string(end); k, v = c.Next() {
			due, caseID, grant, err := parseDueKey(k)
			if err != nil {
				return damaged(s.path, err)
			}
			var e dueEntry
			if err := s.decode(v, &e); err != nil {
				return err
			}
			if !fn(Due{CaseID: caseID, Grant: grant, Name: e.Name, Provision: e.Provision, Due: due, Responsible: e.Responsible}) {
				return nil
			}
		}
		return nil
	})
}

func parseDueKey(k []byte) (domain.Date, string, string, error) {
	bad := fmt.Errorf("ugyldig nøgle i opfølgningsindekset")
	if len(k) < 10 || k[8] != '/' {
		return domain.Date{}, "", "", bad
	}
	caseID, grant, ok := strings.Cut(string(k[9:]), "/")
	if !ok {
		return domain.Date{}, "", "", bad
	}
	s := string(k[:8])
	d, err := domain.ParseDate(s[:4] + "-" + s[4:6] + "-" + s[6:8])
	return d, caseID, grant, err
}
