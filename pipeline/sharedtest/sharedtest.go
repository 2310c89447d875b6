// Package sharedtest locates what tests read: the repository root and the
// real data, seed article and reported cases in ../shared beside the
// repository (see ../shared/data/README.md). Tests that need ../shared skip
// with a clear message when it is absent, so a clone alone still tests.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the directory holding go.mod, walking up from the test's
// working directory (its package folder).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Shared returns ../shared/<rel> beside the repository, skipping the test
// when it is absent.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s is absent (%v): this test needs ../shared beside the repository", p, err)
	}
	return p
}

// Data returns ../shared/data/<rel> (real lists, pages, corpora), or skips.
func Data(t testing.TB, rel string) string {
	t.Helper()
	return Shared(t, filepath.Join("data", rel))
}
