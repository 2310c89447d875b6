package pipeline

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/antzucaro/matchr"
	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/sanctionscan/sanctionscan/extract/article"
	"github.com/sanctionscan/sanctionscan/extract/ner"
	"github.com/sanctionscan/sanctionscan/lists/screen"
	"github.com/sanctionscan/sanctionscan/output"
	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// EnvPrefix is the prefix of environment variables that set config keys:
// nested keys are joined with "_" and upper-cased, so matching.match_threshold
// is SANCTIONSCAN_MATCHING_MATCH_THRESHOLD (DESIGN.md).
const EnvPrefix = "SANCTIONSCAN"

// ErrConfig marks a usage or configuration error (exit code 2).
var ErrConfig = errors.New("usage or configuration error")

// ListConfig is one configured list: the files to load and, for `lists fetch`,
// the official URLs to download them from.
type ListConfig struct {
	Paths []string `mapstructure:"paths" json:"paths"`
	URLs  []string `mapstructure:"urls" json:"urls,omitempty"`
}

// ListSpec is one list to load, the dataset name with its files, in the
// order the lists are loaded (sorted by name).
type ListSpec struct {
	Name  string
	Paths []string
	URLs  []string
}

// LogConfig selects the log format: "auto" (JSON when stderr is not a
// terminal or CI is set, text otherwise), "json" or "text"; and the level.
type LogConfig struct {
	Format string `mapstructure:"format"`
	Level  string `mapstructure:"level"`
}

// Validate reports a log format other than auto, json or text, or a level
// log/slog cannot read (debug, info, warn, error, optionally ±n), as an
// ErrConfig.
func (l LogConfig) Validate() error {
	var level slog.Level
	switch {
	case !slices.Contains([]string{"auto", "json", "text"}, l.Format):
		return fmt.Errorf("%w: log.format %q (want auto, json or text)", ErrConfig, l.Format)
	case level.UnmarshalText([]byte(l.Level)) != nil:
		return fmt.Errorf("%w: log.level %q (want debug, info, warn or error)", ErrConfig, l.Level)
	}
	return nil
}

// Config is the resolved configuration of a run. Keys (mapstructure tags) are
// the config file's keys; every key can be set by a flag (where one exists),
// an environment variable (EnvPrefix), the config file or the default, in
// that order of precedence.
type Config struct {
	Inputs      []string              `mapstructure:"inputs"`
	Out         string                `mapstructure:"out"`
	Workers     int                   `mapstructure:"workers"` // 0 = GOMAXPROCS (the CPUs the process may use, container limits included)
	FailOnMatch bool                  `mapstructure:"fail_on_match"`
	Resume      bool                  `mapstructure:"resume"`
	DryRun      bool                  `mapstructure:"dry_run"`
	ShardIndex  int                   `mapstructure:"shard_index"`
	ShardCount  int                   `mapstructure:"shard_count"`
	ListsByName map[string]ListConfig `mapstructure:"lists"`
	Matching    screen.Options        `mapstructure:"matching"`
	Fetch       source.Options        `mapstructure:"fetch"`
	Extract     article.Options       `mapstructure:"extract"`
	NER         ner.Options           `mapstructure:"ner"`
	Output      output.Options        `mapstructure:"output"`
	Log         LogConfig             `mapstructure:"log"`

	// Lists is ListsByName resolved: sorted by name, relative paths made
	// relative to the config file's folder. Set by LoadConfig.
	Lists []ListSpec `mapstructure:"-"`
	// File is the config file read, "" when none.
	File string `mapstructure:"-"`
}

// DefaultConfig is the configuration used for keys no file, env var or flag sets.
func DefaultConfig() Config {
	return Config{
		Out:         "out",
		ShardCount:  1,
		ListsByName: map[string]ListConfig{},
		Matching:    screen.DefaultOptions(),
		Fetch:       source.DefaultOptions(),
		Extract:     article.DefaultOptions(),
		NER:         ner.DefaultOptions(),
		Output:      output.DefaultOptions(),
		Log:         LogConfig{Format: "auto", Level: "info"},
	}
}

