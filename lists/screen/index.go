package screen

import (
	"cmp"
	"hash/fnv"
	"math"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/antzucaro/matchr"
	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/geo"
)

// Candidate generation (blocking). Every listed name is filed under keys
// derived from its name parts: the romanisation key of each part ("k"), its
// Double Metaphone code ("m", matchr), its first four key letters ("p", an
// n-gram block that catches typos at the end), its text with each letter
// left out in turn ("d": two texts one edit apart always share one, as in
// SymSpell), two adjacent parts written
// together ("k" of the join), and every pair of part codes ("pp"). A query
// looks up its own keys; keys filed under more than maxPosting names are too
// common to look at (their pairs still narrow the search), and only the
// maxCandidates names sharing the most key weight are scored, so the cost of
// one query is bounded whatever the size of the lists. Names sharing less
// than minKeyShare of the best candidate's key weight are not scored.
const (
	maxPosting    = 500
	maxScan       = 800 // postings read per query, rarest keys first
	maxCandidates = 16
	maxSupported  = 4 // more candidates scored when the title or document supports them (Screen)
	// maxSupportedScan bounds the names past maxCandidates whose support is
	// weighed, so a very common name's hundreds of fits cost no more
	maxSupportedScan = 64
	minKeyShare      = 0.5
	maxPairTokens    = 6 // pair keys are made from at most this many name parts
)

// Key weights: how much sharing one key says about a candidate.
const (
	kwToken    = 1.0
	kwPhonetic = 0.6
	kwPrefix   = 0.4
	kwPair     = 1.5
	kwDelete   = 0.3

	maxDeleteLen = 16 // longer parts get no deletion keys
)

// Index holds the normalised names of a set of designations and their
// blocking keys. Build it once with NewIndex; it is read-only afterwards and
// Screen may be called from many goroutines at once.
type Index struct {
	opt       Options
	desigs    []*entry
	vars      []variant
	post      postings  // blocking key → variant ids, ascending
	keyWeight []float32 // total blocking key weight of each variant
	varEntry  []uint32  // designation of each variant (compact, for the candidate loop)
	varClass  []uint8   // schema class of each variant's designation
	varWhole  []uint64  // wholeKey of each variant
	// commonCtx holds the context words (entry.ctxWords hashes) in the
	// programmes, remarks or links of more than maxContextShare of the
	// designations ("national", "section", "information"): an
	// organisation named in a document by such words alone supports none
	// of them.
	commonCtx map[uint64]bool
	// commonParts holds the name part keys in more than commonPartShare
	// of the person designations ("muhammad", "han" for Khan, "dias"):
	// a mention made of two of them names many people (queryPrep.commonName).
	commonParts map[string]bool
	// commonOrgWords holds the same for the organisations' name words
	// ("bank", "islamik", "armi", "people"): a name made only of them
	// ("Central Bank", "People's Liberation Army") is generic.
	commonOrgWords map[string]bool
	pool           sync.Pool // *scratch
}

// A person's name part is common (Index.commonParts) when more than
// commonPartShare of the person designations and at least minCommonPart of
// them have it in a name or alias. Of the 7,584 persons of UN + OFAC
// (../shared/data/lists), "muhammad" is in 858, "han" (Khan) in 52,
// "javir" in 22 and "dias" (Diaz) in 18, while of the names the news
// writes of designated people "bashar" is in 6, "sirajudin" in 2,
// "maduro" in 3 and "deif" in 1. Of the 8,384 organisations, "bank" is in
// 203, "islamik" (Islamic) in 130, "armi" (army) in 55, "kentral" in 44,
// "people" in 36 and "liberation" in 24, while "kuds" (Quds) is in 10,
// "taliban" in 10 and "hamas" in 2.
const (
	commonPartShare = 0.002
	minCommonPart   = 10
)

// A context word is common (Index.commonCtx) when more than maxContextShare
// of the designations and more than minCommonContext of them have it (a
// small list has no common words). Of the 15,968 UN + OFAC designations
// (../shared/data/lists), "information" is in 2,511, "section" in 1,772,
// "national" in 1,343 and "council" in 821; "qaida" in 380, "hizballah" in
// 240 and "taliban" in 173, which must stay evidence.
const (
	maxContextShare  = 0.05
	minCommonContext = 400
)

// entry is one designation with what screening needs from it.
type entry struct {
	d         *lists.Designation
	version   string
	person    bool
	first     uint32 // its variants are vars[first:first+n]
	n         uint32
	countries []string        // ISO2, sorted: nationalities, addresses and places of birth
	home      []string        // ISO2, sorted: nationalities and addresses only
	years     [][2]int        // birth year ranges
	titles    map[string]bool // canonical titles
	// ctxWords are the hashes (hashKey, kind "w") of the keys of the words of the
	// designation's programmes, remarks and linked-to names, sorted and
	// unique: organisations named in a document are looked up in them.
	ctxWords  []uint64
	namesOnce sync.Once
	names     []spelledName // see spelledNames
}

// variant is one name of a designation: the primary name or an alias.
type variant struct {
	entry   uint32
	name    prepName
	weak    bool
	primary bool
	acronym bool // a short acronym of an organisation (isAcronym): a match needs supporting context
}

// NewIndex normalises every name and alias of the designations of datasets
// and builds the blocking index. Designations are screened in dataset order
// then file order; opt is kept for Screen (zero fields take DefaultOptions).
func NewIndex(datasets []*lists.Dataset, opt Options) *Index {
	ix := &Index{opt: withDefaults(opt)}
	post := map[uint64][]uint32{}
	type job struct {
		d       *lists.Designation
		version string
		e       *entry
		vars    []variant
		keys    [][]blockKey
	}
	var jobs []job
	for _, ds := range datasets {
		for _, d := range ds.Designations {
			jobs = append(jobs, job{d: d, version: ds.Version()})
		}
	}
	// normalise and compute keys on every core; designations stay in order
	parallel(len(jobs), func(i int) {
		j := &jobs[i]
		j.e = newEntry(j.d, j.version)
		j.vars = variantsOf(j.e, uint32(i))
		j.keys = make([][]blockKey, len(j.vars))
		for k := range j.vars {
			j.keys[k] = blockKeys(&j.vars[k].name, nil)
		}
	})
	ix.desigs = make([]*entry, len(jobs))
	var keys [][]blockKey
	for i := range jobs {
		j := &jobs[i]
		j.e.first = uint32(len(ix.vars))
		j.e.n = uint32(len(j.vars))
		ix.desigs[i] = j.e
		for k := range j.vars {
			id := uint32(len(ix.vars))
			ix.vars = append(ix.vars, j.vars[k])
			ix.varEntry = append(ix.varEntry, uint32(i))
			ix.varClass = append(ix.varClass, classOf(j.d.Schema))
			ix.varWhole = append(ix.varWhole, wholeKey(&j.vars[k].name))
			keys = append(keys, j.keys[k])
			for _, bk := range j.keys[k] {
				post[bk.h] = appendUnique(post[bk.h], id)
			}
		}
		*j = job{}
	}
	ix.keyWeight = make([]float32, len(ix.vars))
	parallel(len(ix.vars), func(id int) {
		for i, k := range keys[id] {
			if !seenBefore(keys[id][:i], k.h) {
				ix.keyWeight[id] += k.w * rarity(len(post[k.h]))
			}
		}
	})
	ix.post = newPostings(post)
	df := map[uint64]int{}
	for _, e := range ix.desigs {
		for _, h := range e.ctxWords {
			df[h]++
		}
	}
	ix.commonCtx = map[uint64]bool{}
	for h, n := range df {
		if n > minCommonContext && float64(n) > maxContextShare*float64(len(ix.desigs)) {
			ix.commonCtx[h] = true
		}
	}
	ix.commonParts, ix.commonOrgWords = commonParts(ix, true), commonParts(ix, false)
	ix.pool.New = func() any { return &scratch{acc: make([]float32, len(ix.vars))} }
	return ix
}

