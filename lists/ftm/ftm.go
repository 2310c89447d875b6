// Package ftm reads OpenSanctions data in FollowTheMoney form
// (https://followthemoney.tech): entity JSON lines (entities.ftm.json, one
// JSON object per line: id, schema, caption, properties, datasets, referents)
// and the flat targets.simple.csv export
// (https://www.opensanctions.org/docs/bulk/csv/).
//
// JSON lines: entities of schema Person, Organization, Company, LegalEntity,
// Vessel and Aircraft are designations (id = entity id); Sanction entities
// give the programmes (programId such as "EU-UKR", else the program text) and listing date (earliest
// listingDate, else startDate) of the entities their "entity" property points
// to (directly or through a referent id); other schemas (Address, Ownership,
// ...) are counted in a note. The caption (else the first name) is the
// primary name; the other name values and alias are strong aliases,
// weakAlias weak ones. firstName/lastName are used only when single-valued.
// title, position, birthDate, birthPlace, nationality (+ citizenship),
// country (+ jurisdiction), gender and notes map to the same-named fields.
//
// targets.simple.csv: columns id, schema, name, aliases, birth_date,
// countries, sanctions, dataset (others ignored); multi-valued cells are
// separated by ";"; sanctions become programmes.
package ftm

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// designationSchemas are the FtM schemas loaded as designations.
var designationSchemas = map[string]bool{
	model.SchemaPerson: true, model.SchemaOrganization: true, model.SchemaCompany: true,
	model.SchemaLegalEntity: true, model.SchemaVessel: true, model.SchemaAircraft: true,
}

// entity is one FtM entity; property values that are not strings (nested
// entities in some exports) are ignored.
type entity struct {
	ID         string                       `json:"id"`
	Schema     string                       `json:"schema"`
	Caption    string                       `json:"caption"`
	Properties map[string][]json.RawMessage `json:"properties"`
	Datasets   []string                     `json:"datasets"`
	Referents  []string                     `json:"referents"`
}

func (e *entity) prop(name string) []string {
	var out []string
	for _, raw := range e.Properties[name] {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out = listio.AppendUnique(out, s)
		}
	}
	return out
}

// DetectJSONL reports whether text's first non-empty line is an FtM entity
// (a JSON object with "id", "schema" and "properties").
func DetectJSONL(text string) bool {
	for line := range strings.Lines(text) {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		var e entity
		return json.Unmarshal([]byte(line), &e) == nil && e.ID != "" && e.Schema != "" && e.Properties != nil
	}
	return false
}

// maxLine bounds one JSON line (1 MiB entities are large for FtM).
const maxLine = 16 << 20

// ReadJSONL parses FtM entity JSON lines. Lines that are not JSON objects, or
// designations without id or name, are set aside with their line number. The
// Result's Datasets are the datasets the designations name, sorted.
func ReadJSONL(data []byte, file string) (*model.Result, error) {
	res := &model.Result{}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	byID := map[string]*model.Designation{}
	var sanctions []*entity
	others := map[string]int{}
	datasets := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var e entity
		if err := json.Unmarshal(text, &e); err != nil {
			res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: fmt.Sprintf("not an FtM entity: %v", err)})
			continue
		}
		switch {
		case e.Schema == "Sanction":
			sanctions = append(sanctions, &e)
		case !designationSchemas[e.Schema]:
			others[e.Schema]++
		default:
			d, errs := e.designation()
			if d == nil {
				res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: "entity without id or name"})
				continue
			}
			res.Warnings = listio.Warn(res.Warnings, file, line, errs)
			res.Designations = append(res.Designations, d)
			for _, id := range append([]string{e.ID}, e.Referents...) {
				byID[id] = d
			}
			for _, ds := range e.Datasets {
				datasets[ds] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", model.ErrMalformed, err)
	}
	for _, s := range sanctions {
		programs := s.prop("programId")
		if len(programs) == 0 {
			programs = s.prop("program")
		}
		listed := s.prop("listingDate")
		if len(listed) == 0 {
			listed = s.prop("startDate")
		}
		for _, id := range s.prop("entity") {
			d := byID[id]
			if d == nil {
				continue // the sanctioned entity is not a designation schema or not in this file
			}
			d.Programs = listio.AppendUnique(d.Programs, programs...)
			for _, l := range listed {
				if d.ListedOn == "" || l < d.ListedOn {
					d.ListedOn = l
				}
			}
		}
	}
	res.Datasets = sortedKeys(datasets)
	if len(others) > 0 {
		var parts []string
		for _, schema := range sortedKeys(others) {
			parts = append(parts, fmt.Sprintf("%s %d", schema, others[schema]))
		}
		res.Notes = append(res.Notes, fmt.Sprintf("%s: entities of other schemas are not designations: %s", file, strings.Join(parts, ", ")))
	}
	return res, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (e *entity) designation() (*model.Designation, []error) {
	names := e.prop("name")
	d := &model.Designation{ID: strings.TrimSpace(e.ID), Schema: e.Schema, Name: listio.Collapse(e.Caption)}
	if d.Name == "" && len(names) > 0 {
		d.Name = names[0]
	}
	if d.ID == "" || d.Name == "" {
		return nil, nil
	}
	for _, n := range append(names, e.prop("alias")...) {
		if n != d.Name {
			d.Aliases = listio.AppendUnique(d.Aliases, n)
		}
	}
	for _, n := range e.prop("weakAlias") {
		if n != d.Name && !slices.Contains(d.Aliases, n) {
			d.WeakAliases = listio.AppendUnique(d.WeakAliases, n)
		}
	}
	if first, last := e.prop("firstName"), e.prop("lastName"); len(first) == 1 && len(last) == 1 {
		d.FirstName, d.LastName = first[0], last[0]
	}
	d.Titles = e.prop("title")
	d.Positions = e.prop("position")
	d.BirthPlaces = e.prop("birthPlace")
	d.Nationalities = listio.AppendUnique(e.prop("nationality"), e.prop("citizenship")...)
	d.Countries = listio.AppendUnique(e.prop("country"), e.prop("jurisdiction")...)
	if g := e.prop("gender"); len(g) > 0 {
		d.Gender = g[0]
	}
	d.Remarks = strings.Join(e.prop("notes"), " ")
	return d, listio.AddBirthDates(d, e.prop("birthDate")...)
}

