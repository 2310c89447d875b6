package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sanctionscan/sanctionscan/extract/ner"
	"github.com/sanctionscan/sanctionscan/lists/screen"
	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/pipeline/sharedtest"
)

// sharedData returns ../shared/data/<rel> beside the repository, or skips.
func sharedData(t testing.TB, rel string) string { return sharedtest.Data(t, rel) }

// readTable reads every complete part of table under dir, in part order.
func readTable[T any](t testing.TB, dir, table string) []T {
	t.Helper()
	parts, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []T
	for _, p := range parts {
		got, err := parquet.ReadFile[T](p)
		if err != nil {
			t.Fatalf("reading %s: %v", p, err)
		}
		rows = append(rows, got...)
	}
	return rows
}

// runFixture runs the pipeline with cfg adjusted by edit and returns the output folder.
func runFixture(t testing.TB, edit func(*Config)) (string, *Result) {
	t.Helper()
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = t.TempDir()
	cfg.Inputs = []string{filepath.Join("..", "testdata", "articles")}
	if edit != nil {
		edit(cfg)
	}
	res, err := Run(context.Background(), cfg, Env{})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return cfg.Out, res
}

type seedExpect struct {
	matches    map[string]string // "dataset/id" → lowest acceptable decision ("match" or "review")
	notMatched []string          // mention names that must have no candidate at all
	notListed  []string          // "dataset/id" that must not be a candidate for any mention
}

// checkSeedRun asserts what DESIGN.md and the seed README say a correct run over the seed article finds.
func checkSeedRun(t *testing.T, out string, want seedExpect) {
	t.Helper()
	docs := readTable[output.Document](t, out, output.TableDocuments)
	if len(docs) != 1 {
		t.Fatalf("documents rows = %d, want 1", len(docs))
	}
	doc := docs[0]
	if doc.Status != "ok" {
		t.Fatalf("document status %s at %s: %s", doc.Status, doc.ErrorStage, doc.Error)
	}
	if doc.Title != "Tokayev explains why Kazakhstan took the Taliban off its terrorist list" {
		t.Errorf("title = %q", doc.Title)
	}
	if wantTime := time.Date(2024, 6, 5, 5, 42, 0, 0, time.UTC); doc.PublishedAt == nil || !doc.PublishedAt.Equal(wantTime) {
		t.Errorf("published_at = %v, want %v", doc.PublishedAt, wantTime)
	}
	for _, bad := range []string{"All news", "Авторизуйтесь", "Emomali Rahmon", "Related news", "Share:", "Money from thin air"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("body text contains %q", bad)
		}
	}
	if n := strings.Count(doc.Text, "\n\n") + 1; n != 9 {
		t.Errorf("body has %d paragraphs, want 9", n)
	}
	mentions := readTable[output.Mention](t, out, output.TableMentions)
	byID := map[string]output.Mention{}
	for _, m := range mentions {
		byID[m.MentionID] = m
		src := doc.Text
		if m.Zone == ZoneTitle {
			src = doc.Title
		}
		if r := []rune(src); int(m.End) > len(r) || m.Start < 0 || m.Start >= m.End || string(r[m.Start:m.End]) != m.Text {
			t.Errorf("mention %s [%d:%d] %q does not reproduce its text", m.MentionID, m.Start, m.End, m.Text)
		}
	}
	matches := readTable[output.Match](t, out, output.TableMatches)
	found := map[string]string{}
	for _, m := range matches {
		key := m.Dataset + "/" + m.DesignationID
		if found[key] != "match" {
			found[key] = m.Decision
		}
		name := byID[m.MentionID].Name
		for _, never := range want.notMatched {
			if strings.Contains(name, never) {
				t.Errorf("mention %q has candidate %s (%s, %.2f): %s", name, key, m.Decision, m.Score, m.Explanation)
			}
		}
		for _, never := range want.notListed {
			if key == never {
				t.Errorf("mention %q has candidate %s (%s, %.2f): %s", name, key, m.Decision, m.Score, m.Explanation)
			}
		}
		if m.Explanation == "" || m.Score <= 0 || m.Score > 1 {
			t.Errorf("match %s: score %v, explanation %q", key, m.Score, m.Explanation)
		}
	}
	for key, lowest := range want.matches {
		got, ok := found[key]
		if !ok || (lowest == "match" && got != "match") {
			t.Errorf("designation %s: decision %q, want at least %q (found %v)", key, got, lowest, found)
		}
	}
}

