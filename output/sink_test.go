package output_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

// TestRowOrder: documents in input order; a document's mentions by zone
// (title first), start, end; its matches by mention, then score descending.
func TestRowOrder(t *testing.T) {
	dir := t.TempDir()
	recs := fixture.Records(2)
	// Shuffle the first record's rows: the sink must restore the canonical order.
	slices.Reverse(recs[0].Mentions)
	slices.Reverse(recs[0].Matches)
	writeRun(t, dir, output.DefaultOptions(), recs)
	var gotMentions []string
	for _, m := range readTable[output.Mention](t, dir, output.TableMentions) {
		gotMentions = append(gotMentions, m.Zone+":"+m.Text)
	}
	wantMentions := []string{"title:Baradar", "body:Kassym-Jomart Tokayev", "body:Taliban", "body:Abdul Ghani Baradar",
		"body:Abdul Latif Mansour", "body:Almaty", "body:Министерство иностранных дел", "body:Абдул Гани Барадар"}
	if !slices.Equal(gotMentions, wantMentions) {
		t.Errorf("mentions order:\n got %q\nwant %q", gotMentions, wantMentions)
	}
	var gotMatches []string
	for _, m := range readTable[output.Match](t, dir, output.TableMatches) {
		gotMatches = append(gotMatches, m.MatchedName)
	}
	wantMatches := []string{"Mullah Baradar Akhund", "TALIBAN", "Abdul Ghani Baradar", "Abdul Latif Mansoor", "Abdul Ghani Baradar"}
	if !slices.Equal(gotMatches, wantMatches) {
		t.Errorf("matches order:\n got %q\nwant %q", gotMatches, wantMatches)
	}
	if recs[0].Mentions[0].Text != "Almaty" {
		t.Error("Write modified the caller's record")
	}
}

// TestDeterministic: the same records give byte-identical part files.
func TestDeterministic(t *testing.T) {
	opt := output.DefaultOptions()
	opt.PartRows = 7
	a, b := t.TempDir(), t.TempDir()
	writeRun(t, a, opt, fixture.Records(20))
	writeRun(t, b, opt, fixture.Records(20))
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches, output.TableDesignations} {
		names := listDir(t, a, table)
		if !slices.Equal(names, listDir(t, b, table)) {
			t.Fatalf("%s: different part names", table)
		}
		for _, n := range names {
			x, _ := os.ReadFile(filepath.Join(a, table, n))
			y, _ := os.ReadFile(filepath.Join(b, table, n))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s/%s differs between runs (%d vs %d bytes)", table, n, len(x), len(y))
			}
		}
	}
}

