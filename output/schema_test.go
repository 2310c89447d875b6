package output_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the output (a deliberate change? raise output.SchemaVersion and run go test -update):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func openPart(t *testing.T, path string) *parquet.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

// convertedNames names the legacy converted types our tables use.
var convertedNames = map[deprecated.ConvertedType]string{
	deprecated.UTF8: "UTF8", deprecated.List: "LIST", deprecated.TimestampMicros: "TIMESTAMP_MICROS",
	deprecated.Int32: "INT_32",
}

// describe renders what a reader sees in a part's footer: every schema element
// with repetition, physical, converted and logical type; every column chunk's
// encodings and codec; the key-value metadata.
func describe(pf *parquet.File) string {
	var b strings.Builder
	md := pf.Metadata()
	b.WriteString("schema:\n")
	type frame struct{ left int }
	var stack []frame
	for i, el := range md.Schema {
		depth := len(stack)
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth+1), el.Name)
		if i > 0 {
			rep, _ := el.RepetitionType.Get()
			fmt.Fprintf(&b, " %s", rep)
		}
		if typ, ok := el.Type.Get(); ok {
			fmt.Fprintf(&b, " %s", typ)
		}
		if ct, ok := el.ConvertedType.Get(); ok {
			fmt.Fprintf(&b, " converted=%s", convertedNames[ct])
		}
		if lt := el.LogicalType.String(); lt != "" {
			fmt.Fprintf(&b, " logical=%s", lt)
		}
		b.WriteString("\n")
		if i > 0 && len(stack) > 0 {
			stack[len(stack)-1].left--
		}
		if n, ok := el.NumChildren.Get(); ok && n > 0 {
			stack = append(stack, frame{int(n)})
		}
		for len(stack) > 0 && stack[len(stack)-1].left == 0 {
			stack = stack[:len(stack)-1]
		}
	}
	b.WriteString("columns:\n")
	if len(md.RowGroups) > 0 {
		for _, c := range md.RowGroups[0].Columns {
			var encs []string
			for _, e := range c.MetaData.Encoding {
				encs = append(encs, e.String())
			}
			fmt.Fprintf(&b, "  %s encodings=%s codec=%s\n", strings.Join(c.MetaData.PathInSchema, "."),
				strings.Join(encs, ","), c.MetaData.Codec)
		}
	}
	b.WriteString("metadata:\n")
	for _, kv := range md.KeyValueMetadata {
		fmt.Fprintf(&b, "  %s=%s\n", kv.Key, kv.Value)
	}
	return b.String()
}

// lint returns the interoperability problems of a part (cases C13, C14 and
// issue 7): a repeated field that is not the middle group of a LIST-annotated
// 3-level list; a timestamp that is not INT64 TIMESTAMP(MICROS, UTC); INT96;
// BYTE_ARRAY that is not annotated STRING (a []byte field: pandas sees bytes,
// DuckDB BLOB); an encoding older readers may not decode (anything but PLAIN, RLE,
// dictionary); an uncompressed column; a row group over maxRows rows.
func lint(pf *parquet.File, maxRows int64) []string {
	var problems []string
	var walk func(path string, n parquet.Node, parentIsList bool)
	walk = func(path string, n parquet.Node, parentIsList bool) {
		lt := n.Type().LogicalType()
		if n.Repeated() && (n.Leaf() || !parentIsList || len(n.Fields()) != 1) {
			problems = append(problems, path+": repeated field outside a standard 3-level LIST")
		}
		if n.Leaf() {
			if n.Type().Kind() == parquet.Int96 {
				problems = append(problems, path+": INT96")
			}
			if n.Type().Kind() == parquet.ByteArray && (lt == nil || lt.Value == nil || lt.String() != "STRING") {
				problems = append(problems, path+": BYTE_ARRAY without the STRING annotation (readers see binary, not text)")
			}
			if lt != nil {
				if ts, ok := lt.Value.(*format.TimestampType); ok && (!ts.IsAdjustedToUTC || ts.Unit.Value == nil || ts.Unit.String() != "MICROS") {
					problems = append(problems, fmt.Sprintf("%s: %s, want TIMESTAMP(MICROS, UTC)", path, ts))
				}
			}
			return
		}
		isList := false
		if lt != nil {
			_, isList = lt.Value.(*format.ListType)
		}
		for _, f := range n.Fields() {
			walk(path+"."+f.Name(), f, isList)
		}
	}
	for _, f := range pf.Schema().Fields() {
		walk(f.Name(), f, false)
	}
	for i, rg := range pf.Metadata().RowGroups {
		if rg.NumRows > maxRows {
			problems = append(problems, fmt.Sprintf("row group %d: %d rows > %d", i, rg.NumRows, maxRows))
		}
		for _, c := range rg.Columns {
			path := strings.Join(c.MetaData.PathInSchema, ".")
			for _, e := range c.MetaData.Encoding {
				switch e {
				case format.Plain, format.RLE, format.RLEDictionary, format.PlainDictionary, format.BitPacked:
				default:
					problems = append(problems, fmt.Sprintf("%s: encoding %s", path, e))
				}
			}
			if c.MetaData.Codec == format.Uncompressed {
				problems = append(problems, path+": uncompressed")
			}
		}
	}
	return problems
}

