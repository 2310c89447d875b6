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
	folder := flock.New(filepath.Join(dir, ".sanctionscan.lock"))
	var ok bool
	if count <= 1 {
		ok, err = folder.TryLock()
	} else {
		ok, err = folder.TryRLock()
	}
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fmt.Errorf("%w: %s (%s is locked)", ErrBusy, dir, folder.Path())
	}
	if count <= 1 {
		return folder.Unlock, nil
	}
	shard := flock.New(filepath.Join(dir, fmt.Sprintf(".sanctionscan-%05d.lock", index)))
	if ok, err = shard.TryLock(); err != nil || !ok {
		folder.Unlock()
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: shard %d of %s (%s is locked)", ErrBusy, index, dir, shard.Path())
	}
	return func() error { return errors.Join(shard.Unlock(), folder.Unlock()) }, nil
}
