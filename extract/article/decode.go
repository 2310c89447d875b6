package article

import (
	"bytes"
	"math"
	"mime"
	"regexp"
	"sort"
	"strings"
	gounicode "unicode"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/unicode/norm"
)

// Decoded is the result of Decode: the page as valid UTF-8 text and the
// charset the bytes were read as.
type Decoded struct {
	Text     string // valid UTF-8, NFC-normalised, soft hyphens (U+00AD) removed
	Encoding string // lower-case WHATWG name of the charset used ("utf-8", "windows-1251", "shift_jis"), or the IANA name for labels WHATWG lacks ("ibm855")
	Source   string // which rule decided: "bom", "zero-pattern", "utf-8", "utf-8-mostly", "header", "meta", "mislabelled", "detected", "default"
}

// Decode turns the raw bytes of a page into UTF-8 text. contentType is the
// HTTP Content-Type header ("" when unknown). The rules, in order:
//
//  1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
//  2. UTF-16/32 without a BOM, recognised by the pattern of zero bytes;
//  3. the whole body is strict, valid UTF-8 (and not 7-bit ISO-2022 escapes):
//     UTF-8 wins over any conflicting header or meta tag (case C07, miniflux
//     #859: UTF-8 bytes read as Latin-1 produce "â€”");
//  4. the body is UTF-8 except for a few stray bytes (at most one invalid
//     byte per ten valid multi-byte sequences): UTF-8, each stray byte read
//     as windows-1252 (pages that paste cp1252 quotes into UTF-8);
//  5. the charset parameter of the HTTP Content-Type header;
//  6. a <meta charset> or <meta http-equiv="Content-Type"> anywhere in
//     <head>, or an XML declaration's encoding;
//     a declared UTF-8 (steps 5–6) is followed, stray bytes read as
//     windows-1252, only with at most four invalid bytes per valid
//     multi-byte sequence; a declared Western charset (windows-1252,
//     which "iso-8859-1" means) is not followed when its high bytes make
//     whole words, as Cyrillic in windows-1251 or KOI8-R does
//     (westernImplausible), and a Cyrillic charset reads them
//     (bestCyrillic): "mislabelled";
//  7. statistical detection (saintfish/chardet, ICU's detectors);
//  8. windows-1252, the WHATWG default for unlabelled Western pages.
//
// Labels are resolved with the WHATWG Encoding Standard (so "iso-8859-1"
// and "ascii" read as windows-1252, "gb2312" as gbk). The order
// comes from ../shared/data/html/MANIFEST.md, where x/net's
// charset.DetermineEncoding alone (first 1,024 bytes only) got 13% of pages
// wrong. Decode never fails: undecodable bytes become U+FFFD.
func Decode(body []byte, contentType string) Decoded {
	if enc, name, n := bomEncoding(body); enc != nil {
		return finish(decodeWith(enc, body[n:]), name, "bom")
	}
	if enc, name := utf16or32Pattern(body); enc != nil {
		return finish(decodeWith(enc, body), name, "zero-pattern")
	}
	iso2022 := bytes.IndexByte(body, 0x1b) >= 0
	if !iso2022 && utf8.Valid(body) {
		return finish(string(body), "utf-8", "utf-8")
	}
	multi, invalid := utf8Counts(body)
	if !iso2022 && multi > 0 && invalid*10 <= multi {
		return finish(utf8WithCP1252(body), "utf-8", "utf-8-mostly")
	}
	for _, d := range []struct{ label, source string }{
		{headerCharset(contentType), "header"},
		{metaCharset(body), "meta"},
	} {
		enc, canon := lookup(d.label)
		switch {
		case enc == nil:
		case canon == "utf-8" || strings.HasPrefix(canon, "utf-16"):
			// Declared UTF-8 (a meta "utf-16" on ASCII-compatible bytes
			// means UTF-8 per WHATWG) on bytes that are not: trust it only
			// with at most four invalid bytes per valid multi-byte sequence,
			// i.e. a UTF-8 page with stray cp1252 bytes.
			if !iso2022 && invalid <= 4*multi {
				return finish(utf8WithCP1252(body), "utf-8", d.source)
			}
		case canon == "windows-1252" && westernImplausible(body):
			if cyr, name := bestCyrillic(body); cyr != nil {
				return finish(decodeWith(cyr, body), name, "mislabelled")
			}
			return finish(decodeWith(enc, body), canon, d.source)
		default:
			return finish(decodeWith(enc, body), canon, d.source)
		}
	}
	if enc, canon := detect(body); enc != nil {
		return finish(decodeWith(enc, body), canon, "detected")
	}
	return finish(decodeWith(charmap.Windows1252, body), "windows-1252", "default")
}

