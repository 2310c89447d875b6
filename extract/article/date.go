package article

import (
	"fmt"
	dateparser "github.com/markusmobius/go-dateparser"
	dpdate "github.com/markusmobius/go-dateparser/date"
	"regexp"
	"strconv"
	"strings"
	"sync"
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
}

// timestampLayouts are the ISO 8601 / RFC 3339 shapes seen in metadata.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:5Z07:00",
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
	"Mon Jan 2 2006 15:04:05 GMT-0700", // JavaScript's Date.toString
}

// parseTimestamp reads a metadata timestamp. A time without an offset is
// taken as UTC (the page gives no better information).
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, " GMT") && strings.HasSuffix(s, ")") {
		s, _, _ = strings.Cut(s, " (") // "… GMT+0300 (Moscow Standard Time)"
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// published is a publication time and the publisher's calendar day.
type published struct {
	at  time.Time // the instant (any location)
	day string    // YYYY-MM-DD in the publisher's time zone
}

// parseDeclared reads a date the page declares as its publication date:
// an ISO timestamp (parseTimestamp), else free text such as
// "Tue, Sep 15 2020 10:01:41 EDT" or "5. Juni 2024" read by go-dateparser,
// which must give at least the day. A trailing "GMT+hhmm" or "UTC±hh:mm"
// offset is read here, not by go-dateparser: v1.4.7 orders its zone
// patterns by map iteration, so "19 Nov 2019 03:05 GMT+0000" parsed in one
// process and failed in the next.
func parseDeclared(s string, now time.Time) (time.Time, bool) {
	if s = strings.TrimSpace(s); s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if t, ok := parseTimestamp(s); ok {
		return t, true
	}
	var zone *time.Location
	if m := reGMTOffset.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[2])
		mi, _ := strconv.Atoi(m[3])
		off := h*3600 + mi*60
		if m[1] == "-" {
			off = -off
		}
		zone, s = time.FixedZone("", off), strings.TrimSpace(s[:len(s)-len(m[0])])
	}
	d, err := dateparser.Parse(&dateparser.Configuration{CurrentTime: now}, s)
	if err != nil || d.IsZero() || d.Period > dpdate.Day {
		return time.Time{}, false
	}
	if zone != nil {
		t := d.Time
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, zone), true
	}
	return d.Time, true
}

// reGMTOffset matches a trailing "GMT+0000", "UTC-05:00" or "GMT+1":
// sign, hours, minutes.
var reGMTOffset = regexp.MustCompile(`(?i)\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$`)

