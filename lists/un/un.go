// Package un reads the UN Security Council Consolidated List XML
// (https://scsanctions.un.org/resources/xml/en/consolidated.xml, schema
// https://www.un.org/sc/resources/sc-sanctions.xsd) into designations.
//
// Mapping (issue 5; C05): the primary name is FIRST_NAME..FOURTH_NAME joined in
// that order; only FIRST_NAME is taken as the given name and the last non-empty
// part as the family name, and only when there are two parts or more (middle
// parts feed the full name only, a mononym gets neither). TITLE values are
// titles, DESIGNATION values positions, NAME_ORIGINAL_SCRIPT a strong alias;
// alias QUALITY Good, a.k.a. and f.k.a. give strong aliases and Low weak ones;
// empty alias nodes are ignored. REFERENCE_NUMBER is the id, UN_LIST_TYPE the
// programme, LISTED_ON the listing date, dateGenerated the publication date.
// Birth dates are rendered from DATE / YEAR / FROM_YEAR–TO_YEAR / NOTE with
// TYPE_OF_DATE (APPROXIMATELY → "circa ...", BETWEEN → "FROM-TO"), the form
// model.BirthDate.String gives.
package un

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// RootElement is the root element name that identifies the format.
const RootElement = "CONSOLIDATED_LIST"

type values struct {
	Values []string `xml:"VALUE"`
}

type alias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type place struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Country string `xml:"COUNTRY"`
}

type date struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
	Note     string `xml:"NOTE"`
}

// entry is one INDIVIDUAL or ENTITY element.
type entry struct {
	First               string  `xml:"FIRST_NAME"`
	Second              string  `xml:"SECOND_NAME"`
	Third               string  `xml:"THIRD_NAME"`
	Fourth              string  `xml:"FOURTH_NAME"`
	ListType            string  `xml:"UN_LIST_TYPE"`
	Reference           string  `xml:"REFERENCE_NUMBER"`
	ListedOn            string  `xml:"LISTED_ON"`
	OriginalScript      string  `xml:"NAME_ORIGINAL_SCRIPT"`
	Comments            string  `xml:"COMMENTS1"`
	Gender              string  `xml:"GENDER"`
	Title               values  `xml:"TITLE"`
	Designation         values  `xml:"DESIGNATION"`
	Nationality         values  `xml:"NATIONALITY"`
	IndividualAliases   []alias `xml:"INDIVIDUAL_ALIAS"`
	EntityAliases       []alias `xml:"ENTITY_ALIAS"`
	IndividualAddresses []place `xml:"INDIVIDUAL_ADDRESS"`
	EntityAddresses     []place `xml:"ENTITY_ADDRESS"`
	BirthDates          []date  `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	BirthPlaces         []place `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
}

// Read parses one UN Consolidated List XML document. file names it in
// set-aside rows. Entries without a REFERENCE_NUMBER or a name are set aside;
// a document that is not a CONSOLIDATED_LIST or is truncated returns an error
// wrapping model.ErrMalformed.
func Read(data []byte, file string) (*model.Result, error) {
	res := &model.Result{}
	err := listio.WalkXML(data, RootElement, func(d *xml.Decoder, se xml.StartElement, line int) error {
		switch se.Name.Local {
		case RootElement:
			if gen := listio.Attr(se, "dateGenerated"); len(gen) >= 10 {
				res.Published = gen[:10]
			}
		case "INDIVIDUAL", "ENTITY":
			var e entry
			if err := d.DecodeElement(&e, &se); err != nil {
				return err
			}
			schema := model.SchemaOrganization
			if se.Name.Local == "INDIVIDUAL" {
				schema = model.SchemaPerson
			}
			des, reason := e.designation(schema, res, file, line)
			if des == nil {
				res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: reason})
				return nil
			}
			res.Designations = append(res.Designations, des)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// designation maps one entry; it returns nil and a reason when the entry
// cannot be loaded. Unparseable birth dates become warnings in res.
func (e *entry) designation(schema string, res *model.Result, file string, line int) (*model.Designation, string) {
	var parts []string
	for _, p := range []string{e.First, e.Second, e.Third, e.Fourth} {
		if p = listio.Collapse(p); p != "" {
			parts = append(parts, p)
		}
	}
	ref := strings.TrimSpace(e.Reference)
	switch {
	case ref == "":
		return nil, "no REFERENCE_NUMBER"
	case len(parts) == 0:
		return nil, fmt.Sprintf("%s: no name", ref)
	}
	d := &model.Designation{
		ID:       ref,
		Schema:   schema,
		Name:     strings.Join(parts, " "),
		ListedOn: strings.TrimSpace(e.ListedOn),
		Remarks:  listio.Collapse(e.Comments),
		Gender:   strings.TrimSpace(e.Gender),
		Programs: listio.AppendUnique(nil, e.ListType),
	}
	if schema == model.SchemaPerson && len(parts) > 1 {
		d.FirstName, d.LastName = parts[0], parts[len(parts)-1]
	}
	d.Titles = listio.AppendUnique(nil, e.Title.Values...)
	d.Positions = listio.AppendUnique(nil, e.Designation.Values...)
	d.Nationalities = listio.AppendUnique(nil, e.Nationality.Values...)
	if script := listio.Collapse(e.OriginalScript); script != "" && script != d.Name {
		d.Aliases = append(d.Aliases, script)
	}
	for _, a := range append(e.IndividualAliases, e.EntityAliases...) {
		name := listio.Collapse(a.Name)
		if name == "" || name == d.Name {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(a.Quality), "Low") {
			d.WeakAliases = listio.AppendUnique(d.WeakAliases, name)
		} else {
			d.Aliases = listio.AppendUnique(d.Aliases, name)
		}
	}
	for _, a := range append(e.IndividualAddresses, e.EntityAddresses...) {
		d.Countries = listio.AppendUnique(d.Countries, a.Country)
	}
	for _, p := range e.BirthPlaces {
		d.BirthPlaces = listio.AppendUnique(d.BirthPlaces, p.String())
	}
	for _, bd := range e.BirthDates {
		res.Warnings = listio.Warn(res.Warnings, file, line, listio.AddBirthDates(d, bd.published()))
	}
	return d, ""
}

// published renders a structured UN date as text: DATE, else YEAR, else
// FROM_YEAR-TO_YEAR, else NOTE; "circa " in front when TYPE_OF_DATE is
// APPROXIMATELY. Empty when the element holds nothing.
func (d date) published() string {
	var s string
	switch {
	case strings.TrimSpace(d.Date) != "":
		s = strings.TrimSpace(d.Date)
	case strings.TrimSpace(d.Year) != "":
		s = strings.TrimSpace(d.Year)
	case strings.TrimSpace(d.FromYear) != "" || strings.TrimSpace(d.ToYear) != "":
		s = strings.TrimSpace(d.FromYear) + "-" + strings.TrimSpace(d.ToYear)
	default:
		s = listio.Collapse(d.Note)
	}
	if s != "" && strings.EqualFold(strings.TrimSpace(d.Type), "APPROXIMATELY") {
		s = "circa " + s
	}
	return s
}

// String joins the non-empty parts of a place with ", ".
func (p place) String() string {
	var parts []string
	for _, s := range []string{p.Street, p.City, p.State, p.Country} {
		if s = listio.Collapse(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}
