//! `casebook check [PATH...]`: reads entry files from disk (hand edits
//! included) and reports each problem as `path:line:column: message`.
//! Exit 1 when anything is wrong; the rest of the journal keeps working.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry;
use crate::journal::{is_conflict_copy, is_entry_path};
use clap::Args;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const MAX_ENTRY_BYTES: u64 = 5 << 20;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook check
  casebook check people/ana-lima/2026 --json
  # personal data in the entries as they are now
  casebook check --pii
  # ... and in every version ever committed
  casebook check --pii --history")]
pub struct CheckArgs {
    /// Files or folders to check (default: the whole journal)
    pub paths: Vec<PathBuf>,
    /// Also look for personal data: emails, phones, cards, IBANs, IPs, secrets, listed names
    #[arg(long)]
    pub pii: bool,
    /// With --pii: scan every version in the git history, not only the files
    #[arg(long, requires = "pii")]
    pub history: bool,
}

#[derive(Debug, Serialize)]
struct Finding {
    path: String,
    line: usize,
    column: usize,
    field: Option<String>,
    message: String,
    /// The kind of personal data, for `--pii` finds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pii: Option<&'static str>,
    /// The commit that added the version, for `--history` finds.
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
}

pub fn run(args: CheckArgs, ctx: &mut Context) -> CliResult {
    let guard = if args.pii {
        Some(crate::write::guard_of(ctx.journal()?).map_err(|e| CliError::failure(e.to_string()))?)
    } else {
        None
    };
    let journal = ctx.journal()?;
    let root = journal.root().to_path_buf();
    let skills: HashSet<String> = journal.skill_ids().into_iter().collect();
    let mut files = Vec::new();
    let targets: Vec<PathBuf> = if args.paths.is_empty() {
        vec![root.join("people"), root.join("private")]
    } else {
        let mut t = Vec::new();
        for p in &args.paths {
            if !p.exists() && !root.join(p).exists() {
                return Err(CliError::usage(format!(
                    "{}: no such file or folder",
                    p.display()
                )));
            }
            let rel = journal.relative_path(p).ok_or_else(|| {
                CliError::usage(format!("{} is not inside the journal", p.display()))
            })?;
            t.push(root.join(rel));
        }
        t
    };
    for t in &targets {
        collect(&root, t, &mut files);
    }
    files.sort();
    let mut findings = Vec::new();
    let mut pii_findings = Vec::new();
    let mut ids: std::collections::HashMap<String, String> = Default::default();
    let mut links: Vec<(String, usize, String)> = Vec::new();
    for rel in &files {
        if is_conflict_copy(rel) {
            continue; // reported below, as a conflict to resolve
        }
        let abs = root.join(rel);
        let size = std::fs::metadata(&abs).map(|m| m.len()).unwrap_or(0);
        let mut finding = |line, column, field: Option<&str>, message: String| {
            findings.push(Finding {
                path: rel.clone(),
                line,
                column,
                field: field.map(str::to_string),
                message,
                pii: None,
                commit: None,
            })
        };
        if size > MAX_ENTRY_BYTES {
            finding(
                1,
                1,
                None,
                format!("the file is {} MB; entries hold at most 5 MB", size >> 20),
            );
            continue;
        }
        let bytes = match std::fs::read(&abs) {
            Ok(b) => b,
            Err(e) => {
                finding(1, 1, None, format!("cannot read: {e}"));
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).to_string();
                let (line, column) = entry::line_col(&valid, at);
                finding(line, column, None, "the file is not UTF-8 text".into());
                continue;
            }
        };
        if let Some(guard) = &guard {
            pii_findings.extend(guard.scan(&text).iter().map(|f| pii_finding(rel, f, None)));
        }
        match entry::parse(&text, rel) {
            Ok(parsed) => {
                for p in &parsed.problems {
                    finding(p.line, p.column, p.field.as_deref(), p.message.clone());
                }
                if !skills.is_empty() {
                    for s in &parsed.entry.skills {
                        if !skills.contains(s) {
                            let line = line_of_key(&text, "skills");
                            finding(
                                line,
                                1,
                                Some("skills"),
                                format!("unknown skill '{s}' (see skills.toml)"),
                            );
                        }
                    }
                }
                if let Some(other) = ids.insert(parsed.entry.id.to_string(), rel.clone()) {
                    let line = line_of_key(&text, "id");
                    finding(
                        line,
                        1,
                        Some("id"),
                        format!("id {} is also used by {other}", parsed.entry.id),
                    );
                }
                for l in parsed
                    .entry
                    .links
                    .iter()
                    .chain(parsed.entry.field_list("evidence").iter())
                {
                    links.push((rel.clone(), line_of_key(&text, "links"), l.clone()));
                }
                if let Some(g) = parsed.entry.field_str("gap_entry") {
                    links.push((rel.clone(), line_of_key(&text, "gap_entry"), g.to_string()));
                }
            }
            Err(p) => finding(p.line, p.column, p.field.as_deref(), p.message),
        }
    }
    findings.append(&mut pii_findings);
    // Links are checked against the files checked, so a partial check only
    // judges links when the whole journal was read.
    if args.paths.is_empty() {
        for (rel, line, target) in links {
            if !ids.contains_key(&target)
                && !ids
                    .keys()
                    .any(|id| id.starts_with(&target) && target.len() >= entry::MIN_PREFIX)
            {
                findings.push(Finding {
                    path: rel,
                    line,
                    column: 1,
                    field: Some("links".into()),
                    message: format!("links to {target}, which is not an entry of this journal"),
                    pii: None,
                    commit: None,
                });
            }
        }
    }
    let conflicts = journal_conflicts(&root, &files);
    for c in conflicts {
        findings.push(Finding {
            path: c,
            line: 1,
            column: 1,
            field: None,
            message: "an unresolved conflict copy; merge it into the original and delete it".into(),
            pii: None,
            commit: None,
        });
    }
    if let (Some(guard), true) = (&guard, args.history) {
        // Versions still on disk were reported above; history adds the ones
        // that were edited away but remain in every clone.
        let current: HashSet<(String, String)> = findings
            .iter()
            .filter(|f| f.pii.is_some())
            .map(|f| (f.path.clone(), f.message.clone()))
            .collect();
        let mut seen = HashSet::new();
        let mut named = HashSet::new();
        ctx.journal()?.each_historic_blob(|blob| {
            // The file's name: a title's data in a slug (`4111-1111-...`).
            let slug = crate::journal::slug_of(&blob.path);
            for f in crate::write::file_name_finds(guard, slug) {
                if named.insert((blob.path.clone(), f.text.clone())) {
                    findings.push(Finding {
                        path: blob.path.clone(),
                        line: 0,
                        column: 0,
                        field: Some("file name".into()),
                        message: format!(
                            "the file name holds {} ({})",
                            f.kind.describe(),
                            f.masked()
                        ),
                        pii: Some(f.kind.label()),
                        commit: Some(blob.commit.to_string()[..7].to_string()),
                    });
                }
            }
            for f in guard.scan(&blob.text) {
                let finding = pii_finding(
                    &blob.path,
                    &f,
                    Some(blob.commit.to_string()[..7].to_string()),
                );
                let key = (finding.path.clone(), finding.message.clone());
                if !current.contains(&key) && seen.insert(key) {
                    findings.push(finding);
                }
            }
        })?;
    }
    if let (Some(guard), true) = (&guard, args.history) {
        ctx.journal()?.each_commit_message(|oid, message| {
            for f in guard.scan(message) {
                findings.push(Finding {
                    path: format!("commit {}", &oid.to_string()[..7]),
                    line: f.line,
                    column: f.column,
                    field: Some("commit message".into()),
                    message: format!(
                        "the commit message holds {} ({})",
                        f.kind.describe(),
                        f.masked()
                    ),
                    pii: Some(f.kind.label()),
                    commit: Some(oid.to_string()[..7].to_string()),
                });
            }
        })?;
    }
    findings.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    if ctx.json() {
        let json = serde_json::json!({"files": files.len(), "problems": findings});
        ctx.ui
            .line(&serde_json::to_string_pretty(&json).unwrap_or_default());
    } else {
        for f in &findings {
            let at = f
                .commit
                .as_ref()
                .map(|c| format!("{c}:"))
                .unwrap_or_default();
            ctx.ui.line(&format!(
                "{at}{}:{}:{}: {}",
                f.path,
                f.line,
                f.column,
                super::ui::one_line(&f.message)
            ));
        }
    }
    if findings.is_empty() {
        ctx.ui
            .status(&format!("{} entries checked, no problems", files.len()));
        Ok(())
    } else {
        let n = findings
            .iter()
            .map(|f| &f.path)
            .collect::<HashSet<_>>()
            .len();
        Err(CliError::failure(format!(
            "{} problem(s) in {n} file(s) of {} checked",
            findings.len(),
            files.len()
        )))
    }
}

fn pii_finding(rel: &str, f: &crate::pii::Find, commit: Option<String>) -> Finding {
    Finding {
        path: rel.to_string(),
        line: f.line,
        column: f.column,
        field: None,
        message: format!("{} ({})", f.kind.describe(), f.masked()),
        pii: Some(f.kind.label()),
        commit,
    }
}

fn journal_conflicts(_root: &Path, files: &[String]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.contains(".conflict-"))
        .cloned()
        .collect()
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains('='))
        .map(|i| i + 1)
        .unwrap_or(1)
}

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
