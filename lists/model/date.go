package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// TwoDigitYearWindowStart pins how two-digit birth years are read: "yy" is the
// year in the 100-year window TwoDigitYearWindowStart..TwoDigitYearWindowStart+99
// (1911–2010), so "68" is 1968 and "12" is 1912, never a future year. The window
// is the one OpenSanctions chose for two lists' birth dates (opensanctions PR
// #5319); it is a deliberate choice tested in date_test.go, not a library default.
const TwoDigitYearWindowStart = 1911

// BirthDate is the structured reading of one published birth date, at the
// precision the list states and no finer. Exactly one shape is used:
//   - a single date: Year set, Month (1–12) and Day (1–31) set only when stated;
//   - a range: FromYear..ToYear inclusive (UN BETWEEN, "1960-1962"), Year 0;
//   - candidate years: Years (two or more, "1999, 2003"), Year 0.
//
// Approximate marks "circa"/"approximately"/UN APPROXIMATELY and applies to
// whichever shape is used. Zero fields mean "not stated".
type BirthDate struct {
	Year        int   `json:"year,omitempty"`
	Month       int   `json:"month,omitempty"`
	Day         int   `json:"day,omitempty"`
	Approximate bool  `json:"approximate,omitempty"`
	FromYear    int   `json:"from_year,omitempty"`
	ToYear      int   `json:"to_year,omitempty"`
	Years       []int `json:"years,omitempty"`
}

// YearRange returns the inclusive range of years the date allows: one year for
// a single date, FromYear..ToYear for a range, min..max of Years for candidates.
// It returns 0, 0 for the zero BirthDate.
func (b BirthDate) YearRange() (from, to int) {
	switch {
	case b.Year != 0:
		return b.Year, b.Year
	case b.FromYear != 0:
		return b.FromYear, b.ToYear
	case len(b.Years) > 0:
		from, to = b.Years[0], b.Years[0]
		for _, y := range b.Years[1:] {
			from, to = min(from, y), max(to, y)
		}
		return from, to
	}
	return 0, 0
}

// String renders the date in the form the designations table shows when a
// list publishes dates structurally (UN XML): "1975-04-09", "1975-04", "1968",
// "circa 1968", "1966-1969", "1999, 2003". ParseDate(b.String()) returns b.
func (b BirthDate) String() string {
	var s string
	switch {
	case b.Year != 0 && b.Month != 0 && b.Day != 0:
		s = fmt.Sprintf("%04d-%02d-%02d", b.Year, b.Month, b.Day)
	case b.Year != 0 && b.Month != 0:
		s = fmt.Sprintf("%04d-%02d", b.Year, b.Month)
	case b.Year != 0:
		s = strconv.Itoa(b.Year)
	case b.FromYear != 0:
		s = fmt.Sprintf("%d-%d", b.FromYear, b.ToYear)
	case len(b.Years) > 0:
		parts := make([]string, len(b.Years))
		for i, y := range b.Years {
			parts[i] = strconv.Itoa(y)
		}
		s = strings.Join(parts, ", ")
	}
	if b.Approximate && s != "" {
		s = "circa " + s
	}
	return s
}

