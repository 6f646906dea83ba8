package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// CheckReport is what Check found.
type CheckReport struct {
	Cases     int      `json:"cases"`
	Due       int      `json:"due"`
	Audit     int      `json:"audit"`
	Decisions int      `json:"decisions"`
	Problems  []string `json:"problems"`
}

// OK reports whether no problem was found.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Check verifies the file page by page (bbolt's own check), that every
// value can be read, and that the summaries and the due index agree with
// the cases. It changes nothing.
func (s *Store) Check() (CheckReport, error) {
	r := CheckReport{Problems: []string{}}
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			r.Problems = append(r.Problems, "filstruktur: "+err.Error())
		}
		if len(r.Problems) > 0 {
			return nil // the structure is broken; reading on could panic
		}
		s.checkCases(tx, &r)
		r.Audit = tx.Bucket(bucketAudit).Stats().KeyN
		for _, name := range [][]byte{bucketEvents, bucketDrafts, bucketAudit} {
			b := tx.Bucket(name)
			b.ForEach(func(k, v []byte) error {
				if _, err := s.codec.Open(v); err != nil {
					r.Problems = append(r.Problems, fmt.Sprintf("%s/%s: %v", name, k, err))
				}
				return nil
			})
		}
		return nil
	})
	return r, err
}

func (s *Store) checkCases(tx *bolt.Tx, r *CheckReport) {
	summaries, due := tx.Bucket(bucketSummaries), tx.Bucket(bucketDue)
	tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		r.Cases++
		c, err := s.getCase(tx, string(k))
		if err != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("sag %s: %v", k, err))
			return nil
		}
		r.Decisions += len(c.Grants) + len(c.Refusals)
		if summaries.Get(k) == nil {
			r.Problems = append(r.Problems, fmt.Sprintf("sag %s: mangler i oversigten", k))
		}
		for _, g := range c.Active() {
			if !g.FollowUpDue.IsZero() && due.Get(dueKey(g.FollowUpDue, c.ID, g.ID)) == nil {
				r.Problems = append(r.Problems, fmt.Sprintf("sag %s: opfølgningen %s på %s mangler i indekset", k, g.FollowUpDue, g.Provision.Law()))
			}
		}
		return nil
	})
	due.ForEach(func(k, _ []byte) error {
		r.Due++
		_, caseID, _, err := parseDueKey(k)
		if err != nil || tx.Bucket(bucketCases).Get([]byte(caseID)) == nil {
			r.Problems = append(r.Problems, fmt.Sprintf("opfølgningsindeks %s: sagen findes ikke", k))
		}
		return nil
	})
	if n := summaries.Stats().KeyN; n != r.Cases {
		r.Problems = append(r.Problems, fmt.Sprintf("oversigten har %d sager, databasen %d", n, r.Cases))
	}
}
