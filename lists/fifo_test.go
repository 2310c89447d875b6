//go:build unix

package lists_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sanctionscan/sanctionscan/lists"
)

// TestLoadNamedPipe: a list given as a named pipe nothing writes to fails at
// once (it reads as empty) instead of blocking the run; one a writer feeds,
// as a shell's process substitution does, loads.
func TestLoadNamedPipe(t *testing.T) {
	dir := t.TempDir()
	idle := filepath.Join(dir, "idle.xml")
	fed := filepath.Join(dir, "fed.xml")
	for _, p := range []string{idle, fed} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	load := func(path string) (*lists.Dataset, error) {
		type result struct {
			ds  *lists.Dataset
			err error
		}
		done := make(chan result, 1)
		go func() {
			ds, err := lists.Load(context.Background(), "un_sc_sanctions", []string{path})
			done <- result{ds, err}
		}()
		select {
		case r := <-done:
			return r.ds, r.err
		case <-time.After(10 * time.Second):
			t.Fatalf("loading %s did not return", path)
			return nil, nil
		}
	}
	if _, err := load(idle); err == nil {
		t.Error("a pipe nothing writes to loaded")
	}
	data, err := os.ReadFile(filepath.Join("..", "testdata", "lists", "un_consolidated_excerpt.xml"))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		w, err := os.OpenFile(fed, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write(data)
		w.Close()
	}()
	time.Sleep(100 * time.Millisecond) // the writer opens first, as a process substitution's does
	ds, err := load(fed)
	if err != nil || len(ds.Designations) == 0 {
		t.Fatalf("fed pipe: %v, %d designations", err, len(ds.Designations))
	}
}
