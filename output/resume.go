package output

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
)

// Written is what the complete files of one output format under a directory
// hold, for --resume: the document_id of every document, and which of them
// are error rows. Hidden temporary files (an interrupted run's) are never
// read. FtM files hold an Article only for documents with status "ok".
type Written struct {
	Format string
	IDs    map[string]bool // document_id → written
	Errors map[string]bool // document_id → written as an error row (Parquet, JSON Lines)
}

// ReadWritten reads the complete files of format under dir, every shard's:
// dir/documents/*.parquet, dir/documents-*.jsonl or dir/entities-*.ftm.json.
// A missing or empty dir gives empty sets; an unreadable file is an error.
func ReadWritten(dir, format string) (Written, error) {
	w := Written{Format: format, IDs: map[string]bool{}, Errors: map[string]bool{}}
	type row struct {
		DocumentID string `parquet:"document_id" json:"document_id"`
		Status     string `parquet:"status" json:"status"`
		ID         string `json:"id"`     // FtM
		Schema     string `json:"schema"` // FtM
	}
	add := func(r row) {
		switch {
		case format == FormatFtM && r.Schema == "Article":
			w.IDs[r.ID] = true
		case format != FormatFtM && r.DocumentID != "":
			w.IDs[r.DocumentID] = true
			if r.Status == "error" {
				w.Errors[r.DocumentID] = true
			}
		}
	}
	pattern := map[string]string{
		FormatParquet: filepath.Join(dir, TableDocuments, "*.parquet"),
		FormatJSONL:   filepath.Join(dir, TableDocuments+"-*.jsonl"),
		FormatFtM:     filepath.Join(dir, "entities-*.ftm.json"),
	}[format]
	if pattern == "" {
		return w, fmt.Errorf("output: unknown format %q", format)
	}
	files, err := filepath.Glob(pattern)
	if err != nil {
		return w, fmt.Errorf("output: %w", err)
	}
	for _, p := range files {
		if format == FormatParquet {
			rows, err := parquet.ReadFile[row](p)
			if err != nil && !errors.Is(err, io.EOF) {
				return w, fmt.Errorf("output: read %s: %w", p, err)
			}
			for _, r := range rows {
				add(r)
			}
			continue
		}
		if err := readJSONLines(p, add); err != nil {
			return w, err
		}
	}
	return w, nil
}

// readJSONLines decodes every line of the JSON Lines file p.
func readJSONLines[T any](p string, each func(T)) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<30)
	for n := 1; sc.Scan(); n++ {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("output: read %s line %d: %w", p, n, err)
		}
		each(v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("output: read %s: %w", p, err)
	}
	return nil
}

// Resume combines what each format holds. done are the documents every
// format holds: a resumed run need not read them again. have[i] are the
// documents formats[i]'s sink must not write again (SkipWritten): its own,
// and for FtM, which writes no error documents, the error rows the other
// formats hold. A document one format holds and another lacks (an
// interrupted run commits the formats' files at different times) is
// processed again and written only to the sinks that lack it.
func Resume(formats []Written) (done map[string]bool, have []map[string]bool) {
	errs := map[string]bool{}
	for _, w := range formats {
		for id := range w.Errors {
			errs[id] = true
		}
	}
	have = make([]map[string]bool, len(formats))
	for i, w := range formats {
		have[i] = w.IDs
		if w.Format == FormatFtM {
			have[i] = make(map[string]bool, len(w.IDs)+len(errs))
			for id := range w.IDs {
				have[i][id] = true
			}
			for id := range errs {
				have[i][id] = true
			}
		}
	}
	done = map[string]bool{}
	if len(have) == 0 {
		return done, have
	}
	for id := range have[0] {
		all := true
		for _, h := range have[1:] {
			all = all && h[id]
		}
		if all {
			done[id] = true
		}
	}
	return done, have
}

// SkipWritten wraps s so Write leaves out the documents in have (by
// document_id), which s's files already hold.
func SkipWritten(s Sink, have map[string]bool) Sink {
	if len(have) == 0 {
		return s
	}
	return skipWritten{s, have}
}

type skipWritten struct {
	Sink
	have map[string]bool
}

func (s skipWritten) Write(ctx context.Context, rec *Record) error {
	if s.have[rec.Document.DocumentID] {
		return nil
	}
	return s.Sink.Write(ctx, rec)
}