// TestSeedRealLists is issue 2's acceptance run: the seed article screened
// against the real UN and OFAC files.
func TestSeedRealLists(t *testing.T) {
	un := sharedData(t, "lists/un/UN_consolidated_2026-02-27.xml")
	sdn := sharedData(t, "lists/ofac/sdn_2024-05-03.csv")
	alt := sharedData(t, "lists/ofac/alt_2026.csv")
	seed := filepath.Join("..", "..", "shared", "seed")
	for _, page := range []string{"article.html", "article-cp1251.html"} {
		t.Run(page, func(t *testing.T) {
			out, _ := runFixture(t, func(c *Config) {
				c.SetLists([]ListSpec{{Name: "un_sc_sanctions", Paths: []string{un}}, {Name: "us_ofac_sdn", Paths: []string{sdn, alt}}})
				c.Inputs = []string{filepath.Join(seed, page)}
			})
			checkSeedRun(t, out, seedExpect{
				matches: map[string]string{
					"un_sc_sanctions/TAi.024": "match",
					"un_sc_sanctions/TAi.007": "match",
					"un_sc_sanctions/TAi.004": "review",
					"us_ofac_sdn/6635":        "review", // OMAR, Mohammed: title Mullah + Afghanistan
					"us_ofac_sdn/6636":        "match",
				},
				notMatched: []string{"Tokayev", "Rahmon", "CSTO", "Collective Security", "Sustainable Development", "Kazinform"},
				// TEHRIK-E TALIBAN PAKISTAN and the "Kurdish Taliban" merely contain the word
				notListed: []string{"un_sc_sanctions/QDe.132", "us_ofac_sdn/12206", "un_sc_sanctions/QDe.098", "us_ofac_sdn/7472"},
			})
		})
	}
}

// TestFamousNamesRealLists screens a guide to well-known designated people
// and groups (testdata/famous-names.html, our own words) against the real UN
// and OFAC files: each is a match, however many holds the screening has, and
// the namesakes at its end are not.
func TestFamousNamesRealLists(t *testing.T) {
	un := sharedData(t, "lists/un/UN_consolidated_2026-02-27.xml")
	sdn := sharedData(t, "lists/ofac/sdn_2024-05-03.csv")
	alt := sharedData(t, "lists/ofac/alt_2026.csv")
	add := sharedData(t, "lists/ofac/add_2026.csv")
	out, _ := runFixture(t, func(c *Config) {
		c.SetLists([]ListSpec{{Name: "un_sc_sanctions", Paths: []string{un}}, {Name: "us_ofac_sdn", Paths: []string{sdn, alt, add}}})
		c.Inputs = []string{filepath.Join("..", "testdata", "famous-names.html")}
	})
	mentions := map[string]string{}
	for _, m := range readTable[output.Mention](t, out, output.TableMentions) {
		mentions[m.MentionID] = m.Text
	}
	matched := map[string]bool{} // "mention → dataset/id"
	for _, m := range readTable[output.Match](t, out, output.TableMatches) {
		if m.Decision == "match" {
			matched[mentions[m.MentionID]+" → "+m.Dataset+"/"+m.DesignationID] = true
			if text := mentions[m.MentionID]; text == "Mohammad Khan" || text == "Javier Diaz" {
				t.Errorf("namesake %q matched %s %s: %s", text, m.DesignationID, m.DesignationName, m.Explanation)
			}
		}
	}
	for _, want := range []string{
		"Vladimir Putin → us_ofac_sdn/35096", "Sergei Lavrov → us_ofac_sdn/35233", "Oleg Deripaska → us_ofac_sdn/24283",
		"Viktor Vekselberg → us_ofac_sdn/24306", "Alisher Usmanov → us_ofac_sdn/35283", "Gennady Timchenko → us_ofac_sdn/16666",
		"Igor Sechin → us_ofac_sdn/16692", "Yevgeny Prigozhin → us_ofac_sdn/21171", "Wagner Group → us_ofac_sdn/22543",
		"Ramzan Kadyrov → us_ofac_sdn/23343", "Alexander Lukashenko → us_ofac_sdn/9760", "Bashar al-Assad → us_ofac_sdn/12735",
		"Rami Makhlouf → us_ofac_sdn/10725", "Ali Khamenei → us_ofac_sdn/26945", "Qasem Soleimani → un_sc_sanctions/IRi.039",
		"Quds Force of the Islamic Revolutionary Guard Corps → us_ofac_sdn/10465", "Hezbollah → us_ofac_sdn/4697",
		"Hassan Nasrallah → us_ofac_sdn/2686", "Taliban → us_ofac_sdn/6636", "Sirajuddin Haqqani → un_sc_sanctions/TAi.144",
		"Abdul Ghani Baradar → un_sc_sanctions/TAi.024", "Ayman al-Zawahiri → us_ofac_sdn/2676", "Kim Jong Un → us_ofac_sdn/20157",
		"Nicolas Maduro → us_ofac_sdn/22790",
	} {
		if !matched[want] {
			t.Errorf("no match %s", want)
		}
	}
}

