package lists_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/<name>, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// relativise makes fixture paths in a summary independent of the checkout.
func relativise(t *testing.T, s *lists.DatasetSummary) {
	root := listtest.RepoRoot(t) + string(filepath.Separator)
	for i, f := range s.Files {
		s.Files[i] = filepath.ToSlash(strings.TrimPrefix(f, root))
	}
	for i := range s.SetAside {
		s.SetAside[i].File = filepath.ToSlash(strings.TrimPrefix(s.SetAside[i].File, root))
	}
}

func TestSummaryGolden(t *testing.T) {
	dir := listtest.Fixture(t, "ofac")
	sets := map[string][]string{
		"summary_un.json":   {listtest.Fixture(t, "un_consolidated_excerpt.xml")},
		"summary_ofac.json": {filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "alt.csv"), filepath.Join(dir, "add.csv"), filepath.Join(dir, "sdn_comments.csv")},
		"summary_uk.json":   {listtest.Fixture(t, "uk_conlist_excerpt.csv")},
	}
	for name, paths := range sets {
		t.Run(name, func(t *testing.T) {
			s := lists.Summary(load(t, "", paths...))
			relativise(t, &s)
			out, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name, append(out, '\n'))
		})
	}
}

func TestSummaryCounts(t *testing.T) {
	s := lists.Summary(load(t, "", listtest.Fixture(t, "un_consolidated_excerpt.xml")))
	if s.Designations != 8 || s.BySchema["Person"] != 6 || s.BySchema["Organization"] != 2 || s.WeakAliases == 0 || s.Aliases == 0 {
		t.Errorf("summary = %+v", s)
	}
	out, _ := json.Marshal(s)
	for _, key := range []string{`"dataset":"un_sc_sanctions"`, `"published":"2026-02-27"`, `"set_aside":[]`, `"by_schema":{"Organization":2,"Person":6}`} {
		if !bytes.Contains(out, []byte(key)) {
			t.Errorf("JSON lacks %s: %s", key, out)
		}
	}
}

// TestDesignationsGolden pins the full mapping of every fixture: any change
// to a reader shows up as a golden-file diff (go test ./lists -update).
func TestDesignationsGolden(t *testing.T) {
	dir := listtest.Fixture(t, "ofac")
	sets := map[string][]string{
		"designations_un.json":       {listtest.Fixture(t, "un_consolidated_excerpt.xml")},
		"designations_ofac.json":     {filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "alt.csv"), filepath.Join(dir, "add.csv"), filepath.Join(dir, "sdn_comments.csv")},
		"designations_ofac_xml.json": {listtest.Fixture(t, "ofac_cons_excerpt.xml")},
		"designations_uk_sl.json":    {listtest.Fixture(t, "uk_sanctions_list_excerpt.csv")},
		"designations_uk.json":       {listtest.Fixture(t, "uk_conlist_excerpt.csv")},
		"designations_eu.json":       {listtest.Fixture(t, "eu_fsf_excerpt.xml")},
		"designations_ftm.json":      {listtest.Fixture(t, "opensanctions_excerpt.ftm.json")},
		"designations_custom.json":   {listtest.Fixture(t, "custom_watchlist.csv")},
	}
	for name, paths := range sets {
		t.Run(name, func(t *testing.T) {
			ds := load(t, "", paths...)
			root := listtest.RepoRoot(t) + string(filepath.Separator)
			for _, d := range ds.Designations {
				if !slices.Contains(ds.Files, d.SourceFile) {
					t.Fatalf("%s: source file %q not among %v", d.ID, d.SourceFile, ds.Files)
				}
				d.SourceFile = filepath.ToSlash(strings.TrimPrefix(d.SourceFile, root))
			}
			out, err := json.MarshalIndent(ds.Designations, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name, append(out, '\n'))
		})
	}
}
