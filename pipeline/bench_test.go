package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// BenchmarkProcess measures one document through extraction, recognition and
// screening (no I/O) on the seed page, with the real UN and OFAC lists when
// ../shared/data is present and the bundled fixtures otherwise.
func BenchmarkProcess(b *testing.B) {
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "data", "lists")); err == nil {
		cfg.SetLists([]ListSpec{
			{Name: "un_sc_sanctions", Paths: []string{filepath.Join("..", "..", "shared", "data", "lists", "un", "UN_consolidated_2026-02-27.xml")}},
			{Name: "us_ofac_sdn", Paths: []string{filepath.Join("..", "..", "shared", "data", "lists", "ofac", "sdn_2024-05-03.csv"), filepath.Join("..", "..", "shared", "data", "lists", "ofac", "alt_2026.csv")}},
		})
	}
	datasets, err := LoadLists(context.Background(), cfg.Lists)
	if err != nil {
		b.Fatal(err)
	}
	proc, err := NewProcessor(cfg, datasets)
	if err != nil {
		b.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "kazakhstan-taliban.html"))
	if err != nil {
		b.Fatal(err)
	}
	doc := source.Doc{Source: "seed.html", Body: page}
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for b.Loop() {
		if rec := proc.Process(doc); rec.Document.Status != "ok" {
			b.Fatal(rec.Document.Error)
		}
	}
}
