// Package pipeline wires sanctionscan's stages: inputs are read and fetched,
// each document is extracted, its entity mentions recognised and screened
// against the loaded lists, and the rows are written to the sinks in input
// order; a run manifest records what was done.
package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/sanctionscan/sanctionscan/extract/article"
	"github.com/sanctionscan/sanctionscan/extract/ner"
	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/screen"
	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// ErrInterrupted is returned by Run when its context was cancelled (SIGINT,
// SIGTERM): complete parts are kept, in-flight parts discarded (exit 130).
var ErrInterrupted = errors.New("interrupted")

// interruptedEarly is the ErrInterrupted of a run cancelled before its
// first document.
func interruptedEarly(ctx context.Context) error {
	return fmt.Errorf("%w before the first document: %w", ErrInterrupted, ctx.Err())
}

// Env is what a run gets from its process rather than its config.
type Env struct {
	Stdin    io.Reader    // read when an input is "-"
	Stdout   io.Writer    // where a dry run prints its manifest; nil: discarded
	Logger   *slog.Logger // nil: discard
	Progress io.Writer    // where a progress bar goes (a terminal); nil: none
	Version  string       // tool version for the manifest
	Commit   string       // VCS commit for the manifest
}

// Result summarises a run; it is also what the manifest records.
type Result struct {
	RunID         string
	Started       time.Time
	Processing    time.Time // when documents began: the lists loaded and indexed, the designations table written
	Finished      time.Time
	Inputs        int            // locators after sharding
	Skipped       int            // inputs and documents skipped by --resume
	Documents     int            // documents rows written
	Truncated     int            // documents whose text was cut at extract.max_text_length
	ErrorsByStage map[string]int // error documents by stage
	Rows          map[string]int // rows written per table
	Matches       int            // matches rows with decision "match"
	Reviews       int            // matches rows with decision "review"
	Datasets      []*lists.Dataset
	Prior         *output.Manifest // the manifest a --resume run found, nil if none

	mu sync.Mutex // guards Skipped while readers run
}

// Errors is the number of documents with status "error".
func (r *Result) Errors() int {
	n := 0
	for _, c := range r.ErrorsByStage {
		n += c
	}
	return n
}

