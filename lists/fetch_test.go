package lists_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/sanctionscan/sanctionscan/lists"
)

func TestFetch(t *testing.T) {
	const body = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	var downloads atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/ofac/sdn.csv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Fri, 03 May 2024 14:00:00 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		downloads.Add(1)
		w.Write([]byte(body))
	})
	mux.HandleFunc("/export", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Disposition", `attachment; filename="../../evil name.xml"`)
		w.Header().Set("Last-Modified", "Mon, 06 May 2024 08:00:00 GMT")
		w.Write([]byte("<export/>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	sources := []lists.FetchSource{
		{Dataset: "us_ofac_sdn", URLs: []string{srv.URL + "/ofac/sdn.csv", srv.URL + "/missing.csv"}},
		{Dataset: "eu_fsf", URLs: []string{srv.URL + "/export?token=x"}},
	}
	res, err := lists.Fetch(context.Background(), sources, dir, srv.Client())
	if !errors.Is(err, lists.ErrFetch) || len(res) != 2 {
		t.Fatalf("results %+v, err %v; want 2 results and the 404 as ErrFetch", res, err)
	}
	want := filepath.Join(dir, "us_ofac_sdn", "2024-05-03", "sdn.csv")
	if res[0].Path != want || res[0].Date != "2024-05-03" || res[0].NotModified || res[0].Bytes != int64(len(body)) || len(res[0].SHA256) != 64 {
		t.Errorf("first fetch = %+v", res[0])
	}
	if got, err := os.ReadFile(want); err != nil || string(got) != body {
		t.Errorf("snapshot = %q, %v", got, err)
	}
	if res[1].Path != filepath.Join(dir, "eu_fsf", "2024-05-06", "evil_name.xml") {
		t.Errorf("Content-Disposition name not sanitised: %s", res[1].Path)
	}
	// Second run: 304, the cached snapshot, no new download.
	res, err = lists.Fetch(context.Background(), sources[:1], dir, srv.Client())
	if len(res) != 1 || !res[0].NotModified || res[0].Path != want || downloads.Load() != 1 || err == nil {
		t.Errorf("second fetch = %+v, %v, downloads %d", res, err, downloads.Load())
	}
	// The fetched snapshot loads as a list.
	ds, err := lists.Load(context.Background(), "us_ofac_sdn", []string{res[0].Path})
	if err != nil || len(ds.Designations) != 1 || ds.SHA256[0] != res[0].SHA256 {
		t.Errorf("load snapshot: %v, %+v", err, ds)
	}
	if _, err := lists.Fetch(context.Background(), []lists.FetchSource{{Dataset: "../x", URLs: []string{srv.URL}}}, dir, nil); !errors.Is(err, lists.ErrFetch) {
		t.Errorf("unsafe dataset name: %v", err)
	}
}
