//! The evidence pack as plain data: what a specialist brings to a review, in
//! the order promotion boards read it — the header, outcomes and changes to
//! the system first, then each criterion of the target level with its
//! evidence, then each skill with ratings, figures and its strongest
//! examples, then the gaps (a miss shown with what it taught) and the plan,
//! and activity counts last, as context. A summary of the whole comes first.
//!
//! `assemble` is a pure function of its input: no I/O, no clock, no
//! printing, no wording beyond short reasons and details (`render` draws
//! it). Privacy is enforced here once: private entries are dropped unless
//! the person asked for them, and foundations skills are never criteria. So
//! is emptiness: an entry that is still its kind's untouched template, or
//! empty, counts nowhere.

mod criteria;
mod evidence;
pub mod figures;
pub mod gather;
pub mod ratings;
pub mod team;

pub use criteria::{CRITERION_EVIDENCE, CRITERION_QUOTES};
pub use criteria::{ConfirmationRef, CriterionResult};
pub use evidence::{EXCERPT_CHARS, EvidenceItem, MAX_EVIDENCE, Miss, Quote};
pub use figures::{
    ApprovalFigures, Calibration, CalibrationMonth, DimensionPass, EscalationFigures,
    EscalationMonth, ExploreFigures, FocusFigures, FunctionCount, GoalFigures, HandoffFigures,
    KbFigures, NamedCount, PatternEffect, PostmortemFigures, ProposalFigures, QaFigures,
    ShareTrend, SkillFigures, TeachFigures, WeekCount, calibration,
};
pub use ratings::RatingRow;

use crate::entry::{Entry, Kind};
use crate::skills::{Ladder, Level, Skill, SkillsTree, level_rank};
use chrono::{DateTime, FixedOffset, NaiveDate};
use figures::{Targets, Window};
use ratings::SkillRatings;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Everything `assemble` needs; the caller reads the journal.
pub struct ReviewInput<'a> {
    pub person: String,
    pub period_label: String,
    pub period_start: NaiveDate,
    /// Inclusive.
    pub period_end: NaiveDate,
    pub generated: DateTime<FixedOffset>,
    pub commit: Option<String>,
    /// This person's entries in the period (drafts already excluded;
    /// private only if asked).
    pub entries: &'a [&'a Entry],
    /// This person's entries of all time, a superset of `entries`: latest
    /// ratings, confirmations, the open focus, shipped changes.
    pub history: &'a [Entry],
    /// Everyone's shared entries that carry a `pattern`: a shipped change
    /// to the playbook acts on the whole team's cases, so its effect is
    /// counted team-wide (with `history`, duplicates counted once).
    pub team: &'a [&'a Entry],
    pub skills: &'a SkillsTree,
    pub ladder: &'a Ladder,
    /// Ladder level ids; the target defaults to the level's `next`.
    pub level: Option<String>,
    pub target: Option<String>,
    /// Journal-relative path of an entry, for evidence links.
    pub paths: &'a dyn Fn(&Entry) -> String,
    pub qa_target_per_week: u32,
    pub explore_target_per_week: u32,
    pub min_predictions_for_brier: u32,
    /// The person asked for private entries (`--include-private`). When
    /// false, private entries are dropped even if passed in, and the private
    /// foundations skills stay out of the pack.
    pub include_private: bool,
    /// Each kind's template text (`templates/<kind>.md`), to tell an
    /// untouched template from an entry. `None` when the entries' bodies
    /// were not read (the team grid): then nothing is judged empty.
    pub templates: Option<&'a BTreeMap<Kind, String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidencePack {
    pub header: Header,
    /// What a lead reads first: the criteria counted and the outcomes that
    /// carry the case.
    pub summary: Summary,
    pub outcomes: Outcomes,
    pub criteria: Vec<CriterionResult>,
    pub tenure: Tenure,
    pub skills: Vec<SkillSection>,
    /// Predictions that missed, shown as learning.
    pub misses: Misses,
    pub growth: GrowthPlan,
    pub activity: Activity,
    /// Entries left out because they say nothing: an untouched template
    /// or an empty body (ids).
    pub left_out: Vec<String>,
    /// Things the reader should know about how the pack was built.
    pub warnings: Vec<String>,
}

