package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/net/html"

	"github.com/sanctionscan/sanctionscan/pipeline"
	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// newEvalThroughputCmd measures the whole pipeline against the parsing floor
// (issue 8): documents per second of `run` (the per-run work on the lists
// first, not counted: loading, indexing, writing the designations table)
// next to documents per second of only reading the same inputs and parsing
// them with x/net/html (best of three interleaved passes each), and the
// peak RSS of a pipeline run. Wall-clock figures move with whatever else
// the machine runs, so it also reports CPU time per document of both and
// their ratio (cpu_floor_ratio), which does not.
func newEvalThroughputCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "throughput [--list ...] [--workers N] INPUT...",
		Short: "Pipeline docs/s vs the read+parse floor, and peak RSS; last line key=value pairs",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			locs, err := source.Expand(ctx, args, cmd.InOrStdin())
			if err != nil {
				return err
			}
			cfg.Inputs = locs // stdin is read once, for both measurements
			// The CPU time of loading and indexing the lists, measured apart so
			// it can be taken out of each run's: the second of two loads, as
			// the first also pays once-per-process work (decoding the
			// recognizer's model) that the runs do not repeat.
			var loadCPU time.Duration
			for range 2 {
				cpu0 := cpuTime()
				datasets, err := pipeline.LoadLists(ctx, cfg.Lists)
				if err != nil {
					return err
				}
				if _, err := pipeline.NewProcessor(cfg, datasets); err != nil {
					return err
				}
				loadCPU = cpuTime() - cpu0
			}
			if path, _ := cmd.Flags().GetString("cpuprofile"); path != "" {
				f, err := os.Create(path)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			// Three rounds, each a floor pass then a pipeline run from scratch
			// (lists loaded, recognizer caches empty) into its own folder, so
			// both see the same machine load; the best of each counts.
			var floor, pipe pass
			var peakRSS int64
			for range 3 {
				cpu0 := cpuTime()
				n, wall, err := parseFloor(ctx, cfg, locs)
				if err != nil {
					return err
				}
				if n == 0 {
					return fmt.Errorf("eval throughput: the inputs hold no documents: %v", args)
				}
				floor.keepBest(pass{docs: n, wall: wall, cpu: cpuTime() - cpu0})
				out, err := os.MkdirTemp("", "sanctionscan-throughput")
				if err != nil {
					return err
				}
				defer os.RemoveAll(out)
				cfg.Out, cfg.Resume, cfg.DryRun = out, false, false
				resetPeakRSS()
				cpu0 = cpuTime()
				res, err := pipeline.Run(ctx, cfg, pipeline.Env{Logger: newLogger(cmd.ErrOrStderr(), cfg)})
				if err != nil {
					return err
				}
				pipe.keepBest(pass{docs: res.Documents, errors: res.Errors(), wall: res.Finished.Sub(res.Processing), cpu: cpuTime() - cpu0 - loadCPU})
				peakRSS = max(peakRSS, peakRSSBytes())
			}
			docsPerS, floorPerS := pipe.perSecond(), floor.perSecond()
			fmt.Fprintf(cmd.OutOrStdout(), "docs=%d errors=%d workers=%d gomaxprocs=%d run_s=%.2f docs_per_s=%.1f parse_docs_per_s=%.1f floor_ratio=%.3f cpu_ms_per_doc=%.1f parse_cpu_ms_per_doc=%.2f cpu_floor_ratio=%.3f peak_rss_mb=%.0f\n",
				pipe.docs, pipe.errors, cmp.Or(max(cfg.Workers, 0), runtime.GOMAXPROCS(0)), runtime.GOMAXPROCS(0), pipe.wall.Seconds(),
				docsPerS, floorPerS, docsPerS/floorPerS, pipe.cpuPerDoc(), floor.cpuPerDoc(),
				floor.cpuPerDoc()/pipe.cpuPerDoc(), float64(peakRSS)/(1<<20))
			return nil
		},
	}
	cmd.Flags().Int("workers", 0, "documents processed at once (0: the CPUs the process may use, GOMAXPROCS)")
	cmd.Flags().String("cpuprofile", "", "write a CPU profile of the pipeline run (go tool pprof) to this file")
	return cmd
}

// pass is one timed pass over the inputs.
type pass struct {
	docs, errors int
	wall, cpu    time.Duration
}

// keepBest replaces p by q when q was faster (or p is unset).
func (p *pass) keepBest(q pass) {
	if p.docs == 0 || q.wall < p.wall {
		*p = q
	}
}

func (p pass) perSecond() float64 { return float64(p.docs) / p.wall.Seconds() }

// cpuPerDoc is the CPU time per document in milliseconds.
func (p pass) cpuPerDoc() float64 { return 1000 * p.cpu.Seconds() / float64(p.docs) }

// resetPeakRSS collects garbage, returns freed memory to the system and, on
// Linux, resets the kernel's peak RSS of the process (proc(5),
// /proc/pid/clear_refs "5"), so peakRSSBytes measures what follows alone.
func resetPeakRSS() {
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSBytes is the peak resident set size since resetPeakRSS: VmHWM of
// /proc/self/status on Linux, else getrusage's ru_maxrss (the whole
// process's peak; kilobytes on Linux and BSD).
func peakRSSBytes() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64); err == nil {
					return kb << 10
				}
			}
		}
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10
}

// cpuTime is the CPU time (user + system) this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// parseFloor reads every input document as the pipeline does and parses it
// with x/net/html, one worker per usable CPU (GOMAXPROCS); it returns the documents and the time.
func parseFloor(ctx context.Context, cfg *pipeline.Config, locs []string) (int, time.Duration, error) {
	reader, err := source.NewReader(cfg.Fetch)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	jobs := make(chan string)
	counts := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	for range workers {
		go func() {
			n := 0
			for loc := range jobs {
				_ = reader.Read(ctx, loc, func(d source.Doc) error {
					if d.Err == nil {
						_, _ = html.Parse(bytes.NewReader(d.Body))
					}
					n++
					return nil
				})
			}
			counts <- n
		}()
	}
	for _, l := range locs {
		jobs <- l
	}
	close(jobs)
	total := 0
	for range workers {
		total += <-counts
	}
	return total, time.Since(start), nil
}
