package geo

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key is the lookup form of a place name: NFKC, lower case, Latin/Greek/Cyrillic
// diacritics and Arabic vowel marks removed (the script itself is kept, so
// "Афганистан" and "افغانستان" stay distinct keys), every run of characters that
// are neither letters, marks nor digits turned into one space, trimmed.
// "Côte d’Ivoire" → "cote d ivoire". Bytes that are not UTF-8 separate
// words like punctuation (x/text/unicode/norm may leave the letter after
// one undecomposed: "\xf6Ί" kept its accent, found by FuzzKey). Key never fails; it returns "" when the name has no letters
// or digits, and Key(Key(s)) == Key(s).
func Key(name string) string {
	name = strings.ToValidUTF8(name, " ")
	s := norm.NFD.String(norm.NFKC.String(name))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0x300 && r <= 0x36f, r >= 0x64b && r <= 0x65f, r == 0x670, r == 0x640:
			// combining diacritics, Arabic harakat, superscript alef, tatweel
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return norm.NFC.String(b.String())
}
