package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// testOptions are DefaultOptions for httptest servers: loopback allowed, short waits, no rate limit.
func testOptions() Options {
	opt := DefaultOptions()
	opt.AllowPrivate = true
	opt.Timeout = 2 * time.Second
	opt.Backoff = 10 * time.Millisecond
	opt.HostRate = 0
	opt.Retries = 2
	return opt
}

// server is an httptest server counting requests by path.
type server struct {
	*httptest.Server
	mu    sync.Mutex
	count map[string]int
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	s := &server{count: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.count[r.URL.Path]++
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count[path]
}

const testPage = "<html><head><title>Baradar</title></head><body><p>Mullah Baradar was listed.</p></body></html>"

func TestFetchOK(t *testing.T) {
	var gotUA, gotAE string
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
			return
		case "/old":
			http.Redirect(w, r, "/plain", http.StatusMovedPermanently)
			return
		}
		gotUA, gotAE = r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			_, _ = zw.Write([]byte(testPage))
			_ = zw.Close()
		case "/br":
			w.Header().Set("Content-Encoding", "br")
			bw := brotli.NewWriter(w)
			_, _ = bw.Write([]byte(testPage))
			_ = bw.Close()
		case "/compress":
			w.Header().Set("Content-Encoding", "compress")
			_, _ = w.Write([]byte(testPage))
		default:
			_, _ = w.Write([]byte(testPage))
		}
	})
	opt := testOptions()
	opt.UserAgent = "sanctionscan-test/0.1"
	for _, path := range []string{"/plain", "/gzip", "/br", "/old"} {
		t.Run(path, func(t *testing.T) {
			d := readOne(t, opt, s.URL+path)
			if d.Err != nil {
				t.Fatalf("err %v (stage %s)", d.Err, d.Stage)
			}
			wantURL := s.URL + path
			if path == "/old" {
				wantURL = s.URL + "/plain"
			}
			if string(d.Body) != testPage || d.URL != wantURL || d.Source != s.URL+path || d.Locator != s.URL+path ||
				d.ContentType != "text/html; charset=windows-1251" {
				t.Errorf("doc = %+v", d)
			}
			if gotUA != opt.UserAgent || gotAE != "gzip, br" {
				t.Errorf("request User-Agent %q Accept-Encoding %q", gotUA, gotAE)
			}
		})
	}
	d := readOne(t, opt, s.URL+"/compress")
	if !errors.Is(d.Err, ErrUnsupportedEncoding) || d.Stage != StageFetch || s.hits("/compress") != 1 {
		t.Errorf("unknown encoding: err %v stage %q after %d requests", d.Err, d.Stage, s.hits("/compress"))
	}
}

