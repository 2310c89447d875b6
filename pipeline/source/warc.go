package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"
)

// readWARCFile emits one Doc per HTML document in the WARC file at path.
func (r *Reader) readWARCFile(ctx context.Context, path string, emit func(Doc) error) error {
	f, err := openRegular(path)
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

// readWARC reads WARC records from in, in file order: a plain WARC, or a
// gzip WARC whether each record is its own gzip member (as the WARC 1.1
// specification, annex D, recommends and Common Crawl writes) or the whole
// file is one stream (`gzip crawl.warc`). Each response record with an HTML
// Content-Type (or none, with HTML sniffed from the payload) and each HTML
// resource record becomes a Doc with Source "<path>#<offset>", offset being
// the record's byte offset in the file, or in a gzip file the offset of
// the gzip member it starts, with "+<n>" appended for the n-th byte of the
// member's data when the record is not the member's first (one-stream
// files only). URL is the WARC-Target-URI and ContentType the record's
// HTTP Content-Type (which carries the charset). A 4xx or 5xx HTML response
// is an error Doc (*StatusError). Other records (warcinfo, request,
// metadata, revisit, redirects and other 1xx/3xx responses, images...) are
// not documents. A truncated or unparsable record or gzip member becomes an
// error Doc; reading goes on at the next gzip member when the damaged one
// could still be read to its end (a per-record file), else the file ends
// there. An empty file is one error Doc. Returns only ctx's or emit's error.
func (r *Reader) readWARC(ctx context.Context, path string, in io.Reader, emit func(Doc) error) error {
	file := &countingReader{r: bufio.NewReader(in)}
	magic, _ := file.r.(*bufio.Reader).Peek(2)
	if len(magic) == 0 {
		return emit(failed(Doc{Locator: path, Source: path + "#0"}, StageWARC, errors.New("empty file: no WARC records")))
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return r.readPlainWARC(ctx, path, in, file, emit)
	}
	var zr gzip.Reader
	for {
		start := file.n
		source := func(off int64) string {
			if off == 0 {
				return fmt.Sprintf("%s#%d", path, start)
			}
			return fmt.Sprintf("%s#%d+%d", path, start, off)
		}
		if err := zr.Reset(file); err == io.EOF {
			return nil
		} else if err != nil {
			// junk between members: report it and go on at the next header
			if err := emit(failed(Doc{Locator: path, Source: source(0)}, StageWARC, fmt.Errorf("gzip member: %w", err))); err != nil {
				return err
			}
			if !resync(in, file, start) {
				return nil
			}
			continue
		}
		zr.Multistream(false) // one member at a time, so file.n is where the next starts
		ok, _, err := r.readWARCStream(ctx, path, &countingReader{r: &zr}, source, emit)
		if err != nil {
			return err
		}
		if !ok {
			// an error Doc ended the member's records: the next member is
			// the next record of a per-record file; when the member's own
			// data is damaged, reading goes on at the next gzip header
			if _, err := io.Copy(io.Discard, &zr); err != nil && !resync(in, file, start) {
				return nil
			}
		}
	}
}

// readPlainWARC reads an uncompressed WARC file. After a record that cannot
// be read (an error Doc), a file (in can seek) is read on from the next line
// that starts a record header ("WARC/1."), so one bad header does not lose
// the records after it.
func (r *Reader) readPlainWARC(ctx context.Context, path string, in io.Reader, file *countingReader, emit func(Doc) error) error {
	base := int64(0) // where the current stream starts in the file
	for {
		ok, failed, err := r.readWARCStream(ctx, path, file, func(off int64) string { return fmt.Sprintf("%s#%d", path, base+off) }, emit)
		sk, seekable := in.(io.ReadSeeker)
		if err != nil || ok || !seekable {
			return err
		}
		next, found := nextWARCHeader(sk, base+failed+1)
		if !found {
			return nil
		}
		if _, err := sk.Seek(next, io.SeekStart); err != nil {
			return nil
		}
		file.r.(*bufio.Reader).Reset(in)
		file.n, base = 0, next
	}
}

// nextWARCHeader returns the offset of the first line at or after from that
// starts a WARC record header ("WARC/1.0", "WARC/1.1"); false when there is
// none.
func nextWARCHeader(f io.ReadSeeker, from int64) (int64, bool) {
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return 0, false
	}
	br := bufio.NewReader(f)
	pos := from
	for {
		line, err := br.ReadSlice('\n')
		pos += int64(len(line))
		if err == bufio.ErrBufferFull {
			continue // a long line: its end is further on
		}
		if err != nil {
			return 0, false
		}
		if b, _ := br.Peek(len("WARC/1.")); string(b) == "WARC/1." {
			return pos, true
		}
	}
}

