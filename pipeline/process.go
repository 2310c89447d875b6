package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionscan/sanctionscan/extract/article"
	"github.com/sanctionscan/sanctionscan/extract/ner"
	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/screen"
	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// Extractor turns page bytes into an article (extract/article implements it).
type Extractor interface {
	Extract(in article.Input) (*article.Article, error)
}

// Recognizer finds entity mentions in text (extract/ner implements it).
type Recognizer interface {
	Recognize(text string) []ner.Mention
	// CommonWord reports whether a name's words are mostly written in
	// lower case inside sentences ("Start", "New City"), which weakens it
	// as a company's name (screen.Query.CommonWord).
	CommonWord(name string) bool
}

// Screener finds the designations a name may refer to (lists/screen implements it).
type Screener interface {
	Screen(q screen.Query) []screen.Hit
}

// Stages of a document's processing, as recorded in documents.error_stage.
const (
	StageExtract = "extract"
	StageNER     = "ner"
	StageScreen  = "screen"
)

// Zones of a mention: the headline or the body text.
const (
	ZoneTitle = "title"
	ZoneBody  = "body"
)

// Processor runs the per-document stages: extraction, recognition and
// screening. It is safe for concurrent use when its stages are.
type Processor struct {
	Extractor  Extractor
	Recognizer Recognizer
	Screener   Screener
	Logger     *slog.Logger // warnings that are not errors (text cut at its cap); nil: none
}

// DocumentID is the documents.document_id of a document: the hex sha256 of
// its source (the input path or URI; for a WARC record the file and
// offset), which no other document of any run, shard or resume shares, so
// joins on it never fan out. Pages of one story under several addresses
// share canonical_url instead. (DESIGN.md hashed the canonical URL first;
// two inputs with one canonical URL then shared an id, which a run's shards
// cannot see to avoid.)
func DocumentID(source string) string {
	sum := sha256.Sum256([]byte(source))
	return hex.EncodeToString(sum[:])
}

// Process turns one raw document into its output rows. It never fails: a
// document that cannot be read, extracted, recognised or screened becomes a
// documents row with status "error", the stage and the reason; a panic in any
// stage is recovered into such a row.
func (p *Processor) Process(doc source.Doc) (rec *output.Record) {
	rec = &output.Record{Document: output.Document{
		DocumentID: DocumentID(doc.Source),
		URL:        doc.URL,
		Source:     doc.Source,
		Status:     "ok",
	}}
	stage := StageExtract
	defer func() {
		if r := recover(); r != nil {
			rec.Mentions, rec.Matches = nil, nil
			fail(rec, stage, fmt.Sprintf("panic: %v\n%s", r, firstFrames(debug.Stack())))
		}
	}()
	if doc.Err != nil {
		fail(rec, doc.Stage, doc.Err.Error())
		return rec
	}
	art, err := p.Extractor.Extract(article.Input{Body: doc.Body, URL: doc.URL, ContentType: doc.ContentType, FetchedAt: doc.Fetched})
	d := &rec.Document
	if art != nil { // with ErrNoArticle the page's metadata still comes back
		d.CanonicalURL, d.Title, d.Author = art.CanonicalURL, art.Title, art.Author
		d.Language, d.SiteName, d.Text = art.Language, art.SiteName, art.Text
		if art.PublishedAt != nil {
			t := art.PublishedAt.UTC().Truncate(time.Microsecond)
			d.PublishedAt = &t
		}
	}
	if err != nil {
		d.Text = ""
		fail(rec, StageExtract, err.Error())
		return rec
	}
	rec.Truncated = art.Truncated
	if art.Truncated && p.Logger != nil {
		p.Logger.Warn("text cut at extract.max_text_length: the rest of the page is not screened", "source", doc.Source, "runes", utf8.RuneCountInString(d.Text))
	}

	stage = StageNER
	rec.Mentions = append(p.mentions(d.DocumentID, ZoneTitle, d.Title), p.mentions(d.DocumentID, ZoneBody, d.Text)...)

	stage = StageScreen
	rec.Matches = p.screen(d, rec.Mentions)
	return rec
}

func (p *Processor) mentions(docID, zone, text string) []output.Mention {
	if text == "" {
		return nil
	}
	found := p.Recognizer.Recognize(text)
	rows := make([]output.Mention, 0, len(found))
	for _, m := range found {
		rows = append(rows, output.Mention{
			DocumentID: docID,
			MentionID:  fmt.Sprintf("%s-%c%d-%d", docID[:16], zone[0], m.Start, m.End),
			Label:      m.Label,
			Text:       m.Text,
			Start:      int32(m.Start),
			End:        int32(m.End),
			Title:      m.Title,
			Name:       m.Name,
			Sentence:   int32(m.Sentence),
			Zone:       zone,
			Source:     m.Source,
		})
	}
	return rows
}

