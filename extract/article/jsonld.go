package article

import (
	"encoding/json"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ldArticle is what the page's schema.org JSON-LD says about its article.
type ldArticle struct {
	Headline      string
	Name          string
	DatePublished string
	DateCreated   string
	Authors       []string
	Publisher     string
	URL           string
	Language      string
}

// readJSONLD reads every <script type="application/ld+json"> block, follows
// top-level arrays, "@graph" lists and "@id" references, and returns the
// first object whose @type is an article type (NewsArticle, BlogPosting,
// ReportageNewsArticle, ...; see isArticleType). Malformed blocks are
// skipped: JSON-LD on real pages is often broken and never essential.
func readJSONLD(doc *goquery.Document) (ldArticle, bool) {
	var objs []map[string]any
	byID := map[string]map[string]any{}
	doc.Find(`script[type="application/ld+json" i]`).Each(func(_ int, s *goquery.Selection) {
		raw := strings.TrimSpace(s.Text())
		raw = strings.TrimPrefix(raw, "<![CDATA[")
		raw = strings.TrimSuffix(raw, "]]>")
		raw = strings.TrimSuffix(strings.TrimSpace(raw), ";")
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			return
		}
		collectLD(v, &objs, byID, 0)
	})
	for _, o := range objs {
		if !isArticleType(o["@type"]) {
			continue
		}
		a := ldArticle{
			Headline:      firstString(o["headline"]),
			Name:          firstString(o["name"]),
			DatePublished: firstString(o["datePublished"]),
			DateCreated:   firstString(o["dateCreated"]),
			Publisher:     ldName(o["publisher"], byID),
			URL:           firstString(o["url"]),
			Language:      firstString(o["inLanguage"]),
		}
		a.Authors = ldNames(o["author"], byID)
		if a.URL == "" {
			if m, ok := o["mainEntityOfPage"].(map[string]any); ok {
				a.URL = firstString(m["@id"])
			} else {
				a.URL = firstString(o["mainEntityOfPage"])
			}
		}
		return a, true
	}
	return ldArticle{}, false
}

// collectLD flattens JSON-LD values into objs (document order) and indexes
// objects with an @id. depth bounds recursion on hostile input.
func collectLD(v any, objs *[]map[string]any, byID map[string]map[string]any, depth int) {
	if depth > 8 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectLD(e, objs, byID, depth+1)
		}
	case map[string]any:
		*objs = append(*objs, t)
		if id, ok := t["@id"].(string); ok && id != "" {
			if _, seen := byID[id]; !seen || len(t) > len(byID[id]) {
				byID[id] = t
			}
		}
		if g, ok := t["@graph"]; ok {
			collectLD(g, objs, byID, depth+1)
		}
	}
}

// isArticleType reports whether a JSON-LD @type (string or list) names a
// schema.org CreativeWork subtype used for articles.
func isArticleType(t any) bool {
	switch v := t.(type) {
	case string:
		v = strings.TrimPrefix(strings.TrimPrefix(v, "http://schema.org/"), "https://schema.org/")
		return strings.HasSuffix(v, "Article") || strings.HasSuffix(v, "BlogPosting") || v == "Report"
	case []any:
		for _, e := range v {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldNames returns the names of a JSON-LD person/organisation value: a
// string, an object with "name", an {"@id": ...} reference, or a list of
// these. Order is kept, duplicates dropped.
func ldNames(v any, byID map[string]map[string]any) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch t := v.(type) {
		case string:
			if s := strings.TrimSpace(t); s != "" && !seen[s] && !strings.HasPrefix(s, "http") {
				seen[s] = true
				out = append(out, s)
			}
		case []any:
			for _, e := range t {
				walk(e, depth+1)
			}
		case map[string]any:
			name := t["name"]
			if name == nil {
				if id, ok := t["@id"].(string); ok {
					if ref, ok := byID[id]; ok {
						name = ref["name"]
					}
				}
			}
			if name != nil {
				walk(name, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

func ldName(v any, byID map[string]map[string]any) string {
	if names := ldNames(v, byID); len(names) > 0 {
		return names[0]
	}
	return ""
}

// firstString returns v if it is a string, or the first string of a list.
func firstString(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}
