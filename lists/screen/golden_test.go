package screen

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestGoldenHits pins scores, decisions and explanations for the seed
// article's names and the regression names on the hand-built designations
// (testdata/seed_hits.golden; regenerate with -update and review the diff).
func TestGoldenHits(t *testing.T) {
	ix := NewIndex(seedDatasets(), DefaultOptions())
	ctx := &Context{Text: seedText, Places: []string{"Kazakhstan", "Afghanistan", "Almaty"}, Organizations: []string{"Taliban", "Kazinform"}}
	qs := []Query{
		{Name: "Abdul Ghani Baradar", Schema: lists.SchemaPerson, Context: ctx},
		{Name: "Abdul Latif Mansour", Schema: lists.SchemaPerson, Context: ctx},
		{Name: "Omar", Title: "Mullah", Schema: lists.SchemaPerson, Context: ctx},
		{Name: "Mohammed Omar", Schema: lists.SchemaPerson},
		{Name: "Taliban", Schema: lists.SchemaOrganization, Context: ctx},
		{Name: "Tehreek-e-Taliban", Schema: lists.SchemaOrganization},
		{Name: "Kassym-Jomart Tokayev", Schema: lists.SchemaPerson, Context: ctx},
		{Name: "Baradar", Title: "Mullah", Schema: lists.SchemaPerson, Context: ctx},
		{Name: "محمد عمر", Schema: lists.SchemaPerson},
	}
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "%s %q (%s)\n", q.Title, q.Name, q.Schema)
		for _, h := range ix.Screen(q) {
			fmt.Fprintf(&b, "  %s %.4f %s/%s %q via %s %q: %s\n", h.Decision, h.Score, h.Designation.Dataset, h.Designation.ID,
				h.Designation.Name, h.AliasStrength, h.MatchedName, h.Explanation)
		}
	}
	path := filepath.Join("testdata", "seed_hits.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if b.String() != string(want) {
		t.Errorf("hits differ from %s (run with -update and review):\n%s", path, b.String())
	}
}
