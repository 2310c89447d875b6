package screen

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/geo"
)

var (
	realOnce sync.Once
	realDS   []*lists.Dataset
	realErr  error
)

// realDatasets loads the UN consolidated list and the OFAC SDN CSV set from
// ../shared/data/lists once per test binary, or skips.
func realDatasets(t testing.TB) []*lists.Dataset {
	t.Helper()
	dir := sharedData(t, "lists")
	realOnce.Do(func() {
		ctx := context.Background()
		un, err := lists.Load(ctx, "un_sc_sanctions", []string{filepath.Join(dir, "un", "UN_consolidated_2026-02-27.xml")})
		if err != nil {
			realErr = err
			return
		}
		ofac, err := lists.Load(ctx, "us_ofac_sdn", []string{
			filepath.Join(dir, "ofac", "sdn_2024-05-03.csv"),
			filepath.Join(dir, "ofac", "alt_2026.csv"),
			filepath.Join(dir, "ofac", "add_2026.csv"),
		})
		if err != nil {
			realErr = err
			return
		}
		realDS = []*lists.Dataset{un, ofac}
	})
	if realErr != nil {
		t.Fatalf("loading lists: %v", realErr)
	}
	return realDS
}

// TestSeedOnRealLists checks the seed article's expected designations on the
// real UN and OFAC files.
func TestSeedOnRealLists(t *testing.T) {
	ix := NewIndex(realDatasets(t), DefaultOptions())
	text := strings.Join([]string{
		"Tokayev explains why Kazakhstan took the Taliban off its terrorist list.",
		"Kazakhstan has removed the Taliban movement from its list of banned organisations, President Kassym-Jomart Tokayev said.",
		"The Taliban leadership includes Mullah Omar's successors; Abdul Ghani Baradar and Abdul Latif Mansour are on the UN list.",
		"Afghanistan borders Uzbekistan and Tajikistan.",
	}, " ")
	ctx := &Context{Text: text, Places: []string{"Kazakhstan", "Afghanistan", "Almaty", "Uzbekistan", "Tajikistan"},
		Organizations: []string{"Taliban", "Kazinform", "United Nations", "Collective Security Treaty Organization"}}
	type want struct{ dataset, id, decision string }
	tests := []struct {
		q       Query
		want    []want // must be among the hits with at least this decision
		notWant []string
		none    bool
	}{
		{q: Query{Name: "Abdul Ghani Baradar", Schema: lists.SchemaPerson, Context: ctx}, want: []want{{"un_sc_sanctions", "TAi.024", DecisionMatch}}},
		{q: Query{Name: "Abdul Latif Mansour", Schema: lists.SchemaPerson, Context: ctx}, want: []want{{"un_sc_sanctions", "TAi.007", DecisionMatch}}},
		{q: Query{Name: "Omar", Title: "Mullah", Schema: lists.SchemaPerson, Context: ctx}, want: []want{{"un_sc_sanctions", "TAi.004", DecisionReview}, {"us_ofac_sdn", "6635", DecisionReview}}},
		{q: Query{Name: "Taliban", Schema: lists.SchemaOrganization, Context: ctx}, want: []want{{"us_ofac_sdn", "6636", DecisionMatch}}, notWant: []string{"TEHRIK"}},
		{q: Query{Name: "Kassym-Jomart Tokayev", Schema: lists.SchemaPerson, Context: ctx}, none: true},
		{q: Query{Name: "Tokayev", Schema: lists.SchemaPerson, Context: ctx}, none: true},
		{q: Query{Name: "Emomali Rahmon", Schema: lists.SchemaPerson, Context: ctx}, none: true},
	}
	for _, tt := range tests {
		hits := ix.Screen(tt.q)
		if tt.none && len(hits) > 0 {
			t.Errorf("%q: want no hits, got %s", tt.q.Name, describe(hits))
		}
		for _, w := range tt.want {
			found := false
			for _, h := range hits {
				if h.Designation.Dataset == w.dataset && h.Designation.ID == w.id {
					found = true
					if w.decision == DecisionMatch && h.Decision != DecisionMatch {
						t.Errorf("%q → %s/%s decision %s, want %s (%s)", tt.q.Name, w.dataset, w.id, h.Decision, w.decision, h.Explanation)
					}
				}
			}
			if !found {
				t.Errorf("%q: %s/%s not among hits %s", tt.q.Name, w.dataset, w.id, describe(hits))
			}
		}
		for _, h := range hits {
			for _, nw := range tt.notWant {
				if strings.Contains(strings.ToUpper(h.Designation.Name), nw) {
					t.Errorf("%q: unwanted hit %s %s", tt.q.Name, h.Designation.ID, h.Designation.Name)
				}
			}
		}
	}
}