// LoadConfig resolves the configuration from the config file (path; "" means
// ./config.yaml when it exists), environment variables and the flags in
// flagKeys (config key → flag; only flags the user set count). It returns an
// error wrapping ErrConfig when the file cannot be read or a value has the
// wrong type.
func LoadConfig(path string, flags *pflag.FlagSet, flagKeys map[string]string) (*Config, error) {
	v := viper.New()
	cfg := DefaultConfig()
	if path == "" {
		if _, err := os.Stat("config.yaml"); err == nil {
			path = "config.yaml"
		}
	}
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("%w: reading %s: %v", ErrConfig, path, err)
		}
		if err := checkKeys(v.AllKeys(), &cfg); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrConfig, path, err)
		}
		cfg.File = path
	}
	for key, name := range flagKeys {
		if f := flags.Lookup(name); f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return nil, fmt.Errorf("%w: flag --%s: %v", ErrConfig, name, err)
			}
		}
	}
	if err := checkEnv(os.Environ(), EnvPrefix, &cfg); err != nil {
		return nil, err
	}
	if err := Decode(v, EnvPrefix, &cfg); err != nil {
		return nil, err
	}
	if err := cfg.Log.Validate(); err != nil { // every verb logs
		return nil, err
	}
	cfg.resolveLists()
	return &cfg, nil
}

// checkEnv reports the first variable of environ (KEY=VALUE) named PREFIX_...
// that sets no key of target, as an ErrConfig: SANCTIONSCAN_OUTPUT_FORMAT
// (for OUTPUT_FORMATS) would otherwise be silently ignored, as a misspelt
// key in the config file is not (checkKeys). Map keys (lists, extract.sites)
// cannot be set from the environment, so their variables are reported too.
func checkEnv(environ []string, prefix string, target any) error {
	known := map[string]bool{}
	walkKeys("", reflect.ValueOf(target).Elem(), false, func(key string, _ any) {
		known[envName(prefix, key)] = true
	})
	var unknown []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, prefix+"_") && !known[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	for _, m := range []string{"lists", "extract.sites"} {
		if strings.HasPrefix(unknown[0], envName(prefix, m)+"_") || unknown[0] == envName(prefix, m) {
			return fmt.Errorf("%w: environment variable %s: %s can only be set in the config file", ErrConfig, unknown[0], m)
		}
	}
	closest, best := "", -1
	for name := range known {
		if d := matchr.Levenshtein(unknown[0], name); best < 0 || d < best || (d == best && name < closest) {
			closest, best = name, d
		}
	}
	return fmt.Errorf("%w: environment variable %s sets no configuration key; did you mean %s? (%s_ and a key of config.yaml in upper case, dots as underscores)",
		ErrConfig, unknown[0], closest, prefix)
}

// envName is the environment variable that sets config key (dotted).
func envName(prefix, key string) string {
	return prefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// Decode unmarshals v into target (a pointer to a struct with mapstructure
// tags) so that environment variables PREFIX_NESTED_KEY override nested keys
// even when neither the file nor a default names them.
//
// viper consults AutomaticEnv only for keys it already knows, so Unmarshal
// silently drops env values for unknown keys and nested keys
// (spf13/viper #761, #798; cases C16, C17). Decode registers every key of the
// target's shape with its current value as default, unmarshals, then pins
// each resolved, typed value so Get, Unmarshal, UnmarshalKey and Get(parent)
// all agree.
func Decode(v *viper.Viper, prefix string, target any) error {
	v.SetEnvPrefix(prefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	walkKeys("", reflect.ValueOf(target).Elem(), false, v.SetDefault)
	if err := v.Unmarshal(target, viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
		mapstructure.StringToTimeDurationHookFunc(), stringToList))); err != nil {
		// mapstructure lists its errors on lines after a heading
		msg := strings.TrimPrefix(err.Error(), "decoding failed due to the following error(s):")
		return fmt.Errorf("%w: %s", ErrConfig, strings.Join(strings.Fields(msg), " "))
	}
	walkKeys("", reflect.ValueOf(target).Elem(), false, v.Set)
	return nil
}

// stringToList is the decode hook for list keys given one string (an
// environment variable): "parquet,jsonl", "parquet jsonl" and the YAML
// flow form "[parquet, jsonl]" all give [parquet jsonl]; "" gives none.
// (viper's own hook splits on commas only, so "[parquet" was a format.)
func stringToList(from, to reflect.Type, data any) (any, error) {
	if from.Kind() != reflect.String || to.Kind() != reflect.Slice || to.Elem().Kind() != reflect.String {
		return data, nil
	}
	s := strings.TrimSpace(data.(string))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	items := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	for i, item := range items {
		items[i] = strings.Trim(item, `"'`)
	}
	return items, nil
}

