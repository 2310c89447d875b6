package article

import (
	"html"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// pageMeta is what the page's <head> and JSON-LD declare.
type pageMeta struct {
	ld         ldArticle
	ogTitle    string
	htmlTitle  string // <title>
	h1         string // first <h1>
	metaAuthor string // <meta name="author"> / article:author (names only, not URLs)
	canonical  string
	siteName   string
	lang       string // ISO 639-1 from <html lang> or a content-language meta, "" if none
}

func readMeta(doc *goquery.Document) pageMeta {
	var m pageMeta
	metas := doc.Find("meta") // one walk of the tree; each metaContent filters these
	m.ld, _ = readJSONLD(doc)
	m.ogTitle = metaContent(metas, `meta[property="og:title" i], meta[name="og:title" i]`)
	m.htmlTitle = cleanParagraph(doc.Find("head title, title").First().Text())
	m.h1 = cleanParagraph(doc.Find("h1").First().Text())
	for _, a := range []string{
		metaContent(metas, `meta[name="author" i]`),
		metaContent(metas, `meta[property="article:author" i], meta[name="article:author" i]`),
		metaContent(metas, `meta[name="parsely-author" i], meta[name="sailthru.author" i], meta[name="dc.creator" i]`),
	} {
		if a != "" && !strings.HasPrefix(a, "http") {
			m.metaAuthor = a
			break
		}
	}
	m.canonical = strings.TrimSpace(doc.Find(`link[rel~="canonical" i]`).First().AttrOr("href", ""))
	if m.canonical == "" {
		m.canonical = metaContent(metas, `meta[property="og:url" i]`)
	}
	if m.canonical == "" {
		m.canonical = m.ld.URL
	}
	m.siteName = metaContent(metas, `meta[property="og:site_name" i], meta[name="application-name" i]`)
	if m.siteName == "" {
		m.siteName = m.ld.Publisher
	}
	for _, l := range []string{
		doc.Find("html").First().AttrOr("lang", ""),
		doc.Find("html").First().AttrOr("xml:lang", ""),
		metaContent(metas, `meta[http-equiv="content-language" i], meta[name="language" i], meta[name="dc.language" i]`),
		m.ld.Language,
		metaContent(metas, `meta[property="og:locale" i]`),
	} {
		if iso := iso6391(l); iso != "" {
			m.lang = iso
			break
		}
	}
	return m
}

// metaContent returns the first non-empty content attribute, cleaned, of
// the <meta> elements of metas that sel (a group of meta[...] selectors)
// matches, in document order; "" if none.
func metaContent(metas *goquery.Selection, sel string) string {
	var out string
	metas.Filter(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		out = cleanParagraph(strings.ReplaceAll(s.AttrOr("content", ""), "\n", " "))
		return out == ""
	})
	return out
}

var reLangTag = regexp.MustCompile(`^([A-Za-z]{2})(?:[-_].*)?$`)

