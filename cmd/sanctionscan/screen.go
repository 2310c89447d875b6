package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/lists/screen"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// screenBatch is how many stdin names are screened in parallel before their
// results are printed (in input order).
const screenBatch = 1024

// newScreenCmd returns `screen [--list NAME=PATH[,PATH...]]... [--schema
// Person|Organization] [--json] NAME... | -`: it loads the configured (or
// --list) lists once, screens each name (from the arguments, or one per line
// from stdin when "-" is the only argument) and prints the hits best first
// with score, decision and explanation; --json prints one object per input
// name, in input order. "-" among names, or an empty name, is a usage error
// (pipeline.ErrConfig, exit 2).
func newScreenCmd() *cobra.Command {
	var schema string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "screen [--list NAME=PATH[,PATH...]]... [--schema Person|Organization] [--json] NAME... | -",
		Short: "Screen names against the loaded lists",
		Long: `Screens each NAME against the configured lists (config "lists:", or --list NAME=PATH[,PATH...])
and prints its hits best first with score, decision and explanation; --json prints one JSON object
per name, in input order. With "-" as the only argument the names are read from stdin, one per
line (blank lines skipped), for bulk screening: sanctionscan screen - < names.txt`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			stdin := len(args) == 1 && args[0] == "-"
			for _, a := range args {
				switch {
				case a == "-" && !stdin:
					return fmt.Errorf("%w: screen: \"-\" (names from stdin) must be the only argument", pipeline.ErrConfig)
				case strings.TrimSpace(a) == "":
					return fmt.Errorf("%w: screen: empty name argument", pipeline.ErrConfig)
				}
			}
			qs, err := querySchemaFlag(schema)
			if err != nil {
				return err
			}
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			if len(cfg.Lists) == 0 {
				return fmt.Errorf("%w: screen: no lists configured (use --list NAME=PATH or the config file)", pipeline.ErrConfig)
			}
			datasets, err := pipeline.LoadLists(cmd.Context(), cfg.Lists)
			if err != nil {
				return fmt.Errorf("screen: %w", err)
			}
			ix := screen.NewIndex(datasets, cfg.Matching)
			w := bufio.NewWriter(cmd.OutOrStdout())
			defer w.Flush()
			print := func(names []string) error {
				for i, hits := range screenAll(ix, names, qs) {
					if err := writeHits(w, names[i], hits, asJSON); err != nil {
						return err
					}
				}
				return nil
			}
			if stdin {
				return screenLines(cmd.Context().Done(), cmd.InOrStdin(), print)
			}
			return print(args)
		},
	}
	cmd.Flags().StringVar(&schema, "schema", "", "screen as Person or Organization (default: against every schema)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "one JSON object per input name with its hits")
	return cmd
}

// querySchemaFlag validates --schema.
func querySchemaFlag(s string) (string, error) {
	switch strings.ToLower(s) {
	case "":
		return "", nil
	case "person":
		return lists.SchemaPerson, nil
	case "organization", "organisation":
		return lists.SchemaOrganization, nil
	}
	return "", fmt.Errorf("%w: --schema %q: want Person or Organization", pipeline.ErrConfig, s)
}

// screenLines reads one name per line from r (blank lines skipped) and hands
// them to print in batches, stopping early when done is closed.
func screenLines(done <-chan struct{}, r io.Reader, print func([]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	batch := make([]string, 0, screenBatch)
	for sc.Scan() {
		select {
		case <-done:
			return pipeline.ErrInterrupted
		default:
		}
		if name := strings.TrimSpace(sc.Text()); name != "" {
			batch = append(batch, name)
		}
		if len(batch) == screenBatch {
			if err := print(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("screen: reading stdin: %w", err)
	}
	return print(batch)
}

// screenAll screens names on GOMAXPROCS goroutines; results keep input order.
func screenAll(ix *screen.Index, names []string, schema string) [][]screen.Hit {
	out := make([][]screen.Hit, len(names))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(names) {
					return
				}
				out[i] = ix.Screen(screen.Query{Name: names[i], Schema: schema})
			}
		})
	}
	wg.Wait()
	return out
}

// screenHit is one hit as `screen --json` prints it (the matches table's column names).
type screenHit struct {
	Dataset         string   `json:"dataset"`
	DesignationID   string   `json:"designation_id"`
	DesignationName string   `json:"designation_name"`
	MatchedName     string   `json:"matched_name"`
	AliasStrength   string   `json:"alias_strength"`
	Schema          string   `json:"schema"`
	Programs        []string `json:"programs"`
	Score           float64  `json:"score"`
	Decision        string   `json:"decision"`
	Explanation     string   `json:"explanation"`
	ListVersion     string   `json:"list_version"`
}

func writeHits(w io.Writer, name string, hits []screen.Hit, asJSON bool) error {
	if asJSON {
		out := struct {
			Name string      `json:"name"`
			Hits []screenHit `json:"hits"`
		}{Name: name, Hits: make([]screenHit, 0, len(hits))}
		for _, h := range hits {
			d := h.Designation
			programs := d.Programs
			if programs == nil {
				programs = []string{}
			}
			out.Hits = append(out.Hits, screenHit{d.Dataset, d.ID, d.Name, h.MatchedName, h.AliasStrength, d.Schema,
				programs, h.Score, h.Decision, h.Explanation, h.ListVersion})
		}
		b, err := json.Marshal(out)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	if _, err := fmt.Fprintf(w, "%s\n", name); err != nil {
		return err
	}
	if len(hits) == 0 {
		_, err := fmt.Fprintln(w, "  no hits")
		return err
	}
	for _, h := range hits {
		d := h.Designation
		if _, err := fmt.Fprintf(w, "  %-6s %.4f  %s/%s %s\n         %s\n", h.Decision, h.Score, d.Dataset, d.ID, d.Name, h.Explanation); err != nil {
			return err
		}
	}
	return nil
}
