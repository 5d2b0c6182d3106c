//! `casebook purge REF` (erasure requests) and `casebook purge --expired`
//! (the retention setting): text about a case leaves the files and every
//! commit of history, in the journal and in the private repository.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry;
use crate::journal::Rewrite;
use clap::Args;

type Transform = Box<dyn Fn(&str, &[u8]) -> Rewrite>;
type MessageRewrite = Box<dyn Fn(&str) -> String>;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # entries about the case are deleted, mentions elsewhere redacted
  casebook purge ZD-4821 --yes
  casebook purge \"Acme Corp\" --dry-run
  # apply casebook.toml's retention.case_text_days
  casebook purge --expired --yes

History is rewritten: afterwards push with `git push --force`, and every other
clone must be cloned again (their copies still hold the old history).")]
pub struct PurgeArgs {
    /// The case reference, customer or company name to erase
    #[arg(required_unless_present = "expired")]
    pub reference: Option<String>,
    /// Expire case text older than retention.case_text_days instead
    #[arg(long, conflicts_with = "reference")]
    pub expired: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
    /// Say what would change, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

const PURGED: &str = "[purged]";

pub fn run(args: PurgeArgs, ctx: &mut Context) -> CliResult {
    let (what, transform, messages): (String, Transform, MessageRewrite) = if args.expired {
        let days = ctx.journal()?.config.retention.case_text_days;
        if days == 0 {
            return Err(CliError::usage(
                "retention.case_text_days is 0 (keep forever) in casebook.toml",
            ));
        }
        let cutoff = ctx.today() - chrono::Duration::days(days as i64);
        let note =
            format!("_Case text expired under the journal's retention setting ({days} days)._");
        let transform = move |path: &str, bytes: &[u8]| -> Rewrite {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Rewrite::Keep;
            };
            let Ok(parsed) = entry::parse(text, path) else {
                return Rewrite::Keep;
            };
            let mut e = parsed.entry;
            if e.created.date_naive() >= cutoff || e.case.is_none() || e.body.trim() == note {
                return Rewrite::Keep;
            }
            // The learning stays: title, fields and figures; the case text goes.
            e.body = note.clone();
            Rewrite::Replace(e.to_markdown().into_bytes())
        };
        (
            format!("case text older than {cutoff}"),
            Box::new(transform),
            Box::new(|m: &str| m.to_string()),
        )
    } else {
        let needle = args.reference.clone().unwrap_or_default();
        if needle.trim().chars().count() < 3 {
            return Err(CliError::usage(
                "the text to purge must have at least 3 characters",
            ));
        }
        let n1 = needle.clone();
        let transform = move |path: &str, bytes: &[u8]| -> Rewrite {
            let text = String::from_utf8_lossy(bytes);
            if !contains_ci(&text, &n1) {
                return Rewrite::Keep;
            }
            let about_it = entry::parse(&text, path)
                .ok()
                .and_then(|p| p.entry.case)
                .is_some_and(|c| c.eq_ignore_ascii_case(n1.trim()));
            if about_it {
                Rewrite::Remove
            } else {
                Rewrite::Replace(replace_ci(&text, &n1, PURGED).into_bytes())
            }
        };
        // The entries about the case go, and so must what their commits
        // said of them: a subject carries the title, and an old write may
        // have put personal data there.
        let mut titles: Vec<String> = Vec::new();
        ctx.journal()?.each_historic_blob(|blob| {
            if let Ok(p) = entry::parse(&blob.text, &blob.path)
                && p.entry
                    .case
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(needle.trim()))
            {
                let t = crate::entry::one_line(&p.entry.title);
                if t.trim().chars().count() >= 3 && !titles.contains(&t) {
                    titles.push(t);
                }
            }
        })?;
        // Longest first, so a title that contains another goes whole.
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let n2 = needle.clone();
        (
            format!("'{needle}'"),
            Box::new(transform),
            Box::new(move |m: &str| {
                let mut out = replace_ci(m, &n2, PURGED);
                for t in &titles {
                    out = out.replace(t.as_str(), PURGED);
                }
                out
            }),
        )
    };
    if args.dry_run || !args.yes {
        if !args.dry_run && ctx.interactive() {
            let answer = ctx.ui.ask(&format!(
                "Rewrite all history to remove {what}? This cannot be undone. [y/N]"
            ));
            if !matches!(answer.as_deref().map(str::trim), Some("y" | "Y" | "yes")) {
                return Err(CliError::failure("nothing purged"));
            }
        } else {
            ctx.ui.status(&format!(
                "purge would remove {what} from every file and commit"
            ));
            return if args.dry_run {
                Ok(())
            } else {
                Err(CliError::usage(
                    "purge rewrites history; confirm with --yes",
                ))
            };
        }
    }
    let report = ctx.journal()?.rewrite_history(&*transform, &*messages)?;
    ctx.index_changed();
    ctx.index_after_write();
    if ctx.json() {
        let json = serde_json::json!({
            "commits_rewritten": report.commits_rewritten, "files_removed": report.files_removed,
            "files_redacted": report.files_redacted, "refs_updated": report.refs_updated,
        });
        ctx.ui.line(&json.to_string());
    } else {
        ctx.ui.line(&format!(
            "purged {what}: {} commit(s) rewritten, {} file version(s) removed, {} redacted",
            report.commits_rewritten, report.files_removed, report.files_redacted
        ));
        if report.commits_rewritten > 0 {
            ctx.ui.hint("push the new history with `git push --force`; every other clone must be cloned again, and copies elsewhere (backups, forks) need the same purge");
        }
    }
    Ok(())
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// Replaces every case-insensitive occurrence of `needle` (ASCII folding, so
/// byte offsets stay aligned).
fn replace_ci(text: &str, needle: &str, with: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let n = needle.to_ascii_lowercase();
    if n.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in lower.match_indices(&n) {
        if i < last {
            continue;
        }
        out.push_str(&text[last..i]);
        out.push_str(with);
        last = i + n.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::replace_ci;

    #[test]
    fn replaces_any_case() {
        assert_eq!(
            replace_ci("ZD-4821 and zd-4821!", "zd-4821", "[purged]"),
            "[purged] and [purged]!"
        );
    }
}
