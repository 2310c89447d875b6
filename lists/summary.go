package lists

import "slices"

// DatasetSummary is what `lists show` prints for one dataset: provenance,
// counts and what was not loaded. JSON field names are the contract of
// `lists show --json` (DESIGN.md); list fields are [] rather than null.
type DatasetSummary struct {
	Dataset      string         `json:"dataset"`
	Format       string         `json:"format"`
	Files        []string       `json:"files"`
	SHA256       []string       `json:"sha256"`       // hex, parallel to Files
	Published    string         `json:"published"`    // ISO 8601 date, "" when the files do not state it
	Designations int            `json:"designations"` // count
	BySchema     map[string]int `json:"by_schema"`    // designations per schema (JSON sorts the keys)
	Aliases      int            `json:"aliases"`      // strong aliases over all designations
	WeakAliases  int            `json:"weak_aliases"` // weak aliases over all designations
	SetAside     []SetAside     `json:"set_aside"`    // rows not loaded, with file, line, reason
	Warnings     []SetAside     `json:"warnings"`     // values kept as published but not understood
	Notes        []string       `json:"notes"`
}

// Summary counts ds for `lists show`.
func Summary(ds *Dataset) DatasetSummary {
	s := DatasetSummary{
		Dataset:      ds.Name,
		Format:       ds.Format,
		Files:        nonNil(ds.Files),
		SHA256:       nonNil(ds.SHA256),
		Published:    ds.Published,
		Designations: len(ds.Designations),
		BySchema:     map[string]int{},
		SetAside:     nonNil(ds.SetAside),
		Warnings:     nonNil(ds.Warnings),
		Notes:        nonNil(ds.Notes),
	}
	for _, d := range ds.Designations {
		s.BySchema[d.Schema]++
		s.Aliases += len(d.Aliases)
		s.WeakAliases += len(d.WeakAliases)
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return slices.Clone(s)
}