// TestDefaultConfigRun is the README's main command on the bundled fixtures.
func TestDefaultConfigRun(t *testing.T) {
	out, res := runFixture(t, nil)
	checkSeedRun(t, out, seedExpect{
		matches: map[string]string{
			"un_sc_sanctions/TAi.024": "match",
			"un_sc_sanctions/TAi.007": "match",
			"un_sc_sanctions/TAi.004": "review",
			"us_ofac_sdn/6636":        "match",
		},
		notMatched: []string{"Tokayev", "Rahmon"},
	})
	if res.Rows[output.TableDesignations] == 0 || len(readTable[output.Designation](t, out, output.TableDesignations)) != res.Rows[output.TableDesignations] {
		t.Errorf("designations rows: result says %d", res.Rows[output.TableDesignations])
	}
	if _, err := os.Stat(filepath.Join(out, "_manifest.json")); err != nil {
		t.Errorf("no manifest: %v", err)
	}
}

// TestDeterministicAcrossWorkers: the same inputs give identical table
// contents whatever --workers is, including error rows for bad inputs.
func TestDeterministicAcrossWorkers(t *testing.T) {
	in := t.TempDir()
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "kazakhstan-taliban.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"a.html":         seed,
		"b/empty.html":   nil,
		"b/binary.html":  {0x00, 0x01, 0xff, 0xfe, 0x89, 'P', 'N', 'G'},
		"c/seed-2.htm":   []byte(strings.Replace(string(seed), "Almaty", "Astana", 1)),
		"c/missing.html": nil,
	}
	for name, body := range files {
		p := filepath.Join(in, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if name == "c/missing.html" {
			continue
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs := []string{in, filepath.Join(in, "c", "missing.html")}
	var first []output.Document
	var firstMatches []output.Match
	for _, workers := range []int{1, 4} {
		out, res := runFixture(t, func(c *Config) { c.Inputs = inputs; c.Workers = workers })
		docs := readTable[output.Document](t, out, output.TableDocuments)
		matches := readTable[output.Match](t, out, output.TableMatches)
		if len(docs) != 5 {
			t.Fatalf("workers=%d: %d documents rows, want 5 (one per input, errors included)", workers, len(docs))
		}
		if res.Errors() != 3 {
			t.Errorf("workers=%d: %d error documents, want 3 (empty, binary, missing): %v", workers, res.Errors(), res.ErrorsByStage)
		}
		if first == nil {
			first, firstMatches = docs, matches
			continue
		}
		if !reflect.DeepEqual(first, docs) || !reflect.DeepEqual(firstMatches, matches) {
			t.Errorf("workers=%d output differs from workers=1", workers)
		}
	}
}

// TestRunBadList: a list that cannot be loaded stops the run with a clear error naming it.
func TestRunBadList(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "junk.xml")
	if err := os.WriteFile(bad, []byte("not a list"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Out = t.TempDir()
	cfg.SetLists([]ListSpec{{Name: "junk", Paths: []string{bad}}})
	_, err := Run(context.Background(), &cfg, Env{})
	if err == nil || !strings.Contains(err.Error(), "junk") {
		t.Fatalf("err = %v, want an error naming the list", err)
	}
	if errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v is not an interruption", err)
	}
}

// TestRunOutputBusy: a run into an output folder another run is writing
// stops with a usage error (exit 2) before writing anything, instead of
// both runs renaming each other's parts away.
func TestRunOutputBusy(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = t.TempDir()
	cfg.Inputs = []string{filepath.Join("..", "testdata", "articles")}
	unlock, err := output.LockOutput(cfg.Out, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Run(context.Background(), cfg, Env{})
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "another run is writing this output") {
		t.Fatalf("err = %v, want a usage error naming the busy output", err)
	}
	if parts, _ := filepath.Glob(filepath.Join(cfg.Out, "*", "*.parquet")); len(parts) != 0 {
		t.Errorf("parts written beside the other run: %v", parts)
	}
}

// TestRunEmptyListWarns: a list file that holds no designation (a watch
// list with only its header) loads, and the run says nothing is screened
// against it.
func TestRunEmptyListWarns(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	watch := filepath.Join(t.TempDir(), "watch.csv")
	if err := os.WriteFile(watch, []byte("name,schema\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.SetLists([]ListSpec{{Name: "watch", Paths: []string{watch}}})
	cfg.Out = t.TempDir()
	cfg.Inputs = []string{filepath.Join("..", "testdata", "articles")}
	var logs bytes.Buffer
	if _, err := Run(context.Background(), cfg, Env{Logger: slog.New(slog.NewTextHandler(&logs, nil))}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `level=WARN msg="list holds no designations: nothing is screened against it" dataset=watch`) {
		t.Errorf("no warning about the empty list:\n%s", logs.String())
	}
}

// TestRunSkipsOwnOutput: an input folder that holds the output folder and
// the report is read without them, so a second run does not read the
// first one's report as an article.
func TestRunSkipsOwnOutput(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "kazakhstan-taliban.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "article.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		out, res := runFixture(t, func(c *Config) {
			c.Inputs = []string{dir}
			c.Out = filepath.Join(dir, "out")
			c.Output.Report = filepath.Join(dir, "report.html")
		})
		if res.Documents != 1 {
			t.Errorf("run %d read %d documents from %s, want the article only", run+1, res.Documents, out)
		}
	}
}

// TestRunCancelledBeforeDocuments: a run cancelled before its first document
// (Ctrl-C while the lists load) is an interruption, not a usage error, and
// leaves --out untouched.
func TestRunCancelledBeforeDocuments(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = filepath.Join(t.TempDir(), "out")
	cfg.Inputs = []string{filepath.Join("..", "testdata", "articles")}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, cfg, Env{})
	if !errors.Is(err, ErrInterrupted) || errors.Is(err, ErrConfig) {
		t.Fatalf("err = %v, want ErrInterrupted only", err)
	}
	if _, serr := os.Stat(cfg.Out); !os.IsNotExist(serr) {
		t.Errorf("--out was created: %v", serr)
	}
}

// TestRunCancelledAfterListsLeavesEarlierOutput: a run interrupted after
// its lists are loaded but before it has written anything (here: as it logs
// "run starting") is an interruption and leaves an earlier complete run in
// --out as it was, parts and manifest.
func TestRunCancelledAfterListsLeavesEarlierOutput(t *testing.T) {
	out, _ := runFixture(t, nil)
	before := snapshotDir(t, out)
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out = out
	cfg.Inputs = []string{filepath.Join("..", "testdata", "articles")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = Run(ctx, cfg, Env{Logger: slog.New(cancelOn{"run starting", cancel})})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if after := snapshotDir(t, out); !maps.Equal(before, after) {
		t.Errorf("--out changed:\nbefore %v\nafter  %v", slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
	}
}

// cancelOn is a slog handler that calls cancel when a record with message
// msg is logged.
type cancelOn struct {
	msg    string
	cancel context.CancelFunc
}

func (h cancelOn) Enabled(context.Context, slog.Level) bool { return true }
func (h cancelOn) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		h.cancel()
	}
	return nil
}
func (h cancelOn) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h cancelOn) WithGroup(string) slog.Handler      { return h }

// snapshotDir maps every file under dir (relative path) to its contents.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDocumentIDsUnique: the same story in two files (same canonical URL)
// gives one documents row each with its own document_id (the hash of its
// source), and mention keys stay unique, so joins never fan out. (A file
// given twice is read once.)
func TestDocumentIDsUnique(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "kazakhstan-taliban.html"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"a.html", "b.html"} {
		if err := os.WriteFile(filepath.Join(dir, name), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := filepath.Join(dir, "a.html")
	out, _ := runFixture(t, func(c *Config) { c.Inputs = []string{a, filepath.Join(dir, "b.html"), a} })
	docs := readTable[output.Document](t, out, output.TableDocuments)
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	ids := map[string]bool{}
	for _, d := range docs {
		if ids[d.DocumentID] || d.Status != "ok" {
			t.Errorf("document %s (%s): repeated id or status %s", d.DocumentID, d.Source, d.Status)
		}
		ids[d.DocumentID] = true
	}
	for _, d := range docs {
		if d.DocumentID != DocumentID(d.Source) || d.CanonicalURL == "" || d.CanonicalURL != docs[0].CanonicalURL {
			t.Errorf("document %s: id is not its source's, or canonical URL %q differs", d.Source, d.CanonicalURL)
		}
	}
	keys := map[[2]string]bool{}
	for _, m := range readTable[output.Mention](t, out, output.TableMentions) {
		k := [2]string{m.DocumentID, m.MentionID}
		if keys[k] || !ids[m.DocumentID] || !strings.HasPrefix(m.MentionID, m.DocumentID[:16]) {
			t.Errorf("mention %v repeated or not keyed by its document", k)
		}
		keys[k] = true
	}
	matches := readTable[output.Match](t, out, output.TableMatches)
	perDoc := map[string]int{}
	for _, m := range matches {
		if !keys[[2]string{m.DocumentID, m.MentionID}] {
			t.Errorf("match %s/%s has no mention", m.DocumentID, m.MentionID)
		}
		perDoc[m.DocumentID]++
	}
	if len(perDoc) != 2 || perDoc[docs[0].DocumentID] == 0 || perDoc[docs[0].DocumentID] != perDoc[docs[1].DocumentID] {
		t.Errorf("matches per document %v, want the same for both", perDoc)
	}
}

// TestResumeManifest: a --resume run's manifest keeps the earlier run and
// counts the rows in the output, not only its own; each shard writes its
// own manifest.
func TestResumeManifest(t *testing.T) {
	out, first := runFixture(t, nil)
	cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.Resume = out, true
	cfg.Inputs = []string{filepath.Join("..", "testdata", "articles")}
	if _, err := Run(context.Background(), cfg, Env{}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out, 0, 1)
	if err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Rows[output.TableDocuments] != 0 || m.RowsInOutput[output.TableDocuments] != 1 || m.RowsInOutput[output.TableMentions] != int64(first.Rows[output.TableMentions]) {
		t.Errorf("rows %v, rows_in_output %v; first run wrote %v", m.Rows, m.RowsInOutput, first.Rows)
	}
	if m.RowsInOutput[output.TableDesignations] != int64(first.Rows[output.TableDesignations]) {
		t.Errorf("designations in output %d, want %d (rewritten, not added)", m.RowsInOutput[output.TableDesignations], first.Rows[output.TableDesignations])
	}
	if len(m.ResumedFrom) != 1 || m.ResumedFrom[0].RunID != first.RunID || m.ResumedFrom[0].Rows[output.TableDocuments] != 1 {
		t.Errorf("resumed_from %+v, want the first run %s", m.ResumedFrom, first.RunID)
	}
	sharded, again := runFixture(t, func(c *Config) { c.ShardIndex, c.ShardCount = 1, 2 })
	if _, err := os.Stat(filepath.Join(sharded, "_manifest-00001.json")); err != nil {
		t.Errorf("shard 1 of 2: %v", err)
	}
	if again.RunID == first.RunID || m.RunID == first.RunID {
		t.Errorf("run ids repeat: %s %s %s", first.RunID, m.RunID, again.RunID)
	}

	// Resuming with other lists is allowed but said: the earlier match rows
	// were screened against the lists that run had.
	other := *cfg
	other.SetLists([]ListSpec{{Name: "un_sc_sanctions", Paths: []string{filepath.Join("..", "testdata", "lists", "un_consolidated_excerpt.xml")}}})
	var logs bytes.Buffer
	if _, err := Run(context.Background(), &other, Env{Logger: slog.New(slog.NewTextHandler(&logs, nil))}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `level=WARN msg="resume: the lists differ from the earlier run's`) {
		t.Errorf("no warning that the lists changed:\n%s", logs.String())
	}

	// A run without --resume that was killed after clearing the output
	// leaves no manifest; the next --resume counts what the parts hold and
	// continues no earlier run.
	if err := output.ClearShard(out, 0, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), cfg, Env{}); err != nil {
		t.Fatal(err)
	}
	if m, err = output.ReadManifest(out, 0, 1); err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.RowsInOutput[output.TableDocuments] != 1 || len(m.ResumedFrom) != 0 {
		t.Errorf("after a cleared output: rows_in_output %v, resumed_from %v", m.RowsInOutput, m.ResumedFrom)
	}

	// An unsharded run into a sharded run's folder replaces every shard.
	cfg.Out, cfg.Resume = sharded, false
	if _, err := Run(context.Background(), cfg, Env{}); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(sharded, "*", "part-00001-*"))
	manifests, _ := filepath.Glob(filepath.Join(sharded, "_manifest*.json"))
	if len(left) != 0 || len(manifests) != 1 || filepath.Base(manifests[0]) != output.ManifestName {
		t.Errorf("left after an unsharded run: parts %v, manifests %v", left, manifests)
	}
}

