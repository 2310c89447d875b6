package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"
)

// Key-value metadata keys written to every Parquet part (DESIGN.md).
const (
	MetaSchemaVersion = "sanctionscan.schema_version"
	MetaRunID         = "sanctionscan.run_id"
)

// ErrClosed is returned by a sink used after Close or Abort.
var ErrClosed = errors.New("output: sink closed")

// ParquetSink writes the four tables as folders of Parquet part files,
// dir/<table>/part-<shard:05d>-<seq:05d>.parquet (DESIGN.md "Output tables").
//
// Each part is written under a hidden temporary name and renamed once
// complete and synced. Documents, mentions and matches roll over together:
// part seq N of the three tables holds the same documents, and a set is
// committed by renaming mentions, then matches, then documents, so a
// documents part exists only when its mentions and matches parts do. Rows are
// written in the order given (the pipeline's input order), each document's
// rows in the canonical order of normalize. Each table has its own writer
// goroutine fed by a bounded channel.
//
// Opening a directory that already holds parts of the same shard (--resume)
// continues the seq numbering after them, first removing temporary files and
// mentions/matches parts whose documents part is missing (an interrupted
// commit). WriteDesignations replaces this shard's earlier designations parts.
type ParquetSink struct {
	dir, runID string
	shard      int
	opt        Options

	documents    *tableWriter[Document]
	mentions     *tableWriter[Mention]
	matches      *tableWriter[Match]
	designations *tableWriter[Designation]

	seq       int   // seq of the document tables' current part set
	committed int   // document part sets committed by this sink
	failed    error // the first error a write returned; Close then aborts
	closed    bool
}

// OpenParquet opens a Parquet sink writing under dir for shard (0 unless the
// run is sharded), tagging every part with runID. It validates opt and
// prepares dir as described on ParquetSink.
func OpenParquet(dir string, shard int, runID string, opt Options) (*ParquetSink, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if shard < 0 {
		return nil, fmt.Errorf("%w: shard %d < 0", ErrOptions, shard)
	}
	s := &ParquetSink{dir: dir, runID: runID, shard: shard, opt: opt}
	s.documents = newTableWriter[Document](s, TableDocuments, (*Document).size)
	s.mentions = newTableWriter[Mention](s, TableMentions, (*Mention).size)
	s.matches = newTableWriter[Match](s, TableMatches, (*Match).size)
	s.designations = newTableWriter[Designation](s, TableDesignations, (*Designation).size)
	next, err := s.prepare()
	if err != nil {
		return nil, err
	}
	s.seq = next
	for _, w := range s.workers() {
		w.start()
	}
	return s, nil
}

// prepare removes stale temporary files and orphaned parts of this shard and
// returns the next seq for the document tables.
func (s *ParquetSink) prepare() (int, error) {
	for _, t := range []string{TableDocuments, TableMentions, TableMatches, TableDesignations} {
		if err := s.parts(t).removeStaleTemps(); err != nil {
			return 0, err
		}
	}
	docSeqs, err := s.parts(TableDocuments).seqs()
	if err != nil {
		return 0, err
	}
	for _, t := range []string{TableMentions, TableMatches} {
		parts := s.parts(t)
		seqs, err := parts.seqs()
		if err != nil {
			return 0, err
		}
		for _, seq := range seqs {
			if slices.Contains(docSeqs, seq) {
				continue
			}
			if err := os.Remove(parts.path(seq)); err != nil {
				return 0, fmt.Errorf("output: remove orphaned part: %w", err)
			}
		}
	}
	return s.parts(TableDocuments).next()
}

// parts names table's part files of this shard.
func (s *ParquetSink) parts(table string) partFiles {
	return partFiles{dir: filepath.Join(s.dir, table), prefix: "part-", ext: ".parquet", shard: s.shard}
}

func (s *ParquetSink) workers() []*worker {
	return []*worker{&s.documents.worker, &s.mentions.worker, &s.matches.worker, &s.designations.worker}
}

// WriteDesignations writes rows as the designations table, rolling over at
// Options.PartRows, commits the parts, then removes this shard's designations
// parts from earlier runs. Call it once; rows with nil lists are written as
// empty lists.
func (s *ParquetSink) WriteDesignations(ctx context.Context, rows []Designation) error {
	if s.closed {
		return ErrClosed
	}
	return s.fail(s.writeDesignations(ctx, rows))
}

// fail records err as the sink's first failure and returns it.
func (s *ParquetSink) fail(err error) error {
	if err != nil && s.failed == nil {
		s.failed = err
	}
	return err
}

