//! The figures that measure each practice habit: calibration of predictions,
//! QA cadence and pass rates, knowledge-base output, the escalation trend,
//! hand-offs, exploration time and the rest. Each figure carries its n, and
//! nothing here compares people.
//!
//! Pure arithmetic over the period's entries: no wording, no rendering, no
//! choice of evidence (that is `evidence`), no criteria (that is `criteria`).

use crate::dates::{iso_week_label, month_label};
use crate::entry::{Entry, Kind};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// The stretch of days the period's rates are measured over: the period,
/// cut at the day the pack was generated (a year that is half over has
/// had half its weeks).
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Zero-filled series never grow past this, whatever period was asked for.
const MAX_BUCKETS: usize = 520;

impl Window {
    pub fn new(start: NaiveDate, end: NaiveDate, generated: NaiveDate) -> Window {
        let end = end.min(generated).max(start);
        Window { start, end }
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Weeks elapsed, at least one, so a rate never divides by zero.
    pub fn weeks(&self) -> f64 {
        (self.days() as f64 / 7.0).max(1.0)
    }

    pub fn week_labels(&self) -> Vec<String> {
        self.labels(7, iso_week_label)
    }

    pub fn month_labels(&self) -> Vec<String> {
        self.labels(28, month_label)
    }

    /// Every label the window crosses, in order, stepping `step` days (a
    /// step shorter than the bucket, so none is skipped).
    fn labels(&self, step: u64, label: fn(NaiveDate) -> String) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // Open-ended periods start at the dawn of time: start near the end.
        let earliest = self
            .end
            .checked_sub_days(Days::new(step * MAX_BUCKETS as u64))
            .unwrap_or(NaiveDate::MIN);
        let mut day = self.start.max(earliest);
        loop {
            let l = label(day);
            if out.last() != Some(&l) {
                out.push(l);
            }
            if day >= self.end {
                break;
            }
            day = day
                .checked_add_days(Days::new(step))
                .map_or(self.end, |d| d.min(self.end));
        }
        out
    }
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn of_kind<'a>(entries: &'a [&'a Entry], kind: Kind) -> impl Iterator<Item = &'a Entry> + 'a {
    entries.iter().copied().filter(move |e| e.kind == kind)
}

fn day(e: &Entry) -> NaiveDate {
    e.created.date_naive()
}

/// Figures for one entry kind; a skill shows those of its kinds.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkillFigures {
    Diagnosis(Calibration),
    Postmortem(PostmortemFigures),
    Kb(KbFigures),
    Escalation(EscalationFigures),
    Qa(QaFigures),
    Handoff(HandoffFigures),
    Explore(ExploreFigures),
    Proposal(ProposalFigures),
    Approval(ApprovalFigures),
    Teach(TeachFigures),
    Goal(GoalFigures),
    Focus(FocusFigures),
}

/// Settings the figures are measured against.
#[derive(Debug, Clone, Copy)]
pub struct Targets {
    pub qa_per_week: u32,
    pub explore_minutes_per_week: u32,
    pub min_predictions_for_brier: u32,
}

/// The figures of `kind` over the period's entries, if the kind has any.
pub fn for_kind(kind: Kind, entries: &[&Entry], w: Window, t: Targets) -> Option<SkillFigures> {
    Some(match kind {
        Kind::Diagnosis => {
            SkillFigures::Diagnosis(calibration(entries, t.min_predictions_for_brier))
        }
        Kind::Postmortem => SkillFigures::Postmortem(postmortems(entries)),
        Kind::Kb => SkillFigures::Kb(kb(entries)),
        Kind::Escalation => SkillFigures::Escalation(escalations(entries, w)),
        Kind::Qa => SkillFigures::Qa(qa(entries, w, t.qa_per_week)),
        Kind::Handoff => SkillFigures::Handoff(handoffs(entries)),
        Kind::Explore => SkillFigures::Explore(explore(entries, w, t.explore_minutes_per_week)),
        Kind::Proposal => SkillFigures::Proposal(proposals(entries)),
        Kind::Approval => SkillFigures::Approval(approvals(entries)),
        Kind::Teach => SkillFigures::Teach(teach(entries)),
        Kind::Goal => SkillFigures::Goal(goals(entries)),
        Kind::Focus => SkillFigures::Focus(focus(entries)),
        _ => return None,
    })
}

