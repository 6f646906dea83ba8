package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"sync"
)

// Codec turns a value's plain bytes into what is written to the file and
// back. Every value passes through it, so encryption at rest can be added
// here without touching any caller.
type Codec interface {
	Seal(plain []byte) ([]byte, error)
	Open(sealed []byte) ([]byte, error)
}

// formatPlain marks a value stored as plain JSON; formatChecked as plain
// JSON behind a CRC-32C checksum, so that a changed bit anywhere in the
// value is found. A sealing codec would use its own mark, so they can be
// told apart during a migration.
const (
	formatPlain   byte = 1
	formatChecked byte = 3
)

// castagnoli is made on first use: making it costs more than starting a
// command that reads no value.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// PlainCodec stores JSON as it is, behind a one-byte format mark and a
// checksum.
type PlainCodec struct{}

// Seal prefixes the format mark and the checksum.
func (PlainCodec) Seal(plain []byte) ([]byte, error) {
	out := make([]byte, 0, len(plain)+5)
	out = append(out, formatChecked)
	out = binary.BigEndian.AppendUint32(out, crc32.Checksum(plain, castagnoli()))
	return append(out, plain...), nil
}

// errChecksum is a value whose bytes changed after it was written.
var errChecksum = errors.New("værdiens kontrolsum passer ikke; den er beskadiget")

// Open checks and strips the format mark and checksum. Values written
// before checksums were added (formatPlain) are read as they are.
func (PlainCodec) Open(sealed []byte) ([]byte, error) {
	switch {
	case len(sealed) == 0:
		return nil, errors.New("ukendt værdiformat")
	case sealed[0] == formatPlain:
		return sealed[1:], nil
	case sealed[0] == formatChecked && len(sealed) >= 5:
		plain := sealed[5:]
		if crc32.Checksum(plain, castagnoli()) != binary.BigEndian.Uint32(sealed[1:]) {
			return nil, errChecksum
		}
		return plain, nil
	}
	return nil, errors.New("ukendt værdiformat")
}

func (s *Store) encode(v any) ([]byte, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return s.codec.Seal(plain)
}

func (s *Store) decode(data []byte, v any) error {
	plain, err := s.codec.Open(data)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return fmt.Errorf("en værdi i databasen kan ikke læses: %w", err)
	}
	return nil
}
