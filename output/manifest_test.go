package output_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sanctionscan/sanctionscan/output"
)

// TestWriteManifest: _manifest.json is written atomically with UTC RFC 3339
// times and stable key order (golden file), and reads back equal.
func TestWriteManifest(t *testing.T) {
	dir := t.TempDir()
	almaty := time.FixedZone("UTC+5", 5*3600)
	m := &output.Manifest{
		RunID:      "20240605T054200Z-1a2b3c4d",
		StartedAt:  time.Date(2024, 6, 5, 10, 42, 0, 0, almaty),
		FinishedAt: time.Date(2024, 6, 5, 10, 43, 30, 500000000, almaty),
		Tool:       output.ToolInfo{Version: "v0.1.0", Commit: "b4b079d", SchemaVersion: output.SchemaVersion},
		Shard:      output.ShardInfo{Index: 0, Count: 1},
		Config:     map[string]any{"workers": 4, "out": "out", "fetch": map[string]any{"token": "[redacted]"}},
		Lists: []output.ListInfo{{
			Dataset: "un_sc_sanctions", Format: "un_xml",
			Files:     []output.ListFile{{Path: "lists/un/consolidated.xml", SHA256: "ab12"}},
			Published: "2026-02-27", Version: "2026-02-27",
			CountsBySchema: map[string]int{"Person": 734, "Organization": 268}, SetAside: 1,
		}},
		Inputs:        output.InputCounts{Total: 3, Skipped: 1, Processed: 2, Errors: 1},
		Rows:          map[string]int64{"documents": 2, "mentions": 31, "matches": 4, "designations": 1002},
		ErrorsByStage: map[string]int64{"fetch": 1},
		ExitStatus:    0,
		RowsInOutput:  map[string]int64{"documents": 5, "mentions": 70, "matches": 9, "designations": 1002},
		ResumedFrom: []output.PriorRun{{RunID: "20240605T050000Z-0a0b0c0d", StartedAt: time.Date(2024, 6, 5, 5, 0, 0, 0, time.UTC),
			FinishedAt: time.Date(2024, 6, 5, 5, 1, 0, 0, time.UTC), Inputs: output.InputCounts{Total: 3, Processed: 3},
			Rows: map[string]int64{"documents": 3, "mentions": 39, "matches": 5, "designations": 1002}, ExitStatus: 130}},
	}
	if err := output.WriteManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, output.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "manifest.json", raw)
	var back output.Manifest
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !back.StartedAt.Equal(m.StartedAt) || back.StartedAt.Location() != time.UTC || back.Rows["matches"] != 4 {
		t.Errorf("read back %+v", back)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files in dir: %v, want only the manifest", entries)
	}
}
