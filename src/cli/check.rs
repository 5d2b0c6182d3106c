//! `casebook check [PATH...]`: reads entry files from disk (hand edits
//! included) and reports each problem as `path:line:column: message`.
//! Exit 1 when anything is wrong; the rest of the journal keeps working.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::check::CheckRequest;
use crate::render;
use clap::Args;
use std::path::PathBuf;

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

pub fn run(args: CheckArgs, ctx: &mut Context) -> CliResult {
    let journal = ctx.journal()?;
    let mut paths = Vec::new();
    for p in &args.paths {
        if !p.exists() && !journal.root().join(p).exists() {
            return Err(CliError::usage(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
        let rel = journal
            .relative_path(p)
            .ok_or_else(|| CliError::usage(format!("{} is not inside the journal", p.display())))?;
        paths.push(rel);
    }
    let request = CheckRequest {
        paths,
        pii: args.pii,
        history: args.history,
    };
    let report = crate::check::check(journal, &request)?;
    if ctx.json() {
        ctx.ui.write(&render::check::json(&report));
    } else {
        ctx.ui.write(&render::check::text(&report));
    }
    if report.problems.is_empty() {
        ctx.ui
            .status(&format!("{} entries checked, no problems", report.files));
        Ok(())
    } else {
        Err(CliError::failure(format!(
            "{} problem(s) in {} file(s) of {} checked",
            report.problems.len(),
            report.files_with_problems(),
            report.files
        )))
    }
}
