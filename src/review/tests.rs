//! Tests of the assembled pack, built from entries made in code against the
//! journal template's real skills tree and ladder.

use super::*;
use crate::entry::{Entry, Kind};
use crate::skills::{Ladder, SkillsTree};
use chrono::DateTime;

const SKILLS: &str = include_str!("../../journal-template/skills.toml");
const LADDER: &str = include_str!("../../journal-template/ladder.toml");

fn at(day: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+01:00")).unwrap()
}

fn s(v: &str) -> toml::Value {
    toml::Value::String(v.into())
}

fn i(v: i64) -> toml::Value {
    toml::Value::Integer(v)
}

fn make(kind: Kind, title: &str, day: &str, fields: &[(&str, toml::Value)]) -> Entry {
    let mut e = Entry::new(kind, title, "ana-lima", at(day));
    for (k, v) in fields {
        e.fields.insert(k.to_string(), v.clone());
    }
    e
}

fn diag(day: &str, verdict: &str, confidence: i64) -> Entry {
    make(
        Kind::Diagnosis,
        "case",
        day,
        &[
            ("prediction", s("cert expired")),
            ("actual", s("proxy")),
            ("verdict", s(verdict)),
            ("confidence", i(confidence)),
        ],
    )
}

fn rating(day: &str, skill: &str, level: &str, rater: &str) -> Entry {
    make(
        Kind::Rating,
        "rating",
        day,
        &[
            ("skill", s(skill)),
            ("level", s(level)),
            ("rater", s(rater)),
        ],
    )
}

fn confirmation(day: &str, criterion: &str, status: &str) -> Entry {
    make(
        Kind::Confirmation,
        "confirmed",
        day,
        &[
            ("criterion", s(criterion)),
            ("status", s(status)),
            ("by", s("Dana Reyes")),
        ],
    )
}

struct Setup {
    skills: SkillsTree,
    ladder: Ladder,
    level: Option<String>,
    target: Option<String>,
    include_private: bool,
    templates: Option<BTreeMap<Kind, String>>,
}

impl Setup {
    fn new() -> Setup {
        Setup {
            skills: SkillsTree::parse(SKILLS).unwrap(),
            ladder: Ladder::parse(LADDER).unwrap(),
            level: None,
            target: Some("specialist-2".into()),
            include_private: false,
            templates: None,
        }
    }

    /// The period is 2026; the history is the period's entries plus `older`.
    fn pack(&self, entries: &[Entry], older: &[Entry]) -> EvidencePack {
        let history: Vec<Entry> = older.iter().chain(entries).cloned().collect();
        let entries: Vec<&Entry> = entries.iter().collect();
        let paths = |e: &Entry| format!("people/ana-lima/2026/{}.md", e.id);
        let input = ReviewInput {
            person: "ana-lima".into(),
            period_label: "2026".into(),
            period_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            generated: at("2026-11-24"),
            commit: Some("0123456789abcdef".into()),
            entries: &entries,
            history: &history,
            team: &[],
            skills: &self.skills,
            ladder: &self.ladder,
            level: self.level.clone(),
            target: self.target.clone(),
            paths: &paths,
            qa_target_per_week: 5,
            explore_target_per_week: 60,
            min_predictions_for_brier: 3,
            include_private: self.include_private,
            templates: self.templates.as_ref(),
        };
        assemble(&input)
    }
}

fn pack(entries: &[Entry]) -> EvidencePack {
    Setup::new().pack(entries, &[])
}

fn criterion<'p>(p: &'p EvidencePack, id: &str) -> &'p CriterionResult {
    p.criteria.iter().find(|c| c.id == id).unwrap()
}

fn skill<'p>(p: &'p EvidencePack, id: &str) -> &'p SkillSection {
    p.skills.iter().find(|s| s.id == id).unwrap()
}

fn calibration_of(p: &EvidencePack) -> &Calibration {
    skill(p, "complex-case-diagnosis")
        .figures
        .iter()
        .find_map(|f| match f {
            SkillFigures::Diagnosis(c) => Some(c),
            _ => None,
        })
        .unwrap()
}

#[test]
fn the_template_tree_and_ladder_parse_from_here() {
    let setup = Setup::new();
    assert_eq!(setup.skills.skills.len(), 12);
    assert!(setup.ladder.level("specialist-2").is_some());
}

