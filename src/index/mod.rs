//! The search index: a tantivy cache of the journal, kept in step with git.
//!
//! The index records, in its own commit payload, the git commit it reflects.
//! Every command that reads it first brings it up to date by diffing that
//! commit's tree against HEAD, so the work follows what changed, never the
//! journal's size. It lives in `.git/casebook/index/`, is never committed,
//! and is rebuilt (beside the old one, switched over atomically) whenever it
//! is missing, from an older casebook, damaged or of unknown origin.
//! This is the only module that imports tantivy.

mod cache_dir;
pub mod query;
mod rank;
mod rebuild;
mod schema;
mod tokenizer;

use crate::entry::{self, Entry};
use crate::filter::Filter;
use crate::journal::Journal;
use crate::journal::Oid;
use anyhow::{Context, Result, anyhow};
use query::{ParsedQuery, TextPart};
use rebuild::{Rebuild, rebuild_beats_update};
use schema::{Fields, SCHEMA_VERSION};
use std::fs::File;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

/// What the index knows about one entry, without reading its file.
#[derive(Debug, Clone)]
pub struct IndexedEntry {
    pub path: String,
    pub blob: String,
    pub entry: Entry,
}

#[derive(Debug, Clone)]
pub struct SearchHit {
    pub score: f32,
    pub item: IndexedEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Newest,
    Oldest,
}

/// How the index was brought up to date, for `-v` and `reindex`.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    pub rebuilt: Option<String>,
    pub updated: usize,
    pub removed: usize,
    pub unreadable: Vec<String>,
}

pub struct Index {
    inner: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    /// The commits it reflects.
    heads: Heads,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    schema: u32,
    commit: Option<String>,
    /// HEAD of the private repository, indexed beside the journal's.
    #[serde(default)]
    private: Option<String>,
}

/// The two commits the index reflects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Heads {
    main: Option<Oid>,
    private: Option<Oid>,
}

impl Heads {
    fn of(journal: &Journal) -> Heads {
        Heads {
            main: journal.head(),
            private: journal.private_head(),
        }
    }

    fn of_payload(p: &Payload) -> Heads {
        let oid = |c: &Option<String>| c.as_deref().and_then(|c| Oid::from_str(c).ok());
        Heads {
            main: oid(&p.commit),
            private: oid(&p.private),
        }
    }
}

fn index_root(journal: &Journal) -> PathBuf {
    journal.state_dir().join("index")
}

impl Index {
    /// Opens the index and brings it up to date with HEAD, rebuilding it if
    /// it cannot be trusted. `notice` receives one line when that happens.
    pub fn open(journal: &Journal, notice: &mut dyn FnMut(&str)) -> Result<(Index, SyncReport)> {
        let heads = Heads::of(journal);
        match Index::open_current(journal) {
            Ok(index) if index.heads == heads => {
                sweep(journal);
                Ok((index, SyncReport::default()))
            }
            // Reading never needs write access: a read-only journal is read
            // through the index it has, said once.
            Ok(index) if cache_dir::read_only(&journal.state_dir()) => {
                notice(
                    "the journal is read-only: the search index is not brought up to date, \
                     so the latest changes may be missing from lists and searches",
                );
                Ok((index, SyncReport::default()))
            }
            Ok(_) => Index::update_to(journal, None, notice).map(|(index, report)| {
                sweep(journal);
                (index.expect("a rebuild is allowed"), report)
            }),
            Err(reason) if cache_dir::read_only(&journal.state_dir()) => Err(anyhow!(
                "the journal is read-only and its search index cannot be used ({}); \
                 copy the journal somewhere writable to read it",
                brief(&reason)
            )),
            Err(reason) => {
                if index_root(journal).join("CURRENT").exists() {
                    notice(&format!(
                        "the search index could not be used ({}); rebuilding it",
                        brief(&reason)
                    ));
                } else if heads.main.is_some_and(|h| {
                    journal
                        .entry_blobs(h)
                        .map(|b| !b.is_empty())
                        .unwrap_or(false)
                }) {
                    notice("building the search index for this clone");
                }
                Index::rebuild(journal, None)
            }
        }
    }

