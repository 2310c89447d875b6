package lists_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
)

func load(t testing.TB, name string, paths ...string) *lists.Dataset {
	t.Helper()
	ds, err := lists.Load(context.Background(), name, paths)
	if err != nil {
		t.Fatalf("Load(%v): %v", paths, err)
	}
	return ds
}

func byID(t testing.TB, ds *lists.Dataset, id string) *lists.Designation {
	t.Helper()
	for _, d := range ds.Designations {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("%s: no designation %s", ds.Name, id)
	return nil
}

func countSchemas(ds *lists.Dataset) map[string]int {
	m := map[string]int{}
	for _, d := range ds.Designations {
		m[d.Schema]++
	}
	return m
}

func TestLoadUNFixture(t *testing.T) {
	ds := load(t, "", listtest.Fixture(t, "un_consolidated_excerpt.xml"))
	if ds.Name != "un_sc_sanctions" || ds.Format != lists.FormatUNXML || ds.Published != "2026-02-27" {
		t.Errorf("dataset = %q format %q published %q", ds.Name, ds.Format, ds.Published)
	}
	if got, want := countSchemas(ds), map[string]int{"Person": 6, "Organization": 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("schemas = %v, want %v", got, want)
	}
	if len(ds.SetAside) != 0 {
		t.Errorf("set aside: %v", ds.SetAside)
	}
	baradar := byID(t, ds, "TAi.024")
	want := &lists.Designation{
		Dataset: "un_sc_sanctions", ID: "TAi.024", Schema: "Person",
		Name: "ABDUL GHANI BARADAR ABDUL AHMAD TURK", FirstName: "ABDUL GHANI", LastName: "ABDUL AHMAD TURK",
		Aliases:          []string{"عبدالغنی برادر عبد الاحمد ترک", "Mullah Baradar Akhund", "Abdul Ghani Baradar"},
		Titles:           []string{"Mullah"},
		BirthDates:       []string{"circa 1968"},
		ParsedBirthDates: []lists.BirthDate{{Year: 1968, Approximate: true}},
		BirthPlaces:      []string{"Yatimak village, Dehrawood District, Uruzgan Province, Afghanistan"},
		Nationalities:    []string{"Afghanistan"},
		Programs:         []string{"Taliban"},
		Positions:        []string{"Deputy Minister of Defence under the Taliban regime"},
		ListedOn:         "2001-02-23",
	}
	want.SourceFile = ds.Files[0]
	baradar.Remarks = "" // long text, checked below
	if !reflect.DeepEqual(baradar, want) {
		t.Errorf("TAi.024 =\n%+v\nwant\n%+v", *baradar, *want)
	}
	mansur := byID(t, ds, "TAi.007")
	if mansur.Name != "ABDUL LATIF MANSUR" || !reflect.DeepEqual(mansur.Aliases[1:], []string{"Abdul Latif Mansoor", "Wali Mohammad"}) ||
		!reflect.DeepEqual(mansur.Titles, []string{"Maulavi"}) {
		t.Errorf("TAi.007 = %+v", *mansur)
	}
	omar := byID(t, ds, "TAi.004")
	if omar.Name != "MOHAMMED OMAR GHULAM NABI" || !reflect.DeepEqual(omar.Titles, []string{"Mullah"}) ||
		!reflect.DeepEqual(omar.BirthDates, []string{"circa 1966", "1960", "1953"}) || len(omar.WeakAliases) != 0 {
		t.Errorf("TAi.004 = %+v", *omar)
	}
	if !strings.HasPrefix(omar.Remarks, "Father's name is Ghulam Nabi") {
		t.Errorf("TAi.004 remarks = %q", omar.Remarks)
	}
	ttp := byID(t, ds, "QDe.132")
	if ttp.Schema != "Organization" || ttp.Name != "TEHRIK-E TALIBAN PAKISTAN (TTP)" || ttp.FirstName != "" || len(ttp.Aliases) == 0 {
		t.Errorf("QDe.132 = %+v", *ttp)
	}
}

func TestLoadOFACFixture(t *testing.T) {
	dir := listtest.Fixture(t, "ofac")
	// Order of the paths does not matter: parts are recognised by shape.
	ds := load(t, "us_ofac_sdn", filepath.Join(dir, "alt.csv"), filepath.Join(dir, "sdn_comments.csv"),
		filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "add.csv"))
	if ds.Format != lists.FormatOFACCSV || ds.Published != "" || len(ds.SHA256) != 4 || len(ds.SetAside) != 0 {
		t.Fatalf("format %q published %q sha %d set aside %v", ds.Format, ds.Published, len(ds.SHA256), ds.SetAside)
	}
	if got, want := countSchemas(ds), map[string]int{"Person": 3, "Organization": 2, "Vessel": 1, "Aircraft": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("schemas = %v, want %v", got, want)
	}
	if ids := ds.Designations[0].ID + "," + ds.Designations[len(ds.Designations)-1].ID; ids != "306,28263" {
		t.Errorf("file order broken: first,last = %s", ids)
	}
	taliban := byID(t, ds, "6636")
	if taliban.Name != "TALIBAN" || taliban.Schema != "Organization" || !reflect.DeepEqual(taliban.Programs, []string{"SDGT"}) ||
		!reflect.DeepEqual(taliban.Aliases, []string{"ISLAMIC MOVEMENT OF TALIBAN", "TAHRIKE ISLAMI'A TALIBAN", "TALEBAN", "TALIBAN ISLAMIC MOVEMENT", "TALIBANO ISLAMI TAHRIK"}) ||
		!reflect.DeepEqual(taliban.Countries, []string{"Afghanistan"}) || taliban.Remarks != "" {
		t.Errorf("6636 = %+v", *taliban)
	}
	omar := byID(t, ds, "6635")
	wantOmar := &lists.Designation{
		Dataset: "us_ofac_sdn", ID: "6635", Schema: "Person", Name: "Mohammed OMAR", FirstName: "Mohammed", LastName: "OMAR",
		BirthDates: []string{"1950"}, ParsedBirthDates: []lists.BirthDate{{Year: 1950}},
		BirthPlaces: []string{"Hotak, Kandahar Province, Afghanistan"},
		Countries:   []string{"Afghanistan"}, Programs: []string{"SDGT"},
		Positions:  []string{"Commander of the Faithful ('Amir al-Munineen')"},
		Remarks:    "DOB 1950; POB Hotak, Kandahar Province, Afghanistan; Commander of the Faithful ('Amir al-Munineen').",
		SourceFile: filepath.Join(dir, "sdn.csv"),
	}
	if !reflect.DeepEqual(omar, wantOmar) {
		t.Errorf("6635 =\n%+v\nwant\n%+v", *omar, *wantOmar)
	}
	bl := byID(t, ds, "6365")
	if bl.Name != "Usama bin Muhammad bin Awad BIN LADIN" || bl.Aliases[0] != "Usama BIN LADIN" ||
		!reflect.DeepEqual(bl.BirthDates, []string{"30 Jul 1957", "1958"}) ||
		!reflect.DeepEqual(bl.ParsedBirthDates, []lists.BirthDate{{Year: 1957, Month: 7, Day: 30}, {Year: 1958}}) {
		t.Errorf("6365 = %+v", *bl)
	}
	bnc := byID(t, ds, "306")
	if !reflect.DeepEqual(bnc.WeakAliases, []string{"BNC"}) || !reflect.DeepEqual(bnc.Aliases, []string{"NATIONAL BANK OF CUBA"}) || len(bnc.Countries) != 4 {
		t.Errorf("306 = %+v", *bnc)
	}
	// sdn_comments.csv continues the truncated remarks: "a.k.a. 'snowsjo" + "hn'".
	tian := byID(t, ds, "28263")
	if !strings.HasSuffix(tian.Remarks, "a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.") ||
		!reflect.DeepEqual(tian.LinkedTo, []string{"LAZARUS GROUP"}) || tian.WeakAliases[len(tian.WeakAliases)-1] != "snowsjohn" ||
		!reflect.DeepEqual(tian.Programs, []string{"DPRK3", "CYBER2"}) || tian.Gender != "Male" ||
		!reflect.DeepEqual(tian.Nationalities, []string{"China"}) {
		t.Errorf("28263 = %+v", *tian)
	}
	if v := byID(t, ds, "4234"); v.Schema != "Vessel" || !reflect.DeepEqual(v.Countries, []string{"Cuba"}) {
		t.Errorf("4234 = %+v", *v)
	}
	if a := byID(t, ds, "15431"); a.Schema != "Aircraft" || !reflect.DeepEqual(a.LinkedTo, []string{"POUYA AIR"}) {
		t.Errorf("15431 = %+v", *a)
	}
}