// resync moves file to the next gzip member header after a damaged member
// that started at byte start: from start+1 when in can seek (a file: a cut
// member's decompressor may have read into the next member), else from
// where reading stopped. False when there is none.
func resync(in io.Reader, file *countingReader, start int64) bool {
	if sk, ok := in.(io.Seeker); ok {
		if _, err := sk.Seek(start+1, io.SeekStart); err == nil {
			file.r.(*bufio.Reader).Reset(in)
			file.n = start + 1
		}
	}
	return nextGzipMember(file)
}

// nextGzipMember skips file's bytes up to the next gzip member header
// (1f 8b 08, RFC 1952: magic and deflate); false when there is none.
func nextGzipMember(file *countingReader) bool {
	br := file.r.(*bufio.Reader)
	for {
		b, err := br.Peek(3)
		if err != nil {
			return false
		}
		if b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 {
			return true
		}
		n, _ := br.Discard(1)
		file.n += int64(n)
	}
}

// readWARCStream reads the plain WARC records of in (a file, or one gzip
// member's data) and emits their Docs, their Source source(record offset in
// in). ok is false when an error Doc ended the stream; at is then the
// offset in in of the record that failed.
func (r *Reader) readWARCStream(ctx context.Context, path string, in *countingReader, source func(int64) string, emit func(Doc) error) (ok bool, at int64, err error) {
	wr, err := gowarc.NewWarcFileReaderFromStream(in, 0)
	if err != nil {
		return false, 0, emit(failed(Doc{Locator: path, Source: source(0)}, StageWARC, err))
	}
	defer wr.Close()
	for {
		if err := ctx.Err(); err != nil {
			return false, 0, err
		}
		rec, err := wr.Next()
		doc := Doc{Locator: path, Source: source(rec.Offset)}
		switch {
		case err == io.EOF && rec.Offset >= in.n:
			return true, 0, nil // clean end
		case err == io.EOF:
			err = fmt.Errorf("%w: %d bytes at the end are no complete WARC record", ErrTruncated, in.n-rec.Offset)
		case errors.Is(err, io.ErrUnexpectedEOF) && rec.Offset >= in.n:
			err = fmt.Errorf("%w: the data ends without its gzip trailer after the last complete record", ErrTruncated)
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			err = fmt.Errorf("%w: %w", ErrTruncated, err)
		case err == nil:
			err = truncation(rec.Validation)
		}
		if err != nil {
			if rec.WarcRecord != nil {
				_ = rec.Close()
			}
			return false, rec.Offset, emit(failed(doc, StageWARC, err))
		}
		d, isDoc := r.warcDoc(rec.WarcRecord, rec.Validation, doc)
		_ = rec.Close()
		if isDoc {
			if err := emit(d); err != nil {
				return false, 0, err
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

// warcDoc turns one record into a Doc; ok is false for records that are not
// HTML documents. validation are gowarc's findings on the record.
func (r *Reader) warcDoc(rec gowarc.WarcRecord, validation []error, doc Doc) (Doc, bool) {
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
		if !isHTTP {
			return doc, false // not HTTP (a dns: lookup, say)
		}
		if block.HttpHeader() == nil {
			// an HTTP response whose headers do not parse: a Content-Length
			// shorter than the record cuts them off
			return failed(doc, StageWARC, fmt.Errorf("HTTP response headers cannot be read (%v)", errors.Join(validation...))), true
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

// countingReader counts the bytes read from r. Over a bufio.Reader it is
// an io.ByteReader, so a gzip.Reader reading it takes no byte past a
// member's end.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	var b [1]byte
	var err error
	if br, ok := c.r.(io.ByteReader); ok {
		b[0], err = br.ReadByte()
	} else {
		_, err = io.ReadFull(c.r, b[:])
	}
	if err == nil {
		c.n++
	}
	return b[0], err
}