// TestSchema asserts each table's exact footer (golden files under
// testdata/schema) and that it passes the interoperability lint.
func TestSchema(t *testing.T) {
	dir := t.TempDir()
	opt := output.DefaultOptions()
	opt.RowGroupRows = 2
	writeRun(t, dir, opt, fixture.Records(8))
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches, output.TableDesignations} {
		t.Run(table, func(t *testing.T) {
			pf := openPart(t, filepath.Join(dir, table, "part-00000-00000.parquet"))
			golden(t, filepath.Join("schema", table+".txt"), []byte(describe(pf)))
			for _, p := range lint(pf, opt.RowGroupRows) {
				t.Error(p)
			}
			if n := len(pf.Metadata().RowGroups); int64(n) < pf.NumRows()/opt.RowGroupRows {
				t.Errorf("%d row groups for %d rows, want row groups of ≤ %d rows", n, pf.NumRows(), opt.RowGroupRows)
			}
		})
	}
}

// TestLintCatchesKnownTraps writes the row shapes of cases C13 and C14 done
// wrong and checks the lint reports each; the lint must be able to fail.
func TestLintCatchesKnownTraps(t *testing.T) {
	type bareSlice struct { // C13: slice without the list tag
		ArticleID string   `parquet:"article_id"`
		Aliases   []string `parquet:"aliases"`
	}
	type nanos struct { // C14: parquet-go's default unit for time.Time
		FetchedAt time.Time `parquet:"fetched_at,timestamp(nanosecond)"`
	}
	type delta struct { // DELTA_BYTE_ARRAY: unreadable for older readers
		Name string `parquet:"name,delta"`
	}
	type local struct {
		At int64 `parquet:"at,timestamp(microsecond:local)"`
	}
	type rawBytes struct { // a nullable []byte: binary, not text, to every reader
		Raw []byte `parquet:"raw,optional"`
	}
	cases := []struct {
		name string
		rows any
		want string
	}{
		{"C13 bare repeated", []bareSlice{{"a1", []string{"Abu Layth", "Tarek Salemi"}}, {"a2", nil}}, "aliases: repeated field outside"},
		{"C14 nanoseconds", []nanos{{time.Date(2024, 3, 5, 10, 20, 30, 123456000, time.UTC)}}, "fetched_at: TIMESTAMP(isAdjustedToUTC=true,unit=NANOS)"},
		{"delta encoding", []delta{{"x"}, {"y"}}, "name: encoding DELTA_BYTE_ARRAY"},
		{"local timestamp", []local{{1}}, "at: TIMESTAMP(isAdjustedToUTC=false,unit=MICROS)"},
		{"nullable bytes", []rawBytes{{[]byte("x")}, {nil}}, "raw: BYTE_ARRAY without the STRING annotation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.parquet")
			var err error
			switch rows := c.rows.(type) {
			case []bareSlice:
				err = parquet.WriteFile(path, rows, parquet.Compression(&parquet.Zstd))
			case []nanos:
				err = parquet.WriteFile(path, rows, parquet.Compression(&parquet.Zstd))
			case []delta:
				err = parquet.WriteFile(path, rows, parquet.Compression(&parquet.Zstd))
			case []local:
				err = parquet.WriteFile(path, rows, parquet.Compression(&parquet.Zstd))
			case []rawBytes:
				err = parquet.WriteFile(path, rows, parquet.Compression(&parquet.Zstd))
			}
			if err != nil {
				t.Fatal(err)
			}
			problems := strings.Join(lint(openPart(t, path), 1<<20), "\n")
			if !strings.Contains(problems, c.want) {
				t.Errorf("lint = %q, want it to report %q", problems, c.want)
			}
		})
	}
}
