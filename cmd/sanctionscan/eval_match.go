package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/lists/screen"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// parityFile is OFAC's own scores for some name pairs (../shared/data/matching).
const parityFile = "nomenklatura_ofac_parity_fixtures.csv"

// newEvalMatchCmd returns `eval match --pairs FILE [--threshold F] [--parity
// FILE]`: it scores each labelled pair of the nomenklatura name-bench CSV
// (name1 screened against a designation named name2), prints the confusion
// counts at the threshold (default: the configured match threshold) and, when
// the OFAC parity fixtures are found (--parity, or parityFile beside the pairs
// file), agreement with OFAC's Sanctions List Search. The last line is
// key=value pairs starting with f1=. A missing --pairs or a --threshold
// outside 0..1 is a usage error (pipeline.ErrConfig, exit 2); a pairs or
// parity file with no pairs is an error (exit 1), not a score of 0.
func newEvalMatchCmd() *cobra.Command {
	var pairs, parity string
	var threshold float64
	cmd := &cobra.Command{
		Use:   "match --pairs FILE [--threshold F] [--parity FILE]",
		Short: "Evaluate name matching on labelled name pairs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if pairs == "" {
				return fmt.Errorf("%w: eval match: --pairs FILE is required", pipeline.ErrConfig)
			}
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			opt := cfg.Matching
			if !cmd.Flags().Changed("threshold") {
				threshold = opt.MatchThreshold
			} else if threshold < 0 || threshold > 1 {
				return fmt.Errorf("%w: eval match: --threshold %v: want a score from 0 to 1", pipeline.ErrConfig, threshold)
			}
			f, err := os.Open(pairs)
			if err != nil {
				return fmt.Errorf("eval match: %w", err)
			}
			defer f.Close()
			res, err := screen.EvalPairs(f, opt, threshold)
			if err != nil {
				return fmt.Errorf("eval match: %s: %w", pairs, err)
			}
			if len(res.Pairs) == 0 {
				return fmt.Errorf("eval match: %s holds no labelled pairs (rows with name1 and name2)", pairs)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "pairs=%d TP=%d FP=%d FN=%d TN=%d at threshold %.2f (best F1 %.4f at %.2f)\n",
				len(res.Pairs), res.TP, res.FP, res.FN, res.TN, res.Threshold, res.BestF1, res.BestThreshold)
			if parity == "" {
				if p := filepath.Join(filepath.Dir(pairs), parityFile); fileExists(p) {
					parity = p
				}
			}
			extra := ""
			if parity != "" {
				pr, err := evalParity(parity, opt)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "OFAC parity (%s): %d pairs over %d queries; rank agreement %.4f, decision agreement (OFAC ≥ 90 vs match) %.4f, mean |score×100 − OFAC| %.1f\n",
					parity, pr.Pairs, pr.Queries, pr.RankAgreement, pr.DecisionAgreement, pr.MeanAbsDiff)
				extra = fmt.Sprintf(" parity_rank=%.4f parity_decision=%.4f", pr.RankAgreement, pr.DecisionAgreement)
			}
			fmt.Fprintf(out, "f1=%.4f precision=%.4f recall=%.4f n=%d threshold=%.2f%s\n",
				res.F1, res.Precision, res.Recall, len(res.Pairs), res.Threshold, extra)
			return nil
		},
	}
	cmd.Flags().StringVar(&pairs, "pairs", "", "labelled pairs CSV (schema, name1, name2, is_match)")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "score at or above which a pair counts as a match (default: matching.match_threshold)")
	cmd.Flags().StringVar(&parity, "parity", "", "OFAC parity fixtures CSV (default: "+parityFile+" beside --pairs, when present)")
	return cmd
}

func evalParity(path string, opt screen.Options) (screen.ParityResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return screen.ParityResult{}, fmt.Errorf("eval match: %w", err)
	}
	defer f.Close()
	pr, err := screen.EvalParity(f, opt)
	if err != nil {
		return pr, fmt.Errorf("eval match: %s: %w", path, err)
	}
	if pr.Pairs == 0 {
		return pr, fmt.Errorf("eval match: %s holds no OFAC parity pairs", path)
	}
	return pr, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
