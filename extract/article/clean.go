package article

import (
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// boilerTokens are class/id words (split at spaces, "-" and "_", lower
// case) that mark blocks which are never story text: comment threads,
// share bars, related/most-read lists, cookie, login and newsletter
// prompts. Matching whole words keeps "commentary" or "shared-content".
var boilerTokens = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "disqus": true,
	"share": true, "sharing": true, "sharebar": true, "social": true, "socials": true,
	"related": true, "relatedposts": true, "recommended": true, "recirculation": true, "outbrain": true, "taboola": true,
	"mostread": true, "most": true, "popular": true, "trending": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"login": true, "signin": true, "register": true, "paywall": true, "modal": true, "popup": true,
	"newsletter": true, "subscribe": true, "subscription": true,
}

// boilerRoles are ARIA roles of page furniture.
var boilerRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "dialog": true, "alertdialog": true}

// nonContent are body elements that never hold story text; go-trafilatura
// drops them too (its tagsToClean), but only after copying the tree three
// times, so removing them first saves that work. Structured-data scripts
// (JSON-LD) stay: go-trafilatura reads them.
var nonContent = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "math": true,
	"iframe": true, "object": true, "embed": true, "canvas": true, "video": true, "audio": true, "map": true,
	"select": true, "button": true, "input": true, "textarea": true, "link": true,
}

// pruneBoilerplate removes, before go-trafilatura runs, the body elements
// that hold no story text (nonContent) and those whose class or id words or
// ARIA role mark them as boilerplate (see boilerTokens). An element holding
// half or more of the page's paragraph text is kept whatever its name
// (themes put "has-comments" on the story wrapper).
func pruneBoilerplate(doc *goquery.Document) {
	total := paragraphRunes(doc.Selection)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				if dropBeforeExtraction(doc, c, total) {
					n.RemoveChild(c)
				} else {
					walk(c)
				}
			}
			c = next
		}
	}
	for _, body := range doc.Find("body").Nodes {
		walk(body)
	}
}