// commonParts returns the common name part keys of the index's persons
// (Index.commonParts) or, with person false, of its other designations
// (Index.commonOrgWords).
func commonParts(ix *Index, person bool) map[string]bool {
	df := map[string]int{}
	designations := 0
	seen := map[string]bool{}
	for _, e := range ix.desigs {
		if e.person != person {
			continue
		}
		designations++
		clear(seen)
		for _, v := range ix.vars[e.first : e.first+e.n] {
			for _, t := range v.name.Tokens {
				if t.Kind == KindName && !seen[t.Key] {
					seen[t.Key] = true
					df[t.Key]++
				}
			}
		}
	}
	common := map[string]bool{}
	for k, n := range df {
		if n >= minCommonPart && float64(n) > commonPartShare*float64(designations) {
			common[k] = true
		}
	}
	return common
}

// postings are the posting lists of the blocking keys in one array, found
// through a map whose keys and values hold no pointers, so the garbage
// collector neither scans it nor marks an object per key: for UN + OFAC,
// 213k fewer objects and 21 of the index's 52 MB of pointer-holding memory
// (runtime/metrics /gc/scan/heap:bytes), which every collection cycle of
// a run walks.
type postings struct {
	at  map[uint64]uint64 // key → start<<32 | length in ids
	ids []uint32
}

// newPostings packs byKey (key → ascending variant ids).
func newPostings(byKey map[uint64][]uint32) postings {
	p := postings{at: make(map[uint64]uint64, len(byKey))}
	n := 0
	for _, l := range byKey {
		n += len(l)
	}
	p.ids = make([]uint32, 0, n)
	for k, l := range byKey {
		p.at[k] = uint64(len(p.ids))<<32 | uint64(len(l))
		p.ids = append(p.ids, l...)
	}
	return p
}

// get returns the variant ids of key h, ascending (nil for none).
func (p *postings) get(h uint64) []uint32 {
	v, ok := p.at[h]
	if !ok {
		return nil
	}
	start, end := v>>32, v>>32+v&(1<<32-1)
	return p.ids[start:end:end]
}

// parallel calls f(0..n-1) on GOMAXPROCS goroutines, in chunks.
func parallel(n int, f func(i int)) {
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
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

// isoCodes returns the sorted, distinct ISO2 codes of the countries places
// name (countryOf).
func isoCodes(places []string) []string {
	var out []string
	for _, p := range places {
		if iso, ok := countryOf(p); ok && !slices.Contains(out, iso) {
			out = append(out, iso)
		}
	}
	sort.Strings(out)
	return out
}

func newEntry(d *lists.Designation, version string) *entry {
	e := &entry{d: d, version: version, person: isPerson(d.Schema), titles: map[string]bool{}}
	// nationalities, addresses and places of birth ("POB Hotak, Kandahar
	// Province, Afghanistan") all tie a designation to a country
	e.home = isoCodes(slices.Concat(d.Nationalities, d.Countries))
	e.countries = isoCodes(slices.Concat(d.Nationalities, d.Countries, d.BirthPlaces))
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
	for _, n := range append(d.AllNames(), d.WeakAliases...) {
		for _, w := range words(n) {
			if c, ok := titles[w.text]; ok {
				e.titles[c] = true // "MAULANA FAZLULLAH": the title is written in the name
			}
		}
	}
	for _, s := range slices.Concat([]string{reURL.ReplaceAllString(d.Remarks, " ")}, d.Programs, d.LinkedTo) {
		for _, w := range words(s) {
			e.ctxWords = append(e.ctxWords, hashKey("w", romanKey(w.text, KindName)))
		}
	}
	slices.Sort(e.ctxWords)
	e.ctxWords = slices.Clip(slices.Compact(e.ctxWords))
	return e
}

// reURL matches a web address in a designation's remarks: its words
// ("treasury" of OFAC's "http://www.treasury.gov/resource-center/...",
// written in the remarks of every entity subject to a directive) are no
// context (an article naming the US Treasury supported ROSNEFT TRADING S.A.).
var reURL = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)

// hasContextWords reports whether every key (hashed as in ctxWords) is among the
// words of e's programmes, remarks and linked-to names.
func (e *entry) hasContextWords(keys []uint64) bool {
	for _, k := range keys {
		if _, ok := slices.BinarySearch(e.ctxWords, k); !ok {
			return false
		}
	}
	return true
}

// spelledName is a name of a designation that is not a short acronym, as
// the keys of its words outside brackets, for finding it in a document.
type spelledName struct {
	written string
	keys    []string // its word keys
}

// spelledNames returns (computing once) e's primary name and strong
// aliases that are not short acronyms (isAcronym), with their word keys;
// bracketed words ("DAEDONG CREDIT BANK (DCB)") are left out, as documents
// write the name without them.
func (e *entry) spelledNames() []spelledName {
	e.namesOnce.Do(func() {
		for _, n := range e.d.AllNames() {
			if isAcronym(Normalize(n)) {
				continue
			}
			if keys := wordKeys(n); len(keys) > 0 {
				e.names = append(e.names, spelledName{written: strings.TrimSpace(n), keys: keys})
			}
		}
	})
	return e.names
}

// wordKeys returns the romanisation keys of a name's words outside
// brackets, legal forms and generic words included: how a document writes it.
func wordKeys(name string) []string {
	var keys []string
	for _, w := range words(name) {
		if !w.qualifier {
			keys = append(keys, romanKey(w.text, KindName))
		}
	}
	return keys
}

// maxAcronymLetters is the longest acronym isAcronym accepts: "RGB", "KCNA",
// "LTTE", "IRGC". The UN, OFAC SDN, EU and UK lists (../shared/data/lists)
// publish about 130 organisation names and strong aliases that are one word
// of two to four capitals, most of them acronyms (RGB, PKK, ELN, ISIL, AQIM),
// and about 300 more that add only legal forms or generic words (PCC FZE);
// there are 26^3 three-letter and 26^4 four-letter strings against 26^5 of
// five, so a short acronym is the one that collides with ordinary
// abbreviations (RGB lighting, AA batteries, PLA filament) while five
// letters and more (HAMAS, CIMEX, DAESH) rarely do.
const maxAcronymLetters = 4

// isAcronym reports a name whose one name word is 2..maxAcronymLetters
// letters published in capitals (dots or spaces between them allowed) and
// whose other words, if any, are legal forms, generic organisation words or
// stopwords: "RGB", "T.D.G.", "PCC FZE", "VAD, AO", "GAZ GROUP",
// "LIMITED LIABILITY COMPANY I T C". Such a word stands for many unrelated
// things ("RGB" lighting, "AA" batteries), so a mention of it alone is no
// match without supporting context (bestVariant); and its letters are not a
// spelling, so it matches letter for letter only (PKK is not PCC). A word
// the list writes in lower case ("Jit", "Alfa") is a name, not an acronym.
func isAcronym(n Name) bool {
	word := ""
	for _, t := range n.Tokens {
		switch {
		case t.Kind == KindLegalForm || t.Kind == KindGeneric || t.Kind == KindStopword:
		case t.Kind == KindName && word == "":
			word = t.Text
		default:
			return false
		}
	}
	if len(word) < 2 || len(word) > maxAcronymLetters || strings.ContainsFunc(word, func(r rune) bool { return r < 'a' || r > 'z' }) {
		return false // "M23" is no acronym
	}
	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, n.Original)
	return strings.Contains(letters, strings.ToUpper(word))
}

