//! Approvals at risk-graded gates as plain data: decisions per gate, amend
//! and reject rates with their most given reasons, reversals and what
//! happened later; and recording such a later outcome on the entry.

use super::percent;
use crate::entry::kind::APPROVAL_OUTCOMES;
use crate::entry::{Entry, Kind, one_line};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// An outcome cannot come before the decision.
pub fn check_day(e: &Entry, day: NaiveDate) -> crate::Result<()> {
    if day < e.created.date_naive() {
        return Err(crate::Error::invalid(format!(
            "--date {day} is before the decision ({})",
            e.created.date_naive()
        )));
    }
    Ok(())
}

/// Records what happened later (reversed, complaint, chargeback) on `day`,
/// never before the decision; logged under `## Outcome`. Returns the
/// commit message.
pub fn record_outcome(
    e: &mut Entry,
    outcome: &str,
    day: NaiveDate,
    note: Option<&str>,
) -> crate::Result<String> {
    check_day(e, day)?;
    let mut set = |k: &str, v: &str| {
        e.fields
            .insert(k.into(), toml::Value::String(v.to_string()));
    };
    set("outcome", outcome);
    set("outcome_date", &day.to_string());
    if outcome == "reversed" {
        if let Some(n) = note {
            set("reversal", &one_line(n));
        }
        e.fields
            .insert("reversed".into(), toml::Value::Boolean(true));
    }
    let line = format!(
        "- {day}: {outcome}{}",
        note.map(|n| format!(": {}", one_line(n)))
            .unwrap_or_default()
    );
    e.body = super::kb::append_to_section(&e.body, "Outcome", &line);
    Ok(format!("approval {outcome}: {}", one_line(&e.title)))
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reason {
    pub reason: String,
    pub n: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GateRow {
    pub gate: String,
    pub decisions: usize,
    pub approved: usize,
    pub amended: usize,
    pub rejected: usize,
    pub escalated: usize,
    pub amend_rate_percent: Option<f64>,
    pub reject_rate_percent: Option<f64>,
    pub reversals: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApprovalReport {
    pub decisions: usize,
    pub by_gate: Vec<GateRow>,
    pub by_decision: BTreeMap<String, usize>,
    pub amend_rate_percent: Option<f64>,
    pub reject_rate_percent: Option<f64>,
    /// Most given `why` of amended decisions, most first (at most 3).
    pub top_amend_reasons: Vec<Reason>,
    pub top_reject_reasons: Vec<Reason>,
    /// Decisions reversed later (`reversed`, or the outcome reversed).
    pub reversals: usize,
    /// Outcomes recorded later, each of reversed, complaint, chargeback.
    pub outcomes: BTreeMap<String, usize>,
}

const TOP_REASONS: usize = 3;

/// A reason as it is compared: case, spacing and a final full stop do not
/// make two reasons different.
fn reason_key(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', '!'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn top_reasons<'a>(whys: impl Iterator<Item = &'a str>) -> Vec<Reason> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for w in whys {
        let key = reason_key(w);
        if key.is_empty() {
            continue;
        }
        counts
            .entry(key)
            .or_insert_with(|| (one_line(w.trim().trim_end_matches(['.', '!'])), 0))
            .1 += 1;
    }
    let mut out: Vec<Reason> = counts
        .into_values()
        .map(|(reason, n)| Reason { reason, n })
        .collect();
    out.sort_by(|a, b| b.n.cmp(&a.n).then(a.reason.cmp(&b.reason)));
    out.truncate(TOP_REASONS);
    out
}

fn is_reversed(e: &Entry) -> bool {
    e.field_bool("reversed") || e.field_str("outcome") == Some("reversed")
}

/// The report over approval entries; `gates` (the configured ones) are
/// listed even without decisions, in their configured order.
pub fn approval_report(entries: &[&Entry], gates: &[String]) -> ApprovalReport {
    let a: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Approval)
        .collect();
    let decision = |e: &Entry| e.field_str("decision").unwrap_or("unspecified").to_string();
    let mut order: Vec<String> = gates.to_vec();
    for e in &a {
        let g = e.field_str("gate").unwrap_or("unspecified").to_string();
        if !order.contains(&g) {
            order.push(g);
        }
    }
    let by_gate = order
        .into_iter()
        .map(|gate| {
            let of: Vec<&&Entry> = a
                .iter()
                .filter(|e| e.field_str("gate").unwrap_or("unspecified") == gate)
                .collect();
            let count = |d: &str| of.iter().filter(|e| decision(e) == d).count();
            GateRow {
                decisions: of.len(),
                approved: count("approved"),
                amended: count("amended"),
                rejected: count("rejected"),
                escalated: count("escalated"),
                amend_rate_percent: percent(count("amended"), of.len()),
                reject_rate_percent: percent(count("rejected"), of.len()),
                reversals: of.iter().filter(|e| is_reversed(e)).count(),
                gate,
            }
        })
        .collect();
    let mut by_decision = BTreeMap::new();
    for e in &a {
        *by_decision.entry(decision(e)).or_default() += 1;
    }
    let n = |d: &str| by_decision.get(d).copied().unwrap_or(0);
    let whys = |d: &'static str| {
        a.iter()
            .filter(move |e| e.field_str("decision") == Some(d))
            .filter_map(|e| e.field_str("why"))
    };
    let mut outcomes = BTreeMap::new();
    for o in APPROVAL_OUTCOMES {
        outcomes.insert(
            o.to_string(),
            a.iter()
                .filter(|e| e.field_str("outcome") == Some(o))
                .count(),
        );
    }
    ApprovalReport {
        decisions: a.len(),
        amend_rate_percent: percent(n("amended"), a.len()),
        reject_rate_percent: percent(n("rejected"), a.len()),
        by_decision,
        by_gate,
        top_amend_reasons: top_reasons(whys("amended")),
        top_reject_reasons: top_reasons(whys("rejected")),
        reversals: a.iter().filter(|e| is_reversed(e)).count(),
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_group_by_case_spacing_and_final_stop() {
        let r = top_reasons(
            [
                "Over the window.",
                "over  the window",
                "No receipt",
                "a",
                "b",
            ]
            .into_iter(),
        );
        assert_eq!(
            r[0],
            Reason {
                reason: "Over the window".into(),
                n: 2
            }
        );
        assert_eq!(r.len(), 3, "at most three");
    }

    #[test]
    fn an_outcome_is_never_before_the_decision_and_a_reversal_is_flagged() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Approval, "Refund", "ana-lima", at);
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(record_outcome(&mut e, "reversed", d("2026-11-01"), None).is_err());
        let msg = record_outcome(&mut e, "reversed", d("2026-11-05"), Some("refunded")).unwrap();
        assert_eq!(msg, "approval reversed: Refund");
        assert!(e.field_bool("reversed"));
        let r = approval_report(&[&e], &["refund".to_string()]);
        assert_eq!(
            (r.reversals, r.by_gate.len()),
            (1, 2),
            "the configured gate and 'unspecified'"
        );
    }
}
