//! The evidence pack as plain data: what a specialist brings to a review,
//! in the order promotion boards read it — outcomes and changes to the
//! system first, then each criterion of the target level with evidence,
//! then the skills with ratings, figures and strong examples, then gaps and
//! the plan, and activity counts last. No I/O and no printing: `render`
//! draws it.

mod figures;

use crate::entry::{Entry, Kind};
use crate::skills::{Check, Ladder, SkillsTree, level_rank};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

pub use figures::{Calibration, calibration};

pub struct ReviewInput<'a> {
    pub person: String,
    pub period_label: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub generated: DateTime<FixedOffset>,
    pub commit: Option<String>,
    /// The person's entries in the period (no drafts; private only if asked).
    pub entries: &'a [Entry],
    /// The person's entries of all time (ratings, confirmations).
    pub history: &'a [Entry],
    pub skills: &'a SkillsTree,
    pub ladder: &'a Ladder,
    pub level: Option<String>,
    pub target: Option<String>,
    pub paths: &'a dyn Fn(&Entry) -> String,
    pub qa_target_per_week: u32,
    pub explore_target_per_week: u32,
    pub min_predictions_for_brier: u32,
    /// Foundations are private development notes: in the pack only when
    /// the person asks (`--include-private`).
    pub include_private: bool,
}

#[derive(Debug, Serialize)]
pub struct EvidencePack {
    pub header: Header,
    pub outcomes: Outcomes,
    pub criteria: Vec<CriterionResult>,
    pub calibration: Calibration,
    pub skills: Vec<SkillSection>,
    pub growth: Growth,
    pub activity: Activity,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub person: String,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub level: Option<LevelRef>,
    pub target: Option<LevelRef>,
    /// True when no target was given and one was assumed.
    pub target_assumed: bool,
    pub generated: String,
    pub commit: Option<String>,
}

#[derive(Debug, Serialize, Clone)]
pub struct LevelRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, Clone)]
pub struct EvidenceItem {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub date: NaiveDate,
    pub path: String,
    pub excerpt: String,
    /// Why it was chosen, in a few words.
    pub why: String,
}

#[derive(Debug, Serialize, Default)]
pub struct Outcomes {
    pub proposals_shipped: Vec<ShippedProposal>,
    pub kb_published: Vec<PublishedArticle>,
    pub total_deflections: i64,
    pub metrics: Vec<MetricRow>,
}

#[derive(Debug, Serialize)]
pub struct ShippedProposal {
    pub item: EvidenceItem,
    pub target: Option<String>,
    pub change_ref: Option<String>,
    pub shipped: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct PublishedArticle {
    pub item: EvidenceItem,
    pub article_id: Option<String>,
    pub deflections: i64,
}

#[derive(Debug, Serialize)]
pub struct MetricRow {
    pub period: String,
    pub csat: Option<f64>,
    pub csat_n: Option<i64>,
    pub reopen_rate: Option<f64>,
    pub fcr: Option<f64>,
    pub qa_score: Option<f64>,
    /// Context only, never a criterion.
    pub cases_handled: Option<i64>,
    pub source: Option<String>,
}

#[derive(Debug, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotYet,
    ToBeConfirmed,
}

#[derive(Debug, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub text: String,
    pub status: Status,
    pub detail: String,
    pub confirmed_by: Option<String>,
    pub evidence: Vec<EvidenceItem>,
}

#[derive(Debug, Serialize, Clone)]
pub struct RatingRow {
    pub level: String,
    pub date: NaiveDate,
    pub rater: String,
    pub rater_name: Option<String>,
    pub has_evidence: bool,
}

#[derive(Debug, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct SkillSection {
    pub id: String,
    pub name: String,
    pub group: String,
    /// Foundations: development notes, never criteria.
    pub private: bool,
    pub self_rating: Option<RatingRow>,
    pub lead_rating: Option<RatingRow>,
    pub ratings_in_period: Vec<RatingRow>,
    pub expected: Option<String>,
    pub figures: Vec<Figure>,
    pub evidence: Vec<EvidenceItem>,
    pub entries: usize,
}

