package ofac

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// XMLRootElement is the root element of OFAC's sdn.xml and consolidated.xml
// (namespace http://tempuri.org/sdnList.xsd; matched on the local name).
const XMLRootElement = "sdnList"

type xmlName struct {
	FirstName string `xml:"firstName"`
	LastName  string `xml:"lastName"`
}

type xmlEntry struct {
	UID string `xml:"uid"`
	xmlName
	Title    string   `xml:"title"`
	SDNType  string   `xml:"sdnType"`
	Remarks  string   `xml:"remarks"`
	Programs []string `xml:"programList>program"`
	IDs      []struct {
		Type   string `xml:"idType"`
		Number string `xml:"idNumber"`
	} `xml:"idList>id"`
	AKAs []struct {
		xmlName
		Category string `xml:"category"`
	} `xml:"akaList>aka"`
	Addresses     []string `xml:"addressList>address>country"`
	Nationalities []string `xml:"nationalityList>nationality>country"`
	Citizenships  []string `xml:"citizenshipList>citizenship>country"`
	BirthDates    []string `xml:"dateOfBirthList>dateOfBirthItem>dateOfBirth"`
	BirthPlaces   []string `xml:"placeOfBirthList>placeOfBirthItem>placeOfBirth"`
	VesselFlag    string   `xml:"vesselInfo>vesselFlag"`
}

// natural returns the name in natural order, "firstName lastName"; for
// people the parts are the given and family names.
func (n xmlName) natural() string {
	return strings.TrimSpace(listio.Collapse(n.FirstName) + " " + listio.Collapse(n.LastName))
}

// ReadXML parses OFAC's sdnList XML (sdn.xml, or the consolidated non-SDN
// list's consolidated.xml, same schema:
// https://www.treasury.gov/ofac/downloads/sdn.xsd). uid is the id, sdnType
// the schema (Schema), programList the programmes, akaList aliases by
// category (strong → Aliases, weak → WeakAliases), dateOfBirthList,
// placeOfBirthList, nationalityList, citizenshipList and address countries as
// published, idList "Gender" the gender, remarks "Linked To:" items LinkedTo.
// Publish_Date (MM/DD/YYYY) is the publication date; when Record_Count
// differs from the entries read, a note says so. Entries without uid or name
// are set aside; a broken or truncated document wraps model.ErrMalformed.
func ReadXML(data []byte, file string) (*model.Result, error) {
	res := &model.Result{}
	recordCount := -1
	err := listio.WalkXML(data, XMLRootElement, func(d *xml.Decoder, se xml.StartElement, line int) error {
		switch se.Name.Local {
		case "publshInformation": // sic, OFAC's spelling
			var p struct {
				Date  string `xml:"Publish_Date"`
				Count string `xml:"Record_Count"`
			}
			if err := d.DecodeElement(&p, &se); err != nil {
				return err
			}
			res.Published = usDate(p.Date)
			if n, err := strconv.Atoi(strings.TrimSpace(p.Count)); err == nil {
				recordCount = n
			}
		case "sdnEntry":
			return listio.AddEntry(d, se, line, file, res, "sdnEntry without uid or name", (*xmlEntry).designation)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n := len(res.Designations) + len(res.SetAside); recordCount >= 0 && recordCount != n {
		res.Notes = append(res.Notes, fmt.Sprintf("%s: Record_Count says %d entries, the file holds %d", file, recordCount, n))
	}
	return res, nil
}

func (e *xmlEntry) designation() (*model.Designation, []error) {
	d := &model.Designation{
		ID:      strings.TrimSpace(e.UID),
		Schema:  Schema(e.SDNType),
		Name:    e.natural(),
		Remarks: listio.Collapse(e.Remarks),
	}
	if d.ID == "" || d.Name == "" {
		return nil, nil
	}
	if d.Schema == model.SchemaPerson && strings.TrimSpace(e.FirstName) != "" {
		d.FirstName, d.LastName = listio.Collapse(e.FirstName), listio.Collapse(e.LastName)
	}
	d.Programs = listio.AppendUnique(nil, e.Programs...)
	d.Positions = listio.AppendUnique(nil, e.Title)
	for _, a := range e.AKAs {
		name := a.natural()
		if name == d.Name {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(a.Category), "weak") {
			d.WeakAliases = listio.AppendUnique(d.WeakAliases, name)
		} else {
			d.Aliases = listio.AppendUnique(d.Aliases, name)
		}
	}
	for _, id := range e.IDs {
		if strings.TrimSpace(id.Type) == "Gender" {
			d.Gender = strings.TrimSpace(id.Number)
		}
	}
	d.Nationalities = listio.AppendUnique(nil, e.Nationalities...)
	d.Countries = listio.AppendUnique(nil, e.VesselFlag)
	d.Countries = listio.AppendUnique(d.Countries, e.Citizenships...)
	d.Countries = listio.AppendUnique(d.Countries, e.Addresses...)
	d.BirthPlaces = listio.AppendUnique(nil, e.BirthPlaces...)
	d.LinkedTo = ParseRemarks(d.Remarks).LinkedTo
	return d, listio.AddBirthDates(d, e.BirthDates...)
}

// usDate turns OFAC's MM/DD/YYYY into ISO 8601, "" when s is not such a date.
func usDate(s string) string {
	t, err := time.Parse("01/02/2006", strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
