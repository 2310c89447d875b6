package ner

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WordClass is what the unlabeled text says about a lower-case word form:
// its cluster path ("a/b/c/d", coarse to fine) and how it is written inside
// a sentence: "C" (capitalised ≥ 95% of the time), "c" (≥ 60%), "m"
// (≥ 20%), "l" (lower case), "" (seen too rarely).
type WordClass struct {
	Path, Casing string
	// Person is "P" when the word was seen at least twice as a capitalised
	// word right after a title ("Mr", "President") in the unlabeled text, or
	// right after such a word (a surname); else "".
	Person string
}

// ReadClusters reads a word-cluster file: one "word TAB path TAB casing"
// TAB person per line (the output of extract/ner/cmd/clusters).
func ReadClusters(path string) (map[string]WordClass, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	defer f.Close()
	out := map[string]WordClass{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 || cols[0] == "" || cols[1] == "" {
			return nil, fmt.Errorf("ner: clusters %s:%d: want word TAB path TAB casing TAB person", path, line)
		}
		out[lowerForm(cols[0])] = WordClass{Path: cols[1], Casing: cols[2], Person: cols[3]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	return out, nil
}

// ClusterOptions configures BuildClusters.
type ClusterOptions struct {
	MinCount int    // words seen fewer times get no cluster (default 3)
	Dim      int    // random-indexing dimensions (default 128)
	K        int    // leaf clusters (default 1000); 3 coarser levels of K/4, K/16, K/64 are built on the centroids
	Iters    int    // k-means iterations (default 10)
	Seed     uint64 // random vectors and initial centroids
	// Person gives WordClass.Person (PersonWords over more text); nil means
	// PersonWords over the clustered text.
	Person map[string]string
}

// BuildClusters induces hierarchical word clusters from tokenised sentences
// (each a slice of words): every word gets a distributional vector by random
// indexing of its left and right neighbours (±1 weighted 1, ±2 weighted 0.5,
// each context word scaled by 1/sqrt of its frequency), words seen at least
// 4·MinCount times are grouped by spherical k-means into K clusters, the
// centroids are grouped again into K/4, K/16 and K/64, and every word seen
// MinCount times takes its nearest leaf. A word's path is "a/b/c/d", coarse
// to fine. The result is deterministic for the same input and options. This
// stands in for Brown clustering (Brown et al. 1992), which is too slow here.
func BuildClusters(sents [][]string, opt ClusterOptions) map[string]WordClass {
	casing := casings(sents)
	person := opt.Person
	if person == nil {
		person = PersonWords(sents)
	}
	lower := make([][]string, len(sents))
	for i, s := range sents {
		lower[i] = make([]string, len(s))
		for k, w := range s {
			lower[i][k] = lowerForm(w)
		}
	}
	sents = lower
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.Dim <= 0 {
		opt.Dim = 128
	}
	if opt.K <= 0 {
		opt.K = 1000
	}
	if opt.Iters <= 0 {
		opt.Iters = 10
	}
	vocab, freq, vec, rng := wordVectors(sents, opt)
	D := opt.Dim
	// Leaf clusters on the frequent words.
	nTrain := 0
	for nTrain < len(vocab) && freq[vocab[nTrain]] >= 4*opt.MinCount {
		nTrain++
	}
	k := min(opt.K, nTrain)
	if k == 0 {
		return map[string]WordClass{}
	}
	leaf := sphericalKMeans(vec[:nTrain*D], D, k, opt.Iters, rng)
	levels := [][]float32{leaf}
	for _, div := range []int{4, 16, 64} {
		levels = append(levels, sphericalKMeans(leaf, D, max(1, k/div), opt.Iters, rng))
	}
	// Parent of each leaf at each coarser level.
	parents := make([][]int, len(levels))
	for l := 1; l < len(levels); l++ {
		parents[l] = make([]int, k)
		for c := 0; c < k; c++ {
			parents[l][c] = nearest(leaf[c*D:c*D+D], levels[l], D)
		}
	}
	out := make(map[string]WordClass, len(vocab))
	for i, w := range vocab {
		c := nearest(vec[i*D:i*D+D], leaf, D)
		out[w] = WordClass{Path: fmt.Sprintf("%d/%d/%d/%d", parents[3][c], parents[2][c], parents[1][c], c), Casing: casing[w], Person: person[w]}
	}
	return out
}

// PersonWords returns the lower-case forms seen at least twice as a
// capitalised word after a title word, or after such a word (WordClass.Person).
func PersonWords(sents [][]string) map[string]string {
	counts := map[string]int{}
	for _, s := range sents {
		for p := 1; p < len(s); p++ {
			if !isTitleWord(s[p-1]) || !isCapitalised(s[p-1]) || !isCapitalised(s[p]) || isTitleWord(s[p]) {
				continue
			}
			counts[lowerForm(s[p])]++
			if p+1 < len(s) && isCapitalised(s[p+1]) {
				counts[lowerForm(s[p+1])]++
			}
		}
	}
	out := map[string]string{}
	for w, n := range counts {
		if n >= 2 {
			out[w] = "P"
		}
	}
	return out
}

// casings returns the WordClass.Casing of every lower-case word form seen
// at least twice inside a sentence (not first, not after ". ! ? : \" '").
func casings(sents [][]string) map[string]string {
	type count struct{ capital, lower int }
	counts := map[string]*count{}
	for _, s := range sents {
		for p := 1; p < len(s); p++ {
			switch s[p-1] {
			case ".", "!", "?", ":", "\"", "'", "``", "''", "-", "(":
				continue
			}
			r, _ := utf8.DecodeRuneInString(s[p])
			if !unicode.IsLetter(r) {
				continue
			}
			l := lowerForm(s[p])
			c := counts[l]
			if c == nil {
				c = &count{}
				counts[l] = c
			}
			if unicode.IsUpper(r) {
				c.capital++
			} else {
				c.lower++
			}
		}
	}
	out := map[string]string{}
	for w, c := range counts {
		n := c.capital + c.lower
		if n < 2 {
			continue
		}
		r := float64(c.capital) / float64(n)
		switch {
		case r >= 0.95:
			out[w] = "C"
		case r >= 0.6:
			out[w] = "c"
		case r >= 0.2:
			out[w] = "m"
		default:
			out[w] = "l"
		}
	}
	return out
}

// wordVectors returns the vocabulary (at most maxVocab words seen MinCount
// times, by falling frequency), the word frequencies, unit centred word
// vectors (len(vocab)×Dim) and the seeded random source. A word's vector is
// its positive PMI with the 1000 most frequent words one position to the
// left and to the right (context counts smoothed to the power 0.75, Levy et
// al. 2015), randomly projected to Dim dimensions.
func wordVectors(sents [][]string, opt ClusterOptions) ([]string, map[string]int, []float32, *rand.Rand) {
	const maxVocab, nCtx = 30000, 1000
	D := opt.Dim
	freq := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			freq[w]++
		}
	}
	vocab := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= opt.MinCount {
			vocab = append(vocab, w)
		}
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		return strings.Compare(a, b)
	})
	vocab = vocab[:min(len(vocab), maxVocab)]
	id := make(map[string]int, len(vocab))
	for i, w := range vocab {
		id[w] = i
	}
	C := min(nCtx, len(vocab))
	counts := make([]float32, len(vocab)*2*C)
	ids := make([]int, 0, 64)
	for _, s := range sents {
		ids = ids[:0]
		for _, w := range s {
			if i, ok := id[w]; ok {
				ids = append(ids, i)
			} else {
				ids = append(ids, -1)
			}
		}
		for p, w := range ids {
			if w < 0 {
				continue
			}
			if p > 0 && ids[p-1] >= 0 && ids[p-1] < C {
				counts[w*2*C+ids[p-1]]++
			}
			if p+1 < len(ids) && ids[p+1] >= 0 && ids[p+1] < C {
				counts[w*2*C+C+ids[p+1]]++
			}
		}
	}
	row := make([]float64, len(vocab))
	col := make([]float64, 2*C)
	var total, colTotal float64
	for w := range vocab {
		for j, c := range counts[w*2*C : (w+1)*2*C] {
			row[w] += float64(c)
			col[j] += float64(c)
			total += float64(c)
		}
	}
	for j := range col {
		col[j] = math.Pow(col[j], 0.75)
		colTotal += col[j]
	}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed+1))
	proj := make([]float32, 2*C*D)
	for i := range proj {
		proj[i] = float32(rng.NormFloat64())
	}
	vec := make([]float32, len(vocab)*D)
	for w := range vocab {
		out := vec[w*D : w*D+D]
		for j, c := range counts[w*2*C : (w+1)*2*C] {
			if c == 0 || col[j] == 0 {
				continue
			}
			pmi := math.Log(float64(c) * colTotal / (row[w] * col[j]))
			if pmi <= 0 {
				continue
			}
			for k, x := range proj[j*D : j*D+D] {
				out[k] += float32(pmi) * x
			}
		}
	}
	// Remove the direction all words share, then normalise, so cosine
	// similarity compares what is distinctive.
	mean := make([]float64, D)
	for i := range vocab {
		normalise(vec[i*D : i*D+D])
		for j, x := range vec[i*D : i*D+D] {
			mean[j] += float64(x)
		}
	}
	for i := range vocab {
		r := vec[i*D : i*D+D]
		for j := range r {
			r[j] -= float32(mean[j] / float64(len(vocab)))
		}
		normalise(r)
	}
	return vocab, freq, vec, rng
}