func (s *ParquetSink) writeDesignations(ctx context.Context, rows []Designation) error {
	parts := s.parts(TableDesignations)
	old, err := parts.seqs()
	if err != nil {
		return err
	}
	first, err := parts.next()
	if err != nil {
		return err
	}
	t := s.designations
	seq := first
	for start := int64(0); start < int64(len(rows)) || seq == first; start += s.opt.PartRows {
		end := min(start+s.opt.PartRows, int64(len(rows)))
		part := make([]Designation, 0, end-start)
		for _, d := range rows[start:end] {
			part = append(part, normalizeDesignation(d))
		}
		if err := t.send(ctx, func() error { return t.write(seq, part) }); err != nil {
			return err
		}
		if err := t.send(ctx, t.finish); err != nil {
			return err
		}
		if err := t.sync(ctx); err != nil {
			return err
		}
		if err := t.commit(); err != nil {
			return err
		}
		seq++
	}
	for _, o := range old {
		if err := os.Remove(parts.path(o)); err != nil {
			return fmt.Errorf("output: remove earlier designations part: %w", err)
		}
	}
	return nil
}

// Write queues one document's rows (canonically ordered, see normalize) and
// completes the current part set once a table reaches Options.PartRows.
func (s *ParquetSink) Write(ctx context.Context, rec *Record) error {
	if s.closed {
		return ErrClosed
	}
	if s.failed != nil {
		return fmt.Errorf("output: an earlier write failed: %w", s.failed)
	}
	if err := ctx.Err(); err != nil {
		return err // nothing queued: the sink stays usable
	}
	return s.fail(s.write(ctx, rec))
}

func (s *ParquetSink) write(ctx context.Context, rec *Record) error {
	n := normalize(rec)
	seq := s.seq
	d, m, x := s.documents, s.mentions, s.matches
	if err := d.send(ctx, func() error { return d.write(seq, []Document{n.Document}) }); err != nil {
		return err
	}
	if err := m.send(ctx, func() error { return m.write(seq, n.Mentions) }); err != nil {
		return err
	}
	if err := x.send(ctx, func() error { return x.write(seq, n.Matches) }); err != nil {
		return err
	}
	d.queued++
	m.queued += int64(len(n.Mentions))
	x.queued += int64(len(n.Matches))
	if max(d.queued, m.queued, x.queued) >= s.opt.PartRows {
		return s.commitSet(ctx)
	}
	return nil
}

// setTable is a table of a part set, whatever its row type.
type setTable interface {
	send(context.Context, func() error) error
	sync(context.Context) error
	ensureOpen(seq int) error
	finish() error
	commit() error
}

// commitSet finishes the current documents/mentions/matches parts (writing
// empty parts for tables without rows, so every set is complete) and renames
// them into place, documents last.
func (s *ParquetSink) commitSet(ctx context.Context) error {
	seq := s.seq
	tables := []setTable{s.mentions, s.matches, s.documents}
	for _, t := range tables {
		if err := t.send(ctx, func() error {
			if err := t.ensureOpen(seq); err != nil {
				return err
			}
			return t.finish()
		}); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if err := t.sync(ctx); err != nil {
			return err
		}
	}
	for _, t := range tables {
		if err := t.commit(); err != nil {
			return err
		}
	}
	s.documents.queued, s.mentions.queued, s.matches.queued = 0, 0, 0
	s.seq++
	s.committed++
	return nil
}

// Close completes the open part set (or writes an empty one when the run
// wrote no documents, so readers' globs find every table) and stops the
// writers. After a failed write it aborts instead, so a part never holds a
// document without all its rows, and returns that failure.
func (s *ParquetSink) Close() error {
	if s.closed {
		return ErrClosed
	}
	if s.failed != nil {
		s.closed = true
		return errors.Join(fmt.Errorf("output: not completing parts after a failed write: %w", s.failed), s.stop())
	}
	var err error
	if s.documents.queued > 0 || s.committed == 0 {
		err = s.commitSet(context.Background())
	}
	s.closed = true
	return errors.Join(err, s.stop())
}

// Abort stops the writers and removes the temporary files of parts not yet
// complete; complete parts stay.
func (s *ParquetSink) Abort() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.stop()
}

// stop ends the writer goroutines and discards any unfinished part.
func (s *ParquetSink) stop() error {
	var errs []error
	for _, w := range s.workers() {
		w.stop()
	}
	errs = append(errs, s.documents.discard(), s.mentions.discard(), s.matches.discard(), s.designations.discard())
	return errors.Join(errs...)
}

// Rows returns the rows committed so far per table name; call it after Close
// for the manifest.
func (s *ParquetSink) Rows() map[string]int64 {
	return map[string]int64{
		TableDocuments:    s.documents.committedRows,
		TableMentions:     s.mentions.committedRows,
		TableMatches:      s.matches.committedRows,
		TableDesignations: s.designations.committedRows,
	}
}

// worker runs a table's jobs in order on its own goroutine. The first error
// is kept and later jobs are skipped; barriers (sync) are always released, so
// a failed write is reported rather than waited on forever.
type worker struct {
	jobs chan workerJob
	done chan struct{}
	err  atomic.Pointer[error]
}

// workerJob is a job to run, or a barrier to close once the jobs before it ran.
type workerJob struct {
	run     func() error
	barrier chan struct{}
}

// jobQueue bounds the jobs (one per document and table) waiting per table.
const jobQueue = 64