// Run executes the main job described by cfg. Per-document failures are rows,
// not errors; Run returns an error only for what stops the whole run: a list
// that cannot be loaded or a configuration error (wrapping ErrConfig), an
// output that cannot be written, or cancellation (ErrInterrupted). The result
// is non-nil whenever the run got as far as starting.
func Run(ctx context.Context, cfg *Config, env Env) (*Result, error) {
	log := env.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	res := &Result{Started: time.Now().UTC(), ErrorsByStage: map[string]int{}, Rows: map[string]int{}}
	res.RunID = runID(res.Started)
	if err := cfg.Validate(); err != nil {
		return res, err
	}
	if !cfg.DryRun { // fail before the lists load when another run writes --out
		if err := output.ProbeOutput(cfg.Out, cfg.ShardIndex, cfg.ShardCount); errors.Is(err, output.ErrBusy) {
			return res, fmt.Errorf("%w: %v", ErrConfig, err)
		}
	}
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0) // CPUs this process may use (cgroup limits included)
	}

	datasets, err := LoadLists(ctx, cfg.Lists)
	if ctx.Err() != nil { // cancelled while loading: nothing written yet
		return res, interruptedEarly(ctx)
	}
	if err != nil {
		return res, err
	}
	res.Datasets = datasets
	for _, ds := range datasets {
		log.Info("list loaded", "dataset", ds.Name, "format", ds.Format, "designations", len(ds.Designations), "set_aside", len(ds.SetAside), "published", ds.Published)
		if len(ds.Designations) == 0 {
			log.Warn("list holds no designations: nothing is screened against it", "dataset", ds.Name, "files", ds.Files)
		}
		if n := len(ds.SetAside); n > 0 {
			first := ds.SetAside[0]
			log.Warn("list rows set aside: not screened against (`sanctionscan lists show` lists them)", "dataset", ds.Name, "rows", n,
				"first", fmt.Sprintf("%s:%d: %s", first.File, first.Line, first.Reason))
		}
	}
	proc, err := NewProcessor(cfg, datasets)
	if err != nil {
		return res, err
	}
	proc.Logger = log

	locs, err := source.Expand(ctx, cfg.Inputs, env.Stdin)
	if ctx.Err() != nil {
		return res, interruptedEarly(ctx)
	}
	if err != nil {
		return res, fmt.Errorf("%w: inputs: %v", ErrConfig, err)
	}
	locs = withoutOwnOutput(locs, cfg.Out, cfg.Output.Report)
	locs = source.Shard(locs, cfg.ShardIndex, cfg.ShardCount)
	res.Inputs = len(locs)
	if len(locs) == 0 {
		log.Warn("no inputs: nothing to read (folders are searched for .html, .htm, .xhtml, their .gz, and .warc files)", "inputs", cfg.Inputs)
	}
	done := map[string]bool{} // document_ids every output format holds
	var have []map[string]bool
	if cfg.Resume {
		written := make([]output.Written, len(cfg.Output.Formats))
		for i, f := range cfg.Output.Formats {
			if written[i], err = output.ReadWritten(cfg.Out, f); err != nil {
				return res, fmt.Errorf("resume: %w", err)
			}
		}
		done, have = output.Resume(written)
		if res.Prior, err = output.ReadManifest(cfg.Out, cfg.ShardIndex, cfg.ShardCount); err != nil {
			log.Warn("resume: the earlier run's manifest is unreadable; this run's manifest counts only its own rows", "error", err)
		}
		if before, now := priorLists(res.Prior), loadedLists(datasets); res.Prior != nil && before != now {
			log.Warn("resume: the lists differ from the earlier run's; its match rows were screened against those, and the designations table now holds only these (run without --resume to screen everything again)",
				"earlier", before, "now", now)
		}
	}
	log.Info("run starting", "run_id", res.RunID, "inputs", len(locs), "lists", len(datasets), "workers", workers, "shard", cfg.ShardIndex, "shards", cfg.ShardCount)
	if cfg.DryRun {
		res.Finished = time.Now().UTC()
		return res, WriteManifest(cfg, env, res, nil)
	}

	if ctx.Err() != nil { // before anything in --out is touched
		return res, interruptedEarly(ctx)
	}
	unlock, err := output.LockOutput(cfg.Out, cfg.ShardIndex, cfg.ShardCount)
	if errors.Is(err, output.ErrBusy) {
		return res, fmt.Errorf("%w: %v", ErrConfig, err)
	} else if err != nil {
		return res, fmt.Errorf("locking the output folder: %w", err)
	}
	defer unlock()
	if !cfg.Resume {
		if err := output.ClearShard(cfg.Out, cfg.ShardIndex, cfg.ShardCount); err != nil {
			return res, fmt.Errorf("clearing previous output: %w", err)
		}
	}
	sink, err := openSinks(cfg, res.RunID, have)
	if err != nil {
		return res, err
	}
	var runErr error
	designationsCut := false // interrupted while writing the designations table
	if cfg.ShardIndex == 0 { // one copy for all shards, so a glob over the folder reads each designation once
		rows := DesignationRows(datasets)
		if err := sink.WriteDesignations(ctx, rows); err != nil && ctx.Err() != nil {
			// its part is discarded below (Abort): no table is written
			designationsCut = true
			runErr = interruptedEarly(ctx)
		} else if err != nil {
			runErr = fmt.Errorf("writing designations: %w", err)
		} else {
			res.Rows[output.TableDesignations] = len(rows)
		}
	}
	res.Processing = time.Now().UTC()
	if runErr == nil {
		runErr = runDocuments(ctx, cfg, env, log, proc, sink, locs, done, workers, res)
	}
	switch {
	case runErr == nil || errors.Is(runErr, ErrInterrupted) && !designationsCut:
		// Interrupted: every record handed to the sink is a whole document,
		// so the parts are completed and a --resume run does the rest.
		if err := sink.Close(); err != nil {
			runErr = errors.Join(runErr, fmt.Errorf("closing output: %w", err))
		}
	default:
		if abortErr := sink.Abort(); abortErr != nil {
			log.Error("discarding in-flight parts", "error", abortErr)
		}
	}
	res.Finished = time.Now().UTC()
	if err := WriteManifest(cfg, env, res, runErr); err != nil && runErr == nil {
		runErr = err
	}
	return res, runErr
}

