// Package source turns the user's inputs (files, directories, gzip files, WARC files,
// http(s) URLs and stdin lists of these) into a deterministic stream of raw documents.
//
// Expand resolves inputs into an ordered list of locators; Shard takes a deterministic share
// of them; a Reader turns each locator into one Doc (file, URL) or many (WARC). A document that
// cannot be read is a Doc with Err and Stage set, never dropped.
package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// Stages recorded in Doc.Stage (and so in the documents table's `error_stage`).
const (
	StageRead  = "read"  // opening, reading or decompressing a file
	StageFetch = "fetch" // an http(s) request: refused address, robots.txt, status, timeout, size
	StageWARC  = "warc"  // parsing a WARC file or one of its records
)

// Sentinel errors wrapped by Doc.Err (test with errors.Is).
var (
	ErrOptions             = errors.New("invalid fetch options")
	ErrTooLarge            = errors.New("document exceeds size cap")
	ErrEmpty               = errors.New("empty document")
	ErrUnsupportedScheme   = errors.New("unsupported URL scheme (only http and https)")
	ErrBlockedAddress      = errors.New("refused non-public address")
	ErrRobotsDisallowed    = errors.New("disallowed by robots.txt")
	ErrTooManyRedirects    = errors.New("too many redirects")
	ErrUnsupportedEncoding = errors.New("unsupported Content-Encoding")
	ErrTruncated           = errors.New("truncated WARC record") // or trailing bytes that are no record
	ErrNotRegular          = errors.New("not a regular file")    // a named pipe, socket or device
)

// StatusError is the error of a fetch or WARC record whose HTTP status is not 2xx.
type StatusError struct {
	Code   int    // HTTP status code, e.g. 404
	Status string // status line text, e.g. "404 Not Found"
}

func (e *StatusError) Error() string { return "HTTP status " + e.Status }

// Doc is one raw document.
type Doc struct {
	// Locator is the Expand locator this document came from.
	Locator string
	// Source is the documents table's `source`: the file path, the URL as given, or
	// "<warc file or URL>#<record offset>" (byte offset of the record in the file, compressed
	// offset for .warc.gz, so `dd`/HTTP Range from there reads the record; in a .warc.gz
	// compressed whole, "#<member offset>+<offset in the member's data>" after its first record).
	Source string
	// URL is the page URL when known: the fetch URL after redirects, or WARC-Target-URI.
	URL string
	// ContentType is the HTTP Content-Type header when known (fetch, WARC); empty for files.
	ContentType string
	// Body is the raw page bytes, decompressed: at most Options.MaxBodyBytes, or
	// Options.MaxDecompressedBytes when it was gzip- or brotli-compressed. Nil for an error Doc.
	Body []byte
	// Fetched is when the page was captured: the file's modification time, the record's
	// WARC-Date, or the time of the HTTP response (for a cached page, when it was stored); zero
	// when unknown. Extraction uses it as "now" (no publication date after it), so a re-run over
	// the same inputs gives the same dates.
	Fetched time.Time
	// Err is why the document could not be read (nil when Body is usable); Stage says where.
	Err   error
	Stage string
}

// Reader reads locators into Docs. It is safe for concurrent use; per-host limits, the
// robots.txt cache and the HTTP cache are shared by all callers. Memory per Read call is
// bounded by MaxBodyBytes + MaxDecompressedBytes plus gowarc's 1 MiB record buffer (the rest of
// a large WARC record is buffered by gowarc in a temporary file before its payload is capped).
type Reader struct {
	opt     Options
	fetcher *fetcher
}

// NewReader validates opt (errors wrap ErrOptions) and prepares the HTTP client and cache.
func NewReader(opt Options) (*Reader, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	f, err := newFetcher(opt)
	if err != nil {
		return nil, err
	}
	return &Reader{opt: opt, fetcher: f}, nil
}

