//! The one clock. `CASEBOOK_NOW` (an RFC 3339 time, for tests and demos)
//! freezes it, so dates, commit times and snapshots are reproducible.

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use std::sync::OnceLock;

pub fn now() -> DateTime<FixedOffset> {
    static FROZEN: OnceLock<Option<DateTime<FixedOffset>>> = OnceLock::new();
    let frozen = FROZEN.get_or_init(|| {
        std::env::var("CASEBOOK_NOW")
            .ok()
            .and_then(|s| DateTime::parse_from_rfc3339(s.trim()).ok())
    });
    frozen.unwrap_or_else(|| Local::now().fixed_offset())
}

pub fn today() -> NaiveDate {
    now().date_naive()
}

/// A day given by the user, at the current time of day: entries written
/// for an earlier day still sort in the order they were written.
pub fn at_day(day: NaiveDate) -> DateTime<FixedOffset> {
    let now = now();
    chrono::TimeZone::from_local_datetime(now.offset(), &day.and_time(now.time()))
        .single()
        .unwrap_or(now)
}
