package lists

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"

	"github.com/sanctionscan/sanctionscan/lists/custom"
	"github.com/sanctionscan/sanctionscan/lists/eu"
	"github.com/sanctionscan/sanctionscan/lists/ftm"
	"github.com/sanctionscan/sanctionscan/lists/internal/listio"
	"github.com/sanctionscan/sanctionscan/lists/model"
	"github.com/sanctionscan/sanctionscan/lists/ofac"
	"github.com/sanctionscan/sanctionscan/lists/uk"
	"github.com/sanctionscan/sanctionscan/lists/un"
)

// ErrMixedFormats: the files given for one dataset are of different formats.
var ErrMixedFormats = errors.New("files of different list formats in one dataset")

// Formats recognised by Load (Dataset.Format values).
const (
	FormatUNXML   = "un_xml"     // UN Security Council Consolidated List XML
	FormatOFACCSV = "ofac_csv"   // OFAC sdn.csv + alt.csv + add.csv + sdn_comments.csv
	FormatOFACXML = "ofac_xml"   // OFAC sdnList XML (sdn.xml, consolidated.xml)
	FormatUKCSV   = "uk_csv"     // UK OFSI Consolidated List ConList.csv
	FormatUKSLCSV = "uk_sl_csv"  // FCDO UK Sanctions List CSV
	FormatEUXML   = "eu_xml"     // EU Financial Sanctions Files XML
	FormatFtMJSON = "ftm_json"   // OpenSanctions FollowTheMoney entity JSON lines
	FormatFtMCSV  = "ftm_csv"    // OpenSanctions targets.simple.csv
	FormatCustom  = "custom_csv" // sanctionscan's own watch-list CSV (see lists/custom)
)

// format is one list format Load can read.
type format struct {
	name    string // Dataset.Format
	dataset string // dataset name used when Load is given none (DESIGN.md names)
	read    func(data []byte, file string) (*model.Result, error)
}

var (
	formatUN   = &format{name: FormatUNXML, dataset: "un_sc_sanctions", read: un.Read}
	formatOFAC = &format{name: FormatOFACCSV, dataset: "us_ofac_sdn"} // read as a set, see Load
	// The consolidated non-SDN list has the same schema and cannot be told
	// apart by content: name it us_ofac_cons when loading it.
	formatOFACXML = &format{name: FormatOFACXML, dataset: "us_ofac_sdn", read: ofac.ReadXML}
	formatEU      = &format{name: FormatEUXML, dataset: "eu_fsf", read: eu.Read}
	// FtM files name their datasets; see ftmDatasetName.
	formatFtMJSON = &format{name: FormatFtMJSON, read: ftm.ReadJSONL}
	formatFtMCSV  = &format{name: FormatFtMCSV, read: ftm.ReadTargets}
	formatCustom  = &format{name: FormatCustom, dataset: "custom", read: custom.Read}
	formatUK      = &format{name: FormatUKCSV, dataset: "gb_hmt_sanctions", read: uk.Read}
	formatUKSL    = &format{name: FormatUKSLCSV, dataset: "gb_fcdo_sanctions", read: uk.Read}
)

// file is one input file of Load.
type file struct {
	path   string
	data   []byte
	format *format
	part   ofac.Part // for FormatOFACCSV
}

// Load reads the files of one list into a Dataset named name (name "" uses
// the format's usual dataset name, DESIGN.md: un_sc_sanctions, us_ofac_sdn,
// us_ofac_cons, eu_fsf, gb_hmt_sanctions, or for FtM the dataset the file
// names). Each file's format is recognised from its content, not its name;
// the files of an OFAC CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv)
// are recognised by shape and joined on ent_num, files of the other formats
// are read one after another into the same Dataset. Files, SHA256 (hex, per
// file), Published (when a file states it), Format and Designations (file
// order) are filled; malformed rows are set aside with file, line and reason.
//
// A file starting with the gzip magic bytes is decompressed first (SHA256 is
// still the file's as given).
//
// Errors name the file and wrap ErrUnknownFormat (content of no supported
// format), ErrMalformed (truncated or broken file, or a custom list whose
// header has unknown, repeated or missing columns), ErrMixedFormats, an
// os error, or ctx.Err().
func Load(ctx context.Context, name string, paths []string) (*Dataset, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("lists: dataset %q: no files given", name)
	}
	ds := &Dataset{}
	files := make([]file, 0, len(paths))
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := readListFile(p)
		if err != nil {
			return nil, fmt.Errorf("lists: %w", err)
		}
		sum := sha256.Sum256(data)
		ds.Files = append(ds.Files, p)
		ds.SHA256 = append(ds.SHA256, hex.EncodeToString(sum[:]))
		if data, err = gunzip(data); err != nil {
			return nil, fmt.Errorf("lists: %s: %w", p, err)
		}
		f := file{path: p, data: data}
		if f.format, f.part, err = sniff(data); err != nil {
			return nil, fmt.Errorf("lists: %s: %w", p, err)
		}
		if len(files) > 0 && files[0].format != f.format {
			return nil, fmt.Errorf("lists: %s is %s but %s is %s: %w", p, f.format.name, files[0].path, files[0].format.name, ErrMixedFormats)
		}
		files = append(files, f)
	}
	ds.Format = files[0].format.name
	ds.Name = name
	if ds.Name == "" {
		ds.Name = files[0].format.dataset
	}
	var declared []string // dataset names the files declare (FtM)
	if files[0].format == formatOFAC {
		set := make([]ofac.File, len(files))
		for i, f := range files {
			set[i] = ofac.File{Path: f.path, Text: listio.Decode(f.data), Part: f.part}
		}
		res, err := ofac.ReadCSVSet(set)
		if err != nil {
			return nil, fmt.Errorf("lists: %v: %w", paths, err)
		}
		addResult(ds, res)
	} else {
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			res, err := f.format.read(f.data, f.path)
			if err != nil {
				return nil, fmt.Errorf("lists: %s: %w", f.path, err)
			}
			for _, d := range res.Designations {
				d.SourceFile = f.path
			}
			addResult(ds, res)
			declared = append(declared, res.Datasets...)
		}
	}
	if files[0].format.dataset == "" {
		ds.Name = ftmDatasetName(ds, name, declared)
	}
	for _, d := range ds.Designations {
		d.Dataset = ds.Name
	}
	return ds, nil
}

