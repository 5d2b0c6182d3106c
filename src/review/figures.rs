//! The figures that measure each skill: calibration of predictions, QA
//! cadence and pass rates, KB outcomes, the escalation trend, hand-offs and
//! exploration time. Each figure carries its n.

use super::{Figure, ReviewInput};
use crate::entry::{Entry, Kind};
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize, Default, Clone)]
pub struct Calibration {
    pub predictions: usize,
    pub resolved: usize,
    pub hits: usize,
    pub partials: usize,
    pub misses: usize,
    /// Hits plus half the partials, over resolved predictions.
    pub hit_rate: Option<f64>,
    /// Mean squared error of confidence against outcome; shown only from n
    /// = min_predictions_for_brier, since below that it is noise.
    pub brier: Option<f64>,
    pub brier_n: usize,
    pub by_month: Vec<MonthRate>,
    /// What was predicted against what it was, for the misses.
    pub misses_list: Vec<Miss>,
}

#[derive(Debug, Serialize, Clone)]
pub struct MonthRate {
    pub month: String,
    pub n: usize,
    pub hit_rate: f64,
}

#[derive(Debug, Serialize, Clone)]
pub struct Miss {
    pub id: String,
    pub predicted: String,
    pub actual: String,
}

fn outcome(verdict: &str) -> Option<f64> {
    match verdict {
        "hit" => Some(1.0),
        "partial" => Some(0.5),
        "miss" => Some(0.0),
        _ => None,
    }
}

