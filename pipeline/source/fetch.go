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
	hosts  map[string]*hostState // by scheme://host:port
	robots map[string]*robotsEntry
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

// host returns the shared state of u's host.
func (f *fetcher) host(u *url.URL) *hostState {
	key := u.Scheme + "://" + u.Host
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

// acquire takes one of the host's connection slots and waits for its rate limit and any
// Retry-After pause; the caller must call release.
func (h *hostState) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	wait := time.Until(h.notBefore)
	h.mu.Unlock()
	if err := sleep(ctx, wait); err != nil {
		h.release()
		return err
	}
	if err := h.limiter.Wait(ctx); err != nil {
		h.release()
		return err
	}
	return nil
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

// fetch gets one page: cache, robots.txt, then requests with retries. Failures are error Docs.
func (f *fetcher) fetch(ctx context.Context, locator string) Doc {
	doc := Doc{Locator: locator, Source: locator}
	u, err := url.Parse(locator)
	if err != nil {
		return failed(doc, StageFetch, fmt.Errorf("bad URL: %w", err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return failed(doc, StageFetch, fmt.Errorf("%w: %q", ErrUnsupportedScheme, u.Scheme))
	}
	if u.Host == "" {
		return failed(doc, StageFetch, fmt.Errorf("bad URL %q: no host", locator))
	}
	var cached *cacheEntry
	if f.cache != nil {
		cached = f.cache.load(locator, f.opt.MaxDecompressedBytes)
		if cached != nil && time.Since(cached.StoredAt) < f.opt.CacheMaxAge {
			return cached.doc(doc)
		}
	}
	h := f.host(u)
	if f.opt.Robots {
		if err := f.robotsAllow(ctx, u, h); err != nil {
			return failed(doc, StageFetch, err)
		}
	}
	for attempt := 0; ; attempt++ {
		page, retryAfter, err := f.attempt(ctx, u, h, cached)
		if err == nil {
			if page.notModified {
				f.cache.touch(locator, cached)
				return cached.doc(doc)
			}
			if f.cache != nil {
				f.cache.store(locator, page)
			}
			return page.doc(doc)
		}
		if ctx.Err() != nil || !retryable(err) || attempt >= f.opt.Retries {
			return failed(doc, StageFetch, err)
		}
		wait := f.opt.Backoff << attempt
		if retryAfter > 0 {
			wait = retryAfter
		}
		if wait > f.opt.MaxRetryWait {
			return failed(doc, StageFetch, fmt.Errorf("%w (retry wait %v over fetch.max_retry_wait)", err, wait))
		}
		if retryAfter > 0 {
			h.pauseUntil(time.Now().Add(retryAfter)) // the next acquire waits, as do other workers
		} else if err := sleep(ctx, wait); err != nil {
			return failed(doc, StageFetch, err)
		}
	}
}

// page is one successful response.
type page struct {
	url, contentType, etag, lastModified string
	body                                 []byte
	notModified                          bool // 304 to a conditional request
}

func (p *page) doc(d Doc) Doc {
	d.URL, d.ContentType, d.Body = p.url, p.contentType, p.body
	return d
}

// attempt makes one request within Options.Timeout. A 429 or 5xx is a *StatusError with the
// Retry-After delay, if any.
func (f *fetcher) attempt(ctx context.Context, u *url.URL, h *hostState, cached *cacheEntry) (*page, time.Duration, error) {
	if err := h.acquire(ctx); err != nil {
		return nil, 0, err
	}
	defer h.release()
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
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
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && cached != nil:
		return &page{notModified: true}, 0, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, retryAfter(resp.Header.Get("Retry-After"), time.Now()), &StatusError{Code: resp.StatusCode, Status: resp.Status}
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
	}, 0, nil
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
	key := u.Scheme + "://" + u.Host
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
func (f *fetcher) fetchRobots(ctx context.Context, u *url.URL, h *hostState) (*robotstxt.Group, error) {
	if err := h.acquire(ctx); err != nil {
		return nil, err
	}
	defer h.release()
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