// FtMFallbackDataset names an FtM dataset loaded without a name whose files
// declare several datasets (or none).
const FtMFallbackDataset = "opensanctions"

// ftmDatasetName picks the name of an FtM dataset: the name given wins; else
// the one dataset the files declare; else FtMFallbackDataset. When the files
// declare datasets other than the name used, a note says so.
func ftmDatasetName(ds *Dataset, given string, declared []string) string {
	slices.Sort(declared)
	declared = slices.Compact(declared)
	name := given
	switch {
	case name != "":
	case len(declared) == 1:
		name = declared[0]
	default:
		name = FtMFallbackDataset
	}
	if len(declared) > 1 || (len(declared) == 1 && declared[0] != name) {
		ds.Notes = append(ds.Notes, fmt.Sprintf("the files name %d dataset(s) (%s); loaded as %q",
			len(declared), strings.Join(declared, ", "), name))
	}
	return name
}

// addResult appends one reader's result to ds; the first stated publication
// date wins.
func addResult(ds *Dataset, res *model.Result) {
	if ds.Published == "" {
		ds.Published = res.Published
	}
	ds.Designations = append(ds.Designations, res.Designations...)
	ds.SetAside = append(ds.SetAside, res.SetAside...)
	ds.Warnings = append(ds.Warnings, res.Warnings...)
	ds.Notes = append(ds.Notes, res.Notes...)
}

// MaxListBytes caps a gzip-compressed list file's decompressed size.
const MaxListBytes = 2 << 30

// gunzip returns data decompressed when it starts with the gzip magic bytes
// (a list saved as .gz), else data unchanged. The sha256 Load reports is the
// file's as given.
func gunzip(data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %w", ErrMalformed, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxListBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: gzip: %w", ErrMalformed, err)
	case len(out) > MaxListBytes:
		return nil, fmt.Errorf("%w: decompresses to more than %d bytes", ErrMalformed, MaxListBytes)
	}
	return out, nil
}

// sniffBytes is how much of a file format recognition reads: the root
// element, the first JSON line, or the banner, header and first record of a
// CSV file are well within it.
const sniffBytes = 1 << 20

// sniff recognises a file's format from its content.
func sniff(data []byte) (*format, ofac.Part, error) {
	head := data[:min(len(data), sniffBytes)]
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, "", fmt.Errorf("%w: empty file", ErrUnknownFormat)
	}
	if trimmed[0] == '<' {
		root, err := listio.XMLRoot(data)
		if err != nil {
			return nil, "", fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		switch root.Name.Local {
		case un.RootElement:
			return formatUN, "", nil
		case ofac.XMLRootElement:
			return formatOFACXML, "", nil
		case eu.RootElement:
			return formatEU, "", nil
		}
		return nil, "", fmt.Errorf("%w: XML root element <%s>", ErrUnknownFormat, root.Name.Local)
	}
	if trimmed[0] == '{' {
		if ftm.DetectJSONL(string(trimmed)) {
			return formatFtMJSON, "", nil
		}
		return nil, "", fmt.Errorf("%w: JSON that is not FtM entity lines", ErrUnknownFormat)
	}
	text := listio.Decode(head)
	if part, ok := ofac.DetectPart(text); ok {
		return formatOFAC, part, nil
	}
	switch uk.Detect(text) {
	case uk.OFSIConList:
		return formatUK, "", nil
	case uk.FCDOSanctionsList:
		return formatUKSL, "", nil
	}
	if ftm.DetectTargets(text) {
		return formatFtMCSV, "", nil
	}
	if custom.Detect(text) {
		return formatCustom, "", nil
	}
	return nil, "", fmt.Errorf("%w: not a recognised XML, JSON lines or CSV layout", ErrUnknownFormat)
}

// readListFile reads the list file at path. A named pipe is opened without
// waiting for a writer, so one nothing writes to reads as empty instead of
// blocking the run beyond any signal, while a shell's process substitution
// (--list un=<(curl ...)) is read to its end; a socket or device is an
// error.
func readListFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case st.Mode().IsRegular():
		return os.ReadFile(path)
	case st.Mode()&fs.ModeNamedPipe == 0:
		return nil, fmt.Errorf("%s: not a regular file or pipe: %s", path, st.Mode().Type())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
