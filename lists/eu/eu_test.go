package eu_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/eu"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

func TestRead(t *testing.T) {
	path, data := listtest.ReadFixture(t, "eu_fsf_excerpt.xml")
	res, err := eu.Read(data, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2024-05-03" || len(res.Designations) != 3 || len(res.SetAside) != 0 || len(res.Warnings) != 0 {
		t.Fatalf("published %q, %d designations, set aside %v, warnings %v", res.Published, len(res.Designations), res.SetAside, res.Warnings)
	}
	want := []*model.Designation{
		{ID: "13", Schema: "Person", Name: "Saddam Hussein Al-Tikriti", FirstName: "Saddam", LastName: "Hussein Al-Tikriti",
			WeakAliases: []string{"Abu Ali"}, Gender: "Male", Programs: []string{"IRQ"}, ListedOn: "2003-07-08",
			Nationalities: []string{"IRAQ"}, BirthDates: []string{"1937-04-28"}, ParsedBirthDates: []model.BirthDate{{Year: 1937, Month: 4, Day: 28}},
			BirthPlaces: []string{"al-Awja, near Tikrit, IRAQ"}},
		{ID: "900001", Schema: "Person", Name: "Vitaly Yurievich KUZMENKO", FirstName: "Vitaly", LastName: "KUZMENKO",
			Aliases: []string{"Виталий Юрьевич КУЗЬМЕНКО"}, Positions: []string{"General Director of JSC 163 Armor Repair Plant"},
			Gender: "Male", Programs: []string{"UKR"}, ListedOn: "2023-06-23", Nationalities: []string{"RUSSIAN FEDERATION"},
			Remarks:    "The plant is part of the High Precision Systems holding company of Rostec",
			BirthDates: []string{"1971-01-22"}, ParsedBirthDates: []model.BirthDate{{Year: 1971, Month: 1, Day: 22}}},
		{ID: "900010", Schema: "Organization", Name: "Islamic Revolutionary Guard Corps", Aliases: []string{"IRGC"},
			Programs: []string{"IRN"}, ListedOn: "2012-03-24", Countries: []string{"IRAN (ISLAMIC REPUBLIC OF)"}},
	}
	for i, d := range res.Designations {
		if !reflect.DeepEqual(d, want[i]) {
			t.Errorf("designation %d =\n%+v\nwant\n%+v", i, *d, *want[i])
		}
	}
	if _, err := eu.Read(data[:len(data)/2], path); !errors.Is(err, model.ErrMalformed) {
		t.Errorf("truncated: err = %v", err)
	}
	res, err = eu.Read([]byte(`<export><sanctionEntity logicalId="1"><nameAlias wholeName=""/></sanctionEntity><sanctionEntity logicalId="2"><nameAlias wholeName="X"/><birthdate year="1960" circa="true"/></sanctionEntity></export>`), "s.xml")
	if err != nil || len(res.SetAside) != 1 || len(res.Designations) != 1 || res.Designations[0].BirthDates[0] != "circa 1960" {
		t.Errorf("set aside: %+v, %v", res, err)
	}
}

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile(listtest.Fixture(f, "eu_fsf_excerpt.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := eu.Read(data, "fuzz.xml")
		listtest.CheckRead(t, res, err)
	})
}
