package output_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/output/internal/fixture"
)

var screenshotDir = flag.String("screenshot", "", "directory to keep the report test's browser screenshot in")

// astral is a record whose matched mention follows characters outside the
// Basic Multilingual Plane (a flag emoji: two code points, four UTF-16 units)
// and whose second mention has offsets past the end of the text.
func astral() *output.Record {
	id := strings.Repeat("e", 64)
	return &output.Record{
		Document: output.Document{DocumentID: id, Source: "astral.html", Title: "Flags 🇦🇫", Status: "ok",
			Text: "🇦🇫🇦🇫 — Mullah Omar <script>alert(1)</script> & co."},
		Mentions: []output.Mention{
			{DocumentID: id, MentionID: "m1", Label: "PER", Text: "Mullah Omar", Start: 7, End: 18, Name: "Omar", Zone: "body"},
			{DocumentID: id, MentionID: "m2", Label: "PER", Text: "ghost", Start: 400, End: 405, Name: "ghost", Zone: "body"},
		},
		Matches: []output.Match{
			{DocumentID: id, MentionID: "m1", Dataset: "un_sc_sanctions", DesignationID: "TAi.004", DesignationName: "Mohammed Omar Ghulam Nabi",
				MatchedName: "Mohammed Omar", AliasStrength: "strong", Schema: "Person", Programs: []string{"Taliban"}, Score: 0.81, Decision: "review", Explanation: "title Mullah + one name part"},
			{DocumentID: id, MentionID: "m2", Dataset: "us_ofac_sdn", DesignationID: "1", DesignationName: "GHOST", MatchedName: "GHOST",
				AliasStrength: "weak", Schema: "Person", Score: 0.75, Decision: "review", Explanation: "weak alias"},
		},
	}
}

func writeReport(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	s, err := output.OpenReport(path, output.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	writeTo(t, s, append(fixture.Records(4), astral()))
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	return path
}

// TestReportHTML checks the page itself: highlights at code-point offsets,
// escaping, warnings, self-containment.
func TestReportHTML(t *testing.T) {
	raw, err := os.ReadFile(writeReport(t))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var marks []string
	doc.Find("mark[id]").Each(func(_ int, s *goquery.Selection) {
		marks = append(marks, s.AttrOr("class", "")+":"+s.Text())
	})
	want := []string{
		"review:Baradar", "match:Taliban", "match:Abdul Ghani Baradar", "match:Abdul Latif Mansour",
		"match:Абдул Гани Барадар", "review:Mullah Omar",
	}
	if !slices.Equal(marks, want) {
		t.Errorf("highlights:\n got %q\nwant %q", marks, want)
	}
	if n := doc.Find("section.doc").Length(); n != 3 {
		t.Errorf("%d document sections, want 3 (documents with candidates)", n)
	}
	if !strings.Contains(doc.Find(".warn").Text(), `"ghost" (m2) has offsets 400..405 outside`) {
		t.Errorf("no warning for out-of-range offsets: %q", doc.Find(".warn").Text())
	}
	if doc.Find("script").Length() != 1 || bytes.Contains(raw, []byte("<script>alert")) {
		t.Error("document text must be escaped; the page has exactly one (inline) script")
	}
	if doc.Find("script[src], link, img, iframe").Length() > 0 {
		t.Error("the report must not load external resources")
	}
	if got, want := docScores(doc.Find("#doc-1 table.sortable")), []float64{0.72, 1, 0.98, 0.91}; !slices.Equal(got, want) {
		t.Errorf("candidates of document 1: scores %v, want %v (mention order, then score descending)", got, want)
	}
}

// docScores returns the score column of a candidates table, top to bottom.
func docScores(table *goquery.Selection) []float64 {
	var scores []float64
	table.Find("tbody tr td[data-sort]").Each(func(_ int, s *goquery.Selection) {
		v, _ := strconv.ParseFloat(s.AttrOr("data-sort", ""), 64)
		scores = append(scores, v)
	})
	return scores
}

// TestReportInBrowser renders the report in headless Chromium (Debian's
// chromium package): the highlights survive a real HTML parser, the inline
// script sorts tables ("#sort=score-asc"), and a screenshot is taken.
func TestReportInBrowser(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (apt-get install chromium); skipping the headless-browser report test")
	}
	path := writeReport(t)
	run := func(args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
			"--user-data-dir=" + t.TempDir()}
		cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, stderr.Bytes())
		}
		return out
	}
	dom, err := goquery.NewDocumentFromReader(bytes.NewReader(run("--dump-dom", "file://"+path+"#sort=score-asc")))
	if err != nil {
		t.Fatal(err)
	}
	if n := dom.Find("#doc-1 mark").Length(); n != 4 {
		t.Errorf("browser DOM: %d highlights in document 1, want 4", n)
	}
	table := dom.Find("#doc-1 table.sortable")
	if want := []float64{0.72, 0.91, 0.98, 1}; !slices.Equal(docScores(table), want) {
		t.Errorf("after #sort=score-asc: scores %v, want %v", docScores(table), want)
	}
	if th := table.Find("th[aria-sort]"); th.AttrOr("data-key", "") != "score" || th.AttrOr("aria-sort", "") != "ascending" {
		t.Errorf("sorted column = %q %q, want score ascending", th.AttrOr("data-key", ""), th.AttrOr("aria-sort", ""))
	}

	shot := filepath.Join(t.TempDir(), "report.png")
	if *screenshotDir != "" {
		shot = filepath.Join(*screenshotDir, "report.png")
	}
	run("--screenshot="+shot, "--window-size=1280,1400", "file://"+path)
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10_000 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("screenshot %s: %d bytes, not a real rendering", shot, len(png))
	}
}

// FuzzHighlight: any text and offsets give spans that concatenate back to the
// text, never panic, and highlight only in-range, non-overlapping mentions.
func FuzzHighlight(f *testing.F) {
	f.Add("🇦🇫🇦🇫 — Mullah Omar", int32(7), int32(18), int32(0), int32(4))
	f.Add("abc", int32(-1), int32(2), int32(1), int32(1))
	f.Add("\xff\xfe broken utf-8", int32(0), int32(2), int32(1), int32(3))
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int32) {
		id := "d"
		rec := &output.Record{
			Document: output.Document{DocumentID: id, Source: "f", Status: "ok", Text: text},
			Mentions: []output.Mention{
				{DocumentID: id, MentionID: "a", Start: s1, End: e1, Zone: "body", Text: "a"},
				{DocumentID: id, MentionID: "b", Start: s2, End: e2, Zone: "body", Text: "b"},
			},
			Matches: []output.Match{
				{DocumentID: id, MentionID: "a", Decision: "match", Score: 1},
				{DocumentID: id, MentionID: "b", Decision: "review", Score: 0.5},
			},
		}
		path := filepath.Join(t.TempDir(), "r.html")
		s, err := output.OpenReport(path, output.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Write(context.Background(), rec); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		// Invalid UTF-8 becomes one U+FFFD per bad byte, as code-point offsets
		// count it; HTML has no NUL (html/template writes U+FFFD) and reads
		// a CR as a line feed.
		if got, want := doc.Find("#doc-1 .text").Text(), strings.NewReplacer("\r", "\n", "\x00", "\uFFFD").Replace(string([]rune(text))); got != want {
			t.Errorf("text round trip: got %q, want %q", got, want)
		}
		if n := doc.Find("#doc-1 mark").Length() + doc.Find("#doc-1 .warn").Length(); n > 2 {
			t.Errorf("%d highlights and warnings for 2 mentions", n)
		}
	})
}
