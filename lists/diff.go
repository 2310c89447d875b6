package lists

import "slices"

// DiffEntry names one designation added or removed between two snapshots.
type DiffEntry struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Schema string `json:"schema"`
}

// FieldChange is one changed field of a designation: the values only in the
// new snapshot (Added) and only in the old one (Removed). Field is one of
// "name", "schema", "aliases", "weak_aliases", "programs".
type FieldChange struct {
	Field   string   `json:"field"`
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// DiffChange is one designation present in both snapshots whose names,
// aliases or programmes differ.
type DiffChange struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"` // the new primary name
	Changes []FieldChange `json:"changes"`
}

// DiffResult is what `lists diff` reports. Added and Changed follow the new
// snapshot's order, Removed the old one's; slices are never nil.
type DiffResult struct {
	Added   []DiffEntry  `json:"added"`
	Removed []DiffEntry  `json:"removed"`
	Changed []DiffChange `json:"changed"`
}

// Diff compares two snapshots of a list by designation id (the first
// designation wins when an id repeats). Alias and programme lists compare as
// sets: reordering is not a change.
func Diff(old, new *Dataset) DiffResult {
	res := DiffResult{Added: []DiffEntry{}, Removed: []DiffEntry{}, Changed: []DiffChange{}}
	oldByID, newByID := index(old), index(new)
	for _, d := range new.Designations {
		if newByID[d.ID] != d {
			continue // repeated id
		}
		o := oldByID[d.ID]
		if o == nil {
			res.Added = append(res.Added, entry(d))
			continue
		}
		var changes []FieldChange
		for _, f := range []struct {
			name     string
			old, new []string
		}{
			{"name", []string{o.Name}, []string{d.Name}},
			{"schema", []string{o.Schema}, []string{d.Schema}},
			{"aliases", o.Aliases, d.Aliases},
			{"weak_aliases", o.WeakAliases, d.WeakAliases},
			{"programs", o.Programs, d.Programs},
		} {
			if c, ok := compare(f.name, f.old, f.new); ok {
				changes = append(changes, c)
			}
		}
		if len(changes) > 0 {
			res.Changed = append(res.Changed, DiffChange{ID: d.ID, Name: d.Name, Changes: changes})
		}
	}
	for _, d := range old.Designations {
		if oldByID[d.ID] == d && newByID[d.ID] == nil {
			res.Removed = append(res.Removed, entry(d))
		}
	}
	return res
}

func index(ds *Dataset) map[string]*Designation {
	m := make(map[string]*Designation, len(ds.Designations))
	for _, d := range ds.Designations {
		if m[d.ID] == nil {
			m[d.ID] = d
		}
	}
	return m
}

func entry(d *Designation) DiffEntry { return DiffEntry{ID: d.ID, Name: d.Name, Schema: d.Schema} }

// compare returns the set difference of two value lists, in list order.
func compare(field string, old, new []string) (FieldChange, bool) {
	c := FieldChange{Field: field, Added: []string{}, Removed: []string{}}
	for _, v := range new {
		if !slices.Contains(old, v) && !slices.Contains(c.Added, v) {
			c.Added = append(c.Added, v)
		}
	}
	for _, v := range old {
		if !slices.Contains(new, v) && !slices.Contains(c.Removed, v) {
			c.Removed = append(c.Removed, v)
		}
	}
	return c, len(c.Added)+len(c.Removed) > 0
}
