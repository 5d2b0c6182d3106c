//! The pack's library verb: which entries go into a person's evidence pack
//! (the period, the history before it, the bodies the index does not keep,
//! the team's entries a shipped change is measured on) and the team grid
//! built from everyone's packs. `assemble` stays pure; this module reads
//! the journal through a [`Session`] and hands it the entries.

use super::{EvidencePack, ReviewInput};
use crate::dates::Period;
use crate::entry::{self, Entry, Kind};
use crate::error::{Error, ErrorKind, Location};
use crate::filter::Filter;
use crate::index::IndexedEntry;
use crate::review::figures::pattern_key;
use crate::session::Session;
use crate::skills::{Ladder, SkillsTree};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// The person a team pack is labelled with.
pub const TEAM: &str = "team";

/// The period a pack covers when none is named.
pub const DEFAULT_PERIOD: &str = "12mo";

/// What a pack is asked for, with the user's filter already resolved.
#[derive(Debug, Clone, Default)]
pub struct PackRequest {
    /// A person id, or [`TEAM`].
    pub person: String,
    /// The named period (`2026-H1`, `12mo`).
    pub period: String,
    /// True when the period was named rather than defaulted.
    pub period_named: bool,
    /// The user's other criteria (kinds, skills, `--since`/`--until`),
    /// without a person.
    pub scope: Filter,
    /// The current level and the target, by id or title.
    pub level: Option<String>,
    pub target: Option<String>,
    pub include_private: bool,
}

/// The period the entries are selected by, and a label that says so:
/// `--since` alone is a period of its own, not the default twelve months.
pub fn pack_period(
    period_text: &str,
    named_flag: bool,
    scope: &Filter,
    today: NaiveDate,
) -> crate::Result<(Period, String)> {
    let named = named_flag || (scope.since.is_none() && scope.until.is_none());
    let period = if named {
        crate::dates::parse_period(period_text, today)?
    } else {
        Period {
            start: scope.since.unwrap_or(NaiveDate::MIN),
            // A start after today is still a period, of no days yet.
            end: scope
                .until
                .unwrap_or(today)
                .max(scope.since.unwrap_or(NaiveDate::MIN)),
        }
    };
    let start = scope.since.map_or(period.start, |s| s.max(period.start));
    let end = scope.until.map_or(period.end, |u| u.min(period.end));
    let label = match (named && (start, end) == (period.start, period.end), start) {
        (true, _) => period_text.to_string(),
        (false, NaiveDate::MIN) => format!("until {end}"),
        (false, _) if scope.until.is_none() && !named => format!("since {start}"),
        (false, _) => format!("{start} to {end}"),
    };
    Ok((Period { start, end }, label))
}

/// A level by its id or by its title as people say it; `flag` names the
/// option in the error.
fn level_id(ladder: &Ladder, flag: &str, given: &Option<String>) -> crate::Result<Option<String>> {
    let Some(l) = given else { return Ok(None) };
    match ladder.find_level(l) {
        Some(found) => Ok(Some(found.id.clone())),
        None => Err(
            Error::invalid(format!("{flag}: no level '{l}' in ladder.toml"))
                .with_hint(format!("levels: {}", ladder.level_names())),
        ),
    }
}

fn config_error(file: &str, e: anyhow::Error) -> Error {
    Error::new(ErrorKind::Other, format!("{e:#}")).at(Location::file(file))
}

/// One person's (or the team's) evidence pack.
pub fn pack(session: &mut Session, req: &PackRequest) -> crate::Result<EvidencePack> {
    pack_from(session, req, None, None)
}

