package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is the FNV-1a hash of its template byte and
// its string parts; the model stores weights by hash.
const (
	fBias byte = iota + 1
	fWord
	fLower
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fBigramM
	fBigramP
	fShape
	fShapeM1
	fShapeP1
	fShapeTri
	fPrefix
	fSuffix
	fFirst
	fCapsSent
	fGaz
	fGazM1
	fGazP1
	fCluster
	fClusterM1
	fClusterP1
	fDocLower
	fDocTitle
	fDocMulti
	fWordM1
	fPrevTag
	fPrev2Tag
	fPrevTagWord
	fPrevTagShape
	fTitleM1
	fPrior
	fPriorShape
	fMemo
	fCasing
	fClusterM2
	fClusterP2
	fClusterShape
	fClusterBigram
	fPerson
	fContext
	fPriorM1
	fPriorP1
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStart(t byte) uint64 { return (fnvOffset ^ uint64(t)) * fnvPrime }

func hashAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

func feat1(t byte, a string) uint64    { return hashAdd(hashStart(t), a) }
func feat2(t byte, a, b string) uint64 { return hashAdd(hashAdd(hashStart(t), a), b) }
func feat3(t byte, a, b, c string) uint64 {
	return hashAdd(hashAdd(hashAdd(hashStart(t), a), b), c)
}

// normForm maps typographic quotes and dashes to the ASCII forms used in
// the CoNLL training data.
func normForm(s string) string {
	if isASCII(s) {
		return s
	}
	return formReplacer.Replace(s)
}

var formReplacer = strings.NewReplacer("‘", "'", "’", "'", "ʼ", "'", "“", "\"", "”", "\"", "«", "\"", "»", "\"", "„", "\"",
	"–", "-", "—", "-", "‐", "-", "‑", "-")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerForm lower-cases s and maps every digit to 0.
func lowerForm(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b = append(b, '0')
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// wordShape maps upper-case letters to X, lower-case to x, digits to d and
// keeps other characters, cutting runs of one class to two ("Kassym-Jomart"
// → "Xxx-Xxx", "CSTO" → "XX").
func wordShape(s string) string {
	b := make([]byte, 0, 8)
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r) || unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
			last = c
		}
		b = append(b, c)
	}
	return string(b)
}

// isCapitalised reports whether s starts with an upper-case letter.
func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// wordInfo holds what the features need of one word: its strings and,
// when a Recognizer's wordCache made it, the summed weights of its word
// features (wordFeatures) in each role, per pass of the model (nil while
// training).
type wordInfo struct {
	form, lower, shape string
	casing             string // WordClass.Casing of the word
	person             string // WordClass.Person of the word
	cluster            [3]string
	scores             []*[nRoles][nTags]float32
}

// tokenInfo holds per-token facts derived once per sentence.
type tokenInfo struct {
	*wordInfo
	gaz  string // gazetteer tag of the token in its sentence, or ""
	memo string // remembered training entity tag ("B-ORG"), or ""
}

// docInfo holds document-level facts used as features: lower-case forms
// seen in lower case somewhere in the document, capitalised forms seen after
// a title, and capitalised forms seen inside a multi-word capitalised
// sequence.
type docInfo struct {
	lowerSeen  map[string]bool
	afterTitle map[string]bool
	inMulti    map[string]bool
	// contexts holds, for a capitalised word, the lower-case words right
	// before ("L" prefix) and after ("R") its occurrences in the document,
	// first maxContexts distinct ones (context aggregation, Ratinov and
	// Roth 2009).
	contexts map[string][]string
}

// newDocInfo scans the sentences of one document.
func newDocInfo(sents [][]string) *docInfo {
	d := &docInfo{lowerSeen: map[string]bool{}, afterTitle: map[string]bool{}, inMulti: map[string]bool{}, contexts: map[string][]string{}}
	for _, s := range sents {
		for i, w := range s {
			if !isCapitalised(w) {
				d.lowerSeen[w] = true
				continue
			}
			if i > 0 {
				d.addContext(w, "L"+lowerForm(normForm(s[i-1])))
			}
			if i+1 < len(s) {
				d.addContext(w, "R"+lowerForm(normForm(s[i+1])))
			}
			if i > 0 && isTitleWord(s[i-1]) {
				d.afterTitle[w] = true
			}
			if (i > 0 && isCapitalised(s[i-1]) && i > 1) || (i+1 < len(s) && isCapitalised(s[i+1])) {
				d.inMulti[w] = true
			}
		}
	}
	return d
}

const maxContexts = 8

