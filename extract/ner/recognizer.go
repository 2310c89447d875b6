package ner

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed model.bin.gz
var embeddedModel []byte

var (
	modelOnce   sync.Once
	sharedModel *model
	sharedDemo  map[string]bool
	modelErr    error
)

// loadModel decodes the embedded model once per process.
func loadModel() (*model, map[string]bool, error) {
	modelOnce.Do(func() {
		sharedModel, modelErr = decodeModel(embeddedModel)
		if modelErr == nil {
			sharedDemo = demonyms(sharedModel.gaz.label)
		}
	})
	return sharedModel, sharedDemo, modelErr
}

// Options configures a Recognizer (config key `ner`).
type Options struct {
	// Labels keeps only mentions with these labels (PER, ORG, LOC, MISC);
	// empty keeps all.
	Labels []string `mapstructure:"labels"`
	// Gazetteer holds known names with labels, e.g. the names and aliases of
	// the loaded designations, given by the pipeline at run start. A
	// multi-word PER name overrides the model on the tokens it covers; other
	// names only add mentions where the model found nothing, and one-word
	// names of people are ignored (they are too often common words).
	Gazetteer []GazetteerEntry `mapstructure:"-"`
}

// DefaultOptions returns the options used when the config says nothing:
// all four labels, no gazetteer.
func DefaultOptions() Options {
	return Options{Labels: slices.Clone(entityTypes)}
}

// Recognizer finds entity mentions in text. It is safe for concurrent use.
type Recognizer struct {
	m        *model
	words    *wordCache
	demonyms map[string]bool
	labels   map[string]bool
	gaz      *memo // designation names: lower-case token sequence → label
	// gazPeople holds the first and last words ("arkady rotenberg") of the
	// gazetteer's multi-word person names, for coordinatedPersons and resolvePersons
	gazPeople map[string]bool
	// gazShort holds the gazetteer keys that are only short forms
	// (GazetteerEntry.ShortForm): they relabel a span the model found, and
	// add none ("Spektrum", a German magazine, is no LLC SPECTRUM)
	gazShort map[string]bool
}

// CommonWord reports whether every word of name is one that the model's
// training text capitalises in under 60% of its uses inside sentences
// (WordClass.Casing "l" or "m", from casings): ordinary words of the
// language such as "start", "progress" or "new city", not names such as
// "Atlas", "Gazprom", an unseen "Sberbank" or "Sinaloa Cartel".
func (r *Recognizer) CommonWord(name string) bool {
	words := strings.Fields(name)
	for _, w := range words {
		if c := r.m.clusters[lowerForm(normForm(w))].Casing; c != "l" && c != "m" {
			return false
		}
	}
	return len(words) > 0
}

// ErrOptions is wrapped by New's errors about its Options (a label that is
// none of PER, ORG, LOC, MISC).
var ErrOptions = errors.New("ner: invalid options")

// New returns a Recognizer using the embedded model (decoded once per
// process) and opt. It fails with ErrBadModel if the embedded model is
// damaged, or with an ErrOptions error naming a bad label in opt.
func New(opt Options) (*Recognizer, error) {
	m, demo, err := loadModel()
	if err != nil {
		return nil, err
	}
	r := &Recognizer{m: m, demonyms: demo, gaz: newMemo(nil, nil), gazPeople: map[string]bool{}, gazShort: map[string]bool{}}
	r.words = newWordCache(m)
	valid := func(l string) bool { return slices.Contains(entityTypes, l) }
	if len(opt.Labels) > 0 {
		r.labels = map[string]bool{}
		for _, l := range opt.Labels {
			if !valid(l) {
				return nil, fmt.Errorf("%w: unknown label %q in labels (want %s)", ErrOptions, l, strings.Join(entityTypes, ", "))
			}
			r.labels[l] = true
		}
	}
	for _, e := range opt.Gazetteer {
		if !valid(e.Label) {
			return nil, fmt.Errorf("%w: gazetteer entry %q: unknown label %q", ErrOptions, e.Name, e.Label)
		}
		name := e.Name
		if last, first, ok := strings.Cut(name, ","); ok && e.Label == LabelPER {
			name = first + " " + last // "OMAR, Mohammed" → "Mohammed OMAR"
		}
		key, n := gazKey(name)
		if n == 0 || n == 1 && (r.CommonWord(key) || e.ShortForm && r.m.clusters[key].Path != "") {
			continue // "start" of JSC START would make every capitalised "Start" a company
		}
		if e.Label == LabelPER && n > 1 {
			r.gazPeople[key[:strings.IndexByte(key, ' ')]+key[strings.LastIndexByte(key, ' '):]] = true
		}
		_, dup := r.gaz.label[key]
		switch {
		case !e.ShortForm:
			delete(r.gazShort, key)
		case !dup:
			r.gazShort[key] = true
		}
		if !dup {
			r.gaz.add(key, e.Label)
		}
	}
	return r, nil
}

// gazKey returns the lookup key of a name (lower-case tokens joined by one
// space) and its token count.
func gazKey(name string) (string, int) {
	toks := Tokenize(name)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = strings.ToLower(normForm(t.Text))
	}
	return strings.Join(parts, " "), len(parts)
}

// docSpan is a span found in one sentence, after post-processing.
type docSpan struct {
	span
	titleStart int    // first title token; == start when there is no title
	source     string // SourceModel, SourceGazetteer or SourceRule
	name       string // coreference-resolved name, "" for the span's own text
}

