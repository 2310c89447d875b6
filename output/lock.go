package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// ErrBusy is returned by LockOutput when another run holds the folder's or
// the shard's lock.
var ErrBusy = errors.New("output: another run is writing this output")

// LockOutput takes the locks that keep two runs from writing the same files
// of dir (an advisory flock(2), released when the process ends, even by
// SIGKILL): an unsharded run (count ≤ 1), which owns the whole folder
// (ClearShard), holds dir/.sanctionscan.lock exclusively; shard index of
// count holds it shared and its own dir/.sanctionscan-<index>.lock
// exclusively, so shards run side by side. It creates dir. The error wraps
// ErrBusy when another run holds a lock; unlock releases them (the lock files
// stay, hidden).
func LockOutput(dir string, index, count int) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var held []*flock.Flock
	release := func() error {
		var errs []error
		for i := len(held) - 1; i >= 0; i-- {
			errs = append(errs, held[i].Unlock())
		}
		return errors.Join(errs...)
	}
	for _, l := range locks(dir, index, count) {
		f := flock.New(l.path)
		ok, err := l.take(f)
		if err != nil || !ok {
			release()
			if err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %s (%s is locked)", ErrBusy, dir, l.path)
		}
		held = append(held, f)
	}
	return release, nil
}

// ProbeOutput reports (wrapping ErrBusy) whether another run holds dir's
// locks as LockOutput would find them, without creating dir or a lock file:
// a run can say so before it spends time loading its lists.
func ProbeOutput(dir string, index, count int) error {
	for _, l := range locks(dir, index, count) {
		if _, err := os.Stat(l.path); err != nil {
			continue // no run has taken this lock
		}
		f := flock.New(l.path)
		ok, err := l.take(f)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: %s (%s is locked)", ErrBusy, dir, l.path)
		}
		f.Unlock()
	}
	return nil
}

// outputLock is one lock file of a run and how the run takes it.
type outputLock struct {
	path string
	take func(*flock.Flock) (bool, error)
}

// locks returns the locks a run of shard index of count takes, in order
// (LockOutput).
func locks(dir string, index, count int) []outputLock {
	folder := filepath.Join(dir, ".sanctionscan.lock")
	if count <= 1 {
		return []outputLock{{folder, (*flock.Flock).TryLock}}
	}
	return []outputLock{{folder, (*flock.Flock).TryRLock}, {filepath.Join(dir, fmt.Sprintf(".sanctionscan-%05d.lock", index)), (*flock.Flock).TryLock}}
}
