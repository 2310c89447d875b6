package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// maxRobotsBytes caps a robots.txt body; Google reads the first 500 KiB (RFC 9309 §2.5 asks for at least that).
const maxRobotsBytes = 500 << 10

// fetcher fetches http(s) pages politely; safe for concurrent use.
type fetcher struct {
	opt    Options
	client *http.Client
	cache  *diskCache // nil when Options.CacheDir is empty

	mu     sync.Mutex
	hosts  map[string]*hostState   // by host:port
	robots map[string]*robotsEntry // by scheme://host:port (RFC 9309 §2.3)
}

// hostState holds the limits shared by all requests to one host.
type hostState struct {
	slots   chan struct{} // HostConcurrency tokens
	limiter *rate.Limiter // HostRate, lowered by Crawl-delay

	mu        sync.Mutex
	notBefore time.Time // from a Retry-After: no request to the host before this
}

type robotsEntry struct {
	mu    sync.Mutex
	done  bool
	group *robotstxt.Group // nil: all allowed
	err   error            // robots.txt unreachable: all disallowed, with this reason
}

func newFetcher(opt Options) (*fetcher, error) {
	dialer := &net.Dialer{Timeout: opt.Timeout, KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		dialer.Control = guardDial
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would hide the address the guard must check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   opt.Timeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConnsPerHost:   opt.HostConcurrency,
		IdleConnTimeout:       90 * time.Second,
		DisableCompression:    true, // we ask for gzip and br ourselves and cap the decoded size
	}
	f := &fetcher{
		opt:    opt,
		hosts:  map[string]*hostState{},
		robots: map[string]*robotsEntry{},
	}
	f.client = &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opt.MaxRedirects {
				return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, opt.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: redirect to %q", ErrUnsupportedScheme, req.URL.Redacted())
			}
			if opt.Robots {
				// The redirect target's robots.txt applies too (fetched through its host's limits).
				return f.robotsAllow(req.Context(), req.URL, f.host(req.URL))
			}
			return nil
		},
	}
	if opt.CacheDir != "" {
		c, err := newDiskCache(opt.CacheDir)
		if err != nil {
			return nil, err
		}
		f.cache = c
	}
	return f, nil
}

// host returns the shared state of u's host (by host and port, whatever the scheme).
func (f *fetcher) host(u *url.URL) *hostState {
	key := strings.ToLower(u.Host)
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[key]
	if h == nil {
		limit := rate.Inf
		if f.opt.HostRate > 0 {
			limit = rate.Limit(f.opt.HostRate)
		}
		h = &hostState{slots: make(chan struct{}, f.opt.HostConcurrency), limiter: rate.NewLimiter(limit, 1)}
		f.hosts[key] = h
	}
	return h
}

// acquire takes one of the host's connection slots and paces the request; the caller must
// call release.
func (h *hostState) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := h.pace(ctx); err != nil {
		h.release()
		return err
	}
	return nil
}

// pace waits for any Retry-After pause and the host's rate limit.
func (h *hostState) pace(ctx context.Context) error {
	h.mu.Lock()
	wait := time.Until(h.notBefore)
	h.mu.Unlock()
	if err := sleep(ctx, wait); err != nil {
		return err
	}
	return h.limiter.Wait(ctx)
}

func (h *hostState) release() { <-h.slots }

