// Command train fits the embedded NER model of extract/ner from CoNLL-2003
// and the place gazetteer in ../shared/data, and writes it (by default to
// extract/ner/model.bin.gz, which New embeds).
//
//	GOMAXPROCS=2 go run ./extract/ner/cmd/clusters > /tmp/clusters.txt   # about 2 min
//	GOMAXPROCS=2 go run ./extract/ner/cmd/train -clusters /tmp/clusters.txt  # about 1 min
//
// The same data and flags give the same model bytes. The defaults (6 epochs,
// 3 perceptrons mixed per pass, cities of 100,000+) were chosen on the
// CoNLL-2003 valid set.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sanctionscan/sanctionscan/extract/ner"
)

func main() {
	data := flag.String("data", "../shared/data", "shared data directory")
	out := flag.String("out", "extract/ner/model.bin.gz", "model output file")
	epochs := flag.Int("epochs", 6, "training epochs")
	mix := flag.Int("mix", 3, "perceptrons averaged per pass (different seeds)")
	minPop := flag.Int("min-population", 100000, "smallest city population in the place gazetteer")
	clusters := flag.String("clusters", "", "word clusters file (word TAB bits, from cmd/clusters); empty for none")
	flag.Parse()
	if err := run(*data, *out, *epochs, *mix, *minPop, *clusters); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(data, out string, epochs, mix, minPop int, clustersPath string) error {
	f, err := os.Open(filepath.Join(data, "ner", "conll2003", "train.txt"))
	if err != nil {
		return err
	}
	docs, err := ner.ReadCoNLL(f, ner.FormatCoNLL)
	f.Close()
	if err != nil {
		return err
	}
	places, err := ner.PlaceNames(filepath.Join(data, "gazetteers"), minPop)
	if err != nil {
		return err
	}
	var clusters map[string]ner.WordClass
	if clustersPath != "" {
		if clusters, err = ner.ReadClusters(clustersPath); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	opt := ner.TrainOptions{Epochs: epochs, Mix: mix, Seed: 1, PlaceNames: places, Clusters: clusters, Log: os.Stderr}
	if err := ner.Train(&buf, docs, opt); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "model: %d bytes, %d places, %d cluster words\n", buf.Len(), len(places), len(clusters))
	return os.WriteFile(out, buf.Bytes(), 0o644)
}
