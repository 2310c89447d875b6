// Package ner finds entity mentions (PER, ORG, LOC, MISC) in article text,
// with code-point offsets, titles split off and later short forms resolved
// to the full name within a document.
package ner

// Labels a Mention can carry (CoNLL-2003 types).
const (
	LabelPER  = "PER"
	LabelORG  = "ORG"
	LabelLOC  = "LOC"
	LabelMISC = "MISC"
)

// Sources of a mention.
const (
	SourceModel     = "model"
	SourceGazetteer = "gazetteer"
	SourceRule      = "rule"
)

// Mention is one entity mention in a text.
//
// Start and End are offsets in Unicode code points (not bytes) into the text
// given to Recognize, so that []rune(text)[Start:End] == Text, as Python's
// text[start:end] does (DESIGN.md). Text never includes a title, a possessive
// "'s", quotes or brackets. Name is the normalised, coreference-resolved full
// name (a later "Tokayev" gets "Kassym-Jomart Tokayev").
type Mention struct {
	Label    string
	Text     string
	Start    int
	End      int
	Title    string // honorific/office stripped from the name ("Mullah", "President"), "" if none
	Name     string
	Sentence int // 0-based sentence index in the text
	Source   string
}

// GazetteerEntry is a known name with its label, e.g. a designation's name or
// alias from the loaded lists ("Taliban" → ORG).
type GazetteerEntry struct {
	Name  string
	Label string
	// ShortForm marks a form the list does not publish (a company's name
	// without its legal form: "Sovcomflot" for PAO SOVCOMFLOT). Of one
	// word, it is kept only when the model's word classes do not know the
	// word: "September" of LLC SEPTEMBER is a month first.
	ShortForm bool
}
