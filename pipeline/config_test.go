package pipeline

import (
	"bufio"
	"errors"
	"github.com/sanctionscan/sanctionscan/pipeline/sharedtest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// sharedCase returns ../shared/cases/<id> beside the repository, or skips.
func sharedCase(t *testing.T, id string) string {
	return sharedtest.Shared(t, filepath.Join("cases", id))
}

// setEnvFile sets each KEY=VALUE line of path as an environment variable for the test.
func setEnvFile(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "="); ok {
			t.Setenv(k, v)
		}
	}
}

// TestDecodeEnvOnlyKey is case C16: an env var for a key that neither the
// file nor a default names must still reach the unmarshalled struct.
func TestDecodeEnvOnlyKey(t *testing.T) {
	dir := sharedCase(t, "C16")
	setEnvFile(t, filepath.Join(dir, "env.txt"))
	var cfg struct {
		OutputDir string `mapstructure:"output_dir"`
		Lists     struct {
			OfacURL string `mapstructure:"ofac_url"`
		} `mapstructure:"lists"`
	}
	v := viper.New()
	v.SetConfigFile(filepath.Join(dir, "config.yaml"))
	if err := v.ReadInConfig(); err != nil {
		t.Fatal(err)
	}
	if err := Decode(v, "PIPE", &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.OutputDir != "/data/run-42" || cfg.Lists.OfacURL != "file:///mirror/sdn.csv" {
		t.Errorf("Unmarshal: output_dir=%q lists.ofac_url=%q", cfg.OutputDir, cfg.Lists.OfacURL)
	}
	if got := v.GetString("output_dir"); got != cfg.OutputDir {
		t.Errorf("GetString(output_dir)=%q, Unmarshal gave %q", got, cfg.OutputDir)
	}
}

// TestDecodeNestedEnv is case C17: env vars override nested keys on every
// read path (Get, Unmarshal, UnmarshalKey, Get of the parent).
func TestDecodeNestedEnv(t *testing.T) {
	dir := sharedCase(t, "C17")
	setEnvFile(t, filepath.Join(dir, "env.txt"))
	type matching struct {
		Threshold float64 `mapstructure:"threshold"`
		Lists     struct {
			UN struct {
				Enabled bool `mapstructure:"enabled"`
			} `mapstructure:"un"`
		} `mapstructure:"lists"`
	}
	var cfg struct {
		Matching matching `mapstructure:"matching"`
	}
	v := viper.New()
	v.SetConfigFile(filepath.Join(dir, "config.yaml"))
	if err := v.ReadInConfig(); err != nil {
		t.Fatal(err)
	}
	if err := Decode(v, "PIPE", &cfg); err != nil {
		t.Fatal(err)
	}
	if v.GetFloat64("matching.threshold") != 0.92 || v.GetBool("matching.lists.un.enabled") {
		t.Errorf("Get: threshold=%v enabled=%v", v.GetFloat64("matching.threshold"), v.GetBool("matching.lists.un.enabled"))
	}
	if cfg.Matching.Threshold != 0.92 || cfg.Matching.Lists.UN.Enabled {
		t.Errorf("Unmarshal: %+v", cfg.Matching)
	}
	var m matching
	if err := v.UnmarshalKey("matching", &m); err != nil {
		t.Fatal(err)
	}
	if m.Threshold != 0.92 || m.Lists.UN.Enabled {
		t.Errorf("UnmarshalKey: %+v", m)
	}
	parent, ok := v.Get("matching").(map[string]any)
	if !ok || parent["threshold"] != 0.92 {
		t.Errorf("Get(matching) = %#v", v.Get("matching"))
	}
}

// TestLoadConfigPrecedence checks flag > env > file > default on real keys.
func TestLoadConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	body := "out: from-file\nworkers: 3\nmatching:\n  review_threshold: 0.6\n  match_threshold: 0.8\n" +
		"lists:\n  un_sc_sanctions:\n    paths: [un.xml]\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SANCTIONSCAN_OUT", "from-env")
	t.Setenv("SANCTIONSCAN_WORKERS", "5")
	t.Setenv("SANCTIONSCAN_MATCHING_MATCH_THRESHOLD", "0.9")
	flags := pflag.NewFlagSet("run", pflag.ContinueOnError)
	flags.String("out", "out", "")
	flags.Int("workers", 0, "")
	if err := flags.Parse([]string{"--out", "from-flag"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(file, flags, map[string]string{"out": "out", "workers": "workers"})
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultConfig()
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"flag beats env and file", cfg.Out, "from-flag"},
		{"env beats file", cfg.Workers, 5},
		{"nested env beats file", cfg.Matching.MatchThreshold, 0.9},
		{"file beats default", cfg.Matching.ReviewThreshold, 0.6},
		{"default when nothing sets it", cfg.Matching.MaxHits, def.Matching.MaxHits},
		{"list paths relative to the config file", cfg.Lists[0].Paths[0], filepath.Join(dir, "un.xml")},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestParseListFlag(t *testing.T) {
	tests := []struct {
		in      string
		want    ListSpec
		wantErr bool
	}{
		{"un_sc_sanctions=a.xml", ListSpec{Name: "un_sc_sanctions", Paths: []string{"a.xml"}}, false},
		{"us_ofac_sdn=sdn.csv, alt.csv,", ListSpec{Name: "us_ofac_sdn", Paths: []string{"sdn.csv", "alt.csv"}}, false},
		{"nopaths=", ListSpec{}, true},
		{"=x.csv", ListSpec{}, true},
		{"just-a-path.csv", ListSpec{}, true},
	}
	for _, tt := range tests {
		got, err := ParseListFlag(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: err = %v", tt.in, err)
			continue
		}
		if !tt.wantErr && (got.Name != tt.want.Name || strings.Join(got.Paths, "|") != strings.Join(tt.want.Paths, "|")) {
			t.Errorf("%q: got %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestApplySchedulerDefaults(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name       string
		index, cnt int
		env        map[string]string
		wantIndex  int
		wantCount  int
		wantErr    bool
	}{
		{"no scheduler", 0, 1, nil, 0, 1, false},
		{"kubernetes indexed job", 0, 4, map[string]string{"JOB_COMPLETION_INDEX": "3"}, 3, 4, false},
		{"kubernetes without count", 0, 1, map[string]string{"JOB_COMPLETION_INDEX": "2"}, 0, 0, true},
		{"slurm array from 1", 0, 1, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4"}, 2, 4, false},
		{"explicit index wins", 1, 2, map[string]string{"JOB_COMPLETION_INDEX": "0"}, 1, 2, false},
		{"garbage", 0, 2, map[string]string{"JOB_COMPLETION_INDEX": "x"}, 0, 0, true},
	}
	for _, tt := range tests {
		c := &Config{ShardIndex: tt.index, ShardCount: tt.cnt}
		err := c.ApplySchedulerDefaults(env(tt.env))
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		if !tt.wantErr && (c.ShardIndex != tt.wantIndex || c.ShardCount != tt.wantCount) {
			t.Errorf("%s: got %d/%d, want %d/%d", tt.name, c.ShardIndex, c.ShardCount, tt.wantIndex, tt.wantCount)
		}
	}
}

func TestValidate(t *testing.T) {
	base := func() Config {
		c := DefaultConfig()
		c.SetLists([]ListSpec{{Name: "un_sc_sanctions", Paths: []string{"un.xml"}}})
		return c
	}
	tests := []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"defaults with a list", func(*Config) {}, true},
		{"no lists", func(c *Config) { c.SetLists(nil) }, false},
		{"review above match", func(c *Config) { c.Matching.ReviewThreshold, c.Matching.MatchThreshold = 0.9, 0.5 }, false},
		{"match above 1", func(c *Config) { c.Matching.MatchThreshold = 1.5 }, false},
		{"negative review", func(c *Config) { c.Matching.ReviewThreshold = -1 }, false},
		{"negative workers", func(c *Config) { c.Workers = -1 }, false},
		{"zero shards", func(c *Config) { c.ShardCount = 0 }, false},
		{"shard index past count", func(c *Config) { c.ShardIndex, c.ShardCount = 2, 2 }, false},
		{"unknown output format", func(c *Config) { c.Output.Formats = []string{"[parquet"} }, false},
		{"an output format twice", func(c *Config) { c.Output.Formats = []string{"parquet", "jsonl", "parquet"} }, false},
		{"no output format", func(c *Config) { c.Output.Formats = nil }, false},
	}
	for _, tt := range tests {
		c := base()
		tt.edit(&c)
		if err := c.Validate(); (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrConfig)) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
}

// TestUnknownConfigKey: a typo in the config file is an error, not a silently ignored setting.
func TestUnknownConfigKey(t *testing.T) {
	for _, body := range []string{"wokers: 3\n", "matching:\n  match_treshold: 0.9\n", "fetch:\n  timeout: 5s\n  robot: false\n"} {
		file := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadConfig(file, nil, nil); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "unknown key") {
			t.Errorf("%q: err = %v", body, err)
		}
	}
	ok := filepath.Join(t.TempDir(), "config.yaml")
	body := "lists:\n  my_list:\n    paths: [a.csv]\nextract:\n  sites:\n    kz:\n      hosts: [kazinform.kz]\n      body: p\n"
	if err := os.WriteFile(ok, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(ok, nil, nil); err != nil {
		t.Errorf("keys under map fields: %v", err)
	}
}

// TestEnvLists: a list key set from the environment takes the comma, space
// and YAML flow forms alike.
func TestEnvLists(t *testing.T) {
	for _, env := range []string{"parquet,jsonl", "parquet jsonl", "[parquet, jsonl]", ` ["parquet", 'jsonl'] `} {
		t.Setenv("SANCTIONSCAN_OUTPUT_FORMATS", env)
		cfg, err := LoadConfig("", nil, nil)
		if err != nil || !slices.Equal(cfg.Output.Formats, []string{"parquet", "jsonl"}) {
			t.Errorf("SANCTIONSCAN_OUTPUT_FORMATS=%q: %q, %v", env, cfg.Output.Formats, err)
		}
	}
}

// TestUnknownEnv: a misspelt SANCTIONSCAN_ variable is an error naming the
// variable it was probably meant to be, not a silently ignored setting.
func TestUnknownEnv(t *testing.T) {
	tests := []struct{ env, want string }{
		{"SANCTIONSCAN_OUTPUT_FORMAT", "did you mean SANCTIONSCAN_OUTPUT_FORMATS?"},
		{"SANCTIONSCAN_MATCHING_THRESHOLD", "did you mean SANCTIONSCAN_MATCHING_MATCH_THRESHOLD?"},
		{"SANCTIONSCAN_LISTS_UN_PATHS", "SANCTIONSCAN_LISTS_UN_PATHS: lists can only be set in the config file"},
		{"SANCTIONSCAN_EXTRACT_SITES", "extract.sites can only be set in the config file"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv(tt.env, "x")
			if _, err := LoadConfig("", nil, nil); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	t.Setenv("SANCTIONSCAN_MATCHING_MATCH_THRESHOLD", "0.9")
	if _, err := LoadConfig("", nil, nil); err != nil {
		t.Errorf("a known variable: %v", err)
	}
}

// TestEnvBadValues: a value of the wrong type or outside its choices is a
// configuration error with a one-line message.
func TestEnvBadValues(t *testing.T) {
	tests := []struct{ env, value, want string }{
		{"SANCTIONSCAN_WORKERS", "four", "'workers' cannot parse value as 'int'"},
		{"SANCTIONSCAN_LOG_LEVEL", "verbose", `log.level "verbose"`},
		{"SANCTIONSCAN_LOG_FORMAT", "xml", `log.format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv(tt.env, tt.value)
			_, err := LoadConfig("", nil, nil)
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line with %q", err, tt.want)
			}
		})
	}
}

// TestNewProcessorBadLabel: a recognizer label that does not exist is a
// configuration error (exit 2), not a failure to load the model.
func TestNewProcessorBadLabel(t *testing.T) {
	cfg := DefaultConfig()
	cfg.NER.Labels = []string{"PER", "FOO"}
	if _, err := NewProcessor(&cfg, nil); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), `unknown label "FOO"`) {
		t.Errorf("err = %v, want ErrConfig naming FOO", err)
	}
}
