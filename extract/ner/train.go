package ner

import (
	"fmt"
	"io"
	"math/rand/v2"
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
	// Clusters maps lower-case words to cluster bit strings (BuildClusters);
	// stored in the model. May be nil.
	Clusters map[string]string
	// Log receives one progress line per epoch; may be nil.
	Log io.Writer
}

// trainSentence is a sentence with its static features, precomputed once.
type trainSentence struct {
	info   []tokenInfo
	feats  [][]uint64
	gold   []int
}

// Train fits a greedy averaged-perceptron BILOU tagger on docs and writes the
// model (the format New embeds) to w. It is deterministic: the same inputs
// and options give the same bytes.
func Train(w io.Writer, docs []Document, opt TrainOptions) error {
	if len(docs) == 0 {
		return fmt.Errorf("ner: train: no documents")
	}
	m := &model{index: map[uint64]int32{}, gaz: map[string]bool{}, clusters: opt.Clusters}
	if m.clusters == nil {
		m.clusters = map[string]string{}
	}
	for _, p := range opt.PlaceNames {
		p = strings.ToLower(strings.Join(strings.Fields(p), " "))
		if p == "" {
			continue
		}
		m.gaz[p] = true
		m.gazMax = max(m.gazMax, strings.Count(p, " ")+1)
	}
	var data [][]trainSentence
	for _, d := range docs {
		words := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			words[i] = s.Words
		}
		di := newDocInfo(words)
		var ts []trainSentence
		for _, s := range d.Sentences {
			info := m.sentenceInfo(s.Words)
			caps := capsSentence(s.Words)
			t := trainSentence{info: info, gold: bilou(s.Tags), feats: make([][]uint64, len(s.Words))}
			for i := range s.Words {
				t.feats[i] = m.staticFeatures(nil, info, i, caps, di, s.Words)
			}
			ts = append(ts, t)
		}
		data = append(data, ts)
	}
	var total []float64 // Σ step·update, for averaging
	step := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
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
						if off, ok := m.index[f]; ok {
							for k := range scores {
								scores[k] += m.weights[int(off)+k]
							}
						}
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
							off, ok := m.index[f]
							if !ok {
								off = int32(len(m.weights))
								m.index[f] = off
								m.weights = append(m.weights, make([]float32, nTags)...)
								total = append(total, make([]float64, nTags)...)
							}
							m.weights[int(off)+gold]++
							total[int(off)+gold] += step
							m.weights[int(off)+best]--
							total[int(off)+best] -= step
						}
					}
					n++
					step++
					prev2, prev = prev, best
				}
			}
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "epoch %d: token errors %d/%d (%.4f), features %d\n", epoch+1, errs, n, float64(errs)/float64(n), len(m.index))
		}
	}
	for i := range m.weights {
		m.weights[i] -= float32(total[i] / step)
	}
	return m.encode(w)
}
