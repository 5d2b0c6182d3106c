//! Where a person stands on the ladder, dated: each change is a new
//! `profile` entry that carries the last one forward, so the level history
//! is the journal's history and tenure is measured from `level_since`.

use crate::entry::{Entry, Kind};
use crate::error::Error;
use crate::filter::Filter;
use crate::session::Session;
use crate::skills::Ladder;
use chrono::NaiveDate;

/// What a `profile` command changes; `None` keeps the last value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    /// A level id or title.
    pub level: Option<String>,
    pub since: Option<NaiveDate>,
    pub track: Option<String>,
    /// A level id or title.
    pub target: Option<String>,
    pub target_track: Option<String>,
    pub direction: Option<String>,
}

impl ProfileChange {
    pub fn is_empty(&self) -> bool {
        *self == ProfileChange::default()
    }
}

/// The person's profile entries, oldest first.
pub fn history(session: &mut Session, person: &str) -> crate::Result<Vec<Entry>> {
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("kind", Kind::Profile.as_str());
    f.require_all("person", person);
    let mut items: Vec<Entry> = session
        .query(|i| i.all_matching(&f))?
        .into_iter()
        .map(|i| i.entry)
        .collect();
    items.sort_by_key(|e| e.created);
    Ok(items)
}

/// A level by its id or by its title as people say it.
fn level_id(ladder: &Ladder, flag: &str, given: Option<&str>) -> crate::Result<Option<String>> {
    let Some(v) = given else { return Ok(None) };
    match ladder.find_level(v) {
        Some(found) => Ok(Some(found.id.clone())),
        None => Err(
            Error::invalid(format!("{flag}: no level '{v}' in ladder.toml"))
                .with_hint(format!("levels: {}", ladder.level_names())),
        ),
    }
}

fn check_track(ladder: &Ladder, flag: &str, given: Option<&str>) -> crate::Result<()> {
    match given {
        Some(v) if ladder.track(v).is_none() => {
            let ids: Vec<&str> = ladder.tracks.iter().map(|t| t.id.as_str()).collect();
            Err(
                Error::invalid(format!("{flag}: no track '{v}' in ladder.toml"))
                    .with_hint(format!("tracks: {}", ids.join(", "))),
            )
        }
        _ => Ok(()),
    }
}

/// The next profile entry: the change over the last profile. A new level
/// is held since `since`, else since today; a track not given follows the
/// last one or the level's.
pub fn next(
    ladder: &Ladder,
    last: Option<&Entry>,
    change: &ProfileChange,
    person: &str,
    today: NaiveDate,
) -> crate::Result<Entry> {
    let new_level = level_id(ladder, "--level", change.level.as_deref())?;
    let target = level_id(ladder, "--target", change.target.as_deref())?;
    check_track(ladder, "--track", change.track.as_deref())?;
    check_track(ladder, "--target-track", change.target_track.as_deref())?;
    let carried = |key: &str| last.and_then(|e| e.field_str(key)).map(str::to_string);
    let level = new_level.clone().or_else(|| carried("level"));
    let level_changed = new_level.is_some() && new_level != carried("level");
    let level_since = change.since.map(|d| d.to_string()).or_else(|| {
        if level_changed {
            Some(today.to_string())
        } else {
            carried("level_since")
        }
    });
    let track = change
        .track
        .clone()
        .or_else(|| carried("track"))
        .or_else(|| {
            level
                .as_deref()
                .and_then(|l| ladder.level(l))
                .map(|l| l.track.clone())
        });
    let mut e = Entry::new(Kind::Profile, "", person, crate::clock::now());
    for (key, value) in [
        ("level", level.clone()),
        ("level_since", level_since.clone()),
        ("track", track),
        ("target_level", target.or_else(|| carried("target_level"))),
        (
            "target_track",
            change
                .target_track
                .clone()
                .or_else(|| carried("target_track")),
        ),
        (
            "direction",
            change.direction.clone().or_else(|| carried("direction")),
        ),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            e.fields.insert(key.into(), toml::Value::String(v));
        }
    }
    e.title = match (&level, &level_since) {
        (Some(l), Some(s)) => format!("Profile: {l} since {s}"),
        (Some(l), None) => format!("Profile: {l}"),
        _ => "Profile".to_string(),
    };
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder() -> Ladder {
        Ladder::parse(include_str!("../journal-template/ladder.toml")).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_new_level_is_held_since_today_and_takes_its_track() {
        let change = ProfileChange {
            level: Some("specialist-1".into()),
            ..ProfileChange::default()
        };
        let e = next(&ladder(), None, &change, "ana-lima", day("2026-03-01")).unwrap();
        assert_eq!(e.field_str("level"), Some("specialist-1"));
        assert_eq!(e.field_str("level_since"), Some("2026-03-01"));
        assert_eq!(e.field_str("track"), Some("ic"));
        assert_eq!(e.title, "Profile: specialist-1 since 2026-03-01");
    }

    #[test]
    fn a_new_target_carries_the_level_forward() {
        let first = ProfileChange {
            level: Some("specialist-1".into()),
            since: Some(day("2025-09-01")),
            ..ProfileChange::default()
        };
        let last = next(&ladder(), None, &first, "ana-lima", day("2026-01-01")).unwrap();
        let change = ProfileChange {
            direction: Some("towards escalations".into()),
            ..ProfileChange::default()
        };
        let e = next(
            &ladder(),
            Some(&last),
            &change,
            "ana-lima",
            day("2026-03-01"),
        )
        .unwrap();
        assert_eq!(e.field_str("level_since"), Some("2025-09-01"));
        assert_eq!(e.field_str("direction"), Some("towards escalations"));
    }

    #[test]
    fn an_unknown_level_or_track_is_invalid_with_the_choices() {
        for change in [
            ProfileChange {
                level: Some("wizard".into()),
                ..ProfileChange::default()
            },
            ProfileChange {
                track: Some("nowhere".into()),
                ..ProfileChange::default()
            },
        ] {
            let e = next(&ladder(), None, &change, "ana-lima", day("2026-03-01")).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Invalid);
            assert!(e.hint().is_some());
        }
    }
}
