package article

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// ShingleCounts is one page's comparison in the Zyte article-extraction
// benchmark metric: true positives, false positives and false negatives
// over 4-token shingles, normalised to sum to 1 (all 0 when both texts
// have no tokens).
type ShingleCounts struct{ TP, FP, FN float64 }

// CompareShingles scores pred against gold exactly as the benchmark's
// evaluate.py (scrapinghub/article-extraction-benchmark) does: tokens are
// runs of Unicode word characters (Python's \w: letters, numbers, "_"); a
// text of fewer than 4 tokens is one shingle of all its tokens; TP/FP/FN
// are multiset overlaps of the shingle counts, divided by their sum.
func CompareShingles(gold, pred string) ShingleCounts {
	g, p := shingles(gold), shingles(pred)
	var c ShingleCounts
	for k, gc := range g {
		pc := p[k]
		c.TP += float64(min(gc, pc))
		c.FN += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		c.FP += float64(max(0, pc-g[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

func shingles(text string) map[string]int {
	toks := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
	out := map[string]int{}
	if len(toks) == 0 {
		return out
	}
	n := max(1, len(toks)-3)
	for i := 0; i < n; i++ {
		out[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return out
}

// ShingleScores are the benchmark's averages: precision over pages with
// TP+FP > 0, recall over pages with TP+FN > 0 (each 1 when FP = FN = 0),
// and F1 of the two averages.
type ShingleScores struct {
	F1, Precision, Recall float64
	N                     int
}

// Score averages per-page counts the way evaluate.py's
// metrics_from_tp_fp_fns does.
func Score(pages []ShingleCounts) ShingleScores {
	var ps, rs float64
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			np++
			if c.FP == 0 && c.FN == 0 {
				ps++
			} else {
				ps += c.TP / (c.TP + c.FP)
			}
		}
		if c.TP+c.FN > 0 {
			nr++
			if c.FP == 0 && c.FN == 0 {
				rs++
			} else {
				rs += c.TP / (c.TP + c.FN)
			}
		}
	}
	s := ShingleScores{N: len(pages)}
	if np > 0 {
		s.Precision = ps / float64(np)
	}
	if nr > 0 {
		s.Recall = rs / float64(nr)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// ZytePage is one page of the Zyte benchmark layout.
type ZytePage struct {
	ID, URL, Gold string
	HTMLPath      string // html/<id>.html.gz
}

// LoadZyte reads DIR/ground-truth.json ({id: {articleBody, url}}) and
// pairs each id with DIR/html/<id>.html.gz, sorted by id.
func LoadZyte(dir string) ([]ZytePage, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	pages := make([]ZytePage, 0, len(gt))
	for id, g := range gt {
		pages = append(pages, ZytePage{ID: id, URL: g.URL, Gold: g.ArticleBody, HTMLPath: filepath.Join(dir, "html", id+".html.gz")})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// ReadMaybeGzip reads a file, un-gzipping it when its name ends in ".gz".
func ReadMaybeGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if !strings.HasSuffix(path, ".gz") {
		return io.ReadAll(f)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

// DatePage is one labelled page of the htmldate evaluation.
type DatePage struct {
	URL, Path string
	Date      string // gold publication day, YYYY-MM-DD
}

// LoadHTMLDate reads htmldate's tests/eval_*.json files ({url: {file,
// date}}) under dir (the repository root) and keeps the pages whose file
// is present in tests/cache, tests/eval or tests/test_set (plain or .gz).
// Labels without a date (NaN) are skipped. It returns the pages sorted by
// path and how many labels had no file.
func LoadHTMLDate(dir string) ([]DatePage, int, error) {
	labels, err := filepath.Glob(filepath.Join(dir, "tests", "eval_*.json"))
	if err != nil || len(labels) == 0 {
		return nil, 0, fmt.Errorf("no tests/eval_*.json under %s", dir)
	}
	seen := map[string]bool{}
	var pages []DatePage
	missing := 0
	for _, lf := range labels {
		b, err := os.ReadFile(lf)
		if err != nil {
			return nil, 0, err
		}
		// Python's json module writes NaN for pages without a gold date.
		b = reNaN.ReplaceAll(b, []byte(": null"))
		var m map[string]struct {
			File string `json:"file"`
			Date string `json:"date"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", lf, err)
		}
		for u, v := range m {
			if v.Date == "" {
				continue
			}
			path := findFile(filepath.Join(dir, "tests"), v.File)
			if path == "" {
				missing++
				continue
			}
			if seen[path] {
				continue
			}
			seen[path] = true
			pages = append(pages, DatePage{URL: u, Path: path, Date: v.Date})
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	return pages, missing, nil
}

var reNaN = regexp.MustCompile(`:\s*NaN\b`)

func findFile(testsDir, name string) string {
	for _, sub := range []string{"cache", "eval", "test_set"} {
		for _, n := range []string{name, name + ".gz"} {
			p := filepath.Join(testsDir, sub, n)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	return ""
}

// DateCorrect reports whether an article's publication day (in the
// publisher's time zone, Article.PublishedDay) is the gold day YYYY-MM-DD.
func DateCorrect(a *Article, gold string) bool {
	return a != nil && a.PublishedDay == gold
}