/// The first paragraph: where the person stands against the target, and
/// the two or three outcomes that carry the case.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub met: usize,
    pub not_yet: usize,
    pub to_confirm: usize,
    /// The shipped change with the largest fall in its pattern (else the
    /// latest shipped), and how many changes shipped in all.
    pub top_change: Option<ShippedChange>,
    pub changes_shipped: usize,
    /// Articles published in the period and their one deflection total.
    pub articles_published: usize,
    pub deflections: i64,
    /// The latest helpdesk figures of the period.
    pub helpdesk: Option<MetricRecord>,
    /// Resolved predictions, their hit rate, and misses among them.
    pub predictions_resolved: usize,
    pub hit_rate: Option<f64>,
    pub misses: usize,
}

/// The period's misses: how many, and the ones shown with their analysis.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Misses {
    pub total: usize,
    pub resolved: usize,
    pub shown: Vec<Miss>,
}

/// How many misses the pack shows with their analysis.
pub const MISSES_SHOWN: usize = 2;

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub person: String,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub level: Option<LevelRef>,
    pub target: Option<LevelRef>,
    pub target_source: TargetSource,
    /// RFC 3339.
    pub generated: String,
    pub commit: Option<String>,
    /// Private entries were asked for and may appear.
    pub includes_private: bool,
}

/// Time at the current level against the target's minimum, and milestones.
#[derive(Debug, Clone, Serialize)]
pub struct Tenure {
    /// The current level id (flag or profile).
    pub level: Option<String>,
    /// Since when, from the profile.
    pub since: Option<NaiveDate>,
    /// Whole months from `since` to the end of the period.
    pub months: Option<u32>,
    /// The target level's tenure criterion, if it has one.
    pub min_months: Option<u32>,
    /// Certifications, courses, launches and awards, newest first.
    pub milestones: Vec<EvidenceItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelRef {
    pub id: String,
    pub name: String,
    pub track: String,
}

/// Where the target level came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// Asked for (`--target`).
    Given,
    /// The current level's `next`.
    NextLevel,
    /// Neither was known: the second level of the first track, so that the
    /// pack still shows criteria. Renderers say so.
    Assumed,
    /// No target: no criteria.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotYet,
    ToBeConfirmed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotYet => "not yet",
            Status::ToBeConfirmed => "to be confirmed",
        }
    }
}

// ---------------------------------------------------------------- outcomes

