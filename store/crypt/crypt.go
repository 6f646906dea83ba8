// Package crypt seals vum's data at rest. Every value in the store is
// sealed with XChaCha20-Poly1305 under a random 32-byte data key. The data
// key itself is kept in the store only wrapped: once under a key derived
// from the caseworker's passphrase with Argon2id, and once under a
// recovery key shown when the store is made. The package knows nothing of
// the store's backend: it works on bytes.
package crypt

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the size of the data key and of the recovery key.
const KeySize = chacha20poly1305.KeySize

// KDF holds the Argon2id parameters a passphrase was stretched with.
type KDF struct {
	Salt    []byte `json:"salt"`
	Time    uint32 `json:"time"`
	MemKiB  uint32 `json:"mem_kib"`
	Threads uint8  `json:"threads"`
}

// Cost is an Argon2id cost.
type Cost struct {
	Time    uint32
	MemKiB  uint32
	Threads uint8
}

// DefaultCost follows RFC 9106's second recommendation (64 MiB, 3 passes):
// about a quarter to half a second on a caseworker's laptop, paid once a
// session because the unlocked key is cached.
var DefaultCost = Cost{Time: 3, MemKiB: 64 * 1024, Threads: 4}

// Header is what an encrypted store keeps in clear: the parameters and the
// wrapped data key. It carries no personal data.
type Header struct {
	Version int `json:"version"`
	// KeyID names the data key (a keyed hash of it), so a cached key is
	// found for the right store and a wrong one is never used.
	KeyID string `json:"key_id"`
	KDF   KDF    `json:"kdf"`
	// ByPassphrase and ByRecovery are the data key sealed under the
	// passphrase's derived key and under the recovery key.
	ByPassphrase []byte `json:"by_passphrase"`
	ByRecovery   []byte `json:"by_recovery"`
}

// Errors the caller turns into Danish advice.
var (
	ErrWrongPassphrase = errors.New("forkert adgangsfrase")
	ErrWrongRecovery   = errors.New("forkert gendannelsesnøgle")
	ErrBadRecoveryKey  = errors.New("gendannelsesnøglen har ikke den rigtige form (8 grupper à 7 tegn, adskilt af bindestreger)")
	ErrDamaged         = errors.New("en krypteret værdi er beskadiget eller hører til en anden database")
)

// New makes a new data key and its header for passphrase, with the cost
// given. It returns the data key, the header and the recovery key in the
// form to show the user.
func New(passphrase []byte, cost Cost) (dataKey []byte, h Header, recovery string, err error) {
	if len(passphrase) == 0 {
		return nil, h, "", errors.New("adgangsfrasen er tom")
	}
	dataKey = random(KeySize)
	recoveryKey := random(KeySize)
	h = Header{Version: 1, KeyID: KeyID(dataKey),
		KDF: KDF{Salt: random(16), Time: cost.Time, MemKiB: cost.MemKiB, Threads: cost.Threads}}
	if h.ByPassphrase, err = wrap(h.KDF.derive(passphrase), dataKey, "passphrase"); err != nil {
		return nil, h, "", err
	}
	if h.ByRecovery, err = wrap(recoveryKey, dataKey, "recovery"); err != nil {
		return nil, h, "", err
	}
	return dataKey, h, FormatRecovery(recoveryKey), nil
}

// Unlock derives the passphrase's key and unwraps the data key. A wrong
// passphrase gives ErrWrongPassphrase.
func (h Header) Unlock(passphrase []byte) ([]byte, error) {
	key, err := unwrap(h.KDF.derive(passphrase), h.ByPassphrase, "passphrase")
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return key, h.check(key)
}

// Recover unwraps the data key with the recovery key as the user typed it.
func (h Header) Recover(recovery string) ([]byte, error) {
	rk, err := ParseRecovery(recovery)
	if err != nil {
		return nil, err
	}
	key, err := unwrap(rk, h.ByRecovery, "recovery")
	if err != nil {
		return nil, ErrWrongRecovery
	}
	return key, h.check(key)
}

// Rewrap seals the data key under a new passphrase (with a new salt),
// keeping the recovery key.
func (h Header) Rewrap(dataKey, passphrase []byte, cost Cost) (Header, error) {
	if err := h.check(dataKey); err != nil {
		return h, err
	}
	if len(passphrase) == 0 {
		return h, errors.New("adgangsfrasen er tom")
	}
	h.KDF = KDF{Salt: random(16), Time: cost.Time, MemKiB: cost.MemKiB, Threads: cost.Threads}
	var err error
	h.ByPassphrase, err = wrap(h.KDF.derive(passphrase), dataKey, "passphrase")
	return h, err
}

