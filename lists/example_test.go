package lists_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sanctionscan/sanctionscan/lists"
)

func ExampleLoad() {
	// The format is recognised from the content; the OFAC CSV files are
	// joined on ent_num whatever their order.
	ds, err := lists.Load(context.Background(), "us_ofac_sdn", []string{
		"../testdata/lists/ofac/sdn.csv", "../testdata/lists/ofac/alt.csv", "../testdata/lists/ofac/add.csv",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range ds.Designations {
		if d.ID == "6635" || d.ID == "6636" {
			fmt.Println(d.ID, d.Schema, d.Name, d.Programs, len(d.Aliases), d.BirthDates)
		}
	}
	// Output:
	// 6635 Person Mohammed OMAR [SDGT] 0 [1950]
	// 6636 Organization TALIBAN [SDGT] 5 []
}

func ExampleParseDate() {
	for _, raw := range []string{"circa 1968", "1966-1969", "01/2001", "1999, 2003", "16-07-68", "unknown"} {
		b, err := lists.ParseDate(raw)
		out, _ := json.Marshal(b)
		fmt.Printf("%-10s → %s (%q) error=%v\n", raw, out, b.String(), err != nil)
	}
	// Output:
	// circa 1968 → {"year":1968,"approximate":true} ("circa 1968") error=false
	// 1966-1969  → {"from_year":1966,"to_year":1969} ("1966-1969") error=false
	// 01/2001    → {"year":2001,"month":1} ("2001-01") error=false
	// 1999, 2003 → {"years":[1999,2003]} ("1999, 2003") error=false
	// 16-07-68   → {"year":1968,"month":7,"day":16} ("1968-07-16") error=false
	// unknown    → {} ("") error=true
}
