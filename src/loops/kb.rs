//! Knowledge-base articles as the owner keeps them: status with dates,
//! deflections, the gap that prompted them, verification against the review
//! interval, and the stale list.

use crate::entry::{Entry, Kind};
use chrono::{Days, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub status: String,
    pub article_id: Option<String>,
    pub created: NaiveDate,
    pub first_seen: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub retired: Option<NaiveDate>,
    pub deflections: i64,
    pub gap_case: Option<String>,
    pub gap_entry: Option<String>,
    pub last_verified: Option<NaiveDate>,
    pub review_interval_days: u32,
    pub corrections: i64,
    /// The words customers searched with, added as findability fixes.
    pub search_terms: Vec<String>,
    /// Times search terms were added so customers find the article.
    pub findability_fixes: i64,
    /// Deflections estimated by analytics (`kb deflections import`): an
    /// estimate, unlike `deflections`, which counts cases logged one by one.
    pub deflection_estimate: Option<i64>,
    pub deflection_estimate_date: Option<NaiveDate>,
    /// Published and checked within its review interval.
    pub current: bool,
    /// When the next check is due (published articles only).
    pub review_due: Option<NaiveDate>,
    /// Days past `review_due`; 0 when not overdue.
    pub days_overdue: i64,
}

impl Article {
    pub fn is_stale(&self) -> bool {
        self.days_overdue > 0
    }
}

/// One kb entry as an article, judged on `today`. `default_interval` is the
/// journal's `targets.kb_review_interval_days`, for articles without their own.
pub fn article(e: &Entry, today: NaiveDate, default_interval: u32) -> Article {
    let status = e.field_str("status").unwrap_or("draft").to_string();
    let interval = e
        .field_int("review_interval_days")
        .filter(|d| *d > 0)
        .map_or(default_interval, |d| d.min(u32::MAX as i64) as u32);
    let published = e.field_date("published");
    let last_verified = e.field_date("last_verified");
    // An article is checked from its last verification, else from when it
    // went live; one never published has nothing to keep current.
    let review_due = (status == "published")
        .then(|| {
            last_verified
                .or(published)
                .unwrap_or(e.created.date_naive())
        })
        .and_then(|from| from.checked_add_days(Days::new(u64::from(interval))));
    let days_overdue = review_due.map_or(0, |due| (today - due).num_days().max(0));
    Article {
        id: e.id.to_string(),
        title: e.title.clone(),
        status,
        article_id: e.field_str("article_id").map(str::to_string),
        created: e.created.date_naive(),
        first_seen: e.field_date("first_seen"),
        published,
        retired: e.field_date("retired"),
        deflections: e.field_int("deflections").unwrap_or(0),
        gap_case: e.field_str("gap_case").map(str::to_string),
        gap_entry: e.field_str("gap_entry").map(str::to_string),
        last_verified,
        review_interval_days: interval,
        corrections: e.field_int("corrections").unwrap_or(0),
        search_terms: e.field_list("search_terms"),
        findability_fixes: e.field_int("findability_fixes").unwrap_or(0),
        deflection_estimate: e.field_int("deflection_estimate"),
        deflection_estimate_date: e.field_date("deflection_estimate_date"),
        current: review_due.is_some() && days_overdue == 0,
        review_due,
        days_overdue,
    }
}

/// Published articles past their review date, most overdue first.
pub fn stale(entries: &[&Entry], today: NaiveDate, default_interval: u32) -> Vec<Article> {
    let mut out: Vec<Article> = entries
        .iter()
        .filter(|e| e.kind == Kind::Kb)
        .map(|e| article(e, today, default_interval))
        .filter(Article::is_stale)
        .collect();
    out.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.id.cmp(&b.id)));
    out
}

/// Appends `line` to the body's `## heading` section, creating the section
/// at the end when there is none, so the log stays in one place however
/// often it grows.
pub fn append_to_section(body: &str, heading: &str, line: &str) -> String {
    let title = format!("## {heading}");
    let lines: Vec<&str> = body.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim() == title) else {
        let mut out = body.trim_end().to_string();
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&format!("{title}\n\n{line}\n"));
        return out;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with("## ") || l.starts_with("# "))
        .map_or(lines.len(), |p| start + 1 + p);
    // Insert after the section's last non-blank line.
    let mut at = end;
    while at > start + 1 && lines[at - 1].trim().is_empty() {
        at -= 1;
    }
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    if at == start + 1 {
        out.push(String::new());
    }
    out.push(line.to_string());
    if at < lines.len() {
        out.push(String::new());
        out.extend(lines[end..].iter().map(|l| l.to_string()));
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn kb(created: &str, fields: &[(&str, &str)]) -> Entry {
        let at = DateTime::parse_from_rfc3339(&format!("{created}T09:00:00+00:00")).unwrap();
        let mut e = Entry::new(Kind::Kb, "Article", "ana-lima", at);
        for (k, v) in fields {
            let v = v
                .parse::<i64>()
                .map(toml::Value::Integer)
                .unwrap_or_else(|_| toml::Value::String(v.to_string()));
            e.fields.insert(k.to_string(), v);
        }
        e
    }

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn stale_counts_from_the_last_check_else_from_publication() {
        let today = ymd("2026-11-24");
        let es = [
            // published 2026-08-01 + 90 = 2026-10-30: 25 days overdue
            kb(
                "2026-07-01",
                &[("status", "published"), ("published", "2026-08-01")],
            ),
            // verified 2026-10-01 + 90 = 2026-12-30: current
            kb(
                "2026-07-01",
                &[
                    ("status", "published"),
                    ("published", "2026-08-01"),
                    ("last_verified", "2026-10-01"),
                ],
            ),
            // own interval: verified 2026-10-01 + 30 = 2026-10-31: 24 days
            kb(
                "2026-07-01",
                &[
                    ("status", "published"),
                    ("last_verified", "2026-10-01"),
                    ("review_interval_days", "30"),
                ],
            ),
            kb("2026-01-01", &[("status", "draft")]),
            kb("2026-01-01", &[("status", "retired")]),
        ];
        let refs: Vec<&Entry> = es.iter().collect();
        let s = stale(&refs, today, 90);
        assert_eq!(
            s.iter().map(|a| a.days_overdue).collect::<Vec<_>>(),
            vec![25, 24]
        );
        assert_eq!(s[0].review_due, Some(ymd("2026-10-30")));
    }

    #[test]
    fn lines_join_their_section() {
        let body = "Intro.\n\n## Deflections\n\n- a\n\n## Notes\nx\n";
        assert_eq!(
            append_to_section(body, "Deflections", "- b"),
            "Intro.\n\n## Deflections\n\n- a\n- b\n\n## Notes\nx\n"
        );
        assert_eq!(
            append_to_section("Intro.\n", "Corrections", "- c"),
            "Intro.\n\n## Corrections\n\n- c\n"
        );
        assert_eq!(
            append_to_section("", "Corrections", "- c"),
            "## Corrections\n\n- c\n"
        );
        assert_eq!(
            append_to_section("## Corrections\n", "Corrections", "- d"),
            "## Corrections\n\n- d\n"
        );
    }
}