// Matches reports whether key is this header's data key.
func (h Header) Matches(key []byte) bool { return h.check(key) == nil }

func (h Header) check(key []byte) error {
	if len(key) != KeySize || !hmac.Equal([]byte(KeyID(key)), []byte(h.KeyID)) {
		return errors.New("nøglen hører ikke til denne database")
	}
	return nil
}

// Marshal and ParseHeader move a header in and out of the store.
func (h Header) Marshal() []byte {
	b, _ := json.Marshal(h)
	return b
}

// ParseHeader reads a header written by Marshal.
func ParseHeader(b []byte) (Header, error) {
	var h Header
	if err := json.Unmarshal(b, &h); err != nil || h.Version != 1 || h.KeyID == "" {
		return h, errors.New("krypteringsoplysningerne i databasen kan ikke læses")
	}
	return h, nil
}

// KeyID names a data key without revealing it.
func KeyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("vum key id"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// SubKey derives a key for another purpose (e.g. the citizen index) from
// the data key.
func SubKey(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("vum subkey " + purpose))
	return m.Sum(nil)
}

func (k KDF) derive(passphrase []byte) []byte {
	return argon2.IDKey(passphrase, k.Salt, k.Time, k.MemKiB, k.Threads, KeySize)
}

func wrap(kek, key []byte, label string) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	nonce := random(aead.NonceSize())
	return aead.Seal(nonce, nonce, key, []byte("vum wrap "+label)), nil
}

func unwrap(kek, sealed []byte, label string) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, err
	}
	if len(sealed) < aead.NonceSize() {
		return nil, ErrDamaged
	}
	return aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], []byte("vum wrap "+label))
}

func random(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return b
}

// recoveryEncoding is base32 without padding: letters and digits only,
// no look-alike lower case.
var recoveryEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// FormatRecovery writes a recovery key as 8 groups of 7 characters.
func FormatRecovery(key []byte) string {
	s := recoveryEncoding.EncodeToString(key) // 52 characters
	s += strings.Repeat("A", 56-len(s))
	var groups []string
	for i := 0; i < len(s); i += 7 {
		groups = append(groups, s[i:i+7])
	}
	return strings.Join(groups, "-")
}

// ParseRecovery reads a recovery key, forgiving case and spaces.
func ParseRecovery(s string) ([]byte, error) {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "", "\n", "", "\t", "").Replace(s))
	if len(s) != 56 {
		return nil, ErrBadRecoveryKey
	}
	key, err := recoveryEncoding.DecodeString(s[:52])
	if err != nil || len(key) != KeySize || s[52:] != "AAAA" {
		return nil, ErrBadRecoveryKey
	}
	return key, nil
}

// Codec seals and opens values under a data key.
type Codec struct {
	aead interface {
		NonceSize() int
		Overhead() int
		Seal(dst, nonce, plaintext, additionalData []byte) []byte
		Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
	}
}

// FormatSealed marks a value sealed by Codec; plain values carry 1.
const FormatSealed byte = 2

// NewCodec returns a codec for dataKey. It is safe for concurrent use.
func NewCodec(dataKey []byte) (*Codec, error) {
	aead, err := chacha20poly1305.NewX(dataKey)
	if err != nil {
		return nil, err
	}
	return &Codec{aead: aead}, nil
}

// Seal writes the mark, a random nonce and the sealed value.
func (c *Codec) Seal(plain []byte) ([]byte, error) {
	n := c.aead.NonceSize()
	out := make([]byte, 1+n, 1+n+len(plain)+c.aead.Overhead())
	out[0] = FormatSealed
	if _, err := rand.Read(out[1 : 1+n]); err != nil {
		return nil, err
	}
	return c.aead.Seal(out, out[1:1+n], plain, nil), nil
}

// Open checks the mark and opens the value; a changed or foreign value
// gives ErrDamaged.
func (c *Codec) Open(sealed []byte) ([]byte, error) {
	n := c.aead.NonceSize()
	if len(sealed) < 1+n || sealed[0] != FormatSealed {
		return nil, ErrDamaged
	}
	plain, err := c.aead.Open(nil, sealed[1:1+n], sealed[1+n:], nil)
	if err != nil {
		return nil, ErrDamaged
	}
	return plain, nil
}