/// The pack, from the person's entries up to the end of the period when the
/// caller already read them (the team view reads everyone's in one pass).
fn pack_from(
    session: &mut Session,
    req: &PackRequest,
    preloaded: Option<Vec<IndexedEntry>>,
    pattern_pool: Option<&PatternPool>,
) -> crate::Result<EvidencePack> {
    let person = req.person.as_str();
    let (period, period_label) = pack_period(
        &req.period,
        req.period_named,
        &req.scope,
        crate::clock::today(),
    )?;
    let journal = session.journal();
    let skills = SkillsTree::parse(&journal.skills_text_for(person))
        .map_err(|e| config_error("skills.toml", e))?;
    let ladder =
        Ladder::parse(&journal.ladder_text()).map_err(|e| config_error("ladder.toml", e))?;
    let level = level_id(&ladder, "--level", &req.level)?;
    let target = level_id(&ladder, "--target", &req.target)?;
    let commit = journal.head().map(|h| h.to_string());
    let config = journal.config.clone();
    let preloaded_team = preloaded.is_some();
    let history_items = match preloaded {
        Some(items) => items,
        None => {
            let all = history_filter(req, period);
            session.query(|i| i.all_matching(&all))?
        }
    };
    let paths: HashMap<String, String> = history_items
        .iter()
        .map(|i| (i.entry.id.to_string(), i.path.clone()))
        .collect();
    let mut history: Vec<Entry> = history_items.into_iter().map(|i| i.entry).collect();
    // The team grid reads no bodies.
    let templates = if preloaded_team {
        None
    } else {
        Some(read_bodies(session, &mut history, &paths))
    };
    // Sorted, so the period's entries (borrowed from it) are in order too.
    history.sort_by_key(|e| e.created);
    let mut scoped = req.scope.clone();
    scoped.include_private = req.include_private;
    if person != TEAM {
        scoped.require_all("person", person);
    }
    scoped.since = Some(period.start);
    scoped.until = Some(period.end);
    let entries: Vec<&Entry> = history.iter().filter(|e| scoped.matches(e)).collect();
    let path_of = |e: &Entry| paths.get(e.id.as_str()).cloned().unwrap_or_default();
    let own = (person != TEAM && req.include_private).then_some(person);
    let read_for_this_pack: Vec<Entry>;
    let team: Vec<&Entry> = match shipped_window(&history, period) {
        None => Vec::new(),
        Some((patterns, from, to)) => match pattern_pool {
            Some(pool) => pool.between(&patterns, from, to),
            None => {
                read_for_this_pack = pattern_entries(session, own, &patterns, Some((from, to)))?;
                read_for_this_pack.iter().collect()
            }
        },
    };
    let input = ReviewInput {
        person: person.to_string(),
        period_label,
        period_start: period.start,
        period_end: period.end,
        generated: crate::clock::now(),
        commit,
        entries: &entries,
        history: &history,
        team: &team,
        skills: &skills,
        ladder: &ladder,
        level,
        target,
        paths: &path_of,
        qa_target_per_week: config.targets.qa_samples_per_week,
        explore_target_per_week: config.targets.explore_minutes_per_week,
        min_predictions_for_brier: config.defaults.min_predictions_for_brier,
        include_private: req.include_private,
        templates: templates.as_ref(),
    };
    Ok(super::assemble(&input))
}

/// Everything up to the end of the period; for the team, nothing before it
/// either (a team pack aggregates the period, it does not track ratings).
fn history_filter(req: &PackRequest, period: Period) -> Filter {
    let mut all = Filter {
        include_private: req.include_private,
        until: Some(period.end),
        ..Filter::default()
    };
    if req.person != TEAM {
        all.require("person", &req.person);
    } else {
        all.since = Some(period.start);
    }
    all
}

/// The index keeps no bodies. A person's pack reads the few it needs from
/// the files: what others said (quoted whole), misses (what they taught),
/// and entries whose fields are still the template's, to tell an untouched
/// template from an entry. Returns the templates it compared against.
fn read_bodies(
    session: &Session,
    history: &mut [Entry],
    paths: &HashMap<String, String>,
) -> BTreeMap<Kind, String> {
    let journal = session.journal();
    let templates: BTreeMap<Kind, String> = Kind::ALL
        .iter()
        .map(|k| (*k, journal.template(*k)))
        .collect();
    for e in history.iter_mut() {
        let template = templates.get(&e.kind).map_or("", String::as_str);
        let wanted = e.kind == Kind::Feedback
            || (e.kind == Kind::Diagnosis && e.field_str("verdict") == Some("miss"))
            || entry::has_template_fields(e, template);
        if let (true, Some(path)) = (wanted, paths.get(e.id.as_str())) {
            // An unreadable file keeps the entry as the index has it.
            if let Ok(parsed) = journal
                .read_file(path)
                .map_err(|e| e.to_string())
                .and_then(|t| entry::parse(&t, path).map_err(|e| e.to_string()))
            {
                e.body = parsed.entry.body;
            } else {
                e.body = e.title.clone();
            }
        }
    }
    templates
}

