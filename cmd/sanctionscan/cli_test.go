package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
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
		{"shard index out of range", []string{"run", "--shard-index", "3", "--shard-count", "2"}, exitUsage},
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

// TestDryRun resolves config, inputs and lists and writes only the manifest.
func TestDryRun(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := exitOf(t, sanctionscan("run", "--dry-run", "--out", out))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != output.ManifestName {
		t.Errorf("dry run wrote %v, want only %s", entries, output.ManifestName)
	}
	var m output.Manifest
	raw, _ := os.ReadFile(filepath.Join(out, output.ManifestName))
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
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
}
