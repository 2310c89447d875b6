// Package uk reads the UK OFSI Consolidated List of Financial Sanctions
// Targets in its CSV form (ConList.csv, https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv;
// column guide: OFSI "Consolidated List: guide to the CSV format").
//
// Layout: an optional first banner line "Last Updated,dd/mm/yyyy" (the
// publication date), then a header row naming the columns (Name 6, Name 1 ..
// Name 5, Title, DOB, Town of Birth, Country of Birth, Nationality, Position,
// Country, Other Information, Group Type, Alias Type, Alias Quality, Regime,
// Listed On, Group ID, Name Non-Latin Script, ...). Columns are found by name, so added or reordered
// columns are fine; a header with an extra empty first column (as some
// re-exports have) is aligned to rows without it. There is one row per alias
// (and per alias × date of birth); rows are joined by Group ID, the
// designation id. Name 6 is the surname (or an entity's whole name), Name 1..5
// the other parts: the name is "Name 1 .. Name 5 Name 6", FirstName Name 1 and
// LastName Name 6 for individuals. The "Prime Alias" row gives the primary
// name (else the group's first row); other names are strong aliases unless
// Alias Quality says Low; a Name Non-Latin Script is a strong alias. Dates are dd/mm/yyyy with 00 for unknown parts, kept
// as published for birth dates and turned into ISO 8601 for Listed On.
// Group Type Individual → Person, Ship → Vessel, others Organization.
//
// The FCDO's UK Sanctions List CSV (https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv)
// has the same one-row-per-name shape with other headings, read as synonyms:
// a "Report Date: dd-Mon-yyyy" preamble, Unique ID (the id), Name type
// ("Primary Name" / AKA), Alias strength, Regime Name, Designation Type,
// Date Designated, D.O.B, Nationality(/ies), Address Country. Headings are
// compared case-insensitively with punctuation ignored.
package uk

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

var (
	reBanner     = regexp.MustCompile(`(?i)^\s*"?last updated"?\s*,\s*"?([0-9/]+)`)
	reReportDate = regexp.MustCompile(`(?i)^\s*"?report date:\s*([0-9]{1,2}-[A-Za-z]{3}-[0-9]{4})`)
	reNumbers    = regexp.MustCompile(`(?:^|\s)\d+\)\s*`) // "1) Saudi Arabia 2) Qatar"
	rePunct      = regexp.MustCompile(`[^a-z0-9]+`)
)

// Variant is which UK list a CSV is.
type Variant int

// The UK CSV variants.
const (
	NotUK             Variant = iota
	OFSIConList               // OFSI Consolidated List ConList.csv
	FCDOSanctionsList         // FCDO UK Sanctions List UK-Sanctions-List.csv
)

// synonyms maps each column the reader uses (ConList heading) to the
// headings that may hold it, normalised (see norm).
var synonyms = map[string][]string{
	"Group ID":              {"group id", "unique id"},
	"Group Type":            {"group type", "designation type", "individual entity ship"},
	"Alias Type":            {"alias type", "name type"},
	"Alias Quality":         {"alias quality", "alias strength"},
	"Regime":                {"regime", "regime name"},
	"Listed On":             {"listed on", "date designated"},
	"DOB":                   {"dob", "d o b"},
	"Nationality":           {"nationality", "nationality ies", "nationalities"},
	"Country":               {"country", "address country"},
	"Name Non-Latin Script": {"name non latin script"},
}

// norm lowercases a heading and turns punctuation runs into one space:
// "Nationality(/ies)" → "nationality ies", "D.O.B" → "d o b".
func norm(h string) string {
	return strings.TrimSpace(rePunct.ReplaceAllString(strings.ToLower(h), " "))
}

// Detect says which UK list text (decoded) is: a header holding Name 6, a
// group type and an id column (Group ID: OFSI; Unique ID: FCDO), optionally
// after the banner line.
func Detect(text string) Variant {
	_, _, cols, err := header(text)
	if err != nil {
		return NotUK
	}
	if _, ok := cols["unique id"]; ok {
		return FCDOSanctionsList
	}
	return OFSIConList
}

// header returns the publication date from the banner (ISO, "" if none), the
// text from the header row on, and the header's normalised column indexes.
func header(text string) (published, rest string, cols map[string]int, err error) {
	first, after, _ := strings.Cut(text, "\n")
	if m := reBanner.FindStringSubmatch(first); m != nil {
		published, text = isoDate(m[1]), after
	} else if m := reReportDate.FindStringSubmatch(first); m != nil {
		if t, err := time.Parse("2-Jan-2006", m[1]); err == nil {
			published = t.Format(time.DateOnly)
		}
		text = after
	}
	rec, err := listio.CSVReader(text).Read()
	if err != nil {
		return "", "", nil, fmt.Errorf("header: %w", err)
	}
	cols = map[string]int{}
	for i, c := range rec {
		if _, dup := cols[norm(c)]; !dup {
			cols[norm(c)] = i
		}
	}
	for _, c := range []string{"Name 6", "Group Type", "Group ID"} {
		if column(cols, c) < 0 {
			return "", "", nil, fmt.Errorf("header has no %q column", c)
		}
	}
	return published, text, cols, nil
}

