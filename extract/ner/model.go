package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// ErrBadModel is returned when a model file cannot be decoded.
var ErrBadModel = errors.New("ner: bad model file")

const modelMagic = "sanctionscan-ner-v1\n"

// entityTypes are the CoNLL-2003 types, in model label order.
var entityTypes = []string{LabelPER, LabelORG, LabelLOC, LabelMISC}

// tagNames lists the BILOU tags: "O", then B-, I-, L-, U- for each type.
var tagNames = func() []string {
	t := []string{"O"}
	for _, p := range []string{"B-", "I-", "L-", "U-"} {
		for _, e := range entityTypes {
			t = append(t, p+e)
		}
	}
	return t
}()

const nTags = 17

// tagAllowed[prev][next] reports whether BILOU tag next may follow prev;
// prev == nTags stands for the sentence start.
var tagAllowed = func() [nTags + 1][nTags]bool {
	var a [nTags + 1][nTags]bool
	for p := 0; p <= nTags; p++ {
		for n := 0; n < nTags; n++ {
			inside := p < nTags && (tagNames[p][0] == 'B' || tagNames[p][0] == 'I')
			nc := tagNames[n][0]
			if inside {
				a[p][n] = (nc == 'I' || nc == 'L') && tagNames[n][2:] == tagNames[p][2:]
			} else {
				a[p][n] = nc == 'O' || nc == 'B' || nc == 'U'
			}
		}
	}
	return a
}()

// model is a greedy averaged-perceptron BILOU tagger with its gazetteer and
// word clusters.
type model struct {
	// passes holds the first-pass weights and, when trained, the second-pass
	// weights, which also see document-level priors from the first pass.
	passes   []*weights
	gaz      *memo                // place names (lower case, tokens joined by one space), all LOC
	clusters map[string]WordClass // lower-case word → cluster path and casing
	memo     *memo                // entities seen in the training data
}

// memo maps the lower-case token sequences of training entities to their
// most frequent label.
type memo struct {
	label  map[string]string
	prefix map[string]bool // proper token prefixes of the keys, to stop matching early
	maxLen int
}

// add records key (a lower-case token sequence) with its label.
func (mem *memo) add(key, label string) {
	mem.label[key] = label
	mem.maxLen = max(mem.maxLen, strings.Count(key, " ")+1)
	for i := 0; i < len(key); i++ {
		if key[i] == ' ' {
			mem.prefix[key[:i]] = true
		}
	}
}

// newMemo collects the entities of docs (those keep accepts).
func newMemo(docs []Document, keep func(int) bool) *memo {
	counts := map[string]map[string]int{}
	for d, doc := range docs {
		if keep != nil && !keep(d) {
			continue
		}
		for _, s := range doc.Sentences {
			for _, sp := range iobSpans(s.Tags) {
				key := strings.ToLower(strings.Join(s.Words[sp.start:sp.end], " "))
				if counts[key] == nil {
					counts[key] = map[string]int{}
				}
				counts[key][sp.label]++
			}
		}
	}
	m := &memo{label: map[string]string{}, prefix: map[string]bool{}}
	for key, c := range counts {
		best := ""
		for _, t := range entityTypes {
			if c[t] > c[best] {
				best = t
			}
		}
		m.add(key, best)
	}
	return m
}

// weights are the perceptron weights of one pass.
type weights struct {
	index map[uint64]int32 // feature hash → offset of its nTags weights (training)
	w     []float32        // weights (training)
	table *featTable       // feature hash → quantised weights of every pass (decoded models)
	pass  int              // which of table's weights are this pass's
}

// maxCachedWords bounds a wordCache: about 600 bytes per word, so at most
// about 20 MB. The first words seen are kept; in running text those are the
// frequent ones, which most tokens are (Zipf).
const maxCachedWords = 1 << 15

// wordCache holds, per word, its wordInfo with the summed weights of its
// word features in each role under each pass of a model. Safe for
// concurrent use; it only caches, so the tags never depend on what it
// holds. Sums of int16 weights in float32 are exact, so summing in another
// order gives the same scores.
type wordCache struct {
	m     *model
	pads  [2][]*[nRoles][nTags]float32 // padStart, padEnd: per pass
	mu    sync.RWMutex
	words map[string]*wordInfo
}

