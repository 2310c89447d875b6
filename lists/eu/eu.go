// Package eu reads the EU Financial Sanctions Files XML (FSF, "export" schema
// version 1.1, namespace http://eu.europa.ec/fpi/fsd/export; documented at
// https://webgate.ec.europa.eu/fsd/fsf, data.europa.eu dataset
// "consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions").
//
// Mapping: each sanctionEntity is a designation with its logicalId as id;
// subjectType code "person" gives Person, anything else Organization. The
// first nameAlias's wholeName (firstName middleName lastName when wholeName
// is empty) is the primary name, the others are aliases: strong="false"
// gives weak aliases, anything else strong ones; names in every language are
// kept. nameAlias title, function and gender give titles, positions and
// gender; regulation programme the programmes and the earliest regulation
// publicationDate the listing date; citizenship countryDescription the
// nationalities, address countryDescription the countries; birthdate
// birthdate / year (circa="true" → "circa YEAR") / yearRangeFrom–yearRangeTo
// the birth dates and city, countryDescription the birth places; remark
// elements the remarks. The export's generationDate is the publication date.
package eu

import (
	"encoding/xml"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// RootElement is the root element name of an FSF export.
const RootElement = "export"

type nameAlias struct {
	FirstName  string `xml:"firstName,attr"`
	MiddleName string `xml:"middleName,attr"`
	LastName   string `xml:"lastName,attr"`
	WholeName  string `xml:"wholeName,attr"`
	Function   string `xml:"function,attr"`
	Gender     string `xml:"gender,attr"`
	Title      string `xml:"title,attr"`
	Strong     string `xml:"strong,attr"`
}

type country struct {
	Description string `xml:"countryDescription,attr"`
}

type birthdate struct {
	Circa     string `xml:"circa,attr"`
	Birthdate string `xml:"birthdate,attr"`
	Year      string `xml:"year,attr"`
	RangeFrom string `xml:"yearRangeFrom,attr"`
	RangeTo   string `xml:"yearRangeTo,attr"`
	City      string `xml:"city,attr"`
	Place     string `xml:"place,attr"`
	Country   string `xml:"countryDescription,attr"`
}

type sanctionEntity struct {
	LogicalID   string `xml:"logicalId,attr"`
	Regulations []struct {
		Programme       string `xml:"programme,attr"`
		PublicationDate string `xml:"publicationDate,attr"`
	} `xml:"regulation"`
	SubjectType struct {
		Code string `xml:"code,attr"`
	} `xml:"subjectType"`
	Names        []nameAlias `xml:"nameAlias"`
	Citizenships []country   `xml:"citizenship"`
	Addresses    []country   `xml:"address"`
	BirthDates   []birthdate `xml:"birthdate"`
	Remarks      []string    `xml:"remark"`
}

// Read parses one FSF export. Entities without logicalId or any name are set
// aside; a broken or truncated document wraps model.ErrMalformed.
func Read(data []byte, file string) (*model.Result, error) {
	res := &model.Result{}
	err := listio.WalkXML(data, RootElement, func(d *xml.Decoder, se xml.StartElement, line int) error {
		switch se.Name.Local {
		case RootElement:
			if gen := listio.Attr(se, "generationDate"); len(gen) >= 10 {
				res.Published = gen[:10]
			}
		case "sanctionEntity":
			return listio.AddEntry(d, se, line, file, res, "sanctionEntity without logicalId or name", (*sanctionEntity).designation)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (n nameAlias) name() string {
	if w := listio.Collapse(n.WholeName); w != "" {
		return w
	}
	return listio.Collapse(n.FirstName + " " + n.MiddleName + " " + n.LastName)
}

func (e *sanctionEntity) designation() (*model.Designation, []error) {
	d := &model.Designation{ID: strings.TrimSpace(e.LogicalID), Schema: model.SchemaOrganization}
	if strings.EqualFold(strings.TrimSpace(e.SubjectType.Code), "person") {
		d.Schema = model.SchemaPerson
	}
	for _, n := range e.Names {
		name := n.name()
		switch {
		case name == "":
		case d.Name == "":
			d.Name = name
			if d.Schema == model.SchemaPerson && n.FirstName != "" && n.LastName != "" {
				d.FirstName, d.LastName = listio.Collapse(n.FirstName), listio.Collapse(n.LastName)
			}
		case name == d.Name:
		case strings.EqualFold(strings.TrimSpace(n.Strong), "false"):
			d.WeakAliases = listio.AppendUnique(d.WeakAliases, name)
		default:
			d.Aliases = listio.AppendUnique(d.Aliases, name)
		}
		d.Titles = listio.AppendUnique(d.Titles, n.Title)
		d.Positions = listio.AppendUnique(d.Positions, n.Function)
		if d.Gender == "" {
			d.Gender = genders[strings.ToUpper(strings.TrimSpace(n.Gender))]
		}
	}
	if d.ID == "" || d.Name == "" {
		return nil, nil
	}
	for _, r := range e.Regulations {
		d.Programs = listio.AppendUnique(d.Programs, r.Programme)
		if p := strings.TrimSpace(r.PublicationDate); p != "" && (d.ListedOn == "" || p < d.ListedOn) {
			d.ListedOn = p
		}
	}
	for _, c := range e.Citizenships {
		d.Nationalities = listio.AppendUnique(d.Nationalities, c.Description)
	}
	for _, c := range e.Addresses {
		d.Countries = listio.AppendUnique(d.Countries, c.Description)
	}
	var remarks []string
	for _, r := range e.Remarks {
		remarks = listio.AppendUnique(remarks, listio.Collapse(r))
	}
	d.Remarks = strings.Join(remarks, " ")
	var errs []error
	for _, b := range e.BirthDates {
		errs = append(errs, listio.AddBirthDates(d, b.published())...)
		place := listio.Collapse(b.City + " " + b.Place)
		if c := listio.Collapse(b.Country); c != "" && c != unknownCountry {
			place = strings.Trim(place+", "+c, ", ")
		}
		d.BirthPlaces = listio.AppendUnique(d.BirthPlaces, place)
	}
	return d, errs
}

// unknownCountry is FSF's countryDescription for countryIso2Code "00".
const unknownCountry = "UNKNOWN"

var genders = map[string]string{"M": "Male", "F": "Female"}

// published renders an FSF birthdate element as text.
func (b birthdate) published() string {
	var s string
	switch {
	case strings.TrimSpace(b.Birthdate) != "":
		s = strings.TrimSpace(b.Birthdate)
	case strings.TrimSpace(b.Year) != "":
		s = strings.TrimSpace(b.Year)
	case strings.TrimSpace(b.RangeFrom) != "" && strings.TrimSpace(b.RangeTo) != "":
		s = strings.TrimSpace(b.RangeFrom) + "-" + strings.TrimSpace(b.RangeTo)
	}
	if s != "" && strings.EqualFold(strings.TrimSpace(b.Circa), "true") {
		s = "circa " + s
	}
	return s
}