pub fn calibration(entries: &[&Entry], min_for_brier: u32) -> Calibration {
    let mut c = Calibration::default();
    let mut squared = Vec::new();
    let mut months: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.kind == Kind::Diagnosis) {
        c.predictions += 1;
        let Some(o) = e.field_str("verdict").and_then(outcome) else {
            continue;
        };
        c.resolved += 1;
        match e.field_str("verdict") {
            Some("hit") => c.hits += 1,
            Some("partial") => c.partials += 1,
            _ => {
                c.misses += 1;
                c.misses_list.push(Miss {
                    id: e.id.to_string(),
                    predicted: e.field_str("prediction").unwrap_or(&e.title).to_string(),
                    actual: e.field_str("actual").unwrap_or("").to_string(),
                });
            }
        }
        if let Some(conf) = e.field_int("confidence") {
            squared.push((conf as f64 / 100.0 - o).powi(2));
        }
        let d = e.created.date_naive();
        let m = months
            .entry(format!("{}-{:02}", d.year(), d.month()))
            .or_default();
        m.0 += 1;
        m.1 += o;
    }
    if c.resolved > 0 {
        c.hit_rate = Some((c.hits as f64 + 0.5 * c.partials as f64) / c.resolved as f64);
    }
    c.brier_n = squared.len();
    if squared.len() >= min_for_brier.max(1) as usize {
        c.brier = Some(squared.iter().sum::<f64>() / squared.len() as f64);
    }
    c.by_month = months
        .into_iter()
        .map(|(month, (n, sum))| MonthRate {
            month,
            n,
            hit_rate: sum / n as f64,
        })
        .collect();
    c
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub fn for_skill(
    skill: &str,
    entries: &[&Entry],
    cal: &Calibration,
    input: &ReviewInput,
) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut fig = |label: &str, value: String| {
        out.push(Figure {
            label: label.into(),
            value,
        })
    };
    let weeks = ((input.period_end - input.period_start).num_days() as f64 / 7.0).max(1.0);
    let of = |k: Kind| entries.iter().copied().filter(move |e| e.kind == k);
    match skill {
        "complex-case-diagnosis" => {
            fig(
                "predictions",
                format!("{} made, {} resolved", cal.predictions, cal.resolved),
            );
            if let Some(r) = cal.hit_rate {
                fig(
                    "hit rate",
                    format!(
                        "{} (n = {}: {} hit, {} partial, {} miss)",
                        pct(r),
                        cal.resolved,
                        cal.hits,
                        cal.partials,
                        cal.misses
                    ),
                );
            }
            match cal.brier {
                Some(b) => fig(
                    "Brier score",
                    format!(
                        "{b:.3} over n = {} (0 is perfect, 0.25 is a coin toss)",
                        cal.brier_n
                    ),
                ),
                None => fig(
                    "Brier score",
                    format!(
                        "shown from n = {} (now {})",
                        input.min_predictions_for_brier, cal.brier_n
                    ),
                ),
            }
        }
        "quality-sampling-judgment" => {
            let qa: Vec<&Entry> = of(Kind::Qa).collect();
            fig(
                "QA samples",
                format!(
                    "{} ({:.1} a week; target {})",
                    qa.len(),
                    qa.len() as f64 / weeks,
                    input.qa_target_per_week
                ),
            );
            for dim in ["accuracy", "tone", "policy", "resolution"] {
                let scored: Vec<i64> = qa.iter().filter_map(|e| e.field_int(dim)).collect();
                if !scored.is_empty() {
                    let pass = scored.iter().filter(|s| **s >= 4).count();
                    fig(
                        &format!("{dim} pass rate"),
                        format!(
                            "{} (n = {})",
                            pct(pass as f64 / scored.len() as f64),
                            scored.len()
                        ),
                    );
                }
            }
            let flagged = qa.iter().filter(|e| e.field_bool("flagged")).count();
            let closed = qa
                .iter()
                .filter(|e| e.field_str("flag_status") == Some("closed"))
                .count();
            fig(
                "retraining flags",
                format!("{flagged} raised, {closed} closed"),
            );
            let missed = qa
                .iter()
                .filter(|e| e.field_bool("missed_escalation"))
                .count();
            fig("missed escalations caught", missed.to_string());
        }
        "knowledge-base-specification" => {
            let kb: Vec<&Entry> = of(Kind::Kb).collect();
            let published = kb
                .iter()
                .filter(|e| e.field_str("status") == Some("published"))
                .count();
            let deflections: i64 = kb.iter().filter_map(|e| e.field_int("deflections")).sum();
            fig(
                "articles",
                format!("{} written, {published} published", kb.len()),
            );
            fig(
                "deflections",
                format!("{deflections} (an estimate, from analytics)"),
            );
        }
        "agent-escalation-tuning" => {
            let esc: Vec<&Entry> = of(Kind::Escalation).collect();
            if !esc.is_empty() {
                let half = esc.len() / 2;
                let mut sorted = esc.clone();
                sorted.sort_by_key(|e| e.created);
                let share = |xs: &[&Entry]| {
                    let n = xs
                        .iter()
                        .filter(|e| e.field_str("category") == Some("should-have-handled"))
                        .count();
                    if xs.is_empty() {
                        0.0
                    } else {
                        n as f64 / xs.len() as f64
                    }
                };
                fig("escalations categorised", esc.len().to_string());
                fig(
                    "\"should have handled\" share",
                    format!(
                        "{} in the first half, {} in the second (n = {} / {})",
                        pct(share(&sorted[..half])),
                        pct(share(&sorted[half..])),
                        half,
                        esc.len() - half
                    ),
                );
            }
            let shipped = of(Kind::Proposal)
                .filter(|e| e.field_str("status") == Some("shipped"))
                .count();
            fig("proposals shipped", shipped.to_string());
            let approvals: Vec<&Entry> = of(Kind::Approval).collect();
            if !approvals.is_empty() {
                let amended = approvals
                    .iter()
                    .filter(|e| matches!(e.field_str("decision"), Some("amended" | "rejected")))
                    .count();
                fig(
                    "approvals",
                    format!(
                        "{} decided, {} amended or rejected",
                        approvals.len(),
                        amended
                    ),
                );
            }
        }
        "hand-off-documentation" => {
            let mut by: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            for e in of(Kind::Handoff) {
                let f = by
                    .entry(e.field_str("function").unwrap_or("other").to_string())
                    .or_default();
                f.0 += 1;
                if e.field_str("feedback").is_some() {
                    f.1 += 1;
                }
            }
            for (function, (n, fb)) in by {
                fig(
                    &format!("hand-offs to {function}"),
                    format!("{n}, {fb} with the receiver's feedback"),
                );
            }
        }
        "cross-product-context" => {
            let minutes: i64 = of(Kind::Explore)
                .filter_map(|e| e.field_int("minutes"))
                .sum();
            fig(
                "exploration",
                format!(
                    "{minutes} minutes ({:.0} a week; target {})",
                    minutes as f64 / weeks,
                    input.explore_target_per_week
                ),
            );
        }
        "empathic-communication" => {
            let pm: Vec<&Entry> = of(Kind::Postmortem).collect();
            let gains: Vec<i64> = pm
                .iter()
                .filter_map(|e| {
                    Some(e.field_int("sentiment_end")? - e.field_int("sentiment_start")?)
                })
                .collect();
            fig("post-mortems", pm.len().to_string());
            if !gains.is_empty() {
                fig(
                    "sentiment, start to end",
                    format!(
                        "{:+.1} on average (n = {})",
                        gains.iter().sum::<i64>() as f64 / gains.len() as f64,
                        gains.len()
                    ),
                );
            }
            let phrases: usize = pm.iter().map(|e| e.field_list("phrases").len()).sum();
            fig("phrases that worked, recorded", phrases.to_string());
        }
        _ => {
            let teach = of(Kind::Teach).count();
            if teach > 0 {
                fig("teaching", format!("{teach} sessions, guides or pairings"));
            }
        }
    }
    out
}
