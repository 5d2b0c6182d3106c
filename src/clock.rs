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
