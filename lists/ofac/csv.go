// Package ofac reads the US Treasury OFAC lists: the legacy CSV set (sdn.csv,
// alt.csv, add.csv, sdn_comments.csv — or the same four files of the
// Consolidated non-SDN list) and the sdnList XML (sdn.xml, consolidated.xml).
//
// CSV format (https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas):
// no header; "-0-" is the null value and appears unquoted with a trailing
// space, so a field is null when it equals "-0-" after trimming (a value that
// merely contains it, "AB-0-7731", is kept — C04); files are Latin-1
// (Windows-1252) with CRLF line ends and a trailing 0x1A byte; quotes inside
// sdn_comments.csv fields are not always doubled (read with LazyQuotes).
// Each file is recognised by the field count of its rows (DetectPart).
//
// Mapping: ent_num is the id; SDN_Type individual/vessel/aircraft give Person,
// Vessel, Aircraft, anything else (OFAC leaves entities' type null)
// Organization. People's "SURNAME, Given" names (and their aliases) are put in
// natural order keeping the list's casing: "OMAR, Mohammed" → "Mohammed OMAR",
// FirstName "Mohammed", LastName "OMAR". Program "DPRK3] [CYBER2" gives two
// programmes. alt.csv aka/fka/nka rows are strong aliases; the a.k.a.s in the
// remarks are OFAC's weak aliases (ParseRemarks), as are DOB, POB, nationality,
// citizen, Gender and Linked To. sdn_comments.csv continues a truncated Remarks
// field and is appended to it verbatim. The Title column is a position.
package ofac

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// Part is one file of an OFAC CSV set.
type Part string

// The parts of an OFAC CSV set and their field counts.
const (
	PartSDN      Part = "sdn.csv"          // 12 fields: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
	PartAlt      Part = "alt.csv"          // 5 fields: ent_num, alt_num, alt_type, alt_name, alt_remarks
	PartAdd      Part = "add.csv"          // 6 fields: ent_num, add_num, address, city/state/postal, country, add_remarks
	PartComments Part = "sdn_comments.csv" // 2 fields: ent_num, remarks continuation
)

// partFields is the field count of each part's rows.
var partFields = map[Part]int{PartSDN: 12, PartAlt: 5, PartAdd: 6, PartComments: 2}

var reEntNum = regexp.MustCompile(`^[0-9]+$`)

// DetectPart recognises which file of an OFAC CSV set text (decoded, see
// listio.Decode) is, from its first record (after an "ent_num,..." header
// row, which some mirrors add): a numeric ent_num and 12, 5, 6 or 2 fields.
// ok is false for anything else.
func DetectPart(text string) (part Part, ok bool) {
	r := listio.CSVReader(text)
	rec, err := r.Read()
	if err == nil && isHeader(rec) {
		rec, err = r.Read()
	}
	if err != nil || len(rec) == 0 || !reEntNum.MatchString(strings.TrimSpace(rec[0])) {
		return "", false
	}
	for p, n := range partFields { // field counts are distinct: one match at most
		if n == len(rec) {
			return p, true
		}
	}
	return "", false
}

// isHeader reports whether rec is a column header row ("ent_num,SDN_Name,..."),
// which OFAC's files lack but some mirrors add.
func isHeader(rec []string) bool {
	return len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "ent_num")
}

// File is one decoded file of a CSV set.
type File struct {
	Path string
	Text string // decoded text (listio.Decode)
	Part Part   // from DetectPart
}

// ReadCSVSet joins the files of one OFAC CSV set on ent_num. At least one
// sdn.csv part is required (else an error wrapping model.ErrMalformed). Rows
// with the wrong field count, a non-numeric or repeated ent_num, or no name,
// and alt/add/comments rows whose ent_num is not in the sdn.csv parts, are set
// aside with file, line and reason; the rest loads.
func ReadCSVSet(files []File) (*model.Result, error) {
	if !slices.ContainsFunc(files, func(f File) bool { return f.Part == PartSDN }) {
		return nil, fmt.Errorf("%w: OFAC CSV set without an sdn.csv file", model.ErrMalformed)
	}
	res := &model.Result{}
	set := &csvSet{byID: map[string]*model.Designation{}, comments: map[string]string{}}
	for _, part := range []Part{PartSDN, PartComments, PartAlt, PartAdd} {
		for _, f := range files {
			if f.Part == part {
				readPart(f, res, set)
			}
		}
	}
	for i, d := range res.Designations {
		d.Remarks += set.comments[d.ID]
		errs := applyRemarks(d)
		res.Warnings = listio.Warn(res.Warnings, set.locs[i].File, set.locs[i].Line, errs)
	}
	return res, nil
}

// csvSet is the state of one ReadCSVSet call.
type csvSet struct {
	byID     map[string]*model.Designation
	locs     []model.SetAside // file and line of each designation, parallel to Result.Designations
	comments map[string]string
}

