//! `casebook sync [REMOTE]`: pull, merge without losing entries, push,
//! through the user's own git. Private entries are in their own repository
//! and never travel.

use super::context::Context;
use super::error::{CliError, CliResult};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook sync
  casebook sync backup
  casebook sync --dry-run          what would come in and go out

Two clones that wrote at the same time merge cleanly: new entries never
collide; edits of different parts of one entry (a tag, a field, the body)
are both kept; if both changed one part, yours stays and theirs is kept
beside it as a conflict copy (`casebook status` and `casebook check` list
them until merged).")]
pub struct SyncArgs {
    /// The remote (default: origin, or the only remote)
    pub remote: Option<String>,
    /// Fetch and say what would be merged and pushed; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: SyncArgs, ctx: &mut Context) -> CliResult {
    let journal = ctx.journal()?;
    let remote = journal
        .sync_remote(args.remote.as_deref())
        .map_err(sync_error)?;
    let allowed = journal.config.remote.allowed_hosts.clone();
    if let Some(url) = journal.remote_url(&remote)
        && !allowed.is_empty()
        && !allowed
            .iter()
            .any(|h| host_of(&url).is_some_and(|u| u.eq_ignore_ascii_case(h)))
    {
        ctx.ui.warn(&format!(
            "the remote {remote} ({url}) is not on the journal's allow-list of hosts ({}); support notes may carry customer data",
            allowed.join(", ")
        ));
    }
    let journal = ctx.journal()?;
    if args.dry_run {
        let (incoming, outgoing) = journal.sync_preview(&remote).map_err(sync_error)?;
        if ctx.json() {
            let json = serde_json::json!({"remote": remote, "incoming": incoming, "outgoing": outgoing, "dry_run": true});
            ctx.ui.line(&json.to_string());
        } else {
            ctx.ui.line(&format!(
                "{remote}: {incoming} commit(s) to bring in, {outgoing} to push (dry run: nothing changed)"
            ));
        }
        return Ok(());
    }
    let report = journal.sync(&remote).map_err(sync_error)?;
    ctx.index_changed();
    ctx.index_after_write();
    if ctx.json() {
        let json = serde_json::json!({
            "remote": report.remote, "pulled": report.pulled, "merged": report.merged,
            "fast_forward": report.fast_forward, "pushed": report.pushed,
            "conflict_copies": report.conflict_copies, "merged_entries": report.merged_entries,
            "kept_ours": report.kept_ours,
        });
        ctx.ui.line(&json.to_string());
        if let Some(e) = &report.tags_not_pushed {
            ctx.ui.warn(&format!("review tags not pushed: {e}"));
        }
    } else {
        let what = if report.merged {
            "merged their entries with yours"
        } else if report.fast_forward {
            "brought in their entries"
        } else {
            "nothing new to bring in"
        };
        ctx.ui
            .status(&format!("synced with {remote}: {what}; pushed"));
        for path in &report.merged_entries {
            ctx.ui.status(&format!(
                "both sides edited {path} in different parts; both changes are kept"
            ));
        }
        for copy in &report.conflict_copies {
            ctx.ui.warn(&format!("both sides edited one entry; theirs is kept in {copy}: merge it into the original, then casebook rm {copy} --yes"));
        }
        if let Some(e) = &report.tags_not_pushed {
            ctx.ui.warn(&format!(
                "review tags not pushed: {e}\nhint: a tag moved here with review --snapshot --force is pushed with: git push --force origin 'refs/tags/review/*'"
            ));
        }
        for path in &report.kept_ours {
            ctx.ui.warn(&format!(
                "{path} was deleted on the other side but edited here; your version is kept"
            ));
        }
    }
    Ok(())
}

fn sync_error(e: anyhow::Error) -> CliError {
    match e.downcast::<crate::journal::SyncError>() {
        Ok(s) => {
            let err = CliError::failure(s.message);
            match s.hint {
                Some(h) => err.with_hint(h),
                None => err,
            }
        }
        Err(e) => e.into(),
    }
}

/// The host of a git URL: `https://host/...`, `ssh://user@host/...` or
/// `user@host:path`. Local paths have none.
fn host_of(url: &str) -> Option<String> {
    if let Some(rest) = url.split_once("://").map(|(_, r)| r) {
        let authority = rest.split('/').next()?;
        let host = authority.rsplit('@').next()?;
        return Some(host.split(':').next()?.to_string());
    }
    let (before, _) = url.split_once(':')?;
    if before.contains('/') {
        return None;
    }
    Some(before.rsplit('@').next()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts_of_git_urls() {
        assert_eq!(
            host_of("https://github.com/acme/j.git").as_deref(),
            Some("github.com")
        );
        assert_eq!(
            host_of("git@gitlab.acme.io:team/j.git").as_deref(),
            Some("gitlab.acme.io")
        );
        assert_eq!(
            host_of("ssh://git@host:2222/j.git").as_deref(),
            Some("host")
        );
        assert_eq!(host_of("/srv/journal.git"), None);
    }
}
