package article

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"

	"github.com/PuerkitoBio/goquery"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStripSiteName(t *testing.T) {
	tests := []struct{ title, site, h1, want string }{
		{"Tokayev explains why | News portal", "News portal", "", "Tokayev explains why"},
		{"News portal - Tokayev explains why", "News portal", "", "Tokayev explains why"},
		{"Regulator fines Brightwave — again", "", "", "Regulator fines Brightwave — again"},
		{"Regulator fines Brightwave — again", "", "Regulator fines Brightwave — again", "Regulator fines Brightwave — again"},
		{"Port probe widens – Valmora Daily", "", "Port probe widens", "Port probe widens"},
		{"Port probe widens :: Valmora Daily", "Valmora Daily", "", "Port probe widens"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site, tt.h1); got != tt.want {
			t.Errorf("stripSiteName(%q, %q, %q) = %q, want %q", tt.title, tt.site, tt.h1, got, tt.want)
		}
	}
}

func TestChooseTitle(t *testing.T) {
	tests := []struct {
		name string
		m    pageMeta
		gen  string
		want string
	}{
		{"json-ld headline", pageMeta{ld: ldArticle{Headline: "Port probe widens"}, ogTitle: "Port probe widens!", htmlTitle: "Port probe | Site"}, "", "Port probe widens"},
		{"og over <title>", pageMeta{ogTitle: "Port probe widens", htmlTitle: "Port probe widens | Valmora Daily"}, "", "Port probe widens"},
		{"<title> with site name", pageMeta{htmlTitle: "Port probe widens | Valmora Daily", siteName: "Valmora Daily"}, "Port probe", "Port probe widens"},
		{"wikipedia name vs description", pageMeta{ld: ldArticle{Headline: "constitutional monarchy in Oceania", Name: "New Zealand"}, h1: "New Zealand"}, "", "New Zealand"},
		{"generic last", pageMeta{}, "Generic", "Generic"},
		{"<h1> goes on past a shortened <title>", pageMeta{htmlTitle: "Leeds dentist honoured for free clinics", h1: "Leeds dentist honoured for free clinics for homeless people"}, "", "Leeds dentist honoured for free clinics for homeless people"},
		{"<h1> that is another text", pageMeta{htmlTitle: "Port probe widens", h1: "Port probe"}, "", "Port probe widens"},
		{"references left in JSON-LD", pageMeta{ld: ldArticle{Headline: "&#8220;Tenemos Silvia Pinal para rato&#8221;: Alejandra"}}, "", "“Tenemos Silvia Pinal para rato”: Alejandra"},
		{"<title> escaped twice", pageMeta{htmlTitle: "Port &amp; harbour probe &quot;widens&quot;"}, "", "Port & harbour probe \"widens\""},
	}
	for _, tt := range tests {
		if got := chooseTitle(tt.m, tt.gen); got != tt.want {
			t.Errorf("%s: chooseTitle = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCleanAuthor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Staff reporter · 05/06/2024 10:42", "Staff reporter"},
		{"By Anna Berger, June 5, 2024", "Anna Berger"},
		{"Anna Berger; Jonas Weber", "Anna Berger; Jonas Weber"},
		{"Published 2024-06-05 by the desk", "the desk"},
		{"Jonas Weber | Updated: 12 Mar 2024 09:15 GMT", "Jonas Weber"},
		{"Tech Insider Alex Perry SHARE SHARE TWEET SHARE EMAIL", "Tech Insider Alex Perry"},
		{"Written by Rob Ewaschuk", "Rob Ewaschuk"},
		{"Theresa May", "Theresa May"},
		{"Last Updated: January 7, 2025", ""},
		{"Ren&eacute;e O&#8217;Brien", "Renée O’Brien"},
	}
	for _, tt := range tests {
		if got := cleanAuthor(tt.in); got != tt.want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAbsoluteURL(t *testing.T) {
	tests := []struct{ base, ref, want string }{
		{"https://ex.org/news/a?x=1", "/en/story-1", "https://ex.org/en/story-1"},
		{"https://ex.org/news/a", "https://cdn.ex.org/b", "https://cdn.ex.org/b"},
		{"", "/en/story-1", ""}, // a page read from a file: no canonical URL
		{"", "https://ex.org/en/story-1", "https://ex.org/en/story-1"},
		{"https://ex.org/", "", ""},
		{"https://ex.org/", "javascript:void(0)", ""},
		{"file:///tmp/a.html", "b.html", ""},
	}
	for _, tt := range tests {
		if got := absoluteURL(tt.base, tt.ref); got != tt.want {
			t.Errorf("absoluteURL(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}

func TestISO6391(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "ru_RU": "ru", "DE": "de", "": "", "x-klingon": "", "eng": "", "fr, en": "fr"} {
		if got := iso6391(in); got != want {
			t.Errorf("iso6391(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateLanguages(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"", []string{"en"}},
		{"en", []string{"en"}},
		{"de", []string{"de", "en"}},
		{"kk", []string{"kk", "en"}},
		{"qq", nil}, // unknown to go-dateparser: all languages
	}
	for _, tt := range tests {
		if got := dateLanguages(tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("dateLanguages(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestJSONLDAuthors(t *testing.T) {
	tests := []struct{ name, ld, want string }{
		{"object", `{"@type":"NewsArticle","author":{"@type":"Person","name":"Ann Lee"}}`, "Ann Lee"},
		{"array of mixed", `{"@type":"Article","author":[{"name":"Ann Lee"},"Bo Chen",{"name":"Ann Lee"}]}`, "Ann Lee; Bo Chen"},
		{"graph with @id refs", `{"@graph":[{"@type":"Person","@id":"#p1","name":"Ann Lee"},{"@type":["NewsArticle"],"author":[{"@id":"#p1"}]}]}`, "Ann Lee"},
		{"top-level array", `[{"@type":"WebPage"},{"@type":"BlogPosting","author":{"name":["Ann Lee"]}}]`, "Ann Lee"},
		{"url only is not a name", `{"@type":"NewsArticle","author":"https://example.org/staff/ann"}`, ""},
		{"not an article", `{"@type":"Organization","name":"Example"}`, ""},
		{"broken json", `{"@type":"NewsArticle",`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><script type="application/ld+json">` + tt.ld + `</script></head><body></body></html>`
			doc := mustDoc(t, page)
			ld, _ := readJSONLD(doc)
			if got := strings.Join(ld.Authors, "; "); got != tt.want {
				t.Errorf("authors = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDayEvidence(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		src  string
		date string
		want bool
	}{
		{"© 2024 Valmora Daily", "2024-01-01", false},
		{"https://example.org/2024/06/story", "2024-06-01", false},
		{"https://example.org/2024/06/05/story", "2024-06-05", true},
		{"June 5, 2024", "2024-06-05", true},
		{"05.06.2024", "2024-06-05", true},
		{"20240605", "2024-06-05", true},
		{"1717566120", "2024-06-05", true},
		{"%1998.%22F$4-9nx8#!/4%14%1E!&8", "1998-01-01", false},
		{"Posted 1 January 2020", "2020-01-01", true},
		{"01.01.2020", "2020-01-01", true},
	}
	for _, tt := range tests {
		if got := hasDayEvidence(tt.src, day(tt.date)); got != tt.want {
			t.Errorf("hasDayEvidence(%q, %s) = %v, want %v", tt.src, tt.date, got, tt.want)
		}
	}
	if got := urlDate("https://ex.org/news/2017/7/12/story"); got != "2017-07-12" {
		t.Errorf("urlDate = %q", got)
	}
	for _, u := range []string{"https://ex.org/news/2017/02/31/story", "http://blog.example.de/2023/10/3-fragen-an-tina/", "https://ex.org/2024/06/"} {
		if got := urlDate(u); got != "" {
			t.Errorf("urlDate(%q) = %q, want none", u, got)
		}
	}
	if got := urlDate("https://ex.org/2024-06-05-port-probe"); got != "2024-06-05" {
		t.Errorf("urlDate dashed = %q", got)
	}
}

// TestPublishedDates covers the date rules on small pages.
func TestPublishedDates(t *testing.T) {
	fetched := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	story := `<p>` + strings.Repeat("The port authority said the transfers were being examined by investigators. ", 3) + `</p>`
	tests := []struct {
		name, head, body, url string
		wantAt, wantDay       string // RFC 3339 UTC, YYYY-MM-DD; "" for none
	}{
		{"json-ld with offset", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-06-05T01:30:00+05:00","dateModified":"2024-06-20T10:00:00Z"}</script>`, "", "",
			"2024-06-04T20:30:00Z", "2024-06-05"},
		{"modified date is not publication", `<meta property="article:modified_time" content="2024-06-20T10:00:00Z"><meta property="article:published_time" content="2024-06-01T08:00:00Z">`, "", "",
			"2024-06-01T08:00:00Z", "2024-06-01"},
		{"utc metadata, local <time>", `<meta property="article:published_time" content="2024-06-05T02:11:03Z">`, `<time datetime="2024-06-04T22:11:03-04:00">June 4</time>`, "",
			"2024-06-05T02:11:03Z", "2024-06-04"},
		{"utc metadata, local itemprop text", `<meta property="article:published_time" content="2024-06-05T02:11:03Z">`, `<span itemprop="datePublished">June 4, 2024</span>`, "",
			"2024-06-05T02:11:03Z", "2024-06-04"},
		{"utc metadata, local itemprop timestamp text", `<meta property="article:published_time" content="2024-06-05T02:11:03Z">`, `<span itemprop="datePublished">2024-06-04</span>`, "",
			"2024-06-05T02:11:03Z", "2024-06-04"},
		{"future date rejected", `<meta property="article:published_time" content="2031-01-01T00:00:00Z">`, "", "", "", ""},
		{"year-month URL invents nothing", "", "", "https://news.example.org/2024/06/story.html", "", ""},
		{"copyright year invents nothing", "", `<footer>© 2023 Example</footer>`, "", "", ""},
		{"full URL date beats a later republication", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-06-20T10:00:00+02:00"}</script>`, "", "https://news.example.org/2019/03/07/story.html",
			"2019-03-07T00:00:00Z", "2019-03-07"},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>T</title>" + tt.head + "</head><body><article>" + story + tt.body + "</article></body></html>"
			a, err := e.Extract(Input{Body: []byte(page), URL: tt.url, FetchedAt: fetched})
			if err != nil {
				t.Fatal(err)
			}
			var at string
			if a.PublishedAt != nil {
				at = a.PublishedAt.Format(time.RFC3339)
			}
			if at != tt.wantAt || a.PublishedDay != tt.wantDay {
				t.Errorf("published %q day %q, want %q day %q", at, a.PublishedDay, tt.wantAt, tt.wantDay)
			}
		})
	}
}

// TestSiteRules: configured selectors override the generic extractor for
// the host and its subdomains, and bad selectors fail New.
func TestSiteRules(t *testing.T) {
	page := `<html><head><title>Generic title | Site</title></head><body>
<div class="story"><h1 class="hed">Rule headline</h1><span class="who">Ann Lee</span><span class="when">5 June 2024</span>
<div class="txt"><p>First rule paragraph with enough words to count as text.</p><div class="ad">Buy now</div><p>Second rule paragraph.</p></div></div>
<article><p>` + strings.Repeat("Generic extractor would take this long unrelated paragraph instead. ", 5) + `</p></article></body></html>`
	opt := DefaultOptions()
	opt.Sites = map[string]SiteRule{"www.example.org": {Body: "div.txt", Title: "h1.hed", Author: "span.who", Date: "span.when", Remove: "div.ad"}}
	e, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	fetched := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	a, err := e.Extract(Input{Body: []byte(page), URL: "https://news.example.org/a/1", FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Rule headline" || a.Author != "Ann Lee" || a.PublishedDay != "2024-06-05" ||
		a.Text != "First rule paragraph with enough words to count as text.\n\nSecond rule paragraph." {
		t.Errorf("site rule not applied: %+v", a)
	}
	other, err := e.Extract(Input{Body: []byte(page), URL: "https://example.com/a/1", FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	if other.Title == "Rule headline" || other.Author == "Ann Lee" {
		t.Errorf("rule applied to another host: %+v", other)
	}
	for name, sites := range map[string]map[string]SiteRule{
		"invalid selector":                           {"example.org": {Body: "div[["}},
		"no selectors (a dotted key split by viper)": {"www": {}},
		"host in two rules":                          {"a": {Hosts: []string{"example.org"}, Body: "p"}, "b": {Hosts: []string{"www.example.org"}, Title: "h1"}},
	} {
		opt.Sites = sites
		if _, err := New(opt); err == nil {
			t.Errorf("New accepted %s", name)
		}
	}
	opt.Sites = map[string]SiteRule{"example": {Hosts: []string{"example.org"}, Title: "h1.hed"}}
	byHosts, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	if a, err := byHosts.Extract(Input{Body: []byte(page), URL: "https://example.org/x", FetchedAt: fetched}); err != nil || a.Title != "Rule headline" {
		t.Errorf("rule by hosts list not applied: %v %+v", err, a)
	}
	if _, err := New(Options{Fallback: "magic"}); err == nil {
		t.Error("New accepted an unknown fallback")
	}
}

func TestMaxTextLength(t *testing.T) {
	e, err := New(Options{MaxTextLength: 60})
	if err != nil {
		t.Fatal(err)
	}
	page := "<html><body><article><p>" + strings.Repeat("a", 40) + "</p><p>" + strings.Repeat("b", 40) + "</p></article></body></html>"
	a, err := e.Extract(Input{Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != strings.Repeat("a", 40) || !a.Truncated {
		t.Errorf("Text %q truncated %v, want the first paragraph only", a.Text, a.Truncated)
	}
}

func TestCompareShingles(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       ShingleCounts
	}{
		{"a b c d e", "a b c d", ShingleCounts{TP: 0.5, FN: 0.5}},
		{"a b c d", "a b c d", ShingleCounts{TP: 1}},
		{"one two", "one two", ShingleCounts{TP: 1}},
		{"x y z w", "", ShingleCounts{FN: 1}},
		{"", "", ShingleCounts{}},
		{"Jörg's co-op, 2024!", "jörg s co op 2024", ShingleCounts{TP: 1.0 / 3, FP: 1.0 / 3, FN: 1.0 / 3}}, // case-sensitive, like evaluate.py
	}
	for _, tt := range tests {
		if got := CompareShingles(tt.gold, tt.pred); got != tt.want {
			t.Errorf("CompareShingles(%q, %q) = %+v, want %+v", tt.gold, tt.pred, got, tt.want)
		}
	}
	s := Score([]ShingleCounts{{TP: 1}, {FN: 1}, {TP: 0.5, FP: 0.5}})
	// precision over pages with TP+FP>0: (1 + 0.5)/2; recall over TP+FN>0: (1 + 0 + 1)/3.
	if s.Precision != 0.75 || s.Recall != 2.0/3 || s.N != 3 {
		t.Errorf("Score = %+v", s)
	}
}

// TestRealPagesNoPanic runs Extract over every Zyte benchmark page and
// every mozilla/readability test page: each yields an article or one of the
// sentinel errors, never a recovered panic. With -short only every 8th page.
func TestRealPagesNoPanic(t *testing.T) {
	zyte := sharedDir(t, "data/html/zyte-article-extraction-benchmark/html")
	readability := sharedDir(t, "data/html/mozilla-readability/test/test-pages")
	a, _ := filepath.Glob(filepath.Join(zyte, "*.html.gz"))
	b, _ := filepath.Glob(filepath.Join(readability, "*", "source.html"))
	files := append(a, b...)
	if len(a) != 181 || len(b) != 130 {
		t.Fatalf("found %d Zyte and %d readability pages, want 181 and 130", len(a), len(b))
	}
	e := newTestExtractor(t)
	ok := 0
	for i, f := range files {
		if testing.Short() && i%8 != 0 {
			continue
		}
		body, err := ReadMaybeGzip(f)
		if err != nil {
			t.Fatal(err)
		}
		art, err := e.Extract(Input{Body: body})
		switch {
		case err == nil:
			ok++
			if art.Text == "" || art.Encoding == "" {
				t.Errorf("%s: empty text or encoding: %+v", f, art)
			}
		case errors.Is(err, ErrExtractor):
			t.Errorf("%s: %v", f, err)
		case errors.Is(err, ErrNoArticle), errors.Is(err, ErrNotHTML), errors.Is(err, ErrEmpty), errors.Is(err, ErrTooLarge):
		default:
			t.Errorf("%s: error without sentinel: %v", f, err)
		}
	}
	if ok == 0 {
		t.Error("no page extracted")
	}
}

func mustDoc(t testing.TB, page string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestDatesSameInEveryProcess parses declared dates with zone offsets in
// several fresh processes: go-dateparser's zone patterns come in map order,
// which differs per process, and "GMT+0000" once parsed in some processes
// only (a published_at that changed between runs).
func TestDatesSameInEveryProcess(t *testing.T) {
	inputs := []string{
		"Tue Nov 19 2019 03:05:46 GMT+0000", "Tue Nov 19 2019 03:05:46 GMT+0300 (Moscow Standard Time)",
		"19 Nov 2019 03:05 GMT+0000", "November 19, 2019 3:05 AM GMT+1", "19.11.2019 03:05 UTC+03:00",
		"Tue, Sep 15 2020 10:01:41 EDT", "5. Juni 2024",
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if os.Getenv("SANCTIONSCAN_DATES_CHILD") != "" {
		for _, s := range inputs {
			at, ok := parseDeclared(s, now)
			fmt.Printf("%q %s %v\n", s, at.UTC().Format(time.RFC3339), ok)
		}
		return
	}
	var first string
	for i := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDatesSameInEveryProcess$")
		cmd.Env = append(os.Environ(), "SANCTIONSCAN_DATES_CHILD=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		got := string(out)
		if i == 0 {
			first = got
			if !strings.Contains(got, `"19 Nov 2019 03:05 GMT+0000" 2019-11-19T03:05:00Z true`) {
				t.Fatalf("child output:\n%s", got)
			}
		} else if got != first {
			t.Fatalf("process %d parsed differently:\n%s\nfirst:\n%s", i, got, first)
		}
	}
}
