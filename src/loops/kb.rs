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

/// `casebook kb report`: every article and the totals over them.
#[derive(Debug, Clone)]
pub struct KbReport {
    pub articles: Vec<Article>,
    pub figures: crate::review::figures::KbFigures,
    pub stale: usize,
    pub current: usize,
    /// Published articles checked within their interval, in percent.
    pub verified_share: Option<f64>,
    pub corrections: i64,
    pub findability_fixes: i64,
    /// None when no estimate was ever imported: zero would claim a measurement.
    pub estimate: Option<i64>,
}

pub fn report(entries: &[&Entry], today: NaiveDate, default_interval: u32) -> KbReport {
    let articles: Vec<Article> = entries
        .iter()
        .map(|e| article(e, today, default_interval))
        .collect();
    let figures = crate::review::figures::kb(entries);
    let stale = articles.iter().filter(|a| a.is_stale()).count();
    KbReport {
        verified_share: super::percent(figures.published - stale, figures.published),
        current: articles.iter().filter(|a| a.current).count(),
        corrections: articles.iter().map(|a| a.corrections).sum(),
        findability_fixes: articles.iter().map(|a| a.findability_fixes).sum(),
        estimate: articles
            .iter()
            .filter_map(|a| a.deflection_estimate)
            .fold(None, |acc, n| Some(acc.unwrap_or(0) + n)),
        stale,
        figures,
        articles,
    }
}

fn set_int(e: &mut Entry, key: &str, n: i64) {
    e.fields.insert(key.into(), toml::Value::Integer(n));
}

fn bump(e: &mut Entry, key: &str) {
    let n = e.field_int(key).unwrap_or(0) + 1;
    set_int(e, key, n);
}

/// Counts a case the article answered and logs it in the body; returns
/// the commit message.
pub fn deflect(e: &mut Entry, case: Option<&str>, today: NaiveDate) -> String {
    let case = case.map(str::trim).filter(|c| !c.is_empty());
    bump(e, "deflections");
    let line = match case {
        Some(c) => format!("- {today}: {c}"),
        None => format!("- {today}"),
    };
    e.body = append_to_section(&e.body, "Deflections", &line);
    format!(
        "kb deflection: {}{}",
        crate::entry::one_line(&e.title),
        case.map(|c| format!(" ({c})")).unwrap_or_default()
    )
}

/// What a check of an article found.
#[derive(Debug, Clone, Default)]
pub struct Check {
    /// Corrected: what changed.
    pub fixed: Option<String>,
    /// Made findable: the search terms customers used, comma-separated.
    pub findability: Option<String>,
}

/// Records a check on `today`: the date, a correction (counted and logged),
/// new search terms (a findability fix). Returns the commit message.
pub fn verify(e: &mut Entry, check: &Check, today: NaiveDate) -> crate::Result<String> {
    use crate::error::Error;
    let fixed = match &check.fixed {
        Some(t) if t.trim().is_empty() => {
            return Err(Error::invalid("--fixed needs the text of the correction"));
        }
        Some(t) => Some(t.trim().to_string()),
        None => None,
    };
    e.fields.insert(
        "last_verified".into(),
        toml::Value::String(today.to_string()),
    );
    if let Some(given) = &check.findability {
        let terms: Vec<String> = given
            .split(',')
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        if terms.is_empty() {
            return Err(Error::invalid(
                "--findability needs the words customers searched with",
            ));
        }
        let mut all = e.field_list("search_terms");
        let added: Vec<String> = terms
            .into_iter()
            .filter(|t| !all.iter().any(|x| x.eq_ignore_ascii_case(t)))
            .collect();
        if added.is_empty() {
            return Err(Error::invalid(format!(
                "{} already lists those search terms",
                e.id
            )));
        }
        all.extend(added.iter().cloned());
        e.fields.insert(
            "search_terms".into(),
            toml::Value::Array(all.into_iter().map(toml::Value::String).collect()),
        );
        bump(e, "findability_fixes");
        let line = format!("- {today}: added {}", added.join(", "));
        e.body = append_to_section(&e.body, "Findability", &line);
    }
    let title = crate::entry::one_line(&e.title);
    Ok(match &fixed {
        Some(text) => {
            bump(e, "corrections");
            let line = format!("- {today}: {}", crate::entry::one_line(text));
            e.body = append_to_section(&e.body, "Corrections", &line);
            format!("kb corrected: {title}")
        }
        None if check.findability.is_some() => format!("kb made findable: {title}"),
        None => format!("kb verified: {title}"),
    })
}

/// Header names of an analytics export, best first (compared as
/// `sample::norm_header` writes them).
pub const ARTICLE_HEADERS: &[&str] = &["article id", "article", "kb id", "kb article", "id"];
pub const COUNT_HEADERS: &[&str] = &[
    "deflections",
    "deflection",
    "deflection count",
    "deflections estimate",
    "estimate",
    "count",
];

