package screen

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/mozillazg/go-unidecode"
	"golang.org/x/text/unicode/norm"
)

// Kind says what part a token plays in a name.
type Kind uint8

// Token kinds. Only KindName and KindNumber tokens can carry a match on their
// own; the other kinds are weighed lightly and never suffice.
const (
	KindName      Kind = iota // a name part: "mansur", "gazprom"
	KindNumber                // digits: "58213", ordinals become digits ("1st" → "1")
	KindParticle              // name particles: al, bin, ibn, van, de, ...
	KindLegalForm             // legal-form words, canonicalised: llc, jsc, gmbh, ag, corp, ...
	KindGeneric               // generic organisation words: group, holding, international, ...
	KindStopword              // function words: the, of, and, ...
	KindTitle                 // an office that is a title in a person's name and a word in an organisation's ("President", "General")
)

// Token is one normalised name part.
type Token struct {
	Text      string // lower-case ASCII transliteration: "Mansoor" → "mansoor", "Андрей" → "andrei"
	Key       string // romanisation key: variant spellings share it ("mansoor", "mansour", "mansur" → "mansur")
	Kind      Kind
	Family    bool // written before the comma of a "SURNAME, Given" name
	Qualifier bool // written in brackets: "(Schweiz)"
	Acronym   bool // written as initials ("A.B.C." → "abc"), or the word of a listed organisation's short acronym (isAcronym)
}

// Name is a normalised name: its tokens in written order, with honorifics
// and titles split off.
type Name struct {
	Original string
	Tokens   []Token
	Titles   []string // canonical titles found in the name: "mullah", "sheikh", "haji", ...
	Comma    bool     // written "SURNAME, Given": tokens with Family set came before the comma
}

// leadingCaps returns the leading words of s written in capitals when a
// later word is not ("PUTIN Vladimir", "KIM Jong Un"): the lists' and
// registers' way of writing the surname first without a comma. "" when
// there are none, or when every word is in capitals (a headline, a UN
// name). Words of fewer than three letters ("US", "EU") do not count.
func leadingCaps(s string) string {
	fields := strings.Fields(s)
	n := 0
	for n < len(fields) && isCapsWord(fields[n]) {
		n++
	}
	if n == 0 || n == len(fields) || !slices.ContainsFunc(fields[n:], func(f string) bool { return strings.IndexFunc(f, unicode.IsLower) >= 0 }) {
		return ""
	}
	return strings.Join(fields[:n], " ")
}

// trailingCaps returns the words in capitals that end a name written
// otherwise in mixed case when there are two or more of them ("Miguel Angel
// ARREOLA MARQUEZ" → "ARREOLA MARQUEZ", as OFAC writes aliases), else "".
// One such word is the family name anyway (prepare).
func trailingCaps(s string) string {
	fields := strings.Fields(s)
	n := len(fields)
	for n > 0 && isCapsWord(fields[n-1]) {
		n--
	}
	if len(fields)-n < 2 || !slices.ContainsFunc(fields[:n], func(f string) bool { return strings.IndexFunc(f, unicode.IsLower) >= 0 }) {
		return ""
	}
	return strings.Join(fields[n:], " ")
}