// NewProcessor builds the per-document stages from cfg: the extractor, the
// recognizer (with the lists' names as a gazetteer) and the screening index.
func NewProcessor(cfg *Config, datasets []*lists.Dataset) (*Processor, error) {
	ext, err := article.New(cfg.Extract)
	if err != nil {
		return nil, fmt.Errorf("%w: extract: %v", ErrConfig, err)
	}
	nerOpt := cfg.NER
	nerOpt.Gazetteer = Gazetteer(datasets)
	rec, err := ner.New(nerOpt)
	if errors.Is(err, ner.ErrOptions) {
		return nil, fmt.Errorf("%w: ner: %v", ErrConfig, err)
	} else if err != nil {
		return nil, fmt.Errorf("loading recognizer: %w", err)
	}
	return &Processor{Extractor: ext, Recognizer: rec, Screener: screen.NewIndex(datasets, cfg.Matching)}, nil
}

// LoadLists loads every list in specs concurrently; the datasets come back in
// the order of specs. The first list that cannot be loaded fails the run.
func LoadLists(ctx context.Context, specs []ListSpec) ([]*lists.Dataset, error) {
	out := make([]*lists.Dataset, len(specs))
	g, gctx := errgroup.WithContext(ctx)
	for i, spec := range specs {
		g.Go(func() error {
			ds, err := lists.Load(gctx, spec.Name, spec.Paths)
			if err != nil {
				return fmt.Errorf("loading list %s: %w", spec.Name, err)
			}
			out[i] = ds
			return nil
		})
	}
	return out, g.Wait()
}

// Gazetteer lists the names and strong aliases of Person and organisation
// designations, labelled for the recognizer, and the organisations' names
// without their legal forms (screen.BareName), marked ShortForm.
func Gazetteer(datasets []*lists.Dataset) []ner.GazetteerEntry {
	var out []ner.GazetteerEntry
	for _, ds := range datasets {
		for _, d := range ds.Designations {
			label := ""
			switch d.Schema {
			case lists.SchemaPerson:
				label = ner.LabelPER
			case lists.SchemaOrganization, lists.SchemaCompany, lists.SchemaLegalEntity:
				label = ner.LabelORG
			default:
				continue
			}
			for _, n := range d.AllNames() {
				out = append(out, ner.GazetteerEntry{Name: n, Label: label})
				if b := screen.BareName(n); b != "" && label == ner.LabelORG {
					out = append(out, ner.GazetteerEntry{Name: b, Label: label, ShortForm: true}) // "Sovcomflot" for PAO SOVCOMFLOT
				}
			}
		}
	}
	return out
}

// withoutOwnOutput drops from locs the files the run writes: anything under
// the output folder out and the HTML report (an input folder that holds
// them would make the next run read its own report as an article).
func withoutOwnOutput(locs []string, out, report string) []string {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		return a
	}
	outDir, rep := "", ""
	if out != "" {
		outDir = abs(out) + string(filepath.Separator)
	}
	if report != "" {
		rep = abs(report)
	}
	return slices.DeleteFunc(locs, func(l string) bool {
		if strings.Contains(l, "://") {
			return false
		}
		a := abs(l)
		return outDir != "" && strings.HasPrefix(a, outDir) || a == rep
	})
}