func newWordCache(m *model) *wordCache {
	c := &wordCache{m: m, words: map[string]*wordInfo{}}
	c.pads[0] = m.wordScores(padStart.wordInfo)
	c.pads[1] = m.wordScores(padEnd.wordInfo)
	return c
}

// word returns the wordInfo of w, with scores.
func (c *wordCache) word(w string) *wordInfo {
	c.mu.RLock()
	wi, ok := c.words[w]
	c.mu.RUnlock()
	if ok {
		return wi
	}
	w = strings.Clone(w) // not a window into the caller's text
	wi = c.m.newWordInfo(w)
	wi.scores = c.m.wordScores(wi)
	c.mu.Lock()
	if len(c.words) < maxCachedWords {
		c.words[w] = wi
	}
	c.mu.Unlock()
	return wi
}

// sumWordFeatures sums p's weights of the features word t contributes in
// each role (wordFeatures).
func (p *weights) sumWordFeatures(t *wordInfo) *[nRoles][nTags]float32 {
	var s [nRoles][nTags]float32
	var buf [maxRoleFeatures]uint64
	for r := range nRoles {
		for _, f := range wordFeatures(buf[:0], t, r) {
			p.addFeature(&s[r], f)
		}
	}
	return &s
}

// sharesTable reports whether the model has two passes whose weights sit in
// one featTable (a decoded model), so one lookup gives both (addBoth).
func (m *model) sharesTable() bool {
	return len(m.passes) == 2 && m.passes[0].table != nil
}

// maxRoleFeatures bounds the features wordFeatures gives a word in one
// role (15 in the self role), so their buffers stay on the stack.
const maxRoleFeatures = 24

// wordScores returns, per pass, the summed weights of the features word t
// contributes in each role (sumWordFeatures); passes sharing a featTable
// are summed with one lookup per feature.
func (m *model) wordScores(t *wordInfo) []*[nRoles][nTags]float32 {
	if !m.sharesTable() {
		out := make([]*[nRoles][nTags]float32, len(m.passes))
		for i, p := range m.passes {
			out[i] = p.sumWordFeatures(t)
		}
		return out
	}
	// All roles' features first, their slots read ahead together
	// (prefetch), then summed.
	var first, second [nRoles][nTags]float32
	var buf [nRoles * maxRoleFeatures]uint64
	var feats [nRoles][]uint64
	for r := range nRoles {
		feats[r] = wordFeatures(buf[r*maxRoleFeatures:r*maxRoleFeatures:(r+1)*maxRoleFeatures], t, r)
	}
	table := m.passes[0].table
	table.prefetch(feats[:])
	for r, fs := range feats {
		for _, f := range fs {
			table.addBoth(&first[r], &second[r], f)
		}
	}
	return []*[nRoles][nTags]float32{&first, &second}
}

// addFeature adds feature f's weights to scores (nothing for an unknown
// feature).
func (p *weights) addFeature(scores *[nTags]float32, f uint64) {
	if p.table != nil {
		if s := p.table.slot(f); s.key != 0 {
			for k, v := range s.w[p.pass] {
				scores[k] += float32(v)
			}
		}
		return
	}
	if off, ok := p.index[f]; ok {
		w := p.w[off : off+nTags]
		for k := range scores {
			scores[k] += w[k]
		}
	}
}

// featTable is an open-addressing hash table (linear probing, load ≤ 0.5)
// from feature hash to its int16 weights in each pass, stored in the slot
// so a lookup touches one or two cache lines, and a context feature looked
// up in the first pass also gives its second-pass weights (model.tag); the
// scale of each pass's quantisation does not change its argmax. Key 0
// marks an empty slot; a real key 0 is stored as 1.
type featTable struct {
	slots []featSlot
	shift uint
}

// maxPasses is the number of passes a model may have (decodeModel).
const maxPasses = 2

type featSlot struct {
	key uint64
	w   [maxPasses][nTags]int16
}

// newFeatTable returns an empty table for n keys: a power of two of slots
// at a load α of at most 0.75. Linear probing takes about (1+1/(1−α))/2
// probes for a present key and (1+1/(1−α)²)/2 for an absent one (Knuth,
// TAOCP vol. 3, 6.4): 1.5 and 2.7 for the embedded model's 136k keys in
// 262k slots (20 MB), which tags faster than the same keys in 524k slots
// (40 MB, α 0.26) because more of the table stays in cache (`eval ner` on
// one core).
func newFeatTable(n int) *featTable {
	bits := uint(1)
	for 3<<bits < 4*n {
		bits++
	}
	return &featTable{slots: make([]featSlot, 1<<bits), shift: 64 - bits}
}

