//! The proposal state machine and report: a proposal goes proposed →
//! accepted → shipped, or to rejected (shipped and rejected are final),
//! each step dated on the entry and logged in its body; the report counts
//! them, the days to ship, and each shipped one's effect on its pattern.

use crate::entry::kind::PROPOSAL_TARGETS;
use crate::entry::{Entry, one_line};
use crate::error::Error;
use crate::review::figures::{PatternEffect, ProposalFigures, pattern_effect, proposals};
use chrono::NaiveDate;
use serde::Serialize;

fn set(e: &mut Entry, key: &str, value: &str) {
    e.fields
        .insert(key.into(), toml::Value::String(value.to_string()));
}

/// What a proposal changes: `target` (a hand-off template names whose,
/// with `function`) and the pattern it addresses. Sets them on `e`, where
/// `--field target=` and `--field pattern=` already stand for the flags;
/// returns the pattern as written.
pub fn aim(
    e: &mut Entry,
    target: Option<&str>,
    function: Option<&str>,
    pattern: Option<&str>,
) -> crate::Result<String> {
    if let Some(t) = target {
        set(e, "target", t);
    }
    if let Some(x) = function {
        set(e, "function", x);
    }
    let target = e.field_str("target").unwrap_or("").to_string();
    if target.is_empty() {
        return Err(Error::invalid("a proposal needs --target (what to change)")
            .with_hint(format!("targets: {}", PROPOSAL_TARGETS.join(", "))));
    }
    match (target.as_str(), e.field_str("function")) {
        ("handoff-template", None) => {
            return Err(Error::invalid(
                "--target handoff-template needs --function (whose template)",
            ));
        }
        (t, Some(_)) if t != "handoff-template" => {
            return Err(Error::invalid(
                "--function is for --target handoff-template only",
            ));
        }
        _ => {}
    }
    let pattern = pattern
        .or(e.field_str("pattern"))
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    if pattern.is_empty() {
        return Err(Error::invalid("--pattern needs a tag, e.g. refund-loop"));
    }
    set(e, "pattern", &pattern);
    Ok(pattern)
}

/// Files the proposal: its body (the first line is the title when it has
/// none), the entries that show the pattern (full ids, each once), status
/// `proposed` on `day`.
pub fn file(e: &mut Entry, body: String, evidence: &[String], day: NaiveDate) {
    if e.title.trim().is_empty() {
        e.title = crate::entry::truncate_chars(body.lines().next().unwrap_or("").trim(), 72);
    }
    e.body = body;
    set(e, "status", "proposed");
    set(e, "proposed", &day.to_string());
    let mut ids: Vec<String> = Vec::new();
    for id in evidence {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    if !ids.is_empty() {
        e.fields.insert(
            "evidence".into(),
            toml::Value::Array(ids.into_iter().map(toml::Value::String).collect()),
        );
    }
}

/// Where a proposal may go from where it is.
pub fn allowed(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("proposed", "accepted" | "shipped" | "rejected") | ("accepted", "shipped" | "rejected")
    )
}

/// Refuses a step the state machine does not allow from where `e` is.
pub fn check_step(e: &Entry, to: &str) -> crate::Result<()> {
    let from = e.field_str("status").unwrap_or("proposed");
    if allowed(from, to) {
        return Ok(());
    }
    let when = e
        .field_date(from)
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    Err(Error::invalid(format!(
        "{} ({}) cannot become {to}: it was {from}{when}",
        e.id,
        one_line(&e.title)
    ))
    .with_hint(
        "steps go proposed → accepted → shipped, or to rejected; shipped and rejected are final",
    ))
}

/// One step of a proposal.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub to: &'a str,
    pub day: NaiveDate,
    pub change_ref: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Takes a step: refused when the state machine does not allow it or the
/// day comes before an earlier step; dated, logged under `## History`.
/// Returns the commit message.
pub fn step(e: &mut Entry, s: &Step) -> crate::Result<String> {
    let (to, day) = (s.to, s.day);
    check_step(e, to)?;
    // A step cannot come before the one it follows.
    for earlier in ["proposed", "accepted"] {
        if let Some(d) = e.field_date(earlier)
            && day < d
        {
            return Err(Error::invalid(format!(
                "--date {day} is before the proposal was {earlier} ({d})"
            )));
        }
    }
    set(e, "status", to);
    set(e, to, &day.to_string());
    let change_ref = s.change_ref.map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = change_ref {
        set(e, "change_ref", r);
    }
    let in_parens = change_ref.map(|r| format!(" ({r})")).unwrap_or_default();
    let line = format!(
        "- {day}: {to}{in_parens}{}",
        s.note
            .map(|n| format!(": {}", one_line(n)))
            .unwrap_or_default()
    );
    e.body = super::kb::append_to_section(&e.body, "History", &line);
    Ok(format!("proposal {to}: {}{in_parens}", one_line(&e.title)))
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub path: String,
    pub status: String,
    pub target: Option<String>,
    pub function: Option<String>,
    pub pattern: Option<String>,
    pub evidence: Vec<String>,
    pub proposed: NaiveDate,
    pub accepted: Option<NaiveDate>,
    pub shipped: Option<NaiveDate>,
    pub rejected: Option<NaiveDate>,
    pub change_ref: Option<String>,
    /// Proposed to shipped, for shipped proposals.
    pub days_to_ship: Option<i64>,
    /// Shipped proposals: entries with the pattern team-wide, 8 weeks
    /// before and after (shorter while 8 weeks have not passed).
    pub effect: Option<PatternEffect>,
}

