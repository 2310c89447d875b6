package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/extract/article"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// newEvalExtractCmd returns `eval extract` with one of:
//
//	--zyte DIR      the Zyte article-extraction benchmark (html/*.html.gz +
//	                ground-truth.json), scored with the benchmark's own
//	                metric (article.CompareShingles, article.Score); last
//	                line `f1=… precision=… recall=… n=…`
//	--htmldate DIR  htmldate's labelled pages (tests/eval_*.json); a page is
//	                right when Article.PublishedDay is the gold day; last
//	                line `accuracy=… n=…`
//	--charsets DIR  ../shared/data/html: every page with a known true
//	                encoding must decode to its characters
//	                (article.EvalCharsets); last line `accuracy=… n=…`
//
// None or several of them is a usage error (pipeline.ErrConfig, exit 2); a
// directory with no labelled pages is an error (exit 1), not a score of 0.
// The extractor is built from the configuration's `extract` section.
// --verbose prints one line per page (scores, or the wrong ones).
func newEvalExtractCmd() *cobra.Command {
	var zyte, htmldate, charsets string
	var verbose bool
	cmd := &cobra.Command{
		Use:   "extract --zyte DIR | --htmldate DIR | --charsets DIR",
		Short: "Evaluate article extraction: main text (Zyte benchmark), dates (htmldate), encodings",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			set := 0
			for _, s := range []string{zyte, htmldate, charsets} {
				if s != "" {
					set++
				}
			}
			if set != 1 {
				return fmt.Errorf("%w: eval extract: give exactly one of --zyte DIR, --htmldate DIR, --charsets DIR", pipeline.ErrConfig)
			}
			out := cmd.OutOrStdout()
			if charsets != "" {
				return evalCharsets(out, charsets, verbose)
			}
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			ex, err := article.New(cfg.Extract)
			if err != nil {
				return fmt.Errorf("eval extract: %w", err)
			}
			if zyte != "" {
				return evalZyte(out, ex, zyte, verbose)
			}
			return evalDates(out, ex, htmldate, verbose)
		},
	}
	cmd.Flags().StringVar(&zyte, "zyte", "", "Zyte benchmark directory (html/*.html.gz, ground-truth.json)")
	cmd.Flags().StringVar(&htmldate, "htmldate", "", "htmldate repository directory (tests/eval_*.json and pages)")
	cmd.Flags().StringVar(&charsets, "charsets", "", "data directory with CHARSETS.tsv, chardet-encoding-samples, encoding-fixtures-go")
	cmd.Flags().BoolVar(&verbose, "verbose", false, "print one line per page")
	return cmd
}

func evalZyte(out io.Writer, ex *article.Extractor, dir string, verbose bool) error {
	pages, err := article.LoadZyte(dir)
	if err != nil {
		return fmt.Errorf("eval extract: %w", err)
	}
	if len(pages) == 0 {
		return fmt.Errorf("eval extract: %s holds no labelled pages (ground-truth.json is empty)", dir)
	}
	counts := make([]article.ShingleCounts, 0, len(pages))
	failed := 0
	for _, p := range pages {
		body, err := article.ReadMaybeGzip(p.HTMLPath)
		if err != nil {
			return fmt.Errorf("eval extract: %w", err)
		}
		var text string
		a, err := ex.Extract(article.Input{Body: body, URL: p.URL})
		if err != nil {
			failed++
			fmt.Fprintf(out, "error %s: %v\n", p.ID, err)
		} else {
			text = a.Text
		}
		c := article.CompareShingles(p.Gold, text)
		counts = append(counts, c)
		if verbose {
			fmt.Fprintf(out, "%s tp=%.3f fp=%.3f fn=%.3f\n", p.ID, c.TP, c.FP, c.FN)
		}
	}
	s := article.Score(counts)
	fmt.Fprintf(out, "pages=%d extraction_errors=%d\n", len(pages), failed)
	fmt.Fprintf(out, "f1=%.4f precision=%.4f recall=%.4f n=%d\n", s.F1, s.Precision, s.Recall, s.N)
	return nil
}

func evalDates(out io.Writer, ex *article.Extractor, dir string, verbose bool) error {
	pages, missing, err := article.LoadHTMLDate(dir)
	if err != nil {
		return fmt.Errorf("eval extract: %w", err)
	}
	if len(pages) == 0 {
		return fmt.Errorf("eval extract: no labelled htmldate pages under %s", dir)
	}
	right, found := 0, 0
	for _, p := range pages {
		body, err := article.ReadMaybeGzip(p.Path)
		if err != nil {
			return fmt.Errorf("eval extract: %w", err)
		}
		// With ErrNoArticle the metadata, including the date, is still returned.
		a, err := ex.Extract(article.Input{Body: body, URL: p.URL})
		if a != nil && a.PublishedDay != "" {
			found++
		}
		if article.DateCorrect(a, p.Date) {
			right++
		} else if verbose {
			day := ""
			if a != nil {
				day = a.PublishedDay
			}
			fmt.Fprintf(out, "wrong %s gold=%s got=%q err=%v\n", p.Path, p.Date, day, err)
		}
	}
	fmt.Fprintf(out, "dates_found=%d labels_without_file=%d\n", found, missing)
	fmt.Fprintf(out, "accuracy=%.4f n=%d\n", float64(right)/float64(len(pages)), len(pages))
	return nil
}

func evalCharsets(out io.Writer, dir string, verbose bool) error {
	cases, err := article.EvalCharsets(dir)
	if err != nil {
		return fmt.Errorf("eval extract: %w", err)
	}
	right, n, skipped := 0, 0, 0
	for _, c := range cases {
		switch {
		case c.Skipped != "":
			skipped++
			if verbose {
				fmt.Fprintf(out, "skipped %s: %s\n", c.Path, c.Skipped)
			}
		case c.OK:
			n++
			right++
		default:
			n++
			fmt.Fprintf(out, "wrong %s want=%s got=%s\n", c.Path, c.Want, c.Got)
		}
	}
	if n == 0 {
		return fmt.Errorf("eval extract: no charset cases under %s", dir)
	}
	fmt.Fprintf(out, "skipped=%d (run with --verbose for reasons)\n", skipped)
	fmt.Fprintf(out, "accuracy=%.4f n=%d\n", float64(right)/float64(n), n)
	return nil
}
