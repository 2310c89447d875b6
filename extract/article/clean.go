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