#[derive(Debug, Serialize, Default)]
pub struct Growth {
    pub below_expectation: Vec<Gap>,
    pub focus: Option<EvidenceItem>,
    pub focus_skill: Option<String>,
    pub next_skill: Option<String>,
    pub ratings_without_evidence: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Gap {
    pub skill: String,
    pub current: Option<String>,
    pub expected: String,
}

#[derive(Debug, Serialize, Default)]
pub struct Activity {
    pub total: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_month: BTreeMap<String, usize>,
}

pub fn assemble(input: &ReviewInput) -> EvidencePack {
    let item = |e: &Entry, why: &str| evidence_item(e, (input.paths)(e), why);
    let practice: Vec<&Entry> = input
        .entries
        .iter()
        .filter(|e| e.kind != Kind::Draft)
        .collect();

    let level = input.level.as_deref().and_then(|l| input.ladder.level(l));
    let mut target_assumed = false;
    let target = input
        .target
        .as_deref()
        .or_else(|| level.and_then(|l| l.next.as_deref()))
        .and_then(|t| input.ladder.level(t))
        .or_else(|| {
            // Without a level or target, argue for the second IC level and say so.
            target_assumed = true;
            input
                .ladder
                .levels
                .iter()
                .filter(|l| l.track == "ic")
                .min_by_key(|l| (l.rank != 2, l.rank))
        });
    let header = Header {
        person: input.person.clone(),
        period: input.period_label.clone(),
        period_start: input.period_start,
        period_end: input.period_end,
        level: level.map(|l| LevelRef {
            id: l.id.clone(),
            name: l.name.clone(),
        }),
        target: target.map(|l| LevelRef {
            id: l.id.clone(),
            name: l.name.clone(),
        }),
        target_assumed,
        generated: input
            .generated
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        commit: input.commit.clone(),
    };

    // Outcomes and system impact.
    let mut outcomes = Outcomes::default();
    for e in practice
        .iter()
        .filter(|e| e.kind == Kind::Proposal && e.field_str("status") == Some("shipped"))
    {
        outcomes.proposals_shipped.push(ShippedProposal {
            item: item(e, "shipped"),
            target: e.field_str("target").map(str::to_string),
            change_ref: e.field_str("change_ref").map(str::to_string),
            shipped: e.field_date("shipped"),
        });
    }
    for e in practice
        .iter()
        .filter(|e| e.kind == Kind::Kb && e.field_str("status") == Some("published"))
    {
        let d = e.field_int("deflections").unwrap_or(0);
        outcomes.total_deflections += d;
        outcomes.kb_published.push(PublishedArticle {
            item: item(e, "published"),
            article_id: e.field_str("article_id").map(str::to_string),
            deflections: d,
        });
    }
    outcomes
        .kb_published
        .sort_by_key(|a| std::cmp::Reverse(a.deflections));
    for e in practice.iter().filter(|e| e.kind == Kind::Metric) {
        outcomes.metrics.push(MetricRow {
            period: e
                .field_str("period")
                .map(str::to_string)
                .unwrap_or_else(|| e.created.date_naive().to_string()),
            csat: e.field_f64("csat"),
            csat_n: e.field_int("csat_n").filter(|n| *n > 0),
            reopen_rate: e.field_f64("reopen_rate"),
            fcr: e.field_f64("fcr"),
            qa_score: e.field_f64("qa_score"),
            cases_handled: e.field_int("cases_handled").filter(|n| *n > 0),
            source: e.field_str("source").map(str::to_string),
        });
    }

    let cal = calibration(&practice, input.min_predictions_for_brier);
    let ratings = ratings_by_skill(input.history, input.period_start, input.period_end);

    // The ladder's criteria for the target level.
    let mut criteria = Vec::new();
    if let Some(t) = target {
        for c in &t.criteria {
            criteria.push(evaluate(c, input, &practice, &cal, &ratings, &item));
        }
    }

    // Skills.
    let mut skills = Vec::new();
    for s in &input.skills.skills {
        let relevant: Vec<&Entry> = practice
            .iter()
            .copied()
            .filter(|e| {
                e.skills.iter().any(|x| x == &s.id) || s.kinds.iter().any(|k| k == e.kind.as_str())
            })
            .filter(|e| e.kind.is_practice() || e.kind == Kind::Goal || e.kind == Kind::Focus)
            .collect();
        let r = ratings.get(&s.id);
        if s.private && (!input.include_private || (relevant.is_empty() && r.is_none())) {
            continue;
        }
        skills.push(SkillSection {
            id: s.id.clone(),
            name: s.name.clone(),
            group: s.group.clone(),
            private: s.private,
            self_rating: r.and_then(|r| r.latest_self.clone()),
            lead_rating: r.and_then(|r| r.latest_lead.clone()),
            ratings_in_period: r.map(|r| r.in_period.clone()).unwrap_or_default(),
            expected: target.and_then(|t| t.skills.get(&s.id).cloned()),
            figures: figures::for_skill(&s.id, &relevant, &cal, input),
            evidence: strongest(&relevant, 5)
                .into_iter()
                .map(|(e, why)| item(e, &why))
                .collect(),
            entries: relevant.len(),
        });
    }

    // Growth plan.
    let mut growth = Growth::default();
    if let Some(t) = target {
        for (skill, expected) in &t.skills {
            let current = ratings
                .get(skill)
                .and_then(|r| r.best_current())
                .map(|r| r.level.clone());
            if current.as_deref().map(level_rank).unwrap_or(0) < level_rank(expected) {
                growth.below_expectation.push(Gap {
                    skill: skill.clone(),
                    current,
                    expected: expected.clone(),
                });
            }
        }
    }
    if let Some(f) = input
        .history
        .iter()
        .filter(|e| e.kind == Kind::Focus && e.field_str("status") != Some("closed"))
        .max_by_key(|e| e.created)
    {
        growth.focus = Some(item(f, "current focus"));
        growth.focus_skill = f.field_str("skill").map(str::to_string);
    }
    growth.next_skill = input
        .skills
        .skills
        .iter()
        .filter(|s| s.group == "core")
        .min_by_key(|s| {
            let rank = ratings
                .get(&s.id)
                .and_then(|r| r.best_current())
                .map(|r| level_rank(&r.level))
                .unwrap_or(0);
            let n = skills
                .iter()
                .find(|x| x.id == s.id)
                .map(|x| x.entries)
                .unwrap_or(0);
            (rank, n)
        })
        .map(|s| s.id.clone());
    for (skill, r) in &ratings {
        if let Some(latest) = r.latest_self.as_ref().filter(|x| !x.has_evidence) {
            growth
                .ratings_without_evidence
                .push(format!("{skill} ({}, {})", latest.level, latest.date));
        }
    }

    let mut activity = Activity {
        total: practice.len(),
        ..Activity::default()
    };
    for e in &practice {
        *activity.by_kind.entry(e.kind.to_string()).or_default() += 1;
        let d = e.created.date_naive();
        *activity
            .by_month
            .entry(format!("{}-{:02}", d.year(), d.month()))
            .or_default() += 1;
    }

    EvidencePack {
        header,
        outcomes,
        criteria,
        calibration: cal,
        skills,
        growth,
        activity,
    }
}

fn evidence_item(e: &Entry, path: String, why: &str) -> EvidenceItem {
    EvidenceItem {
        id: e.id.to_string(),
        kind: e.kind.to_string(),
        title: e.title.clone(),
        date: e.created.date_naive(),
        path,
        excerpt: e.excerpt(200),
        why: why.to_string(),
    }
}

#[derive(Default)]
struct SkillRatings {
    latest_self: Option<RatingRow>,
    latest_lead: Option<RatingRow>,
    in_period: Vec<RatingRow>,
}

impl SkillRatings {
    /// A lead's rating counts over a self-rating when both exist.
    fn best_current(&self) -> Option<&RatingRow> {
        self.latest_lead.as_ref().or(self.latest_self.as_ref())
    }
}

fn ratings_by_skill(
    history: &[Entry],
    start: NaiveDate,
    end: NaiveDate,
) -> BTreeMap<String, SkillRatings> {
    let mut out: BTreeMap<String, SkillRatings> = BTreeMap::new();
    let mut sorted: Vec<&Entry> = history.iter().filter(|e| e.kind == Kind::Rating).collect();
    sorted.sort_by_key(|e| e.created);
    for e in sorted {
        let (Some(skill), Some(level)) = (e.field_str("skill"), e.field_str("level")) else {
            continue;
        };
        let date = e.created.date_naive();
        if date > end {
            continue;
        }
        let row = RatingRow {
            level: level.to_string(),
            date,
            rater: e.field_str("rater").unwrap_or("self").to_string(),
            rater_name: e.field_str("rater_name").map(str::to_string),
            has_evidence: !e.field_list("evidence").is_empty() || !e.links.is_empty(),
        };
        let r = out.entry(skill.to_string()).or_default();
        if date >= start {
            r.in_period.push(row.clone());
        }
        if row.rater == "self" {
            r.latest_self = Some(row);
        } else {
            r.latest_lead = Some(row);
        }
    }
    out
}

/// The strongest entries for a skill, best first, with why.
fn strongest<'a>(entries: &[&'a Entry], max: usize) -> Vec<(&'a Entry, String)> {
    let mut scored: Vec<(f64, &Entry, String)> = entries
        .iter()
        .map(|e| {
            let (score, why) = strength(e);
            (score, *e, why)
        })
        .filter(|(s, _, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.1.created.cmp(&a.1.created))
    });
    scored
        .into_iter()
        .take(max)
        .map(|(_, e, why)| (e, why))
        .collect()
}

