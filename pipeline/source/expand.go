package source

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// StdinInput is the input that stands for a newline-separated list of inputs read from stdin.
const StdinInput = "-"

// maxListLine caps one line of a stdin list (a path or URL); longer lines are an error.
const maxListLine = 64 << 10

// Expand resolves inputs into an ordered, de-duplicated list of locators:
//   - a directory becomes, recursively and in lexical order, every file named *.html, *.htm,
//     *.xhtml (each optionally + .gz) or *.warc, *.warc.gz (case-insensitive);
//   - a file named explicitly is kept whatever its name;
//   - an http(s) URL (anything containing "://") is kept as given;
//   - "-" is replaced by the inputs listed on stdin, one per line (blank lines and lines
//     starting with "#" skipped, surrounding space trimmed), each expanded as above; stdin is
//     read at most once, later "-" are duplicates;
//   - a path that does not exist or cannot be walked is kept, so that Read yields an error Doc.
//
// Empty inputs are ignored. Paths are cleaned (filepath.Clean); the first occurrence of a
// locator wins, a file given by a relative and an absolute path being one locator, spelt as
// first given. Expand fails
// only when ctx is done or stdin cannot be read.
func Expand(ctx context.Context, inputs []string, stdin io.Reader) ([]string, error) {
	e := expander{seen: map[string]bool{}}
	for _, in := range inputs {
		if in == StdinInput {
			if e.stdinRead {
				continue
			}
			e.stdinRead = true
			list, err := parseList(stdin)
			if err != nil {
				return nil, fmt.Errorf("reading input list from stdin: %w", err)
			}
			for _, item := range list {
				if item == StdinInput {
					continue // stdin is being read already
				}
				if err := e.expand(ctx, item); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := e.expand(ctx, in); err != nil {
			return nil, err
		}
	}
	return e.out, nil
}

type expander struct {
	out       []string
	seen      map[string]bool
	stdinRead bool
}

func (e *expander) add(locator string) {
	key := locator
	if kindOf(locator) != kindURL {
		if abs, err := filepath.Abs(locator); err == nil {
			key = abs // "a.html" and "/data/a.html" are one file
		}
	}
	if !e.seen[key] {
		e.seen[key] = true
		e.out = append(e.out, locator)
	}
}

func (e *expander) expand(ctx context.Context, input string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if input == "" {
		return nil // not an input (filepath.Clean would make it ".")
	}
	if kindOf(input) == kindURL {
		e.add(input)
		return nil
	}
	path := filepath.Clean(input)
	info, err := os.Stat(path)
	if err != nil || !info.IsDir() {
		e.add(path) // a missing or unreadable path becomes an error Doc in Read
		return nil
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			e.add(p) // unreadable directory: Read reports why
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isInputName(d.Name()) {
			e.add(p)
		}
		return nil
	})
}

// inputSuffixes are the file names picked up inside directories (DESIGN.md, Inputs).
var inputSuffixes = []string{
	".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz", ".warc", ".warc.gz",
}

// isInputName reports whether a file found in a directory is an input, by its name.
func isInputName(name string) bool {
	lower := strings.ToLower(name)
	for _, s := range inputSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

// parseList reads a newline-separated input list: LF or CRLF line ends, a leading UTF-8 BOM
// ignored, surrounding white space trimmed, blank lines and "#" comment lines skipped. A line
// longer than 64 KiB or a NUL byte is an error (the stream is not a list).
func parseList(r io.Reader) ([]string, error) {
	if r == nil {
		return nil, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxListLine)
	var out []string
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if bytes.IndexByte(line, 0) >= 0 {
			return nil, fmt.Errorf("line %d: NUL byte: not a list of paths and URLs", n)
		}
		item := strings.TrimSpace(string(line))
		if item == "" || strings.HasPrefix(item, "#") {
			continue
		}
		out = append(out, item)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("input list: %w", err)
	}
	return out, nil
}

// Shard returns the locators whose hash (the first 8 bytes of their SHA-256, big-endian)
// modulo count equals index, in their original order. For count >= 1 the shards 0..count-1 are disjoint and together hold every
// locator exactly once, whatever the order or machine. count < 1 or index outside [0, count)
// returns nil (the caller validates --shard-index/--shard-count).
func Shard(locators []string, index, count int) []string {
	if count < 1 || index < 0 || index >= count {
		return nil
	}
	var out []string
	for _, l := range locators {
		sum := sha256.Sum256([]byte(l))
		if binary.BigEndian.Uint64(sum[:8])%uint64(count) == uint64(index) {
			out = append(out, l)
		}
	}
	return out
}
