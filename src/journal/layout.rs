//! Where entries live: `people/<person>/<YYYY>/<MM>/<YYYY-MM-DD>-<slug>-<id>.md`.
//!
//! Paths sort by date in any file browser, no folder grows past one
//! person-month, and the id in the name makes two clones that write the same
//! title on the same day produce two files, so new entries always merge.

use crate::entry::{Entry, slugify};

pub fn entry_path(entry: &Entry) -> String {
    let area = if entry.private { "private" } else { "people" };
    let day = entry.created.date_naive();
    format!(
        "{area}/{}/{}/{}-{}-{}.md",
        entry.person,
        day.format("%Y/%m"),
        day.format("%Y-%m-%d"),
        slugify(&entry.title),
        entry.id
    )
}

/// The part of an entry's file name that came from its title: without the
/// folder, the leading `YYYY-MM-DD-`, the trailing `-ID` and `.md`.
pub fn slug_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = name.strip_suffix(".md").unwrap_or(name);
    let dated = name.len() > 11
        && name.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let name = if dated { &name[11..] } else { name };
    match name.rsplit_once('-') {
        Some((slug, _id)) => slug,
        None => name,
    }
}

/// True for paths the index and `check` treat as entries.
pub fn is_entry_path(path: &str) -> bool {
    (path.starts_with("people/") || path.starts_with("private/"))
        && path.ends_with(".md")
        && !path.split('/').any(|c| c.starts_with('.'))
        && !is_conflict_copy(path)
}

/// A copy `sync` kept of someone else's edit of the same entry.
pub fn is_conflict_copy(path: &str) -> bool {
    path.contains(".conflict-") && path.ends_with(".md")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;
    use chrono::DateTime;

    #[test]
    fn paths_sort_by_date_under_the_person() {
        let created = DateTime::parse_from_rfc3339("2026-03-04T10:00:00+01:00").unwrap();
        let e = Entry::new(
            Kind::Postmortem,
            "Refund loop / annual plan",
            "ana-lima",
            created,
        );
        let path = entry_path(&e);
        assert_eq!(
            path,
            format!(
                "people/ana-lima/2026/03/2026-03-04-refund-loop-annual-plan-{}.md",
                e.id
            )
        );
        assert!(is_entry_path(&path));
        assert!(!is_entry_path("people/ana-lima/.keep"));
        assert!(!is_entry_path("templates/note.md"));
    }
}
