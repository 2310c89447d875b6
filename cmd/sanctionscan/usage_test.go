package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// usageCase is one command line and what the binary must do with it.
type usageCase struct {
	name  string
	args  []string
	stdin string
	want  int      // exit code
	frags []string // fragments stderr must hold (stdout too for exit 0)
}

// runUsageCases runs each case on the built binary and checks its exit code
// and message fragments.
func runUsageCases(t *testing.T, cases []usageCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := sanctionscan(tc.args...)
			cmd.Stdin = strings.NewReader(tc.stdin)
			code, stdout, stderr := exitOf(t, cmd)
			if code != tc.want {
				t.Fatalf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.want, stdout, stderr)
			}
			got := stderr
			if tc.want == exitOK {
				got = stdout
			}
			for _, f := range tc.frags {
				if !strings.Contains(got, f) {
					t.Errorf("%v: output lacks %q:\n%s", tc.args, f, got)
				}
			}
		})
	}
}

// commands returns c and every command under it, depth first.
func commands(c *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		out = append(out, commands(sub)...)
	}
	return out
}

// TestUsageEveryVerb: for every verb and sub-verb the CLI has, an unknown
// flag exits 2; for every group verb (root, eval, lists, completion), none
// or an unknown sub-verb exits 2 naming it, the bare group printing its help.
func TestUsageEveryVerb(t *testing.T) {
	var cases []usageCase
	groups := 0
	for _, c := range commands(newRootCmd()) {
		path := strings.Fields(c.CommandPath())[1:] // without "sanctionscan"
		cases = append(cases, usageCase{
			name: strings.Join(append(path, "unknown-flag"), " "),
			args: append(path, "--no-such-flag"), want: exitUsage,
			frags: []string{"unknown flag: --no-such-flag"},
		})
		if !c.HasSubCommands() {
			continue
		}
		groups++
		cases = append(cases,
			usageCase{
				name: strings.Join(append(path, "bare"), " "), args: path, want: exitUsage,
				frags: []string{"Usage:", c.CommandPath() + ": missing command", c.Commands()[0].Name()},
			},
			usageCase{
				name: strings.Join(append(path, "bogus"), " "), args: append(path, "bogus"), want: exitUsage,
				frags: []string{`unknown command "bogus" for "` + c.CommandPath() + `"`},
			})
	}
	if groups != 4 {
		t.Fatalf("found %d group verbs, want 4 (sanctionscan, eval, lists, completion)", groups)
	}
	runUsageCases(t, cases)
}

// TestUsageFlagsAndArgs: a missing or invalid flag or argument is a usage
// error (exit 2) in every verb; asking for help is not.
func TestUsageFlagsAndArgs(t *testing.T) {
	runUsageCases(t, []usageCase{
		{"help", []string{"help"}, "", exitOK, []string{"Available Commands:"}},
		{"help eval ner", []string{"help", "eval", "ner"}, "", exitOK, []string{"--conll"}},
		{"eval --help", []string{"eval", "--help"}, "", exitOK, []string{"throughput"}},
		{"help bogus", []string{"help", "bogus"}, "", exitUsage, []string{`unknown help topic "bogus"`}},
		{"help eval bogus", []string{"help", "eval", "bogus"}, "", exitUsage, []string{`unknown help topic "eval bogus"`}},
		{"version extra arg", []string{"version", "extra"}, "", exitUsage, []string{`"extra"`}},
		{"eval extract no mode", []string{"eval", "extract"}, "", exitUsage, []string{"exactly one of --zyte"}},
		{"eval extract two modes", []string{"eval", "extract", "--zyte", "a", "--charsets", "b"}, "", exitUsage, []string{"exactly one of --zyte"}},
		{"eval extract extra arg", []string{"eval", "extract", "--zyte", "a", "b"}, "", exitUsage, []string{`"b"`}},
		{"eval ner no --conll", []string{"eval", "ner"}, "", exitUsage, []string{"--conll FILE is required"}},
		{"eval ner bad --format", []string{"eval", "ner", "--conll", "README.md", "--format", "iob"}, "", exitUsage, []string{`unknown --format "iob"`}},
		{"eval match no --pairs", []string{"eval", "match"}, "", exitUsage, []string{"--pairs FILE is required"}},
		{"eval match --threshold above 1", []string{"eval", "match", "--pairs", "x.csv", "--threshold", "1.5"}, "", exitUsage, []string{"--threshold 1.5"}},
		{"eval match --threshold not a number", []string{"eval", "match", "--pairs", "x.csv", "--threshold", "high"}, "", exitUsage, []string{"high"}},
		{"eval throughput no input", []string{"eval", "throughput"}, "", exitUsage, []string{"requires at least 1 arg"}},
		{"lists show extra arg", []string{"lists", "show", "extra"}, "", exitUsage, []string{`"extra"`}},
		{"lists fetch extra arg", []string{"lists", "fetch", "extra"}, "", exitUsage, []string{`"extra"`}},
		{"lists diff one arg", []string{"lists", "diff", "testdata/lists/ofac/sdn.csv"}, "", exitUsage, []string{"accepts 2 arg(s)"}},
		{"lists diff arg naming no file", []string{"lists", "diff", ",", "testdata/lists/ofac/sdn.csv"}, "", exitUsage, []string{`argument 1 (",") names no file`}},
		{"screen no name", []string{"screen"}, "", exitUsage, []string{"requires at least 1 arg"}},
		{"screen empty name", []string{"screen", "Taliban", " "}, "", exitUsage, []string{"empty name argument"}},
		{"screen bad --schema", []string{"screen", "--schema", "Planet", "Mars"}, "", exitUsage, []string{`--schema "Planet"`}},
	})
}