// Recognize returns the entity mentions of text in text order. Offsets are
// code points; Title holds an honorific or office found right before a
// person's name; Name is the full name of an earlier (or later) mention of
// the same person when the mention is a short form ("Tokayev"). Each byte
// of text that is not valid UTF-8 counts as one code point and reads as
// U+FFFD, so mention texts are always valid UTF-8.
func (r *Recognizer) Recognize(text string) []Mention {
	if !utf8.ValidString(text) {
		text = string([]rune(text)) // one U+FFFD per bad byte, as ranging over text counts them
	}
	toks := Tokenize(text)
	starts := Sentences(toks)
	words := make([][]string, len(starts))
	breaks := make([][]bool, len(starts))
	for i, s := range starts {
		e := len(toks)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		words[i] = make([]string, e-s)
		breaks[i] = make([]bool, e-s)
		for k := s; k < e; k++ {
			words[i][k-s] = toks[k].Text
			breaks[i][k-s] = toks[k].NewlineBefore > 0
		}
	}
	var out []Mention
	for si, spans := range r.tagDoc(words, breaks) {
		base := starts[si]
		for _, sp := range spans {
			if r.labels != nil && !r.labels[sp.label] {
				continue
			}
			a, b := toks[base+sp.start], toks[base+sp.end-1]
			m := Mention{
				Label:    sp.label,
				Text:     text[a.ByteStart:b.ByteEnd],
				Start:    a.Start,
				End:      b.End,
				Sentence: si,
				Source:   sp.source,
				Name:     sp.name,
			}
			if m.Name == "" {
				m.Name = strings.Join(strings.Fields(m.Text), " ")
			}
			if sp.titleStart < sp.start {
				m.Title = strings.Join(strings.Fields(text[toks[base+sp.titleStart].ByteStart:toks[base+sp.start-1].ByteEnd]), " ")
			}
			out = append(out, m)
		}
	}
	return out
}

// TagDocument tags a pre-tokenised document (one word slice per sentence)
// and returns IOB2 tags per word, after the same post-processing Recognize
// applies (used by evaluation).
func (r *Recognizer) TagDocument(sents [][]string) [][]string {
	out := make([][]string, len(sents))
	for i, spans := range r.tagDoc(sents, nil) {
		tags := make([]string, len(sents[i]))
		for k := range tags {
			tags[k] = "O"
		}
		for _, sp := range spans {
			tags[sp.start] = "B-" + sp.label
			for k := sp.start + 1; k < sp.end; k++ {
				tags[k] = "I-" + sp.label
			}
		}
		out[i] = tags
	}
	return out
}

// tagDoc runs the model over every sentence of a document and applies the
// post-processing: line breaks, designation-list and news-outlet gazetteers,
// punctuation trimming, titles, name particles, title-led names, nationality
// adjectives, and document-level person names (short forms resolved, missed
// repetitions added). breaks[s][k] reports a line break before word k of
// sentence s (nil when unknown).
func (r *Recognizer) tagDoc(words [][]string, breaks [][]bool) [][]docSpan {
	doc := newDocInfo(words)
	tags := make([][]int, len(words))
	feats := make([]sentFeats, len(words))
	for si, ws := range words {
		feats[si] = r.m.features(ws, doc, r.m.memo, r.words.word, true)
		tags[si] = r.m.tag(feats[si], r.m.passes[0], 0, &r.words.pads, nil)
	}
	if len(r.m.passes) > 1 {
		priors := docPriors(words, tags)
		for si := range words {
			tags[si] = r.m.tag(feats[si], r.m.passes[1], 1, &r.words.pads, priors[si])
		}
	}
	out := make([][]docSpan, len(words))
	for si, ws := range words {
		var spans []docSpan
		for _, s := range tagSpans(tags[si]) {
			spans = append(spans, docSpan{span: s, titleStart: s.start, source: SourceModel})
		}
		if breaks != nil {
			r.cutAtBreaks(ws, breaks[si], spans)
		}
		spans = applyGazetteer(ws, spans, lexicon, nil, false)
		spans = applyGazetteer(ws, spans, r.gaz, r.gazShort, true)
		spans = r.splitListedOrgs(ws, nicknames(ws, trimSpans(ws, spans)))
		var brk []bool
		if breaks != nil {
			brk = breaks[si]
		}
		r.extendOrgs(ws, brk, spans)
		placesAfterPrepositions(ws, spans, r.m.gaz)
		out[si] = mergeParticles(ws, spans)
	}
	r.coordinatedPersons(words, out)
	named := personNames(words, out)
	for si, ws := range words {
		spans := out[si]
		r.extendPersons(ws, spans, named)
		r.listedNameEnds(ws, spans)
		spans = splitTitles(ws, spans)
		spans = titleLedNames(ws, spans)
		spans = headedOrgs(ws, spans)
		headline := titleCase(ws) || capsSentence(ws)
		for i := range spans {
			s := &spans[i]
			if s.label != LabelORG && s.end-s.start > 1 && orgSuffixes[ws[s.end-1]] && (s.label != LabelPER || !personSuffix[ws[s.end-1]]) {
				s.label = LabelORG // "Collective Security Treaty Organization"; "Trade Bank", read as a person
				// and the capitalised words before it the model left out:
				// "North Korea's Foreign Trade Bank"
				for !headline && s.start > 1 && s.start == s.titleStart && isCapitalised(ws[s.start-1]) && !isTitleWord(ws[s.start-1]) &&
					!determiners[ws[s.start-1]] && (i == 0 || spans[i-1].end < s.start) {
					s.start--
					s.titleStart = s.start
				}
			}
			if (s.label != LabelPER || s.end-s.start == 1) && s.source != SourceGazetteer && r.demonyms[strings.ToLower(ws[s.end-1])] {
				s.label = LabelMISC // "Kazakh", "Central Asian": adjectives, not places
			}
		}
		out[si] = spans
	}
	resolvePersons(words, out, r.gazPeople)
	return out
}

