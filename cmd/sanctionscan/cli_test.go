package main

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/output"
)

// exitOf runs cmd and returns its exit code, stdout and stderr.
func exitOf(t *testing.T, cmd *exec.Cmd) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), stdout.String(), stderr.String()
	}
	t.Fatalf("running %v: %v", cmd.Args, err)
	return 0, "", ""
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"default run", []string{"run"}, exitOK},
		{"match with --fail-on-match", []string{"run", "--fail-on-match"}, exitMatch},
		{"unknown flag", []string{"run", "--no-such-flag"}, exitUsage},
		{"bad --workers value", []string{"run", "--workers", "many"}, exitUsage},
		{"malformed --list", []string{"run", "--list", "no-equals-sign"}, exitUsage},
		{"list file missing", []string{"run", "--list", "un_sc_sanctions=/no/such/file.xml"}, exitFatal},
		{"mixed formats in one list", []string{"run", "--list", "x=testdata/lists/un_consolidated_excerpt.xml,testdata/lists/ofac/sdn.csv"}, exitUsage},
		{"one list name twice", []string{"run", "--list", "x=testdata/lists/un_consolidated_excerpt.xml", "--list", "x=testdata/lists/ofac/sdn.csv"}, exitUsage},
		{"shard index out of range", []string{"run", "--shard-index", "3", "--shard-count", "2"}, exitUsage},
		{"unknown output format", []string{"run", "--format", "csv"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := exitOf(t, sanctionscan(append(tt.args, "--out", out)...))
			if code != tt.want {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
			if tt.want == exitOK || tt.want == exitMatch {
				var m output.Manifest
				raw, err := os.ReadFile(filepath.Join(out, output.ManifestName))
				if err != nil || json.Unmarshal(raw, &m) != nil {
					t.Fatalf("manifest: %v", err)
				}
				if m.ExitStatus != tt.want {
					t.Errorf("manifest exit_status %d, want %d", m.ExitStatus, tt.want)
				}
			}
		})
	}
}

// TestFormatFlag: --format chooses the sinks without a config file or
// environment variable.
func TestFormatFlag(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := exitOf(t, sanctionscan("run", "--out", out, "--format", "jsonl")); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "matches-00000-00000.jsonl")); err != nil {
		t.Errorf("no JSON Lines matches: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "matches")); err == nil {
		t.Error("--format jsonl also wrote Parquet")
	}
}

// TestLogsAreJSONOffTerminal: logs on a non-terminal stderr are JSON lines (slog).
func TestLogsAreJSONOffTerminal(t *testing.T) {
	cmd := sanctionscan("run", "--out", t.TempDir())
	cmd.Env = append(cmd.Env, "SANCTIONSCAN_LOG_LEVEL=info")
	code, _, stderr := exitOf(t, cmd)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) < 2 {
		t.Fatalf("expected several log lines, got %q", stderr)
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec["msg"] == nil || rec["level"] == nil {
			t.Errorf("not a JSON log record: %q", l)
		}
	}
}

