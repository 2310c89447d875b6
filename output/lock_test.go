package output_test

import (
	"errors"
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