// slot returns the slot for key k: its own, or the empty one it would take.
func (t *featTable) slot(k uint64) *featSlot {
	k = max(k, 1)
	mask := uint64(len(t.slots) - 1)
	for i := (k * 0x9E3779B97F4A7C15) >> t.shift; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.key == k || s.key == 0 {
			return s
		}
	}
}

// prefetch reads the first slot of every feature in feats, all of them
// independent loads the processor overlaps, so the lookups that follow
// find their slots in cache instead of waiting for memory one by one.
func (t *featTable) prefetch(feats [][]uint64) {
	var sum uint64
	for _, fs := range feats {
		for _, k := range fs {
			sum += t.slots[(max(k, 1)*0x9E3779B97F4A7C15)>>t.shift].key
		}
	}
	runtime.KeepAlive(sum) // so the compiler keeps the loads
}

// addBoth adds feature k's first-pass weights to first and its
// second-pass weights to second (nothing for an unknown feature).
func (t *featTable) addBoth(first, second *[nTags]float32, k uint64) {
	if s := t.slot(k); s.key != 0 {
		for i := range nTags {
			first[i] += float32(s.w[0][i])
			second[i] += float32(s.w[1][i])
		}
	}
}

// clusterPaths returns the cluster path of w ("a/b/c/d", coarse to fine)
// cut after its second, third and fourth level.
func (m *model) clusterPaths(lower string) [3]string {
	wc, ok := m.clusters[lower]
	if !ok {
		return [3]string{}
	}
	c := wc.Path
	var p [3]string
	n := 0
	for i := 0; i < len(c) && n < 2; i++ {
		if c[i] == '/' {
			n++
			if n == 2 {
				p[0] = c[:i]
			}
		}
	}
	p[2] = c
	if i := strings.LastIndexByte(c, '/'); i >= 0 {
		p[1] = c[:i]
	}
	return p
}

// newWordInfo computes the strings of word w (no scores).
func (m *model) newWordInfo(w string) *wordInfo {
	f := normForm(w)
	l := lowerForm(f)
	c := m.clusters[l]
	return &wordInfo{form: f, lower: l, shape: wordShape(f), cluster: m.clusterPaths(l), casing: c.Casing, person: c.Person}
}

// sentenceInfo computes per-token facts for a sentence, with entity memory
// mem (the model's own at run time); word returns the wordInfo of a word
// (m.newWordInfo, or a wordCache's).
func (m *model) sentenceInfo(words []string, mem *memo, word func(string) *wordInfo) []tokenInfo {
	info := make([]tokenInfo, len(words))
	gaz := make([]string, len(words))
	m.gaz.tags(words, gaz)
	mt := make([]string, len(words))
	mem.tags(words, mt)
	for i, w := range words {
		info[i] = tokenInfo{wordInfo: word(w), gaz: gaz[i], memo: mt[i]}
	}
	return info
}

// tags marks each word with the BILOU position and label of the longest
// remembered entity starting with a capitalised word ("B-ORG"), or "".
func (mem *memo) tags(words []string, out []string) {
	if mem == nil {
		return
	}
	for i := 0; i < len(words); {
		best, label := 0, ""
		if isCapitalised(words[i]) {
			key := ""
			for n := 1; n <= mem.maxLen && i+n <= len(words); n++ {
				if n > 1 {
					key += " "
				}
				key += strings.ToLower(words[i+n-1])
				if l, ok := mem.label[key]; ok {
					best, label = n, l
				}
				if !mem.prefix[key] {
					break
				}
			}
		}
		if best == 0 {
			i++
			continue
		}
		if best == 1 {
			out[i] = "U-" + label
		} else {
			out[i] = "B-" + label
			for k := i + 1; k < i+best-1; k++ {
				out[k] = "I-" + label
			}
			out[i+best-1] = "L-" + label
		}
		i += best
	}
}