func TestFetchErrors(t *testing.T) {
	var flaky atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt", "/missing":
			http.NotFound(w, r)
		case "/error":
			http.Error(w, "boom", http.StatusInternalServerError)
		case "/flaky": // two 503s, then the page
			if flaky.Add(1) <= 2 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			_, _ = w.Write([]byte(testPage))
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/to-ftp":
			http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
		case "/stall":
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		case "/endless":
			w.Header().Set("Content-Type", "text/html")
			chunk := bytes.Repeat([]byte("<p>more</p>"), 1000)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/bomb": // an endless stream of gzipped zeros
			w.Header().Set("Content-Encoding", "gzip")
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
			zw := gzip.NewWriter(w)
			zeros := make([]byte, 1<<20)
			for r.Context().Err() == nil {
				if _, err := zw.Write(zeros); err != nil {
					return
				}
			}
		case "/huge": // announces its size
			w.Header().Set("Content-Length", "2000000000")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(testPage))
		case "/empty":
			w.WriteHeader(http.StatusOK)
		}
	})
	opt := testOptions()
	opt.Retries = 1
	opt.MaxBodyBytes = 1 << 20
	opt.MaxDecompressedBytes = 4 << 20
	tests := []struct {
		path     string
		wantErr  error
		wantCode int // for *StatusError
		wantHits int // requests for path
	}{
		{"/missing", nil, 404, 1},
		{"/error", nil, 500, 2}, // retried once
		{"/loop", ErrTooManyRedirects, 0, 6},
		{"/to-ftp", ErrUnsupportedScheme, 0, 1},
		{"/stall", context.DeadlineExceeded, 0, 2},
		{"/endless", ErrTooLarge, 0, 1},
		{"/bomb", ErrTooLarge, 0, 1},
		{"/huge", ErrTooLarge, 0, 1},
		{"/empty", ErrEmpty, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			opt := opt
			if tt.path == "/stall" {
				opt.Timeout = 300 * time.Millisecond
			}
			start := time.Now()
			d := readOne(t, opt, s.URL+tt.path)
			if d.Err == nil || d.Stage != StageFetch || d.Body != nil || d.Source != s.URL+tt.path {
				t.Fatalf("doc = err %v stage %q body %d bytes source %q, want a fetch error", d.Err, d.Stage, len(d.Body), d.Source)
			}
			var se *StatusError
			if tt.wantCode != 0 && (!errors.As(d.Err, &se) || se.Code != tt.wantCode) {
				t.Errorf("err = %v, want HTTP %d", d.Err, tt.wantCode)
			}
			if tt.wantErr != nil && !errors.Is(d.Err, tt.wantErr) {
				t.Errorf("err = %v, want %v", d.Err, tt.wantErr)
			}
			if got := s.hits(tt.path); got != tt.wantHits {
				t.Errorf("%d requests, want %d", got, tt.wantHits)
			}
			if el := time.Since(start); el > 2*opt.Timeout+time.Second {
				t.Errorf("took %v: not bounded", el)
			}
		})
	}
	opt.Retries = 2
	d := readOne(t, opt, s.URL+"/flaky")
	if d.Err != nil || string(d.Body) != testPage {
		t.Errorf("after 503s: err %v body %q", d.Err, d.Body)
	}
}

func TestFetchRetryAfter(t *testing.T) {
	var n atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow-down":
			if n.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "too many", http.StatusTooManyRequests)
				return
			}
			_, _ = w.Write([]byte(testPage))
		case "/come-back-tomorrow":
			w.Header().Set("Retry-After", "86400")
			http.Error(w, "too many", http.StatusTooManyRequests)
		default:
			http.NotFound(w, r)
		}
	})
	opt := testOptions()
	start := time.Now()
	d := readOne(t, opt, s.URL+"/slow-down")
	if el := time.Since(start); d.Err != nil || el < time.Second || el > 3*time.Second {
		t.Errorf("err %v after %v, want the page after waiting the 1s Retry-After", d.Err, el)
	}
	start = time.Now()
	d = readOne(t, opt, s.URL+"/come-back-tomorrow")
	var se *StatusError
	if !errors.As(d.Err, &se) || se.Code != 429 || s.hits("/come-back-tomorrow") != 1 || time.Since(start) > time.Second {
		t.Errorf("err %v after %d requests: want HTTP 429 at once", d.Err, s.hits("/come-back-tomorrow"))
	}
}

func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2026, 11, 29, 21, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{" 0 ", 0},
		{"-5", 0},
		{"soon", 0},
		{"Sun, 29 Nov 2026 21:00:30 GMT", 30 * time.Second},
		{"Sun, 29 Nov 2026 20:00:00 GMT", 0}, // in the past
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestFetchURLSafety: by default loopback is refused after resolution, before any request.
func TestFetchURLSafety(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(testPage)) })
	opt := testOptions()
	opt.AllowPrivate = false
	port := s.Listener.Addr().(interface{ AddrPort() netip.AddrPort }).AddrPort().Port()
	for _, u := range []string{
		s.URL + "/page",
		fmt.Sprintf("http://localhost:%d/page", port), // a name resolving to loopback
		fmt.Sprintf("http://0.0.0.0:%d/page", port),
		fmt.Sprintf("http://[::1]:%d/page", port),
	} {
		d := readOne(t, opt, u)
		if !errors.Is(d.Err, ErrBlockedAddress) || d.Stage != StageFetch ||
			!strings.HasPrefix(d.Err.Error(), ErrBlockedAddress.Error()+": ") || !strings.Contains(d.Err.Error(), "allow_private") {
			t.Errorf("%s: err %v stage %q, want ErrBlockedAddress saying so first", u, d.Err, d.Stage)
		}
	}
	for _, u := range []string{"ftp://example.com/a.html", "file:///etc/passwd", "gopher://x/"} {
		if d := readOne(t, opt, u); !errors.Is(d.Err, ErrUnsupportedScheme) || d.Stage != StageFetch {
			t.Errorf("%s: err %v stage %q, want ErrUnsupportedScheme", u, d.Err, d.Stage)
		}
	}
	if n := s.hits("/page") + s.hits("/robots.txt"); n != 0 {
		t.Errorf("%d requests reached the refused server", n)
	}
}