impl Row {
    pub fn is_open(&self) -> bool {
        self.status == "proposed" || self.status == "accepted"
    }
}

fn row(e: &Entry, path: &str, pool: &[&Entry], today: NaiveDate) -> Row {
    let proposed = e.field_date("proposed").unwrap_or(e.created.date_naive());
    let status = e.field_str("status").unwrap_or("proposed").to_string();
    let shipped = (status == "shipped")
        .then(|| e.field_date("shipped"))
        .flatten();
    let pattern = e.field_str("pattern").map(str::to_string);
    Row {
        id: e.id.to_string(),
        title: e.title.clone(),
        path: path.to_string(),
        target: e.field_str("target").map(str::to_string),
        function: e.field_str("function").map(str::to_string),
        evidence: e.field_list("evidence"),
        proposed,
        accepted: e.field_date("accepted"),
        shipped,
        rejected: e.field_date("rejected"),
        change_ref: e.field_str("change_ref").map(str::to_string),
        days_to_ship: shipped.map(|s| (s - proposed).num_days()),
        effect: pattern
            .as_deref()
            .zip(shipped)
            .and_then(|(p, s)| pattern_effect(pool, p, s, today)),
        pattern,
        status,
    }
}

/// `casebook proposal report`.
#[derive(Debug, Clone)]
pub struct ProposalReport {
    pub counts: ProposalFigures,
    pub rows: Vec<Row>,
    pub median_days: Option<f64>,
    pub days_n: usize,
}

impl ProposalReport {
    pub fn shipped(&self) -> Vec<&Row> {
        self.rows.iter().filter(|r| r.shipped.is_some()).collect()
    }
}

/// The report over proposals given with their paths; `pool` holds the
/// entries with patterns a shipped change's effect is counted over.
pub fn report(items: &[(&Entry, &str)], pool: &[&Entry], today: NaiveDate) -> ProposalReport {
    let entries: Vec<&Entry> = items.iter().map(|(e, _)| *e).collect();
    let rows: Vec<Row> = items
        .iter()
        .map(|(e, path)| row(e, path, pool, today))
        .collect();
    let mut days: Vec<i64> = rows.iter().filter_map(|r| r.days_to_ship).collect();
    ProposalReport {
        counts: proposals(&entries),
        days_n: days.len(),
        median_days: crate::review::figures::median(&mut days),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn proposal() -> Entry {
        let at = chrono::DateTime::parse_from_rfc3339("2026-10-01T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Proposal, "Close refund loops", "ana-lima", at);
        aim(&mut e, Some("playbook"), None, Some(" Refund-Loop ")).unwrap();
        file(
            &mut e,
            "Body".into(),
            &["a".into(), "a".into()],
            ymd("2026-10-01"),
        );
        e
    }

    #[test]
    fn shipped_and_rejected_are_final() {
        assert!(allowed("proposed", "shipped"));
        assert!(allowed("accepted", "rejected"));
        assert!(!allowed("rejected", "shipped"));
        assert!(!allowed("shipped", "rejected"));
        assert!(!allowed("accepted", "accepted"));
    }

    #[test]
    fn filing_needs_a_target_and_a_function_only_for_handoff_templates() {
        let e = proposal();
        assert_eq!(e.field_str("pattern"), Some("refund-loop"));
        assert_eq!(e.field_list("evidence"), vec!["a"]);
        let mut bare = proposal();
        bare.fields.clear();
        assert!(aim(&mut bare, None, None, Some("x")).is_err());
        let err = aim(&mut bare, Some("handoff-template"), None, Some("x")).unwrap_err();
        assert!(err.message().contains("needs --function"));
        assert!(aim(&mut bare, Some("playbook"), Some("billing"), Some("x")).is_err());
    }

    #[test]
    fn a_step_is_dated_logged_and_never_before_the_last() {
        let mut e = proposal();
        let early = Step {
            to: "accepted",
            day: ymd("2026-09-30"),
            change_ref: None,
            note: None,
        };
        assert!(
            step(&mut e, &early)
                .unwrap_err()
                .message()
                .contains("is before")
        );
        let ship = Step {
            to: "shipped",
            day: ymd("2026-10-20"),
            change_ref: Some(" PB-112 "),
            note: Some("v2"),
        };
        assert_eq!(
            step(&mut e, &ship).unwrap(),
            "proposal shipped: Close refund loops (PB-112)"
        );
        assert!(e.body.contains("- 2026-10-20: shipped (PB-112): v2"));
        let r = report(&[(&e, "p.md")], &[], ymd("2026-11-24"));
        assert_eq!((r.days_n, r.median_days), (1, Some(19.0)));
        assert!(
            step(
                &mut e,
                &Step {
                    to: "rejected",
                    ..ship
                }
            )
            .is_err(),
            "shipped is final"
        );
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        let m = |mut v: Vec<i64>| crate::review::figures::median(&mut v);
        assert_eq!(m(vec![30, 10, 20, 40]), Some(25.0));
        assert_eq!(m(vec![]), None);
    }
}
