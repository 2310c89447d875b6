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
	"slices"
	"strings"
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
	gaz      map[string]bool   // lower-case place names, tokens joined by one space
	gazMax   int               // longest gazetteer entry in tokens
	clusters map[string]string // lower-case word → cluster bit string
	memo     *memo             // entities seen in the training data
}

// memo maps the lower-case token sequences of training entities to their
// most frequent label.
type memo struct {
	label  map[string]string
	maxLen int
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
	m := &memo{label: map[string]string{}}
	for key, c := range counts {
		best := ""
		for _, t := range entityTypes {
			if c[t] > c[best] {
				best = t
			}
		}
		m.label[key] = best
		m.maxLen = max(m.maxLen, strings.Count(key, " ")+1)
	}
	return m
}

// weights are the perceptron weights of one pass.
type weights struct {
	index map[uint64]int32 // feature hash → offset of its nTags weights
	w     []float32
}

// gazTags marks each word with its place-gazetteer BILOU position ("B",
// "I", "L", "U") using the longest capitalised match, or "".
func (m *model) gazTags(words []string, out []string) {
	for i := range out {
		out[i] = ""
	}
	for i := 0; i < len(words); {
		best := 0
		if isCapitalised(words[i]) {
			var sb strings.Builder
			for n := 1; n <= m.gazMax && i+n <= len(words); n++ {
				w := words[i+n-1]
				if n > 1 {
					sb.WriteByte(' ')
				}
				sb.WriteString(strings.ToLower(w))
				if m.gaz[sb.String()] && isCapitalised(words[i+n-1]) {
					best = n
				}
			}
		}
		switch {
		case best == 0:
			i++
			continue
		case best == 1:
			out[i] = "U"
		default:
			out[i] = "B"
			for k := i + 1; k < i+best-1; k++ {
				out[k] = "I"
			}
			out[i+best-1] = "L"
		}
		i += best
	}
}

// clusterPaths returns the cluster path of w ("a/b/c/d", coarse to fine)
// cut after its second, third and fourth level.
func (m *model) clusterPaths(lower string) [3]string {
	c, ok := m.clusters[lower]
	if !ok {
		return [3]string{}
	}
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

// sentenceInfo computes per-token strings for a sentence, with entity
// memory mem (the model's own at run time).
func (m *model) sentenceInfo(words []string, mem *memo) []tokenInfo {
	info := make([]tokenInfo, len(words))
	gaz := make([]string, len(words))
	m.gazTags(words, gaz)
	mt := make([]string, len(words))
	mem.tags(words, mt)
	for i, w := range words {
		f := normForm(w)
		l := lowerForm(f)
		info[i] = tokenInfo{form: f, lower: l, shape: wordShape(f), gaz: gaz[i], memo: mt[i], cluster: m.clusterPaths(l)}
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

// tagSentence tags one sentence greedily with the weights of one pass and
// returns tag indices. priors (nil in the first pass) are the
// document-level priors of each word (docPriors).
func (m *model) tagSentence(words []string, doc *docInfo, wt *weights, priors []string) []int {
	return m.tagSentenceWith(words, doc, wt, priors, m.memo)
}

// tagSentenceWith is tagSentence with the entity memory mem.
func (m *model) tagSentenceWith(words []string, doc *docInfo, wt *weights, priors []string, mem *memo) []int {
	info := m.sentenceInfo(words, mem)
	for i := range priors {
		info[i].prior = priors[i]
	}
	caps := capsSentence(words)
	tags := make([]int, len(words))
	feats := make([]uint64, 0, 64)
	var scores [nTags]float32
	prev, prev2 := nTags, nTags
	for i := range words {
		feats = m.staticFeatures(feats[:0], info, i, caps, doc, words)
		feats = dynamicFeatures(feats, tagName(prev), tagName(prev2), &info[i])
		scores = [nTags]float32{}
		for _, f := range feats {
			if off, ok := wt.index[f]; ok {
				w := wt.w[off : off+nTags]
				for k := range scores {
					scores[k] += w[k]
				}
			}
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
	gaz := sortedKeys(m.gaz)
	putUvarint(bw, uint64(len(gaz)))
	for _, g := range gaz {
		putString(bw, g)
	}
	words := sortedKeys(m.clusters)
	putUvarint(bw, uint64(len(words)))
	for _, wd := range words {
		putString(bw, wd)
		putString(bw, m.clusters[wd])
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

// decodeWeights reads weights written by weights.encode.
func decodeWeights(r *errReader) *weights {
	var scale float32
	if r.err == nil {
		r.err = binary.Read(r.r, binary.LittleEndian, &scale)
	}
	n := r.uvarint()
	if r.err == nil && n > 1<<26 {
		r.err = fmt.Errorf("%d features", n)
	}
	if r.err != nil {
		return nil
	}
	p := &weights{index: make(map[uint64]int32, n), w: make([]float32, 0, n*nTags)}
	var key uint64
	for i := uint64(0); i < n && r.err == nil; i++ {
		key += r.uvarint()
		p.index[key] = int32(len(p.w))
		for k := 0; k < nTags; k++ {
			p.w = append(p.w, float32(r.varint())*scale)
		}
	}
	return p
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
	m := &model{gaz: map[string]bool{}, clusters: map[string]string{}}
	r := &errReader{r: br}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		g := r.string()
		m.gaz[g] = true
		m.gazMax = max(m.gazMax, strings.Count(g, " ")+1)
	}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		w := r.string()
		m.clusters[w] = r.string()
	}
	m.memo = &memo{label: map[string]string{}}
	n = r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		k := r.string()
		m.memo.label[k] = r.string()
		m.memo.maxLen = max(m.memo.maxLen, strings.Count(k, " ")+1)
	}
	n = r.uvarint()
	if r.err == nil && (n < 1 || n > 2) {
		r.err = fmt.Errorf("%d passes", n)
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		m.passes = append(m.passes, decodeWeights(r))
	}
	if r.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, r.err)
	}
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
