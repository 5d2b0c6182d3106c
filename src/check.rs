//! What `casebook check` judges: entry files as they are on disk (hand
//! edits included), each problem with its file, line and column; with
//! `pii`, personal data in the files, and with `history` in every version
//! and commit message ever committed. The journal keeps working whatever
//! this finds; the front end decides how to show it and the exit code.

use crate::entry;
use crate::journal::{Journal, is_conflict_copy, is_entry_path};
use crate::pii::{Find, Guard};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Entries hold at most this many bytes.
pub const MAX_ENTRY_BYTES: u64 = 5 << 20;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckRequest {
    /// Journal-relative files or folders; empty for the whole journal
    /// (then links between entries are judged too).
    pub paths: Vec<String>,
    /// Also look for personal data.
    pub pii: bool,
    /// With `pii`: every version in the history and every commit message.
    pub history: bool,
}

/// One problem, where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub field: Option<String>,
    pub message: String,
    /// The kind of personal data, for `pii` finds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pii: Option<&'static str>,
    /// The commit that added the version, for `history` finds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

impl Finding {
    fn at(path: &str, line: usize, column: usize, field: Option<&str>, message: String) -> Self {
        Finding {
            path: path.to_string(),
            line,
            column,
            field: field.map(str::to_string),
            message,
            pii: None,
            commit: None,
        }
    }

    fn personal(path: &str, f: &Find, commit: Option<String>) -> Finding {
        Finding {
            pii: Some(f.kind.label()),
            commit,
            ..Finding::at(
                path,
                f.line,
                f.column,
                None,
                format!("{} ({})", f.kind.describe(), f.masked()),
            )
        }
    }
}

/// The files checked and what was found, sorted by file, line, column.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub files: usize,
    pub problems: Vec<Finding>,
}

impl CheckReport {
    /// How many different files (or commits) have a problem.
    pub fn files_with_problems(&self) -> usize {
        self.problems
            .iter()
            .map(|f| &f.path)
            .collect::<HashSet<_>>()
            .len()
    }
}

/// Checks the files `request` names (all entry files by default).
pub fn check(journal: &Journal, request: &CheckRequest) -> crate::Result<CheckReport> {
    let guard = if request.pii {
        Some(
            crate::write::guard_of(journal)
                .map_err(|e| crate::Error::new(crate::ErrorKind::Other, e.to_string()))?,
        )
    } else {
        None
    };
    let root = journal.root();
    let mut files = Vec::new();
    if request.paths.is_empty() {
        collect(root, &root.join("people"), &mut files);
        collect(root, &root.join("private"), &mut files);
    } else {
        for p in &request.paths {
            collect(root, &root.join(p), &mut files);
        }
    }
    files.sort();
    let skills: HashSet<String> = journal.skill_ids().into_iter().collect();
    let mut files_check = FilesCheck {
        skills: &skills,
        guard: guard.as_ref(),
        findings: Vec::new(),
        pii: Vec::new(),
        ids: HashMap::new(),
        links: Vec::new(),
    };
    for rel in files.iter().filter(|rel| !is_conflict_copy(rel)) {
        files_check.file(root, rel);
    }
    let mut findings = files_check.findings;
    findings.append(&mut files_check.pii);
    // Links are checked against the files checked, so a partial check only
    // judges links when the whole journal was read.
    if request.paths.is_empty() {
        findings.extend(broken_links(&files_check.ids, files_check.links));
    }
    // Conflict copies are reported as conflicts to resolve, not read.
    findings.extend(files.iter().filter(|f| f.contains(".conflict-")).map(|c| {
        Finding::at(
            c,
            1,
            1,
            None,
            "an unresolved conflict copy: merge it into its entry, then remove it with casebook rm PATH --yes".into(),
        )
    }));
    if let (Some(guard), true) = (&guard, request.history) {
        let in_history = history_finds(journal, guard, &findings)?;
        findings.extend(in_history);
    }
    findings.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    Ok(CheckReport {
        files: files.len(),
        problems: findings,
    })
}

/// What reading the files finds, and what the cross-file checks need.
struct FilesCheck<'a> {
    skills: &'a HashSet<String>,
    guard: Option<&'a Guard>,
    findings: Vec<Finding>,
    pii: Vec<Finding>,
    /// Entry id → the file that holds it.
    ids: HashMap<String, String>,
    /// (file, line, target) of every link.
    links: Vec<(String, usize, String)>,
}

impl FilesCheck<'_> {
    fn file(&mut self, root: &Path, rel: &str) {
        let text = match read_text(&root.join(rel)) {
            Ok(text) => text,
            Err((line, column, message)) => {
                self.findings
                    .push(Finding::at(rel, line, column, None, message));
                return;
            }
        };
        if let Some(guard) = self.guard {
            self.pii.extend(
                guard
                    .scan(&text)
                    .iter()
                    .map(|f| Finding::personal(rel, f, None)),
            );
        }
        match entry::parse(&text, rel) {
            Ok(parsed) => self.entry(rel, &text, &parsed),
            Err(p) => self.findings.push(Finding::at(
                rel,
                p.line,
                p.column,
                p.field.as_deref(),
                p.message,
            )),
        }
    }

    fn entry(&mut self, rel: &str, text: &str, parsed: &entry::ParsedEntry) {
        for p in &parsed.problems {
            self.findings.push(Finding::at(
                rel,
                p.line,
                p.column,
                p.field.as_deref(),
                p.message.clone(),
            ));
        }
        let e = &parsed.entry;
        if !self.skills.is_empty() {
            for s in e.skills.iter().filter(|s| !self.skills.contains(*s)) {
                self.findings.push(Finding::at(
                    rel,
                    line_of_key(text, "skills"),
                    1,
                    Some("skills"),
                    format!("unknown skill '{s}' (see skills.toml)"),
                ));
            }
        }
        if let Some(other) = self.ids.insert(e.id.to_string(), rel.to_string()) {
            self.findings.push(Finding::at(
                rel,
                line_of_key(text, "id"),
                1,
                Some("id"),
                format!("id {} is also used by {other}", e.id),
            ));
        }
        for l in e.links.iter().chain(e.field_list("evidence").iter()) {
            self.links
                .push((rel.to_string(), line_of_key(text, "links"), l.clone()));
        }
        if let Some(g) = e.field_str("gap_entry") {
            self.links.push((
                rel.to_string(),
                line_of_key(text, "gap_entry"),
                g.to_string(),
            ));
        }
    }
}