fn strength(e: &Entry) -> (f64, String) {
    let conf = e.field_int("confidence").unwrap_or(50) as f64 / 100.0;
    match e.kind {
        Kind::Diagnosis => match e.field_str("verdict") {
            Some("hit") => (
                3.0 + conf,
                format!("called it at {:.0}% confidence", conf * 100.0),
            ),
            Some("partial") => (2.0 + conf / 2.0, "partly right, analysed".into()),
            Some("miss") if e.field_str("actual").is_some() => {
                (1.5, "a miss, with what it taught".into())
            }
            _ => (0.3, "prediction".into()),
        },
        Kind::Kb => match e.field_str("status") {
            Some("published") => {
                let d = e.field_int("deflections").unwrap_or(0);
                (
                    3.0 + (d as f64 / 10.0).min(3.0),
                    format!("published, {d} deflections"),
                )
            }
            _ => (1.0, "draft article".into()),
        },
        Kind::Postmortem => {
            let gain = e.field_int("sentiment_end").unwrap_or(0)
                - e.field_int("sentiment_start").unwrap_or(0);
            let shifted = e.field_str("shifted").is_some();
            (
                1.0 + if shifted { 1.5 } else { 0.0 } + gain.max(0) as f64 * 0.5,
                if shifted {
                    format!("what shifted the call; sentiment {gain:+}")
                } else {
                    "post-mortem".into()
                },
            )
        }
        Kind::Proposal => match e.field_str("status") {
            Some("shipped") => (4.0, "shipped change to the system".into()),
            Some("accepted") => (2.5, "accepted proposal".into()),
            _ => (1.0, "proposal".into()),
        },
        Kind::Escalation if e.field_str("playbook_gap").is_some() => {
            (1.5, "named the playbook gap".into())
        }
        Kind::Qa if e.field_bool("missed_escalation") || e.field_bool("critical_fail") => {
            (1.8, "caught what the agent missed".into())
        }
        Kind::Handoff if e.field_str("feedback").is_some() => {
            (1.6, "hand-off with the receiver's feedback".into())
        }
        Kind::Teach => (2.0, "taught others".into()),
        _ => (
            0.5 + (e.body.len() as f64 / 4000.0).min(0.5),
            e.kind.habit().to_string(),
        ),
    }
}

