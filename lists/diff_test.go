package lists_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
)

func TestDiff(t *testing.T) {
	dir := listtest.Fixture(t, "ofac")
	old := load(t, "", filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "alt.csv"))
	// New snapshot: 306 removed, 99999 added, 6636 loses an alias and gains a
	// programme, 6635 renamed; alias order changes alone are no change.
	data, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sdn := string(data)
	sdn = strings.Replace(sdn, "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'BNC'.\"\r\n", "", 1)
	sdn = strings.Replace(sdn, "\"TALIBAN\",-0- ,\"SDGT\"", "\"TALIBAN\",-0- ,\"SDGT] [AFG\"", 1)
	sdn = strings.Replace(sdn, "\"OMAR, Mohammed\"", "\"OMAR, Muhammad\"", 1)
	sdn = strings.TrimSuffix(sdn, "\x1a") + "99999,\"NEW ENTITY\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	alt := "6636,4328,\"aka\",\"TALIBANO ISLAMI TAHRIK\",-0- \r\n6636,4324,\"aka\",\"ISLAMIC MOVEMENT OF TALIBAN\",-0- \r\n6636,4325,\"aka\",\"TAHRIKE ISLAMI'A TALIBAN\",-0- \r\n6636,4326,\"aka\",\"TALEBAN\",-0- \r\n" +
		"6365,4227,\"aka\",\"BIN LADIN, Usama\",-0- \r\n6365,4757,\"aka\",\"BIN LADEN, Usama\",-0- \r\n6365,4771,\"aka\",\"BIN LADEN, Osama\",-0- \r\n6365,4772,\"aka\",\"BIN LADIN, Osama\",-0- \r\n6365,4773,\"aka\",\"BIN LADIN, Osama bin Muhammad bin Awad\",-0- \r\n"
	tmp := t.TempDir()
	for name, content := range map[string]string{"sdn.csv": sdn, "alt.csv": alt} {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := load(t, "", filepath.Join(tmp, "sdn.csv"), filepath.Join(tmp, "alt.csv"))
	got := lists.Diff(old, next)
	want := lists.DiffResult{
		Added:   []lists.DiffEntry{{ID: "99999", Name: "NEW ENTITY", Schema: "Organization"}},
		Removed: []lists.DiffEntry{{ID: "306", Name: "BANCO NACIONAL DE CUBA", Schema: "Organization"}},
		Changed: []lists.DiffChange{
			{ID: "6635", Name: "Muhammad OMAR", Changes: []lists.FieldChange{{Field: "name", Added: []string{"Muhammad OMAR"}, Removed: []string{"Mohammed OMAR"}}}},
			{ID: "6636", Name: "TALIBAN", Changes: []lists.FieldChange{
				{Field: "aliases", Added: []string{}, Removed: []string{"TALIBAN ISLAMIC MOVEMENT"}},
				{Field: "programs", Added: []string{"AFG"}, Removed: []string{}},
			}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff =\n%+v\nwant\n%+v", got, want)
	}
	if same := lists.Diff(old, old); len(same.Added)+len(same.Removed)+len(same.Changed) != 0 {
		t.Errorf("self diff = %+v", same)
	}
}

// TestDiffReal is issue 5's acceptance figure: the 2021 SDN CSV set to the
// 2024 sdn.csv.
func TestDiffReal(t *testing.T) {
	var old []string
	for _, f := range []string{"bench_2021_sdn.csv", "bench_2021_alt.csv", "bench_2021_add.csv", "bench_2021_sdn_comments.csv"} {
		old = append(old, listtest.Shared(t, "ofac/"+f))
	}
	d := lists.Diff(load(t, "", old...), load(t, "", listtest.Shared(t, "ofac/sdn_2024-05-03.csv")))
	if len(d.Added) != 6870 || len(d.Removed) != 881 {
		t.Errorf("added=%d removed=%d, want added=6870 removed=881", len(d.Added), len(d.Removed))
	}
}