// TestLoadRealLists checks the exact counts of issue 5 on the real files.
func TestLoadRealLists(t *testing.T) {
	tests := []struct {
		name, dataset string
		files         []string
		total         int
		schemas       map[string]int
		format        string
		published     string
	}{
		{"UN", "", []string{"un/UN_consolidated_2026-02-27.xml"}, 1003, map[string]int{"Person": 730, "Organization": 273}, lists.FormatUNXML, "2026-02-27"},
		{"OFAC SDN 2024", "", []string{"ofac/sdn_2024-05-03.csv"}, 14965,
			map[string]int{"Person": 6854, "Organization": 6884, "Vessel": 851, "Aircraft": 376}, lists.FormatOFACCSV, ""},
		{"OFAC non-SDN XML", "us_ofac_cons", []string{"ofac/cons_nonsdn_2018-04-06.xml"}, 639,
			map[string]int{"Person": 94, "Organization": 471, "Vessel": 74}, lists.FormatOFACXML, "2018-04-06"},
		{"UK excerpt", "", []string{"uk/ConList_excerpt_2020.csv"}, 41,
			map[string]int{"Person": 32, "Organization": 9}, lists.FormatUKCSV, ""},
		{"FtM zala", "", []string{"opensanctions/yente_zala_entities.ftm.json"}, 17,
			map[string]int{"Person": 6, "Company": 11}, lists.FormatFtMJSON, ""},
		{"FtM t1 eu_fsf", "", []string{"opensanctions/yente_t1_eu_fsf_entities.ftm.json"}, 6,
			map[string]int{"Person": 4, "Organization": 2}, lists.FormatFtMJSON, ""},
		{"FtM targets.simple", "", []string{"opensanctions/wd_persons_20240310_targets.simple.csv"}, 5,
			map[string]int{"Person": 5}, lists.FormatFtMCSV, ""},
		{"OFAC bench 2021", "", []string{"ofac/bench_2021_sdn.csv", "ofac/bench_2021_alt.csv", "ofac/bench_2021_add.csv", "ofac/bench_2021_sdn_comments.csv"},
			8976, nil, lists.FormatOFACCSV, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var paths []string
			for _, f := range tc.files {
				paths = append(paths, listtest.Shared(t, f))
			}
			ds := load(t, tc.dataset, paths...)
			if len(ds.Designations) != tc.total || ds.Format != tc.format || ds.Published != tc.published {
				t.Errorf("got %d designations, format %q, published %q; want %d, %q, %q",
					len(ds.Designations), ds.Format, ds.Published, tc.total, tc.format, tc.published)
			}
			if tc.schemas != nil && !reflect.DeepEqual(countSchemas(ds), tc.schemas) {
				t.Errorf("schemas = %v, want %v", countSchemas(ds), tc.schemas)
			}
			if len(ds.SetAside) != 0 {
				t.Errorf("%d rows set aside, first %v", len(ds.SetAside), ds.SetAside[0])
			}
		})
	}
}