// publishedAt finds the original publication time. Candidates, in order: a
// site rule's date selector (ISO timestamp or free text read by
// go-dateparser), the JSON-LD datePublished (else dateCreated) of the
// article object, structured meta/microdata timestamps (article:published_time,
// itemprop=datePublished, ...), and go-htmldate in extensive mode asking
// for the original, not the modified, date. Modified dates are never
// candidates. When none of these finds a date, a <time pubdate> element is
// read. A date after the fetch time (Input.FetchedAt, else now) plus
// one day, or before 1995, is rejected, and so is a go-htmldate date whose
// source text does not show its day (a "© 2024" footer or a /2024/06/ URL
// would otherwise become 2024-01-01 or 2024-06-01).
//
// The day is the timestamp's own calendar day when it carries a non-zero
// offset. Many pages give only a UTC ("Z") timestamp in metadata while
// displaying the local date; then the day go-htmldate reads from the page
// is used when it lies within one day of the UTC timestamp.
func (e *Extractor) publishedAt(doc *goquery.Document, in Input, m pageMeta, rule compiledRule) *published {
	ceiling := in.FetchedAt
	if ceiling.IsZero() {
		ceiling = time.Now()
	}
	ok := func(t time.Time) bool {
		return !t.IsZero() && t.Year() >= 1995 && !t.After(ceiling.Add(24*time.Hour))
	}
	var structured *published
	if rule.date != nil {
		s := doc.FindMatcher(rule.date).First()
		raw := firstNonEmpty(s.AttrOr("datetime", ""), s.AttrOr("content", ""), s.Text())
		if t, found := parseDeclared(raw, ceiling); found && ok(t) {
			return &published{at: t, day: t.Format(time.DateOnly)}
		}
	}
	// the elements every selector below can match, in one walk of the tree
	dated := doc.Find("meta, time, [itemprop]")
	candidates := []string{m.ld.DatePublished, m.ld.DateCreated}
	for _, sel := range structuredDateSelectors {
		s := dated.Filter(sel).First()
		candidates = append(candidates, firstNonEmpty(s.AttrOr("content", ""), s.AttrOr("datetime", "")))
	}
	urlDay := urlDate(in.URL)
	for _, c := range candidates {
		if t, found := parseDeclared(c, ceiling); found && ok(t) {
			if urlDay != "" && dayDiff(t.Format(time.DateOnly), urlDay) > 1 {
				// A full date in the URL is fixed when the story is first
				// published; a later declared date is a re-publication.
				break
			}
			structured = &published{at: t, day: t.Format(time.DateOnly)}
			if _, off := t.Zone(); off != 0 {
				return structured
			}
			break
		}
	}

	if structured != nil {
		if day := localDay(dated, structured.at, ceiling, m.lang); day != "" {
			structured.day = day // go-htmldate's day is only a fallback for this
			return structured
		}
	}

	opts := htmldate.Options{
		UseOriginalDate: true,
		ExtractTime:     true,
		URL:             in.URL,
		MaxDate:         ceiling,
		// go-htmldate's own parser settings, with relative dates ("2 hours
		// ago") counted from the fetch time instead of the clock, read in
		// the page's language (dateLanguages).
		DateParserConfig: &dateparser.Configuration{CurrentTime: ceiling, PreferredDateSource: dateparser.Past, StrictParsing: true, Languages: dateLanguages(m.lang)},
	}
	res, err := htmldateSafe(doc, opts)
	found := err == nil && !res.IsZero() && ok(res.DateTime) && hasDayEvidence(res.SrcString, res.DateTime)
	if found && strings.HasPrefix(res.SrcString, "http") && urlDate(res.SrcString) != res.DateTime.Format(time.DateOnly) {
		found = false // go-htmldate read a slug number as the day
	}
	var htmldateDay string
	if found {
		htmldateDay = res.DateTime.Format(time.DateOnly)
	}
	pub := structured
	if pub == nil {
		if !found {
			// Last resort: the HTML5 draft's <time pubdate>, a weak signal
			// (often on comments), used only when nothing else dates the page.
			s := dated.Filter(`time[pubdate]`).First()
			if t, ok2 := parseDeclared(firstNonEmpty(s.AttrOr("datetime", ""), s.Text()), ceiling); ok2 && ok(t) {
				return &published{at: t, day: t.Format(time.DateOnly)}
			}
			return nil
		}
		pub = &published{at: res.DateTime, day: htmldateDay}
		if _, off := res.DateTime.Zone(); !res.HasTimezone || off == 0 {
			if day := localDay(dated, pub.at, ceiling, m.lang); day != "" {
				pub.day = day
			}
		}
		return pub
	}
	if d := dayDiff(htmldateDay, pub.day); htmldateDay != "" && d >= -1 && d <= 1 {
		pub.day = htmldateDay
	}
	return pub
}

var (
	// reZone matches a timestamp ending in a UTC offset; reExplicitUTC one
	// ending in a zero offset.
	reZone        = regexp.MustCompile(`(?i)(?:z|[+-]\d\d:?\d\d)$`)
	reExplicitUTC = regexp.MustCompile(`(?i)(?:z|[+-]00:?00)$`)
)