// countryOf reads a published nationality or country: a country name or
// code, a place, or an address whose last comma-separated part is one
// ("Kandahar Province, Afghanistan"), else any country named in it.
func countryOf(s string) (string, bool) {
	if iso, ok := geo.Place(s); ok {
		return iso, true
	}
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		if iso, ok := geo.Place(s[i+1:]); ok {
			return iso, true
		}
	}
	if found := geo.CountriesIn(s); len(found) > 0 {
		return found[0], true
	}
	return "", false
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
	org := isOrg(d.Schema)
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
		acronym := org && isAcronym(n)
		if acronym {
			for i := range n.Tokens {
				n.Tokens[i].Acronym = n.Tokens[i].Kind == KindName
			}
		}
		out = append(out, variant{entry: id, name: prepare(n, e.person, fam), weak: weak, primary: primary, acronym: acronym})
	}
	add(d.Name, false, true, fam)
	for _, a := range d.Aliases {
		add(a, false, false, nil)
	}
	for _, a := range d.WeakAliases {
		add(a, true, false, nil)
	}
	if org {
		// the UN writes an organisation's acronym in brackets after its
		// name, "JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN (JNIM)", and the
		// news writes the acronym alone
		for _, name := range append([]string{d.Name}, d.Aliases...) {
			if m := reBracketEnd.FindStringSubmatch(name); m != nil && isAcronym(Normalize(m[1])) && initialsOf(m[1], name[:len(name)-len(m[0])]) {
				add(m[1], false, false, nil)
			}
		}
	}
	return out
}

// initialsOf reports whether acronym's letters are, in order, the initials
// of words of name, the first word's first: JNIM of "JAMA'A NUSRAT
// UL-ISLAM WA AL-MUSLIMIN", AQAP of "AL-QAIDA IN THE ARABIAN PENINSULA";
// not a legal form or country in brackets, "RUNNING BROOK, LLC (USA)".
func initialsOf(acronym, name string) bool {
	var initials []rune
	for _, w := range strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r, _ := utf8.DecodeRuneInString(w)
		initials = append(initials, r)
	}
	letters := []rune(strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, acronym)))
	if len(letters) == 0 || len(initials) == 0 || initials[0] != letters[0] {
		return false
	}
	i := 0
	for _, r := range initials {
		if i < len(letters) && r == letters[i] {
			i++
		}
	}
	return i == len(letters)
}

// writtenInCapitals reports whether a word of name has two letters or more,
// none in lower case: "RGB lighting", not "Mit".
func writtenInCapitals(name string) bool {
	for _, w := range strings.Fields(name) {
		if utf8.RuneCountInString(w) >= 2 && strings.ContainsFunc(w, unicode.IsLetter) && !strings.ContainsFunc(w, unicode.IsLower) {
			return true
		}
	}
	return false
}

// reBracketEnd matches the words in brackets that end a name.
var reBracketEnd = regexp.MustCompile(`\(([^()]+)\)\s*$`)

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

