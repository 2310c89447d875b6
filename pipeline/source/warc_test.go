package source

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/nlnwa/gowarc/v3"
)

var update = flag.Bool("update", false, "rewrite testdata fixtures")

// warcRec is one record of a test WARC; want is the Doc it must yield (Source and Locator
// filled in by the test), nil when it is not a document.
type warcRec struct {
	typ     gowarc.RecordType
	uri     string
	ctype   string // WARC Content-Type
	content string // record block: HTTP message or resource bytes
	want    *Doc
}

func httpResponse(status, contentType, extraHeader, body string) string {
	h := "HTTP/1.1 " + status + "\r\n"
	if contentType != "" {
		h += "Content-Type: " + contentType + "\r\n"
	}
	return h + extraHeader + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}

const warcPage1 = "<html><head><title>Kazakhstan removes Taliban from list</title></head><body><p>Mullah Baradar led the delegation.</p></body></html>"
const warcPage2 = "<html><head><meta charset=\"windows-1251\"><title>\xd2\xe0\xeb\xe8\xe1\xe0\xed</title></head><body><p>\xc1\xe0\xf0\xe0\xe4\xe0\xf0</p></body></html>"

// warcRecords is a small CC-NEWS-like crawl with every kind of record Read must tell apart.
func warcRecords(t testing.TB) []warcRec {
	return []warcRec{
		{typ: gowarc.Warcinfo, ctype: "application/warc-fields", content: "software: sanctionscan test\r\nformat: WARC File Format 1.1\r\n"},
		{typ: gowarc.Request, uri: "https://news.example.kz/taliban", ctype: "application/http;msgtype=request",
			content: "GET /taliban HTTP/1.1\r\nHost: news.example.kz\r\n\r\n"},
		{typ: gowarc.Response, uri: "https://news.example.kz/taliban", ctype: "application/http;msgtype=response",
			content: httpResponse("200 OK", "text/html; charset=UTF-8", "", warcPage1),
			want:    &Doc{URL: "https://news.example.kz/taliban", ContentType: "text/html; charset=UTF-8", Body: []byte(warcPage1)}},
		{typ: gowarc.Response, uri: "https://news.example.kz/logo.png", ctype: "application/http;msgtype=response",
			content: httpResponse("200 OK", "image/png", "", "\x89PNG\r\n\x1a\n")},
		{typ: gowarc.Response, uri: "https://news.example.kz/gone", ctype: "application/http;msgtype=response",
			content: httpResponse("404 Not Found", "text/html", "", "<html>not found</html>"),
			want:    &Doc{URL: "https://news.example.kz/gone", ContentType: "text/html", Err: &StatusError{Code: 404}, Stage: StageWARC}},
		{typ: gowarc.Response, uri: "http://news.example.kz/taliban", ctype: "application/http;msgtype=response",
			content: httpResponse("301 Moved Permanently", "text/html", "Location: https://news.example.kz/taliban\r\n", "<html>moved</html>")},
		{typ: gowarc.Response, uri: "https://news.example.ru/cp1251", ctype: "application/http;msgtype=response",
			content: httpResponse("200 OK", "text/html; charset=windows-1251", "Content-Encoding: gzip\r\n", gz(t, warcPage2)),
			want:    &Doc{URL: "https://news.example.ru/cp1251", ContentType: "text/html; charset=windows-1251", Body: []byte(warcPage2)}},
		{typ: gowarc.Metadata, uri: "https://news.example.ru/cp1251", ctype: "application/warc-fields", content: "fetchTimeMs: 120\r\n"},
		{typ: gowarc.Response, uri: "https://news.example.kz/untyped", ctype: "application/http;msgtype=response",
			content: httpResponse("200 OK", "", "", warcPage1),
			want:    &Doc{URL: "https://news.example.kz/untyped", Body: []byte(warcPage1)}},
		{typ: gowarc.Resource, uri: "file:///archive/page.html", ctype: "text/html",
			content: warcPage1,
			want:    &Doc{URL: "file:///archive/page.html", ContentType: "text/html", Body: []byte(warcPage1)}},
		{typ: gowarc.Response, uri: "https://news.example.kz/empty", ctype: "application/http;msgtype=response",
			content: httpResponse("200 OK", "text/html", "", ""),
			want:    &Doc{URL: "https://news.example.kz/empty", ContentType: "text/html", Err: ErrEmpty, Stage: StageWARC}},
	}
}

