package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ManifestName is the run manifest's file name under the output directory
// of an unsharded run; each shard of a sharded run writes its own
// (ManifestFile).
const ManifestName = "_manifest.json"

// ManifestFile is the manifest's file name for shard index of count:
// ManifestName unsharded, "_manifest-00003.json" for shard 3.
func ManifestFile(index, count int) string {
	if count <= 1 {
		return ManifestName
	}
	return fmt.Sprintf("_manifest-%05d.json", index)
}

// ReadManifest reads the manifest an earlier run of shard index of count
// left in dir; nil and no error when there is none.
func ReadManifest(dir string, index, count int) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile(index, count)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("output: manifest %s: %w", ManifestFile(index, count), err)
	}
	return &m, nil
}

// Manifest is _manifest.json (DESIGN.md): what a run read, how it was
// configured and what it wrote. The pipeline fills it; WriteManifest writes it.
type Manifest struct {
	RunID         string           `json:"run_id"`
	StartedAt     time.Time        `json:"started_at"`  // written in UTC, RFC 3339
	FinishedAt    time.Time        `json:"finished_at"` // written in UTC, RFC 3339
	Tool          ToolInfo         `json:"tool"`
	DryRun        bool             `json:"dry_run"` // --dry-run: config, inputs and lists resolved, no tables written
	Shard         ShardInfo        `json:"shard"`
	Config        map[string]any   `json:"config"` // the resolved config, secrets already redacted by the caller
	Lists         []ListInfo       `json:"lists"`
	Inputs        InputCounts      `json:"inputs"`
	Rows          map[string]int64 `json:"rows"`            // rows written by this run per table name
	ErrorsByStage map[string]int64 `json:"errors_by_stage"` // documents with status "error" per error_stage
	ExitStatus    int              `json:"exit_status"`     // the process exit code (DESIGN.md CLI)
	// RowsInOutput counts the rows per table in the complete parts after
	// the run (this shard's; every shard's for an unsharded run), read from
	// the parts themselves: Rows plus what the runs it resumed wrote.
	RowsInOutput map[string]int64 `json:"rows_in_output"`
	// ResumedFrom lists the earlier runs whose parts a --resume run kept
	// and that wrote a manifest (a killed run writes none), oldest first.
	ResumedFrom []PriorRun `json:"resumed_from,omitempty"`
}

// PriorRun summarises an earlier run whose parts are still in the output.
type PriorRun struct {
	RunID      string           `json:"run_id"`
	StartedAt  time.Time        `json:"started_at"`
	FinishedAt time.Time        `json:"finished_at"`
	Inputs     InputCounts      `json:"inputs"`
	Rows       map[string]int64 `json:"rows"`
	ExitStatus int              `json:"exit_status"`
}

// ToolInfo identifies the binary that wrote a run.
type ToolInfo struct {
	Version       string `json:"version"`
	Commit        string `json:"commit"`
	SchemaVersion string `json:"schema_version"` // SchemaVersion
}

// ShardInfo is the slice of the inputs a run processed (Index of Count; 0 of 1 unsharded).
type ShardInfo struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// ListInfo describes one loaded list (dataset).
type ListInfo struct {
	Dataset        string         `json:"dataset"`
	Format         string         `json:"format"`
	Files          []ListFile     `json:"files"`
	Published      string         `json:"published,omitempty"` // ISO 8601 date when the list states it
	Version        string         `json:"version"`             // list_version written in the tables
	CountsBySchema map[string]int `json:"counts_by_schema"`
	SetAside       int            `json:"set_aside"` // rows not loaded
}

// ListFile is one file of a list with its hex sha256.
type ListFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// InputCounts counts the run's inputs.
type InputCounts struct {
	Total     int64 `json:"total"`     // inputs in this shard
	Skipped   int64 `json:"skipped"`   // already in complete parts (--resume)
	Processed int64 `json:"processed"` // documents written (status ok or error)
	Errors    int64 `json:"errors"`    // documents with status "error"
	Truncated int64 `json:"truncated"` // documents whose text was cut at extract.max_text_length: the rest was not screened
}

// WriteManifest writes m as dir/ManifestFile(m.Shard) atomically
// (temporary file, sync, rename), with times in UTC and keys in a stable
// order.
func WriteManifest(dir string, m *Manifest) error {
	b, err := MarshalManifest(m)
	if err != nil {
		return err
	}
	f, err := createAtomic(filepath.Join(dir, ManifestFile(m.Shard.Index, m.Shard.Count)))
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.discard()
		return fmt.Errorf("output: manifest: %w", err)
	}
	if err := f.finish(); err != nil {
		f.discard()
		return err
	}
	return f.commit()
}

// MarshalManifest is the manifest file's content: m as indented JSON with
// times in UTC, keys in a stable order, and a final newline.
func MarshalManifest(m *Manifest) ([]byte, error) {
	c := *m
	c.StartedAt = c.StartedAt.UTC()
	c.FinishedAt = c.FinishedAt.UTC()
	b, err := json.MarshalIndent(&c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("output: manifest: %w", err)
	}
	return append(b, '\n'), nil
}