// targetColumns are the targets.simple.csv columns that identify the format.
var targetColumns = []string{"id", "schema", "name", "aliases", "birth_date", "countries", "sanctions", "dataset"}

// DetectTargets reports whether text (decoded) starts with a
// targets.simple.csv header.
func DetectTargets(text string) bool {
	rec, err := listio.CSVReader(text).Read()
	if err != nil {
		return false
	}
	cols := map[string]bool{}
	for _, c := range rec {
		cols[strings.TrimSpace(c)] = true
	}
	for _, c := range targetColumns {
		if !cols[c] {
			return false
		}
	}
	return true
}

// ReadTargets parses a targets.simple.csv export. Rows with the wrong field
// count or without id or name, and rows whose schema is not a designation
// schema, are set aside. The Result's Datasets are the dataset column values.
func ReadTargets(data []byte, file string) (*model.Result, error) {
	text := listio.Decode(data)
	if !DetectTargets(text) {
		return nil, fmt.Errorf("%w: no targets.simple.csv header", model.ErrMalformed)
	}
	r := listio.CSVReader(text)
	head, _ := r.Read() // checked by DetectTargets
	col := map[string]int{}
	for i, c := range head {
		col[strings.TrimSpace(c)] = i
	}
	res := &model.Result{}
	datasets := map[string]bool{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		setAside := func(format string, args ...any) {
			res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: fmt.Sprintf(format, args...)})
		}
		switch {
		case err != nil:
			setAside("%v", err)
			continue
		case len(rec) != len(head):
			setAside("%d fields, header has %d", len(rec), len(head))
			continue
		}
		multi := func(c string) []string { return listio.AppendUnique(nil, strings.Split(rec[col[c]], ";")...) }
		d := &model.Designation{ID: strings.TrimSpace(rec[col["id"]]), Schema: strings.TrimSpace(rec[col["schema"]]), Name: listio.Collapse(rec[col["name"]])}
		switch {
		case d.ID == "" || d.Name == "":
			setAside("row without id or name")
			continue
		case !designationSchemas[d.Schema]:
			setAside("schema %q is not a designation schema", d.Schema)
			continue
		}
		d.Aliases = slices.DeleteFunc(multi("aliases"), func(a string) bool { return a == d.Name })
		d.Countries = multi("countries")
		d.Programs = multi("sanctions")
		for _, ds := range multi("dataset") {
			datasets[ds] = true
		}
		res.Warnings = listio.Warn(res.Warnings, file, line, listio.AddBirthDates(d, multi("birth_date")...))
		res.Designations = append(res.Designations, d)
	}
	res.Datasets = sortedKeys(datasets)
	return res, nil
}
