package screen

import (
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/antzucaro/matchr"
	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/geo"
)

// Candidate generation (blocking). Every listed name is filed under keys
// derived from its name parts: the romanisation key of each part ("k"), its
// Double Metaphone code ("m", matchr), its first four key letters ("p", an
// n-gram block that catches typos at the end), two adjacent parts written
// together ("k" of the join), and every pair of part codes ("pp"). A query
// looks up its own keys; keys filed under more than maxPosting names are too
// common to look at (their pairs still narrow the search), and only the
// maxCandidates names sharing the most key weight are scored, so the cost of
// one query is bounded whatever the size of the lists.
const (
	maxPosting    = 2000
	maxCandidates = 48
	maxPairTokens = 6 // pair keys are made from at most this many name parts
)

// Key weights: how much sharing one key says about a candidate.
const (
	kwToken    = 1.0
	kwPhonetic = 0.6
	kwPrefix   = 0.4
	kwPair     = 1.5
)

// Index holds the normalised names of a set of designations and their
// blocking keys. Build it once with NewIndex; it is read-only afterwards and
// Screen may be called from many goroutines at once.
type Index struct {
	opt    Options
	desigs []*entry
	vars   []variant
	post   map[uint64][]uint32 // blocking key → variant ids, ascending
	pool   sync.Pool           // *scratch
}

// entry is one designation with what screening needs from it.
type entry struct {
	d         *lists.Designation
	version   string
	person    bool
	first     uint32 // its variants are vars[first:first+n]
	n         uint32
	countries []string        // ISO2, sorted
	years     [][2]int        // birth year ranges
	titles    map[string]bool // canonical titles
	words     map[string]bool // keys of programme, remarks and linked-to words
}

// variant is one name of a designation: the primary name or an alias.
type variant struct {
	entry   uint32
	name    prepName
	weak    bool
	primary bool
}

// NewIndex normalises every name and alias of the designations of datasets
// and builds the blocking index. Designations are screened in dataset order
// then file order; opt is kept for Screen (zero fields take DefaultOptions).
func NewIndex(datasets []*lists.Dataset, opt Options) *Index {
	ix := &Index{opt: withDefaults(opt), post: map[uint64][]uint32{}}
	for _, ds := range datasets {
		for _, d := range ds.Designations {
			e := newEntry(d, ds.Version(), uint32(len(ix.vars)))
			ix.vars = append(ix.vars, variantsOf(e, uint32(len(ix.desigs)))...)
			e.n = uint32(len(ix.vars)) - e.first
			ix.desigs = append(ix.desigs, e)
		}
	}
	var keys []blockKey
	for id := range ix.vars {
		keys = blockKeys(&ix.vars[id].name, keys[:0])
		for _, k := range keys {
			ix.post[k.h] = appendUnique(ix.post[k.h], uint32(id))
		}
	}
	ix.pool.New = func() any { return &scratch{acc: make([]float32, len(ix.vars))} }
	return ix
}

func appendUnique(p []uint32, id uint32) []uint32 {
	if n := len(p); n > 0 && p[n-1] == id {
		return p
	}
	return append(p, id)
}

func withDefaults(o Options) Options {
	d := DefaultOptions()
	if o.MatchThreshold <= 0 {
		o.MatchThreshold = d.MatchThreshold
	}
	if o.ReviewThreshold <= 0 {
		o.ReviewThreshold = d.ReviewThreshold
	}
	if o.MaxHits <= 0 {
		o.MaxHits = d.MaxHits
	}
	return o
}

func isPerson(schema string) bool { return schema == lists.SchemaPerson }

func newEntry(d *lists.Designation, version string, first uint32) *entry {
	e := &entry{d: d, version: version, person: isPerson(d.Schema), first: first, titles: map[string]bool{}, words: map[string]bool{}}
	seen := map[string]bool{}
	for _, c := range append(append([]string(nil), d.Nationalities...), d.Countries...) {
		iso, ok := geo.Place(c)
		if !ok {
			// addresses: "Kandahar Province, Afghanistan"
			for _, x := range geo.CountriesIn(c) {
				seen[x] = true
			}
			continue
		}
		seen[iso] = true
	}
	for c := range seen {
		e.countries = append(e.countries, c)
	}
	sort.Strings(e.countries)
	for _, b := range d.BirthDates {
		if bd, err := lists.ParseDate(b); err == nil {
			if from, to := bd.YearRange(); from > 0 {
				e.years = append(e.years, [2]int{from, to})
			}
		}
	}
	for _, t := range d.Titles {
		for _, w := range words(t) {
			if c, ok := titles[w.text]; ok {
				e.titles[c] = true
			}
		}
	}
	for _, s := range append(append([]string{d.Remarks}, d.Programs...), d.LinkedTo...) {
		for _, w := range words(s) {
			e.words[romanKey(w.text, KindName)] = true
		}
	}
	return e
}