#[test]
fn hit_rate_counts_partials_as_half_and_brier_needs_its_n() {
    let entries = vec![
        diag("2026-01-02", "hit", 80),
        diag("2026-01-03", "partial", 60),
        diag("2026-02-01", "miss", 90),
    ];
    let p = pack(&entries);
    let c = calibration_of(&p);
    assert_eq!(c.resolved, 3);
    assert!((c.hit_rate.unwrap() - 0.5).abs() < 1e-9);
    // (0.8-1)^2 + (0.6-0.5)^2 + (0.9-0)^2 = 0.04 + 0.01 + 0.81
    assert!((c.brier.unwrap() - 0.86 / 3.0).abs() < 1e-9);
    let p = pack(&entries[..2]);
    assert_eq!(
        calibration_of(&p).brier,
        None,
        "below min n the Brier score is hidden"
    );
    let hit = criterion(&p, "s2-calibration");
    assert_eq!(hit.n, Some(2));
}

#[test]
fn criteria_are_met_not_yet_or_to_be_confirmed() {
    let mut entries: Vec<Entry> = (0..12)
        .map(|n| diag(&format!("2026-03-{:02}", n + 1), "hit", 70))
        .collect();
    for n in 0..3 {
        entries.push(make(
            Kind::Kb,
            &format!("article {n}"),
            "2026-04-01",
            &[("status", s("published")), ("deflections", i(10))],
        ));
    }
    entries.push(make(
        Kind::Kb,
        "draft",
        "2026-04-02",
        &[("status", s("draft"))],
    ));
    let p = pack(&entries);
    // 12 hits, but the ladder wants at least 20 resolved.
    let hit = criterion(&p, "s2-calibration");
    assert_eq!(hit.status, Status::NotYet, "{}", hit.detail);
    assert!(hit.detail.contains("12 resolved"), "{}", hit.detail);
    let kb = criterion(&p, "s2-kb-published");
    assert_eq!(kb.status, Status::Met, "{}", kb.detail);
    assert_eq!(kb.n, Some(3), "the draft does not count");
    assert_eq!(criterion(&p, "s2-tenure").status, Status::ToBeConfirmed);
    assert_eq!(
        criterion(&p, "s2-reopen").status,
        Status::ToBeConfirmed,
        "no metric recorded"
    );
    // No check at all: a lead decides.
    assert_eq!(
        criterion(&p, "s2-gate-judgment").status,
        Status::ToBeConfirmed
    );

    let more: Vec<Entry> = (0..8)
        .map(|n| diag(&format!("2026-05-{:02}", n + 1), "miss", 70))
        .collect();
    entries.extend(more);
    let p = pack(&entries);
    let hit = criterion(&p, "s2-calibration");
    assert_eq!(hit.status, Status::Met, "12 of 20 is 60 %: {}", hit.detail);
}

#[test]
fn a_confirmation_overrides_the_computed_status() {
    let mut entries = vec![diag("2026-03-01", "hit", 70)];
    entries.push(confirmation("2026-04-01", "s2-calibration", "met"));
    entries.push(confirmation("2026-04-01", "s2-tenure", "not-yet"));
    let p = pack(&entries);
    let c = criterion(&p, "s2-calibration");
    assert_eq!((c.computed, c.status), (Status::NotYet, Status::Met));
    assert_eq!(c.confirmation.as_ref().unwrap().by, "Dana Reyes");
    assert_eq!(criterion(&p, "s2-tenure").status, Status::NotYet);
    // The latest confirmation wins, and one without a known status leaves
    // the criterion to be confirmed.
    entries.push(confirmation("2026-05-01", "s2-calibration", "maybe"));
    let p = pack(&entries);
    assert_eq!(
        criterion(&p, "s2-calibration").status,
        Status::ToBeConfirmed
    );
}

