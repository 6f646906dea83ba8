package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/vumdk/vum/store/crypt"
	"github.com/vumdk/vum/store/safefile"
)

// Keys unlocks encrypted stores. The command line implements it with the
// OS key store, a session cache and the caseworker's passphrase; tests
// give a passphrase directly.
type Keys interface {
	// DataKey returns the data key of the store with header h, or an
	// error that says in Danish how to unlock it.
	DataKey(h crypt.Header) ([]byte, error)
	// NewKey makes the data key and header of a new store. ok is false to
	// make a plain store.
	NewKey() (key []byte, h crypt.Header, ok bool, err error)
}

// metaEncryption holds the encryption header in clear (it carries no
// personal data); a store without it is plain.
var metaEncryption = []byte("encryption")

// ErrLocked is the kind of OpenError for an encrypted store opened
// without its key.
var ErrLocked = errors.New("låst")

// Encrypted reports whether the store's values are sealed.
func (s *Store) Encrypted() bool { return s.header != nil }

// Header returns the encryption header, nil for a plain store.
func (s *Store) Header() *crypt.Header { return s.header }

// readHeader returns the file's encryption header, nil when plain.
func (s *Store) readHeader() (*crypt.Header, error) {
	var h *crypt.Header
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		raw := meta.Get(metaEncryption)
		if raw == nil {
			return nil
		}
		parsed, err := crypt.ParseHeader(raw)
		if err != nil {
			return damaged(s.path, err.Error())
		}
		h = &parsed
		return nil
	})
	return h, err
}

// ReadHeader returns the encryption header of the store at path, nil for
// a plain store, without unlocking it.
func ReadHeader(path string, opt Options) (*crypt.Header, error) {
	opt = opt.withDefaults()
	opt.ReadOnly = true
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w (%s)", ErrNoStore, path)
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	s, err := boltOpen(path, opt)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if _, err := s.schema(); err != nil {
		return nil, err
	}
	return s.readHeader()
}

// unlock sets the store's codec from its header and the caller's keys.
func (s *Store) unlock(keys Keys) error {
	h, err := s.readHeader()
	if err != nil || h == nil {
		return err
	}
	if keys == nil {
		return lockedError(s.path, nil)
	}
	key, err := keys.DataKey(*h)
	if err != nil {
		return lockedError(s.path, err)
	}
	if !h.Matches(key) {
		return lockedError(s.path, errors.New("nøglen hører ikke til denne database"))
	}
	codec, err := crypt.NewCodec(key)
	if err != nil {
		return err
	}
	s.codec, s.header = codec, h
	return nil
}

func lockedError(path string, cause error) error {
	reason := "den er krypteret og låst"
	if cause != nil {
		reason += " (" + cause.Error() + ")"
	}
	return openError(path, ErrLocked, reason,
		"Lås den op med »vum unlock« (adgangsfrasen spørges én gang og huskes, til du logger ud eller skriver »vum lock«), "+
			"eller sæt VUM_PASSPHRASE eller VUM_PASSPHRASE_FILE i scripts. Filen er ikke ændret", cause)
}

// cprKey returns the key of the citizen index. In an encrypted store it
// is kept sealed, so the index cannot be searched without the data key.
func (s *Store) cprKey(tx *bolt.Tx) []byte {
	raw := tx.Bucket(bucketMeta).Get(metaCPRKey)
	if s.header == nil {
		return raw
	}
	key, err := s.codec.Open(raw)
	if err != nil {
		return nil
	}
	return key
}

// sealMeta returns how a meta value is stored: the citizen index key is
// sealed in an encrypted store, everything else is kept as it is.
func (s *Store) sealMetaValue(k, v []byte) ([]byte, error) {
	if s.header == nil || !bytes.Equal(k, metaCPRKey) {
		return v, nil
	}
	return s.codec.Seal(v)
}

// EncryptFile encrypts the plain store at path in place: every value is
// sealed into a new file beside it, which is checked and then renamed
// over the old one, so the file is either all plain or all sealed and
// nothing is lost. Old plain pages are not left behind in the file. It
// returns the recovery key to show the user once.
func EncryptFile(path string, opt Options, passphrase []byte, cost crypt.Cost) (recovery string, err error) {
	opt = opt.withDefaults()
	opt.ReadOnly = false
	opt.Keys = nil
	src, err := Open(path, opt)
	if err != nil {
		if errors.Is(err, ErrLocked) {
			return "", fmt.Errorf("databasen %s er allerede krypteret", path)
		}
		return "", err
	}
	defer src.Close()
	if src.header != nil {
		return "", fmt.Errorf("databasen %s er allerede krypteret", path)
	}
	// The journal's entries are sealed with the old codec: into the log
	// with them first, so they are sealed again with the rest.
	if err := src.FlushAccess(); err != nil {
		return "", err
	}
	key, h, recovery, err := crypt.New(passphrase, cost)
	if err != nil {
		return "", err
	}
	codec, err := crypt.NewCodec(key)
	if err != nil {
		return "", err
	}
	// Named like every temporary file, so one left by a kill is removed
	// by the next write in the folder (bbolt holds it locked meanwhile).
	tmpFile, err := os.CreateTemp(filepath.Dir(path), safefile.TempPattern(filepath.Base(path)))
	if err != nil {
		return "", fmt.Errorf("kan ikke skrive i mappen %s: %w", filepath.Dir(path), err)
	}
	tmp := tmpFile.Name()
	tmpFile.Close()
	defer os.Remove(tmp) // a no-op after the rename
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: opt.Timeout, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return "", err
	}
	dst := &Store{db: db, path: tmp, codec: codec, header: &h, user: src.user, now: src.now, entropy: src.entropy}
	copyErr := src.sealInto(dst)
	if copyErr == nil {
		copyErr = dst.update(func(tx *bolt.Tx) error {
			return dst.audit(tx, "database krypteret", "", "alle værdier forseglet (XChaCha20-Poly1305); nøglen beskyttet af adgangsfrase (Argon2id) og gendannelsesnøgle")
		})
	}
	if copyErr == nil {
		_, copyErr = dst.Check()
	}
	if err := db.Close(); err != nil && copyErr == nil {
		copyErr = err
	}
	if copyErr != nil {
		return "", fmt.Errorf("databasen kunne ikke krypteres, og filen er uændret: %w", copyErr)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("databasen kunne ikke krypteres, og filen er uændret: %w", err)
	}
	safefile.SyncDir(filepath.Dir(path))
	return recovery, nil
}