// cutAtBreaks ends a non-person span at a line break inside it (a headline
// list: "Ashgabat\nAbnormal"); a person's name may wrap across lines. A cut
// span that is a known place becomes LOC.
func (r *Recognizer) cutAtBreaks(ws []string, breaks []bool, spans []docSpan) {
	for i := range spans {
		s := &spans[i]
		if s.label == LabelPER {
			continue
		}
		for k := s.start + 1; k < s.end; k++ {
			if breaks[k] {
				s.end = k
				if r.m.gaz.label[strings.ToLower(strings.Join(ws[s.start:k], " "))] != "" {
					s.label = LabelLOC
				}
				break
			}
		}
	}
}

// applyGazetteer adds the names of gaz (lower-case token sequence → label)
// to the spans of one sentence, longest match first.
// A name equal to a model span relabels it (a place only by the lexicon, not
// by designations, which name few places). A multi-word PER name replaces the
// model spans inside it; other names are added only where no span is. With
// designations set, one-word people and short one-word names are ignored.
// The names in short only relabel a model span they equal.
func applyGazetteer(ws []string, spans []docSpan, gaz *memo, short map[string]bool, designations bool) []docSpan {
	if len(gaz.label) == 0 {
		return spans
	}
	caps := capsSentence(ws)
	var lengths []int
	var labels, keys []string
	for i := 0; i < len(ws); i++ {
		if !caps && !isCapitalised(ws[i]) && !hasCapitalPart(ws[i]) && !nameParticles[strings.ToLower(ws[i])] { // "al-Qaeda" starts a name too
			continue
		}
		// All names starting at i, shortest first.
		lengths, labels, keys = lengths[:0], labels[:0], keys[:0]
		key := ""
		for n := 1; n <= gaz.maxLen && i+n <= len(ws); n++ {
			if n > 1 {
				key += " "
			}
			key += strings.ToLower(normForm(ws[i+n-1]))
			if l, ok := gaz.label[key]; ok && (caps || allCapitalised(ws[i:i+n])) {
				lengths, labels, keys = append(lengths, n), append(labels, l), append(keys, key)
			}
			if !gaz.prefix[key] {
				break
			}
		}
		for m := len(lengths) - 1; m >= 0; m-- {
			n, label := lengths[m], labels[m]
			g := docSpan{span: span{start: i, end: i + n, label: label}, titleStart: i, source: SourceGazetteer}
			covered, inside, exact := false, true, -1
			for k, s := range spans {
				if s.start < g.end && g.start < s.end {
					covered = true
					if s.start < g.start || s.end > g.end {
						inside = false
					}
					if s.start == g.start && s.end == g.end {
						exact = k
					}
				}
			}
			switch {
			case short[keys[m]] && exact < 0:
				continue
			case exact >= 0 && (label != LabelPER || n >= 2 || !designations) && !(designations && spans[exact].label == LabelLOC):
				if spans[exact].label != label {
					spans[exact].label, spans[exact].source = label, SourceGazetteer
				}
			case label == LabelPER && (n >= 2 || !designations) && inside:
				spans = slices.DeleteFunc(spans, func(s docSpan) bool { return s.start < g.end && g.start < s.end })
				spans = append(spans, g)
			case label != LabelPER && (!covered || inside || !designations && groupKeys[keys[m]] && endsSpan(ws, spans, g)) &&
				(n >= 2 || len([]rune(ws[i])) >= 4 || !designations):
				// a group's name ending a span the model read as a person
				// or anything else is the group: "Gli Hezbollah", "der Hamas"
				spans = slices.DeleteFunc(spans, func(s docSpan) bool { return s.start < g.end && g.start < s.end })
				spans = append(spans, g)
			default:
				continue
			}
			i += n - 1
			break
		}
	}
	sortSpans(spans)
	return spans
}

func sortSpans(spans []docSpan) {
	slices.SortFunc(spans, func(a, b docSpan) int { return a.start - b.start })
}

// allCapitalised reports whether every word with a letter starts upper case
// (particles such as "al-" and "bin" excepted).
func allCapitalised(ws []string) bool {
	for _, w := range ws {
		if hasLetterOrDigit(w) && !isCapitalised(w) && !nameParticles[strings.ToLower(w)] && !hasCapitalPart(w) {
			return false
		}
	}
	return true
}

// hasCapitalPart reports whether a hyphenated word has a capitalised part
// ("al-Nouri").
func hasCapitalPart(w string) bool {
	for _, p := range strings.FieldsFunc(w, isHyphen) {
		if isCapitalised(p) {
			return true
		}
	}
	return false
}

func hasLetterOrDigit(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isLowerWord reports whether w starts with a lower-case letter and has no
// capitalised hyphen part ("spoke", not "al-Nouri").
func isLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r) && !hasCapitalPart(w)
}

