package article

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/sanctionscan/sanctionscan/pipeline/sharedtest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json")

// sharedDir returns ../shared/<rel> beside the repository, or skips.
func sharedDir(t testing.TB, rel string) string { return sharedtest.Shared(t, rel) }

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := New(DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSeedArticle(t *testing.T) {
	dir := sharedDir(t, "seed")
	e := newTestExtractor(t)
	utf8Art, err := e.Extract(Input{Body: mustRead(t, filepath.Join(dir, "article.html")), URL: "https://news.example.org/en/news/central-asia/20240605/tokayev-taliban-long-term-factor"})
	if err != nil {
		t.Fatal(err)
	}
	cp1251Art, err := e.Extract(Input{Body: mustRead(t, filepath.Join(dir, "article-cp1251.html"))})
	if err != nil {
		t.Fatal(err)
	}
	for name, a := range map[string]*Article{"article.html": utf8Art, "article-cp1251.html": cp1251Art} {
		t.Run(name, func(t *testing.T) {
			if want := "Tokayev explains why Kazakhstan took the Taliban off its terrorist list"; a.Title != want {
				t.Errorf("Title = %q, want %q", a.Title, want)
			}
			want := time.Date(2024, 6, 5, 5, 42, 0, 0, time.UTC)
			if a.PublishedAt == nil || !a.PublishedAt.Equal(want) || a.PublishedAt.Location() != time.UTC {
				t.Errorf("PublishedAt = %v, want %v", a.PublishedAt, want)
			}
			paras := strings.Split(a.Text, "\n\n")
			if len(paras) != 9 {
				t.Errorf("got %d paragraphs, want the 9 story paragraphs:\n%s", len(paras), a.Text)
			}
			if !strings.HasPrefix(paras[0], "The decision was announced back in December") ||
				!strings.HasSuffix(paras[len(paras)-1], "views its southern neighbor in pragmatic terms.") {
				t.Errorf("text does not run from the first to the last story paragraph:\n%s", a.Text)
			}
			for _, bad := range []string{"Related news", "Emomali Rahmon", "Dushanbe", "All news", "Авторизуйтесь", "Share:", "Telegram", "Русская версия", "Reproduction requires"} {
				if strings.Contains(a.Text, bad) {
					t.Errorf("text contains %q", bad)
				}
			}
			if a.Author != "Staff reporter" || a.Language != "en" || a.SiteName != "News portal" ||
				a.CanonicalURL != "https://news.example.org/en/news/central-asia/20240605/tokayev-taliban-long-term-factor" {
				t.Errorf("metadata: author %q language %q site %q canonical %q", a.Author, a.Language, a.SiteName, a.CanonicalURL)
			}
		})
	}
	if utf8Art.Text != cp1251Art.Text {
		t.Errorf("windows-1251 copy gives different text")
	}
	if utf8Art.Encoding != "utf-8" || cp1251Art.Encoding != "windows-1251" {
		t.Errorf("encodings %q, %q; want utf-8, windows-1251", utf8Art.Encoding, cp1251Art.Encoding)
	}
}

// TestCaseC07 covers charset conflicts: legacy bytes declared only in a
// meta tag, and UTF-8 bytes served with a wrong Latin-1 header.
func TestCaseC07(t *testing.T) {
	dir := sharedDir(t, "cases/C07")
	e := newTestExtractor(t)
	tests := []struct {
		file, contentType, title, contains, encoding string
	}{
		{"article_cp1251.html", "", "Санкции против компании «Северный Ветер»", "Олега Стрельцова", "windows-1251"},
		{"article_cp1251.html", "text/html", "Санкции против компании «Северный Ветер»", "Олега Стрельцова", "windows-1251"},
		{"article_utf8_dash.html", "text/html; charset=ISO-8859-1", "Regulator fines Brightwave — again", "Jörg Åberg’s", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.contentType, func(t *testing.T) {
			a, err := e.Extract(Input{Body: mustRead(t, filepath.Join(dir, tt.file)), ContentType: tt.contentType})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || !strings.Contains(a.Text, tt.contains) || a.Encoding != tt.encoding {
				t.Errorf("got title %q encoding %q text %q", a.Title, a.Encoding, a.Text)
			}
			for _, bad := range []string{"\uFFFD", "Ð", "Ñ", "Â", "â€"} {
				if strings.Contains(a.Title+a.Text, bad) {
					t.Errorf("mojibake %q in %q / %q", bad, a.Title, a.Text)
				}
			}
		})
	}
}

// TestCaseC08: a related-links block inside the story container is not
// body text.
func TestCaseC08(t *testing.T) {
	dir := sharedDir(t, "cases/C08")
	a, err := newTestExtractor(t).Extract(Input{Body: mustRead(t, filepath.Join(dir, "article_related.html"))})
	if err != nil {
		t.Fatal(err)
	}
	want := "Investigators in Valmora said on Tuesday they were examining ship-to-ship fuel transfers handled by Coastline Bunkering Ltd.\n\n" +
		"The company's director, Ilse Brandvold, denied wrongdoing and said all cargoes were documented.\n\n" +
		"A hearing is scheduled for next month."
	if a.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", a.Text, want)
	}
	if a.PublishedAt != nil {
		t.Errorf("PublishedAt = %v, want nil (only a © year on the page)", a.PublishedAt)
	}
}

