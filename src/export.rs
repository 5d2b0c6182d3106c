//! What `casebook export` writes, as text or files: CSV with every field
//! (so `import` reads it back to the same entries) and a folder of entry
//! files in the journal's own layout. No clap, no printing.

use crate::entry::{Entry, Kind, toml_to_json};
use std::path::{Path, PathBuf};

/// The columns every casebook CSV starts with (`list --format csv` too).
pub const CSV_HEADER: &str = "id,created,kind,person,title,case,tags,skills,products";

/// The columns an export adds after `body`: everything else an entry
/// holds, so that the file imports back to the same entries.
pub const CSV_MORE: &[&str] = &[
    "updated",
    "tier",
    "links",
    "private",
    "aliases",
    "imported_from",
    "import_hash",
];

/// The export as CSV: the common columns, `body`, the other common
/// fields, then one column per kind field any exported entry has (in the
/// order `casebook help kinds` lists them). Lists are `a;b`, or a JSON
/// array when an item holds a `,` or `;`.
pub fn csv(entries: &[Entry]) -> String {
    let fields = field_columns(entries);
    let mut out = String::new();
    out.push_str(CSV_HEADER);
    out.push_str(",body");
    for c in CSV_MORE.iter().copied().chain(fields.iter().copied()) {
        out.push(',');
        out.push_str(&csv_cell(c));
    }
    out.push('\n');
    for e in entries {
        let mut row = common_cells(e);
        row.push(e.body.clone());
        row.extend([
            e.updated.map(|d| d.to_rfc3339()).unwrap_or_default(),
            e.tier.clone().unwrap_or_default(),
            list_cell(&e.links),
            if e.private { "true" } else { "" }.to_string(),
            list_cell(&e.aliases),
            e.imported_from.clone().unwrap_or_default(),
            e.import_hash.clone().unwrap_or_default(),
        ]);
        for name in &fields {
            row.push(e.fields.get(*name).map(field_cell).unwrap_or_default());
        }
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// The cells of `CSV_HEADER` for one entry.
pub fn common_cells(e: &Entry) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.created.to_rfc3339(),
        e.kind.to_string(),
        e.person.clone(),
        e.title.clone(),
        e.case.clone().unwrap_or_default(),
        e.tags.join(";"),
        e.skills.join(";"),
        e.products.join(";"),
    ]
}

/// The kind fields the entries use, each once, in kind order.
fn field_columns(entries: &[Entry]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for kind in Kind::ALL {
        if !entries.iter().any(|e| e.kind == *kind) {
            continue;
        }
        for spec in kind.fields() {
            let used = entries
                .iter()
                .any(|e| e.kind == *kind && e.fields.contains_key(spec.name));
            if used && !out.contains(&spec.name) && !CSV_MORE.contains(&spec.name) {
                out.push(spec.name);
            }
        }
    }
    out
}

/// A list as one cell: `a;b`, or JSON when an item holds a separator.
fn list_cell(items: &[String]) -> String {
    if items
        .iter()
        .any(|i| i.contains([',', ';']) || i.starts_with('['))
    {
        serde_json::to_string(items).unwrap_or_default()
    } else {
        items.join(";")
    }
}

/// A kind field's value as one cell: text as it is, numbers and booleans
/// as written, a list as a JSON array (its items may hold commas).
fn field_cell(value: &toml::Value) -> String {
    match toml_to_json(value) {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Why a folder export stopped.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0} exists and is not a folder; --format md writes a folder, one file per entry")]
    NotAFolder(PathBuf),
    #[error("{0} exists with other text; export into an empty folder (nothing was written)")]
    WouldOverwrite(PathBuf),
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, std::io::Error),
}

/// Writes each `(path in the journal, file text)` under `dir`, the
/// journal's own layout. A file already there with the same text is left
/// as it is (an export run again); one with other text stops the export
/// before anything is written.
pub fn write_folder(dir: &Path, files: &[(String, String)]) -> Result<usize, FolderError> {
    if dir.exists() && !dir.is_dir() {
        return Err(FolderError::NotAFolder(dir.to_path_buf()));
    }
    let mut todo = Vec::with_capacity(files.len());
    for (rel, text) in files {
        let target = dir.join(rel);
        match std::fs::read(&target) {
            Ok(have) if have == text.as_bytes() => {}
            Ok(_) => return Err(FolderError::WouldOverwrite(target)),
            Err(_) if target.is_dir() => return Err(FolderError::WouldOverwrite(target)),
            Err(_) => todo.push((target, text)),
        }
    }
    for (target, text) in &todo {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| FolderError::Write(parent.into(), e))?;
        }
        crate::journal::atomic_write(target, text.as_bytes()).map_err(|e| {
            FolderError::Write(target.clone(), std::io::Error::other(format!("{e:#}")))
        })?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_with_a_comma_quote_or_newline_is_quoted() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }
    use chrono::TimeZone;

    fn entry(kind: Kind, title: &str) -> Entry {
        let at = chrono::FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2025, 7, 14, 9, 0, 0)
            .unwrap();
        Entry::new(kind, title, "ana", at)
    }

    #[test]
    fn csv_has_a_column_for_every_field_used() {
        let mut e = entry(Kind::Escalation, "Refund, twice");
        let spec = Kind::Escalation.fields()[0].name;
        e.fields
            .insert(spec.into(), toml::Value::String("x".into()));
        e.links = vec!["a;b".into()];
        e.tier = Some("t2".into());
        let text = csv(&[e, entry(Kind::Note, "plain")]);
        let header = text.lines().next().unwrap();
        assert!(header.starts_with(&format!("{CSV_HEADER},body,updated,tier,links,private")));
        assert!(header.ends_with(&format!(",{spec}")), "{header}");
        assert!(text.contains("\"[\"\"a;b\"\"]\""), "{text}");
        assert!(text.contains(",t2,"), "{text}");
    }

    #[test]
    fn a_folder_export_never_writes_over_other_text() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("people/ana/a.md".to_string(), "one".to_string())];
        assert_eq!(write_folder(dir.path(), &files).unwrap(), 1);
        // Run again: the same text is no conflict.
        assert_eq!(write_folder(dir.path(), &files).unwrap(), 1);
        let other = vec![
            ("people/ana/b.md".to_string(), "two".to_string()),
            ("people/ana/a.md".to_string(), "changed".to_string()),
        ];
        assert!(matches!(
            write_folder(dir.path(), &other),
            Err(FolderError::WouldOverwrite(_))
        ));
        assert!(!dir.path().join("people/ana/b.md").exists());
    }
}
