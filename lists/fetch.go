package lists

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// OfficialURLs are the publishers' download URLs for the datasets sanctionscan
// reads, used by `lists fetch` when a configured list names none. They were
// correct when written; publishers move files, so config entries override them.
var OfficialURLs = map[string][]string{
	"un_sc_sanctions": {"https://scsanctions.un.org/resources/xml/en/consolidated.xml"},
	"us_ofac_sdn": {
		"https://www.treasury.gov/ofac/downloads/sdn.csv",
		"https://www.treasury.gov/ofac/downloads/alt.csv",
		"https://www.treasury.gov/ofac/downloads/add.csv",
		"https://www.treasury.gov/ofac/downloads/sdn_comments.csv",
	},
	"us_ofac_cons":      {"https://www.treasury.gov/ofac/downloads/consolidated/consolidated.xml"},
	"gb_hmt_sanctions":  {"https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"},
	"gb_fcdo_sanctions": {"https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"},
	"eu_fsf":            {"https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"},
}

// FetchSource is one dataset to download: its name (the folder under the
// fetch directory) and the official URLs of its files.
type FetchSource struct {
	Dataset string
	URLs    []string
}

// FetchResult is the outcome for one URL.
type FetchResult struct {
	Dataset     string `json:"dataset"`
	URL         string `json:"url"`
	Path        string `json:"path"`         // the snapshot file: <dir>/<dataset>/<YYYY-MM-DD>/<file>
	Date        string `json:"date"`         // snapshot date: Last-Modified, else the response Date, else today (UTC)
	SHA256      string `json:"sha256"`       // hex sha256 of the file
	Bytes       int64  `json:"bytes"`        // file size
	NotModified bool   `json:"not_modified"` // the server answered 304: Path is the cached snapshot
}

// MaxFetchBytes caps one downloaded file (the largest official list files,
// OFAC's SDN_ADVANCED.XML and the EU FSF XML, are well below it).
const MaxFetchBytes = 1 << 30

// ErrFetch: a download failed (network error, HTTP status other than 200 or
// 304, file over MaxFetchBytes).
var ErrFetch = errors.New("fetch failed")

// cacheEntry is what Fetch remembers per URL in <dir>/<dataset>/fetch-cache.json.
type cacheEntry struct {
	ETag         string `json:"etag"`
	LastModified string `json:"last_modified"`
	Path         string `json:"path"`
	Date         string `json:"date"`
	SHA256       string `json:"sha256"`
	Bytes        int64  `json:"bytes"`
}

const cacheFile = "fetch-cache.json"