// TestLoadFixtures loads every fixture through Load: format from content,
// default dataset names (DESIGN.md), FtM naming notes.
func TestLoadFixtures(t *testing.T) {
	tests := []struct {
		file, name      string
		format, dataset string
		designations    int
		notes           int
	}{
		{"un_consolidated_excerpt.xml", "", lists.FormatUNXML, "un_sc_sanctions", 8, 0},
		{"ofac/sdn.csv", "", lists.FormatOFACCSV, "us_ofac_sdn", 7, 0},
		{"ofac_cons_excerpt.xml", "us_ofac_cons", lists.FormatOFACXML, "us_ofac_cons", 3, 0},
		{"uk_conlist_excerpt.csv", "", lists.FormatUKCSV, "gb_hmt_sanctions", 5, 0},
		{"uk_sanctions_list_excerpt.csv", "", lists.FormatUKSLCSV, "gb_fcdo_sanctions", 2, 0},
		{"eu_fsf_excerpt.xml", "", lists.FormatEUXML, "eu_fsf", 3, 0},
		{"custom_watchlist.csv", "watch", lists.FormatCustom, "watch", 2, 0},
		// Several datasets in the file and no name given: the fallback name, noted.
		{"opensanctions_excerpt.ftm.json", "", lists.FormatFtMJSON, lists.FtMFallbackDataset, 2, 2},
		// The name given wins, noted.
		{"opensanctions_excerpt.ftm.json", "zala", lists.FormatFtMJSON, "zala", 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.name, func(t *testing.T) {
			ds := load(t, tc.name, listtest.Fixture(t, tc.file))
			if ds.Format != tc.format || ds.Name != tc.dataset || len(ds.Designations) != tc.designations || len(ds.Notes) != tc.notes {
				t.Errorf("format %q, name %q, %d designations, notes %q", ds.Format, ds.Name, len(ds.Designations), ds.Notes)
			}
			for _, d := range ds.Designations {
				if d.Dataset != ds.Name {
					t.Fatalf("designation %s has dataset %q", d.ID, d.Dataset)
				}
			}
		})
	}
}

