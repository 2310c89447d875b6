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

// pruneBoilerplate removes elements whose class or id words or ARIA role
// mark them as boilerplate (see boilerTokens), before go-trafilatura runs.
// An element holding half or more of the page's paragraph text is kept
// whatever its name (themes put "has-comments" on the story wrapper).
func pruneBoilerplate(doc *goquery.Document) {
	total := paragraphRunes(doc.Selection)
	var drop []*html.Node
	doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
		n := s.Nodes[0]
		switch n.Data {
		case "html", "body", "main", "article", "p", "h1", "h2", "h3", "script", "style":
			return
		}
		if !isBoilerplate(s) {
			return
		}
		if total > 0 && 2*paragraphRunes(s) >= total {
			return
		}
		drop = append(drop, n)
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isBoilerplate(s *goquery.Selection) bool {
	if boilerRoles[strings.ToLower(s.AttrOr("role", ""))] {
		return true
	}
	for _, attr := range []string{"class", "id"} {
		for _, w := range strings.FieldsFunc(strings.ToLower(s.AttrOr(attr, "")), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
		}) {
			if boilerTokens[w] {
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
