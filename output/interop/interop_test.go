package interop

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

// row is one table row as a reader returns it, normalised for comparison:
// strings, int64, float64, time.Time in UTC, []string (never nil) or nil for NULL.
type row map[string]any

// str returns s, or nil (NULL) for "" when the column is optional.
func str(s string, optional bool) any {
	if optional && s == "" {
		return nil
	}
	return s
}

func list(l []string) any {
	if l == nil {
		return []string{}
	}
	return l
}

// Row conversions: a table row as it must read back, from the Go row that
// was written (the tags of output's row types say which strings are optional).
func documentRow(d output.Document) row {
	var pub any
	if d.PublishedAt != nil {
		pub = d.PublishedAt.UTC()
	}
	return row{
		"document_id": d.DocumentID, "url": str(d.URL, true), "canonical_url": str(d.CanonicalURL, true),
		"source": d.Source, "title": str(d.Title, true), "author": str(d.Author, true), "published_at": pub,
		"language": str(d.Language, true), "site_name": str(d.SiteName, true), "text": str(d.Text, true),
		"status": d.Status, "error_stage": str(d.ErrorStage, true), "error": str(d.Error, true),
	}
}

func mentionRow(m output.Mention) row {
	return row{
		"document_id": m.DocumentID, "mention_id": m.MentionID, "label": m.Label, "text": m.Text,
		"start": int64(m.Start), "end": int64(m.End), "title": str(m.Title, true), "name": m.Name,
		"sentence": int64(m.Sentence), "zone": m.Zone, "source": m.Source,
	}
}

func matchRow(m output.Match) row {
	return row{
		"document_id": m.DocumentID, "mention_id": m.MentionID, "dataset": m.Dataset,
		"designation_id": m.DesignationID, "designation_name": m.DesignationName,
		"matched_name": m.MatchedName, "alias_strength": m.AliasStrength, "schema": m.Schema,
		"programs": list(m.Programs), "score": m.Score, "decision": m.Decision,
		"explanation": m.Explanation, "list_version": m.ListVersion,
	}
}

func designationRow(d output.Designation) row {
	return row{
		"dataset": d.Dataset, "designation_id": d.DesignationID, "schema": d.Schema, "name": d.Name,
		"aliases": list(d.Aliases), "weak_aliases": list(d.WeakAliases), "titles": list(d.Titles),
		"birth_dates": list(d.BirthDates), "nationalities": list(d.Nationalities), "programs": list(d.Programs),
		"listed_on": str(d.ListedOn, true), "remarks": str(d.Remarks, true),
		"list_version": d.ListVersion, "source_sha256": d.SourceSHA256,
	}
}

func rowsOf[T any](items []T, conv func(T) row) []row {
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = conv(it)
	}
	return out
}

// want returns the rows each table must hold for recs and desigs.
func want(recs []*output.Record, desigs []output.Designation) map[string][]row {
	w := map[string][]row{output.TableDesignations: rowsOf(desigs, designationRow)}
	for _, r := range recs {
		w[output.TableDocuments] = append(w[output.TableDocuments], documentRow(r.Document))
		w[output.TableMentions] = append(w[output.TableMentions], rowsOf(r.Mentions, mentionRow)...)
		w[output.TableMatches] = append(w[output.TableMatches], rowsOf(r.Matches, matchRow)...)
	}
	return w
}

// keys order each table's rows for comparison (physical order is the output
// package's own test; here readers must agree on contents).
var keys = map[string][]string{
	output.TableDocuments:    {"document_id"},
	output.TableMentions:     {"mention_id"},
	output.TableMatches:      {"mention_id", "dataset", "designation_id"},
	output.TableDesignations: {"dataset", "designation_id"},
}

func sortRows(table string, rows []row) {
	key := func(r row) string {
		var parts []string
		for _, k := range keys[table] {
			parts = append(parts, fmt.Sprint(r[k]))
		}
		return strings.Join(parts, "\x00")
	}
	sort.SliceStable(rows, func(i, j int) bool { return key(rows[i]) < key(rows[j]) })
}

// writeRun writes recs in several parts and row groups under dir.
func writeRun(t *testing.T, dir string, recs []*output.Record) {
	opt := output.DefaultOptions()
	opt.PartRows = 5
	opt.RowGroupRows = 3
	fixture.WriteRun(t, dir, "interop-run", opt, recs)
}

var tables = []string{output.TableDocuments, output.TableMentions, output.TableMatches, output.TableDesignations}

