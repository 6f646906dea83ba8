package store

import (
	bolt "go.etcd.io/bbolt"
)

// audit records one line of the audit trail in tx, so the entry commits or
// rolls back with the change it describes. detail must never carry a full
// CPR number.
func (s *Store) audit(tx *bolt.Tx, action, caseID, detail string) error {
	w, err := s.newAudit(action, caseID, detail)
	if err != nil {
		return err
	}
	return w.put(tx)
}

// auditWrite is an encoded audit entry waiting to be written in the
// transaction of the change it describes.
type auditWrite struct {
	id, caseID string
	value      []byte
}

func (s *Store) newAudit(action, caseID, detail string) (auditWrite, error) {
	e := AuditEntry{ID: s.newID(), Time: s.now().UTC(), User: s.user, Action: action, CaseID: caseID, Detail: detail}
	value, err := s.encode(e)
	return auditWrite{id: e.ID, caseID: caseID, value: value}, err
}

func (w auditWrite) put(tx *bolt.Tx) error {
	if err := fill(tx, bucketAudit).Put([]byte(w.id), w.value); err != nil {
		return err
	}
	if w.caseID == "" {
		return nil
	}
	key := compositeKey(w.caseID, w.id)
	return fill(tx, bucketAuditByCase).Put(key, indexValue(key))
}

// compositeKey joins a case id and a record id: records of one case sort
// together and in time order.
func compositeKey(caseID, id string) []byte {
	return []byte(caseID + "/" + id)
}

// Log calls fn for every audit entry, oldest first, or only for caseID's
// entries when caseID is not empty. fn returns false to stop.
func (s *Store) Log(caseID string, fn func(AuditEntry) bool) error {
	return s.view(func(tx *bolt.Tx) error {
		audit := tx.Bucket(bucketAudit)
		if caseID == "" {
			return forEach(audit, nil, func(_, v []byte) (bool, error) {
				var e AuditEntry
				if err := s.decode(v, &e); err != nil {
					return false, err
				}
				return fn(e), nil
			})
		}
		return forEach(tx.Bucket(bucketAuditByCase), []byte(caseID+"/"), func(k, _ []byte) (bool, error) {
			var e AuditEntry
			if err := s.decode(audit.Get(k[len(caseID)+1:]), &e); err != nil {
				return false, err
			}
			return fn(e), nil
		})
	})
}

// forEach walks keys with prefix (all keys when nil) until fn says stop.
func forEach(b *bolt.Bucket, prefix []byte, fn func(k, v []byte) (bool, error)) error {
	c := b.Cursor()
	k, v := c.First()
	if prefix != nil {
		k, v = c.Seek(prefix)
	}
	for ; k != nil; k, v = c.Next() {
		if prefix != nil && !hasPrefix(k, prefix) {
			return nil
		}
		more, err := fn(k, v)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

// RecordDraft notes in the audit trail that a decision draft was made,
// since it carries the citizen's data out of vum.
func (s *Store) RecordDraft(caseID, format, target string) error {
	return s.update(func(tx *bolt.Tx) error {
		return s.audit(tx, "udkast", caseID, "udkast til afgørelse som "+format+" til "+target)
	})
}