// checkKeys reports the first of keys (a config file's) that target does not
// have, so a typo ("wokers", "match_treshold") is an error rather than a
// silently ignored setting. Keys under a map field (lists.<dataset>...,
// extract.sites.<rule>...) are the file's own.
func checkKeys(keys []string, target any) error {
	known := map[string]bool{}
	var maps []string
	walkKeys("", reflect.ValueOf(target).Elem(), true, func(key string, val any) {
		known[key] = true
		if reflect.ValueOf(val).Kind() == reflect.Map {
			maps = append(maps, key+".")
		}
	})
	sort.Strings(keys)
	for _, k := range keys {
		if known[k] || slices.ContainsFunc(maps, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		return fmt.Errorf("unknown key %q", k)
	}
	return nil
}

// walkKeys calls set(key, value) for every leaf key of the struct value rv;
// nested structs give dotted keys. Maps are leaves when withMaps is set and
// skipped otherwise (viper learns their keys from the file that names them).
func walkKeys(prefix string, rv reflect.Value, withMaps bool, set func(key string, value any)) {
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		tag := strings.Split(f.Tag.Get("mapstructure"), ",")[0]
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		key := prefix + tag
		fv := rv.Field(i)
		switch {
		case fv.Kind() == reflect.Map && !withMaps:
		case fv.Kind() == reflect.Struct && f.Type.String() != "time.Time":
			walkKeys(key+".", fv, withMaps, set)
		default:
			set(key, fv.Interface())
		}
	}
}

func (c *Config) resolveLists() {
	base := "."
	if c.File != "" {
		base = filepath.Dir(c.File)
	}
	names := make([]string, 0, len(c.ListsByName))
	for name := range c.ListsByName {
		names = append(names, name)
	}
	sort.Strings(names)
	c.Lists = c.Lists[:0]
	for _, name := range names {
		lc := c.ListsByName[name]
		spec := ListSpec{Name: name, URLs: lc.URLs}
		for _, p := range lc.Paths {
			if !filepath.IsAbs(p) {
				p = filepath.Join(base, p)
			}
			spec.Paths = append(spec.Paths, p)
		}
		c.Lists = append(c.Lists, spec)
	}
}

// ParseListFlag parses one --list value "NAME=PATH[,PATH...]".
func ParseListFlag(s string) (ListSpec, error) {
	name, paths, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.TrimSpace(paths) == "" {
		return ListSpec{}, fmt.Errorf("%w: --list %q: want NAME=PATH[,PATH...]", ErrConfig, s)
	}
	spec := ListSpec{Name: name}
	for _, p := range strings.Split(paths, ",") {
		if p = strings.TrimSpace(p); p != "" {
			spec.Paths = append(spec.Paths, p)
		}
	}
	return spec, nil
}

// SetLists replaces the configured lists with specs (from --list flags).
func (c *Config) SetLists(specs []ListSpec) {
	c.Lists = specs
	c.ListsByName = make(map[string]ListConfig, len(specs))
	for _, s := range specs {
		c.ListsByName[s.Name] = ListConfig{Paths: s.Paths, URLs: s.URLs}
	}
}

var secretKey = regexp.MustCompile(`(?i)(pass(word)?|secret|token|api_?key|auth|cookie|credential)`)

// Redacted returns the configuration as a map for the run manifest, with the
// value of every key whose name looks like a secret replaced by "REDACTED".
func (c *Config) Redacted() map[string]any {
	out := map[string]any{}
	walkKeys("", reflect.ValueOf(c).Elem(), true, func(key string, val any) {
		if d, ok := val.(time.Duration); ok {
			val = d.String()
		}
		if secretKey.MatchString(key[strings.LastIndex(key, ".")+1:]) && !isZero(val) {
			val = "REDACTED"
		}
		out[key] = val
	})
	return out
}

func isZero(v any) bool {
	return v == nil || reflect.ValueOf(v).IsZero()
}

