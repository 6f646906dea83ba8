package store

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Codec turns a value's plain bytes into what is written to the file and
// back. Every value passes through it, so encryption at rest can be added
// here without touching any caller.
type Codec interface {
	Seal(plain []byte) ([]byte, error)
	Open(sealed []byte) ([]byte, error)
}

// formatPlain marks a value stored as plain JSON. A sealing codec would use
// its own mark, so the two can be told apart during a migration.
const formatPlain byte = 1

// PlainCodec stores JSON as it is, behind a one-byte format mark.
type PlainCodec struct{}

// Seal prefixes the format mark.
func (PlainCodec) Seal(plain []byte) ([]byte, error) {
	out := make([]byte, 0, len(plain)+1)
	out = append(out, formatPlain)
	return append(out, plain...), nil
}

// Open checks and strips the format mark.
func (PlainCodec) Open(sealed []byte) ([]byte, error) {
	if len(sealed) == 0 || sealed[0] != formatPlain {
		return nil, errors.New("ukendt værdiformat")
	}
	return sealed[1:], nil
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
