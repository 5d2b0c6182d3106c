//! How an evidence pack looks: Markdown (to paste into Notion or
//! Confluence), one self-contained HTML file with inline SVG charts, or
//! JSON. This module owns the wording of figures shared by the two human
//! formats.
//!
//! Rendering never changes what the pack says: it must not compute, select
//! or filter anything, nor read files or the clock. User text is escaped by
//! each format (`markdown::md`, `html::escape`), never trusted.

pub mod html;
mod markdown;

use crate::review::{EvidencePack, RatingRow, SkillFigures, Status, TargetSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

pub fn render(pack: &EvidencePack, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(pack),
        Format::Html => html::render(pack),
        // The pack holds only strings, numbers and maps with string keys,
        // which always serialise.
        Format::Json => serde_json::to_string_pretty(pack).unwrap_or_else(|_| "{}".into()) + "\n",
    }
}

pub(crate) fn status_label(s: Status) -> &'static str {
    s.label()
}

/// The section titles, in the order boards read them; both formats use
/// them so the order is stated once.
pub(crate) const OUTCOMES: &str = "Outcomes and system impact";
/// The first thing under the outcomes: shipped changes and their effect.
pub(crate) const SYSTEM_IMPACT: &str = "System impact";

/// A shipped change's effect in words: "5 → 1 (56 days each side, n=6, team-wide)".
pub(crate) fn effect_text(e: &crate::review::PatternEffect) -> String {
    format!(
        "{} → {} ({} days each side, n={}, team-wide)",
        e.before, e.after, e.window_days, e.n
    )
}
pub(crate) const SKILLS: &str = "Skills";
pub(crate) const TENURE: &str = "Tenure and milestones";

/// One sentence on time at the level against the target's minimum.
pub(crate) fn tenure_sentence(t: &crate::review::Tenure) -> String {
    let level = t.level.as_deref().unwrap_or("the current level");
    let held = match (t.since, t.months) {
        (Some(s), Some(m)) => format!("{m} months at {level}, since {s}"),
        _ => format!("Time at {level} is not recorded (casebook profile --level L --since DATE)"),
    };
    match (t.min_months, t.months) {
        (Some(min), Some(m)) if m >= min => format!("{held}: the target asks for {min}, met."),
        (Some(min), Some(_)) => format!("{held}: the target asks for {min}, not yet."),
        (Some(min), None) => format!("{held}; the target asks for {min} months."),
        _ => format!("{held}."),
    }
}
pub(crate) const GROWTH: &str = "Growth plan";
pub(crate) const ACTIVITY: &str = "Activity (context)";

pub(crate) fn criteria_title(p: &EvidencePack) -> String {
    match &p.header.target {
        Some(t) => format!("Criteria for {}", t.name),
        None => "Criteria".to_string(),
    }
}

/// Why the target level is the one shown, when that needs saying.
pub(crate) fn target_note(source: TargetSource) -> Option<&'static str> {
    match source {
        TargetSource::Assumed => Some("assumed; pass --target LEVEL or --level LEVEL"),
        TargetSource::NextLevel => Some("the next level"),
        TargetSource::Given | TargetSource::None => None,
    }
}

pub(crate) fn short_commit(c: &str) -> &str {
    c.get(..10).unwrap_or(c)
}

pub(crate) fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// A number with at most two decimals and no trailing zeros.
pub(crate) fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub(crate) fn opt_num(x: Option<f64>) -> String {
    x.map(num).unwrap_or_else(|| "–".into())
}

pub(crate) fn rating_text(r: Option<&RatingRow>) -> String {
    r.map(|r| format!("{} ({})", r.level, r.date))
        .unwrap_or_else(|| "not rated".into())
}

/// "Jan" for "2026-01", "W03" for "2026-W03": short bar labels.
pub(crate) fn short_label(label: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match label.split_once('-') {
        Some((_, w)) if w.starts_with('W') => w.to_string(),
        Some((_, m)) => m
            .parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
            .map_or_else(|| label.to_string(), |m| m.to_string()),
        None => label.to_string(),
    }
}