func dropBeforeExtraction(doc *goquery.Document, n *html.Node, total int) bool {
	switch n.Data {
	case "script":
		t := strings.ToLower(attr(n, "type"))
		return !strings.HasPrefix(t, "application/") || !strings.HasSuffix(t, "json")
	case "main", "article", "p", "h1", "h2", "h3":
		return false
	}
	if nonContent[n.Data] {
		return true
	}
	if !isBoilerplate(n) {
		return false
	}
	return total == 0 || 2*paragraphRunes(doc.FindNodes(n)) < total
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func isBoilerplate(n *html.Node) bool {
	if boilerRoles[strings.ToLower(attr(n, "role"))] {
		return true
	}
	for _, key := range []string{"class", "id"} {
		v := attr(n, key)
		for len(v) > 0 {
			i := strings.IndexAny(v, " -_\t\n")
			w := v
			if i >= 0 {
				w, v = v[:i], v[i+1:]
			} else {
				v = ""
			}
			if w != "" && boilerTokens[strings.ToLower(w)] {
				return true
			}
		}
	}
	return false
}

func paragraphRunes(s *goquery.Selection) int {
	n := 0
	s.Find("p").Each(func(_ int, p *goquery.Selection) {
		n += utf8.RuneCountInString(strings.TrimSpace(p.Text()))
	})
	return n
}

// trafilaturaCleaned are the elements go-trafilatura removes with their
// content, and their tail text, before it looks for the main text: its
// tagsToClean (v1.12.2 settings.go) under the options we call it with
// (balanced focus, tables kept, images not extracted), less "head", whose
// meta tags its metadata pass reads, and less "ins", which it strips first.
// A figure holding a table is the one exception it makes.
var trafilaturaCleaned = map[string]bool{
	"aside": true, "embed": true, "footer": true, "form": true, "iframe": true, "menu": true, "object": true, "script": true,
	"applet": true, "audio": true, "canvas": true, "figure": true, "map": true, "picture": true, "svg": true, "video": true,
	"area": true, "blink": true, "button": true, "datalist": true, "dialog": true, "frame": true, "frameset": true, "fieldset": true,
	"link": true, "input": true, "label": true, "legend": true, "marquee": true, "math": true, "menuitem": true, "nav": true,
	"noscript": true, "optgroup": true, "option": true, "output": true, "param": true, "progress": true, "rp": true, "rt": true, "rtc": true,
	"select": true, "source": true, "style": true, "track": true, "textarea": true, "time": true, "use": true,
}

// trafilaturaStripped are the elements go-trafilatura replaces by their
// children before cleaning (its tagsToStrip, v1.12.2, images not
// extracted), so the text inside them can be a cleaned element's tail.
var trafilaturaStripped = map[string]bool{
	"abbr": true, "acronym": true, "address": true, "bdi": true, "bdo": true, "big": true, "cite": true, "data": true, "dfn": true,
	"font": true, "hgroup": true, "img": true, "ins": true, "mark": true, "meta": true, "ruby": true, "small": true, "template": true,
	"tbody": true, "tfoot": true, "thead": true,
}

// detached is a node taken out of the tree and where it was.
type detached struct{ parent, node, next *html.Node }

// preClean removes from the body, before go-trafilatura copies the tree
// three times, what its own cleaning removes from the copy it extracts
// from: the trafilaturaCleaned elements with their tail text (the text
// nodes after them up to the next element, looking through the elements
// it strips) and HTML comments. The main text it then finds is the same.
// It returns the removed nodes in removal order, for restore: the rescue
// go-trafilatura runs for pages with little main text (its baseline)
// reads the whole tree, where, on ASP.NET pages, the text sits inside a
// <form>.
func preClean(doc *goquery.Document) []detached {
	var elems, comments []*html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.CommentNode:
				comments = append(comments, c)
			case c.Type == html.ElementNode && trafilaturaCleaned[c.Data] && !(c.Data == "figure" && hasTable(c)):
				elems = append(elems, c)
			default:
				find(c)
			}
		}
	}
	for _, body := range doc.Find("body").Nodes {
		find(body)
	}
	var out []detached
	detach := func(n *html.Node) {
		out = append(out, detached{n.Parent, n, n.NextSibling})
		n.Parent.RemoveChild(n)
	}
	for _, e := range elems {
		tail := tailText(e)
		detach(e)
		for _, t := range tail {
			detach(t)
		}
	}
	for _, c := range comments {
		detach(c)
	}
	return out
}

// tailText returns the text nodes go-trafilatura's etree.Remove takes with
// e: those after it, in document order with trafilaturaStripped elements
// seen through (entered and left), skipping comments, up to the next
// other element.
func tailText(e *html.Node) []*html.Node {
	var out []*html.Node
	n := following(e)
	for n != nil {
		switch {
		case n.Type == html.TextNode:
			out = append(out, n)
		case n.Type == html.ElementNode && trafilaturaStripped[n.Data]:
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
		case n.Type == html.ElementNode:
			return out
		}
		n = following(n)
	}
	return out
}

// following is the node after n: its next sibling, or, at the end of a
// trafilaturaStripped parent, the node after that parent.
func following(n *html.Node) *html.Node {
	for n.NextSibling == nil {
		p := n.Parent
		if p == nil || p.Type != html.ElementNode || !trafilaturaStripped[p.Data] {
			return nil
		}
		n = p
	}
	return n.NextSibling
}

// restore puts back what preClean removed, last removed first, so each
// node's recorded next sibling is in place when it is re-inserted.
func restore(removed []detached) {
	for i := len(removed) - 1; i >= 0; i-- {
		d := removed[i]
		d.parent.InsertBefore(d.node, d.next)
	}
}

// hasTable reports whether n has a <table> below it.
func hasTable(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "table" || hasTable(c)) {
			return true
		}
	}
	return false
}