func (d *docInfo) addContext(w, c string) {
	cs := d.contexts[w]
	if len(cs) < maxContexts && !slices.Contains(cs, c) {
		d.contexts[w] = append(cs, c)
	}
}

// Word roles: where a word stands relative to the token being tagged, for
// the features that depend on that word alone (wordFeatures).
const (
	roleSelf = iota
	roleM1
	roleP1
	roleM2
	roleP2
	nRoles
)

// roleOffset is each role's position relative to the tagged token.
var roleOffset = [nRoles]int{roleSelf: 0, roleM1: -1, roleP1: 1, roleM2: -2, roleP2: 2}

// wordFeatures appends the features word t contributes in role r. They
// depend on t alone (its form, lower-case form, shape and clusters), so the
// tagger sums their weights once per word (wordCache).
func wordFeatures(dst []uint64, t *wordInfo, r int) []uint64 {
	switch r {
	case roleSelf:
		dst = append(dst, hashStart(fBias), feat1(fLower, t.lower), feat1(fShape, t.shape))
		l := t.lower
		for k, b := 1, 0; k <= 4 && b < len(l); k++ {
			_, sz := utf8.DecodeRuneInString(l[b:])
			b += sz
			dst = append(dst, feat2(fPrefix, l[:b], t.shape))
		}
		for k, e := 1, len(l); k <= 4 && e > 0; k++ {
			_, sz := utf8.DecodeLastRuneInString(l[:e])
			e -= sz
			dst = append(dst, feat1(fSuffix, l[e:]))
		}
		for k, c := range t.cluster {
			if c != "" {
				dst = append(dst, feat2(fCluster, string(rune('a'+k)), c))
			}
		}
		if c := t.cluster[2]; c != "" {
			dst = append(dst, feat2(fClusterShape, c, t.shape))
		}
	case roleM1, roleP1:
		tl, ts, tc := fLowerM1, fShapeM1, fClusterM1
		if r == roleP1 {
			tl, ts, tc = fLowerP1, fShapeP1, fClusterP1
		} else {
			dst = append(dst, feat1(fWordM1, t.form))
		}
		dst = append(dst, feat1(tl, t.lower), feat1(ts, t.shape))
		for _, c := range t.cluster {
			if c != "" {
				dst = append(dst, feat1(tc, c))
			}
		}
	case roleM2, roleP2:
		tl, tc := fLowerM2, fClusterM2
		if r == roleP2 {
			tl, tc = fLowerP2, fClusterP2
		}
		dst = append(dst, feat1(tl, t.lower))
		if c := t.cluster[1]; c != "" {
			dst = append(dst, feat1(tc, c))
		}
	}
	return dst
}

// tokenAt returns token j of info, or the sentence padding before the start
// and after the end.
func tokenAt(info []tokenInfo, j int) *tokenInfo {
	if j < 0 {
		return &padStart
	}
	if j >= len(info) {
		return &padEnd
	}
	return &info[j]
}

// staticFeatures appends all features of token i of sf that do not depend
// on predicted tags to dst: the word features of it and its neighbours
// (wordFeatures) and its context features. Training uses this full list;
// the tagger reads the word features' weights from its wordCache instead.
func staticFeatures(dst []uint64, sf sentFeats, i int) []uint64 {
	for r, off := range roleOffset {
		dst = wordFeatures(dst, tokenAt(sf.info, i+off).wordInfo, r)
	}
	return append(dst, sf.context[i]...)
}