// isCapsWord reports a word of three or more letters, none lower case.
func isCapsWord(f string) bool {
	letters := 0
	for _, r := range f {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 3
}

// Normalize turns a name as written into comparable tokens. Steps (issue 6):
// Unicode NFKC; transliteration of every script to Latin with diacritics
// removed (go-unidecode, so "Andrés" → "andres", "Владимир" → "vladimir");
// lower case; a possessive "'s" dropped and other apostrophes joined
// ("O'Neil" → "oneil"); any other punctuation or hyphen splits tokens;
// multi-word legal forms folded into one canonical token ("Open Joint Stock
// Company" → "ojsc", "S.A." → "sa"); titles removed into Titles; romanisation
// variants given one Key (Mohammed/Muhammad/Mohamed, Abdul/Abd al/Abdel →
// "abd", Mansour/Mansur/Mansoor, -off/-ov). When every token would be a title,
// legal form, particle or stopword, the tokens are kept as plain name parts so
// that the name is compared on what was written. Normalize never fails; a name
// with no letters or digits gives no tokens.
func Normalize(name string) Name {
	n := Name{Original: name}
	s := norm.NFKC.String(name)
	before, _, hasComma := strings.Cut(s, ",")
	familyEnd := -1
	if hasComma && strings.Count(s, ",") == 1 && strings.TrimSpace(before) != "" && strings.TrimSpace(s[len(before)+1:]) != "" {
		familyEnd = len(words(before))
	} else if caps := leadingCaps(s); caps != "" {
		familyEnd = len(words(caps))
	}
	ws := words(s)
	familyFrom := len(ws) // "Miguel Angel ARREOLA MARQUEZ": both surnames, as in the comma form
	if familyEnd < 0 {
		if caps := trailingCaps(s); caps != "" {
			familyFrom = len(ws) - len(words(caps))
		}
	}
	if len(ws) == 0 {
		// the transliteration kept nothing: compare on the original words
		for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			ws = append(ws, word{text: f})
		}
		familyEnd = -1
	}
	raw := make([]Token, 0, len(ws))
	for i, w := range ws {
		raw = append(raw, Token{Text: w.text, Family: i < familyEnd || i >= familyFrom, Qualifier: w.qualifier})
	}
	raw = foldPhrases(joinInitials(raw))
	// titles are recognised in Latin writing only: transliterated Arabic
	// loses its vowels and "عمر" (Omar) would become the title "mr"
	script, _ := scriptOf(name)
	latin := script == ""
	var toks []Token
	for i := 0; i < len(raw); i++ {
		t := raw[i]
		if c, ok := titles[t.Text]; ok && latin && len(raw) > 1 && !(i > 0 && particles[raw[i-1].Text]) {
			n.Titles = append(n.Titles, c)
			continue
		}
		t.Kind, t.Text = classify(t.Text)
		if t.Kind == KindName && personTitles[t.Text] && len(raw) > 1 {
			t.Kind = KindTitle
		}
		if t.Text == "abd" && i+1 < len(raw) && abdLinks[raw[i+1].Text] {
			i++ // "abd al rahman" → "abd rahman"
		}
		if t.Kind == KindNumber && tens[raw[i].Text] && i+1 < len(raw) {
			if u, ok := numberWords[raw[i+1].Text]; ok && len(u) == 1 && u != "0" {
				t.Text = t.Text[:1] + u // "forty four" → "44"
				i++
			}
		}
		if rest, ok := splitAbd(t.Text); ok {
			toks = append(toks, Token{Text: "abd", Kind: KindName, Family: t.Family, Qualifier: t.Qualifier}, Token{Text: rest, Kind: KindName, Family: t.Family, Qualifier: t.Qualifier})
			continue
		}
		toks = append(toks, t)
	}
	if !hasSignificant(toks) {
		// Normalisation left nothing that can carry a match: compare on the original words.
		toks = toks[:0]
		for _, t := range raw {
			toks = append(toks, Token{Text: t.Text, Kind: KindName, Family: t.Family, Qualifier: t.Qualifier})
		}
		n.Titles = nil
	}
	for i := range toks {
		toks[i].Key = romanKey(toks[i].Text, toks[i].Kind)
	}
	n.Tokens = toks
	n.Comma = familyEnd > 0 && len(toks) > 0 && toks[0].Family
	return n
}

func hasSignificant(toks []Token) bool {
	for _, t := range toks {
		if t.Kind == KindName || t.Kind == KindNumber {
			return true
		}
	}
	return false
}

// word is one written word of a name.
type word struct {
	text      string
	qualifier bool // inside brackets
}

// words transliterates s to lower-case ASCII and cuts it into words. A
// possessive "'s" goes, other apostrophes join ("O'Neil" → "oneil"), digits
// written inside a word for letters are read as letters ("Ig0r" → "igor").
func words(s string) []word {
	// format characters (zero-width space and joiners, bidirectional
	// controls, soft hyphen) change no letter: "Vlad\u200bimir" is Vladimir
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	a := strings.ToLower(unidecode.Unidecode(s))
	var out []word
	var b strings.Builder
	depth := 0
	flush := func() {
		if b.Len() > 0 {
			out = append(out, word{text: deLeet(b.String()), qualifier: depth > 0})
			b.Reset()
		}
	}
	for i := 0; i < len(a); i++ {
		c := a[i]
		switch {
		case c == '\'' || c == '`':
			if i+1 < len(a) && a[i+1] == 's' && (i+2 == len(a) || !isAlnum(a[i+2])) && i > 0 && isAlnum(a[i-1]) {
				i++
			}
		case isAlnum(c):
			b.WriteByte(c)
		case c == '(' || c == '[':
			flush()
			depth++
		case c == ')' || c == ']':
			flush()
			depth = max(0, depth-1)
		default:
			flush()
		}
	}
	flush()
	return out
}

