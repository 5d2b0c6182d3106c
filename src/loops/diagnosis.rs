//! The prediction loop's rules: which predictions are waiting, when an open
//! one is overdue and when it expires to `unknown` (and the one write that
//! records that), what resolving records, and the calibration report by
//! product, tag and blind spot.

use crate::entry::{self, Entry, Kind};
use crate::filter::Filter;
use crate::index::{IndexedEntry, Sort};
use crate::journal::Journal;
use crate::review::figures::{Calibration, calibration, outcome};
use crate::session::Session;
use crate::write::{Item, OnPersonalData, WriteRequest};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The verdicts `resolve` accepts.
pub const VERDICTS: &[&str] = &["hit", "partial", "miss", "unknown"];

/// The predictions waiting for their actual cause, oldest first: one
/// person's (private ones included), or everyone's when `person` is None.
pub fn pending(session: &mut Session, person: Option<&str>) -> crate::Result<Vec<IndexedEntry>> {
    let mut filter = Filter {
        include_private: true,
        ..Filter::default()
    };
    filter.require("kind", Kind::Diagnosis.as_str());
    if let Some(p) = person {
        filter.require("person", p);
    }
    let (hits, _) =
        session.query(|i| i.search(&Default::default(), &filter, Sort::Oldest, None))?;
    Ok(hits
        .into_iter()
        .map(|h| h.item)
        .filter(|i| super::is_pending(&i.entry))
        .collect())
}

/// Where an open prediction stands. Open predictions are asked about again
/// after the expiry setting and count as `unknown` after twice that: a
/// guess nobody checked teaches nothing and should not weigh on the hit rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Age {
    Fresh,
    Overdue,
    Expired,
}

/// How old an open prediction is, in days, and where that puts it;
/// `expiry_days` 0 means predictions never expire.
pub fn age(e: &Entry, today: NaiveDate, expiry_days: i64) -> (i64, Age) {
    let days = (today - e.created.date_naive()).num_days();
    let age = if expiry_days > 0 && days > 2 * expiry_days {
        Age::Expired
    } else if days > expiry_days {
        Age::Overdue
    } else {
        Age::Fresh
    };
    (days, age)
}

/// Open predictions split into those still open and those expired. Only
/// the person's own list expires predictions (a `--team` look changes
/// nobody's entries).
pub fn split_expired(
    items: Vec<IndexedEntry>,
    today: NaiveDate,
    expiry_days: i64,
    own: bool,
) -> (Vec<IndexedEntry>, Vec<IndexedEntry>) {
    items
        .into_iter()
        .partition(|i| !(own && age(&i.entry, today, expiry_days).1 == Age::Expired))
}

/// The one write that records `verdict = "unknown"` on expired predictions,
/// or None when none of their files still parses. Nothing typed is in it;
/// what the files hold was committed already, so it is not screened again.
pub fn expiry_request(
    journal: &Journal,
    expired: &[IndexedEntry],
    today: NaiveDate,
) -> crate::Result<Option<WriteRequest>> {
    let mut changes = Vec::new();
    for item in expired {
        let text = journal.read_file(&item.path)?;
        let Ok(parsed) = entry::parse(&text, &item.path) else {
            continue;
        };
        let mut e = parsed.entry;
        set(&mut e, "verdict", "unknown");
        set(&mut e, "resolved", &today.to_string());
        changes.push(Item::Entry {
            entry: e,
            path: Some(item.path.clone()),
        });
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let n = changes.len();
    Ok(Some(
        WriteRequest::of(
            "diagnosis",
            changes,
            &format!("diagnosis: {n} open prediction(s) expired to unknown"),
        )
        .with_policy(OnPersonalData::Allow, false),
    ))
}

fn set(e: &mut Entry, key: &str, value: &str) {
    e.fields
        .insert(key.into(), toml::Value::String(value.to_string()));
}

/// Refuses to resolve a prediction resolved already unless amending.
pub fn check_resolvable(e: &Entry, amend: bool) -> crate::Result<()> {
    if e.kind != Kind::Diagnosis {
        return Err(crate::Error::invalid(format!(
            "{} is a {} entry, not a diagnosis",
            e.id, e.kind
        )));
    }
    if super::is_resolved(e) && !amend {
        return Err(crate::Error::invalid(format!(
            "{} is already resolved: actual \"{}\", verdict {}",
            e.id,
            entry::one_line(e.field_str("actual").unwrap_or("")),
            e.field_str("verdict").unwrap_or("none yet")
        )));
    }
    Ok(())
}

/// Records the actual cause, the verdict when there is one, and the day.
pub fn resolve(e: &mut Entry, actual: &str, verdict: Option<&str>, today: NaiveDate) {
    set(e, "actual", actual.trim());
    if let Some(v) = verdict {
        set(e, "verdict", v);
    }
    set(e, "resolved", &today.to_string());
}

/// What the prediction said (its title when it has no prediction field).
pub fn prediction(e: &Entry) -> &str {
    e.field_str("prediction").unwrap_or(&e.title)
}

/// One group's calibration, for the by-product and by-tag tables.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub name: String,
    pub resolved: usize,
    pub hits: usize,
    pub partials: usize,
    pub misses: usize,
    pub hit_rate: Option<f64>,
    pub brier: Option<f64>,
    pub brier_n: usize,
}

/// One miss: what was predicted against what it was.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub date: String,
    pub title: String,
    pub predicted: Option<String>,
    pub actual: Option<String>,
    pub confidence: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissGroup {
    pub group: String,
    pub n: usize,
    pub misses: Vec<Miss>,
}

