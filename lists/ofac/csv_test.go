package ofac_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
	"github.com/sanctionscan/sanctionscan/lists/ofac"
)

func file(t testing.TB, path string) ofac.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := listio.Decode(data)
	part, ok := ofac.DetectPart(text)
	if !ok {
		t.Fatalf("%s: not recognised as an OFAC CSV part", path)
	}
	return ofac.File{Path: path, Text: text, Part: part}
}

// TestC04 is case C04: "-0- " nulls, values containing "-0-", unescaped quotes
// in sdn_comments.csv, remarks items.
func TestC04(t *testing.T) {
	sdn := file(t, listtest.Case(t, "C04/sdn_snippet.csv"))
	comments := file(t, listtest.Case(t, "C04/sdn_comments_snippet.csv"))
	if sdn.Part != ofac.PartSDN || comments.Part != ofac.PartComments {
		t.Fatalf("parts = %s, %s", sdn.Part, comments.Part)
	}
	res, err := ofac.ReadCSVSet([]ofac.File{sdn, comments})
	if err != nil {
		t.Fatal(err)
	}
	want := []*model.Designation{
		{ID: "61002", Schema: "Organization", Name: "NORTHREACH SHIPPING LTD.", Programs: []string{"IRAN"},
			Remarks: "Registration ID AB-0-7731 (Freedonia).", SourceFile: sdn.Path},
		{ID: "61003", Schema: "Organization", Name: "KESSLER, Jonas", Programs: []string{"RUSSIA-EO14024"}, SourceFile: sdn.Path},
	}
	if !reflect.DeepEqual(res.Designations, want) {
		t.Errorf("designations =\n%+v\n%+v", *res.Designations[0], *res.Designations[1])
	}
	// 61004's comments row parses (no quote error) but has no sdn.csv row: set aside, named.
	if len(res.SetAside) != 1 || res.SetAside[0].Line != 1 || !strings.Contains(res.SetAside[0].Reason, "ent_num 61004") {
		t.Errorf("set aside = %+v", res.SetAside)
	}
	rec, err := listio.CSVReader(comments.Text).Read()
	if err != nil {
		t.Fatalf("comments row: %v", err)
	}
	if !strings.HasPrefix(rec[1], "ull Phone Number 5550102030") || !strings.HasSuffix(rec[1], "NORTHREACH SHIPPING LTD.") {
		t.Errorf("comments text not kept verbatim: %q", rec[1])
	}
	r := ofac.ParseRemarks(rec[1])
	if !reflect.DeepEqual(r.WeakAliases, []string{"nightowl77", "greyfinch"}) || !reflect.DeepEqual(r.LinkedTo, []string{"NORTHREACH SHIPPING LTD."}) {
		t.Errorf("remarks = %+v", r)
	}
}

func TestNulls(t *testing.T) {
	text := "1,\"A\",-0-,\"P\",-0- , -0- ,\"-0-\",\"AB-0-7731\",\"-0-x\",-0- ,-0- ,-0- \r\n"
	res, err := ofac.ReadCSVSet([]ofac.File{{Path: "s", Text: text, Part: ofac.PartSDN}})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Designations[0]
	if d.Schema != "Organization" || d.Positions != nil || d.Remarks != "" || d.Countries != nil {
		t.Errorf("nulls not read as null: %+v", *d)
	}
}

func TestSetAsideRows(t *testing.T) {
	text := strings.Join([]string{
		`1,"GOOD ONE",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`x2,"BAD ID",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`3,"SHORT ROW",-0- `,
		`1,"REPEATED",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`4,-0- ,-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
		`5,"SMITH, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB someday; POB Nowhere."`,
	}, "\r\n") + "\r\n"
	alt := "5,1,\"aka\",\"SMYTH, Jon\",-0- \r\n9,2,\"aka\",\"ORPHAN\",-0- \r\n"
	res, err := ofac.ReadCSVSet([]ofac.File{{Path: "sdn", Text: text, Part: ofac.PartSDN}, {Path: "alt", Text: alt, Part: ofac.PartAlt}})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, s := range res.SetAside {
		lines = append(lines, s.Line)
	}
	if len(res.Designations) != 2 || !reflect.DeepEqual(lines, []int{2, 3, 4, 5, 2}) || res.SetAside[4].File != "alt" {
		t.Errorf("loaded %d, set aside %+v", len(res.Designations), res.SetAside)
	}
	smith := res.Designations[1]
	if smith.Name != "John SMITH" || !reflect.DeepEqual(smith.Aliases, []string{"Jon SMYTH"}) ||
		!reflect.DeepEqual(smith.BirthDates, []string{"someday"}) || smith.ParsedBirthDates != nil ||
		len(res.Warnings) != 1 || res.Warnings[0].Line != 6 || !reflect.DeepEqual(smith.BirthPlaces, []string{"Nowhere"}) {
		t.Errorf("5 = %+v, warnings %+v", *smith, res.Warnings)
	}
}