// null returns the trimmed field, or "" when it is OFAC's null "-0-".
func null(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

func readPart(f File, res *model.Result, set *csvSet) {
	r := listio.CSVReader(f.Text)
	want := partFields[f.Part]
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		line, _ := r.FieldPos(0)
		setAside := func(format string, args ...any) {
			res.SetAside = append(res.SetAside, model.SetAside{File: f.Path, Line: line, Reason: fmt.Sprintf(format, args...)})
		}
		if err != nil {
			setAside("%v", err)
			continue
		}
		if (len(rec) == 1 && strings.TrimSpace(rec[0]) == "") || (line == 1 && isHeader(rec)) {
			continue
		}
		if len(rec) != want {
			setAside("%d fields, want %d for %s", len(rec), want, f.Part)
			continue
		}
		id := strings.TrimSpace(rec[0])
		if !reEntNum.MatchString(id) {
			setAside("ent_num %q is not a number", id)
			continue
		}
		if f.Part == PartSDN {
			if set.byID[id] != nil {
				setAside("ent_num %s repeated", id)
				continue
			}
			d := sdnRow(rec)
			d.SourceFile = f.Path
			if d.Name == "" {
				setAside("ent_num %s has no name", id)
				continue
			}
			set.byID[id] = d
			set.locs = append(set.locs, model.SetAside{File: f.Path, Line: line})
			res.Designations = append(res.Designations, d)
			continue
		}
		d := set.byID[id]
		if d == nil {
			setAside("%s row for ent_num %s, which is not in the sdn.csv file(s)", f.Part, id)
			continue
		}
		switch f.Part {
		case PartComments:
			set.comments[id] += rec[1]
		case PartAlt:
			name := null(rec[3])
			if d.Schema == model.SchemaPerson {
				name, _, _ = NaturalOrder(name)
			}
			if name != d.Name {
				d.Aliases = listio.AppendUnique(d.Aliases, name)
			}
		case PartAdd:
			d.Countries = listio.AppendUnique(d.Countries, null(rec[4]))
		}
	}
}

// sdnRow maps one 12-field sdn.csv record.
func sdnRow(rec []string) *model.Designation {
	d := &model.Designation{
		ID:      strings.TrimSpace(rec[0]),
		Schema:  Schema(null(rec[2])),
		Remarks: null(rec[11]),
	}
	d.Name = null(rec[1])
	if d.Schema == model.SchemaPerson {
		d.Name, d.FirstName, d.LastName = NaturalOrder(d.Name)
	}
	d.Programs = SplitPrograms(null(rec[3]))
	d.Positions = listio.AppendUnique(nil, null(rec[4]))
	d.Countries = listio.AppendUnique(nil, null(rec[9])) // vessel flag
	return d
}

// Schema maps an OFAC SDN type (sdn.csv SDN_Type, sdn.xml sdnType) to a schema.
func Schema(sdnType string) string {
	switch strings.ToLower(strings.TrimSpace(sdnType)) {
	case "individual":
		return model.SchemaPerson
	case "vessel":
		return model.SchemaVessel
	case "aircraft":
		return model.SchemaAircraft
	}
	return model.SchemaOrganization
}

// SplitPrograms splits sdn.csv's Program field, which joins several
// programmes as "DPRK3] [CYBER2", into ["DPRK3", "CYBER2"].
func SplitPrograms(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "] [") {
		out = listio.AppendUnique(out, strings.Trim(p, "[] "))
	}
	return out
}

// NaturalOrder turns a person's "SURNAME, Given names" into "Given names
// SURNAME", keeping the list's casing, and returns the given and family name.
// A name without ", " is returned unchanged with empty parts.
func NaturalOrder(name string) (natural, given, family string) {
	family, given, ok := strings.Cut(name, ", ")
	family, given = strings.TrimSpace(family), strings.TrimSpace(given)
	if !ok || family == "" || given == "" {
		return strings.TrimSpace(name), "", ""
	}
	return given + " " + family, given, family
}

// applyRemarks copies what ParseRemarks finds into d; it returns the errors
// of birth dates that do not parse.
func applyRemarks(d *model.Designation) []error {
	if d.Remarks == "" {
		return nil
	}
	r := ParseRemarks(d.Remarks)
	for _, a := range r.WeakAliases {
		if a != d.Name && !listio.Contains(d.Aliases, a) {
			d.WeakAliases = listio.AppendUnique(d.WeakAliases, a)
		}
	}
	d.BirthPlaces = listio.AppendUnique(d.BirthPlaces, r.BirthPlaces...)
	d.Nationalities = listio.AppendUnique(d.Nationalities, r.Nationalities...)
	d.Countries = listio.AppendUnique(d.Countries, r.Citizenships...)
	d.LinkedTo = listio.AppendUnique(d.LinkedTo, r.LinkedTo...)
	if d.Gender == "" {
		d.Gender = r.Gender
	}
	return listio.AddBirthDates(d, r.BirthDates...)
}
