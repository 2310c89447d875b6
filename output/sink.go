package output

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"
)

// Record is everything one input document produced: its documents row, its
// mentions and the match candidates of those mentions.
type Record struct {
	Document Document
	Mentions []Mention
	Matches  []Match
	// Truncated: the document's text was cut at extract.max_text_length,
	// so the rest of the page was not screened. Not a column: the run's
	// manifest counts such documents (InputCounts.Truncated).
	Truncated bool
}

// Sink receives a run's rows. The pipeline calls WriteDesignations once at the
// start, Write once per document in input order from a single goroutine, then
// Close on success or Abort on cancellation or failure. After Close or Abort
// the sink must not be used again.
type Sink interface {
	// WriteDesignations writes the designations the run screens against.
	WriteDesignations(ctx context.Context, rows []Designation) error
	// Write writes one document's rows. The record is not retained after
	// Write returns, and it is not modified.
	Write(ctx context.Context, rec *Record) error
	// Close completes every open file and moves it into place.
	Close() error
	// Abort removes temporary files; only files completed earlier remain.
	Abort() error
}

// zoneOrder sorts title mentions before body mentions (DESIGN.md zones).
func zoneOrder(zone string) int {
	if zone == "title" {
		return 0
	}
	return 1
}

// normalize returns a copy of rec in the canonical form every sink writes:
// mentions by (zone, start, end, mention_id); matches by their mention's
// position, then score descending, dataset, designation_id, matched_name;
// timestamps in UTC truncated to microseconds (the Parquet unit); nil lists
// as empty lists, so JSON and Parquet agree ([] never becomes null).
func normalize(rec *Record) *Record {
	out := &Record{Document: rec.Document}
	if t := rec.Document.PublishedAt; t != nil {
		u := t.UTC().Truncate(time.Microsecond)
		out.Document.PublishedAt = &u
	}
	out.Mentions = slices.Clone(rec.Mentions)
	slices.SortStableFunc(out.Mentions, func(a, b Mention) int {
		return cmp.Or(
			cmp.Compare(zoneOrder(a.Zone), zoneOrder(b.Zone)),
			cmp.Compare(a.Start, b.Start),
			cmp.Compare(a.End, b.End),
			cmp.Compare(a.MentionID, b.MentionID),
		)
	})
	pos := make(map[string]int, len(out.Mentions))
	for i, m := range out.Mentions {
		if _, dup := pos[m.MentionID]; !dup {
			pos[m.MentionID] = i
		}
	}
	mentionPos := func(id string) int {
		if p, ok := pos[id]; ok {
			return p
		}
		return len(out.Mentions) // matches of unknown mentions go last, by id
	}
	out.Matches = make([]Match, len(rec.Matches))
	for i, m := range rec.Matches {
		m.Programs = emptyIfNil(m.Programs)
		out.Matches[i] = m
	}
	slices.SortStableFunc(out.Matches, func(a, b Match) int {
		return cmp.Or(
			cmp.Compare(mentionPos(a.MentionID), mentionPos(b.MentionID)),
			cmp.Compare(a.MentionID, b.MentionID),
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(a.Dataset, b.Dataset),
			cmp.Compare(a.DesignationID, b.DesignationID),
			cmp.Compare(a.MatchedName, b.MatchedName),
		)
	})
	return out
}

// normalizeDesignation returns d with nil lists as empty lists.
func normalizeDesignation(d Designation) Designation {
	d.Aliases = emptyIfNil(d.Aliases)
	d.WeakAliases = emptyIfNil(d.WeakAliases)
	d.Titles = emptyIfNil(d.Titles)
	d.BirthDates = emptyIfNil(d.BirthDates)
	d.Nationalities = emptyIfNil(d.Nationalities)
	d.Programs = emptyIfNil(d.Programs)
	return d
}

func emptyIfNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Multi returns a Sink that forwards every call to each of sinks in order.
// Write and WriteDesignations stop at the first error; Close and Abort are
// called on every sink and their errors joined.
func Multi(sinks ...Sink) Sink { return multi(sinks) }

type multi []Sink

func (m multi) WriteDesignations(ctx context.Context, rows []Designation) error {
	for _, s := range m {
		if err := s.WriteDesignations(ctx, rows); err != nil {
			return err
		}
	}
	return nil
}

func (m multi) Write(ctx context.Context, rec *Record) error {
	for _, s := range m {
		if err := s.Write(ctx, rec); err != nil {
			return err
		}
	}
	return nil
}

func (m multi) Close() error {
	var errs []error
	for _, s := range m {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

func (m multi) Abort() error {
	var errs []error
	for _, s := range m {
		errs = append(errs, s.Abort())
	}
	return errors.Join(errs...)
}
