//! Evaluating the target level's criteria from the journal: each `check` of
//! ladder.toml becomes met, not yet or to be confirmed, with the figure and
//! its n, the examples behind it, and a lead's confirmation when there is
//! one (it settles the criterion either way).
//!
//! It must not choose what a strong example is (that is `evidence`) nor
//! compute habit figures beyond what a check needs (that is `figures`).
//! Foundations never become criteria here, whatever the ladder says.

use super::evidence::{EvidenceItem, Quote, strongest};

/// Boards read two or three strong examples per criterion, not a list.
pub const CRITERION_EVIDENCE: usize = 3;
/// What others said, quoted whole, per criterion.
pub const CRITERION_QUOTES: usize = 2;
/// The candidates each criterion offers, strongest first: `assemble` shows
/// each entry under one criterion only, so a later criterion whose best
/// entries were shown above still has others to show.
const CANDIDATES: usize = 8;
use super::{Ctx, Status};
use crate::entry::{Entry, Kind, slugify};
use crate::skills::{Check, Criterion, level_rank};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub text: String,
    /// How casebook evaluates it, as ladder.toml says; none means a lead does.
    pub check: Option<Check>,
    /// The status shown: a confirmation's when there is one.
    pub status: Status,
    /// What the journal alone says.
    pub computed: Status,
    /// The figure and what it is measured against, in one sentence.
    pub detail: String,
    /// The measured value (a count, a rate 0-1, a metric), if any.
    pub value: Option<f64>,
    /// How many entries or responses the value stands on.
    pub n: Option<u64>,
    pub confirmation: Option<ConfirmationRef>,
    pub evidence: Vec<EvidenceItem>,
    /// What others said that bears on the criterion: feedback from someone
    /// else about the skills it measures, quoted whole, newest first.
    pub said: Vec<Quote>,
    /// Evidence of the criterion already shown under the outcomes (ids,
    /// strongest first, at most three): not repeated here.
    pub in_outcomes: Vec<String>,
    /// The figure stands on one entry alone (one metric record, one
    /// article): a board should know it is met on a single example.
    pub single_entry: bool,
}

/// A lead's confirmation of a criterion.
#[derive(Debug, Clone, Serialize)]
pub struct ConfirmationRef {
    pub id: String,
    pub path: String,
    pub by: String,
    pub date: NaiveDate,
    /// As written: met or not-yet.
    pub status: String,
    pub note: String,
}

fn met(ok: bool) -> Status {
    if ok { Status::Met } else { Status::NotYet }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// A metric's name as people say it.
fn metric_name(metric: &str) -> &str {
    match metric {
        "csat" => "CSAT",
        "reopen_rate" => "re-open rate",
        "fcr" => "first-contact resolution",
        "qa_score" => "QA score",
        other => other,
    }
}

fn metric_unit(metric: &str) -> &'static str {
    match metric {
        "reopen_rate" | "fcr" => "%",
        _ => "",
    }
}

/// Whether a `field:value` filter of a check matches an entry.
fn matches_where(e: &Entry, filter: Option<&str>) -> bool {
    match filter.and_then(|w| w.split_once(':')) {
        Some((f, v)) => e
            .values_of(f.trim())
            .iter()
            .any(|x| x.eq_ignore_ascii_case(v.trim())),
        None => true,
    }
}

/// Feedback that counts as what others said: written by someone other than
/// the person it sits with, and about them when it says whom it is about.
/// `person` is the pack's person; the entry's own person counts too, so a
/// team pack still tells the giver from the receiver.
pub fn from_others(e: &Entry, person: &str) -> bool {
    let me = [slugify(person), slugify(&e.person)];
    let is_me = |s: &str| me.contains(&slugify(s));
    e.kind == Kind::Feedback
        && e.field_str("source") != Some("self")
        && match e.field_str("from") {
            Some(from) => !is_me(from),
            // Without a name, a source other than self says who spoke.
            None => e.field_str("source").is_some(),
        }
        && e.field_str("subject").is_none_or(is_me)
}

