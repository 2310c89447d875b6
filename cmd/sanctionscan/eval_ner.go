package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/extract/ner"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// newEvalNERCmd returns `eval ner --conll FILE [--format conll|wnut|wikiann]`:
// it tags the corpus with the embedded recognizer and prints per-type and
// overall entity-level P/R/F1 (exact span and type) and tokens_per_s; the
// last line is key=value pairs starting with f1=. A missing --conll or an
// unknown --format is a usage error (pipeline.ErrConfig, exit 2); a corpus
// with no sentences is an error (exit 1), not a score of 0.
func newEvalNERCmd() *cobra.Command {
	var path, format string
	cmd := &cobra.Command{
		Use:   "ner --conll FILE [--format conll|wnut|wikiann]",
		Short: "Evaluate entity recognition on a CoNLL-style corpus",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if path == "" {
				return fmt.Errorf("%w: eval ner: --conll FILE is required", pipeline.ErrConfig)
			}
			switch ner.Format(format) {
			case ner.FormatCoNLL, ner.FormatWNUT, ner.FormatWikiANN:
			default:
				return fmt.Errorf("%w: eval ner: unknown --format %q (want conll, wnut or wikiann)", pipeline.ErrConfig, format)
			}
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			defer f.Close()
			docs, err := ner.ReadCoNLL(f, ner.Format(format))
			if err != nil {
				return fmt.Errorf("eval ner: %s: %w", path, err)
			}
			if len(docs) == 0 {
				return fmt.Errorf("eval ner: %s holds no CoNLL sentences (token and tag columns)", path)
			}
			r, err := ner.New(ner.Options{})
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			r.Evaluate(docs).Print(cmd.OutOrStdout())
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "conll", "", "corpus file (token first, tag last)")
	cmd.Flags().StringVar(&format, "format", string(ner.FormatCoNLL), "column layout: conll, wnut or wikiann")
	return cmd
}
