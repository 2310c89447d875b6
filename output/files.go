package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"
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

// ClearShard removes what an earlier run left for shard index of count
// under dir, so a run without --resume replaces its output instead of adding
// to it: every file the sinks wrote (complete parts and temporary files of
// the Parquet, JSON Lines and FtM sinks) and the manifest describing them.
// An unsharded run (count ≤ 1) owns the whole folder and clears every
// shard's files and manifests; a shard clears only its own (and shard 0 an
// unsharded run's manifest, whose parts it shares). The report and any other
// file are left.
func ClearShard(dir string, index, count int) error {
	shards := []int{index}
	manifests := []string{ManifestFile(index, count)}
	if count <= 1 {
		var err error
		if shards, err = shardsIn(dir); err != nil {
			return err
		}
		more, _ := filepath.Glob(filepath.Join(dir, "_manifest-*.json"))
		for _, m := range more {
			manifests = append(manifests, filepath.Base(m))
		}
	} else if index == 0 {
		manifests = append(manifests, ManifestName)
	}
	for _, shard := range shards {
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
	}
	for _, m := range manifests {
		if err := os.Remove(filepath.Join(dir, m)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("output: clear shard %d: %w", index, err)
		}
	}
	return nil
}

// shardsIn returns the shard numbers of the files under dir that look like
// the sinks' ("part-00003-…", "matches-00003-…", ".part-00003-….tmp").
func shardsIn(dir string) ([]int, error) {
	var names []string
	for _, d := range []string{dir, filepath.Join(dir, TableDocuments), filepath.Join(dir, TableMentions), filepath.Join(dir, TableMatches), filepath.Join(dir, TableDesignations)} {
		entries, err := os.ReadDir(d)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("output: %w", err)
		}
		for _, e := range entries {
			names = append(names, e.Name())
		}
	}
	seen := map[int]bool{0: true}
	for _, n := range names {
		if m := reShardFile.FindStringSubmatch(n); m != nil {
			k, _ := strconv.Atoi(m[1])
			seen[k] = true
		}
	}
	out := make([]int, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out, nil
}

// reShardFile matches a sink file name and captures its shard number.
var reShardFile = regexp.MustCompile(`^\.?(?:part|documents|mentions|matches|designations|entities)-(\d{5})-\d+\.`)

// CountRows counts the rows per table in the complete files of format
// (FormatParquet, from the parts' footers, or FormatJSONL, by lines) of
// shard index of count under dir (of every shard when count ≤ 1). A missing
// table counts 0; an unreadable file is an error.
func CountRows(dir, format string, index, count int) (map[string]int64, error) {
	out := map[string]int64{}
	shard := fmt.Sprintf("%05d", index)
	if count <= 1 {
		shard = "*"
	}
	for _, t := range []string{TableDocuments, TableMentions, TableMatches, TableDesignations} {
		pattern, rows := filepath.Join(dir, t, "part-"+shard+"-*.parquet"), partRows
		if format == FormatJSONL {
			pattern, rows = filepath.Join(dir, t+"-"+shard+"-*.jsonl"), lineCount
		}
		parts, err := filepath.Glob(pattern)
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		out[t] = 0
		for _, p := range parts {
			n, err := rows(p)
			if err != nil {
				return nil, err
			}
			out[t] += n
		}
	}
	return out, nil
}

// lineCount counts the lines of a JSON Lines file.
func lineCount(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	var n int64
	buf := make([]byte, 64<<10)
	for {
		k, err := f.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return 0, fmt.Errorf("output: %w", err)
		}
	}
}

func partRows(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("output: %w", err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return 0, fmt.Errorf("output: %s: %w", path, err)
	}
	return pf.NumRows(), nil
}
