package output

import (
	"bufio"
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

//go:embed report.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Parse(reportTemplate))

// ReportSink writes the HTML review report (`--report report.html`): for each
// document with at least one match candidate, its title and text with the
// matched mentions highlighted (red: a "match" decision, amber: "review"
// only) and a table of the candidates with designation, matched name, score,
// decision and explanation; a summary table of those documents comes first.
// Every table sorts by clicking a heading; "#sort=score-desc" in the URL
// sorts on load. The page is self-contained (inline CSS and JS, no network).
//
// Mention offsets are code points into documents.text (zone "body") or
// documents.title (zone "title"), as DESIGN.md fixes them; a mention whose
// offsets fall outside its text, or that overlaps one already highlighted, is
// listed but not highlighted, with a warning line for the former.
//
// Sections stream to a hidden temporary file beside path while the run goes
// on; Close writes the page (head, summary, sections) under a hidden
// temporary name and renames it to path. Memory holds one summary row per
// document with candidates.
type ReportSink struct {
	path    string
	body    *os.File // sections, in input order
	bodyBuf *bufio.Writer
	summary reportSummary
	closed  bool
}

type reportSummary struct {
	Documents, Matches, Reviews int
	Rows                        []reportSummaryRow
}

type reportSummaryRow struct {
	N                int
	Title            string
	Matches, Reviews int
	Best             float64
}

type reportSpan struct {
	Text, Class, ID, Tip string
}

type reportMatch struct {
	Match
	Pos             int
	Mention, Anchor string
	Programs        string
}

type reportDoc struct {
	N                                        int
	DocumentID, Title, Source, URL, Language string
	Published                                string
	TitleSpans, TextSpans                    []reportSpan
	Matches                                  []reportMatch
	Warnings                                 []string
}

// OpenReport starts the report that Close writes to path.
func OpenReport(path string, opt Options) (*ReportSink, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("output: report: %w", err)
	}
	body, err := os.Create(tempPath(path) + ".body")
	if err != nil {
		return nil, fmt.Errorf("output: report: %w", err)
	}
	return &ReportSink{path: path, body: body, bodyBuf: bufio.NewWriterSize(body, 1<<16)}, nil
}

// WriteDesignations is a no-op: match rows carry what the report shows.
func (s *ReportSink) WriteDesignations(ctx context.Context, rows []Designation) error {
	if s.closed {
		return ErrClosed
	}
	return ctx.Err()
}

