package screen

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionscan/sanctionscan/lists/geo"
)

// Context evidence: how much each kind of supporting fact adds to a score.
// Evidence only counts for names that already align reasonably (name score
// at least minEvidenceBase), so context never makes a hit out of an
// unrelated name; it lifts partial matches such as a title plus one name
// ("Mullah Omar") into review.
const (
	evTitle         = 0.06 // the mention's title is one of the designation's titles
	evCountry       = 0.06 // a country of the designation is named in the document
	evOrg           = 0.06 // an organisation named in the document appears in the designation's programmes/remarks
	evYear          = 0.06 // a year in the document is in a birth-date range of the designation
	minEvidenceBase = 0.50
)

// docFacts is what a document says, computed once per Context.
type docFacts struct {
	countries map[string]bool // ISO2 named in the text or among Places
	years     [200]bool       // the four-digit years 1900..2099 in the text (index year-1900)
	orgs      []docOrg
}

type docOrg struct {
	written string
	hashes  []uint64 // hashes of the keys of its name parts, as entry.ctxWords
	key     string   // the keys joined by spaces
}

// minContextOrgRunes is the shortest organisation name (its keys joined)
// that counts as context: two- and three-letter acronyms such as "UN" or
// "EU" appear in the remarks of hundreds of designations.
const minContextOrgRunes = 4

