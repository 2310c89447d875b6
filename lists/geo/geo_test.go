package geo

import (
	"reflect"
	"testing"
)

func TestCountry(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"Afghanistan", "AF", true},
		{"afghanistan", "AF", true},
		{"Афганистан", "AF", true},    // ru
		{"افغانستان", "AF", true},     // fa/ps
		{"Ауғанстан", "AF", true},     // kk
		{"Afghan", "AF", true},        // demonym
		{"Kazakh", "KZ", true},        // demonym
		{"Côte d’Ivoire", "CI", true}, // diacritics and apostrophe
		{"Cote d'Ivoire", "CI", true},
		{"Deutschland", "DE", true}, // native name
		{"AFG", "AF", true},         // ISO3 in capitals
		{"KZ", "KZ", true},          // ISO2 in capitals
		{"U.S.", "US", true},
		{"Korea, North", "KP", true}, // OFAC's inverted form
		{"Korea, South", "KR", true},
		{"Congo, Democratic Republic of the", "CD", true},
		{"Gaza Strip", "PS", true},
		{"Narnia, Kingdom of", "", false},
		{"Narnia", "", false},
		{"", "", false},
		{"kz", "", false}, // lower-case codes are words, not codes
	}
	for _, tt := range tests {
		got, ok := Country(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Country(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestName(t *testing.T) {
	if got := Name("AF"); got != "Afghanistan" {
		t.Errorf("Name(AF) = %q", got)
	}
	if got := Name("ZZ"); got != "" {
		t.Errorf("Name(ZZ) = %q, want empty", got)
	}
}

func TestPlace(t *testing.T) {
	for name, want := range map[string]string{"Kabul": "AF", "Almaty": "KZ", "Kandahar": "AF", "Tajikistan": "TJ"} {
		if got, ok := Place(name); !ok || got != want {
			t.Errorf("Place(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if got, ok := Place("Qwertyville"); ok {
		t.Errorf("Place(Qwertyville) = %q, want unknown", got)
	}
}

func TestCountriesIn(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Kazakhstan took the Taliban off its list; Afghan officials in Kabul welcomed it.", []string{"AF", "KZ"}},
		{"Казахстан исключил движение из списка, сообщает Афганистан.", []string{"AF", "KZ"}},
		{"Talks between the United States and the U.S.S.R. ended.", []string{"US"}},
		{"He swam to the island with us.", []string{}},
		// a name inside a longer name does not count
		{"Juba is the capital of South Sudan.", []string{"SS"}},
		{"Troops of the Republic of the Congo and of Equatorial Guinea", []string{"CG", "GQ"}},
		{"the Democratic Republic of the Congo", []string{"CD"}},
		// the UN list's own spellings
		{"Nationality: Democratic People's Republic of Korea", []string{"KP"}},
		{"Korea, Democratic People's Republic of; Republic of Korea", []string{"KP", "KR"}},
		{"DPRK officials", []string{"KP"}},
		{"Iran (Islamic Republic of)", []string{"IR"}},
		// declined Cyrillic names
		{"Вице-премьер России встретился с послом Ирана и министром Беларуси.", []string{"BY", "IR", "RU"}},
		{"Поставки из Германии в Украину", []string{"DE", "UA"}},
		{"Росс сказал", []string{}}, // the stem of Россия with no ending is not a name
		{"министр транспорта РФ Евгений Дитрих", []string{"RU"}},
		{"", []string{}},
	}
	for _, tt := range tests {
		if got := CountriesIn(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("CountriesIn(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"  Côte d’Ivoire ": "cote d ivoire", "ÅLAND": "aland", "---": "", "Ｔｏｋｙｏ": "tokyo"} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Côte d’Ivoire", "Афганистан", "افغانستان", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key not idempotent on %q: %q → %q", s, k, Key(k))
		}
	})
}
