package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/net/html"

	"github.com/sanctionscan/sanctionscan/pipeline"
	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// newEvalThroughputCmd measures the whole pipeline against the parsing floor
// (issue 8): documents per second of `run` (lists loaded and indexed first,
// not counted) next to documents per second of only reading the same inputs
// and parsing them with x/net/html (best of three passes each), and the
// process's peak RSS. Wall-clock figures move with whatever else the machine runs, so
// it also reports CPU time per document of both and their ratio
// (cpu_floor_ratio), which does not.
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
			// The floor: best of three passes, wall time and CPU time.
			var floorDocs int
			var floorWall, floorCPU time.Duration
			for range 3 {
				cpu0 := cpuTime()
				n, wall, err := parseFloor(ctx, cfg, locs)
				if err != nil {
					return err
				}
				if cpu := cpuTime() - cpu0; floorDocs == 0 || wall < floorWall {
					floorDocs, floorWall, floorCPU = n, wall, cpu
				}
			}
			// The CPU time of loading and indexing the lists, measured apart so
			// it can be taken out of each run's.
			cpu0 := cpuTime()
			datasets, err := pipeline.LoadLists(ctx, cfg.Lists)
			if err != nil {
				return err
			}
			if _, err := pipeline.NewProcessor(cfg, datasets); err != nil {
				return err
			}
			loadCPU := cpuTime() - cpu0
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
			// The pipeline: best of three runs too, each from scratch (lists
			// loaded, recognizer caches empty) into its own output folder.
			var res *pipeline.Result
			var runCPU time.Duration
			for range 3 {
				out, err := os.MkdirTemp("", "sanctionscan-throughput")
				if err != nil {
					return err
				}
				defer os.RemoveAll(out)
				cfg.Out, cfg.Resume, cfg.DryRun = out, false, false
				cpu0 = cpuTime()
				r, err := pipeline.Run(ctx, cfg, pipeline.Env{Logger: newLogger(cmd.ErrOrStderr(), cfg)})
				if err != nil {
					return err
				}
				cpu := cpuTime() - cpu0 - loadCPU
				if res == nil || r.Finished.Sub(r.Processing) < res.Finished.Sub(res.Processing) {
					res, runCPU = r, cpu
				}
			}
			var ru syscall.Rusage
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			run := res.Finished.Sub(res.Processing).Seconds()
			floor := float64(floorDocs) / floorWall.Seconds()
			docsPerS := float64(res.Documents) / run
			cpuRatio := (floorCPU.Seconds() / float64(floorDocs)) / (runCPU.Seconds() / float64(res.Documents))
			fmt.Fprintf(cmd.OutOrStdout(), "docs=%d errors=%d workers=%d gomaxprocs=%d lists_load_s=%.2f run_s=%.2f docs_per_s=%.1f parse_docs_per_s=%.1f floor_ratio=%.3f cpu_ms_per_doc=%.1f parse_cpu_ms_per_doc=%.2f cpu_floor_ratio=%.3f peak_rss_mb=%.0f\n",
				res.Documents, res.Errors(), cfg.Workers, runtime.GOMAXPROCS(0), res.Processing.Sub(res.Started).Seconds(), run,
				docsPerS, floor, docsPerS/floor, 1000*runCPU.Seconds()/float64(res.Documents), 1000*floorCPU.Seconds()/float64(floorDocs),
				cpuRatio, float64(ru.Maxrss)/1024)
			return nil
		},
	}
	cmd.Flags().Int("workers", 0, "documents processed at once (0: number of CPUs)")
	cmd.Flags().String("cpuprofile", "", "write a CPU profile of the pipeline run (go tool pprof) to this file")
	return cmd
}

// cpuTime is the CPU time (user + system) this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// parseFloor reads every input document as the pipeline does and parses it
// with x/net/html, one worker per CPU; it returns the documents and the time.
func parseFloor(ctx context.Context, cfg *pipeline.Config, locs []string) (int, time.Duration, error) {
	reader, err := source.NewReader(cfg.Fetch)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	jobs := make(chan string)
	counts := make(chan int)
	workers := runtime.NumCPU()
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
