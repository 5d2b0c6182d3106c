//! `casebook purge REF` (erasure requests) and `casebook purge --expired`
//! (the retention setting): text about a case leaves the files and every
//! commit of history, in the journal and in the private repository.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::{purge, render};
use clap::Args;

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

pub fn run(args: PurgeArgs, ctx: &mut Context) -> CliResult {
    let today = ctx.today();
    let journal = ctx.journal()?;
    let plan = if args.expired {
        purge::expired(journal, today)?
    } else {
        purge::reference(journal, args.reference.as_deref().unwrap_or_default())?
    };
    if args.dry_run || !args.yes {
        confirm(ctx, &plan.what, args.dry_run)?;
        if args.dry_run {
            return Ok(());
        }
    }
    let report = purge::apply(ctx.session()?, &plan)?;
    ctx.index_after_write();
    if ctx.json() {
        ctx.ui.write(&render::purge::json(&report));
    } else {
        ctx.ui.write(&render::purge::text(&plan.what, &report));
        if report.commits_rewritten > 0 {
            ctx.ui.hint("push the new history with `git push --force`; every other clone must be cloned again, and copies elsewhere (backups, forks) need the same purge");
        }
    }
    Ok(())
}

/// Asks on a terminal; otherwise says what would go and stops (a dry run
/// succeeds, a missing `--yes` is a usage error).
fn confirm(ctx: &mut Context, what: &str, dry_run: bool) -> CliResult {
    if !dry_run && ctx.interactive() {
        let answer = ctx.ui.ask(&format!(
            "Rewrite all history to remove {what}? This cannot be undone. [y/N]"
        ));
        return match answer.as_deref().map(str::trim) {
            Some("y" | "Y" | "yes") => Ok(()),
            _ => Err(CliError::failure("nothing purged")),
        };
    }
    ctx.ui.status(&format!(
        "purge would remove {what} from every file and commit"
    ));
    if dry_run {
        Ok(())
    } else {
        Err(CliError::usage(
            "purge rewrites history; confirm with --yes",
        ))
    }
}
