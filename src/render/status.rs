//! `casebook status`: the week at a glance as text, or the same figures as
//! JSON.

use super::term::{BOLD, DIM, Style, YELLOW};
use crate::entry::one_line;
use crate::status::Status;
use serde_json::json;

pub fn json(s: &Status) -> String {
    let value = json!({
        "person": s.person,
        "week": crate::dates::iso_week_label(s.today),
        "entries_this_week": s.entries_this_week,
        "qa_samples": {"done": s.qa_done, "target": s.qa_target},
        "explore_minutes": {"done": s.explore_done, "target": s.explore_target},
        "drafts": s.drafts.iter().map(|d| json!({"id": d.entry.id, "title": d.entry.title, "case": d.entry.case, "created": d.entry.created.to_rfc3339(), "path": d.path})).collect::<Vec<_>>(),
        "kept_drafts": s.kept.iter().map(|d| json!({"name": d.name, "file": d.file.display().to_string(), "title": d.title(), "reason": d.meta.reason})).collect::<Vec<_>>(),
        "focus": s.focus.as_ref().map(|f| json!({"id": f.id, "skill": f.skill, "since": f.since.to_string()})),
        "kb_overdue": s.kb_overdue.iter().map(|a| json!({"id": a.id, "title": a.title, "review_due": a.review_due.map(|d| d.to_string()), "days_overdue": a.days_overdue})).collect::<Vec<_>>(),
        "pending_predictions": s.pending.iter().map(|d| json!({"id": d.entry.id, "title": d.entry.title, "created": d.entry.created.to_rfc3339()})).collect::<Vec<_>>(),
        "uncommitted": s.uncommitted,
        "conflict_copies": s.conflict_copies,
        "head": s.head,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

pub fn text(s: &Status, style: &Style) -> String {
    let mut out = Lines::default();
    out.push(style.paint(
        BOLD,
        &format!(
            "{} · week {} (since {})",
            s.person,
            crate::dates::iso_week_label(s.today),
            s.week_start
        ),
    ));
    out.push(format!(
        "  {} entries this week · QA samples {}/{} · exploration {}/{} min",
        s.entries_this_week, s.qa_done, s.qa_target, s.explore_done, s.explore_target
    ));
    match &s.focus {
        Some(f) => out.push(format!("  focus: {} (since {})", f.skill, f.since)),
        None => out.push(style.paint(
            DIM,
            "  no focus skill this month: casebook skill focus SKILL -m WHY",
        )),
    }
    if !s.kb_overdue.is_empty() {
        out.push(style.paint(
            YELLOW,
            &format!(
                "  {} kb article(s) overdue for verification: casebook kb stale",
                s.kb_overdue.len()
            ),
        ));
    }
    if !s.conflict_copies.is_empty() {
        let n = s.conflict_copies.len();
        out.push(style.paint(
            YELLOW,
            &format!(
                "  {n} conflict cop{} from sync: casebook check lists {}; merge each into its entry (casebook show PATH), then casebook rm PATH --yes",
                if n == 1 { "y" } else { "ies" },
                if n == 1 { "it" } else { "them" }
            ),
        ));
        for c in s.conflict_copies.iter().take(10) {
            out.push(format!("    {c}"));
        }
    }
    out.push(String::new());
    drafts(s, style, &mut out);
    out.push(String::new());
    pending(s, style, &mut out);
    out.push(String::new());
    if !s.uncommitted.is_empty() {
        out.push(style.paint(
            YELLOW,
            &format!(
                "{} entry file(s) changed by hand and not committed:",
                s.uncommitted.len()
            ),
        ));
        for d in s.uncommitted.iter().take(10) {
            out.push(format!("  {d}"));
        }
        out.push(style.paint(
            DIM,
            "  search shows their committed text until you commit them (git commit -am ...)",
        ));
    }
    out.push(style.paint(
        DIM,
        &format!(
            "journal at {} · {}",
            s.head.as_deref().unwrap_or("no commits"),
            s.root
        ),
    ));
    out.0
}

#[derive(Default)]
struct Lines(String);

impl Lines {
    fn push(&mut self, line: String) {
        self.0.push_str(&line);
        self.0.push('\n');
    }
}

fn drafts(s: &Status, style: &Style, out: &mut Lines) {
    if s.drafts.is_empty() {
        out.push(style.paint(DIM, "No open drafts."));
    } else {
        out.push(style.paint(BOLD, &format!("Open drafts ({})", s.drafts.len())));
        for d in &s.drafts {
            let age = s.age_of(d);
            let old = if age > s.draft_age_warning_days {
                style.paint(YELLOW, &format!("  {age} days old"))
            } else {
                String::new()
            };
            let case = d
                .entry
                .case
                .as_deref()
                .map(|c| format!("{c}  "))
                .unwrap_or_default();
            out.push(format!(
                "  {}  {case}{}{old}",
                &d.entry.id.as_str()[..6],
                one_line(&d.entry.title)
            ));
        }
        out.push(style.paint(
            DIM,
            "  turn one into an entry: casebook new KIND --from-draft ID",
        ));
    }
    if !s.kept.is_empty() {
        out.push(style.paint(
            YELLOW,
            &format!(
                "Kept texts not committed ({}): casebook drafts lists them, casebook drafts resume NAME finishes one",
                s.kept.len()
            ),
        ));
    }
}

fn pending(s: &Status, style: &Style, out: &mut Lines) {
    if s.pending.is_empty() {
        out.push(style.paint(DIM, "No predictions waiting for their actual cause."));
        return;
    }
    out.push(style.paint(BOLD, &format!("Predictions waiting ({})", s.pending.len())));
    for d in s.pending.iter().take(10) {
        out.push(format!(
            "  {}  {}  {}",
            &d.entry.id.as_str()[..6],
            d.entry.created.format("%Y-%m-%d"),
            one_line(&d.entry.title)
        ));
    }
    out.push(style.paint(
        DIM,
        "  record the actual: casebook resolve ID --actual \"...\" --verdict hit|partial|miss",
    ));
}