// sealInto copies every bucket of s into dst, sealing each value with
// dst's codec. The values of s must all be plain. It commits every few
// thousand values, so memory stays flat; dst is a new file that only
// takes the old one's place when all is copied.
func (s *Store) sealInto(dst *Store) error {
	const perTx = 5000
	return s.view(func(src *bolt.Tx) error {
		tx, err := dst.db.Begin(true)
		if err != nil {
			return err
		}
		defer func() { tx.Rollback() }()
		n := 0
		var walk func(path [][]byte, from *bolt.Bucket) error
		walk = func(path [][]byte, from *bolt.Bucket) error {
			return from.ForEach(func(k, v []byte) error {
				if v == nil && from.Bucket(k) != nil {
					return walk(append(path, k), from.Bucket(k))
				}
				to, err := bucketAt(tx, path)
				if err != nil {
					return err
				}
				out := v
				switch {
				case bytes.Equal(path[0], bucketMeta):
					if out, err = dst.sealMetaValue(k, v); err != nil {
						return err
					}
				case indexBuckets[string(path[0])]:
					// an index value is its key's checksum, not sealed
				case len(v) > 0:
					plain, err := PlainCodec{}.Open(v)
					if err != nil {
						return fmt.Errorf("%s/%s: værdien er ikke i klartekst: %w", bytes.Join(path, []byte("/")), k, err)
					}
					if out, err = dst.codec.Seal(plain); err != nil {
						return err
					}
				}
				if err := to.Put(bytes.Clone(k), out); err != nil {
					return err
				}
				if n++; n%perTx == 0 {
					if err := tx.Commit(); err != nil {
						return err
					}
					if tx, err = dst.db.Begin(true); err != nil {
						return err
					}
				}
				return nil
			})
		}
		err = src.ForEach(func(name []byte, b *bolt.Bucket) error {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
			return walk([][]byte{name}, b)
		})
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(metaEncryption, dst.header.Marshal()); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// bucketAt returns the (nested) bucket at path in tx, making it if need be.
func bucketAt(tx *bolt.Tx, path [][]byte) (*bolt.Bucket, error) {
	b, err := tx.CreateBucketIfNotExists(path[0])
	for _, name := range path[1:] {
		if err != nil {
			return nil, err
		}
		b, err = b.CreateBucketIfNotExists(name)
	}
	return b, err
}

// ChangePassphrase seals the data key under a new passphrase, e.g. after
// unlocking with the recovery key. The recovery key stays the same.
func (s *Store) ChangePassphrase(passphrase []byte, cost crypt.Cost, dataKey []byte) error {
	if s.header == nil {
		return errors.New("databasen er ikke krypteret; kryptér den med »vum encrypt«")
	}
	h, err := s.header.Rewrap(dataKey, passphrase, cost)
	if err != nil {
		return err
	}
	err = s.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put(metaEncryption, h.Marshal()); err != nil {
			return err
		}
		return s.audit(tx, "adgangsfrase skiftet", "", "")
	})
	if err == nil {
		s.header = &h
	}
	return err
}

// Secret returns the secret kept under name in the store's settings,
// making it with make on first use. It is sealed like every value, so in
// an encrypted store it is unreadable without the data key. Exports use
// it for the store's own export key.
func (s *Store) Secret(name string, make func() (string, error)) (string, error) {
	key := []byte("secret:" + name)
	var secret string
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if b == nil {
			return nil
		}
		if raw := b.Get(key); raw != nil {
			return s.decode(raw, &secret)
		}
		return nil
	})
	if err != nil || secret != "" {
		return secret, err
	}
	if secret, err = make(); err != nil {
		return "", err
	}
	err = s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSettings)
		if err != nil {
			return err
		}
		if raw := b.Get(key); raw != nil {
			return s.decode(raw, &secret) // made meanwhile by another process
		}
		value, err := s.encode(secret)
		if err != nil {
			return err
		}
		if err := b.Put(key, value); err != nil {
			return err
		}
		return s.audit(tx, "nøgle oprettet", "", "nøgle til "+name)
	})
	return secret, err
}
