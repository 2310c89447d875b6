// Command sanctionscan reads news articles, finds the people, organisations
// and places they mention, and screens them against sanctions and designation
// lists, writing Parquet tables (see README.md and DESIGN.md).
//
// Exit codes: 0 success (per-document errors are rows, not failures); 1 fatal
// error; 2 usage or configuration error; 3 with --fail-on-match when any
// decision is "match"; 130 interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// Exit codes (DESIGN.md).
const (
	exitOK          = 0
	exitFatal       = 1
	exitUsage       = 2
	exitMatch       = 3
	exitInterrupted = 130
)

// errMatchFound is returned by run with --fail-on-match when a decision is "match".
var errMatchFound = errors.New("a designation matched (--fail-on-match)")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	code := exitCode(err)
	if err != nil && code != exitMatch {
		fmt.Fprintln(os.Stderr, "sanctionscan:", err)
	}
	os.Exit(code)
}

func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errMatchFound):
		return exitMatch
	case errors.Is(err, pipeline.ErrInterrupted), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, pipeline.ErrConfig), errors.Is(err, lists.ErrMixedFormats):
		return exitUsage // a dataset's files of different formats is a configuration mistake
	}
	return exitFatal
}
