// Package output defines the run's tables (one Go struct per table, DESIGN.md
// "Output tables") and writes them through sinks: Parquet part folders
// (OpenParquet), JSON Lines (OpenJSONL), FollowTheMoney entities (OpenFtM) and
// an HTML review report (OpenReport), combined with Multi; plus the run
// manifest (WriteManifest) and the documents already written (ReadWritten, for
// --resume).
//
// The Parquet layout is what Spark, pyarrow, polars and DuckDB read natively:
//
//	out/documents/part-00000-00000.parquet   (likewise mentions/, matches/, designations/)
//	SELECT * FROM read_parquet('out/matches/*.parquet')   -- DuckDB
//	pd.read_parquet("out/matches")                        # pandas / pyarrow
//
// Strings are UTF-8, timestamps INT64 TIMESTAMP(MICROS, UTC), lists standard
// 3-level LISTs of required strings (never null; empty is []), encodings PLAIN
// or dictionary in version-1 data pages, zstd, row groups bounded
// (Options), key-value metadata sanctionscan.schema_version and
// sanctionscan.run_id. output/interop checks this with DuckDB and Arrow.
package output

import "time"

// SchemaVersion is written to every part's key-value metadata as
// sanctionscan.schema_version. Raise it whenever a table's columns change.
const SchemaVersion = "1"

// Table names: the folders under the output directory.
const (
	TableDocuments    = "documents"
	TableMentions     = "mentions"
	TableMatches      = "matches"
	TableDesignations = "designations"
)

// Document is one row of the documents table: one per input document.
type Document struct {
	DocumentID   string     `parquet:"document_id" json:"document_id"`
	URL          string     `parquet:"url,optional" json:"url"`
	CanonicalURL string     `parquet:"canonical_url,optional" json:"canonical_url"`
	Source       string     `parquet:"source" json:"source"`
	Title        string     `parquet:"title,optional" json:"title"`
	Author       string     `parquet:"author,optional" json:"author"`
	PublishedAt  *time.Time `parquet:"published_at,optional,timestamp(microsecond)" json:"published_at"`
	Language     string     `parquet:"language,optional,dict" json:"language"`
	SiteName     string     `parquet:"site_name,optional,dict" json:"site_name"`
	Text         string     `parquet:"text,optional" json:"text"`
	Status       string     `parquet:"status,dict" json:"status"`
	ErrorStage   string     `parquet:"error_stage,optional,dict" json:"error_stage"`
	Error        string     `parquet:"error,optional" json:"error"`
}

// Mention is one row of the mentions table. Start and End are code-point
// offsets into documents.text (zone "body") or documents.title (zone "title").
type Mention struct {
	DocumentID string `parquet:"document_id" json:"document_id"`
	MentionID  string `parquet:"mention_id" json:"mention_id"`
	Label      string `parquet:"label,dict" json:"label"`
	Text       string `parquet:"text" json:"text"`
	Start      int32  `parquet:"start" json:"start"`
	End        int32  `parquet:"end" json:"end"`
	Title      string `parquet:"title,optional" json:"title"`
	Name       string `parquet:"name" json:"name"`
	Sentence   int32  `parquet:"sentence" json:"sentence"`
	Zone       string `parquet:"zone,dict" json:"zone"`
	Source     string `parquet:"source,dict" json:"source"`
}

// Match is one row of the matches table: a (mention, designation) candidate at
// or above the review threshold.
type Match struct {
	DocumentID      string   `parquet:"document_id" json:"document_id"`
	MentionID       string   `parquet:"mention_id" json:"mention_id"`
	Dataset         string   `parquet:"dataset,dict" json:"dataset"`
	DesignationID   string   `parquet:"designation_id" json:"designation_id"`
	DesignationName string   `parquet:"designation_name" json:"designation_name"`
	MatchedName     string   `parquet:"matched_name" json:"matched_name"`
	AliasStrength   string   `parquet:"alias_strength,dict" json:"alias_strength"`
	Schema          string   `parquet:"schema,dict" json:"schema"`
	Programs        []string `parquet:"programs,list" json:"programs"`
	Score           float64  `parquet:"score" json:"score"`
	Decision        string   `parquet:"decision,dict" json:"decision"`
	Explanation     string   `parquet:"explanation" json:"explanation"`
	ListVersion     string   `parquet:"list_version,dict" json:"list_version"`
}

// Designation is one row of the designations table: the normalised lists the
// run used.
type Designation struct {
	Dataset       string   `parquet:"dataset,dict" json:"dataset"`
	DesignationID string   `parquet:"designation_id" json:"designation_id"`
	Schema        string   `parquet:"schema,dict" json:"schema"`
	Name          string   `parquet:"name" json:"name"`
	Aliases       []string `parquet:"aliases,list" json:"aliases"`
	WeakAliases   []string `parquet:"weak_aliases,list" json:"weak_aliases"`
	Titles        []string `parquet:"titles,list" json:"titles"`
	BirthDates    []string `parquet:"birth_dates,list" json:"birth_dates"`
	Nationalities []string `parquet:"nationalities,list" json:"nationalities"`
	Programs      []string `parquet:"programs,list" json:"programs"`
	ListedOn      string   `parquet:"listed_on,optional" json:"listed_on"`
	Remarks       string   `parquet:"remarks,optional" json:"remarks"`
	ListVersion   string   `parquet:"list_version,dict" json:"list_version"`
	SourceSHA256  string   `parquet:"source_sha256,dict" json:"source_sha256"`
}

// size estimates the uncompressed bytes of d for bounding row groups.
func (d *Document) size() int64 {
	return int64(len(d.DocumentID)+len(d.URL)+len(d.CanonicalURL)+len(d.Source)+len(d.Title)+
		len(d.Author)+len(d.Language)+len(d.SiteName)+len(d.Text)+len(d.Status)+len(d.ErrorStage)+len(d.Error)) + 8
}

// size estimates the uncompressed bytes of m for bounding row groups.
func (m *Mention) size() int64 {
	return int64(len(m.DocumentID)+len(m.MentionID)+len(m.Label)+len(m.Text)+len(m.Title)+
		len(m.Name)+len(m.Zone)+len(m.Source)) + 12
}

// size estimates the uncompressed bytes of m for bounding row groups.
func (m *Match) size() int64 {
	return int64(len(m.DocumentID)+len(m.MentionID)+len(m.Dataset)+len(m.DesignationID)+
		len(m.DesignationName)+len(m.MatchedName)+len(m.AliasStrength)+len(m.Schema)+
		listSize(m.Programs)+len(m.Decision)+len(m.Explanation)+len(m.ListVersion)) + 8
}

// size estimates the uncompressed bytes of d for bounding row groups.
func (d *Designation) size() int64 {
	return int64(len(d.Dataset) + len(d.DesignationID) + len(d.Schema) + len(d.Name) +
		listSize(d.Aliases) + listSize(d.WeakAliases) + listSize(d.Titles) + listSize(d.BirthDates) +
		listSize(d.Nationalities) + listSize(d.Programs) + len(d.ListedOn) + len(d.Remarks) +
		len(d.ListVersion) + len(d.SourceSHA256))
}

func listSize(l []string) int {
	n := 0
	for _, s := range l {
		n += len(s) + 4
	}
	return n
}
