package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// writeTree creates files (relative path → content) under a new temp dir and returns it.
func writeTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExpand(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"b/z.html":        "z",
		"b/a.HTM":         "a",
		"b/c.xhtml.gz":    "c",
		"b/notes.txt":     "skip",
		"b/img.png":       "skip",
		"a.html":          "a",
		"crawl.warc.gz":   "w",
		"old.warc":        "w",
		"c/d/deep.htm.gz": "d",
		"page.html.bak":   "skip",
		"explicit.txt":    "kept when named",
	})
	j := func(p ...string) string { return filepath.Join(append([]string{dir}, p...)...) }
	walk := []string{j("a.html"), j("b/a.HTM"), j("b/c.xhtml.gz"), j("b/z.html"), j("c/d/deep.htm.gz"), j("crawl.warc.gz"), j("old.warc")}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(cwd, j("a.html"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		inputs []string
		stdin  string
		want   []string
	}{
		{"a relative and an absolute path are one file, spelt as first given", []string{rel, j("a.html")}, "", []string{rel}},
		{"directory walk is lexical and filtered by suffix", []string{dir}, "", walk},
		{"explicit file kept whatever its name", []string{j("explicit.txt")}, "", []string{j("explicit.txt")}},
		{"missing path kept for an error Doc", []string{j("nope.html")}, "", []string{j("nope.html")}},
		{"URLs kept as given", []string{"https://example.com/a?b=1", "HTTP://EXAMPLE.COM/"}, "", []string{"https://example.com/a?b=1", "HTTP://EXAMPLE.COM/"}},
		{"duplicates keep first position", []string{j("b/z.html"), dir, dir + "/./b/../b/z.html"}, "",
			append([]string{j("b/z.html")}, slices.DeleteFunc(slices.Clone(walk), func(s string) bool { return s == j("b/z.html") })...)},
		{"stdin list expanded in place", []string{j("old.warc"), "-", "https://x.org/"},
			"\ufeff# my inputs\r\n" + j("b") + "\r\n\r\n  https://example.com/p  \n-\n" + j("a.html") + "\n",
			[]string{j("old.warc"), j("b/a.HTM"), j("b/c.xhtml.gz"), j("b/z.html"), "https://example.com/p", j("a.html"), "https://x.org/"}},
		{"stdin read once", []string{"-", "-"}, "https://example.com/\n", []string{"https://example.com/"}},
		{"no inputs", nil, "", nil},
		{"empty input is not the current directory", []string{""}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(context.Background(), tt.inputs, strings.NewReader(tt.stdin))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Expand(%q)\n got %q\nwant %q", tt.inputs, got, tt.want)
			}
		})
	}
}

func TestExpandCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Expand(ctx, []string{t.TempDir()}, nil); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestExpandBadStdin(t *testing.T) {
	_, err := Expand(context.Background(), []string{"-"}, strings.NewReader("a.html\n\x00\x01binary"))
	if err == nil || !strings.Contains(err.Error(), "NUL byte") {
		t.Fatalf("err = %v, want a NUL byte error", err)
	}
	long := strings.Repeat("x", maxListLine+1)
	if _, err := Expand(context.Background(), []string{"-"}, strings.NewReader(long)); err == nil {
		t.Fatal("a line over the cap must fail")
	}
}

func TestParseList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a\nb", []string{"a", "b"}},
		{"a\r\nb\r\n", []string{"a", "b"}},
		{"\ufeffa\n", []string{"a"}},
		{"  # comment\n\t\n x y \n", []string{"x y"}},
		{"a\ufeff\n", []string{"a\ufeff"}}, // a BOM is only stripped at the start
	}
	for _, tt := range tests {
		got, err := parseList(strings.NewReader(tt.in))
		if err != nil {
			t.Fatalf("parseList(%q): %v", tt.in, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseList(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\ufeff# c\r\nhttps://x/\n-\n", "\x00", strings.Repeat("y", 70000), "\n\n\r\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := parseList(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, item := range got {
			if item == "" || item != strings.TrimSpace(item) || strings.HasPrefix(item, "#") || strings.ContainsAny(item, "\n\x00") {
				t.Fatalf("bad item %q from %q", item, in)
			}
		}
	})
}

func TestShard(t *testing.T) {
	var locs []string
	for i := range 1000 {
		locs = append(locs, fmt.Sprintf("/data/page-%04d.html", i))
	}
	for _, count := range []int{1, 2, 3, 7} {
		seen := map[string]int{}
		for index := range count {
			part := Shard(locs, index, count)
			if count > 1 && (len(part) < len(locs)/count/2 || len(part) > 2*len(locs)/count) {
				t.Errorf("count %d index %d: %d locators, badly unbalanced", count, index, len(part))
			}
			if !slices.IsSortedFunc(part, func(a, b string) int { return strings.Compare(a, b) }) {
				t.Errorf("count %d index %d: input order not kept", count, index)
			}
			for _, l := range part {
				seen[l]++
			}
		}
		if len(seen) != len(locs) {
			t.Errorf("count %d: %d of %d locators covered", count, len(seen), len(locs))
		}
		for l, n := range seen {
			if n != 1 {
				t.Errorf("count %d: %s in %d shards", count, l, n)
			}
		}
	}
	// Stable across runs and machines: a fixed assignment.
	if got := Shard([]string{"a", "b", "c", "d", "e"}, 0, 2); !reflect.DeepEqual(got, []string{"a", "b", "c", "e"}) {
		t.Errorf("Shard(a..e, 0, 2) = %q", got)
	}
	for _, bad := range [][2]int{{0, 0}, {-1, 2}, {2, 2}} {
		if got := Shard(locs, bad[0], bad[1]); got != nil {
			t.Errorf("Shard(index %d, count %d) = %d locators, want nil", bad[0], bad[1], len(got))
		}
	}
}
