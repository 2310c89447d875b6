package output_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionscan/sanctionscan/output"
)

// TestLockOutput: two runs of one folder or one shard exclude each other;
// shards of one folder run side by side, and an unsharded run excludes them.
func TestLockOutput(t *testing.T) {
	type run struct{ index, count int }
	tests := []struct {
		name       string
		held, next run
		busy       bool
	}{
		{"two unsharded runs", run{0, 1}, run{0, 1}, true},
		{"the same shard twice", run{1, 3}, run{1, 3}, true},
		{"two shards", run{0, 3}, run{1, 3}, false},
		{"a shard, then an unsharded run", run{2, 3}, run{0, 1}, true},
		{"an unsharded run, then a shard", run{0, 1}, run{0, 3}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			unlock, err := output.LockOutput(dir, tt.held.index, tt.held.count)
			if err != nil {
				t.Fatal(err)
			}
			if err := output.ProbeOutput(dir, tt.next.index, tt.next.count); errors.Is(err, output.ErrBusy) != tt.busy {
				t.Fatalf("probe: err = %v, want busy %v", err, tt.busy)
			}
			unlockNext, err := output.LockOutput(dir, tt.next.index, tt.next.count)
			if got := errors.Is(err, output.ErrBusy); got != tt.busy {
				t.Fatalf("second lock: err = %v, want busy %v", err, tt.busy)
			}
			if err == nil {
				unlockNext()
			}
			if err := unlock(); err != nil {
				t.Fatal(err)
			}
			again, err := output.LockOutput(dir, tt.next.index, tt.next.count)
			if err != nil {
				t.Fatalf("after unlock: %v", err)
			}
			again()
		})
	}
}

// TestProbeOutputCreatesNothing: probing a folder no run has written
// creates neither the folder nor a lock file.
func TestProbeOutputCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := output.ProbeOutput(dir, 1, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("probe created %s: %v", dir, err)
	}
}
