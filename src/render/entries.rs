//! Lists of entries (`list`, `case`, `export`): one line each as text,
//! JSON, JSON Lines or CSV, all from the same indexed entries.

use super::term::{CYAN, DIM, MAGENTA, Style};
use crate::entry::{Entry, one_line};
use crate::export;
use crate::index::IndexedEntry;

/// An entry as JSON without its body (the index keeps none), with its path.
pub fn entry_json(item: &IndexedEntry) -> serde_json::Value {
    let mut json = item.entry.to_json();
    if let Some(obj) = json.as_object_mut() {
        obj.remove("body");
        obj.insert("path".into(), item.path.clone().into());
    }
    json
}

pub fn json(items: &[IndexedEntry]) -> String {
    let list: Vec<_> = items.iter().map(entry_json).collect();
    serde_json::to_string_pretty(&serde_json::json!({ "entries": list })).unwrap_or_default() + "\n"
}

pub fn jsonl(items: &[IndexedEntry]) -> String {
    items
        .iter()
        .map(|i| entry_json(i).to_string() + "\n")
        .collect()
}

pub fn csv(items: &[IndexedEntry]) -> String {
    let mut out = format!("{},path\n", export::CSV_HEADER);
    for i in items {
        out.push_str(&csv_row(&i.entry, &i.path));
        out.push('\n');
    }
    out
}

/// One CSV row: the common columns of `export`'s CSV, then `last` (a path).
fn csv_row(e: &Entry, last: &str) -> String {
    let mut cells = export::common_cells(e);
    cells.push(last.to_string());
    cells
        .iter()
        .map(|c| export::csv_cell(c))
        .collect::<Vec<_>>()
        .join(",")
}

/// `ID  DATE  KIND  PERSON  TITLE  case  #tags` for one entry; `id` is
/// the id as shown (its unique prefix marked).
pub fn entry_line(item: &IndexedEntry, id: &str, style: &Style) -> String {
    let e = &item.entry;
    let mut line = format!(
        "{id}  {}  {:<12} {:<14} {}",
        e.created.format("%Y-%m-%d"),
        style.paint(CYAN, e.kind.as_str()),
        style.paint(MAGENTA, &e.person),
        one_line(&e.title)
    );
    if let Some(case) = &e.case {
        line.push_str(&format!("  {}", style.paint(DIM, &one_line(case))));
    }
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| format!("#{}", one_line(t))).collect();
        line.push_str(&format!("  {}", style.paint(DIM, &tags.join(" "))));
    }
    if e.private {
        line.push_str(&format!("  {}", style.paint(DIM, "(private)")));
    }
    line
}