#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcomes {
    /// Proposals shipped in the period: changes to the agent's playbook,
    /// escalation rules, the KB, retraining sets, hand-off templates.
    pub proposals_shipped: Vec<ShippedChange>,
    pub kb_published: Vec<PublishedArticle>,
    /// The one deflection total of the pack: `figures::deflections` summed
    /// over the articles published in the period (retired ones are not
    /// counted). An estimate from analytics.
    pub deflections_total: i64,
    /// Helpdesk figures recorded in the period, oldest first.
    pub metrics: Vec<MetricRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShippedChange {
    pub entry: EvidenceItem,
    pub target: Option<String>,
    pub change_ref: Option<String>,
    pub shipped: Option<NaiveDate>,
    pub pattern: Option<String>,
    /// Entries with the same pattern, team-wide, before and after it
    /// shipped (`figures::pattern_effect`).
    pub pattern_effect: Option<PatternEffect>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PublishedArticle {
    pub entry: EvidenceItem,
    pub article_id: Option<String>,
    pub published: Option<NaiveDate>,
    /// An estimate imported from analytics.
    pub deflections: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricRecord {
    pub id: String,
    pub path: String,
    pub date: NaiveDate,
    pub period: Option<String>,
    pub csat: Option<f64>,
    pub csat_n: Option<i64>,
    pub reopen_rate: Option<f64>,
    pub fcr: Option<f64>,
    pub qa_score: Option<f64>,
    /// Context only, never a criterion.
    pub cases_handled: Option<i64>,
    pub source: Option<String>,
}

// ------------------------------------------------------------------ skills

#[derive(Debug, Clone, Serialize)]
pub struct SkillSection {
    pub id: String,
    pub name: String,
    pub group: String,
    /// A foundation: private development notes, never a criterion.
    pub private: bool,
    /// The level the target expects, if it names this skill.
    pub expected: Option<String>,
    /// The latest self-rating as of the end of the period.
    pub self_rating: Option<RatingRow>,
    /// The latest lead rating, side by side.
    pub lead_rating: Option<RatingRow>,
    /// Every rating given in the period (self, lead, peer), oldest first.
    pub ratings_in_period: Vec<RatingRow>,
    /// Entries in the period that are evidence for the skill.
    pub entries: usize,
    /// The figures of the skill's entry kinds.
    pub figures: Vec<SkillFigures>,
    /// The strongest examples, best first (at most five).
    pub evidence: Vec<EvidenceItem>,
}

// ------------------------------------------------------------------ growth

#[derive(Debug, Clone, Default, Serialize)]
pub struct GrowthPlan {
    /// Skills whose current rating is below what the target level expects.
    pub below_expected: Vec<SkillGap>,
    /// Target criteria the journal does not show as met yet.
    pub criteria_not_yet: Vec<String>,
    pub open_focus: Option<OpenFocus>,
    pub next_skill: Option<NextSkill>,
    /// Latest self-ratings that point to no evidence.
    pub ratings_without_evidence: Vec<SkillRatingRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillGap {
    pub skill: String,
    pub name: String,
    /// The current rating (the lead's when there is one), none if unrated.
    pub current: Option<String>,
    pub rater: Option<String>,
    pub expected: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenFocus {
    pub entry: EvidenceItem,
    pub skill: Option<String>,
    pub skill_name: Option<String>,
}

/// The lowest-rated core skill with the fewest entries.
#[derive(Debug, Clone, Serialize)]
pub struct NextSkill {
    pub skill: String,
    pub name: String,
    pub current: Option<String>,
    pub entries: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillRatingRef {
    pub skill: String,
    pub level: String,
    pub date: NaiveDate,
}

// ---------------------------------------------------------------- activity

#[derive(Debug, Clone, Default, Serialize)]
pub struct Activity {
    pub total: usize,
    pub by_kind: BTreeMap<String, usize>,
    /// Every month of the period up to the day the pack was made, zeros
    /// included.
    pub by_month: BTreeMap<String, usize>,
}

// ----------------------------------------------------------------- assembly

/// What the parts of the assembly share: the visible entries, the ratings,
/// the calibration.
pub(crate) struct Ctx<'i, 'a> {
    pub input: &'i ReviewInput<'a>,
    /// The latest profile up to the end of the period: level, since when.
    pub profile: Option<&'a Entry>,
    /// The period's entries that may be shown.
    pub entries: Vec<&'a Entry>,
    /// All entries up to the end of the period that may be shown.
    pub history: Vec<&'a Entry>,
    pub ratings: BTreeMap<String, SkillRatings>,
    pub calibration: Calibration,
    pub window: Window,
}

impl Ctx<'_, '_> {
    pub fn item(&self, e: &Entry, why: &str) -> EvidenceItem {
        evidence::item(e, (self.input.paths)(e), why)
    }

    /// An entry of the history by id or unique-enough prefix.
    pub fn find(&self, id: &str) -> Option<&Entry> {
        let id = id.trim();
        if id.len() < crate::entry::MIN_PREFIX {
            return None;
        }
        self.history
            .iter()
            .copied()
            .find(|e| e.id.as_str() == id)
            .or_else(|| {
                self.history
                    .iter()
                    .copied()
                    .find(|e| e.id.as_str().starts_with(id))
            })
    }

    /// The period's entries that are evidence for a skill: tagged with it,
    /// or of a kind the skill lists.
    pub fn relevant(&self, skill: &str) -> Vec<&Entry> {
        let kinds: &[String] = self
            .input
            .skills
            .get(skill)
            .map(|s| s.kinds.as_slice())
            .unwrap_or(&[]);
        self.entries
            .iter()
            .copied()
            .filter(|e| {
                e.skills.iter().any(|s| s == skill) || kinds.iter().any(|k| k == e.kind.as_str())
            })
            .filter(|e| match e.kind {
                Kind::Rating
                | Kind::Metric
                | Kind::Confirmation
                | Kind::Draft
                | Kind::Profile
                | Kind::Oneonone => false,
                // What others said counts; what one said of oneself does not.
                Kind::Feedback => criteria::from_others(e, &self.input.person),
                _ => true,
            })
            .collect()
    }
}

pub fn assemble(input: &ReviewInput) -> EvidencePack {
    let mut warnings = Vec::new();
    let says_nothing = |e: &Entry| {
        input.templates.is_some_and(|t| {
            crate::entry::is_template_only(e, t.get(&e.kind).map_or("", String::as_str))
        })
    };
    let visible = |e: &&Entry| {
        (input.include_private || !e.private) && e.kind != Kind::Draft && !says_nothing(e)
    };
    let left_out: Vec<String> = input
        .entries
        .iter()
        .filter(|e| (input.include_private || !e.private) && e.kind != Kind::Draft)
        .filter(|e| says_nothing(e))
        .map(|e| e.id.to_string())
        .collect();
    let entries: Vec<&Entry> = input.entries.iter().copied().filter(visible).collect();
    let history: Vec<&Entry> = input
        .history
        .iter()
        .filter(visible)
        .filter(|e| e.created.date_naive() <= input.period_end)
        .collect();
    // An open-ended period starts with the first entry, not the year 1.
    let start = if input.period_start == NaiveDate::MIN {
        entries
            .iter()
            .map(|e| e.created.date_naive())
            .min()
            .unwrap_or(input.period_end)
    } else {
        input.period_start
    };
    let window = Window::new(start, input.period_end, input.generated.date_naive());
    let profile = history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Profile)
        .max_by_key(|e| e.created);
    let ctx = Ctx {
        input,
        profile,
        calibration: calibration(&entries, input.min_predictions_for_brier),
        ratings: ratings::by_skill(&history, input.period_start, input.period_end),
        entries,
        history,
        window,
    };
    for skill in ctx.ratings.keys() {
        if input.skills.get(skill).is_none() {
            warnings.push(format!(
                "ratings of '{skill}', which is not in skills.toml, are left out"
            ));
        }
    }

    // Flags win; else the latest profile says where the person stands.
    let profile_level = ctx.profile.and_then(|p| p.field_str("level"));
    let profile_target = ctx.profile.and_then(|p| p.field_str("target_level"));
    let (level, target, target_source) = levels(
        input.ladder,
        input.level.as_deref().or(profile_level),
        input.target.as_deref().or(profile_target),
        &mut warnings,
    );
    let header = Header {
        person: input.person.clone(),
        period: input.period_label.clone(),
        period_start: input.period_start,
        period_end: input.period_end,
        level: level.map(level_ref),
        target: target.map(level_ref),
        target_source,
        generated: input
            .generated
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        commit: input.commit.clone(),
        includes_private: input.include_private,
    };

    let mut criteria: Vec<CriterionResult> = target
        .map(|t| {
            t.criteria
                .iter()
                .map(|c| criteria::evaluate(c, &ctx))
                .collect()
        })
        .unwrap_or_default();
    let outcomes = outcomes(&ctx);
    let in_outcomes: HashSet<String> = outcomes
        .proposals_shipped
        .iter()
        .map(|c| c.entry.id.clone())
        .chain(outcomes.kb_published.iter().map(|a| a.entry.id.clone()))
        .chain(outcomes.metrics.iter().map(|m| m.id.clone()))
        .collect();
    one_criterion_per_entry(&mut criteria, in_outcomes);
    let misses = Misses {
        total: ctx.calibration.misses,
        resolved: ctx.calibration.resolved,
        shown: evidence::misses(&ctx.entries, MISSES_SHOWN),
    };
    let skills: Vec<SkillSection> = input
        .skills
        .skills
        .iter()
        .filter_map(|s| skill_section(s, target, &ctx))
        .collect();
    let growth = growth(&ctx, target, &criteria, &skills);
    let activity = activity(&ctx);
    let tenure = tenure(&ctx, level, target);
    let mut summary = summary(&criteria, &outcomes, &misses);
    summary.hit_rate = ctx.calibration.hit_rate;
    if !left_out.is_empty() {
        warnings.push(format!(
            "{} left out: an untouched template or an empty body says nothing ({})",
            if left_out.len() == 1 {
                "1 entry".to_string()
            } else {
                format!("{} entries", left_out.len())
            },
            left_out.join(", ")
        ));
    }

    EvidencePack {
        header,
        summary,
        outcomes,
        criteria,
        tenure,
        skills,
        misses,
        growth,
        activity,
        left_out,
        warnings,
    }
}

/// Each entry is shown once: under the outcomes (shipped changes, articles,
/// helpdesk figures) or under the first criterion that offers it, as
/// evidence or as a quote; then each criterion keeps its best three pieces
/// of evidence and two quotes. A board reading the same example under three
/// criteria counts it once, and so should the pack. A criterion whose
/// evidence is in the outcomes names it by id (`in_outcomes`).
fn one_criterion_per_entry(criteria: &mut [CriterionResult], outcomes: HashSet<String>) {
    let mut used = outcomes.clone();
    for c in criteria.iter_mut() {
        c.in_outcomes = c
            .evidence
            .iter()
            .filter(|e| outcomes.contains(&e.id))
            .take(CRITERION_EVIDENCE)
            .map(|e| e.id.clone())
            .collect();
        c.evidence.retain(|e| !used.contains(&e.id));
        c.evidence.truncate(CRITERION_EVIDENCE);
        used.extend(c.evidence.iter().map(|e| e.id.clone()));
        c.said.retain(|q| !used.contains(&q.id));
        c.said.truncate(CRITERION_QUOTES);
        used.extend(c.said.iter().map(|q| q.id.clone()));
    }
}

fn summary(criteria: &[CriterionResult], outcomes: &Outcomes, misses: &Misses) -> Summary {
    let count = |s: Status| criteria.iter().filter(|c| c.status == s).count();
    let fall = |c: &ShippedChange| {
        c.pattern_effect
            .as_ref()
            .map_or(0, |e| e.before as i64 - e.after as i64)
    };
    // The largest fall; among equals, the latest shipped.
    let top_change = outcomes
        .proposals_shipped
        .iter()
        .rev()
        .max_by_key(|c| fall(c))
        .cloned();
    Summary {
        met: count(Status::Met),
        not_yet: count(Status::NotYet),
        to_confirm: count(Status::ToBeConfirmed),
        top_change,
        changes_shipped: outcomes.proposals_shipped.len(),
        articles_published: outcomes.kb_published.len(),
        deflections: outcomes.deflections_total,
        helpdesk: outcomes.metrics.last().cloned(),
        predictions_resolved: misses.resolved,
        hit_rate: None,
        misses: misses.total,
    }
}

/// The level held since when (from the profile), against the target
/// level's minimum, and the milestones so far: boards read tenure and
/// certifications together.
fn tenure(ctx: &Ctx, level: Option<&Level>, target: Option<&Level>) -> Tenure {
    let since = ctx.profile.and_then(|p| {
        p.field_str("level_since")
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    });
    let min_months = target.and_then(|t| {
        t.criteria.iter().find_map(|c| match &c.check {
            Some(crate::skills::Check::TenureMonths { min }) => Some(*min),
            _ => None,
        })
    });
    let mut milestones: Vec<&Entry> = ctx
        .history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Milestone)
        .collect();
    milestones.sort_by_key(|e| std::cmp::Reverse(e.created));
    Tenure {
        level: level.map(|l| l.id.clone()).or_else(|| {
            ctx.profile
                .and_then(|p| p.field_str("level"))
                .map(str::to_string)
        }),
        since,
        // Counted to the end of the period, or today if that is sooner.
        months: since.map(|s| {
            let until = ctx.input.period_end.min(ctx.input.generated.date_naive());
            crate::dates::months_between(s, until)
        }),
        min_months,
        milestones: milestones
            .into_iter()
            .map(|e| ctx.item(e, e.field_str("milestone_type").unwrap_or("milestone")))
            .collect(),
    }
}

fn level_ref(l: &Level) -> LevelRef {
    LevelRef {
        id: l.id.clone(),
        name: l.name.clone(),
        track: l.track.clone(),
    }
}

/// The current and target levels, and where the target came from.
fn levels<'l>(
    ladder: &'l Ladder,
    given_level: Option<&str>,
    given_target: Option<&str>,
    warnings: &mut Vec<String>,
) -> (Option<&'l Level>, Option<&'l Level>, TargetSource) {
    let find = |id: &str, what: &str, warnings: &mut Vec<String>| {
        let l = ladder.level(id);
        if l.is_none() {
            warnings.push(format!("{what} level '{id}' is not in ladder.toml"));
        }
        l
    };
    let level = given_level.and_then(|l| find(l, "current", warnings));
    if let Some(t) = given_target {
        let target = find(t, "target", warnings);
        let source = if target.is_some() {
            TargetSource::Given
        } else {
            TargetSource::None
        };
        return (level, target, source);
    }
    if let Some(l) = level {
        return match l.next.as_deref().and_then(|n| find(n, "next", warnings)) {
            Some(t) => (level, Some(t), TargetSource::NextLevel),
            None => (level, None, TargetSource::None),
        };
    }
    if given_level.is_some() {
        return (None, None, TargetSource::None);
    }
    let first_track = ladder
        .tracks
        .first()
        .map(|t| t.id.as_str())
        .or_else(|| ladder.levels.first().map(|l| l.track.as_str()));
    let assumed = ladder
        .levels
        .iter()
        .filter(|l| Some(l.track.as_str()) == first_track)
        .min_by_key(|l| (l.rank != 2, l.rank));
    match assumed {
        Some(t) => (None, Some(t), TargetSource::Assumed),
        None => (None, None, TargetSource::None),
    }
}

fn in_period(input: &ReviewInput, d: NaiveDate) -> bool {
    input.period_start <= d && d <= input.period_end
}

fn outcomes(ctx: &Ctx) -> Outcomes {
    let input = ctx.input;
    let mut out = Outcomes::default();
    // From the history: a change proposed last year and shipped this
    // period is this period's outcome.
    let dated = |e: &Entry, field: &str| {
        e.field_date(field).map_or_else(
            || in_period(input, e.created.date_naive()),
            |d| in_period(input, d),
        )
    };
    let mut shipped: Vec<&Entry> = ctx
        .history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Proposal && e.field_str("status") == Some("shipped"))
        .filter(|e| dated(e, "shipped"))
        .collect();
    shipped.sort_by_key(|e| e.field_date("shipped").unwrap_or(e.created.date_naive()));
    let by_pattern = if shipped.is_empty() {
        HashMap::new()
    } else {
        entries_by_pattern(ctx)
    };
    for e in shipped {
        let pattern = e.field_str("pattern").map(str::to_string);
        let shipped = e.field_date("shipped");
        out.proposals_shipped.push(ShippedChange {
            entry: ctx.item(e, "shipped change to the system"),
            target: e.field_str("target").map(str::to_string),
            change_ref: e.field_str("change_ref").map(str::to_string),
            shipped,
            pattern_effect: pattern.as_deref().zip(shipped).and_then(|(p, d)| {
                let pool = by_pattern
                    .get(&figures::pattern_key(p))
                    .map_or(&[][..], Vec::as_slice);
                figures::pattern_effect(pool, p, d, ctx.window.end)
            }),
            pattern,
        });
    }
    let mut published: Vec<&Entry> = ctx
        .history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Kb && e.field_str("status") == Some("published"))
        .filter(|e| dated(e, "published"))
        .collect();
    let deflected = figures::deflections;
    published.sort_by_key(|e| std::cmp::Reverse(deflected(e).unwrap_or(0)));
    for e in published {
        let deflections = deflected(e);
        out.deflections_total += deflections.unwrap_or(0);
        out.kb_published.push(PublishedArticle {
            entry: ctx.item(e, "published article"),
            article_id: e.field_str("article_id").map(str::to_string),
            published: e.field_date("published"),
            deflections,
        });
    }
    let mut metrics: Vec<&Entry> = ctx
        .entries
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Metric)
        .collect();
    metrics.sort_by_key(|e| e.created);
    out.metrics = metrics
        .into_iter()
        .map(|e| MetricRecord {
            id: e.id.to_string(),
            path: (input.paths)(e),
            date: e.created.date_naive(),
            period: e.field_str("period").map(str::to_string),
            csat: e.field_f64("csat"),
            csat_n: e.field_int("csat_n"),
            reopen_rate: e.field_f64("reopen_rate"),
            fcr: e.field_f64("fcr"),
            qa_score: e.field_f64("qa_score"),
            cases_handled: e.field_int("cases_handled"),
            source: e.field_str("source").map(str::to_string),
        })
        .collect();
    out
}