// finish normalises decoded text the way go-trafilatura's own parser does
// (NFC, soft hyphens removed) so extraction sees the same characters, and
// takes out the invisible characters that would split or hide a name from
// recognition and screening (invisibleChar): "Vlad\u200bimir" is Vladimir.
func finish(text, enc, source string) Decoded {
	text = strings.ReplaceAll(text, "\u00ad", "")
	if hasInvisible(text) {
		text = dropInvisible(text)
	}
	if !utf8.ValidString(text) { // a fast scan; ToValidUTF8 decodes rune by rune
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return Decoded{Text: norm.NFC.String(text), Encoding: enc, Source: source}
}

// invisibleChar reports the format characters that change no letter:
// zero-width space, word joiner and BOM (U+200B, U+2060, U+FEFF), the
// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), and the zero-width (non-)joiners U+200C and U+200D,
// which dropInvisible keeps where they shape a script (Persian, Indic,
// emoji sequences): not between two Latin letters.
func invisibleChar(r rune) bool {
	switch {
	case r == 0x200B, r == 0x2060, r == 0xFEFF, r == 0x200C, r == 0x200D:
		return true
	case 0x202A <= r && r <= 0x202E, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// hasInvisible reports whether text has an invisibleChar character: all are
// encoded as E2 80 8B–8D, E2 80 AA–AE, E2 81 A0, E2 81 A6–A9 or EF BB BF. It
// jumps from one E2 byte to the next (curly quotes and dashes start with
// it too) instead of decoding every rune: a fifth of Decode's time on
// long pages otherwise.
func hasInvisible(text string) bool {
	if strings.Contains(text, "\ufeff") {
		return true
	}
	for i := strings.IndexByte(text, 0xE2); i >= 0 && i+2 < len(text); {
		if b1, b2 := text[i+1], text[i+2]; b1 == 0x80 && (0x8B <= b2 && b2 <= 0x8D || 0xAA <= b2 && b2 <= 0xAE) ||
			b1 == 0x81 && (b2 == 0xA0 || 0xA6 <= b2 && b2 <= 0xA9) {
			return true
		}
		j := strings.IndexByte(text[i+1:], 0xE2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// dropInvisible removes the invisibleChar characters of text, the joiners
// only between two Latin letters.
func dropInvisible(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	prev := rune(0)
	for i, r := range text {
		if invisibleChar(r) {
			if r != 0x200C && r != 0x200D {
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if gounicode.Is(gounicode.Latin, prev) && gounicode.Is(gounicode.Latin, next) {
				continue
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// x/text decoders replace invalid input rather than fail; an error
		// here means a transformer limit, so fall back to lossy UTF-8.
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

func bomEncoding(b []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le", 4
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be", 4
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	}
	return nil, "", 0
}

// utf16or32Pattern recognises BOM-less UTF-16/32 from where the zero bytes
// fall in the first 4 KiB: ASCII-range text in UTF-16LE has zeros at odd
// offsets, in UTF-16BE at even offsets, UTF-32 three zeros per four bytes.
func utf16or32Pattern(b []byte) (encoding.Encoding, string) {
	if len(b) > 4096 {
		b = b[:4096]
	}
	b = b[:len(b)&^3]
	if len(b) < 8 {
		return nil, ""
	}
	var zeros [4]int
	for i, c := range b {
		if c == 0 {
			zeros[i%4]++
		}
	}
	quarter := len(b) / 4
	high := func(n int) bool { return n*10 >= quarter*7 } // ≥ 70% of positions
	low := func(n int) bool { return n*10 <= quarter }    // ≤ 10%
	switch {
	case low(zeros[0]) && high(zeros[1]) && high(zeros[2]) && high(zeros[3]):
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), "utf-32le"
	case high(zeros[0]) && high(zeros[1]) && high(zeros[2]) && low(zeros[3]):
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), "utf-32be"
	case low(zeros[0]) && low(zeros[2]) && high(zeros[1]) && high(zeros[3]):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	case high(zeros[0]) && high(zeros[2]) && low(zeros[1]) && low(zeros[3]):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	}
	return nil, ""
}

// utf8Counts returns the number of valid multi-byte UTF-8 sequences and of
// invalid bytes in b. Text in legacy 8-bit or CJK charsets rarely forms
// valid multi-byte sequences, so many invalid bytes per valid sequence
// means "not UTF-8".
func utf8Counts(b []byte) (multi, invalid int) {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			invalid++
		case n > 1:
			multi++
		}
		b = b[n:]
	}
	return multi, invalid
}

// utf8WithCP1252 decodes valid UTF-8 sequences as UTF-8 and every invalid
// byte as its windows-1252 character.
func utf8WithCP1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	dec := charmap.Windows1252
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			sb.WriteRune(dec.DecodeByte(b[0]))
		} else {
			sb.Write(b[:n])
		}
		b = b[n:]
	}
	return sb.String()
}

func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Malformed headers are common; take a charset= parameter if present.
		if m := reCharsetParam.FindStringSubmatch(contentType); m != nil {
			return m[1]
		}
		return ""
	}
	return params["charset"]
}

var (
	reCharsetParam = regexp.MustCompile(`(?i)charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)
	reMetaTag      = regexp.MustCompile(`(?is)<meta\b[^>]*>`)
	reMetaCharset  = regexp.MustCompile(`(?is)\bcharset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)
	reXMLDecl      = regexp.MustCompile(`(?is)^\s*<\?xml[^>]*\bencoding\s*=\s*["']\s*([a-z0-9_.:\-]+)`)
	reHeadEnd      = regexp.MustCompile(`(?i)</head\s*>|<body[\s>]`)
)

// metaCharset finds the first charset declared by a <meta> element before
// </head> (or <body>), or by an XML declaration. Unlike the HTML5 prescan it
// is not limited to the first 1,024 bytes.
func metaCharset(b []byte) string {
	if m := reXMLDecl.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	head := b
	if loc := reHeadEnd.FindIndex(b); loc != nil {
		head = b[:loc[0]]
	} else if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	for _, tag := range reMetaTag.FindAll(head, -1) {
		if m := reMetaCharset.FindSubmatch(tag); m != nil {
			return string(m[1])
		}
	}
	return ""
}

// lookup resolves a charset label with the WHATWG Encoding Standard, then
// the IANA registry (for labels browsers dropped but documents still
// declare, e.g. "IBM855"), then a few common aliases ("MacCyrillic"). It
// returns the encoding with its canonical lower-case name; nil for unknown
// labels and for WHATWG "replacement"/"x-user-defined".
func lookup(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" {
		return nil, ""
	}
	if a, ok := charsetAliases[label]; ok {
		label = a
	}
	switch label { // neither WHATWG nor x/text's IANA index decode UTF-32
	case "utf-32", "utf-32le":
		return utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), "utf-32le"
	case "utf-32be":
		return utf32.UTF32(utf32.BigEndian, utf32.UseBOM), "utf-32be"
	}
	if enc, name := charset.Lookup(label); enc != nil {
		if name == "replacement" || name == "x-user-defined" {
			return nil, ""
		}
		return enc, name
	}
	if enc, err := ianaindex.IANA.Encoding(label); err == nil && enc != nil {
		name, err := ianaindex.IANA.Name(enc)
		if err != nil {
			name = label
		}
		return enc, strings.ToLower(name)
	}
	return nil, ""
}

