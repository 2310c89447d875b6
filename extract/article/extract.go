package article

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Extractor turns page bytes into an Article. It holds only immutable
// configuration, so one Extractor is safe for concurrent use.
type Extractor struct {
	opt   Options
	sites siteRules
}

// New validates opt (zero caps take their defaults) and compiles the
// per-site selectors. It fails on a negative cap, an unknown Fallback or a
// selector that does not parse.
func New(opt Options) (*Extractor, error) {
	def := DefaultOptions()
	for _, c := range []struct {
		key string
		v   int
	}{{"max_input_bytes", opt.MaxInputBytes}, {"max_text_length", opt.MaxTextLength}, {"max_dom_depth", opt.MaxDOMDepth}} {
		if c.v < 0 {
			return nil, fmt.Errorf("extract.%s must be >= 0 (0: the default), got %d", c.key, c.v)
		}
	}
	if opt.MaxInputBytes <= 0 {
		opt.MaxInputBytes = def.MaxInputBytes
	}
	if opt.MaxTextLength <= 0 {
		opt.MaxTextLength = def.MaxTextLength
	}
	if opt.MaxDOMDepth <= 0 {
		opt.MaxDOMDepth = def.MaxDOMDepth
	}
	if opt.MinArticleRunes <= 0 {
		opt.MinArticleRunes = def.MinArticleRunes
	}
	switch opt.Fallback {
	case "":
		opt.Fallback = def.Fallback
	case FallbackNone, FallbackReadability:
	default:
		return nil, fmt.Errorf("extract.fallback: unknown %q (want %q or %q)", opt.Fallback, FallbackNone, FallbackReadability)
	}
	sites, err := compileSites(opt.Sites)
	if err != nil {
		return nil, err
	}
	return &Extractor{opt: opt, sites: sites}, nil
}

