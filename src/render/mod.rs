//! How an evidence pack looks: Markdown (to paste into Notion or
//! Confluence), one self-contained HTML file with inline SVG charts, or
//! JSON. This module owns the wording shared by the two human formats: the
//! summary, the figures, quotes and misses, and which sections are left out
//! because they have nothing to say.
//!
//! Short by default, as a lead reads it in five minutes: entries are named
//! by id, never by file path; per-skill figures and evidence and the
//! activity tables come only with `Detail::Full`.
//!
//! Rendering never changes what the pack says: it must not compute, select
//! or filter anything, nor read files or the clock. User text is escaped by
//! each format (`markdown::md`, `html::escape`), never trusted.

pub mod check;
pub mod entries;
pub mod html;
pub mod loops;
mod markdown;
pub mod purge;
pub mod search;
pub mod show;
pub mod skill;
pub mod status;
pub mod team;
pub mod term;

use crate::review::{EvidencePack, RatingRow, SkillFigures, Status, TargetSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

/// How much of the pack a human format shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// What a lead reads in five minutes: the summary, outcomes, criteria
    /// with their evidence, skills as one table, misses and the plan.
    #[default]
    Summary,
    /// Everything: each skill's figures and strongest evidence, and the
    /// activity tables.
    Full,
}

