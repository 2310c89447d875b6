package uk_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
	"github.com/sanctionscan/sanctionscan/lists/uk"
)

func TestRead(t *testing.T) {
	path, data := listtest.ReadFixture(t, "uk_conlist_excerpt.csv")
	if uk.Detect(listio.Decode(data)) != uk.OFSIConList {
		t.Fatal("fixture not detected")
	}
	res, err := uk.Read(data, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2020-02-28" || len(res.Designations) != 5 || len(res.SetAside) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("published %q, %d designations, set aside %v, warnings %v", res.Published, len(res.Designations), res.SetAside, res.Warnings)
	}
	q := res.Designations[0]
	if q.ID != "13349" || q.Name != "Sheikh Farooq AL-QAHTANI" || q.FirstName != "Sheikh" || q.LastName != "AL-QAHTANI" ||
		!reflect.DeepEqual(q.BirthDates, []string{"00/00/1980", "00/00/1981"}) ||
		!reflect.DeepEqual(q.ParsedBirthDates, []model.BirthDate{{Year: 1980}, {Year: 1981}}) ||
		!reflect.DeepEqual(q.Nationalities, []string{"Saudi Arabia", "Qatar"}) || q.ListedOn != "2016-04-01" ||
		!reflect.DeepEqual(q.Programs, []string{"The ISIL (Da'esh) and Al-Qaida organisations"}) {
		t.Errorf("13349 = %+v", *q)
	}
	// Windows-1252 quotes decoded.
	var corps *model.Designation
	for _, d := range res.Designations {
		if d.ID == "13222" {
			corps = d
		}
	}
	if corps == nil || !strings.Contains(corps.Remarks, "so-called ’2nd Army Corps’ of the ‘Lugansk People´s Republic’") || corps.Schema != "Organization" {
		t.Errorf("13222 = %+v", corps)
	}
	// 13720: one row per alias × date of birth, one designation.
	hajji := res.Designations[len(res.Designations)-1]
	if hajji.ID != "13720" || len(hajji.BirthDates) != 5 || !reflect.DeepEqual(hajji.Aliases, []string{"Hajji ABD AL-NASR"}) ||
		!reflect.DeepEqual(hajji.BirthPlaces, []string{"Tall 'Afar, Iraq"}) {
		t.Errorf("13720 = %+v", *hajji)
	}
}

func TestReadRowsAndPrime(t *testing.T) {
	text := "Name 6,Name 1,Group Type,Alias Type,Alias Quality,Group ID,Name Non-Latin Script\r\n" +
		"DOE,Jon,Individual,AKA,Good,7,\r\n" +
		"DOE,John,Individual,Prime Alias,,7,Джон Доу\r\n" +
		"DOE,J,Individual,AKA,Low,7,\r\n" +
		"SHORT,row\r\n" +
		",,Entity,Prime Alias,,8,\r\n"
	res, err := uk.Read([]byte(text), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := &model.Designation{ID: "7", Schema: "Person", Name: "John DOE", FirstName: "John", LastName: "DOE",
		Aliases: []string{"Jon DOE", "Джон Доу"}, WeakAliases: []string{"J DOE"}}
	if len(res.Designations) != 1 || !reflect.DeepEqual(res.Designations[0], want) {
		t.Errorf("designations = %+v", *res.Designations[0])
	}
	if len(res.SetAside) != 2 || res.SetAside[0].Line != 5 || res.SetAside[1].Line != 6 {
		t.Errorf("set aside = %+v", res.SetAside)
	}
	if _, err := uk.Read([]byte("a,b\r\n1,2\r\n"), "x.csv"); !errors.Is(err, model.ErrMalformed) {
		t.Errorf("no header: err = %v", err)
	}
}

// TestReadFCDO reads the FCDO UK Sanctions List layout (fixture written from
// the published headings; the Unique IDs are illustrative).
func TestReadFCDO(t *testing.T) {
	path, data := listtest.ReadFixture(t, "uk_sanctions_list_excerpt.csv")
	if v := uk.Detect(listio.Decode(data)); v != uk.FCDOSanctionsList {
		t.Fatalf("Detect = %v", v)
	}
	res, err := uk.Read(data, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2024-06-05" || len(res.Designations) != 2 || len(res.SetAside) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("published %q, %d designations, set aside %v, warnings %v", res.Published, len(res.Designations), res.SetAside, res.Warnings)
	}
	want := &model.Designation{ID: "AFG0024", Schema: "Person", Name: "Abdul Ghani BARADAR", FirstName: "Abdul Ghani", LastName: "BARADAR",
		Aliases: []string{"عبدالغنی برادر", "Mullah Baradar AKHUND"}, Titles: []string{"Mullah"}, Programs: []string{"Afghanistan"},
		Countries: []string{"Afghanistan"}, Gender: "Male",
		ListedOn: "2001-02-23", BirthDates: []string{"00/00/1968"}, ParsedBirthDates: []model.BirthDate{{Year: 1968}},
		Nationalities: []string{"Afghan"}, Positions: []string{"Deputy Minister of Defence under the Taliban regime"},
		BirthPlaces: []string{"Yatimak village, Afghanistan"}, Remarks: "UN Ref TAi.024."}
	if !reflect.DeepEqual(res.Designations[0], want) {
		t.Errorf("AFG0024 =\n%+v\nwant\n%+v", *res.Designations[0], *want)
	}
	if d := res.Designations[1]; d.Schema != "Vessel" || d.Name != "TONG SAN 2" || !reflect.DeepEqual(d.WeakAliases, []string{"TONGSAN 2"}) {
		t.Errorf("ship = %+v", *d)
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile(listtest.Fixture(f, "uk_conlist_excerpt.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("Last Updated,00/00/2020\nName 6,Group Type,Group ID,DOB\nX,Individual,1,31/02/1970\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := uk.Read(data, "fuzz.csv")
		listtest.CheckRead(t, res, err)
	})
}
