package ofac_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
	"github.com/sanctionscan/sanctionscan/lists/ofac"
)

func TestReadXML(t *testing.T) {
	path, data := listtest.ReadFixture(t, "ofac_cons_excerpt.xml")
	res, err := ofac.ReadXML(data, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != "2018-04-06" || len(res.Designations) != 3 || len(res.SetAside) != 0 || len(res.Notes) != 0 {
		t.Fatalf("published %q, %d designations, set aside %v, notes %v", res.Published, len(res.Designations), res.SetAside, res.Notes)
	}
	haniya := res.Designations[1]
	want := &model.Designation{ID: "9639", Schema: "Person", Name: "Ismail Abdul Salah HANIYA", FirstName: "Ismail Abdul Salah", LastName: "HANIYA",
		Aliases: []string{"Ismail HANIYA", "Ismaeel HANIYYA"}, Programs: []string{"NS-PLC"},
		BirthDates: []string{"1962"}, ParsedBirthDates: []model.BirthDate{{Year: 1962}}, BirthPlaces: []string{"Shati"}}
	if !reflect.DeepEqual(haniya, want) {
		t.Errorf("9639 =\n%+v\nwant\n%+v", *haniya, *want)
	}
	shona := res.Designations[2]
	if shona.Schema != "Vessel" || shona.Name != "SHONA" || !reflect.DeepEqual(shona.LinkedTo, []string{"NATIONAL IRANIAN TANKER COMPANY"}) {
		t.Errorf("15036 = %+v", *shona)
	}
	if bank := res.Designations[0]; bank.Schema != "Organization" || len(bank.Aliases) != 3 || !reflect.DeepEqual(bank.Countries, []string{"Iran"}) {
		t.Errorf("4632 = %+v", *bank)
	}
	// A wrong Record_Count is noted; a truncated file is an error.
	short := []byte(`<sdnList xmlns="http://tempuri.org/sdnList.xsd"><publshInformation><Publish_Date>bad</Publish_Date><Record_Count>2</Record_Count></publshInformation><sdnEntry><uid>1</uid><lastName>X</lastName></sdnEntry><sdnEntry><lastName>NO UID</lastName></sdnEntry><sdnEntry><uid>3</uid><lastName>Y</lastName></sdnEntry></sdnList>`)
	res, err = ofac.ReadXML(short, "s.xml")
	if err != nil || res.Published != "" || len(res.Designations) != 2 || len(res.SetAside) != 1 || len(res.Notes) != 1 {
		t.Errorf("short: %+v, %v", res, err)
	}
	if _, err := ofac.ReadXML(data[:len(data)-200], path); !errors.Is(err, model.ErrMalformed) {
		t.Errorf("truncated: err = %v", err)
	}
}

func FuzzReadXML(f *testing.F) {
	data, err := os.ReadFile(listtest.Fixture(f, "ofac_cons_excerpt.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<sdnList><sdnEntry><uid>1</uid><lastName>X</lastName><dateOfBirthList><dateOfBirthItem><dateOfBirth>circa</dateOfBirth></dateOfBirthItem></dateOfBirthList></sdnEntry></sdnList>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ofac.ReadXML(data, "fuzz.xml")
		listtest.CheckRead(t, res, err)
	})
}