// screenSchema maps a mention label to the designation schema it may match;
// "" means the label is not screened (places and MISC are not designations).
func screenSchema(label string) string {
	switch label {
	case ner.LabelPER:
		return lists.SchemaPerson
	case ner.LabelORG:
		return lists.SchemaOrganization
	}
	return ""
}

func (p *Processor) screen(d *output.Document, mentions []output.Mention) []output.Match {
	ctx := &screen.Context{Text: d.Text}
	for _, m := range mentions {
		switch m.Label {
		case ner.LabelLOC:
			ctx.Places = append(ctx.Places, m.Name)
		case ner.LabelORG:
			ctx.Organizations = append(ctx.Organizations, m.Name)
		}
	}
	// surnames of the people the document names in full: a surname alone
	// that the recognizer left unresolved (two people share it: Sirajuddin
	// and Anas Haqqani) names one of them, screened already
	surnames := map[string]bool{}
	for _, m := range mentions {
		if f := strings.Fields(m.Name); m.Label == ner.LabelPER && len(f) > 1 {
			surnames[strings.ToLower(f[len(f)-1])] = true
		}
	}
	type key struct{ name, title, schema string }
	cache := map[key][]screen.Hit{}
	var rows []output.Match
	for _, m := range mentions {
		schema := screenSchema(m.Label)
		if schema == "" || m.Label == ner.LabelPER && !strings.ContainsFunc(strings.TrimSpace(m.Name), unicode.IsSpace) && surnames[strings.ToLower(strings.TrimSpace(m.Name))] {
			continue
		}
		k := key{m.Name, m.Title, schema}
		hits, ok := cache[k]
		if !ok {
			hits = p.Screener.Screen(screen.Query{Name: m.Name, Title: m.Title, Schema: schema, Context: ctx, CommonWord: p.Recognizer.CommonWord(m.Name)})
			cache[k] = hits
		}
		for _, h := range hits {
			rows = append(rows, output.Match{
				DocumentID:      d.DocumentID,
				MentionID:       m.MentionID,
				Dataset:         h.Designation.Dataset,
				DesignationID:   h.Designation.ID,
				DesignationName: h.Designation.Name,
				MatchedName:     h.MatchedName,
				AliasStrength:   h.AliasStrength,
				Schema:          h.Designation.Schema,
				Programs:        nonNil(h.Designation.Programs),
				Score:           h.Score,
				Decision:        h.Decision,
				Explanation:     h.Explanation,
				ListVersion:     h.ListVersion,
			})
		}
	}
	// Mentions are in zone then offset order and Screen returns hits best
	// first, so rows are already in the table's order.
	return rows
}

func fail(rec *output.Record, stage, reason string) {
	rec.Document.Status = "error"
	rec.Document.ErrorStage = stage
	rec.Document.Error = reason
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// firstFrames keeps the top of a stack trace, enough to locate a panic.
func firstFrames(stack []byte) string {
	const max = 2000
	if len(stack) > max {
		stack = stack[:max]
	}
	return string(stack)
}

// DesignationRows converts loaded datasets into designations table rows, in
// dataset then file order.
func DesignationRows(datasets []*lists.Dataset) []output.Designation {
	var rows []output.Designation
	for _, ds := range datasets {
		sha := make(map[string]string, len(ds.Files))
		for i, f := range ds.Files {
			sha[f] = ds.SHA256[i]
		}
		for _, d := range ds.Designations {
			rows = append(rows, output.Designation{
				Dataset:       ds.Name,
				DesignationID: d.ID,
				Schema:        d.Schema,
				Name:          d.Name,
				Aliases:       nonNil(d.Aliases),
				WeakAliases:   nonNil(d.WeakAliases),
				Titles:        nonNil(d.Titles),
				BirthDates:    nonNil(d.BirthDates),
				Nationalities: nonNil(d.Nationalities),
				Programs:      nonNil(d.Programs),
				ListedOn:      d.ListedOn,
				Remarks:       d.Remarks,
				ListVersion:   ds.Version(),
				SourceSHA256:  sha[d.SourceFile],
			})
		}
	}
	return rows
}
