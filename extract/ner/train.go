package ner

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
)

// TrainOptions configures Train.
type TrainOptions struct {
	// Epochs over the training documents (the perceptron averages over all).
	Epochs int
	// Seed fixes the document shuffling, so the same data gives the same
	// model bytes.
	Seed uint64
	// PlaceNames are place names (countries, large cities) used as gazetteer
	// features; stored in the model.
	PlaceNames []string
	// Clusters maps lower-case words to their cluster and casing
	// (BuildClusters); stored in the model. May be nil.
	Clusters map[string]WordClass
	// Mix is the number of perceptrons (seeds Seed, Seed+1, ...) whose
	// weights are averaged for each pass (parameter mixing, McDonald et al.
	// 2010); 0 means 1.
	Mix int
	// Log receives one progress line per epoch; may be nil.
	Log io.Writer
}

// trainSentence is a sentence with its static features, precomputed once.
type trainSentence struct {
	info  []tokenInfo
	feats [][]uint64
	gold  []int
}

// Train fits the two-pass greedy averaged-perceptron BILOU tagger on docs
// and writes the model (the format New embeds) to w. The second pass sees
// document-level priors (docPriors) from the first; on the training data
// these come from two first-pass models each trained on the other half of
// the documents (jackknifing), so they are as noisy as at run time. It is
// deterministic: the same inputs and options give the same bytes.
func Train(w io.Writer, docs []Document, opt TrainOptions) error {
	if len(docs) == 0 {
		return fmt.Errorf("ner: train: no documents")
	}
	m := &model{gaz: newMemo(nil, nil), clusters: opt.Clusters}
	if m.clusters == nil {
		m.clusters = map[string]WordClass{}
	}
	for _, p := range opt.PlaceNames {
		p = strings.ToLower(strings.Join(strings.Fields(p), " "))
		if p == "" {
			continue
		}
		m.gaz.add(p, LabelLOC)
	}
	words := make([][][]string, len(docs))
	for d, doc := range docs {
		words[d] = make([][]string, len(doc.Sentences))
		for i, s := range doc.Sentences {
			words[d][i] = s.Words
		}
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, args...)
		}
	}
	// Each training document sees the entities of the other half only, as a
	// test document sees those of the training data.
	m.memo = newMemo(docs, nil)
	halves := [2]*memo{newMemo(docs, func(d int) bool { return d%2 != 0 }), newMemo(docs, func(d int) bool { return d%2 != 1 })}
	first := m.prepare(docs, words, nil, halves)
	logf("pass 1\n")
	m.passes = []*weights{trainMixed(first, opt, logf)}
	priors := make([][][]string, len(docs))
	for fold := 0; fold < 2; fold++ {
		logf("jackknife fold %d\n", fold)
		half := trainPass(first, opt, func(d int) bool { return d%2 != fold }, logf)
		for d := fold; d < len(docs); d += 2 {
			di := newDocInfo(words[d])
			tags := make([][]int, len(words[d]))
			for i, ws := range words[d] {
				tags[i] = m.tag(m.features(ws, di, halves[d%2], m.newWordInfo, false), half, 0, nil, nil)
			}
			priors[d] = docPriors(words[d], tags)
		}
	}
	logf("pass 2\n")
	m.passes = append(m.passes, trainMixed(m.prepare(docs, words, priors, halves), opt, logf))
	return m.encode(w)
}

// prepare computes the static features of every training sentence (with
// the second-pass priors when given); document d remembers the entities of
// halves[d%2].
func (m *model) prepare(docs []Document, words [][][]string, priors [][][]string, halves [2]*memo) [][]trainSentence {
	data := make([][]trainSentence, len(docs))
	for d, doc := range docs {
		di := newDocInfo(words[d])
		for si, s := range doc.Sentences {
			sf := m.features(s.Words, di, halves[d%2], m.newWordInfo, false)
			feats := make([][]uint64, len(s.Words))
			for i := range feats {
				feats[i] = staticFeatures(nil, sf, i)
				if priors != nil {
					feats[i] = priorFeatures(feats[i], priors[d][si], i, sf.info[i].shape)
				}
			}
			data[d] = append(data[d], trainSentence{info: sf.info, gold: bilou(s.Tags), feats: feats})
		}
	}
	return data
}

// trainMixed averages the weights of opt.Mix perceptrons trained on all
// documents with consecutive seeds.
func trainMixed(data [][]trainSentence, opt TrainOptions, logf func(string, ...any)) *weights {
	mix := max(opt.Mix, 1)
	out := &weights{index: map[uint64]int32{}}
	for k := 0; k < mix; k++ {
		o := opt
		o.Seed = opt.Seed + uint64(k)
		p := trainPass(data, o, nil, logf)
		keys := make([]uint64, 0, len(p.index))
		for f := range p.index {
			keys = append(keys, f)
		}
		slices.Sort(keys) // deterministic layout of out.w
		for _, f := range keys {
			off, ok := out.index[f]
			if !ok {
				off = int32(len(out.w))
				out.index[f] = off
				out.w = append(out.w, make([]float32, nTags)...)
			}
			src := p.w[p.index[f] : p.index[f]+nTags]
			for j := range nTags {
				out.w[int(off)+j] += src[j] / float32(mix)
			}
		}
	}
	return out
}

// trainPass runs the averaged perceptron over the documents keep accepts
// (all when nil) and returns the averaged weights.
func trainPass(data [][]trainSentence, opt TrainOptions, keep func(int) bool, logf func(string, ...any)) *weights {
	wt := &weights{index: map[uint64]int32{}}
	var total []float64 // Σ step·update, for averaging
	step := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	var order []int
	for d := range data {
		if keep == nil || keep(d) {
			order = append(order, d)
		}
	}
	feats := make([]uint64, 0, 64)
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, n := 0, 0
		for _, di := range order {
			for _, s := range data[di] {
				prev, prev2 := nTags, nTags
				for i := range s.gold {
					feats = append(feats[:0], s.feats[i]...)
					feats = dynamicFeatures(feats, tagName(prev), tagName(prev2), &s.info[i])
					var scores [nTags]float32
					for _, f := range feats {
						wt.addFeature(&scores, f)
					}
					best := -1
					for k := 0; k < nTags; k++ {
						if tagAllowed[prev][k] && (best < 0 || scores[k] > scores[best]) {
							best = k
						}
					}
					gold := s.gold[i]
					if best != gold {
						errs++
						for _, f := range feats {
							off, ok := wt.index[f]
							if !ok {
								off = int32(len(wt.w))
								wt.index[f] = off
								wt.w = append(wt.w, make([]float32, nTags)...)
								total = append(total, make([]float64, nTags)...)
							}
							wt.w[int(off)+gold]++
							total[int(off)+gold] += step
							wt.w[int(off)+best]--
							total[int(off)+best] -= step
						}
					}
					n++
					step++
					prev2, prev = prev, best
				}
			}
		}
		logf("epoch %d: token errors %d/%d (%.4f), features %d\n", epoch+1, errs, n, float64(errs)/float64(n), len(wt.index))
	}
	for i := range wt.w {
		wt.w[i] -= float32(total[i] / step)
	}
	return wt
}
