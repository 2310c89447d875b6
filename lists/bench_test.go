package lists_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
)

// benchLoad loads the real files b.N times and reports designations per second.
func benchLoad(b *testing.B, files ...string) {
	var paths []string
	var size int64
	for _, f := range files {
		p := listtest.Shared(b, f)
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
		paths = append(paths, p)
	}
	b.SetBytes(size)
	var n int
	for b.Loop() {
		ds, err := lists.Load(context.Background(), "", paths)
		if err != nil {
			b.Fatal(err)
		}
		n = len(ds.Designations)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "designations/s")
}

func BenchmarkLoadUN(b *testing.B) { benchLoad(b, "un/UN_consolidated_2026-02-27.xml") }

func BenchmarkLoadOFACSDN(b *testing.B) {
	benchLoad(b, "ofac/sdn_2024-05-03.csv", "ofac/alt_2026.csv", "ofac/add_2026.csv")
}

func BenchmarkLoadOFACXML(b *testing.B) { benchLoad(b, "ofac/cons_nonsdn_2018-04-06.xml") }

// FuzzLoad feeds arbitrary bytes through format recognition and the reader
// it picks: Load never panics, and every error wraps one of its sentinels.
func FuzzLoad(f *testing.F) {
	for _, fixture := range []string{"un_consolidated_excerpt.xml", "ofac/sdn.csv", "ofac/sdn_comments.csv", "ofac_cons_excerpt.xml",
		"uk_conlist_excerpt.csv", "eu_fsf_excerpt.xml", "opensanctions_excerpt.ftm.json", "custom_watchlist.csv"} {
		data, err := os.ReadFile(listtest.Fixture(f, fixture))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("name,schema,colour\nJane Doe,Person,red\n")) // a custom list with a bad header
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ds, err := lists.Load(context.Background(), "", []string{p})
		if err != nil {
			if !errors.Is(err, lists.ErrUnknownFormat) && !errors.Is(err, lists.ErrMalformed) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		if ds.Format == "" || ds.Name == "" || len(ds.SHA256) != 1 {
			t.Fatalf("incomplete dataset: %+v", ds)
		}
	})
}