// TestRealPagesCorpus runs the pipeline over all 181 Zyte and 130 readability
// pages: one documents row per page and no crash (issue 2's acceptance).
func TestRealPagesCorpus(t *testing.T) {
	zyte := sharedData(t, "html/zyte-article-extraction-benchmark/html")
	readability, err := filepath.Glob(filepath.Join(sharedData(t, "html/mozilla-readability"), "test", "test-pages", "*", "source.html"))
	if err != nil || len(readability) != 130 {
		t.Fatalf("readability pages: %d, %v", len(readability), err)
	}
	un := sharedData(t, "lists/un/UN_consolidated_2026-02-27.xml")
	out, res := runFixture(t, func(c *Config) {
		c.Inputs = append([]string{zyte}, readability...)
		c.SetLists([]ListSpec{{Name: "un_sc_sanctions", Paths: []string{un}}})
	})
	docs := readTable[output.Document](t, out, output.TableDocuments)
	if len(docs) != 311 || res.Documents != 311 {
		t.Fatalf("documents rows = %d (result %d), want 311", len(docs), res.Documents)
	}
	ok := 0
	for _, d := range docs {
		if d.Status == "ok" {
			ok++
		}
	}
	if ok < 300 {
		t.Errorf("only %d of 311 real pages extracted: %v", ok, res.ErrorsByStage)
	}
}

