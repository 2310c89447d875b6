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
// A header column not in this list is an error (it is most likely a typo); a
// row with the wrong field count, no name, an unknown schema or a repeated id
// is set aside with its line and reason.
package custom

import (
	"errors"
	"fmt"
	"io"
	"strings"

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

// header maps column name to index; it fails on an unknown or missing column.
func header(text string) (map[string]int, error) {
	rec, err := listio.CSVReader(text).Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	cols := map[string]int{}
	for i, c := range rec {
		c = strings.ToLower(strings.TrimSpace(c))
		if !listio.Contains(Columns, c) {
			return nil, fmt.Errorf("unknown column %q (known: %s)", c, strings.Join(Columns, ", "))
		}
		cols[c] = i
	}
	for _, c := range []string{"name", "schema"} {
		if _, ok := cols[c]; !ok {
			return nil, fmt.Errorf("header has no %q column", c)
		}
	}
	return cols, nil
}

// Detect reports whether text (decoded) starts with a custom list header.
func Detect(text string) bool {
	_, err := header(text)
	return err == nil
}

// Read parses one custom list. A bad header wraps model.ErrMalformed.
func Read(data []byte, file string) (*model.Result, error) {
	text := listio.Decode(data)
	cols, err := header(text)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", model.ErrMalformed, err)
	}
	r := listio.CSVReader(text)
	head, _ := r.Read() // checked by header
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
		if len(rec) != len(head) {
			setAside("%d fields, header has %d", len(rec), len(head))
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