// TestUsageBadThresholds: thresholds outside 0 ≤ review ≤ match ≤ 1, from
// the environment or a config file, are a usage error in every verb that
// screens, not only in run.
func TestUsageBadThresholds(t *testing.T) {
	for _, env := range []string{"SANCTIONSCAN_MATCHING_MATCH_THRESHOLD=1.5", "SANCTIONSCAN_MATCHING_REVIEW_THRESHOLD=0.9", "SANCTIONSCAN_MATCHING_MATCH_THRESHOLD=NaN"} {
		for _, args := range [][]string{{"screen", "Abdul Ghani Baradar"}, {"run", "--out", t.TempDir()}, {"eval", "match", "--pairs", "x.csv"}} {
			cmd := sanctionscan(args...)
			cmd.Env = append(os.Environ(), env)
			code, _, stderr := exitOf(t, cmd)
			if code != exitUsage || !strings.Contains(stderr, "thresholds must satisfy") {
				t.Errorf("%s sanctionscan %v: exit %d, want %d with the thresholds' rule:\n%s", env, args, code, exitUsage, stderr)
			}
		}
	}
}

// TestUsageBadExtract: an extraction cap or max_hits below 1 (a zero had
// silently meant the default while the manifest recorded 0) or an unknown
// fallback is a usage error before any list loads.
func TestUsageBadExtract(t *testing.T) {
	for env, want := range map[string]string{
		"SANCTIONSCAN_EXTRACT_MAX_INPUT_BYTES=-5": "extract.max_input_bytes must be > 0, got -5",
		"SANCTIONSCAN_EXTRACT_MAX_INPUT_BYTES=0":  "extract.max_input_bytes must be > 0, got 0",
		"SANCTIONSCAN_EXTRACT_MAX_TEXT_LENGTH=0":  "extract.max_text_length must be > 0, got 0",
		"SANCTIONSCAN_EXTRACT_MAX_DOM_DEPTH=-1":   "extract.max_dom_depth must be > 0, got -1",
		"SANCTIONSCAN_MATCHING_MAX_HITS=0":        "matching.max_hits must be >= 1, got 0",
		"SANCTIONSCAN_EXTRACT_FALLBACK=goose":     `extract.fallback: unknown "goose"`,
	} {
		cmd := sanctionscan("run", "--out", t.TempDir())
		cmd.Env = append(os.Environ(), env)
		code, _, stderr := exitOf(t, cmd)
		if code != exitUsage || !strings.Contains(stderr, want) || strings.Contains(stderr, "list loaded") {
			t.Errorf("%s: exit %d, want %d with %q before the lists load:\n%s", env, code, exitUsage, want, stderr)
		}
	}
}

// TestUsageScreenStdin: "-" as the only argument reads names from stdin, one
// per line; "-" among names is refused instead of screened as a name.
func TestUsageScreenStdin(t *testing.T) {
	runUsageCases(t, []usageCase{
		{"stdin names", []string{"screen", "-"}, "Abdul Ghani Baradar\n\nKassym-Jomart Tokayev\n", exitOK,
			[]string{"Abdul Ghani Baradar\n  match", "TAi.024", "Kassym-Jomart Tokayev\n  no hits"}},
		{"dash before a name", []string{"screen", "-", "Taliban"}, "Baradar\n", exitUsage, []string{`"-" (names from stdin) must be the only argument`}},
		{"dash after a name", []string{"screen", "Taliban", "-"}, "", exitUsage, []string{`"-" (names from stdin) must be the only argument`}},
	})
}