// Validate reports the first setting a run cannot use as an ErrConfig: no
// lists (screening against nothing would pass silently), bad matching
// settings (ValidateMatching), negative workers, a bad shard.
func (c *Config) Validate() error {
	if len(c.Lists) == 0 {
		return fmt.Errorf("%w: no lists configured: add lists to the config or give --list NAME=PATH", ErrConfig)
	}
	seen := map[string]bool{}
	for _, l := range c.Lists {
		if seen[l.Name] { // the manifest keeps one set of files per name
			return fmt.Errorf("%w: list %q given twice: give one --list %s=PATH[,PATH...] with all its files", ErrConfig, l.Name, l.Name)
		}
		seen[l.Name] = true
	}
	if err := c.ValidateMatching(); err != nil {
		return err
	}
	if err := c.Output.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	for _, c := range []struct {
		key string
		v   int
	}{{"max_input_bytes", c.Extract.MaxInputBytes}, {"max_text_length", c.Extract.MaxTextLength}, {"max_dom_depth", c.Extract.MaxDOMDepth}} {
		if c.v <= 0 { // the manifest records the value the run uses
			return fmt.Errorf("%w: extract.%s must be > 0, got %d", ErrConfig, c.key, c.v)
		}
	}
	if _, err := article.New(c.Extract); err != nil { // before the lists load
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	switch {
	case c.Workers < 0:
		return fmt.Errorf("%w: workers must be >= 0 (0: one per CPU), got %d", ErrConfig, c.Workers)
	case c.ShardCount < 1:
		return fmt.Errorf("%w: shard count must be >= 1, got %d", ErrConfig, c.ShardCount)
	case c.ShardIndex < 0 || c.ShardIndex >= c.ShardCount:
		return fmt.Errorf("%w: shard index %d is outside 0..%d", ErrConfig, c.ShardIndex, c.ShardCount-1)
	}
	return nil
}

// ValidateMatching reports matching settings no verb can use as an
// ErrConfig: thresholds outside 0 ≤ review ≤ match ≤ 1, max_hits below 1.
func (c *Config) ValidateMatching() error {
	m := c.Matching
	switch {
	case !(0 <= m.ReviewThreshold && m.ReviewThreshold <= m.MatchThreshold && m.MatchThreshold <= 1): // NaN fails too
		return fmt.Errorf("%w: thresholds must satisfy 0 <= matching.review_threshold (%v) <= matching.match_threshold (%v) <= 1", ErrConfig, m.ReviewThreshold, m.MatchThreshold)
	case m.MaxHits < 1:
		return fmt.Errorf("%w: matching.max_hits must be >= 1, got %d", ErrConfig, m.MaxHits)
	}
	return nil
}

// ApplySchedulerDefaults fills the shard index from the scheduler when neither
// flag, env nor file set it: JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs),
// else SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN (Slurm job arrays); and
// the shard count from SLURM_ARRAY_TASK_COUNT when it is still 1. Kubernetes
// does not expose the completion count, so it must come from --shard-count or
// SANCTIONSCAN_SHARD_COUNT; a scheduler index without a count is an ErrConfig.
func (c *Config) ApplySchedulerDefaults(getenv func(string) string) error {
	atoi := func(key string) (int, bool, error) {
		s := strings.TrimSpace(getenv(key))
		if s == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, false, fmt.Errorf("%w: %s=%q is not a non-negative integer", ErrConfig, key, s)
		}
		return n, true, nil
	}
	if c.ShardIndex == 0 {
		if n, ok, err := atoi("JOB_COMPLETION_INDEX"); err != nil {
			return err
		} else if ok {
			c.ShardIndex = n
		} else if n, ok, err := atoi("SLURM_ARRAY_TASK_ID"); err != nil {
			return err
		} else if ok {
			lo, _, err := atoi("SLURM_ARRAY_TASK_MIN")
			if err != nil {
				return err
			}
			c.ShardIndex = n - lo
			if cnt, ok, err := atoi("SLURM_ARRAY_TASK_COUNT"); err != nil {
				return err
			} else if ok && c.ShardCount == 1 {
				c.ShardCount = cnt
			}
		}
	}
	if c.ShardCount >= 1 && (c.ShardIndex < 0 || c.ShardIndex >= c.ShardCount) {
		return fmt.Errorf("%w: shard index %d is outside 0..%d: set --shard-count (SANCTIONSCAN_SHARD_COUNT) to the number of shards", ErrConfig, c.ShardIndex, c.ShardCount-1)
	}
	return nil
}
