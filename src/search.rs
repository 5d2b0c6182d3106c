//! The search verb behind `casebook search`: parse the query, fix a word
//! no entry contains, rank the hits, and for each hit the snippet from the
//! part that matched best. Snippets come from the files on disk, so the
//! text shown is the text the user has; a hit whose file was edited since
//! its last commit says so.

use crate::entry::{Entry, FieldType, MIN_PREFIX};
use crate::error::Error;
use crate::filter::Filter;
use crate::index::{IndexedEntry, Snippets, Sort, query};
use crate::session::Session;
use serde::Serialize;
use std::collections::BTreeSet;

/// How long a snippet or an excerpt is, in characters.
pub const SNIPPET_CHARS: usize = 160;

const QUERY_HINT: &str = "see `casebook help query`";

/// A search, as plain settings.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The words as typed, one per argument.
    pub words: Vec<String>,
    /// The criteria besides the words (private and drafts as wanted).
    pub filter: Filter,
    pub sort: Sort,
    pub limit: usize,
    /// Search the words as typed: no fallback to near spellings.
    pub exact: bool,
    /// Only the number of matches is wanted: no snippets are read.
    pub count_only: bool,
}

/// One hit, with what to show of it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(skip)]
    pub item: IndexedEntry,
    pub score: f32,
    /// The part the snippet comes from (body, title, case or a field).
    pub part: Option<String>,
    /// The snippet, or the body's start when no word shows.
    pub fragment: String,
    /// Byte ranges of the matched words in `fragment`.
    pub ranges: Vec<(usize, usize)>,
    /// The body's start, for a view that shows the title already.
    pub excerpt: String,
    /// The file differs from the committed text the index holds.
    pub edited: bool,
    /// How many letters of the id name it uniquely.
    pub prefix_len: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SearchResult {
    /// The query searched (the corrected one when a word was replaced).
    pub query: String,
    pub hits: Vec<Hit>,
    pub total: usize,
    /// Words replaced (typed, replacement), when a typo was fixed.
    pub fixes: Vec<(String, String)>,
    /// With no match among shared entries: how many private ones match.
    pub private_matches: usize,
}

impl SearchResult {
    /// The query as typed with each fixed word replaced, when one was.
    pub fn corrected(&self, typed: &[String]) -> Option<String> {
        (!self.fixes.is_empty()).then(|| correct(typed, &self.fixes))
    }
}

/// `--sort` by name.
pub fn sort_named(name: Option<&str>) -> crate::Result<Sort> {
    match name {
        None | Some("relevance") | Some("score") => Ok(Sort::Relevance),
        Some("newest") | Some("date") => Ok(Sort::Newest),
        Some("oldest") => Ok(Sort::Oldest),
        Some(other) => Err(Error::invalid(format!(
            "--sort '{other}': choose relevance, newest or oldest"
        ))),
    }
}

/// The query parsed, or what is wrong with it.
fn parse(text: &str) -> crate::Result<query::ParsedQuery> {
    let parsed = query::parse(text, crate::clock::today());
    if let Some(e) = parsed.errors.first() {
        return Err(Error::invalid(e.clone()).with_hint(QUERY_HINT));
    }
    if parsed.is_empty() {
        return Err(
            Error::invalid(format!("'{text}' has no words to search for")).with_hint(QUERY_HINT),
        );
    }
    Ok(parsed)
}

/// `--field verdikt=miss` fails as `verdikt:miss` does; values are checked
/// and normalised as the query's are.
fn check_fields(filter: &mut Filter) -> crate::Result<()> {
    for (field, values) in &mut filter.fields {
        if !crate::filter::is_field(field) {
            return Err(Error::invalid(format!(
                "--field: {}",
                crate::filter::unknown_field(field)
            )));
        }
        for v in values.iter_mut() {
            *v = crate::filter::check_value(field, v)
                .map_err(|e| Error::invalid(format!("--field: {e}")))?;
        }
    }
    Ok(())
}

pub fn search(session: &mut Session, request: &SearchRequest) -> crate::Result<SearchResult> {
    let mut text = request.words.join(" ");
    let mut parsed = parse(&text)?;
    let mut filter = request.filter.clone();
    check_fields(&mut filter)?;
    let mut fixes = Vec::new();
    if !request.exact {
        // A word that no entry contains is most likely a typo: search its
        // nearest spelling in the journal instead.
        let found = session.query(|i| i.corrections(&parsed))?;
        if !found.is_empty() {
            let corrected = correct(&request.words, &found);
            let reparsed = query::parse(&corrected, crate::clock::today());
            if reparsed.errors.is_empty() && !reparsed.is_empty() {
                fixes = found;
                text = corrected;
                parsed = reparsed;
            }
        }
    }
    let (hits, total) =
        session.query(|i| i.search(&parsed, &filter, request.sort, Some(request.limit)))?;
    let mut result = SearchResult {
        query: text,
        total,
        fixes,
        ..SearchResult::default()
    };
    if total == 0 && !request.count_only && !filter.include_private {
        let mut with_private = filter.clone();
        with_private.include_private = true;
        let sort = request.sort;
        result.private_matches = session
            .query(|i| i.search(&parsed, &with_private, sort, Some(0)))?
            .1;
    }
    if request.count_only || total == 0 {
        return Ok(result);
    }
    let snippets = session.query(|i| i.snippets(&parsed, SNIPPET_CHARS))?;
    let journal = session.journal();
    for hit in hits {
        let body = read_body(journal, &hit.item);
        let (part, fragment, ranges) = best_snippet(&snippets, &hit.item.entry, &body.1);
        let mut e = hit.item.entry.clone();
        e.body = body.1;
        let excerpt = e.excerpt(SNIPPET_CHARS);
        result.hits.push(Hit {
            fragment: if fragment.is_empty() {
                excerpt.clone()
            } else {
                fragment
            },
            item: hit.item,
            score: hit.score,
            part,
            ranges,
            excerpt,
            edited: body.0,
            prefix_len: MIN_PREFIX,
        });
    }
    let index = session.index()?;
    for h in result.hits.iter_mut() {
        h.prefix_len = index
            .unique_prefix_len(h.item.entry.id.as_str(), MIN_PREFIX)
            .unwrap_or(MIN_PREFIX);
    }
    // The dictionary holds stems (`retri`): say each replacement as the
    // hits spell it (`retries`).
    for (_, fix) in result.fixes.iter_mut() {
        let spelled = result.hits.iter().find_map(|h| {
            h.ranges
                .iter()
                .filter_map(|&(a, b)| h.fragment.get(a..b))
                .find(|w| index.terms_of(w) == [fix.as_str()])
                .map(str::to_lowercase)
        });
        if let Some(word) = spelled {
            *fix = word;
        }
    }
    Ok(result)
}