// deLeet reads digits between letters as the letters they stand for.
func deLeet(w string) string {
	if len(w) < 3 {
		return w
	}
	b := []byte(w)
	for i := 1; i+1 < len(b); i++ {
		if l, ok := leet[b[i]]; ok && isLetter(b[i-1]) && isLetter(b[i+1]) {
			b[i] = l
		}
	}
	return string(b)
}

var leet = map[byte]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g'}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

func isAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// joinInitials writes a run of two or more single letters as one token
// ("A.B.C." → "abc", "G.m.b.H." → "gmbh", "J. C." → "jc", "H and M" → "hm").
func joinInitials(toks []Token) []Token {
	out := toks[:0:0]
	for i := 0; i < len(toks); {
		j, n := i, 0
		for j < len(toks) {
			if isInitial(toks[j].Text) {
				j, n = j+1, n+1
			} else if toks[j].Text == "and" && n > 0 && j+1 < len(toks) && isInitial(toks[j+1].Text) {
				j++ // "H and M" is "H&M"
			} else {
				break
			}
		}
		if n >= 2 {
			var b strings.Builder
			for _, t := range toks[i:j] {
				if t.Text != "and" {
					b.WriteString(t.Text)
				}
			}
			out = append(out, Token{Text: b.String(), Family: toks[i].Family, Acronym: true})
			i = j
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return out
}

func isInitial(w string) bool { return len(w) == 1 && !isDigit(w[0]) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// foldPhrases replaces multi-word legal forms by their canonical single token.
func foldPhrases(toks []Token) []Token {
	out := toks[:0:0]
	for i := 0; i < len(toks); {
		matched := false
		for _, p := range legalPhrases {
			if i+len(p.words) > len(toks) {
				continue
			}
			ok := true
			for j, w := range p.words {
				if toks[i+j].Text != w {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, Token{Text: p.canon, Family: toks[i].Family})
				i += len(p.words)
				matched = true
				break
			}
		}
		if !matched {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

// classify returns a token's kind and canonical text.
func classify(w string) (Kind, string) {
	if c, ok := legalForms[w]; ok {
		return KindLegalForm, c
	}
	if particles[w] {
		return KindParticle, w
	}
	if stopwords[w] {
		return KindStopword, w
	}
	if generic[w] {
		if w == "intl" {
			w = "international"
		}
		return KindGeneric, w
	}
	if d, ok := numberWords[w]; ok {
		return KindNumber, d
	}
	if len(w) >= 6 {
		// misspelt long legal forms and generic words ("Aktiengeselschaft", "Cmpany")
		for _, lf := range fuzzyWords {
			if d := len(w) - len(lf); d >= -1 && d <= 1 && editDistance(w, lf) <= 1 {
				return classify(lf)
			}
		}
	}
	if w[0] >= '0' && w[0] <= '9' {
		d := strings.TrimLeft(w, "0")
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if x, ok := strings.CutSuffix(d, suf); ok && x != "" && allDigits(x) {
				d = x
			}
		}
		if d == "" {
			d = "0"
		}
		return KindNumber, d
	}
	return KindName, w
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitAbd splits a joined "abdulrahman" into "abd" + "rahman" when the rest is
// a name of at least four letters ("abdullah" stays whole).
func splitAbd(w string) (string, bool) {
	for _, p := range []string{"abdul", "abdel", "abdal", "abdol", "abdoul", "abdur", "abdar", "abdil"} {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 4 {
			return rest, true
		}
	}
	return "", false
}

// romanKey folds common romanisation variants of a name part into one key:
// a table of known variants first (Muhammad, Abd, Husayn, Yusuf, ...), then
// letter rules: ou/oo → u, ee/ie → i, kh → h, gh → g, ph → f, th → t, dh → d,
// q/ck/c → k, w → v, y → i, x → ks, -off/-ow → -ov, -eff → -ev, -iev/-yev → -ev,
// final h after a vowel dropped, doubled letters collapsed.
func romanKey(w string, k Kind) string {
	if k != KindName {
		return w
	}
	if c, ok := variants[w]; ok {
		return c
	}
	if len(w) <= 2 {
		return w
	}
	r := keyReplacer.Replace(w)
	for _, s := range [][2]string{{"off", "ov"}, {"eff", "ev"}, {"iev", "ev"}, {"aev", "aiev"}} {
		if x, ok := strings.CutSuffix(r, s[0]); ok {
			r = x + s[1]
			break
		}
	}
	if n := len(r); n > 3 && r[n-1] == 'h' && strings.IndexByte("aeiou", r[n-2]) >= 0 {
		r = r[:n-1]
	}
	var b strings.Builder
	b.Grow(len(r))
	for i := 0; i < len(r); i++ {
		if i > 0 && r[i] == r[i-1] {
			continue
		}
		b.WriteByte(r[i])
	}
	return b.String()
}

var keyReplacer = strings.NewReplacer(
	"ou", "u", "oo", "u", "ee", "i", "ie", "i",
	"kh", "h", "gh", "g", "ph", "f", "th", "t", "dh", "d",
	"ck", "k", "q", "k", "c", "k", "w", "v", "y", "i", "x", "ks", "z", "s",
)

// variants maps spellings of very common names to one key. Source: UN/OFAC
// list spellings and the romanisation variants named in issue 6.
var variants = func() map[string]string {
	m := map[string]string{}
	for key, vs := range variantGroups {
		for _, v := range vs {
			m[v] = key
		}
	}
	return m
}()

// variantGroups are the spelling groups of variants, by key; a spelling is
// in one group only (TestVariantGroupsDisjoint).
var variantGroups = map[string][]string{
	"muhammad":  {"mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "muhamad", "mohamud", "muhamed", "mohammod", "mehmet", "mehmed", "mohd", "mohamet", "mouhamed", "muhammet", "mukhammad", "mukhammed", "magomed"},
	"abd":       {"abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdu", "abdil"},
	"ahmad":     {"ahmad", "ahmed", "ahmet", "akhmad", "akhmed"},
	"husain":    {"hussein", "husein", "hussain", "husain", "husayn", "hossein", "hosein", "houssein", "huseyin"},
	"hasan":     {"hassan", "hasan", "hasen", "hassen", "hassane"},
	"yusuf":     {"yusuf", "yousef", "yousuf", "yusef", "youssef", "yousif", "yosef", "josef", "joseph", "iosif"},
	"usama":     {"osama", "usama", "ousama", "oussama"},
	"umar":      {"omar", "umar", "omer", "umer"},
	"uthman":    {"osman", "othman", "usman", "uthman", "osmon"},
	"abu":       {"abu", "abou", "abo"},
	"mustafa":   {"mustafa", "mostafa", "moustafa", "mustapha", "mustafo"},
	"ibrahim":   {"ibrahim", "ebrahim", "ibragim", "ibrohim"},
	"sulaiman":  {"suleiman", "sulaiman", "sulayman", "soliman", "sulejman", "suleyman", "sulaymon"},
	"aleksandr": {"alexander", "aleksandr", "alexandr", "aleksander", "alexandre", "oleksandr"},
	"sergei":    {"sergei", "sergey", "serguei", "sergiy", "serhiy", "serhii"},
	"yuri":      {"yuri", "yury", "yuriy", "iurii", "yurii", "jurij"},
	"dmitri":    {"dmitri", "dmitry", "dmitriy", "dmitrii", "dmytro"},
	// the same given name across languages (John = Juan = Jean = Ivan), and
	// common short forms (Ted = Theodore, Bibi = Benjamin)
	"ioann":    {"john", "juan", "jean", "johann", "johannes", "giovanni", "joao", "ivan", "ioannis", "ioan", "johnny"},
	"teodor":   {"theodore", "ted", "teodor", "theodor", "fyodor", "fedor", "feodor", "teodoro"},
	"beniamin": {"benjamin", "binyamin", "bibi", "veniamin", "benyamin", "benny"},
	"viliam":   {"william", "bill", "billy", "wilhelm", "guillaume", "guillermo", "guglielmo", "willem"},
	"robert":   {"robert", "bob", "bobby", "roberto"},
	"piotr":    {"peter", "pyotr", "pedro", "pierre", "pietro", "petr", "piotr", "petro"},
	"pavel":    {"paul", "pavel", "pablo", "paolo", "paulo", "pavlo"},
	"georgi":   {"george", "georgy", "georgiy", "jorge", "georges", "giorgio", "georgios", "heorhiy"},
	"tomas":    {"thomas", "tom", "tomas", "tommaso", "tomasz", "foma"},
	"nikolai":  {"nicholas", "nikolai", "nikolay", "nicolas", "nicola", "nikola", "mykola", "nicolae"},
	"stefan":   {"stephen", "steven", "stepan", "esteban", "stefan", "stefano", "etienne", "stephan"},
	"andrei":   {"andrew", "andrei", "andrey", "andres", "andreas", "andre", "andrea", "andrii", "andriy"},
	"mikhail":  {"michael", "mikhail", "michel", "michele", "mykhailo", "michal", "mikhael"},
	// Arabic hizb Allah, "Party of God", as the press (Hezbollah) and the
	// lists (OFAC HIZBALLAH) spell it
	"hizbullah": {"hezbollah", "hizbollah", "hizballah", "hizbullah", "hezbullah", "hisbollah"},
	// "of the Golan" (al-Jawlani), as the press (al-Jolani, al-Julani) and
	// OFAC (AL-JAWLANI) spell it
	"jaulani": {"jolani", "julani", "jawlani", "jaulani", "golani"},
}

// abdLinks are the article forms that may follow "abd" ("Abd al-Rahman").
var abdLinks = map[string]bool{"al": true, "el": true, "ul": true, "ur": true, "ar": true, "as": true, "an": true, "ad": true, "ash": true, "az": true, "ed": true}

// titles maps honorifics and offices written with a name to their canonical
// form; they are split off the name (issue 6: Mullah, Maulavi, Sheikh/Shaikh,
// Haji, Dr).
var titles = func() map[string]string {
	m := map[string]string{}
	for c, vs := range map[string][]string{
		"mullah":    {"mullah", "mulla", "mollah", "molla", "akhund"},
		"maulavi":   {"maulavi", "maulvi", "mawlawi", "mawlavi", "moulavi", "molvi", "maulawi", "moulvi", "mowlavi"},
		"maulana":   {"maulana", "mawlana", "moulana"},
		"sheikh":    {"sheikh", "shaikh", "shaykh", "sheik", "shaik", "cheikh"},
		"haji":      {"haji", "hajji", "hadji", "alhaj", "alhaji", "alhajj", "hajj"},
		"qari":      {"qari", "kari"},
		"mufti":     {"mufti"},
		"ayatollah": {"ayatollah", "ayatullah"},
		"dr":        {"dr", "doctor"},
		"prof":      {"prof", "professor"},
		"mr":        {"mr", "mrs", "ms", "mme", "mlle", "messrs", "monsieur", "madame", "herr", "frau", "senor", "senora", "gospodin"},
		"sir":       {"sir"},
		"gen":       {"gen"},
		"col":       {"col"},
		"maj":       {"maj"},
		"capt":      {"capt"},
		"lt":        {"lt"},
	} {
		for _, v := range vs {
			m[v] = c
		}
	}
	return m
}()

// personTitles are offices written before person names that are ordinary
// words in organisation names; a person's name ignores them.
var personTitles = map[string]bool{
	"president": true, "prasident": true, "presidente": true, "president-elect": true, "premier": true,
	"minister": true, "king": true, "queen": true, "prince": true, "princess": true, "emir": true,
	"general": true, "colonel": true, "major": true, "captain": true, "commander": true, "senator": true,
	"governor": true, "chairman": true, "judge": true, "ambassador": true, "lord": true,
	"lady": true, "pm": true, "mp": true, "hon": true, "honourable": true, "his": true, "her": true,
	"excellency": true, "majesty": true, "highness": true, "bishop": true, "father": true, "rabbi": true,
}

// legalForms maps legal-form words to a canonical form; words with the same
// canonical form are the same legal form ("ooo" = "llc", "oao" = "jsc"), other
// legal-form words stand for themselves.
var legalForms = func() map[string]string {
	m := map[string]string{}
	for c, vs := range map[string][]string{
		"llc":  {"llc", "ooo", "tov", "too"},
		"ltd":  {"ltd", "limited", "pvt", "pte", "pty"},
		"corp": {"corp", "corporation", "inc", "incorporated", "co", "company", "cie", "companies", "kompaniya"},
		"jsc":  {"jsc", "ao", "ojsc", "oao", "cjsc", "zao", "pjsc", "pao", "aj", "ad", "jscb"},
		"gmbh": {"gmbh", "mbh"},
		"ag":   {"ag", "aktiengesellschaft"},
		"est":  {"est", "establishment"},
	} {
		for _, v := range vs {
			m[v] = c
		}
	}
	for _, v := range strings.Fields("sa sas sae sal spa nv bv ab as asa oy oyj kft plc lp llp fze fzco fzc fzllc ltda sdn bhd tbk pt sarl srl sro spzoo fgup fgbu gup gk") {
		m[v] = v
	}
	return m
}()

// legalPhrases are multi-word legal forms, longest first.
var legalPhrases = []struct {
	words []string
	canon string
}{
	{strings.Fields("obshchestvo s ogranichennoi otvetstvennostiu"), "llc"},
	{strings.Fields("obshchestvo s ogranichennoy otvetstvennostyu"), "llc"},
	{strings.Fields("gesellschaft mit beschrankter haftung"), "gmbh"},
	{strings.Fields("open joint stock company"), "jsc"},
	{strings.Fields("closed joint stock company"), "jsc"},
	{strings.Fields("public joint stock company"), "jsc"},
	{strings.Fields("joint stock company"), "jsc"},
	{strings.Fields("limited liability company"), "llc"},
	{strings.Fields("limited liability partnership"), "llp"},
	{strings.Fields("public limited company"), "plc"},
	{strings.Fields("private limited company"), "ltd"},
	{strings.Fields("societe anonyme"), "sa"},
	{strings.Fields("sociedad anonima"), "sa"},
	{strings.Fields("societa per azioni"), "spa"},
	{strings.Fields("limited partnership"), "lp"},
	{strings.Fields("federal state unitary enterprise"), "fgup"},
	{strings.Fields("federal state budgetary institution"), "fgbu"},
	{strings.Fields("state unitary enterprise"), "gup"},
	{strings.Fields("state corporation"), "gk"}, // Russia's goskorporatsiya: STATE CORPORATION ROSTEC
	{strings.Fields("co ltd"), "ltd"},
	{strings.Fields("sdn bhd"), "sdn"},
	{strings.Fields("sp zoo"), "spzoo"},
}

// fuzzyWords are legal-form and generic words long enough to be recognised
// with one typo.
var fuzzyWords = []string{"aktiengesellschaft", "corporation", "incorporated", "establishment", "company",
	"limited", "trading", "industries", "holding", "holdings", "international", "services", "enterprises", "global"}

// particles are name particles and connectors (Arabic, Persian, European).
var particles = map[string]bool{
	"al": true, "el": true, "ul": true, "ud": true, "ur": true, "bin": true, "ibn": true, "ben": true, "bint": true,
	"binti": true, "ben-": true, "van": true, "von": true, "der": true, "den": true, "de": true, "da": true,
	"del": true, "della": true, "di": true, "du": true, "dos": true, "das": true, "do": true, "la": true,
	"le": true, "y": true, "e": true, "i": true, "ter": true, "ten": true, "zu": true,
}

// BareName returns an organisation name without its legal forms, lower
// case, as the news writes it: "PAO SOVCOMFLOT" → "sovcomflot", "BANK
// MELLI IRAN PJSC" → "bank melli iran"; "" when the name has no legal form,
// nothing else, or words Normalize rewrites (generic words, titles).
func BareName(name string) string {
	var parts []string
	stripped := false
	for _, t := range Normalize(name).Tokens {
		switch t.Kind {
		case KindLegalForm:
			stripped = true
		case KindName, KindNumber, KindParticle:
			parts = append(parts, t.Text)
		default:
			return ""
		}
	}
	if !stripped || len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " ")
}

// stopwords are function words in organisation names.
var stopwords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "in": true, "on": true, "at": true,
	"und": true, "et": true, "des": true,
}

// generic are organisation stopwords and generic words that never identify an
// organisation by themselves ("The ... Group").
var generic = map[string]bool{
	"group": true, "groupe": true, "gruppe": true, "holding": true, "holdings": true,
	"international": true, "intl": true, "trading": true, "enterprise": true, "enterprises": true,
	"services": true, "industries": true, "global": true,
}

// tens are the number words that can take a unit after them.
var tens = map[string]bool{"twenty": true, "thirty": true, "forty": true, "fourty": true, "fifty": true, "sixty": true, "seventy": true, "eighty": true, "ninety": true}

// numberWords maps number and ordinal words to digits.
var numberWords = func() map[string]string {
	m := map[string]string{}
	for i, w := range strings.Fields("zero one two three four five six seven eight nine ten eleven twelve") {
		m[w] = strconv.Itoa(i)
	}
	for i, w := range strings.Fields("first second third fourth fifth sixth seventh eighth ninth tenth") {
		m[w] = strconv.Itoa(i + 1)
	}
	for i, w := range strings.Fields("twenty thirty forty fifty sixty seventy eighty ninety") {
		m[w] = strconv.Itoa(20 + 10*i)
	}
	m["fourty"] = "40"
	return m
}()
