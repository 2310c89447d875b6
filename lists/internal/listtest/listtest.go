// Package listtest finds the files the list tests read: the repository's
// testdata/lists fixtures and the real lists in ../shared/data/lists.
package listtest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/model"
	"github.com/sanctionscan/sanctionscan/pipeline/sharedtest"
)

// RepoRoot returns the directory holding go.mod.
func RepoRoot(t testing.TB) string { return sharedtest.RepoRoot(t) }

// Fixture returns the path of testdata/lists/<rel> in the repository.
func Fixture(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(RepoRoot(t), "testdata", "lists", rel)
}

// Shared returns the path of ../shared/data/lists/<rel> next to the
// repository, skipping the test with a clear message when it is absent.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	return sharedtest.Data(t, filepath.Join("lists", rel))
}

// Case returns the path of ../shared/cases/<rel>, skipping when absent.
func Case(t testing.TB, rel string) string {
	t.Helper()
	return sharedtest.Shared(t, filepath.Join("cases", rel))
}

// ReadFixture returns the path and bytes of testdata/lists/<rel>.
func ReadFixture(t testing.TB, rel string) (string, []byte) {
	t.Helper()
	path := Fixture(t, rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// CheckRead asserts what every list reader promises for any input, the
// invariant of the fuzz targets: an error wraps model.ErrMalformed, and every
// designation read has an id, a name and a schema.
func CheckRead(t *testing.T, res *model.Result, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, model.ErrMalformed) {
			t.Fatal(err)
		}
		return
	}
	for _, d := range res.Designations {
		if d.ID == "" || d.Name == "" || d.Schema == "" {
			t.Fatalf("designation without id, name or schema: %+v", *d)
		}
	}
}
