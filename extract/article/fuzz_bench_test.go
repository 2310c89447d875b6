package article

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract: any bytes give an article with valid UTF-8 text or an error
// wrapping one of the sentinels; never a panic (a recovered third-party
// panic, ErrExtractor, fails too).
func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.html")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte("<html><body><p>x</p></body></html>"), "text/html; charset=koi8-r")
	f.Add([]byte("<script type=\"application/ld+json\">{\"@graph\":[{\"@id\":\"a\",\"author\":{\"@id\":\"a\"}}]}</script><p>loop</p>"), "")
	f.Add([]byte("\x1f\x8b\x08"), "")
	f.Add([]byte("<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>"), "")
	e, err := New(DefaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		a, err := e.Extract(Input{Body: body, ContentType: contentType})
		if err != nil {
			if errors.Is(err, ErrExtractor) {
				t.Fatalf("extractor failure on %q: %v", body, err)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotHTML) && !errors.Is(err, ErrNoArticle) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		if a.Text == "" || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Author) {
			t.Fatalf("bad article from %q: %+v", body, a)
		}
	})
}

// BenchmarkExtract extracts the first 20 Zyte benchmark pages (real news
// pages, 50–500 KB) per iteration; reports pages/s.
func BenchmarkExtract(b *testing.B) {
	dir := sharedDir(b, "data/html/zyte-article-extraction-benchmark/html")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if len(files) > 20 {
		files = files[:20]
	}
	var bodies [][]byte
	size := 0
	for _, f := range files {
		body, err := ReadMaybeGzip(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
		size += len(body)
	}
	e, err := New(DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, body := range bodies {
			if _, err := e.Extract(Input{Body: body}); err != nil && !errors.Is(err, ErrNoArticle) {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(bodies))/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkDecode measures charset decoding alone on the 426 chardet
// samples (mostly legacy encodings that need detection).
func BenchmarkDecode(b *testing.B) {
	dir := sharedDir(b, "data/html/chardet-encoding-samples/tests")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	var bodies [][]byte
	size := 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
		size += len(body)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, body := range bodies {
			Decode(body, "")
		}
	}
}
