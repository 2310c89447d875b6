package source

import (
	"fmt"
	"time"
)

// Options configure how inputs are read and fetched (config key `fetch`).
// Durations decode from strings such as "30s" (viper's default decode hooks).
type Options struct {
	// Timeout bounds one HTTP attempt: connect, headers and the whole body. For a remote WARC
	// file, which is streamed, it is the longest wait for more bytes. Default 30s.
	Timeout time.Duration `mapstructure:"timeout"`
	// MaxBodyBytes caps the bytes read for one document before decompression: a file, an HTTP
	// body as sent on the wire, a WARC record payload. Larger inputs become error Docs wrapping
	// ErrTooLarge rather than truncated pages. Default 16 MiB.
	MaxBodyBytes int64 `mapstructure:"max_body_bytes"`
	// MaxDecompressedBytes caps Doc.Body after gzip (files, Content-Encoding) or brotli
	// decoding, so a gzip bomb stops here with ErrTooLarge. Default 32 MiB.
	MaxDecompressedBytes int64 `mapstructure:"max_decompressed_bytes"`
	// UserAgent is sent with every request and is the agent matched in robots.txt.
	UserAgent string `mapstructure:"user_agent"`
	// Robots makes fetching honour robots.txt (Allow/Disallow and Crawl-delay for UserAgent;
	// a 4xx robots.txt allows all, a 5xx or unreachable one disallows all, as Google does). Default true.
	Robots bool `mapstructure:"robots"`
	// HostRate is the most requests per second sent to one host (robots.txt included); 0 means
	// no limit. A robots.txt Crawl-delay slows it further. Default 1.
	HostRate float64 `mapstructure:"host_rate"`
	// HostConcurrency is the most requests in flight to one host at a time. Default 2.
	HostConcurrency int `mapstructure:"host_concurrency"`
	// Retries is how many times a request is repeated after a 429, a 5xx or a network error. Default 3.
	Retries int `mapstructure:"retries"`
	// Backoff is the wait before the first retry; it doubles for each further retry. A
	// Retry-After header (seconds or HTTP date, RFC 9110 §10.2.3) replaces it. Default 1s.
	Backoff time.Duration `mapstructure:"backoff"`
	// MaxRetryWait is the longest single wait before a retry; a longer Retry-After gives up at
	// once with the status as the error. Default 2m.
	MaxRetryWait time.Duration `mapstructure:"max_retry_wait"`
	// MaxRedirects is the most redirects followed per request; more fail with ErrTooManyRedirects.
	// Each target is checked against its robots.txt; the hops are not rate-limited. Default 5.
	MaxRedirects int `mapstructure:"max_redirects"`
	// CacheDir, when set, keeps fetched pages on disk keyed by URL. A page younger than
	// CacheMaxAge is served without a request; an older one is revalidated with
	// If-None-Match/If-Modified-Since from its ETag/Last-Modified, so a re-run does not refetch.
	CacheDir string `mapstructure:"cache_dir"`
	// CacheMaxAge is how long a cached page is served without revalidation; 0 always revalidates.
	// Default 24h.
	CacheMaxAge time.Duration `mapstructure:"cache_max_age"`
	// AllowPrivate permits loopback, private (RFC 1918, RFC 4193), link-local, shared (RFC 6598)
	// and unspecified addresses, for intranet use. The check runs on the resolved address of
	// every connection, redirects included. Environment proxies (HTTP_PROXY...) are not used:
	// they would hide the address checked. Default false.
	AllowPrivate bool `mapstructure:"allow_private"`
}

// DefaultUserAgent identifies sanctionscan to the sites it fetches.
const DefaultUserAgent = "sanctionscan/1.0 (+https://github.com/sanctionscan/sanctionscan)"

// DefaultOptions returns the documented defaults: polite (1 request/s and 2 connections per
// host, robots.txt honoured), bounded (30s per attempt, 16 MiB body, 32 MiB decompressed),
// no cache, public addresses only.
func DefaultOptions() Options {
	return Options{
		Timeout:              30 * time.Second,
		MaxBodyBytes:         16 << 20,
		MaxDecompressedBytes: 32 << 20,
		UserAgent:            DefaultUserAgent,
		Robots:               true,
		HostRate:             1,
		HostConcurrency:      2,
		Retries:              3,
		Backoff:              time.Second,
		MaxRetryWait:         2 * time.Minute,
		MaxRedirects:         5,
		CacheMaxAge:          24 * time.Hour,
	}
}

// validate reports the first option that cannot work, wrapping ErrOptions.
func (o Options) validate() error {
	switch {
	case o.Timeout <= 0:
		return fmt.Errorf("%w: fetch.timeout must be > 0, got %v", ErrOptions, o.Timeout)
	case o.MaxBodyBytes <= 0:
		return fmt.Errorf("%w: fetch.max_body_bytes must be > 0, got %d", ErrOptions, o.MaxBodyBytes)
	case o.MaxDecompressedBytes <= 0:
		return fmt.Errorf("%w: fetch.max_decompressed_bytes must be > 0, got %d", ErrOptions, o.MaxDecompressedBytes)
	case o.UserAgent == "":
		return fmt.Errorf("%w: fetch.user_agent must not be empty", ErrOptions)
	case o.HostRate < 0:
		return fmt.Errorf("%w: fetch.host_rate must be >= 0, got %v", ErrOptions, o.HostRate)
	case o.HostConcurrency < 1:
		return fmt.Errorf("%w: fetch.host_concurrency must be >= 1, got %d", ErrOptions, o.HostConcurrency)
	case o.Retries < 0:
		return fmt.Errorf("%w: fetch.retries must be >= 0, got %d", ErrOptions, o.Retries)
	case o.Backoff < 0 || o.MaxRetryWait < 0 || o.CacheMaxAge < 0:
		return fmt.Errorf("%w: fetch.backoff, fetch.max_retry_wait and fetch.cache_max_age must be >= 0", ErrOptions)
	case o.MaxRedirects < 0:
		return fmt.Errorf("%w: fetch.max_redirects must be >= 0, got %d", ErrOptions, o.MaxRedirects)
	}
	return nil
}