// isPossessive reports whether w is the possessive "'s" / "’s" token or a
// lone apostrophe.
func isPossessive(w string) bool {
	w = normForm(w)
	return w == "'s" || w == "'S" || w == "'"
}

// trimSpans removes quotes, brackets, dashes, possessives and lower-case
// words ("spoke") from the edges of spans (cases C10, C11), keeping a
// leading name particle ("de Wit"), and drops spans left empty.
func trimSpans(ws []string, spans []docSpan) []docSpan {
	out := spans[:0]
	for _, s := range spans {
		for s.start < s.end && (!hasLetterOrDigit(ws[s.start]) || isPossessive(ws[s.start])) {
			s.start++
		}
		for s.end > s.start && (!hasLetterOrDigit(ws[s.end-1]) || isPossessive(ws[s.end-1]) || isLowerWord(ws[s.end-1])) {
			s.end--
		}
		for s.start < s.end && (isLowerWord(ws[s.start]) && !nameParticles[ws[s.start]] || s.end-s.start > 1 && leadingPrepositions[ws[s.start]]) {
			s.start++
		}
		if s.start < s.end && slices.ContainsFunc(ws[s.start:s.end], func(w string) bool { return isCapitalised(w) || hasCapitalPart(w) }) {
			s.titleStart = s.start
			out = append(out, s)
		}
	}
	return out
}

// leadingPrepositions are prepositions of Spanish, French, German, Italian
// and Portuguese that start sentences in capitals and never a name ("En
// Caracas", "Dans Gaza", "Nach Moskau"): cut from the start of a span of
// two words or more. Articles are not among them ("La Paz", "Le Monde",
// "Die Zeit").
var leadingPrepositions = map[string]bool{
	"En": true, "Con": true, "Por": true, "Para": true, "Desde": true, "Según": true,
	"Dans": true, "Avec": true, "Selon": true, "Pour": true, "Chez": true,
	"Im": true, "Nach": true, "Laut": true, "Bei": true, "Mit": true, "Aus": true,
	"Nel": true, "Nella": true, "Secondo": true, "Dopo": true, "Em": true, "Segundo": true,
}

// listedNameEnds cuts from a span that ends with a listed name (the
// designations gazetteer) the one or two words before it that are a role
// or a description: for a person's name of two words or more, words that
// are no names the model knows (unseen, or ordinary words in lower case);
// for an organisation's, ordinary words (CommonWord). "Rädelsführer Fritz
// Gelowicz", "Machthaber Kim Jong-un", "Совбеза Дмитрий Медведев" and
// "Lenders Sberbank" name the person or bank; "Mohammed bin Salman" keeps
// its given name.
func (r *Recognizer) listedNameEnds(ws []string, spans []docSpan) {
	for i := range spans {
		s := &spans[i]
		for n := min(4, s.end-s.start-1); n >= 1; n-- {
			start := s.end - n
			key, _ := gazKey(strings.Join(ws[start:s.end], " "))
			label := r.gaz.label[key]
			if start-s.start > 2 || label == "" || label == LabelPER && n < 2 {
				continue
			}
			role := true
			for _, w := range ws[s.start:start] {
				role = role && isCapitalised(w) && (r.CommonWord(w) || label == LabelPER && r.m.clusters[lowerForm(normForm(w))].Path == "")
			}
			if role {
				s.titleStart, s.start, s.label, s.source = start, start, label, SourceGazetteer
			}
			break
		}
	}
}

// splitListedOrgs splits an organisation's span at "and" when a listed
// organisation's name (the designations gazetteer) ends the words before it
// or starts the words after it: "Bank Melli and Bank of America" and
// "Sberbank and VTB" are two banks each, "Procter and Gamble" one company.
func (r *Recognizer) splitListedOrgs(ws []string, spans []docSpan) []docSpan {
	listed := func(words []string) bool {
		key, _ := gazKey(strings.Join(words, " "))
		return r.gaz.label[key] == LabelORG
	}
	var out []docSpan
	for _, s := range spans {
		k := -1
		if s.label == LabelORG {
			k = slices.Index(ws[s.start:s.end], "and")
		}
		if k <= 0 || s.start+k+1 >= s.end {
			out = append(out, s)
			continue
		}
		k += s.start
		split := false
		for n := 1; n <= 4 && !split; n++ {
			split = k-n >= s.start && listed(ws[k-n:k]) || k+1+n <= s.end && listed(ws[k+1:k+1+n])
		}
		if !split {
			out = append(out, s)
			continue
		}
		left, right := s, s
		left.end = k
		right.start, right.titleStart = k+1, k+1
		out = append(out, left, right)
	}
	return out
}

// extendOrgs extends the span of a listed organisation's one-word name
// (the designations gazetteer, or a group of the lexicon) over the
// capitalised ordinary words right after it (CommonWord; not offices), on
// the same line and outside headlines in capitals or title case: "Hamas
// Coffee", a Jordanian roaster, is not Hamas. breaks[k] reports a line
// break before word k (nil: none known).
func (r *Recognizer) extendOrgs(ws []string, breaks []bool, spans []docSpan) {
	if capsSentence(ws) || titleCase(ws) {
		return
	}
	for i := range spans {
		s := &spans[i]
		if s.label != LabelORG || s.end-s.start != 1 {
			continue
		}
		if key, _ := gazKey(ws[s.start]); r.gaz.label[key] != LabelORG && !groupKeys[key] {
			continue
		}
		for s.end < len(ws) && isCapitalised(ws[s.end]) && !isTitleWord(ws[s.end]) && r.CommonWord(ws[s.end]) &&
			(breaks == nil || !breaks[s.end]) && (i+1 == len(spans) || spans[i+1].start > s.end) {
			s.end++
		}
	}
}

