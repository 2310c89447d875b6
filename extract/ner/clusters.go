package ner

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// ReadClusters reads a word-cluster file: one "word TAB bitstring" per line
// (the output of extract/ner/cmd/clusters). Words are lower-cased.
func ReadClusters(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		w, bits, ok := strings.Cut(sc.Text(), "\t")
		if !ok || w == "" || bits == "" {
			return nil, fmt.Errorf("ner: clusters %s:%d: want word TAB bits", path, line)
		}
		out[lowerForm(w)] = bits
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	return out, nil
}
