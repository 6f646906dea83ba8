package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/store/crypt"
)

// SalvageReport is what Salvage read and what it could not.
type SalvageReport struct {
	Read int `json:"read"`
	// Lost names each case value that could not be read (Danish).
	Lost []string `json:"lost"`
	// Problems are the damaged pages met on the way (Danish).
	Problems []string `json:"problems"`
}

// Salvage reads every case it can reach in the store file at path,
// however damaged, and calls fn with each. It reads the file's pages
// itself, never through bbolt's memory map: a page reached twice or
// lying outside the file is skipped, and a value that cannot be read is
// listed in Lost. The file is not changed and not locked. An encrypted
// store is opened with opt.Keys.
func Salvage(path string, opt Options, fn func(CaseRecord) error) (SalvageReport, error) {
	r := SalvageReport{Lost: []string{}, Problems: []string{}}
	if _, err := os.Stat(path); err != nil {
		return r, openError(path, ErrNoStore, "filen kan ikke læses", "", err)
	}
	codec, err := salvageCodec(path, opt)
	if err != nil {
		return r, err
	}
	var fnErr error
	problems, err := readBucket(path, string(bucketCases), func(k, v []byte) {
		if fnErr != nil {
			return
		}
		plain, err := codec.Open(v)
		if err != nil {
			r.Lost = append(r.Lost, fmt.Sprintf("sag %q: %v", k, err))
			return
		}
		var rec CaseRecord
		if err := json.Unmarshal(plain, &rec); err != nil || rec.ID == "" {
			r.Lost = append(r.Lost, fmt.Sprintf("sag %q: værdien kan ikke læses", k))
			return
		}
		if rec.ID != string(k) {
			r.Problems = append(r.Problems, fmt.Sprintf("sag %s: nøglen %q passer ikke; sagens eget id er brugt", rec.ID, k))
		}
		r.Read++
		fnErr = fn(rec)
	})
	if err != nil {
		return r, openError(path, ErrNotVum, "filen kan ikke læses", "", err)
	}
	r.Problems = append(r.Problems, problems...)
	return r, fnErr
}

// salvageCodec finds how the file's values are sealed: plain, or
// encrypted with the header kept in the meta bucket.
func salvageCodec(path string, opt Options) (Codec, error) {
	var header []byte
	if _, err := readBucket(path, string(bucketMeta), func(k, v []byte) {
		if string(k) == string(metaEncryption) {
			header = append([]byte(nil), v...)
		}
	}); err != nil {
		return nil, err
	}
	if header == nil {
		return PlainCodec{}, nil
	}
	h, err := crypt.ParseHeader(header)
	if err != nil {
		return nil, damaged(path, "krypteringshovedet kan ikke læses: "+err.Error())
	}
	if opt.Keys == nil {
		return nil, lockedError(path, nil)
	}
	key, err := opt.Keys.DataKey(h)
	if err != nil {
		return nil, lockedError(path, err)
	}
	if !h.Matches(key) {
		return nil, lockedError(path, errors.New("nøglen hører ikke til denne database"))
	}
	return crypt.NewCodec(key)
}

// RecordRestore notes in the audit trail that the store was put in place
// from a backup.
func (s *Store) RecordRestore(from, keptAs string) error {
	detail := "gendannet fra " + from
	if keptAs != "" {
		detail += "; den tidligere fil er gemt som " + keptAs
	}
	return s.update(func(tx *bolt.Tx) error {
		return s.audit(tx, "gendannet", "", detail)
	})
}

// RecordSalvage notes in the audit trail that cases were salvaged into
// this store from a damaged one.
func (s *Store) RecordSalvage(from string, read, lost int) error {
	return s.update(func(tx *bolt.Tx) error {
		return s.audit(tx, "reddet", "", fmt.Sprintf("%d sager reddet fra %s; %d kunne ikke læses", read, from, lost))
	})
}