#[test]
fn skill_level_prefers_the_lead_and_shows_both() {
    let entries = vec![
        rating("2026-02-01", "empathic-communication", "master", "self"),
        rating("2026-03-01", "empathic-communication", "rookie", "lead"),
    ];
    let p = pack(&entries);
    let c = criterion(&p, "s2-hard-conversations");
    assert_eq!(c.status, Status::NotYet);
    assert!(
        c.detail.contains("lead: rookie") && c.detail.contains("self: master"),
        "{}",
        c.detail
    );
    let sk = skill(&p, "empathic-communication");
    assert_eq!(sk.self_rating.as_ref().unwrap().level, "master");
    assert_eq!(sk.lead_rating.as_ref().unwrap().level, "rookie");
    assert_eq!(sk.ratings_in_period.len(), 2);

    // A rating from before the period still counts as the current one.
    let older = vec![rating(
        "2025-06-01",
        "empathic-communication",
        "pro",
        "lead",
    )];
    let p = Setup::new().pack(&[], &older);
    let c = criterion(&p, "s2-hard-conversations");
    assert_eq!(c.status, Status::Met, "{}", c.detail);
    assert!(
        skill(&p, "empathic-communication")
            .ratings_in_period
            .is_empty()
    );
}

#[test]
fn metrics_use_the_latest_record_of_the_period_with_its_n() {
    let entries = vec![
        make(
            Kind::Metric,
            "Q1",
            "2026-04-02",
            &[
                ("period", s("2026-Q1")),
                ("reopen_rate", toml::Value::Float(9.5)),
            ],
        ),
        make(
            Kind::Metric,
            "Q2",
            "2026-07-02",
            &[
                ("period", s("2026-Q2")),
                ("reopen_rate", toml::Value::Float(6.0)),
                ("csat", toml::Value::Float(91.0)),
                ("csat_n", i(212)),
                ("cases_handled", i(640)),
            ],
        ),
    ];
    let p = pack(&entries);
    let c = criterion(&p, "s2-reopen");
    assert_eq!(c.status, Status::Met, "{}", c.detail);
    assert!(c.detail.contains("2026-Q2"), "{}", c.detail);
    assert_eq!(p.outcomes.metrics.len(), 2);
    assert_eq!(p.outcomes.metrics[1].csat_n, Some(212));
    assert_eq!(p.outcomes.metrics[1].cases_handled, Some(640));
}

#[test]
fn feedback_counts_only_what_others_said() {
    let mut setup = Setup::new();
    setup.target = Some("senior".into());
    let fb = |from: &str, source: &str| {
        make(
            Kind::Feedback,
            "fb",
            "2026-03-01",
            &[("from", s(from)), ("source", s(source))],
        )
    };
    let entries = vec![
        fb("Bo Chen", "peer"),
        fb("Ana Lima", "peer"),
        fb("Dana", "self"),
        fb("Eli", "engineering"),
    ];
    let p = setup.pack(&entries, &[]);
    let c = criterion(&p, "sr-peer-voice");
    assert_eq!(c.n, Some(2), "{}", c.detail);
    assert_eq!(c.status, Status::NotYet);
    assert!(c.evidence.iter().all(|e| e.why.starts_with("from ")));
}

#[test]
fn at_most_five_pieces_of_evidence_per_skill_strongest_first() {
    let mut entries: Vec<Entry> = (0..9)
        .map(|n| diag(&format!("2026-05-{:02}", n + 1), "miss", 50))
        .collect();
    entries.push(diag("2026-06-01", "hit", 95));
    let p = pack(&entries);
    let sk = skill(&p, "complex-case-diagnosis");
    assert_eq!(sk.evidence.len(), 5);
    assert!(sk.evidence[0].why.contains("95%"), "{:?}", sk.evidence[0]);
    assert!(
        sk.evidence[1].why.contains("analysed"),
        "misses are framed as learning"
    );
    assert!(sk.evidence[0].path.ends_with(".md"));
    for c in &p.criteria {
        assert!(c.evidence.len() <= MAX_EVIDENCE, "{}", c.id);
    }
}

#[test]
fn private_entries_appear_only_when_asked_for() {
    let mut secret = diag("2026-02-01", "hit", 99);
    secret.title = "Where I lost her".into();
    secret.private = true;
    let mut focus = make(
        Kind::Focus,
        "Private focus",
        "2026-02-02",
        &[("status", s("open"))],
    );
    focus.private = true;
    let entries = vec![secret, focus, diag("2026-02-03", "hit", 60)];
    let json = |p: &EvidencePack| serde_json::to_string(p).unwrap();

    let p = pack(&entries);
    assert!(!json(&p).contains("Where I lost her"));
    assert!(!json(&p).contains("Private focus"));
    assert_eq!(
        calibration_of(&p).resolved,
        1,
        "private entries are not counted either"
    );
    assert!(!p.header.includes_private);

    let mut setup = Setup::new();
    setup.include_private = true;
    let p = setup.pack(&entries, &[]);
    assert!(json(&p).contains("Where I lost her"));
    assert!(p.growth.open_focus.is_some());
    assert!(p.header.includes_private);
}