// buildWARC serialises recs (each record its own gzip member when compress) and returns the
// bytes and each record's offset.
func buildWARC(t testing.TB, recs []warcRec, compress bool) ([]byte, []int64) {
	t.Helper()
	var out bytes.Buffer
	var offsets []int64
	m := gowarc.NewMarshaler()
	for i, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true))
		b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", i))
		b.AddWarcHeader(gowarc.WarcDate, "2024-06-05T05:42:00Z")
		b.AddWarcHeader(gowarc.ContentType, r.ctype)
		if r.uri != "" {
			b.AddWarcHeader(gowarc.WarcTargetURI, r.uri)
		}
		if _, err := b.WriteString(r.content); err != nil {
			t.Fatal(err)
		}
		rec, _, err := b.Build()
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		offsets = append(offsets, int64(out.Len()))
		var w interface {
			Write([]byte) (int, error)
		} = &out
		var zw *gzip.Writer
		if compress {
			zw = gzip.NewWriter(&out)
			w = zw
		}
		if _, _, err := m.Marshal(w, rec, 0); err != nil {
			t.Fatal(err)
		}
		if zw != nil {
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
		}
		_ = rec.Close()
	}
	return out.Bytes(), offsets
}

// wantDocs are the Docs recs must yield from a WARC named path written at offsets.
func wantDocs(recs []warcRec, offsets []int64, path string) []Doc {
	var docs []Doc
	for i, r := range recs {
		if r.want != nil {
			d := *r.want
			d.Locator, d.Source = path, fmt.Sprintf("%s#%d", path, offsets[i])
			docs = append(docs, d)
		}
	}
	return docs
}