/// Only a shipped change with a pattern needs the team's entries, and only
/// those with its pattern within 8 weeks either side of shipping: the
/// patterns and the window, or `None` when nothing shipped.
fn shipped_window(
    history: &[Entry],
    period: Period,
) -> Option<(Vec<String>, NaiveDate, NaiveDate)> {
    let shipped: Vec<(String, NaiveDate)> = history
        .iter()
        .filter(|e| e.kind == Kind::Proposal && e.field_str("status") == Some("shipped"))
        .filter_map(|e| {
            let pattern = e.field_str("pattern")?.to_string();
            let day = e
                .field_str("shipped")
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or_else(|| e.created.date_naive());
            Some((pattern, day))
        })
        .collect();
    if shipped.is_empty() {
        return None;
    }
    let margin = chrono::Duration::days(crate::review::figures::EFFECT_WINDOW_DAYS + 1);
    let from = shipped.iter().map(|s| s.1).min().unwrap_or(period.start) - margin;
    let to = shipped.iter().map(|s| s.1).max().unwrap_or(period.end) + margin;
    Some((shipped.into_iter().map(|s| s.0).collect(), from, to))
}

/// Everyone's shared entries with a pattern (and `own_private`'s private
/// ones), narrowed in the index to some patterns and a date window when
/// given: a pack with two shipped changes reads a few hundred entries of a
/// 100,000-entry journal, not every escalation ever written.
pub fn pattern_entries(
    session: &mut Session,
    own_private: Option<&str>,
    patterns: &[String],
    window: Option<(NaiveDate, NaiveDate)>,
) -> crate::Result<Vec<Entry>> {
    let mut filter = Filter {
        include_private: true,
        ..Default::default()
    };
    for k in Kind::ALL
        .iter()
        .filter(|k| **k != Kind::Proposal && k.field("pattern").is_some())
    {
        filter.require("kind", k.as_str());
    }
    for p in patterns {
        filter.require("pattern", p);
    }
    if let Some((since, until)) = window {
        filter.since = Some(since);
        filter.until = Some(until);
    }
    Ok(session
        .query(|i| i.all_matching(&filter))?
        .into_iter()
        .map(|i| i.entry)
        .filter(|e| e.field_str("pattern").is_some())
        .filter(|e| !e.private || own_private == Some(e.person.as_str()))
        .collect())
}

/// `review --team`: one row per person with practice entries in the
/// period, each row read from that person's own pack. `None` when nobody
/// wrote any. A lead's view never carries anyone's private entries.
pub fn team(
    session: &mut Session,
    period_text: &str,
    target: Option<String>,
) -> crate::Result<Option<super::team::TeamView>> {
    let period = crate::dates::parse_period(period_text, crate::clock::today())?;
    let mut by_person = team_entries(session, period)?;
    let people: Vec<String> = by_person.keys().cloned().collect();
    // Everyone's shared entries with a pattern, read once for all the packs.
    let pool = PatternPool::new(pattern_entries(session, None, &[], None)?);
    if people.is_empty() {
        return Ok(None);
    }
    let mut packs = Vec::new();
    for person in &people {
        let req = PackRequest {
            person: person.clone(),
            period: period_text.to_string(),
            period_named: true,
            target: target.clone(),
            ..PackRequest::default()
        };
        let items = by_person.remove(person).unwrap_or_default();
        packs.push(pack_from(session, &req, Some(items), Some(&pool))?);
    }
    Ok(Some(super::team::grid(&packs, period_text)))
}