    /// Brings the index up to `commit`, a commit that HEAD is about to
    /// point at (a write in progress), while the writer updates git's own
    /// index. Only an update in place is attempted: `None` when the index
    /// would need a rebuild, which the next `open` does once HEAD has moved.
    pub fn catch_up(journal: &Journal, commit: Oid) -> Result<Option<(Index, SyncReport)>> {
        let (index, report) = Index::update_to(journal, Some(commit), &mut |_| {})?;
        Ok(index.map(|index| (index, report)))
    }

    /// Updates the index to `main` (HEAD when `None`) and the private HEAD,
    /// under the index lock. With `main` given, returns `None` instead of
    /// rebuilding; otherwise rebuilds from HEAD when an update cannot work.
    fn update_to(
        journal: &Journal,
        main: Option<Oid>,
        notice: &mut dyn FnMut(&str),
    ) -> Result<(Option<Index>, SyncReport)> {
        let rebuild = |notice: &mut dyn FnMut(&str), why: &str| {
            if main.is_some() {
                return Ok((None, SyncReport::default()));
            }
            if !why.is_empty() {
                notice(why);
            }
            Index::rebuild_locked(journal, None).map(|(index, report)| (Some(index), report))
        };
        // Take the index lock, then look (again): another process may have
        // caught up while we waited. A write in progress does not wait: it
        // holds the journal's lock, and another process may be rebuilding.
        let _lock = match main {
            None => IndexLock::acquire(journal)?,
            Some(_) => match IndexLock::try_acquire(journal)? {
                Some(lock) => lock,
                None => return Ok((None, SyncReport::default())),
            },
        };
        let index = match Index::open_current(journal) {
            Ok(found) => found,
            Err(reason) => {
                return rebuild(
                    notice,
                    &format!(
                        "the search index could not be used ({}); rebuilding it",
                        brief(&reason)
                    ),
                );
            }
        };
        let heads = Heads {
            main: main.or_else(|| journal.head()),
            private: journal.private_head(),
        };
        if index.heads == heads {
            return Ok((Some(index), SyncReport::default()));
        }
        let indexed = index.heads;
        if indexed.main.is_some_and(|c| !journal.commit_exists(c))
            || indexed
                .private
                .is_some_and(|c| !journal.private_commit_exists(c))
        {
            return rebuild(
                notice,
                "the search index points at a commit that no longer exists; rebuilding it",
            );
        }
        let mut changes = journal.changes_between(indexed.main, heads.main)?;
        changes.retain(|c| !c.path.starts_with("private/"));
        changes.extend(journal.private_changes_between(indexed.private, heads.private)?);
        if rebuild_beats_update(changes.len(), index.num_entries()) {
            drop(index);
            return rebuild(notice, "");
        }
        let mut index = index;
        match index.update(journal, changes, heads) {
            Ok(report) => Ok((Some(index), report)),
            Err(e) => {
                drop(index);
                rebuild(
                    notice,
                    &format!("updating the search index failed ({e:#}); rebuilding it"),
                )
            }
        }
    }

    /// Whether the index reflects `commit` of the journal.
    pub fn reflects(&self, commit: Oid) -> bool {
        self.heads.main == Some(commit)
    }

    /// Rebuilds from the files of HEAD into a fresh directory and switches
    /// over atomically.
    pub fn rebuild(
        journal: &Journal,
        progress: Option<&dyn Fn(u64, u64)>,
    ) -> Result<(Index, SyncReport)> {
        let _lock = IndexLock::acquire(journal)?;
        Index::rebuild_locked(journal, progress)
    }

    fn rebuild_locked(
        journal: &Journal,
        progress: Option<&dyn Fn(u64, u64)>,
    ) -> Result<(Index, SyncReport)> {
        let heads = Heads::of(journal);
        let mut rebuild = Rebuild::start(journal)?;
        let blobs = rebuild::entries_at(journal, heads)?;
        let total = blobs.len() as u64;
        for (i, (path, oid)) in blobs.iter().enumerate() {
            rebuild.add(path, doc_for(journal, &rebuild.fields, path, *oid))?;
            if let Some(p) = progress
                && (i % 1000 == 0 || i as u64 + 1 == total)
            {
                p(i as u64 + 1, total);
            }
        }
        rebuild.finish(journal, heads)
    }

