// Package lists loads sanctions and designation lists from their publishers'
// official formats into one common model, the Designation, and says exactly
// what was loaded (Dataset: files, sha256, publication date, rows set aside).
//
// Property names follow FollowTheMoney (https://followthemoney.tech) where they
// fit: schema, name, alias, weakAlias, title, birthDate, nationality, program.
package lists

// Schemas a designation can have, as FollowTheMoney names them.
const (
	SchemaPerson       = "Person"
	SchemaOrganization = "Organization"
	SchemaCompany      = "Company"
	SchemaLegalEntity  = "LegalEntity"
	SchemaVessel       = "Vessel"
	SchemaAircraft     = "Aircraft"
)

// Designation is one listed person, organisation, vessel or aircraft as its
// publisher lists it, normalised into one shape for every list format.
//
// Name is the primary name in natural order ("Given Surname" for people whose
// list writes "SURNAME, Given"). Aliases are strong aliases (UN QUALITY Good,
// OFAC a.k.a./f.k.a./n.k.a. in alt.csv, FtM alias); WeakAliases are low-quality
// ones (UN QUALITY Low, OFAC weak a.k.a. in remarks, FtM weakAlias) that may only
// ever lead to a review decision. Names in original script are strong aliases.
// BirthDates are kept exactly as published ("1968", "circa 1968", "1960-1962");
// ParseDate turns one into the structured form matching uses.
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
}

// AllNames returns the primary name followed by the strong aliases.
func (d *Designation) AllNames() []string {
	out := make([]string, 0, 1+len(d.Aliases))
	out = append(out, d.Name)
	return append(out, d.Aliases...)
}

// SetAside is a list row that could not be loaded, with where and why.
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