// iso6391 returns the two-letter primary subtag of a BCP 47 / locale tag
// ("en-GB", "ru_RU", "de"), lower-cased; "" for anything else.
func iso6391(tag string) string {
	tag = strings.TrimSpace(strings.SplitN(tag, ",", 2)[0])
	if m := reLangTag.FindStringSubmatch(tag); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// chooseTitle returns the headline. Candidates, in order: the JSON-LD
// headline, og:title, <title>, the generic extractor's title
// (go-trafilatura's, which splits <title> at any dash and so cuts headlines
// like "Regulator fines Brightwave — again"); the first non-empty one is
// used with a site-name segment stripped. Some sites (Wikipedia) fill the
// JSON-LD headline with a description and give the headline as "name":
// when the name, not the headline, equals the page's <h1>, the name is used.
// When the <h1> starts with the chosen title and goes on ("Leeds dentist
// honoured for free clinics" + " for homeless people"), the <h1> is the
// title, so no fragment of it is left at the top of the text.
func chooseTitle(m pageMeta, generic string) string {
	headline := m.ld.Headline
	if m.h1 != "" && sameText(m.ld.Name, m.h1) && !sameText(headline, m.h1) {
		headline = m.ld.Name
	}
	for _, t := range []string{headline, m.ogTitle, m.htmlTitle, generic} {
		if t = cleanParagraph(unescapeEntities(t)); t != "" {
			t = stripSiteName(t, m.siteName, m.h1)
			if h := cleanParagraph(unescapeEntities(m.h1)); len(h) > len(t) && strings.HasPrefix(h, t+" ") {
				return h // the <h1> goes on where a shortened <title> stops
			}
			return t
		}
	}
	return ""
}

// reEntity matches an HTML character reference: "&#8220;", "&#x201C;",
// "&quot;".
var reEntity = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// unescapeEntities decodes the character references left in a title: JSON-LD
// strings are not HTML, yet publishers write "&#8217;" in them, and some
// escape their <title> and og:title twice ("&amp;#8220;"). A title is no
// place for markup, so "&#8220;Tenemos" is "“Tenemos".
func unescapeEntities(s string) string {
	if !reEntity.MatchString(s) {
		return s
	}
	return html.UnescapeString(s)
}

// titleSeparators split a <title> into headline and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "}

// stripSiteName removes a site-name segment from a title: a trailing or
// leading segment equal to the known site name, or the segments around a
// headline equal to the page's <h1>. Other separators (a dash inside a
// headline) are kept.
func stripSiteName(t, site, h1 string) string {
	for _, sep := range titleSeparators {
		first, last := strings.Index(t, sep), strings.LastIndex(t, sep)
		if first <= 0 {
			continue
		}
		switch {
		case site != "" && sameText(t[last+len(sep):], site):
			return t[:last]
		case site != "" && sameText(t[:first], site):
			return t[first+len(sep):]
		case h1 != "" && sameText(t[:last], h1):
			return t[:last]
		case h1 != "" && sameText(t[first+len(sep):], h1):
			return t[first+len(sep):]
		}
	}
	return t
}

// chooseAuthor prefers JSON-LD author names (arrays, @graph and @id
// references resolved), then meta tags, then the generic extractor's.
func chooseAuthor(m pageMeta, generic string) string {
	if a := m.declaredAuthor(); a != "" {
		return a
	}
	return generic
}

// declaredAuthor is the author the page states in JSON-LD or a meta tag,
// "" if none.
func (m pageMeta) declaredAuthor() string {
	if len(m.ld.Authors) > 0 {
		return strings.Join(m.ld.Authors, "; ")
	}
	return m.metaAuthor
}

var (
	// reAuthorDate matches date and time text that bylines mix into names:
	// "12/05/2024", "2024-05-12", "May 12, 2024", "12 May 2024 10:42", "Updated ...".
	reAuthorDate = regexp.MustCompile(`(?i)(\b(?:last\s+)?(?:published|updated|posted|modified)\b:?)|` +
		`\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|` +
		`\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|utc|gmt)?\b|` +
		`\b(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}\b`)
	reAuthorBy = regexp.MustCompile(`(?i)^\s*(?:written by|by|von|par|por|di|door)\s+`)
	// reAuthorJunk matches share-button words that bylines carry.
	reAuthorJunk  = regexp.MustCompile(`(?i)\b(?:share|tweet|email)\s*$`)
	reAuthorSpace = regexp.MustCompile(`\s*([;,|·•])\s*([;,|·•]\s*)*`)
)

// cleanAuthor removes date and time text and a leading "By" from an author
// string, and tidies the separators that removal leaves behind.
func cleanAuthor(a string) string {
	a = reAuthorDate.ReplaceAllString(unescapeEntities(a), " ")
	a = reAuthorBy.ReplaceAllString(a, "")
	for prev := ""; prev != a; {
		prev = a
		a = strings.TrimSpace(reAuthorJunk.ReplaceAllString(strings.TrimSpace(a), ""))
	}
	a = reAuthorSpace.ReplaceAllString(a, "$1 ")
	a = strings.Join(strings.Fields(a), " ")
	return strings.Trim(a, " ;,|·•-–—")
}

// chooseLanguage prefers the declared language (<html lang>, meta) over the
// generic extractor's detection from the text (whatlanggo).
func chooseLanguage(declared, detected string) string {
	if declared != "" {
		return declared
	}
	return iso6391(detected)
}
