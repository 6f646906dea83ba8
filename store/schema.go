package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Bucket names.
var (
	bucketMeta        = []byte("meta")
	bucketCases       = []byte("cases")
	bucketSummaries   = []byte("summaries")
	bucketDue         = []byte("due")
	bucketCitizens    = []byte("citizens")
	bucketEvents      = []byte("events")
	bucketDrafts      = []byte("drafts")
	bucketAudit       = []byte("audit")
	bucketAuditByCase = []byte("audit_by_case")

	allBuckets = [][]byte{bucketMeta, bucketCases, bucketSummaries, bucketDue, bucketCitizens,
		bucketEvents, bucketDrafts, bucketAudit, bucketAuditByCase}
)

// Keys in the meta bucket.
var (
	metaMagic   = []byte("magic")
	metaSchema  = []byte("schema")
	metaCreated = []byte("created")
	metaCPRKey  = []byte("cpr_key")
	magicValue  = []byte("vum-store")
)

// currentSchema is the layout this code reads and writes. It is a var so
// that tests can exercise the migration path.
var currentSchema = 2

// migration upgrades a store from schema From to From+1 inside one write
// transaction: it either completes or leaves the file as it was.
type migration struct {
	From     int
	Describe string
	Run      func(s *Store, tx *bolt.Tx) error
}

// migrations lists every upgrade, oldest first.
var migrations = []migration{migrateTo2}

func (s *Store) initialize() error {
	return s.update(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if !bytes.Equal(meta.Get(metaMagic), magicValue) {
				return openError(s.path, ErrNotVum, "filen er ikke en vum-database", "", nil)
			}
			return nil // another process created it a moment ago
		}
		if err := tx.ForEach(func([]byte, *bolt.Bucket) error { return errNotEmpty }); err != nil {
			return openError(s.path, ErrNotVum, "filen er en anden programs bbolt-database", "Filen er ikke ændret", nil)
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		created, _ := s.now().UTC().MarshalText()
		sealedKey, err := s.sealMetaValue(metaCPRKey, key)
		if err != nil {
			return err
		}
		values := map[string][]byte{
			string(metaMagic): magicValue, string(metaSchema): schemaBytes(currentSchema),
			string(metaCreated): created, string(metaCPRKey): sealedKey,
		}
		if s.header != nil {
			values[string(metaEncryption)] = s.header.Marshal()
		}
		for k, v := range values {
			if err := meta.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return s.audit(tx, "database oprettet", "", fmt.Sprintf("skemaversion %d", currentSchema))
	})
}

var errNotEmpty = fmt.Errorf("not empty")

// errUnfinished is a bbolt file without a single bucket: a creation that
// never finished.
var errUnfinished = openErrorKind(ErrEmpty, "filen er en tom database, hvis oprettelse aldrig blev gjort færdig")

func schemaBytes(v int) []byte {
	return binary.BigEndian.AppendUint32(nil, uint32(v))
}

// schema reads the schema version, refusing files without vum's marker.
func (s *Store) schema() (int, error) {
	version := 0
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil && tx.ForEach(func([]byte, *bolt.Bucket) error { return errNotEmpty }) == nil {
			return errUnfinished
		}
		if meta == nil || !bytes.Equal(meta.Get(metaMagic), magicValue) {
			return openError(s.path, ErrNotVum, "filen er en bbolt-database, men ikke vums", "Filen er ikke ændret", nil)
		}
		raw := meta.Get(metaSchema)
		if len(raw) != 4 {
			return damaged(s.path, "skemaversionen mangler")
		}
		version = int(binary.BigEndian.Uint32(raw))
		return nil
	})
	return version, err
}

// migrate applies every migration from version up, each in its own
// transaction with its audit entry.
func (s *Store) migrate(version int) error {
	for version < currentSchema {
		m, ok := findMigration(version)
		if !ok {
			return openError(s.path, ErrTooNew, fmt.Sprintf("der findes ingen opgradering fra skemaversion %d", version), "Filen er ikke ændret", nil)
		}
		err := s.update(func(tx *bolt.Tx) error {
			if err := m.Run(s, tx); err != nil {
				return err
			}
			if err := tx.Bucket(bucketMeta).Put(metaSchema, schemaBytes(version+1)); err != nil {
				return err
			}
			return s.audit(tx, "migrering", "", fmt.Sprintf("skemaversion %d til %d: %s", version, version+1, m.Describe))
		})
		if err != nil {
			return fmt.Errorf("opgradering af databasen mislykkedes, og filen er uændret: %w", err)
		}
		version++
	}
	return nil
}

func findMigration(from int) (migration, bool) {
	for _, m := range migrations {
		if m.From == from {
			return m, true
		}
	}
	return migration{}, false
}
