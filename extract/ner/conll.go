package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrBadCoNLL is returned for a malformed line in a CoNLL file.
var ErrBadCoNLL = errors.New("ner: bad CoNLL line")

// Format names a column layout accepted by ReadCoNLL.
type Format string

// Formats of the evaluation corpora (../shared/data/ner/MANIFEST.md).
const (
	// FormatCoNLL: whitespace-separated columns, token first, IOB1/IOB2 tag
	// last, "-DOCSTART-" lines between documents (CoNLL-2003).
	FormatCoNLL Format = "conll"
	// FormatWNUT: token TAB tag with lower-case WNUT-17 types; person → PER,
	// location → LOC, group and corporation → ORG, product and
	// creative-work → MISC.
	FormatWNUT Format = "wnut"
	// FormatWikiANN: "en:token" TAB tag (PER/ORG/LOC); the "en:" prefix is
	// stripped.
	FormatWikiANN Format = "wikiann"
)

// Sentence is one tokenised sentence with gold entity spans.
type Sentence struct {
	Words []string
	Tags  []string // IOB2 tags with our labels ("B-PER", "I-PER", "O")
}

// Document is a run of sentences between "-DOCSTART-" lines (one sentence
// per document for corpora without document markers).
type Document struct {
	Sentences []Sentence
}

var wnutTypes = map[string]string{
	"person": LabelPER, "location": LabelLOC, "group": LabelORG, "corporation": LabelORG,
	"product": LabelMISC, "creative-work": LabelMISC,
}

// ReadCoNLL reads a CoNLL-style corpus. Tags are normalised to IOB2 with the
// labels PER/ORG/LOC/MISC (IOB1 "I-X" starting an entity becomes "B-X").
// A line without a tag column, or with an unknown tag, returns ErrBadCoNLL
// with the line number.
func ReadCoNLL(r io.Reader, format Format) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var docs []Document
	var cur Document
	var sent Sentence
	flushSent := func() {
		if len(sent.Words) > 0 {
			cur.Sentences = append(cur.Sentences, sent)
			sent = Sentence{}
			if format != FormatCoNLL {
				docs = append(docs, cur)
				cur = Document{}
			}
		}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
			cur = Document{}
		}
	}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			flushSent()
			continue
		}
		if strings.HasPrefix(text, "-DOCSTART-") {
			flushDoc()
			continue
		}
		var cols []string
		if format == FormatCoNLL {
			cols = strings.Fields(text)
		} else {
			cols = strings.Split(text, "\t")
		}
		if len(cols) < 2 {
			return nil, fmt.Errorf("%w %d: %q", ErrBadCoNLL, line, text)
		}
		word, tag := cols[0], strings.TrimSpace(cols[len(cols)-1])
		if format == FormatWikiANN {
			word = strings.TrimPrefix(word, "en:")
		}
		norm, err := normaliseTag(tag, format, sent.Tags)
		if err != nil {
			return nil, fmt.Errorf("%w %d: %w", ErrBadCoNLL, line, err)
		}
		sent.Words = append(sent.Words, word)
		sent.Tags = append(sent.Tags, norm)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: reading CoNLL: %w", err)
	}
	flushDoc()
	return docs, nil
}

// normaliseTag maps one corpus tag to IOB2 with our labels, given the tags
// before it in the sentence.
func normaliseTag(tag string, format Format, prev []string) (string, error) {
	if tag == "O" {
		return "O", nil
	}
	if len(tag) < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I') {
		return "", fmt.Errorf("tag %q", tag)
	}
	typ := tag[2:]
	if format == FormatWNUT {
		t, ok := wnutTypes[typ]
		if !ok {
			return "", fmt.Errorf("WNUT type %q", typ)
		}
		typ = t
	}
	switch typ {
	case LabelPER, LabelORG, LabelLOC, LabelMISC:
	default:
		return "", fmt.Errorf("type %q", typ)
	}
	if tag[0] == 'I' && (len(prev) == 0 || prev[len(prev)-1] == "O" || prev[len(prev)-1][2:] != typ) {
		return "B-" + typ, nil
	}
	return tag[:2] + typ, nil
}

// iobSpans returns the entity spans of IOB2 tags.
func iobSpans(tags []string) []span {
	var out []span
	for i := 0; i < len(tags); {
		if tags[i] == "O" {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+tags[i][2:] {
			j++
		}
		out = append(out, span{start: i, end: j, label: tags[i][2:]})
		i = j
	}
	return out
}

// bilou converts IOB2 tags to BILOU tag indices.
func bilou(tags []string) []int {
	out := make([]int, len(tags))
	for _, s := range iobSpans(tags) {
		if s.end-s.start == 1 {
			out[s.start] = tagIndex("U-" + s.label)
			continue
		}
		out[s.start] = tagIndex("B-" + s.label)
		for k := s.start + 1; k < s.end-1; k++ {
			out[k] = tagIndex("I-" + s.label)
		}
		out[s.end-1] = tagIndex("L-" + s.label)
	}
	return out
}

func tagIndex(name string) int {
	for i, t := range tagNames {
		if t == name {
			return i
		}
	}
	panic("ner: unknown tag " + name)
}
