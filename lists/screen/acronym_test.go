package screen

import (
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
)

// rgb is a hand-built copy of UN KPe.031 (../shared/data/lists/un,
// UN_consolidated_2026-02-27.xml): its names, address country and remarks.
func rgb() *lists.Designation {
	return &lists.Designation{Dataset: "un_sc_sanctions", ID: "KPe.031", Schema: lists.SchemaOrganization,
		Name:      "RECONNAISSANCE GENERAL BUREAU",
		Aliases:   []string{"Chongch’al Ch’ongguk", "KPA Unit 586", "RGB"},
		Countries: []string{"Democratic People's Republic of Korea"},
		Remarks: "The Reconnaissance General Bureau is the DPRK's premiere intelligence organization, created in early 2009 " +
			"by the merger of existing intelligence organizations from the Korean Workers' Party, the Operations Department " +
			"and Office 35, and the Reconnaissance Bureau of the Korean People's Army.",
	}
}

const blackFriday = "Black Friday deals: this mechanical keyboard with RGB lighting is 40% off at retailers across the United States."

// TestAcronymAliases: a short acronym name (isAcronym) reaches match only
// with supporting context (a country of the designation, a linked
// organisation, its name in full, or the legal form it is published with);
// otherwise it is review at most, and a longer mention that merely contains
// it scores lower still.
func TestAcronymAliases(t *testing.T) {
	opt := DefaultOptions()
	adf := &lists.Designation{Dataset: "un_sc_sanctions", ID: "CDe.001", Schema: lists.SchemaOrganization, Name: "ADF",
		Aliases: []string{"Allied Democratic Forces", "NALU"}, Countries: []string{"Democratic Republic of the Congo"}}
	pcc := &lists.Designation{Dataset: "us_ofac_sdn", ID: "11625", Schema: lists.SchemaOrganization,
		Name: "PETROCHEMICAL COMMERCIAL COMPANY FZE", Aliases: []string{"PCC FZE"}, Countries: []string{"United Arab Emirates"}}
	weak := &lists.Designation{Dataset: "us_ofac_sdn", ID: "12210", Schema: lists.SchemaOrganization,
		Name: "RECONNAISSANCE GENERAL BUREAU", WeakAliases: []string{"RGB"}, Countries: []string{"North Korea"}}
	hamas := &lists.Designation{Dataset: "us_ofac_sdn", ID: "4695", Schema: lists.SchemaOrganization, Name: "HAMAS"}
	start := &lists.Designation{Dataset: "us_ofac_sdn", ID: "s", Schema: lists.SchemaOrganization, Name: "JOINT STOCK COMPANY START", Countries: []string{"Russia"}}
	sports := &Context{Text: "Start of the season: the club's new coach spoke in Munich."}
	minint := &lists.Designation{Dataset: "us_ofac_sdn", ID: "30976", Schema: lists.SchemaOrganization, Name: "MINISTRY OF INTERIOR", Countries: []string{"Cuba"}}
	tests := []struct {
		name     string
		q        Query
		d        *lists.Designation
		score    float64
		decision string
		explain  string // substring of the explanation
	}{
		{"acronym alone", Query{Name: "RGB"}, rgb(), 0.84, DecisionReview, "acronym alias; no supporting context: review at most"},
		{"acronym on a deals page", Query{Name: "RGB", Context: &Context{Text: blackFriday}}, rgb(), 0.84, DecisionReview, "no supporting context"},
		{"acronym, linked organisation", Query{Name: "RGB", Context: &Context{Organizations: []string{"Korean People's Army"}}}, rgb(), 1, DecisionMatch, "context: Korean People's Army"},
		{"acronym, full name in the document", Query{Name: "RGB", Context: &Context{Text: "The Reconnaissance General Bureau (RGB) was named."}}, rgb(), 1, DecisionMatch, "context: also named RECONNAISSANCE GENERAL BUREAU"},
		{"acronym plus an unrelated word", Query{Name: "RGB lighting"}, rgb(), 0.6667, "", "not in the listed name: Lighting"},
		{"acronym plus an unrelated word, deals page", Query{Name: "RGB lighting", Context: &Context{Text: blackFriday}}, rgb(), 0.6667, "", "acronym alias; no supporting context"},
		{"weak acronym alias stays review with context", Query{Name: "RGB", Context: &Context{Text: "North Korea's RGB."}}, weak, 0.84, DecisionReview, "weak alias: review at most"},
		{"acronym listed name alone", Query{Name: "ADF"}, adf, 0.84, DecisionReview, "acronym name; no supporting context"},
		{"acronym listed name, country in the document", Query{Name: "ADF", Context: &Context{Text: "ADF fighters attacked a village in the Democratic Republic of the Congo."}}, adf, 1, DecisionMatch, "context: Democratic Republic of the Congo"},
		{"acronym listed name, country among places", Query{Name: "ADF", Schema: lists.SchemaOrganization, Context: &Context{Places: []string{"Beni", "Kinshasa"}}}, adf, 1, DecisionMatch, "context: Democratic Republic of the Congo"},
		{"acronym alias, country in the document", Query{Name: "NALU", Context: &Context{Text: "The NALU merged with rebels from Uganda in the Congo."}}, adf, 1, DecisionMatch, "all name words match the strong alias 'NALU'; context: Democratic Republic of the Congo"},
		{"acronym with its legal form", Query{Name: "PCC FZE"}, pcc, 1, DecisionMatch, "all name words match the strong alias 'PCC FZE'"},
		{"acronym without its legal form", Query{Name: "PCC"}, pcc, 0.84, DecisionReview, "acronym alias; no supporting context"},
		{"five letters are a name, not an acronym", Query{Name: "HAMAS"}, hamas, 1, DecisionMatch, "all name words match the listed name 'HAMAS'"},
		{"a company's one word in an article, no context", Query{Name: "Start", Context: sports}, start, 0.84, DecisionReview, "one word of a company's name, without its legal form; no supporting context"},
		{"a company's one word in an article, its country named", Query{Name: "Start", Context: &Context{Text: "Russian missile maker Start said"}}, start, 0.9902, DecisionMatch, "context: Russia"},
		{"a company's one word, a bare name", Query{Name: "Start"}, start, 0.9302, DecisionMatch, "legal form not in the mention: JSC"},
		{"a company's one word that is an ordinary word, only its country named", Query{Name: "Start", CommonWord: true, Context: &Context{Text: "Sanctions on Russia bite. The Start cycling club in Leeds cancelled a race."}},
			start, 0.84, DecisionReview, "one word of a company's name, an ordinary word, without its legal form; nothing in the document but a country supports it"},
		{"a web address in the remarks is no context", Query{Name: "Rosneft", Context: &Context{Text: "The Treasury said.", Organizations: []string{"Treasury"}}},
			&lists.Designation{Dataset: "us_ofac_sdn", ID: "18299", Schema: lists.SchemaOrganization, Name: "ROSNEFT TRADING S.A.",
				Remarks: "For more information on directives, please visit the following link: http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives."},
			0.8333, DecisionReview, "one word of a company's name, without its legal form; no supporting context"},
		{"a one-word organisation in an article", Query{Name: "Hamas", Context: sports}, hamas, 1, DecisionMatch, ""},
		{"a state body's generic name in an article", Query{Name: "Interior Ministry", Context: &Context{Text: "Austria's Interior Ministry said on Monday."}}, minint, 0.84, DecisionReview, "a state body's generic name; no supporting context"},
		{"a state body's generic name, its country named", Query{Name: "Interior Ministry", Context: &Context{Text: "Cuba's Interior Ministry said on Monday."}}, minint, 1, DecisionMatch, "context: Cuba"},
	}
	for _, tt := range tests {
		h, ok := ScoreDesignation(tt.q, tt.d, opt)
		if !ok || h.Score != tt.score || h.Decision != tt.decision || !strings.Contains(h.Explanation, tt.explain) {
			t.Errorf("%s: %q vs %s = %.4f %q (%s), want %.4f %q with %q", tt.name, tt.q.Name, tt.d.ID, h.Score, h.Decision, h.Explanation, tt.score, tt.decision, tt.explain)
		}
	}
	// a Latin word is not compared with a name in Arabic letters, whose
	// transliteration has no short vowels: "LCD" is not القاعدة (lqd)
	qaida := &lists.Designation{Dataset: "un_sc_sanctions", ID: "QDe.004", Schema: lists.SchemaOrganization, Name: "AL-QAIDA", Aliases: []string{"القاعدة", "Al Qaeda"}}
	if h, ok := ScoreDesignation(Query{Name: "LCD"}, qaida, opt); ok && h.Score > 0 {
		t.Errorf("LCD vs AL-QAIDA = %.4f (%s), want no alignment", h.Score, h.Explanation)
	}
	for _, q := range []string{"القاعدة", "al-Qaeda"} {
		if h, _ := ScoreDesignation(Query{Name: q}, qaida, opt); h.Decision != DecisionMatch {
			t.Errorf("%s vs AL-QAIDA: %s %.4f %s", q, h.Decision, h.Score, h.Explanation)
		}
	}
	// an acronym's letters are not a spelling: PKK is not PCC, whatever the romanisation
	if h, ok := ScoreDesignation(Query{Name: "PKK"}, pcc, opt); ok && h.Score > 0 {
		t.Errorf("PKK vs PCC FZE = %.4f (%s), want no alignment", h.Score, h.Explanation)
	}
}