func checkDocs(t *testing.T, got, want []Doc) {
	t.Helper()
	if len(got) != len(want) {
		for _, d := range got {
			t.Logf("got %s %s err=%v", d.Source, d.URL, d.Err)
		}
		t.Fatalf("%d docs, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Locator != w.Locator || g.Source != w.Source || g.URL != w.URL || g.ContentType != w.ContentType ||
			!bytes.Equal(g.Body, w.Body) || g.Stage != w.Stage {
			t.Errorf("doc %d:\n got %+v\nwant %+v", i, g, w)
		}
		var wse *StatusError
		switch {
		case w.Err == nil && g.Err != nil:
			t.Errorf("doc %d: unexpected error %v", i, g.Err)
		case errors.As(w.Err, &wse):
			var gse *StatusError
			if !errors.As(g.Err, &gse) || gse.Code != wse.Code {
				t.Errorf("doc %d: err %v, want HTTP %d", i, g.Err, wse.Code)
			}
		case w.Err != nil && !errors.Is(g.Err, w.Err):
			t.Errorf("doc %d: err %v, want %v", i, g.Err, w.Err)
		}
	}
}

func TestReadWARC(t *testing.T) {
	recs := warcRecords(t)
	for _, name := range []string{"crawl.warc", "crawl.warc.gz", "CRAWL.WARC.GZ"} {
		t.Run(name, func(t *testing.T) {
			data, offsets := buildWARC(t, recs, filepath.Ext(name) != ".warc")
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			checkDocs(t, readAll(t, DefaultOptions(), path), wantDocs(recs, offsets, path))
		})
	}
}

// TestReadWARCOneGzipStream: a WARC compressed whole (`gzip crawl.warc`,
// one gzip member) yields every record, not only the first; records after
// the first are addressed within the member ("#0+<offset>").
func TestReadWARCOneGzipStream(t *testing.T) {
	recs := warcRecords(t)
	plain, offsets := buildWARC(t, recs, false)
	path := filepath.Join(t.TempDir(), "whole.warc.gz")
	if err := os.WriteFile(path, []byte(gz(t, string(plain))), 0o644); err != nil {
		t.Fatal(err)
	}
	want := wantDocs(recs, offsets, path)
	for i := range want {
		if off := strings.TrimPrefix(want[i].Source, path+"#"); off != "0" {
			want[i].Source = path + "#0+" + off
		}
	}
	checkDocs(t, readAll(t, DefaultOptions(), path), want)

	// a member after the one-stream one, and bytes that are no gzip member
	two := append([]byte(gz(t, string(plain))), gz(t, string(plain))...)
	path2 := filepath.Join(t.TempDir(), "two.warc.gz")
	if err := os.WriteFile(path2, append(two, "trailing junk"...), 0o644); err != nil {
		t.Fatal(err)
	}
	docs := readAll(t, DefaultOptions(), path2)
	second := fmt.Sprintf("%s#%d%s", path2, len(two)/2, strings.TrimPrefix(want[0].Source, path+"#0"))
	if n := 2 * len(want); len(docs) != n+1 || docs[n].Err == nil || docs[n].Stage != StageWARC || docs[len(want)].Source != second {
		t.Fatalf("two members and junk: %d docs (want %d and an error); second member's first doc %s, want %s", len(docs), n+1, docs[len(want)].Source, second)
	}
}

// TestReadWARCBadRecordMidFile: in a per-record .warc.gz, a member whose
// record cannot be parsed is one error Doc and the records after it are
// still read; a one-stream file cut off after its last record says so.
func TestReadWARCBadRecordMidFile(t *testing.T) {
	recs := warcRecords(t)
	data, offsets := buildWARC(t, recs, true)
	const bad = 4 // the 404 response
	junk := []byte(gz(t, "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nnot a record\r\n\r\n"))
	damaged := append(append(append([]byte{}, data[:offsets[bad]]...), junk...), data[offsets[bad+1]:]...)
	path := filepath.Join(t.TempDir(), "bad.warc.gz")
	if err := os.WriteFile(path, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	shift := int64(len(junk)) - (offsets[bad+1] - offsets[bad])
	moved := append([]int64{}, offsets...)
	for i := bad + 1; i < len(moved); i++ {
		moved[i] += shift
	}
	var want []Doc
	for i, d := range wantDocs(recs, moved, path) {
		if i == 1 { // the 404's place
			want = append(want, Doc{Locator: path, Source: fmt.Sprintf("%s#%d", path, offsets[bad]), Stage: StageWARC, Err: errors.New("")})
			continue
		}
		want = append(want, d)
	}
	got := readAll(t, DefaultOptions(), path)
	if len(got) != len(want) || got[1].Err == nil || got[1].Stage != StageWARC || got[1].Source != want[1].Source || got[len(got)-1].Source != want[len(want)-1].Source {
		for _, d := range got {
			t.Logf("got %s err=%v", d.Source, d.Err)
		}
		t.Fatalf("%d docs, want %d with an error in the bad record's place and the later records read", len(got), len(want))
	}

	plain, _ := buildWARC(t, recs, false)
	whole := []byte(gz(t, string(plain)))
	cut := filepath.Join(t.TempDir(), "cut.warc.gz")
	if err := os.WriteFile(cut, whole[:len(whole)-4], 0o644); err != nil { // no gzip trailer
		t.Fatal(err)
	}
	docs := readAll(t, DefaultOptions(), cut)
	last := docs[len(docs)-1]
	if len(docs) != len(want)+1 || !errors.Is(last.Err, ErrTruncated) || !strings.Contains(last.Err.Error(), "without its gzip trailer") {
		t.Errorf("one-stream file without its trailer: %d docs, last %s %v", len(docs), last.Source, last.Err)
	}
}

// TestReadWARCDamagedGoesOn: a per-record .warc.gz whose member's
// compressed data is damaged or cut in half, junk between two members, and a
// WARC whose record declares a Content-Length that cuts its HTTP headers,
// each give one error Doc in that place and the records after it are still
// read.
func TestReadWARCDamagedGoesOn(t *testing.T) {
	recs := warcRecords(t)
	const bad = 2 // the first HTML response
	zipped, zoff := buildWARC(t, recs, true)
	corrupt := append([]byte{}, zipped...)
	for i := zoff[bad] + 20; i < zoff[bad]+60; i++ { // inside the deflate data, past the gzip header
		corrupt[i] ^= 0x5a
	}
	plain, poff := buildWARC(t, recs, false)
	head := string(plain[poff[bad]:poff[bad+1]])
	cl := regexp.MustCompile(`Content-Length: \d+`).FindString(head)
	short := string(plain[:poff[bad]]) + strings.Replace(head, cl, "Content-Length: 30", 1) + string(plain[poff[bad+1]:])
	// an uncompressed file whose record header does not parse: the records
	// after it are read from the next "WARC/1." line
	badLength := string(plain[:poff[bad]]) + strings.Replace(head, cl, "Content-Length: abc", 1) + string(plain[poff[bad+1]:])
	// a member cut in half (its decompressor reads on into the next
	// member), and junk between two members
	cut := string(zipped[:zoff[bad]+(zoff[bad+1]-zoff[bad])/2]) + string(zipped[zoff[bad+1]:])
	junk := string(zipped[:zoff[bad]]) + "not gzip at all" + string(zipped[zoff[bad]:])
	dir := t.TempDir()
	for name, data := range map[string]string{"corrupt.warc.gz": string(corrupt), "short.warc": short, "badlength.warc": badLength, "cut.warc.gz": cut, "junk.warc.gz": junk} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		docs := readAll(t, DefaultOptions(), path)
		want := len(wantDocs(recs, poff, path))
		if name == "junk.warc.gz" {
			want++ // the junk's error row, then every record
		}
		if len(docs) != want || docs[0].Err == nil || docs[0].Stage != StageWARC || !errors.Is(docs[len(docs)-1].Err, ErrEmpty) {
			for _, d := range docs {
				t.Logf("%s err=%v", d.Source, d.Err)
			}
			t.Errorf("%s: %d docs, want %d: an error in the damaged record's place, then the later records", name, len(docs), want)
		}
		for _, d := range docs {
			// an uncompressed file's Source offsets are where records start
			if off, err := strconv.Atoi(d.Source[strings.LastIndexByte(d.Source, '#')+1:]); err == nil && !strings.HasSuffix(name, ".gz") && !strings.HasPrefix(data[off:], "WARC/1.") {
				t.Errorf("%s: %s is no record's start", name, d.Source)
			}
		}
	}
}

// TestReadWARCTruncated: the records before the cut are documents, the cut one is an
// ErrTruncated error Doc at its offset, and the file ends there.
func TestReadWARCTruncated(t *testing.T) {
	recs := warcRecords(t)
	const cut = 6 // inside the gzipped windows-1251 response
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", compress), func(t *testing.T) {
			data, offsets := buildWARC(t, recs, compress)
			data = data[:offsets[cut]+(offsets[cut+1]-offsets[cut])/2]
			path := filepath.Join(t.TempDir(), "cut.warc")
			if compress {
				path += ".gz"
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			want := wantDocs(recs[:cut], offsets, path)
			want = append(want, Doc{Locator: path, Source: fmt.Sprintf("%s#%d", path, offsets[cut]), Err: ErrTruncated, Stage: StageWARC})
			checkDocs(t, readAll(t, DefaultOptions(), path), want)
		})
	}
}

func TestReadWARCBadFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"empty.warc":    "",
		"empty.warc.gz": "",
		"garbage.warc":  "this is not a WARC file at all\n",
		"html.warc.gz":  gz(t, "<html>not a warc</html>"),
	})
	tests := []struct {
		name   string
		stage  string
		noDocs bool
	}{
		{"empty.warc", StageWARC, false}, // an empty file does not vanish: one error row
		{"empty.warc.gz", StageWARC, false},
		{"garbage.warc", StageWARC, false},
		{"html.warc.gz", StageWARC, false},
		{"missing.warc.gz", StageRead, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			docs := readAll(t, DefaultOptions(), path)
			if tt.noDocs {
				if len(docs) != 0 {
					t.Fatalf("%d docs, want none", len(docs))
				}
				return
			}
			if len(docs) != 1 || docs[0].Err == nil || docs[0].Stage != tt.stage {
				t.Fatalf("docs = %+v, want one %s error", docs, tt.stage)
			}
		})
	}
}

// TestWARCFixture keeps testdata/cc-news-sample.warc.gz (the records of warcRecords, one gzip
// member each, as Common Crawl writes them) for the pipeline's tests; -update rewrites it.
// Offsets come from the file's own gzip members, so a new compressor version does not break it.
func TestWARCFixture(t *testing.T) {
	recs := warcRecords(t)
	path := filepath.Join("testdata", "cc-news-sample.warc.gz")
	if *update {
		data, _ := buildWARC(t, recs, true)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	offsets := memberOffsets(t, data)
	if len(offsets) != len(recs) {
		t.Fatalf("%s has %d gzip members, want %d records (run with -update)", path, len(offsets), len(recs))
	}
	checkDocs(t, readAll(t, DefaultOptions(), path), wantDocs(recs, offsets, path))
}

// memberOffsets returns the start of each gzip member in data.
func memberOffsets(t *testing.T, data []byte) []int64 {
	t.Helper()
	br := bytes.NewReader(data) // an io.ByteReader: gzip reads no further than each member
	var offsets []int64
	for br.Len() > 0 {
		offsets = append(offsets, int64(len(data)-br.Len()))
		zr, err := gzip.NewReader(br)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, zr); err != nil {
			t.Fatal(err)
		}
	}
	return offsets
}

