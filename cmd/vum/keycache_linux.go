package main

import (
	"time"

	"golang.org/x/sys/unix"
)

// sessionKeyring keeps an unlocked data key in the kernel's session
// keyring: readable by the processes of this login session only, never
// written to disk, and dropped by the kernel when the timeout runs out or
// the session ends.
type sessionKeyring struct{}

func (sessionKeyring) name() string { return "sessionens nøglering (Linux-kernen)" }

// ring returns the serial of the session keyring. Looking it up without
// creating one gives the user's session keyring to a process that has no
// session of its own, the same for every thread; keys are then always
// added to that one ring (add_key on the special id would make a new
// session keyring for the calling thread only).
func ring() (int, error) {
	return unix.KeyctlGetKeyringID(unix.KEY_SPEC_SESSION_KEYRING, false)
}

func (sessionKeyring) get(id string) ([]byte, bool) {
	r, err := ring()
	if err != nil {
		return nil, false
	}
	key, err := unix.KeyctlSearch(r, "user", "vum:"+id, 0)
	if err != nil {
		return nil, false
	}
	buf := make([]byte, 64)
	n, err := unix.KeyctlBuffer(unix.KEYCTL_READ, key, buf, 0)
	if err != nil || n > len(buf) {
		return nil, false
	}
	return buf[:n], true
}

func (sessionKeyring) put(id string, secret []byte, ttl time.Duration) error {
	r, err := ring()
	if err != nil {
		return err
	}
	key, err := unix.AddKey("user", "vum:"+id, secret, r)
	if err != nil {
		return err
	}
	_, err = unix.KeyctlInt(unix.KEYCTL_SET_TIMEOUT, key, int(ttl.Seconds()), 0, 0)
	return err
}

func (sessionKeyring) forget(id string) bool {
	r, err := ring()
	if err != nil {
		return false
	}
	key, err := unix.KeyctlSearch(r, "user", "vum:"+id, 0)
	if err != nil {
		return false
	}
	// Unlink first, so a key added again under the same name is new, then
	// invalidate it, so no other keyring that links it keeps it.
	_, err = unix.KeyctlInt(unix.KEYCTL_UNLINK, key, r, 0, 0)
	unix.KeyctlInt(unix.KEYCTL_INVALIDATE, key, 0, 0, 0)
	return err == nil
}

// sessionCache returns the kernel's session keyring.
func sessionCache() keyCache { return sessionKeyring{} }
