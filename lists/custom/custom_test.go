package custom_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/custom"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

func TestRead(t *testing.T) {
	path, data := listtest.ReadFixture(t, "custom_watchlist.csv")
	if !custom.Detect(string(data)) {
		t.Fatal("fixture not detected")
	}
	res, err := custom.Read(data, path)
	if err != nil {
		t.Fatal(err)
	}
	want := []*model.Designation{
		{ID: "watch-1", Schema: "Person", Name: "Abdul Ghani Baradar", Aliases: []string{"Mullah Baradar", "Baradar Akhund"},
			Programs: []string{"newsroom-watch"}, BirthDates: []string{"circa 1968"},
			ParsedBirthDates: []model.BirthDate{{Year: 1968, Approximate: true}}, Remarks: "Also on the UN list as TAi.024"},
		{ID: "watch-2", Schema: "Organization", Name: "Banco Nacional de Cuba", Aliases: []string{"BNC", "National Bank of Cuba"},
			Programs: []string{"newsroom-watch"}, Remarks: "Also on the OFAC SDN list as 306"},
	}
	if !reflect.DeepEqual(res.Designations, want) || len(res.SetAside) != 0 {
		t.Errorf("got %+v %+v, set aside %v", *res.Designations[0], *res.Designations[1], res.SetAside)
	}
}

func TestReadRows(t *testing.T) {
	text := "Schema,NAME\nperson,A\nrobot,B\n,\nPerson,A\nvessel,MV X,extra\nvessel,MV Y\n"
	res, err := custom.Read([]byte(text), "w.csv")
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, s := range res.SetAside {
		lines = append(lines, s.Line)
	}
	if len(res.Designations) != 2 || res.Designations[0].ID != "A" || res.Designations[1].Schema != "Vessel" ||
		!reflect.DeepEqual(lines, []int{3, 4, 5, 6}) {
		t.Errorf("designations %d, set aside %+v", len(res.Designations), res.SetAside)
	}
	for _, bad := range []string{"name,schema,alias\n", "name\n", ""} {
		if _, err := custom.Read([]byte(bad), "b.csv"); !errors.Is(err, model.ErrMalformed) {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile(listtest.Fixture(f, "custom_watchlist.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("name,schema,id\n\"A \"x\" B\",Person,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := custom.Read(data, "fuzz.csv")
		listtest.CheckRead(t, res, err)
	})
}
