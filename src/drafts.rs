//! Texts a person typed that are not (yet) an entry: kept when a write was
//! refused (personal data, an invalid field), when the editor's text did not
//! validate, when Ctrl-C ended the questions, or when an interrupted write
//! was rolled back. They live in `.git/casebook/drafts/`, never committed,
//! one Markdown file each (the whole entry: title, case, fields, body) with
//! an optional `.toml` beside it saying what the write was.
//!
//! `casebook drafts` lists them; `casebook drafts resume NAME` runs the
//! write again with everything that was typed.

use crate::entry::{self, Entry};
use crate::journal::Journal;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the write that kept a draft was, so that resuming it does the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftMeta {
    /// The operation: `new`, `edit`, `resolve`, `feedback`, ...
    #[serde(default)]
    pub op: String,
    /// The file an edit writes back to; none for a new entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Files the write removes (the jot a `--from-draft` entry replaces).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// The commit subject, with `{title}` for the entry's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Why it was kept, in a few words.
    #[serde(default)]
    pub reason: String,
}

/// One kept draft.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Its name: the path under the drafts folder without `.md`.
    pub name: String,
    /// The Markdown file.
    pub file: PathBuf,
    pub meta: DraftMeta,
    pub saved: Option<chrono::DateTime<chrono::Local>>,
}

#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("no kept draft is named '{0}'")]
    NotFound(String),
    #[error("'{given}' names several kept drafts: {}", .names.join(", "))]
    Ambiguous { given: String, names: Vec<String> },
}

impl Draft {
    /// The entry the draft holds, or where its text stops being one.
    pub fn entry(&self) -> Result<Entry, String> {
        let text = std::fs::read_to_string(&self.file)
            .map_err(|e| format!("{}: {e}", self.file.display()))?;
        let text: String = text
            .lines()
            .skip_while(|l| l.starts_with("<!-- error:"))
            .map(|l| format!("{l}\n"))
            .collect();
        match entry::parse(&text, &self.name) {
            Ok(parsed) => match parsed.problems.first() {
                None => {
                    let mut e = parsed.entry;
                    e.body = entry::strip_guidance(&e.body);
                    Ok(e)
                }
                Some(p) => Err(format!("{}:{p}", self.file.display())),
            },
            Err(p) => Err(format!("{}:{p}", self.file.display())),
        }
    }

    /// The title as far as it can be read, for listings.
    pub fn title(&self) -> String {
        match self.entry() {
            Ok(e) => e.title,
            Err(_) => std::fs::read_to_string(&self.file)
                .ok()
                .and_then(|t| {
                    t.lines()
                        .find_map(|l| l.trim().strip_prefix("title = ").map(str::to_string))
                })
                .map(|t| t.trim_matches('"').to_string())
                .unwrap_or_default(),
        }
    }
}

fn meta_path(file: &Path) -> PathBuf {
    file.with_extension("toml")
}

/// Keeps `entry` as a draft named after its kind and id (`edit-ID` for an
/// edit), replacing an older draft of the same entry.
pub fn keep(journal: &Journal, entry: &Entry, meta: &DraftMeta) -> Result<Draft> {
    let name = name_of(entry, meta.path.is_some());
    keep_text(journal, &name, &entry.to_markdown(), meta)
}

/// The name a draft of `entry` is kept under: `KIND-ID` for a new entry,
/// `edit-ID` for a change to one that has a file. The editor's buffer and
/// the Ctrl-C copy use the same name, so each entry has one draft.
pub fn name_of(entry: &Entry, is_edit: bool) -> String {
    if is_edit {
        format!("edit-{}", entry.id)
    } else {
        format!("{}-{}", entry.kind, entry.id)
    }
}

/// The Markdown file a draft named `name` lives in.
pub fn file_of(journal: &Journal, name: &str) -> PathBuf {
    journal.drafts_dir().join(format!("{name}.md"))
}

/// Keeps a text under `name`, with what the write was beside it.
pub fn keep_text(journal: &Journal, name: &str, text: &str, meta: &DraftMeta) -> Result<Draft> {
    let file = file_of(journal, name);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    crate::journal::atomic_write(&file, text.as_bytes())
        .with_context(|| format!("cannot keep the draft in {}", file.display()))?;
    let toml = toml::to_string(meta).unwrap_or_default();
    crate::journal::atomic_write(&meta_path(&file), toml.as_bytes())
        .with_context(|| format!("cannot keep the draft in {}", file.display()))?;
    Ok(Draft {
        name: name.to_string(),
        meta: meta.clone(),
        saved: Some(chrono::Local::now()),
        file,
    })
}

/// Every kept draft, oldest first. Editor buffers of a command still
/// running are drafts too: if that command is killed, they are all that
/// is left of the text.
pub fn list(journal: &Journal) -> Vec<Draft> {
    let dir = journal.drafts_dir();
    let mut out = Vec::new();
    collect(&dir, &dir, &mut out);
    out.sort_by(|a, b| a.saved.cmp(&b.saved).then_with(|| a.name.cmp(&b.name)));
    out
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<Draft>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for item in read.flatten() {
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a temporary file of a write in progress
        }
        if path.is_dir() {
            collect(root, &path, out);
            continue;
        }
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let rel = path
            .parent()
            .and_then(|p| p.strip_prefix(root).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let name = if rel.is_empty() {
            stem.to_string()
        } else {
            format!("{rel}/{stem}")
        };
        let meta = std::fs::read_to_string(meta_path(&path))
            .ok()
            .and_then(|t| toml::from_str(&t).ok())
            .unwrap_or_else(|| DraftMeta {
                reason: if rel.starts_with("interrupted-") {
                    "an interrupted write was rolled back".into()
                } else {
                    String::new()
                },
                ..DraftMeta::default()
            });
        let saved = item
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .map(chrono::DateTime::<chrono::Local>::from);
        out.push(Draft {
            name,
            file: path,
            meta,
            saved,
        });
    }
}

/// The draft `given` names: its whole name, a unique part of it (the id
/// is enough), or its file's path.
pub fn find(journal: &Journal, given: &str) -> Result<Draft, DraftError> {
    let given = given.trim();
    let all = list(journal);
    let given_path = Path::new(given);
    if let Some(d) = all.iter().find(|d| {
        d.name == given
            || d.name.trim_end_matches(".md") == given.trim_end_matches(".md")
            || given_path.canonicalize().ok() == d.file.canonicalize().ok()
    }) {
        return Ok(d.clone());
    }
    let matching: Vec<&Draft> = all
        .iter()
        .filter(|d| !given.is_empty() && d.name.contains(given))
        .collect();
    match matching.as_slice() {
        [] => Err(DraftError::NotFound(given.to_string())),
        [one] => Ok((*one).clone()),
        many => Err(DraftError::Ambiguous {
            given: given.to_string(),
            names: many.iter().map(|d| d.name.clone()).collect(),
        }),
    }
}

/// Removes a draft (it was committed, or the person dropped it).
pub fn discard(draft: &Draft) {
    let _ = std::fs::remove_file(&draft.file);
    let _ = std::fs::remove_file(meta_path(&draft.file));
    // An emptied `interrupted-...` folder goes too.
    if let Some(parent) = draft.file.parent()
        && parent
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("interrupted-"))
    {
        let _ = std::fs::remove_dir(parent);
    }
}