    fn open_current(journal: &Journal) -> Result<Index> {
        let root = index_root(journal);
        let name = std::fs::read_to_string(root.join("CURRENT")).context("no index yet")?;
        let name = name.trim();
        if !name.starts_with(&format!("v{SCHEMA_VERSION}-")) {
            return Err(anyhow!(
                "its pointer names '{}', not an index of this casebook version",
                name.chars().take(40).collect::<String>()
            ));
        }
        let dir = root.join(name);
        let (inner, fields) = schema::open(&dir)?;
        let metas = inner.load_metas()?;
        let payload: Payload = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .ok_or_else(|| anyhow!("it has no record of the commit it reflects"))?;
        if payload.schema != SCHEMA_VERSION {
            return Err(anyhow!("its schema is from another casebook version"));
        }
        let reader = reader_for(&inner)?;
        // Touch every segment once so damage shows up here, where we can
        // rebuild, rather than in the middle of a search.
        let searcher = reader.searcher();
        for segment in searcher.segment_readers() {
            segment.inverted_index(fields.id)?;
            segment.get_store_reader(0)?;
        }
        Ok(Index {
            inner,
            reader,
            fields,
            heads: Heads::of_payload(&payload),
        })
    }

    fn update(
        &mut self,
        journal: &Journal,
        changes: Vec<crate::journal::PathChange>,
        heads: Heads,
    ) -> Result<SyncReport> {
        let mut report = SyncReport::default();
        let mut writer = schema::writer(&self.inner, false)?;
        for change in changes
            .iter()
            .filter(|c| crate::journal::is_entry_path(&c.path))
        {
            writer.delete_term(Term::from_field_text(self.fields.path, &change.path));
            match change.new {
                Some(oid) => match doc_for(journal, &self.fields, &change.path, oid) {
                    Ok(doc) => {
                        writer.add_document(doc)?;
                        report.updated += 1;
                    }
                    Err(_) => report.unreadable.push(change.path.clone()),
                },
                None => report.removed += 1,
            }
        }
        commit_with_payload(&mut writer, heads)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.heads = heads;
        Ok(report)
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub fn num_entries(&self) -> u64 {
        self.searcher().num_docs()
    }

    pub fn num_segments(&self) -> usize {
        self.searcher().segment_readers().len()
    }

    /// Entries matching a filter (and optional parsed query), newest first
    /// unless asked otherwise, with at most `limit` results.
    pub fn search(
        &self,
        query: &ParsedQuery,
        filter: &Filter,
        sort: Sort,
        limit: Option<usize>,
    ) -> Result<(Vec<SearchHit>, usize)> {
        let searcher = self.searcher();
        let by_score =
            sort == Sort::Relevance && !(query.text.is_empty() && query.required.is_empty());
        // Ranking clauses only when the order is by score; either way they
        // decide nothing about which entries match.
        let q = self.build_query_for(query, filter, by_score)?;
        // One pass counts the matches and keeps the best: the words'
        // postings are read once. Without a limit, count first to size it.
        // The collector reserves room for twice its limit, so a limit never
        // exceeds the number of entries.
        let limit = match limit {
            Some(0) => return Ok((Vec::new(), searcher.search(&*q, &Count)?)),
            Some(n) => n.min(searcher.num_docs() as usize).max(1),
            None => searcher.search(&*q, &Count)?.max(1),
        };
        let (total, addresses): (usize, Vec<(f32, DocAddress)>) = if by_score {
            searcher.search(&*q, &(Count, TopDocs::with_limit(limit).order_by_score()))?
        } else {
            let order = if sort == Sort::Oldest {
                Order::Asc
            } else {
                Order::Desc
            };
            let (total, top) = searcher.search(
                &*q,
                &(
                    Count,
                    TopDocs::with_limit(limit).order_by_fast_field::<u64>(schema::ORDER, order),
                ),
            )?;
            (total, top.into_iter().map(|(_, a)| (0.0, a)).collect())
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(item) = self.item_of(&doc) {
                hits.push(SearchHit { score, item });
            }
        }
        Ok((hits, total))
    }

    /// Every entry matching the filter, in no particular order (for reports).
    pub fn all_matching(&self, filter: &Filter) -> Result<Vec<IndexedEntry>> {
        let searcher = self.searcher();
        let q = self.build_query(&ParsedQuery::default(), filter)?;
        // In store order: documents are fetched block by block, and each
        // block is decompressed once instead of once per random visit.
        let mut docs: Vec<DocAddress> = searcher
            .search(&*q, &DocSetCollector)?
            .into_iter()
            .collect();
        docs.sort_unstable();
        let mut out = Vec::with_capacity(docs.len());
        for address in docs {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(item) = self.item_of(&doc) {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Entries whose id starts with `prefix` (at most `max`).
    pub fn ids_with_prefix(&self, prefix: &str, max: usize) -> Result<Vec<IndexedEntry>> {
        let mut out = Vec::new();
        for id in self.candidate_ids(prefix, max)? {
            if let Some(item) = self.by_id(&id)? {
                out.push(item);
                if out.len() >= max {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// The length of the shortest prefix of `id` (at least `min`) that no
    /// other live entry's id shares: the bold part shown beside every id.
    /// One walk of each segment's id terms under `id[..min]`, where a
    /// journal of 100,000 entries holds one or two others.
    pub fn unique_prefix_len(&self, id: &str, min: usize) -> Result<usize> {
        let Some(start) = id.get(..min) else {
            return Ok(id.len());
        };
        let mut longest_shared = 0;
        self.walk_id_terms(start, |segment, inverted, key, info| {
            if key != id.as_bytes() {
                let shared = key
                    .iter()
                    .zip(id.as_bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                // A merge has not yet dropped the terms of deleted entries.
                if shared > longest_shared && term_is_live(segment, inverted, info)? {
                    longest_shared = shared;
                }
            }
            Ok(true)
        })?;
        Ok((longest_shared + 1).clamp(min, id.len()))
    }

    /// Ids starting with `prefix` in the term dictionaries, in order.
    fn candidate_ids(
        &self,
        prefix: &str,
        max: usize,
    ) -> Result<std::collections::BTreeSet<String>> {
        let mut ids = std::collections::BTreeSet::new();
        self.walk_id_terms(prefix, |_, _, key, _| {
            if ids.len() > max * 4 {
                return Ok(false);
            }
            ids.insert(String::from_utf8_lossy(key).to_string());
            Ok(true)
        })?;
        // The term dictionary still holds deleted documents until a merge:
        // callers confirm each id against live documents.
        Ok(ids)
    }

    /// Visits the id terms starting with `prefix`, segment by segment and in
    /// order within each; `visit` returns false to leave a segment early.
    fn walk_id_terms(
        &self,
        prefix: &str,
        mut visit: impl FnMut(
            &tantivy::SegmentReader,
            &tantivy::InvertedIndexReader,
            &[u8],
            &tantivy::postings::TermInfo,
        ) -> Result<bool>,
    ) -> Result<()> {
        for segment in self.searcher().segment_readers() {
            let inverted = segment.inverted_index(self.fields.id)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()?;
            while stream.advance() {
                if !stream.key().starts_with(prefix.as_bytes())
                    || !visit(segment, &inverted, stream.key(), stream.value())?
                {
                    break;
                }
            }
        }
        Ok(())
    }

    /// The values a field takes (lower-cased, as indexed), with roughly how
    /// many entries have each: read from the term dictionary, so it costs
    /// the number of distinct values, not the number of entries.
    pub fn field_values(&self, field: &str) -> Result<Vec<(String, u64)>> {
        let prefix = schema::facet_token(field, "");
        let searcher = self.searcher();
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.facets)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let Some(value) = stream.key().strip_prefix(prefix.as_bytes()) else {
                    break;
                };
                *counts
                    .entry(String::from_utf8_lossy(value).into_owned())
                    .or_default() += u64::from(stream.value().doc_freq);
            }
        }
        Ok(counts.into_iter().collect())
    }

    pub fn by_id(&self, id: &str) -> Result<Option<IndexedEntry>> {
        self.by_term(Term::from_field_text(self.fields.id, id))
    }

    pub fn by_path(&self, path: &str) -> Result<Option<IndexedEntry>> {
        self.by_term(Term::from_field_text(self.fields.path, path))
    }

    /// The entry imported from `source` (its `imported_from`, exactly).
    pub fn by_import_source(&self, source: &str) -> Result<Option<IndexedEntry>> {
        self.by_term(Term::from_field_text(self.fields.source, source))
    }

    fn by_term(&self, term: Term) -> Result<Option<IndexedEntry>> {
        let searcher = self.searcher();
        let q = TermQuery::new(term, IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, address)) => {
                let doc: TantivyDocument = searcher.doc(*address)?;
                Ok(self.item_of(&doc))
            }
            None => Ok(None),
        }
    }

    /// Makes snippets of texts around the query's words; built once for
    /// all the hits of a search, and used on any part of an entry (title,
    /// body, a field), which all share one analyser.
    pub fn snippets(&self, query: &ParsedQuery, max_chars: usize) -> Result<Snippets> {
        let searcher = self.searcher();
        let f = &self.fields;
        let plan = rank::Plan::of(query, &schema::query_analyzer(&self.inner));
        let mut terms: std::collections::BTreeSet<String> = Default::default();
        for part in plan.free.iter().chain(&plan.required) {
            match part {
                rank::Part::Term(t) => {
                    terms.insert(t.clone());
                }
                rank::Part::Phrase(ts) => terms.extend(ts.iter().cloned()),
                rank::Part::Prefix(p) => {
                    // The prefix's words in the index, the most a snippet
                    // could show.
                    for segment in searcher.segment_readers() {
                        let inverted = segment.inverted_index(f.body)?;
                        let mut stream = inverted.terms().range().ge(p.as_bytes()).into_stream()?;
                        let mut n = 0;
                        while n < 64 && stream.advance() && stream.key().starts_with(p.as_bytes()) {
                            terms.insert(String::from_utf8_lossy(stream.key()).into_owned());
                            n += 1;
                        }
                    }
                }
            }
        }
        terms.extend(plan.joined.iter().cloned());
        let mut terms_text = std::collections::BTreeMap::new();
        for text in terms {
            let mut doc_freq = 0;
            for field in [f.body, f.keys] {
                doc_freq += searcher.doc_freq(&Term::from_field_text(field, &text))?;
            }
            if doc_freq > 0 {
                terms_text.insert(text, 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let stems: Vec<&str> = terms_text.keys().map(String::as_str).collect();
        let analyzer = schema::snippet_analyzer(&stems);
        let generator =
            tantivy::snippet::SnippetGenerator::new(terms_text, analyzer, f.body, max_chars);
        Ok(Snippets { generator })
    }

    fn item_of(&self, doc: &TantivyDocument) -> Option<IndexedEntry> {
        let text = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let meta = doc.get_first(self.fields.meta).and_then(|v| v.as_str())?;
        Some(IndexedEntry {
            path: text(self.fields.path)?,
            blob: text(self.fields.blob).unwrap_or_default(),
            entry: schema::entry_from_meta(meta)?,
        })
    }

    fn build_query(&self, query: &ParsedQuery, filter: &Filter) -> Result<Box<dyn Query>> {
        self.build_query_for(query, filter, true)
    }

    /// The query for `query` and `filter`; `ranked` adds the clauses that
    /// only order the hits, and leaves out nothing that decides a match.
    fn build_query_for(
        &self,
        query: &ParsedQuery,
        filter: &Filter,
        ranked: bool,
    ) -> Result<Box<dyn Query>> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        self.text_clauses(query, ranked, &mut must)?;
        let facet = |field: &str, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f.facets, &schema::facet_token(field, value)),
                IndexRecordOption::Basic,
            ))
        };
        for (field, value) in &query.fields {
            must.push((Occur::Must, facet(field, value)));
        }
        for (field, values) in &filter.fields {
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|v| (Occur::Should, facet(field, v)))
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let since = max_opt(query.since, filter.since);
        let until = min_opt(query.until, filter.until);
        if since.is_some() || until.is_some() {
            let lower = match since {
                Some(d) => Bound::Included(date_term(f.created, d)),
                None => Bound::Unbounded,
            };
            let upper = match until.and_then(|d| d.succ_opt()) {
                Some(d) => Bound::Excluded(date_term(f.created, d)),
                None => Bound::Unbounded,
            };
            must.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        if !filter.include_private {
            must.push((Occur::MustNot, facet("private", "true")));
        }
        let wants_drafts = filter.include_drafts
            || filter.wants_kind("draft")
            || query
                .fields
                .iter()
                .any(|(k, v)| k == "kind" && v == "draft");
        if !wants_drafts {
            must.push((Occur::MustNot, facet("kind", "draft")));
        }
        if !must.iter().any(|(o, _)| *o == Occur::Must) {
            must.push((Occur::Must, Box::new(AllQuery)));
        }
        Ok(Box::new(BooleanQuery::new(must)))
    }

    /// Adds the clauses of the query's text to `must`: free words as
    /// ranked alternatives (at least one must match unless something is
    /// required), phrases and `+words` as musts. `ranked` adds what only
    /// orders the hits (words glued back together: `web hooks`).
    fn text_clauses(
        &self,
        query: &ParsedQuery,
        ranked: bool,
        must: &mut Vec<(Occur, Box<dyn Query>)>,
    ) -> Result<()> {
        let searcher = self.searcher();
        let plan = rank::Plan::of(query, &schema::query_analyzer(&self.inner));
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in &plan.free {
            should.extend(self.part_clauses(part));
        }
        if ranked {
            for joined in &plan.joined {
                let term = Term::from_field_text(self.fields.body, joined);
                if searcher.doc_freq(&term)? > 0 {
                    should.extend(self.part_clauses(&rank::Part::Term(joined.clone())));
                }
            }
        }
        for part in &plan.required {
            let clauses = self.part_clauses(part);
            if !clauses.is_empty() {
                must.push((Occur::Must, Box::new(BooleanQuery::new(clauses))));
            }
        }
        if !should.is_empty() {
            // Without a required part, at least one free word must match;
            // with one, the free words only rank.
            let occur = if plan.required.is_empty() {
                Occur::Must
            } else {
                Occur::Should
            };
            let union: Box<dyn Query> = if should.len() == 1 {
                should.pop().expect("one clause").1
            } else {
                Box::new(BooleanQuery::new(should))
            };
            must.push((occur, union));
        }
        for part in &plan.excluded {
            let clauses = self.part_clauses(part);
            if !clauses.is_empty() {
                must.push((Occur::MustNot, Box::new(BooleanQuery::new(clauses))));
            }
        }
        Ok(())
    }

    /// One analysed part as alternatives over the title, the key fields
    /// and the body (which holds the title too), each weighted.
    fn part_clauses(&self, part: &rank::Part) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(3);
        for (field, weight) in [
            (f.body, 1.0),
            (f.title, rank::TITLE_WEIGHT),
            (f.keys, rank::KEYS_WEIGHT),
        ] {
            let q: Box<dyn Query> = match part {
                rank::Part::Term(t) => Box::new(TermQuery::new(
                    Term::from_field_text(field, t),
                    IndexRecordOption::WithFreqs,
                )),
                rank::Part::Phrase(ts) => Box::new(PhraseQuery::new(
                    ts.iter().map(|t| Term::from_field_text(field, t)).collect(),
                )),
                rank::Part::Prefix(p) => Box::new(FuzzyTermQuery::new_prefix(
                    Term::from_field_text(field, p),
                    0,
                    true,
                )),
            };
            let q: Box<dyn Query> = if weight == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, weight))
            };
            out.push((Occur::Should, q));
        }
        out
    }

    /// The index's terms for `text` (stemmed, folded).
    pub fn terms_of(&self, text: &str) -> Vec<String> {
        schema::query_analyzer(&self.inner)(text)
    }

    /// Near spellings, from the term dictionary, of the free words that no
    /// entry contains: `(word as typed, replacement)` pairs. A word keeps
    /// its place when nothing near it is in the index.
    pub fn corrections(&self, query: &ParsedQuery) -> Result<Vec<(String, String)>> {
        let searcher = self.searcher();
        let f = &self.fields;
        let mut out = Vec::new();
        let analyze = schema::query_analyzer(&self.inner);
        for part in query.text.iter().chain(&query.required) {
            let TextPart::Word(word) = part else {
                continue;
            };
            let tokens = analyze(word);
            let [token] = tokens.as_slice() else {
                continue;
            };
            let Some(distance) = rank::typo_distance(token) else {
                continue;
            };
            let mut known = 0;
            for field in [f.body, f.keys] {
                known += searcher.doc_freq(&Term::from_field_text(field, token))?;
            }
            if known > 0 {
                continue;
            }
            // The best neighbour: nearest first, then the most common.
            let mut best: Option<(usize, u64, String)> = None;
            let fuzzy = FuzzyTermQuery::new(Term::from_field_text(f.body, token), distance, true);
            let segments = searcher.segment_readers();
            for (segment, field) in segments.iter().flat_map(|s| [(s, f.body), (s, f.keys)]) {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().search(fuzzy.automaton()?).into_stream()?;
                while stream.advance() {
                    let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let d = rank::edit_distance(token, candidate);
                    let df = u64::from(stream.value().doc_freq);
                    let better = match &best {
                        None => true,
                        Some((bd, bdf, _)) => d < *bd || (d == *bd && df > *bdf),
                    };
                    if better && d > 0 {
                        best = Some((d, df, candidate.to_string()));
                    }
                }
            }
            if let Some((_, _, replacement)) = best {
                out.push((word.clone(), replacement));
            }
        }
        Ok(out)
    }
}