// column returns the index of the column holding name (or a synonym), -1 if none.
func column(cols map[string]int, name string) int {
	for _, h := range append(synonyms[name], norm(name)) {
		if i, ok := cols[h]; ok {
			return i
		}
	}
	return -1
}

// isoDate turns dd/mm/yyyy into yyyy-mm-dd; other text (or 00 parts) is
// returned trimmed as published.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("02/01/2006", s); err == nil {
		return t.Format(time.DateOnly)
	}
	return s
}

// group is the rows of one Group ID.
type group struct {
	d       *model.Designation
	primary bool // the primary name came from a Prime Alias row
	line    int
}

// Read parses one ConList CSV. Rows with the wrong field count or no Group ID
// or name are set aside; a file without the header wraps model.ErrMalformed.
func Read(data []byte, file string) (*model.Result, error) {
	decoded := listio.Decode(data)
	published, text, cols, err := header(decoded)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", model.ErrMalformed, err)
	}
	lineOffset := strings.Count(decoded[:len(decoded)-len(text)], "\n") // banner line

	res := &model.Result{Published: published}
	r := listio.CSVReader(text)
	head, _ := r.Read() // header() read it already
	shift := 0
	groups := map[string]*group{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		line += lineOffset
		setAside := func(format string, args ...any) {
			res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: fmt.Sprintf(format, args...)})
		}
		if err != nil {
			setAside("%v", err)
			continue
		}
		if len(rec) == len(head)-1 && strings.TrimSpace(head[0]) == "" {
			shift = 1 // header has an extra empty first column the rows lack
		} else if len(rec) != len(head) {
			setAside("%d fields, header has %d", len(rec), len(head))
			continue
		} else {
			shift = 0
		}
		get := func(col string) string {
			i := column(cols, col) - shift
			if i < 0 || i >= len(rec) {
				return ""
			}
			return listio.Collapse(rec[i])
		}
		id := get("Group ID")
		name := rowName(get)
		if id == "" || name == "" {
			setAside("row without Group ID or name")
			continue
		}
		g := groups[id]
		if g == nil {
			g = &group{d: &model.Designation{ID: id, Schema: schema(get("Group Type"))}, line: line}
			groups[id] = g
			res.Designations = append(res.Designations, g.d)
		}
		res.Warnings = listio.Warn(res.Warnings, file, line, g.add(get, name))
	}
	return res, nil
}

// rowName builds "Name 1 .. Name 5 Name 6".
func rowName(get func(string) string) string {
	var parts []string
	for _, c := range []string{"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"} {
		if p := get(c); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

func schema(groupType string) string {
	switch strings.ToLower(groupType) {
	case "individual":
		return model.SchemaPerson
	case "ship":
		return model.SchemaVessel
	}
	return model.SchemaOrganization
}

// add merges one alias row into the group's designation.
func (g *group) add(get func(string) string, name string) []error {
	d := g.d
	aliasType := strings.ToLower(get("Alias Type"))
	prime := aliasType == "prime alias" || aliasType == "primary name"
	switch {
	case d.Name == "" || (prime && !g.primary):
		d.Aliases = listio.AppendUnique(d.Aliases, d.Name) // a non-prime first row's name becomes an alias
		d.Name, g.primary = name, prime
		d.FirstName, d.LastName = "", ""
		if d.Schema == model.SchemaPerson && get("Name 1") != "" && get("Name 6") != "" {
			d.FirstName, d.LastName = get("Name 1"), get("Name 6")
		}
	case strings.HasPrefix(strings.ToLower(get("Alias Quality")), "low"):
		d.WeakAliases = listio.AppendUnique(d.WeakAliases, name)
	default:
		d.Aliases = listio.AppendUnique(d.Aliases, name)
	}
	d.Aliases = listio.AppendUnique(d.Aliases, get("Name Non-Latin Script")) // 2022 format column
	d.Aliases = removeName(d.Aliases, d.Name)
	d.WeakAliases = removeName(d.WeakAliases, d.Name)
	d.Titles = listio.AppendUnique(d.Titles, get("Title"))
	d.Positions = listio.AppendUnique(d.Positions, get("Position"))
	d.Nationalities = listio.AppendUnique(d.Nationalities, splitNumbered(get("Nationality"))...)
	d.Countries = listio.AppendUnique(d.Countries, get("Country"))
	d.Programs = listio.AppendUnique(d.Programs, get("Regime"))
	if place := strings.Trim(get("Town of Birth")+", "+get("Country of Birth"), ", "); place != "" {
		d.BirthPlaces = listio.AppendUnique(d.BirthPlaces, place)
	}
	if d.Gender == "" {
		d.Gender = get("Gender")
	}
	if d.ListedOn == "" {
		d.ListedOn = isoDate(get("Listed On"))
	}
	if d.Remarks == "" {
		d.Remarks = get("Other Information")
	}
	return listio.AddBirthDates(d, get("DOB"))
}

func removeName(list []string, name string) []string {
	out := list[:0]
	for _, s := range list {
		if s != name {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// splitNumbered splits OFSI's "1) Saudi Arabia 2) Qatar" into its items.
func splitNumbered(s string) []string {
	if !reNumbers.MatchString(s) {
		return []string{s}
	}
	return reNumbers.Split(s, -1)
}