// Write adds the document's section when it has match candidates.
func (s *ReportSink) Write(ctx context.Context, rec *Record) error {
	if s.closed {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.summary.Documents++
	if len(rec.Matches) == 0 {
		return nil
	}
	n := normalize(rec)
	doc := buildReportDoc(len(s.summary.Rows)+1, n)
	row := reportSummaryRow{N: doc.N, Title: cmp.Or(n.Document.Title, n.Document.Source)}
	for _, m := range n.Matches {
		if m.Decision == "match" {
			row.Matches++
		} else {
			row.Reviews++
		}
		row.Best = max(row.Best, m.Score)
	}
	s.summary.Matches += row.Matches
	s.summary.Reviews += row.Reviews
	s.summary.Rows = append(s.summary.Rows, row)
	if err := reportTmpl.ExecuteTemplate(s.bodyBuf, "doc", doc); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	return nil
}

// buildReportDoc lays out document number n of the report.
func buildReportDoc(n int, rec *Record) *reportDoc {
	d := rec.Document
	doc := &reportDoc{N: n, DocumentID: d.DocumentID, Title: d.Title, Source: d.Source,
		URL: cmp.Or(d.CanonicalURL, d.URL), Language: d.Language}
	if d.PublishedAt != nil {
		doc.Published = d.PublishedAt.Format(time.RFC3339)
	}
	// Best decision and candidates per mention, for the highlight's class and tooltip.
	decision := map[string]string{}
	tips := map[string][]string{}
	for _, m := range rec.Matches {
		if decision[m.MentionID] != "match" {
			decision[m.MentionID] = m.Decision
		}
		tips[m.MentionID] = append(tips[m.MentionID], fmt.Sprintf("%s (%s %s) %.3f %s", m.DesignationName, m.Dataset, m.DesignationID, m.Score, m.Decision))
	}
	byZone := map[string][]Mention{}
	mentions := map[string]Mention{}
	for _, m := range rec.Mentions {
		if _, ok := decision[m.MentionID]; ok {
			byZone[m.Zone] = append(byZone[m.Zone], m)
			mentions[m.MentionID] = m
		}
	}
	anchors := map[string]string{}
	highlight := func(text, zone string) []reportSpan {
		spans, warnings := highlightSpans(text, byZone[zone], func(m Mention) reportSpan {
			id := fmt.Sprintf("doc-%d-m%d", n, len(anchors)+1)
			anchors[m.MentionID] = id
			class := "review"
			if decision[m.MentionID] == "match" {
				class = "match"
			}
			return reportSpan{Class: class, ID: id, Tip: strings.Join(tips[m.MentionID], "\n")}
		})
		doc.Warnings = append(doc.Warnings, warnings...)
		return spans
	}
	if len(byZone["title"]) > 0 {
		doc.TitleSpans = highlight(d.Title, "title")
	}
	doc.TextSpans = highlight(d.Text, "body")
	for i, m := range rec.Matches {
		doc.Matches = append(doc.Matches, reportMatch{Match: m, Pos: i + 1,
			Mention: cmp.Or(mentions[m.MentionID].Text, m.MentionID), Anchor: anchors[m.MentionID],
			Programs: strings.Join(m.Programs, ", ")})
	}
	return doc
}

// highlightSpans cuts text into plain and highlighted spans at the
// code-point offsets of mentions (sorted by start), skipping a mention that
// overlaps an earlier one and warning about one outside text.
func highlightSpans(text string, mentions []Mention, mark func(Mention) reportSpan) ([]reportSpan, []string) {
	runes := []rune(text)
	mentions = slices.Clone(mentions)
	slices.SortStableFunc(mentions, func(a, b Mention) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	var spans []reportSpan
	var warnings []string
	at := 0
	for _, m := range mentions {
		start, end := int(m.Start), int(m.End)
		if start < 0 || end > len(runes) || start >= end {
			warnings = append(warnings, fmt.Sprintf("mention %q (%s) has offsets %d..%d outside its %s of %d code points; not highlighted",
				m.Text, m.MentionID, start, end, m.Zone, len(runes)))
			continue
		}
		if start < at {
			continue // overlaps a highlighted mention
		}
		if start > at {
			spans = append(spans, reportSpan{Text: string(runes[at:start])})
		}
		sp := mark(m)
		sp.Text = string(runes[start:end])
		spans = append(spans, sp)
		at = end
	}
	if at < len(runes) {
		spans = append(spans, reportSpan{Text: string(runes[at:])})
	}
	return spans, warnings
}

// Close writes the report to path atomically and removes the sections file.
func (s *ReportSink) Close() error {
	if s.closed {
		return ErrClosed
	}
	s.closed = true
	defer os.Remove(s.body.Name())
	if err := s.bodyBuf.Flush(); err != nil {
		s.body.Close()
		return fmt.Errorf("output: report: %w", err)
	}
	f, err := createAtomic(s.path)
	if err != nil {
		s.body.Close()
		return err
	}
	err = s.assemble(f)
	s.body.Close()
	if err == nil {
		err = f.finish()
	}
	if err != nil {
		return errors.Join(err, f.discard())
	}
	return f.commit()
}

// assemble writes head, summary, the streamed sections and foot to w.
func (s *ReportSink) assemble(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := reportTmpl.ExecuteTemplate(bw, "head", nil); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	if err := reportTmpl.ExecuteTemplate(bw, "summary", &s.summary); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	if _, err := s.body.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	if _, err := io.Copy(bw, s.body); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	if err := reportTmpl.ExecuteTemplate(bw, "foot", nil); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("output: report: %w", err)
	}
	return nil
}

// Abort removes the temporary files; no report is written.
func (s *ReportSink) Abort() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.body.Close()
	if err := os.Remove(s.body.Name()); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("output: report: %w", err)
	}
	return nil
}