/// The skills a criterion measures: the one a skill check names, else the
/// skills that count the checked kind as evidence (diagnosis for a hit
/// rate). Feedback on those skills is what others said about it.
fn criterion_skills(c: &Criterion, ctx: &Ctx) -> Vec<String> {
    let by_kind = |kind: &str| -> Vec<String> {
        let mut skills: Vec<String> = ctx
            .input
            .skills
            .skills
            .iter()
            .filter(|s| !s.private && s.kinds.iter().any(|k| k == kind))
            .map(|s| s.id.clone())
            .collect();
        if let Ok(k) = kind.parse::<Kind>() {
            skills.extend(k.default_skills().iter().map(|s| s.to_string()));
        }
        skills
    };
    match &c.check {
        Some(Check::SkillLevel { skill, .. }) => vec![skill.clone()],
        Some(Check::Entries { kind, .. }) => by_kind(kind),
        Some(Check::HitRate { .. }) => by_kind("diagnosis"),
        _ => Vec::new(),
    }
}

fn said(c: &Criterion, ctx: &Ctx) -> Vec<Quote> {
    let skills = criterion_skills(c, ctx);
    let feedback_check = matches!(c.check, Some(Check::Feedback { .. }));
    if skills.is_empty() && !feedback_check {
        return Vec::new();
    }
    let mut fb: Vec<&Entry> = ctx
        .history
        .iter()
        .copied()
        .filter(|e| from_others(e, &ctx.input.person))
        .filter(|e| feedback_check || e.skills.iter().any(|s| skills.contains(s)))
        .collect();
    fb.sort_by_key(|e| std::cmp::Reverse(e.created));
    fb.into_iter()
        .take(CANDIDATES)
        .map(super::evidence::quote)
        .collect()
}