/// Snippets for one query (see `Index::snippets`).
pub struct Snippets {
    generator: tantivy::snippet::SnippetGenerator,
}

impl Snippets {
    /// A snippet of `text` around the query's words, as the fragment and
    /// the byte ranges to highlight in it.
    pub fn snippet(&self, text: &str) -> (String, Vec<(usize, usize)>) {
        let snippet = self.generator.snippet(text);
        // Trim the fragment's edges and move the highlights with them.
        let fragment = snippet.fragment();
        let lead = fragment.len() - fragment.trim_start().len();
        let trimmed = fragment.trim();
        let ranges = snippet
            .highlighted()
            .iter()
            .filter(|r| r.start >= lead && r.end - lead <= trimmed.len())
            .map(|r| (r.start - lead, r.end - lead))
            .collect();
        (trimmed.to_string(), ranges)
    }
}

/// The first sentence of an error, for one-line notices.
fn brief(e: &anyhow::Error) -> String {
    let text = format!("{e:#}");
    let first = text.split(['\n', '.']).next().unwrap_or(&text);
    crate::entry::truncate_chars(first.trim(), 120)
}

fn max_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn min_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn date_term(field: tantivy::schema::Field, day: chrono::NaiveDate) -> Term {
    // Dates are compared as UTC days: an entry's `created` is stored as its
    // local calendar day at midnight UTC, so filters match the day the user saw.
    let secs = day
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    Term::from_field_date_for_search(field, tantivy::DateTime::from_timestamp_secs(secs))
}

