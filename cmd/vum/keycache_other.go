//go:build !linux

package main

// sessionCache is nil where there is no kernel session keyring: the OS
// key store keeps the key instead.
func sessionCache() keyCache { return nil }