fn counts<'a>(items: impl IntoIterator<Item = (&'a String, &'a usize)>) -> String {
    items
        .into_iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One figure: a label and its value, both plain text (user words such as
/// product areas and patterns included: the caller escapes).
pub(crate) struct Line {
    pub label: String,
    pub value: String,
}

fn line(label: &str, value: String) -> Line {
    Line {
        label: label.to_string(),
        value,
    }
}

/// The figures of one kind, in words, each with its n.
pub(crate) fn figure_lines(f: &SkillFigures) -> Vec<Line> {
    let mut out = Vec::new();
    match f {
        SkillFigures::Diagnosis(c) => {
            out.push(line(
                "Predictions",
                format!(
                    "{} made, {} resolved, {} pending",
                    c.predictions, c.resolved, c.pending
                ),
            ));
            if let Some(r) = c.hit_rate {
                out.push(line(
                    "Hit rate",
                    format!(
                        "{} (n = {}: {} hit, {} partial, {} miss; a partial counts half)",
                        pct(r),
                        c.resolved,
                        c.hits,
                        c.partials,
                        c.misses
                    ),
                ));
            }
            out.push(line(
                "Brier score",
                match c.brier {
                    Some(b) => format!(
                        "{b:.3} over n = {} (0 is perfect, 0.25 a coin toss)",
                        c.brier_n
                    ),
                    None => format!("shown from n = {} (now {})", c.brier_min_n, c.brier_n),
                },
            ));
            if !c.by_month.is_empty() {
                let months: Vec<String> = c
                    .by_month
                    .iter()
                    .map(|m| {
                        let brier = m
                            .brier
                            .map(|b| format!(", Brier {b:.2}"))
                            .unwrap_or_default();
                        format!(
                            "{} {} (n = {}{brier})",
                            m.month,
                            m.hit_rate.map(pct).unwrap_or_default(),
                            m.n
                        )
                    })
                    .collect();
                out.push(line("Hit rate by month", months.join("; ")));
            }
        }
        SkillFigures::Qa(q) => {
            out.push(line(
                "QA samples",
                format!(
                    "{} ({:.1} a week against a target of {}; {} of {} weeks at target)",
                    q.samples,
                    q.per_week,
                    q.target_per_week,
                    q.weeks_at_target,
                    q.by_week.len()
                ),
            ));
            let dims: Vec<String> = q
                .dimensions
                .iter()
                .filter_map(|d| {
                    d.pass_rate
                        .map(|r| format!("{} {} (n = {})", d.dimension, pct(r), d.n))
                })
                .collect();
            if !dims.is_empty() {
                out.push(line("Pass rate, score 4 or more", dims.join(", ")));
            }
            out.push(line(
                "Retraining flags",
                format!(
                    "{} raised: {} closed, {} dismissed, {} open",
                    q.flags_raised, q.flags_closed, q.flags_dismissed, q.flags_open
                ),
            ));
            out.push(line(
                "Caught in samples",
                format!(
                    "{} missed escalations, {} critical fails",
                    q.missed_escalations, q.critical_fails
                ),
            ));
        }
        SkillFigures::Kb(k) => {
            out.push(line(
                "Articles",
                format!(
                    "{} written: {} published, {} retired, {} in draft",
                    k.written, k.published, k.retired, k.drafts
                ),
            ));
            out.push(line(
                "Deflections",
                format!("{} (an estimate from analytics)", k.deflections),
            ));
            if let Some(d) = k.median_days_to_publish {
                out.push(line(
                    "Question first seen to article published",
                    format!("median {d} days (n = {})", k.days_to_publish_n),
                ));
            }
        }
        SkillFigures::Escalation(e) => {
            out.push(line(
                "Escalations categorised",
                format!("{} of {}", e.categorised, e.total),
            ));
            if let Some(t) = &e.trend {
                let way = if t.second_half_share + 1e-9 < t.first_half_share {
                    "falling"
                } else if t.second_half_share > t.first_half_share + 1e-9 {
                    "rising"
                } else {
                    "flat"
                };
                out.push(line(
                    "\"Should have handled\" share",
                    format!(
                        "{way}: {} in the first half (n = {}), {} in the second (n = {})",
                        pct(t.first_half_share),
                        t.first_half_n,
                        pct(t.second_half_share),
                        t.second_half_n
                    ),
                ));
            }
            let months: Vec<String> = e
                .by_month
                .iter()
                .filter(|m| m.total > 0)
                .map(|m| {
                    format!(
                        "{}: {} should have handled, {} correct, {} late",
                        m.month, m.should_have_handled, m.correctly_escalated, m.escalated_late
                    )
                })
                .collect();
            if !months.is_empty() {
                out.push(line("By month", months.join("; ")));
            }
            if !e.repeated_patterns.is_empty() {
                let p: Vec<String> = e
                    .repeated_patterns
                    .iter()
                    .map(|p| format!("{} ×{}", p.name, p.n))
                    .collect();
                out.push(line("Repeated patterns", p.join(", ")));
            }
        }
        SkillFigures::Handoff(h) => {
            out.push(line(
                "Hand-offs",
                format!(
                    "{}, {} with the receiver's feedback",
                    h.total, h.with_feedback
                ),
            ));
            if !h.by_function.is_empty() {
                let f: Vec<String> = h
                    .by_function
                    .iter()
                    .map(|f| format!("{} {} ({} with feedback)", f.function, f.n, f.with_feedback))
                    .collect();
                out.push(line("By function", f.join(", ")));
            }
        }
        SkillFigures::Explore(x) => {
            out.push(line(
                "Exploration",
                format!(
                    "{} minutes in {} sessions ({:.0} a week against a target of {}; {} of {} weeks at target)",
                    x.minutes,
                    x.sessions,
                    x.per_week,
                    x.target_per_week,
                    x.weeks_at_target,
                    x.by_week.len()
                ),
            ));
            if !x.areas.is_empty() {
                let a: Vec<String> = x
                    .areas
                    .iter()
                    .take(5)
                    .map(|a| format!("{} {} min", a.name, a.n))
                    .collect();
                out.push(line("Areas", a.join(", ")));
            }
        }
        SkillFigures::Postmortem(p) => {
            out.push(line(
                "Post-mortems",
                format!(
                    "{}, {} saying what shifted the conversation",
                    p.total, p.with_shifted
                ),
            ));
            if let Some(g) = p.sentiment_gain {
                out.push(line(
                    "Sentiment, start to end",
                    format!("{g:+.1} on average on a 1-5 scale (n = {})", p.sentiment_n),
                ));
            }
            out.push(line(
                "Phrases that worked, with their context",
                p.phrases.to_string(),
            ));
        }
        SkillFigures::Proposal(p) => out.push(line(
            "Proposals",
            format!(
                "{} raised: {} shipped, {} accepted, {} open, {} rejected",
                p.raised, p.shipped, p.accepted, p.proposed, p.rejected
            ),
        )),
        SkillFigures::Approval(a) => {
            out.push(line(
                "Decisions at risk gates",
                format!("{}: {}", a.decisions, counts(&a.by_decision)),
            ));
            if a.decisions > 0 {
                out.push(line("By gate", counts(&a.by_gate)));
                out.push(line("Reversed later", a.reversed.to_string()));
            }
        }
        SkillFigures::Teach(t) => out.push(line(
            "Teaching",
            format!("{} ({} minutes){}", t.sessions, t.minutes, {
                let c = counts(&t.by_format);
                if c.is_empty() { c } else { format!(": {c}") }
            }),
        )),
        SkillFigures::Goal(g) => out.push(line(
            "Goals",
            format!(
                "{}: {} met, {} missed, {} dropped, {} open",
                g.total, g.met, g.missed, g.dropped, g.open
            ),
        )),
        SkillFigures::Focus(f) => out.push(line(
            "Monthly focus",
            format!("{}: {} open, {} closed", f.total, f.open, f.closed),
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_labels_read_well() {
        assert_eq!(num(8.0), "8");
        assert_eq!(num(6.25), "6.25");
        assert_eq!(num(91.5), "91.5");
        assert_eq!(pct(0.634), "63%");
        assert_eq!(short_label("2026-03"), "Mar");
        assert_eq!(short_label("2026-W07"), "W07");
        assert_eq!(short_label("odd"), "odd");
        assert_eq!(short_commit("0123456789abcdef"), "0123456789");
        assert_eq!(short_commit("abc"), "abc");
    }
}
