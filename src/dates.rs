//! Dates and periods as users type them on the command line. This module owns
//! the whole grammar of `--since`, `--until`, `--period` and friends: exact
//! days (`2026-11-24`), words (`today`, `yesterday`, `last friday`,
//! `3 days ago`), relative durations counted back from today (`30d`, `12w`,
//! `6mo`, `1y`) and named periods (`2026`, `2026-H1`, `2026-Q3`, `2026-11`,
//! `2026-W47`, `this-week`, `last-month`, `last-quarter`, ...). Everything is
//! in calendar days of local time, weeks are ISO weeks (Monday to Sunday) and
//! every period is closed at both ends, so `--until` is inclusive. The clock
//! is never read here: callers pass `today`, which keeps parsing pure and the
//! tests reproducible. Nothing in this module panics on user input; anything
//! it cannot read, or that would fall off the end of the calendar, becomes a
//! [`DateError`] whose message names the input and shows forms that work.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Example forms shown when a single day was expected.
const DAY_FORMS: &str =
    "try 2026-11-24, today, yesterday, last friday, 3 days ago or 30d; see casebook help dates";

/// Example forms shown when a period (or a day) was expected.
const PERIOD_FORMS: &str =
    "try 2026-11-24, yesterday, 30d, 2026-Q3, 2026-W47 or last-month; see casebook help dates";

/// A closed range of calendar days, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day in the period.
    pub start: NaiveDate,
    /// Last day in the period (inclusive).
    pub end: NaiveDate,
}

impl Period {
    /// Whether `day` falls within the period, ends included.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Number of days in the period, counting both ends (0 if `end` is
    /// before `start`, which the parsers never produce).
    pub fn days(&self) -> i64 {
        ((self.end - self.start).num_days() + 1).max(0)
    }

    /// Human-readable label, e.g. "2026-01-01 to 2026-06-30". A one-day period
    /// is just that day, and the unbounded ends that [`parse_range`] uses read
    /// as "up to ..." / "... onwards" rather than as year -262143.
    pub fn label(&self) -> String {
        let open_start = self.start == NaiveDate::MIN;
        let open_end = self.end == NaiveDate::MAX;
        match (open_start, open_end) {
            (true, true) => "all dates".to_string(),
            (true, false) => format!("up to {}", self.end),
            (false, true) => format!("{} onwards", self.start),
            (false, false) if self.start == self.end => self.start.to_string(),
            (false, false) => format!("{} to {}", self.start, self.end),
        }
    }

    fn day(day: NaiveDate) -> Period {
        Period {
            start: day,
            end: day,
        }
    }
}

/// A date or period the user typed that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(.input, .problem))]
pub struct DateError {
    /// The text as the user typed it (for a reversed range, the `--since` value).
    pub input: String,
    problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    NotADay,
    NotAPeriod,
    NotABound {
        flag: &'static str,
    },
    OutOfRange,
    Reversed {
        until: String,
        start: NaiveDate,
        end: NaiveDate,
    },
}

impl DateError {
    fn new(input: &str, problem: Problem) -> DateError {
        DateError {
            input: input.to_string(),
            problem,
        }
    }
}

// `{:?}` quotes the input and escapes control characters, so even garbage
// renders as one readable line.
fn describe(input: &str, problem: &Problem) -> String {
    match problem {
        Problem::NotADay => format!("{input:?} is not a date ({DAY_FORMS})"),
        Problem::NotAPeriod => format!("{input:?} is not a date or period ({PERIOD_FORMS})"),
        Problem::NotABound { flag } => {
            format!("{flag} {input:?} is not a date or period ({PERIOD_FORMS})")
        }
        Problem::OutOfRange => format!(
            "{input:?} reaches beyond the calendar casebook can represent \
             (try a nearer date; see casebook help dates)"
        ),
        Problem::Reversed { until, start, end } => format!(
            "--since {input:?} ({start}) is after --until {until:?} ({end}), \
             so the range would be empty (swap them?)"
        ),
    }
}

/// Why an internal parser did not produce a value. `Unknown` means "not this
/// form" so the caller may try the next one; `TooFar` means the form matched
/// but the arithmetic left chrono's range, which deserves its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    Unknown,
    TooFar,
}

type Found<T> = Result<T, Miss>;

/// `None` when the form did not match, so dispatchers can fall through.
fn attempt<T>(found: Found<T>) -> Option<Found<T>> {
    match found {
        Err(Miss::Unknown) => None,
        other => Some(other),
    }
}

/// Whole months from `since` to `until`, as people count them.
pub fn months_between(since: NaiveDate, until: NaiveDate) -> u32 {
    if until < since {
        return 0;
    }
    let mut months =
        (until.year() - since.year()) * 12 + until.month() as i32 - since.month() as i32;
    if until.day() < since.day() {
        months -= 1;
    }
    months.max(0) as u32
}

/// A single day. Accepts `YYYY-MM-DD`; `today`, `yesterday`, `tomorrow`;
/// weekday names (`monday`..`sunday` or `mon`..`sun`), meaning the most recent
/// such day on or before today, and `last friday`, meaning the most recent one
/// strictly before today; `3 days ago`, `2 weeks ago`, `1 month ago`,
/// `1 year ago`; and relative durations counted back from today: `30d`,
/// `12w`, `6mo` (calendar months) and `1y`.
///
/// Case-insensitive; surrounding whitespace is ignored and words may be
/// joined by spaces or dashes (`last-friday`). Month and year steps clamp to
/// the end of a shorter month (6mo before 2026-08-31 is 2026-02-28).
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    day_of(&normalise(input), today).map_err(|miss| {
        let problem = match miss {
            Miss::Unknown => Problem::NotADay,
            Miss::TooFar => Problem::OutOfRange,
        };
        DateError::new(input, problem)
    })
}

