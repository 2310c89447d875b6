package ner

import "slices"

// outletNames are news agencies and outlets that a news article cites by
// name, often in a form the model misses ("The Diplomat", "Kazinform"). They
// are labelled ORG where they appear capitalised; an entry starting with
// "The" needs the article.
var outletNames = []string{
	"Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "BBC", "CNN", "Al Jazeera",
	"Bloomberg", "TASS", "Interfax", "RIA Novosti", "Xinhua", "Kyodo", "Yonhap", "Anadolu", "Kazinform",
	"Tengrinews", "Eurasianet", "RFE/RL", "Radio Free Europe", "Radio Liberty", "Radio Azattyk", "Azattyq",
	"Asia-Plus", "Khaama Press", "Tolo News", "TOLOnews", "Pajhwok", "Dawn", "The Diplomat",
	"The New York Times", "New York Times", "The Washington Post", "Washington Post", "The Guardian",
	"The Times", "The Economist", "Financial Times", "The Wall Street Journal", "Wall Street Journal",
	"Der Spiegel", "Le Monde", "Kommersant", "Vedomosti", "Deutsche Welle", "Voice of America",
	"Politico", "Axios", "The Independent", "The Telegraph", "Sky News", "Fox News", "NBC News",
	"CBS News", "ABC News", "NPR", "Sputnik", "RT", "Al Arabiya", "The Hindu", "Times of India",
}

// regionNames are world regions, which the place gazetteer (countries and
// cities) lacks; labelled LOC.
var regionNames = []string{
	"Central Asia", "South Asia", "Southeast Asia", "South-East Asia", "East Asia", "Middle East",
	"Near East", "Far East", "North Africa", "West Africa", "East Africa", "Southern Africa",
	"Sub-Saharan Africa", "Horn of Africa", "Sahel", "Maghreb", "Caucasus", "South Caucasus",
	"North Caucasus", "Balkans", "Western Europe", "Eastern Europe", "Central Europe", "Scandinavia",
	"Latin America", "South America", "North America", "Central America", "Caribbean", "Persian Gulf",
	"Gulf of Aden", "Red Sea", "Black Sea", "Caspian Sea", "Mediterranean", "Asia-Pacific", "Indo-Pacific",
	"Europe", "Asia", "Africa", "Oceania", "Arctic", "Antarctica", "Eurasia",
}

// groupNames are armed and political groups in the spellings the news uses
// where the lists write others (HIZBALLAH), so the designations gazetteer
// misses them and the model, which saw few, reads them as people or places.
var groupNames = []string{
	"Hezbollah", "Hizbollah", "Hizbullah", "Hizballah", "Hamas", "Houthis", "Ansar Allah", "al-Shabaab",
	"al-Shabab", "Boko Haram", "Hayat Tahrir al-Sham", "Lashkar-e-Taiba", "Jaish-e-Mohammed", "al-Qaeda",
	"al-Qaida", "Al Qaeda",
}

// groupKeys are the groupNames' keys (gazKey).
var groupKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range groupNames {
		key, _ := gazKey(n)
		m[key] = true
	}
	return m
}()

// lexicon maps the outlet, group and region names (gazKey form) to their
// labels.
var lexicon = func() *memo {
	m := newMemo(nil, nil)
	for _, n := range slices.Concat(outletNames, groupNames) {
		key, _ := gazKey(n)
		m.add(key, LabelORG)
	}
	for _, n := range regionNames {
		key, _ := gazKey(n)
		m.add(key, LabelLOC)
	}
	return m
}()

// orgHeads are nouns that head an organisation's name when capitalised and
// followed by "of"/"for" and a capitalised name ("Ministry of Foreign
// Affairs", "Council for Security").
var orgHeads = map[string]bool{
	"Ministry": true, "Department": true, "Council": true, "Committee": true, "Commission": true,
	"Agency": true, "Bank": true, "Organization": true, "Organisation": true, "Office": true, "Court": true,
	"Party": true, "University": true, "Institute": true, "Bureau": true, "Service": true, "Board": true,
	"Federation": true, "Union": true, "Association": true, "Fund": true, "Authority": true, "Parliament": true,
	"Assembly": true, "Academy": true, "Embassy": true, "Chamber": true, "Directorate": true, "Secretariat": true,
}

// orgSuffixes end the names of organisations only: a multi-word LOC or MISC
// span ending in one is relabelled ORG, and so is a PER span unless the
// word is among personSuffix. ("Union" and "Federation" are left
// out: "Soviet Union", "Russian Federation" are places.)
var orgSuffixes = map[string]bool{
	"Organization": true, "Organisation": true, "Committee": true, "Council": true, "Commission": true,
	"Agency": true, "Ministry": true, "Department": true, "Bank": true, "Party": true, "Institute": true,
	"University": true, "Association": true, "Corporation": true, "Corp.": true, "Inc.": true, "Ltd.": true,
	"Ltd": true, "Inc": true, "Corp": true, "Group": true, "Company": true, "Foundation": true, "Fund": true,
	"Authority": true, "Bureau": true, "Police": true, "Army": true, "Navy": true, "Airlines": true,
}

// personSuffix are the orgSuffixes that are surnames too ("Army", "Police",
// "Fund"): a person's span ending with one stays a person.
var personSuffix = map[string]bool{"Police": true, "Army": true, "Navy": true, "Party": true, "Group": true, "Fund": true}

// determiners start a phrase, not a name: "The Roslin Institute" is the
// Roslin Institute.
var determiners = map[string]bool{"The": true, "A": true, "An": true, "This": true, "That": true}
