package ftm_test

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/ftm"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

func TestReadJSONL(t *testing.T) {
	path, data := listtest.ReadFixture(t, "opensanctions_excerpt.ftm.json")
	if !ftm.DetectJSONL(string(data)) {
		t.Fatal("fixture not detected")
	}
	res, err := ftm.ReadJSONL(data, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Designations) != 2 || len(res.SetAside) != 0 || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "Address 1") {
		t.Fatalf("%d designations, set aside %v, notes %v", len(res.Designations), res.SetAside, res.Notes)
	}
	z := res.Designations[0]
	// The first Sanction line comes before the person: linking is by id after reading.
	if z.ID != "NK-aU5ybkbRFJucf8YMwsJvDw" || z.Schema != "Person" || z.Name != "Alexander Vyacheslavovich ZAKHAROV" ||
		!reflect.DeepEqual(z.Programs, []string{"EU-UKR", "SECO-UKRAINE"}) || z.ListedOn != "2025-02-24" ||
		!reflect.DeepEqual(z.ParsedBirthDates, []model.BirthDate{{Year: 1965, Month: 9, Day: 21}}) ||
		!reflect.DeepEqual(z.Nationalities, []string{"ru"}) || z.Gender != "male" || z.FirstName != "" ||
		len(z.Aliases) != 16 || z.Aliases[0] != "Aleksandr Vyacheslavovich Zakharov" {
		t.Errorf("person = %+v", *z)
	}
	if c := res.Designations[1]; c.Schema != "Company" || len(c.Programs) != 0 {
		t.Errorf("company = %+v", *c)
	}
	if len(res.Datasets) != 14 || res.Datasets[0] != "be_fod_sanctions" || res.Datasets[13] != "us_trade_csl" {
		t.Errorf("datasets = %v", res.Datasets)
	}
	bad := []byte("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"],\"weakAlias\":[\"AB\"],\"birthDate\":[\"circa 1960\",\"soon\"]}}\nnot json\n{\"id\":\"b\",\"schema\":\"Person\",\"properties\":{}}\n")
	res, err = ftm.ReadJSONL(bad, "b.json")
	if err != nil || len(res.Designations) != 1 || len(res.SetAside) != 2 || res.SetAside[0].Line != 2 || res.SetAside[1].Line != 3 ||
		!reflect.DeepEqual(res.Designations[0].WeakAliases, []string{"AB"}) || len(res.Warnings) != 1 {
		t.Errorf("bad lines: %+v, %v", res, err)
	}
}

func TestReadTargets(t *testing.T) {
	path := listtest.Shared(t, "opensanctions/wd_persons_20240310_targets.simple.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !ftm.DetectTargets(string(data)) {
		t.Fatal("not detected")
	}
	res, err := ftm.ReadTargets(data, path)
	if err != nil {
		t.Fatal(err)
	}
	want := &model.Designation{ID: "Q296771", Schema: "Person", Name: "Saad Hariri", Aliases: []string{"Hariri", "Sa'd al-Din"},
		BirthDates: []string{"1970-04-18"}, ParsedBirthDates: []model.BirthDate{{Year: 1970, Month: 4, Day: 18}}, Countries: []string{"fr", "lb", "sa"}}
	if len(res.Designations) != 5 || !reflect.DeepEqual(res.Designations[0], want) ||
		!reflect.DeepEqual(res.Datasets, []string{"Wikidata Politically Exposed Persons"}) {
		t.Errorf("got %d, first %+v, datasets %v", len(res.Designations), *res.Designations[0], res.Datasets)
	}
	if _, err := ftm.ReadTargets([]byte("a,b\n"), "x.csv"); !errors.Is(err, model.ErrMalformed) {
		t.Errorf("no header: %v", err)
	}
}

func FuzzReadJSONL(f *testing.F) {
	data, err := os.ReadFile(listtest.Fixture(f, "opensanctions_excerpt.ftm.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"id":"x","schema":"Vessel","properties":{"name":[1,{"a":2},"N"]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ftm.ReadJSONL(data, "fuzz.json")
		listtest.CheckRead(t, res, err)
	})
}

func FuzzReadTargets(f *testing.F) {
	f.Add([]byte("id,schema,name,aliases,birth_date,countries,sanctions,dataset\nQ1,Person,A B,C;D,1970,fr,,x\n"))
	f.Add([]byte("\"id\",\"schema\",\"name\",\"aliases\",\"birth_date\",\"countries\",\"sanctions\",\"dataset\"\n\"Q\",\"Address\",\"\",\"\",\"\",\"\",\"\",\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ftm.ReadTargets(data, "fuzz.csv")
		listtest.CheckRead(t, res, err)
	})
}