// pauseUntil holds back every request to the host until t (a Retry-After).
func (h *hostState) pauseUntil(t time.Time) {
	h.mu.Lock()
	if t.After(h.notBefore) {
		h.notBefore = t
	}
	h.mu.Unlock()
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// target parses and vets a URL locator and checks robots.txt for it.
func (f *fetcher) target(ctx context.Context, locator string) (*url.URL, *hostState, error) {
	u, err := url.Parse(locator)
	if err != nil {
		return nil, nil, fmt.Errorf("bad URL: %w", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, nil, fmt.Errorf("%w: %q", ErrUnsupportedScheme, u.Scheme)
	}
	if u.Host == "" {
		return nil, nil, fmt.Errorf("bad URL %q: no host", locator)
	}
	h := f.host(u)
	if f.opt.Robots {
		if err := f.robotsAllow(ctx, u, h); err != nil {
			return nil, nil, err
		}
	}
	return u, h, nil
}

// fetch gets one page: cache, robots.txt, then requests with retries. Failures are error Docs.
func (f *fetcher) fetch(ctx context.Context, locator string) Doc {
	doc := Doc{Locator: locator, Source: locator}
	var cached *cacheEntry
	if f.cache != nil {
		cached = f.cache.load(locator, f.opt.MaxDecompressedBytes)
		if cached != nil && time.Since(cached.StoredAt) < f.opt.CacheMaxAge {
			return cached.doc(doc)
		}
	}
	u, h, err := f.target(ctx, locator)
	if err != nil {
		return failed(doc, StageFetch, err)
	}
	var p *page
	err = f.retry(ctx, h, func() (time.Duration, error) {
		var retryAfter time.Duration
		var err error
		p, retryAfter, err = f.attempt(ctx, u, h, cached)
		return retryAfter, err
	})
	switch {
	case err != nil:
		return failed(doc, StageFetch, err)
	case p.notModified:
		f.cache.touch(locator, cached)
		return cached.doc(doc)
	case f.cache != nil:
		f.cache.store(locator, p)
	}
	return p.doc(doc)
}

// retry runs attempt until it succeeds, fails for good (see retryable), or Options.Retries
// retries are spent: waiting Backoff, doubled each time, or the Retry-After attempt returns,
// which also pauses every request to the host.
func (f *fetcher) retry(ctx context.Context, h *hostState, attempt func() (retryAfter time.Duration, err error)) error {
	for n := 0; ; n++ {
		retryAfter, err := attempt()
		if err == nil || ctx.Err() != nil || !retryable(err) || n >= f.opt.Retries {
			return err
		}
		wait := f.opt.Backoff << n
		if retryAfter > 0 {
			wait = retryAfter
		}
		if wait > f.opt.MaxRetryWait {
			return fmt.Errorf("%w (retry wait %v over fetch.max_retry_wait)", err, wait)
		}
		if retryAfter > 0 {
			h.pauseUntil(time.Now().Add(retryAfter)) // the next acquire waits, as do other workers
		} else if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// page is one successful response.
type page struct {
	url, contentType, etag, lastModified string
	body                                 []byte
	notModified                          bool      // 304 to a conditional request
	fetched                              time.Time // when the response arrived
}

func (p *page) doc(d Doc) Doc {
	d.URL, d.ContentType, d.Body, d.Fetched = p.url, p.contentType, p.body, p.fetched
	return d
}

// attempt makes one request for a page within Options.Timeout and reads its body.
func (f *fetcher) attempt(ctx context.Context, u *url.URL, h *hostState, cached *cacheEntry) (*page, time.Duration, error) {
	if err := h.acquire(ctx); err != nil {
		return nil, 0, err
	}
	defer h.release()
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	resp, retryAfter, err := f.send(ctx, u, cached)
	if err != nil {
		return nil, retryAfter, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return &page{notModified: true}, 0, nil
	}
	if resp.ContentLength > f.opt.MaxBodyBytes { // refuse before downloading
		return nil, 0, fmt.Errorf("%w: Content-Length %d over %d bytes", ErrTooLarge, resp.ContentLength, f.opt.MaxBodyBytes)
	}
	body, err := readBody(bufio.NewReader(resp.Body), resp.Header.Get("Content-Encoding"), f.opt)
	if err != nil {
		return nil, 0, err
	}
	return &page{
		url:          resp.Request.URL.String(),
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
		body:         body,
		fetched:      time.Now().UTC(),
	}, 0, nil
}

// send makes one GET (conditional when cached is set). It returns the response for a 2xx or a
// 304 to a conditional request; any other status is a *StatusError with the Retry-After
// delay, if any, and the body closed.
func (f *fetcher) send(ctx context.Context, u *url.URL, cached *cacheEntry) (*http.Response, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	req.Header.Set("Accept-Encoding", "gzip, br")
	if cached != nil {
		if cached.ETag != "" {
			req.Header.Set("If-None-Match", cached.ETag)
		}
		if cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	if (resp.StatusCode >= 200 && resp.StatusCode <= 299) || (resp.StatusCode == http.StatusNotModified && cached != nil) {
		return resp, 0, nil
	}
	resp.Body.Close()
	return nil, retryAfter(resp.Header.Get("Retry-After"), time.Now()), &StatusError{Code: resp.StatusCode, Status: resp.Status}
}

// openStream opens a remote file (a WARC) for streaming, with robots.txt, the host's limits
// and retries until the body starts. The body has no size cap (records are capped as read)
// and no overall deadline: it fails when no byte arrives for Options.Timeout. Closing it
// releases the host slot.
func (f *fetcher) openStream(ctx context.Context, locator string) (io.ReadCloser, error) {
	u, h, err := f.target(ctx, locator)
	if err != nil {
		return nil, err
	}
	var body io.ReadCloser
	err = f.retry(ctx, h, func() (time.Duration, error) {
		if err := h.acquire(ctx); err != nil {
			return 0, err
		}
		sctx, cancel := context.WithCancel(ctx)
		resp, retryAfter, err := f.send(sctx, u, nil)
		if err != nil {
			cancel()
			h.release()
			return retryAfter, err
		}
		idle := newIdleBody(resp.Body, f.opt.Timeout, cancel, h.release)
		decoded, err := decoder(idle, resp.Header.Get("Content-Encoding"))
		if err != nil {
			_ = idle.Close()
			return 0, err
		}
		body = struct {
			io.Reader
			io.Closer
		}{decoded, idle}
		return 0, nil
	})
	return body, err
}

// idleBody is a response body that fails when no data arrives for idle, and releases its
// host slot when closed.
type idleBody struct {
	rc      io.ReadCloser
	idle    time.Duration
	timer   *time.Timer
	stalled atomic.Bool
	cancel  context.CancelFunc
	release func()
	once    sync.Once
}

func newIdleBody(rc io.ReadCloser, idle time.Duration, cancel context.CancelFunc, release func()) *idleBody {
	b := &idleBody{rc: rc, idle: idle, cancel: cancel, release: release}
	b.timer = time.AfterFunc(idle, func() { b.stalled.Store(true); cancel() })
	return b
}

func (b *idleBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if n > 0 {
		b.timer.Reset(b.idle)
	}
	if err != nil && b.stalled.Load() {
		err = fmt.Errorf("no data for %v: %w", b.idle, context.DeadlineExceeded)
	}
	return n, err
}

func (b *idleBody) Close() error {
	err := b.rc.Close()
	b.once.Do(func() {
		b.timer.Stop()
		b.cancel()
		b.release()
	})
	return err
}

// retryable reports whether a failed attempt may succeed later: 429, 5xx, timeouts and
// other network errors; not refused addresses, robots.txt, redirect loops, size caps or other statuses.
func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	for _, permanent := range []error{ErrBlockedAddress, ErrTooManyRedirects, ErrUnsupportedScheme,
		ErrRobotsDisallowed, ErrTooLarge, ErrEmpty, ErrUnsupportedEncoding} {
		if errors.Is(err, permanent) {
			return false
		}
	}
	return true
}

// retryAfter parses a Retry-After value, delay-seconds or an HTTP date (RFC 9110 §10.2.3),
// relative to now; 0 when absent or invalid.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// robotsAllow checks u against its host's robots.txt (fetched once per host, through the same
// limits) and applies its Crawl-delay to h. Errors wrap ErrRobotsDisallowed.
func (f *fetcher) robotsAllow(ctx context.Context, u *url.URL, h *hostState) error {
	key := u.Scheme + "://" + strings.ToLower(u.Host)
	f.mu.Lock()
	e := f.robots[key]
	if e == nil {
		e = &robotsEntry{}
		f.robots[key] = e
	}
	f.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		robotsURL := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		group, err := f.fetchRobots(ctx, robotsURL, h)
		if ctx.Err() != nil {
			return ctx.Err() // not cached: a later caller tries again
		}
		e.group, e.err, e.done = group, err, true
		if group != nil && group.CrawlDelay > 0 {
			if l := rate.Every(group.CrawlDelay); l < h.limiter.Limit() {
				h.limiter.SetLimit(l)
			}
		}
	}
	if e.err != nil {
		if errors.Is(e.err, ErrBlockedAddress) {
			return blocked(e.err) // the host itself is refused; robots.txt is beside the point
		}
		if dnsErr := (*net.DNSError)(nil); errors.As(e.err, &dnsErr) {
			return dnsErr // no such host: likewise
		}
		return fmt.Errorf("%w: %w", ErrRobotsDisallowed, e.err)
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if e.group != nil && !e.group.Test(path) {
		return fmt.Errorf("%w: %s for %q", ErrRobotsDisallowed, path, f.opt.UserAgent)
	}
	return nil
}

// fetchRobots gets robots.txt: 2xx is parsed (unparsable allows all), 4xx allows all,
// 5xx and network errors disallow all (as Google does, and RFC 9309 §2.3.1.3-4).
//
// It is paced like any request but takes no connection slot: it may run while the caller
// holds one (a redirect from http to https on the same host), and there is at most one per
// scheme and host.
func (f *fetcher) fetchRobots(ctx context.Context, u *url.URL, h *hostState) (*robotstxt.Group, error) {
	if err := h.pace(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("robots.txt unreachable: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("robots.txt: %s", resp.Status)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, nil
	}
	// Rules past the cap are ignored, as RFC 9309 §2.5 allows.
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return nil, fmt.Errorf("robots.txt unreadable: %w", err)
	}
	data, err := robotstxt.FromBytes(body)
	if err != nil {
		return nil, nil // unparsable: no rules we can honour
	}
	return data.FindGroup(f.opt.UserAgent), nil
}

// blocked returns the innermost error of err's chain that is still
// ErrBlockedAddress: "refused non-public address: 127.0.0.1 (set
// fetch.allow_private ...)" without the robots.txt request and dial around it.
func blocked(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil || next == ErrBlockedAddress || !errors.Is(next, ErrBlockedAddress) {
			return err
		}
		err = next
	}
}
