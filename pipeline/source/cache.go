package source

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// diskCache keeps fetched pages under dir, one file per URL: <dir>/<h[:2]>/<h> with h the hex
// sha256 of the URL as given; the file is one JSON line of cacheEntry metadata, then the
// decoded body. Files are written to a temporary name and renamed, so concurrent workers and
// killed runs never leave a partial entry. A cache that cannot be read or written degrades to
// fetching: cache failures never fail a document.
type diskCache struct{ dir string }

// cacheEntry is the metadata line of a cached page.
type cacheEntry struct {
	URL          string    `json:"url"` // after redirects
	ContentType  string    `json:"content_type"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	StoredAt     time.Time `json:"stored_at"` // last fetched or revalidated
	body         []byte
}

func newDiskCache(dir string) (*diskCache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%w: fetch.cache_dir: %w", ErrOptions, err)
	}
	return &diskCache{dir: dir}, nil
}

func (c *diskCache) path(url string) string {
	sum := sha256.Sum256([]byte(url))
	h := hex.EncodeToString(sum[:])
	return filepath.Join(c.dir, h[:2], h)
}

// load returns the entry for url, or nil when absent, unreadable or larger than maxBody.
func (c *diskCache) load(url string, maxBody int64) *cacheEntry {
	f, err := os.Open(c.path(url))
	if err != nil {
		return nil
	}
	defer f.Close()
	br := bufio.NewReader(f)
	line, err := br.ReadSlice('\n')
	if err != nil {
		return nil
	}
	var e cacheEntry
	if json.Unmarshal(line, &e) != nil {
		return nil
	}
	if e.body, err = readCapped(br, maxBody, "cached body"); err != nil || len(e.body) == 0 {
		return nil
	}
	return &e
}

// store saves a fetched page for url (best effort).
func (c *diskCache) store(url string, p *page) {
	c.write(url, &cacheEntry{URL: p.url, ContentType: p.contentType, ETag: p.etag,
		LastModified: p.lastModified, StoredAt: p.fetched, body: p.body})
}

// touch marks e, revalidated by a 304, as fresh again (best effort).
func (c *diskCache) touch(url string, e *cacheEntry) {
	e.StoredAt = time.Now().UTC()
	c.write(url, e)
}

func (c *diskCache) write(url string, e *cacheEntry) {
	path := c.path(url)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	meta, err := json.Marshal(e)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, err1 := tmp.Write(append(meta, '\n'))
	_, err2 := tmp.Write(e.body)
	err3 := tmp.Close()
	if err1 != nil || err2 != nil || err3 != nil || os.Rename(tmp.Name(), path) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// doc fills d from the cached page.
func (e *cacheEntry) doc(d Doc) Doc {
	d.URL, d.ContentType, d.Body, d.Fetched = e.URL, e.ContentType, e.body, e.StoredAt.UTC()
	return d
}
