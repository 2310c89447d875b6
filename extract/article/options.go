package article

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
)

// Sentinel errors. Extract wraps each with the reason, so callers test them
// with errors.Is and print the wrapped error for the record.
var (
	// ErrEmpty: the input has no bytes, or only whitespace.
	ErrEmpty = errors.New("empty document")
	// ErrNotHTML: binary data (images, PDFs, archives, truncated gzip) or
	// text without any HTML markup.
	ErrNotHTML = errors.New("not HTML")
	// ErrNoArticle: an HTML page without an article, e.g. an index page of
	// headlines, an error page or a page with no prose paragraph.
	ErrNoArticle = errors.New("no article found")
	// ErrTooLarge: the input exceeds Options.MaxInputBytes or its DOM is
	// nested deeper than Options.MaxDOMDepth.
	ErrTooLarge = errors.New("document too large")
	// ErrExtractor: a third-party extractor panicked on the page; the panic
	// was recovered and the page gets an error instead of crashing the run.
	ErrExtractor = errors.New("extractor failure")
)

// Fallback names the extractor run next to go-trafilatura.
const (
	// FallbackNone (the default) runs go-trafilatura alone: Zyte benchmark
	// F1 0.9649 with this package's decoding and pruning (`eval extract
	// --zyte`), above the 0.96 floor, at about half the CPU time per page
	// of FallbackReadability in the whole pipeline (`eval throughput`).
	FallbackNone = "none"
	// FallbackReadability lets go-trafilatura compare its result with
	// go-readability and go-domdistiller and keep the better one: F1 0.9685.
	FallbackReadability = "readability"
)

// SiteRule holds CSS selectors (goquery/cascadia syntax) for one site that
// override the generic extractor. An empty selector means "use the
// generic result" for that field.
type SiteRule struct {
	// Hosts are the host names the rule applies to (each also matching its
	// subdomains). When empty, the rule's key in Options.Sites is the host.
	// Config files need this list: viper splits keys at dots, so a key
	// "www.example.org" would become nested maps.
	Hosts []string `mapstructure:"hosts"`

	Body   string `mapstructure:"body"`   // elements whose text is the article body, in document order
	Title  string `mapstructure:"title"`  // first match's text is the title
	Date   string `mapstructure:"date"`   // first match: its datetime/content attribute or text is the publication date
	Author string `mapstructure:"author"` // matches' texts, joined with "; ", are the author
	Remove string `mapstructure:"remove"` // elements dropped before any extraction (ads, inline promos)
}

// Options configures an Extractor (config key `extract`).
type Options struct {
	// Sites maps a rule name to its rule. The rule applies to its Hosts, or
	// when those are empty to the key as a host name. A host matches itself
	// and its subdomains ("example.com" matches "news.example.com"); a
	// leading "www." is ignored on both sides; the longest matching host
	// wins. The page host is taken from Input.URL, else from the page's
	// canonical URL. In YAML:
	//
	//	extract:
	//	  sites:
	//	    kazinform:
	//	      hosts: [kazinform.kz]
	//	      body: "div.article-text p"
	//	      date: "time.published"
	Sites map[string]SiteRule `mapstructure:"sites"`
	// MaxInputBytes rejects larger inputs with ErrTooLarge (default 16 MiB;
	// 0 means the default).
	MaxInputBytes int `mapstructure:"max_input_bytes"`
	// MaxTextLength caps Article.Text in Unicode code points; longer text is
	// cut at the last paragraph boundary that fits and Article.Truncated is
	// set (default 1,000,000; 0 means the default).
	MaxTextLength int `mapstructure:"max_text_length"`
	// MaxDOMDepth rejects pages nested deeper with ErrTooLarge: the
	// third-party extractors recurse over the tree (default 512, also
	// x/net/html's own limit on open elements, so larger values change
	// nothing; 0 means the default).
	MaxDOMDepth int `mapstructure:"max_dom_depth"`
	// Fallback is FallbackNone (default) or FallbackReadability.
	Fallback string `mapstructure:"fallback"`
	// MinArticleRunes: a page of five or more paragraphs none of which
	// reaches this many code points has no article (ErrNoArticle): index
	// pages stitch short headlines together (default 100; 0 means the default).
	MinArticleRunes int `mapstructure:"min_article_runes"`
}

// DefaultOptions returns the defaults documented on Options.
func DefaultOptions() Options {
	return Options{
		Sites:           map[string]SiteRule{},
		MaxInputBytes:   16 << 20,
		MaxTextLength:   1_000_000,
		MaxDOMDepth:     512,
		Fallback:        FallbackNone,
		MinArticleRunes: 100,
	}
}

// compiledRule is a SiteRule with parsed selectors (nil when empty).
type compiledRule struct {
	body, title, date, author, remove goquery.Matcher
}

// siteRules is the compiled form of Options.Sites, keyed without "www.".
type siteRules struct {
	hosts []string // sorted longest first, then alphabetically: deterministic matching
	rules map[string]compiledRule
}

func compileSites(sites map[string]SiteRule) (siteRules, error) {
	sr := siteRules{rules: map[string]compiledRule{}}
	names := make([]string, 0, len(sites))
	for name := range sites {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rule := sites[name]
		var cr compiledRule
		for _, f := range []struct {
			field string
			src   string
			dst   *goquery.Matcher
		}{
			{"body", rule.Body, &cr.body},
			{"title", rule.Title, &cr.title},
			{"date", rule.Date, &cr.date},
			{"author", rule.Author, &cr.author},
			{"remove", rule.Remove, &cr.remove},
		} {
			if strings.TrimSpace(f.src) == "" {
				continue
			}
			sel, err := cascadia.Compile(f.src)
			if err != nil {
				return sr, fmt.Errorf("extract.sites.%s.%s: %w", name, f.field, err)
			}
			*f.dst = sel
		}
		if cr.body == nil && cr.title == nil && cr.date == nil && cr.author == nil && cr.remove == nil {
			return sr, fmt.Errorf("extract.sites.%s: no selectors (a host name with dots must be listed under hosts:, config keys are split at dots)", name)
		}
		hosts := rule.Hosts
		if len(hosts) == 0 {
			hosts = []string{name}
		}
		for _, h := range hosts {
			key := normHost(h)
			if key == "" {
				return sr, fmt.Errorf("extract.sites.%s: empty host", name)
			}
			if _, dup := sr.rules[key]; dup {
				return sr, fmt.Errorf("extract.sites.%s: host %s already has a rule", name, key)
			}
			sr.rules[key] = cr
			sr.hosts = append(sr.hosts, key)
		}
	}
	sort.Slice(sr.hosts, func(i, j int) bool {
		if len(sr.hosts[i]) != len(sr.hosts[j]) {
			return len(sr.hosts[i]) > len(sr.hosts[j])
		}
		return sr.hosts[i] < sr.hosts[j]
	})
	return sr, nil
}

// lookup returns the rule for host, if any.
func (sr siteRules) lookup(host string) (compiledRule, bool) {
	host = normHost(host)
	if host == "" {
		return compiledRule{}, false
	}
	for _, key := range sr.hosts {
		if host == key || strings.HasSuffix(host, "."+key) {
			return sr.rules[key], true
		}
	}
	return compiledRule{}, false
}

func normHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimSuffix(h, ".")
	return strings.TrimPrefix(h, "www.")
}
