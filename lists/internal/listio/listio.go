// Package listio holds the small text helpers every list reader shares:
// decoding publisher bytes to UTF-8, a tolerant CSV reader, and list
// de-duplication.
package listio

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/sanctionscan/sanctionscan/lists/model"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// Decode returns data as UTF-8 text: a UTF-8 BOM is dropped, trailing DOS
// end-of-file bytes (0x1A, as in OFAC's CSV files) are removed, and bytes that
// are not valid UTF-8 are read as Windows-1252 (the superset of Latin-1 that
// OFAC's "latin-1" and OFSI's CSV files actually use, e.g. 0x93/0x94 quotes).
func Decode(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimRight(data, "\x1a\r\n")
	if utf8.Valid(data) {
		return string(data)
	}
	var sb strings.Builder
	sb.Grow(len(data) + len(data)/8)
	for _, c := range data {
		sb.WriteRune(charmap.Windows1252.DecodeByte(c))
	}
	return sb.String()
}

// CSVReader returns a csv.Reader over text that accepts a varying number of
// fields per record (callers check counts and set rows aside) and unescaped
// quotes inside quoted fields (OFAC sdn_comments.csv, moov-io/watchman #248).
func CSVReader(text string) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r
}

// AppendUnique appends each value, trimmed, to list unless it is empty or
// already present (exact comparison), keeping list order.
func AppendUnique(list []string, values ...string) []string {
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" || contains(list, v) {
			continue
		}
		list = append(list, v)
	}
	return list
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Collapse trims s and folds runs of whitespace (including newlines) to one space.
func Collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// XMLDecoder returns a decoder over data that honours the encoding named in
// the XML declaration (e.g. ISO-8859-1), not only UTF-8.
func XMLDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// ErrNoRoot: an XML document ended before its root element started.
var ErrNoRoot = errors.New("no root element")

// XMLRoot returns the root element of an XML document, skipping the
// declaration, comments and whitespace. It reads only as far as the root's
// start tag.
func XMLRoot(data []byte) (xml.StartElement, error) {
	d := XMLDecoder(data)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return xml.StartElement{}, ErrNoRoot
		}
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("xml: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// Attr returns the value of the attribute with local name local, "" if absent.
func Attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// WalkXML reads the XML document data to its end and calls fn for every
// start element with the line it starts on; fn either consumes the element
// (d.DecodeElement, d.Skip) or returns nil to descend into it. A truncated or
// broken document, an error from fn, or a document without a root element
// named root returns an error wrapping model.ErrMalformed.
func WalkXML(data []byte, root string, fn func(d *xml.Decoder, se xml.StartElement, line int) error) error {
	d := XMLDecoder(data)
	sawRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: %w", model.ErrMalformed, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			sawRoot = sawRoot || se.Name.Local == root
			line, _ := d.InputPos()
			if err := fn(d, se, line); err != nil {
				return fmt.Errorf("%w: %w", model.ErrMalformed, err)
			}
		}
	}
	if !sawRoot {
		return fmt.Errorf("%w: no %s root element", model.ErrMalformed, root)
	}
	return nil
}

// AddEntry decodes the element se into a T and maps it with designation:
// the designation goes to res.Designations and its errors to res.Warnings,
// or, when it maps to nil, the entry is set aside with reason.
func AddEntry[T any](d *xml.Decoder, se xml.StartElement, line int, file string, res *model.Result, reason string,
	designation func(*T) (*model.Designation, []error)) error {
	var e T
	if err := d.DecodeElement(&e, &se); err != nil {
		return err
	}
	des, errs := designation(&e)
	if des == nil {
		res.SetAside = append(res.SetAside, model.SetAside{File: file, Line: line, Reason: reason})
		return nil
	}
	res.Warnings = Warn(res.Warnings, file, line, errs)
	res.Designations = append(res.Designations, des)
	return nil
}

// Contains reports whether list holds v (exact comparison).
func Contains(list []string, v string) bool { return contains(list, v) }

// AddBirthDates appends each published date to d.BirthDates (trimmed,
// de-duplicated) and its model.ParseDate reading to d.ParsedBirthDates. Dates
// that do not parse are kept as published and returned as errors (wrapping
// model.ErrUnparseableDate) for the caller to report as warnings.
func AddBirthDates(d *model.Designation, dates ...string) []error {
	var errs []error
	for _, raw := range dates {
		if raw = strings.TrimSpace(raw); raw == "" || contains(d.BirthDates, raw) {
			continue
		}
		d.BirthDates = append(d.BirthDates, raw)
		b, err := model.ParseDate(raw)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: birth date kept as published: %w", d.ID, err))
			continue
		}
		d.ParsedBirthDates = append(d.ParsedBirthDates, b)
	}
	return errs
}

// Warn appends one warning per error to warnings, all at file:line.
func Warn(warnings []model.SetAside, file string, line int, errs []error) []model.SetAside {
	for _, err := range errs {
		warnings = append(warnings, model.SetAside{File: file, Line: line, Reason: err.Error()})
	}
	return warnings
}