/// `casebook diagnosis report`: calibration overall, by month, product and
/// tag, and the misses grouped so that a repeated blind spot shows.
#[derive(Debug, Clone, Serialize)]
pub struct CalibrationReport {
    pub calibration: Calibration,
    pub by_product: Vec<GroupRow>,
    pub by_tag: Vec<GroupRow>,
    pub misses: Vec<MissGroup>,
}

pub fn calibration_report(entries: &[&Entry], min_brier: u32) -> CalibrationReport {
    let mut by_product: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    let mut by_tag: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        for p in &e.products {
            by_product.entry(p.to_lowercase()).or_default().push(e);
        }
        for t in &e.tags {
            by_tag.entry(t.to_lowercase()).or_default().push(e);
        }
    }
    CalibrationReport {
        calibration: calibration(entries, min_brier),
        by_product: rows(&by_product, min_brier),
        by_tag: rows(&by_tag, min_brier),
        misses: miss_groups(entries),
    }
}

/// Groups with at least one resolved prediction.
fn rows(groups: &BTreeMap<String, Vec<&Entry>>, min_brier: u32) -> Vec<GroupRow> {
    groups
        .iter()
        .filter(|(_, es)| es.iter().any(|e| outcome(e.field_str("verdict")).is_some()))
        .map(|(name, es)| {
            let c = calibration(es, min_brier);
            GroupRow {
                name: name.clone(),
                resolved: c.resolved,
                hits: c.hits,
                partials: c.partials,
                misses: c.misses,
                hit_rate: c.hit_rate,
                brier: c.brier,
                brier_n: c.brier_n,
            }
        })
        .collect()
}

/// Misses grouped by their first tag (else product), largest group first.
fn miss_groups(entries: &[&Entry]) -> Vec<MissGroup> {
    let mut misses: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in entries
        .iter()
        .filter(|e| e.field_str("verdict") == Some("miss"))
    {
        let group = e
            .tags
            .first()
            .or(e.products.first())
            .map(|g| g.to_lowercase())
            .unwrap_or_else(|| "untagged".into());
        misses.entry(group).or_default().push(e);
    }
    let mut groups: Vec<MissGroup> = misses
        .into_iter()
        .map(|(group, es)| MissGroup {
            group,
            n: es.len(),
            misses: es
                .iter()
                .map(|e| Miss {
                    id: e.id.to_string(),
                    date: e.created.date_naive().to_string(),
                    title: e.title.clone(),
                    predicted: e.field_str("prediction").map(str::to_string),
                    actual: e.field_str("actual").map(str::to_string),
                    confidence: e.field_int("confidence"),
                })
                .collect(),
        })
        .collect();
    groups.sort_by(|a, b| b.n.cmp(&a.n).then(a.group.cmp(&b.group)));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn diagnosis(created: &str, fields: &[(&str, &str)], tags: &[&str]) -> Entry {
        let at = DateTime::parse_from_rfc3339(&format!("{created}T09:00:00+00:00")).unwrap();
        let mut e = Entry::new(Kind::Diagnosis, "Guess", "ana-lima", at);
        for (k, v) in fields {
            set(&mut e, k, v);
        }
        e.tags = tags.iter().map(|t| t.to_string()).collect();
        e
    }

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn open_predictions_are_overdue_after_the_setting_and_expire_after_twice_it() {
        let e = diagnosis("2026-11-01", &[], &[]);
        assert_eq!(age(&e, ymd("2026-11-10"), 14), (9, Age::Fresh));
        assert_eq!(age(&e, ymd("2026-11-20"), 14), (19, Age::Overdue));
        assert_eq!(age(&e, ymd("2026-11-30"), 14), (29, Age::Expired));
        assert_eq!(
            age(&e, ymd("2027-11-30"), 0).1,
            Age::Overdue,
            "0: never expires"
        );
    }

    #[test]
    fn resolving_twice_needs_amend_and_records_the_day() {
        let mut e = diagnosis("2026-11-01", &[("prediction", "SSO cert")], &[]);
        assert!(check_resolvable(&e, false).is_ok());
        resolve(&mut e, " expired cert ", Some("hit"), ymd("2026-11-03"));
        assert_eq!(e.field_str("actual"), Some("expired cert"));
        assert_eq!(e.field_str("resolved"), Some("2026-11-03"));
        let err = check_resolvable(&e, false).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Invalid);
        assert!(check_resolvable(&e, true).is_ok());
    }

    #[test]
    fn misses_group_by_first_tag_largest_first() {
        let es = [
            diagnosis("2026-11-01", &[("verdict", "miss")], &["sso"]),
            diagnosis("2026-11-02", &[("verdict", "miss")], &["SSO", "x"]),
            diagnosis("2026-11-03", &[("verdict", "miss")], &[]),
            diagnosis("2026-11-04", &[("verdict", "hit")], &["billing"]),
            diagnosis("2026-11-05", &[], &["open-only"]),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let r = calibration_report(&refs, 5);
        let groups: Vec<(&str, usize)> = r.misses.iter().map(|g| (g.group.as_str(), g.n)).collect();
        assert_eq!(groups, vec![("sso", 2), ("untagged", 1)]);
        let tags: Vec<&str> = r.by_tag.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            tags,
            vec!["billing", "sso", "x"],
            "groups with nothing resolved stay out"
        );
    }
}