func TestIsPublic(t *testing.T) {
	tests := map[string]bool{
		"93.184.216.34": true, "2606:4700::1111": true, "8.8.8.8": true,
		"127.0.0.1": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "fe80::1": false, "fc00::1": false, "0.0.0.0": false, "::": false,
		"100.64.0.1": false, "224.0.0.1": false, "255.255.255.255": false, "::ffff:127.0.0.1": false,
		"::ffff:10.0.0.1": false, "198.18.0.1": false,
	}
	for ip, want := range tests {
		if got := isPublic(netip.MustParseAddr(ip)); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", ip, got, want)
		}
	}
}

func TestFetchRobots(t *testing.T) {
	robots := "User-agent: *\nDisallow: /private\nCrawl-delay: 0.2\n\nUser-agent: othercrawler\nDisallow: /\n"
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			_, _ = w.Write([]byte(robots))
		case "/short-link":
			http.Redirect(w, r, "/private/report.html", http.StatusFound)
		default:
			_, _ = w.Write([]byte(testPage))
		}
	})
	opt := testOptions()
	r, err := NewReader(opt)
	if err != nil {
		t.Fatal(err)
	}
	read := func(u string) Doc {
		var got Doc
		if err := r.Read(context.Background(), u, func(d Doc) error { got = d; return nil }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if d := read(s.URL + "/private/report.html"); !errors.Is(d.Err, ErrRobotsDisallowed) || d.Stage != StageFetch {
		t.Errorf("disallowed page: err %v stage %q", d.Err, d.Stage)
	}
	if d := read(s.URL + "/short-link"); !errors.Is(d.Err, ErrRobotsDisallowed) || s.hits("/short-link") != 1 {
		t.Errorf("redirect to a disallowed page: err %v after %d requests", d.Err, s.hits("/short-link"))
	}
	start := time.Now()
	for _, p := range []string{"/news/1.html", "/news/2.html", "/news/3.html"} {
		if d := read(s.URL + p); d.Err != nil {
			t.Errorf("%s: %v", p, d.Err)
		}
	}
	if el := time.Since(start); el < 350*time.Millisecond {
		t.Errorf("3 requests with Crawl-delay 0.2 took %v, want >= 400ms", el)
	}
	if s.hits("/private/report.html") != 0 || s.hits("/robots.txt") != 1 {
		t.Errorf("private fetched %d times, robots.txt %d times; want 0 and 1", s.hits("/private/report.html"), s.hits("/robots.txt"))
	}
	opt.Robots = false
	if d := readOne(t, opt, s.URL+"/private/report.html"); d.Err != nil {
		t.Errorf("robots off: %v", d.Err)
	}
}

func TestFetchRobotsServerError(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		_, _ = w.Write([]byte(testPage))
	})
	d := readOne(t, testOptions(), s.URL+"/a.html")
	if !errors.Is(d.Err, ErrRobotsDisallowed) || s.hits("/a.html") != 0 {
		t.Errorf("5xx robots.txt: err %v, page fetched %d times; want disallowed, 0", d.Err, s.hits("/a.html"))
	}
}

