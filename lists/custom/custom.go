// Package custom reads sanctionscan's own CSV format for custom watch lists.
//
// Format: a CSV file (RFC 4180 quoting; UTF-8, or Windows-1252 when not valid
// UTF-8) whose first row is a header. Columns may come in any order; name and
// schema are required, the others optional:
//
//	name           primary name, natural order ("Given Surname")
//	schema         Person, Organization, Company, LegalEntity, Vessel or Aircraft (any case)
//	id             designation id; defaults to the name; must be unique
//	aliases        strong aliases, separated by ";"
//	weak_aliases   weak aliases (only ever lead to review), separated by ";"
//	titles         honorifics/offices, separated by ";"
//	birth_dates    birth dates as published, separated by ";" (see lists.ParseDate)
//	nationalities  separated by ";"
//	countries      separated by ";"
//	programs       programmes, separated by ";"
//	listed_on      listing date, ISO 8601
//	remarks        free text
//
// Example:
//
//	name,schema,aliases,id,programs
//	Jane Roe,Person,J. Roe;Jane R. Roe,watch-1,internal
//	Acme Shipping Ltd,Organization,,watch-2,internal
//
// Column names are matched ignoring case and surrounding spaces ("Schema "
// is schema). A header column not in this list, an empty or repeated column,
// or a missing name or schema column is an error naming the file, the
// header's line and each such column (it is most likely a typo); a row with
// the wrong field count, no name, an unknown schema or a repeated id is set
// aside with its line and reason.
package custom

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/antzucaro/matchr"
	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// Columns are the columns the format knows, in the documented order.
var Columns = []string{"name", "schema", "id", "aliases", "weak_aliases", "titles", "birth_dates",
	"nationalities", "countries", "programs", "listed_on", "remarks"}

var schemas = map[string]string{}

func init() {
	for _, s := range []string{model.SchemaPerson, model.SchemaOrganization, model.SchemaCompany,
		model.SchemaLegalEntity, model.SchemaVessel, model.SchemaAircraft} {
		schemas[strings.ToLower(s)] = s
	}
}

// columnKey is how a header field is matched against Columns: trimmed and
// lower-cased.
func columnKey(field string) string { return strings.ToLower(strings.TrimSpace(field)) }

// nearest returns the column of Columns that key (a columnKey) most likely
// means, "" when none is close: the closest by optimal string alignment
// distance (matchr.OSA: an insertion, deletion, substitution or swap of two
// neighbours is one edit; the first in Columns order wins a tie), with spaces
// and hyphens read as underscores, within (len(column)+2)/4 edits: one for
// name and id ("nmae"), two for schema to remarks ("alias"), three for
// birth_dates, weak_aliases and nationalities ("nationality"). A column of
// Columns is its own nearest.
func nearest(key string) string {
	key = strings.NewReplacer(" ", "_", "-", "_").Replace(key)
	best, bestDist := "", 0
	for _, c := range Columns {
		if d := matchr.OSA(key, c); d <= (len(c)+2)/4 && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// header reads the header row from r and maps each column to its field
// index; n is the row's field count. An empty, unknown or repeated column, or
// a missing name or schema column, is an error that gives file:line of the
// header, every such column with its field number (1-based) and, for an
// unknown one, the column it most likely means (see nearest), and the
// accepted Columns.
func header(r *csv.Reader, file string) (cols map[string]int, n int, err error) {
	rec, err := r.Read()
	if err != nil {
		return nil, 0, fmt.Errorf("%s: header: %w", file, err)
	}
	cols = map[string]int{}
	var problems []string
	for i, field := range rec {
		c := columnKey(field)
		first, repeated := cols[c]
		switch {
		case c == "":
			problems = append(problems, fmt.Sprintf("field %d has no column name", i+1))
		case !listio.Contains(Columns, c):
			p := fmt.Sprintf("unknown column %q (field %d", field, i+1)
			if near := nearest(c); near != "" {
				p += fmt.Sprintf(", did you mean %q?", near)
			}
			problems = append(problems, p+")")
		case repeated:
			problems = append(problems, fmt.Sprintf("column %q repeated (fields %d and %d)", c, first+1, i+1))
		default:
			cols[c] = i
		}
	}
	for _, c := range []string{"name", "schema"} {
		if _, ok := cols[c]; !ok {
			problems = append(problems, fmt.Sprintf("no %q column", c))
		}
	}
	if len(problems) > 0 {
		line, _ := r.FieldPos(0)
		return nil, 0, fmt.Errorf("%s:%d: custom watch-list header: %s; the accepted columns are %s",
			file, line, strings.Join(problems, "; "), strings.Join(Columns, ", "))
	}
	return cols, len(rec), nil
}

// Detect reports whether text (decoded) starts with a header row meant for a
// custom list: one with a name column, or one where more than half of the
// columns are columns of Columns or near misspellings of one (see nearest).
// Such a header need not be valid: Read then says which columns are wrong,
// where a layout nobody recognises could only be reported as unknown.
func Detect(text string) bool {
	rec, err := listio.CSVReader(text).Read()
	if err != nil {
		return false
	}
	near := 0
	for _, field := range rec {
		c := columnKey(field)
		if c == "name" {
			return true
		}
		if nearest(c) != "" {
			near++
		}
	}
	return 2*near > len(rec)
}

// Read parses one custom list. A missing or bad header (see the package doc)
// is an error wrapping model.ErrMalformed that names file, line and columns.
func Read(data []byte, file string) (*model.Result, error) {
	r := listio.CSVReader(listio.Decode(data))
	cols, fields, err := header(r, file)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", model.ErrMalformed, err)
	}
	res := &model.Result{}
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		line, _ := r.FieldPos(0)
		setAside := func(format string, args ...any) {
			res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: fmt.Sprintf(format, args...)})
		}
		if err != nil {
			setAside("%v", err)
			continue
		}
		if len(rec) != fields {
			setAside("%d fields, header has %d", len(rec), fields)
			continue
		}
		get := func(c string) string {
			if i, ok := cols[c]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		multi := func(c string) []string { return listio.AppendUnique(nil, strings.Split(get(c), ";")...) }
		d := &model.Designation{Name: listio.Collapse(get("name")), Schema: schemas[strings.ToLower(get("schema"))], ID: get("id")}
		if d.ID == "" {
			d.ID = d.Name
		}
		switch {
		case d.Name == "":
			setAside("no name")
			continue
		case d.Schema == "":
			setAside("schema %q is not one of Person, Organization, Company, LegalEntity, Vessel, Aircraft", get("schema"))
			continue
		case seen[d.ID]:
			setAside("id %q repeated", d.ID)
			continue
		}
		seen[d.ID] = true
		d.Aliases = multi("aliases")
		d.WeakAliases = multi("weak_aliases")
		d.Titles = multi("titles")
		d.Nationalities = multi("nationalities")
		d.Countries = multi("countries")
		d.Programs = multi("programs")
		d.ListedOn = get("listed_on")
		d.Remarks = get("remarks")
		res.Warnings = listio.Warn(res.Warnings, file, line, listio.AddBirthDates(d, multi("birth_dates")...))
		res.Designations = append(res.Designations, d)
	}
}