func FuzzReadWARC(f *testing.F) {
	recs := warcRecords(f)
	plain, _ := buildWARC(f, recs, false)
	zipped, _ := buildWARC(f, recs, true)
	f.Add(plain)
	f.Add(zipped)
	f.Add([]byte(gz(f, string(plain)))) // one gzip stream
	f.Add(plain[:len(plain)/3])
	f.Add(zipped[:len(zipped)/2])
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte{})
	opt := DefaultOptions()
	opt.MaxBodyBytes, opt.MaxDecompressedBytes = 1<<20, 1<<20
	r, err := NewReader(opt)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		last := [2]int64{-1, 0} // member or record offset, offset in the member
		n := 0
		err := r.readWARC(context.Background(), "fuzz.warc", bytes.NewReader(data), func(d Doc) error {
			n++
			var off [2]int64
			_, err := fmt.Sscanf(d.Source, "fuzz.warc#%d+%d", &off[0], &off[1])
			if (err != nil && !strings.HasSuffix(d.Source, fmt.Sprint(off[0]))) || off[0] > int64(len(data)) ||
				off[0] < last[0] || (off[0] == last[0] && off[1] <= last[1]) {
				t.Fatalf("source %q after offset %v (input %d bytes)", d.Source, last, len(data))
			}
			last = off
			if (d.Err == nil) == (d.Stage != "") || (d.Err == nil && len(d.Body) == 0) || (d.Err != nil && d.Body != nil) {
				t.Fatalf("inconsistent doc %+v", d)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("readWARC returned %v", err)
		}
		if n > len(data)/10+1 && !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) { // gzip packs more
			t.Fatalf("%d docs from %d bytes", n, len(data))
		}
	})
}

// BenchmarkReadWARC reads a CC-NEWS-like .warc.gz of 200 HTML responses of ~60 KB, each with
// its request record.
func BenchmarkReadWARC(b *testing.B) {
	page := "<html><body>" + strings.Repeat("<p>The Security Council committee designated the entity.</p>\n", 1000) + "</body></html>"
	var recs []warcRec
	for i := range 200 {
		uri := fmt.Sprintf("https://news.example.org/%d", i)
		recs = append(recs,
			warcRec{typ: gowarc.Request, uri: uri, ctype: "application/http;msgtype=request", content: "GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n"},
			warcRec{typ: gowarc.Response, uri: uri, ctype: "application/http;msgtype=response", content: httpResponse("200 OK", "text/html", "", page)})
	}
	data, _ := buildWARC(b, recs, true)
	path := filepath.Join(b.TempDir(), "bench.warc.gz")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	r, err := NewReader(DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(200 * len(page)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := r.Read(context.Background(), path, func(d Doc) error { n++; return d.Err }); err != nil || n != 200 {
			b.Fatalf("%d docs, err %v", n, err)
		}
	}
}

// TestReadRemoteWARC: a WARC URL is streamed (retried until its body starts); a stall
// mid-file ends it with an error Doc after the records already read.
func TestReadRemoteWARC(t *testing.T) {
	recs := warcRecords(t)
	data, offsets := buildWARC(t, recs, true)
	var busy atomic.Int32
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			_, _ = w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
		case "/CC-NEWS-1.warc.gz", "/private/x.warc.gz":
			if busy.Add(1) == 1 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			_, _ = w.Write(data)
		case "/stalling.warc.gz":
			_, _ = w.Write(data[:offsets[6]])
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}
	})
	opt := testOptions()
	opt.Timeout = 300 * time.Millisecond

	u := s.URL + "/CC-NEWS-1.warc.gz"
	checkDocs(t, readAll(t, opt, u), wantDocs(recs, offsets, u))

	u = s.URL + "/stalling.warc.gz"
	start := time.Now()
	want := append(wantDocs(recs[:6], offsets, u), Doc{Locator: u, Source: fmt.Sprintf("%s#%d", u, offsets[6]), Err: context.DeadlineExceeded, Stage: StageWARC})
	checkDocs(t, readAll(t, opt, u), want)
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("stalled stream took %v to fail", el)
	}

	u = s.URL + "/private/x.warc.gz"
	if docs := readAll(t, opt, u); len(docs) != 1 || !errors.Is(docs[0].Err, ErrRobotsDisallowed) || docs[0].Source != u || docs[0].Stage != StageFetch {
		t.Errorf("disallowed WARC URL: %+v", docs)
	}
}