fn reader_for(inner: &tantivy::Index) -> Result<IndexReader> {
    Ok(inner
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?)
}

fn commit_with_payload(writer: &mut tantivy::IndexWriter, heads: Heads) -> Result<()> {
    let payload = serde_json::to_string(&Payload {
        schema: SCHEMA_VERSION,
        commit: heads.main.map(|h| h.to_string()),
        private: heads.private.map(|h| h.to_string()),
    })?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// Entries larger than this are not indexed (`check` reports them).
const MAX_INDEXED_BYTES: usize = 5 << 20;

fn doc_for(journal: &Journal, fields: &Fields, path: &str, oid: Oid) -> Result<TantivyDocument> {
    doc_from(fields, path, oid, &committed_bytes(journal, path, oid)?)
}

/// The document of an entry whose blob `oid` holds `bytes`.
fn doc_from(fields: &Fields, path: &str, oid: Oid, bytes: &[u8]) -> Result<TantivyDocument> {
    if bytes.len() > MAX_INDEXED_BYTES {
        return Err(anyhow!("{path} is larger than 5 MB"));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| anyhow!("{path} is not UTF-8"))?;
    let parsed = entry::parse(text, path).map_err(|p| anyhow!("{path}:{p}"))?;
    Ok(schema::document(
        fields,
        path,
        &oid.to_string(),
        &parsed.entry,
    ))
}

/// The committed text of an entry. The work tree almost always holds it
/// already: a file that hashes to the committed blob is that blob, and
/// reading and hashing it costs half of inflating it from the object store
/// (which also keeps a packed journal's pack out of memory). Hand edits,
/// line-end filters and missing files fall back to the blob.
fn committed_bytes(journal: &Journal, path: &str, oid: Oid) -> Result<Vec<u8>> {
    if let Ok(bytes) = std::fs::read(journal.abs(path))
        && crate::journal::blob_oid(&bytes) == oid
    {
        return Ok(bytes);
    }
    journal.read_blob(path, oid)
}

/// Removes what a killed index writer left: generations `CURRENT` does not
/// name (a rebuild killed halfway) and temporary files of an atomic write.
/// Costs one directory listing; only under the index lock, so another
/// process's build in progress is never touched.
fn sweep(journal: &Journal) {
    let root = index_root(journal);
    let Ok(current) = std::fs::read_to_string(root.join("CURRENT")) else {
        return;
    };
    let current = current.trim();
    let stale = |name: &str| name != current && name != "CURRENT";
    let Ok(entries) = std::fs::read_dir(&root) else {
        return;
    };
    let found: Vec<_> = entries
        .flatten()
        .filter(|e| stale(&e.file_name().to_string_lossy()))
        .collect();
    let in_current: Vec<_> = std::fs::read_dir(root.join(current))
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(".casebook-"))
                .collect()
        })
        .unwrap_or_default();
    if found.is_empty() && in_current.is_empty() {
        return;
    }
    let Ok(Some(_lock)) = IndexLock::try_acquire(journal) else {
        return;
    };
    for e in found.iter().chain(&in_current) {
        let path = e.path();
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Serialises index updates between processes. An OS file lock: a killed
/// process releases it, so it never goes stale.
struct IndexLock {
    _file: File,
}

impl IndexLock {
    /// Waits for the lock.
    fn acquire(journal: &Journal) -> Result<IndexLock> {
        Ok(IndexLock::take(journal, true)?.expect("a waiting lock is taken"))
    }

    /// The lock, or `None` if another process holds it.
    fn try_acquire(journal: &Journal) -> Result<Option<IndexLock>> {
        IndexLock::take(journal, false)
    }

    fn take(journal: &Journal, wait: bool) -> Result<Option<IndexLock>> {
        let dir = journal.state_dir();
        std::fs::create_dir_all(&dir)?;
        let path: &Path = &dir.join("index.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        if wait {
            file.lock()
                .with_context(|| format!("cannot lock {}", path.display()))?;
        } else {
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path.display()));
                }
            }
        }
        Ok(Some(IndexLock { _file: file }))
    }
}

/// Does any live document in `segment` carry the term behind `info`?
fn term_is_live(
    segment: &tantivy::SegmentReader,
    inverted: &tantivy::InvertedIndexReader,
    info: &tantivy::postings::TermInfo,
) -> Result<bool> {
    use tantivy::DocSet;
    let Some(alive) = segment.alive_bitset() else {
        return Ok(true);
    };
    let mut postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    while postings.doc() != tantivy::TERMINATED {
        if alive.is_alive(postings.doc()) {
            return Ok(true);
        }
        postings.advance();
    }
    Ok(false)
}