// sentFeats holds a sentence's token strings and context features
// (contextFeatures), computed once and shared by both passes, and the
// second pass's summed context-feature weights per token, which the first
// pass fills when the weights share one featTable (nil otherwise).
//
// quiet (nil while training and in tests of the exact scores) marks the
// tokens the Recognizer tags O without scoring when the tag before them
// ends or is outside an entity (quietTokens); their context features are
// computed only when they are scored after all (contextOf).
type sentFeats struct {
	info     []tokenInfo
	context  [][]uint64
	next     [][nTags]float32
	nextDone []bool // next[i] was filled by the first pass
	quiet    []bool
	caps     bool
	doc      *docInfo
	words    []string
}

// features computes the token facts (with entity memory mem and wordInfo
// source word, sentenceInfo) and the context features of a sentence. With
// skipQuiet, the tokens quietTokens marks get theirs only when scored.
func (m *model) features(words []string, doc *docInfo, mem *memo, word func(string) *wordInfo, skipQuiet bool) sentFeats {
	sf := sentFeats{info: m.sentenceInfo(words, mem, word), context: make([][]uint64, len(words)), caps: capsSentence(words), doc: doc, words: words}
	if skipQuiet {
		sf.quiet = quietTokens(words)
	}
	if m.sharesTable() {
		sf.next = make([][nTags]float32, len(words))
		sf.nextDone = make([]bool, len(words))
	}
	scored := len(words)
	for _, q := range sf.quiet {
		if q {
			scored--
		}
	}
	buf := make([]uint64, 0, 24*scored)
	for i := range words {
		if sf.quiet != nil && sf.quiet[i] {
			continue
		}
		start := len(buf)
		buf = contextFeatures(buf, sf.info, i, sf.caps, doc, words)
		sf.context[i] = buf[start:len(buf):len(buf)]
	}
	return sf
}

// contextOf returns the context features of token i, computing them if
// features skipped it.
func (sf sentFeats) contextOf(i int) []uint64 {
	if sf.context[i] == nil {
		sf.context[i] = contextFeatures(nil, sf.info, i, sf.caps, sf.doc, sf.words)
	}
	return sf.context[i]
}

// quietSpan is how many tokens on each side of a token quietTokens looks
// at: the reach of the word features (roleOffset).
const quietSpan = 2

// quietTokens marks the tokens that, with every token within quietSpan of
// them (the sentence's padding counts as quiet), have no upper-case letter
// and no letter of a script without case (Arabic, CJK, ...): words such as
// "the", "said", "3,000" or "," far from any capitalised word. The model
// tags such tokens O (on the 862 real pages of ../shared/data/html they
// are half of all tokens, and `eval ner` on CoNLL-2003 gives the same F1
// with them skipped), so the Recognizer skips scoring them.
func quietTokens(words []string) []bool {
	loud := make([]bool, len(words))
	for i, w := range words {
		for _, r := range w {
			if unicode.IsLetter(r) && !unicode.IsLower(r) {
				loud[i] = true
				break
			}
		}
	}
	quiet := make([]bool, len(words))
	for i := range words {
		quiet[i] = true
		for j := max(i-quietSpan, 0); j <= min(i+quietSpan, len(words)-1); j++ {
			if loud[j] {
				quiet[i] = false
				break
			}
		}
	}
	return quiet
}

