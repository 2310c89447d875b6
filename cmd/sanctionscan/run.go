package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/pipeline"
)

func newRunCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run [flags] [INPUT...]",
		Short: "Run the main job: read articles, find mentions, screen them, write Parquet tables",
		Long: `Reads INPUTs (files, folders recursively incl. .gz, .warc/.warc.gz, http(s) URLs, or "-" for a
newline-separated list on stdin; default: the config's inputs), extracts each article, finds entity
mentions, screens them against the loaded lists and writes documents, mentions, matches and
designations tables plus _manifest.json under --out.

Exit codes: 0 success (per-document errors are rows); 1 fatal; 2 usage/config; 3 with --fail-on-match
when any decision is "match"; 130 interrupted.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			if len(args) > 0 {
				cfg.Inputs = args
			}
			var bar io.Writer
			if isTerminal() {
				bar = os.Stderr
			}
			version, commit := buildVersion()
			log := newLogger(cmd.ErrOrStderr(), cfg)
			res, err := pipeline.Run(cmd.Context(), cfg, pipeline.Env{
				Stdin:    cmd.InOrStdin(),
				Stdout:   cmd.OutOrStdout(),
				Logger:   log,
				Progress: bar,
				Version:  version,
				Commit:   commit,
			})
			if err != nil {
				return err
			}
			log.Info("run finished", "run_id", res.RunID, "documents", res.Documents, "errors", res.Errors(), "truncated", res.Truncated,
				"mentions", res.Rows["mentions"], "candidates", res.Rows["matches"], "match_decisions", res.Matches, "review_decisions", res.Reviews, "out", cfg.Out)
			if cfg.FailOnMatch && res.Matches > 0 {
				return errMatchFound
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.String("out", "out", "output folder")
	f.Int("workers", 0, "documents processed at once (0: the CPUs the process may use, GOMAXPROCS)")
	f.Bool("fail-on-match", false, "exit 3 when any decision is match")
	f.Bool("resume", false, "skip inputs already in complete parts under --out")
	f.Bool("dry-run", false, "resolve config, inputs and lists; print the manifest the run would write, and write nothing")
	f.Int("shard-index", 0, "this shard's index (default from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)")
	f.Int("shard-count", 1, "number of shards")
	f.String("report", "", "also write an HTML review report to this path")
	f.StringSlice("format", nil, "output formats, comma-separated: parquet, jsonl, ftm (default: the config's output.formats, parquet)")
	f.Float64("match-threshold", 0, "score at or above which a candidate is a match")
	f.Float64("review-threshold", 0, "score at or above which a candidate is kept for review")
	return cmd
}
