package crypt

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// testCost keeps the tests fast; DefaultCost is exercised once below.
var testCost = Cost{Time: 1, MemKiB: 64, Threads: 1}

func TestNewUnlockRecover(t *testing.T) {
	key, h, recovery, err := New([]byte("hemmelig frase"), testCost)
	if err != nil {
		t.Fatal(err)
	}
	got, err := h.Unlock([]byte("hemmelig frase"))
	if err != nil || !bytes.Equal(got, key) {
		t.Fatalf("unlock: %v", err)
	}
	if _, err := h.Unlock([]byte("forkert")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if len(recovery) != 8*7+7 || strings.Count(recovery, "-") != 7 {
		t.Errorf("recovery key shape: %q", recovery)
	}
	sloppy := strings.ToLower(strings.ReplaceAll(recovery, "-", " "))
	if got, err := h.Recover(sloppy); err != nil || !bytes.Equal(got, key) {
		t.Errorf("recover: %v", err)
	}
	other := FormatRecovery(bytes.Repeat([]byte{7}, KeySize))
	if _, err := h.Recover(other); !errors.Is(err, ErrWrongRecovery) {
		t.Errorf("another recovery key: %v", err)
	}
	if _, err := h.Recover("ABC-DEF"); !errors.Is(err, ErrBadRecoveryKey) {
		t.Errorf("malformed recovery key: %v", err)
	}
	h2, err := h.Rewrap(key, []byte("ny frase"), testCost)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h2.Unlock([]byte("hemmelig frase")); err == nil {
		t.Error("the old passphrase still opens after a change")
	}
	if got, err := h2.Unlock([]byte("ny frase")); err != nil || !bytes.Equal(got, key) {
		t.Errorf("new passphrase: %v", err)
	}
	if got, err := h2.Recover(recovery); err != nil || !bytes.Equal(got, key) {
		t.Errorf("the recovery key must survive a passphrase change: %v", err)
	}
	parsed, err := ParseHeader(h2.Marshal())
	if err != nil || parsed.KeyID != h.KeyID || !parsed.Matches(key) {
		t.Errorf("header round trip: %v", err)
	}
	if _, _, _, err := New(nil, testCost); err == nil {
		t.Error("an empty passphrase was accepted")
	}
}

func TestCodecSealsAndDetectsTampering(t *testing.T) {
	key, _, _, _ := New([]byte("x"), testCost)
	c, _ := NewCodec(key)
	plain := []byte(`{"name":"Mette Hansen","cpr":"150391-1234"}`)
	a, _ := c.Seal(plain)
	b, _ := c.Seal(plain)
	if bytes.Equal(a, b) {
		t.Error("two seals of the same value are equal: the nonce is not random")
	}
	if bytes.Contains(a, []byte("Mette")) || bytes.Contains(a, []byte("150391")) {
		t.Error("sealed value shows the plain text")
	}
	if got, err := c.Open(a); err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %v", err)
	}
	a[len(a)-1] ^= 1
	if _, err := c.Open(a); !errors.Is(err, ErrDamaged) {
		t.Errorf("tampered value: %v", err)
	}
	other, _, _, _ := New([]byte("y"), testCost)
	c2, _ := NewCodec(other)
	if _, err := c2.Open(b); !errors.Is(err, ErrDamaged) {
		t.Errorf("another key opened the value: %v", err)
	}
	if _, err := c.Open(append([]byte{1}, plain...)); !errors.Is(err, ErrDamaged) {
		t.Errorf("a plain value was accepted: %v", err)
	}
}

// The production cost, once.
func TestDefaultCost(t *testing.T) {
	key, h, _, err := New([]byte("frase"), DefaultCost)
	if err != nil {
		t.Fatal(err)
	}
	if h.KDF.MemKiB != 64*1024 || h.KDF.Time != 3 {
		t.Errorf("kdf = %+v", h.KDF)
	}
	if got, err := h.Unlock([]byte("frase")); err != nil || !bytes.Equal(got, key) {
		t.Errorf("unlock at the default cost: %v", err)
	}
}

// BenchmarkCodec measures sealing and opening one value of the size of a
// stored case (about 1.5 KB) and of a summary (about 200 bytes).
func BenchmarkCodec(b *testing.B) {
	key, _, _, _ := New([]byte("x"), testCost)
	c, _ := NewCodec(key)
	for _, size := range []int{200, 1500} {
		plain := bytes.Repeat([]byte("a"), size)
		sealed, _ := c.Seal(plain)
		b.Run(fmt.Sprintf("seal-%dB", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				c.Seal(plain)
			}
		})
		b.Run(fmt.Sprintf("open-%dB", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := c.Open(sealed); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnlock is the key derivation a session pays once.
func BenchmarkUnlock(b *testing.B) {
	_, h, _, _ := New([]byte("frase"), DefaultCost)
	for b.Loop() {
		h.Unlock([]byte("frase"))
	}
}
