// Package screen decides which designations a name (an entity mention) refers
// to: normalisation (Normalize), an index for candidate generation
// (NewIndex), scoring with document context, decisions and a readable
// explanation (Index.Screen), and the evaluations behind the figures quoted
// for it (EvalPairs, EvalParity).
//
// How a score is made: the mention and each listed name are normalised into
// tokens; tokens are aligned one to one regardless of order (tokenSim); the
// aligned weight, discounted by spelling distance, is set against the weight
// left unmatched (compareNames); person-specific rules follow (one-token
// mentions, swapped names, "bin" order); then the mention's title and the
// document's countries, organisations and years add evidence (evidenceFor).
// Weak aliases and one-token mentions are held below the match threshold,
// and so are short acronyms of organisations ("RGB", isAcronym) unless the
// document supports the designation, and a name that several designated
// people's names contain, each with other parts missing ("Ali Hassan",
// holdAmbiguousParts).
package screen

import (
	"sync"

	"github.com/sanctionscan/sanctionscan/lists"
)

// Decisions a Hit can carry.
const (
	DecisionMatch  = "match"
	DecisionReview = "review"
)

// Options are the screening thresholds (config keys matching.match_threshold
// and matching.review_threshold). Scores are in 0..1.
type Options struct {
	MatchThreshold  float64 `mapstructure:"match_threshold"`
	ReviewThreshold float64 `mapstructure:"review_threshold"`
	MaxHits         int     `mapstructure:"max_hits"` // hits kept per query, best first
}

// DefaultOptions are the thresholds used when the config gives none: a match
// at 0.85, a review from 0.70, five hits. They are the skeleton's values,
// kept because the scorer was calibrated to them: on the nomenklatura name
// bench F1 is within 0.002 of its best at 0.85 (`sanctionscan eval match`),
// and the one-token, weak-alias and acronym caps (review at most) and the context
// evidence sizes are set so that a title plus one name with supporting
// context lands between 0.70 and 0.85.
func DefaultOptions() Options {
	return Options{MatchThreshold: 0.85, ReviewThreshold: 0.70, MaxHits: 5}
}

// Context is what the rest of a document says around a mention; it supports or
// weakens a candidate (nationalities vs places mentioned, programmes vs
// organisations mentioned, birth years vs years in the text).
type Context struct {
	Text          string   // the document text
	Places        []string // LOC mention names in the document
	Organizations []string // ORG mention names in the document

	// Facts derived from the fields above, computed once on first use; a
	// Context must therefore not be copied or changed after it is first screened with.
	once      sync.Once
	f         *docFacts
	wordsOnce sync.Once
	words     *docWords // see docWords
}

// Query is one name to screen.
type Query struct {
	Name    string   // the name as found, titles already split off
	Title   string   // honorific/office found with it ("Mullah"), "" if none
	Schema  string   // lists.SchemaPerson, lists.SchemaOrganization, or "" for any
	Context *Context // nil when screening a bare name
	// CommonWord: the name's words are ordinary words of the language,
	// mostly written in lower case inside sentences ("Start", "New City";
	// the recognizer's word statistics, ner.Recognizer.CommonWord). As one
	// word of a company's name it then needs support beyond a country named
	// in the document, and such a name is never named in full
	// (orgNamedInFull).
	CommonWord bool
}

// Hit is one candidate designation for a query at or above the review threshold.
type Hit struct {
	Designation   *lists.Designation
	ListVersion   string
	MatchedName   string  // the name or alias that matched
	AliasStrength string  // "strong" or "weak"
	Score         float64 // 0..1
	Decision      string  // DecisionMatch or DecisionReview
	Explanation   string  // human-readable reasons
}
