package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/domain"
	"github.com/vumdk/vum/store/crypt"
)

// SalvageReport is what Salvage read and what it could not.
type SalvageReport struct {
	Read int `json:"read"`
	// Partial names each case of which only the first events could be
	// read (Danish); they are counted in Read.
	Partial []string `json:"partial"`
	// Lost names each case that could not be read at all (Danish).
	Lost []string `json:"lost"`
	// Problems are the damaged pages met on the way (Danish).
	Problems []string `json:"problems"`
}

// Salvage reads every case it can reach in the store file at path,
// however damaged, and calls fn with each, in the form export writes. It
// reads the file's pages itself, never through bbolt's memory map: a page
// reached twice or lying outside the file is skipped, and a case whose
// events cannot all be read is listed in Lost (with as many of its first
// events as could be read, when they make a case). The file is not
// changed and not locked. An encrypted store is opened with opt.Keys.
// Assessments in progress and the audit trail are not salvaged.
func Salvage(path string, opt Options, fn func(ExportCase) error) (SalvageReport, error) {
	r := SalvageReport{Partial: []string{}, Lost: []string{}, Problems: []string{}}
	if _, err := os.Stat(path); err != nil {
		return r, openError(path, ErrNoStore, "filen kan ikke læses", "", err)
	}
	codec, err := salvageCodec(path, opt)
	if err != nil {
		return r, err
	}
	open := func(v []byte, into any) error {
		plain, err := codec.Open(v)
		if err != nil {
			return err
		}
		return json.Unmarshal(plain, into)
	}
	headers := map[string]caseHeader{}
	problems, err := readBucket(path, string(bucketCases), func(k, v []byte) {
		var h caseHeader
		if err := open(v, &h); err != nil || h.ID != string(k) {
			r.Problems = append(r.Problems, fmt.Sprintf("sag %q: oplysningerne om sagen kan ikke læses; hændelserne bruges", k))
			return
		}
		headers[h.ID] = h
	})
	if err != nil {
		return r, openError(path, ErrNotVum, "filen kan ikke læses", "", err)
	}
	r.Problems = append(r.Problems, problems...)
	events := map[string][]domain.Event{}
	broken := map[string]string{}
	var order []string
	problems, err = readBucket(path, string(bucketEvents), func(k, v []byte) {
		id, _, ok := strings.Cut(string(k), "/")
		if !ok {
			r.Problems = append(r.Problems, fmt.Sprintf("hændelse %q: ugyldig nøgle", k))
			return
		}
		if _, seen := events[id]; !seen {
			order = append(order, id)
			events[id] = nil
		}
		if broken[id] != "" {
			return
		}
		var e domain.Event
		if err := open(v, &e); err != nil {
			broken[id] = fmt.Sprintf("hændelse %q: %v", k, err)
			return
		}
		if e.Seq != len(events[id])+1 {
			broken[id] = fmt.Sprintf("hændelse %d mangler", len(events[id])+1)
			return
		}
		events[id] = append(events[id], e)
	})
	if err != nil {
		return r, openError(path, ErrNotVum, "filen kan ikke læses", "", err)
	}
	r.Problems = append(r.Problems, problems...)
	for id := range headers {
		if _, ok := events[id]; !ok {
			order = append(order, id)
		}
	}
	sort.Strings(order)
	for _, id := range order {
		h, evs := headers[id], events[id]
		if h.ID != "" && len(evs) < h.Version && broken[id] == "" {
			broken[id] = fmt.Sprintf("kun %d af %d hændelser kunne findes", len(evs), h.Version)
		}
		if len(evs) == 0 {
			r.Lost = append(r.Lost, fmt.Sprintf("sag %s: ingen hændelse kunne læses", id))
			continue
		}
		if _, err := domain.Replay(id, evs); err != nil {
			r.Lost = append(r.Lost, fmt.Sprintf("sag %s: %v", id, err))
			continue
		}
		if why := broken[id]; why != "" {
			r.Partial = append(r.Partial, fmt.Sprintf("sag %s: kun de første %d hændelser (%s)", id, len(evs), why))
		}
		created := h.Created
		if created.IsZero() {
			created = evs[0].Recorded
		}
		r.Read++
		if err := fn(ExportCase{ID: id, Created: created, Events: evs}); err != nil {
			return r, err
		}
	}
	return r, nil
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