#[test]
fn foundations_are_private_notes_never_criteria() {
    let goal = make(
        Kind::Goal,
        "Ten QA samples",
        "2026-02-01",
        &[("status", s("met"))],
    );
    let p = pack(std::slice::from_ref(&goal));
    assert!(!p.skills.iter().any(|s| s.group == "foundations"));
    assert!(!p.skills.iter().any(|s| s.id == "self-care"));

    let mut setup = Setup::new();
    setup.include_private = true;
    let p = setup.pack(&[goal], &[]);
    let g = skill(&p, "goal-setting-and-accountability");
    assert!(g.private && g.expected.is_none());
    assert!(
        !p.skills.iter().any(|s| s.id == "self-care"),
        "nothing written about it"
    );
    assert!(
        p.growth
            .below_expected
            .iter()
            .all(|g| g.skill != "goal-setting-and-accountability")
    );
}

#[test]
fn outcomes_come_from_shipped_changes_and_published_articles() {
    let older = vec![
        make(
            Kind::Proposal,
            "Refund loop rule",
            "2025-11-20",
            &[
                ("status", s("shipped")),
                ("shipped", s("2026-02-01")),
                ("change_ref", s("PB-112")),
                ("pattern", s("refund-loop")),
            ],
        ),
        make(
            Kind::Escalation,
            "e",
            "2026-01-10",
            &[("pattern", s("refund-loop"))],
        ),
        make(
            Kind::Escalation,
            "e",
            "2026-01-20",
            &[("pattern", s("refund-loop"))],
        ),
        make(
            Kind::Proposal,
            "Old",
            "2025-03-01",
            &[("status", s("shipped")), ("shipped", s("2025-04-01"))],
        ),
    ];
    let entries = vec![
        make(
            Kind::Escalation,
            "e",
            "2026-02-20",
            &[("pattern", s("Refund-Loop"))],
        ),
        make(
            Kind::Kb,
            "SSO article",
            "2026-03-01",
            &[
                ("status", s("published")),
                ("deflections", i(41)),
                ("article_id", s("KB-7")),
            ],
        ),
        make(
            Kind::Kb,
            "Billing article",
            "2026-03-02",
            &[("status", s("published")), ("deflections", i(3))],
        ),
    ];
    let p = Setup::new().pack(&entries, &older);
    assert_eq!(
        p.outcomes.proposals_shipped.len(),
        1,
        "only changes shipped in the period"
    );
    let c = &p.outcomes.proposals_shipped[0];
    assert_eq!(c.change_ref.as_deref(), Some("PB-112"));
    let effect = c.pattern_effect.as_ref().unwrap();
    assert_eq!(
        (effect.window_days, effect.before, effect.after),
        (56, 2, 1)
    );
    assert_eq!(p.outcomes.deflections_total, 44);
    assert_eq!(
        p.outcomes.kb_published[0].article_id.as_deref(),
        Some("KB-7")
    );
}

#[test]
fn the_growth_plan_names_gaps_the_focus_and_a_next_skill() {
    let entries = vec![
        rating("2026-02-01", "complex-case-diagnosis", "pro", "self"),
        rating("2026-02-01", "empathic-communication", "rookie", "self"),
        rating("2026-02-01", "quality-sampling-judgment", "pro", "lead"),
        make(
            Kind::Focus,
            "Calm openings",
            "2026-03-01",
            &[
                ("skill", s("empathic-communication")),
                ("status", s("open")),
            ],
        ),
        make(
            Kind::Explore,
            "Billing",
            "2026-03-02",
            &[("minutes", i(45))],
        ),
    ];
    let p = pack(&entries);
    let gaps: Vec<&str> = p
        .growth
        .below_expected
        .iter()
        .map(|g| g.skill.as_str())
        .collect();
    assert!(gaps.contains(&"empathic-communication"), "{gaps:?}");
    assert!(!gaps.contains(&"complex-case-diagnosis"));
    assert!(
        gaps.contains(&"hand-off-documentation"),
        "unrated counts as below"
    );
    let focus = p.growth.open_focus.as_ref().unwrap();
    assert_eq!(focus.skill.as_deref(), Some("empathic-communication"));
    let next = p.growth.next_skill.as_ref().unwrap();
    // Unrated core skills come first; of those, the one with fewest entries,
    // and never the one already in focus.
    assert!(next.current.is_none(), "{next:?}");
    assert_eq!(next.entries, 0);
    assert_ne!(next.skill, "cross-product-context", "it has an entry");
    assert_ne!(next.skill, "empathic-communication");
    assert!(
        p.growth
            .ratings_without_evidence
            .iter()
            .any(|r| r.skill == "complex-case-diagnosis")
    );
}

