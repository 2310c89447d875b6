package output

import (
	"errors"
	"fmt"
	"runtime"
	"slices"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	pqzstd "github.com/parquet-go/parquet-go/compress/zstd"
)

// Output formats that Options.Formats may name.
const (
	FormatParquet = "parquet" // the four tables as Parquet part folders (DESIGN.md "Output tables")
	FormatJSONL   = "jsonl"   // the same rows as JSON Lines, one folder per table
	FormatFtM     = "ftm"     // FollowTheMoney entities as JSON Lines
)

// ErrOptions is returned (wrapped) by Options.Validate for an unusable setting.
var ErrOptions = errors.New("output: invalid options")

// Options configures the sinks; config key `output`.
//
// Memory per open Parquet table is bounded by one row group: at most
// RowGroupRows rows or about RowGroupBytes bytes of uncompressed values,
// whichever comes first. Smaller row groups mean less memory and finer-grained
// reads, larger ones better compression; readers (DuckDB, Spark) parallelise
// over row groups, so a few per part is good.
type Options struct {
	// PartRows is the number of rows after which a table's part file is
	// completed (renamed into place) and the next part begins. Documents,
	// mentions and matches roll over together at a document boundary as soon
	// as any of the three reaches PartRows, so a part may exceed it by the rows
	// of one document. Default 1,000,000.
	PartRows int64 `mapstructure:"part_rows"`
	// RowGroupRows bounds the rows in one row group. Default 65,536.
	RowGroupRows int64 `mapstructure:"row_group_rows"`
	// RowGroupBytes bounds the uncompressed size of one row group, estimated
	// from the values written (string bytes + 8 per number). Default 64 MiB.
	RowGroupBytes int64 `mapstructure:"row_group_bytes"`
	// Compression is the Parquet codec: "zstd" (default), "snappy", "gzip" or
	// "none".
	Compression string `mapstructure:"compression"`
	// Formats are the sinks the pipeline opens: any of "parquet" (default),
	// "jsonl", "ftm".
	Formats []string `mapstructure:"formats"`
	// Report is the path of the HTML review report; "" writes none.
	Report string `mapstructure:"report"`
}

// DefaultOptions returns the defaults documented on Options.
func DefaultOptions() Options {
	return Options{
		PartRows:      1_000_000,
		RowGroupRows:  64 * 1024,
		RowGroupBytes: 64 << 20,
		Compression:   "zstd",
		Formats:       []string{FormatParquet},
	}
}

var codecs = map[string]compress.Codec{
	"zstd":   newZstdCodec(),
	"snappy": &parquet.Snappy,
	"gzip":   &parquet.Gzip,
	"none":   &parquet.Uncompressed,
}

// Validate reports the first unusable setting as an error wrapping ErrOptions.
func (o *Options) Validate() error {
	switch {
	case o.PartRows <= 0:
		return fmt.Errorf("%w: part_rows must be > 0, got %d", ErrOptions, o.PartRows)
	case o.RowGroupRows <= 0:
		return fmt.Errorf("%w: row_group_rows must be > 0, got %d", ErrOptions, o.RowGroupRows)
	case o.RowGroupBytes <= 0:
		return fmt.Errorf("%w: row_group_bytes must be > 0, got %d", ErrOptions, o.RowGroupBytes)
	}
	if _, ok := codecs[o.Compression]; !ok {
		return fmt.Errorf("%w: compression %q (want zstd, snappy, gzip or none)", ErrOptions, o.Compression)
	}
	if len(o.Formats) == 0 {
		return fmt.Errorf("%w: formats is empty (want parquet, jsonl and/or ftm)", ErrOptions)
	}
	for i, f := range o.Formats {
		switch {
		case !slices.Contains([]string{FormatParquet, FormatJSONL, FormatFtM}, f):
			return fmt.Errorf("%w: format %q (want parquet, jsonl or ftm)", ErrOptions, f)
		case slices.Contains(o.Formats[:i], f):
			return fmt.Errorf("%w: format %q is listed twice (two sinks would write the same files)", ErrOptions, f)
		}
	}
	return nil
}

// zstdCodec is parquet-go's ZSTD codec (its level and frame settings) with
// one long-lived encoder whose match window is 1 MiB. parquet-go's own
// codec keeps encoders in a sync.Pool, which the collector empties; each
// new encoder then allocates and clears a 16 MiB history (twice the 8 MiB
// default window: klauspost/compress zstd/enc_base.go, ensureHist), about
// 2% of a run's CPU in the eval throughput profile (issue 8). A data page
// is far smaller than the window (parquet-go's page buffer is 256 KiB), so
// the compression is the same. Decoding is parquet-go's.
type zstdCodec struct {
	*pqzstd.Codec // String, CompressionCodec, Decode
	enc           *zstd.Encoder
}

func newZstdCodec() *zstdCodec {
	enc, err := zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedDefault),
		zstd.WithWindowSize(1<<20),
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
		zstd.WithZeroFrames(true),
		zstd.WithEncoderCRC(false))
	if err != nil {
		panic(err) // the options are constants
	}
	return &zstdCodec{Codec: &parquet.Zstd, enc: enc}
}

// Encode compresses src into one zstd frame appended to dst[:0]. Safe for
// concurrent use (zstd.Encoder.EncodeAll).
func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	return c.enc.EncodeAll(src, dst[:0]), nil
}
