package output_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

// writeTo writes the fixture designations and recs to s and closes it.
func writeTo(t *testing.T, s output.Sink, recs []*output.Record) {
	t.Helper()
	ctx := context.Background()
	if err := s.WriteDesignations(ctx, fixture.Designations()); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := s.Write(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// readJSONL decodes every line of path into a T.
func readJSONL[T any](t *testing.T, path string) []T {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []T
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, r)
	}
	return rows
}

// sameRows reports whether the JSON forms of a and b are equal (nil and
// empty lists are told apart by the JSON, which is the point).
func sameRows[T any](t *testing.T, a, b []T) bool {
	t.Helper()
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestJSONLMatchesParquet: the JSON Lines sink writes the same rows, in the
// same order, as the Parquet sink; lists are arrays, never null; written into
// the Parquet output directory, it leaves the table folders Parquet-only.
func TestJSONLMatchesParquet(t *testing.T) {
	recs := fixture.Records(8)
	pq := t.TempDir()
	jl := pq
	writeRun(t, pq, output.DefaultOptions(), recs)
	s, err := output.OpenJSONL(jl, 0, output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	writeTo(t, s, recs)
	part := func(table string) string { return filepath.Join(jl, table+"-00000-00000.jsonl") }
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches, output.TableDesignations} {
		for _, name := range listDir(t, pq, table) {
			if filepath.Ext(name) != ".parquet" {
				t.Errorf("%s/%s: not a Parquet part in a table folder", table, name)
			}
		}
	}

	if a, b := readTable[output.Document](t, pq, output.TableDocuments), readJSONL[output.Document](t, part(output.TableDocuments)); !reflect.DeepEqual(a, b) {
		t.Errorf("documents differ:\nparquet %+v\njsonl   %+v", a, b)
	}
	if a, b := readTable[output.Mention](t, pq, output.TableMentions), readJSONL[output.Mention](t, part(output.TableMentions)); !reflect.DeepEqual(a, b) {
		t.Errorf("mentions differ:\nparquet %+v\njsonl   %+v", a, b)
	}
	if a, b := readTable[output.Match](t, pq, output.TableMatches), readJSONL[output.Match](t, part(output.TableMatches)); !sameRows(t, a, b) {
		t.Errorf("matches differ:\nparquet %+v\njsonl   %+v", a, b)
	}
	if a, b := readTable[output.Designation](t, pq, output.TableDesignations), readJSONL[output.Designation](t, part(output.TableDesignations)); !sameRows(t, a, b) {
		t.Errorf("designations differ:\nparquet %+v\njsonl   %+v", a, b)
	}
	raw, err := os.ReadFile(part(output.TableDesignations))
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []string{"aliases", "weak_aliases", "titles", "birth_dates", "nationalities", "programs"} {
		if bytes.Contains(raw, []byte(`"`+list+`":null`)) {
			t.Errorf("designations JSONL must write empty lists as []: %s is null:\n%s", list, raw)
		}
	}
	if !bytes.Contains(raw, []byte(`"aliases":[]`)) {
		t.Errorf("designations JSONL: no empty aliases list written as []:\n%s", raw)
	}
	// every line of a table has the same keys, empty optional values null
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches, output.TableDesignations} {
		var first []string
		for i, line := range bytes.Split(bytes.TrimSpace(mustRead(t, part(table))), []byte("\n")) {
			var obj map[string]any
			if err := json.Unmarshal(line, &obj); err != nil {
				t.Fatalf("%s line %d: %v", table, i+1, err)
			}
			if score, ok := obj["score"]; ok && !strings.ContainsAny(string(mustScore(t, line)), ".eE") {
				t.Errorf("%s line %d: score %v written without a decimal point", table, i+1, score)
			}
			keys := slices.Sorted(maps.Keys(obj))
			if i == 0 {
				first = keys
			} else if !slices.Equal(keys, first) {
				t.Errorf("%s line %d has keys %v, line 1 %v", table, i+1, keys, first)
			}
		}
	}
	if docs := mustRead(t, part(output.TableDocuments)); !bytes.Contains(docs, []byte(`"published_at":null`)) || !bytes.Contains(docs, []byte(`"author":null`)) {
		t.Errorf("documents JSONL: an empty optional value is not null:\n%s", docs)
	}
	golden(t, "jsonl/documents.jsonl", mustRead(t, part(output.TableDocuments)))

	// A second run into the same directory adds parts instead of overwriting.
	s, err = output.OpenJSONL(jl, 0, output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	s, err = output.OpenJSONL(jl, 0, output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	writeTo(t, s, recs[:1])
	if got, _ := filepath.Glob(filepath.Join(jl, "matches-*")); len(got) != 2 || filepath.Base(got[1]) != "matches-00000-00001.jsonl" {
		t.Errorf("matches files after a second run = %v", got)
	}
	// ... and the designations it writes again replace the earlier ones
	// (a resumed run): one file, each designation once
	got, _ := filepath.Glob(filepath.Join(jl, "designations-*"))
	if len(got) != 1 || filepath.Base(got[0]) != "designations-00000-00001.jsonl" ||
		len(readJSONL[output.Designation](t, got[0])) != len(fixture.Designations()) {
		t.Errorf("designations files after a second run = %v", got)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFtM: the FollowTheMoney sink writes Articles for ok documents, Mentions
// resolved only to "match" decisions, each designated entity once (golden
// file), and every entity reference points to an entity in the file.
func TestFtM(t *testing.T) {
	dir := t.TempDir()
	s, err := output.OpenFtM(dir, 0, output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	writeTo(t, s, fixture.Records(4))
	path := filepath.Join(dir, "entities-00000-00000.ftm.json")
	golden(t, "ftm.jsonl", mustRead(t, path))

	entities := readJSONL[output.FtMEntity](t, path)
	ids := map[string]string{}
	count := map[string]int{}
	for _, e := range entities {
		if _, dup := ids[e.ID]; dup {
			t.Errorf("entity %s written twice", e.ID)
		}
		ids[e.ID] = e.Schema
		count[e.Schema]++
	}
	// 4 records: english, russian, plain (ok) and an error document.
	want := map[string]int{"Article": 3, "Mention": 5, "Person": 2, "Organization": 1}
	if !reflect.DeepEqual(count, want) {
		t.Errorf("entities by schema = %v, want %v", count, want)
	}
	for _, e := range entities {
		if e.Schema != "Mention" {
			continue
		}
		if ids[e.Properties["document"][0]] != "Article" {
			t.Errorf("mention %s: document %v is not an Article in the file", e.ID, e.Properties["document"])
		}
		for _, r := range e.Properties["resolved"] {
			if s := ids[r]; s != "Person" && s != "Organization" {
				t.Errorf("mention %s: resolved %s is %q", e.ID, r, s)
			}
		}
	}
}

// mustScore returns the raw JSON of a line's "score".
func mustScore(t *testing.T, line []byte) json.RawMessage {
	t.Helper()
	var row struct {
		Score json.RawMessage `json:"score"`
	}
	if err := json.Unmarshal(line, &row); err != nil {
		t.Fatal(err)
	}
	return row.Score
}
