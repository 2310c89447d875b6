// Package model holds the common designation model every list reader maps
// into. Package lists re-exports these types under the same names
// (lists.Designation, lists.Dataset, ...); import lists, not model, unless
// you are writing a reader under lists/ (the readers cannot import lists,
// which imports them).
//
// Property names follow FollowTheMoney (https://followthemoney.tech) where they
// fit: schema, name, alias, weakAlias, title, birthDate, nationality, program.
package model

import "errors"

// Schemas a designation can have, as FollowTheMoney names them.
const (
	SchemaPerson       = "Person"
	SchemaOrganization = "Organization"
	SchemaCompany      = "Company"
	SchemaLegalEntity  = "LegalEntity"
	SchemaVessel       = "Vessel"
	SchemaAircraft     = "Aircraft"
)

// Sentinel errors callers test with errors.Is.
var (
	// ErrUnknownFormat: the content of a file is none of the supported list formats.
	ErrUnknownFormat = errors.New("unknown list format")
	// ErrMalformed: a file of a recognised format is truncated or broken as a whole
	// (XML syntax error, missing required part); single bad rows are set aside instead.
	ErrMalformed = errors.New("malformed list file")
	// ErrUnparseableDate: a date string none of ParseDate's layouts accepts.
	ErrUnparseableDate = errors.New("unparseable date")
)

// Designation is one listed person, organisation, vessel or aircraft as its
// publisher lists it, normalised into one shape for every list format.
//
// Name is the primary name in natural order ("Given Surname" for people whose
// list writes "SURNAME, Given"; the list's own casing is kept, so OFAC's
// "OMAR, Mohammed" becomes "Mohammed OMAR"). Aliases are strong aliases (UN
// QUALITY Good / a.k.a. / f.k.a., OFAC a.k.a./f.k.a./n.k.a. in alt.csv, FtM
// alias); WeakAliases are low-quality ones (UN QUALITY Low, OFAC a.k.a. in
// remarks, FtM weakAlias) that may only ever lead to a review decision. Names in
// original script are strong aliases. BirthDates are kept exactly as published
// ("1968", "circa 1968", "1960-1962"); ParsedBirthDates holds the structured
// form matching uses (see ParseDate).
type Designation struct {
	Dataset       string   // dataset name, e.g. "un_sc_sanctions"
	ID            string   // publisher's id: UN REFERENCE_NUMBER, OFAC ent_num, UK Group ID, EU logicalId, FtM id
	Schema        string   // one of the Schema* constants
	Name          string   // primary name, natural order
	FirstName     string   // given name where the list states it safely; "" otherwise
	LastName      string   // family name where the list states it safely; "" otherwise
	Aliases       []string // strong aliases, deduplicated, in list order
	WeakAliases   []string // weak aliases, deduplicated, in list order
	Titles        []string // honorifics and offices, e.g. "Mullah", "Maulavi"
	BirthDates    []string // as published
	Nationalities []string // country names or ISO 3166-1 codes as published
	Countries     []string // other country links (addresses, citizenship, flag state)
	Programs      []string // sanctions programmes / regimes, e.g. "SDGT", "Taliban"
	ListedOn      string   // designation date as published (ISO 8601 where the list gives one)
	Remarks       string   // free-text remarks as published
	LinkedTo      []string // names of linked designations (OFAC "Linked To:")

	// ParsedBirthDates holds ParseDate's reading of each BirthDates entry that
	// parses, in the same order; entries that do not parse are left out (and
	// reported as Dataset.Warnings), so it is not index-parallel to BirthDates.
	ParsedBirthDates []BirthDate
	// BirthPlaces are places of birth as published (UN PLACE_OF_BIRTH parts
	// joined with ", ", OFAC "POB ...", UK Town/Country of Birth).
	BirthPlaces []string
	// Positions are offices or functions as published (UN DESIGNATION, OFAC
	// Title column, UK Position), e.g. "Deputy Minister of Defence under the Taliban regime".
	Positions []string
	// Gender as published ("Male", "Female"), "" when not stated.
	Gender string
	// SourceFile is the file holding the designation's primary row (one of
	// Dataset.Files; for an OFAC CSV set the sdn.csv part), so a row can cite
	// that file's sha256.
	SourceFile string
}

// AllNames returns the primary name followed by the strong aliases.
func (d *Designation) AllNames() []string {
	out := make([]string, 0, 1+len(d.Aliases))
	out = append(out, d.Name)
	return append(out, d.Aliases...)
}

// SetAside is a list row that could not be loaded (or, in Dataset.Warnings, a
// value that was kept but not understood), with where and why.
type SetAside struct {
	File   string `json:"file"`
	Line   int    `json:"line"` // 1-based line (or record number for XML); 0 when unknown
	Reason string `json:"reason"`
}

// Dataset is one loaded list: its designations and provenance.
type Dataset struct {
	Name         string         // dataset name, e.g. "us_ofac_sdn"
	Format       string         // recognised format, e.g. "un_xml", "ofac_csv"
	Files        []string       // the files read, in the order given
	SHA256       []string       // hex sha256 of each file, parallel to Files
	Published    string         // publication date of the list (ISO 8601 date) when the file states it; "" otherwise
	Designations []*Designation // in file order
	SetAside     []SetAside     // rows not loaded, with reasons
	// Warnings are values kept as published but not understood, e.g. a birth
	// date ParseDate rejects; the designation itself is loaded.
	Warnings []SetAside
	// Notes are remarks about how the dataset was loaded, e.g. that an FtM file
	// named several datasets and the given name was used.
	Notes []string
}

// Version is the list version recorded in output rows: the publication date
// when known, else the first 12 hex digits of the first file's sha256.
func (ds *Dataset) Version() string {
	if ds.Published != "" {
		return ds.Published
	}
	if len(ds.SHA256) > 0 && len(ds.SHA256[0]) >= 12 {
		return ds.SHA256[0][:12]
	}
	return ""
}

// Result is what one reader returns for one file (or one OFAC CSV set):
// Load copies it into the Dataset.
type Result struct {
	Published    string // ISO 8601 date when the file states it
	Designations []*Designation
	SetAside     []SetAside
	Warnings     []SetAside
	Notes        []string
	Datasets     []string // dataset names the file itself declares (FtM), sorted
}
