package article

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-htmldate"
)

// structuredDateSelectors are the publication-time declarations read
// before go-htmldate, in order: they carry a full timestamp with its
// offset, which htmldate's day-level result often loses.
var structuredDateSelectors = []string{
	`meta[property="article:published_time" i], meta[name="article:published_time" i], meta[property="og:article:published_time" i]`,
	`meta[itemprop="datePublished" i], time[itemprop="datePublished" i], [itemprop="datePublished" i]`,
	`meta[name="parsely-pub-date" i], meta[name="sailthru.date" i], meta[name="publish-date" i], meta[name="pubdate" i], meta[name="dc.date.issued" i], meta[name="citation_publication_date" i]`,
	`time[pubdate]`,
}

// timestampLayouts are the ISO 8601 / RFC 3339 shapes seen in metadata.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
}

// parseTimestamp reads a metadata timestamp. A time without an offset is
// taken as UTC (the page gives no better information).
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// publishedAt finds the original publication time: a site rule's date
// selector, the JSON-LD datePublished (else dateCreated) of the article
// object, the structured meta/microdata timestamps, and then go-htmldate in
// extensive mode asking for the original (not the modified) date. A date
// after the fetch time (Input.FetchedAt, else now) or before 1995 is
// rejected, and so is a go-htmldate date whose source text does not show
// its day (a "© 2024" footer or a /2024/06/ URL would otherwise become
// 2024-01-01 or 2024-06-01).
func (e *Extractor) publishedAt(doc *goquery.Document, in Input, m pageMeta, rule compiledRule) *time.Time {
	ceiling := in.FetchedAt
	if ceiling.IsZero() {
		ceiling = time.Now()
	}
	ok := func(t time.Time) bool {
		return !t.IsZero() && t.Year() >= 1995 && !t.After(ceiling.Add(24*time.Hour))
	}
	var candidates []string
	if rule.date != nil {
		s := doc.FindMatcher(rule.date).First()
		candidates = append(candidates, firstNonEmpty(s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text()))
	}
	candidates = append(candidates, m.ld.DatePublished, m.ld.DateCreated)
	for _, sel := range structuredDateSelectors {
		s := doc.Find(sel).First()
		candidates = append(candidates, firstNonEmpty(s.AttrOr("content", ""), s.AttrOr("datetime", "")))
	}
	for _, c := range candidates {
		if t, found := parseTimestamp(c); found && ok(t) {
			return &t
		}
	}

	opts := htmldate.Options{
		UseOriginalDate: true,
		ExtractTime:     true,
		URL:             in.URL,
		MaxDate:         ceiling,
	}
	res, err := htmldateSafe(doc, opts)
	if err != nil || res.IsZero() || !ok(res.DateTime) || !hasDayEvidence(res.SrcString, res.DateTime) {
		return nil
	}
	t := res.DateTime
	return &t
}

// htmldateSafe runs go-htmldate on a clone of the document, turning a panic
// into an error.
func htmldateSafe(doc *goquery.Document, opts htmldate.Options) (res htmldate.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: go-htmldate panic: %v", ErrExtractor, r)
		}
	}()
	return htmldate.FromDocument(doc.Nodes[0], opts)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// hasDayEvidence reports whether src, the text a date was read from, shows
// the day of t: a standalone 1–2 digit number equal to the day, a compact
// yyyymmdd[hhmmss] run ending the date part with it, or a Unix timestamp
// (10 or 13 digits).
func hasDayEvidence(src string, t time.Time) bool {
	day := t.Day()
	dd := fmt.Sprintf("%02d", day)
	for _, run := range reDigits.FindAllString(src, -1) {
		switch len(run) {
		case 1, 2:
			if n, _ := strconv.Atoi(run); n == day {
				return true
			}
		case 8, 12, 14:
			if run[6:8] == dd {
				return true
			}
		case 10, 13:
			return true
		}
	}
	return false
}

var reDigits = regexp.MustCompile(`\d+`)
