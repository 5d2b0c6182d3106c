use super::*;
use crate::entry::{Entry, Kind};
use crate::skills::{Ladder, SkillsTree};
use chrono::DateTime;

fn at(day: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+00:00")).unwrap()
}

fn diag(day: &str, verdict: &str, confidence: i64) -> Entry {
    let mut e = Entry::new(Kind::Diagnosis, "case", "ana-lima", at(day));
    e.fields.insert(
        "prediction".into(),
        toml::Value::String("cert expired".into()),
    );
    e.fields
        .insert("verdict".into(), toml::Value::String(verdict.into()));
    e.fields
        .insert("actual".into(), toml::Value::String("proxy".into()));
    e.fields
        .insert("confidence".into(), toml::Value::Integer(confidence));
    e
}

fn pack(entries: &[Entry], target: &str) -> EvidencePack {
    let skills = SkillsTree::parse(include_str!("../../journal-template/skills.toml")).unwrap();
    let ladder = Ladder::parse(include_str!("../../journal-template/ladder.toml")).unwrap();
    let paths = |e: &Entry| format!("people/ana-lima/{}.md", e.id);
    let input = ReviewInput {
        person: "ana-lima".into(),
        period_label: "2026".into(),
        period_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        period_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        generated: at("2026-11-24"),
        commit: None,
        entries,
        history: entries,
        skills: &skills,
        ladder: &ladder,
        level: None,
        target: Some(target.into()),
        paths: &paths,
        qa_target_per_week: 5,
        explore_target_per_week: 60,
        min_predictions_for_brier: 3,
        include_private: false,
    };
    assemble(&input)
}

#[test]
fn hit_rate_counts_partials_as_half_and_brier_needs_its_n() {
    let entries = vec![
        diag("2026-01-02", "hit", 80),
        diag("2026-01-03", "partial", 60),
        diag("2026-02-01", "miss", 90),
    ];
    let p = pack(&entries, "specialist-2");
    assert_eq!(p.calibration.resolved, 3);
    assert!((p.calibration.hit_rate.unwrap() - 0.5).abs() < 1e-9);
    // (0.8-1)^2 + (0.6-0.5)^2 + (0.9-0)^2 = 0.04 + 0.01 + 0.81
    assert!((p.calibration.brier.unwrap() - 0.86 / 3.0).abs() < 1e-9);
    let p = pack(&entries[..2], "specialist-2");
    assert_eq!(
        p.calibration.brier, None,
        "below min n the Brier score is hidden"
    );
}

#[test]
fn criteria_are_met_not_yet_or_to_be_confirmed_and_confirmations_win() {
    let entries: Vec<Entry> = (0..12)
        .map(|i| diag(&format!("2026-03-{:02}", i + 1), "hit", 70))
        .collect();
    let p = pack(&entries, "specialist-2");
    let hit = p
        .criteria
        .iter()
        .find(|c| c.detail.starts_with("hit rate") || c.detail.contains("resolved predictions"))
        .unwrap();
    assert_eq!(hit.status, Status::NotYet, "12 < min_n 20: {}", hit.detail);
    assert!(p.criteria.iter().any(|c| c.status == Status::ToBeConfirmed));

    let mut entries = entries;
    let id = hit.id.clone();
    let mut conf = Entry::new(
        Kind::Confirmation,
        "confirmed",
        "ana-lima",
        at("2026-04-01"),
    );
    conf.fields
        .insert("criterion".into(), toml::Value::String(id.clone()));
    conf.fields
        .insert("status".into(), toml::Value::String("met".into()));
    conf.fields
        .insert("by".into(), toml::Value::String("Dana".into()));
    entries.push(conf);
    let p = pack(&entries, "specialist-2");
    let c = p.criteria.iter().find(|c| c.id == id).unwrap();
    assert_eq!(c.status, Status::Met);
    assert_eq!(c.confirmed_by.as_deref(), Some("Dana"));
}

#[test]
fn at_most_five_pieces_of_evidence_per_skill_strongest_first() {
    let mut entries: Vec<Entry> = (0..9)
        .map(|i| diag(&format!("2026-05-{:02}", i + 1), "miss", 50))
        .collect();
    entries.push(diag("2026-06-01", "hit", 95));
    let p = pack(&entries, "specialist-2");
    let s = p
        .skills
        .iter()
        .find(|s| s.id == "complex-case-diagnosis")
        .unwrap();
    assert_eq!(s.evidence.len(), 5);
    assert!(s.evidence[0].why.contains("95%"), "{:?}", s.evidence[0]);
}

#[test]
fn private_foundations_stay_out_unless_written_about() {
    let p = pack(&[diag("2026-01-02", "hit", 80)], "specialist-2");
    assert!(!p.skills.iter().any(|s| s.id == "self-care"));
}