// placesAfterPrepositions labels LOC a span that is a place of places (the
// model's place gazetteer) right after one of the leadingPrepositions or
// after a lower-case particle it starts with: "En Caracas", read as one
// organisation, is Caracas, and "de Madrid", read as a person, Madrid.
func placesAfterPrepositions(ws []string, spans []docSpan, places *memo) {
	for i := range spans {
		s := &spans[i]
		if s.label == LabelLOC {
			continue
		}
		start := s.start
		if nameParticles[ws[start]] && s.end-start > 1 {
			start++ // "de Madrid", read as a person
		} else if start == 0 || !leadingPrepositions[ws[start-1]] {
			continue
		}
		if key, _ := gazKey(strings.Join(ws[start:s.end], " ")); places.label[key] == LabelLOC {
			s.start, s.titleStart, s.label = start, start, LabelLOC
		}
	}
}

// isQuoteMark reports a token that is only double quotation marks (not an
// apostrophe: "Champions ' League").
func isQuoteMark(w string) bool {
	return w != "" && strings.Trim(w, "\"“”„«»") == ""
}

// titleCase reports a headline in title case: most of its words, and at
// least four, capitalised: over three in four ("Putin "Ready" For Talks
// With Kyiv").
func titleCase(ws []string) bool {
	words, caps := 0, 0
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) {
			words++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	return caps >= 4 && caps*4 > words*3
}

// maxNickname bounds the words of a nickname in quotes (nicknames).
const maxNickname = 3

// nicknames reads a person written with a nickname in quotes between the
// given name and the surname, Joaquín "El Chapo" Guzmán Loera: a mention
// cannot hold the quotes, so the surname's words are the mention, labelled
// PER and named with the given name before them (Joaquín Guzmán Loera);
// the given name and the nickname are no mention. A span that opens a
// quote inside and does not close it is cut before it.
func nicknames(ws []string, spans []docSpan) []docSpan {
	headline := titleCase(ws)
	for i := 0; i+3 < len(ws) && !headline; i++ {
		if !isCapitalised(ws[i]) || !isQuoteMark(ws[i+1]) {
			continue
		}
		j := i + 2 // the closing quote
		for j < len(ws) && j < i+2+maxNickname && !isQuoteMark(ws[j]) && hasLetterOrDigit(ws[j]) {
			j++
		}
		if j == i+2 || j >= len(ws) || !isQuoteMark(ws[j]) {
			continue
		}
		k := j + 1 // the surname's words
		for k < len(ws) && k < j+1+maxNickname && (isCapitalised(ws[k]) && hasLetterOrDigit(ws[k]) || k > j+1 && nameParticles[ws[k]] && k+1 < len(ws) && isCapitalised(ws[k+1])) {
			k++
		}
		if k == j+1 {
			continue
		}
		spans = slices.DeleteFunc(spans, func(s docSpan) bool { return s.start < k && s.end > i })
		spans = append(spans, docSpan{span: span{start: j + 1, end: k, label: LabelPER}, titleStart: j + 1, source: SourceRule, name: ws[i] + " " + strings.Join(ws[j+1:k], " ")})
		sortSpans(spans)
		i = k - 1
	}
	// a quote mark opened inside a span and not closed there ends it:
	// `Javier "Chicharito` is Javier
	for i := range spans {
		s := &spans[i]
		if q := slices.IndexFunc(ws[s.start+1:s.end], isQuoteMark); q >= 0 && !slices.ContainsFunc(ws[s.start+q+2:s.end], isQuoteMark) {
			s.end = s.start + 1 + q
		}
	}
	return spans
}

// mergeParticles joins a person's name with a following lower-case particle
// and capitalised word ("Piet" + "de Wit"), merging a following person span.
func mergeParticles(ws []string, spans []docSpan) []docSpan {
	for i := 0; i < len(spans); i++ {
		s := &spans[i]
		if s.label != LabelPER {
			continue
		}
		for s.end < len(ws) && isParticleWord(ws[s.end]) {
			s.end++ // "Rashid Hamid" + "al-Nouri"
			if i+1 < len(spans) && spans[i+1].start < s.end {
				s.end = max(s.end, spans[i+1].end)
				spans = slices.Delete(spans, i+1, i+2)
				s = &spans[i]
			}
		}
		for s.end+1 < len(ws) && nameParticles[strings.ToLower(ws[s.end])] && !isCapitalised(ws[s.end]) && isCapitalised(ws[s.end+1]) {
			if next := i + 1; next < len(spans) && spans[next].start == s.end+1 && spans[next].label != LabelPER && lexiconName(ws[spans[next].start:spans[next].end]) {
				break // a known organisation after the particle: "der Hamas"
			}
			k := s.end + 1
			for k < len(ws) && isCapitalised(ws[k]) && k-s.end <= 3 {
				k++
			}
			// Swallow spans that start inside the extension.
			for i+1 < len(spans) && spans[i+1].start < k {
				k = max(k, spans[i+1].end)
				spans = slices.Delete(spans, i+1, i+2)
				s = &spans[i]
			}
			s.end = k
		}
	}
	return spans
}