#[test]
fn the_target_defaults_to_the_next_level_and_activity_fills_every_month() {
    let mut setup = Setup::new();
    setup.level = Some("specialist-1".into());
    setup.target = None;
    let entries = vec![diag("2026-01-02", "hit", 80), diag("2026-03-03", "hit", 80)];
    let p = setup.pack(&entries, &[]);
    assert_eq!(p.header.target.as_ref().unwrap().id, "specialist-2");
    assert_eq!(p.header.target_source, TargetSource::NextLevel);
    assert_eq!(p.header.level.as_ref().unwrap().id, "specialist-1");
    assert_eq!(p.activity.total, 2);
    assert_eq!(p.activity.by_kind["diagnosis"], 2);
    assert_eq!(
        p.activity.by_month.len(),
        11,
        "January to November, the month of the pack"
    );
    assert_eq!(p.activity.by_month["2026-02"], 0);

    setup.level = Some("nowhere".into());
    let p = setup.pack(&entries, &[]);
    assert!(p.criteria.is_empty());
    assert!(p.warnings.iter().any(|w| w.contains("nowhere")));
}

#[test]
fn json_dates_are_rfc3339_and_keys_snake_case() {
    let p = pack(&[diag("2026-01-02", "hit", 80)]);
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["header"]["generated"], "2026-11-24T10:00:00+01:00");
    assert_eq!(v["header"]["period_start"], "2026-01-01");
    assert_eq!(v["criteria"][0]["status"], "not_yet");
    let figures = &v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "complex-case-diagnosis")
        .unwrap()["figures"][0];
    assert_eq!(figures["kind"], "diagnosis");
    assert!(figures["hit_rate"].is_number());
}

fn with_body(mut e: Entry, body: &str) -> Entry {
    e.body = body.into();
    e
}

fn lead_feedback(day: &str, skills: &[&str], words: &str) -> Entry {
    let mut e = with_body(
        make(
            Kind::Feedback,
            "Mid-year from Dana",
            day,
            &[("from", s("Dana Reyes")), ("source", s("lead"))],
        ),
        words,
    );
    e.skills = skills.iter().map(|s| s.to_string()).collect();
    e
}

#[test]
fn an_untouched_template_or_an_empty_entry_counts_nowhere() {
    let template = "+++\nprediction = \"\"\nconfidence = 50\n+++\n\n## What the customer reported\n<!-- a line or two -->\n\n## Next time\n";
    let mut setup = Setup::new();
    setup.templates = Some(BTreeMap::from([
        (Kind::Diagnosis, template.to_string()),
        (Kind::Note, "+++\n+++\n\n## Note\n".to_string()),
    ]));
    let quit = with_body(
        make(
            Kind::Diagnosis,
            "Refund loop",
            "2026-03-01",
            &[("confidence", i(50))],
        ),
        "## What the customer reported\n\n## Next time\n",
    );
    let empty = make(Kind::Note, "Thoughts", "2026-03-02", &[]);
    let real = with_body(
        make(Kind::Note, "Agent update", "2026-03-03", &[]),
        "The model now asks for the invoice id.",
    );
    let p = setup.pack(&[quit.clone(), empty.clone(), real.clone()], &[]);
    assert_eq!(p.activity.total, 1, "{:?}", p.activity);
    assert_eq!(p.left_out, vec![quit.id.to_string(), empty.id.to_string()]);
    assert!(
        p.warnings.iter().any(|w| w.contains("2 entries left out")),
        "{:?}",
        p.warnings
    );
    assert_eq!(calibration_of(&p).predictions, 0, "no prediction was made");
    // The bodies unread (the team grid): nothing is judged empty.
    let p = Setup::new().pack(&[quit, empty, real], &[]);
    assert_eq!(p.activity.total, 3);
}