// TestDryRun resolves config, inputs and lists, prints the manifest and
// writes nothing: an earlier run's manifest in --out stays as it was.
func TestDryRun(t *testing.T) {
	out := t.TempDir()
	earlier := filepath.Join(out, output.ManifestName)
	if err := os.WriteFile(earlier, []byte(`{"run_id":"earlier"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := exitOf(t, sanctionscan("run", "--dry-run", "--out", out))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(out)
	if raw, _ := os.ReadFile(earlier); len(entries) != 1 || string(raw) != `{"run_id":"earlier"}` {
		t.Errorf("dry run wrote into --out: %v, manifest %q", entries, raw)
	}
	var m output.Manifest
	if err := json.Unmarshal([]byte(stdout), &m); err != nil {
		t.Fatalf("stdout is not the manifest: %v\n%s", err, stdout)
	}
	if !m.DryRun || len(m.Lists) != 2 || m.Inputs.Total != 1 {
		t.Errorf("manifest: dry_run=%v lists=%d inputs=%d", m.DryRun, len(m.Lists), m.Inputs.Total)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := exitOf(t, sanctionscan("version"))
	if code != 0 || !strings.Contains(stdout, "schema_version="+output.SchemaVersion) {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	code, stdout, _ = exitOf(t, sanctionscan("version", "--json"))
	var v map[string]string
	if err := json.Unmarshal([]byte(stdout), &v); code != 0 || err != nil || v["schema_version"] != output.SchemaVersion || v["version"] == "" || v["commit"] == "" {
		t.Errorf("version --json: exit %d, %q, %v", code, stdout, err)
	}
}

// TestScreenAndListsVerbs runs the other verbs on the bundled fixtures.
func TestScreenAndListsVerbs(t *testing.T) {
	t.Run("screen --json", func(t *testing.T) {
		code, stdout, stderr := exitOf(t, sanctionscan("screen", "--json", "Abdul Ghani Baradar", "Kassym-Jomart Tokayev"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if len(lines) != 2 {
			t.Fatalf("want one JSON object per name, got %q", stdout)
		}
		var first, second struct {
			Name string `json:"name"`
			Hits []struct {
				DesignationID string `json:"designation_id"`
				Decision      string `json:"decision"`
			} `json:"hits"`
		}
		if json.Unmarshal([]byte(lines[0]), &first) != nil || json.Unmarshal([]byte(lines[1]), &second) != nil {
			t.Fatalf("not JSON: %q", stdout)
		}
		if len(first.Hits) == 0 || first.Hits[0].DesignationID != "TAi.024" || first.Hits[0].Decision != "match" {
			t.Errorf("Baradar: %+v", first)
		}
		if len(second.Hits) != 0 {
			t.Errorf("Tokayev has hits: %+v", second)
		}
	})
	t.Run("screen bad schema", func(t *testing.T) {
		if code, _, _ := exitOf(t, sanctionscan("screen", "--schema", "Planet", "Mars")); code != exitUsage {
			t.Errorf("exit %d, want %d", code, exitUsage)
		}
	})
	t.Run("lists show --json", func(t *testing.T) {
		code, stdout, stderr := exitOf(t, sanctionscan("lists", "show", "--json"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
			var s struct {
				Dataset      string `json:"dataset"`
				Designations int    `json:"designations"`
			}
			if err := json.Unmarshal([]byte(l), &s); err != nil || s.Designations == 0 {
				t.Fatalf("line %q: %v", l, err)
			}
			got = append(got, s.Dataset)
		}
		if strings.Join(got, ",") != "un_sc_sanctions,us_ofac_sdn" {
			t.Errorf("datasets %v", got)
		}
	})
	t.Run("lists diff", func(t *testing.T) {
		code, stdout, stderr := exitOf(t, sanctionscan("lists", "diff", "testdata/lists/ofac/sdn.csv,testdata/lists/ofac/alt.csv", "testdata/lists/ofac/sdn.csv"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if last := lines[len(lines)-1]; !strings.HasPrefix(last, "added=0 removed=0 changed=") || last == "added=0 removed=0 changed=0" {
			t.Errorf("last line %q: dropping alt.csv must change designations", last)
		}
	})
}

// TestEvalThroughput runs the throughput benchmark on the bundled article
// and checks its summary line: every key present, counts and ratios sane.
func TestEvalThroughput(t *testing.T) {
	code, stdout, stderr := exitOf(t, sanctionscan("eval", "throughput", "testdata/articles"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	got := map[string]float64{}
	for _, kv := range strings.Fields(lines[len(lines)-1]) {
		k, v, _ := strings.Cut(kv, "=")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("%s: %v in %q", k, err, lines[len(lines)-1])
		}
		got[k] = f
	}
	if got["docs"] != 1 || got["errors"] != 0 {
		t.Errorf("docs=%v errors=%v, want 1 and 0", got["docs"], got["errors"])
	}
	for _, k := range []string{"run_s", "docs_per_s", "parse_docs_per_s", "floor_ratio", "cpu_ms_per_doc", "parse_cpu_ms_per_doc", "cpu_floor_ratio", "peak_rss_mb"} {
		if !(got[k] > 0) {
			t.Errorf("%s=%v, want > 0", k, got[k])
		}
	}
	if r := got["docs_per_s"] / got["parse_docs_per_s"]; math.Abs(r-got["floor_ratio"]) > 0.002 {
		t.Errorf("floor_ratio %v is not docs_per_s/parse_docs_per_s = %v", got["floor_ratio"], r)
	}
	if code, _, stderr := exitOf(t, sanctionscan("eval", "throughput", t.TempDir())); code != exitFatal || !strings.Contains(stderr, "no documents") {
		t.Errorf("empty folder: exit %d, %s", code, stderr)
	}
}