// Fetch downloads each source's URLs into dir, one snapshot folder per date:
// dir/<dataset>/<YYYY-MM-DD>/<file>, where <file> is the Content-Disposition
// file name, else the URL path's base name. Requests carry If-None-Match /
// If-Modified-Since from the last download of the same URL (kept in
// dir/<dataset>/fetch-cache.json), so an unchanged list is not downloaded
// again (304 → NotModified, the cached snapshot's path). Files are written
// under a temporary name and renamed when complete. client nil uses a client
// with a 10-minute timeout. A failing URL does not stop the others: the
// results hold every URL that worked, and the error joins the failures (each
// wrapping ErrFetch or an os error, naming the URL).
func Fetch(ctx context.Context, sources []FetchSource, dir string, client *http.Client) ([]FetchResult, error) {
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Minute}
	}
	var results []FetchResult
	var errs []error
	for _, src := range sources {
		if !safeName.MatchString(src.Dataset) {
			errs = append(errs, fmt.Errorf("%w: dataset name %q is not a safe folder name", ErrFetch, src.Dataset))
			continue
		}
		dsDir := filepath.Join(dir, src.Dataset)
		cache, err := readCache(dsDir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, u := range src.URLs {
			r, err := fetchOne(ctx, client, dsDir, u, cache)
			if err != nil {
				errs = append(errs, fmt.Errorf("lists fetch %s: %w", u, err))
				continue
			}
			r.Dataset = src.Dataset
			results = append(results, r)
		}
		if err := writeCache(dsDir, cache); err != nil {
			errs = append(errs, err)
		}
	}
	return results, errors.Join(errs...)
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func readCache(dsDir string) (map[string]cacheEntry, error) {
	cache := map[string]cacheEntry{}
	data, err := os.ReadFile(filepath.Join(dsDir, cacheFile))
	if errors.Is(err, os.ErrNotExist) {
		return cache, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lists fetch: %w", err)
	}
	if err := json.Unmarshal(data, &cache); err != nil {
		return nil, fmt.Errorf("lists fetch: %s: %w", filepath.Join(dsDir, cacheFile), err)
	}
	return cache, nil
}

func writeCache(dsDir string, cache map[string]cacheEntry) error {
	if len(cache) == 0 {
		return nil
	}
	data, err := json.MarshalIndent(cache, "", "  ") // map keys sorted: deterministic
	if err != nil {
		return fmt.Errorf("lists fetch: %w", err)
	}
	if err := os.MkdirAll(dsDir, 0o755); err != nil {
		return fmt.Errorf("lists fetch: %w", err)
	}
	tmp, err := os.CreateTemp(dsDir, cacheFile+".*")
	if err != nil {
		return fmt.Errorf("lists fetch: %w", err)
	}
	return finish(tmp, data, filepath.Join(dsDir, cacheFile))
}

// finish writes data (if any) to tmp, closes it and renames it to dst.
func finish(tmp *os.File, data []byte, dst string) error {
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("lists fetch: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("lists fetch: %w", err)
	}
	return nil
}

func fetchOne(ctx context.Context, client *http.Client, dsDir, rawURL string, cache map[string]cacheEntry) (FetchResult, error) {
	res := FetchResult{URL: rawURL}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	prev, cached := cache[rawURL]
	if cached {
		if _, err := os.Stat(prev.Path); err != nil {
			cached = false // snapshot deleted: download again
		}
	}
	if cached {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && cached:
		res.Path, res.Date, res.SHA256, res.Bytes, res.NotModified = prev.Path, prev.Date, prev.SHA256, prev.Bytes, true
		return res, nil
	case resp.StatusCode != http.StatusOK:
		return res, fmt.Errorf("%w: HTTP %s", ErrFetch, resp.Status)
	}
	res.Date = snapshotDate(resp)
	snapDir := filepath.Join(dsDir, res.Date)
	if err := os.MkdirAll(snapDir, 0o755); err != nil {
		return res, fmt.Errorf("%w", err)
	}
	res.Path = filepath.Join(snapDir, fileName(resp, rawURL))
	tmp, err := os.CreateTemp(snapDir, ".download-*")
	if err != nil {
		return res, fmt.Errorf("%w", err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(resp.Body, MaxFetchBytes+1))
	switch {
	case err != nil:
		err = fmt.Errorf("%w: %w", ErrFetch, err)
	case n > MaxFetchBytes:
		err = fmt.Errorf("%w: larger than %d bytes", ErrFetch, MaxFetchBytes)
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return res, err
	}
	if err := finish(tmp, nil, res.Path); err != nil {
		return res, err
	}
	res.SHA256, res.Bytes = hex.EncodeToString(h.Sum(nil)), n
	cache[rawURL] = cacheEntry{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		Path: res.Path, Date: res.Date, SHA256: res.SHA256, Bytes: n}
	return res, nil
}

// snapshotDate is the Last-Modified date, else the response Date, else today (UTC).
func snapshotDate(resp *http.Response) string {
	for _, h := range []string{"Last-Modified", "Date"} {
		if t, err := http.ParseTime(resp.Header.Get(h)); err == nil {
			return t.UTC().Format(time.DateOnly)
		}
	}
	return time.Now().UTC().Format(time.DateOnly)
}

// fileName is the Content-Disposition file name, else the URL path's base
// name, reduced to a safe name ("download" when nothing usable is left).
func fileName(resp *http.Response, rawURL string) string {
	var name string
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil {
		name = params["filename"]
	}
	if name == "" {
		if u, err := url.Parse(rawURL); err == nil {
			name = path.Base(u.Path)
		}
	}
	name = unsafeChars.ReplaceAllString(path.Base(strings.ReplaceAll(name, `\`, "/")), "_")
	if !safeName.MatchString(name) {
		return "download"
	}
	return name
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]`)
