package custom_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
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

// TestReadHeader: a header with an unknown, misspelt, empty or repeated
// column, or without name or schema, fails with file:line, every such column
// and the accepted columns; case and surrounding spaces do not matter.
func TestReadHeader(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // substrings of the error; none: the header is valid
	}{
		{"unknown column", "name,schema,colour\nJane Doe,Person,red\n",
			[]string{`w.csv:1: custom watch-list header: unknown column "colour" (field 3)`,
				"the accepted columns are name, schema, id, aliases, weak_aliases, titles, birth_dates, nationalities, countries, programs, listed_on, remarks"}},
		{"misspelt name", "nmae,schema\nJane Doe,Person\n",
			[]string{`unknown column "nmae" (field 1, did you mean "name"?)`, `no "name" column`}},
		{"separator and plural", "name,schema,weak aliases,nationality,alias\n",
			[]string{`"weak aliases" (field 3, did you mean "weak_aliases"?)`, `"nationality" (field 4, did you mean "nationalities"?)`,
				`"alias" (field 5, did you mean "aliases"?)`}},
		{"repeated after case and spaces", "Name,Schema ,NAME \nA,Person,B\n",
			[]string{`w.csv:1:`, `column "name" repeated (fields 1 and 3)`}},
		{"empty column", "name,schema,\n", []string{`field 3 has no column name`}},
		{"header after blank lines", "\n\nname,Schema,colour\n", []string{`w.csv:3:`, `"colour" (field 3)`}},
		{"no schema", "name,id\n", []string{`w.csv:1:`, `no "schema" column`}},
		{"no header", "", []string{"w.csv: header: EOF"}},
		{"valid, any case and spaces", " Name , SCHEMA,Weak_Aliases\nJane Doe,person,J.D.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := custom.Read([]byte(tc.text), "w.csv")
			if tc.want == nil {
				if err != nil || len(res.Designations) != 1 || res.Designations[0].WeakAliases[0] != "J.D." {
					t.Fatalf("err %v, result %+v", err, res)
				}
				return
			}
			if !errors.Is(err, model.ErrMalformed) {
				t.Fatalf("err = %v, want model.ErrMalformed", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestDetect: a header with a name column, or mostly custom columns (exact
// or misspelt), is a custom list; other CSV headers are not.
func TestDetect(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"name,schema,aliases,id,programs,birth_dates,remarks\n", true},
		{"name,schema,colour\n", true},
		{" NAME ,email,phone,address\n", true},
		{"nmae,Schema ,colour\n", true},
		{"nmae,colour\n", false},
		{"this is not a list\n", false},
		{"ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := custom.Detect(tc.text); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.text, got, tc.want)
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
	f.Add([]byte("nmae,Schema ,schema,colour,\nJane Doe,Person,Person,red,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := custom.Read(data, "fuzz.csv")
		listtest.CheckRead(t, res, err)
	})
}