// markYears marks in years (index year-1900) the years 1900..2099 written
// alone in text: a run of exactly four ASCII digits starting 19 or 20 between
// characters that are not ASCII letters, digits or "_" (the regular
// expression \b(19|20)\d\d\b, scanned by hand: a tenth of its cost on long
// texts).
func markYears(text string, years *[200]bool) {
	for i := 0; i < len(text); {
		if !isASCIIWord(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isASCIIWord(text[j]) {
			j++
		}
		if w := text[i:j]; len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && isDigit(w[2]) && isDigit(w[3]) {
			y := int(w[2]-'0')*10 + int(w[3]-'0')
			if w[:2] == "20" {
				y += 100
			}
			years[y] = true
		}
		i = j
	}
}

func isASCIIWord(b byte) bool {
	return isDigit(b) || b == '_' || ('a' <= b|0x20 && b|0x20 <= 'z')
}

// facts computes (once) the document facts of c; safe for concurrent use.
func (c *Context) facts() *docFacts {
	c.once.Do(func() {
		f := &docFacts{countries: map[string]bool{}}
		for _, iso := range geo.CountriesIn(c.Text) {
			f.countries[iso] = true
		}
		for _, p := range c.Places {
			if iso, ok := geo.Place(p); ok {
				f.countries[iso] = true
			}
		}
		markYears(c.Text, &f.years)
		seen := map[string]bool{}
		for _, o := range c.Organizations {
			var keys []string
			for _, t := range Normalize(o).Tokens {
				if t.Kind == KindName {
					keys = append(keys, t.Key)
				}
			}
			k := strings.Join(keys, " ")
			if len([]rune(k)) < minContextOrgRunes || seen[k] {
				continue // "UN", "EU": too short to tell one designation from another
			}
			seen[k] = true
			hashes := make([]uint64, len(keys))
			for i, k := range keys {
				hashes[i] = hashKey("w", k)
			}
			f.orgs = append(f.orgs, docOrg{written: strings.TrimSpace(o), hashes: hashes, key: k})
		}
		c.f = f
	})
	return c.f
}

// evidence is the context found for one candidate.
type evidence struct {
	boost   float64
	title   string   // matching title, canonical
	country bool     // a country of the designation is among reasons
	named   bool     // "also named ..." (spelledIn) is among reasons
	reasons []string // "Afghanistan", "Taliban", "born 1968"
}

// beyondCountry reports whether ev holds support other than a country of
// the designation: its title, a linked organisation, a birth year.
func (ev *evidence) beyondCountry() bool {
	n := len(ev.reasons)
	if ev.country {
		n--
	}
	if ev.named {
		n--
	}
	return n > 0 || ev.title != ""
}

// context reports whether the document supports the designation beyond
// writing its name: a title, country, linked organisation or birth year.
func (ev *evidence) context() bool {
	return ev.country || ev.beyondCountry()
}

// evidenceFor weighs the query's title and document against designation e.
func evidenceFor(qp *queryPrep, e *entry, base float64) evidence {
	var ev evidence
	if base < minEvidenceBase {
		return ev
	}
	for _, t := range qp.titles {
		if e.titles[t] {
			ev.title = t
			ev.boost += evTitle
			break
		}
	}
	f := qp.facts()
	if f == nil {
		return ev
	}
	for _, c := range e.countries {
		if f.countries[c] {
			ev.boost += evCountry
			ev.country = true
			ev.reasons = append(ev.reasons, cmp.Or(geo.Name(c), c))
			break
		}
	}
	for _, o := range f.orgs {
		if !e.hasContextWords(o.hashes) || o.key == qp.selfKey() || qp.commonOrg(o.hashes) {
			continue // the mention itself is no evidence for itself, nor "National"
		}
		ev.boost += evOrg
		ev.reasons = append(ev.reasons, o.written)
		break
	}
	for _, r := range e.years {
		if y := yearIn(&f.years, r); y != 0 {
			ev.boost += evYear
			ev.reasons = append(ev.reasons, fmt.Sprintf("born %d", y))
			break
		}
	}
	return ev
}

// commonOrg reports whether every word of an organisation's name (hashes,
// as entry.ctxWords) is a common context word of the index (Index.commonCtx).
func (qp *queryPrep) commonOrg(hashes []uint64) bool {
	for _, h := range hashes {
		if !qp.commonCtx[h] {
			return false
		}
	}
	return len(hashes) > 0 && qp.commonCtx != nil
}

// otherCountries returns the countries the query's document names (up to
// three, by name, sorted) when the designation e has a nationality or
// address and the document names countries but none of e's (a place of
// birth counts as e's; alone it proves nothing: Viktor BOUT, born in
// Tajikistan, is Russian); "" otherwise.
func otherCountries(qp *queryPrep, e *entry) string {
	f := qp.facts()
	if f == nil || len(e.home) == 0 || len(f.countries) == 0 {
		return ""
	}
	for _, c := range e.countries {
		if f.countries[c] {
			return ""
		}
	}
	named := make([]string, 0, len(f.countries))
	for c := range f.countries {
		named = append(named, c)
	}
	sort.Strings(named)
	return countryNames(named)
}

// describedElsewhere returns the countries (names, countryNames) the
// document describes the person mention as being of when none is a country
// of the designation, else "": "Igor Sechin, a 19-year-old student from
// Tallinn, Estonia" is not Russia's Igor Ivanovich SECHIN, nor "Estonian
// teenager Igor Sechin". Only a designation with a home country is
// compared.
func describedElsewhere(qp *queryPrep, e *entry) string {
	if len(e.home) == 0 {
		return ""
	}
	if qp.described == nil {
		var isos []string
		if qp.q.Context != nil {
			isos = describedAs(qp.q.Context.Text, strings.TrimSpace(qp.q.Name))
		}
		qp.described = &isos
	}
	isos := *qp.described
	if len(isos) == 0 {
		return ""
	}
	for _, c := range isos {
		if _, found := slices.BinarySearch(e.countries, c); found {
			return ""
		}
	}
	return countryNames(isos)
}

// maxDescribed bounds the occurrences of a name describedAs reads.
const maxDescribed = 16

// describedAs returns the countries, as sorted ISO2 codes, that text
// attaches to the occurrences of name (at most maxDescribed): a place or
// country after "from", "of", "born in", "based in", "living in" or "lives
// in" in an apposition that follows it (", a student from Tallinn,
// Estonia", ending at a comma before a word in lower case), and a demonym
// or country among the three words right before it ("Estonian teenager
// Igor Sechin"; not a code in capitals, "IS leader" is no Icelander, nor a
// word under four letters: the gazetteer holds "y" for Italy). News writing
// introduces a person this way (AP Stylebook's hometown and nationality
// identifiers); a country of the designation's among them decides it
// (describedElsewhere).
func describedAs(text, name string) []string {
	if name == "" {
		return nil
	}
	var isos []string
	add := func(iso string) {
		if !slices.Contains(isos, iso) {
			isos = append(isos, iso)
		}
	}
	for from, n := 0, 0; n < maxDescribed; n++ {
		i := strings.Index(text[from:], name)
		if i < 0 {
			break
		}
		start, end := from+i, from+i+len(name)
		from = end
		before := strings.Fields(text[max(0, start-60):start])
		if start > 60 && len(before) > 0 {
			before = before[1:] // a word cut by the window
		}
		before = before[max(0, len(before)-3):]
		// the words right before the name, after any punctuation: "Kim
		// Jong-un of North Korea, Ramzan Kadyrov" says nothing of Kadyrov
		for j := len(before) - 1; j >= 0; j-- {
			if strings.ContainsAny(before[j], ".,;:!?()\"") {
				before = before[j+1:]
				break
			}
		}
		for j := range before {
			for _, w := range []string{strings.Join(before[j:min(j+2, len(before))], " "), before[j]} {
				if w = strings.Trim(w, ",;:'\"()"); strings.ToUpper(w) != w && utf8.RuneCountInString(w) >= 4 {
					if iso, ok := geo.Country(w); ok {
						add(iso)
						break
					}
				}
			}
		}
		rest := text[end:min(len(text), end+160)]
		if !strings.HasPrefix(rest, ",") && !strings.HasPrefix(rest, " (") {
			continue
		}
		if k := strings.IndexAny(rest, ".;!?\n"); k >= 0 {
			rest = rest[:k]
		}
		// the apposition ends at a comma before a word in lower case
		// (", won the title"), not at one before a name ("Tallinn, Estonia")
		words := strings.Fields(rest[1:])
		for j, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); j > 0 && strings.HasSuffix(words[j-1], ",") && unicode.IsLower(r) {
				words = words[:j]
				break
			}
		}
		for j := 0; j+1 < len(words); j++ {
			switch strings.ToLower(words[j]) {
			case "from", "of":
			case "in":
				if j == 0 || !slices.Contains([]string{"born", "based", "living", "lives"}, strings.Trim(strings.ToLower(words[j-1]), "(,")) {
					continue
				}
			default:
				continue
			}
			// the longest run of up to three capitalised words after it
			// that is a place or country
			for k := min(j+3, len(words)-1); k > j; k-- {
				cand := strings.Trim(strings.Join(words[j+1:k+1], " "), ",;:'\"()")
				if r, _ := utf8.DecodeRuneInString(cand); !unicode.IsUpper(r) {
					continue
				}
				if iso, ok := geo.Place(strings.TrimSuffix(cand, "'s")); ok {
					add(iso)
					break
				}
			}
		}
	}
	slices.Sort(isos)
	return isos
}

