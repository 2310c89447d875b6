package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/pipeline"
)

// flagKeys maps config keys to the flags that set them; a flag only counts
// when the user gave it (flag > env > file > default).
var flagKeys = map[string]string{
	"out":                       "out",
	"workers":                   "workers",
	"fail_on_match":             "fail-on-match",
	"resume":                    "resume",
	"dry_run":                   "dry-run",
	"shard_index":               "shard-index",
	"shard_count":               "shard-count",
	"output.report":             "report",
	"output.formats":            "format",
	"log.level":                 "log-level",
	"log.format":                "log-format",
	"matching.match_threshold":  "match-threshold",
	"matching.review_threshold": "review-threshold",
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "sanctionscan",
		Short:         "Find the people and organisations news articles mention, and which are on sanctions lists",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().String("config", "", "config file (default ./config.yaml when present)")
	root.PersistentFlags().StringArray("list", nil, "list to load, NAME=PATH[,PATH...] (repeatable; replaces the configured lists)")
	root.PersistentFlags().String("log-level", "info", "log level: debug, info, warn, error")
	root.PersistentFlags().String("log-format", "auto", "log format: auto (JSON unless stderr is a terminal and CI is unset), json, text")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v", pipeline.ErrConfig, err)
	})
	eval := &cobra.Command{Use: "eval", Short: "Evaluate a stage on gold data; the last line is key=value pairs"}
	eval.AddCommand(newEvalExtractCmd(), newEvalNERCmd(), newEvalMatchCmd(), newEvalThroughputCmd())
	root.AddCommand(newRunCmd(), newScreenCmd(), newListsCmd(), eval, newVersionCmd())
	root.SetHelpCommand(newHelpCmd())
	root.InitDefaultCompletionCmd() // now, so that usageArgs covers it
	usageArgs(root)
	return root
}

// usageArgs makes every argument error of cmd and its subcommands a usage
// error (exit 2), as flag errors are: a wrong argument count, and on a group
// verb (sub-verbs, nothing of its own to run: the root, eval, lists,
// completion) an unknown sub-verb or none. A group verb given none prints
// its help on stderr: nothing was done, so it is not a success.
func usageArgs(cmd *cobra.Command) {
	if cmd.HasSubCommands() && !cmd.Runnable() {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("unknown command %q for %q (want one of: %s)", args[0], c.CommandPath(), subVerbs(c))
			}
			return nil
		}
		cmd.RunE = func(c *cobra.Command, _ []string) error {
			c.SetOut(c.ErrOrStderr())
			_ = c.Help()
			return fmt.Errorf("%w: %s: missing command (want one of: %s)", pipeline.ErrConfig, c.CommandPath(), subVerbs(c))
		}
	}
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return fmt.Errorf("%w: %v", pipeline.ErrConfig, err)
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		usageArgs(sub)
	}
}

// subVerbs lists the names of c's available sub-verbs, comma-separated.
func subVerbs(c *cobra.Command) string {
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	return strings.Join(names, ", ")
}

// newHelpCmd returns `help [VERB...]`: the help of the named verb (of the
// root without one), exit 0; an unknown verb is a usage error (exit 2),
// where cobra's own help command printed the root's help and exited 0.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || len(rest) > 0 {
				return fmt.Errorf("%w: unknown help topic %q (want one of: %s)", pipeline.ErrConfig, strings.Join(args, " "), subVerbs(c.Root()))
			}
			return target.Help()
		},
	}
}

// loadConfig resolves the configuration for cmd: flag > SANCTIONSCAN_* env >
// config file > default, with --list flags replacing the configured lists.
// Errors wrap pipeline.ErrConfig.
func loadConfig(cmd *cobra.Command) (*pipeline.Config, error) {
	path, _ := cmd.Flags().GetString("config")
	cfg, err := pipeline.LoadConfig(path, cmd.Flags(), flagKeys)
	if err != nil {
		return nil, err
	}
	if f := cmd.Flags().Lookup("list"); f != nil && f.Changed {
		values, _ := cmd.Flags().GetStringArray("list")
		specs := make([]pipeline.ListSpec, 0, len(values))
		for _, v := range values {
			spec, err := pipeline.ParseListFlag(v)
			if err != nil {
				return nil, err
			}
			specs = append(specs, spec)
		}
		cfg.SetLists(specs)
	}
	if err := cfg.ApplySchedulerDefaults(os.Getenv); err != nil {
		return nil, err
	}
	if err := cfg.ValidateMatching(); err != nil { // every verb; Run checks the rest
		return nil, err
	}
	return cfg, nil
}

// isTerminal reports whether stderr is an interactive terminal outside CI.
func isTerminal() bool {
	return term.IsTerminal(int(os.Stderr.Fd())) && os.Getenv("CI") == ""
}

// newLogger returns the run's logger on w: JSON when w is not a terminal or
// CI is set (or format is "json"), human-readable text otherwise.
func newLogger(w io.Writer, cfg *pipeline.Config) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Log.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" || (cfg.Log.Format != "text" && !isTerminal()) {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// buildVersion returns the module version and VCS commit this binary was built from.
func buildVersion() (version, commit string) {
	version, commit = "devel", "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				commit = s.Value
			}
		}
	}
	return version, commit
}

// newVersionCmd prints the build's version, commit and the output schema
// version; --json prints them as one object ({"version", "commit",
// "schema_version", "go"}) for scripts that pin the schema.
func newVersionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print version, commit and output schema version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, c := buildVersion()
			if asJSON {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(map[string]string{
					"version": v, "commit": c, "schema_version": output.SchemaVersion, "go": runtime.Version()})
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sanctionscan %s commit=%s schema_version=%s\n", v, c, output.SchemaVersion)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}
