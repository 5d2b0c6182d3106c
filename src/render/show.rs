//! `casebook show`: entries in full (title, the line under it, case and
//! lists, the kind's fields, the body, and with `--history` its commits),
//! or the same as JSON.

use super::term::{BOLD, CYAN, DIM, Style};
use crate::entry::{Entry, escape_control, one_line};
use crate::journal::HistoryItem;

/// One entry to show, as read from its file.
pub struct Shown {
    pub entry: Entry,
    pub path: String,
    /// How many letters of the id name it uniquely.
    pub prefix_len: usize,
    /// Its commits, when asked for.
    pub history: Option<Vec<HistoryItem>>,
}

pub fn json(shown: &[Shown]) -> String {
    let entries: Vec<serde_json::Value> = shown.iter().map(entry_json).collect();
    serde_json::to_string_pretty(&serde_json::json!({ "entries": entries })).unwrap_or_default()
        + "\n"
}

fn entry_json(s: &Shown) -> serde_json::Value {
    let mut json = s.entry.to_json();
    if let Some(obj) = json.as_object_mut() {
        obj.insert("path".into(), s.path.clone().into());
        if let Some(history) = &s.history {
            let h: Vec<_> = history
                .iter()
                .map(|c| serde_json::json!({"commit": c.oid.to_string(), "summary": c.summary, "author": c.author, "email": c.email, "date": c.time.to_rfc3339()}))
                .collect();
            obj.insert("history".into(), h.into());
        }
    }
    json
}

pub fn text(shown: &[Shown], style: &Style) -> String {
    let mut out = Vec::new();
    for (i, s) in shown.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        entry_text(s, style, &mut out);
    }
    out.iter().map(|l| format!("{l}\n")).collect()
}

fn entry_text(s: &Shown, style: &Style, out: &mut Vec<String>) {
    let entry = &s.entry;
    out.push(style.paint(BOLD, &one_line(&entry.title)));
    out.push(format!(
        "{} · {} · {} · {} · {}",
        style.id(entry.id.as_str(), s.prefix_len),
        style.paint(CYAN, entry.kind.as_str()),
        entry.created.format("%Y-%m-%d %H:%M"),
        entry.person,
        style.paint(DIM, &s.path)
    ));
    let meta = meta_line(entry);
    if !meta.is_empty() {
        out.push(style.paint(DIM, &meta));
    }
    for spec in entry.kind.fields() {
        if let Some(v) = entry.fields.get(spec.name) {
            let shown = match v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().unwrap_or("").to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            out.push(format!(
                "{}: {}",
                style.paint(BOLD, spec.name),
                escape_control(&shown)
            ));
        }
    }
    if !entry.body.trim().is_empty() {
        out.push(String::new());
        out.push(escape_control(entry.body.trim_end()));
    }
    if let Some(history) = &s.history {
        out.push(String::new());
        out.push(style.paint(BOLD, "History"));
        for c in history {
            out.push(format!(
                "{}  {}  {}  {}",
                style.paint(DIM, &c.oid.to_string()[..10]),
                c.time.format("%Y-%m-%d %H:%M"),
                one_line(&c.author),
                one_line(&c.summary)
            ));
        }
    }
}

/// Case, skills, tags, products, links and privacy on one line.
fn meta_line(entry: &Entry) -> String {
    let mut meta = Vec::new();
    if let Some(c) = &entry.case {
        meta.push(format!("case {}", one_line(c)));
    }
    for (label, list) in [
        ("skills", &entry.skills),
        ("tags", &entry.tags),
        ("products", &entry.products),
        ("links", &entry.links),
    ] {
        if !list.is_empty() {
            meta.push(format!("{label} {}", one_line(&list.join(", "))));
        }
    }
    if entry.private {
        meta.push("private".into());
    }
    meta.join(" · ")
}