// TestAmbiguousPartialNamesRealLists: names of people in the news that
// fit several UN or OFAC designations only in part (TestAmbiguousPartialNames)
// are held at review, while the listed Taliban leaders the seed story names
// in part still match.
func TestAmbiguousPartialNamesRealLists(t *testing.T) {
	ix := NewIndex(realDatasets(t), DefaultOptions())
	for _, name := range []string{"Ali Hassan", "Pedro Sánchez", "Juan Francisco", "Joe Morgan", "Abu Bakar"} {
		for _, h := range ix.Screen(Query{Name: name, Schema: lists.SchemaPerson}) {
			if h.Decision == DecisionMatch {
				t.Errorf("%q → %s/%s %s: match, want review at most (%s)", name, h.Designation.Dataset, h.Designation.ID, h.Designation.Name, h.Explanation)
			}
		}
	}
	for name, id := range map[string]string{"Akhtar Mansour": "TAi.011", "Sirajuddin Haqqani": "TAi.144"} {
		hits := ix.Screen(Query{Name: name, Schema: lists.SchemaPerson})
		if !slices.ContainsFunc(hits, func(h Hit) bool { return h.Designation.ID == id && h.Decision == DecisionMatch }) {
			t.Errorf("%q: want %s as a match among %s", name, id, describe(hits))
		}
	}
}

// TestCommonNamesRealLists: on UN + OFAC, two common name parts read from
// an article with no support beyond a country are not a match, while the
// news's names of designated people with a rarer part still are.
func TestCommonNamesRealLists(t *testing.T) {
	ix := NewIndex(realDatasets(t), DefaultOptions())
	for _, k := range []string{"muhammad", "han", "javir", "dias"} {
		if !ix.commonParts[k] {
			t.Errorf("%q is not a common name part", k)
		}
	}
	for _, k := range []string{"bashar", "sirajudin", "maduro", "deif"} {
		if ix.commonParts[k] {
			t.Errorf("%q is a common name part", k)
		}
	}
	for k, want := range map[string]bool{"bank": true, "islamik": true, "armi": true, "kentral": true, "people": true, "liberation": true, "kuds": false, "taliban": false, "hamas": false} {
		if ix.commonOrgWords[k] != want {
			t.Errorf("%q: a common organisation name word %v, want %v", k, !want, want)
		}
	}
	held := map[string]string{
		"Mohammad Khan": "A fabric seller in Lahore, Pakistan, said prices rose.",
		"Javier Diaz":   "Javier Diaz wrote the draft with colleagues.",
		"Kim Yong-chol": "Kim Yong-chol sells dumplings in Osaka, Japan.",
	}
	for name, text := range held {
		for _, h := range ix.Screen(Query{Name: name, Schema: lists.SchemaPerson, Context: &Context{Text: text}}) {
			if h.Decision == DecisionMatch {
				t.Errorf("%q → %s/%s %s: match, want review at most (%s)", name, h.Designation.Dataset, h.Designation.ID, h.Designation.Name, h.Explanation)
			}
		}
	}
	for _, tt := range []struct{ name, text, org, id string }{
		{"Bashar Assad", "Syria's president spoke.", "", "12735"},
		{"Delcy Rodriguez", "Venezuela's vice president spoke.", "", "25077"},
		{"Sirajuddin Haqqani", "The interior minister of Afghanistan.", "Taliban", "TAi.144"},
	} {
		ctx := &Context{Text: tt.text}
		if tt.org != "" {
			ctx.Organizations = []string{tt.org}
		}
		hits := ix.Screen(Query{Name: tt.name, Schema: lists.SchemaPerson, Context: ctx})
		if !slices.ContainsFunc(hits, func(h Hit) bool { return h.Designation.ID == tt.id && h.Decision == DecisionMatch }) {
			t.Errorf("%q: want %s as a match among %s", tt.name, tt.id, describe(hits))
		}
	}
}

