//! The personal-data guard at the commit boundary: every command that writes
//! text a person typed (new, edit, jot, import, resolve) screens its changes
//! here before they become a commit, because a commit that reaches a remote
//! is in every clone for good.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::journal::Change;
use crate::pii::{self, Find, Guard};
use clap::Args;

/// `--redact` and `--allow-pii`, on every command that writes typed text.
#[derive(Debug, Clone, Default, Args)]
pub struct PiiArgs {
    /// Replace personal data found in the text with [email], [card], ...
    #[arg(long, conflicts_with = "allow_pii")]
    pub redact: bool,
    /// Commit even though personal data was found (it is still reported)
    #[arg(long)]
    pub allow_pii: bool,
}

/// The flags of every command that writes text a person typed: a dry run,
/// and what to do about personal data found in the text.
#[derive(Debug, Clone, Default, Args)]
pub struct WriteArgs {
    /// Show what would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: PiiArgs,
}

/// What the user chose to do about the finds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decision {
    Redact,
    Allow,
    Stop,
}

/// The team's compiled rules from `casebook.toml`.
pub(super) fn guard(ctx: &mut Context) -> CliResult<Guard> {
    let rules = &ctx.journal()?.config.pii;
    Guard::new(
        &rules.allow_domains,
        &rules.deny_names,
        &rules.extra_patterns,
    )
    .map_err(|e| CliError::failure(e.to_string()))
}

/// Screens the files a change set writes. Returns the warnings to report
/// with the write; redacts in place with `--redact`; refuses otherwise,
/// keeping the text as a draft so nothing typed is lost.
pub(super) fn screen(
    ctx: &mut Context,
    changes: &mut [Change],
    args: &PiiArgs,
) -> CliResult<Vec<String>> {
    let guard = guard(ctx)?;
    let mut flagged: Vec<(usize, Vec<Find>)> = Vec::new();
    for (i, mut finds) in scan_all(&guard, changes) {
        // What was already committed was already screened (or allowed):
        // editing an entry must not re-litigate it.
        if let Some(before) = ctx.journal()?.committed_text(changes[i].path()) {
            finds.retain(|f| !before.contains(&f.text));
        }
        if !finds.is_empty() {
            flagged.push((i, finds));
        }
    }
    if flagged.is_empty() {
        return Ok(Vec::new());
    }
    let described: Vec<String> = flagged
        .iter()
        .flat_map(|(i, finds)| {
            let path = changes[*i].path().to_string();
            finds.iter().map(move |f| {
                format!(
                    "{path}:{}:{}: {} ({})",
                    f.line,
                    f.column,
                    f.kind.describe(),
                    super::ui::one_line(&f.masked())
                )
            })
        })
        .collect();
    let total = described.len();
    for line in &described {
        ctx.ui.warn(line);
    }
    let decision = if args.redact {
        Decision::Redact
    } else if args.allow_pii {
        Decision::Allow
    } else if ctx.interactive() {
        let answer = ctx.ui.ask(&format!(
            "{total} piece{} of personal data found. [r]edact, [a]llow, or [s]top and keep a draft?",
            if total == 1 { "" } else { "s" }
        ));
        match answer.as_deref().map(|a| a.trim().to_ascii_lowercase()) {
            Some(a) if a == "r" || a == "redact" => Decision::Redact,
            Some(a) if a == "a" || a == "allow" => Decision::Allow,
            _ => Decision::Stop,
        }
    } else {
        Decision::Stop
    };
    match decision {
        Decision::Redact => {
            for (i, finds) in &flagged {
                if let Change::Write { content, .. } = &mut changes[*i] {
                    let text = String::from_utf8_lossy(content).into_owned();
                    *content = pii::redact(&text, finds).into_bytes();
                }
            }
            ctx.ui.status(&format!(
                "redacted {total} piece{} of personal data",
                if total == 1 { "" } else { "s" }
            ));
            Ok(described
                .into_iter()
                .map(|d| format!("redacted {d}"))
                .collect())
        }
        Decision::Allow => Ok(described
            .into_iter()
            .map(|d| format!("committed with personal data: {d}"))
            .collect()),
        Decision::Stop => {
            let kept = keep_drafts(ctx, changes, &flagged)?;
            Err(CliError::failure(format!(
                "{total} piece{} of personal data found; nothing was committed",
                if total == 1 { "" } else { "s" }
            ))
            .with_hint(format!(
                "rerun with --redact to replace {} with labels such as [email], or --allow-pii to commit as is{kept}",
                if total == 1 { "it" } else { "them" }
            )))
        }
    }
}

/// The finds in each file `changes` writes, by change, in order. A bulk
/// write (an import) is scanned on every core: one thread took a tenth of
/// a 100,000-entry import.
fn scan_all(guard: &Guard, changes: &[Change]) -> Vec<(usize, Vec<Find>)> {
    let scan = |i: usize, change: &Change| {
        let Change::Write { content, .. } = change else {
            return None;
        };
        let finds = guard.scan(std::str::from_utf8(content).ok()?);
        (!finds.is_empty()).then_some((i, finds))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if changes.len() <= crate::journal::BULK_WRITE || threads == 1 {
        return changes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| scan(i, c))
            .collect();
    }
    let share = changes.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = changes
            .chunks(share)
            .enumerate()
            .map(|(n, part)| {
                scope.spawn(move || {
                    let first = n * share;
                    let finds = part.iter().enumerate();
                    finds
                        .filter_map(|(j, c)| scan(first + j, c))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("a scan does not panic"))
            .collect()
    })
}

/// Saves the refused texts where `new`, `edit` and `jot` keep their drafts.
fn keep_drafts(
    ctx: &mut Context,
    changes: &[Change],
    flagged: &[(usize, Vec<Find>)],
) -> CliResult<String> {
    // An import keeps its source file; one entry's text is worth a copy.
    if flagged.len() > 1 {
        return Ok(String::new());
    }
    let dir = ctx.journal()?.drafts_dir();
    std::fs::create_dir_all(&dir)?;
    let mut kept = Vec::new();
    for (i, _) in flagged {
        if let Change::Write { path, content } = &changes[*i] {
            let name = std::path::Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "entry.md".into());
            let draft = dir.join(name);
            std::fs::write(&draft, content)?;
            kept.push(draft.display().to_string());
        }
    }
    Ok(format!("; your text is kept in {}", kept.join(", ")))
}

/// Screens, then commits: the one way typed text enters the journal
/// (`import::commit_entries` does the same in bulk).
pub(super) fn commit(
    ctx: &mut Context,
    mut changes: Vec<Change>,
    message: &str,
    args: &PiiArgs,
) -> CliResult<(crate::journal::CommitInfo, Vec<String>)> {
    let warnings = screen(ctx, &mut changes, args)?;
    let info = ctx.commit(&changes, message)?;
    Ok((info, warnings))
}