// TestAbortAndResume: Abort leaves only complete parts (no temporary files);
// ReadWritten lists exactly the documents in them; a resumed sink continues
// the seq numbering, drops parts of an interrupted commit and replaces the
// designations.
func TestAbortAndResume(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	opt := output.DefaultOptions()
	opt.PartRows = 4
	recs := fixture.Records(7)
	s, err := output.OpenParquet(dir, 0, "first", opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDesignations(ctx, fixture.Designations()); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[:4] { // set 0 = record 0 (6 mentions); records 1-3 in the open set
		if err := s.Write(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, recs[5]); !errors.Is(err, output.ErrClosed) {
		t.Errorf("Write after Abort = %v, want ErrClosed", err)
	}
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches} {
		if got := listDir(t, dir, table); !slices.Equal(got, []string{"part-00000-00000.parquet"}) {
			t.Errorf("%s after Abort = %v", table, got)
		}
	}
	w, err := output.ReadWritten(dir, output.FormatParquet)
	if err != nil {
		t.Fatal(err)
	}
	done := w.IDs
	if len(done) != 1 || !done[recs[0].Document.DocumentID] {
		t.Errorf("ReadWritten = %v, want only %q", done, recs[0].Document.DocumentID)
	}

	// An interrupted commit: mentions part 7 without its documents part, plus a stale temporary file.
	orphan := filepath.Join(dir, output.TableMentions, "part-00000-00007.parquet")
	stale := filepath.Join(dir, output.TableMatches, ".part-00000-00001.parquet.tmp")
	for _, p := range []string{orphan, stale} {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, output.TableMentions, "part-00001-00003.parquet") // another shard's: untouched
	if err := os.WriteFile(other, []byte("other shard"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = output.OpenParquet(dir, 0, "second", opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteDesignations(ctx, fixture.Designations()); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if !done[r.Document.DocumentID] {
			if err := s.Write(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"part-00000-00000.parquet", "part-00000-00001.parquet", "part-00000-00002.parquet"}
	for _, table := range []string{output.TableDocuments, output.TableMatches} {
		if got := listDir(t, dir, table); !slices.Equal(got, want) {
			t.Errorf("%s after resume = %v, want %v", table, got, want)
		}
	}
	if got := listDir(t, dir, output.TableMentions); !slices.Equal(got, append(slices.Clone(want), "part-00001-00003.parquet")) {
		t.Errorf("mentions after resume = %v", got)
	}
	if got := listDir(t, dir, output.TableDesignations); !slices.Equal(got, []string{"part-00000-00001.parquet"}) {
		t.Errorf("designations after resume = %v, want only the new part", got)
	}
	if w, err = output.ReadWritten(dir, output.FormatParquet); err != nil {
		t.Fatal(err)
	}
	if len(w.IDs) != len(recs) {
		t.Errorf("ReadWritten after resume: %d documents, want %d", len(w.IDs), len(recs))
	}
}

// TestEmptyRun: a run without documents still writes one (empty) part per
// table, so readers' globs never fail.
func TestEmptyRun(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, output.DefaultOptions(), nil)
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches} {
		if got := listDir(t, dir, table); !slices.Equal(got, []string{"part-00000-00000.parquet"}) {
			t.Errorf("%s = %v", table, got)
		}
	}
}

// TestCancelledWrite: a cancelled context is returned, not swallowed.
func TestCancelledWrite(t *testing.T) {
	s, err := output.OpenParquet(t.TempDir(), 0, "x", output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Write(ctx, fixture.Records(1)[0]); !errors.Is(err, context.Canceled) {
		t.Errorf("Write = %v, want context.Canceled", err)
	}
}

func TestOptionsValidate(t *testing.T) {
	cases := []struct {
		name   string
		modify func(*output.Options)
		want   string // "" = valid
	}{
		{"defaults", func(*output.Options) {}, ""},
		{"zero part rows", func(o *output.Options) { o.PartRows = 0 }, "part_rows"},
		{"negative row group", func(o *output.Options) { o.RowGroupRows = -1 }, "row_group_rows"},
		{"zero row group bytes", func(o *output.Options) { o.RowGroupBytes = 0 }, "row_group_bytes"},
		{"unknown codec", func(o *output.Options) { o.Compression = "lzo" }, "compression"},
		{"snappy", func(o *output.Options) { o.Compression = "snappy" }, ""},
		{"unknown format", func(o *output.Options) { o.Formats = []string{"csv"} }, "format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := output.DefaultOptions()
			c.modify(&o)
			err := o.Validate()
			if c.want == "" && err != nil || c.want != "" && (!errors.Is(err, output.ErrOptions) || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("Validate() = %v, want %q", err, c.want)
			}
		})
	}
}

// TestWriteFailureAborts: a writer's I/O error surfaces from a later Write or
// from Close, and Close then completes no part.
func TestWriteFailureAborts(t *testing.T) {
	dir := t.TempDir()
	s, err := output.OpenParquet(dir, 0, "x", output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// A file where the documents folder should be: creating the part fails.
	if err := os.WriteFile(filepath.Join(dir, output.TableDocuments), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	var writeErr error
	for _, r := range fixture.Records(200) {
		if writeErr = s.Write(context.Background(), r); writeErr != nil {
			break
		}
	}
	closeErr := s.Close()
	if writeErr == nil && closeErr == nil {
		t.Fatal("no error from Write or Close")
	}
	for _, table := range []string{output.TableMentions, output.TableMatches} {
		if parts, _ := filepath.Glob(filepath.Join(dir, table, "*")); len(parts) > 0 {
			t.Errorf("%s: %v left after a failed run", table, parts)
		}
	}
	if hidden, _ := filepath.Glob(filepath.Join(dir, "*", ".*")); len(hidden) > 0 {
		t.Errorf("temporary files left: %v", hidden)
	}
}

// TestMulti: every sink gets every call; Close and Abort reach all sinks.
func TestMulti(t *testing.T) {
	pq, jl := t.TempDir(), t.TempDir()
	p, err := output.OpenParquet(pq, 0, "multi", output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	j, err := output.OpenJSONL(jl, 0, output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	writeTo(t, output.Multi(p, j), fixture.Records(3))
	if docs := readTable[output.Document](t, pq, output.TableDocuments); len(docs) != 3 {
		t.Errorf("parquet: %d documents", len(docs))
	}
	if docs := readJSONL[output.Document](t, filepath.Join(jl, "documents-00000-00000.jsonl")); len(docs) != 3 {
		t.Errorf("jsonl: %d documents", len(docs))
	}
	if err := output.Multi(p, j).Close(); !errors.Is(err, output.ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed from both", err)
	}
}

// TestRowGroupBytesBound: row groups end once their values reach
// Options.RowGroupBytes, so memory stays bounded for long texts.
func TestRowGroupBytesBound(t *testing.T) {
	dir := t.TempDir()
	opt := output.DefaultOptions()
	opt.RowGroupBytes = 4000
	recs := fixture.Records(40)
	for _, r := range recs {
		r.Document.Text = strings.Repeat("x", 1500) // 3 documents reach the bound
	}
	writeRun(t, dir, opt, recs)
	pf := openPart(t, filepath.Join(dir, output.TableDocuments, "part-00000-00000.parquet"))
	groups := pf.Metadata().RowGroups
	if len(groups) < 40/3 {
		t.Fatalf("%d row groups for 40 documents of 1.5 KB with a 4 KB bound", len(groups))
	}
	for i, g := range groups {
		if g.NumRows > 3 {
			t.Errorf("row group %d: %d rows, want ≤ 3", i, g.NumRows)
		}
	}
}

// TestClearShard: a shard of a sharded run removes all of its own files, of
// every sink, and its manifest, and nothing of other shards; an unsharded
// run removes every shard's files and manifests. Other files stay.
func TestClearShard(t *testing.T) {
	tests := []struct {
		name         string
		index, count int
		keep         []string // besides report.html
	}{
		{"shard 0 of 2", 0, 2, []string{filepath.Join(output.TableMatches, "part-00001-00000.parquet"), "matches-00001-00000.jsonl", "_manifest-00001.json"}},
		{"unsharded", 0, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeRun(t, dir, output.DefaultOptions(), fixture.Records(3))
			j, err := output.OpenJSONL(dir, 0, output.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			writeTo(t, j, fixture.Records(3))
			f, err := output.OpenFtM(dir, 0, output.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			writeTo(t, f, fixture.Records(3))
			for _, name := range []string{filepath.Join(output.TableMatches, "part-00001-00000.parquet"), "matches-00001-00000.jsonl",
				output.ManifestName, "_manifest-00000.json", "_manifest-00001.json", "report.html"} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := output.ClearShard(dir, tt.index, tt.count); err != nil {
				t.Fatal(err)
			}
			var left []string
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(dir, p)
					left = append(left, rel)
				}
				return nil
			})
			want := append(slices.Clone(tt.keep), "report.html")
			slices.Sort(left)
			slices.Sort(want)
			if !slices.Equal(left, want) {
				t.Errorf("after ClearShard:\n got %v\nwant %v", left, want)
			}
		})
	}
}

// TestCountRows counts the rows of complete parts per table, for one shard
// or all.
func TestCountRows(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, dir, output.DefaultOptions(), fixture.Records(3))
	got, err := output.CountRows(dir, output.FormatParquet, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	again, err := output.CountRows(dir, output.FormatParquet, 1, 2) // shard 1 wrote nothing
	if err != nil {
		t.Fatal(err)
	}
	if got[output.TableDocuments] != 3 || got[output.TableMentions] == 0 || again[output.TableDocuments] != 0 {
		t.Errorf("CountRows = %v, shard 1 of 2 %v", got, again)
	}
}