pub fn render(pack: &EvidencePack, format: Format, detail: Detail) -> String {
    match format {
        Format::Markdown => markdown::render(pack, detail),
        Format::Html => html::render(pack, detail),
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
pub(crate) const SUMMARY: &str = "Summary";
pub(crate) const GROWTH: &str = "Gaps and plan";
pub(crate) const MISSES: &str = "Misses, and what they taught";

/// The sentence before the misses a pack shows, the same in every view.
pub(crate) fn misses_intro(m: &crate::review::Misses) -> String {
    format!(
        "{} of {} resolved predictions missed; {}:",
        m.total,
        m.resolved,
        if m.shown.len() == 1 {
            "the one with the most to teach"
        } else {
            "those with the most to teach"
        }
    )
}
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
                if a.decisions == 0 {
                    "none in the period".to_string()
                } else {
                    format!("{}: {}", a.decisions, counts(&a.by_decision))
                },
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

/// The header's period in words: the label the entries were selected by,
/// and its dates.
pub(crate) fn period_text(h: &crate::review::Header) -> String {
    let dates = format!("{} to {}", h.period_start, h.period_end);
    if h.period == dates {
        dates
    } else {
        format!("{} ({dates})", h.period)
    }
}

/// The summary, as plain sentences (the caller escapes): where the person
/// stands against the target first, then the outcomes that carry the case,
/// each figure with its n. At most about 150 words.
pub(crate) fn summary_lines(p: &EvidencePack) -> (String, Vec<String>) {
    let s = &p.summary;
    let h = &p.header;
    let who = match &h.level {
        Some(l) => format!("{}, {},", h.person, l.name),
        None => h.person.clone(),
    };
    let opening = match &h.target {
        Some(t) => format!(
            "{who} makes the case for {}: {} of {} criteria met, {} not yet, {} to be confirmed.",
            t.name,
            s.met,
            p.criteria.len(),
            s.not_yet,
            s.to_confirm
        ),
        None => format!("{who}: no target level, so no criteria (pass --target LEVEL)."),
    };
    let mut lines = Vec::new();
    if let Some(c) = &s.top_change {
        let what = match &c.change_ref {
            Some(r) => format!("{} ({r})", c.entry.title),
            None => c.entry.title.clone(),
        };
        let effect = c
            .pattern_effect
            .as_ref()
            .map(|e| {
                format!(
                    ": its pattern went from {} to {} cases team-wide in the {} days either side (n = {})",
                    e.before, e.after, e.window_days, e.n
                )
            })
            .unwrap_or_default();
        let more = match s.changes_shipped {
            0 | 1 => String::new(),
            n => format!("; {n} changes shipped in all"),
        };
        lines.push(format!("Shipped {what}{effect}{more}."));
    }
    if s.articles_published > 0 {
        lines.push(format!(
            "{} published, {} deflections between them (an analytics estimate; retired articles not counted).",
            plural(s.articles_published, "knowledge-base article", "knowledge-base articles"),
            s.deflections
        ));
    }
    if let Some(m) = &s.helpdesk {
        let mut parts = Vec::new();
        if let Some(c) = m.csat {
            parts.push(match m.csat_n {
                Some(n) => format!("CSAT {} (n = {n})", num(c)),
                None => format!("CSAT {} (n not recorded)", num(c)),
            });
        }
        if let Some(r) = m.reopen_rate {
            parts.push(format!("re-open rate {}%", num(r)));
        }
        if let Some(f) = m.fcr {
            parts.push(format!("first-contact resolution {}%", num(f)));
        }
        if !parts.is_empty() {
            lines.push(format!(
                "Helpdesk, {}: {}.",
                m.period.clone().unwrap_or_else(|| m.date.to_string()),
                parts.join(", ")
            ));
        }
    }
    if let Some(r) = s.hit_rate {
        let missed = match (s.misses, p.misses.shown.is_empty()) {
            (0, _) => String::new(),
            (n, false) => {
                format!("; {n} missed, the most instructive shown below with what they taught")
            }
            (n, true) => format!("; {n} missed"),
        };
        lines.push(format!(
            "Predictions: {} right over n = {}{missed}.",
            pct(r),
            s.predictions_resolved
        ));
    }
    (opening, lines)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Who said it, in what role, when: "Dana Whitfield (lead), 2026-06-05".
pub(crate) fn attribution(q: &crate::review::Quote) -> String {
    let role = q
        .role
        .as_deref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let recorded = q
        .recorded_by
        .as_deref()
        .map(|r| format!(", recorded by {r}"))
        .unwrap_or_default();
    format!("{}{role}, {}{recorded}", q.who, q.date)
}

/// A skill row has something to say: entries, a rating, or a level the
/// target expects of it.
pub(crate) fn skill_has_content(s: &crate::review::SkillSection) -> bool {
    s.entries > 0 || s.self_rating.is_some() || s.lead_rating.is_some()
}

/// A kind's figures say something: it has entries in the period.
pub(crate) fn figures_have_content(f: &SkillFigures) -> bool {
    match f {
        SkillFigures::Diagnosis(c) => c.predictions > 0,
        SkillFigures::Qa(q) => q.samples > 0,
        SkillFigures::Kb(k) => k.written > 0,
        SkillFigures::Escalation(e) => e.total > 0,
        SkillFigures::Handoff(h) => h.total > 0,
        SkillFigures::Explore(x) => x.sessions > 0,
        SkillFigures::Postmortem(p) => p.total > 0,
        SkillFigures::Proposal(p) => p.raised > 0,
        SkillFigures::Approval(a) => a.decisions > 0,
        SkillFigures::Teach(t) => t.sessions > 0,
        SkillFigures::Goal(g) => g.total > 0,
        SkillFigures::Focus(f) => f.total > 0,
    }
}

/// Which of the optional sections have something to say. The header,
/// summary and criteria are always shown; the rest is left out when empty
/// and named in one line under the summary.
pub(crate) struct Shown {
    pub outcomes: bool,
    pub tenure: bool,
    pub skills: bool,
    pub misses: bool,
    pub growth: bool,
    pub activity: bool,
}

pub(crate) fn shown(p: &EvidencePack) -> Shown {
    let o = &p.outcomes;
    let g = &p.growth;
    Shown {
        outcomes: !(o.proposals_shipped.is_empty()
            && o.kb_published.is_empty()
            && o.metrics.is_empty()),
        tenure: p.tenure.since.is_some() || !p.tenure.milestones.is_empty(),
        skills: p.skills.iter().any(skill_has_content),
        misses: !p.misses.shown.is_empty(),
        growth: !(g.below_expected.is_empty()
            && g.criteria_not_yet.is_empty()
            && g.open_focus.is_none()
            && g.next_skill.is_none()
            && g.ratings_without_evidence.is_empty()),
        activity: p.activity.total > 0,
    }
}

/// "Left out, with nothing to show in this period: ...", or none.
pub(crate) fn left_out_line(p: &EvidencePack) -> Option<String> {
    let s = shown(p);
    let names: Vec<&str> = [
        (s.outcomes, OUTCOMES),
        (s.tenure, TENURE),
        (s.skills, SKILLS),
        (s.misses, MISSES),
        (s.growth, GROWTH),
        (s.activity, ACTIVITY),
    ]
    .into_iter()
    .filter(|(shown, _)| !shown)
    .map(|(_, name)| name)
    .collect();
    (!names.is_empty()).then(|| {
        format!(
            "Left out, with nothing to show in this period: {}.",
            names.join("; ")
        )
    })
}

/// The activity by kind in one line, largest first, the first `max` by
/// name: "qa 45, diagnosis 41 and 12 other kinds".
pub(crate) fn kinds_line(a: &crate::review::Activity, max: usize) -> String {
    let mut kinds: Vec<(&String, &usize)> = a.by_kind.iter().collect();
    kinds.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    let rest = kinds.len().saturating_sub(max);
    kinds.truncate(max);
    let named = counts(kinds);
    match rest {
        0 => named,
        1 => format!("{named} and 1 other kind"),
        n => format!("{named} and {n} other kinds"),
    }
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

    #[test]
    fn no_gate_decisions_reads_as_none() {
        let a = crate::review::ApprovalFigures {
            decisions: 0,
            by_gate: Default::default(),
            by_decision: Default::default(),
            reversed: 0,
        };
        let f = SkillFigures::Approval(a);
        assert!(!figures_have_content(&f));
        let lines = figure_lines(&f);
        assert_eq!(lines[0].value, "none in the period");
    }
}
