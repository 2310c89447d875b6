package un_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
	"github.com/sanctionscan/sanctionscan/lists/un"
)

func read(t testing.TB, path string) *model.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := un.Read(data, path)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestC05 is case C05: name parts, alias quality, empty nodes, structured dates.
func TestC05(t *testing.T) {
	res := read(t, listtest.Case(t, "C05/un_entries.xml"))
	want := []*model.Designation{
		{ID: "QDi.901", Schema: "Person", Name: "RASHID HAMID AL-NOURI", FirstName: "RASHID", LastName: "AL-NOURI",
			Titles: []string{"Mullah"}, Aliases: []string{"Rashid Hamed al-Nuri", "Rasheed al-Noori"}, WeakAliases: []string{"Abu Sami"},
			BirthDates: []string{"circa 1968"}, ParsedBirthDates: []model.BirthDate{{Year: 1968, Approximate: true}}, Programs: []string{"Al-Qaida"}},
		{ID: "KPi.902", Schema: "Person", Name: "MARAT OSPANOV", FirstName: "MARAT", LastName: "OSPANOV",
			BirthDates: []string{"1966-1969"}, ParsedBirthDates: []model.BirthDate{{FromYear: 1966, ToYear: 1969}}, Programs: []string{"DPRK"}},
		{ID: "TAi.903", Schema: "Person", Name: "ZARKANI",
			BirthDates: []string{"1975-04-09"}, ParsedBirthDates: []model.BirthDate{{Year: 1975, Month: 4, Day: 9}}, Programs: []string{"Taliban"}},
	}
	if res.Published != "2024-01-01" || len(res.SetAside) != 0 || len(res.Warnings) != 0 {
		t.Errorf("published %q, set aside %v, warnings %v", res.Published, res.SetAside, res.Warnings)
	}
	if len(res.Designations) != len(want) {
		t.Fatalf("%d designations, want %d", len(res.Designations), len(want))
	}
	for i, d := range res.Designations {
		if !reflect.DeepEqual(d, want[i]) {
			t.Errorf("designation %d =\n%+v\nwant\n%+v", i, *d, *want[i])
		}
	}
}

func TestReadSetsAsideAndFails(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2024-01-01T00:00:00"><INDIVIDUALS>`
	tests := []struct {
		name      string
		doc       string
		loaded    int
		setAside  []model.SetAside
		malformed bool
	}{
		{"no reference", head + `<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL><INDIVIDUAL><FIRST_NAME>B</FIRST_NAME><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`,
			1, []model.SetAside{{File: "f.xml", Line: 1, Reason: "no REFERENCE_NUMBER"}}, false},
		{"no name", head + "\n<INDIVIDUAL><FIRST_NAME> </FIRST_NAME><REFERENCE_NUMBER>X.2</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
			0, []model.SetAside{{File: "f.xml", Line: 2, Reason: "X.2: no name"}}, false},
		{"truncated", head + `<INDIVIDUAL><FIRST_NAME>A`, 0, nil, true},
		{"other root", `<sdnList></sdnList>`, 0, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := un.Read([]byte(tc.doc), "f.xml")
			if tc.malformed {
				if !errors.Is(err, model.ErrMalformed) {
					t.Fatalf("err = %v, want ErrMalformed", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Designations) != tc.loaded || !reflect.DeepEqual(res.SetAside, tc.setAside) {
				t.Errorf("loaded %d, set aside %+v; want %d, %+v", len(res.Designations), res.SetAside, tc.loaded, tc.setAside)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, p := range []string{listtest.Fixture(f, "un_consolidated_excerpt.xml")} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>R</REFERENCE_NUMBER><INDIVIDUAL_ALIAS/><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1</FROM_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := un.Read(data, "fuzz.xml")
		listtest.CheckRead(t, res, err)
	})
}