// TestErrors covers inputs that must become error values.
func TestErrors(t *testing.T) {
	e := newTestExtractor(t)
	small, err := New(Options{MaxInputBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	shallow, err := New(Options{MaxDOMDepth: 20})
	if err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat("<div>", 50) + "<p>deep</p>" + strings.Repeat("</div>", 50)
	tests := []struct {
		name string
		ex   *Extractor
		in   Input
		want error
	}{
		{"nil body", e, Input{}, ErrEmpty},
		{"whitespace", e, Input{Body: []byte(" \n\t ")}, ErrEmpty},
		{"png", e, Input{Body: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")}, ErrNotHTML},
		{"truncated gzip", e, Input{Body: []byte{0x1f, 0x8b, 0x08, 0x00}}, ErrNotHTML},
		{"pdf content type", e, Input{Body: []byte("<html>x</html>"), ContentType: "application/pdf"}, ErrNotHTML},
		{"nul bytes", e, Input{Body: []byte("abc\x00\x01\x02def\x00ghi<p>")}, ErrNotHTML},
		{"plain text", e, Input{Body: []byte("just a line of text, no markup at all")}, ErrNotHTML},
		{"too large", small, Input{Body: []byte("<html><body><p>" + strings.Repeat("a", 200) + "</p></body></html>")}, ErrTooLarge},
		{"too deep", shallow, Input{Body: []byte(deep)}, ErrTooLarge},
		{"index page", e, Input{Body: mustRead(t, "testdata/index_page.html")}, ErrNoArticle},
		{"markup only", e, Input{Body: []byte("<html><body><div></div></body></html>")}, ErrNoArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.ex.Extract(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v (article %+v), want %v", err, a, tt.want)
			}
			if noArticle := errors.Is(err, ErrNoArticle); (a != nil) != noArticle || (a != nil && a.Text != "") {
				t.Errorf("article %+v returned with error %v (want metadata only with ErrNoArticle, else nil)", a, err)
			}
		})
	}
}

// TestHugeText: a page whose body holds more text than go-trafilatura can
// extract in reasonable time (maxLibraryText) is read paragraph by
// paragraph, menus pruned, and capped at MaxTextLength.
func TestHugeText(t *testing.T) {
	e, err := New(Options{MaxTextLength: 10000})
	if err != nil {
		t.Fatal(err)
	}
	para := "<p>The council met on Monday to discuss the price of bread in the city of Springfield, officials said.</p>\n"
	page := "<html><head><title>Minutes</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>" +
		strings.Repeat(para, maxLibraryText/len(para)+100) + "</article></body></html>"
	a, err := e.Extract(Input{Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Truncated || !strings.HasPrefix(a.Text, "The council met on Monday") || strings.Contains(a.Text, "Home") || utf8.RuneCountInString(a.Text) > 10000 {
		t.Errorf("truncated %v, %d code points, text starts %.80q", a.Truncated, utf8.RuneCountInString(a.Text), a.Text)
	}
}

// goldenArticle is the JSON form of an Article in testdata/golden.
type goldenArticle struct {
	Title, Author, PublishedAt, Language, CanonicalURL, SiteName, Encoding string
	Paragraphs                                                             []string
}

// TestGolden extracts every testdata/*.html and compares with
// testdata/golden/<name>.json (regenerate with -update).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	e := newTestExtractor(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		if name == "index_page" { // an error case, see TestErrors
			continue
		}
		t.Run(name, func(t *testing.T) {
			a, err := e.Extract(Input{Body: mustRead(t, f), FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			g := goldenArticle{Title: a.Title, Author: a.Author, Language: a.Language, CanonicalURL: a.CanonicalURL,
				SiteName: a.SiteName, Encoding: a.Encoding, Paragraphs: strings.Split(a.Text, "\n\n")}
			if a.PublishedAt != nil {
				g.PublishedAt = a.PublishedAt.Format(time.RFC3339)
			}
			got, _ := json.MarshalIndent(g, "", "  ")
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if strings.TrimSpace(string(want)) != string(got) {
				t.Errorf("%s differs from golden:\n%s", name, got)
			}
		})
	}
}

// TestConcurrentExtract: one Extractor used from several goroutines gives
// the same articles as sequential use (run with -race to check for races).
func TestConcurrentExtract(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	e := newTestExtractor(t)
	fetched := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	want := map[string]string{}
	for _, f := range files {
		a, err := e.Extract(Input{Body: mustRead(t, f), FetchedAt: fetched})
		want[f] = fmt.Sprintf("%+v %v", a, err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(files))
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range files {
				b, _ := os.ReadFile(f)
				a, err := e.Extract(Input{Body: b, FetchedAt: fetched})
				if got := fmt.Sprintf("%+v %v", a, err); got != want[f] {
					errs <- f + ": " + got
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error("concurrent result differs: " + msg)
	}
}
