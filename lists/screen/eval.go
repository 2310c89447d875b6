package screen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists"
)

// ErrBadPairs is returned (wrapped, with the line) for a pairs file that
// lacks the needed columns or has an unreadable row.
var ErrBadPairs = errors.New("bad pairs file")

// PairResult is the outcome of one labelled pair.
type PairResult struct {
	Schema, Name1, Name2 string
	IsMatch              bool    // the label
	Score                float64 // ScoreDesignation(name1 as query, name2 as listed name)
	Explanation          string
}

// EvalResult is precision, recall and F1 of score ≥ Threshold on labelled pairs.
type EvalResult struct {
	Threshold             float64
	TP, FP, FN, TN        int
	Precision, Recall, F1 float64
	BestThreshold, BestF1 float64 // the threshold (0.50..0.99, step 0.01) with the highest F1, for information
	Pairs                 []PairResult
}

// EvalPairs reads the nomenklatura name-bench CSV (header with at least
// schema, name1, name2, is_match; other columns ignored), screens name1 as a
// query against a designation named name2 of the row's schema, and counts a
// predicted match when the score is at least threshold. Rows with an empty
// name are skipped (and not counted). Errors wrap ErrBadPairs.
func EvalPairs(r io.Reader, opt Options, threshold float64) (EvalResult, error) {
	rows, err := readCSV(r, "schema", "name1", "name2", "is_match")
	if err != nil {
		return EvalResult{}, err
	}
	res := EvalResult{Threshold: threshold}
	for _, row := range rows {
		schema, n1, n2 := row[0], row[1], row[2]
		if strings.TrimSpace(n1) == "" || strings.TrimSpace(n2) == "" {
			continue
		}
		d := &lists.Designation{Schema: schema, Name: n2}
		h, _ := ScoreDesignation(Query{Name: n1, Schema: querySchema(schema)}, d, opt)
		res.Pairs = append(res.Pairs, PairResult{schema, n1, n2, strings.EqualFold(row[3], "true"), h.Score, h.Explanation})
	}
	res.count()
	return res, nil
}

// querySchema is the schema a mention of a listed schema is screened with.
func querySchema(listed string) string {
	switch {
	case listed == lists.SchemaPerson:
		return lists.SchemaPerson
	case isOrg(listed):
		return lists.SchemaOrganization
	}
	return ""
}

func (res *EvalResult) count() {
	res.TP, res.FP, res.FN, res.TN, res.Precision, res.Recall, res.F1 = confusion(res.Pairs, res.Threshold)
	for t := 50; t <= 99; t++ {
		th := float64(t) / 100
		if _, _, _, _, _, _, f1 := confusion(res.Pairs, th); f1 > res.BestF1 {
			res.BestF1, res.BestThreshold = f1, th
		}
	}
}

func confusion(ps []PairResult, th float64) (tp, fp, fn, tn int, p, r, f1 float64) {
	for _, x := range ps {
		pred := x.Score >= th
		switch {
		case pred && x.IsMatch:
			tp++
		case pred:
			fp++
		case x.IsMatch:
			fn++
		default:
			tn++
		}
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return
}

// ParityResult compares our scores with OFAC's Sanctions List Search scores
// on the same (query, result) pairs.
type ParityResult struct {
	Queries, Pairs int
	// RankAgreement is the share of result pairs of one query that OFAC
	// orders strictly and we order the same way (a pair we score equal counts
	// one half).
	RankAgreement float64
	// DecisionAgreement is the share of pairs where "OFAC score ≥ 90" and
	// "our score ≥ match threshold" agree.
	DecisionAgreement float64
	// MeanAbsDiff is the mean |our score×100 − OFAC score|.
	MeanAbsDiff float64
}

// EvalParity reads nomenklatura's OFAC fixtures (header with query_name,
// result_name, ofac_score) and compares. A result written "SURNAME, Given" is
// taken as a person, as OFAC writes individuals. Errors wrap ErrBadPairs.
func EvalParity(r io.Reader, opt Options) (ParityResult, error) {
	opt = withDefaults(opt)
	rows, err := readCSV(r, "query_name", "result_name", "ofac_score")
	if err != nil {
		return ParityResult{}, err
	}
	type scoredPair struct{ ofac, ours float64 }
	byQuery := map[string][]scoredPair{}
	var order []string
	var res ParityResult
	agree, sumDiff := 0, 0.0
	for i, row := range rows {
		ofac, err := strconv.ParseFloat(strings.TrimSpace(row[2]), 64)
		if err != nil {
			return ParityResult{}, fmt.Errorf("%w: row %d: ofac_score %q", ErrBadPairs, i+2, row[2])
		}
		schema := ""
		if strings.Contains(row[1], ",") {
			schema = lists.SchemaPerson
		}
		h, _ := ScoreDesignation(Query{Name: row[0], Schema: schema}, &lists.Designation{Schema: schema, Name: row[1]}, opt)
		if _, ok := byQuery[row[0]]; !ok {
			order = append(order, row[0])
		}
		byQuery[row[0]] = append(byQuery[row[0]], scoredPair{ofac, h.Score})
		if (ofac >= 90) == (h.Score >= opt.MatchThreshold) {
			agree++
		}
		sumDiff += math.Abs(h.Score*100 - ofac)
		res.Pairs++
	}
	sort.Strings(order)
	same, total := 0.0, 0
	for _, q := range order {
		ps := byQuery[q]
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				if ps[i].ofac == ps[j].ofac {
					continue
				}
				total++
				switch {
				case ps[i].ours == ps[j].ours:
					same += 0.5 // we do not order them
				case (ps[i].ofac > ps[j].ofac) == (ps[i].ours > ps[j].ours):
					same++
				}
			}
		}
	}
	res.Queries = len(order)
	if total > 0 {
		res.RankAgreement = same / float64(total)
	}
	if res.Pairs > 0 {
		res.DecisionAgreement = float64(agree) / float64(res.Pairs)
		res.MeanAbsDiff = sumDiff / float64(res.Pairs)
	}
	return res, nil
}

// readCSV returns the named columns of every row, in the order asked.
func readCSV(r io.Reader, cols ...string) ([][]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: header: %w", ErrBadPairs, err)
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = -1
		for j, h := range head {
			if strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == c {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return nil, fmt.Errorf("%w: no column %q", ErrBadPairs, c)
		}
	}
	var out [][]string
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrBadPairs, line, err)
		}
		row := make([]string, len(cols))
		for i, j := range idx {
			if j >= len(rec) {
				return nil, fmt.Errorf("%w: line %d: %d fields, column %q missing", ErrBadPairs, line, len(rec), cols[i])
			}
			row[i] = rec[j]
		}
		out = append(out, row)
	}
}