/// Whether the file was edited since its last commit, and its body as it
/// is on disk; one read serves both.
fn read_body(journal: &crate::journal::Journal, item: &IndexedEntry) -> (bool, String) {
    let bytes = std::fs::read(journal.abs(&item.path)).ok();
    let edited = bytes
        .as_deref()
        .is_some_and(|b| crate::journal::blob_oid(b).to_string() != item.blob);
    let body = bytes
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| {
            crate::entry::split_front_matter(&t)
                .ok()
                .map(|s| s.body.to_string())
        })
        .unwrap_or_default();
    (edited, body)
}

/// A snippet: the part it comes from, the fragment and its highlights.
type PartSnippet = (Option<String>, String, Vec<(usize, usize)>);

/// The snippet from the part of the entry that matched best: the body, one
/// of the kind's text fields (prediction, actual...) or the title, as
/// (part, fragment, highlights). The part with the most distinct words of
/// the query wins; the body wins ties. `None` when no word shows anywhere.
fn best_snippet(snippets: &Snippets, entry: &Entry, body: &str) -> PartSnippet {
    let mut parts: Vec<(String, String)> = vec![("body".into(), body.to_string())];
    for spec in entry.kind.fields() {
        if matches!(spec.ty, FieldType::Text | FieldType::List) {
            let values = entry.values_of(spec.name);
            if !values.is_empty() {
                parts.push((spec.name.to_string(), values.join("; ")));
            }
        }
    }
    if let Some(case) = &entry.case {
        parts.push(("case".into(), case.clone()));
    }
    parts.push(("title".into(), entry.title.clone()));
    let mut best: (usize, PartSnippet) = (0, (None, String::new(), Vec::new()));
    for (name, text) in parts {
        let (fragment, ranges) = snippets.snippet(&text);
        let distinct: BTreeSet<String> = ranges
            .iter()
            .filter_map(|&(a, b)| fragment.get(a..b))
            .map(str::to_lowercase)
            .collect();
        if distinct.len() > best.0 {
            best = (distinct.len(), (Some(name), fragment, ranges));
        }
    }
    best.1
}

/// The query as typed with each misspelt word replaced (a `+word` keeps
/// its `+`).
pub fn correct(words: &[String], fixes: &[(String, String)]) -> String {
    let mut out = Vec::with_capacity(words.len());
    for arg in words {
        let fixed: Vec<String> = arg
            .split_whitespace()
            .map(|w| {
                let bare = w.strip_prefix('+').unwrap_or(w);
                match fixes.iter().find(|(typed, _)| typed == bare) {
                    Some((_, fix)) if bare.len() < w.len() => format!("+{fix}"),
                    Some((_, fix)) => fix.clone(),
                    None => w.to_string(),
                }
            })
            .collect();
        out.push(fixed.join(" "));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_word_keeps_its_plus_and_its_neighbours() {
        let words = vec!["refnd +stirpe".to_string(), "loop".to_string()];
        let fixes = vec![
            ("refnd".to_string(), "refund".to_string()),
            ("stirpe".to_string(), "stripe".to_string()),
        ];
        assert_eq!(correct(&words, &fixes), "refund +stripe loop");
    }

    #[test]
    fn sort_names_and_a_wrong_one() {
        assert_eq!(sort_named(None).unwrap(), Sort::Relevance);
        assert_eq!(sort_named(Some("date")).unwrap(), Sort::Newest);
        assert_eq!(sort_named(Some("oldest")).unwrap(), Sort::Oldest);
        let e = sort_named(Some("size")).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Invalid);
        assert!(e.to_string().contains("--sort 'size'"));
    }

    #[test]
    fn a_query_without_words_is_invalid_with_a_hint() {
        let e = parse("-- ").unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Invalid);
        assert_eq!(e.hint(), Some(QUERY_HINT));
    }

    #[test]
    fn an_unknown_field_filter_is_invalid() {
        let mut filter = Filter::default();
        filter.require("verdikt", "miss");
        let e = check_fields(&mut filter).unwrap_err();
        assert!(e.to_string().starts_with("--field: "), "{e}");
    }
}
