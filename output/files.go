package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// partFiles names the part files of one kind in dir:
// <prefix><shard:05d>-<seq:05d><ext>, e.g. part-00000-00003.parquet.
type partFiles struct {
	dir, prefix, ext string
	shard            int
}

// path returns the path of part seq.
func (p partFiles) path(seq int) string {
	return filepath.Join(p.dir, fmt.Sprintf("%s%05d-%05d%s", p.prefix, p.shard, seq, p.ext))
}

// seqs returns the seq numbers of the complete parts in dir; a missing dir
// has none.
func (p partFiles) seqs() ([]int, error) {
	entries, err := os.ReadDir(p.dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	prefix := fmt.Sprintf("%s%05d-", p.prefix, p.shard)
	var seqs []int
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, p.ext) {
			continue
		}
		seq, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, prefix), p.ext))
		if err != nil || seq < 0 {
			continue
		}
		seqs = append(seqs, seq)
	}
	return seqs, nil
}

// next returns the seq after the highest complete part (0 when none), so a
// resumed run never overwrites a complete part.
func (p partFiles) next() (int, error) {
	seqs, err := p.seqs()
	if err != nil || len(seqs) == 0 {
		return 0, err
	}
	return slices.Max(seqs) + 1, nil
}

// removeStaleTemps removes the temporary files an interrupted run left.
func (p partFiles) removeStaleTemps() error {
	stale, err := filepath.Glob(filepath.Join(p.dir, fmt.Sprintf(".%s%05d-*%s.tmp", p.prefix, p.shard, p.ext)))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, f := range stale {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	return nil
}

// shardFiles lists every kind of file the sinks write for shard under dir
// (the Parquet parts of the four tables, the JSON Lines files, the FtM
// entities).
func shardFiles(dir string, shard int) []partFiles {
	var kinds []partFiles
	for _, t := range []string{TableDocuments, TableMentions, TableMatches, TableDesignations} {
		kinds = append(kinds,
			partFiles{dir: filepath.Join(dir, t), prefix: "part-", ext: ".parquet", shard: shard},
			partFiles{dir: dir, prefix: t + "-", ext: ".jsonl", shard: shard})
	}
	return append(kinds, partFiles{dir: dir, prefix: "entities-", ext: ".ftm.json", shard: shard})
}

// ClearShard removes every file the sinks wrote for shard under dir —
// complete parts and temporary files of the Parquet, JSON Lines and FtM
// sinks — so a run without --resume replaces its shard's output instead of
// adding to it. Other shards' files, the manifest and the report are left.
func ClearShard(dir string, shard int) error {
	for _, p := range shardFiles(dir, shard) {
		if err := p.removeStaleTemps(); err != nil {
			return err
		}
		seqs, err := p.seqs()
		if err != nil {
			return err
		}
		for _, seq := range seqs {
			if err := os.Remove(p.path(seq)); err != nil {
				return fmt.Errorf("output: clear shard %d: %w", shard, err)
			}
		}
	}
	return nil
}
