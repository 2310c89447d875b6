package screen

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/pipeline/sharedtest"
)

// sharedData returns ../shared/data/<rel> beside the repository, or skips.
func sharedData(t testing.TB, rel string) string { return sharedtest.Data(t, rel) }

// TestEvalNameBench is the F1 floor of issue 6 on the nomenklatura name
// benchmark at the default match threshold (OpenSanctions logic-v2: 0.790).
func TestEvalNameBench(t *testing.T) {
	f, err := os.Open(sharedData(t, "matching/nomenklatura_name_bench_cases.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt := DefaultOptions()
	res, err := EvalPairs(f, opt, opt.MatchThreshold)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("SCREEN_EVAL_VERBOSE") != "" {
		for _, p := range res.Pairs {
			if (p.Score >= res.Threshold) != p.IsMatch {
				t.Logf("%v %.3f %s | %s | %s | %s", p.IsMatch, p.Score, p.Schema, p.Name1, p.Name2, p.Explanation)
			}
		}
	}
	t.Logf("n=%d TP=%d FP=%d FN=%d TN=%d P=%.4f R=%.4f F1=%.4f best F1 %.4f at %.2f", len(res.Pairs), res.TP, res.FP, res.FN, res.TN, res.Precision, res.Recall, res.F1, res.BestF1, res.BestThreshold)
	if len(res.Pairs) != 826 {
		t.Errorf("pairs = %d, want 826", len(res.Pairs))
	}
	if res.F1 < 0.90 {
		t.Errorf("F1 = %.4f, want ≥ 0.90", res.F1)
	}
}

func TestEvalPairsAndParity(t *testing.T) {
	pairs := "case_group,schema,name1,name2,is_match\nx,Person,Olaf Scholz,Olaf Scholz,true\nx,Person,George Bush,George Habash,false\nx,Person,,Empty,true\n"
	res, err := EvalPairs(strings.NewReader(pairs), DefaultOptions(), 0.85)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pairs) != 2 || res.TP != 1 || res.TN != 1 || res.F1 != 1 {
		t.Errorf("got %+v", res)
	}
	if _, err := EvalPairs(strings.NewReader("a,b\n1,2\n"), DefaultOptions(), 0.85); !errors.Is(err, ErrBadPairs) {
		t.Errorf("missing columns: err %v, want ErrBadPairs", err)
	}
	parity := "query_name,result_name,ofac_score\nVLADIMIR PUTIN,\"PUTIN, Vladimir\",100\nVLADIMIR PUTIN,VLADIMIR BILIY,90\n"
	pr, err := EvalParity(strings.NewReader(parity), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if pr.Pairs != 2 || pr.Queries != 1 || pr.RankAgreement != 1 {
		t.Errorf("parity %+v", pr)
	}
	if _, err := EvalParity(strings.NewReader("query_name,result_name,ofac_score\na,b,high\n"), DefaultOptions()); !errors.Is(err, ErrBadPairs) {
		t.Errorf("bad score: err %v, want ErrBadPairs", err)
	}
}