// ------------------------------------------------------------- calibration

#[derive(Debug, Clone, Default, Serialize)]
pub struct Calibration {
    pub predictions: usize,
    /// Predictions still waiting for their actual (or marked unknown).
    pub pending: usize,
    pub resolved: usize,
    pub hits: usize,
    pub partials: usize,
    pub misses: usize,
    /// Hits plus half the partials, over resolved predictions.
    pub hit_rate: Option<f64>,
    /// Mean squared error of confidence against outcome (0 is perfect, 0.25
    /// a coin toss); only from `brier_min_n` predictions, below that it is
    /// noise.
    pub brier: Option<f64>,
    /// Resolved predictions that carry a confidence.
    pub brier_n: usize,
    pub brier_min_n: u32,
    pub by_month: Vec<CalibrationMonth>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalibrationMonth {
    pub month: String,
    /// Resolved predictions made that month.
    pub n: usize,
    pub hits: usize,
    pub partials: usize,
    pub misses: usize,
    pub hit_rate: Option<f64>,
    pub brier: Option<f64>,
    pub brier_n: usize,
}

/// 1 for a hit, 0.5 for a partial, 0 for a miss; None while unresolved.
pub fn outcome(verdict: Option<&str>) -> Option<f64> {
    match verdict? {
        "hit" => Some(1.0),
        "partial" => Some(0.5),
        "miss" => Some(0.0),
        _ => None,
    }
}

#[derive(Default)]
struct Tally {
    hits: usize,
    partials: usize,
    misses: usize,
    squared: Vec<f64>,
}

impl Tally {
    fn add(&mut self, e: &Entry, o: f64) {
        match e.field_str("verdict") {
            Some("hit") => self.hits += 1,
            Some("partial") => self.partials += 1,
            _ => self.misses += 1,
        }
        if let Some(c) = e.field_int("confidence") {
            self.squared.push((c as f64 / 100.0 - o).powi(2));
        }
    }
    fn n(&self) -> usize {
        self.hits + self.partials + self.misses
    }
    fn hit_rate(&self) -> Option<f64> {
        (self.n() > 0).then(|| (self.hits as f64 + 0.5 * self.partials as f64) / self.n() as f64)
    }
    fn brier(&self, min_n: u32) -> Option<f64> {
        (!self.squared.is_empty() && self.squared.len() >= min_n as usize)
            .then(|| self.squared.iter().sum::<f64>() / self.squared.len() as f64)
    }
}

/// The median: the middle value, or the mean of the middle two. The one
/// definition every figure and report uses.
pub fn median(xs: &mut [i64]) -> Option<f64> {
    xs.sort_unstable();
    let n = xs.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(xs[n / 2] as f64),
        _ => Some((xs[n / 2 - 1] + xs[n / 2]) as f64 / 2.0),
    }
}

