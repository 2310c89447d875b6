package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
)

func gz(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// readAll reads locator with a new Reader and returns its Docs.
func readAll(t testing.TB, opt Options, locator string) []Doc {
	t.Helper()
	r, err := NewReader(opt)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	if err := r.Read(context.Background(), locator, func(d Doc) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	return docs
}

// readOne reads locator and fails unless it yields exactly one Doc.
func readOne(t testing.TB, opt Options, locator string) Doc {
	t.Helper()
	docs := readAll(t, opt, locator)
	if len(docs) != 1 {
		t.Fatalf("%s: %d docs, want 1", locator, len(docs))
	}
	return docs[0]
}

func TestReadFiles(t *testing.T) {
	page := "<html><head><title>Taliban</title></head><body><p>Baradar</p></body></html>"
	binary := string([]byte{0x00, 0xff, 0xfe, 0x89, 'P', 'N', 'G', 0x00, 0x01})
	zipped := gz(t, page)
	dir := writeTree(t, map[string]string{
		"page.html":        page,
		"page.html.gz":     gz(t, page),
		"gzipped.html":     gz(t, page), // gzip bytes without the .gz name
		"empty.html":       "",
		"empty.html.gz":    gz(t, ""),
		"binary.html":      binary,
		"truncated.htm.gz": zipped[:len(zipped)-12], // gzip trailer and the end of the stream cut
		"notgzip.html.gz":  page,                    // named .gz but plain: read as is
		"sub/x.html":       page,
	})
	j := func(p string) string { return filepath.Join(dir, p) }
	tests := []struct {
		locator  string
		wantBody string
		wantErr  error  // errors.Is target, nil for ok
		errText  string // substring of the error, when wantErr is not a sentinel
	}{
		{j("page.html"), page, nil, ""},
		{j("page.html.gz"), page, nil, ""},
		{j("gzipped.html"), page, nil, ""},
		{j("notgzip.html.gz"), page, nil, ""},
		{j("binary.html"), binary, nil, ""}, // extraction decides what binary bytes are
		{j("empty.html"), "", ErrEmpty, ""},
		{j("empty.html.gz"), "", ErrEmpty, ""},
		{j("truncated.htm.gz"), "", io.ErrUnexpectedEOF, ""},
		{j("missing.html"), "", os.ErrNotExist, ""},
		{j("sub"), "", nil, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.locator), func(t *testing.T) {
			d := readOne(t, DefaultOptions(), tt.locator)
			if d.Locator != tt.locator || d.Source != tt.locator || d.URL != "" || d.ContentType != "" {
				t.Errorf("doc identity = %+v", d)
			}
			if tt.wantErr == nil && tt.errText == "" {
				if d.Err != nil || d.Stage != "" || string(d.Body) != tt.wantBody {
					t.Fatalf("got err=%v stage=%q body=%q, want body %q", d.Err, d.Stage, d.Body, tt.wantBody)
				}
				return
			}
			if d.Err == nil || d.Stage != StageRead || d.Body != nil {
				t.Fatalf("got err=%v stage=%q body=%d bytes, want a read error", d.Err, d.Stage, len(d.Body))
			}
			if tt.wantErr != nil && !errors.Is(d.Err, tt.wantErr) {
				t.Errorf("err = %v, want %v", d.Err, tt.wantErr)
			}
			if tt.errText != "" && !strings.Contains(d.Err.Error(), tt.errText) {
				t.Errorf("err = %v, want it to mention %q", d.Err, tt.errText)
			}
		})
	}
}

// TestReadLargePage: a 30 MB page is refused by default and passed when the caps allow it.
func TestReadLargePage(t *testing.T) {
	big := "<html><body><p>" + strings.Repeat("sanctions ", 3<<20) + "</p></body></html>" // ~30 MB
	dir := writeTree(t, map[string]string{"big.html": big})
	path := filepath.Join(dir, "big.html")

	d := readOne(t, DefaultOptions(), path)
	if !errors.Is(d.Err, ErrTooLarge) || d.Stage != StageRead || d.Body != nil {
		t.Fatalf("default caps: err=%v stage=%q body=%d, want ErrTooLarge", d.Err, d.Stage, len(d.Body))
	}
	opt := DefaultOptions()
	opt.MaxBodyBytes = 64 << 20
	d = readOne(t, opt, path)
	if d.Err != nil || len(d.Body) != len(big) {
		t.Fatalf("raised cap: err=%v body=%d bytes, want %d", d.Err, len(d.Body), len(big))
	}
}

// writeGzipBomb streams n zero bytes through gzip into a temp file (about n/1000 bytes on disk).
func writeGzipBomb(t testing.TB, n int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bomb.html.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= int64(len(zeros)) {
		if _, err := zw.Write(zeros[:min(left, int64(len(zeros)))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadGzipBomb: 1 GB of zeros, gzipped, stops at MaxDecompressedBytes with bounded memory.
func TestReadGzipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1 GB gzip bomb (a few MB on disk)")
	}
	path := writeGzipBomb(t, 1<<30)
	opt := DefaultOptions()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	d := readOne(t, opt, path)
	runtime.ReadMemStats(&after)
	if !errors.Is(d.Err, ErrTooLarge) || d.Stage != StageRead || d.Body != nil {
		t.Fatalf("err=%v stage=%q body=%d bytes, want ErrTooLarge", d.Err, d.Stage, len(d.Body))
	}
	// io.ReadAll grows its buffer to the cap (32 MiB) at most, doubling: < 4× the cap in total.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4*uint64(opt.MaxDecompressedBytes) {
		t.Errorf("allocated %d MB reading a bomb capped at %d MB", grew>>20, opt.MaxDecompressedBytes>>20)
	}
}

func TestReadCancelled(t *testing.T) {
	r, err := NewReader(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	err = r.Read(ctx, "/nonexistent.html", func(Doc) error { called = true; return nil })
	if !errors.Is(err, context.Canceled) || called {
		t.Fatalf("err=%v emitted=%v, want context.Canceled and nothing emitted", err, called)
	}
}

func TestReadEmitError(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.html": "<p>x</p>"})
	r, _ := NewReader(DefaultOptions())
	stop := errors.New("sink full")
	if err := r.Read(context.Background(), filepath.Join(dir, "a.html"), func(Doc) error { return stop }); err != stop {
		t.Fatalf("err = %v, want emit's error", err)
	}
}

func TestNewReaderValidates(t *testing.T) {
	for name, mutate := range map[string]func(*Options){
		"timeout":     func(o *Options) { o.Timeout = 0 },
		"body cap":    func(o *Options) { o.MaxBodyBytes = 0 },
		"decomp cap":  func(o *Options) { o.MaxDecompressedBytes = -1 },
		"user agent":  func(o *Options) { o.UserAgent = "" },
		"rate":        func(o *Options) { o.HostRate = -1 },
		"concurrency": func(o *Options) { o.HostConcurrency = 0 },
		"retries":     func(o *Options) { o.Retries = -1 },
		"backoff":     func(o *Options) { o.Backoff = -1 },
		"redirects":   func(o *Options) { o.MaxRedirects = -1 },
	} {
		opt := DefaultOptions()
		mutate(&opt)
		if _, err := NewReader(opt); !errors.Is(err, ErrOptions) {
			t.Errorf("%s: err = %v, want ErrOptions", name, err)
		}
	}
	if _, err := NewReader(DefaultOptions()); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

// TestReadConcurrent: one Reader shared by workers gives each locator its own Doc.
func TestReadConcurrent(t *testing.T) {
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("p%02d.html", i)] = fmt.Sprintf("<p>page %d</p>", i)
	}
	dir := writeTree(t, files)
	locs, err := Expand(context.Background(), []string{dir}, nil)
	if err != nil || len(locs) != 50 {
		t.Fatalf("Expand: %d locators, err %v", len(locs), err)
	}
	r, _ := NewReader(DefaultOptions())
	var wg sync.WaitGroup
	got := make([]string, len(locs))
	for i, l := range locs {
		wg.Go(func() {
			_ = r.Read(context.Background(), l, func(d Doc) error { got[i] = string(d.Body); return nil })
		})
	}
	wg.Wait()
	for i, l := range locs {
		if want := files[filepath.Base(l)]; got[i] != want {
			t.Errorf("%s: body %q, want %q", l, got[i], want)
		}
	}
}

// BenchmarkReadFiles reads a directory of 200 pages of ~60 KB (half gzipped), as the run does.
func BenchmarkReadFiles(b *testing.B) {
	page := "<html><body>" + strings.Repeat("<p>The Security Council committee designated the entity.</p>\n", 1000) + "</body></html>"
	files := map[string]string{}
	for i := range 100 {
		files[fmt.Sprintf("p%03d.html", i)] = page
		files[fmt.Sprintf("p%03d.html.gz", i)] = gz(b, page)
	}
	dir := writeTree(b, files)
	r, err := NewReader(DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(200 * len(page)))
	b.ReportAllocs()
	for b.Loop() {
		locs, _ := Expand(ctx, []string{dir}, nil)
		for _, l := range locs {
			if err := r.Read(ctx, l, func(d Doc) error { return d.Err }); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestFetchedTime: a file's Doc carries its modification time, the reference
// extraction uses for "now", so re-runs over the same files agree.
func TestFetchedTime(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(p, []byte("<html><body><p>x</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 6, 5, 6, 0, 0, 0, time.UTC)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var got Doc
	if err := r.Read(context.Background(), p, func(d Doc) error { got = d; return nil }); err != nil {
		t.Fatal(err)
	}
	if !got.Fetched.Equal(when) {
		t.Errorf("Fetched = %v, want %v", got.Fetched, when)
	}
}
