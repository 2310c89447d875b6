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

var (
	reDOB         = regexp.MustCompile(`^(?:alt\.\s+)?DOB\s+(.+)$`)
	rePOB         = regexp.MustCompile(`^(?:alt\.\s+)?POB\s+(.+)$`)
	reNationality = regexp.MustCompile(`(?i)^(?:alt\.\s+)?nationality\s+(.+)$`)
	reCitizen     = regexp.MustCompile(`(?i)^(?:alt\.\s+)?citizen\s+(.+)$`)
	reGender      = regexp.MustCompile(`^Gender\s+(.+)$`)
	reLinked      = regexp.MustCompile(`(?i)^Linked To:\s*(.+)$`)
	reAKA         = regexp.MustCompile(`(?i)^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*(.+)$`)
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
		if item == "" {
			continue
		}
		if m := reAKA.FindStringSubmatch(item); m != nil {
			r.WeakAliases = listio.AppendUnique(r.WeakAliases, unquote(m[1]))
		} else if m := reDOB.FindStringSubmatch(item); m != nil {
			r.BirthDates = listio.AppendUnique(r.BirthDates, m[1])
		} else if m := rePOB.FindStringSubmatch(item); m != nil {
			r.BirthPlaces = listio.AppendUnique(r.BirthPlaces, m[1])
		} else if m := reNationality.FindStringSubmatch(item); m != nil {
			r.Nationalities = listio.AppendUnique(r.Nationalities, m[1])
		} else if m := reCitizen.FindStringSubmatch(item); m != nil {
			r.Citizenships = listio.AppendUnique(r.Citizenships, m[1])
		} else if m := reGender.FindStringSubmatch(item); m != nil {
			r.Gender = m[1]
		} else if m := reLinked.FindStringSubmatch(item); m != nil {
			r.LinkedTo = listio.AppendUnique(r.LinkedTo, m[1])
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