// charsetAliases maps labels found on real pages that neither WHATWG nor
// IANA know to a label they do.
var charsetAliases = map[string]string{
	"maccyrillic":  "x-mac-cyrillic",
	"mac-cyrillic": "x-mac-cyrillic",
	"cp855":        "ibm855",
	"cp866":        "ibm866",
	"cp1251":       "windows-1251",
	"cp1252":       "windows-1252",
	"win-1251":     "windows-1251",
	"utf8":         "utf-8",
}

// detect asks chardet (ICU's detectors, on the markup-stripped text) for
// the most likely charset and maps it to an encoding. UTF-8 is excluded:
// strict and near-UTF-8 bodies were already handled. Two corrections:
//   - chardet reports Central European text (language cs, hu, pl, ro, hr,
//     sk, sl) as ISO-8859-1/windows-1252; those bytes are
//     ISO-8859-2/windows-1250. The language is trusted only with 32 or
//     more high bytes: on less, chardet's concurrent recognizers tie and
//     which language it reports varies from run to run;
//   - chardet has no Thai detector: unsure results (confidence < 50) on
//     mostly high bytes that read as well-formed Thai in windows-874 (a superset of
//     TIS-620) are Thai;
//   - chardet knows only three Cyrillic charsets; when it names one, or is
//     unsure (confidence < 50) on text that is mostly high bytes, the six
//     Cyrillic charsets are compared by cyrillicScore.
func detect(b []byte) (encoding.Encoding, string) {
	results, err := chardet.NewHtmlDetector().DetectAll(b)
	if err != nil || len(results) == 0 {
		return nil, ""
	}
	// chardet runs its recognizers concurrently and sorts unstably, so
	// equal confidences arrive in any order. Fix one: higher confidence,
	// then fewer undecodable bytes (U+FFFD), then chardet's own recognizer
	// order (detectorOrder), then name.
	sameConf := map[int]int{}
	for _, r := range results {
		sameConf[r.Confidence]++
	}
	bad := make(map[string]int, len(results))
	for _, r := range results {
		if sameConf[r.Confidence] < 2 {
			continue // no tie to break
		}
		if enc, _ := lookup(detectedLabel(r.Charset)); enc != nil {
			bad[r.Charset] = strings.Count(decodeWith(enc, b), "\uFFFD")
		}
	}
	sort.Slice(results, func(i, j int) bool {
		ri, rj := results[i], results[j]
		switch {
		case ri.Confidence != rj.Confidence:
			return ri.Confidence > rj.Confidence
		case bad[ri.Charset] != bad[rj.Charset]:
			return bad[ri.Charset] < bad[rj.Charset]
		case detectorRank(ri.Charset) != detectorRank(rj.Charset):
			return detectorRank(ri.Charset) < detectorRank(rj.Charset)
		case ri.Charset != rj.Charset:
			return ri.Charset < rj.Charset
		}
		return ri.Language < rj.Language
	})
	top := results[0]
	highBytes := 0
	for _, c := range b {
		if c >= 0x80 {
			highBytes++
		}
	}
	if top.Confidence < 50 && highByteShare(b) >= 0.3 && thaiPlausible(b) {
		return lookup("windows-874")
	}
	if cyrillicDetected[top.Charset] || (top.Confidence < 50 && highByteShare(b) >= 0.3) {
		if enc, name := bestCyrillic(b); enc != nil {
			return enc, name
		}
	}
	for _, r := range results {
		label := detectedLabel(r.Charset)
		if latin2Languages[r.Language] && highBytes >= 32 {
			switch label {
			case "ISO-8859-1":
				label = "iso-8859-2"
			case "windows-1252":
				label = "windows-1250"
			}
		}
		enc, name := lookup(label)
		if enc == nil || name == "utf-8" {
			continue
		}
		return enc, name
	}
	return nil, ""
}

