//! 1:1s: the preparation (what the other person's journal holds since the
//! last 1:1, their open goals, the actions from last time, predictions
//! waiting) and the note afterwards, private, with actions and owners.

use crate::entry::{Entry, Kind};
use crate::error::Error;
use crate::filter::Filter;
use crate::session::Session;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// My 1:1 notes with `with`, oldest first.
pub fn notes_with(session: &mut Session, me: &str, with: &str) -> crate::Result<Vec<Entry>> {
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("kind", Kind::Oneonone.as_str());
    f.require_all("person", me);
    let mut notes: Vec<Entry> = session
        .query(|i| i.all_matching(&f))?
        .into_iter()
        .map(|i| i.entry)
        .filter(|e| e.field_str("with") == Some(with))
        .collect();
    notes.sort_by_key(|e| e.created);
    Ok(notes)
}

/// What a 1:1's preparation shows.
#[derive(Debug, Clone)]
pub struct Prep {
    pub with: String,
    /// Where the look back starts: the day given, else the last 1:1.
    pub since: Option<NaiveDate>,
    /// The day was given (`--since`), not taken from the last 1:1.
    pub since_given: bool,
    pub last: Option<NaiveDate>,
    /// Their shared entries since then, oldest first.
    pub entries: Vec<Entry>,
    /// Every open goal, whenever it was set.
    pub open_goals: Vec<Entry>,
    /// The actions of the last 1:1.
    pub open_actions: Vec<String>,
    pub by_kind: BTreeMap<String, usize>,
}

impl Prep {
    pub fn pending(&self) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| super::is_pending(e))
            .collect()
    }
}

/// Prepares my 1:1 with `with`, looking back from `since` when given, else
/// from our last 1:1 (else over everything). Their private entries stay theirs.
pub fn prep(
    session: &mut Session,
    me: &str,
    with: &str,
    since: Option<NaiveDate>,
) -> crate::Result<Prep> {
    let notes = notes_with(session, me, with)?;
    let last = notes.last();
    let since_given = since.is_some();
    let since = since.or(last.map(|n| n.created.date_naive()));
    let mut f = Filter::default();
    f.require_all("person", with);
    f.since = since;
    let mut entries: Vec<Entry> = session
        .query(|i| i.all_matching(&f))?
        .into_iter()
        .map(|i| i.entry)
        .collect();
    entries.sort_by_key(|e| e.created);
    let mut gf = Filter::default();
    gf.require("kind", Kind::Goal.as_str());
    gf.require_all("person", with);
    let open_goals: Vec<Entry> = session
        .query(|i| i.all_matching(&gf))?
        .into_iter()
        .map(|i| i.entry)
        .filter(|e| e.field_str("status").is_none_or(|s| s == "open"))
        .collect();
    Ok(Prep {
        with: with.to_string(),
        since,
        since_given,
        last: last.map(|n| n.created.date_naive()),
        open_actions: last.map(|n| n.field_list("actions")).unwrap_or_default(),
        by_kind: by_kind(&entries),
        entries,
        open_goals,
    })
}

fn by_kind(entries: &[Entry]) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for e in entries {
        *out.entry(e.kind.to_string()).or_default() += 1;
    }
    out
}

/// The private note of a 1:1: what was said and actions as "owner: what".
pub fn note(
    me: &str,
    with: &str,
    body: Option<String>,
    actions: &[String],
    now: chrono::DateTime<chrono::FixedOffset>,
) -> crate::Result<Entry> {
    if body.is_none() && actions.is_empty() {
        return Err(Error::invalid(
            "a 1:1 note needs -m TEXT or at least one --action",
        ));
    }
    if let Some(a) = actions.iter().find(|a| !a.contains(':')) {
        return Err(Error::invalid(format!(
            "--action '{a}' must name its owner: \"owner: what\""
        )));
    }
    let mut e = Entry::new(Kind::Oneonone, &format!("1:1 with {with}"), me, now);
    e.private = true;
    e.fields
        .insert("with".into(), toml::Value::String(with.to_string()));
    if !actions.is_empty() {
        e.fields.insert(
            "actions".into(),
            toml::Value::Array(
                actions
                    .iter()
                    .map(|a| toml::Value::String(a.trim().to_string()))
                    .collect(),
            ),
        );
    }
    e.body = body.unwrap_or_default();
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_private_and_every_action_names_its_owner() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap();
        assert!(note("sam", "ana-lima", None, &[], now).is_err());
        let err = note("sam", "ana-lima", None, &["draft it".into()], now).unwrap_err();
        assert!(err.message().contains("must name its owner"));
        let e = note(
            "sam",
            "ana-lima",
            Some("SSO".into()),
            &[" ana: draft ".into()],
            now,
        )
        .unwrap();
        assert!(e.private);
        assert_eq!(e.field_list("actions"), vec!["ana: draft"]);
        assert_eq!(
            (e.title.as_str(), e.field_str("with")),
            ("1:1 with ana-lima", Some("ana-lima"))
        );
    }
}