// tag runs the greedy decoder over precomputed features with the weights wt
// of pass number pass and returns tag indices. priors (nil in the first
// pass) are the document-level priors of each word (docPriors). pads are the
// word-feature scores of padStart and padEnd per pass (nil: computed). Its
// scores equal those of summing every feature of staticFeatures,
// priorFeatures and dynamicFeatures (TestTagMatchesFeatureList); the word
// features' weights come from the wordInfo scores when there are some.
func (m *model) tag(sf sentFeats, wt *weights, pass int, pads *[2][]*[nRoles][nTags]float32, priors []string) []int {
	n := len(sf.info)
	words := make([]*[nRoles][nTags]float32, n+4) // words[j+2] is token j's, padding included
	for j := -2; j < n+2; j++ {
		t := tokenAt(sf.info, j).wordInfo
		switch {
		case pads != nil && j < 0:
			words[j+2] = pads[0][pass]
		case pads != nil && j >= n:
			words[j+2] = pads[1][pass]
		case t.scores != nil:
			words[j+2] = t.scores[pass]
		default:
			words[j+2] = wt.sumWordFeatures(t)
		}
	}
	// With one table for both passes, the first pass looks each context
	// feature up once for both and the second reuses the sums (sf.next).
	shared := sf.next != nil && wt.table != nil
	if wt.table != nil && !(shared && pass == 1) {
		wt.table.prefetch(sf.context)
	}
	tags := make([]int, n)
	feats := make([]uint64, 0, 64)
	var scores [nTags]float32
	prev, prev2 := nTags, nTags
	for i := range sf.info {
		if sf.quiet != nil && sf.quiet[i] && tagAllowed[prev][0] {
			tags[i] = 0 // O
			prev2, prev = prev, 0
			continue
		}
		scores = [nTags]float32{}
		for r, off := range roleOffset {
			for k, v := range words[i+off+2][r] {
				scores[k] += v
			}
		}
		feats = feats[:0]
		switch {
		case shared && pass == 0:
			sf.next[i] = [nTags]float32{}
			for _, f := range sf.contextOf(i) {
				wt.table.addBoth(&scores, &sf.next[i], f)
			}
			sf.nextDone[i] = true
		case shared && sf.nextDone[i]:
			for k, v := range sf.next[i] {
				scores[k] += v
			}
		default:
			feats = append(feats, sf.contextOf(i)...)
		}
		if priors != nil {
			feats = priorFeatures(feats, priors, i, sf.info[i].shape)
		}
		feats = dynamicFeatures(feats, tagName(prev), tagName(prev2), &sf.info[i])
		for _, f := range feats {
			wt.addFeature(&scores, f)
		}
		best := -1
		for k := 0; k < nTags; k++ {
			if tagAllowed[prev][k] && (best < 0 || scores[k] > scores[best]) {
				best = k
			}
		}
		tags[i] = best
		prev2, prev = prev, best
	}
	return tags
}

func tagName(t int) string {
	if t == nTags {
		return "<S>"
	}
	return tagNames[t]
}

// span is a tagged entity over token indices [start, end).
type span struct {
	start, end int
	label      string
}

// tagSpans turns BILOU tags into spans; an unfinished B/I run ends at the
// last token of the run.
func tagSpans(tags []int) []span {
	var out []span
	for i := 0; i < len(tags); {
		if tags[i] == 0 {
			i++
			continue
		}
		name := tagNames[tags[i]]
		label := name[2:]
		j := i + 1
		if name[0] == 'B' || name[0] == 'I' {
			for j < len(tags) && tagNames[tags[j]][2:] == label && (tagNames[tags[j]][0] == 'I' || tagNames[tags[j]][0] == 'L') {
				j++
				if tagNames[tags[j-1]][0] == 'L' {
					break
				}
			}
		}
		out = append(out, span{start: i, end: j, label: label})
		i = j
	}
	return out
}

