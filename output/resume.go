package output

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
)

// ReadSources returns the source of every document in the complete documents
// parts under dir (dir/documents/*.parquet; hidden temporary files are never
// matched), for --resume to skip those inputs. Documents with status "error"
// count as done too: their error row is already written. A missing or empty
// dir gives an empty set; an unreadable part is an error.
func ReadSources(dir string) (map[string]bool, error) {
	parts, err := filepath.Glob(filepath.Join(dir, TableDocuments, "*.parquet"))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	type sourceRow struct {
		Source string `parquet:"source"`
	}
	seen := make(map[string]bool)
	for _, p := range parts {
		rows, err := parquet.ReadFile[sourceRow](p)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("output: read sources of %s: %w", p, err)
		}
		for _, r := range rows {
			seen[r.Source] = true
		}
	}
	return seen, nil
}