// localDay finds the publisher's calendar day for the instant at from the
// page's own statements of its publication time among dated (its <meta>,
// <time> and itemprop elements), in document order: an
// itemprop="datePublished" element or <time datetime> stating the same
// instant with a non-zero offset; the same with a local time without an
// offset, a whole quarter-hour offset between UTC−12 and UTC+14 from at;
// or the text of an itemprop="datePublished" element (read by go-dateparser
// in the page's declared language lang, dateLanguages, or in any language
// when none is declared) naming a day within one day of at. "" if none.
func localDay(dated *goquery.Selection, at, now time.Time, lang string) string {
	utcDay := at.UTC().Format(time.DateOnly)
	cfg := &dateparser.Configuration{CurrentTime: now}
	if lang != "" {
		cfg.Languages = dateLanguages(lang)
	}
	var day string
	dated.Filter(`[itemprop="datePublished" i], time[datetime]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, raw := range []string{s.AttrOr("content", ""), s.AttrOr("datetime", "")} {
			raw = strings.TrimSpace(raw)
			t, found := parseTimestamp(raw)
			if !found || len(raw) <= len(time.DateOnly) {
				continue
			}
			if reZone.MatchString(raw) {
				if !reExplicitUTC.MatchString(raw) && t.Sub(at).Abs() <= time.Minute {
					day = t.Format(time.DateOnly)
					return false
				}
				continue
			}
			wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
			if d := wall.Sub(at.UTC()); d != 0 && d >= -12*time.Hour && d <= 14*time.Hour && d%(15*time.Minute) == 0 {
				day = t.Format(time.DateOnly)
				return false
			}
		}
		if _, ok := s.Attr("itemprop"); !ok {
			return true
		}
		text := strings.TrimSpace(firstNonEmpty(s.AttrOr("content", ""), s.Text()))
		if text == "" || len(text) > 64 {
			return true
		}
		// A timestamp is read without go-dateparser, which takes about
		// 3 ms for an ISO one (15 times its time for "March 9, 2017").
		t, ok := parseTimestamp(text)
		if !ok {
			d, err := dateparser.Parse(cfg, text)
			t, ok = d.Time, err == nil && !d.IsZero() && d.Period <= dpdate.Day
		}
		if dd := dayDiff(t.Format(time.DateOnly), utcDay); ok && dd >= -1 && dd <= 1 {
			day = t.Format(time.DateOnly)
			return false
		}
		return true
	})
	return day
}

// reURLDates match a full year, month and day in a URL path: as whole
// path segments ("/2024/06/05/", "/2024/6/5.html") or joined by "-" or "_"
// ("/2024-06-05-slug"). Unlike go-htmldate's URL pattern, a slug that
// starts with a number is not a day: "/2023/10/3-fragen-an-…" ("3
// questions") has no day.
var reURLDates = []*regexp.Regexp{
	regexp.MustCompile(`/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:[/.?#]|$)`),
	regexp.MustCompile(`/((?:19|20)\d{2})[-_](\d{1,2})[-_](\d{1,2})(?:[-_/.?#]|$)`),
}

// urlDate returns the YYYY-MM-DD in a page URL's path, "" if none.
func urlDate(u string) string {
	var m []string
	for _, re := range reURLDates {
		if m = re.FindStringSubmatch(u); m != nil {
			break
		}
	}
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(mo) || t.Day() != d {
		return ""
	}
	return t.Format(time.DateOnly)
}

// dayDiff returns the number of days from b to a (both YYYY-MM-DD).
func dayDiff(a, b string) int {
	ta, ea := time.Parse(time.DateOnly, a)
	tb, eb := time.Parse(time.DateOnly, b)
	if ea != nil || eb != nil {
		return 1 << 30
	}
	return int(ta.Sub(tb).Hours() / 24)
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
	if t.Month() == time.January && t.Day() == 1 && !reJanFirst.MatchString(src) {
		// January 1 is where a bare year lands: require the source to say
		// "1/1", "01-01", "1.1." or name January ("jan", "jän", "janv", "ene").
		return false
	}
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

var (
	reDigits   = regexp.MustCompile(`\d+`)
	reJanFirst = regexp.MustCompile(`(?i)\b0?1[./-]0?1\b|j[aä]n|\bene|\b(?:19|20)\d\d0101\b`)
)

// dateLanguages returns the go-dateparser languages to read a page declared
// in lang (ISO 639-1) with: lang and English; English alone when lang is
// empty; nil (all) when go-dateparser does not know lang. A string that is
// no date costs go-dateparser a try in each language: up to 200 ms a page
// with all of them ("0001-01-01T00:00Z"), with no change in
// `eval extract --htmldate` accuracy.
func dateLanguages(lang string) []string {
	switch lang {
	case "", "en":
		return []string{"en"}
	}
	known, ok := dateparserKnows.Load(lang)
	if !ok {
		_, err := dateparser.Parse(&dateparser.Configuration{Languages: []string{lang}}, "2020-01-02")
		known, _ = dateparserKnows.LoadOrStore(lang, err == nil)
	}
	if !known.(bool) {
		return nil
	}
	return []string{lang, "en"}
}

// dateparserKnows caches, per ISO 639-1 code, whether go-dateparser has
// the language (at most 26² entries).
var dateparserKnows sync.Map