// TestSetAsideRowsWarned: list rows that could not be read are named in a
// warning, not only counted in the "list loaded" line.
func TestSetAsideRowsWarned(t *testing.T) {
	list := filepath.Join(t.TempDir(), "watch.csv")
	body := "name,schema,aliases,id,programs,birth_dates,remarks\n" +
		"Abdul Ghani Baradar,Person,,w-1,newsroom-watch,,\n" +
		"Somebody,Planet,,w-2,newsroom-watch,,\n"
	if err := os.WriteFile(list, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.SetLists([]ListSpec{{Name: "watch", Paths: []string{list}}})
	cfg.Out, cfg.DryRun = t.TempDir(), true
	var logs bytes.Buffer
	if _, err := Run(context.Background(), &cfg, Env{Logger: slog.New(slog.NewTextHandler(&logs, nil)), Stdout: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), `level=WARN msg="list rows set aside`) || !strings.Contains(logs.String(), "rows=1 first=") {
		t.Errorf("no warning naming the set-aside row:\n%s", logs.String())
	}
}

// TestResumeEachFormat: --resume asks every output format what it holds. A
// JSON Lines-only output is not written twice, and when one format lacks
// documents another holds (an interrupted run commits the JSON Lines and
// FtM files only at its end, Parquet parts as they fill), the resumed run
// writes them to that format alone: every format then holds each document
// once.
func TestResumeEachFormat(t *testing.T) {
	in := t.TempDir()
	page, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "kazakhstan-taliban.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.html", "b.html", "c.html"} {
		if err := os.WriteFile(filepath.Join(in, name), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(in, "empty.html"), nil, 0o644); err != nil { // an error row
		t.Fatal(err)
	}
	lines := func(t *testing.T, pattern string, keep func(string) bool) int {
		files, _ := filepath.Glob(pattern)
		n := 0
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if l != "" && keep(l) {
					n++
				}
			}
		}
		return n
	}
	all := func(string) bool { return true }
	article := func(l string) bool { return strings.Contains(l, `"schema":"Article"`) }
	run := func(t *testing.T, out string, resume bool, formats ...string) *Result {
		cfg, err := LoadConfig(filepath.Join("..", "config.yaml"), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Out, cfg.Resume, cfg.Inputs = out, resume, []string{in}
		cfg.Output.Formats = formats
		res, err := Run(context.Background(), cfg, Env{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	t.Run("jsonl only", func(t *testing.T) {
		out := t.TempDir()
		run(t, out, false, output.FormatJSONL)
		res := run(t, out, true, output.FormatJSONL)
		if got := lines(t, filepath.Join(out, "documents-*.jsonl"), all); got != 4 || res.Skipped != 4 {
			t.Errorf("after resume: %d documents rows, %d skipped; want 4 and 4", got, res.Skipped)
		}
		m, err := output.ReadManifest(out, 0, 1)
		if err != nil || m == nil || m.RowsInOutput[output.TableDocuments] != 4 {
			t.Errorf("manifest rows_in_output %v (%v), want 4 documents counted from the JSON Lines", m, err)
		}
	})
	t.Run("one format lacks documents", func(t *testing.T) {
		out := t.TempDir()
		formats := []string{output.FormatParquet, output.FormatJSONL, output.FormatFtM}
		run(t, out, false, formats...)
		lost, _ := filepath.Glob(filepath.Join(out, "*-00000-00000.*json*")) // as if killed before its end
		for _, f := range lost {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		if len(lost) != 5 { // four JSON Lines tables and the FtM file
			t.Fatalf("removed %v", lost)
		}
		res := run(t, out, true, formats...)
		if res.Skipped != 0 {
			t.Errorf("skipped %d inputs that JSON Lines lacked", res.Skipped)
		}
		if got := len(readTable[output.Document](t, out, output.TableDocuments)); got != 4 {
			t.Errorf("Parquet documents: %d rows, want 4", got)
		}
		if got := lines(t, filepath.Join(out, "documents-*.jsonl"), all); got != 4 {
			t.Errorf("JSON Lines documents: %d rows, want 4", got)
		}
		if got := lines(t, filepath.Join(out, "entities-*.ftm.json"), article); got != 3 {
			t.Errorf("FtM articles: %d, want 3 (the empty page is an error row)", got)
		}
		if again := run(t, out, true, formats...); again.Skipped != 4 {
			t.Errorf("a second resume skipped %d, want all 4", again.Skipped)
		}
	})
}

// TestTruncatedCounted: a document whose text is cut at
// extract.max_text_length is counted in the result and the manifest.
func TestTruncatedCounted(t *testing.T) {
	out, res := runFixture(t, func(c *Config) { c.Extract.MaxTextLength = 200 })
	if res.Truncated == 0 || res.Truncated > res.Documents {
		t.Fatalf("truncated %d of %d documents", res.Truncated, res.Documents)
	}
	m, err := output.ReadManifest(out, 0, 1)
	if err != nil || m == nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Inputs.Truncated != int64(res.Truncated) {
		t.Errorf("manifest inputs.truncated %d, want %d", m.Inputs.Truncated, res.Truncated)
	}
	if _, full := runFixture(t, nil); full.Truncated != 0 {
		t.Errorf("default cap: %d documents truncated", full.Truncated)
	}
}

// queryLog is a Screener that records the names it is asked about, and a
// Recognizer that knows no ordinary words.
type queryLog []string

func (q *queryLog) Recognize(string) []ner.Mention { return nil }
func (q *queryLog) CommonWord(string) bool         { return false }

func (q *queryLog) Screen(s screen.Query) []screen.Hit {
	*q = append(*q, s.Name)
	return nil
}

// TestSurnameAloneNotScreened: a person's surname alone that the document
// also writes in full (two people share it, so it stayed unresolved) is not
// screened again; other mentions are, once per name.
func TestSurnameAloneNotScreened(t *testing.T) {
	var log queryLog
	p := &Processor{Screener: &log, Recognizer: &log}
	d := &output.Document{DocumentID: "d", Text: "x"}
	p.screen(d, []output.Mention{
		{MentionID: "1", Label: ner.LabelPER, Name: "Sirajuddin Haqqani"},
		{MentionID: "2", Label: ner.LabelPER, Name: "Anas Haqqani"},
		{MentionID: "3", Label: ner.LabelPER, Name: "Haqqani"},
		{MentionID: "4", Label: ner.LabelPER, Name: "Baradar"},
		{MentionID: "5", Label: ner.LabelORG, Name: "Haqqani"},
		{MentionID: "6", Label: ner.LabelPER, Name: "Anas Haqqani"},
	})
	if want := []string{"Sirajuddin Haqqani", "Anas Haqqani", "Baradar", "Haqqani"}; !slices.Equal(log, want) {
		t.Errorf("screened %q, want %q", log, want)
	}
}