/// Each article's deflection count in an analytics export (the file
/// `name`), in file order. Columns are found by header unless named; rows
/// for one article add up, as analytics often splits by channel.
pub fn deflection_counts(
    text: &str,
    name: &str,
    id_column: Option<&str>,
    count_column: Option<&str>,
) -> crate::Result<Vec<(String, i64)>> {
    use super::sample::{Table, norm_header};
    use crate::error::{Error, Location};
    if text.trim().is_empty() {
        return Err(Error::invalid(format!("{name} is empty")));
    }
    let table = Table::read(text)
        .ok_or_else(|| Error::invalid(format!("{name} is not a CSV with a header line")))?;
    let headers = table.headers;
    let normed: Vec<String> = headers.iter().map(|h| norm_header(h)).collect();
    let column = |flag: &str, what: &str, given: Option<&str>, wanted: &[&str]| match given {
        Some(g) => normed
            .iter()
            .position(|h| *h == norm_header(g))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{flag}: {name} has no column '{g}' (columns: {})",
                    headers.join(", ")
                ))
            }),
        None => wanted
            .iter()
            .find_map(|w| normed.iter().position(|h| h == w))
            .ok_or_else(|| {
                Error::invalid(format!("{name} has no {what} column")).with_hint(format!(
                    "its columns are {}; name one with {flag}",
                    headers.join(", ")
                ))
            }),
    };
    let id_col = column("--id-column", "article id", id_column, ARTICLE_HEADERS)?;
    let count_col = column("--count-column", "count", count_column, COUNT_HEADERS)?;
    let mut counts: Vec<(String, i64)> = Vec::new();
    for (line, row) in table.rows {
        let Some(id) = row.get(id_col).map(|s| s.trim()).filter(|s| !s.is_empty()) else {
            continue;
        };
        let raw = row.get(count_col).map(|s| s.trim()).unwrap_or("");
        let n: i64 = raw
            .replace([',', '_', ' '], "")
            .parse()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                Error::invalid(format!("count '{raw}' is not a whole number >= 0"))
                    .at(Location::file(name).line(line))
            })?;
        match counts.iter_mut().find(|(x, _)| x.eq_ignore_ascii_case(id)) {
            Some((_, c)) => *c += n,
            None => counts.push((id.to_string(), n)),
        }
    }
    Ok(counts)
}

/// The article an analytics id names: by its `article_id`, else by a
/// unique prefix of its entry id.
pub fn find_article<'a, T>(kb: &'a [T], id: &str, entry: impl Fn(&T) -> &Entry) -> Option<&'a T> {
    kb.iter()
        .find(|i| {
            entry(i)
                .field_str("article_id")
                .is_some_and(|a| a.eq_ignore_ascii_case(id))
        })
        .or_else(|| {
            if id.len() < crate::entry::MIN_PREFIX {
                return None;
            }
            let mut m = kb.iter().filter(|i| entry(i).id.as_str().starts_with(id));
            let first = m.next();
            first.filter(|_| m.next().is_none())
        })
}

/// Records an imported estimate: it replaces the previous one, as analytics
/// reports a total, not an increment.
pub fn set_estimate(e: &mut Entry, n: i64, today: NaiveDate) {
    set_int(e, "deflection_estimate", n);
    e.fields.insert(
        "deflection_estimate_date".into(),
        toml::Value::String(today.to_string()),
    );
}

/// One article an import gave an estimate, as its output lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Estimated {
    pub id: String,
    pub path: String,
    pub deflection_estimate: i64,
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

    #[test]
    fn analytics_rows_add_up_per_article_and_a_bad_count_names_its_line() {
        let csv =
            "Article ID,Channel,Deflections\nKB-1,web,1,200\nkb-1,chat,5\nKB-2,web,3\n,web,9\n";
        // A quoted thousands separator and split channels.
        let csv = csv.replace("1,200", "\"1,200\"");
        let c = deflection_counts(&csv, "a.csv", None, None).unwrap();
        assert_eq!(c, vec![("KB-1".to_string(), 1205), ("KB-2".to_string(), 3)]);
        let err = deflection_counts("id,count\nKB-1,many\n", "a.csv", None, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.csv:2: count 'many' is not a whole number >= 0"
        );
        let err = deflection_counts("id,views\nKB-1,3\n", "a.csv", None, None).unwrap_err();
        assert_eq!(err.message(), "a.csv has no count column");
        assert!(deflection_counts("x,y\n", "a.csv", Some("nope"), None).is_err());
    }

    #[test]
    fn articles_are_found_by_article_id_or_unique_prefix() {
        let mut a = kb("2026-01-01", &[("article_id", "KB-7")]);
        a.id = crate::entry::EntryId::parse_lenient("kkkkmmmmnnnn").unwrap();
        let mut b = kb("2026-01-01", &[]);
        b.id = crate::entry::EntryId::parse_lenient("kkkkpppppppp").unwrap();
        let all = [a, b];
        let by = |id| find_article(&all, id, |e| e).map(|e| e.id.to_string());
        assert_eq!(by("kb-7"), Some(all[0].id.to_string()));
        assert_eq!(by("kkkkp"), Some(all[1].id.to_string()));
        assert_eq!(by("kkkk"), None, "ambiguous");
    }

    #[test]
    fn a_check_records_the_day_and_counts_fixes() {
        let today = ymd("2026-11-24");
        let mut e = kb("2026-01-01", &[("search_terms", "refund")]);
        e.fields.insert(
            "search_terms".into(),
            toml::Value::Array(vec![toml::Value::String("refund".into())]),
        );
        let check = Check {
            fixed: Some("30 days now".into()),
            findability: Some("Refund, charged twice".into()),
        };
        let msg = verify(&mut e, &check, today).unwrap();
        assert_eq!(msg, "kb corrected: Article");
        assert_eq!(
            e.field_list("search_terms"),
            vec!["refund", "charged twice"]
        );
        assert_eq!(
            (e.field_int("corrections"), e.field_int("findability_fixes")),
            (Some(1), Some(1))
        );
        assert_eq!(e.field_str("last_verified"), Some("2026-11-24"));
        let again = Check {
            findability: Some("refund".into()),
            ..Check::default()
        };
        assert!(verify(&mut e, &again, today).is_err(), "nothing new to add");
        assert_eq!(
            deflect(&mut e, Some(" ZD-1 "), today),
            "kb deflection: Article (ZD-1)"
        );
        assert!(e.body.contains("## Deflections\n\n- 2026-11-24: ZD-1"));
    }
}
