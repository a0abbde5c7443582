//go:build !unix

package datadir

import "errors"

// LockName is the lock file a serving ombud holds in its data directory.
const LockName = "ombud.lock"

// Lock is the exclusive lock on a data directory of the one ombud serving
// it.
type Lock struct{}

// Acquire fails: this system has no flock, so the embedded store cannot
// make sure it is served by one process only.
func Acquire(string) (*Lock, error) {
	return nil, errors.New("the embedded store needs a Unix system (Linux, macOS, a BSD); set MONGODB_URI to use MongoDB")
}

// Release does nothing.
func (l *Lock) Release() error { return nil }
