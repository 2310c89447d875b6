package output

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
)

// jsonLines is one JSON Lines file written atomically: a hidden temporary
// file, buffered, renamed into place by close.
type jsonLines struct {
	file    *atomicFile
	buf     *bufio.Writer
	enc     *json.Encoder
	line    bytes.Buffer  // encodeRow's line
	lineEnc *json.Encoder // encodeRow's values, into line
}

func createJSONLines(path string) (*jsonLines, error) {
	f, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(f, 1<<16)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // keep <, > and & readable; JSON Lines is not embedded in HTML
	j := &jsonLines{file: f, buf: buf, enc: enc}
	j.lineEnc = json.NewEncoder(&j.line)
	j.lineEnc.SetEscapeHTML(false)
	return j, nil
}

// encode writes v as one line.
func (j *jsonLines) encode(v any) error {
	if err := j.enc.Encode(v); err != nil {
		return fmt.Errorf("output: write %s: %w", j.file.final, err)
	}
	return nil
}

// encodeRow writes row, a pointer to a table's row type, as one line with
// every column's key in column order: an empty value of a column the Parquet
// schema makes optional (its parquet tag) is null, as in Parquet, so every
// line of a table has the same keys (polars infers an NDJSON file's schema
// from its first lines).
func (j *jsonLines) encodeRow(row any) error {
	v := reflect.ValueOf(row).Elem()
	t := v.Type()
	j.line.Reset()
	j.line.WriteByte('{')
	for i := range t.NumField() {
		f := t.Field(i)
		if i > 0 {
			j.line.WriteByte(',')
		}
		fmt.Fprintf(&j.line, "%q:", f.Tag.Get("json"))
		if _, opts, _ := strings.Cut(f.Tag.Get("parquet"), ","); strings.Contains(","+opts+",", ",optional,") && v.Field(i).IsZero() {
			j.line.WriteString("null")
			continue
		}
		if f.Type.Kind() == reflect.Float64 {
			// always with a decimal point ("score":1.0), so a reader that
			// guesses a column's type from its first lines reads a float
			j.line.WriteString(floatJSON(v.Field(i).Float()))
			continue
		}
		if err := j.lineEnc.Encode(v.Field(i).Interface()); err != nil {
			return fmt.Errorf("output: write %s: %w", j.file.final, err)
		}
		j.line.Truncate(j.line.Len() - 1) // Encode's newline
	}
	j.line.WriteString("}\n")
	if _, err := j.buf.Write(j.line.Bytes()); err != nil {
		return fmt.Errorf("output: write %s: %w", j.file.final, err)
	}
	return nil
}

// floatJSON formats x as a JSON number with a decimal point or exponent:
// 1 → "1.0", 0.84 → "0.84"; NaN and infinities, which JSON lacks, → null.
func floatJSON(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "null"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// close flushes, syncs and renames the file into place.
func (j *jsonLines) close() error {
	if err := j.buf.Flush(); err != nil {
		j.file.discard()
		return fmt.Errorf("output: write %s: %w", j.file.final, err)
	}
	if err := j.file.finish(); err != nil {
		j.file.discard()
		return err
	}
	return j.file.commit()
}

// JSONLSink writes the same rows as the Parquet tables as JSON Lines, one file
// per table and run: dir/<table>-<shard:05d>-<seq:05d>.jsonl, seq after any
// existing file of the shard. The files sit beside, never inside, the
// Parquet table folders, so dir may be the Parquet output directory: readers
// of a table folder (pd.read_parquet("out/matches"), Spark) see only Parquet.
// Each line has every column of its table, keyed by the row types' json tags
// (encodeRow): an empty optional string and a nil published_at are null, as
// in Parquet; lists are always arrays, timestamps RFC 3339 in UTC with at most
// microseconds.
// Files are written under hidden temporary names and renamed on Close.
type JSONLSink struct {
	files  map[string]*jsonLines
	closed bool
	// designations are the parts of the designations table; wrote says
	// this sink wrote the table, so Close removes the earlier parts (a
	// resumed run writes it again, as the Parquet sink does).
	designations partFiles
	seq          int
	wrote        bool
}

// OpenJSONL creates the four JSON Lines files under dir for shard.
func OpenJSONL(dir string, shard int, opt Options) (*JSONLSink, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	tables := []string{TableDocuments, TableMentions, TableMatches, TableDesignations}
	parts := func(table string) partFiles {
		return partFiles{dir: dir, prefix: table + "-", ext: ".jsonl", shard: shard}
	}
	seq := 0
	for _, t := range tables {
		p := parts(t)
		if err := p.removeStaleTemps(); err != nil {
			return nil, err
		}
		next, err := p.next()
		if err != nil {
			return nil, err
		}
		seq = max(seq, next)
	}
	s := &JSONLSink{files: map[string]*jsonLines{}, designations: parts(TableDesignations), seq: seq}
	for _, t := range tables {
		f, err := createJSONLines(parts(t).path(seq))
		if err != nil {
			s.Abort()
			return nil, err
		}
		s.files[t] = f
	}
	return s, nil
}

// WriteDesignations writes rows to the designations file.
func (s *JSONLSink) WriteDesignations(ctx context.Context, rows []Designation) error {
	if s.closed {
		return ErrClosed
	}
	for _, d := range rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		nd := normalizeDesignation(d)
		if err := s.files[TableDesignations].encodeRow(&nd); err != nil {
			return err
		}
	}
	s.wrote = true
	return nil
}

// Write writes one document's rows, in the order of normalize.
func (s *JSONLSink) Write(ctx context.Context, rec *Record) error {
	if s.closed {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	n := normalize(rec)
	if err := s.files[TableDocuments].encodeRow(&n.Document); err != nil {
		return err
	}
	for i := range n.Mentions {
		if err := s.files[TableMentions].encodeRow(&n.Mentions[i]); err != nil {
			return err
		}
	}
	for i := range n.Matches {
		if err := s.files[TableMatches].encodeRow(&n.Matches[i]); err != nil {
			return err
		}
	}
	return nil
}

// Close renames the four files into place and, when this sink wrote the
// designations, removes the shard's earlier designations files.
func (s *JSONLSink) Close() error {
	if s.closed {
		return ErrClosed
	}
	s.closed = true
	var errs []error
	for _, t := range []string{TableMentions, TableMatches, TableDesignations, TableDocuments} {
		errs = append(errs, s.files[t].close())
	}
	if err := errors.Join(errs...); err != nil || !s.wrote {
		return err
	}
	old, err := s.designations.seqs()
	for _, seq := range old {
		if seq != s.seq {
			err = errors.Join(err, os.Remove(s.designations.path(seq)))
		}
	}
	return err
}

// Abort removes the temporary files.
func (s *JSONLSink) Abort() error {
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	for _, f := range s.files {
		errs = append(errs, f.file.discard())
	}
	return errors.Join(errs...)
}
