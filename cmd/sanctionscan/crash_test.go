package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/sanctionscan/sanctionscan/output"
)

// binary is the sanctionscan binary built once for the process tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sanctionscan-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "sanctionscan")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building sanctionscan: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// articleInputs writes n distinct copies of the seed fixture into a folder.
func articleInputs(t *testing.T, n int) string {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", "kazakhstan-taliban.html"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range n {
		page := strings.Replace(string(seed), "in 2005.", fmt.Sprintf("in 2005, report %d said.", i), 1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page-%03d.html", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sanctionscan returns a command running the built binary from the repository root.
func sanctionscan(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "SANCTIONSCAN_OUTPUT_PART_ROWS=3", "SANCTIONSCAN_LOG_LEVEL=warn")
	return cmd
}

// readParts reads every complete part of a table; a part that cannot be read fails the test.
func readParts[T any](t *testing.T, dir, table string) []T {
	t.Helper()
	parts, _ := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	var rows []T
	for _, p := range parts {
		got, err := parquet.ReadFile[T](p)
		if err != nil {
			t.Fatalf("a visible part is not readable after the crash: %s: %v", p, err)
		}
		rows = append(rows, got...)
	}
	return rows
}

// TestKillAndResume kills the run with SIGKILL (and SIGINT) at several
// moments: only complete, readable parts remain; --resume finishes the job;
// the union holds each document exactly once with all its mentions.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	const n = 24
	in := articleInputs(t, n)
	ref := t.TempDir()
	if out, err := sanctionscan("run", "--workers", "2", "--out", ref, in).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	refMentions := len(readParts[output.Mention](t, ref, output.TableMentions))
	for _, tc := range []struct {
		sig   syscall.Signal
		after time.Duration
	}{{syscall.SIGKILL, 0}, {syscall.SIGKILL, 200 * time.Millisecond}, {syscall.SIGKILL, 700 * time.Millisecond}, {syscall.SIGINT, 300 * time.Millisecond}} {
		t.Run(fmt.Sprintf("%v-after-%v", tc.sig, tc.after), func(t *testing.T) {
			out := t.TempDir()
			cmd := sanctionscan("run", "--workers", "2", "--out", out, in)
			cmd.Env = append(cmd.Env, "SANCTIONSCAN_LOG_LEVEL=info")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			started := make(chan struct{})
			go func() { // the clock starts when documents start, not at process start
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					if strings.Contains(sc.Text(), "run starting") {
						close(started)
						break
					}
				}
				_, _ = io.Copy(io.Discard, stderr)
			}()
			select {
			case <-started:
			case <-time.After(2 * time.Minute):
				t.Fatal("the run did not start within 2 minutes")
			}
			time.Sleep(tc.after)
			_ = cmd.Process.Signal(tc.sig)
			err = cmd.Wait()
			var exit *exec.ExitError
			if tc.sig == syscall.SIGINT && err != nil && (!errors.As(err, &exit) || exit.ExitCode() != exitInterrupted) {
				t.Errorf("SIGINT: %v, want exit %d", err, exitInterrupted)
			}
			readParts[output.Document](t, out, output.TableDocuments) // every visible part readable
			resumed, err := sanctionscan("run", "--workers", "2", "--resume", "--out", out, in).CombinedOutput()
			if err != nil {
				t.Fatalf("resume: %v\n%s", err, resumed)
			}
			docs := readParts[output.Document](t, out, output.TableDocuments)
			sources := make([]string, 0, len(docs))
			seen := map[string]int{}
			for _, d := range docs {
				seen[d.Source]++
				sources = append(sources, d.Source)
			}
			sort.Strings(sources)
			if len(docs) != n || len(seen) != n {
				t.Fatalf("after resume: %d documents rows for %d distinct sources, want %d each once: %v", len(docs), len(seen), n, sources)
			}
			if got := len(readParts[output.Mention](t, out, output.TableMentions)); got != refMentions {
				t.Errorf("after resume: %d mentions, the uninterrupted run has %d", got, refMentions)
			}
		})
	}
}
