package ofac

import (
	"regexp"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
)

// Remarks is what ParseRemarks finds in an OFAC remarks text (the sdn.csv
// Remarks column joined with its sdn_comments.csv continuation).
type Remarks struct {
	WeakAliases   []string // a.k.a./f.k.a./n.k.a. 'X' — OFAC's weak aliases live only here
	BirthDates    []string // "DOB X" / "alt. DOB X", as published
	BirthPlaces   []string // "POB X" / "alt. POB X"
	Nationalities []string // "nationality X" / "alt. nationality X"
	Citizenships  []string // "citizen X" / "alt. citizen X"
	Gender        string   // "Gender Male"
	LinkedTo      []string // "Linked To: X"
}

// remarkItems maps the prefix of a remarks item (matched case-insensitively)
// to the Remarks field it fills; longer prefixes come before their suffixes.
var remarkItems = []struct {
	prefix string
	add    func(r *Remarks, value string)
}{
	{"a.k.a.", func(r *Remarks, v string) { r.WeakAliases = listio.AppendUnique(r.WeakAliases, unquote(v)) }},
	{"f.k.a.", func(r *Remarks, v string) { r.WeakAliases = listio.AppendUnique(r.WeakAliases, unquote(v)) }},
	{"n.k.a.", func(r *Remarks, v string) { r.WeakAliases = listio.AppendUnique(r.WeakAliases, unquote(v)) }},
	{"alt. DOB ", func(r *Remarks, v string) { r.BirthDates = listio.AppendUnique(r.BirthDates, v) }},
	{"DOB ", func(r *Remarks, v string) { r.BirthDates = listio.AppendUnique(r.BirthDates, v) }},
	{"alt. POB ", func(r *Remarks, v string) { r.BirthPlaces = listio.AppendUnique(r.BirthPlaces, v) }},
	{"POB ", func(r *Remarks, v string) { r.BirthPlaces = listio.AppendUnique(r.BirthPlaces, v) }},
	{"alt. nationality ", func(r *Remarks, v string) { r.Nationalities = listio.AppendUnique(r.Nationalities, v) }},
	{"nationality ", func(r *Remarks, v string) { r.Nationalities = listio.AppendUnique(r.Nationalities, v) }},
	{"alt. citizen ", func(r *Remarks, v string) { r.Citizenships = listio.AppendUnique(r.Citizenships, v) }},
	{"citizen ", func(r *Remarks, v string) { r.Citizenships = listio.AppendUnique(r.Citizenships, v) }},
	{"Gender ", func(r *Remarks, v string) { r.Gender = v }},
	{"Linked To:", func(r *Remarks, v string) { r.LinkedTo = listio.AppendUnique(r.LinkedTo, v) }},
}

var (
	// reAbbrevEnd matches a last word that ends in its own full stop, so a
	// remark's closing "." must not be cut from it: "LTD.", "INC.", "S.A.", "C.V.".
	reAbbrevEnd = regexp.MustCompile(`(?i)(?:\b(?:LTD|INC|CO|CORP|JSC|PJSC|OJSC|CJSC|PLC|BHD|PTE|PVT|LTDA|CIA|SRL|SPA|GMBH|LLC|AG|NV|BV|SA|AS)|\.[A-Z]{1,3})\.$`)
)

// ParseRemarks splits an OFAC remarks text into its "; "-separated items and
// reads the ones it knows (see Remarks). The text's closing full stop is
// removed from the last item unless it ends an abbreviation ("SHIPPING LTD.").
// Quoted a.k.a. values keep inner apostrophes ("TAHRIKE ISLAMI'A"); single or
// double quotes may delimit them (C04). Unknown items are ignored; the full
// text stays in Designation.Remarks.
func ParseRemarks(text string) Remarks {
	var r Remarks
	items := strings.Split(text, ";")
	for i, item := range items {
		item = listio.Collapse(item)
		if strings.HasPrefix(item, "(") && strings.HasSuffix(item, ")") { // sdn.xml: "(Linked To: X)"
			item = item[1 : len(item)-1]
		}
		if i == len(items)-1 && strings.HasSuffix(item, ".") && !reAbbrevEnd.MatchString(item) {
			item = strings.TrimSuffix(item, ".")
		}
		for _, ri := range remarkItems {
			if len(item) > len(ri.prefix) && strings.EqualFold(item[:len(ri.prefix)], ri.prefix) {
				if v := strings.TrimSpace(item[len(ri.prefix):]); v != "" {
					ri.add(&r, v)
				}
				break
			}
		}
	}
	return r
}

// unquote removes one pair of matching surrounding quotes (' or ").
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}