#[test]
fn each_entry_is_shown_under_one_criterion_and_feedback_is_quoted_whole() {
    let words = "Two shipped changes in six months, both with the counts that made them easy to approve. The articles are in use. For the second half: calibrate your diagnosis confidence.";
    let mut entries: Vec<Entry> = (0..22)
        .map(|n| diag(&format!("2026-03-{:02}", n + 1), "hit", 80))
        .collect();
    entries.push(lead_feedback(
        "2026-06-05",
        &[
            "complex-case-diagnosis",
            "knowledge-base-specification",
            "empathic-communication",
        ],
        &format!("{words}\n"),
    ));
    entries.push(rating(
        "2026-06-09",
        "empathic-communication",
        "pro",
        "lead",
    ));
    let p = pack(&entries);
    let mut seen = std::collections::HashMap::new();
    for c in &p.criteria {
        for id in c
            .evidence
            .iter()
            .map(|e| &e.id)
            .chain(c.said.iter().map(|q| &q.id))
        {
            *seen.entry(id.clone()).or_insert(0) += 1;
        }
        assert!(c.evidence.len() <= 3, "{}", c.id);
    }
    assert!(seen.values().all(|n| *n == 1), "{seen:?}");
    let quoted: Vec<&Quote> = p.criteria.iter().flat_map(|c| &c.said).collect();
    assert_eq!(quoted.len(), 1, "Dana's feedback, once");
    assert_eq!(quoted[0].words, words, "in full, never cut");
    assert_eq!(
        (quoted[0].who.as_str(), quoted[0].role.as_deref()),
        ("Dana Reyes", Some("lead"))
    );
}

#[test]
fn a_criterion_met_on_one_entry_says_so() {
    let p = pack(&[make(
        Kind::Metric,
        "Q2",
        "2026-07-02",
        &[
            ("period", s("2026-Q2")),
            ("reopen_rate", toml::Value::Float(6.0)),
        ],
    )]);
    let c = criterion(&p, "s2-reopen");
    assert_eq!(c.status, Status::Met);
    assert!(c.single_entry);
    assert!(!criterion(&p, "s2-calibration").single_entry);
}

#[test]
fn misses_are_shown_with_what_they_taught() {
    let mut entries: Vec<Entry> = (0..4)
        .map(|n| diag(&format!("2026-03-{:02}", n + 1), "hit", 70))
        .collect();
    entries.push(with_body(
        diag("2026-04-02", "miss", 85),
        "## What it was\nA proxy.\n\n## Lesson\nAsk about proxies before blaming the certificate.\n",
    ));
    entries.push(diag("2026-04-03", "miss", 90));
    let p = pack(&entries);
    assert_eq!((p.misses.total, p.misses.resolved), (2, 6));
    let m = &p.misses.shown[0];
    assert_eq!(
        (m.predicted.as_str(), m.actual.as_str()),
        ("cert expired", "proxy")
    );
    assert_eq!(
        m.learned.as_deref(),
        Some("Ask about proxies before blaming the certificate."),
        "the one that says what it taught comes first, though less confident"
    );
    assert_eq!(p.summary.misses, 2);
}

#[test]
fn the_pack_has_one_deflection_total_and_every_mention_agrees() {
    let entries = vec![
        make(
            Kind::Kb,
            "SSO article",
            "2026-03-01",
            &[
                ("status", s("published")),
                ("deflections", i(10)),
                ("deflection_estimate", i(50)),
            ],
        ),
        make(
            Kind::Kb,
            "Old article",
            "2026-03-02",
            &[("status", s("retired")), ("deflections", i(21))],
        ),
    ];
    let p = pack(&entries);
    assert_eq!(
        p.outcomes.deflections_total, 50,
        "the estimate, retired out"
    );
    assert_eq!(p.summary.deflections, 50);
    let why = &skill(&p, "knowledge-base-specification").evidence[0].why;
    assert!(why.contains("50 deflections"), "{why}");
}