// coordinatedPersons splits two given names that share a surname ("Arkady
// and Boris Rotenberg"), which the model reads as one organisation, or as
// "Arkady" beside the person "Boris Rotenberg", into the people "Arkady"
// (named Arkady Rotenberg) and "Boris Rotenberg". Only on evidence that
// they are people: a listed person (gazetteer) has one of the given names
// and the surname, or, for the single span, another person the document
// names has the surname; "Marks and Spencer Group" stays an organisation,
// "Microsoft and Bill Gates" two names.
func (r *Recognizer) coordinatedPersons(words [][]string, spans [][]docSpan) {
	surnames := map[string]int{} // last word of the document's person names → how many
	people := map[string]bool{}  // their first and last words
	for si, ss := range spans {
		for _, s := range ss {
			if s.label == LabelPER && s.end-s.start > 1 {
				ws := words[si]
				surnames[strings.ToLower(ws[s.end-1])]++
				people[strings.ToLower(ws[s.start]+" "+ws[s.end-1])] = true
			}
		}
	}
	given := func(w string) bool { return nameWord(w) && !isTitleWord(w) && !orgSuffixes[w] }
	for si, ss := range spans {
		ws := words[si]
		for i := 0; i < len(ss); i++ {
			s := ss[i]
			a, b := s.start, s.start+2 // the given names' indices
			var single bool
			switch {
			case s.end-s.start >= 4 && s.end-s.start <= 5 && isConj(ws[a+1]):
				single = true // one span over both
			case s.end-s.start == 1 && i+1 < len(ss) && ss[i+1].start == b && ss[i+1].label == LabelPER &&
				ss[i+1].end-b >= 2 && ss[i+1].end-b <= 3 && b < len(ws) && isConj(ws[a+1]):
				s.end = ss[i+1].end // "Arkady" + "Boris Rotenberg"
			default:
				continue
			}
			last := ws[s.end-1]
			lw := strings.ToLower(last)
			pairA, pairB := strings.ToLower(ws[a])+" "+lw, strings.ToLower(ws[b])+" "+lw
			if !given(ws[a]) || !given(ws[b]) || !given(last) {
				continue
			}
			listed := r.gazPeople[pairA] || r.gazPeople[pairB]
			if single {
				// another person of the document with the surname
				own := 0
				if s.label == LabelPER {
					own = 1
				}
				if !listed && surnames[lw] <= own {
					continue
				}
			} else if !listed && !people[pairA] {
				continue
			}
			first := docSpan{span: span{start: a, end: a + 1, label: LabelPER}, titleStart: s.titleStart, source: SourceRule,
				name: ws[a] + " " + strings.Join(ws[b+1:s.end], " ")}
			second := docSpan{span: span{start: b, end: s.end, label: LabelPER}, titleStart: b, source: SourceRule}
			if single {
				ss = slices.Replace(ss, i, i+1, first, second)
			} else {
				second.source = ss[i+1].source
				ss = slices.Replace(ss, i, i+2, first, second)
			}
			i++
		}
		spans[si] = ss
	}
}

// acronymLike reports whether w has no lower-case letter and either two
// upper-case letters or more or a digit: "UN", "EZB", "A100".
func acronymLike(w string) bool {
	upper, digit := 0, false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
			digit = true
		}
	}
	return upper >= 2 || upper >= 1 && digit
}

// lexiconName reports whether ws is a name of the lexicon (outlets, groups,
// regions).
func lexiconName(ws []string) bool {
	key, _ := gazKey(strings.Join(ws, " "))
	return lexicon.label[key] != ""
}

// endsSpan reports whether the one span g overlaps starts before it and
// ends where g ends, but for lower-case words trimSpans would cut ("der
// Hamas trafen").
func endsSpan(ws []string, spans []docSpan, g docSpan) bool {
	n := 0
	ok := false
	for _, s := range spans {
		if s.start < g.end && g.start < s.end {
			n++
			ok = s.start < g.start && s.end >= g.end && !slices.ContainsFunc(ws[g.end:s.end], func(w string) bool { return !isLowerWord(w) })
		}
	}
	return n == 1 && ok
}

// isConj reports whether w joins two people's names: "and" ("&" joins
// the names of companies: "Punjab & Sind Bank").
func isConj(w string) bool { return w == "and" }

// nameWord reports whether w is written as a personal name: three letters
// or more, each hyphenated part an upper-case letter then lower-case ones
// ("Arkady", "Jean-Pierre"; not "MacBook", "BB", "J").
func nameWord(w string) bool {
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	for _, part := range strings.Split(w, "-") {
		for i, r := range part {
			if !unicode.IsLetter(r) || (i == 0) != unicode.IsUpper(r) {
				return false
			}
		}
		if part == "" {
			return false
		}
	}
	return true
}

// personNames returns the person spans of three or more words of a
// document (spans per sentence of words), lower-cased and space-joined.
func personNames(words [][]string, spans [][]docSpan) map[string]bool {
	named := map[string]bool{}
	for si, ss := range spans {
		for _, s := range ss {
			if s.label == LabelPER && s.end-s.start > 2 {
				named[strings.ToLower(strings.Join(words[si][s.start:s.end], " "))] = true
			}
		}
	}
	return named
}

