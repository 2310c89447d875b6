package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// blockTags start a new paragraph. go-trafilatura's output uses HTML tags
// plus its own "head", "list", "item", "quote", "lb", "cell", "row".
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "list": true, "item": true,
	"blockquote": true, "quote": true, "pre": true,
	"table": true, "tr": true, "row": true, "thead": true, "tbody": true, "figure": true, "figcaption": true,
	"header": true, "footer": true, "aside": true, "address": true, "hr": true,
}

// paragraphs returns the text of the block elements under n, one entry per
// paragraph, with whitespace runs collapsed to one space. Table cells are
// separated by a space, <br> becomes a line break
// inside the paragraph.
func paragraphs(n *html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if p := cleanParagraph(cur.String()); p != "" {
			out = append(out, p)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			// go-trafilatura creates nodes without DataAtom: compare names.
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br", "lb":
				cur.WriteString("\n")
				return
			case "td", "th", "cell":
				cur.WriteString(" ")
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return out
}

// cleanParagraph collapses horizontal whitespace to single spaces, keeps
// single line breaks from <br>, and trims.
func cleanParagraph(s string) string {
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// sameText reports whether two strings are equal ignoring case, spacing and
// punctuation (used to drop a body heading that repeats the title).
func sameText(a, b string) bool {
	norm := func(s string) string {
		var sb strings.Builder
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				sb.WriteRune(unicode.ToLower(r))
			}
		}
		return sb.String()
	}
	na, nb := norm(a), norm(b)
	return na != "" && na == nb
}

// capText joins paragraphs with "\n\n", keeping whole paragraphs while the
// result stays within max code points. It reports whether any were cut.
func capText(paras []string, max int) (string, bool) {
	var sb strings.Builder
	n := 0
	for i, p := range paras {
		add := utf8.RuneCountInString(p)
		if i > 0 {
			add += 2
		}
		if n+add > max {
			if i == 0 { // a single giant paragraph: cut it at a rune boundary
				return string([]rune(p)[:max]), true
			}
			return sb.String(), true
		}
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(p)
		n += add
	}
	return sb.String(), false
}
