package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// atomicFile is a file written under a hidden temporary name in its final
// directory (".<name>.tmp", so readers globbing "*.parquet" never see it) and
// renamed into place by commit once complete.
type atomicFile struct {
	*os.File
	final string
}

// tempPath returns the hidden temporary name used while final is written.
func tempPath(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".tmp")
}

// createAtomic creates the directory of final and the temporary file for it,
// truncating a stale one left by an interrupted run.
func createAtomic(final string) (*atomicFile, error) {
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	f, err := os.Create(tempPath(final))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &atomicFile{File: f, final: final}, nil
}

// finish flushes the temporary file to disk and closes it.
func (a *atomicFile) finish() error {
	if err := a.Sync(); err != nil {
		a.Close()
		return fmt.Errorf("output: sync %s: %w", a.Name(), err)
	}
	if err := a.Close(); err != nil {
		return fmt.Errorf("output: close %s: %w", a.Name(), err)
	}
	return nil
}

// commit renames the finished temporary file to its final name and syncs the
// directory so the rename survives a crash.
func (a *atomicFile) commit() error {
	if err := os.Rename(a.Name(), a.final); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return syncDir(filepath.Dir(a.final))
}

// discard closes and removes the temporary file.
func (a *atomicFile) discard() error {
	a.Close() // may already be closed by finish
	if err := os.Remove(a.Name()); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("output: sync %s: %w", dir, err)
	}
	return nil
}

// partName is the file name of part seq of shard: part-<shard:05d>-<seq:05d><ext>.
func partName(shard, seq int, ext string) string {
	return fmt.Sprintf("part-%05d-%05d%s", shard, seq, ext)
}

// partSeqs returns the seq numbers of the complete parts of shard in dir
// (files named by partName with extension ext); a missing dir has none.
func partSeqs(dir string, shard int, ext string) ([]int, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	prefix := fmt.Sprintf("part-%05d-", shard)
	var seqs []int
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ext) {
			continue
		}
		seq, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, prefix), ext))
		if err != nil || seq < 0 {
			continue
		}
		seqs = append(seqs, seq)
	}
	return seqs, nil
}

// removeStaleTemps removes temporary files of shard left in dir by an
// interrupted run.
func removeStaleTemps(dir string, shard int) error {
	stale, err := filepath.Glob(filepath.Join(dir, fmt.Sprintf(".part-%05d-*.tmp", shard)))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	return nil
}
