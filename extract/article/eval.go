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
	"unicode/utf8"
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

// CharsetCase is one file of the encoding evaluation and its outcome.
type CharsetCase struct {
	Path        string // relative to the data directory
	Want        string // the true encoding
	ContentType string // HTTP header the case is served with ("" for none)
	Got         string // Decoded.Encoding
	OK          bool   // the decoded characters equal the true decoding
	Skipped     string // why the case was not scored ("" when scored)
}

// chardetFolders maps chardet-encoding-samples folder names (the true
// encoding, sometimes with a language suffix) to labels lookup resolves;
// "" marks encodings Go has no decoder for (their files are skipped).
var chardetFolders = map[string]string{
	"CP932": "shift_jis", "CP949": "euc-kr", "EUC-TW": "", "Johab": "", "iso-2022-kr": "",
	"MacRoman": "macintosh", "TIS-620": "windows-874", "UTF-16": "utf-16le", "UTF-32": "utf-32",
	"utf-8-sig": "utf-8", "ascii": "windows-1252",
}

// xnetHeaders are the HTTP headers golang.org/x/net's charset tests serve
// the W3C fixtures with, and the expected encodings.
var xnetHeaders = map[string][2]string{
	"HTTP-charset.html":              {"text/html; charset=iso-8859-15", "iso-8859-15"},
	"HTTP-vs-UTF-8-BOM.html":         {"text/html; charset=iso-8859-15", "utf-8"},
	"HTTP-vs-meta-charset.html":      {"text/html; charset=iso-8859-15", "iso-8859-15"},
	"HTTP-vs-meta-content.html":      {"text/html; charset=iso-8859-15", "iso-8859-15"},
	"No-encoding-declaration.html":   {"text/html", "utf-8"},
	"UTF-16BE-BOM.html":              {"text/html", "utf-16be"},
	"UTF-16LE-BOM.html":              {"text/html", "utf-16le"},
	"UTF-8-BOM-vs-meta-charset.html": {"text/html", "utf-8"},
	"UTF-8-BOM-vs-meta-content.html": {"text/html", "utf-8"},
	"meta-charset-attribute.html":    {"text/html", "iso-8859-15"},
	"meta-content-attribute.html":    {"text/html", "iso-8859-15"},
}

// saintfishNames maps saintfish/chardet fixture name prefixes to encodings.
var saintfishNames = []struct{ prefix, label string }{
	{"8859_1", "windows-1252"}, {"big5", "big5"}, {"euc_jp", "euc-jp"}, {"euc_kr", "euc-kr"},
	{"gb18030", "gb18030"}, {"shift_jis", "shift_jis"}, {"utf8", "utf-8"},
}

// EvalCharsets decodes every page under dir (../shared/data/html) whose
// true encoding is known and checks that Decode yields its characters:
// CHARSETS.tsv (valid UTF-8 pages must read as UTF-8, whatever they
// declare; the others as their declared charset, a declared UTF-8 with
// stray bytes as UTF-8 everywhere but at those bytes),
// chardet-encoding-samples (folder name = encoding) and
// encoding-fixtures-go (file names, x/net's test headers). Cases are
// returned sorted by path.
func EvalCharsets(dir string) ([]CharsetCase, error) {
	var cases []CharsetCase
	tsv, err := os.ReadFile(filepath.Join(dir, "CHARSETS.tsv"))
	if err != nil {
		return nil, err
	}
	for i, line := range strings.Split(strings.TrimSpace(string(tsv)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 3 {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, f[0])); err != nil {
			continue // listed, but that corpus is not in the data set
		}
		want := strings.ToLower(f[1])
		if f[2] == "True" || want == "" {
			want = "utf-8"
		}
		cases = append(cases, CharsetCase{Path: f[0], Want: want})
	}
	folders, _ := filepath.Glob(filepath.Join(dir, "chardet-encoding-samples", "tests", "*"))
	for _, folder := range folders {
		name := filepath.Base(folder)
		label, known := chardetFolders[name]
		if !known {
			label = name
			for _, lang := range []string{"-russian", "-bulgarian", "-croatian", "-czech", "-hungarian", "-polish", "-slovak", "-slovene", "-romanian", "-arabic", "-greek", "-turkish", "-hebrew"} {
				label = strings.TrimSuffix(label, lang)
			}
		}
		files, _ := filepath.Glob(filepath.Join(folder, "*"))
		for _, file := range files {
			rel, _ := filepath.Rel(dir, file)
			c := CharsetCase{Path: rel, Want: label}
			if label == "" {
				c.Want, c.Skipped = name, "no Go decoder for "+name
			}
			cases = append(cases, c)
		}
	}
	for name, hw := range xnetHeaders {
		c := CharsetCase{Path: filepath.Join("encoding-fixtures-go", "x-net-html-charset-testdata", name), ContentType: hw[0], Want: hw[1]}
		if hw[1] == "iso-8859-15" {
			// These W3C pages are valid UTF-8 labelled iso-8859-15; sanctionscan
			// reads valid UTF-8 as UTF-8 whatever the label (case C07).
			c.Skipped = "valid UTF-8 labelled iso-8859-15: UTF-8 wins by design (C07)"
		}
		cases = append(cases, c)
	}
	sf, _ := filepath.Glob(filepath.Join(dir, "encoding-fixtures-go", "saintfish-chardet-testdata", "*.html"))
	for _, file := range sf {
		rel, _ := filepath.Rel(dir, file)
		for _, n := range saintfishNames {
			if strings.HasPrefix(filepath.Base(file), n.prefix) {
				cases = append(cases, CharsetCase{Path: rel, Want: n.label})
				break
			}
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Path < cases[j].Path })
	for i := range cases {
		c := &cases[i]
		if c.Skipped != "" {
			continue
		}
		body, err := ReadMaybeGzip(filepath.Join(dir, c.Path))
		if err != nil {
			return nil, err
		}
		enc, _ := lookup(c.Want)
		if enc == nil {
			c.Skipped = "unknown encoding " + c.Want
			continue
		}
		dec := Decode(body, c.ContentType)
		c.Got = dec.Encoding
		c.OK = sameCharacters(dec.Text, body, c.Want)
	}
	return cases, nil
}

// sameCharacters reports whether got is body decoded as want: byte order
// marks are stripped, and a declared UTF-8 body with invalid bytes matches
// when got agrees with every valid stretch, in order.
func sameCharacters(got string, body []byte, want string) bool {
	if enc, _, n := bomEncoding(body); enc != nil {
		return got == finish(decodeWith(enc, body[n:]), "", "").Text
	}
	enc, name := lookup(want)
	if name == "utf-8" && !utf8.Valid(body) {
		rest := got
		for _, seg := range strings.Split(strings.ToValidUTF8(string(body), "\uFFFD"), "\uFFFD") {
			seg = finish(seg, "", "").Text
			i := strings.Index(rest, seg)
			if i < 0 {
				return false
			}
			rest = rest[i+len(seg):]
		}
		return true
	}
	return got == finish(decodeWith(enc, body), "", "").Text
}