// TestAcronymScreen runs the deals-page case through the index: "RGB" is a
// review hit, "RGB lighting" none, and "RGB" in a text about North Korea a
// match.
func TestAcronymScreen(t *testing.T) {
	ix := NewIndex([]*lists.Dataset{{Name: "un_sc_sanctions", Designations: []*lists.Designation{rgb()}}}, DefaultOptions())
	deals := &Context{Text: blackFriday, Places: []string{"United States"}}
	korea := &Context{Text: "Seoul blamed North Korea's RGB for the attack.", Places: []string{"Seoul", "North Korea"}}
	tests := []struct {
		q    Query
		want string // decision of the one hit, "" for no hit
	}{
		{Query{Name: "RGB", Context: deals}, DecisionReview},
		{Query{Name: "RGB lighting", Context: deals}, ""},
		{Query{Name: "RGB", Schema: lists.SchemaOrganization, Context: korea}, DecisionMatch},
	}
	for _, tt := range tests {
		hits := ix.Screen(tt.q)
		switch {
		case tt.want == "" && len(hits) > 0:
			t.Errorf("%q: want no hits, got %s", tt.q.Name, describe(hits))
		case tt.want != "" && (len(hits) != 1 || hits[0].Decision != tt.want):
			t.Errorf("%q: want one %s hit, got %s", tt.q.Name, tt.want, describe(hits))
		}
	}
}

