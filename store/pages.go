package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"
)

// LatestSummaries returns the summaries of the n most recently created
// cases, newest first. It reads only those n entries, so a screen can show
// its first page at once however many cases there are.
func (s *Store) LatestSummaries(n int) ([]Summary, error) {
	out := make([]Summary, 0, n)
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSummaries).Cursor()
		for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
			var sum Summary
			if err := s.decode(v, &sum); err != nil {
				return err
			}
			out = append(out, sum)
		}
		return nil
	})
	return out, err
}

// SummariesOf returns the summaries of the given cases, skipping ids that
// do not exist.
func (s *Store) SummariesOf(ids []string) ([]Summary, error) {
	out := make([]Summary, 0, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSummaries)
		for _, id := range ids {
			raw := b.Get([]byte(strings.ToUpper(id)))
			if raw == nil {
				continue
			}
			var sum Summary
			if err := s.decode(raw, &sum); err != nil {
				return err
			}
			out = append(out, sum)
		}
		return nil
	})
	return out, err
}
