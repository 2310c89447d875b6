package article

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func bodyHTML(t *testing.T, doc *goquery.Document) string {
	t.Helper()
	s, err := doc.Find("body").Html()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPreCleanRestore checks what preClean removes (cleaned elements, their
// tail text seen through stripped elements, comments; not a figure with a
// table, not <ins>, not <head>) and that restore gives back the same tree.
func TestPreCleanRestore(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"element and tail", `<p>Said <time>Monday</time> at noon.</p><p>Next</p>`, `<p>Said </p><p>Next</p>`},
		{"tail stops at an element", `<div>A<nav>menu</nav> b <b>bold</b> c</div>`, `<div>A<b>bold</b> c</div>`},
		{"tail skips comments", `<p>A<label>x</label> b<!-- c --> d<i>e</i></p>`, `<p>A<i>e</i></p>`},
		{"tail enters stripped elements", `<p>A<time>t</time><small> b <em>e</em> c</small> d</p>`, `<p>A<small><em>e</em> c</small> d</p>`},
		{"tail leaves a stripped parent", `<p><font>A<time>t</time> b</font> c<em>e</em></p>`, `<p><font>A</font><em>e</em></p>`},
		{"stripped void element", `<div>A<nav></nav><img src="x"/> b<em>e</em></div>`, `<div>A<img src="x"/><em>e</em></div>`},
		{"not past a parent that is not stripped", `<div><span>A<aside>x</aside> b</span> c</div>`, `<div><span>A</span> c</div>`},
		{"figure with a table stays", `<figure><table><tbody><tr><td>1</td></tr></tbody></table><time>t</time></figure><figure>img</figure> x<p>y</p>`, `<figure><table><tbody><tr><td>1</td></tr></tbody></table></figure><p>y</p>`},
		{"ins is stripped, not cleaned", `<p>A<ins>new</ins> b</p>`, `<p>A<ins>new</ins> b</p>`},
		{"asp.net form", `<form><div><p>All the story.</p></div></form><footer>(c)</footer>`, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `<html><head><title>T</title><meta name="author" content="A"/></head><body>` + tc.in + `</body></html>`
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			before, err := goquery.OuterHtml(doc.Selection)
			if err != nil {
				t.Fatal(err)
			}
			removed := preClean(doc)
			if got := bodyHTML(t, doc); got != tc.want {
				t.Errorf("after preClean\n got %s\nwant %s", got, tc.want)
			}
			if doc.Find("head title").Length() != 1 {
				t.Error("preClean touched <head>")
			}
			restore(removed)
			if after, _ := goquery.OuterHtml(doc.Selection); after != before {
				t.Errorf("after restore\n got %s\nwant %s", after, before)
			}
		})
	}
}

// TestPreCleanSameMainText checks on the real Zyte benchmark pages that
// go-trafilatura finds the same main text in the pre-cleaned tree as in the
// whole one. FavorPrecision turns off its rescue for short texts (which
// reads the uncleaned tree, see preClean) and cleans as the default does.
func TestPreCleanSameMainText(t *testing.T) {
	dir := sharedDir(t, "data/html/zyte-article-extraction-benchmark/html")
	files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if len(files) == 0 {
		t.Skip("no Zyte benchmark pages in " + dir)
	}
	opts := trafilatura.Options{Focus: trafilatura.FavorPrecision, HtmlDateOverride: &htmldate.Result{}}
	for _, f := range files {
		body, err := ReadMaybeGzip(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(strings.NewReader(Decode(body, "").Text))
		if err != nil {
			t.Fatal(err)
		}
		doc := goquery.NewDocumentFromNode(root)
		whole, werr := trafilatura.ExtractDocument(root, opts)
		removed := preClean(doc)
		pre, perr := trafilatura.ExtractDocument(root, opts)
		restore(removed)
		switch {
		case (werr == nil) != (perr == nil):
			t.Errorf("%s: whole tree error %v, pre-cleaned error %v", filepath.Base(f), werr, perr)
		case werr == nil && whole.ContentText != pre.ContentText:
			t.Errorf("%s: main text differs:\nwhole %.200q\n  pre %.200q", filepath.Base(f), whole.ContentText, pre.ContentText)
		}
	}
}

// TestPreCleanKeepsBylineFallback checks that a byline only
// go-trafilatura's metadata pass finds (no JSON-LD or meta author), here in
// a <footer> that its cleaning removes, is still the article's author.
func TestPreCleanKeepsBylineFallback(t *testing.T) {
	story := strings.Repeat("<p>The council met on Monday to discuss the new budget for the coming year, and the members agreed on most points.</p>", 4)
	page := `<html><head><title>Budget agreed</title></head><body><article><h1>Budget agreed</h1>` + story +
		`<footer><span class="author">Jane Roe</span></footer></article></body></html>`
	a, err := newTestExtractor(t).Extract(Input{Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Author != "Jane Roe" {
		t.Errorf("author %q, want %q", a.Author, "Jane Roe")
	}
	if !strings.HasPrefix(a.Text, "The council met on Monday") {
		t.Errorf("text %.80q", a.Text)
	}
}

// FuzzPreCleanRestore checks on any page that preClean leaves no cleaned
// element or comment in the body and that restore gives back the same tree.
func FuzzPreCleanRestore(f *testing.F) {
	f.Add(`<p>A<time>t</time><small> b <em>e</em></small> c<!-- x --></p><form><p>story</p></form>`)
	f.Add(`<font><nav>n</nav> tail</font> after<figure><table><tr><td>1</td></tr></table></figure>`)
	f.Add(`<aside><aside>x</aside>y</aside>z<ins>k<footer>f</footer>w</ins>`)
	f.Fuzz(func(t *testing.T, body string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><head><title>T</title></head><body>" + body))
		if err != nil {
			return
		}
		before, err := goquery.OuterHtml(doc.Selection)
		if err != nil {
			return
		}
		removed := preClean(doc)
		for _, b := range doc.Find("body").Nodes {
			for n := range b.Descendants() {
				if n.Type == html.CommentNode || n.Type == html.ElementNode && trafilaturaCleaned[n.Data] && !(n.Data == "figure" && hasTable(n)) {
					t.Fatalf("%s left in the body of %q", n.Data, body)
				}
			}
		}
		restore(removed)
		if after, _ := goquery.OuterHtml(doc.Selection); after != before {
			t.Fatalf("restore changed the tree of %q:\n got %s\nwant %s", body, after, before)
		}
	})
}
