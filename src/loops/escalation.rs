//! `casebook escalation report` as plain data: the period's split of
//! should-have-handled, correctly escalated and escalated-late, the trend
//! month by month over the year before the period ends, and the patterns
//! that keep reaching a person although the agent should have handled them.

use crate::entry::Entry;
use crate::review::figures::{EscalationFigures, Window, escalations};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// How many months the trend shows, ending with the period's last month.
pub const TREND_MONTHS: u32 = 12;

/// The trend's window for a period: a year back from the period's last
/// month (one month rarely shows a pattern twice), never starting after
/// the period does, and ending no later than today.
pub fn trend_window(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = end.min(today.max(start));
    let first_of_last = NaiveDate::from_ymd_opt(last.year(), last.month(), 1).unwrap_or(last);
    let trend_start = first_of_last
        .checked_sub_months(Months::new(TREND_MONTHS - 1))
        .unwrap_or(NaiveDate::MIN)
        .min(start);
    (trend_start, last)
}

/// The period's escalations by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Split {
    pub total: usize,
    pub should_have_handled: usize,
    pub correctly_escalated: usize,
    pub escalated_late: usize,
}

impl Split {
    pub fn categorised(&self) -> usize {
        self.should_have_handled + self.correctly_escalated + self.escalated_late
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendWindow {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone)]
pub struct EscalationReport {
    pub split: Split,
    pub window: TrendWindow,
    pub trend: EscalationFigures,
    pub repeated: Vec<super::RepeatedPattern>,
}

/// The report for the period `start..=end`, from the escalations of the
/// whole trend window (`whole`), and the KB and proposals patterns point to.
pub fn report(
    whole: &[&Entry],
    kb: &[&Entry],
    proposals: &[&Entry],
    (start, end): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> EscalationReport {
    let (trend_start, last) = trend_window(start, end, today);
    let in_period: Vec<&Entry> = whole
        .iter()
        .copied()
        .filter(|e| (start..=end).contains(&e.created.date_naive()))
        .collect();
    let f = escalations(&in_period, Window::new(start, end, today));
    let sum = |pick: fn(&crate::review::EscalationMonth) -> usize| -> usize {
        f.by_month.iter().map(pick).sum()
    };
    EscalationReport {
        split: Split {
            total: f.total,
            should_have_handled: sum(|m| m.should_have_handled),
            correctly_escalated: sum(|m| m.correctly_escalated),
            escalated_late: sum(|m| m.escalated_late),
        },
        window: TrendWindow {
            start: trend_start.to_string(),
            end: last.to_string(),
        },
        trend: escalations(whole, Window::new(trend_start, last, today)),
        repeated: super::repeated_patterns(whole, kb, proposals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_trend_looks_back_a_year_from_the_last_month_up_to_today() {
        let (s, e) = trend_window(ymd("2026-10-01"), ymd("2026-10-31"), ymd("2026-11-24"));
        assert_eq!((s, e), (ymd("2025-11-01"), ymd("2026-10-31")));
        let (s, e) = trend_window(ymd("2026-11-01"), ymd("2026-11-30"), ymd("2026-11-24"));
        assert_eq!((s, e), (ymd("2025-12-01"), ymd("2026-11-24")));
        let (s, _) = trend_window(ymd("2024-01-01"), ymd("2026-11-30"), ymd("2026-11-24"));
        assert_eq!(
            s,
            ymd("2024-01-01"),
            "a longer period starts the trend earlier"
        );
    }

    #[test]
    fn the_split_counts_only_the_period() {
        let at =
            |d: &str| chrono::DateTime::parse_from_rfc3339(&format!("{d}T09:00:00+00:00")).unwrap();
        let esc = |d: &str, c: &str| {
            let mut e = Entry::new(Kind::Escalation, "E", "ana-lima", at(d));
            e.fields
                .insert("category".into(), toml::Value::String(c.into()));
            e
        };
        let es = [
            esc("2026-09-10", "should-have-handled"),
            esc("2026-10-03", "should-have-handled"),
            esc("2026-10-04", "escalated-late"),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let r = report(
            &refs,
            &[],
            &[],
            (ymd("2026-10-01"), ymd("2026-10-31")),
            ymd("2026-11-24"),
        );
        assert_eq!(
            r.split,
            Split {
                total: 2,
                should_have_handled: 1,
                correctly_escalated: 0,
                escalated_late: 1
            }
        );
        assert_eq!(r.trend.total, 3);
    }
}