// Extract decodes in.Body (see Decode), parses it and returns the article.
// Errors wrap ErrEmpty, ErrNotHTML, ErrTooLarge, ErrNoArticle or
// ErrExtractor with the reason; a panic inside a third-party extractor is
// recovered into ErrExtractor. With ErrNoArticle the Article is returned
// too, holding the page's metadata (title, dates, language, ...) and no
// Text, so an error record can still say what the page was; with the other
// errors it is nil.
func (e *Extractor) Extract(in Input) (art *Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			art, err = nil, fmt.Errorf("%w: panic: %v", ErrExtractor, r)
		}
	}()
	if len(bytes.TrimSpace(in.Body)) == 0 {
		return nil, fmt.Errorf("%w: %d bytes, no content", ErrEmpty, len(in.Body))
	}
	if len(in.Body) > e.opt.MaxInputBytes {
		return nil, fmt.Errorf("%w: %d bytes exceeds max_input_bytes %d", ErrTooLarge, len(in.Body), e.opt.MaxInputBytes)
	}
	if reason := notHTML(in.Body, in.ContentType); reason != "" {
		return nil, fmt.Errorf("%w: %s", ErrNotHTML, reason)
	}
	dec := Decode(in.Body, in.ContentType)
	if !reMarkup.MatchString(dec.Text) {
		return nil, fmt.Errorf("%w: no HTML markup in %d bytes of %s text", ErrNotHTML, len(in.Body), dec.Encoding)
	}
	root, err := html.Parse(strings.NewReader(dec.Text))
	switch {
	case err != nil && strings.Contains(err.Error(), "open stack of elements"):
		// x/net/html stops at 512 open elements
		return nil, fmt.Errorf("%w: elements nested more than 512 deep (x/net/html's limit; max_dom_depth can only lower it): %v", ErrTooLarge, err)
	case err != nil: // otherwise x/net/html only fails on reader errors
		return nil, fmt.Errorf("%w: parse: %v", ErrNotHTML, err)
	}
	if d := domDepth(root); d > e.opt.MaxDOMDepth {
		return nil, fmt.Errorf("%w: DOM depth %d exceeds max_dom_depth %d", ErrTooLarge, d, e.opt.MaxDOMDepth)
	}
	doc := goquery.NewDocumentFromNode(root)
	meta := readMeta(doc)

	art = &Article{Encoding: dec.Encoding, CanonicalURL: absoluteURL(in.URL, meta.canonical), SiteName: unescapeEntities(meta.siteName)}
	rule, hasRule := e.sites.lookup(pageHost(in.URL, meta.canonical))
	if hasRule && rule.remove != nil {
		doc.FindMatcher(rule.remove).Remove()
	}

	pub := e.publishedAt(doc, in, meta, rule)
	pruneBoilerplate(doc)
	links := linkTexts(doc)

	var pubAt *time.Time
	if pub != nil {
		pubAt = &pub.at
	}
	// go-trafilatura's metadata pass reads the tree preClean prunes; its
	// author is the fallback when the page declares none.
	var res *trafilatura.ExtractResult
	var noText error
	if body := doc.Find("body").Nodes; len(body) == 1 && textBytes(body[0], maxLibraryText) > maxLibraryText {
		// go-trafilatura v1.12.2 builds the main text by concatenating
		// strings, in time quadratic in its length: 2 MB of text took 5 s,
		// 10 MB two minutes and 1.2 GB. A page with that much text is no
		// news article (a book, a dump); its paragraphs are read directly.
		res = &trafilatura.ExtractResult{ContentNode: body[0]}
	} else {
		res, noText = e.trafilatura(doc, in.URL, pubAt, meta.declaredAuthor() != "")
	}
	if noText != nil && !errors.Is(noText, ErrNoArticle) {
		return nil, noText
	}
	if res == nil {
		res = &trafilatura.ExtractResult{}
	}
	art.Title = chooseTitle(meta, res.Metadata.Title)
	art.Author = cleanAuthor(chooseAuthor(meta, res.Metadata.Author))
	art.Language = chooseLanguage(meta.lang, res.Metadata.Language)
	if art.SiteName == "" {
		art.SiteName = unescapeEntities(res.Metadata.Sitename)
	}
	if art.CanonicalURL == "" {
		art.CanonicalURL = absoluteURL(in.URL, res.Metadata.URL)
	}
	if pub != nil {
		t := pub.at.UTC()
		art.PublishedAt = &t
		art.PublishedDay = pub.day
	}

	var paras []string
	if res.ContentNode != nil {
		paras = paragraphs(res.ContentNode)
	}
	userBody := hasRule && e.applyRule(doc, rule, art, &paras)
	paras = dropTitle(paras, art.Title)
	switch {
	case len(paras) == 0 && noText != nil:
		return art, noText
	case len(paras) == 0:
		return art, fmt.Errorf("%w: no text found", ErrNoArticle)
	case !userBody && !hasArticle(paras, links, e.opt.MinArticleRunes):
		return art, fmt.Errorf("%w: %d short paragraphs, none of %d+ characters, a third or more of the text link texts (headlines)", ErrNoArticle, len(paras), e.opt.MinArticleRunes)
	}
	art.Text, art.Truncated = capText(paras, e.opt.MaxTextLength)
	return art, nil
}

// maxLibraryText is the most text, in bytes, a page's body may hold for
// go-trafilatura to extract its main text; beyond it the body's paragraphs
// are the text (Extract). Article texts are tens of kilobytes; at 512 KiB
// go-trafilatura takes about 0.3 s.
const maxLibraryText = 512 << 10

// textBytes returns the bytes of text under n, counting no further than
// past limit.
func textBytes(n *html.Node, limit int) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && total <= limit; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				total += len(c.Data)
			case c.Type == html.ElementNode && c.Data != "script" && c.Data != "style":
				walk(c)
			}
		}
	}
	walk(n)
	return total
}