// detectorOrder is the order of saintfish/chardet's recognizer list
// (ICU's), used to break ties between equally confident charsets: on a few
// bytes of kana, GB-18030 and EUC-JP both read "ログイン", Big5 does not.
var detectorOrder = []string{
	"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE",
	"ISO-8859-1", "windows-1252", "ISO-8859-2", "windows-1250", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "windows-1253",
	"ISO-8859-8-I", "ISO-8859-8", "windows-1255", "windows-1251", "windows-1256", "KOI8-R", "ISO-8859-9", "windows-1254",
	"Shift_JIS", "GB-18030", "EUC-JP", "EUC-KR", "Big5", "ISO-2022-JP", "ISO-2022-KR", "ISO-2022-CN",
}

func detectorRank(charset string) int {
	for i, c := range detectorOrder {
		if c == charset {
			return i
		}
	}
	return len(detectorOrder)
}

func detectedLabel(charset string) string {
	if l, ok := detectedLabels[charset]; ok {
		return l
	}
	return charset
}

// detectedLabels maps chardet's names to WHATWG labels where they differ.
var detectedLabels = map[string]string{
	"GB-18030":     "gb18030",
	"ISO-8859-8-I": "iso-8859-8-i",
}

// latin2Languages are the ISO 639-1 codes of languages written in
// ISO-8859-2 / windows-1250.
var latin2Languages = map[string]bool{"cs": true, "hu": true, "pl": true, "ro": true, "hr": true, "sk": true, "sl": true}

var cyrillicDetected = map[string]bool{"windows-1251": true, "KOI8-R": true, "ISO-8859-5": true}

// cyrillicCharsets are the single-byte Cyrillic encodings compared by
// bestCyrillic.
var cyrillicCharsets = []string{"windows-1251", "koi8-r", "iso-8859-5", "ibm866", "x-mac-cyrillic", "ibm855"}

