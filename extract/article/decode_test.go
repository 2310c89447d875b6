package article

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecode(t *testing.T) {
	cp1251, _ := charmap.Windows1251.NewEncoder().String("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><title>Порт</title></head><body><p>Следователи проверяют перевалку топлива в порту.</p></body></html>")
	koi8, _ := charmap.KOI8R.NewEncoder().String("<p>Следователи проверяют перевалку топлива в порту, сообщила пресс-служба.</p>")
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("<html><head><meta charset=\"shift_jis\"></head><body><p>港湾事業者が調査を受けている。</p></body></html>")
	iso2022, _ := japanese.ISO2022JP.NewEncoder().String("<p>港湾事業者が調査を受けている。</p>")
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("<p>Zürich — naïve</p>")
	utf16beNoBOM, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String("<html><body><p>Zürich and more ASCII text here</p></body></html>")
	latin1Label, _ := charmap.Windows1251.NewEncoder().String("<html><head><meta charset=\"iso-8859-1\"><title>N</title></head><body><p>Токаев заявил о Талибане.</p></body></html>")
	koi8Label1252, _ := charmap.KOI8R.NewEncoder().String("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>Следователи проверяют перевалку топлива в порту.</p>")
	lateMeta := "<html><head>" + strings.Repeat("<!-- padding -->", 100) + "<meta charset=\"windows-1252\"></head><body><p>caf\xe9 cr\xe8me br\xfbl\xe9e</p></body></html>"

	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantEnc     string
		wantSource  string
		contains    string
	}{
		{"utf-8 with BOM", []byte("\xef\xbb\xbf<p>Jörg</p>"), "", "utf-8", "bom", "<p>Jörg</p>"},
		{"utf-16le BOM", []byte(utf16le), "text/html; charset=iso-8859-1", "utf-16le", "bom", "Zürich — naïve"},
		{"utf-16be without BOM", []byte(utf16beNoBOM), "", "utf-16be", "zero-pattern", "Zürich and more"},
		{"valid utf-8 beats latin-1 header (C07)", []byte("<p>Jörg Åberg’s — fine</p>"), "text/html; charset=ISO-8859-1", "utf-8", "utf-8", "Jörg Åberg’s — fine"},
		{"valid utf-8 beats wrong meta", []byte("<meta charset=\"windows-1251\"><p>Jörg Åberg</p>"), "", "utf-8", "utf-8", "Jörg Åberg"},
		{"header charset", []byte("<p>caf\xe9</p>"), "text/html; charset=iso-8859-15", "iso-8859-15", "header", "café"},
		{"header beats meta", []byte("<meta charset=\"koi8-r\"><p>caf\xe9</p>"), "text/html; charset=windows-1252", "windows-1252", "header", "café"},
		{"meta http-equiv only", []byte(cp1251), "", "windows-1251", "meta", "Следователи проверяют"},
		{"meta after 1024 bytes", []byte(lateMeta), "", "windows-1252", "meta", "café crème brûlée"},
		{"cyrillic labelled latin-1", []byte(latin1Label), "", "windows-1251", "mislabelled", "Токаев заявил о Талибане"},
		{"koi8-r labelled windows-1252", []byte(koi8Label1252), "", "koi8-r", "mislabelled", "Следователи проверяют"},
		{"western labelled latin-1, accents kept", []byte("<meta charset=\"iso-8859-1\"><p>\xe0 Paris, \xe0 Lyon, \xe0 Nice, \xe0 Metz, o\xf9 \xa9 2024 \xab Caf\xe9 \xbb</p>"), "", "windows-1252", "meta", "à Paris, à Lyon, à Nice, à Metz, où © 2024 « Café »"},
		{"xml declaration", []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><p>\xb3\xf3d\xbc</p>"), "", "iso-8859-2", "meta", "łódź"},
		{"IANA-only label", []byte("<?xml version=\"1.0\" encoding=\"IBM855\"?><p>\xd6\xd8</p>"), "", "ibm855", "meta", "<p>"},
		{"stray cp1252 bytes in declared utf-8", []byte("<meta charset=\"utf-8\"><p>na\xc3\xafve \xc3\xa9tude, the editor\x92s note \x96 added later</p>"), "", "utf-8", "meta", "naïve étude, the editor’s note – added"},
		{"mostly utf-8, undeclared", []byte("<p>" + strings.Repeat("Zürich ", 20) + "it\x92s</p>"), "", "utf-8", "utf-8-mostly", "Zürich Zürich it’s"},
		{"koi8-r undeclared", []byte(koi8), "", "koi8-r", "detected", "Следователи"},
		{"shift_jis meta", []byte(sjis), "", "shift_jis", "meta", "港湾事業者"},
		{"iso-2022-jp escapes are not UTF-8", []byte(iso2022), "", "iso-2022-jp", "detected", "港湾事業者"},
		{"invisible characters removed, script joiners kept", []byte("<p>Vlad\u200bimir Pu\u00adtin, Ser\u200dgei Lav\ufeffrov, \u202eHamas\u202c, \u0646\u0627\u0645\u0647\u200c\u0647\u0627, \U0001F468\u200d\U0001F469</p>"), "", "utf-8", "utf-8",
			"Vladimir Putin, Sergei Lavrov, Hamas, \u0646\u0627\u0645\u0647\u200c\u0647\u0627, \U0001F468\u200d\U0001F469"},
		{"soft hyphen removed, NFC", []byte("<p>Bu\u00adsiness Zu\u0308rich</p>"), "", "utf-8", "utf-8", "Business Zürich"},
		{"empty", nil, "", "utf-8", "utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decode(tt.body, tt.contentType)
			if d.Encoding != tt.wantEnc || d.Source != tt.wantSource || !strings.Contains(d.Text, tt.contains) {
				t.Errorf("Decode = %q (%s via %s), want %s via %s containing %q", d.Text, d.Encoding, d.Source, tt.wantEnc, tt.wantSource, tt.contains)
			}
			if strings.ContainsRune(d.Text, utf8.RuneError) {
				t.Errorf("U+FFFD in %q", d.Text)
			}
		})
	}
}

