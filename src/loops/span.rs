//! What a report covers: whose entries and which period, as the user named
//! it. The same heading and period record in every report's text and JSON.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The period as the user named it, or the default's name.
    pub label: String,
    /// Whose entries; None for the team.
    pub person: Option<String>,
}

/// The period as JSON reports give it: open ends are null.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodRecord {
    pub label: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl Span {
    pub fn period(&self) -> PeriodRecord {
        PeriodRecord {
            label: self.label.clone(),
            start: (self.start != NaiveDate::MIN).then(|| self.start.to_string()),
            end: (self.end != NaiveDate::MAX).then(|| self.end.to_string()),
        }
    }

    /// "ana-lima · 2026-11 (2026-11-01 to 2026-11-30)"
    pub fn heading(&self) -> String {
        let who = self.person.as_deref().unwrap_or("team");
        let range = crate::dates::Period {
            start: self.start,
            end: self.end,
        }
        .label();
        if range == self.label || (self.start == NaiveDate::MIN && self.end == NaiveDate::MAX) {
            format!("{who} · {range}")
        } else {
            format!("{who} · {} ({range})", self.label)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_period_shows_its_dates_and_open_ends_are_null() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let s = Span {
            start: d("2026-11-01"),
            end: d("2026-11-30"),
            label: "last-month".into(),
            person: Some("ana-lima".into()),
        };
        assert!(s.heading().starts_with("ana-lima · last-month ("));
        let all = Span {
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
            label: "all time".into(),
            person: None,
        };
        assert!(all.heading().starts_with("team · "));
        assert_eq!((all.period().start, all.period().end), (None, None));
    }
}