// runID names a run: its start second (UTC) and 8 random hex digits, so
// two runs started in the same second get different ids
// ("20261129T232822Z-98433d7b").
func runID(start time.Time) string {
	var nonce [4]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand.Read never fails (Go 1.24+)
	return start.Format("20060102T150405Z") + "-" + hex.EncodeToString(nonce[:])
}

// openSinks opens the sinks cfg.Output asks for: the formats in
// output.formats under cfg.Out and the HTML report at output.report. On a
// resumed run, have[i] are the documents the i-th format already holds,
// which its sink leaves out (output.Resume).
func openSinks(cfg *Config, runID string, have []map[string]bool) (output.Sink, error) {
	var sinks []output.Sink
	abort := func(err error) (output.Sink, error) {
		for _, s := range sinks {
			err = errors.Join(err, s.Abort())
		}
		return nil, err
	}
	for i, format := range cfg.Output.Formats {
		var s output.Sink
		var err error
		switch format {
		case output.FormatParquet:
			s, err = output.OpenParquet(cfg.Out, cfg.ShardIndex, runID, cfg.Output)
		case output.FormatJSONL:
			s, err = output.OpenJSONL(cfg.Out, cfg.ShardIndex, cfg.Output)
		case output.FormatFtM:
			s, err = output.OpenFtM(cfg.Out, cfg.ShardIndex, cfg.Output)
		}
		if err != nil {
			return abort(fmt.Errorf("opening %s output: %w", format, err))
		}
		if i < len(have) {
			s = output.SkipWritten(s, have[i])
		}
		sinks = append(sinks, s)
	}
	if cfg.Output.Report != "" {
		rep, err := output.OpenReport(cfg.Output.Report, cfg.Output)
		if err != nil {
			return abort(fmt.Errorf("opening report: %w", err))
		}
		sinks = append(sinks, rep)
	}
	return output.Multi(sinks...), nil
}

type job struct {
	loc, idx int
	doc      source.Doc
}

type result struct {
	loc, idx int
	rec      *output.Record // nil: marker saying locator loc yielded idx documents
}

// maxPending bounds the processed documents held back for ordering; the
// worker reading the oldest unfinished input is never held, so the run
// always progresses.
const maxPending = 256

// order keeps the state shared by the readers and the writer of a run.
type order struct {
	mu      sync.Mutex
	cond    *sync.Cond
	head    int // oldest input not completely written
	pending int // processed documents waiting for an older input
}

func (o *order) wait(ctx context.Context, loc int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for loc != o.head && o.pending >= maxPending && ctx.Err() == nil {
		o.cond.Wait()
	}
}

