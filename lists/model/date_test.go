package model_test

import (
	"bufio"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists/internal/listtest"
	"github.com/sanctionscan/sanctionscan/lists/model"
)

// parseDateTests covers the free-text rows of case C06 (../shared/cases/C06/
// dates.tsv) and the forms the real lists use.
var parseDateTests = []struct {
	raw  string
	want model.BirthDate
	bad  bool
}{
	{raw: "1968", want: model.BirthDate{Year: 1968}},
	{raw: "circa 1968", want: model.BirthDate{Year: 1968, Approximate: true}},
	{raw: "Approximately 2001", want: model.BirthDate{Year: 2001, Approximate: true}},
	{raw: "01/2001", want: model.BirthDate{Year: 2001, Month: 1}},
	{raw: "1999, 2003", want: model.BirthDate{Years: []int{1999, 2003}}},
	{raw: "Approximately 1999, 2003", want: model.BirthDate{Years: []int{1999, 2003}, Approximate: true}},
	{raw: "1999 or 2003", want: model.BirthDate{Years: []int{1999, 2003}}},
	{raw: "16-07-68", want: model.BirthDate{Year: 1968, Month: 7, Day: 16}},
	{raw: "03-02-12", want: model.BirthDate{Year: 1912, Month: 2, Day: 3}},
	{raw: "1966-1969", want: model.BirthDate{FromYear: 1966, ToYear: 1969}},
	{raw: "1960 to 1962", want: model.BirthDate{FromYear: 1960, ToYear: 1962}},
	{raw: "1975-04-09", want: model.BirthDate{Year: 1975, Month: 4, Day: 9}},
	{raw: "1975-04", want: model.BirthDate{Year: 1975, Month: 4}},
	{raw: "09/04/1975", want: model.BirthDate{Year: 1975, Month: 4, Day: 9}},
	{raw: "00/00/1980", want: model.BirthDate{Year: 1980}},
	{raw: "00/07/1980", want: model.BirthDate{Year: 1980, Month: 7}},
	{raw: "30 Jul 1957", want: model.BirthDate{Year: 1957, Month: 7, Day: 30}},
	{raw: "Nov. 1973 ", want: model.BirthDate{Year: 1973, Month: 11}},
	{raw: "August 1961", want: model.BirthDate{Year: 1961, Month: 8}},
	{raw: "circa 1960", want: model.BirthDate{Year: 1960, Approximate: true}},
	{raw: "01 Jan 1946 to 31 Dec 1948", want: model.BirthDate{FromYear: 1946, ToYear: 1948}},
	{raw: "01 Jan 1970 to 31 Dec 1970", want: model.BirthDate{Year: 1970}},
	{raw: "01 Feb 1958 to 28 Feb 1958", want: model.BirthDate{Year: 1958, Month: 2}},
	{raw: "Between Aug. and Sep. 1977", want: model.BirthDate{Year: 1977}},
	{raw: "between 1960 and 1962", want: model.BirthDate{FromYear: 1960, ToYear: 1962}},
	{raw: "between Jan. and", bad: true},
	{raw: "unknown", bad: true},
	{raw: "", bad: true},
	{raw: "31/02/1970", bad: true},
	{raw: "12/13/1970", bad: true},
	{raw: "1969-1966", bad: true},
	{raw: "circa 30-35 years old", bad: true},
	{raw: "24/06/1402 (Hijri Calendar)", bad: true},
	{raw: "0999", bad: true},
}

func TestParseDate(t *testing.T) {
	for _, tc := range parseDateTests {
		got, err := model.ParseDate(tc.raw)
		if tc.bad {
			if !errors.Is(err, model.ErrUnparseableDate) || !reflect.DeepEqual(got, model.BirthDate{}) {
				t.Errorf("ParseDate(%q) = %+v, %v; want zero, ErrUnparseableDate", tc.raw, got, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v", tc.raw, got, err, tc.want)
		}
	}
}

// TestTwoDigitYearWindow pins the 1911–2010 window for two-digit years.
func TestTwoDigitYearWindow(t *testing.T) {
	if model.TwoDigitYearWindowStart != 1911 {
		t.Fatalf("window start = %d, want 1911", model.TwoDigitYearWindowStart)
	}
	for yy, want := range map[string]int{"00": 2000, "10": 2010, "11": 1911, "12": 1912, "68": 1968, "99": 1999} {
		got, err := model.ParseDate("01-01-" + yy)
		if err != nil || got.Year != want {
			t.Errorf("01-01-%s → %+v, %v; want year %d", yy, got, err, want)
		}
	}
}

// TestC06Covered fails when case C06 gains a free-text row this package's
// table does not cover.
func TestC06Covered(t *testing.T) {
	f, err := os.Open(listtest.Case(t, "C06/dates.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	covered := map[string]bool{}
	for _, tc := range parseDateTests {
		covered[tc.raw] = true
	}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 || cols[0] == "UN-XML" { // structured UN rows: lists/un tests
			continue
		}
		if !covered[cols[1]] {
			t.Errorf("C06 row %q not in parseDateTests", cols[1])
		}
	}
}

func TestBirthDateStringRoundTrip(t *testing.T) {
	for _, tc := range parseDateTests {
		if tc.bad {
			continue
		}
		again, err := model.ParseDate(tc.want.String())
		if err != nil || !reflect.DeepEqual(again, tc.want) {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v", tc.want.String(), again, err, tc.want)
		}
	}
}

func TestYearRange(t *testing.T) {
	for _, tc := range []struct {
		b        model.BirthDate
		from, to int
	}{
		{model.BirthDate{Year: 1968, Approximate: true}, 1968, 1968},
		{model.BirthDate{FromYear: 1966, ToYear: 1969}, 1966, 1969},
		{model.BirthDate{Years: []int{2003, 1999}}, 1999, 2003},
		{model.BirthDate{}, 0, 0},
	} {
		if f, to := tc.b.YearRange(); f != tc.from || to != tc.to {
			t.Errorf("%+v.YearRange() = %d, %d; want %d, %d", tc.b, f, to, tc.from, tc.to)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, tc := range parseDateTests {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		b, err := model.ParseDate(raw)
		if err != nil {
			if !errors.Is(err, model.ErrUnparseableDate) {
				t.Fatalf("error %v does not wrap ErrUnparseableDate", err)
			}
			return
		}
		again, err := model.ParseDate(b.String())
		if err != nil || !reflect.DeepEqual(again, b) {
			t.Fatalf("%q → %+v → %q → %+v, %v", raw, b, b.String(), again, err)
		}
	})
}