func TestFetchCache(t *testing.T) {
	const etag = `"v1"`
	var conditional atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(testPage))
	})
	opt := testOptions()
	opt.CacheDir = t.TempDir()
	check := func(run string) {
		t.Helper()
		d := readOne(t, opt, s.URL+"/a.html")
		if d.Err != nil || string(d.Body) != testPage || d.URL != s.URL+"/a.html" || d.ContentType != "text/html; charset=utf-8" {
			t.Errorf("%s: doc %+v", run, d)
		}
	}
	check("first run")
	check("re-run") // a new Reader on the same cache: served from disk
	if n := s.hits("/a.html"); n != 1 {
		t.Errorf("re-run within cache_max_age made %d requests in all, want 1", n)
	}
	opt.CacheMaxAge = 0 // always revalidate
	check("revalidated")
	if n, c := s.hits("/a.html"), conditional.Load(); n != 2 || c != 1 {
		t.Errorf("revalidation: %d requests, %d conditional; want 2 and 1 (a 304)", n, c)
	}

	// A damaged entry is a cache miss, and is replaced.
	c := &diskCache{dir: opt.CacheDir}
	if err := os.WriteFile(c.path(s.URL+"/a.html"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt.CacheMaxAge = time.Hour
	check("damaged entry")
	check("repaired entry")
	if n, c := s.hits("/a.html"), conditional.Load(); n != 3 || c != 1 {
		t.Errorf("after damage: %d requests, %d conditional; want 3 and 1", n, c)
	}

	// A cache directory that cannot be made is an options error.
	opt.CacheDir = filepath.Join(c.path(s.URL+"/a.html"), "sub") // under the entry file
	if _, err := NewReader(opt); !errors.Is(err, ErrOptions) {
		t.Errorf("cache dir under a file: err %v, want ErrOptions", err)
	}
}

func TestFetchHostLimits(t *testing.T) {
	var inFlight, peak atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
		_, _ = w.Write([]byte(testPage))
	})
	opt := testOptions()
	opt.Robots = false
	opt.HostConcurrency = 2
	r, _ := NewReader(opt)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			_ = r.Read(context.Background(), fmt.Sprintf("%s/p%d", s.URL, i), func(d Doc) error {
				if d.Err != nil {
					t.Error(d.Err)
				}
				return nil
			})
		})
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak %d requests in flight to one host, want 2", p)
	}

	opt.HostConcurrency = 4
	opt.HostRate = 20
	r, _ = NewReader(opt)
	start := time.Now()
	for i := range 5 {
		_ = r.Read(context.Background(), fmt.Sprintf("%s/r%d", s.URL, i), func(Doc) error { return nil })
	}
	if el := time.Since(start); el < 200*time.Millisecond {
		t.Errorf("5 requests at 20/s took %v, want >= 200ms", el)
	}
}

// TestFetchCancelled: a fetch cut short by cancellation emits nothing (a resumed run refetches it).
func TestFetchCancelled(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	opt := testOptions()
	opt.Robots = false
	r, _ := NewReader(opt)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	emitted := 0
	err := r.Read(ctx, s.URL+"/slow", func(Doc) error { emitted++; return nil })
	if !errors.Is(err, context.DeadlineExceeded) || emitted != 0 {
		t.Fatalf("err %v, %d docs emitted; want the context's error and none", err, emitted)
	}
}

// TestRobotsWhileHoldingSlot: robots.txt for a redirect target on the same host (http → https)
// is fetched while the request holds the host's only slot; it must not wait for that slot.
func TestRobotsWhileHoldingSlot(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("User-agent: *\nDisallow: /x\n"))
	})
	opt := testOptions()
	opt.HostConcurrency = 1
	r, _ := NewReader(opt)
	u, _ := url.Parse(s.URL + "/robots.txt")
	h := r.fetcher.host(u)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := h.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	defer h.release()
	group, err := r.fetcher.fetchRobots(ctx, u, h)
	if err != nil || group == nil || group.Test("/x") {
		t.Fatalf("group %v, err %v: want the rules fetched without a free slot", group, err)
	}
}

// TestFetchNoSuchHost: a host that does not resolve is reported as such,
// not as a robots.txt that could not be read.
func TestFetchNoSuchHost(t *testing.T) {
	opt := testOptions()
	opt.AllowPrivate = false
	d := readOne(t, opt, "http://no-such-host.invalid/page") // RFC 2606: never resolves
	var dnsErr *net.DNSError
	if !errors.As(d.Err, &dnsErr) || errors.Is(d.Err, ErrRobotsDisallowed) || d.Stage != StageFetch {
		t.Errorf("err %v stage %q, want the DNS error", d.Err, d.Stage)
	}
}