var (
	approxPrefix = regexp.MustCompile(`(?i)^(circa|approximately|approx\.?|about|around|ca\.|c\.)\s*`)
	reYear       = regexp.MustCompile(`^(\d{4})$`)
	reRange      = regexp.MustCompile(`(?i)^(\d{4})\s*(?:-|–|—|to)\s*(\d{4})$`)
	reISO        = regexp.MustCompile(`^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T[0-9:.]+Z?)?$`)
	reMonthYear  = regexp.MustCompile(`^(\d{1,2})[/.-](\d{4})$`)
	reDMY        = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	reDMYY       = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$`)
	reDayMonName = regexp.MustCompile(`^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$`)
	reBetween    = regexp.MustCompile(`(?i)^between\s+(.+?)\s+and\s+(.+)$`)
	reHasYear    = regexp.MustCompile(`\b\d{4}\b`)
	reDateRange  = regexp.MustCompile(`(?i)^(.+?)\s+(?:to|-|–|—)\s+(.+)$`)
	reListSep    = regexp.MustCompile(`\s*(?:,|;|\bor\b|\band\b)\s*`)
)

var monthNames = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
	"dec": 12, "december": 12,
}

// ParseDate reads one published birth date into a BirthDate without inventing
// precision. Accepted forms (case-insensitive, optional "circa"/"approximately"/
// "approx."/"about"/"ca."/"c." prefix → Approximate):
//
//	1968                      year
//	1960-1962, 1960 to 1962   range (FromYear..ToYear)
//	1999, 2003 / 1999 or 2003 candidate years (Years)
//	1975-04-09, 1975-04       ISO 8601 (UN DATE); "00" month/day mean unknown
//	01/2001                   month/year
//	09/04/1975, 00/00/1980    day/month/year (UK OFSI, OFAC); "00" parts unknown
//	16-07-68                  day-month-two-digit year, see TwoDigitYearWindowStart
//	30 Jul 1957, Nov. 1973    (day) month-name year (OFAC remarks, UN NOTE)
//	01 Jan 1946 to 31 Dec 1948 a range of dates (OFAC): within one month gives
//	                          that month, within one year that year, else
//	                          FromYear..ToYear
//	Between Aug. and Sep. 1977 the same, the year stated once (UN NOTE)
//
// Anything else returns the zero BirthDate and an error wrapping ErrUnparseableDate.
func ParseDate(raw string) (BirthDate, error) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(raw), "."))
	var b BirthDate
	if m := approxPrefix.FindStringSubmatchIndex(s); m != nil {
		b.Approximate = true
		s = s[m[1]:]
	}
	if err := parseDateBody(s, &b); err != nil {
		return BirthDate{}, fmt.Errorf("%w: %q: %s", ErrUnparseableDate, raw, err)
	}
	return b, nil
}

func parseDateBody(s string, b *BirthDate) error {
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	if m := reYear.FindStringSubmatch(s); m != nil {
		b.Year = atoi(m[1])
		return checkYear(b.Year)
	}
	if m := reRange.FindStringSubmatch(s); m != nil {
		b.FromYear, b.ToYear = atoi(m[1]), atoi(m[2])
		if b.FromYear > b.ToYear {
			return fmt.Errorf("range %d-%d runs backwards", b.FromYear, b.ToYear)
		}
		return checkYear(b.FromYear)
	}
	if m := reISO.FindStringSubmatch(s); m != nil {
		return setYMD(b, atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := reMonthYear.FindStringSubmatch(s); m != nil {
		return setYMD(b, atoi(m[2]), atoi(m[1]), 0)
	}
	if m := reDMY.FindStringSubmatch(s); m != nil {
		return setYMD(b, atoi(m[3]), atoi(m[2]), atoi(m[1]))
	}
	if m := reDMYY.FindStringSubmatch(s); m != nil {
		return setYMD(b, twoDigitYear(atoi(m[3])), atoi(m[2]), atoi(m[1]))
	}
	if m := reDayMonName.FindStringSubmatch(s); m != nil {
		month, ok := monthNames[strings.ToLower(m[2])]
		if !ok {
			return fmt.Errorf("unknown month %q", m[2])
		}
		return setYMD(b, atoi(m[3]), month, atoi(m[1]))
	}
	if m := reBetween.FindStringSubmatch(s); m != nil {
		from := m[1]
		if !reHasYear.MatchString(from) { // "Between Aug. and Sep. 1977": the year is stated once
			from += " " + reHasYear.FindString(m[2])
		}
		return setDateRange(b, from, m[2])
	}
	if m := reDateRange.FindStringSubmatch(s); m != nil {
		return setDateRange(b, m[1], m[2])
	}
	if parts := reListSep.Split(s, -1); len(parts) > 1 {
		for _, p := range parts {
			if !reYear.MatchString(p) {
				return fmt.Errorf("list item %q is not a year", p)
			}
			y := atoi(p)
			if err := checkYear(y); err != nil {
				return err
			}
			b.Years = append(b.Years, y)
		}
		return nil
	}
	return fmt.Errorf("no known layout")
}

// setDateRange reads "01 Jan 1946 to 31 Dec 1948" (OFAC): a range within one
// month is that month, within one year that year, else the range of years.
func setDateRange(b *BirthDate, from, to string) error {
	var f, t BirthDate
	if err := parseDateBody(from, &f); err != nil || f.Year == 0 {
		return fmt.Errorf("range start %q is not a date", from)
	}
	if err := parseDateBody(to, &t); err != nil || t.Year == 0 {
		return fmt.Errorf("range end %q is not a date", to)
	}
	switch {
	case f.Year > t.Year:
		return fmt.Errorf("range %s to %s runs backwards", from, to)
	case f.Year == t.Year && f.Month == t.Month:
		b.Year, b.Month = f.Year, f.Month
	case f.Year == t.Year:
		b.Year = f.Year
	default:
		b.FromYear, b.ToYear = f.Year, t.Year
	}
	return nil
}

// twoDigitYear maps yy (0–99) into the window starting at TwoDigitYearWindowStart.
func twoDigitYear(yy int) int {
	century := TwoDigitYearWindowStart / 100 * 100
	y := century + yy
	if y < TwoDigitYearWindowStart {
		y += 100
	}
	return y
}

func checkYear(y int) error {
	if y < 1000 {
		return fmt.Errorf("year %d out of range", y)
	}
	return nil
}

// setYMD stores a date whose month and day may be 0 (unknown); a stated day
// without a month is rejected, and a stated day must exist in that month.
func setYMD(b *BirthDate, y, m, d int) error {
	if err := checkYear(y); err != nil {
		return err
	}
	if m < 0 || m > 12 {
		return fmt.Errorf("month %d out of range", m)
	}
	if d != 0 {
		if m == 0 {
			return fmt.Errorf("day %d without a month", d)
		}
		if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() != d {
			return fmt.Errorf("no day %d in %04d-%02d", d, y, m)
		}
	}
	b.Year, b.Month, b.Day = y, m, d
	return nil
}