func TestLoadRealKnownEntries(t *testing.T) {
	unDS := load(t, "", listtest.Shared(t, "un/UN_consolidated_2026-02-27.xml"))
	if d := byID(t, unDS, "TAi.024"); !reflect.DeepEqual(d.Titles, []string{"Mullah"}) || !strings.Contains(d.Name, "BARADAR") {
		t.Errorf("TAi.024 = %+v", *d)
	}
	if d := byID(t, unDS, "TAi.007"); d.Name != "ABDUL LATIF MANSUR" || !slicesContain(d.Aliases, "Abdul Latif Mansoor") {
		t.Errorf("TAi.007 = %+v", *d)
	}
	if d := byID(t, unDS, "TAi.004"); d.Name != "MOHAMMED OMAR GHULAM NABI" || !reflect.DeepEqual(d.Titles, []string{"Mullah"}) {
		t.Errorf("TAi.004 = %+v", *d)
	}
	sdn := load(t, "", listtest.Shared(t, "ofac/sdn_2024-05-03.csv"), listtest.Shared(t, "ofac/alt_2026.csv"))
	if d := byID(t, sdn, "6636"); d.Name != "TALIBAN" || !reflect.DeepEqual(d.Programs, []string{"SDGT"}) || len(d.Aliases) != 5 {
		t.Errorf("6636 = %+v", *d)
	}
	if d := byID(t, sdn, "6635"); d.Name != "Mohammed OMAR" || d.LastName != "OMAR" {
		t.Errorf("6635 = %+v", *d)
	}
	// alt_2026 has aliases of entries designated after May 2024: set aside, named.
	if len(sdn.SetAside) == 0 || !strings.Contains(sdn.SetAside[0].Reason, "not in the sdn.csv") {
		t.Errorf("expected alt rows for later entries set aside, got %d", len(sdn.SetAside))
	}
}

