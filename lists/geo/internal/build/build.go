// Package build writes the gazetteer files embedded by package geo (see
// geo's README.md for sources and licences). It is used by the command
// lists/geo/gen and by geo's reproducibility test.
package build

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/sanctionscan/sanctionscan/lists/geo"
)

// table maps keys to ISO2 codes; the first writer of a key wins, so callers
// add sources in priority order.
type table map[string]string

func (t table) add(name, iso2 string) {
	k := geo.Key(name)
	if k == "" || iso2 == "" {
		return
	}
	if _, ok := t[k]; !ok {
		t[k] = iso2
	}
}

// Run reads the gazetteers under data and writes countries.tsv and
// places.tsv into out, with the demonyms read from demonymsPath.
// Cities below minPop inhabitants are left out unless they are capitals.
// The output is sorted and byte-for-byte reproducible.
func Run(data, demonymsPath, out string, minPop float64) error {
	countries := table{}
	codes, err := readCodes(filepath.Join(data, "country-codes.json"))
	if err != nil {
		return err
	}
	// English first, so an English name wins a key shared with another language.
	langs, err := filepath.Glob(filepath.Join(data, "country-names", "*.json"))
	if err != nil {
		return err
	}
	if len(langs) == 0 {
		return errors.New("no country-names/*.json under " + data)
	}
	sort.Slice(langs, func(i, j int) bool {
		ei, ej := strings.HasSuffix(langs[i], "/en.json"), strings.HasSuffix(langs[j], "/en.json")
		if ei != ej {
			return ei
		}
		return langs[i] < langs[j]
	})
	for _, f := range langs {
		if err := addLanguage(countries, f); err != nil {
			return err
		}
	}
	if err := addNative(countries, filepath.Join(data, "countries.json")); err != nil {
		return err
	}
	if err := addDemonyms(countries, demonymsPath); err != nil {
		return err
	}
	var lines []string
	for k, iso2 := range countries {
		lines = append(lines, k+"\t"+iso2)
	}
	english, err := englishNames(filepath.Join(data, "countries.json"))
	if err != nil {
		return err
	}
	for iso2, iso3 := range codes {
		lines = append(lines, "#"+iso2+"\t"+iso2+"\t"+iso3+"\t"+english[iso2])
	}
	if err := write(filepath.Join(out, "countries.tsv"), lines); err != nil {
		return err
	}
	places, err := readCities(filepath.Join(data, "world-cities.json"), minPop)
	if err != nil {
		return err
	}
	lines = lines[:0]
	for k, iso2 := range places {
		lines = append(lines, k+"\t"+iso2)
	}
	return write(filepath.Join(out, "places.tsv"), lines)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func readCodes(path string) (map[string]string, error) {
	var rows [][]string
	if err := readJSON(path, &rows); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			out[r[0]] = r[1]
		}
	}
	return out, nil
}

func addLanguage(t table, path string) error {
	var f struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(path, &f); err != nil {
		return err
	}
	for _, iso2 := range sortedKeys(f.Countries) {
		raw := f.Countries[iso2]
		var one string
		if json.Unmarshal(raw, &one) == nil {
			t.add(one, iso2)
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return fmt.Errorf("%s: %s: %w", path, iso2, err)
		}
		for _, n := range many {
			if len([]rune(n)) > 2 || !isUpperASCII(n) { // "US", "UK" are words in text; kept as codes
				t.add(n, iso2)
			}
		}
	}
	return nil
}

func isUpperASCII(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func englishNames(path string) (map[string]string, error) {
	var f map[string]struct {
		Name string `json:"name"`
	}
	if err := readJSON(path, &f); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for iso2, c := range f {
		out[iso2] = c.Name
	}
	return out, nil
}

func addNative(t table, path string) error {
	var f map[string]struct {
		Name   string `json:"name"`
		Native string `json:"native"`
	}
	if err := readJSON(path, &f); err != nil {
		return err
	}
	for _, iso2 := range sortedKeys(f) {
		t.add(f[iso2].Name, iso2)
		t.add(f[iso2].Native, iso2)
	}
	return nil
}

func addDemonyms(t table, path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 || len(f[1]) != 2 {
			return fmt.Errorf("%s:%d: want \"demonym<TAB>ISO2\"", path, n)
		}
		t.add(f[0], f[1])
	}
	return sc.Err()
}

// territoryCountry maps SimpleMaps' codes for territories that are no
// ISO 3166-1 country to the country code the lists use: the West Bank (XW)
// and the Gaza Strip (XG) to Palestine, Svalbard (XR) to Norway's
// Svalbard and Jan Mayen.
var territoryCountry = map[string]string{"XW": "PS", "XG": "PS", "XR": "SJ"}

func readCities(path string, minPop float64) (table, error) {
	var cities []struct {
		City       string `json:"city"`
		CityASCII  string `json:"city_ascii"`
		ISO2       string `json:"iso2"`
		Capital    string `json:"capital"`
		Population string `json:"population"`
	}
	if err := readJSON(path, &cities); err != nil {
		return nil, err
	}
	type best struct {
		iso2 string
		pop  float64
	}
	m := map[string]best{}
	for _, c := range cities {
		c.ISO2 = cmp.Or(territoryCountry[c.ISO2], c.ISO2)
		pop, _ := strconv.ParseFloat(c.Population, 64)
		if pop < minPop && c.Capital != "primary" {
			continue
		}
		if c.Capital == "primary" && pop < minPop {
			pop = minPop // a small capital still beats a same-named town
		}
		for _, n := range []string{c.City, c.CityASCII} {
			k := geo.Key(n)
			if k == "" {
				continue
			}
			if b, ok := m[k]; !ok || pop > b.pop || (pop == b.pop && c.ISO2 < b.iso2) {
				m[k] = best{c.ISO2, pop}
			}
		}
	}
	out := table{}
	for k, b := range m {
		out[k] = b.iso2
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func write(path string, lines []string) error {
	sort.Strings(lines)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
