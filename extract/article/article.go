// Package article turns the bytes of a web page into an Article: the main body
// text without navigation, related-news lists, share bars or login prompts,
// plus title, author, publication date, language and canonical URL.
package article

import "time"

// Input is one page to extract.
type Input struct {
	Body        []byte // raw bytes as fetched or read (already un-gzipped)
	URL         string // the page URL when known (fetch URL or WARC target URI), "" for local files
	ContentType string // the HTTP Content-Type header when known, "" otherwise
	// FetchedAt is when the page was retrieved (HTTP Date, WARC-Date or the
	// file's modification time); published dates after it are rejected. Zero
	// means "now" at extraction time.
	FetchedAt time.Time
}

// Article is the extracted content of a page.
type Article struct {
	Title       string
	Author      string
	PublishedAt *time.Time // original publication time in UTC; nil when unknown
	// PublishedDay is the publication day (YYYY-MM-DD) in the publisher's own
	// time zone as the page declares it ("" when unknown): an article posted
	// 2023-11-08 20:09 in Denver is 2023-11-09 in UTC but dated the 8th.
	PublishedDay string
	Language     string // ISO 639-1, "" when unknown
	CanonicalURL string
	SiteName     string
	Text         string // main body as plain text, paragraphs separated by "\n\n"
	Encoding     string // the charset the bytes were decoded from, e.g. "utf-8", "windows-1251"
	Truncated    bool   // Text was cut at a paragraph boundary to Options.MaxTextLength code points
}
