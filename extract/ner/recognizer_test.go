package ner

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns ../shared/data relative to the module root, or skips.
func sharedData(t testing.TB) string {
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
			t.Skip("go.mod not found")
		}
		dir = parent
	}
	d := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not found at %s (needs ../shared next to the repo)", d)
	}
	return d
}

func newTestRecognizer(t testing.TB, gaz ...GazetteerEntry) *Recognizer {
	t.Helper()
	r, err := New(Options{Gazetteer: gaz})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checkOffsets fails unless every mention's code-point span reproduces its text.
func checkOffsets(t *testing.T, text string, ms []Mention) {
	t.Helper()
	rs := []rune(text)
	last := -1
	for _, m := range ms {
		if m.Start < 0 || m.End > len(rs) || m.Start >= m.End {
			t.Fatalf("mention %+v: bad offsets for text of %d runes", m, len(rs))
		}
		if got := string(rs[m.Start:m.End]); got != m.Text {
			t.Errorf("mention %+v: text[%d:%d] = %q", m, m.Start, m.End, got)
		}
		if m.Start < last {
			t.Errorf("mention %+v out of text order", m)
		}
		last = m.Start
	}
}

func TestSeedArticleOffsets(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedData(t), "seed", "article.txt"))
	if err != nil {
		t.Skipf("seed article: %v", err)
	}
	r := newTestRecognizer(t)
	ms := r.Recognize(string(b))
	if len(ms) < 30 {
		t.Fatalf("only %d mentions", len(ms))
	}
	checkOffsets(t, string(b), ms)
}
