package pipeline

import (
	"errors"
	"slices"

	"github.com/sanctionscan/sanctionscan/output"
)

// ExitStatus is the process exit code a run with this outcome ends with
// (DESIGN.md): 0 ok, 1 fatal, 2 usage/config, 3 a match with --fail-on-match,
// 130 interrupted.
func ExitStatus(cfg *Config, res *Result, runErr error) int {
	switch {
	case errors.Is(runErr, ErrInterrupted):
		return 130
	case errors.Is(runErr, ErrConfig):
		return 2
	case runErr != nil:
		return 1
	case cfg.FailOnMatch && res.Matches > 0:
		return 3
	}
	return 0
}

// WriteManifest writes cfg.Out/_manifest.json for the run res; a dry run
// (cfg.DryRun) prints it to env.Stdout instead and writes nothing, so an
// earlier run's manifest stays.
func WriteManifest(cfg *Config, env Env, res *Result, runErr error) error {
	m := &output.Manifest{
		RunID:      res.RunID,
		StartedAt:  res.Started,
		FinishedAt: res.Finished,
		Tool:       output.ToolInfo{Version: env.Version, Commit: env.Commit, SchemaVersion: output.SchemaVersion},
		DryRun:     cfg.DryRun,
		Shard:      output.ShardInfo{Index: cfg.ShardIndex, Count: cfg.ShardCount},
		Config:     cfg.Redacted(),
		Inputs: output.InputCounts{
			Total:     int64(res.Inputs),
			Skipped:   int64(res.Skipped),
			Processed: int64(res.Documents),
			Errors:    int64(res.Errors()),
			Truncated: int64(res.Truncated),
		},
		Rows:          map[string]int64{},
		ErrorsByStage: map[string]int64{},
		ExitStatus:    ExitStatus(cfg, res, runErr),
	}
	for table, n := range res.Rows {
		m.Rows[table] = int64(n)
	}
	if !cfg.DryRun {
		// counted from the parts: what earlier runs left is there too
		for _, f := range []string{output.FormatParquet, output.FormatJSONL} { // FtM has no tables
			if !slices.Contains(cfg.Output.Formats, f) {
				continue
			}
			if n, err := output.CountRows(cfg.Out, f, cfg.ShardIndex, cfg.ShardCount); err == nil {
				m.RowsInOutput = n
			}
			break
		}
	}
	if p := res.Prior; p != nil {
		m.ResumedFrom = append(p.ResumedFrom, output.PriorRun{RunID: p.RunID, StartedAt: p.StartedAt, FinishedAt: p.FinishedAt, Inputs: p.Inputs, Rows: p.Rows, ExitStatus: p.ExitStatus})
	}
	for stage, n := range res.ErrorsByStage {
		m.ErrorsByStage[stage] = int64(n)
	}
	for _, ds := range res.Datasets {
		li := output.ListInfo{
			Dataset:        ds.Name,
			Format:         ds.Format,
			Published:      ds.Published,
			Version:        ds.Version(),
			CountsBySchema: map[string]int{},
			SetAside:       len(ds.SetAside),
		}
		for i, f := range ds.Files {
			li.Files = append(li.Files, output.ListFile{Path: f, SHA256: ds.SHA256[i]})
		}
		for _, d := range ds.Designations {
			li.CountsBySchema[d.Schema]++
		}
		m.Lists = append(m.Lists, li)
	}
	if cfg.DryRun {
		b, err := output.MarshalManifest(m)
		if err == nil && env.Stdout != nil {
			_, err = env.Stdout.Write(b)
		}
		return err
	}
	return output.WriteManifest(cfg.Out, m)
}