// encode writes the model in its gzip-compressed binary form. Weights are
// quantised to int16 with one scale; features whose weights all quantise to
// zero are dropped. The output depends only on the model content.
func (m *model) encode(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	gaz := sortedKeys(m.gaz.label)
	putUvarint(bw, uint64(len(gaz)))
	for _, g := range gaz {
		putString(bw, g)
	}
	words := sortedKeys(m.clusters)
	putUvarint(bw, uint64(len(words)))
	for _, wd := range words {
		putString(bw, wd)
		putString(bw, m.clusters[wd].Path)
		putString(bw, m.clusters[wd].Casing)
		putString(bw, m.clusters[wd].Person)
	}
	keys := sortedKeys(m.memo.label)
	putUvarint(bw, uint64(len(keys)))
	for _, k := range keys {
		putString(bw, k)
		putString(bw, m.memo.label[k])
	}
	putUvarint(bw, uint64(len(m.passes)))
	for _, p := range m.passes {
		p.encode(bw)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// encode writes the weights quantised to int16 steps of one scale (a
// float32); features whose weights all quantise to zero are dropped.
func (p *weights) encode(bw *bufio.Writer) {
	var maxAbs float64
	for _, v := range p.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	scale := float32(maxAbs / 32767)
	if scale == 0 {
		scale = 1
	}
	binary.Write(bw, binary.LittleEndian, scale)
	keys := make([]uint64, 0, len(p.index))
	for k, off := range p.index {
		for _, v := range p.w[off : off+nTags] {
			if math.Round(float64(v/scale)) != 0 {
				keys = append(keys, k)
				break
			}
		}
	}
	slices.Sort(keys)
	putUvarint(bw, uint64(len(keys)))
	var last uint64
	var buf [binary.MaxVarintLen64]byte
	for _, k := range keys {
		putUvarint(bw, k-last)
		last = k
		off := p.index[k]
		for _, v := range p.w[off : off+nTags] {
			bw.Write(buf[:binary.PutVarint(buf[:], int64(math.Round(float64(v/scale))))])
		}
	}
}

// passWeights are one pass's weights as read from a model file: feature
// keys and nTags weights per key.
type passWeights struct {
	keys []uint64
	w    []int16
}

// decodeWeights reads weights written by weights.encode. The scale is read
// and dropped: the tagger compares scores, which one positive scale does
// not change.
func decodeWeights(r *errReader) passWeights {
	var scale float32
	if r.err == nil {
		r.err = binary.Read(r.r, binary.LittleEndian, &scale)
	}
	n := r.uvarint()
	if r.err == nil && n > 1<<21 {
		r.err = fmt.Errorf("%d features", n)
	}
	if r.err != nil {
		return passWeights{}
	}
	p := passWeights{keys: make([]uint64, 0, n), w: make([]int16, 0, n*nTags)}
	var key uint64
	for i := uint64(0); i < n && r.err == nil; i++ {
		key += r.uvarint()
		p.keys = append(p.keys, max(key, 1))
		for range nTags {
			v := r.varint()
			if v < math.MinInt16 || v > math.MaxInt16 {
				r.err = fmt.Errorf("weight %d out of range", v)
			}
			p.w = append(p.w, int16(v))
		}
	}
	return p
}

// unionSize counts the distinct keys of passes, whose keys are each
// ascending (as weights.encode writes them).
func unionSize(passes []passWeights) int {
	if len(passes) != 2 {
		return len(passes[0].keys)
	}
	a, b := passes[0].keys, passes[1].keys
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			a, b = a[1:], b[1:]
		}
		n++
	}
	return n + len(a) + len(b)
}

// tableWeights puts the weights of every pass into one featTable and
// returns each pass's view of it.
func tableWeights(passes []passWeights) []*weights {
	t := newFeatTable(unionSize(passes))
	out := make([]*weights, len(passes))
	for i, p := range passes {
		for j, key := range p.keys {
			s := t.slot(key)
			s.key = key
			copy(s.w[i][:], p.w[j*nTags:(j+1)*nTags])
		}
		out[i] = &weights{table: t, pass: i}
	}
	return out
}

// decodeModel reads a model written by encode.
func decodeModel(data []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("%w: wrong magic", ErrBadModel)
	}
	m := &model{gaz: newMemo(nil, nil), clusters: map[string]WordClass{}}
	r := &errReader{r: br}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		g := r.string()
		m.gaz.add(g, LabelLOC)
	}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		w := r.string()
		m.clusters[w] = WordClass{Path: r.string(), Casing: r.string(), Person: r.string()}
	}
	m.memo = &memo{label: map[string]string{}, prefix: map[string]bool{}}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		k := r.string()
		m.memo.add(k, r.string())
	}
	n = r.uvarint()
	if r.err == nil && (n < 1 || n > maxPasses) {
		r.err = fmt.Errorf("%d passes", n)
	}
	var passes []passWeights
	for i := uint64(0); i < n && r.err == nil; i++ {
		passes = append(passes, decodeWeights(r))
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, r.err)
	}
	m.passes = tableWeights(passes)
	return m, nil
}

type errReader struct {
	r   *bufio.Reader
	err error
}

func (e *errReader) uvarint() uint64 {
	if e.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(e.r)
	e.err = err
	return v
}

func (e *errReader) varint() int64 {
	if e.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(e.r)
	e.err = err
	return v
}

func (e *errReader) string() string {
	n := e.uvarint()
	if e.err != nil {
		return ""
	}
	if n > 1<<20 {
		e.err = fmt.Errorf("string of %d bytes", n)
		return ""
	}
	b := make([]byte, n)
	_, e.err = io.ReadFull(e.r, b)
	return string(b)
}

func putUvarint(w *bufio.Writer, v uint64) {
	var buf [binary.MaxVarintLen64]byte
	w.Write(buf[:binary.PutUvarint(buf[:], v)])
}

func putString(w *bufio.Writer, s string) {
	putUvarint(w, uint64(len(s)))
	w.WriteString(s)
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	slices.Sort(k)
	return k
}