func normalise(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	s := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= s
	}
}

// nearest returns the centroid with the largest dot product with v.
func nearest(v, centroids []float32, D int) int {
	best, bestDot := 0, float32(math.Inf(-1))
	for c := 0; c*D < len(centroids); c++ {
		row := centroids[c*D : c*D+D]
		var dot float32
		for i, x := range v {
			dot += x * row[i]
		}
		if dot > bestDot {
			best, bestDot = c, dot
		}
	}
	return best
}

// sphericalKMeans clusters the unit rows of points (n×D) into k unit
// centroids (k×D), starting from k distinct rows chosen by rng.
func sphericalKMeans(points []float32, D, k, iters int, rng *rand.Rand) []float32 {
	n := len(points) / D
	cent := make([]float32, k*D)
	for c, p := range rng.Perm(n)[:k] {
		copy(cent[c*D:c*D+D], points[p*D:p*D+D])
	}
	assign := make([]int, n)
	for it := 0; it < iters; it++ {
		for p := 0; p < n; p++ {
			assign[p] = nearest(points[p*D:p*D+D], cent, D)
		}
		next := make([]float32, k*D)
		count := make([]int, k)
		for p, c := range assign {
			count[c]++
			row := next[c*D : c*D+D]
			for i, x := range points[p*D : p*D+D] {
				row[i] += x
			}
		}
		for c := 0; c < k; c++ {
			if count[c] == 0 {
				copy(next[c*D:c*D+D], points[rng.IntN(n)*D:][:D]) // re-seed an empty cluster
			}
			normalise(next[c*D : c*D+D])
		}
		cent = next
	}
	return cent
}

// ClusterWords tokenises a line of unlabeled text as the recognizer does,
// with quotes and dashes normalised (BuildClusters lower-cases).
func ClusterWords(line string) []string {
	toks := Tokenize(line)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = normForm(t.Text)
	}
	return out
}
