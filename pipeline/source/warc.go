package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// readWARCFile emits one Doc per HTML document in the WARC file at path.
func (r *Reader) readWARCFile(ctx context.Context, path string, emit func(Doc) error) error {
	f, err := os.Open(path)
	if err != nil {
		return emit(failed(Doc{Locator: path, Source: path}, StageRead, err))
	}
	defer f.Close()
	return r.readWARC(ctx, path, f, emit)
}

// readRemoteWARC streams the WARC file at a URL; Docs' Source is "<URL>#<record offset>".
func (r *Reader) readRemoteWARC(ctx context.Context, locator string, emit func(Doc) error) error {
	body, err := r.fetcher.openStream(ctx, locator)
	if err != nil {
		return emit(failed(Doc{Locator: locator, Source: locator}, StageFetch, err))
	}
	defer body.Close()
	return r.readWARC(ctx, locator, body, emit)
}

// readWARC reads WARC records (plain or per-record gzip) from in, in file order. Each
// response record with an HTML Content-Type (or none, with HTML sniffed from the payload) and
// each HTML resource record becomes a Doc with Source "<path>#<record offset>", URL the
// WARC-Target-URI and ContentType the record's HTTP Content-Type (which carries the charset).
// A 4xx or 5xx HTML response is an error Doc (*StatusError). Other records (warcinfo,
// request, metadata, revisit, redirects and other 1xx/3xx responses, images...) are not documents. A truncated or unparsable record becomes an
// error Doc and ends the file. Returns only ctx's or emit's error.
func (r *Reader) readWARC(ctx context.Context, path string, in io.Reader, emit func(Doc) error) error {
	counted := &countingReader{r: in}
	wr, err := gowarc.NewWarcFileReaderFromStream(counted, 0)
	if err != nil {
		return emit(failed(Doc{Locator: path, Source: path}, StageWARC, err))
	}
	defer wr.Close()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		doc := Doc{Locator: path, Source: fmt.Sprintf("%s#%d", path, rec.Offset)}
		switch {
		case err == io.EOF && rec.Offset >= counted.n:
			return nil // clean end of file
		case err == io.EOF:
			err = fmt.Errorf("%w: %d bytes at the end are no complete WARC record", ErrTruncated, counted.n-rec.Offset)
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			err = fmt.Errorf("%w: %w", ErrTruncated, err)
		case err == nil:
			err = truncation(rec.Validation)
		}
		if err != nil {
			_ = rec.Close()
			return emit(failed(doc, StageWARC, err))
		}
		d, ok := r.warcDoc(rec.WarcRecord, doc)
		_ = rec.Close()
		if ok {
			if err := emit(d); err != nil {
				return err
			}
		}
	}
}

// truncation returns an ErrTruncated error when a record's validation findings say its block
// is shorter than its Content-Length or its end-of-record marker is missing.
func truncation(validation []error) error {
	for _, v := range validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) || strings.Contains(v.Error(), "end of record") {
			return fmt.Errorf("%w: %w", ErrTruncated, v)
		}
	}
	return nil
}

// warcDoc turns one record into a Doc; ok is false for records that are not HTML documents.
func (r *Reader) warcDoc(rec gowarc.WarcRecord, doc Doc) (Doc, bool) {
	doc.URL = rec.WarcHeader().Get(gowarc.WarcTargetURI)
	if t, err := time.Parse(time.RFC3339, rec.WarcHeader().Get(gowarc.WarcDate)); err == nil {
		doc.Fetched = t.UTC()
	}
	var (
		payload  io.Reader
		encoding string
		err      error
	)
	switch rec.Type() {
	case gowarc.Response:
		block, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
		if !isHTTP || block.HttpHeader() == nil {
			return doc, false
		}
		doc.ContentType = block.HttpHeader().Get("Content-Type")
		if doc.ContentType != "" && !isHTMLType(doc.ContentType) {
			return doc, false
		}
		switch code := block.HttpStatusCode(); {
		case code >= 400 || code < 100:
			return failed(doc, StageWARC, &StatusError{Code: code, Status: block.HttpStatusLine()}), true
		case code < 200 || code > 299:
			return doc, false // a redirect or other non-final response points at another record
		}
		encoding = block.HttpHeader().Get("Content-Encoding")
		payload, err = block.PayloadBytes()
	case gowarc.Resource:
		doc.ContentType = rec.WarcHeader().Get(gowarc.ContentType)
		if !isHTMLType(doc.ContentType) {
			return doc, false
		}
		payload, err = rec.Block().RawBytes()
	default:
		return doc, false
	}
	if err != nil {
		return failed(doc, StageWARC, err), true
	}
	body, err := readBody(bufio.NewReader(payload), encoding, r.opt)
	if err != nil {
		return failed(doc, StageWARC, err), true
	}
	if doc.ContentType == "" && !isHTMLType(http.DetectContentType(body)) {
		return doc, false
	}
	doc.Body = body
	return doc, true
}

// isHTMLType reports whether a Content-Type value names HTML or XHTML.
func isHTMLType(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