// variantsOf normalises the primary name, strong and weak aliases of e.
func variantsOf(e *entry, id uint32) []variant {
	d := e.d
	var fam map[string]bool
	if e.person && d.LastName != "" {
		fam = map[string]bool{}
		for _, t := range Normalize(d.LastName).Tokens {
			fam[t.Key] = true
		}
	}
	out := make([]variant, 0, 1+len(d.Aliases)+len(d.WeakAliases))
	seen := map[string]bool{}
	add := func(name string, weak, primary bool, fam map[string]bool) {
		k := strings.ToLower(strings.TrimSpace(name))
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		n := Normalize(name)
		if len(n.Tokens) == 0 {
			return
		}
		out = append(out, variant{entry: id, name: prepare(n, e.person, fam), weak: weak, primary: primary})
	}
	add(d.Name, false, true, fam)
	for _, a := range d.Aliases {
		add(a, false, false, nil)
	}
	for _, a := range d.WeakAliases {
		add(a, true, false, nil)
	}
	return out
}

type blockKey struct {
	h uint64
	w float32
}

func hashKey(kind, s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(s))
	return h.Sum64()
}

// blockKeys appends the blocking keys of a name to dst.
func blockKeys(p *prepName, dst []blockKey) []blockKey {
	var codes []string
	toks := p.Tokens
	for i, t := range toks {
		if t.Kind != KindName && t.Kind != KindNumber {
			continue
		}
		dst = append(dst, blockKey{hashKey("k", t.Key), kwToken})
		if t.Kind == KindName && len(t.Key) >= 3 {
			m, _ := matchr.DoubleMetaphone(t.Key)
			dst = append(dst, blockKey{hashKey("m", m), kwPhonetic})
			if len(t.Key) >= 5 {
				dst = append(dst, blockKey{hashKey("p", t.Key[:4]), kwPrefix})
			}
			if len(codes) < maxPairTokens {
				codes = append(codes, m)
			}
		}
		if i+1 < len(toks) && toks[i+1].Kind != KindNumber {
			dst = append(dst, blockKey{hashKey("k", t.Key+toks[i+1].Key), kwToken})
		}
		if i > 0 && toks[i-1].Kind == KindParticle {
			dst = append(dst, blockKey{hashKey("k", toks[i-1].Key+t.Key), kwToken})
		}
	}
	for i := range codes {
		for j := i + 1; j < len(codes); j++ {
			a, b := codes[i], codes[j]
			if a > b {
				a, b = b, a
			}
			dst = append(dst, blockKey{hashKey("pp", a+"|"+b), kwPair})
		}
	}
	if len(dst) == 0 {
		for _, t := range toks {
			dst = append(dst, blockKey{hashKey("k", t.Key), kwToken})
		}
	}
	return dst
}

// scratch is per-query working memory.
type scratch struct {
	acc     []float32 // key weight per variant
	touched []uint32
	keys    []blockKey
}

// Screen returns the designations the query may refer to: at most MaxHits
// hits at or above ReviewThreshold, one per designation (its best-scoring
// name), best first; equal scores keep index order (dataset, then file
// order), so results are deterministic. Person queries are compared with
// Person designations only; Organization queries with Organization, Company
// and LegalEntity designations; a query without a schema with all.
func (ix *Index) Screen(q Query) []Hit {
	qp := prepareQuery(q)
	if len(qp.name.Tokens) == 0 {
		return nil
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	sc.keys = blockKeys(&qp.name, sc.keys[:0])
	sc.touched = sc.touched[:0]
	seenKey := map[uint64]bool{}
	for _, k := range sc.keys {
		if seenKey[k.h] {
			continue
		}
		seenKey[k.h] = true
		post := ix.post[k.h]
		if len(post) > maxPosting {
			continue
		}
		for _, id := range post {
			if sc.acc[id] == 0 {
				sc.touched = append(sc.touched, id)
			}
			sc.acc[id] += k.w
		}
	}
	// best key weight per designation, then the maxCandidates best designations
	type cand struct {
		entry uint32
		w     float32
	}
	best := map[uint32]float32{}
	for _, id := range sc.touched {
		e := ix.vars[id].entry
		if w := sc.acc[id]; w > best[e] {
			best[e] = w
		}
		sc.acc[id] = 0
	}
	cands := make([]cand, 0, len(best))
	for e, w := range best {
		if schemaCompatible(q.Schema, ix.desigs[e].d.Schema) {
			cands = append(cands, cand{e, w})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].w != cands[j].w {
			return cands[i].w > cands[j].w
		}
		return cands[i].entry < cands[j].entry
	})
	if len(cands) > maxCandidates {
		cands = cands[:maxCandidates]
	}
	type scored struct {
		Hit
		entry uint32
	}
	var hits []scored
	for _, c := range cands {
		e := ix.desigs[c.entry]
		if h, ok := scoreEntry(&qp, e, ix.vars[e.first:e.first+e.n], ix.opt); ok {
			hits = append(hits, scored{h, c.entry})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].entry < hits[j].entry
	})
	out := make([]Hit, 0, min(len(hits), ix.opt.MaxHits))
	for i := 0; i < len(hits) && i < ix.opt.MaxHits; i++ {
		out = append(out, hits[i].Hit)
	}
	return out
}

