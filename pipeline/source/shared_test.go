package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData returns ../shared/data/<rel> beside the repository root, or skips.
func sharedData(t *testing.T, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the package directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data %s absent (%v): skipping", p, err)
	}
	return p
}

// TestReadZyteBenchmark: the 181 gzipped pages of the Zyte benchmark expand in lexical order
// and all read to non-empty HTML.
func TestReadZyteBenchmark(t *testing.T) {
	dir := sharedData(t, "html/zyte-article-extraction-benchmark/html")
	locs, err := Expand(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(locs) != 181 {
		t.Fatalf("%d locators, want 181", len(locs))
	}
	r, err := NewReader(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range locs {
		if i > 0 && locs[i-1] >= l {
			t.Errorf("not in lexical order: %s before %s", locs[i-1], l)
		}
		_ = r.Read(context.Background(), l, func(d Doc) error {
			if d.Err != nil || !strings.Contains(strings.ToLower(string(d.Body[:min(len(d.Body), 4096)])), "<html") {
				t.Errorf("%s: err %v, body starts %q", l, d.Err, d.Body[:min(len(d.Body), 40)])
			}
			return nil
		})
	}
}
