package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/extract/ner"
)

// newEvalNERCmd returns `eval ner --conll FILE [--format conll|wnut|wikiann]`:
// it tags the corpus with the embedded recognizer and prints per-type and
// overall entity-level P/R/F1 (exact span and type) and tokens_per_s; the
// last line is key=value pairs starting with f1=.
func newEvalNERCmd() *cobra.Command {
	var path, format string
	cmd := &cobra.Command{
		Use:   "ner --conll FILE [--format conll|wnut|wikiann]",
		Short: "Evaluate entity recognition on a CoNLL-style corpus",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if path == "" {
				return fmt.Errorf("eval ner: --conll FILE is required")
			}
			switch ner.Format(format) {
			case ner.FormatCoNLL, ner.FormatWNUT, ner.FormatWikiANN:
			default:
				return fmt.Errorf("eval ner: unknown --format %q (want conll, wnut or wikiann)", format)
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