// TestUsageListsDiffMixed: OLD and NEW of different formats or datasets, or
// one side mixing formats, are refused with both formats named (exit 2).
func TestUsageListsDiffMixed(t *testing.T) {
	const un, sdn = "testdata/lists/un_consolidated_excerpt.xml", "testdata/lists/ofac/sdn.csv"
	runUsageCases(t, []usageCase{
		{"UN vs OFAC", []string{"lists", "diff", un, sdn}, "", exitUsage,
			[]string{un + " is un_xml (dataset un_sc_sanctions)", sdn + " is ofac_csv (dataset us_ofac_sdn)", "only two snapshots of one list"}},
		{"OFAC CSV vs OFAC XML", []string{"lists", "diff", sdn, "testdata/lists/ofac_cons_excerpt.xml"}, "", exitUsage,
			[]string{"is ofac_csv", "is ofac_xml"}},
		{"EU vs UK, --json", []string{"lists", "diff", "--json", "testdata/lists/eu_fsf_excerpt.xml", "testdata/lists/uk_conlist_excerpt.csv"}, "", exitUsage,
			[]string{"is eu_xml", "is uk_csv"}},
		{"mixed formats in OLD", []string{"lists", "diff", un + "," + sdn, sdn}, "", exitUsage,
			[]string{"is ofac_csv but", "is un_xml", "files of different list formats"}},
		{"same list", []string{"lists", "diff", un, un}, "", exitOK, []string{"added=0 removed=0 changed=0"}},
	})
}

// TestUsageEvalEmptyInput: an evaluation input holding no labelled items is
// an error (exit 1) naming what it lacks, not a score of 0.
func TestUsageEvalEmptyInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.html", "")
	docstartOnly := write("docstart.txt", "-DOCSTART- -X- -X- O\n\n\n")
	noPairs := write("pairs-header.csv", "schema,name1,name2,is_match\n")
	blankPairs := write("pairs-blank.csv", "schema,name1,name2,is_match\nPerson,,Baradar,true\n")
	onePair := write("pairs/one.csv", "schema,name1,name2,is_match\nPerson,Abdul Ghani Baradar,BARADAR Abdul Ghani,true\n")
	noParity := write("parity.csv", "query_name,result_name,ofac_score\n")
	zyte := filepath.Dir(write("zyte/ground-truth.json", "{}"))
	htmldate := filepath.Dir(filepath.Dir(write("htmldate/tests/eval_empty.json", "{}")))
	runUsageCases(t, []usageCase{
		{"ner empty file", []string{"eval", "ner", "--conll", empty}, "", exitFatal, []string{empty + " holds no CoNLL sentences"}},
		{"ner only -DOCSTART-", []string{"eval", "ner", "--conll", docstartOnly, "--format", "conll"}, "", exitFatal, []string{"holds no CoNLL sentences"}},
		{"ner empty wnut", []string{"eval", "ner", "--conll", empty, "--format", "wnut"}, "", exitFatal, []string{"holds no CoNLL sentences"}},
		{"match header only", []string{"eval", "match", "--pairs", noPairs}, "", exitFatal, []string{noPairs + " holds no labelled pairs"}},
		{"match only blank names", []string{"eval", "match", "--pairs", blankPairs}, "", exitFatal, []string{"holds no labelled pairs"}},
		{"match empty parity", []string{"eval", "match", "--pairs", onePair, "--parity", noParity}, "", exitFatal, []string{noParity + " holds no OFAC parity pairs"}},
		{"match one pair", []string{"eval", "match", "--pairs", onePair}, "", exitOK, []string{"f1=1.0000", "n=1 "}},
		{"extract zyte empty", []string{"eval", "extract", "--zyte", zyte}, "", exitFatal, []string{zyte + " holds no labelled pages"}},
		{"extract htmldate empty", []string{"eval", "extract", "--htmldate", htmldate}, "", exitFatal, []string{"no labelled htmldate pages"}},
		{"extract charsets empty", []string{"eval", "extract", "--charsets", dir}, "", exitFatal, []string{"CHARSETS.tsv"}},
	})
}