/// A due day, as goals take it: a relative duration counts forward from
/// today (`6w` is six weeks from now, not six weeks ago), a named period
/// means its last day (`2026-Q4` is 31 December), and any day
/// [`parse_day`] accepts is itself.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = normalise(input);
    let found = match attempt(relative(&s)) {
        Some(found) => found.and_then(|(count, unit)| forward(today, count, unit)),
        None => day_of(&s, today).or_else(|miss| match miss {
            Miss::Unknown => period_of(&s, today).map(|p| p.end),
            too_far => Err(too_far),
        }),
    };
    found.map_err(|miss| {
        let problem = match miss {
            Miss::Unknown => Problem::NotADay,
            Miss::TooFar => Problem::OutOfRange,
        };
        DateError::new(input, problem)
    })
}

/// A named period: `2026` (the year), `2026-H1`/`H2`, `2026-Q1`..`Q4`,
/// `2026-11` (a month), `2026-W47` (an ISO week, Monday to Sunday), `this-week`,
/// `last-week`, `this-month`, `last-month`, `this-quarter`, `last-quarter`,
/// `this-year`, `last-year`, and a relative span such as `30d`, `12w`, `6mo`
/// or `1y`, meaning from that many units ago through today.
///
/// Any single day [`parse_day`] accepts (`2026-11-24`, `today`, `yesterday`,
/// `last friday`, `3 days ago`) is a one-day period. Letters are
/// case-insensitive (`2026-q3`), keywords may use a space instead of the dash
/// (`last month`), but the dash after the year is required (`2026H1` is an
/// error). Impossible periods (`2026-Q5`, `2026-13`, `2025-W53` in a 52-week
/// year) are errors.
pub fn parse_period(input: &str, today: NaiveDate) -> Result<Period, DateError> {
    period_of(&normalise(input), today).map_err(|miss| {
        let problem = match miss {
            Miss::Unknown => Problem::NotAPeriod,
            Miss::TooFar => Problem::OutOfRange,
        };
        DateError::new(input, problem)
    })
}

/// The period a `--since`/`--until` pair covers. Either may be absent; an
/// absent end is unbounded (`NaiveDate::MIN` / `NaiveDate::MAX`). Each value
/// is read as a day with [`parse_day`] first, and failing that as a named
/// period, taking its start for `--since` and its end for `--until` (so
/// `--until 2026-11` means through 30 November, inclusive). It is an error,
/// naming both values, if `--since` falls after `--until`.
pub fn parse_range(
    since: Option<&str>,
    until: Option<&str>,
    today: NaiveDate,
) -> Result<Period, DateError> {
    let start = match since {
        Some(raw) => bound(raw, "--since", today, |p| p.start)?,
        None => NaiveDate::MIN,
    };
    let end = match until {
        Some(raw) => bound(raw, "--until", today, |p| p.end)?,
        None => NaiveDate::MAX,
    };
    if start > end {
        // Only reachable with both bounds given, since MIN/MAX never cross.
        let problem = Problem::Reversed {
            until: until.unwrap_or_default().to_string(),
            start,
            end,
        };
        return Err(DateError::new(since.unwrap_or_default(), problem));
    }
    Ok(Period { start, end })
}