func describe(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		b.WriteString("\n  " + h.Designation.Dataset + "/" + h.Designation.ID + " " + h.Designation.Name + " " + h.Decision + " " + h.Explanation)
	}
	return b.String()
}

// TestRecallRealLists screens listed names (every 7th designation's primary
// name, and the same with its middle letter dropped) against the full UN +
// OFAC index: the designation must be found, as a match for an exact name of
// two or more parts.
func TestRecallRealLists(t *testing.T) {
	ds := realDatasets(t)
	ix := NewIndex(ds, DefaultOptions())
	var exact, typo, nExact, nTypo int
	var missed, missedTypo []string
	k := 0
	for _, d := range ds {
		for _, des := range d.Designations {
			k++
			if k%7 != 0 || len(strings.Fields(des.Name)) < 2 {
				continue
			}
			schema := querySchema(des.Schema)
			found := func(name string, wantMatch bool) bool {
				for _, h := range ix.Screen(Query{Name: name, Schema: schema}) {
					if h.Designation == des && (!wantMatch || h.Decision == DecisionMatch) {
						return true
					}
				}
				return false
			}
			nExact++
			if found(des.Name, prepareQuery(Query{Name: des.Name}).name.sig > 1) {
				exact++
			} else if len(missed) < 10 {
				missed = append(missed, des.Dataset+"/"+des.ID+" "+des.Name)
			}
			if r := []rune(des.Name); len(r) > 8 {
				nTypo++
				q := string(r[:len(r)/2]) + string(r[len(r)/2+1:])
				if found(q, false) {
					typo++
				} else if len(missedTypo) < 25 {
					missedTypo = append(missedTypo, q)
				}
			}
		}
	}
	t.Logf("exact %d/%d, one letter dropped %d/%d; missed e.g. %v %q", exact, nExact, typo, nTypo, missed, missedTypo)
	if float64(exact) < 0.99*float64(nExact) {
		t.Errorf("exact listed names found as match: %d/%d, want ≥ 99%%", exact, nExact)
	}
	if float64(typo) < 0.88*float64(nTypo) {
		t.Errorf("names with one letter dropped found: %d/%d, want ≥ 88%%", typo, nTypo)
	}
}

// TestAcronymsRealLists screens every short acronym name (isAcronym) of the
// UN and OFAC organisations, without the legal form some are published with
// ("PCC" of "PCC FZE"): alone it matches no acronym name of any
// organisation; with the designation's country named in the
// document, a one-word acronym name is a match for its designation.
func TestAcronymsRealLists(t *testing.T) {
	ds := realDatasets(t)
	ix := NewIndex(ds, DefaultOptions())
	n := 0
	for _, d := range ds {
		for _, des := range d.Designations {
			if !isOrg(des.Schema) {
				continue
			}
			e := newEntry(des, "")
			for _, published := range des.AllNames() {
				nn := Normalize(published)
				if !isAcronym(nn) {
					continue
				}
				name := "" // the acronym without the legal forms it is published with
				for _, tok := range nn.Tokens {
					if tok.Kind == KindName {
						name = strings.ToUpper(tok.Text)
					}
				}
				n++
				for _, h := range ix.Screen(Query{Name: name}) {
					if h.Decision == DecisionMatch && isOrg(h.Designation.Schema) && isAcronym(Normalize(h.MatchedName)) {
						t.Errorf("%q alone: match %s/%s %s (%s)", name, h.Designation.Dataset, h.Designation.ID, h.Designation.Name, h.Explanation)
					}
				}
				if len(e.countries) == 0 || len(nn.Tokens) > 1 {
					continue // "MAK INTERNATIONAL SERVICES CO LTD" is more than "MAK" with context
				}
				ctx := &Context{Text: "It operates in " + geo.Name(e.countries[0]) + "."}
				found := false
				for _, h := range ix.Screen(Query{Name: name, Context: ctx}) {
					found = found || h.Designation == des && h.Decision == DecisionMatch
				}
				if !found {
					t.Errorf("%q with %s in the document: %s/%s not a match", name, geo.Name(e.countries[0]), des.Dataset, des.ID)
				}
			}
		}
	}
	t.Logf("%d acronym names of organisations", n)
	if n < 400 {
		t.Errorf("%d acronym names on the real lists, want at least 400 (the UN and OFAC files have 425)", n)
	}
}
