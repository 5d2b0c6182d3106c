//! The figures of `casebook status`: one person's week (entries, QA
//! samples and exploration minutes against the targets), open jots, kept
//! drafts, the month's focus, overdue KB articles, predictions waiting for
//! their actual, and the journal's state. One read of the person's entries.

use crate::drafts::Draft;
use crate::entry::Kind;
use crate::filter::Filter;
use crate::index::IndexedEntry;
use crate::loops::kb::Article;
use crate::session::Session;
use chrono::{Datelike, NaiveDate};

/// The month's focus skill, when one is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub id: String,
    pub skill: String,
    pub since: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub person: String,
    pub today: NaiveDate,
    /// The Monday the week started.
    pub week_start: NaiveDate,
    pub entries_this_week: usize,
    pub qa_done: usize,
    pub qa_target: u32,
    pub explore_done: i64,
    pub explore_target: u32,
    /// Open jots, oldest first.
    pub drafts: Vec<IndexedEntry>,
    /// Jots older than this many days are called out.
    pub draft_age_warning_days: i64,
    /// Texts kept when a write was refused or interrupted.
    pub kept: Vec<Draft>,
    pub focus: Option<Focus>,
    /// Owned articles past their review date.
    pub kb_overdue: Vec<Article>,
    /// Predictions waiting for their actual cause, oldest first.
    pub pending: Vec<IndexedEntry>,
    /// Entry files changed by hand and not committed.
    pub uncommitted: Vec<String>,
    /// Conflict copies `sync` kept, to merge by hand.
    pub conflict_copies: Vec<String>,
    /// The first ten letters of HEAD.
    pub head: Option<String>,
    pub root: String,
}

impl Status {
    /// How many days old a jot is, today.
    pub fn age_of(&self, draft: &IndexedEntry) -> i64 {
        (self.today - draft.entry.created.date_naive()).num_days()
    }
}

/// The Monday of `today`'s week.
pub fn week_start(today: NaiveDate) -> NaiveDate {
    today - chrono::Duration::days(today.weekday().num_days_from_monday() as i64)
}

pub fn status(session: &mut Session, person: &str, today: NaiveDate) -> crate::Result<Status> {
    let week_start = week_start(today);
    let mut mine = Filter {
        include_private: true,
        include_drafts: true,
        ..Filter::default()
    };
    mine.require("person", person);
    let items = session.query(|i| i.all_matching(&mine))?;
    let week: Vec<_> = items
        .iter()
        .filter(|i| i.entry.created.date_naive() >= week_start)
        .collect();
    let of_kind = |kind: Kind| {
        let mut out: Vec<IndexedEntry> = items
            .iter()
            .filter(|i| i.entry.kind == kind)
            .cloned()
            .collect();
        out.sort_by_key(|i| i.entry.created);
        out
    };
    let drafts = of_kind(Kind::Draft);
    let mut pending: Vec<IndexedEntry> = items
        .iter()
        .filter(|i| crate::loops::is_pending(&i.entry))
        .cloned()
        .collect();
    pending.sort_by_key(|i| i.entry.created);
    let qa_done = week.iter().filter(|i| i.entry.kind == Kind::Qa).count();
    let explore_done: i64 = week
        .iter()
        .filter(|i| i.entry.kind == Kind::Explore)
        .filter_map(|i| i.entry.field_int("minutes"))
        .sum();
    // The loops that slip quietly: the month's focus and owned articles
    // past their review date.
    let entries: Vec<&crate::entry::Entry> = items.iter().map(|i| &i.entry).collect();
    let focus = crate::loops::open_focus(&entries).map(|f| Focus {
        id: f.id.to_string(),
        skill: f.field_str("skill").unwrap_or("").to_string(),
        since: f.created.date_naive(),
    });
    let journal = session.journal();
    let config = &journal.config;
    let kb_overdue =
        crate::loops::kb::stale(&entries, today, config.targets.kb_review_interval_days);
    Ok(Status {
        person: person.to_string(),
        today,
        week_start,
        entries_this_week: week.len(),
        qa_done,
        qa_target: config.targets.qa_samples_per_week,
        explore_done,
        explore_target: config.targets.explore_minutes_per_week,
        drafts,
        draft_age_warning_days: config.defaults.draft_age_warning_days as i64,
        kept: crate::drafts::list(journal),
        focus,
        kb_overdue,
        pending,
        uncommitted: journal.uncommitted_entry_files(),
        conflict_copies: journal.conflict_copies(),
        head: journal.head().map(|h| h.to_string()[..10].to_string()),
        root: journal.root().display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_starts_on_monday() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(week_start(d("2026-12-04")), d("2026-11-30"));
        assert_eq!(week_start(d("2026-11-30")), d("2026-11-30"));
        assert_eq!(week_start(d("2026-12-06")), d("2026-11-30"));
    }
}
