package ner

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// PlaceNames reads the place gazetteer in dir (../shared/data/gazetteers,
// see its MANIFEST.md): English country names from country-names/en.json and
// countries.json, and the names of cities with at least minPopulation
// inhabitants from world-cities.json (SimpleMaps, CC-BY 4.0). Small towns are
// left out because their names are often common words. The result is sorted
// and free of duplicates.
func PlaceNames(dir string, minPopulation int) ([]string, error) {
	var names []string
	var en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(filepath.Join(dir, "country-names", "en.json"), &en); err != nil {
		return nil, err
	}
	for _, raw := range en.Countries {
		var one string
		var many []string
		if json.Unmarshal(raw, &one) == nil {
			names = append(names, one)
		} else if json.Unmarshal(raw, &many) == nil {
			names = append(names, many...)
		}
	}
	var countries map[string]struct {
		Name    string `json:"name"`
		Capital string `json:"capital"`
	}
	if err := readJSON(filepath.Join(dir, "countries.json"), &countries); err != nil {
		return nil, err
	}
	for _, c := range countries {
		names = append(names, c.Name, c.Capital)
	}
	var cities []struct {
		City       string `json:"city"`
		CityASCII  string `json:"city_ascii"`
		Population string `json:"population"`
	}
	if err := readJSON(filepath.Join(dir, "world-cities.json"), &cities); err != nil {
		return nil, err
	}
	for _, c := range cities {
		pop, err := strconv.ParseFloat(c.Population, 64)
		if err != nil || pop < float64(minPopulation) {
			continue
		}
		names = append(names, c.City, c.CityASCII)
	}
	names = slices.DeleteFunc(names, func(s string) bool { return s == "" })
	slices.Sort(names)
	return slices.Compact(names), nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("ner: gazetteer: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("ner: gazetteer %s: %w", path, err)
	}
	return nil
}