// trafilatura runs go-trafilatura on the parsed page; the date is ours
// (pub), so its own htmldate run is skipped. Comment sections are
// extracted separately (ExcludeComments=false makes go-trafilatura cut
// them out of the body) and discarded.
//
// With preclean (the page declares its author, so what we keep of
// go-trafilatura's metadata, which it reads from the tree it is given,
// comes from <head>, which preClean leaves alone) it runs first on the
// tree without what go-trafilatura's own cleaning removes (preClean): the
// same main text at a fraction of the cost of its three copies of the tree
// (TestPreCleanSameMainText). When the main text is shorter than
// MinExtractedSize, go-trafilatura's rescue, a "baseline" that glues
// headline and paragraphs into one block, then reads that tree too,
// without its menus and footers. The result is kept when it has
// MinExtractedSize characters or more. Otherwise it is re-run on the whole
// tree (an ASP.NET page keeps its text inside a <form>); when that result
// is still short, it is re-run once more with the rescue disabled and that
// text is kept if there is any.
func (e *Extractor) trafilatura(doc *goquery.Document, pageURL string, pub *time.Time, preclean bool) (res *trafilatura.ExtractResult, err error) {
	opts := trafilatura.Options{
		EnableFallback:   e.opt.Fallback == FallbackReadability,
		HtmlDateOverride: &htmldate.Result{},
	}
	if pub != nil {
		opts.HtmlDateOverride = &htmldate.Result{DateTime: *pub, HasTime: true}
	}
	if u, perr := url.ParseRequestURI(pageURL); perr == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: go-trafilatura panic: %v", ErrExtractor, r)
		}
	}()
	root := doc.Nodes[0]
	minText := trafilatura.DefaultConfig().MinExtractedSize
	if preclean {
		removed := preClean(doc)
		res, err = trafilatura.ExtractDocument(root, opts)
		restore(removed)
		if err == nil && utf8.RuneCountInString(res.ContentText) >= minText {
			return res, nil
		}
	}
	res, err = trafilatura.ExtractDocument(root, opts)
	if err != nil {
		// go-trafilatura fails only when no text was found at all.
		return nil, fmt.Errorf("%w: go-trafilatura: %v", ErrNoArticle, err)
	}
	if utf8.RuneCountInString(res.ContentText) < minText {
		noRescue := *trafilatura.DefaultConfig()
		noRescue.MinExtractedSize = 0
		opts.Config = &noRescue
		if short, serr := trafilatura.ExtractDocument(root, opts); serr == nil && strings.TrimSpace(short.ContentText) != "" {
			short.Metadata = res.Metadata
			res = short
		}
	}
	return res, nil
}

// applyRule overrides the generic results with a site rule's selectors.
// It reports whether the rule's body selector supplied the paragraphs
// (a user-chosen body is not second-guessed as an index page).
func (e *Extractor) applyRule(doc *goquery.Document, rule compiledRule, art *Article, paras *[]string) bool {
	bodySet := false
	if rule.body != nil {
		var ps []string
		doc.FindMatcher(rule.body).Each(func(_ int, s *goquery.Selection) {
			for _, n := range s.Nodes {
				ps = append(ps, paragraphs(n)...)
			}
		})
		if len(ps) > 0 {
			*paras, bodySet = ps, true
		}
	}
	if rule.title != nil {
		if t := cleanParagraph(doc.FindMatcher(rule.title).First().Text()); t != "" {
			art.Title = t
		}
	}
	if rule.author != nil {
		var names []string
		doc.FindMatcher(rule.author).Each(func(_ int, s *goquery.Selection) {
			if n := cleanParagraph(s.Text()); n != "" {
				names = append(names, n)
			}
		})
		if a := cleanAuthor(strings.Join(names, "; ")); a != "" {
			art.Author = a
		}
	}
	return bodySet
}

// reMarkup is the minimum that makes a text HTML: a start tag, end tag,
// doctype or comment.
var reMarkup = regexp.MustCompile(`(?i)<(?:[a-z][a-z0-9-]*[\s/>]|/[a-z]|!doctype|!--)`)

// notHTML returns why body is not an HTML page ("" when it may be): a
// non-HTML Content-Type, a known binary signature, or NUL bytes outside
// UTF-16/32 text.
func notHTML(body []byte, contentType string) string {
	if ct := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0])); ct != "" {
		switch {
		case ct == "text/html", ct == "application/xhtml+xml", ct == "text/plain", ct == "application/xml", ct == "text/xml",
			ct == "application/octet-stream", ct == "binary/octet-stream":
		default:
			return "Content-Type " + ct
		}
	}
	for _, sig := range binarySignatures {
		if bytes.HasPrefix(body, []byte(sig.magic)) {
			return sig.what + " signature"
		}
	}
	if enc, _, _ := bomEncoding(body); enc != nil {
		return ""
	}
	if enc, _ := utf16or32Pattern(body); enc != nil {
		return ""
	}
	head := body
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "NUL bytes in the first 8 KiB (binary data)"
	}
	return ""
}

