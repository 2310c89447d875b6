// Package lists loads sanctions and designation lists from their publishers'
// official formats into one common model, the Designation, and says exactly
// what was loaded (Dataset: files, sha256, publication date, rows set aside).
//
// The model types are defined in lists/model (so that the per-publisher
// readers in lists/un, lists/ofac, lists/uk, lists/eu, lists/ftm and
// lists/custom can build them without an import cycle) and re-exported here
// under the same names; callers use lists.Designation, lists.Dataset and
// lists.Load.
//
// Formats Load recognises from content (Dataset.Format → default dataset name):
//
//	un_xml      UN Security Council Consolidated List XML          → un_sc_sanctions   (lists/un)
//	ofac_csv    OFAC sdn.csv + alt.csv + add.csv + sdn_comments.csv → us_ofac_sdn       (lists/ofac)
//	ofac_xml    OFAC sdnList XML (sdn.xml, consolidated.xml)        → us_ofac_sdn; name the non-SDN list us_ofac_cons
//	uk_csv      UK OFSI Consolidated List ConList.csv               → gb_hmt_sanctions  (lists/uk)
//	uk_sl_csv   FCDO UK Sanctions List CSV                          → gb_fcdo_sanctions (lists/uk)
//	eu_xml      EU Financial Sanctions Files XML                    → eu_fsf            (lists/eu)
//	ftm_json    OpenSanctions FtM entity JSON lines                 → the dataset the file names (lists/ftm)
//	ftm_csv     OpenSanctions targets.simple.csv                    → the dataset the file names (lists/ftm)
//	custom_csv  sanctionscan watch-list CSV                         → custom            (lists/custom)
//
// Property names follow FollowTheMoney (https://followthemoney.tech) where they
// fit: schema, name, alias, weakAlias, title, birthDate, nationality, program.
package lists

import "github.com/sanctionscan/sanctionscan/lists/model"

// Schemas a designation can have, as FollowTheMoney names them.
const (
	SchemaPerson       = model.SchemaPerson
	SchemaOrganization = model.SchemaOrganization
	SchemaCompany      = model.SchemaCompany
	SchemaLegalEntity  = model.SchemaLegalEntity
	SchemaVessel       = model.SchemaVessel
	SchemaAircraft     = model.SchemaAircraft
)

// Sentinel errors; see model for their meaning.
var (
	ErrUnknownFormat   = model.ErrUnknownFormat
	ErrMalformed       = model.ErrMalformed
	ErrUnparseableDate = model.ErrUnparseableDate
)

// TwoDigitYearWindowStart: two-digit birth years are read in 1911–2010 (see model).
const TwoDigitYearWindowStart = model.TwoDigitYearWindowStart

type (
	// Designation is one listed person, organisation, vessel or aircraft (see model.Designation).
	Designation = model.Designation
	// SetAside is a row not loaded, with file, line and reason (see model.SetAside).
	SetAside = model.SetAside
	// Dataset is one loaded list with its provenance (see model.Dataset).
	Dataset = model.Dataset
	// BirthDate is the structured reading of one published birth date (see model.BirthDate).
	BirthDate = model.BirthDate
)

// ParseDate reads one published birth date without inventing precision; see
// model.ParseDate for the accepted forms. Errors wrap ErrUnparseableDate.
func ParseDate(raw string) (BirthDate, error) { return model.ParseDate(raw) }