func runDocuments(ctx context.Context, cfg *Config, env Env, log *slog.Logger, proc *Processor, sink output.Sink,
	locs []string, done map[string]bool, workers int, res *Result) error {
	reader, err := source.NewReader(cfg.Fetch)
	if err != nil {
		return fmt.Errorf("%w: fetch: %v", ErrConfig, err)
	}
	bar := newProgress(env.Progress, len(locs))

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(wctx)
	o := &order{}
	o.cond = sync.NewCond(&o.mu)
	stop := context.AfterFunc(gctx, func() { o.mu.Lock(); o.cond.Broadcast(); o.mu.Unlock() })
	defer stop()
	window := make(chan struct{}, maxPending) // inputs in flight at once
	locCh := make(chan int)
	jobs := make(chan job, 2*workers)
	results := make(chan result, 2*workers)

	g.Go(func() error {
		defer close(locCh)
		for i := range locs {
			select {
			case window <- struct{}{}:
			case <-gctx.Done():
				return gctx.Err()
			}
			select {
			case locCh <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	var readers, processors sync.WaitGroup
	for range workers {
		readers.Add(1)
		g.Go(func() error {
			defer readers.Done()
			for loc := range locCh {
				n := 0
				if !done[DocumentID(locs[loc])] {
					err := reader.Read(gctx, locs[loc], func(d source.Doc) error {
						if done[DocumentID(d.Source)] {
							res.skip()
							return nil
						}
						o.wait(gctx, loc)
						select {
						case jobs <- job{loc, n, d}:
							n++
							return nil
						case <-gctx.Done():
							return gctx.Err()
						}
					})
					if err != nil {
						return err
					}
				} else {
					res.skip()
				}
				select {
				case results <- result{loc: loc, idx: n}:
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error { readers.Wait(); close(jobs); return nil })
	for range workers {
		processors.Add(1)
		g.Go(func() error {
			defer processors.Done()
			for j := range jobs {
				if gctx.Err() != nil {
					continue // drain
				}
				rec := proc.Process(j.doc)
				select {
				case results <- result{j.loc, j.idx, rec}:
				case <-gctx.Done():
				}
			}
			return nil
		})
	}
	go func() { processors.Wait(); readers.Wait(); close(results) }()

	// The writer: rows go to the sinks in input order, documents within an
	// input in the order the input yields them.
	held := map[[2]int]*output.Record{}
	counts := map[int]int{}
	next := 0
	var writeErr error
	for r := range results {
		if writeErr != nil || gctx.Err() != nil {
			continue // drain so workers can finish
		}
		if r.rec == nil {
			counts[r.loc] = r.idx
		} else {
			held[[2]int{r.loc, r.idx}] = r.rec
			o.mu.Lock()
			o.pending++
			o.mu.Unlock()
		}
		for writeErr == nil {
			if rec, ok := held[[2]int{o.head, next}]; ok {
				delete(held, [2]int{o.head, next})
				o.mu.Lock()
				o.pending--
				o.mu.Unlock()
				// a record is written whole even when the run is being
				// interrupted, so the parts stay consistent
				writeErr = sink.Write(context.WithoutCancel(gctx), rec)
				res.count(rec, log)
				next++
				continue
			}
			if c, ok := counts[o.head]; ok && c == next {
				delete(counts, o.head)
				o.mu.Lock()
				o.head++
				o.cond.Broadcast()
				o.mu.Unlock()
				next = 0
				<-window
				bar.Add(1)
				continue
			}
			break
		}
		if writeErr != nil {
			writeErr = fmt.Errorf("writing output: %w", writeErr)
			cancel()
		}
	}
	bar.Finish()
	gerr := g.Wait()
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %v", ErrInterrupted, context.Cause(ctx))
	case writeErr != nil:
		return writeErr
	case gerr != nil:
		return gerr
	}
	return nil
}

func (r *Result) skip() {
	r.mu.Lock()
	r.Skipped++
	r.mu.Unlock()
}

func (r *Result) count(rec *output.Record, log *slog.Logger) {
	r.Documents++
	r.Rows[output.TableDocuments]++
	r.Rows[output.TableMentions] += len(rec.Mentions)
	r.Rows[output.TableMatches] += len(rec.Matches)
	if rec.Truncated {
		r.Truncated++
	}
	if rec.Document.Status != "ok" {
		r.ErrorsByStage[rec.Document.ErrorStage]++
		log.Warn("document error", "source", rec.Document.Source, "stage", rec.Document.ErrorStage, "error", rec.Document.Error)
	}
	for _, m := range rec.Matches {
		switch m.Decision {
		case screen.DecisionMatch:
			r.Matches++
		case screen.DecisionReview:
			r.Reviews++
		}
	}
}

// priorLists names an earlier run's lists as "dataset@version, ..." in
// order (loadedLists), "" without a manifest.
func priorLists(m *output.Manifest) string {
	if m == nil {
		return ""
	}
	out := make([]string, len(m.Lists))
	for i, l := range m.Lists {
		out[i] = l.Dataset + "@" + l.Version
	}
	return strings.Join(out, ", ")
}

// loadedLists names datasets as "dataset@version, ..." in order.
func loadedLists(datasets []*lists.Dataset) string {
	out := make([]string, len(datasets))
	for i, ds := range datasets {
		out[i] = ds.Name + "@" + ds.Version()
	}
	return strings.Join(out, ", ")
}
