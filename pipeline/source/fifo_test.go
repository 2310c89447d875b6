//go:build unix

package source

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadNamedPipe: a named pipe among the inputs, as page or WARC, is an
// error row at once; opening it would wait for a writer forever.
func TestReadNamedPipe(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"page.html", "crawl.warc.gz"} {
		path := filepath.Join(dir, name)
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		done := make(chan []Doc, 1)
		go func() { done <- readAll(t, DefaultOptions(), path) }()
		select {
		case docs := <-done:
			if len(docs) != 1 || !errors.Is(docs[0].Err, ErrNotRegular) || docs[0].Stage != StageRead {
				t.Errorf("%s: docs %+v, want one read error wrapping ErrNotRegular", name, docs)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: reading a named pipe did not return", name)
		}
	}
}
