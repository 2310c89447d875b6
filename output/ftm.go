package output

import (
	"cmp"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"regexp"
	"slices"
	"time"
)

// FtMEntity is one FollowTheMoney entity as its JSON Lines format writes it
// (https://followthemoney.tech): every property is a list of strings.
type FtMEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// FtMSink writes a run's results as FollowTheMoney entities, one per line, to
// dir/entities-<shard:05d>-<seq:05d>.ftm.json (seq after any existing file), so
// they load into OpenSanctions and Aleph tooling (`ftm`, nomenklatura):
//
//   - an Article per document with status "ok": title, author, publishedAt,
//     language, sourceUrl, namesMentioned (the PER and ORG mention names);
//   - a Mention per mention with at least one match: document (the Article),
//     personMentioned or companyMentioned (by label), and resolved: the
//     designations the mention was matched to with decision "match" (review
//     candidates are not resolutions) whose schema is a LegalEntity;
//   - the first time a designation is resolved, its Person/Organization/
//     Company/LegalEntity entity from the designations rows: name, alias,
//     weakAlias, notes, topics ["sanction"], and for a Person title, birthDate
//     (only dates given as YYYY, YYYY-MM or YYYY-MM-DD) and nationality.
//
// Entity ids: the Article's is the document_id; a Mention's is the hex sha1
// of document_id and mention_id; a designation's is
// "<dataset>-<designation_id>" with characters outside [A-Za-z0-9._-]
// replaced by "-". The file is written under a hidden temporary name and
// renamed on Close.
type FtMSink struct {
	out          *jsonLines
	designations map[string]*Designation // by ftmDesignationID
	emitted      map[string]bool         // designation entities already written
	closed       bool
}

// OpenFtM creates the entities file under dir for shard.
func OpenFtM(dir string, shard int, opt Options) (*FtMSink, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	parts := partFiles{dir: dir, prefix: "entities-", ext: ".ftm.json", shard: shard}
	if err := parts.removeStaleTemps(); err != nil {
		return nil, err
	}
	seq, err := parts.next()
	if err != nil {
		return nil, err
	}
	out, err := createJSONLines(parts.path(seq))
	if err != nil {
		return nil, err
	}
	return &FtMSink{out: out, designations: map[string]*Designation{}, emitted: map[string]bool{}}, nil
}

// legalEntities are the designation schemas Mention.resolved may point to
// (its range is LegalEntity).
var legalEntities = map[string]bool{"Person": true, "Organization": true, "Company": true, "LegalEntity": true, "PublicBody": true}

var ftmIDUnsafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func ftmDesignationID(dataset, id string) string {
	return ftmIDUnsafe.ReplaceAllString(dataset+"-"+id, "-")
}

var isoDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// WriteDesignations keeps the rows to describe the designations mentions
// resolve to; nothing is written yet.
func (s *FtMSink) WriteDesignations(ctx context.Context, rows []Designation) error {
	if s.closed {
		return ErrClosed
	}
	for i := range rows {
		s.designations[ftmDesignationID(rows[i].Dataset, rows[i].DesignationID)] = &rows[i]
	}
	return ctx.Err()
}

// props builds a property map, leaving out empty values.
type props map[string][]string

func (p props) add(key string, values ...string) {
	for _, v := range values {
		if v != "" {
			p[key] = append(p[key], v)
		}
	}
}

// Write writes the document's Article, its matched mentions and any
// designation entity not written before.
func (s *FtMSink) Write(ctx context.Context, rec *Record) error {
	if s.closed {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	n := normalize(rec)
	d := n.Document
	if d.Status != "ok" {
		return nil
	}
	article := props{}
	article.add("title", d.Title)
	article.add("author", d.Author)
	if d.PublishedAt != nil {
		article.add("publishedAt", d.PublishedAt.Format(time.RFC3339))
	}
	article.add("language", d.Language)
	article.add("sourceUrl", cmp.Or(d.CanonicalURL, d.URL))
	seen := map[string]bool{}
	for _, m := range n.Mentions {
		if (m.Label == "PER" || m.Label == "ORG") && !seen[m.Name] {
			seen[m.Name] = true
			article.add("namesMentioned", m.Name)
		}
	}
	if err := s.out.encode(FtMEntity{ID: d.DocumentID, Schema: "Article", Properties: article}); err != nil {
		return err
	}
	byMention := map[string][]Match{}
	for _, m := range n.Matches {
		byMention[m.MentionID] = append(byMention[m.MentionID], m)
	}
	for _, m := range n.Mentions {
		matches := byMention[m.MentionID]
		if len(matches) == 0 {
			continue
		}
		delete(byMention, m.MentionID) // a repeated mention_id is described once
		mention := props{"document": {d.DocumentID}}
		if m.Label == "PER" {
			mention.add("personMentioned", cmp.Or(m.Name, m.Text))
		} else {
			mention.add("companyMentioned", cmp.Or(m.Name, m.Text))
		}
		var pending []string
		for _, x := range matches {
			id := ftmDesignationID(x.Dataset, x.DesignationID)
			if x.Decision != "match" || !legalEntities[x.Schema] || slices.Contains(mention["resolved"], id) {
				continue
			}
			mention.add("resolved", id)
			if !s.emitted[id] {
				s.emitted[id] = true
				pending = append(pending, id)
			}
		}
		for _, id := range pending {
			if err := s.out.encode(s.designationEntity(id, matches)); err != nil {
				return err
			}
		}
		sum := sha1.Sum([]byte(d.DocumentID + "\x00" + m.MentionID))
		if err := s.out.encode(FtMEntity{ID: hex.EncodeToString(sum[:]), Schema: "Mention", Properties: mention}); err != nil {
			return err
		}
	}
	return nil
}

// designationEntity describes designation id from its designations row, or,
// when the run did not write one, from the match row.
func (s *FtMSink) designationEntity(id string, matches []Match) FtMEntity {
	p := props{"topics": {"sanction"}}
	if d := s.designations[id]; d != nil {
		p.add("name", d.Name)
		p.add("alias", d.Aliases...)
		p.add("weakAlias", d.WeakAliases...)
		p.add("notes", d.Remarks)
		if d.Schema == "Person" {
			p.add("title", d.Titles...)
			p.add("nationality", d.Nationalities...)
			for _, b := range d.BirthDates {
				if isoDate.MatchString(b) {
					p.add("birthDate", b)
				}
			}
		}
		return FtMEntity{ID: id, Schema: d.Schema, Properties: p}
	}
	for _, x := range matches {
		if ftmDesignationID(x.Dataset, x.DesignationID) == id {
			p.add("name", x.DesignationName)
			return FtMEntity{ID: id, Schema: x.Schema, Properties: p}
		}
	}
	return FtMEntity{ID: id, Schema: "LegalEntity", Properties: p}
}

// Close renames the entities file into place.
func (s *FtMSink) Close() error {
	if s.closed {
		return ErrClosed
	}
	s.closed = true
	return s.out.close()
}

// Abort removes the temporary file.
func (s *FtMSink) Abort() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.out.file.discard()
}
