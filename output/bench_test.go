package output_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

// BenchmarkParquetSink measures the Parquet sink's throughput with default
// options (zstd) on the fixture records (0-6 mentions and 0-4 matches per
// document), with their short texts and with texts padded to news-article
// size (~6 KB), in documents per second and text MB/s.
// Run: go test -run '^$' -bench ParquetSink -benchtime 20000x ./output/
func BenchmarkParquetSink(b *testing.B) {
	for _, c := range []struct {
		name   string
		repeat int
	}{{"short", 1}, {"article", 40}} {
		b.Run(c.name, func(b *testing.B) {
			recs := fixture.Records(64)
			var size int64
			for _, r := range recs {
				r.Document.Text = strings.Repeat(r.Document.Text+"\n\n", c.repeat)
				size += int64(len(r.Document.Text))
			}
			b.SetBytes(size / int64(len(recs)))
			ctx := context.Background()
			s, err := output.OpenParquet(b.TempDir(), 0, "bench", output.DefaultOptions())
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.Write(ctx, recs[i%len(recs)]); err != nil {
					b.Fatal(err)
				}
			}
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