// countryNames names up to three ISO2 countries ("Germany, Iran"), and how
// many more.
func countryNames(isos []string) string {
	names := make([]string, 0, 3)
	for _, c := range isos[:min(len(isos), 3)] {
		names = append(names, cmp.Or(geo.Name(c), c))
	}
	if len(isos) > 3 {
		names = append(names, fmt.Sprintf("%d more", len(isos)-3))
	}
	return strings.Join(names, ", ")
}

// docWords are the romanisation keys of a document's words in order, and
// where each key occurs, for finding a listed name written in the text.
type docWords struct {
	keys []string
	at   map[string][]int32 // key → its indices in keys
}

// docWords returns (computing once) the word keys of the document text;
// safe for concurrent use.
func (c *Context) docWords() *docWords {
	c.wordsOnce.Do(func() {
		w := &docWords{at: map[string][]int32{}}
		keyOf := map[string]string{} // each distinct word is keyed once
		for _, t := range words(c.Text) {
			k, ok := keyOf[t.text]
			if !ok {
				k = romanKey(t.text, KindName)
				keyOf[t.text] = k
			}
			w.at[k] = append(w.at[k], int32(len(w.keys)))
			w.keys = append(w.keys, k)
		}
		c.words = w
	})
	return c.words
}

// has reports whether the keys seq occur in the document one after another.
func (w *docWords) has(seq []string) bool {
	if len(seq) == 0 {
		return false
	}
	for _, i := range w.at[seq[0]] {
		if j := int(i) + len(seq); j <= len(w.keys) && slices.Equal(w.keys[i:j], seq) {
			return true
		}
	}
	return false
}

// acronymIn returns the first short acronym name of e (isAcronym) that the
// query's document writes in capitals as a word of its own ("ISIS" for
// ISIL), "" when none is or there is no document.
func acronymIn(qp *queryPrep, e *entry) string {
	c := qp.q.Context
	if c == nil || c.Text == "" {
		return ""
	}
	for _, n := range e.d.AllNames() {
		nn := Normalize(n)
		if !isAcronym(nn) {
			continue
		}
		for _, t := range nn.Tokens {
			if t.Kind == KindName && wordIn(c.Text, strings.ToUpper(t.Text)) {
				return n
			}
		}
	}
	return ""
}

// wordIn reports whether text has w with no letter or digit either side.
func wordIn(text, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(text[:j])
		after, _ := utf8.DecodeRuneInString(text[j+len(w):])
		if !isLetterOrDigit(before) && !isLetterOrDigit(after) {
			return true
		}
		i = j + 1
	}
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// spelledIn returns the first name of e that is not a short acronym, not
// the mention's own name, and is written in the query's document
// ("Reconnaissance General Bureau" in a text that also says "RGB"), "" when
// none is or there is no document.
func spelledIn(qp *queryPrep, e *entry) string {
	c := qp.q.Context
	if c == nil || c.Text == "" {
		return ""
	}
	doc := c.docWords()
	self := wordKeys(qp.q.Name) // the mention itself, "Atlas Holding" for ATLAS HOLDING, is no other name
	for _, n := range e.spelledNames() {
		if !slices.Equal(n.keys, self) && doc.has(n.keys) {
			return n.written
		}
	}
	return ""
}

