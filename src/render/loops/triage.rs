//! `casebook escalation triage` as text and JSON.

use super::{Out, json_text};
use crate::entry::one_line;
use crate::loops::triage::{Summary, Ticket, Written};

/// "3 triaged (1 should have handled, …), 0 skipped, 2 already triaged"
pub fn summary(s: &Summary) -> String {
    format!(
        "{} triaged ({} should have handled, {} correctly escalated, {} escalated late), {} skipped, {} already triaged",
        s.triaged, s.split[0], s.split[1], s.split[2], s.skipped, s.already
    )
}

/// The question asked about one ticket on a terminal.
pub fn question(t: &Ticket, n: usize, total: usize) -> String {
    format!(
        "[{n}/{total}] {}  {}\n  s should have handled · c correctly escalated · l late · Enter skip · q quit?",
        one_line(&t.id),
        t.subject.as_deref().map(one_line).unwrap_or_default()
    )
}

/// What a dry run would write: one line per entry.
pub fn dry_run_text(written: &[Written]) -> String {
    let mut out = Out::default();
    for w in written {
        out.line(format!("{} {}  {} {}", w.id, w.path, w.case, w.category));
    }
    out.done()
}

/// What was written: `ID PATH` per entry.
pub fn text(written: &[Written]) -> String {
    let mut out = Out::default();
    for w in written {
        out.line(format!("{} {}", w.id, w.path));
    }
    out.done()
}

pub fn json(s: &Summary, commit: &str, written: &[Written]) -> String {
    json_text(&serde_json::json!({
        "triaged": s.triaged,
        "skipped": s.skipped,
        "already_triaged": s.already,
        "split": {
            "should_have_handled": s.split[0],
            "correctly_escalated": s.split[1],
            "escalated_late": s.split[2],
        },
        "commit": commit,
        "entries": written,
    }))
}