// extendPersons adds to a person span of two or more words a following
// capitalised word that no span covers when the span with it is a person
// the document names elsewhere (named, personNames: "Kim Jong" + "Un met
// ..." where "leader Kim Jong Un" is found), or when the word after it is
// not capitalised and the word is no title, nationality, place or
// remembered non-person entity ("Abdul Latif" + "Mansour (previously ...").
func (r *Recognizer) extendPersons(ws []string, spans []docSpan, named map[string]bool) {
	for i := range spans {
		s := &spans[i]
		k := s.end
		if s.label != LabelPER || s.end-s.start < 2 || k >= len(ws) || !isCapitalised(ws[k]) || capsSentence(ws) ||
			(i+1 < len(spans) && spans[i+1].start == k) {
			continue
		}
		if named[strings.ToLower(strings.Join(ws[s.start:k+1], " "))] {
			s.end++
			continue
		}
		if k+1 < len(ws) && isCapitalised(ws[k+1]) {
			continue
		}
		lw := strings.ToLower(ws[k])
		if isTitleWord(ws[k]) || r.demonyms[lw] || r.m.gaz.label[lw] != "" || !hasLetterOrDigit(ws[k]) {
			continue
		}
		if l, ok := r.m.memo.label[lw]; ok && l != LabelPER && !syllable(ws[k]) {
			continue
		}
		s.end++
	}
}

// syllable reports a short word in title case ("Un", "Il", "Nam"): a
// syllable of a Korean or Chinese given name, not the acronym the entity
// memory may know in capitals ("UN").
func syllable(w string) bool {
	return len(w) <= 3 && isCapitalised(w) && strings.ToUpper(w) != w
}

// isParticleWord reports whether w is a lower-case particle joined by a
// hyphen to a capitalised name part ("al-Nouri", "bin-Laden").
func isParticleWord(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	return ok && nameParticles[p] && isCapitalised(rest)
}

// splitTitles moves leading honorifics and offices out of person spans and
// records any title tokens right before a person's name ("Kazakh President
// Kassym-Jomart Tokayev" → title "President").
func splitTitles(ws []string, spans []docSpan) []docSpan {
	// A title inside a span followed by capitalised words splits it:
	// "Kazakh President Kassym-Jomart Tokayev" → "Kazakh" + title + person.
	for i := 0; i < len(spans); i++ {
		s := spans[i]
		for j := s.start + 1; j < s.end-1; j++ {
			if isTitleWord(ws[j]) && isCapitalised(ws[j+1]) {
				per := docSpan{span: span{start: j + 1, end: s.end, label: LabelPER}, titleStart: j + 1, source: s.source}
				spans[i].end = j
				spans = slices.Insert(spans, i+1, per)
				break
			}
		}
	}
	for i := range spans {
		s := &spans[i]
		if s.label != LabelPER && s.end-s.start > 1 && strongTitles[strings.ToLower(strings.TrimSuffix(ws[s.start], "."))] {
			s.label = LabelPER // "Gen. Piet" tagged ORG
		}
		if s.label != LabelPER && s.end < len(ws) && isCapitalised(ws[s.end]) {
			for s.end > s.start && isTitleWord(ws[s.end-1]) {
				s.end-- // "Kazakh President" + "Kassym-Jomart Tokayev"
			}
		}
	}
	spans = slices.DeleteFunc(spans, func(s docSpan) bool { return s.start == s.end })
	out := spans[:0]
	for _, s := range spans {
		if s.label == LabelPER {
			for s.start < s.end && isTitleWord(ws[s.start]) {
				s.start++
			}
			if s.start == s.end {
				continue
			}
			t := s.start
			for t > 0 && isTitleWord(ws[t-1]) && !(len(out) > 0 && out[len(out)-1].end > t-1) {
				t--
			}
			s.titleStart = t
		}
		out = append(out, s)
	}
	return out
}

// strongTitles are titles after which capitalised words are a person's name
// even when the model misses it ("PM Tomas Varga").
var strongTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "president": true, "pm": true,
	"sheikh": true, "mullah": true, "gen": true, "sen": true, "gov": true, "maulvi": true, "mufti": true,
	"ayatollah": true, "haji": true, "qari": true, "sir": true, "mawlawi": true,
}

// titleLedNames adds a person span (source rule) for capitalised words after
// a strong title that no span covers.
func titleLedNames(ws []string, spans []docSpan) []docSpan {
	covered := func(k int) bool {
		for _, s := range spans {
			if s.titleStart <= k && k < s.end {
				return true
			}
		}
		return false
	}
	added := false
	for i := 0; i+1 < len(ws); i++ {
		if !isCapitalised(ws[i]) || !strongTitles[strings.ToLower(strings.TrimSuffix(ws[i], "."))] || covered(i) {
			continue
		}
		k := i + 1
		for k < len(ws) && k-i <= 4 && !covered(k) && !isTitleWord(ws[k]) &&
			(isCapitalised(ws[k]) && hasLetterOrDigit(ws[k]) || nameParticles[ws[k]] && k+1 < len(ws) && isCapitalised(ws[k+1])) {
			k++
		}
		if next := slices.IndexFunc(spans, func(s docSpan) bool { return s.start == k && s.label == LabelPER }); next >= 0 && k > i+1 {
			spans[next].start, spans[next].titleStart = i+1, i // "President" + "Kassym-Jomart" + PER "Tokayev"
			i = k - 1
		} else if k > i+1 {
			spans = append(spans, docSpan{span: span{start: i + 1, end: k, label: LabelPER}, titleStart: i, source: SourceRule})
			added = true
			i = k - 1
		}
	}
	if added {
		sortSpans(spans)
	}
	return spans
}