func (w *worker) start() {
	w.jobs = make(chan workerJob, jobQueue)
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		for job := range w.jobs {
			switch {
			case job.barrier != nil:
				close(job.barrier)
			case w.err.Load() != nil:
			default:
				if err := job.run(); err != nil {
					w.err.Store(&err)
				}
			}
		}
	}()
}

func (w *worker) failed() error {
	if p := w.err.Load(); p != nil {
		return *p
	}
	return nil
}

// send queues job, returning the worker's earlier error or ctx's.
func (w *worker) send(ctx context.Context, job func() error) error {
	if err := w.failed(); err != nil {
		return err
	}
	return w.queue(ctx, workerJob{run: job})
}

func (w *worker) queue(ctx context.Context, j workerJob) error {
	select {
	case w.jobs <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sync waits until every queued job has run and returns the worker's error.
func (w *worker) sync(ctx context.Context) error {
	done := make(chan struct{})
	if err := w.queue(ctx, workerJob{barrier: done}); err != nil {
		return err
	}
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	return w.failed()
}

func (w *worker) stop() {
	close(w.jobs)
	<-w.done
}

// tableWriter writes one table's parts. Its methods other than commit and
// discard run on its worker goroutine; commit and discard run on the caller's
// after sync or stop.
type tableWriter[T any] struct {
	worker
	sink  *ParquetSink
	table string
	size  func(*T) int64 // estimated uncompressed bytes of a row

	file      *atomicFile
	w         *parquet.GenericWriter[T]
	partRows  int64 // rows in the open part (worker side)
	groupRows int64
	groupSize int64

	queued        int64 // rows queued for the open part (caller side)
	committedRows int64 // rows in committed parts (caller side)
}

func newTableWriter[T any](s *ParquetSink, table string, size func(*T) int64) *tableWriter[T] {
	return &tableWriter[T]{sink: s, table: table, size: size}
}

// blobColumns are the columns, per table, whose values are whole texts:
// they get no min/max statistics. parquet-go writes a data page's min and
// max values whole and uncompressed into its header, so a page of article
// texts carried two more copies of its longest texts (a 3 MB text made a
// 13 MB part; TestBlobColumnsNotRepeated), and no query filters texts by
// their range.
var blobColumns = map[string][]string{TableDocuments: {"text"}}

// ensureOpen opens part seq unless a part is open.
func (t *tableWriter[T]) ensureOpen(seq int) error {
	if t.w != nil {
		return nil
	}
	s := t.sink
	f, err := createAtomic(s.parts(t.table).path(seq))
	if err != nil {
		return err
	}
	t.file = f
	opts := []parquet.WriterOption{
		parquet.Compression(codecs[s.opt.Compression]),
		parquet.DataPageVersion(1), // v1 pages: the widest reader support
		// PLAIN unless a column's tag says dict: parquet-go's default for
		// strings is DELTA_LENGTH_BYTE_ARRAY, which older readers cannot decode.
		parquet.DefaultEncoding(&parquet.Plain),
		parquet.MaxRowsPerRowGroup(s.opt.RowGroupRows),
		parquet.KeyValueMetadata(MetaSchemaVersion, SchemaVersion),
		parquet.KeyValueMetadata(MetaRunID, s.runID),
	}
	for _, col := range blobColumns[t.table] {
		opts = append(opts, parquet.SkipPageStatistics(col), parquet.SkipPageBounds(col))
	}
	t.w = parquet.NewGenericWriter[T](f, opts...)
	t.partRows, t.groupRows, t.groupSize = 0, 0, 0
	return nil
}

// write appends rows to part seq, ending row groups at the Options bounds.
func (t *tableWriter[T]) write(seq int, rows []T) error {
	if err := t.ensureOpen(seq); err != nil {
		return err
	}
	opt := t.sink.opt
	for i := range rows {
		if _, err := t.w.Write(rows[i : i+1]); err != nil {
			return fmt.Errorf("output: write %s: %w", t.table, err)
		}
		t.partRows++
		t.groupRows++
		t.groupSize += t.size(&rows[i])
		if t.groupRows >= opt.RowGroupRows || t.groupSize >= opt.RowGroupBytes {
			if err := t.w.Flush(); err != nil {
				return fmt.Errorf("output: write %s: %w", t.table, err)
			}
			t.groupRows, t.groupSize = 0, 0
		}
	}
	return nil
}

// finish writes the open part's footer and syncs its temporary file.
func (t *tableWriter[T]) finish() error {
	if err := t.w.Close(); err != nil {
		return fmt.Errorf("output: close %s part: %w", t.table, err)
	}
	t.w = nil
	return t.file.finish()
}

// commit renames the finished part into place.
func (t *tableWriter[T]) commit() error {
	if err := t.file.commit(); err != nil {
		return err
	}
	t.file = nil
	t.committedRows += t.partRows
	return nil
}

// discard removes the temporary file of an unfinished or uncommitted part.
func (t *tableWriter[T]) discard() error {
	if t.file == nil {
		return nil
	}
	err := t.file.discard()
	t.file, t.w = nil, nil
	return err
}
