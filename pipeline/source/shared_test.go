package source

import (
	"context"
	"github.com/sanctionscan/sanctionscan/pipeline/sharedtest"
	"strings"
	"testing"
)

// sharedData returns ../shared/data/<rel> beside the repository, or skips.
func sharedData(t *testing.T, rel string) string { return sharedtest.Data(t, rel) }

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
