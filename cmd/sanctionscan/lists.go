package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sanctionscan/sanctionscan/lists"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// maxListedRows bounds the set-aside rows and warnings `lists show` prints
// per dataset in text mode; --json prints them all.
const maxListedRows = 20

func newListsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lists",
		Short: "Show, compare and download the designation lists",
	}
	cmd.AddCommand(newListsShowCmd(), newListsDiffCmd(), newListsFetchCmd())
	return cmd
}

func newListsShowCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show [--json]",
		Short: "Load the configured lists (or --list) and print what was loaded",
		Long: `Loads each configured list (config "lists:", or --list NAME=PATH[,PATH...]) and prints its dataset
name, format, files with sha256, publication date, designations by schema, alias counts, and the rows
set aside with their reasons. --json prints one JSON object per dataset per line (fields: dataset,
format, files, sha256, published, designations, by_schema, aliases, weak_aliases, set_aside,
warnings, notes).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			if len(cfg.Lists) == 0 {
				return fmt.Errorf("%w: no lists configured (config \"lists:\" or --list NAME=PATH)", pipeline.ErrConfig)
			}
			datasets, err := pipeline.LoadLists(cmd.Context(), cfg.Lists)
			if err != nil {
				return err
			}
			asJSON, _ := cmd.Flags().GetBool("json")
			w := cmd.OutOrStdout()
			for _, ds := range datasets {
				s := lists.Summary(ds)
				if asJSON {
					if err := writeJSONLine(w, s); err != nil {
						return err
					}
					continue
				}
				printSummary(w, s)
			}
			return nil
		},
	}
	cmd.Flags().Bool("json", false, "one JSON object per dataset")
	return cmd
}

func writeJSONLine(w io.Writer, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func printSummary(w io.Writer, s lists.DatasetSummary) {
	schemas := make([]string, 0, len(s.BySchema))
	for schema, n := range s.BySchema {
		schemas = append(schemas, fmt.Sprintf("%s=%d", schema, n))
	}
	sort.Strings(schemas)
	published := s.Published
	if published == "" {
		published = "not stated"
	}
	fmt.Fprintf(w, "%s\tformat=%s published=%s designations=%d (%s) aliases=%d weak_aliases=%d set_aside=%d warnings=%d\n",
		s.Dataset, s.Format, published, s.Designations, strings.Join(schemas, " "), s.Aliases, s.WeakAliases, len(s.SetAside), len(s.Warnings))
	for i, f := range s.Files {
		fmt.Fprintf(w, "  file %s sha256=%s\n", f, s.SHA256[i])
	}
	for _, n := range s.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	printRows(w, "set aside", s.SetAside)
	printRows(w, "warning", s.Warnings)
}

func printRows(w io.Writer, label string, rows []lists.SetAside) {
	for i, r := range rows {
		if i == maxListedRows {
			fmt.Fprintf(w, "  ... %d more %s rows (--json lists them all)\n", len(rows)-maxListedRows, label)
			return
		}
		fmt.Fprintf(w, "  %s: %s:%d: %s\n", label, r.File, r.Line, r.Reason)
	}
}

func newListsDiffCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff OLD NEW [--json]",
		Short: "Compare two snapshots of a list: designations added, removed and changed",
		Long: `OLD and NEW are each a list file or a comma-separated set of files (an OFAC CSV set:
sdn.csv,alt.csv,add.csv,sdn_comments.csv); formats are recognised from content. Designations are
compared by id; changes are reported for name, schema, aliases, weak aliases and programmes.
OLD and NEW must be snapshots of the same list: files of different formats (as in one --list)
or of different datasets are a usage error (exit 2).
Text output ends with the line "added=N removed=N changed=N"; --json prints one JSON object
{added, removed, changed} instead.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			snaps, err := loadSnapshots(cmd.Context(), args[0], args[1])
			if err != nil {
				return err
			}
			d := lists.Diff(snaps[0], snaps[1])
			w := cmd.OutOrStdout()
			if asJSON, _ := cmd.Flags().GetBool("json"); asJSON {
				return writeJSONLine(w, d)
			}
			for _, e := range d.Added {
				fmt.Fprintf(w, "+ %s\t%s\t%s\n", e.ID, e.Schema, e.Name)
			}
			for _, e := range d.Removed {
				fmt.Fprintf(w, "- %s\t%s\t%s\n", e.ID, e.Schema, e.Name)
			}
			for _, c := range d.Changed {
				var parts []string
				for _, f := range c.Changes {
					parts = append(parts, fmt.Sprintf("%s +%q -%q", f.Field, f.Added, f.Removed))
				}
				fmt.Fprintf(w, "~ %s\t%s\t%s\n", c.ID, c.Name, strings.Join(parts, "; "))
			}
			fmt.Fprintf(w, "added=%d removed=%d changed=%d\n", len(d.Added), len(d.Removed), len(d.Changed))
			return nil
		},
	}
	cmd.Flags().Bool("json", false, "print the diff as one JSON object")
	return cmd
}

