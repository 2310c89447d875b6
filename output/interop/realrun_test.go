package interop

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// readParquet reads every complete part of table under dir with parquet-go
// into the output row type T.
func readParquet[T any](t *testing.T, dir, table string) []T {
	t.Helper()
	parts, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []T
	for _, p := range parts {
		got, err := parquet.ReadFile[T](p)
		if err != nil && len(got) == 0 && err.Error() != "EOF" {
			t.Fatalf("%s: %v", p, err)
		}
		rows = append(rows, got...)
	}
	return rows
}

// TestRealRun runs the pipeline with the repository's config.yaml over the
// bundled articles (UTF-8 and windows-1251), a missing file (an error row)
// and, when ../shared/data is present, the 130 mozilla-readability pages
// (many languages and scripts), with small parts; then DuckDB and pqarrow
// must read every table as parquet-go does and as the run counted it.
func TestRealRun(t *testing.T) {
	root := filepath.Join("..", "..")
	cfg, err := pipeline.LoadConfig(filepath.Join(root, "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = t.TempDir()
	cfg.Inputs = []string{
		filepath.Join(root, "testdata", "articles"),
		filepath.Join(root, "testdata", "articles-cp1251"),
		filepath.Join(t.TempDir(), "missing.html"),
	}
	pages, _ := filepath.Glob(filepath.Join(root, "..", "shared", "data", "html", "mozilla-readability", "test", "test-pages", "*", "source.html"))
	if len(pages) == 0 {
		t.Log("../shared/data is absent: running on the bundled articles only")
	}
	cfg.Inputs = append(cfg.Inputs, pages...)
	cfg.Output.PartRows = 1000
	cfg.Output.RowGroupRows = 256
	res, err := pipeline.Run(context.Background(), cfg, pipeline.Env{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if res.Rows[output.TableMatches] == 0 || res.ErrorsByStage == nil {
		t.Errorf("a real run over the seed article must have matches and an error row: rows %v, errors %v", res.Rows, res.ErrorsByStage)
	}
	expected := map[string][]row{
		output.TableDocuments:    rowsOf(readParquet[output.Document](t, cfg.Out, output.TableDocuments), documentRow),
		output.TableMentions:     rowsOf(readParquet[output.Mention](t, cfg.Out, output.TableMentions), mentionRow),
		output.TableMatches:      rowsOf(readParquet[output.Match](t, cfg.Out, output.TableMatches), matchRow),
		output.TableDesignations: rowsOf(readParquet[output.Designation](t, cfg.Out, output.TableDesignations), designationRow),
	}
	for _, table := range tables {
		parts, _ := filepath.Glob(filepath.Join(cfg.Out, table, "*.parquet"))
		t.Logf("%s: %d rows in %d parts", table, len(expected[table]), len(parts))
		if rows := expected[table]; len(rows) != res.Rows[table] {
			t.Errorf("%s: %d rows in the parts, the run counted %d", table, len(rows), res.Rows[table])
		}
	}
	if _, err := os.Stat(filepath.Join(cfg.Out, output.ManifestName)); err != nil {
		t.Errorf("manifest: %v", err)
	}
	agree(t, cfg.Out, res.RunID, expected)
}
