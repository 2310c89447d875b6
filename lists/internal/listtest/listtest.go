// Package listtest finds the files the list tests read: the repository's
// testdata/lists fixtures and the real lists in ../shared/data/lists.
package listtest

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the directory holding go.mod, walking up from the test's
// working directory.
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
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// Fixture returns the path of testdata/lists/<rel> in the repository.
func Fixture(t testing.TB, rel string) string {
	t.Helper()
	return filepath.Join(RepoRoot(t), "testdata", "lists", rel)
}

// Shared returns the path of ../shared/data/lists/<rel> next to the
// repository, skipping the test with a clear message when it is absent.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "..", "shared", "data", "lists", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real list %s not available (%v); the test needs ../shared/data next to the repository", rel, err)
	}
	return p
}

// Case returns the path of ../shared/cases/<rel>, skipping when absent.
func Case(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "..", "shared", "cases", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("case file %s not available (%v)", rel, err)
	}
	return p
}