pub fn evaluate(c: &Criterion, ctx: &Ctx) -> CriterionResult {
    let mut r = CriterionResult {
        id: c.id.clone(),
        text: c.text.trim().to_string(),
        check: c.check.clone(),
        status: Status::ToBeConfirmed,
        computed: Status::ToBeConfirmed,
        detail: String::new(),
        value: None,
        n: None,
        confirmation: None,
        evidence: Vec::new(),
        said: Vec::new(),
        single_entry: false,
        in_outcomes: Vec::new(),
    };
    // Feedback is what others said, quoted whole below the evidence: one's
    // own entries are the evidence.
    let items = |es: &[&Entry]| -> Vec<EvidenceItem> {
        let own: Vec<&Entry> = es
            .iter()
            .copied()
            .filter(|e| e.kind != Kind::Feedback)
            .collect();
        strongest(&own, CANDIDATES)
            .into_iter()
            .map(|(e, why)| ctx.item(e, &why))
            .collect()
    };
    match &c.check {
        None => r.detail = "not measured by casebook: to be confirmed by a lead".into(),
        Some(Check::Entries { kind, where_, min }) => match kind.parse::<Kind>() {
            Err(_) => r.detail = format!("'{kind}' is not an entry kind: to be confirmed"),
            Ok(k) => {
                let matching: Vec<&Entry> = ctx
                    .entries
                    .iter()
                    .copied()
                    .filter(|e| e.kind == k && matches_where(e, where_.as_deref()))
                    .collect();
                let n = matching.len();
                r.computed = met(n >= *min as usize);
                r.value = Some(n as f64);
                r.n = Some(n as u64);
                r.detail = format!(
                    "{}{} in the period (needs {min})",
                    plural(n, &format!("{k} entry"), &format!("{k} entries")),
                    where_
                        .as_deref()
                        .map(|w| format!(" with {w}"))
                        .unwrap_or_default(),
                );
                r.evidence = items(&matching);
                r.single_entry = n == 1;
            }
        },
        Some(Check::HitRate { min, min_n }) => {
            let cal = &ctx.calibration;
            r.n = Some(cal.resolved as u64);
            r.value = cal.hit_rate;
            let rate = cal
                .hit_rate
                .map(|x| format!("hit rate {} over ", pct(x)))
                .unwrap_or_default();
            if cal.resolved < *min_n as usize {
                r.computed = Status::NotYet;
                r.detail = format!(
                    "{rate}{}; needs at least {min_n} resolved at {} or more",
                    plural(cal.resolved, "resolved prediction", "resolved predictions"),
                    pct(*min)
                );
            } else {
                // A tolerance, so that 0.6 written in the ladder meets 60 % exactly.
                r.computed = met(cal.hit_rate.unwrap_or(0.0) + 1e-9 >= *min);
                r.detail = format!(
                    "{rate}n = {} ({} hit, {} partial, {} miss; needs {} over at least {min_n})",
                    cal.resolved,
                    cal.hits,
                    cal.partials,
                    cal.misses,
                    pct(*min)
                );
            }
            let diagnoses: Vec<&Entry> = ctx
                .entries
                .iter()
                .copied()
                .filter(|e| e.kind == Kind::Diagnosis)
                .collect();
            r.evidence = items(&diagnoses);
        }
        Some(Check::SkillLevel { skill, min }) => {
            let name = ctx
                .input
                .skills
                .get(skill)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| skill.clone());
            if ctx.input.skills.get(skill).is_some_and(|s| s.private) {
                r.detail = format!("{name} is a private foundation, never a promotion criterion");
            } else {
                let ratings = ctx.ratings.get(skill);
                let show = |x: Option<&super::RatingRow>| {
                    x.map(|x| format!("{} on {}", x.level, x.date))
                        .unwrap_or_else(|| "not rated".into())
                };
                let both = format!(
                    "lead: {}, self: {}",
                    show(ratings.and_then(|x| x.latest_lead.as_ref())),
                    show(ratings.and_then(|x| x.latest_self.as_ref()))
                );
                match ratings.and_then(|x| x.current()) {
                    Some(cur) => {
                        r.computed = met(level_rank(&cur.level) >= level_rank(min));
                        r.value = Some(level_rank(&cur.level) as f64);
                        r.detail = format!("{name}: {both}; needs {min}");
                        let linked: Vec<&Entry> =
                            cur.evidence.iter().filter_map(|id| ctx.find(id)).collect();
                        // The examples the rater pointed to first, then the
                        // strongest others.
                        let mut shown = items(&linked);
                        let rest: Vec<&Entry> = ctx
                            .relevant(skill)
                            .into_iter()
                            .filter(|e| !linked.iter().any(|l| l.id == e.id))
                            .collect();
                        shown.extend(items(&rest));
                        shown.truncate(CANDIDATES);
                        r.evidence = shown;
                    }
                    None => {
                        r.detail = format!(
                            "{name} has no rating yet (needs {min}): to be confirmed by a rating"
                        );
                        r.evidence = items(&ctx.relevant(skill));
                    }
                }
            }
        }
        Some(Check::Metric { metric, min, max }) => {
            if metric == "cases_handled" {
                r.detail = "cases handled is context only, never a criterion".into();
            } else {
                let latest = ctx
                    .entries
                    .iter()
                    .copied()
                    .filter(|e| e.kind == Kind::Metric && e.field_f64(metric).is_some())
                    .max_by_key(|e| e.created);
                let unit = metric_unit(metric);
                let bound = match (min, max) {
                    (Some(lo), Some(hi)) => format!("between {lo}{unit} and {hi}{unit}"),
                    (Some(lo), None) => format!("at least {lo}{unit}"),
                    (None, Some(hi)) => format!("at most {hi}{unit}"),
                    (None, None) => "a bound".into(),
                };
                match latest {
                    Some(e) => {
                        let v = e.field_f64(metric).unwrap_or_default();
                        r.computed =
                            met(min.is_none_or(|lo| v >= lo) && max.is_none_or(|hi| v <= hi));
                        r.value = Some(v);
                        let n = (metric == "csat")
                            .then(|| e.field_int("csat_n"))
                            .flatten()
                            .filter(|n| *n > 0);
                        r.n = n.map(|n| n as u64);
                        r.detail = format!(
                            "{} {v}{unit} in {}{} (needs {bound})",
                            metric_name(metric),
                            e.field_str("period")
                                .map(str::to_string)
                                .unwrap_or_else(|| e.created.date_naive().to_string()),
                            n.map(|n| format!(", n = {n}")).unwrap_or_default(),
                        );
                        if metric == "csat" && n.is_none_or(|n| n < 30) {
                            r.detail.push_str(
                                "; fewer than 30 responses, so a hint rather than a measure",
                            );
                        }
                        if let Some(source) = e.field_str("source") {
                            r.detail.push_str(&format!("; source: {source}"));
                        }
                        r.evidence = vec![ctx.item(e, "helpdesk figures")];
                        r.single_entry = true;
                    }
                    None => {
                        r.detail = format!(
                            "no {} recorded in the period (needs {bound}): to be confirmed from the helpdesk",
                            metric_name(metric)
                        )
                    }
                }
            }
        }
        Some(Check::TenureMonths { min }) => {
            let since = ctx.profile.and_then(|p| {
                p.field_str("level_since")
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            });
            match since {
                Some(since) => {
                    let until = ctx.input.period_end.min(ctx.input.generated.date_naive());
                    let months = crate::dates::months_between(since, until);
                    r.computed = met(months >= *min);
                    r.value = Some(months.into());
                    r.detail = format!(
                        "{} at {} since {since} (needs {min})",
                        plural(months as usize, "month", "months"),
                        ctx.profile
                            .and_then(|p| p.field_str("level"))
                            .unwrap_or("the current level"),
                    );
                }
                None => {
                    r.detail = format!(
                        "needs {min} months at the current level: to be confirmed (record it with casebook profile --level L --since DATE)"
                    )
                }
            }
        }
        Some(Check::Feedback { min }) => {
            let mut fb: Vec<&Entry> = ctx
                .entries
                .iter()
                .copied()
                .filter(|e| from_others(e, &ctx.input.person))
                .collect();
            fb.sort_by_key(|e| std::cmp::Reverse(e.created));
            let n = fb.len();
            r.computed = met(n >= *min as usize);
            r.value = Some(n as f64);
            r.n = Some(n as u64);
            r.detail = format!(
                "{} from others in the period (needs {min})",
                plural(n, "piece of feedback", "pieces of feedback")
            );
            r.single_entry = n == 1;
            // The feedback is what others said: quoted, not listed twice.
            r.said = fb
                .into_iter()
                .take(CANDIDATES)
                .map(super::evidence::quote)
                .collect();
        }
        Some(Check::Confirmation) => {
            r.detail = "needs a lead's confirmation (casebook confirm)".into()
        }
    }
    if r.said.is_empty() {
        r.said = said(c, ctx);
    }
    r.status = r.computed;
    // A lead's confirmation settles the criterion either way.
    if let Some(conf) = ctx
        .history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Confirmation && e.field_str("criterion") == Some(c.id.as_str()))
        .max_by_key(|e| e.created)
    {
        let status = conf.field_str("status").unwrap_or("").to_string();
        r.status = match status.as_str() {
            "met" => Status::Met,
            "not-yet" => Status::NotYet,
            _ => Status::ToBeConfirmed,
        };
        r.confirmation = Some(ConfirmationRef {
            id: conf.id.to_string(),
            path: (ctx.input.paths)(conf),
            by: conf.field_str("by").unwrap_or("a lead").to_string(),
            date: conf.created.date_naive(),
            status,
            note: conf.excerpt(super::evidence::EXCERPT_CHARS),
        });
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn feedback(fields: &[(&str, &str)]) -> Entry {
        let at = DateTime::parse_from_rfc3339("2026-02-01T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Feedback, "fb", "ana-lima", at);
        for (k, v) in fields {
            e.fields
                .insert(k.to_string(), toml::Value::String(v.to_string()));
        }
        e
    }

    #[test]
    fn feedback_from_others_is_about_this_person_and_not_by_them() {
        assert!(from_others(
            &feedback(&[("from", "Bo Chen"), ("source", "peer")]),
            "ana-lima"
        ));
        assert!(!from_others(&feedback(&[("from", "Ana Lima")]), "ana-lima"));
        assert!(!from_others(
            &feedback(&[("from", "Bo"), ("source", "self")]),
            "ana-lima"
        ));
        assert!(!from_others(
            &feedback(&[("from", "Bo"), ("subject", "eli-park")]),
            "ana-lima"
        ));
        assert!(from_others(
            &feedback(&[("from", "Bo"), ("subject", "Ana Lima")]),
            "ana-lima"
        ));
        assert!(!from_others(&feedback(&[]), "ana-lima"), "nobody said it");
        // A team pack: the entry's own person is the receiver.
        assert!(from_others(
            &feedback(&[("from", "Bo"), ("subject", "ana-lima")]),
            "team"
        ));
    }

    #[test]
    fn where_filters_match_one_field_value_case_blind() {
        let e = feedback(&[("source", "Peer")]);
        assert!(matches_where(&e, Some("source:peer")));
        assert!(matches_where(&e, Some(" source : peer ")));
        assert!(!matches_where(&e, Some("source:lead")));
        assert!(matches_where(&e, None));
    }

    #[test]
    fn metric_words_and_units() {
        assert_eq!(metric_name("reopen_rate"), "re-open rate");
        assert_eq!(metric_unit("fcr"), "%");
        assert_eq!(metric_unit("csat"), "");
    }
}