// loadSnapshots loads the OLD and NEW arguments of `lists diff`. These are
// usage errors wrapping pipeline.ErrConfig: an argument naming no file;
// files of different formats within one argument (lists.ErrMixedFormats, as
// `run --list` refuses them); OLD and NEW of different formats or datasets
// (Dataset.Format, Dataset.Name: e.g. the UN XML against an OFAC CSV set,
// or exports of two OpenSanctions datasets). A file that cannot be read or
// parsed is returned as lists.Load reports it (exit 1).
func loadSnapshots(ctx context.Context, oldArg, newArg string) ([2]*lists.Dataset, error) {
	var snaps [2]*lists.Dataset
	for i, arg := range []string{oldArg, newArg} {
		paths := splitPaths(arg)
		if len(paths) == 0 {
			return snaps, fmt.Errorf("%w: lists diff: argument %d (%q) names no file", pipeline.ErrConfig, i+1, arg)
		}
		ds, err := lists.Load(ctx, "", paths)
		if errors.Is(err, lists.ErrMixedFormats) {
			return snaps, fmt.Errorf("%w: lists diff: %w", pipeline.ErrConfig, err)
		}
		if err != nil {
			return snaps, err
		}
		snaps[i] = ds
	}
	if o, n := snaps[0], snaps[1]; o.Format != n.Format || o.Name != n.Name {
		return snaps, fmt.Errorf("%w: lists diff: %s is %s (dataset %s) but %s is %s (dataset %s): only two snapshots of one list can be compared",
			pipeline.ErrConfig, oldArg, o.Format, o.Name, newArg, n.Format, n.Name)
	}
	return snaps, nil
}

// splitPaths splits a comma-separated path set.
func splitPaths(arg string) []string {
	var out []string
	for _, p := range strings.Split(arg, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func newListsFetchCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fetch [--dir DIR] [--json]",
		Short: "Download the configured lists' official files into dated snapshot folders",
		Long: `Downloads the official URLs of each configured list (config "lists: NAME: urls:"; for the
DESIGN.md dataset names without configured URLs, the publishers' known URLs) into
DIR/<dataset>/<YYYY-MM-DD>/<file>, dated by the server's Last-Modified. ETag / Last-Modified are
remembered, so an unchanged list is not downloaded again. Ends with "fetched=N not_modified=N
failed=N"; exits 1 when any download failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(cmd)
			if err != nil {
				return err
			}
			var sources []lists.FetchSource
			for _, spec := range cfg.Lists {
				urls := spec.URLs
				if len(urls) == 0 {
					urls = lists.OfficialURLs[spec.Name]
				}
				if len(urls) > 0 {
					sources = append(sources, lists.FetchSource{Dataset: spec.Name, URLs: urls})
				}
			}
			if len(sources) == 0 {
				return fmt.Errorf("%w: no list has URLs to fetch (config \"lists: NAME: urls:\")", pipeline.ErrConfig)
			}
			dir, _ := cmd.Flags().GetString("dir")
			results, fetchErr := lists.Fetch(cmd.Context(), sources, dir, nil)
			w := cmd.OutOrStdout()
			asJSON, _ := cmd.Flags().GetBool("json")
			notModified := 0
			for _, r := range results {
				if r.NotModified {
					notModified++
				}
				if asJSON {
					if err := writeJSONLine(w, r); err != nil {
						return err
					}
					continue
				}
				state := fmt.Sprintf("%d bytes sha256=%s", r.Bytes, r.SHA256)
				if r.NotModified {
					state = "not modified"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Dataset, r.URL, r.Path, state)
			}
			if !asJSON {
				fmt.Fprintf(w, "fetched=%d not_modified=%d failed=%d\n", len(results)-notModified, notModified, len(unwrapJoined(fetchErr)))
			}
			return fetchErr // main prints each failure
		},
	}
	cmd.Flags().String("dir", "lists", "folder for the downloaded snapshots")
	cmd.Flags().Bool("json", false, "one JSON object per downloaded file")
	return cmd
}

// unwrapJoined returns the errors joined in err (errors.Join), err itself,
// or none for nil.
func unwrapJoined(err error) []error {
	var joined interface{ Unwrap() []error }
	switch {
	case err == nil:
		return nil
	case errors.As(err, &joined):
		return joined.Unwrap()
	}
	return []error{err}
}