fn evaluate(
    c: &crate::skills::Criterion,
    input: &ReviewInput,
    practice: &[&Entry],
    cal: &Calibration,
    ratings: &BTreeMap<String, SkillRatings>,
    item: &dyn Fn(&Entry, &str) -> EvidenceItem,
) -> CriterionResult {
    let mut result = CriterionResult {
        id: c.id.clone(),
        text: c.text.trim_end_matches('.').to_string(),
        status: Status::ToBeConfirmed,
        detail: String::new(),
        confirmed_by: None,
        evidence: Vec::new(),
    };
    match &c.check {
        None => result.detail = "not measured by casebook: to be confirmed by a lead".into(),
        Some(Check::Entries { kind, where_, min }) => {
            let matching: Vec<&Entry> = practice
                .iter()
                .copied()
                .filter(|e| e.kind.as_str() == kind)
                .filter(
                    |e| match where_.as_deref().and_then(|w| w.split_once(':')) {
                        Some((f, v)) => e.values_of(f).iter().any(|x| x.eq_ignore_ascii_case(v)),
                        None => true,
                    },
                )
                .collect();
            let n = matching.len() as u32;
            result.status = if n >= *min {
                Status::Met
            } else {
                Status::NotYet
            };
            result.detail = format!(
                "{n} {kind} entr{}{} in the period (needs {min})",
                if n == 1 { "y" } else { "ies" },
                where_
                    .as_deref()
                    .map(|w| format!(" with {w}"))
                    .unwrap_or_default()
            );
            result.evidence = strongest(&matching, 3)
                .into_iter()
                .map(|(e, why)| item(e, &why))
                .collect();
        }
        Some(Check::HitRate { min, min_n }) => {
            match cal.hit_rate {
                Some(rate) if cal.resolved >= *min_n as usize => {
                    result.status = if rate >= *min {
                        Status::Met
                    } else {
                        Status::NotYet
                    };
                    result.detail = format!(
                        "hit rate {:.0}% over n = {} (needs {:.0}% over at least {min_n})",
                        rate * 100.0,
                        cal.resolved,
                        min * 100.0
                    );
                }
                _ => {
                    result.status = Status::NotYet;
                    result.detail = format!(
                        "{} resolved predictions; needs at least {min_n} at {:.0}%",
                        cal.resolved,
                        min * 100.0
                    );
                }
            }
            let hits: Vec<&Entry> = practice
                .iter()
                .copied()
                .filter(|e| e.kind == Kind::Diagnosis)
                .collect();
            result.evidence = strongest(&hits, 3)
                .into_iter()
                .map(|(e, why)| item(e, &why))
                .collect();
        }
        Some(Check::SkillLevel { skill, min }) => {
            match ratings.get(skill).and_then(|r| r.best_current()) {
                Some(r) => {
                    result.status = if level_rank(&r.level) >= level_rank(min) {
                        Status::Met
                    } else {
                        Status::NotYet
                    };
                    result.detail = format!(
                        "{skill}: {} ({} rating, {}), needs {min}",
                        r.level, r.rater, r.date
                    );
                }
                None => {
                    result.status = Status::NotYet;
                    result.detail = format!("{skill} has no rating yet (needs {min})");
                }
            }
        }
        Some(Check::Metric { metric, min, max }) => {
            let latest = practice
                .iter()
                .filter(|e| e.kind == Kind::Metric && e.field_f64(metric).is_some())
                .max_by_key(|e| e.created);
            match latest {
                Some(e) => {
                    let v = e.field_f64(metric).unwrap_or_default();
                    let ok = min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m);
                    result.status = if ok { Status::Met } else { Status::NotYet };
                    let n = if metric == "csat" {
                        e.field_int("csat_n")
                            .map(|n| format!(", n = {n}"))
                            .unwrap_or_default()
                    } else {
                        String::new()
                    };
                    let bound = match (min, max) {
                        (Some(m), _) => format!("at least {m}"),
                        (_, Some(m)) => format!("at most {m}"),
                        _ => String::new(),
                    };
                    result.detail = format!(
                        "{metric} {v} in {}{n} (needs {bound})",
                        e.field_str("period").unwrap_or("the period")
                    );
                    result.evidence.push(item(e, "helpdesk figures"));
                }
                None => {
                    result.detail = format!(
                        "no {metric} recorded in the period: to be confirmed from the helpdesk"
                    )
                }
            }
        }
        Some(Check::TenureMonths { min }) => {
            result.detail =
                format!("needs {min} months at the current level: to be confirmed from the profile")
        }
        Some(Check::Feedback { min }) => {
            let fb: Vec<&Entry> = practice
                .iter()
                .copied()
                .filter(|e| e.kind == Kind::Feedback && e.field_str("source") != Some("self"))
                .collect();
            let n = fb.len() as u32;
            result.status = if n >= *min {
                Status::Met
            } else {
                Status::NotYet
            };
            result.detail = format!("{n} pieces of feedback from others (needs {min})");
            result.evidence = fb
                .iter()
                .take(3)
                .map(|e| {
                    item(
                        e,
                        &format!("from {}", e.field_str("from").unwrap_or("a colleague")),
                    )
                })
                .collect();
        }
        Some(Check::Confirmation {}) => result.detail = "needs a lead's confirmation".into(),
    }
    // A lead's confirmation settles the criterion either way.
    if let Some(conf) = input
        .history
        .iter()
        .filter(|e| e.kind == Kind::Confirmation && e.field_str("criterion") == Some(c.id.as_str()))
        .max_by_key(|e| e.created)
    {
        result.status = if conf.field_str("status") == Some("met") {
            Status::Met
        } else {
            Status::NotYet
        };
        result.confirmed_by = Some(conf.field_str("by").unwrap_or("a lead").to_string());
    }
    result
}

#[cfg(test)]
mod tests;