func TestHeaderRowSkipped(t *testing.T) {
	text := "ent_num,alt_num,alt_type,alt_name,alt_remarks\r\n1,2,\"aka\",\"X\",-0- \r\n"
	sdn := `1,"A",-0- ,"P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `
	res, err := ofac.ReadCSVSet([]ofac.File{{Path: "s", Text: sdn, Part: ofac.PartSDN}, {Path: "a", Text: text, Part: ofac.PartAlt}})
	if err != nil || len(res.SetAside) != 0 || !reflect.DeepEqual(res.Designations[0].Aliases, []string{"X"}) {
		t.Errorf("header row: %+v, %v", res, err)
	}
}

func TestDetectPart(t *testing.T) {
	for _, tc := range []struct {
		text string
		part ofac.Part
		ok   bool
	}{
		{`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `, ofac.PartSDN, true},
		{`36,12,"aka","AERO-CARIBBEAN",-0- `, ofac.PartAlt, true},
		{`36,25,-0- ,"Havana","Cuba",-0- `, ofac.PartAdd, true},
		{`28263,"hn'; Linked To: LAZARUS GROUP."`, ofac.PartComments, true},
		{"ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n" +
			`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `, ofac.PartSDN, true},
		{`ent_num,name`, "", false},
		{`1,2,3`, "", false},
		{``, "", false},
	} {
		part, ok := ofac.DetectPart(tc.text)
		if part != tc.part || ok != tc.ok {
			t.Errorf("DetectPart(%q) = %q, %v; want %q, %v", tc.text, part, ok, tc.part, tc.ok)
		}
	}
}

func TestParseRemarks(t *testing.T) {
	for _, tc := range []struct {
		text string
		want ofac.Remarks
	}{
		{"a.k.a. 'BNC'.", ofac.Remarks{WeakAliases: []string{"BNC"}}},
		{"DOB 30 Jul 1957; alt. DOB 1958; POB Jeddah, Saudi Arabia; alt. POB Yemen.",
			ofac.Remarks{BirthDates: []string{"30 Jul 1957", "1958"}, BirthPlaces: []string{"Jeddah, Saudi Arabia", "Yemen"}}},
		{"nationality Iran; alt. nationality Iraq; citizen Iran; Gender Female; a.k.a. 'AL-QA'IDA'; Linked To: LAZARUS GROUP.",
			ofac.Remarks{Nationalities: []string{"Iran", "Iraq"}, Citizenships: []string{"Iran"}, Gender: "Female",
				WeakAliases: []string{"AL-QA'IDA"}, LinkedTo: []string{"LAZARUS GROUP"}}},
		{"Linked To: BANCO, S.A.", ofac.Remarks{LinkedTo: []string{"BANCO, S.A."}}},
		{"Registration ID AB-0-7731 (Freedonia).", ofac.Remarks{}},
	} {
		if got := ofac.ParseRemarks(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRemarks(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

func TestNaturalOrderAndPrograms(t *testing.T) {
	for _, tc := range [][4]string{
		{"OMAR, Mohammed", "Mohammed OMAR", "Mohammed", "OMAR"},
		{"VARGAS QUINTERO, Emilio Andres", "Emilio Andres VARGAS QUINTERO", "Emilio Andres", "VARGAS QUINTERO"},
		{"MONONYM", "MONONYM", "", ""},
		{", Given", ", Given", "", ""},
	} {
		n, g, f := ofac.NaturalOrder(tc[0])
		if n != tc[1] || g != tc[2] || f != tc[3] {
			t.Errorf("NaturalOrder(%q) = %q, %q, %q", tc[0], n, g, f)
		}
	}
	if got := ofac.SplitPrograms("DPRK3] [CYBER2"); !reflect.DeepEqual(got, []string{"DPRK3", "CYBER2"}) {
		t.Errorf("SplitPrograms = %v", got)
	}
}

func FuzzReadCSVSet(f *testing.F) {
	for _, name := range []string{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"} {
		data, err := os.ReadFile(listtest.Fixture(f, "ofac/"+name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("1,\"A \"B\" C\",-0- \r\n\x1a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text := listio.Decode(data)
		part, ok := ofac.DetectPart(text)
		if !ok {
			part = ofac.PartSDN // the reader must cope with anything
		}
		sdn := `1,"X, Y","individual","P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `
		res, err := ofac.ReadCSVSet([]ofac.File{{Path: "base", Text: sdn, Part: ofac.PartSDN}, {Path: "fuzz", Text: text, Part: part}})
		listtest.CheckRead(t, res, err)
	})
}