/// One pass over the index for everyone, by person: each person's pack
/// then works on its slice, instead of fifty reads of the same document
/// store. The period's entries, and from before it only the records a grid
/// row reads (ratings, confirmations, profile, focus, goals, proposals, KB
/// articles, milestones). Only people with practice entries in the period.
fn team_entries(
    session: &mut Session,
    period: Period,
) -> crate::Result<BTreeMap<String, Vec<IndexedEntry>>> {
    let in_period = Filter {
        since: Some(period.start),
        until: Some(period.end),
        ..Filter::default()
    };
    let mut before = Filter {
        until: period.start.pred_opt(),
        ..Filter::default()
    };
    for k in [
        "rating",
        "confirmation",
        "profile",
        "focus",
        "goal",
        "proposal",
        "kb",
        "milestone",
    ] {
        before.require("kind", k);
    }
    let mut items = session.query(|i| i.all_matching(&in_period))?;
    if period.start > NaiveDate::MIN {
        items.extend(session.query(|i| i.all_matching(&before))?);
    }
    let mut by_person: BTreeMap<String, Vec<IndexedEntry>> = BTreeMap::new();
    for item in items {
        by_person
            .entry(item.entry.person.clone())
            .or_default()
            .push(item);
    }
    let practice_in_period = |i: &IndexedEntry| {
        let d = i.entry.created.date_naive();
        i.entry.kind.is_practice() && period.start <= d && d <= period.end
    };
    by_person.retain(|_, items| items.iter().any(practice_in_period));
    Ok(by_person)
}

/// Everyone's shared entries with a pattern, read once for the team grid
/// and kept by pattern in date order, so each person's pack picks the few
/// its shipped changes need instead of scanning them all.
pub struct PatternPool {
    by_pattern: HashMap<String, Vec<Entry>>,
}

impl PatternPool {
    pub fn new(entries: Vec<Entry>) -> PatternPool {
        let mut by_pattern: HashMap<String, Vec<Entry>> = HashMap::new();
        for e in entries {
            if let Some(p) = e.field_str("pattern").map(pattern_key) {
                by_pattern.entry(p).or_default().push(e);
            }
        }
        for list in by_pattern.values_mut() {
            list.sort_by_key(|e| e.created);
        }
        PatternPool { by_pattern }
    }

    /// The entries with one of `patterns` (any case) written from `from`
    /// to `to`, in date order.
    pub fn between(&self, patterns: &[String], from: NaiveDate, to: NaiveDate) -> Vec<&Entry> {
        let mut keys: Vec<String> = patterns.iter().map(|p| pattern_key(p)).collect();
        keys.sort();
        keys.dedup();
        let mut out: Vec<&Entry> = Vec::new();
        for list in keys.iter().filter_map(|k| self.by_pattern.get(k)) {
            let start = list.partition_point(|e| e.created.date_naive() < from);
            let end = list.partition_point(|e| e.created.date_naive() <= to);
            out.extend(&list[start..end]);
        }
        out.sort_by_key(|e| e.created);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_named_period_keeps_its_name() {
        let today = day("2026-07-15");
        let (p, label) = pack_period("2026-H1", true, &Filter::default(), today).unwrap();
        assert_eq!((p.start, p.end), (day("2026-01-01"), day("2026-06-30")));
        assert_eq!(label, "2026-H1");
    }

    #[test]
    fn since_alone_is_a_period_of_its_own() {
        let today = day("2026-07-15");
        let scope = Filter {
            since: Some(day("2026-03-01")),
            ..Filter::default()
        };
        let (p, label) = pack_period(DEFAULT_PERIOD, false, &scope, today).unwrap();
        assert_eq!((p.start, p.end), (day("2026-03-01"), today));
        assert_eq!(label, "since 2026-03-01");
        let until = Filter {
            until: Some(day("2026-03-01")),
            ..Filter::default()
        };
        let (_, label) = pack_period(DEFAULT_PERIOD, false, &until, today).unwrap();
        assert_eq!(label, "until 2026-03-01");
    }

    #[test]
    fn a_named_period_narrowed_by_since_says_both_ends() {
        let today = day("2026-07-15");
        let scope = Filter {
            since: Some(day("2026-02-01")),
            ..Filter::default()
        };
        let (p, label) = pack_period("2026-H1", true, &scope, today).unwrap();
        assert_eq!(p.start, day("2026-02-01"));
        assert_eq!(label, "2026-02-01 to 2026-06-30");
    }

    #[test]
    fn a_bad_period_is_invalid_input() {
        let e = pack_period("someday", true, &Filter::default(), day("2026-07-15")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Invalid);
    }
}
