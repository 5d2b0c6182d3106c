//! `casebook metrics import | report` as text and JSON.

use super::{Out, json_text};
use crate::entry::{Entry, one_line};
use crate::loops::metrics::small_n;

/// What a dry run would write: person and title per entry.
pub fn dry_run_text(entries: &[Entry]) -> String {
    let mut out = Out::default();
    for e in entries {
        out.line(format!("{}  {}", e.person, e.title));
    }
    out.done()
}

pub fn imported_text(n: usize, commit: &str) -> String {
    format!("imported {n} metric entries ({commit})\n")
}

pub fn imported_json(n: usize, commit: &str, warnings: &[String]) -> String {
    json_text(&serde_json::json!({"imported": n, "commit": commit, "warnings": warnings}))
}

pub fn report_json(entries: &[&Entry]) -> String {
    let rows: Vec<_> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "person": e.person,
                "period": e.field_str("period"),
                "csat": e.field_f64("csat"),
                "csat_n": e.field_int("csat_n"),
                "reopen_rate": e.field_f64("reopen_rate"),
                "fcr": e.field_f64("fcr"),
                "qa_score": e.field_f64("qa_score"),
                "cases_handled": e.field_int("cases_handled"),
                "source": e.field_str("source"),
                "small_n": small_n(e),
            })
        })
        .collect();
    json_text(&serde_json::json!({ "metrics": rows }))
}

pub fn report_text(entries: &[&Entry]) -> String {
    let mut out = Out::default();
    out.line(format!(
        "{:<16} {:<10} {:>12} {:>8} {:>6} {:>6} {:>7}  source",
        "person", "period", "CSAT (n)", "re-open", "FCR", "QA", "cases"
    ));
    let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_else(|| "-".into());
    for e in entries {
        let csat = match (e.field_f64("csat"), e.field_int("csat_n")) {
            (Some(c), Some(n)) => format!("{c} ({n})"),
            (Some(c), None) => format!("{c} (?)"),
            _ => "-".into(),
        };
        out.line(format!(
            "{:<16} {:<10} {:>12} {:>8} {:>6} {:>6} {:>7}  {}{}",
            e.person,
            e.field_str("period").unwrap_or("-"),
            csat,
            num(e.field_f64("reopen_rate")),
            num(e.field_f64("fcr")),
            num(e.field_f64("qa_score")),
            e.field_int("cases_handled")
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            one_line(e.field_str("source").unwrap_or("-")),
            if small_n(e) { "  (n < 30: a hint)" } else { "" }
        ));
    }
    out.done()
}