/// ISO week label of a day, e.g. "2026-W47". The year is the ISO week-year,
/// so 2025-12-29 is "2026-W01".
pub fn iso_week_label(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// Month label, e.g. "2026-11".
pub fn month_label(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// Quarter label, e.g. "2026-Q4".
pub fn quarter_label(day: NaiveDate) -> String {
    format!("{:04}-Q{}", day.year(), day.month0() / 3 + 1)
}

/// Lowercase with runs of whitespace collapsed, so "  Last   Friday " and
/// "last friday" are the same input.
fn normalise(input: &str) -> String {
    input
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A `--since` / `--until` value: a day first, because a relative form such
/// as `30d` means "30 days ago" for both flags, not "today" for `--until`.
fn bound(
    raw: &str,
    flag: &'static str,
    today: NaiveDate,
    pick: fn(Period) -> NaiveDate,
) -> Result<NaiveDate, DateError> {
    let text = normalise(raw);
    let as_day = day_of(&text, today);
    if let Ok(day) = as_day {
        return Ok(day);
    }
    match period_of(&text, today) {
        Ok(period) => Ok(pick(period)),
        Err(miss) => {
            let problem = if miss == Miss::TooFar || as_day == Err(Miss::TooFar) {
                Problem::OutOfRange
            } else {
                Problem::NotABound { flag }
            };
            Err(DateError::new(raw, problem))
        }
    }
}

fn day_of(s: &str, today: NaiveDate) -> Found<NaiveDate> {
    if let Some(found) = attempt(relative(s)) {
        let (count, unit) = found?;
        return back(today, count, unit);
    }
    if let Some(found) = attempt(calendar_day(s)) {
        return found;
    }
    match words(s).as_slice() {
        ["today"] => Ok(today),
        ["yesterday"] => today.pred_opt().ok_or(Miss::TooFar),
        ["tomorrow"] => today.succ_opt().ok_or(Miss::TooFar),
        [count, unit, "ago"] => back(today, number(count)?, unit_word(unit)?),
        ["last", name] => {
            let days = match weekday_back(today, weekday(name)?) {
                0 => 7,
                n => n,
            };
            today.checked_sub_days(Days::new(days)).ok_or(Miss::TooFar)
        }
        [name] => {
            let days = weekday_back(today, weekday(name)?);
            today.checked_sub_days(Days::new(days)).ok_or(Miss::TooFar)
        }
        _ => Err(Miss::Unknown),
    }
}

fn period_of(s: &str, today: NaiveDate) -> Found<Period> {
    if let Some(found) = attempt(named(s, today)) {
        return found;
    }
    if let Some(found) = attempt(calendar_period(s)) {
        return found;
    }
    if let Some(found) = attempt(relative(s)) {
        let (count, unit) = found?;
        let start = back(today, count, unit)?;
        return Ok(Period { start, end: today });
    }
    // `last-6m`, `last-30d`, `last 12w`: the same windows, as people name
    // them in review periods; after `last` an `m` can only mean months.
    if let Some(rest) = s.strip_prefix("last-").or_else(|| s.strip_prefix("last ")) {
        let rest = match rest.strip_suffix('m') {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => format!("{n}mo"),
            _ => rest.to_string(),
        };
        if let Some(found) = attempt(relative(&rest)) {
            let (count, unit) = found?;
            let start = back(today, count, unit)?;
            return Ok(Period { start, end: today });
        }
    }
    day_of(s, today).map(Period::day)
}

/// Words separated by single spaces or dashes: "last friday", "last-friday".
fn words(s: &str) -> Vec<&str> {
    s.split([' ', '-']).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// `30d`, `12w`, `6mo`, `1y`: digits immediately followed by a unit. A bare
/// `m` is refused on purpose; minutes and months are too easy to confuse.
fn relative(s: &str) -> Found<(u64, Unit)> {
    let split = s.find(|c: char| !c.is_ascii_digit()).ok_or(Miss::Unknown)?;
    let (count, suffix) = s.split_at(split);
    let unit = match suffix {
        "d" => Unit::Day,
        "w" => Unit::Week,
        "mo" => Unit::Month,
        "y" => Unit::Year,
        _ => return Err(Miss::Unknown),
    };
    Ok((number(count)?, unit))
}

fn unit_word(word: &str) -> Found<Unit> {
    match word {
        "day" | "days" => Ok(Unit::Day),
        "week" | "weeks" => Ok(Unit::Week),
        "month" | "months" => Ok(Unit::Month),
        "year" | "years" => Ok(Unit::Year),
        _ => Err(Miss::Unknown),
    }
}

/// A count of units. Digits only (`str::parse` would also take "+5"); a
/// number too long for u64 is certainly too far back, not a typo.
fn number(s: &str) -> Found<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Miss::Unknown);
    }
    s.parse().map_err(|_| Miss::TooFar)
}

/// `count` units before `today`. Months and years are calendar steps that
/// clamp to the last day of a shorter month.
fn forward(today: NaiveDate, count: u64, unit: Unit) -> Found<NaiveDate> {
    let months = |m: u64| {
        u32::try_from(m)
            .ok()
            .and_then(|m| today.checked_add_months(Months::new(m)))
    };
    match unit {
        Unit::Day => today.checked_add_days(Days::new(count)),
        Unit::Week => count
            .checked_mul(7)
            .and_then(|d| today.checked_add_days(Days::new(d))),
        Unit::Month => months(count),
        Unit::Year => count.checked_mul(12).and_then(months),
    }
    .ok_or(Miss::TooFar)
}

fn back(today: NaiveDate, count: u64, unit: Unit) -> Found<NaiveDate> {
    let months = |m: u64| {
        u32::try_from(m)
            .ok()
            .and_then(|m| today.checked_sub_months(Months::new(m)))
    };
    match unit {
        Unit::Day => today.checked_sub_days(Days::new(count)),
        Unit::Week => count
            .checked_mul(7)
            .and_then(|d| today.checked_sub_days(Days::new(d))),
        Unit::Month => months(count),
        Unit::Year => count.checked_mul(12).and_then(months),
    }
    .ok_or(Miss::TooFar)
}

fn weekday(name: &str) -> Found<Weekday> {
    match name {
        "monday" | "mon" => Ok(Weekday::Mon),
        "tuesday" | "tue" => Ok(Weekday::Tue),
        "wednesday" | "wed" => Ok(Weekday::Wed),
        "thursday" | "thu" => Ok(Weekday::Thu),
        "friday" | "fri" => Ok(Weekday::Fri),
        "saturday" | "sat" => Ok(Weekday::Sat),
        "sunday" | "sun" => Ok(Weekday::Sun),
        _ => Err(Miss::Unknown),
    }
}

/// Days from the most recent `target` on or before `today` (0..=6).
fn weekday_back(today: NaiveDate, target: Weekday) -> u64 {
    let now = today.weekday().num_days_from_monday();
    let then = target.num_days_from_monday();
    u64::from((now + 7 - then) % 7)
}

/// All-digit field of `min..=max` characters.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// YYYY-MM-DD (month and day may drop a leading zero). An impossible date
/// such as 2026-02-30 is simply not a date.
fn calendar_day(s: &str) -> Found<NaiveDate> {
    let mut parts = s.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Miss::Unknown);
    };
    let year = year(y)?;
    let month = digits(m, 1, 2).ok_or(Miss::Unknown)?;
    let day = digits(d, 1, 2).ok_or(Miss::Unknown)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Miss::Unknown)
}

fn year(s: &str) -> Found<i32> {
    digits(s, 4, 4)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or(Miss::Unknown)
}

/// 2026, 2026-H1, 2026-Q3, 2026-11, 2026-W47 (input already lowercased).
fn calendar_period(s: &str) -> Found<Period> {
    let mut parts = s.split('-');
    let year = year(parts.next().unwrap_or_default())?;
    let (part, None) = (parts.next(), parts.next()) else {
        return Err(Miss::Unknown);
    };
    let Some(part) = part else {
        return months_from(year, 1, 12);
    };
    if let Some(n) = part.strip_prefix('h') {
        return match digits(n, 1, 1) {
            Some(h @ 1..=2) => months_from(year, (h - 1) * 6 + 1, 6),
            _ => Err(Miss::Unknown),
        };
    }
    if let Some(n) = part.strip_prefix('q') {
        return match digits(n, 1, 1) {
            Some(q @ 1..=4) => months_from(year, (q - 1) * 3 + 1, 3),
            _ => Err(Miss::Unknown),
        };
    }
    if let Some(n) = part.strip_prefix('w') {
        // chrono refuses week 53 in a 52-week year, and week 0.
        let week = digits(n, 1, 2).ok_or(Miss::Unknown)?;
        let start = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or(Miss::Unknown)?;
        let end = start.checked_add_days(Days::new(6)).ok_or(Miss::TooFar)?;
        return Ok(Period { start, end });
    }
    match digits(part, 1, 2) {
        Some(month @ 1..=12) => months_from(year, month, 1),
        _ => Err(Miss::Unknown),
    }
}

