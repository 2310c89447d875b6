package pipeline

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionscan/sanctionscan/output"
)

// TestHostileInputs: every broken or hostile file becomes exactly one
// documents row (ok or error with a stage and reason) and the run succeeds.
func TestHostileInputs(t *testing.T) {
	in := t.TempDir()
	write := func(name string, body []byte) {
		if err := os.WriteFile(filepath.Join(in, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("empty.html", nil)
	write("binary.html", bytes.Repeat([]byte{0x00, 0x9f, 0xff, 0x01, 0x7f}, 4096))
	write("invalid-utf8.html", []byte("<html><head><meta charset=utf-8><title>Bad \xff\xfe bytes</title></head><body><article><p>"+
		strings.Repeat("Valid text with \xc3\x28 an invalid sequence, naming Abdul Ghani Baradar. ", 20)+"</p></article></body></html>"))
	write("nested.html", []byte("<html><body>"+strings.Repeat("<div>", 200_000)+"deep"+strings.Repeat("</div>", 200_000)+"</body></html>"))
	write("huge.html", append([]byte("<html><body><p>"), bytes.Repeat([]byte("word "), 6<<20)...)) // 30 MiB
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 { // 64 MiB of zeros, above the 32 MiB decompression cap
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	write("bomb.html.gz", bomb.Bytes())

	out, res := runFixture(t, func(c *Config) { c.Inputs = []string{in} })
	docs := readTable[output.Document](t, out, output.TableDocuments)
	if len(docs) != 6 {
		t.Fatalf("%d documents rows for 6 inputs", len(docs))
	}
	for _, d := range docs {
		t.Logf("%s: %s %s %.80s", filepath.Base(d.Source), d.Status, d.ErrorStage, d.Error)
		if d.Status == "error" && (d.ErrorStage == "" || d.Error == "") {
			t.Errorf("%s: error row without stage or reason", d.Source)
		}
		switch filepath.Base(d.Source) {
		case "empty.html", "binary.html", "bomb.html.gz", "huge.html":
			if d.Status != "error" {
				t.Errorf("%s: status %s, want error", d.Source, d.Status)
			}
		case "nested.html":
			if d.Status != "error" || d.ErrorStage != StageExtract || !strings.Contains(d.Error, "nested more than 512 deep") {
				t.Errorf("nested.html: %s %s %q, want an extract error naming the nesting", d.Status, d.ErrorStage, d.Error)
			}
		}
		if strings.ContainsRune(d.Text, '\uFFFD') && d.Status == "ok" && !strings.Contains(d.Source, "invalid") {
			t.Errorf("%s: replacement characters in text", d.Source)
		}
	}
	if res.Errors() < 4 {
		t.Errorf("errors by stage: %v", res.ErrorsByStage)
	}
}
