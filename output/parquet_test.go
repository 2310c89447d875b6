package output_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

// writeRun writes the fixture designations and recs to dir with opt.
func writeRun(t testing.TB, dir string, opt output.Options, recs []*output.Record) *output.ParquetSink {
	return fixture.WriteRun(t, dir, "run-test", opt, recs)
}

// listDir returns the file names in dir/table, sorted, hidden ones included.
func listDir(t *testing.T, dir, table string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, table))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// readTable reads every part of table in name order.
func readTable[T any](t *testing.T, dir, table string) []T {
	t.Helper()
	var all []T
	for _, name := range listDir(t, dir, table) {
		rows, err := parquet.ReadFile[T](filepath.Join(dir, table, name))
		if err != nil && len(rows) == 0 && err.Error() != "EOF" {
			t.Fatalf("%s/%s: %v", table, name, err)
		}
		all = append(all, rows...)
	}
	return all
}

func TestParquetPartsRollOverTogether(t *testing.T) {
	dir := t.TempDir()
	opt := output.DefaultOptions()
	opt.PartRows = 5
	recs := fixture.Records(6)
	s := writeRun(t, dir, opt, recs)

	// Mentions per record: 6, 2, 0, 0, 6, 2. The set rolls over when any table
	// reaches 5 rows: sets {0}, {1,2,3,4} (8 mentions), {5} (at Close).
	wantParts := []string{"part-00000-00000.parquet", "part-00000-00001.parquet", "part-00000-00002.parquet"}
	for _, table := range []string{output.TableDocuments, output.TableMentions, output.TableMatches} {
		if got := listDir(t, dir, table); !slices.Equal(got, wantParts) {
			t.Errorf("%s parts = %v, want %v", table, got, wantParts)
		}
	}
	if got := listDir(t, dir, output.TableDesignations); !slices.Equal(got, wantParts[:1]) {
		t.Errorf("designations parts = %v", got)
	}
	docs := readTable[output.Document](t, dir, output.TableDocuments)
	if len(docs) != len(recs) {
		t.Fatalf("documents rows = %d, want %d", len(docs), len(recs))
	}
	var wantMentions, wantMatches int
	for i, r := range recs {
		if docs[i].DocumentID != r.Document.DocumentID || docs[i].Text != r.Document.Text {
			t.Errorf("documents row %d = %q, want %q", i, docs[i].DocumentID, r.Document.DocumentID)
		}
		wantMentions += len(r.Mentions)
		wantMatches += len(r.Matches)
	}
	mentions := readTable[output.Mention](t, dir, output.TableMentions)
	matches := readTable[output.Match](t, dir, output.TableMatches)
	if len(mentions) != wantMentions || len(matches) != wantMatches {
		t.Errorf("rows: %d mentions, %d matches; want %d, %d", len(mentions), len(matches), wantMentions, wantMatches)
	}
	rows := s.Rows()
	if rows[output.TableDocuments] != 6 || rows[output.TableMentions] != int64(wantMentions) ||
		rows[output.TableMatches] != int64(wantMatches) || rows[output.TableDesignations] != 3 {
		t.Errorf("Rows() = %v", rows)
	}
}

// TestWriteErrorDoesNotHang: a table writer that fails (here: its folder
// cannot be created) reports the error from the next sync instead of
// waiting on the failed worker forever.
func TestWriteErrorDoesNotHang(t *testing.T) {
	s, err := output.OpenParquet("/proc/sanctionscan-unwritable", 0, "run", output.DefaultOptions())
	if err != nil {
		return // refused at open: also fine, nothing to wait on
	}
	done := make(chan error, 1)
	go func() {
		err := s.WriteDesignations(context.Background(), []output.Designation{{Dataset: "d", DesignationID: "1"}})
		done <- errors.Join(err, s.Abort())
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("writing under /proc succeeded")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("WriteDesignations hung after a failed write")
	}
}

// TestBlobColumnsNotRepeated: article texts round-trip through the zstd
// codec (one long-lived encoder, 1 MiB window) whether smaller or larger
// than its window, and a part holds a long text about once, compressed:
// page statistics used to add two uncompressed copies.
func TestBlobColumnsNotRepeated(t *testing.T) {
	for _, size := range []int{0, 1, 200 << 10, 3 << 20} {
		dir := t.TempDir()
		recs := fixture.Records(4)
		var text []byte
		for i := 0; len(text) < size; i++ {
			text = fmt.Appendf(text, "Paragraph %d names designation %d. ", i, i*7919%100003)
		}
		recs[0].Document.Text = string(text[:size])
		opt := output.DefaultOptions() // zstd
		writeRun(t, dir, opt, recs)
		docs := readTable[output.Document](t, dir, output.TableDocuments)
		if len(docs) != len(recs) || docs[0].Text != recs[0].Document.Text || docs[3].Text != recs[3].Document.Text {
			t.Fatalf("size %d: texts do not round-trip (%d rows)", size, len(docs))
		}
		if size > 1<<20 {
			fi, err := os.Stat(filepath.Join(dir, output.TableDocuments, "part-00000-00000.parquet"))
			if err != nil {
				t.Fatal(err)
			}
			if fi.Size() > int64(size)/4 {
				t.Errorf("documents part holding %d bytes of repetitive text is %d bytes", size, fi.Size())
			}
		}
	}
}
