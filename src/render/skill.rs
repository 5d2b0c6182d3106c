//! `casebook skill list` and `casebook skill focus`: the tree with where
//! the person stands, and the open focus with the month's practice, as
//! text or JSON.

use super::term::{BOLD, DIM, GREEN, Style};
use crate::entry::{Entry, one_line};
use crate::loops::SkillRow;
use crate::skills::{SKILL_GROUPS, SkillsTree};

pub fn list_json(
    person: &str,
    rows: &[SkillRow],
    focus: Option<&Entry>,
    tree: &SkillsTree,
) -> String {
    pretty(&serde_json::json!({
        "person": person,
        "skills": rows,
        "focus": focus.map(|f| focus_json(f, tree)),
    }))
}

pub fn list_text(person: &str, rows: &[SkillRow], focus: Option<&Entry>, style: &Style) -> String {
    let mut out = vec![style.paint(BOLD, &format!("Skills · {person}"))];
    for group in SKILL_GROUPS {
        let in_group: Vec<_> = rows.iter().filter(|r| r.group == *group).collect();
        if in_group.is_empty() {
            continue;
        }
        out.push(String::new());
        out.push(style.paint(BOLD, group));
        for r in in_group {
            let level = r.current.as_ref().map_or_else(
                || style.paint(DIM, "not rated"),
                |c| format!("{} ({}, {})", c.level, c.rater, c.date),
            );
            let mark = if r.focus {
                style.paint(GREEN, "  ← focus")
            } else {
                String::new()
            };
            out.push(format!(
                "  {:<34} {:<30} {}{mark}",
                r.id,
                level,
                style.paint(
                    DIM,
                    &format!("{} rating(s), {} entries", r.ratings, r.evidence)
                ),
            ));
        }
    }
    if focus.is_none() {
        out.push(String::new());
        out.push(style.paint(
            DIM,
            "No focus this month: casebook skill focus SKILL -m WHY",
        ));
    }
    lines(out)
}

fn focus_json(f: &Entry, tree: &SkillsTree) -> serde_json::Value {
    let skill = f.field_str("skill").unwrap_or("");
    serde_json::json!({
        "id": f.id,
        "skill": skill,
        "name": tree.get(skill).map(|s| s.name.clone()),
        "since": f.created.date_naive().to_string(),
        "month": crate::dates::month_label(f.created.date_naive()),
        "trigger_case": f.field_str("trigger_case"),
        "why": f.body.trim(),
        "status": f.field_str("status").unwrap_or("open"),
    })
}

/// The few fields a report lists about an entry.
pub fn brief_json(e: &Entry) -> serde_json::Value {
    serde_json::json!({
        "id": e.id,
        "kind": e.kind.as_str(),
        "title": e.title,
        "created": e.created.to_rfc3339(),
        "case": e.case,
    })
}

/// No open focus, under `--json`.
pub fn no_focus_json() -> String {
    pretty(&serde_json::json!({"focus": null, "entries": []}))
}

pub fn focus_view_json(f: &Entry, tree: &SkillsTree, practice: &[&Entry]) -> String {
    let entries: Vec<_> = practice.iter().map(|e| brief_json(e)).collect();
    pretty(&serde_json::json!({"focus": focus_json(f, tree), "entries": entries}))
}

/// The open focus and the month's practice; `id_of` gives each entry's id
/// as it is shown (its unique prefix marked).
pub fn focus_view_text(
    f: &Entry,
    tree: &SkillsTree,
    practice: &[&Entry],
    month: &str,
    style: &Style,
    id_of: &dyn Fn(&Entry) -> String,
) -> String {
    let skill = f.field_str("skill").unwrap_or("");
    let name = tree
        .get(skill)
        .map_or(skill.to_string(), |s| s.name.clone());
    let mut out = vec![format!(
        "{} {}",
        style.paint(
            BOLD,
            &format!("Focus: {name} (since {})", f.created.date_naive())
        ),
        id_of(f)
    )];
    if !f.body.trim().is_empty() {
        out.push(format!("  why: {}", one_line(f.body.trim())));
    }
    out.push(String::new());
    if practice.is_empty() {
        out.push(style.paint(
            DIM,
            &format!("No entries practised {skill} in {month} yet."),
        ));
    } else {
        out.push(format!("Practised in {month} ({}):", practice.len()));
        for e in practice {
            out.push(format!(
                "  {}  {}  {:<10} {}",
                id_of(e),
                e.created.format("%Y-%m-%d"),
                e.kind,
                one_line(&e.title)
            ));
        }
    }
    lines(out)
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

fn lines(out: Vec<String>) -> String {
    out.iter().map(|l| format!("{l}\n")).collect()
}