/// The entries a shipped change's effect is counted over (the person's own
/// history and the team's entries, each once), grouped by `pattern_key`.
/// Grouped once per pack: scanning the whole pool for each change made a
/// pack quadratic in its history (a team grid of a 1,000,000-entry journal
/// took 140 s).
fn entries_by_pattern<'a>(ctx: &Ctx<'_, 'a>) -> HashMap<String, Vec<&'a Entry>> {
    let input = ctx.input;
    let mut seen = HashSet::new();
    let mut out: HashMap<String, Vec<&'a Entry>> = HashMap::new();
    let team = input
        .team
        .iter()
        .copied()
        .filter(|e| !e.private || (input.include_private && e.person == input.person));
    for e in ctx.history.iter().copied().chain(team) {
        if seen.insert(e.id.as_str())
            && let Some(pattern) = e.field_str("pattern")
        {
            out.entry(figures::pattern_key(pattern))
                .or_default()
                .push(e);
        }
    }
    out
}

fn skill_section(s: &Skill, target: Option<&Level>, ctx: &Ctx) -> Option<SkillSection> {
    let relevant = ctx.relevant(&s.id);
    let r = ctx.ratings.get(&s.id);
    // Foundations are private development notes: in the person's own pack
    // only when asked for, and only when there is something to show.
    if s.private
        && (!ctx.input.include_private
            || (relevant.is_empty() && r.is_none_or(|r| r.in_period.is_empty())))
    {
        return None;
    }
    let targets = Targets {
        qa_per_week: ctx.input.qa_target_per_week,
        explore_minutes_per_week: ctx.input.explore_target_per_week,
        min_predictions_for_brier: ctx.input.min_predictions_for_brier,
    };
    let mut figures = Vec::new();
    for k in &s.kinds {
        if let Ok(kind) = k.parse::<Kind>()
            && let Some(f) = figures::for_kind(kind, &ctx.entries, ctx.window, targets)
        {
            figures.push(f);
        }
    }
    Some(SkillSection {
        id: s.id.clone(),
        name: s.name.clone(),
        group: s.group.clone(),
        private: s.private,
        expected: target
            .filter(|_| !s.private)
            .and_then(|t| t.skills.get(&s.id).cloned()),
        self_rating: r.and_then(|r| r.latest_self.clone()),
        lead_rating: r.and_then(|r| r.latest_lead.clone()),
        ratings_in_period: r.map(|r| r.in_period.clone()).unwrap_or_default(),
        entries: relevant.len(),
        figures,
        evidence: evidence::strongest(&relevant, MAX_EVIDENCE)
            .into_iter()
            .map(|(e, why)| ctx.item(e, &why))
            .collect(),
    })
}