// TestCharsetsShared decodes every page of ../shared/data/html whose true
// encoding is known (CHARSETS.tsv, chardet-encoding-samples,
// encoding-fixtures-go) and requires the true characters.
func TestCharsetsShared(t *testing.T) {
	dir := sharedDir(t, "data/html")
	cases, err := EvalCharsets(dir)
	if err != nil {
		t.Fatal(err)
	}
	// knownWrong: a plain-text IOKit dump in Mac OS Roman without any
	// declaration, indistinguishable from windows-1252 for ICU's detector.
	knownWrong := map[string]bool{"chardet-encoding-samples/tests/MacRoman/ioreg_output.txt": true}
	scored := 0
	for _, c := range cases {
		if c.Skipped != "" {
			continue
		}
		scored++
		if !c.OK && !knownWrong[c.Path] {
			t.Errorf("%s: decoded as %s, want %s", c.Path, c.Got, c.Want)
		}
	}
	if scored < 1200 {
		t.Errorf("only %d charset cases scored; data set incomplete?", scored)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("<meta charset=\"windows-1251\"><p>\xcf\xee\xf0\xf2</p>"), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html; charset=utf-8")
	f.Add([]byte("<p>Jörg — \x92</p>"), "text/html; charset=ISO-8859-1")
	f.Add([]byte("\x1b$B9A\x1b(B"), "")
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"IBM855\"?>"), "text/html; charset=\"bogus")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		d := Decode(body, contentType)
		if !utf8.ValidString(d.Text) {
			t.Fatalf("invalid UTF-8 out of Decode(%q)", body)
		}
		if d.Encoding == "" || d.Source == "" {
			t.Fatalf("no encoding/source for %q: %+v", body, d)
		}
		if again := Decode(bytes.Clone(body), contentType); again != d {
			t.Fatalf("Decode not deterministic on %q", body)
		}
	})
}

// TestHasInvisible: the byte scan finds exactly the runes invisibleChar
// names, whatever surrounds them.
func TestHasInvisible(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		s := "a—" + string(r) + "’b"
		if got, want := hasInvisible(s), strings.ContainsFunc(s, invisibleChar); got != want {
			t.Fatalf("%U: hasInvisible = %v, want %v", r, got, want)
		}
	}
}
