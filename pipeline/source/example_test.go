package source_test

import (
	"context"
	"fmt"
	"os"

	"github.com/sanctionscan/sanctionscan/pipeline/source"
)

// Reading every document of the inputs: here the WARC fixture in testdata.
func Example() {
	ctx := context.Background()
	locators, err := source.Expand(ctx, []string{"testdata"}, os.Stdin)
	if err != nil {
		panic(err)
	}
	r, err := source.NewReader(source.DefaultOptions())
	if err != nil {
		panic(err)
	}
	for _, loc := range locators {
		_ = r.Read(ctx, loc, func(d source.Doc) error {
			if d.Err != nil {
				fmt.Printf("%s: %s error: %v\n", d.Source, d.Stage, d.Err)
				return nil
			}
			fmt.Printf("%s: %s, %d bytes, %q\n", d.Source, d.URL, len(d.Body), d.ContentType)
			return nil
		})
	}
	// Output:
	// testdata/cc-news-sample.warc.gz#604: https://news.example.kz/taliban, 131 bytes, "text/html; charset=UTF-8"
	// testdata/cc-news-sample.warc.gz#1402: warc error: HTTP status 404 Not Found
	// testdata/cc-news-sample.warc.gz#2142: https://news.example.ru/cp1251, 104 bytes, "text/html; charset=windows-1251"
	// testdata/cc-news-sample.warc.gz#2893: https://news.example.kz/untyped, 131 bytes, ""
	// testdata/cc-news-sample.warc.gz#3318: file:///archive/page.html, 131 bytes, "text/html"
	// testdata/cc-news-sample.warc.gz#3659: warc error: empty document
}