/// A file's text, or where and why it cannot be an entry: too large,
/// unreadable, not UTF-8.
fn read_text(path: &Path) -> Result<String, (usize, usize, String)> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_ENTRY_BYTES {
        return Err((
            1,
            1,
            format!("the file is {} MB; entries hold at most 5 MB", size >> 20),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| (1, 1, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).to_string();
        let (line, column) = entry::line_col(&valid, at);
        (line, column, "the file is not UTF-8 text".into())
    })
}

/// Links (and evidence, and gap entries) to ids no entry has, neither in
/// full nor as a prefix long enough to name one.
fn broken_links(
    ids: &HashMap<String, String>,
    links: Vec<(String, usize, String)>,
) -> impl Iterator<Item = Finding> + '_ {
    links.into_iter().filter_map(move |(rel, line, target)| {
        let known = ids.contains_key(&target)
            || (target.len() >= entry::MIN_PREFIX && ids.keys().any(|id| id.starts_with(&target)));
        (!known).then(|| {
            Finding::at(
                &rel,
                line,
                1,
                Some("links"),
                format!("links to {target}, which is not an entry of this journal"),
            )
        })
    })
}

/// Personal data in history: versions that were edited away but remain in
/// every clone (versions still on disk were reported from the files),
/// file names, and commit messages.
fn history_finds(
    journal: &Journal,
    guard: &Guard,
    current: &[Finding],
) -> crate::Result<Vec<Finding>> {
    let current: HashSet<(String, String)> = current
        .iter()
        .filter(|f| f.pii.is_some())
        .map(|f| (f.path.clone(), f.message.clone()))
        .collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut named = HashSet::new();
    journal.each_historic_blob(|blob| {
        let commit = blob.commit.to_string()[..7].to_string();
        // The file's name: a title's data in a slug (`4111-1111-...`).
        let slug = crate::journal::slug_of(&blob.path);
        for f in crate::write::file_name_finds(guard, slug) {
            if named.insert((blob.path.clone(), f.text.clone())) {
                out.push(Finding {
                    field: Some("file name".into()),
                    line: 0,
                    column: 0,
                    message: format!("the file name holds {} ({})", f.kind.describe(), f.masked()),
                    ..Finding::personal(&blob.path, &f, Some(commit.clone()))
                });
            }
        }
        for f in guard.scan(&blob.text) {
            let finding = Finding::personal(&blob.path, &f, Some(commit.clone()));
            let key = (finding.path.clone(), finding.message.clone());
            if !current.contains(&key) && seen.insert(key) {
                out.push(finding);
            }
        }
    })?;
    journal.each_commit_message(|oid, message| {
        let commit = oid.to_string()[..7].to_string();
        for f in guard.scan(message) {
            out.push(Finding {
                path: format!("commit {commit}"),
                field: Some("commit message".into()),
                message: format!(
                    "the commit message holds {} ({})",
                    f.kind.describe(),
                    f.masked()
                ),
                ..Finding::personal("", &f, Some(commit.clone()))
            });
        }
    })?;
    Ok(out)
}

/// The line a front-matter key is on (1 when it is not there).
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains('='))
        .map(|i| i + 1)
        .unwrap_or(1)
}

/// Entry files and conflict copies under `path`, relative to `root`;
/// hidden files and folders are skipped.
fn collect(root: &Path, path: &Path, out: &mut Vec<String>) {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for e in entries.flatten() {
            if !e.file_name().to_string_lossy().starts_with('.') {
                collect(root, &e.path(), out);
            }
        }
    } else if meta.is_file()
        && let Ok(rel) = path.strip_prefix(root)
    {
        let rel = rel.to_string_lossy().replace('\\', "/");
        if is_entry_path(&rel) || is_conflict_copy(&rel) {
            out.push(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_on_its_line() {
        let text = "+++\nid = \"x\"\nskills = [\"a\"]\n+++\n";
        assert_eq!(line_of_key(text, "skills"), 3);
        assert_eq!(line_of_key(text, "links"), 1);
    }

    #[test]
    fn a_link_to_a_long_enough_prefix_is_not_broken() {
        let ids: HashMap<String, String> = [("abcdefgh".to_string(), "a.md".to_string())].into();
        let links = vec![
            ("b.md".to_string(), 4, "abcdefgh".to_string()),
            ("b.md".to_string(), 4, "abcd".to_string()),
            ("b.md".to_string(), 5, "ab".to_string()),
            ("b.md".to_string(), 6, "zzzzzzzz".to_string()),
        ];
        let broken: Vec<Finding> = broken_links(&ids, links).collect();
        let lines: Vec<usize> = broken.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![5, 6]);
        assert!(broken[1].message.contains("zzzzzzzz"));
    }

    #[test]
    fn a_file_that_is_not_utf8_is_placed_on_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, b"ok\nfine \xff here").unwrap();
        let (line, column, message) = read_text(&path).unwrap_err();
        assert_eq!((line, column), (2, 6));
        assert!(message.contains("UTF-8"));
    }
}