// thaiPlausible reports whether b decoded as windows-874 has at least 20
// non-ASCII characters, all Thai, with every combining vowel or tone mark
// (Unicode category Mn) right after a Thai letter or another mark.
func thaiPlausible(b []byte) bool {
	enc, _ := lookup("windows-874")
	prev, n := rune(0), 0
	for _, r := range decodeWith(enc, b) {
		if r < 0x80 {
			prev = r
			continue
		}
		n++
		if r < 0x0E01 || r > 0x0E5B {
			return false
		}
		if gounicode.Is(gounicode.Mn, r) && (prev < 0x0E01 || prev > 0x0E4E) {
			return false
		}
		prev = r
	}
	return n >= 20
}

// westernImplausible reports whether the bytes ≥ 0xC0 of b make whole
// words, as a non-Latin script in a single-byte charset does, rather than
// accents on Latin words: of the words (runs of ASCII letters and bytes
// ≥ 0xC0, the letters of windows-1252, windows-1251 and KOI8-R alike) of
// two letters or more that have such bytes, at least three, and more than
// 60% of them, are three-quarters or more such bytes. French, German or Spanish words
// carry one or two accents ("réunion", "Müller"); Russian in windows-1251
// read as windows-1252 is whole words of them ("Òîêàåâ").
func westernImplausible(b []byte) bool {
	accented, whole := 0, 0
	for i := 0; i < len(b); {
		if !isWordByte(b[i]) {
			i++
			continue
		}
		high, n := 0, 0
		for ; i < len(b) && isWordByte(b[i]); i++ {
			n++
			if b[i] >= 0xC0 {
				high++
			}
		}
		if high == 0 || n < 2 {
			continue // "à" says nothing
		}
		accented++
		if 4*high >= 3*n {
			whole++
		}
	}
	return whole >= 3 && 10*whole > 6*accented
}

// isWordByte reports whether c is an ASCII letter or a byte ≥ 0xC0.
func isWordByte(c byte) bool { return c >= 0xC0 || 'a' <= c|0x20 && c|0x20 <= 'z' }

// highByteShare is the fraction of bytes ≥ 0x80 among non-space bytes
// outside markup-ish ASCII.
func highByteShare(b []byte) float64 {
	high, total := 0, 0
	for _, c := range b {
		if c > ' ' {
			total++
			if c >= 0x80 {
				high++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(high) / float64(total)
}

// bestCyrillic decodes b with each Cyrillic charset and returns the one
// whose text scores best (nil if none reads as Cyrillic).
func bestCyrillic(b []byte) (encoding.Encoding, string) {
	var best encoding.Encoding
	bestName, bestScore := "", -1e9
	for _, label := range cyrillicCharsets {
		enc, name := lookup(label)
		if enc == nil {
			continue
		}
		if sc := cyrillicScore(decodeWith(enc, b)); sc > bestScore {
			best, bestName, bestScore = enc, name, sc
		}
	}
	// An average log-probability below -7 means the high bytes did not read
	// as Russian/Bulgarian letters under any charset.
	if bestScore < -7 {
		return nil, ""
	}
	return best, bestName
}

// cyrillicScore is the mean log-probability of the non-ASCII characters
// of s under Russian letter frequencies (percent, from the national corpus
// counts commonly cited), capital letters at a tenth of their lower-case
// frequency, anything else at 0.001%. A wrong Cyrillic charset yields
// swapped case and implausible letters, so it scores lower.
func cyrillicScore(s string) float64 {
	var sum float64
	n := 0
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		n++
		lower := gounicode.ToLower(r)
		f, ok := russianFreq[lower]
		switch {
		case !ok:
			f = 0.001
		case lower != r:
			f /= 10
		}
		sum += math.Log(f)
	}
	if n == 0 {
		return -1e9
	}
	return sum / float64(n)
}

var russianFreq = map[rune]float64{
	'о': 10.97, 'е': 8.45, 'а': 8.01, 'и': 7.35, 'н': 6.70, 'т': 6.26, 'с': 5.47, 'р': 4.73, 'в': 4.54,
	'л': 4.40, 'к': 3.49, 'м': 3.21, 'д': 2.98, 'п': 2.81, 'у': 2.62, 'я': 2.01, 'ы': 1.90, 'ь': 1.74,
	'г': 1.70, 'з': 1.65, 'б': 1.59, 'ч': 1.44, 'й': 1.21, 'х': 0.97, 'ж': 0.94, 'ш': 0.73, 'ю': 0.64,
	'ц': 0.48, 'щ': 0.36, 'э': 0.32, 'ф': 0.26, 'ъ': 0.04, 'ё': 0.04,
	'«': 0.5, '»': 0.5, '—': 0.5, '–': 0.2, '№': 0.05, '…': 0.05,
}
