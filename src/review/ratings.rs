//! Skill ratings over time: the latest self, lead and peer rating of each
//! skill as of the end of the period, and the ratings given during it.
//!
//! Reads rating entries only; it must not decide what a rating means for a
//! criterion (that is `criteria`) or show anything (that is `render`).

use crate::entry::{Entry, Kind};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct RatingRow {
    /// The rating entry's id.
    pub id: String,
    pub date: NaiveDate,
    pub level: String,
    /// self, lead or peer.
    pub rater: String,
    pub rater_name: Option<String>,
    /// Ids of the entries the rating points to.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SkillRatings {
    pub latest_self: Option<RatingRow>,
    pub latest_lead: Option<RatingRow>,
    pub latest_peer: Option<RatingRow>,
    /// Every rating dated inside the period, oldest first.
    pub in_period: Vec<RatingRow>,
}

impl SkillRatings {
    /// The rating that counts: the lead's when there is one, since a
    /// self-rating alone is a claim, not a judgement.
    pub fn current(&self) -> Option<&RatingRow> {
        self.latest_lead.as_ref().or(self.latest_self.as_ref())
    }
}

/// Ratings per skill id, from entries dated up to `end`.
pub fn by_skill(
    history: &[&Entry],
    start: NaiveDate,
    end: NaiveDate,
) -> BTreeMap<String, SkillRatings> {
    let mut sorted: Vec<&Entry> = history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Rating && e.created.date_naive() <= end)
        .collect();
    sorted.sort_by_key(|e| e.created);
    let mut out: BTreeMap<String, SkillRatings> = BTreeMap::new();
    for e in sorted {
        let (Some(skill), Some(level)) = (e.field_str("skill"), e.field_str("level")) else {
            continue;
        };
        let mut evidence = e.field_list("evidence");
        evidence.extend(e.links.iter().cloned());
        let row = RatingRow {
            id: e.id.to_string(),
            date: e.created.date_naive(),
            level: level.to_string(),
            rater: e.field_str("rater").unwrap_or("self").to_string(),
            rater_name: e.field_str("rater_name").map(str::to_string),
            evidence,
        };
        let r = out.entry(skill.to_string()).or_default();
        if row.date >= start {
            r.in_period.push(row.clone());
        }
        match row.rater.as_str() {
            "lead" => r.latest_lead = Some(row),
            "peer" => r.latest_peer = Some(row),
            _ => r.latest_self = Some(row),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn rating(day: &str, skill: &str, level: &str, rater: Option<&str>) -> Entry {
        let at = DateTime::parse_from_rfc3339(&format!("{day}T09:00:00+00:00")).unwrap();
        let mut e = Entry::new(Kind::Rating, "r", "ana-lima", at);
        let mut set = |k: &str, v: &str| e.fields.insert(k.into(), toml::Value::String(v.into()));
        set("skill", skill);
        set("level", level);
        if let Some(r) = rater {
            set("rater", r);
        }
        e
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_lead_rating_counts_over_the_self_rating_and_later_ones_are_ignored() {
        let es = [
            rating("2025-10-01", "adaptability", "rookie", None),
            rating("2026-02-01", "adaptability", "master", Some("self")),
            rating("2026-03-01", "adaptability", "pro", Some("lead")),
            rating("2026-04-01", "adaptability", "master", Some("peer")),
            rating("2027-01-01", "adaptability", "master", Some("lead")),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let r = by_skill(&refs, ymd(2026, 1, 1), ymd(2026, 12, 31));
        let a = &r["adaptability"];
        assert_eq!(a.current().unwrap().level, "pro");
        assert_eq!(a.current().unwrap().rater, "lead");
        assert_eq!(a.latest_self.as_ref().unwrap().level, "master");
        assert_eq!(a.latest_peer.as_ref().unwrap().level, "master");
        assert_eq!(
            a.in_period.len(),
            3,
            "the 2025 rating is before, the 2027 one after"
        );
    }

    #[test]
    fn a_self_rating_alone_is_current() {
        let es = [rating("2026-02-01", "adaptability", "rookie", None)];
        let refs: Vec<&Entry> = es.iter().collect();
        let r = by_skill(&refs, ymd(2026, 1, 1), ymd(2026, 12, 31));
        assert_eq!(r["adaptability"].current().unwrap().rater, "self");
    }
}
