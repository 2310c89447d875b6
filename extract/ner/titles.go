package ner

import "strings"

// titleWords are honorifics and offices that precede a person's name and are
// recorded in Mention.Title, not in the name (issue 4, case C11). Lower case,
// without a final period.
var titleWords = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "professor": true,
	"president": true, "pres": true, "pm": true, "premier": true, "chancellor": true, "minister": true,
	"senator": true, "sen": true, "gov": true, "governor": true, "mayor": true, "king": true, "queen": true,
	"prince": true, "princess": true, "sheikh": true, "shaikh": true, "sheik": true, "mullah": true,
	"mulla": true, "maulvi": true, "mawlawi": true, "maulavi": true, "maulana": true, "mufti": true,
	"imam": true, "ayatollah": true, "haji": true, "hajji": true, "qari": true, "emir": true, "amir": true,
	"sultan": true, "gen": true, "general": true, "col": true, "colonel": true, "lt": true,
	"lieutenant": true, "capt": true, "captain": true, "maj": true, "major": true, "sgt": true,
	"sergeant": true, "adm": true, "admiral": true, "cmdr": true, "commander": true, "marshal": true,
	"judge": true, "justice": true, "rev": true, "reverend": true, "pope": true, "cardinal": true,
	"bishop": true, "archbishop": true, "rabbi": true, "sir": true, "dame": true, "lord": true,
	"lady": true, "ambassador": true, "secretary": true, "chairman": true, "chairwoman": true,
	"vice-president": true, "secretary-general": true, "speaker": true, "rep": true, "hon": true,
}

// isTitleWord reports whether w is an honorific or office ("Dr", "Gen.").
func isTitleWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	if len(w) < 2 {
		return false
	}
	return titleWords[strings.ToLower(w)]
}

// nameParticles are lower-case name parts that stay inside a person's name
// ("Piet de Wit", "Ludwig van der Rohe", "Osama bin Laden").
var nameParticles = map[string]bool{
	"de": true, "da": true, "di": true, "du": true, "del": true, "della": true, "der": true, "den": true,
	"van": true, "von": true, "la": true, "le": true, "al": true, "el": true, "bin": true, "ibn": true,
	"bint": true, "ben": true, "abu": true, "dos": true, "das": true, "do": true, "ter": true, "ten": true,
}

// demonymWords are nationality adjectives not derivable from a place name
// by suffix rules (see demonyms).
var demonymWords = []string{
	"french", "dutch", "british", "english", "chinese", "japanese", "turkish", "swiss", "greek", "welsh",
	"scottish", "irish", "spanish", "thai", "filipino", "arab", "kurdish", "pashtun", "baloch", "uyghur",
	"uighur", "tatar", "chechen", "kyrgyz", "turkmen", "persian", "soviet", "european", "african", "asian",
	"danish", "swedish", "finnish", "polish", "norwegian", "czech", "slovak", "portuguese", "vietnamese",
	"lebanese", "sudanese", "burmese", "nepalese", "yemeni", "saudi", "emirati", "qatari", "omani", "bahraini",
	"kuwaiti", "iraqi", "israeli", "palestinian", "afghan", "kazakh", "uzbek", "tajik", "pakistani", "bangladeshi",
	"belarusian", "ukrainian", "russian", "american", "canadian", "mexican", "brazilian", "argentine",
	"argentinian", "chilean", "peruvian", "colombian", "venezuelan", "cuban", "korean", "taiwanese",
	"malaysian", "indonesian", "singaporean", "australian", "egyptian", "libyan", "tunisian", "algerian",
	"moroccan", "nigerian", "kenyan", "ethiopian", "somali", "syrian", "jordanian", "iranian", "indian",
	"german", "italian", "austrian", "belgian", "hungarian", "romanian", "bulgarian", "serbian", "croatian",
	"bosnian", "albanian", "georgian", "armenian", "azerbaijani", "azeri", "mongolian", "latin", "nordic",
	"balkan", "caucasian", "slavic", "hispanic",
}

// demonyms returns the set of nationality adjectives: the list above plus
// forms derived from one-word place names ("Kazakhstan" → "kazakh",
// "Syria" → "syrian"), minus words that are themselves places.
func demonyms(places map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, d := range demonymWords {
		out[d] = true
	}
	for p := range places {
		if strings.Contains(p, " ") || len(p) < 4 {
			continue
		}
		out[p+"n"] = true
		out[p+"an"] = true
		out[p+"ian"] = true
		out[p+"i"] = true
		out[p+"ese"] = true
		if stem, ok := strings.CutSuffix(p, "stan"); ok && len(stem) >= 4 {
			out[stem] = true
		}
		if last := p[len(p)-1]; last == 'a' || last == 'y' || last == 'e' || last == 'o' {
			stem := p[:len(p)-1]
			out[stem+"an"] = true
			out[stem+"ian"] = true
			out[stem+"ese"] = true
		}
	}
	for p := range places {
		delete(out, p)
	}
	return out
}
