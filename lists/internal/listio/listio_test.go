package listio

import (
	"reflect"
	"testing"
)

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain\r\n", "plain"},
		{"\xef\xbb\xbfbom", "bom"},
		{"ofac\r\n\x1a", "ofac"},
		{"caf\xe9 \x93q\x94", "café “q”"}, // Windows-1252 bytes
		{"caf\xc3\xa9", "café"},           // valid UTF-8 is kept
		{"", ""},
	} {
		if got := Decode([]byte(tc.in)); got != tc.want {
			t.Errorf("Decode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAppendUniqueAndCollapse(t *testing.T) {
	got := AppendUnique([]string{"a"}, " b ", "", "a", "b", "c")
	if !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Errorf("AppendUnique = %q", got)
	}
	if got := Collapse("  two\n  lines\t x "); got != "two lines x" {
		t.Errorf("Collapse = %q", got)
	}
}

func TestXMLRoot(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<?xml version="1.0" encoding="ISO-8859-1"?><!-- c --><sdnList xmlns="x">`, "sdnList"},
		{"\n<CONSOLIDATED_LIST dateGenerated=\"2024\">", "CONSOLIDATED_LIST"},
	} {
		se, err := XMLRoot([]byte(tc.in))
		if err != nil || se.Name.Local != tc.want {
			t.Errorf("XMLRoot(%q) = %v, %v", tc.in, se.Name.Local, err)
		}
	}
	if _, err := XMLRoot([]byte("<?xml version=\"1.0\"?>")); err != ErrNoRoot {
		t.Errorf("no root: %v", err)
	}
}