func TestReadersAgree(t *testing.T) {
	dir := t.TempDir()
	recs := fixture.Records(12)
	writeRun(t, dir, recs)
	parts, _ := filepath.Glob(filepath.Join(dir, output.TableDocuments, "*.parquet"))
	if len(parts) < 3 {
		t.Fatalf("%d documents parts, want several", len(parts))
	}
	// A part being written meanwhile (hidden temporary files) must be invisible to readers.
	open, err := output.OpenParquet(dir, 0, "interop-run-2", output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := open.Write(context.Background(), fixture.Records(1)[0]); err != nil {
		t.Fatal(err)
	}
	defer open.Abort()

	agree(t, dir, "interop-run", want(recs, fixture.Designations()))
	sqlChecks(t, dir)
}

// sqlChecks asserts cases C13 and C14 as SQL users see them in DuckDB.
func sqlChecks(t *testing.T, dir string) {
	db := openDuckDB(t)
	glob := func(table string) string { return filepath.Join(dir, table, "*.parquet") }
	cases := []struct {
		name, query, want string
		tables            []string // the globs filling the query's %s, in order
	}{
		{"C13 empty list is [] not NULL",
			`SELECT count(*) FILTER (WHERE aliases IS NULL) || '/' || count(*) FILTER (WHERE len(aliases) = 0) FROM read_parquet('%s')`,
			"0/1", []string{output.TableDesignations}},
		{"C13 list values in order",
			`SELECT list_aggr(aliases, 'string_agg', '|') FROM read_parquet('%s') WHERE designation_id = 'TAi.024'`,
			"Mullah Baradar Akhund|Abdul Ghani Baradar|عبدالغنی برادر عبد الاحمد ترک", []string{output.TableDesignations}},
		{"C14 microseconds exact",
			`SELECT strftime(published_at, '%%Y-%%m-%%d %%H:%%M:%%S.%%f') FROM read_parquet('%s') WHERE document_id LIKE '%%01'`,
			"2024-06-05 05:42:00.123456", []string{output.TableDocuments}},
		{"C14 nil is NULL",
			`SELECT count(*)::VARCHAR FROM read_parquet('%s') WHERE published_at IS NULL AND language = 'ru'`,
			"3", []string{output.TableDocuments}},
		{"code-point offsets: substring(text, start+1, end-start) = mention text",
			`SELECT count(*)::VARCHAR FROM read_parquet('%s') m JOIN read_parquet('%s') d USING (document_id)
			 WHERE m.zone = 'body' AND substring(d.text, m.start + 1, m."end" - m.start) <> m.text`,
			"0", []string{output.TableMentions, output.TableDocuments}},
	}
	for _, c := range cases {
		var args []any
		for _, table := range c.tables {
			args = append(args, glob(table))
		}
		var got string
		if err := db.QueryRow(fmt.Sprintf(c.query, args...)).Scan(&got); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// agree reads every table under dir with DuckDB and with pqarrow and
// compares both with expected (order-insensitive, see keys).
func agree(t *testing.T, dir, runID string, expected map[string][]row) {
	t.Helper()
	db := openDuckDB(t)
	for _, table := range tables {
		t.Run(table, func(t *testing.T) {
			exp := expected[table]
			sortRows(table, exp)
			duck := duckRows(t, db, dir, table)
			sortRows(table, duck)
			arrowed := arrowRows(t, dir, table, runID)
			sortRows(table, arrowed)
			if len(duck) != len(exp) || len(arrowed) != len(exp) {
				t.Fatalf("rows: duckdb %d, arrow %d, written %d", len(duck), len(arrowed), len(exp))
			}
			for i := range exp {
				if !reflect.DeepEqual(duck[i], exp[i]) {
					t.Errorf("duckdb row %d:\n got %v\nwant %v", i, duck[i], exp[i])
				}
				if !reflect.DeepEqual(arrowed[i], exp[i]) {
					t.Errorf("arrow row %d:\n got %v\nwant %v", i, arrowed[i], exp[i])
				}
			}
		})
	}
}

func openDuckDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec("SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	return db
}

// duckTypes are the column types DuckDB must report (DESIGN.md: strings
// VARCHAR, timestamps TIMESTAMP WITH TIME ZONE, lists VARCHAR[]).
var duckTypes = map[string]map[string]string{
	output.TableDocuments: {"published_at": "TIMESTAMP WITH TIME ZONE", "document_id": "VARCHAR", "text": "VARCHAR"},
	output.TableMentions:  {"start": "INTEGER", "end": "INTEGER", "sentence": "INTEGER", "label": "VARCHAR"},
	output.TableMatches:   {"programs": "VARCHAR[]", "score": "DOUBLE"},
	output.TableDesignations: {"aliases": "VARCHAR[]", "weak_aliases": "VARCHAR[]", "titles": "VARCHAR[]",
		"birth_dates": "VARCHAR[]", "nationalities": "VARCHAR[]", "programs": "VARCHAR[]"},
}

// duckRows reads table through read_parquet over the part glob and checks
// the column types and the key-value metadata of every part.
func duckRows(t *testing.T, db *sql.DB, dir, table string) []row {
	t.Helper()
	glob := strings.ReplaceAll(filepath.Join(dir, table, "*.parquet"), "'", "''")
	types := map[string]string{}
	desc, err := db.Query(fmt.Sprintf("DESCRIBE SELECT * FROM read_parquet('%s')", glob))
	if err != nil {
		t.Fatal(err)
	}
	for desc.Next() {
		var name, typ string
		var null, key, def, extra sql.NullString
		if err := desc.Scan(&name, &typ, &null, &key, &def, &extra); err != nil {
			t.Fatal(err)
		}
		types[name] = typ
	}
	desc.Close()
	for col, typ := range duckTypes[table] {
		if types[col] != typ {
			t.Errorf("duckdb type of %s.%s = %q, want %q", table, col, types[col], typ)
		}
	}
	for col, typ := range types {
		if strings.Contains(typ, "TIMESTAMP") && typ != "TIMESTAMP WITH TIME ZONE" || strings.Contains(typ, "BLOB") {
			t.Errorf("duckdb type of %s.%s = %q", table, col, typ)
		}
	}

	var files, withMeta int
	if err := db.QueryRow(fmt.Sprintf(`SELECT count(DISTINCT file_name),
		count(*) FILTER (WHERE decode(key) = '%s' AND decode(value) = '%s')
		FROM parquet_kv_metadata('%s')`, output.MetaSchemaVersion, output.SchemaVersion, glob)).Scan(&files, &withMeta); err != nil {
		t.Fatal(err)
	}
	if files == 0 || withMeta != files {
		t.Errorf("%s: %d of %d parts carry %s=%s", table, withMeta, files, output.MetaSchemaVersion, output.SchemaVersion)
	}

	rs, err := db.Query(fmt.Sprintf("SELECT * FROM read_parquet('%s')", glob))
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []row
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r := row{}
		for i, c := range cols {
			r[c] = normalizeDuck(t, vals[i])
		}
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func normalizeDuck(t *testing.T, v any) any {
	switch x := v.(type) {
	case nil, string, float64:
		return x
	case int32:
		return int64(x)
	case time.Time:
		return x.UTC()
	case []any:
		l := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				t.Fatalf("duckdb list element %T", e)
			}
			l[i] = s
		}
		return l
	}
	t.Fatalf("duckdb value of type %T", v)
	return nil
}

// arrowRows reads every part of table with pqarrow (the Arrow C++/pyarrow
// family's reader) and checks the Arrow types of timestamps and lists.
func arrowRows(t *testing.T, dir, table, runID string) []row {
	t.Helper()
	parts, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var out []row
	for _, p := range parts {
		pf, err := file.OpenParquetFile(p, false)
		if err != nil {
			t.Fatal(err)
		}
		if v := pf.MetaData().KeyValueMetadata().FindValue(output.MetaRunID); v == nil || *v != runID {
			t.Errorf("%s: %s = %v", p, output.MetaRunID, v)
		}
		fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range tbl.Schema().Fields() {
			switch f.Type.ID() {
			case arrow.TIMESTAMP:
				if got := f.Type.String(); got != "timestamp[us, tz=UTC]" {
					t.Errorf("arrow type of %s.%s = %s, want timestamp[us, tz=UTC]", table, f.Name, got)
				}
			case arrow.LIST:
				if elem := f.Type.(*arrow.ListType).Elem(); elem.ID() != arrow.STRING {
					t.Errorf("arrow type of %s.%s = %s, want list<string>", table, f.Name, f.Type)
				}
			case arrow.STRING, arrow.INT32, arrow.FLOAT64:
			default:
				t.Errorf("arrow type of %s.%s = %s", table, f.Name, f.Type)
			}
		}
		rows := make([]row, tbl.NumRows())
		for i := range rows {
			rows[i] = row{}
		}
		for c := 0; c < int(tbl.NumCols()); c++ {
			col := tbl.Column(c)
			i := 0
			for _, chunk := range col.Data().Chunks() {
				for j := 0; j < chunk.Len(); j++ {
					rows[i][col.Name()] = arrowValue(t, chunk, j)
					i++
				}
			}
		}
		tbl.Release()
		pf.Close()
		out = append(out, rows...)
	}
	return out
}

func arrowValue(t *testing.T, a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch x := a.(type) {
	case *array.String:
		return x.Value(i)
	case *array.Int32:
		return int64(x.Value(i))
	case *array.Float64:
		return x.Value(i)
	case *array.Timestamp:
		unit := x.DataType().(*arrow.TimestampType).Unit
		return x.Value(i).ToTime(unit).UTC()
	case *array.List:
		start, end := x.ValueOffsets(i)
		elems := x.ListValues().(*array.String)
		l := make([]string, 0, end-start)
		for k := start; k < end; k++ {
			l = append(l, elems.Value(int(k)))
		}
		return l
	}
	t.Fatalf("arrow array %T", a)
	return nil
}