// Len returns the number of designations and of names (primary names and
// aliases) in the index.
func (ix *Index) Len() (designations, names int) { return len(ix.desigs), len(ix.vars) }

// schemaCompatible reports whether a query of schema qs may be compared with
// a designation of schema ds (issue 6: persons against persons, organisations
// against organisations only).
func schemaCompatible(qs, ds string) bool {
	switch {
	case qs == "" || ds == "":
		return true
	case qs == lists.SchemaPerson || ds == lists.SchemaPerson:
		return qs == ds
	case isOrg(qs):
		return isOrg(ds)
	}
	return qs == ds
}

func isOrg(s string) bool {
	return s == lists.SchemaOrganization || s == lists.SchemaCompany || s == lists.SchemaLegalEntity
}

// ScoreDesignation compares a query with one designation directly, without an
// index (for evaluations and tests). The Hit carries the score and
// explanation of the best-scoring name even below the review threshold; its
// Decision is "" then, and ok is false when the schemas are incompatible or
// no name part aligns at all.
func ScoreDesignation(q Query, d *lists.Designation, opt Options) (h Hit, ok bool) {
	opt = withDefaults(opt)
	if !schemaCompatible(q.Schema, d.Schema) {
		return Hit{}, false
	}
	qp := prepareQuery(q)
	e := newEntry(d, "", 0)
	vars := variantsOf(e, 0)
	h, ok = bestVariant(&qp, e, vars, opt)
	if ok {
		h.Decision = decide(h.Score, opt)
	}
	return h, ok
}

func decide(score float64, opt Options) string {
	switch {
	case score >= opt.MatchThreshold:
		return DecisionMatch
	case score >= opt.ReviewThreshold:
		return DecisionReview
	}
	return ""
}

// queryPrep is a prepared query.
type queryPrep struct {
	q      Query
	name   prepName
	titles []string // canonical titles: Query.Title and any in the name
	facts  *docFacts
}

func prepareQuery(q Query) queryPrep {
	n := Normalize(q.Name)
	qp := queryPrep{q: q, name: prepare(n, false, nil), titles: n.Titles}
	for _, w := range words(q.Title) {
		if c, ok := titles[w.text]; ok {
			qp.titles = append(qp.titles, c)
		}
	}
	if q.Context != nil {
		qp.facts = q.Context.facts()
	}
	return qp
}

// scoreEntry scores a designation's names and applies decisions; ok is false
// below the review threshold.
func scoreEntry(qp *queryPrep, e *entry, vars []variant, opt Options) (Hit, bool) {
	h, ok := bestVariant(qp, e, vars, opt)
	if !ok || h.Score < opt.ReviewThreshold {
		return Hit{}, false
	}
	h.Decision = decide(h.Score, opt)
	return h, true
}

// bestVariant scores every name of e and keeps the best (first on ties).
func bestVariant(qp *queryPrep, e *entry, vars []variant, opt Options) (Hit, bool) {
	var best Hit
	found := false
	for i := range vars {
		v := &vars[i]
		ns := compareNames(&qp.name, &v.name, e.person)
		if len(ns.pairs) == 0 {
			continue
		}
		ev := evidenceFor(qp, e, ns.score)
		score := ns.score + ev.boost
		capped := ""
		if ns.oneToken {
			score = math.Min(score, opt.MatchThreshold-0.01)
			capped = "one-token mention: review at most"
		}
		if v.weak {
			score = math.Min(score, opt.MatchThreshold-0.01)
			capped = "weak alias: review at most"
		}
		score = math.Round(math.Max(0, math.Min(1, score))*10000) / 10000
		if found && score <= best.Score {
			continue
		}
		found = true
		strength := "strong"
		if v.weak {
			strength = "weak"
		}
		best = Hit{
			Designation:   e.d,
			ListVersion:   e.version,
			MatchedName:   v.name.Original,
			AliasStrength: strength,
			Score:         score,
			Explanation:   explain(qp, v, &ns, ev, capped),
		}
	}
	return best, found
}
