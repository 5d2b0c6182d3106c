//! Dynamic shell completion: the shell asks `casebook` itself (through
//! `COMPLETE=bash casebook -- WORDS`), so entry ids, skills, kinds and tags
//! come from the journal the user is standing in. Every completer fails
//! silently: a completion that prints an error is worse than none.

use crate::entry::Kind;
use crate::filter::Filter;
use crate::index::{Index, Sort};
use crate::journal::Journal;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter, CompletionCandidate};
use std::ffi::OsStr;

/// The environment variable that switches the binary into completion mode.
pub const VAR: &str = "COMPLETE";

fn journal() -> Option<Journal> {
    let (dir, explicit) = match std::env::var_os("CASEBOOK_DIR").filter(|d| !d.is_empty()) {
        Some(d) => (std::path::PathBuf::from(d), true),
        None => (std::env::current_dir().ok()?, false),
    };
    Journal::discover(&dir, explicit).ok()
}

fn index(journal: &Journal) -> Option<Index> {
    Index::open(journal, &mut |_| {}).ok().map(|(i, _)| i)
}

/// Entry ids: by the typed prefix, else the most recent; the title is the
/// description the shell shows beside each.
fn ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let Some(index) = index(&journal) else {
        return Vec::new();
    };
    let items = if current.is_empty() || current.starts_with('@') {
        let filter = Filter {
            include_private: true,
            include_drafts: true,
            ..Filter::default()
        };
        index
            .search(&Default::default(), &filter, Sort::Newest, Some(30))
            .map(|(hits, _)| hits.into_iter().map(|h| h.item).collect())
            .unwrap_or_default()
    } else {
        index.ids_with_prefix(&current, 50).unwrap_or_default()
    };
    items
        .into_iter()
        .map(|i| {
            CompletionCandidate::new(i.entry.id.as_str())
                .help(Some(super::ui::one_line(&i.entry.title).into()))
        })
        .collect()
}

fn skills() -> Vec<CompletionCandidate> {
    journal()
        .map(|j| j.skill_ids())
        .unwrap_or_default()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

fn kinds() -> Vec<CompletionCandidate> {
    Kind::ALL
        .iter()
        .map(|k| CompletionCandidate::new(k.as_str()).help(Some(k.habit().into())))
        .collect()
}

fn values_of(field: &str) -> Vec<CompletionCandidate> {
    let Some(journal) = journal() else {
        return Vec::new();
    };
    let Some(index) = index(&journal) else {
        return Vec::new();
    };
    index
        .field_values(field)
        .unwrap_or_default()
        .into_iter()
        .map(|(v, n)| CompletionCandidate::new(v).help(Some(format!("{n} entries").into())))
        .collect()
}

pub fn id_completer() -> ArgValueCompleter {
    ArgValueCompleter::new(ids)
}

pub fn skill_completer() -> ArgValueCandidates {
    ArgValueCandidates::new(skills)
}

pub fn kind_completer() -> ArgValueCandidates {
    ArgValueCandidates::new(kinds)
}

pub fn tag_completer() -> ArgValueCandidates {
    ArgValueCandidates::new(|| values_of("tag"))
}

pub fn product_completer() -> ArgValueCandidates {
    ArgValueCandidates::new(|| values_of("product"))
}