// nameKeys returns the keys of the query's name parts.
// selfKey is the mention's name keys joined by spaces, as docOrg.key,
// computed once per query.
func (qp *queryPrep) selfKey() string {
	if qp.self == nil {
		k := strings.Join(qp.nameKeys(), " ")
		qp.self = &k
	}
	return *qp.self
}

func (qp *queryPrep) nameKeys() []string {
	var keys []string
	for _, t := range qp.name.Tokens {
		if t.Kind == KindName {
			keys = append(keys, t.Key)
		}
	}
	return keys
}

func yearIn(years *[200]bool, r [2]int) int {
	for y := r[0]; y <= r[1] && y-r[0] < 20; y++ {
		if y >= 1900 && y < 2100 && years[y-1900] {
			return y
		}
	}
	return 0
}

// explain writes the reasons for a score as a compliance analyst reads them:
// what matched which name of the designation, spelling differences, parts
// missing on either side, penalties, title and context.
func explain(qp *queryPrep, v *variant, ns *nameScore, ev evidence, capped string) string {
	q, c := &qp.name, &v.name
	kind := "strong alias"
	switch {
	case v.primary:
		kind = "listed name"
	case v.weak:
		kind = "weak alias"
	}
	var what string
	if ns.mode == "person" {
		switch {
		case len(ns.missing) == 0 && len(ns.extra) == 0:
			what = "all name parts match"
		case ns.familyOK && ns.givenOK:
			what = "given name and surname match"
		case ns.familyOK:
			what = "only the surname matches"
		case ns.givenOK && givenMatched(c, ns.pairs) > 1:
			what = "only given names match"
		case ns.givenOK:
			what = "only a given name matches"
		default:
			what = "name parts match"
		}
	} else {
		missing := len(significantTexts(c, ns.missing))
		if missing == 0 && len(significantTexts(q, ns.extra)) == 0 {
			what = "all name words match"
		} else {
			what = fmt.Sprintf("%d of %d name words match", c.sig-missing, c.sig)
		}
	}
	parts := []string{fmt.Sprintf("%s the %s '%s'", what, kind, strings.TrimSpace(c.Original))}
	var variants []string
	for _, p := range ns.pairs {
		a, b := joinText(q, p.q, p.qn), joinText(c, p.c, p.cn)
		if a != b {
			variants = append(variants, display(a)+" ~ "+display(b))
		}
	}
	if len(variants) > 0 {
		parts[0] += " (" + strings.Join(variants, ", ") + ")"
	}
	if m := significantTexts(c, ns.missing); len(m) > 0 {
		parts = append(parts, "not in the mention: "+strings.Join(m, ", "))
	}
	if x := significantTexts(q, ns.extra); len(x) > 0 {
		parts = append(parts, "not in the listed name: "+strings.Join(x, ", "))
	}
	if lf := kindTexts(c, ns.missing, KindLegalForm); len(lf) > 0 && ns.mode == "org" {
		parts = append(parts, "legal form not in the mention: "+strings.Join(lf, ", "))
	}
	if ns.swapped {
		parts = append(parts, "given name and surname swapped")
	}
	if ns.numbers {
		parts = append(parts, "numbers differ")
	}
	if ns.legal {
		parts = append(parts, "legal forms differ")
	}
	if ev.title != "" {
		parts = append(parts, "title "+display(ev.title))
	}
	if len(ev.reasons) > 0 {
		parts = append(parts, "context: "+strings.Join(ev.reasons, ", "))
	}
	if capped != "" {
		parts = append(parts, capped)
	}
	return strings.Join(parts, "; ")
}

// givenMatched counts the listed given-name parts (not family) aligned.
func givenMatched(c *prepName, pairs []pair) int {
	n := 0
	for _, p := range pairs {
		for k := p.c; k < p.c+p.cn; k++ {
			if !c.family[k] && c.Tokens[k].Kind == KindName {
				n++
			}
		}
	}
	return n
}

func joinText(p *prepName, i, n int) string {
	var s []string
	for k := i; k < i+n; k++ {
		s = append(s, p.Tokens[k].Text)
	}
	return strings.Join(s, "")
}

// significantTexts returns the displayed name and number parts among idx.
func significantTexts(p *prepName, idx []int) []string {
	return kindTexts(p, idx, KindName, KindNumber)
}

// kindTexts returns the displayed tokens among idx of the given kinds, sorted.
func kindTexts(p *prepName, idx []int, kinds ...Kind) []string {
	var out []string
	for _, i := range idx {
		for _, k := range kinds {
			switch {
			case p.Tokens[i].Kind != k:
			case k == KindLegalForm:
				out = append(out, strings.ToUpper(p.Tokens[i].Text)) // "JSC", "GmbH" as "GMBH"
			default:
				out = append(out, display(p.Tokens[i].Text))
			}
		}
	}
	sort.Strings(out)
	return out
}
