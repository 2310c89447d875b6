package screen

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(n Name) string {
	var s []string
	for _, t := range n.Tokens {
		s = append(s, t.Text)
	}
	return strings.Join(s, " ")
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		titles   string
	}{
		{"Andrés Pérez", "andres perez", ""},
		{"VARGAS QUINTERO, Emilio Andres", "vargas quintero emilio andres", ""},
		{"Владимир Путин", "vladimir putin", ""},
		{"Mullah Mohammed Omar", "mohammed omar", "mullah"},
		{"Sheikh Isa bin Tarif Al Bin Ali", "isa bin tarif al bin ali", "sheikh"},
		{"ELSHAFEE EL SHEIKH", "elshafee el sheikh", ""}, // a title word after a particle is a name
		{"Abd al-Rahman", "abd rahman", ""},
		{"Abdulrahman", "abd rahman", ""},
		{"Abdullah", "abdullah", ""},
		{"Open Joint Stock Company Gazprom", "jsc gazprom", ""},
		{"Siemens Aktiengesellschaft", "siemens ag", ""},
		{"State Corporation Rostec", "gk rostec", ""},
		{"A.B.C. Company", "abc corp", ""},
		{"H&M Hennes & Mauritz AB", "hm hennes mauritz ab", ""},
		{"Deutsche Bank's AG", "deutsche bank ag", ""},
		{"O'Neil", "oneil", ""},
		{"Brigade Forty-Four", "brigade 44", ""},
		{"Ig0r Sech1n", "igor sechin", ""},
		{"Vlad\u200bimir Pu\u00adtin Ser\u200dgei Lav\ufeffrov \u202eHamas\u202c", "vladimir putin sergei lavrov hamas", ""}, // format characters
		{"\uff36\uff4c\uff41\uff44 \U0001D40F\U0001D42E\U0001D42D\U0001D422\U0001D427", "vlad putin", ""},                    // full-width, mathematical bold
		{"LLC", "llc", ""},       // only a legal form: compared as written
		{"Mullah", "mullah", ""}, // only a title
		{"", "", ""},
		{"--", "", ""},
	}
	for _, tt := range tests {
		n := Normalize(tt.in)
		if got := texts(n); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := strings.Join(n.Titles, " "); got != tt.titles {
			t.Errorf("Normalize(%q) titles = %q, want %q", tt.in, got, tt.titles)
		}
	}
	if n := Normalize("VARGAS QUINTERO, Emilio Andres"); !n.Comma || !n.Tokens[0].Family || !n.Tokens[1].Family || n.Tokens[2].Family {
		t.Errorf("comma form: %+v", n)
	}
	for _, pair := range [][2]string{{"Mohammed", "Muhammad"}, {"Mohamed", "Mohammad"}, {"Mansour", "Mansur"}, {"Mansoor", "Mansur"}, {"Petroff", "Petrov"}, {"Abdel", "Abdul"}} {
		a, b := Normalize(pair[0]).Tokens[0].Key, Normalize(pair[1]).Tokens[0].Key
		if a != b {
			t.Errorf("keys of %q (%q) and %q (%q) differ", pair[0], a, pair[1], b)
		}
	}
	kinds := map[string]Kind{"llc": KindLegalForm, "the": KindStopword, "group": KindGeneric, "al": KindParticle, "58213": KindNumber, "kira": KindName}
	for _, tok := range Normalize("The KIRA al Group 58213 LLC").Tokens {
		if want, ok := kinds[tok.Text]; ok && tok.Kind != want {
			t.Errorf("%q kind %d, want %d", tok.Text, tok.Kind, want)
		}
	}
}

// FuzzNormalize: any input normalises without panicking into ASCII-lower
// tokens (or, for scripts the transliteration drops, the original letters),
// deterministically, and comparing the name with itself scores 1.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Abdul Latif Mansour", "VARGAS QUINTERO, Emilio Andres", "58213 CORP.", "محمد عمر غلام نبی",
		"高市早苗", "A.B.C.", "", ",", "Mullah", "\xff\xfe", "O'Neil's (Schweiz) AG", "forty four", "H and M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if m := Normalize(s); texts(m) != texts(n) {
			t.Fatalf("not deterministic: %q vs %q", texts(m), texts(n))
		}
		for _, tok := range n.Tokens {
			if tok.Text == "" || !utf8.ValidString(tok.Text) {
				t.Fatalf("bad token %+v from %q", tok, s)
			}
		}
		if len(n.Tokens) == 0 {
			return
		}
		p := prepare(n, true, nil)
		if ns := compareNames(&p, &p, true); ns.score < 0 || ns.score > 1 {
			t.Fatalf("self score %v for %q", ns.score, s)
		}
	})
}

// TestSurnameInCapitals: a surname written first in capitals without a
// comma ("PUTIN Vladimir") is read as a surname, like the comma form; a
// name all in capitals, or capitals of fewer than three letters, is not.
func TestSurnameInCapitals(t *testing.T) {
	tests := []struct {
		in     string
		family string // texts of the tokens marked Family
		comma  bool
	}{
		{"PUTIN Vladimir", "putin", true},
		{"KIM Jong Un", "kim", true},
		{"VARGAS QUINTERO Emilio Andres", "vargas quintero", true},
		{"Vladimir PUTIN", "", false},
		{"ABDUL GHANI BARADAR", "", false},
		{"US Treasury", "", false},
		{"PUTIN, Vladimir", "putin", true},
	}
	for _, tt := range tests {
		n := Normalize(tt.in)
		var fam []string
		for _, tok := range n.Tokens {
			if tok.Family {
				fam = append(fam, tok.Text)
			}
		}
		if got := strings.Join(fam, " "); got != tt.family || n.Comma != tt.comma {
			t.Errorf("Normalize(%q): family %q comma %v, want %q %v", tt.in, got, n.Comma, tt.family, tt.comma)
		}
	}
	h, _ := ScoreDesignation(Query{Name: "PUTIN Vladimir"}, person("p", "Vladimir Vladimirovich PUTIN", "Vladimir PUTIN"), DefaultOptions())
	if h.Decision != DecisionMatch {
		t.Errorf("PUTIN Vladimir: %s %.4f %s", h.Decision, h.Score, h.Explanation)
	}
}

// TestBareName: an organisation's name without its legal forms, or "".
func TestBareName(t *testing.T) {
	for name, want := range map[string]string{
		"PAO SOVCOMFLOT":                             "sovcomflot",
		"JOINT STOCK COMPANY SOVCOMFLOT":             "sovcomflot",
		"ROSNEFT OIL COMPANY PJSC":                   "rosneft oil",
		"LIMITED LIABILITY COMPANY SBERBANK SERVICE": "",
		"HAMAS":                "",
		"OOO":                  "",
		"BANK MELLI IRAN PJSC": "bank melli iran",
	} {
		if got := BareName(name); got != want {
			t.Errorf("BareName(%q) = %q, want %q", name, got, want)
		}
	}
}
