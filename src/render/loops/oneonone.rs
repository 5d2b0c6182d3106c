//! `casebook 1on1 prep` as text and JSON.

use super::{Out, Style, json_text};
use crate::entry::{Entry, one_line};
use crate::loops::oneonone::Prep;

/// How many entries the text lists, newest first.
pub const SHOWN: usize = 12;

pub fn prep_json(p: &Prep) -> String {
    let brief = |e: &Entry| serde_json::json!({"id": e.id, "kind": e.kind.as_str(), "date": e.created.date_naive().to_string(), "title": e.title});
    json_text(&serde_json::json!({
        "person": p.with,
        "since": p.since.map(|d| d.to_string()),
        "last_1on1": p.last.map(|d| d.to_string()),
        "entries_by_kind": p.by_kind,
        "entries": p.entries.iter().map(brief).collect::<Vec<_>>(),
        "open_goals": p.open_goals.iter().map(brief).collect::<Vec<_>>(),
        "open_actions": p.open_actions,
        "pending_predictions": p.pending().into_iter().map(brief).collect::<Vec<_>>(),
    }))
}

/// The preparation; `list_all` is the command that lists every entry,
/// shown when the list is shortened.
pub fn prep_text(p: &Prep, list_all: &str, style: &Style) -> String {
    let mut out = Out::default();
    let from = match (p.last, p.since) {
        (Some(d), _) if !p.since_given => format!("since the last one on {d}"),
        (_, Some(s)) => format!("since {s}"),
        _ => "no earlier 1:1 recorded; everything so far".to_string(),
    };
    out.line(style.bold(&format!("1:1 with {}: {from}", p.with)));
    out.line("");
    if p.open_actions.is_empty() {
        out.line("Actions from last time: none recorded");
    } else {
        out.line("Actions from last time:");
        for a in &p.open_actions {
            out.line(format!("  - {}", one_line(a)));
        }
    }
    out.line("");
    let counts: Vec<String> = p.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    out.line(format!(
        "Entries: {}",
        if counts.is_empty() {
            "none".to_string()
        } else {
            counts.join(", ")
        }
    ));
    for e in p.entries.iter().rev().take(SHOWN) {
        out.line(format!(
            "  {}  {:<11} {}",
            e.created.date_naive(),
            e.kind.as_str(),
            one_line(&e.title)
        ));
    }
    // A shortened list says so, and how to see all of it.
    if p.entries.len() > SHOWN {
        out.line(style.dim(&format!(
            "  … the newest {SHOWN} of {}; all of them: {list_all}",
            p.entries.len()
        )));
    }
    if !p.open_goals.is_empty() {
        out.line("");
        out.line("Open goals:");
        for g in &p.open_goals {
            out.line(format!(
                "  {}  due {}",
                one_line(&g.title),
                g.field_str("due").unwrap_or("-")
            ));
        }
    }
    let pending = p.pending().len();
    if pending > 0 {
        out.line("");
        out.line(format!("Predictions waiting for their actual: {pending}"));
    }
    out.line("");
    out.line(style.dim(&format!(
        "afterwards: casebook 1on1 note {} -m \"...\" --action \"owner: what\"",
        p.with
    )));
    out.done()
}