fn growth(
    ctx: &Ctx,
    target: Option<&Level>,
    criteria: &[CriterionResult],
    skills: &[SkillSection],
) -> GrowthPlan {
    let tree = ctx.input.skills;
    let name = |id: &str| {
        tree.get(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let is_private = |id: &str| tree.get(id).is_some_and(|s| s.private);
    let mut g = GrowthPlan::default();
    if let Some(t) = target {
        for (skill, expected) in t.skills.iter().filter(|(s, _)| !is_private(s)) {
            let current = ctx.ratings.get(skill).and_then(|r| r.current());
            if current.map_or(0, |r| level_rank(&r.level)) < level_rank(expected) {
                g.below_expected.push(SkillGap {
                    skill: skill.clone(),
                    name: name(skill),
                    current: current.map(|r| r.level.clone()),
                    rater: current.map(|r| r.rater.clone()),
                    expected: expected.clone(),
                });
            }
        }
    }
    g.criteria_not_yet = criteria
        .iter()
        .filter(|c| c.status != Status::Met)
        .map(|c| c.id.clone())
        .collect();
    let focus = ctx
        .history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Focus && e.field_str("status") != Some("closed"))
        .max_by_key(|e| e.created);
    let focus_skill = focus.and_then(|f| f.field_str("skill"));
    g.open_focus = focus.map(|f| OpenFocus {
        entry: ctx.item(f, "current focus"),
        skill: focus_skill.map(str::to_string),
        skill_name: focus_skill.map(name),
    });
    let entries_of = |id: &str| {
        skills
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| ctx.relevant(id).len(), |s| s.entries)
    };
    let rank_of = |id: &str| {
        ctx.ratings
            .get(id)
            .and_then(|r| r.current())
            .map_or(0, |r| level_rank(&r.level))
    };
    let core: Vec<&Skill> = tree
        .skills
        .iter()
        .filter(|s| s.group == "core" && !s.private)
        .collect();
    // The skill already in focus is being worked on; suggest another.
    let pick = core.iter().min_by_key(|s| {
        (
            Some(s.id.as_str()) == focus_skill,
            rank_of(&s.id),
            entries_of(&s.id),
        )
    });
    g.next_skill = pick.map(|s| NextSkill {
        skill: s.id.clone(),
        name: s.name.clone(),
        current: ctx
            .ratings
            .get(&s.id)
            .and_then(|r| r.current())
            .map(|r| r.level.clone()),
        entries: entries_of(&s.id),
    });
    for (skill, r) in &ctx.ratings {
        if is_private(skill) && !ctx.input.include_private {
            continue;
        }
        if let Some(latest) = r.latest_self.as_ref().filter(|x| x.evidence.is_empty())
            && tree.get(skill).is_some()
        {
            g.ratings_without_evidence.push(SkillRatingRef {
                skill: skill.clone(),
                level: latest.level.clone(),
                date: latest.date,
            });
        }
    }
    g
}

fn activity(ctx: &Ctx) -> Activity {
    let mut a = Activity {
        total: ctx.entries.len(),
        by_kind: BTreeMap::new(),
        by_month: ctx
            .window
            .month_labels()
            .into_iter()
            .map(|m| (m, 0))
            .collect(),
    };
    for e in &ctx.entries {
        *a.by_kind.entry(e.kind.to_string()).or_default() += 1;
        *a.by_month
            .entry(crate::dates::month_label(e.created.date_naive()))
            .or_default() += 1;
    }
    a
}

#[cfg(test)]
mod tests;
