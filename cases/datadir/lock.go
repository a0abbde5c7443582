//go:build unix

package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockName is the lock file a serving ombud holds in its data directory.
const LockName = "ombud.lock"

// Lock is the exclusive lock on a data directory of the one ombud serving
// it. The lock file holds that process's ID.
type Lock struct{ f *os.File }

// Acquire takes the lock on dir, or fails naming the process that holds it.
// The operating system releases it when the process ends, however it ends.
func Acquire(dir string) (*Lock, error) {
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another ombud (process %s) is serving the data directory %s; stop it first, "+
				"or give this one another OMBUD_DATA_DIR", orUnknown(strings.TrimSpace(string(holder))), dir)
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return &Lock{f: f}, nil
}

// orUnknown returns pid, or "unknown" when the holder has not written it
// yet.
func orUnknown(pid string) string {
	if pid == "" {
		return "unknown"
	}
	return pid
}

// Release releases the lock.
func (l *Lock) Release() error {
	_ = l.f.Truncate(0)
	return l.f.Close()
}