// contextFeatures appends the static features of token i that involve more
// than one word or document facts.
func contextFeatures(dst []uint64, info []tokenInfo, i int, capsSent bool, doc *docInfo, words []string) []uint64 {
	t := &info[i]
	m1, p1 := tokenAt(info, i-1), tokenAt(info, i+1)
	dst = append(dst,
		feat2(fBigramM, m1.lower, t.lower),
		feat2(fBigramP, t.lower, p1.lower),
		feat3(fShapeTri, m1.shape, t.shape, p1.shape),
	)
	if !capsSent {
		dst = append(dst, feat1(fWord, t.form))
	} else {
		dst = append(dst, feat1(fCapsSent, t.shape))
	}
	if i == 0 {
		dst = append(dst, feat1(fFirst, t.shape))
	}
	if t.gaz != "" {
		dst = append(dst, feat1(fGaz, t.gaz), feat2(fGaz, t.gaz, t.shape))
	}
	if m1.gaz != "" {
		dst = append(dst, feat1(fGazM1, m1.gaz))
	}
	if p1.gaz != "" {
		dst = append(dst, feat1(fGazP1, p1.gaz))
	}
	if i > 0 && isTitleWord(words[i-1]) {
		dst = append(dst, hashStart(fTitleM1))
	}
	if c := t.cluster[2]; c != "" {
		dst = append(dst, feat2(fClusterBigram, m1.cluster[1], c))
	}
	if t.person != "" {
		dst = append(dst, feat2(fPerson, t.shape, m1.person+p1.person))
	} else if m1.person != "" || p1.person != "" {
		dst = append(dst, feat2(fPerson, m1.person, p1.person))
	}
	if t.casing != "" {
		first := "0"
		if i == 0 {
			first = "1"
		}
		dst = append(dst, feat3(fCasing, t.casing, t.shape, first), feat2(fCasing, t.casing, p1.casing))
	}
	if t.memo != "" {
		dst = append(dst, feat1(fMemo, t.memo), feat2(fMemo, t.memo, t.shape))
	}
	if doc != nil && isCapitalised(words[i]) {
		if doc.lowerSeen[t.lower] {
			dst = append(dst, feat1(fDocLower, t.shape))
		}
		if doc.afterTitle[words[i]] {
			dst = append(dst, hashStart(fDocTitle))
		}
		if doc.inMulti[words[i]] {
			dst = append(dst, feat1(fDocMulti, t.shape))
		}
		for _, c := range doc.contexts[words[i]] {
			dst = append(dst, feat1(fContext, c))
		}
	}
	return dst
}

var (
	padStart = tokenInfo{wordInfo: &wordInfo{form: "<S>", lower: "<S>", shape: "<S>"}}
	padEnd   = tokenInfo{wordInfo: &wordInfo{form: "</S>", lower: "</S>", shape: "</S>"}}
)

// priorFeatures appends the second-pass features of word i's document
// prior and of its neighbours' (none for "").
func priorFeatures(dst []uint64, priors []string, i int, shape string) []uint64 {
	if p := priors[i]; p != "" {
		dst = append(dst, feat1(fPrior, p), feat2(fPriorShape, p, shape))
	}
	if i > 0 && priors[i-1] != "" {
		dst = append(dst, feat1(fPriorM1, priors[i-1]))
	}
	if i+1 < len(priors) && priors[i+1] != "" {
		dst = append(dst, feat1(fPriorP1, priors[i+1]))
	}
	return dst
}

// dynamicFeatures appends the features that depend on the two previous
// predicted tags.
func dynamicFeatures(dst []uint64, prev, prev2 string, t *tokenInfo) []uint64 {
	return append(dst,
		feat1(fPrevTag, prev),
		feat2(fPrev2Tag, prev2, prev),
		feat2(fPrevTagWord, prev, t.lower),
		feat2(fPrevTagShape, prev, t.shape),
	)
}

// capsSentence reports whether most letters of the sentence are upper case
// (an ALL-CAPS headline).
func capsSentence(words []string) bool {
	up, low := 0, 0
	for _, w := range words {
		for _, r := range w {
			if unicode.IsUpper(r) {
				up++
			} else if unicode.IsLower(r) {
				low++
			}
		}
	}
	return up > 8 && up > 3*low
}

// docPriors returns, for every word of a document, the first-pass evidence
// about the same capitalised word form elsewhere in the document: the most
// frequent entity type its tokens got ("PER"; ties go to the type first in
// PER, ORG, LOC, MISC), with "+S" when it ends a multi-word PER span
// somewhere (a surname), and its own first-pass tag. Words never tagged get
// "" (no feature).
func docPriors(words [][]string, tags [][]int) [][]string {
	counts := map[string]*[4]int{}
	surname := map[string]bool{}
	for si, ws := range words {
		for _, sp := range tagSpans(tags[si]) {
			t := slices.Index(entityTypes, sp.label)
			for k := sp.start; k < sp.end; k++ {
				if !isCapitalised(ws[k]) {
					continue
				}
				c := counts[ws[k]]
				if c == nil {
					c = &[4]int{}
					counts[ws[k]] = c
				}
				c[t]++
			}
			if sp.label == LabelPER && sp.end-sp.start > 1 {
				surname[ws[sp.end-1]] = true
			}
		}
	}
	out := make([][]string, len(words))
	for si, ws := range words {
		out[si] = make([]string, len(ws))
		for k, w := range ws {
			c := counts[w]
			if c == nil {
				continue
			}
			best := 0
			for t := 1; t < 4; t++ {
				if c[t] > c[best] {
					best = t
				}
			}
			p := entityTypes[best]
			if surname[w] {
				p += "+S"
			}
			out[si][k] = p + "/" + tagNames[tags[si][k]]
		}
	}
	return out
}
