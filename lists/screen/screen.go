// Package screen decides which designations a name (an entity mention) refers
// to: normalisation, an index for candidate generation, scoring and a
// readable explanation.
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

// DefaultOptions are the thresholds used when the config gives none.
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
	once sync.Once
	f    *docFacts
}

// Query is one name to screen.
type Query struct {
	Name    string   // the name as found, titles already split off
	Title   string   // honorific/office found with it ("Mullah"), "" if none
	Schema  string   // lists.SchemaPerson, lists.SchemaOrganization, or "" for any
	Context *Context // nil when screening a bare name
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