// wholeKey hashes the keys of a name's name and number words, in order:
// names equal up to spelling variants (romanKey) share it.
func wholeKey(p *prepName) uint64 {
	h := fnv.New64a()
	for _, t := range p.Tokens {
		if t.Kind == KindName || t.Kind == KindNumber {
			h.Write([]byte(t.Key))
			h.Write([]byte{0})
		}
	}
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
			if n := len(t.Text); n >= 4 && n <= maxDeleteLen {
				// one-deletion neighbourhood: texts one edit apart share a key
				dst = append(dst, blockKey{hashKey("d", t.Text), kwDelete})
				for i := range n {
					dst = append(dst, blockKey{hashKey("d", t.Text[:i]+t.Text[i+1:]), kwDelete})
				}
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
	cands   []cand
	group   []*variant
	posts   []keyPosting
}

// keyPosting is one query key's weight and the names filed under it.
type keyPosting struct {
	w    float32
	post []uint32
}

// cand is a candidate name and the key weight it shares with the query.
type cand struct {
	id uint32
	w  float32
}

// rarity weighs a key by how few names share it (1 for a unique key, about
// 0.11 for one shared by maxPosting names), so rare name parts rank
// candidates first.
func rarity(n int) float32 {
	return float32(1 / math.Log2(2+float64(n)-1))
}

func seenBefore(keys []blockKey, h uint64) bool {
	for _, k := range keys {
		if k.h == h {
			return true
		}
	}
	return false
}

// Screen returns the designations the query may refer to: at most MaxHits
// hits at or above ReviewThreshold, one per designation (its best-scoring
// name), best first; equal scores keep index order (dataset, then file
// order), so results are deterministic. Person queries are compared with
// Person designations only; Organization queries with Organization, Company
// and LegalEntity designations; a query without a schema with all.
func (ix *Index) Screen(q Query) []Hit {
	qp := prepareQuery(q)
	qp.commonCtx = ix.commonCtx
	qp.personWords, qp.nPersonWords = qp.commonWords(ix.commonParts)
	qp.orgWords, qp.nOrgWords = qp.commonWords(ix.commonOrgWords)
	if len(qp.name.Tokens) == 0 {
		return nil
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	sc.keys = blockKeys(&qp.name, sc.keys[:0])
	// look keys up rarest first, within a budget of postings, so a query's
	// cost does not grow with the size of the lists
	sc.posts = sc.posts[:0]
	for i, k := range sc.keys {
		if seenBefore(sc.keys[:i], k.h) {
			continue
		}
		if post := ix.post.get(k.h); len(post) > 0 && len(post) <= maxPosting {
			sc.posts = append(sc.posts, keyPosting{k.w * rarity(len(post)), post})
		}
	}
	sort.SliceStable(sc.posts, func(i, j int) bool { return len(sc.posts[i].post) < len(sc.posts[j].post) })
	sc.touched = sc.touched[:0]
	var top float32
	scanned := 0
	for _, kp := range sc.posts {
		if scanned += len(kp.post); scanned > maxScan && len(sc.touched) > 0 {
			break
		}
		for _, id := range kp.post {
			if sc.acc[id] == 0 {
				sc.touched = append(sc.touched, id)
			}
			sc.acc[id] += kp.w
			top = max(top, sc.acc[id])
		}
	}
	// the names sharing the most key weight (at least minKeyShare of the
	// best), at most maxCandidates, then grouped by designation
	sc.cands = sc.cands[:0]
	qClass := classOf(q.Schema)
	for _, id := range sc.touched {
		w := sc.acc[id]
		sc.acc[id] = 0
		if w < minKeyShare*top || !classCompatible(qClass, ix.varClass[id]) {
			continue
		}
		// shared key weight relative to the name's own: a short name
		// covered by the query ranks above a long one that shares a part
		sc.cands = append(sc.cands, cand{id, w / float32(math.Sqrt(float64(ix.keyWeight[id])))})
	}
	if qp.name.sig == 1 {
		// a one-token mention can only reach review with a title or the
		// document's context: rank by that evidence first
		for i := range sc.cands {
			e := ix.desigs[ix.varEntry[sc.cands[i].id]]
			sc.cands[i].w += 10 * float32(evidenceFor(&qp, e, 1).boost)
		}
	}
	sort.Slice(sc.cands, func(i, j int) bool {
		if sc.cands[i].w != sc.cands[j].w {
			return sc.cands[i].w > sc.cands[j].w
		}
		return sc.cands[i].id < sc.cands[j].id
	})
	if len(sc.cands) > maxCandidates {
		// When more names fit than are scored ("Mohammed Omar" fits dozens),
		// the best of the rest that the title or document supports are
		// scored too: "Mullah Mohammed Omar" is the UN's MOHAMMED OMAR
		// GHULAM NABI, whose four words rank him below shorter names.
		kept := maxCandidates
		for _, c := range sc.cands[maxCandidates:min(len(sc.cands), maxCandidates+maxSupportedScan)] {
			if kept == maxCandidates+maxSupported {
				break
			}
			if evidenceFor(&qp, ix.desigs[ix.varEntry[c.id]], 1).boost > 0 {
				sc.cands[kept] = c
				kept++
			}
		}
		sc.cands = sc.cands[:kept]
	}
	sort.Slice(sc.cands, func(i, j int) bool { return sc.cands[i].id < sc.cands[j].id })
	qWhole := wholeKey(&qp.name)
	var hits []scored
	for i := 0; i < len(sc.cands); {
		entry := ix.varEntry[sc.cands[i].id]
		j := i + 1
		for j < len(sc.cands) && ix.varEntry[sc.cands[j].id] == entry {
			j++
		}
		sc.group = sc.group[:0]
		for _, c := range sc.cands[i:j] {
			sc.group = append(sc.group, &ix.vars[c.id])
		}
		// and its names that are the query's by key, spelt otherwise:
		// "Hezbollah" shares more keys with the alias LEBANESE HEZBOLLAH
		// than with the name HIZBALLAH, which the share cut-off drops
		e := ix.desigs[entry]
		for id := e.first; id < e.first+e.n; id++ {
			if ix.varWhole[id] == qWhole && !slices.Contains(sc.group, &ix.vars[id]) {
				sc.group = append(sc.group, &ix.vars[id])
			}
		}
		if h, ok := scoreEntry(&qp, ix.desigs[entry], sc.group, ix.opt); ok {
			h.entry = entry
			hits = append(hits, h)
		}
		i = j
	}
	holdAmbiguousParts(hits, ix.opt)
	hits = dropOtherNames(hits, ix.desigs)
	holdOthers(hits, ix.desigs, ix.opt)
	holdUnsupported(hits, ix.desigs, ix.opt)
	liftSameListing(hits, ix.desigs, ix.opt)
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

// Schema classes: schemaCompatible on small integers.
const (
	classAny    uint8 = iota // no schema: compatible with all
	classPerson              // Person
	classOrg                 // Organization, Company, LegalEntity
	classOther               // Vessel, Aircraft, ...: only with classAny
)

func classOf(schema string) uint8 {
	switch {
	case schema == "":
		return classAny
	case schema == lists.SchemaPerson:
		return classPerson
	case isOrg(schema):
		return classOrg
	}
	return classOther
}

// classCompatible is schemaCompatible for classes (two "other" schemas are
// compatible here; Screen's query schemas are Person, Organization or "").
func classCompatible(q, d uint8) bool {
	return q == classAny || d == classAny || q == d
}

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
	e := newEntry(d, "")
	vars := variantsOf(e, 0)
	ptrs := make([]*variant, len(vars))
	for i := range vars {
		ptrs[i] = &vars[i]
	}
	b := bestVariant(&qp, e, ptrs, opt)
	if b.v == nil {
		return Hit{}, false
	}
	h = b.hit(&qp, e)
	h.Decision = decide(h.Score, opt)
	return h, true
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
	q         Query
	name      prepName
	titles    []string        // canonical titles: Query.Title and any in the name
	commonCtx map[uint64]bool // the index's common context words (nil: none known)
	// the mention's name words as written, joined by ", ", and how many,
	// when every one is a common person name part (Index.commonParts),
	// and when every one is a common organisation name word
	// (Index.commonOrgWords); "", 0 otherwise (commonWords)
	personWords  string
	nPersonWords int
	orgWords     string
	nOrgWords    int
	self         *string   // selfKey, once computed
	described    *[]string // describedAs, once computed
}

// commonName returns the name parts of a mention of two or three, all
// common (Index.commonParts), as written and joined by ", " ("Javier,
// Diaz", "Kim, Yong, Chol"); "" otherwise.
func (qp *queryPrep) commonName() string {
	if n := qp.nPersonWords; n == 2 || n == 3 {
		return qp.personWords
	}
	return ""
}

// genericName returns the mention as written and how many name words it
// has when it has two or more, all common organisation name words
// (Index.commonOrgWords): "Central Bank", 2; "", 0 otherwise.
func (qp *queryPrep) genericName() (string, int) {
	if n := qp.nOrgWords; n >= 2 {
		return strings.TrimSpace(qp.q.Name), n
	}
	return "", 0
}

// commonWords returns the mention's name words, as written and joined by
// ", ", and how many there are, when all are in common; "", 0 otherwise.
func (qp *queryPrep) commonWords(common map[string]bool) (string, int) {
	var parts []string
	for _, t := range qp.name.Tokens {
		if t.Kind != KindName {
			continue
		}
		if !common[t.Key] {
			return "", 0
		}
		parts = append(parts, display(t.Text))
	}
	return strings.Join(parts, ", "), len(parts)
}

// facts returns the document facts of the query's context, computed on first
// use: most mentions have no candidate that needs them.
func (qp *queryPrep) facts() *docFacts {
	if qp.q.Context == nil {
		return nil
	}
	return qp.q.Context.facts()
}

func prepareQuery(q Query) queryPrep {
	n := Normalize(q.Name)
	qp := queryPrep{q: q, name: prepare(n, false, nil), titles: n.Titles}
	for _, w := range words(q.Title) {
		if c, ok := titles[w.text]; ok {
			qp.titles = append(qp.titles, c)
		}
	}
	return qp
}

// scoreEntry scores a designation's names and applies decisions; ok is false
// below the review threshold. The scored's entry is left for the caller.
func scoreEntry(qp *queryPrep, e *entry, vars []*variant, opt Options) (h scored, ok bool) {
	b := bestVariant(qp, e, vars, opt)
	if b.v == nil || b.score < opt.ReviewThreshold {
		return scored{}, false
	}
	h.Hit = b.hit(qp, e)
	h.Decision = decide(h.Score, opt)
	h.lacks = lacking(&b.v.name, b.ns.missing)
	h.familyOK = b.ns.familyOK
	for _, i := range b.ns.missing {
		switch b.v.name.Tokens[i].Kind {
		case KindName, KindNumber:
			h.lackN++
		case KindGeneric:
			h.lacksGeneric = true
		}
	}
	for _, i := range b.ns.extra {
		if qp.name.Tokens[i].Kind == KindName {
			h.extra++
		}
	}
	h.lacksFirst = e.person && slices.Contains(b.ns.missing, firstName(&b.v.name))
	h.lacksFirstSurname = e.person && lacksFirstSurname(&b.v.name, b.ns.missing) != ""
	h.turned = !e.person && outOfOrder(b.ns.pairs)
	h.countryHeld, h.uncapped = b.countryHeld, b.uncapped
	h.supported = b.ev.context()
	return h, true
}

// firstName is the index of the first name word of c that is not its family
// name, else of its first name word; -1 when none.
func firstName(c *prepName) int {
	for i, t := range c.Tokens {
		if t.Kind == KindName && (i >= len(c.family) || !c.family[i]) {
			return i // "HASAN, Kamal 'Ali": Kamal, not the surname written first
		}
	}
	return slices.IndexFunc(c.Tokens, func(t Token) bool { return t.Kind == KindName })
}

// kunyaOnly reports whether a person mention is a kunya alone, "Abu" or
// "Umm" and one name ("Abu Ubaida", "Abu Bakar"): an honorific that
// thousands share, unlike "Abu Bakr al-Baghdadi".
func kunyaOnly(q *prepName) bool {
	var keys []string
	for _, t := range q.Tokens {
		if t.Kind == KindName {
			keys = append(keys, t.Key)
		}
	}
	return len(keys) == 2 && (keys[0] == "abu" || keys[0] == "um")
}

// lacksTwoParts reports whether a person mention lacks two or more listed
// name parts that are not patronymics, the first of the listed family name
// among them ("Miguel Marquez" against Miguel Angel ARREOLA MARQUEZ). The
// news leaves out a middle name and a second surname ("Delcy Rodríguez" for
// Delcy Eloina RODRIGUEZ GOMEZ), rarely the first surname too without the
// text saying more about the person.
func lacksTwoParts(c *prepName, missing []int) bool {
	first := slices.Index(c.family, true)
	return lacksParts(c, missing) >= 2 && slices.Contains(missing, first)
}

// lacksFirstSurname returns the first of two or more listed family name
// words, as written, when a person mention lacks it and has a later one,
// else "": Spanish names put the father's surname first and the news
// writes it, so "Ismael García", a football coach, is not Ismael ZAMBADA
// GARCIA, whose second surname García is.
func lacksFirstSurname(c *prepName, missing []int) string {
	var fam []int
	for i, f := range c.family {
		if f && c.Tokens[i].Kind == KindName && c.w[i] >= 1 {
			fam = append(fam, i)
		}
	}
	if len(fam) < 2 || !slices.Contains(missing, fam[0]) {
		return ""
	}
	for _, i := range fam[1:] {
		if !slices.Contains(missing, i) {
			return display(c.Tokens[fam[0]].Text)
		}
	}
	return ""
}

// lacksParts counts the listed name parts among missing that are names and
// not patronymics.
func lacksParts(c *prepName, missing []int) int {
	n := 0
	for _, i := range missing {
		if c.Tokens[i].Kind == KindName && c.w[i] >= 1 {
			n++
		}
	}
	return n
}

// namedInFull reports whether a person mention names the listed name v as
// the news writes a known person: every part as listed or a known variant
// (none only similar, no initial, no word of its own), lacking at most
// patronymics (lacksParts), in three name parts or more or lacking a
// patronymic ("Osama bin Laden", "Kim Jong-un"; "Vladimir Putin" for
// Vladimir Vladimirovich PUTIN, "Sergei Lavrov"), with a part that is not
// common (Index.commonParts: not "Kim Yong-chol").
func namedInFull(qp *queryPrep, v *variant, ns *nameScore) bool {
	if len(ns.extra) > 0 || lacksParts(&v.name, ns.missing) > 0 {
		return false
	}
	for _, p := range ns.pairs {
		if p.sim < variantSim || p.initial {
			return false
		}
	}
	if qp.nPersonWords > 0 {
		return false
	}
	return qp.name.sig >= 3 || qp.name.sig == 2 && len(ns.missing) > 0
}

// orgNamedInFull reports whether an organisation mention names the listed
// name v in full: two name words or more, none lacking (brackets aside) or
// added, each as listed or a known variant, not only common organisation
// words nor only ordinary ones (Query.CommonWord): "Sinaloa Cartel" and
// "Jalisco New Generation Cartel" in a story on a New York trial; not
// "Postbank", "Central Bank" nor "New City", a town in New York.
func orgNamedInFull(qp *queryPrep, v *variant, ns *nameScore) bool {
	if v.acronym || qp.name.sig < 2 || qp.nOrgWords > 0 || qp.q.CommonWord || len(ns.extra) > 0 || lacksNameWord(&v.name, ns.missing) {
		return false
	}
	for _, p := range ns.pairs {
		if p.sim < variantSim || p.initial {
			return false
		}
	}
	return true
}

// lacksFirstAndMore reports whether listed name c's first name word and at
// least one other name word are among missing (token indices): "Tahir
// Hussain" against MOHAMMAD TAHIR HAMMID HUSSEIN, "Osama bin Laden"
// against his son HAMZA USAMA MUHAMMAD BIN LADEN; a name from the middle
// of a long listed name is often a relative's or another's. Lacking only
// the first ("Hassan Akhund" for MOHAMMAD HASSAN AKHUND) or only later
// parts ("Mohammed Omar" for MOHAMMED OMAR GHULAM NABI) is not held.
// bestVariant applies it to mentions read from a document only (with
// bare names, on the name bench, OFAC parity fell from 0.65 to 0.62).
func lacksFirstAndMore(c *prepName, missing []int) bool {
	first := firstName(c)
	if !slices.Contains(missing, first) {
		return false
	}
	for _, i := range missing {
		if i != first && c.Tokens[i].Kind == KindName {
			return true
		}
	}
	return false
}

// scored is a Hit with its designation's index and how its best name and
// the query differ.
type scored struct {
	Hit
	entry      uint32
	lacks      []string // keys of the listed name parts the query lacks (lacking)
	lackN      int      // how many name parts the query lacks (repeats counted)
	familyOK   bool     // the listed family name is in the query
	extra      int      // query name words the listed name leaves unmatched
	lacksFirst bool     // a person's listed name's first name word is among lacks
	// lacksGeneric: the query lacks a generic word of the listed name
	// ("service" of SBERBANK-SERVICE), which lacks does not count
	lacksGeneric bool
	supported    bool // the document supports the designation (evidence.context)
	// lacksFirstSurname: a person's listed first surname is missing and a
	// later one is not (lacksFirstSurname), which holds it by itself
	lacksFirstSurname bool
	turned            bool // an organisation's words matched in another order ("Foreign Trade Bank", BANK FOR FOREIGN TRADE)
	// countryHeld, uncapped: see scoredVariant
	countryHeld bool
	uncapped    float64
}

// lacking returns the romanisation keys of the name and number parts of
// listed name c left unmatched (missing, token indices), outside brackets
// (the UN's "HAQQANI NETWORK (HQN)" lacks nothing beside "Haqqani
// Network"), sorted and without repeats; nil when there are none.
func lacking(c *prepName, missing []int) []string {
	var keys []string
	for _, i := range missing {
		if t := c.Tokens[i]; (t.Kind == KindName || t.Kind == KindNumber) && !t.Qualifier {
			keys = append(keys, t.Key)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// holdAmbiguousParts holds below a match the match-level hits whose listed
// name the query gives only in part, when two of them lack different
// parts: "Ali Hassan" fits ALI HASSAN KHALIL, Ali Hassan AL-MAJID and Ali
// Hassan ZREIK alike and so identifies none of them; an analyst decides.
// When one of them lacks fewer parts than every other, it stays a match.
// Hits whose missing parts are a subset of another's do not conflict: one
// person listed as "Akhtar Mohammad MANSOUR" and as "AKHTAR MOHAMMAD
// MANSOUR SHAH MOHAMMED". A hit held for lacking the first of its surnames
// counts too: "Pedro Sánchez" fits Pedro SANCHEZ MEDRANO and Pedro RIVAS
// SANCHEZ. A hit that lacks no part is never held. It needs
// the other designations, so ScoreDesignation (one designation, `eval
// match`) never applies it.
func holdAmbiguousParts(hits []scored, opt Options) {
	var partial []int
	for i, h := range hits {
		if (h.Decision == DecisionMatch || h.lacksFirstSurname) && len(h.lacks) > 0 {
			partial = append(partial, i)
		}
	}
	conflict := false
	for a := 0; a < len(partial) && !conflict; a++ {
		for _, b := range partial[a+1:] {
			x, y := hits[partial[a]].lacks, hits[b].lacks
			if !subset(x, y) && !subset(y, x) {
				conflict = true
				break
			}
		}
	}
	if !conflict {
		return
	}
	// the one that lacks fewest parts, when only one does, is the person
	// named: "Nicolas Maduro" is Nicolas MADURO MOROS (his mother's surname
	// left out, as the news do), not his son Nicolas Ernesto MADURO GUERRA
	closest, fewest, tie := -1, 0, false
	for _, i := range partial {
		switch n := hits[i].lackN; {
		case closest < 0 || n < fewest:
			closest, fewest, tie = i, n, false
		case n == fewest:
			tie = true // "Ali Hassan" lacks one part of each
		}
	}
	if tie || !hits[closest].familyOK || hits[closest].lacksFirst {
		// given names alone name nobody, nor a surname without the listed
		// first name ("Ali Hassan" is not Kamal 'Ali HASAN)
		closest = -1
	}
	for _, i := range partial {
		h := &hits[i].Hit
		if i == closest {
			h.Explanation += "; of " + strconv.Itoa(len(partial)) + " designations it fits in part, the one it lacks fewest parts of"
			continue
		}
		h.Score = math.Min(h.Score, opt.MatchThreshold-0.01)
		h.Decision = decide(h.Score, opt)
		h.Explanation += "; fits " + strconv.Itoa(len(partial)) + " designations that differ in the parts the mention lacks: review at most"
	}
}

// holdOthers holds below a match the match-level hits that the mention
// names less well than a designation whose name is exactly the mention's
// (no part lacking on either side, score ≥ variantSim):
//
//   - a person whose listed name's first name word is not in the mention:
//     "Osama bin Laden" names Usama BIN LADIN, not his son HAMZA USAMA
//     MUHAMMAD BIN LADEN, whose listed name gives his father's after his
//     own (an Arabic nasab);
//   - a person of other countries (nationality, address, place of birth;
//     both known, none shared) whose name the mention gives only in part or
//     only similarly: "Mohammed Omar" (an Afghan's listed name) is not the
//     alias Muhammad OMER of a Pakistani;
//   - an organisation whose name has words the mention lacks, generic
//     ones too: "Islamic State" (an alias of ISIL) is not ISIS-EGYPT's
//     alias ISLAMIC STATE EGYPT, nor "Sberbank" (PJSC SBERBANK) the
//     subsidiary SBERBANK-SERVICE; or whose words the mention has only in
//     another order: "Foreign Trade Bank" (North Korea's FOREIGN TRADE
//     BANK) is not VTB's alias BANK FOR FOREIGN TRADE.
//
// A person whose listed name has the mention's first name word and shares
// a country is not held: one person is often listed twice, in full
// ("SIRAJUDDIN JALLALOUDINE HAQQANI", "MOHAMMED OMAR GHULAM NABI") and as
// the news names him ("Sirajuddin HAQQANI", "Mohammed OMAR"), and the two
// lists may give him birth years 16 years apart (Mullah Omar: 1950 on
// OFAC's, about 1966 on the UN's), so those decide nothing. Like
// holdAmbiguousParts it needs the other designations, so ScoreDesignation
// never applies it.
func holdOthers(hits []scored, desigs []*entry, opt Options) {
	// a person's name matches exactly at variantSim or above; an
	// organisation's score also counts legal forms, so all its name words
	// will do
	exact := func(h *scored) bool {
		return len(h.lacks) == 0 && h.extra == 0 && (h.Score >= variantSim || !desigs[h.entry].person)
	}
	for ci := range hits {
		c := &hits[ci]
		if c.Decision != DecisionMatch || !exact(c) {
			continue
		}
		ce := desigs[c.entry]
		for i := range hits {
			h := &hits[i]
			if i == ci || h.Decision != DecisionMatch {
				continue
			}
			he := desigs[h.entry]
			why := ""
			switch {
			case he.person && h.lacksFirst:
				why = "lacks this one's first name"
			case he.person && ce.person && !exact(h) && disjoint(ce.countries, he.countries):
				why = "names this one, of other countries, only in part or only similarly"
			case !he.person && !ce.person && len(h.lacks) > 0:
				why = "lacks words of this one's name"
			case !he.person && !ce.person && h.lacksGeneric && !c.lacksGeneric:
				why = "lacks a generic word of this one's name"
			case !he.person && !ce.person && h.turned && !c.turned:
				why = "has this one's words only in another order"
			default:
				continue
			}
			h.Score = math.Min(h.Score, opt.MatchThreshold-0.01)
			h.Decision = decide(h.Score, opt)
			h.Explanation += "; the mention is exactly the name of " + c.Designation.Name + " and " + why + ": review at most"
		}
	}
}

// dropOtherNames removes, beside a person the mention names exactly (a
// match lacking no part, with no word of its own, at variantSim or above),
// the other people whose listed names share only some of its words: each
// lacks a part of the other's. "Kim Jong Un" names Jong Un KIM, and Yo Jong
// KIM, Jong Man KIM and KIM JUNG JONG are not worth an analyst's look.
func dropOtherNames(hits []scored, desigs []*entry) []scored {
	exact := slices.ContainsFunc(hits, func(h scored) bool {
		return desigs[h.entry].person && h.Decision == DecisionMatch && len(h.lacks) == 0 && h.extra == 0 && h.Score >= variantSim
	})
	if !exact {
		return hits
	}
	return slices.DeleteFunc(hits, func(h scored) bool {
		return desigs[h.entry].person && h.extra > 0 && len(h.lacks) > 0
	})
}

// holdUnsupported holds below a match the organisations a mention names
// exactly, as listed, when the document supports others it names as
// exactly and not them: "Ansar al-Sharia" is an alias of the Tunisian
// group and of the Libyan ones in Benghazi and Derna, and a story that
// names Tunisia only is about the first. One designation on two lists
// (sameDesignation) is not held beside itself. Like holdOthers it needs the
// other designations, so ScoreDesignation never applies it.
func holdUnsupported(hits []scored, desigs []*entry, opt Options) {
	exact := func(h *scored) bool {
		return h.Decision == DecisionMatch && !desigs[h.entry].person && len(h.lacks) == 0 && h.extra == 0
	}
	var backed []*scored
	for i := range hits {
		if h := &hits[i]; exact(h) && h.supported {
			backed = append(backed, h)
		}
	}
	if len(backed) == 0 {
		return
	}
	for i := range hits {
		h := &hits[i]
		if !exact(h) || h.supported || slices.ContainsFunc(backed, func(b *scored) bool { return sameDesignation(desigs[b.entry], desigs[h.entry]) }) {
			continue
		}
		h.Score = math.Min(h.Score, opt.MatchThreshold-0.01)
		h.Decision = decide(h.Score, opt)
		h.Explanation += "; the document supports " + backed[0].Designation.Name + ", which the mention names as exactly, and not this one: review at most"
	}
}

// liftSameListing makes a match of a hit held only because the document
// names other countries (scoredVariant.countryHeld) when another list's
// designation of the same person or organisation (sameDesignation) is a
// match the document supports: UN and OFAC both list Hamza bin Laden, and
// only the UN's entry names al-Qaida, which the story names. Like
// holdOthers it needs the other designations, so ScoreDesignation never
// applies it.
func liftSameListing(hits []scored, desigs []*entry, opt Options) {
	for i := range hits {
		h := &hits[i]
		if !h.countryHeld || h.Decision == DecisionMatch || h.uncapped < opt.MatchThreshold {
			continue
		}
		for j := range hits {
			m := &hits[j]
			if m.Decision != DecisionMatch || !m.supported || !sameDesignation(desigs[m.entry], desigs[h.entry]) {
				continue
			}
			h.Score = h.uncapped
			h.Decision = decide(h.Score, opt)
			h.Explanation += "; but the same designation as " + m.Designation.Dataset + " " + m.Designation.ID + ", which the document supports: match"
			break
		}
	}
}

// sameDesignation reports whether two designations of other lists are one
// person or organisation: the same kind and the same name words (in any
// order, spelling variants alike, brackets aside), overlapping birth years
// when both give some; or one name's words, two or more, among the other's
// and overlapping birth years given by both (OFAC's Hamza BIN LADEN and
// the UN's HAMZA USAMA MUHAMMAD BIN LADEN, both born 1989).
func sameDesignation(a, b *entry) bool {
	if a.d.Dataset == b.d.Dataset || a.person != b.person {
		return false
	}
	ka, kb := wordKeys(a.d.Name), wordKeys(b.d.Name)
	slices.Sort(ka)
	slices.Sort(kb)
	switch {
	case slices.Equal(ka, kb):
		if len(a.years) == 0 || len(b.years) == 0 {
			return true
		}
	case min(len(ka), len(kb)) < 2 || !subset(ka, kb) && !subset(kb, ka) || len(a.years) == 0 || len(b.years) == 0:
		return false
	}
	for _, x := range a.years {
		for _, y := range b.years {
			if x[0] <= y[1] && y[0] <= x[1] {
				return true
			}
		}
	}
	return false
}

// disjoint reports whether two sorted country lists are both non-empty and
// share none.
func disjoint(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			return false
		}
	}
	return true
}

// subset reports whether every key of sorted x is in sorted y.
func subset(x, y []string) bool {
	for _, k := range x {
		if _, found := slices.BinarySearch(y, k); !found {
			return false
		}
	}
	return true
}

// scoredVariant is the best name of a designation for a query.
type scoredVariant struct {
	v      *variant
	ns     nameScore
	ev     evidence
	score  float64
	capped string // why the score was held below a match, "" if it was not
	// countryHeld: held only because the document names other countries
	// and nothing supports the designation; uncapped is the score before
	countryHeld bool
	uncapped    float64
}

// bestVariant scores every name of e and keeps the best (first on ties);
// v is nil when no name part aligns.
func bestVariant(qp *queryPrep, e *entry, vars []*variant, opt Options) scoredVariant {
	var best scoredVariant
	fromText := qp.q.Context != nil
	for _, v := range vars {
		if qp.name.script == "" && abjad[v.name.script] {
			continue
		}
		ns := compareNames(&qp.name, &v.name, e.person)
		if len(ns.pairs) == 0 {
			continue
		}
		ev := evidenceFor(qp, e, ns.score)
		if fromText && v.weak && qp.name.sig == 1 && !ev.context() {
			// a weak alias (the publisher's own low-quality name) matched
			// by one word and nothing in the document: "Assad" is not the
			// weak alias Asad of an Australian ISIL recruiter, nor "IST"
			// OOO IST
			continue
		}
		if fromText && v.acronym && !writtenInCapitals(qp.q.Name) && !ev.context() && (utf8.RuneCountInString(strings.TrimSpace(qp.q.Name)) <= 3 || qp.q.CommonWord) {
			// an article writes a short acronym in capitals ("Mit" is
			// German, not MIT of MUJAHIDIN INDONESIA TIMUR, and "City" no
			// CITY PJSC) unless the story supports the designation; a
			// longer one may be a word ("Isis" in the Guardian)
			continue
		}
		score := ns.score + ev.boost
		capped := ""
		if qp.name.sig == 1 && fuzzyOnly(ns.pairs) {
			// one word spelt differently carries too little, whatever the
			// context: "Tbsp" is not TBSS LLC, the NBA not the NPA, Tokayev
			// not Tokarev
			score = math.Min(score, opt.ReviewThreshold-0.01)
		}
		// A mention read from an article (a Context) is spelt as its owner
		// spells it; a bare name may be typed with errors (the name bench).
		far := ""
		switch {
		case e.person && fromText:
			far = familyFar(&qp.name, &v.name, ns.pairs)
		case fromText && wordFar(&qp.name, &v.name, ns.pairs):
			far = "a name word is only similar"
		}
		described, firstSurname, countryHeld := "", "", false
		if e.person && fromText {
			described = describedElsewhere(qp, e)
		}
		if e.person {
			firstSurname = lacksFirstSurname(&v.name, ns.missing)
		}
		switch {
		case ns.oneToken:
			capped = "one-token mention: review at most"
		case ns.oneListed:
			capped = "one-word listed name: review at most"
		case far != "":
			capped = far + ": review at most"
		case described != "":
			capped = "the document describes " + strings.TrimSpace(qp.q.Name) + " as of " + described + ", not the designation's " + countryNames(e.home) + ": review at most"
		case e.person && fromText && lacksFirstAndMore(&v.name, ns.missing):
			capped = "the mention lacks the listed first name and another part: review at most"
		case e.person && fromText && lacksTwoParts(&v.name, ns.missing) && !ev.beyondCountry():
			capped = "the mention lacks two listed name parts, nothing in the document but a country supports it: review at most"
		case e.person && fromText && nasabOnlyInMention(&qp.name, &v.name):
			capped = "the mention names a father (bin), the listed name does not: review at most"
		case e.person && fromText && surnameUnmatched(&qp.name, &ns):
			capped = "the mention's surname is not in the listed name: review at most"
		case e.person && fromText && qp.name.sig <= 2 && slices.Contains(ns.missing, firstName(&v.name)) && !ev.beyondCountry():
			capped = "a two-word mention lacks the listed first name, nothing in the document but a country supports it: review at most"
		case e.person && fromText && kunyaOnly(&qp.name):
			capped = "a kunya alone (Abu ...) names many people: review at most"
		case e.person && fromText && !ns.familyOK && !ev.beyondCountry():
			// a country alone is weak support for given names ("Abu
			// Ubaida", Hamas's spokesman, in a story that names Iran)
			capped = "only given names match, nothing in the document but a country supports it: review at most"
		case e.person && fromText && givenLoose(&qp.name, &v.name, &ns):
			capped = "a given name is only similar and the names differ in another part: review at most"
		case ns.swapped && lacksParts(&v.name, ns.missing) > 0:
			// "Dr. Ibrahim Hassan of Cairo University" is not the alias
			// Mohammed Hassan IBRAHIM of Hassan Dahir AWEYS, whatever the
			// document says of Somalia
			capped = "given name and surname swapped and a listed part missing: review at most"
		case firstSurname != "":
			capped = "the mention lacks the first listed surname (" + firstSurname + ") and has a later one: review at most"
		case e.person && fromText && (!ev.beyondCountry() || !ns.familyOK || lacksParts(&v.name, ns.missing) >= 2) && qp.commonName() != "":
			// "Javier Diaz", an IETF draft's author, is not the alias
			// Javier DIAZ MEDINA of a Mexican trafficker, nor "Mohammad
			// Khan", a Lahore fabric seller, the alias KHAN, Mohammed, nor,
			// in a story that names the Taliban, MOHAMMAD SHAFIQULLAH
			// AHMADI FATIH KHAN; and there "Mohammed Omar" is not the given
			// names of Muhammad Omar ZADRAN
			switch {
			case !ns.familyOK:
				capped = "only given names match, and common ones (" + qp.commonName() + "): review at most"
			case ev.beyondCountry():
				capped = "a common name (" + qp.commonName() + ") lacking two listed name parts: review at most"
			default:
				capped = "a common name (" + qp.commonName() + "), nothing in the document but a country supports it: review at most"
			}
		}
		if capped == "" && fromText && !e.person && reordered(&qp.name, &v.name, ns.pairs) {
			capped = "name words in another order than listed: review at most"
		}
		companyWord := fromText && !e.person && qp.name.sig == 1 && hasCompanyWord(&v.name)
		generic := fromText && !e.person && stateBody(&v.name)
		switch {
		case v.weak:
			capped = "weak alias: review at most"
		case (v.acronym || companyWord) && !companyWordMatched(&v.name, ns.pairs) || generic:
			// a short acronym alone names many things, and so does, in an
			// article, one word of a company's name without its legal form
			// ("Start", "Atlas", "Orion" for JSC START, ATLAS HOLDING,
			// ORION LLC): it matches only when the document names the
			// designation's country, a linked organisation or its name in
			// full, or the mention has the legal form or generic word it is
			// published with ("PCC FZE", "BMW AG", "GAZ Group")
			if len(ev.reasons) == 0 {
				if n := spelledIn(qp, e); n != "" {
					ev.reasons = append(ev.reasons, "also named "+n)
					ev.named = true
				}
			}
			switch {
			case len(ev.reasons) > 0 && companyWord && qp.q.CommonWord && !ev.beyondCountry():
				// "the Start cycling club in Leeds" in a story that names
				// Russia elsewhere is not JSC START
				capped = "one word of a company's name, an ordinary word, without its legal form; nothing in the document but a country supports it: review at most"
			case len(ev.reasons) == 0:
				switch {
				case generic:
					capped = "a state body's generic name; no supporting context: review at most"
				case !v.acronym:
					capped = "one word of a company's name, without its legal form; no supporting context: review at most"
				case v.primary:
					capped = "acronym name; no supporting context: review at most"
				default:
					capped = "acronym alias; no supporting context: review at most"
				}
			}
		}
		// A name made only of common organisation words names many
		// things: "Central Bank" (lacking "of Venezuela") is no
		// designation's, and "People's Liberation Army", exactly an alias
		// of SHINING PATH, is China's army in a story on Hong Kong unless
		// the document supports the designation. Two such words written
		// as a listed name are left to the other rules: "Islamic State"
		// names ISIL in stories that name no country of it.
		if generic, n := qp.genericName(); n > 0 && capped == "" && fromText && !e.person {
			switch {
			case lacksNameWord(&v.name, ns.missing):
				capped = "a generic name (" + generic + ") lacking words of the listed name: review at most"
			case n >= 3 && !ev.context():
				if n := cmp.Or(spelledIn(qp, e), acronymIn(qp, e)); n != "" {
					ev.reasons = append(ev.reasons, "also named "+n)
					ev.named = true
				} else {
					capped = "a generic name (" + generic + "), nothing in the document supports it: review at most"
				}
			}
		}
		// In an article that names countries, none of them the
		// designation's, a candidate with no support in the document is
		// held: "Postbank" in a German story is not POST BANK OF IRAN, nor
		// "Ibrahim Idris", Nigeria's police chief, a Syrian of that name. A
		// person named in full (namedInFull: "Osama bin Laden" in a story
		// on Sudan, "Vladimir Putin" in one on China) is not held; a
		// document that also writes the full name ("Atlas Holding" beside
		// "Atlas") does not make a Brazilian company Lebanon's ATLAS HOLDING.
		if capped == "" && fromText && !ev.context() && !(e.person && namedInFull(qp, v, &ns)) && !(!e.person && orgNamedInFull(qp, v, &ns)) {
			if named := otherCountries(qp, e); named != "" {
				capped = "the document names " + named + ", not the designation's " + countryNames(e.home) + "; no supporting context: review at most"
				countryHeld = true
			}
		}
		uncapped := math.Round(math.Max(0, math.Min(1, score))*10000) / 10000
		if capped != "" {
			score = math.Min(score, opt.MatchThreshold-0.01)
		}
		score = math.Round(math.Max(0, math.Min(1, score))*10000) / 10000
		if best.v == nil || score > best.score {
			best = scoredVariant{v, ns, ev, score, capped, countryHeld, uncapped}
		}
	}
	return best
}

// lacksNameWord reports whether the listed name c has a name word among
// missing (its tokens the mention left unmatched).
func lacksNameWord(c *prepName, missing []int) bool {
	return slices.ContainsFunc(missing, func(i int) bool { return c.Tokens[i].Kind == KindName && !c.Tokens[i].Qualifier })
}

// reordered reports whether the aligned words of an organisation's listed
// name c come in another order in mention q, neither having a function
// word that English turns around ("MINISTRY OF INTERIOR" is the "Interior
// Ministry", IRGC-QODS FORCE the "Quds Force of the IRGC"): "Bank Melli"
// (BANK MELLI IRAN) is not MELLI BANK PLC, a London bank.
func reordered(q, c *prepName, pairs []pair) bool {
	stop := func(t Token) bool { return t.Kind == KindStopword }
	return !slices.ContainsFunc(c.Tokens, stop) && !slices.ContainsFunc(q.Tokens, stop) && outOfOrder(pairs)
}

// outOfOrder reports whether aligned words come in another order in the
// mention than in the listed name.
func outOfOrder(pairs []pair) bool {
	ps := slices.Clone(pairs)
	slices.SortFunc(ps, func(a, b pair) int { return a.q - b.q })
	for i := 1; i < len(ps); i++ {
		if ps[i].c < ps[i-1].c {
			return true
		}
	}
	return false
}

// hit turns the best name into a Hit (without a decision).
func (b *scoredVariant) hit(qp *queryPrep, e *entry) Hit {
	strength := "strong"
	if b.v.weak {
		strength = "weak"
	}
	return Hit{
		Designation:   e.d,
		ListVersion:   e.version,
		MatchedName:   b.v.name.Original,
		AliasStrength: strength,
		Score:         b.score,
		Explanation:   explain(qp, b.v, &b.ns, b.ev, b.capped),
	}
}
