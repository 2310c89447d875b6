package output_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sanctionscan/sanctionscan/output"
)

// TestC13EmptyListStaysEmpty: list columns are standard 3-level LISTs (the
// lint in TestSchema) and an empty or nil slice reads back as an empty list,
// a filled one in order.
func TestC13EmptyListStaysEmpty(t *testing.T) {
	dir := t.TempDir()
	s, err := output.OpenParquet(dir, 0, "c13", output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	rows := []output.Designation{
		{Dataset: "d", DesignationID: "a1", Aliases: []string{"Abu Layth", "Tarek Salemi"}},
		{Dataset: "d", DesignationID: "a2", Aliases: []string{}},
		{Dataset: "d", DesignationID: "a3"}, // nil
	}
	if err := s.WriteDesignations(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := readTable[output.Designation](t, dir, output.TableDesignations)
	want := [][]string{{"Abu Layth", "Tarek Salemi"}, {}, {}}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		if !slices.Equal(got[i].Aliases, w) {
			t.Errorf("row %d aliases = %q, want %q", i, got[i].Aliases, w)
		}
	}
	pf := openPart(t, filepath.Join(dir, output.TableDesignations, "part-00000-00000.parquet"))
	if p := lint(pf, 1<<20); len(p) > 0 {
		t.Errorf("lint: %v", p)
	}
}

// TestC14OptionalTimestamp: an optional *time.Time with microsecond unit
// writes without panic; nil reads back as null; microseconds round-trip
// exactly; other zones and sub-microsecond digits are normalised to UTC micros.
func TestC14OptionalTimestamp(t *testing.T) {
	exact := time.Date(2024, 3, 5, 10, 20, 30, 123456000, time.UTC)
	almaty := time.FixedZone("UTC+5", 5*3600)
	cases := []struct {
		name string
		in   *time.Time
		want *time.Time
	}{
		{"nil is null", nil, nil},
		{"micros exact", &exact, &exact},
		{"zone to UTC", ptr(exact.In(almaty)), &exact},
		{"nanos truncated", ptr(exact.Add(789 * time.Nanosecond)), &exact},
		{"before 1970", ptr(time.Date(1969, 7, 20, 20, 17, 40, 1000, time.UTC)), ptr(time.Date(1969, 7, 20, 20, 17, 40, 1000, time.UTC))},
	}
	dir := t.TempDir()
	s, err := output.OpenParquet(dir, 0, "c14", output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if err := s.Write(context.Background(), &output.Record{Document: output.Document{
			DocumentID: c.name, Source: c.name, Status: "ok", PublishedAt: c.in,
		}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := readTable[output.Document](t, dir, output.TableDocuments)
	for i, c := range cases {
		g := got[i].PublishedAt
		switch {
		case c.want == nil && g != nil:
			t.Errorf("%s: published_at = %v, want null", c.name, g)
		case c.want != nil && (g == nil || !g.Equal(*c.want)):
			t.Errorf("%s: published_at = %v, want %v", c.name, g, c.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