pub fn calibration(entries: &[&Entry], min_for_brier: u32) -> Calibration {
    let mut all = Tally::default();
    let mut months: BTreeMap<String, Tally> = BTreeMap::new();
    let mut predictions = 0;
    for e in of_kind(entries, Kind::Diagnosis) {
        predictions += 1;
        let Some(o) = outcome(e.field_str("verdict")) else {
            continue;
        };
        all.add(e, o);
        months.entry(month_label(day(e))).or_default().add(e, o);
    }
    Calibration {
        predictions,
        pending: of_kind(entries, Kind::Diagnosis)
            .filter(|e| crate::loops::is_pending(e))
            .count(),
        resolved: all.n(),
        hits: all.hits,
        partials: all.partials,
        misses: all.misses,
        hit_rate: all.hit_rate(),
        brier: all.brier(min_for_brier),
        brier_n: all.squared.len(),
        brier_min_n: min_for_brier,
        by_month: months
            .into_iter()
            .map(|(month, t)| CalibrationMonth {
                month,
                n: t.n(),
                hits: t.hits,
                partials: t.partials,
                misses: t.misses,
                hit_rate: t.hit_rate(),
                brier: t.brier(min_for_brier),
                brier_n: t.squared.len(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------- qa

#[derive(Debug, Clone, Serialize)]
pub struct WeekCount {
    pub week: String,
    pub n: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionPass {
    pub dimension: String,
    /// Samples scored on this dimension.
    pub n: usize,
    /// Scored 4 or 5.
    pub passed: usize,
    pub pass_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QaFigures {
    pub samples: usize,
    pub weeks: f64,
    pub per_week: f64,
    pub target_per_week: u32,
    pub weeks_at_target: usize,
    pub by_week: Vec<WeekCount>,
    pub dimensions: Vec<DimensionPass>,
    pub flags_raised: usize,
    pub flags_closed: usize,
    pub flags_dismissed: usize,
    pub flags_open: usize,
    pub missed_escalations: usize,
    pub critical_fails: usize,
}

pub const QA_DIMENSIONS: &[&str] = &["accuracy", "tone", "policy", "resolution"];

fn by_week(w: Window, items: impl Iterator<Item = (NaiveDate, u64)>) -> Vec<WeekCount> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for (d, n) in items {
        *counts.entry(iso_week_label(d)).or_default() += n;
    }
    let mut out: Vec<WeekCount> = w
        .week_labels()
        .into_iter()
        .map(|week| WeekCount {
            n: counts.remove(&week).unwrap_or(0),
            week,
        })
        .collect();
    // Entries outside the window (dated after the pack) still show.
    out.extend(counts.into_iter().map(|(week, n)| WeekCount { week, n }));
    out.sort_by(|a, b| a.week.cmp(&b.week));
    out
}

pub fn qa(entries: &[&Entry], w: Window, target: u32) -> QaFigures {
    let qa: Vec<&Entry> = of_kind(entries, Kind::Qa).collect();
    let weeks = by_week(w, qa.iter().map(|e| (day(e), 1)));
    let dimensions = QA_DIMENSIONS
        .iter()
        .map(|dim| {
            let scores: Vec<i64> = qa.iter().filter_map(|e| e.field_int(dim)).collect();
            let passed = scores.iter().filter(|s| **s >= 4).count();
            DimensionPass {
                dimension: dim.to_string(),
                n: scores.len(),
                passed,
                pass_rate: share(passed, scores.len()),
            }
        })
        .collect();
    let flag = |s: &str| {
        qa.iter()
            .filter(|e| e.field_bool("flagged") && e.field_str("flag_status") == Some(s))
            .count()
    };
    let flags_raised = qa.iter().filter(|e| e.field_bool("flagged")).count();
    let (closed, dismissed) = (flag("closed"), flag("dismissed"));
    QaFigures {
        samples: qa.len(),
        weeks: w.weeks(),
        per_week: qa.len() as f64 / w.weeks(),
        target_per_week: target,
        weeks_at_target: weeks.iter().filter(|x| x.n >= target as u64).count(),
        by_week: weeks,
        dimensions,
        flags_raised,
        flags_closed: closed,
        flags_dismissed: dismissed,
        flags_open: flags_raised - closed - dismissed,
        missed_escalations: qa
            .iter()
            .filter(|e| e.field_bool("missed_escalation"))
            .count(),
        critical_fails: qa.iter().filter(|e| e.field_bool("critical_fail")).count(),
    }
}

// ----------------------------------------------------------------- explore

#[derive(Debug, Clone, Serialize)]
pub struct ExploreFigures {
    pub sessions: usize,
    pub minutes: u64,
    pub weeks: f64,
    pub per_week: f64,
    pub target_per_week: u32,
    pub weeks_at_target: usize,
    /// Minutes per ISO week.
    pub by_week: Vec<WeekCount>,
    /// Minutes per product area, most first.
    pub areas: Vec<NamedCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NamedCount {
    pub name: String,
    pub n: u64,
}

fn minutes(e: &Entry) -> u64 {
    e.field_int("minutes").unwrap_or(0).max(0) as u64
}

pub fn explore(entries: &[&Entry], w: Window, target: u32) -> ExploreFigures {
    let ex: Vec<&Entry> = of_kind(entries, Kind::Explore).collect();
    let total: u64 = ex.iter().map(|e| minutes(e)).sum();
    let weeks = by_week(w, ex.iter().map(|e| (day(e), minutes(e))));
    let mut areas: BTreeMap<String, u64> = BTreeMap::new();
    for e in &ex {
        let area = e.field_str("area").unwrap_or("unspecified").to_lowercase();
        *areas.entry(area).or_default() += minutes(e);
    }
    let mut areas: Vec<NamedCount> = areas
        .into_iter()
        .map(|(name, n)| NamedCount { name, n })
        .collect();
    areas.sort_by(|a, b| b.n.cmp(&a.n).then(a.name.cmp(&b.name)));
    ExploreFigures {
        sessions: ex.len(),
        minutes: total,
        weeks: w.weeks(),
        per_week: total as f64 / w.weeks(),
        target_per_week: target,
        weeks_at_target: weeks.iter().filter(|x| x.n >= target as u64).count(),
        by_week: weeks,
        areas,
    }
}

// ---------------------------------------------------------------------- kb

#[derive(Debug, Clone, Serialize)]
pub struct KbFigures {
    pub written: usize,
    pub drafts: usize,
    pub published: usize,
    pub retired: usize,
    /// Deflections logged by hand on every article written in the period,
    /// retired ones included: `kb report`'s column. The pack never shows it;
    /// its one total is `Outcomes::deflections_total`.
    pub deflections: i64,
    /// Median days from the question first seen to the article published.
    pub median_days_to_publish: Option<i64>,
    pub days_to_publish_n: usize,
}

/// The cases one article answered: the analytics estimate when one was
/// imported, else the deflections logged by hand. The pack's one total
/// (`Outcomes::deflections_total`) sums this over the articles published in
/// the period, so every count of deflections in it agrees.
pub fn deflections(e: &Entry) -> Option<i64> {
    e.field_int("deflection_estimate")
        .or_else(|| e.field_int("deflections"))
}

pub fn kb(entries: &[&Entry]) -> KbFigures {
    let kb: Vec<&Entry> = of_kind(entries, Kind::Kb).collect();
    let status = |s: &str| {
        kb.iter()
            .filter(|e| e.field_str("status") == Some(s))
            .count()
    };
    let mut days: Vec<i64> = kb
        .iter()
        .filter_map(|e| Some((e.field_date("published")? - e.field_date("first_seen")?).num_days()))
        .filter(|d| *d >= 0)
        .collect();
    days.sort_unstable();
    KbFigures {
        written: kb.len(),
        drafts: kb.len() - status("published") - status("retired"),
        published: status("published"),
        retired: status("retired"),
        deflections: kb.iter().filter_map(|e| e.field_int("deflections")).sum(),
        median_days_to_publish: median(&mut days).map(|m| m.round() as i64),
        days_to_publish_n: days.len(),
    }
}

// -------------------------------------------------------------- escalation

pub const ESCALATION_CATEGORIES: &[&str] = &[
    "should-have-handled",
    "correctly-escalated",
    "escalated-late",
];

#[derive(Debug, Clone, Serialize)]
pub struct EscalationMonth {
    pub month: String,
    pub total: usize,
    pub should_have_handled: usize,
    pub correctly_escalated: usize,
    pub escalated_late: usize,
    /// "Should have handled" over categorised escalations that month.
    pub should_have_handled_share: Option<f64>,
}

/// The "should have handled" share in the first and second half of the
/// period's categorised escalations: falling is the goal.
#[derive(Debug, Clone, Serialize)]
pub struct ShareTrend {
    pub first_half_share: f64,
    pub first_half_n: usize,
    pub second_half_share: f64,
    pub second_half_n: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EscalationFigures {
    pub total: usize,
    pub categorised: usize,
    pub by_month: Vec<EscalationMonth>,
    pub trend: Option<ShareTrend>,
    /// Patterns seen at least twice: candidates for a proposal.
    pub repeated_patterns: Vec<NamedCount>,
}

pub fn escalations(entries: &[&Entry], w: Window) -> EscalationFigures {
    let mut esc: Vec<&Entry> = of_kind(entries, Kind::Escalation).collect();
    esc.sort_by_key(|e| e.created);
    fn cat(e: &Entry) -> Option<&str> {
        e.field_str("category")
            .map(|c| crate::entry::canonical_value("category", c))
            .filter(|c| ESCALATION_CATEGORIES.contains(c))
    }
    let mut months: BTreeMap<String, [usize; 4]> =
        w.month_labels().into_iter().map(|m| (m, [0; 4])).collect();
    for e in &esc {
        let m = months.entry(month_label(day(e))).or_default();
        m[0] += 1;
        match cat(e) {
            Some("should-have-handled") => m[1] += 1,
            Some("correctly-escalated") => m[2] += 1,
            Some("escalated-late") => m[3] += 1,
            _ => {}
        }
    }
    let categorised: Vec<&Entry> = esc.iter().copied().filter(|e| cat(e).is_some()).collect();
    let should = |xs: &[&Entry]| {
        xs.iter()
            .filter(|e| cat(e) == Some("should-have-handled"))
            .count()
    };
    // Below four there is no trend to speak of.
    let trend = (categorised.len() >= 4).then(|| {
        let (a, b) = categorised.split_at(categorised.len() / 2);
        ShareTrend {
            first_half_share: should(a) as f64 / a.len() as f64,
            first_half_n: a.len(),
            second_half_share: should(b) as f64 / b.len() as f64,
            second_half_n: b.len(),
        }
    });
    let mut patterns: BTreeMap<String, u64> = BTreeMap::new();
    for e in &esc {
        if let Some(p) = e.field_str("pattern") {
            *patterns.entry(p.trim().to_lowercase()).or_default() += 1;
        }
    }
    let mut repeated: Vec<NamedCount> = patterns
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(name, n)| NamedCount { name, n })
        .collect();
    repeated.sort_by(|a, b| b.n.cmp(&a.n).then(a.name.cmp(&b.name)));
    repeated.truncate(5);
    EscalationFigures {
        total: esc.len(),
        categorised: categorised.len(),
        by_month: months
            .into_iter()
            .map(|(month, m)| EscalationMonth {
                month,
                total: m[0],
                should_have_handled: m[1],
                correctly_escalated: m[2],
                escalated_late: m[3],
                should_have_handled_share: share(m[1], m[1] + m[2] + m[3]),
            })
            .collect(),
        trend,
        repeated_patterns: repeated,
    }
}

// ----------------------------------------------------------------- handoff

#[derive(Debug, Clone, Serialize)]
pub struct FunctionCount {
    pub function: String,
    pub n: usize,
    /// Hand-offs where the receiver said what they wished had been included.
    pub with_feedback: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct HandoffFigures {
    pub total: usize,
    pub with_feedback: usize,
    pub by_function: Vec<FunctionCount>,
}

pub fn handoffs(entries: &[&Entry]) -> HandoffFigures {
    let mut by: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in of_kind(entries, Kind::Handoff) {
        let f = by
            .entry(e.field_str("function").unwrap_or("other").to_string())
            .or_default();
        f.0 += 1;
        f.1 += usize::from(e.field_str("feedback").is_some());
    }
    let by_function: Vec<FunctionCount> = by
        .into_iter()
        .map(|(function, (n, with_feedback))| FunctionCount {
            function,
            n,
            with_feedback,
        })
        .collect();
    HandoffFigures {
        total: by_function.iter().map(|f| f.n).sum(),
        with_feedback: by_function.iter().map(|f| f.with_feedback).sum(),
        by_function,
    }
}

// --------------------------------------------------------------- the rest

#[derive(Debug, Clone, Serialize)]
pub struct PostmortemFigures {
    pub total: usize,
    /// Post-mortems that say what shifted the conversation.
    pub with_shifted: usize,
    /// Phrases that worked, recorded with their context.
    pub phrases: usize,
    /// Mean sentiment change, start to end (1-5 scale).
    pub sentiment_gain: Option<f64>,
    pub sentiment_n: usize,
}

pub fn postmortems(entries: &[&Entry]) -> PostmortemFigures {
    let pm: Vec<&Entry> = of_kind(entries, Kind::Postmortem).collect();
    let gains: Vec<i64> = pm.iter().filter_map(|e| sentiment_gain(e)).collect();
    PostmortemFigures {
        total: pm.len(),
        with_shifted: pm
            .iter()
            .filter(|e| e.field_str("shifted").is_some())
            .count(),
        phrases: pm.iter().map(|e| e.field_list("phrases").len()).sum(),
        sentiment_gain: (!gains.is_empty())
            .then(|| gains.iter().sum::<i64>() as f64 / gains.len() as f64),
        sentiment_n: gains.len(),
    }
}

pub fn sentiment_gain(e: &Entry) -> Option<i64> {
    Some(e.field_int("sentiment_end")? - e.field_int("sentiment_start")?)
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalFigures {
    pub raised: usize,
    pub proposed: usize,
    pub accepted: usize,
    pub shipped: usize,
    pub rejected: usize,
}

pub fn proposals(entries: &[&Entry]) -> ProposalFigures {
    let p: Vec<&Entry> = of_kind(entries, Kind::Proposal).collect();
    let status = |s: &str| {
        p.iter()
            .filter(|e| e.field_str("status") == Some(s))
            .count()
    };
    ProposalFigures {
        raised: p.len(),
        proposed: p.len() - status("accepted") - status("shipped") - status("rejected"),
        accepted: status("accepted"),
        shipped: status("shipped"),
        rejected: status("rejected"),
    }
}

/// Entries with a change's pattern in equal windows before and after it
/// shipped.
#[derive(Debug, Clone, Serialize)]
pub struct PatternEffect {
    /// Days on each side: eight weeks, fewer while eight have not passed.
    pub window_days: i64,
    pub before: usize,
    pub after: usize,
    /// before + after: how many entries the comparison rests on.
    pub n: usize,
}

/// The longest window compared on each side of a shipped change.
pub const EFFECT_WINDOW_DAYS: i64 = 56;

/// Entries (of any kind but proposals) whose `pattern` is the change's, in
/// the `window_days` before the day it shipped and as many days after it;
/// the ship day itself counts on neither side. The window is eight weeks,
/// shortened so both sides are equally long while eight weeks have not
/// passed by `until`; none until one week has.
/// A pattern as entries are matched by it: trimmed, ASCII case ignored.
pub fn pattern_key(pattern: &str) -> String {
    pattern.trim().to_ascii_lowercase()
}

pub fn pattern_effect(
    entries: &[&Entry],
    pattern: &str,
    shipped: NaiveDate,
    until: NaiveDate,
) -> Option<PatternEffect> {
    let window_days = (until - shipped).num_days().min(EFFECT_WINDOW_DAYS);
    if window_days < 7 || pattern.trim().is_empty() {
        return None;
    }
    let (mut before, mut after) = (0, 0);
    for e in entries.iter().filter(|e| {
        e.kind != Kind::Proposal
            && e.field_str("pattern")
                // `pattern_key`, without an allocation per entry.
                .is_some_and(|p| p.trim().eq_ignore_ascii_case(pattern.trim()))
    }) {
        let days = (day(e) - shipped).num_days();
        if (-window_days..0).contains(&days) {
            before += 1;
        } else if (1..=window_days).contains(&days) {
            after += 1;
        }
    }
    Some(PatternEffect {
        window_days,
        before,
        after,
        n: before + after,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct ApprovalFigures {
    pub decisions: usize,
    pub by_gate: BTreeMap<String, usize>,
    pub by_decision: BTreeMap<String, usize>,
    /// Decisions reversed later.
    pub reversed: usize,
}

pub fn approvals(entries: &[&Entry]) -> ApprovalFigures {
    let mut f = ApprovalFigures {
        decisions: 0,
        by_gate: BTreeMap::new(),
        by_decision: BTreeMap::new(),
        reversed: 0,
    };
    for e in of_kind(entries, Kind::Approval) {
        f.decisions += 1;
        *f.by_gate
            .entry(e.field_str("gate").unwrap_or("unspecified").into())
            .or_default() += 1;
        *f.by_decision
            .entry(e.field_str("decision").unwrap_or("unspecified").into())
            .or_default() += 1;
        f.reversed += usize::from(e.field_bool("reversed"));
    }
    f
}

#[derive(Debug, Clone, Serialize)]
pub struct TeachFigures {
    pub sessions: usize,
    pub minutes: u64,
    pub by_format: BTreeMap<String, usize>,
}

pub fn teach(entries: &[&Entry]) -> TeachFigures {
    let t: Vec<&Entry> = of_kind(entries, Kind::Teach).collect();
    let mut by_format = BTreeMap::new();
    for e in &t {
        *by_format
            .entry(e.field_str("format").unwrap_or("unspecified").to_string())
            .or_default() += 1;
    }
    TeachFigures {
        sessions: t.len(),
        minutes: t.iter().map(|e| minutes(e)).sum(),
        by_format,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalFigures {
    pub total: usize,
    pub open: usize,
    pub met: usize,
    pub missed: usize,
    pub dropped: usize,
}

pub fn goals(entries: &[&Entry]) -> GoalFigures {
    let g: Vec<&Entry> = of_kind(entries, Kind::Goal).collect();
    let status = |s: &str| {
        g.iter()
            .filter(|e| e.field_str("status") == Some(s))
            .count()
    };
    GoalFigures {
        total: g.len(),
        open: g.len() - status("met") - status("missed") - status("dropped"),
        met: status("met"),
        missed: status("missed"),
        dropped: status("dropped"),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FocusFigures {
    pub total: usize,
    pub open: usize,
    pub closed: usize,
}

pub fn focus(entries: &[&Entry]) -> FocusFigures {
    let f: Vec<&Entry> = of_kind(entries, Kind::Focus).collect();
    let closed = f
        .iter()
        .filter(|e| e.field_str("status") == Some("closed"))
        .count();
    FocusFigures {
        total: f.len(),
        open: f.len() - closed,
        closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, FixedOffset};

    fn at(d: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{d}T10:00:00+02:00")).unwrap()
    }

    fn entry(kind: Kind, d: &str, fields: &[(&str, toml::Value)]) -> Entry {
        let mut e = Entry::new(kind, "t", "ana-lima", at(d));
        for (k, v) in fields {
            e.fields.insert(k.to_string(), v.clone());
        }
        e
    }

    fn s(v: &str) -> toml::Value {
        toml::Value::String(v.into())
    }

    fn i(v: i64) -> toml::Value {
        toml::Value::Integer(v)
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn calibration_counts_partials_as_half_and_hides_brier_below_its_n() {
        let es = [
            entry(
                Kind::Diagnosis,
                "2026-01-05",
                &[("verdict", s("hit")), ("confidence", i(80))],
            ),
            entry(
                Kind::Diagnosis,
                "2026-01-06",
                &[("verdict", s("partial")), ("confidence", i(60))],
            ),
            entry(
                Kind::Diagnosis,
                "2026-02-01",
                &[("verdict", s("miss")), ("confidence", i(90))],
            ),
            entry(Kind::Diagnosis, "2026-02-02", &[("verdict", s("hit"))]),
            entry(Kind::Diagnosis, "2026-02-03", &[("verdict", s("unknown"))]),
            entry(Kind::Diagnosis, "2026-02-04", &[]),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let c = calibration(&refs, 3);
        // The expired one (unknown) is neither resolved nor pending: the
        // one definition of pending is `loops::is_pending`.
        assert_eq!((c.predictions, c.resolved, c.pending), (6, 4, 1));
        // (1 + 0.5 + 0 + 1) / 4
        assert!((c.hit_rate.unwrap() - 0.625).abs() < 1e-12);
        // (0.8-1)^2 + (0.6-0.5)^2 + (0.9-0)^2 over the three with a confidence
        assert_eq!(c.brier_n, 3);
        assert!((c.brier.unwrap() - 0.86 / 3.0).abs() < 1e-12);
        assert_eq!(c.by_month.len(), 2);
        assert!((c.by_month[0].hit_rate.unwrap() - 0.75).abs() < 1e-12);
        assert_eq!(c.by_month[0].brier, None, "2 < 3 in January");
        assert_eq!(calibration(&refs, 4).brier, None);
        assert_eq!(calibration(&[], 0).hit_rate, None);
    }

    #[test]
    fn qa_cadence_pass_rates_and_flags() {
        let w = Window::new(ymd(2026, 1, 5), ymd(2026, 1, 18), ymd(2026, 12, 1));
        assert_eq!(w.weeks(), 2.0);
        let mut es: Vec<Entry> = (0..5)
            .map(|_| {
                entry(
                    Kind::Qa,
                    "2026-01-06",
                    &[("tone", i(5)), ("accuracy", i(3))],
                )
            })
            .collect();
        es.push(entry(
            Kind::Qa,
            "2026-01-13",
            &[
                ("tone", i(2)),
                ("flagged", toml::Value::Boolean(true)),
                ("flag_status", s("closed")),
            ],
        ));
        let refs: Vec<&Entry> = es.iter().collect();
        let q = qa(&refs, w, 5);
        assert_eq!(q.samples, 6);
        assert!((q.per_week - 3.0).abs() < 1e-12);
        assert_eq!(q.by_week.len(), 2);
        assert_eq!(q.weeks_at_target, 1);
        let tone = q.dimensions.iter().find(|d| d.dimension == "tone").unwrap();
        assert_eq!((tone.n, tone.passed), (6, 5));
        let acc = q
            .dimensions
            .iter()
            .find(|d| d.dimension == "accuracy")
            .unwrap();
        assert_eq!(acc.pass_rate, Some(0.0));
        assert_eq!((q.flags_raised, q.flags_closed, q.flags_open), (1, 1, 0));
    }

    #[test]
    fn windows_stop_at_the_generation_day_and_fill_every_week_and_month() {
        let w = Window::new(ymd(2026, 1, 1), ymd(2026, 12, 31), ymd(2026, 3, 10));
        assert_eq!(w.end, ymd(2026, 3, 10));
        assert_eq!(w.month_labels(), vec!["2026-01", "2026-02", "2026-03"]);
        let weeks = w.week_labels();
        assert_eq!(weeks.first().unwrap(), "2026-W01");
        assert_eq!(weeks.last().unwrap(), "2026-W11");
        assert_eq!(weeks.len(), 11);
        let open = Window::new(NaiveDate::MIN, ymd(2026, 1, 1), ymd(2026, 1, 1));
        assert!(open.week_labels().len() <= MAX_BUCKETS + 1);
    }

    #[test]
    fn escalation_trend_compares_halves() {
        let es: Vec<Entry> = [
            "should-have-handled",
            "should-have-handled",
            "correctly-escalated",
            "should-have-handled",
            "correctly-escalated",
            "correct-but-late",
        ]
        .iter()
        .enumerate()
        .map(|(n, c)| {
            entry(
                Kind::Escalation,
                &format!("2026-0{}-10", n / 3 + 1),
                &[("category", s(c)), ("pattern", s("refund-loop"))],
            )
        })
        .collect();
        let refs: Vec<&Entry> = es.iter().collect();
        let w = Window::new(ymd(2026, 1, 1), ymd(2026, 3, 31), ymd(2026, 12, 1));
        let f = escalations(&refs, w);
        let t = f.trend.unwrap();
        assert!((t.first_half_share - 2.0 / 3.0).abs() < 1e-12);
        assert!((t.second_half_share - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(f.by_month.len(), 3, "March is shown, with nothing in it");
        assert_eq!(f.by_month[2].should_have_handled_share, None);
        assert_eq!(f.repeated_patterns[0].n, 6);
    }

    #[test]
    fn exploration_minutes_per_week_and_handoff_feedback() {
        let es = [
            entry(
                Kind::Explore,
                "2026-01-06",
                &[("minutes", i(90)), ("area", s("Billing"))],
            ),
            entry(
                Kind::Explore,
                "2026-01-13",
                &[("minutes", i(30)), ("area", s("billing"))],
            ),
            entry(
                Kind::Handoff,
                "2026-01-13",
                &[("function", s("engineering")), ("feedback", s("logs"))],
            ),
            entry(
                Kind::Handoff,
                "2026-01-14",
                &[("function", s("engineering"))],
            ),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let w = Window::new(ymd(2026, 1, 5), ymd(2026, 1, 18), ymd(2026, 12, 1));
        let x = explore(&refs, w, 60);
        assert_eq!((x.minutes, x.weeks_at_target), (120, 1));
        assert!((x.per_week - 60.0).abs() < 1e-12);
        assert_eq!(x.areas[0].name, "billing");
        let h = handoffs(&refs);
        assert_eq!((h.total, h.with_feedback), (2, 1));
    }
}
