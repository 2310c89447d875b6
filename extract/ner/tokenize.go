package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of a text with its position.
//
// Start and End are code-point offsets into the text (End exclusive);
// ByteStart and ByteEnd are the same span in bytes. NewlineBefore counts the
// line breaks in the whitespace before the token.
type Token struct {
	Text          string
	Start, End    int
	ByteStart     int
	ByteEnd       int
	NewlineBefore int
}

// abbreviations are words that keep their final period as part of the token
// (and do not end a sentence). Lower case, without the period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "maj": true, "adm": true, "gov": true, "sen": true, "rep": true, "rev": true,
	"st": true, "jr": true, "sr": true, "mt": true, "ltd": true, "inc": true, "corp": true, "co": true,
	"bros": true, "vs": true, "etc": true, "pres": true, "cmdr": true, "hon": true, "supt": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "dept": true, "approx": true,
	"plc": true, "llc": true, "jsc": true, "ave": true, "blvd": true, "univ": true, "assn": true,
}

// isApostrophe reports whether r is an apostrophe or right single quote.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// isWordRune reports whether r can be part of a word token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// isHyphen reports whether r joins word parts ("Kassym-Jomart", "al-Nouri").
func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// Tokenize splits text into tokens: words (with inner hyphens, inner
// apostrophes as in "O'Brien", initialisms "U.S." and known abbreviations
// "Ltd."), numbers ("1,000.5"), the possessive "'s" as its own token, and
// every other non-space character as a one-character token, so quotes and
// brackets never stick to a word (case C10). Offsets are code points.
// Invalid UTF-8 bytes become one-character tokens of U+FFFD width 1.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	runeIdx := 0
	newlines := 0
	i := 0
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if r == '\n' {
				newlines++
			}
			i += sz
			runeIdx++
			continue
		}
		startB, startR := i, runeIdx
		if isWordRune(r) {
			j, n := scanWord(text, i)
			i = j
			runeIdx += n
		} else {
			i += sz
			runeIdx++
			// Possessive 's after a word: "’s" followed by a non-letter.
			if isApostrophe(r) && len(toks) > 0 && toks[len(toks)-1].ByteEnd == startB && i < len(text) {
				r2, sz2 := utf8.DecodeRuneInString(text[i:])
				if (r2 == 's' || r2 == 'S') && !nextIsWordRune(text, i+sz2) {
					i += sz2
					runeIdx++
				}
			}
		}
		toks = append(toks, Token{Text: text[startB:i], Start: startR, End: runeIdx, ByteStart: startB, ByteEnd: i, NewlineBefore: newlines})
		newlines = 0
	}
	return toks
}

func nextIsWordRune(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// scanWord scans a word starting at byte i and returns the end byte and the
// number of runes consumed.
func scanWord(text string, i int) (int, int) {
	n := 0
	start := i
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			i += sz
			n++
			continue
		}
		// Joiners: hyphen, apostrophe, period, comma between word runes.
		if i+sz < len(text) {
			r2, _ := utf8.DecodeRuneInString(text[i+sz:])
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			switch {
			case isHyphen(r) && isWordRune(r2):
				i += sz
				n++
				continue
			case isApostrophe(r) && unicode.IsLetter(r2) && unicode.IsLetter(prev) && !possessiveAt(text, i+sz):
				i += sz
				n++
				continue
			case (r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(r2):
				i += sz
				n++
				continue
			case r == '.' && unicode.IsLetter(r2) && isInitialism(text[start:i]):
				i += sz
				n++
				continue
			}
		}
		if r == '.' {
			w := text[start:i]
			if abbreviations[strings.ToLower(w)] || isInitialism(w) {
				i += sz
				n++
			}
		}
		break
	}
	return i, n
}

// possessiveAt reports whether text[i:] starts with "s" followed by a
// non-word rune (so the apostrophe before it is a possessive).
func possessiveAt(text string, i int) bool {
	if i >= len(text) || (text[i] != 's' && text[i] != 'S') {
		return false
	}
	return !nextIsWordRune(text, i+1)
}

// isInitialism reports whether w looks like "U", "U.S" or "U.S.A": single
// letters separated by periods.
func isInitialism(w string) bool {
	letters := 0
	expectLetter := true
	for _, r := range w {
		if expectLetter {
			if !unicode.IsLetter(r) {
				return false
			}
			letters++
		} else if r != '.' {
			return false
		}
		expectLetter = !expectLetter
	}
	return letters >= 1 && !expectLetter && (letters > 1 || unicode.IsUpper([]rune(w)[0]))
}

// Sentences splits tokens into sentences and returns the index of the first
// token of each sentence. A sentence ends after ".", "!", "?" or "…"
// (with any closing quotes or brackets) when the next token starts a new
// sentence (not lower case), at a blank line, and at a single line break
// after sentence-final punctuation; a line break inside a sentence (a hard
// wrap) does not split it. A token ending in an abbreviation period never
// ends a sentence.
func Sentences(toks []Token) []int {
	if len(toks) == 0 {
		return nil
	}
	starts := []int{0}
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if t.NewlineBefore >= 2 {
			starts = append(starts, i)
			continue
		}
		// Find the last non-closing token before i.
		j := i - 1
		for j > starts[len(starts)-1] && isClosing(toks[j].Text) {
			j--
		}
		if !isTerminal(toks[j].Text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if t.NewlineBefore == 1 || !unicode.IsLower(r) {
			if isClosing(t.Text) {
				continue
			}
			starts = append(starts, i)
		}
	}
	return starts
}

func isTerminal(s string) bool { return s == "." || s == "!" || s == "?" || s == "…" }

func isClosing(s string) bool {
	switch s {
	case "\"", "'", "’", "”", ")", "]", "»", "}":
		return true
	}
	return false
}
