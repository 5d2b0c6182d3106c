//! References to entries, as people type them: a full id, a unique prefix
//! of 4 or more letters, a file path, `@` (my latest entry) or `@~N` (the
//! one N before it). Resolved against the index; a conflict copy `sync`
//! kept resolves from its committed text.

use crate::entry::{self, EntryId, MIN_PREFIX};
use crate::error::Error;
use crate::filter::Filter;
use crate::index::IndexedEntry;
use crate::session::Session;
use std::path::Path;

/// How many entries back `@` or `@~N` points, or `None` for anything else.
pub fn back_of(given: &str) -> Option<crate::Result<usize>> {
    let rest = given.trim().strip_prefix('@')?;
    let bad = || Error::invalid(format!("'{}' is not @ or @~N", given.trim()));
    Some(match rest.strip_prefix('~') {
        Some("") => Ok(1),
        Some(n) => n.parse().map_err(|_| bad()),
        None if rest.is_empty() => Ok(0),
        None => Err(bad()),
    })
}

/// The entry `given` names. `me` is the person `@` counts back from; it is
/// asked for only when `given` starts with `@`.
pub fn resolve(
    session: &mut Session,
    given: &str,
    me: impl FnOnce() -> crate::Result<String>,
) -> crate::Result<IndexedEntry> {
    let given = given.trim();
    if let Some(back) = back_of(given) {
        return latest(session, given, back?, &me()?);
    }
    if entry::is_id_like(given) {
        return by_prefix(session, given);
    }
    // A path, relative to the current directory or to the journal.
    if let Some(rel) = session.journal().relative_path(Path::new(given)) {
        return by_path(session, rel);
    }
    if let Some(id) = EntryId::parse_lenient(given)
        && let Some(item) = session.index()?.by_id(id.as_str())?
    {
        return Ok(item);
    }
    Err(Error::invalid(format!(
        "'{given}' is neither an entry id, an id prefix nor a path in the journal"
    )))
}

/// `@~back`: my entries, newest first, drafts and private ones included.
fn latest(
    session: &mut Session,
    given: &str,
    back: usize,
    me: &str,
) -> crate::Result<IndexedEntry> {
    let mut filter = Filter {
        include_private: true,
        include_drafts: true,
        ..Filter::default()
    };
    filter.require("person", me);
    let (hits, _) = session.query(|i| {
        i.search(
            &Default::default(),
            &filter,
            crate::index::Sort::Newest,
            Some(back + 1),
        )
    })?;
    hits.into_iter().nth(back).map(|h| h.item).ok_or_else(|| {
        Error::not_found(format!("{given}: you have fewer than {} entries", back + 1))
    })
}

fn by_prefix(session: &mut Session, given: &str) -> crate::Result<IndexedEntry> {
    if given.len() < MIN_PREFIX {
        return Err(Error::invalid(format!(
            "'{given}' is too short to name an entry: give at least {MIN_PREFIX} letters of its id"
        )));
    }
    let mut found = session.query(|i| i.ids_with_prefix(given, 10))?;
    match found.len() {
        0 => Err(
            Error::not_found(format!("no entry has an id starting with '{given}'"))
                .with_hint("`casebook list` shows ids; `casebook search WORDS` finds entries"),
        ),
        1 => Ok(found.remove(0)),
        _ => Err(Error::invalid(format!(
            "'{given}' matches several entries:\n{}",
            candidates(&found)
        ))
        .with_hint("type more letters of the id")),
    }
}

/// The entries a prefix matches, one line each.
fn candidates(found: &[IndexedEntry]) -> String {
    found
        .iter()
        .map(|f| {
            format!(
                "  {}  {}  {}",
                f.entry.id,
                f.entry.created.format("%Y-%m-%d"),
                f.entry.title
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn by_path(session: &mut Session, rel: String) -> crate::Result<IndexedEntry> {
    if let Some(item) = session.query(|i| i.by_path(&rel))? {
        return Ok(item);
    }
    // A conflict copy `sync` kept is not indexed (it is not an entry of
    // its own), but it can be shown, merged by hand and removed.
    if crate::journal::is_conflict_copy(&rel)
        && let Some(text) = session.journal().committed_text(&rel)
        && let Ok(parsed) = entry::parse(&text, &rel)
    {
        return Ok(IndexedEntry {
            path: rel,
            blob: String::new(),
            entry: parsed.entry,
        });
    }
    Err(
        Error::not_found(format!("{rel} is not a committed entry of this journal"))
            .with_hint("`casebook check` lists files casebook cannot read"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_and_at_tilde_count_back() {
        assert_eq!(back_of("@").unwrap().unwrap(), 0);
        assert_eq!(back_of("@~").unwrap().unwrap(), 1);
        assert_eq!(back_of(" @~3 ").unwrap().unwrap(), 3);
        assert!(back_of("abcd").is_none());
    }

    #[test]
    fn a_bad_at_is_invalid_input() {
        for bad in ["@x", "@~x", "@~-1"] {
            let e = back_of(bad).unwrap().unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Invalid, "{bad}");
            assert!(e.to_string().contains("is not @ or @~N"), "{e}");
        }
    }
}