var binarySignatures = []struct{ magic, what string }{
	{"\x1f\x8b", "gzip (still compressed or truncated)"},
	{"%PDF-", "PDF"},
	{"\x89PNG", "PNG"},
	{"GIF8", "GIF"},
	{"\xff\xd8\xff", "JPEG"},
	{"PK\x03\x04", "ZIP"},
	{"RIFF", "RIFF (WebP/AVI/WAV)"},
	{"\x28\xb5\x2f\xfd", "zstd"},
	{"BZh", "bzip2"},
	{"\xfd7zXZ\x00", "xz"},
	{"OggS", "Ogg"},
	{"\x00\x00\x00\x18ftyp", "MP4"},
	{"\x00\x00\x00\x20ftyp", "MP4"},
	{"wOFF", "WOFF font"},
}

// domDepth returns the maximum element nesting depth, iteratively (a deep
// tree must not overflow the stack here).
func domDepth(root *html.Node) int {
	max, depth := 0, 0
	n := root
	for n != nil {
		if n.FirstChild != nil {
			n = n.FirstChild
			depth++
			if depth > max {
				max = depth
			}
			continue
		}
		for n != nil && n.NextSibling == nil {
			n = n.Parent
			depth--
		}
		if n != nil {
			n = n.NextSibling
		}
	}
	return max
}

// absoluteURL resolves a possibly relative link against the page URL and
// returns it only when the result is an absolute http(s) URL, else "": a
// relative canonical link on a page read from a file names no page (and
// two sites' "/news/1" must not become one document_id).
func absoluteURL(base, ref string) string {
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || ref == "" {
		return ""
	}
	if b, berr := url.Parse(base); berr == nil && b.IsAbs() {
		r = b.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" {
		return ""
	}
	return r.String()
}

// pageHost is the host of the page URL, else of the canonical URL.
func pageHost(pageURL, canonical string) string {
	for _, s := range []string{pageURL, canonical} {
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			return u.Hostname()
		}
	}
	return ""
}

// dropTitle removes the title (the page's <h1>, its own zone) from the
// body: paragraphs equal to it, and a headline glued to the front of a
// paragraph (go-trafilatura's baseline for short pages does that), which
// then is dropped if it merely repeats another paragraph.
func dropTitle(paras []string, title string) []string {
	if title == "" {
		return paras
	}
	have := map[string]bool{}
	for _, p := range paras {
		have[p] = true
	}
	out := paras[:0:0]
	for _, p := range paras {
		if sameText(p, title) {
			continue
		}
		if rest, ok := strings.CutPrefix(p, title); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\n') {
			if p = strings.TrimSpace(rest); have[p] {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// hasArticle reports whether paras look like an article rather than a
// page of headlines. A page of headlines has five or more paragraphs, none
// weighing minRunes (see textWeight), and at least a third of its text is
// the text of links (links: linkTexts of the page). Short items and lists
// that are not links (a changelog, a brief) are articles.
func hasArticle(paras []string, links map[string]bool, minRunes int) bool {
	if len(paras) == 0 {
		return false
	}
	if len(paras) < 5 {
		return true
	}
	total, linked := 0, 0
	for _, p := range paras {
		w := textWeight(p)
		if w >= minRunes {
			return true
		}
		total += w
		if links[linkKey(p)] {
			linked += w
		}
	}
	return 3*linked < total
}

// linkTexts returns the normalised texts of the page's <a> elements.
func linkTexts(doc *goquery.Document) map[string]bool {
	out := map[string]bool{}
	doc.Find("a").Each(func(_ int, s *goquery.Selection) {
		if k := linkKey(s.Text()); k != "" {
			out[k] = true
		}
	})
	return out
}

func linkKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// textWeight is the length of s in code points, counting Han, kana and
// Hangul characters three times: a CJK character carries about what three
// Latin letters do (a 35-character Chinese sentence says about as much as
// a 100-letter English one).
func textWeight(s string) int {
	n := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			n += 3
		} else {
			n++
		}
	}
	return n
}