/// `count` whole months starting on the first of `month`.
fn months_from(year: i32, month: u32, count: u32) -> Found<Period> {
    let start = NaiveDate::from_ymd_opt(year, month, 1).ok_or(Miss::Unknown)?;
    month_span(start, count)
}

/// `count` whole months from `start` (a first of the month).
fn month_span(start: NaiveDate, count: u32) -> Found<Period> {
    let end = start
        .checked_add_months(Months::new(count))
        .and_then(|next| next.pred_opt())
        .ok_or(Miss::TooFar)?;
    Ok(Period { start, end })
}

/// this-week, last-month, this-quarter, last-year, ... relative to `today`.
fn named(s: &str, today: NaiveDate) -> Found<Period> {
    let (last, unit) = match words(s).as_slice() {
        ["this", unit] => (false, *unit),
        ["last", unit] => (true, *unit),
        _ => return Err(Miss::Unknown),
    };
    if unit == "week" {
        let offset = u64::from(today.weekday().num_days_from_monday()) + if last { 7 } else { 0 };
        let start = today
            .checked_sub_days(Days::new(offset))
            .ok_or(Miss::TooFar)?;
        let end = start.checked_add_days(Days::new(6)).ok_or(Miss::TooFar)?;
        return Ok(Period { start, end });
    }
    let (first_month, length) = match unit {
        "month" => (today.month(), 1),
        "quarter" => (today.month0() / 3 * 3 + 1, 3),
        "year" => (1, 12),
        _ => return Err(Miss::Unknown),
    };
    let mut start = NaiveDate::from_ymd_opt(today.year(), first_month, 1).ok_or(Miss::TooFar)?;
    if last {
        start = start
            .checked_sub_months(Months::new(length))
            .ok_or(Miss::TooFar)?;
    }
    month_span(start, length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn p(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    /// Tuesday, in ISO week 2026-W48.
    fn today() -> NaiveDate {
        d(2026, 11, 24)
    }

    fn day(s: &str) -> NaiveDate {
        parse_day(s, today()).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    #[test]
    fn a_due_day_counts_forward_and_a_period_means_its_last_day() {
        let due = |s: &str| parse_due(s, today()).unwrap();
        assert_eq!(due("6w"), d(2027, 1, 5));
        assert_eq!(due("30d"), d(2026, 12, 24));
        assert_eq!(due("6mo"), d(2027, 5, 24));
        assert_eq!(due("2026-Q4"), d(2026, 12, 31));
        assert_eq!(due("2026-12-31"), d(2026, 12, 31));
        assert_eq!(due("tomorrow"), d(2026, 11, 25));
        assert!(parse_due("someday", today()).is_err());
    }

    fn period(s: &str) -> Period {
        parse_period(s, today()).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn period_at(s: &str, at: NaiveDate) -> Period {
        parse_period(s, at).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    // ---- Period ----

    #[test]
    fn period_contains_both_ends() {
        let q = p(d(2026, 1, 1), d(2026, 6, 30));
        assert!(q.contains(d(2026, 1, 1)));
        assert!(q.contains(d(2026, 3, 15)));
        assert!(q.contains(d(2026, 6, 30)));
        assert!(!q.contains(d(2025, 12, 31)));
        assert!(!q.contains(d(2026, 7, 1)));
    }

    #[test]
    fn period_days_is_inclusive() {
        assert_eq!(p(d(2026, 1, 1), d(2026, 1, 1)).days(), 1);
        assert_eq!(p(d(2026, 1, 1), d(2026, 12, 31)).days(), 365);
        assert_eq!(p(d(2024, 1, 1), d(2024, 12, 31)).days(), 366);
        assert_eq!(p(d(2026, 1, 2), d(2026, 1, 1)).days(), 0);
        assert!(p(NaiveDate::MIN, NaiveDate::MAX).days() > 0);
    }

    #[test]
    fn period_labels() {
        assert_eq!(
            p(d(2026, 1, 1), d(2026, 6, 30)).label(),
            "2026-01-01 to 2026-06-30"
        );
        assert_eq!(Period::day(d(2026, 11, 24)).label(), "2026-11-24");
        assert_eq!(p(NaiveDate::MIN, NaiveDate::MAX).label(), "all dates");
        assert_eq!(
            p(NaiveDate::MIN, d(2026, 11, 30)).label(),
            "up to 2026-11-30"
        );
        assert_eq!(
            p(d(2026, 7, 1), NaiveDate::MAX).label(),
            "2026-07-01 onwards"
        );
    }

    // ---- parse_day ----

    #[test]
    fn day_iso_dates() {
        assert_eq!(day("2026-11-24"), d(2026, 11, 24));
        assert_eq!(day("1999-01-05"), d(1999, 1, 5));
        assert_eq!(day("2026-1-5"), d(2026, 1, 5));
        assert_eq!(day("  2026-11-24\n"), d(2026, 11, 24));
    }

    #[test]
    fn day_leap_years() {
        assert_eq!(day("2024-02-29"), d(2024, 2, 29));
        assert_eq!(day("2000-02-29"), d(2000, 2, 29));
        assert!(parse_day("2026-02-29", today()).is_err());
        assert!(parse_day("1900-02-29", today()).is_err());
    }

    #[test]
    fn day_rejects_malformed_dates() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2026-11-32",
            "26-11-24",
            "02026-11-24",
            "2026-111-24",
            "2026-11-24-01",
            "2026/11/24",
            "2026-11",
            "2026",
            "2026-Q3",
            "+2026-11-24",
            "2026-+1-24",
        ] {
            let err = parse_day(bad, today()).expect_err(bad);
            assert_eq!(err.input, bad);
        }
    }

    #[test]
    fn day_words() {
        assert_eq!(day("today"), d(2026, 11, 24));
        assert_eq!(day("yesterday"), d(2026, 11, 23));
        assert_eq!(day("tomorrow"), d(2026, 11, 25));
        assert_eq!(day("  TODAY "), d(2026, 11, 24));
        assert_eq!(day("Yesterday"), d(2026, 11, 23));
        assert_eq!(parse_day("yesterday", d(2026, 1, 1)), Ok(d(2025, 12, 31)));
        assert_eq!(parse_day("yesterday", d(2024, 3, 1)), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn day_bare_weekday_is_on_or_before_today() {
        // today is a Tuesday
        assert_eq!(day("tuesday"), d(2026, 11, 24));
        assert_eq!(day("tue"), d(2026, 11, 24));
        assert_eq!(day("monday"), d(2026, 11, 23));
        assert_eq!(day("mon"), d(2026, 11, 23));
        assert_eq!(day("wednesday"), d(2026, 11, 18));
        assert_eq!(day("wed"), d(2026, 11, 18));
        assert_eq!(day("thursday"), d(2026, 11, 19));
        assert_eq!(day("thu"), d(2026, 11, 19));
        assert_eq!(day("friday"), d(2026, 11, 20));
        assert_eq!(day("Fri"), d(2026, 11, 20));
        assert_eq!(day("saturday"), d(2026, 11, 21));
        assert_eq!(day("sat"), d(2026, 11, 21));
        assert_eq!(day("sunday"), d(2026, 11, 22));
        assert_eq!(day("SUN"), d(2026, 11, 22));
    }

    #[test]
    fn day_last_weekday_is_strictly_before_today() {
        assert_eq!(day("last tuesday"), d(2026, 11, 17));
        assert_eq!(day("last monday"), d(2026, 11, 23));
        assert_eq!(day("last friday"), d(2026, 11, 20));
        assert_eq!(day("last wed"), d(2026, 11, 18));
        assert_eq!(day("Last   Friday"), d(2026, 11, 20));
        assert_eq!(day("last-friday"), d(2026, 11, 20));
        // On a Friday, "friday" is today but "last friday" is a week ago.
        let friday = d(2026, 11, 27);
        assert_eq!(parse_day("friday", friday), Ok(friday));
        assert_eq!(parse_day("last friday", friday), Ok(d(2026, 11, 20)));
        assert!(parse_day("last", today()).is_err());
        assert!(parse_day("last fridays", today()).is_err());
        assert!(parse_day("next friday", today()).is_err());
    }

    #[test]
    fn day_ago_phrases() {
        assert_eq!(day("3 days ago"), d(2026, 11, 21));
        assert_eq!(day("1 day ago"), d(2026, 11, 23));
        assert_eq!(day("0 days ago"), today());
        assert_eq!(day("2 weeks ago"), d(2026, 11, 10));
        assert_eq!(day("1 week ago"), d(2026, 11, 17));
        assert_eq!(day("2 months ago"), d(2026, 9, 24));
        assert_eq!(day("1 year ago"), d(2025, 11, 24));
        assert_eq!(day("3  Days  AGO"), d(2026, 11, 21));
        assert!(parse_day("days ago", today()).is_err());
        assert!(parse_day("three days ago", today()).is_err());
        assert!(parse_day("3 days", today()).is_err());
        assert!(parse_day("-3 days ago", today()).is_err());
        assert!(parse_day("3 fortnights ago", today()).is_err());
    }

    #[test]
    fn day_relative_durations() {
        assert_eq!(day("30d"), d(2026, 10, 25));
        assert_eq!(day("0d"), today());
        assert_eq!(day("12w"), d(2026, 9, 1));
        assert_eq!(day("6mo"), d(2026, 5, 24));
        assert_eq!(day("1y"), d(2025, 11, 24));
        assert_eq!(day("30D"), d(2026, 10, 25));
        assert_eq!(day("1Y"), d(2025, 11, 24));
        for bad in [
            "30", "d", "30 d", "6m", "30dd", "-30d", "+30d", "30d ago", "1.5y",
        ] {
            assert!(parse_day(bad, today()).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn day_month_arithmetic_clamps() {
        assert_eq!(parse_day("6mo", d(2026, 8, 31)), Ok(d(2026, 2, 28)));
        assert_eq!(parse_day("6mo", d(2024, 8, 31)), Ok(d(2024, 2, 29)));
        assert_eq!(parse_day("1mo", d(2026, 3, 31)), Ok(d(2026, 2, 28)));
        assert_eq!(parse_day("1y", d(2024, 2, 29)), Ok(d(2023, 2, 28)));
        assert_eq!(parse_day("4y", d(2024, 2, 29)), Ok(d(2020, 2, 29)));
        assert_eq!(parse_day("1 month ago", d(2026, 5, 31)), Ok(d(2026, 4, 30)));
    }

    #[test]
    fn day_overflow_is_an_error_not_a_panic() {
        for huge in [
            "99999999d",
            "99999999w",
            "99999999mo",
            "99999999y",
            "4294967296mo",
            "18446744073709551615d",
            "18446744073709551615w",
            "18446744073709551615y",
            "99999999999999999999999999d",
            "99999999 days ago",
            "99999999999999999999999 years ago",
        ] {
            let err = parse_day(huge, today()).expect_err(huge);
            assert_eq!(err.problem, Problem::OutOfRange, "{huge}");
            assert!(err.to_string().contains(huge));
        }
        // The calendar's own edges are errors too, not panics.
        assert!(parse_day("yesterday", NaiveDate::MIN).is_err());
        assert!(parse_day("tomorrow", NaiveDate::MAX).is_err());
        assert!(parse_day("last friday", NaiveDate::MIN).is_err());
        assert!(parse_day("1d", NaiveDate::MIN).is_err());
    }

    #[test]
    fn day_error_message() {
        let err = parse_day("someday", today()).unwrap_err();
        assert_eq!(err.input, "someday");
        assert_eq!(
            err.to_string(),
            "\"someday\" is not a date (try 2026-11-24, today, yesterday, last friday, \
             3 days ago or 30d; see casebook help dates)"
        );
    }

    // ---- parse_period ----

    #[test]
    fn period_year_halves_quarters() {
        assert_eq!(period("2026"), p(d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(period("2026-H1"), p(d(2026, 1, 1), d(2026, 6, 30)));
        assert_eq!(period("2026-H2"), p(d(2026, 7, 1), d(2026, 12, 31)));
        assert_eq!(period("2026-h1"), p(d(2026, 1, 1), d(2026, 6, 30)));
        assert_eq!(period("2026-Q1"), p(d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(period("2026-Q2"), p(d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(period("2026-Q3"), p(d(2026, 7, 1), d(2026, 9, 30)));
        assert_eq!(period("2026-q3"), p(d(2026, 7, 1), d(2026, 9, 30)));
        assert_eq!(period("2026-Q4"), p(d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(period(" 2026-q4 "), p(d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(period("2024-Q1").days(), 91);
        assert_eq!(period("2024").days(), 366);
    }

    #[test]
    fn period_months() {
        assert_eq!(period("2026-11"), p(d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(period("2026-01"), p(d(2026, 1, 1), d(2026, 1, 31)));
        assert_eq!(period("2026-12"), p(d(2026, 12, 1), d(2026, 12, 31)));
        assert_eq!(period("2026-2"), p(d(2026, 2, 1), d(2026, 2, 28)));
        assert_eq!(period("2024-02"), p(d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(period("2100-02").days(), 28);
        assert_eq!(period("2000-02").days(), 29);
    }

    #[test]
    fn period_iso_weeks() {
        assert_eq!(period("2026-W47"), p(d(2026, 11, 16), d(2026, 11, 22)));
        assert_eq!(period("2026-w47"), p(d(2026, 11, 16), d(2026, 11, 22)));
        assert_eq!(period("2026-W01"), p(d(2025, 12, 29), d(2026, 1, 4)));
        assert_eq!(period("2026-W1"), p(d(2025, 12, 29), d(2026, 1, 4)));
        assert_eq!(period("2025-W01"), p(d(2024, 12, 30), d(2025, 1, 5)));
        assert_eq!(period("2020-W53"), p(d(2020, 12, 28), d(2021, 1, 3)));
        // 2026 begins on a Thursday, so it is a 53-week ISO year.
        assert_eq!(period("2026-W53"), p(d(2026, 12, 28), d(2027, 1, 3)));
        for week in 1..=52 {
            let s = format!("2025-W{week:02}");
            let w = period(&s);
            assert_eq!(w.days(), 7);
            assert_eq!(w.start.weekday(), Weekday::Mon);
            assert_eq!(iso_week_label(w.start), s);
            assert_eq!(iso_week_label(w.end), s);
        }
    }

    #[test]
    fn period_rejects_impossible_weeks() {
        // 2025 and 2027 are 52-week years.
        for bad in [
            "2025-W53",
            "2027-W53",
            "2026-W54",
            "2020-W54",
            "2026-W00",
            "2026-W0",
            "2026-W100",
            "2026-W",
            "2026-Wx",
        ] {
            assert!(parse_period(bad, today()).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn period_rejects_invalid_named_forms() {
        for bad in [
            "2026-Q5",
            "2026-Q0",
            "2026-Q",
            "2026-Q12",
            "2026-H3",
            "2026-H0",
            "2026-H",
            "2026-13",
            "2026-00",
            "2026-123",
            "2026H1",
            "2026Q3",
            "2026W47",
            "2026-X1",
            "202",
            "20266",
            "2026-",
            "-2026",
            "2026--11",
            "2026-11-",
            "2026-11-31",
            "2026-02-29",
            "q3",
            "this-fortnight",
            "next-month",
            "this",
            "last",
            "this-week-please",
            "",
        ] {
            let err = parse_period(bad, today()).expect_err(bad);
            assert_eq!(err.input, bad);
        }
    }

    #[test]
    fn period_single_days() {
        assert_eq!(period("2026-11-24"), Period::day(d(2026, 11, 24)));
        assert_eq!(period("2024-02-29"), Period::day(d(2024, 2, 29)));
        assert_eq!(period("today"), Period::day(today()));
        assert_eq!(period("yesterday"), Period::day(d(2026, 11, 23)));
        assert_eq!(period("last friday"), Period::day(d(2026, 11, 20)));
        assert_eq!(period("3 days ago"), Period::day(d(2026, 11, 21)));
        assert_eq!(period("today").days(), 1);
    }

    #[test]
    fn period_relative_spans_run_through_today() {
        assert_eq!(period("30d"), p(d(2026, 10, 25), today()));
        assert_eq!(period("30d").days(), 31);
        assert_eq!(period("12w"), p(d(2026, 9, 1), today()));
        assert_eq!(period("6mo"), p(d(2026, 5, 24), today()));
        assert_eq!(period("1y"), p(d(2025, 11, 24), today()));
        assert_eq!(period("0d"), Period::day(today()));
        assert_eq!(
            period_at("6mo", d(2026, 8, 31)),
            p(d(2026, 2, 28), d(2026, 8, 31))
        );
        let err = parse_period("99999999d", today()).unwrap_err();
        assert_eq!(err.problem, Problem::OutOfRange);
    }

    #[test]
    fn period_this_and_last() {
        // today: Tuesday 2026-11-24, Q4
        assert_eq!(period("this-week"), p(d(2026, 11, 23), d(2026, 11, 29)));
        assert_eq!(period("last-week"), p(d(2026, 11, 16), d(2026, 11, 22)));
        assert_eq!(period("this-month"), p(d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(period("last-month"), p(d(2026, 10, 1), d(2026, 10, 31)));
        assert_eq!(period("this-quarter"), p(d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(period("last-quarter"), p(d(2026, 7, 1), d(2026, 9, 30)));
        assert_eq!(period("this-year"), p(d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(period("last-year"), p(d(2025, 1, 1), d(2025, 12, 31)));
        assert_eq!(period("Last Month"), period("last-month"));
        assert_eq!(period("THIS-WEEK"), period("this-week"));
        assert_eq!(period("this-week"), period("2026-W48"));
        assert_eq!(period("last-week"), period("2026-W47"));
    }

    #[test]
    fn period_this_and_last_across_boundaries() {
        let feb = d(2026, 2, 10);
        assert_eq!(
            period_at("last-quarter", feb),
            p(d(2025, 10, 1), d(2025, 12, 31))
        );
        assert_eq!(
            period_at("this-quarter", feb),
            p(d(2026, 1, 1), d(2026, 3, 31))
        );
        let new_year = d(2026, 1, 1); // a Thursday
        assert_eq!(
            period_at("last-month", new_year),
            p(d(2025, 12, 1), d(2025, 12, 31))
        );
        assert_eq!(
            period_at("this-week", new_year),
            p(d(2025, 12, 29), d(2026, 1, 4))
        );
        assert_eq!(
            period_at("last-week", new_year),
            p(d(2025, 12, 22), d(2025, 12, 28))
        );
        assert_eq!(
            period_at("last-year", new_year),
            p(d(2025, 1, 1), d(2025, 12, 31))
        );
        // Leap February from "this-month" and "last-month".
        assert_eq!(
            period_at("this-month", d(2024, 2, 15)),
            p(d(2024, 2, 1), d(2024, 2, 29))
        );
        assert_eq!(
            period_at("last-month", d(2024, 3, 31)),
            p(d(2024, 2, 1), d(2024, 2, 29))
        );
        // Sunday is the last day of its ISO week.
        let sunday = d(2026, 11, 29);
        assert_eq!(period_at("this-week", sunday), p(d(2026, 11, 23), sunday));
    }

    #[test]
    fn period_keywords_at_the_calendar_edges_do_not_panic() {
        for s in [
            "today",
            "yesterday",
            "tomorrow",
            "this-week",
            "last-week",
            "this-month",
            "last-month",
            "this-quarter",
            "last-quarter",
            "this-year",
            "last-year",
            "30d",
            "1y",
            "friday",
            "last friday",
            "3 days ago",
        ] {
            for at in [NaiveDate::MIN, NaiveDate::MAX] {
                if let Ok(found) = parse_period(s, at) {
                    assert!(found.start <= found.end, "{s:?} at {at}");
                }
            }
        }
        assert!(parse_period("this-year", NaiveDate::MAX).is_err());
        assert!(parse_period("last-year", NaiveDate::MIN).is_err());
    }

    #[test]
    fn period_error_message() {
        let err = parse_period("2026-Q5", today()).unwrap_err();
        assert_eq!(err.input, "2026-Q5");
        assert_eq!(
            err.to_string(),
            "\"2026-Q5\" is not a date or period (try 2026-11-24, yesterday, 30d, 2026-Q3, \
             2026-W47 or last-month; see casebook help dates)"
        );
        let err = parse_period("99999999d", today()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("\"99999999d\" reaches beyond the calendar")
        );
        // Control characters are escaped, keeping the message on one line.
        let err = parse_period("a\nb", today()).unwrap_err();
        assert!(!err.to_string().contains('\n'));
    }

    // ---- parse_range ----

    #[test]
    fn range_unbounded() {
        assert_eq!(
            parse_range(None, None, today()),
            Ok(p(NaiveDate::MIN, NaiveDate::MAX))
        );
        assert_eq!(
            parse_range(Some("2026-11-01"), None, today()),
            Ok(p(d(2026, 11, 1), NaiveDate::MAX))
        );
        assert_eq!(
            parse_range(None, Some("2026-11-01"), today()),
            Ok(p(NaiveDate::MIN, d(2026, 11, 1)))
        );
    }

    #[test]
    fn range_days_and_words() {
        assert_eq!(
            parse_range(Some("30d"), Some("yesterday"), today()),
            Ok(p(d(2026, 10, 25), d(2026, 11, 23)))
        );
        // A relative --until is a day in the past, not the end of a span.
        assert_eq!(
            parse_range(None, Some("30d"), today()),
            Ok(p(NaiveDate::MIN, d(2026, 10, 25)))
        );
        assert_eq!(
            parse_range(Some("last friday"), Some("today"), today()),
            Ok(p(d(2026, 11, 20), today()))
        );
        assert_eq!(
            parse_range(Some("2026-11-24"), Some("2026-11-24"), today()),
            Ok(Period::day(today()))
        );
    }

    #[test]
    fn range_named_periods_use_start_and_end() {
        assert_eq!(
            parse_range(None, Some("2026-11"), today()),
            Ok(p(NaiveDate::MIN, d(2026, 11, 30)))
        );
        assert_eq!(
            parse_range(Some("2026-Q3"), Some("2026-Q3"), today()),
            Ok(p(d(2026, 7, 1), d(2026, 9, 30)))
        );
        assert_eq!(
            parse_range(Some("2026"), Some("2026-W47"), today()),
            Ok(p(d(2026, 1, 1), d(2026, 11, 22)))
        );
        assert_eq!(
            parse_range(Some("last-quarter"), Some("last-month"), today()),
            Ok(p(d(2026, 7, 1), d(2026, 10, 31)))
        );
        assert_eq!(
            parse_range(Some("this-week"), Some("this-week"), today()),
            Ok(p(d(2026, 11, 23), d(2026, 11, 29)))
        );
    }

    #[test]
    fn range_reversed_names_both() {
        let err = parse_range(Some("2026-12"), Some("2026-11"), today()).unwrap_err();
        assert_eq!(err.input, "2026-12");
        let text = err.to_string();
        assert_eq!(
            text,
            "--since \"2026-12\" (2026-12-01) is after --until \"2026-11\" (2026-11-30), \
             so the range would be empty (swap them?)"
        );
        assert!(parse_range(Some("today"), Some("yesterday"), today()).is_err());
    }

    #[test]
    fn range_bad_bound_names_the_flag() {
        let err = parse_range(Some("soon"), None, today()).unwrap_err();
        assert_eq!(err.input, "soon");
        assert!(
            err.to_string()
                .starts_with("--since \"soon\" is not a date or period")
        );
        let err = parse_range(Some("2026-11-01"), Some("2026-Q5"), today()).unwrap_err();
        assert_eq!(err.input, "2026-Q5");
        assert!(
            err.to_string()
                .starts_with("--until \"2026-Q5\" is not a date or period")
        );
        let err = parse_range(Some("99999999y"), None, today()).unwrap_err();
        assert_eq!(err.problem, Problem::OutOfRange);
    }

    // ---- labels ----

    #[test]
    fn labels() {
        assert_eq!(iso_week_label(d(2026, 11, 20)), "2026-W47");
        assert_eq!(iso_week_label(d(2026, 11, 24)), "2026-W48");
        assert_eq!(iso_week_label(d(2025, 12, 29)), "2026-W01");
        assert_eq!(iso_week_label(d(2021, 1, 3)), "2020-W53");
        assert_eq!(iso_week_label(d(2027, 1, 1)), "2026-W53");
        assert_eq!(month_label(d(2026, 11, 24)), "2026-11");
        assert_eq!(month_label(d(2026, 1, 1)), "2026-01");
        assert_eq!(quarter_label(d(2026, 11, 24)), "2026-Q4");
        assert_eq!(quarter_label(d(2026, 1, 1)), "2026-Q1");
        assert_eq!(quarter_label(d(2026, 3, 31)), "2026-Q1");
        assert_eq!(quarter_label(d(2026, 4, 1)), "2026-Q2");
        assert_eq!(quarter_label(d(2026, 9, 30)), "2026-Q3");
    }

    #[test]
    fn labels_round_trip_through_parse_period() {
        let mut day = d(2023, 12, 20);
        while day <= d(2027, 1, 10) {
            for label in [iso_week_label(day), month_label(day), quarter_label(day)] {
                assert!(period(&label).contains(day), "{label} should contain {day}");
            }
            day = day.succ_opt().expect("in range");
        }
    }

    // ---- garbage ----

    #[test]
    fn garbage_is_rejected() {
        for junk in [
            "",
            " ",
            "\t\n",
            "-",
            "--",
            "---",
            "d",
            "mo",
            "y",
            "w",
            "ago",
            "0",
            "-0",
            "1e5d",
            "2026-",
            "-11-24",
            "2026-11-24T10:00",
            "2026-11-24 10:00",
            "24/11/2026",
            "11/24/2026",
            "24.11.2026",
            "nov 24",
            "november",
            "last",
            "this",
            "the day before yesterday",
            "yesterdays",
            "tod",
            "fri day",
            "2026-W47-1",
            "2026-Q3-1",
            "2026-H1-1",
            "2026-Qx",
            "٢٠٢٦-١١-٢٤",
            "２０２６-１１-２４",
            "2026‐11‐24",
            "🙂",
            "today🙂",
            "NaN",
            "∞d",
            "1 d ago",
            "\u{0}",
            "2026-11-24\u{0}",
            "null",
            "undefined",
            "'; drop table cases; --",
        ] {
            assert!(parse_day(junk, today()).is_err(), "day {junk:?}");
            assert!(parse_period(junk, today()).is_err(), "period {junk:?}");
            assert!(
                parse_range(Some(junk), None, today()).is_err(),
                "since {junk:?}"
            );
            assert!(
                parse_range(None, Some(junk), today()).is_err(),
                "until {junk:?}"
            );
        }
    }

    /// Small deterministic generator so the fuzz test needs no extra crates.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_strings_never_panic() {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "2",
            "9",
            "2026",
            "20",
            "-",
            "--",
            " ",
            "d",
            "w",
            "mo",
            "y",
            "h",
            "q",
            "H",
            "Q",
            "W",
            "last",
            "this",
            "week",
            "month",
            "quarter",
            "year",
            "ago",
            "days",
            "fri",
            "friday",
            "today",
            "99999999999",
            "18446744073709551616",
            "é",
            "ß",
            "İ",
            "🙂",
            "\u{0}",
            "\t",
            "/",
            ".",
            "+",
            "x",
            "53",
            "13",
            "00",
        ];
        // None of these characters can appear in any accepted form.
        const POISON: &[&str] = &["#", "€", "?", "🙂", "_", "*"];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let edges = [today(), NaiveDate::MIN, NaiveDate::MAX, d(2024, 2, 29)];
        for round in 0..20_000 {
            let mut s = String::new();
            for _ in 0..rng.below(8) {
                s.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let at = edges[round % edges.len()];
            if let Ok(found) = parse_period(&s, at) {
                assert!(found.start <= found.end, "{s:?}");
            }
            let _ = parse_day(&s, at);
            if let Ok(found) = parse_range(Some(&s), Some(&s), at) {
                assert!(found.start <= found.end, "{s:?}");
            }
            let spot = rng.below(s.len() + 1);
            if s.is_char_boundary(spot) {
                s.insert_str(spot, POISON[rng.below(POISON.len())]);
                assert!(parse_day(&s, at).is_err(), "day {s:?}");
                assert!(parse_period(&s, at).is_err(), "period {s:?}");
                assert!(parse_range(Some(&s), None, at).is_err(), "range {s:?}");
            }
        }
    }
}

#[cfg(test)]
mod months_tests {
    use super::months_between;
    use chrono::NaiveDate;

    #[test]
    fn months_count_whole_months() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(months_between(d("2025-09-01"), d("2026-06-01")), 9);
        assert_eq!(months_between(d("2025-09-15"), d("2026-06-14")), 8);
        assert_eq!(months_between(d("2026-06-15"), d("2026-06-01")), 0);
    }
}

#[cfg(test)]
mod last_window_tests {
    use super::parse_period;
    use chrono::NaiveDate;

    #[test]
    fn last_n_units_are_windows_ending_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let p = parse_period("last-6m", today).unwrap();
        assert_eq!(
            (p.start.to_string(), p.end),
            ("2026-05-24".to_string(), today)
        );
        assert_eq!(
            parse_period("last-30d", today).unwrap().start.to_string(),
            "2026-10-25"
        );
        assert_eq!(
            parse_period("last 2w", today).unwrap().start.to_string(),
            "2026-11-10"
        );
        assert!(parse_period("last-6x", today).is_err());
    }
}