// Read turns one locator into Docs passed to emit in order: one for a page file or URL, one
// per HTML record of a WARC file (.warc, .warc.gz; a WARC URL is streamed, see openStream). Failures become error Docs. Read
// returns an error only when ctx is done (then nothing more is emitted) or emit fails.
func (r *Reader) Read(ctx context.Context, locator string, emit func(Doc) error) error {
	// A Doc finished after cancellation may be a casualty of it (an aborted fetch): it is not
	// emitted, so that a resumed run reads it again.
	emitLive := func(d Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return emit(d)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	switch kindOf(locator) {
	case kindURL:
		return emitLive(r.fetcher.fetch(ctx, locator))
	case kindRemoteWARC:
		return r.readRemoteWARC(ctx, locator, emitLive)
	case kindWARC:
		return r.readWARCFile(ctx, locator, emitLive)
	default:
		return emitLive(r.readFile(locator))
	}
}

type kind int

const (
	kindFile kind = iota
	kindWARC
	kindURL
	kindRemoteWARC
)

// kindOf classifies a locator: anything with "://" is a URL (non-http schemes fail at fetch),
// a WARC file when its path ends in .warc or .warc.gz (any case), as are such file names;
// the rest are page files.
func kindOf(locator string) kind {
	if strings.Contains(locator, "://") {
		if u, err := url.Parse(locator); err == nil && isWARCName(u.Path) {
			return kindRemoteWARC
		}
		return kindURL
	}
	if isWARCName(locator) {
		return kindWARC
	}
	return kindFile
}

// isWARCName reports whether a file name or URL path names a WARC file.
func isWARCName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")
}

// readFile reads a page file, gunzipping it when it starts with the gzip magic (whatever its name).
func (r *Reader) readFile(path string) Doc {
	doc := Doc{Locator: path, Source: path}
	f, err := openRegular(path)
	if err != nil {
		return failed(doc, StageRead, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		doc.Fetched = st.ModTime().UTC()
	}
	body, err := readBody(bufio.NewReader(f), "", r.opt)
	if err != nil {
		return failed(doc, StageRead, fmt.Errorf("%s: %w", path, err))
	}
	doc.Body = body
	return doc
}

// openRegular opens the file at path for reading unless it is a named
// pipe, socket or device (ErrNotRegular): opening a named pipe blocks until
// something writes to it, and no signal ends the wait. (A directory opens;
// reading it fails.)
func openRegular(path string) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return nil, fmt.Errorf("%s: %w: %s", path, ErrNotRegular, st.Mode().Type())
	}
	return os.Open(path)
}

// readBody reads one document from br: at most opt.MaxBodyBytes of input, decoded per
// encoding (see decoder) or, with no encoding, gunzipped when it starts with the gzip magic;
// decoded output is capped at opt.MaxDecompressedBytes. Empty results are ErrEmpty.
func readBody(br *bufio.Reader, encoding string, opt Options) ([]byte, error) {
	in := newCapReader(br, opt.MaxBodyBytes, "body")
	if e := strings.ToLower(strings.TrimSpace(encoding)); e == "" || e == "identity" {
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			encoding = "gzip"
		}
	}
	body, err := decoder(in, encoding)
	if err != nil {
		return nil, err
	}
	limit := opt.MaxDecompressedBytes
	if body == io.Reader(in) { // not encoded: the body cap is the cap
		limit = opt.MaxBodyBytes
	}
	out, err := readCapped(body, limit, "decompressed body")
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrEmpty
	}
	return out, nil
}

// decoder returns r decoded per a Content-Encoding value: "" or "identity" (r itself), "gzip"
// or "x-gzip" (klauspost/compress), "br" (andybalholm/brotli); others fail with
// ErrUnsupportedEncoding (we only ask for gzip and br).
func decoder(r io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, nil
	case "br":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnsupportedEncoding, encoding)
}

// readCapped reads r to EOF, failing with ErrTooLarge once more than limit bytes arrive.
func readCapped(r io.Reader, limit int64, what string) ([]byte, error) {
	out, err := io.ReadAll(newCapReader(r, limit, what))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("truncated input: %w", err)
		}
		return nil, err
	}
	return out, nil
}

// capReader passes through at most left bytes of r and then fails with ErrTooLarge
// if r has more (a plain io.LimitReader would silently truncate).
type capReader struct {
	r     io.Reader
	left  int64  // bytes still allowed
	limit int64  // the cap, for the message
	what  string // what is capped, for the message
}

func newCapReader(r io.Reader, limit int64, what string) *capReader {
	return &capReader{r: r, left: limit, limit: limit, what: what}
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Probe one byte: only an actual extra byte is an error.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: %s over %d bytes", ErrTooLarge, c.what, c.limit)
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// failed returns doc as an error Doc.
func failed(doc Doc, stage string, err error) Doc {
	doc.Body, doc.Err, doc.Stage = nil, err, stage
	return doc
}
