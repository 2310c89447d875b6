package ner

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// Score holds entity-level exact-match counts and rates for one type or
// overall.
type Score struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func (s *Score) finish() {
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// EvalResult is the outcome of Evaluate.
type EvalResult struct {
	ByType     map[string]*Score
	Overall    Score
	Tokens     int
	Seconds    float64 // wall time spent tagging
	TokensPerS float64
}

// Evaluate tags every document with r and scores entity spans by exact match
// of boundaries and type (CoNLL-2003 conlleval convention). Predicted types
// that never occur in the gold data (MISC on WikiANN) are ignored, since the
// corpus does not annotate them. Timing covers tagging only.
func (r *Recognizer) Evaluate(docs []Document) EvalResult {
	goldTypes := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, sp := range iobSpans(s.Tags) {
				goldTypes[sp.label] = true
			}
		}
	}
	res := EvalResult{ByType: map[string]*Score{}}
	for _, t := range entityTypes {
		res.ByType[t] = &Score{}
	}
	var elapsed time.Duration
	for _, d := range docs {
		words := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			words[i] = s.Words
			res.Tokens += len(s.Words)
		}
		start := time.Now()
		pred := r.TagDocument(words)
		elapsed += time.Since(start)
		for i, s := range d.Sentences {
			gold := iobSpans(s.Tags)
			for _, p := range iobSpans(pred[i]) {
				if !goldTypes[p.label] {
					continue
				}
				if slices.Contains(gold, p) {
					res.ByType[p.label].TP++
				} else {
					res.ByType[p.label].FP++
				}
			}
			for _, g := range gold {
				if !slices.Contains(iobSpans(pred[i]), g) {
					res.ByType[g.label].FN++
				}
			}
		}
	}
	for _, t := range entityTypes {
		s := res.ByType[t]
		s.finish()
		res.Overall.TP += s.TP
		res.Overall.FP += s.FP
		res.Overall.FN += s.FN
	}
	res.Overall.finish()
	res.Seconds = elapsed.Seconds()
	if res.Seconds > 0 {
		res.TokensPerS = float64(res.Tokens) / res.Seconds
	}
	return res
}

// Print writes one line per type and a last line of key=value pairs
// (f1, precision, recall, tokens, tokens_per_s).
func (e EvalResult) Print(w io.Writer) {
	for _, t := range entityTypes {
		s := e.ByType[t]
		if s.TP+s.FP+s.FN == 0 {
			continue
		}
		fmt.Fprintf(w, "%-5s precision=%.4f recall=%.4f f1=%.4f tp=%d fp=%d fn=%d\n", t, s.Precision, s.Recall, s.F1, s.TP, s.FP, s.FN)
	}
	o := e.Overall
	fmt.Fprintf(w, "f1=%.4f precision=%.4f recall=%.4f tp=%d fp=%d fn=%d tokens=%d tokens_per_s=%.0f\n",
		o.F1, o.Precision, o.Recall, o.TP, o.FP, o.FN, e.Tokens, e.TokensPerS)
}