func TestIsAcronym(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"RGB", true}, {"KCNA", true}, {"LTTE", true}, {"T.D.G.", true}, {"PCC FZE", true}, {"AA", true},
		{"HAMAS", false},        // five letters
		{"Rgb", false},          // not published in capitals
		{"M23", false},          // a digit
		{"A", false},            // one letter
		{"RGB LIGHTING", false}, // two name words
		{"KPA Unit 586", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isAcronym(Normalize(tt.name)); got != tt.want {
			t.Errorf("isAcronym(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestOtherCountries: in an article that names countries, none of them a
// country of the designation, a name without other support is review at
// most (Postbank in a German story is not POST BANK OF IRAN, Ibrahim Idris
// in a Nigerian one not a Syrian); naming its country, or no country at
// all, leaves it a match, and so does a person named in full (namedInFull).
func TestOtherCountries(t *testing.T) {
	opt := DefaultOptions()
	bank := &lists.Designation{Dataset: "us_ofac_sdn", ID: "29500", Schema: lists.SchemaOrganization,
		Name: "POST BANK OF IRAN", Aliases: []string{"POSTBANK"}, Countries: []string{"Iran"}}
	person := &lists.Designation{Dataset: "un_sc_sanctions", ID: "TAi.024", Schema: lists.SchemaPerson,
		Name: "ABDUL GHANI BARADAR", Nationalities: []string{"Afghanistan"}}
	atlas := &lists.Designation{Dataset: "us_ofac_sdn", ID: "28527", Schema: lists.SchemaOrganization, Name: "ATLAS HOLDING", Countries: []string{"Lebanon"}}
	brazil := &Context{Text: "Atlas Holding, a logistics group based in Brazil, said Atlas would hire."}
	syrian := &lists.Designation{Dataset: "us_ofac_sdn", ID: "i", Schema: lists.SchemaPerson, Name: "Ibrahim IDRIS", Nationalities: []string{"Syria"}}
	tests := []struct {
		name     string
		q        Query
		d        *lists.Designation
		decision string
		explain  string
	}{
		{"other countries named", Query{Name: "Postbank", Context: &Context{Text: "Postbank raised its fees, customers in Germany and Austria said."}}, bank, DecisionReview,
			"the document names Austria, Germany, not the designation's Iran; no supporting context: review at most"},
		{"its country named", Query{Name: "Postbank", Context: &Context{Text: "Postbank moved funds out of Iran and Austria."}}, bank, DecisionMatch, "context: Iran"},
		{"no country named", Query{Name: "Postbank", Context: &Context{Text: "Postbank raised its fees."}}, bank, DecisionMatch, "all name words match the strong alias 'POSTBANK'"},
		{"a bare name", Query{Name: "Postbank"}, bank, DecisionMatch, "all name words match the strong alias 'POSTBANK'"},
		{"the full name in another country's story", Query{Name: "Atlas Holding", Context: brazil}, atlas, DecisionReview, "the document names Brazil, not the designation's Lebanon"},
		{"one word, the full name beside it, another country", Query{Name: "Atlas", Context: brazil}, atlas, DecisionReview, "also named ATLAS HOLDING; the document names Brazil"},
		{"the full name, its country named", Query{Name: "Atlas Holding", Context: &Context{Text: "Atlas Holding of Beirut, Lebanon."}}, atlas, DecisionMatch, "context: Lebanon"},
		{"a person's exact name of three words", Query{Name: "Abdul Ghani Baradar", Context: &Context{Text: "Abdul Ghani Baradar met envoys in Qatar."}}, person, DecisionMatch, "all name parts match"},
		{"a person's exact name of two words", Query{Name: "Ibrahim Idris", Context: &Context{Text: "Nigeria's police chief Ibrahim Idris said."}}, syrian, DecisionReview,
			"the document names Nigeria, not the designation's Syria; no supporting context: review at most"},
		{"only a place of birth known", Query{Name: "Viktor Bout", Context: &Context{Text: "The Russian arms dealer Viktor Bout was arrested in Thailand."}},
			&lists.Designation{Dataset: "us_ofac_sdn", ID: "8279", Schema: lists.SchemaPerson, Name: "Viktor Anatolijevitch BOUT", BirthPlaces: []string{"Dushanbe, Tajikistan"}},
			DecisionMatch, "not in the mention: Anatolijevitch"},
		{"a person, the country named", Query{Name: "Ibrahim Idris", Context: &Context{Text: "Ibrahim Idris, a Syrian officer in Damascus, Syria."}}, syrian, DecisionMatch, "context: Syria"},
		{"given name and surname, only the patronymic missing", Query{Name: "Vladimir Putin", Context: &Context{Text: "Vladimir Putin arrived in Beijing for talks with China's leaders."}},
			&lists.Designation{Dataset: "us_ofac_sdn", ID: "35096", Schema: lists.SchemaPerson, Name: "Vladimir Vladimirovich PUTIN", Nationalities: []string{"Russia"}}, DecisionMatch, "not in the mention: Vladimirovich"},
		{"a similar part is not in full", Query{Name: "Vladimir Pudin", Context: &Context{Text: "Vladimir Pudin runs a bakery in Beijing, China."}},
			&lists.Designation{Dataset: "us_ofac_sdn", ID: "35096", Schema: lists.SchemaPerson, Name: "Vladimir Vladimirovich PUTIN", Nationalities: []string{"Russia"}}, DecisionReview, "review at most"},
		{"three name parts, exact, another country", Query{Name: "Kim Jong-un", Context: &Context{Text: "Kim Jong-un met officials in Vladivostok; reporters came from Germany and France."}},
			&lists.Designation{Dataset: "us_ofac_sdn", ID: "20157", Schema: lists.SchemaPerson, Name: "Jong Un KIM", Nationalities: []string{"Korea, North"}}, DecisionMatch, "all name parts match"},
		{"OFAC's inverted country name", Query{Name: "Kim Chol", Context: &Context{Text: "Kim Chol sells dumplings in Osaka, Japan."}},
			&lists.Designation{Dataset: "us_ofac_sdn", ID: "17614", Schema: lists.SchemaPerson, Name: "Chol KIM", Nationalities: []string{"Korea, North"}}, DecisionReview,
			"the document names Japan, not the designation's North Korea"},
	}
	for _, tt := range tests {
		h, ok := ScoreDesignation(tt.q, tt.d, opt)
		if !ok || h.Decision != tt.decision || !strings.Contains(h.Explanation, tt.explain) {
			t.Errorf("%s: %q vs %s = %.4f %q (%s), want %q with %q", tt.name, tt.q.Name, tt.d.ID, h.Score, h.Decision, h.Explanation, tt.decision, tt.explain)
		}
	}
}

// TestOrganisationWordFar: in an article, an organisation's name word that
// matches only a word differing in a third of its letters or more holds the
// candidate at review; a bare name (possibly mistyped) and a spelling
// variant (Taiba ~ TAYYIBA) still match.
func TestOrganisationWordFar(t *testing.T) {
	opt := DefaultOptions()
	aqsa := &lists.Designation{Dataset: "us_ofac_sdn", ID: "7641", Schema: lists.SchemaOrganization, Name: "AL-AQSA", Aliases: []string{"AQSSA SOCIETY"}}
	let := &lists.Designation{Dataset: "un_sc_sanctions", ID: "QDe.118", Schema: lists.SchemaOrganization, Name: "LASHKAR-E-TAYYIBA"}
	story := &Context{Text: "The Asia Society hosted a debate."}
	for _, tt := range []struct {
		q        Query
		d        *lists.Designation
		decision string
		explain  string
	}{
		{Query{Name: "Asia Society", Context: story}, aqsa, DecisionReview, "a name word is only similar: review at most"},
		{Query{Name: "Asia Society"}, aqsa, DecisionMatch, "(Asia ~ Aqssa)"},
		{Query{Name: "Lashkar-e-Taiba", Context: &Context{Text: "Lashkar-e-Taiba claimed the attack."}}, let, DecisionMatch, "all name words match"},
	} {
		h, ok := ScoreDesignation(tt.q, tt.d, opt)
		if !ok || h.Decision != tt.decision || !strings.Contains(h.Explanation, tt.explain) {
			t.Errorf("%q (context %v) vs %s = %.4f %q (%s), want %q with %q", tt.q.Name, tt.q.Context != nil, tt.d.ID, h.Score, h.Decision, h.Explanation, tt.decision, tt.explain)
		}
	}
}

// TestBracketAcronym: an acronym in brackets ending a listed name is an
// alias when its letters are initials of the name's words; an acronym alias
// of three letters matches an article's word in lower case only where the
// document supports the designation.
func TestBracketAcronym(t *testing.T) {
	for _, tt := range []struct {
		acronym, name string
		want          bool
	}{
		{"JNIM", "JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN", true},
		{"AQAP", "AL-QAIDA IN THE ARABIAN PENINSULA", true},
		{"USA", "RUNNING BROOK, LLC", false},
		{"HQN", "HAQQANI NETWORK", false},
		{"", "HAQQANI NETWORK", false},
	} {
		if got := initialsOf(tt.acronym, tt.name); got != tt.want {
			t.Errorf("initialsOf(%q, %q) = %v, want %v", tt.acronym, tt.name, got, tt.want)
		}
	}
	ix := NewIndex([]*lists.Dataset{{Name: "un", Designations: []*lists.Designation{
		{Dataset: "un", ID: "QDe.159", Schema: lists.SchemaOrganization, Name: "JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN (JNIM)", Countries: []string{"Mali"}},
		{Dataset: "un", ID: "QDe.150", Schema: lists.SchemaOrganization, Name: "MUJAHIDIN INDONESIAN TIMUR (MIT)", Countries: []string{"Indonesia"}},
		{Dataset: "un", ID: "QDe.115", Schema: lists.SchemaOrganization, Name: "ISLAMIC STATE IN IRAQ AND THE LEVANT", Aliases: []string{"ISIS", "DAESH"}},
	}}}, DefaultOptions())
	for _, tt := range []struct {
		name, text, want string
	}{
		{"JNIM", "JNIM fighters attacked a convoy in Mali.", "QDe.159 match"},
		{"Mit", "Mit dem Zug fuhren wir nach Berlin.", ""},
		{"Jnim", "Jnim fighters attacked a convoy in Mali.", "QDe.159 match"},
		{"Isis", "Isis claimed the attack on the concert hall.", "QDe.115 review"},
		{"Isis", "Isis, also known as Daesh, claimed the attack.", "QDe.115 match"},
	} {
		got := ""
		for _, h := range ix.Screen(Query{Name: tt.name, Schema: lists.SchemaOrganization, Context: &Context{Text: tt.text}}) {
			got = h.Designation.ID + " " + h.Decision
		}
		if got != tt.want {
			t.Errorf("%q in %q: %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}