// headedOrgs adds an ORG span (source rule) for an uncovered "Head of Name"
// phrase whose head is in orgHeads ("Ministry of Foreign Affairs"), taking
// capitalised words before the head too.
func headedOrgs(ws []string, spans []docSpan) []docSpan {
	covered := make([]bool, len(ws))
	for _, s := range spans {
		for k := s.titleStart; k < s.end; k++ {
			covered[k] = true
		}
	}
	added := false
	for i := 0; i+2 < len(ws); i++ {
		if !orgHeads[ws[i]] || covered[i] || (ws[i+1] != "of" && ws[i+1] != "for") {
			continue
		}
		if k := slices.IndexFunc(spans, func(s docSpan) bool { return s.start == i+2 }); k >= 0 {
			spans[k].start, spans[k].titleStart, spans[k].label = i, i, LabelORG // "Ministry of" + "Foreign Affairs"
			covered[i], covered[i+1] = true, true
			continue
		}
		k := i + 2
		if k < len(ws) && ws[k] == "the" {
			k++
		}
		e := k
		for e < len(ws) && !covered[e] && (isCapitalised(ws[e]) || (ws[e] == "and" || ws[e] == "&") && e+1 < len(ws) && isCapitalised(ws[e+1])) {
			e++
		}
		if e == k {
			continue
		}
		b := i
		for b > 0 && !covered[b-1] && isCapitalised(ws[b-1]) && !(b-1 == 0 && ws[b-1] == "The") {
			b--
		}
		spans = append(spans, docSpan{span: span{start: b, end: e, label: LabelORG}, titleStart: b, source: SourceRule})
		for k := b; k < e; k++ {
			covered[k] = true
		}
		added = true
		i = e - 1
	}
	if added {
		sortSpans(spans)
	}
	return spans
}

// surnameKey is the form under which resolvePersons compares surnames: lower
// case, without apostrophes, so "Baasyir" and "Ba'asyir" are one.
func surnameKey(w string) string {
	if !strings.ContainsAny(w, "'\u2019`") {
		return strings.ToLower(w)
	}
	return strings.ToLower(apostrophes.Replace(w))
}

var apostrophes = strings.NewReplacer("'", "", "\u2019", "", "`", "")

// resolvePersons gives short forms of a person's name the full name found
// elsewhere in the document ("Tokayev" → "Kassym-Jomart Tokayev"), relabels
// them PER and adds unlabelled repetitions of a known surname. A surname
// shared by two different full names, however each spells it with
// apostrophes (surnameKey: "Abu Bakar Baasyir" and his son "Abdul Rahim
// Ba'asyir"), is left alone. A sentence's first
// word before a known surname is cut off ("Later Tokayev") unless listed
// (the first and last words of a listed person's name: "Arkady Rotenberg"
// beside "Boris Rotenberg").
func resolvePersons(words [][]string, spans [][]docSpan, listed map[string]bool) {
	full := map[string]string{} // surname → full name
	ambiguous := map[string]bool{}
	// Names inside a sentence first: a sentence-initial "Later Tokayev" must
	// not compete with "Kassym-Jomart Tokayev".
	for _, initial := range []bool{false, true} {
		for si, ss := range spans {
			for _, s := range ss {
				if s.label != LabelPER || s.end-s.start < 2 || (s.start == 0) != initial {
					continue
				}
				name := strings.Join(words[si][s.start:s.end], " ")
				last := surnameKey(words[si][s.end-1])
				f, ok := full[last]
				switch {
				case !ok:
					full[last] = name
				case f != name && !initial:
					ambiguous[last] = true
				}
			}
		}
	}
	for si, ss := range spans {
		ws := words[si]
		// a word in capitals is a surname only in a headline in capitals
		// ("PUTIN MEETS XI"): elsewhere it is an acronym, "UN" no "Kim Jong
		// Un", "EZB" no person
		caps := capsSentence(ws)
		surname := func(w string) (string, bool) {
			lw := surnameKey(w)
			f := full[lw]
			return f, f != "" && !ambiguous[lw] && (caps || !acronymLike(w))
		}
		for i := range ss {
			s := &ss[i]
			// "Later Tokayev" at a sentence start: keep the known surname.
			if s.start == 0 && s.end == 2 && s.label == LabelPER && full[surnameKey(ws[1])] != "" &&
				!strings.HasPrefix(full[surnameKey(ws[1])], ws[0]+" ") && !listed[strings.ToLower(ws[0]+" "+ws[1])] {
				s.start, s.titleStart = 1, 1
			}
			if s.end-s.start != 1 {
				continue
			}
			if f, ok := surname(ws[s.start]); ok {
				s.label = LabelPER
				s.name = f
			}
		}
		inSpan := make([]bool, len(ws))
		for _, s := range ss {
			for k := s.titleStart; k < s.end; k++ {
				inSpan[k] = true
			}
		}
		added := false
		for k, w := range ws {
			if f, ok := surname(w); ok && !inSpan[k] && len(w) >= 3 && isCapitalised(w) &&
				(caps || (k == 0 || !isCapitalised(ws[k-1])) && (k+1 == len(ws) || !isCapitalised(ws[k+1]))) {
				ss = append(ss, docSpan{span: span{start: k, end: k + 1, label: LabelPER}, titleStart: k, source: SourceRule, name: f})
				added = true
			}
		}
		if added {
			sortSpans(ss)
		}
		spans[si] = ss
	}
}