func slicesContain(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestLoadOFACLatin1 checks an sdn.csv in OFAC's Latin-1 bytes, CRLF and
// trailing 0x1A loads with the accents intact.
func TestLoadOFACLatin1(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sdn.csv")
	row := "7,\"MU\xd1OZ, Jos\xe9\",\"individual\",\"SDNTK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"POB Bogot\xe1, Colombia.\"\r\n\x1a"
	if err := os.WriteFile(p, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	d := load(t, "", p).Designations[0]
	if d.Name != "José MUÑOZ" || !reflect.DeepEqual(d.BirthPlaces, []string{"Bogotá, Colombia"}) {
		t.Errorf("latin-1 row = %+v", *d)
	}
}

func TestLoadGzip(t *testing.T) {
	data, err := os.ReadFile(listtest.Fixture(t, "un_consolidated_excerpt.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	p := filepath.Join(t.TempDir(), "consolidated.xml.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ds := load(t, "", p)
	sum := sha256.Sum256(buf.Bytes())
	if ds.Format != lists.FormatUNXML || len(ds.Designations) != 8 || ds.SHA256[0] != hex.EncodeToString(sum[:]) {
		t.Errorf("format %q, %d designations, sha %s", ds.Format, len(ds.Designations), ds.SHA256[0])
	}
	if err := os.WriteFile(p, buf.Bytes()[:buf.Len()/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lists.Load(context.Background(), "", []string{p}); !errors.Is(err, lists.ErrMalformed) {
		t.Errorf("truncated gzip: %v", err)
	}
}

// TestLoadCustomHeader: a CSV meant as a custom list (a name column, or
// mostly custom columns) with a bad header is a malformed custom list whose
// error names file:line and the column; other CSV is an unknown format.
func TestLoadCustomHeader(t *testing.T) {
	tests := []struct {
		name, text string
		want       error
		msg        []string // substrings of the error after the file name
	}{
		{"unknown column", "name,schema,colour\nJane Doe,Person,red\n", lists.ErrMalformed,
			[]string{`w.csv:1: custom watch-list header: unknown column "colour" (field 3)`, "the accepted columns are name, schema, id,"}},
		{"misspelt and repeated", "nmae,Schema ,schema\nJane Doe,Person,Person\n", lists.ErrMalformed,
			[]string{`unknown column "nmae" (field 1, did you mean "name"?)`, `column "schema" repeated (fields 2 and 3)`}},
		{"no known layout", "id_number,colour,size\n1,red,L\n", lists.ErrUnknownFormat,
			[]string{"not a recognised XML, JSON lines or CSV layout"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "w.csv")
			if err := os.WriteFile(p, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := lists.Load(context.Background(), "", []string{p})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			for _, m := range append(tc.msg, p) {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q lacks %q", err, m)
				}
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fixture := listtest.Fixture(t, "un_consolidated_excerpt.xml")
	full, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		paths []string
		want  error
	}{
		{"empty", []string{write("empty.csv", "")}, lists.ErrUnknownFormat},
		{"html", []string{write("page.xml", "<html><body>hi</body></html>")}, lists.ErrUnknownFormat},
		{"prose", []string{write("notes.csv", "this is not a list\n")}, lists.ErrUnknownFormat},
		{"truncated UN XML", []string{write("un.xml", string(full[:len(full)/2]))}, lists.ErrMalformed},
		{"broken XML prolog", []string{write("bad.xml", "<?xml version=\"1.0\"?><")}, lists.ErrMalformed},
		{"alt.csv without sdn.csv", []string{listtest.Fixture(t, "ofac/alt.csv")}, lists.ErrMalformed},
		{"mixed formats", []string{fixture, listtest.Fixture(t, "ofac/sdn.csv")}, lists.ErrMixedFormats},
		{"missing file", []string{filepath.Join(dir, "nope.csv")}, os.ErrNotExist},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := lists.Load(context.Background(), "x", tc.paths)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), filepath.Base(tc.paths[len(tc.paths)-1])) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}
