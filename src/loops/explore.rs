//! `casebook explore report`: exploration minutes per ISO week against the
//! weekly target, this week so far, and the areas the time went to.

use crate::entry::Entry;
use crate::review::figures::{ExploreFigures, Window, explore};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct ExploreReport {
    pub figures: ExploreFigures,
    pub target: u32,
    pub this_week: String,
    /// Minutes so far this week.
    pub done: u64,
}

impl ExploreReport {
    pub fn met(&self, minutes: u64) -> bool {
        minutes >= u64::from(self.target)
    }
}

pub fn report(entries: &[&Entry], window: Window, today: NaiveDate, target: u32) -> ExploreReport {
    let figures = explore(entries, window, target);
    let this_week = crate::dates::iso_week_label(today);
    ExploreReport {
        done: figures
            .by_week
            .iter()
            .filter(|w| w.week == this_week)
            .map(|w| w.n)
            .sum(),
        figures,
        target,
        this_week,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    #[test]
    fn this_week_counts_only_its_own_minutes() {
        let e = |d: &str, m: i64| {
            let at = chrono::DateTime::parse_from_rfc3339(&format!("{d}T09:00:00+00:00")).unwrap();
            let mut e = Entry::new(Kind::Explore, "Explored", "ana-lima", at);
            e.fields.insert("minutes".into(), toml::Value::Integer(m));
            e
        };
        let es = [
            e("2026-11-16", 40),
            e("2026-11-23", 25),
            e("2026-11-24", 20),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-11-24");
        let r = report(&refs, Window::new(d("2026-11-16"), today, today), today, 60);
        assert_eq!((r.this_week.as_str(), r.done), ("2026-W48", 45));
        assert!(!r.met(r.done) && r.met(60));
    }
}
