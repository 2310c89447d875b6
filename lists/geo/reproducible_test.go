package geo_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/geo/internal/build"
)

// TestGazetteerReproducible rebuilds the gazetteer from ../shared/data and
// checks it is byte-for-byte the embedded one (run `go generate ./lists/geo`
// after changing the generator or the data).
func TestGazetteerReproducible(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data", "gazetteers")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data %s absent: %v", data, err)
	}
	out := t.TempDir()
	if err := build.Run(data, "demonyms.tsv", out, 100000); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"countries.tsv", "places.tsv"} {
		got, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from a fresh build (%d vs %d bytes): run go generate ./lists/geo", f, len(got), len(want))
		}
	}
}
