//! The approval loop: `casebook approval report | outcome`. Decisions at
//! risk-graded gates (the gates come from `casebook.toml` `[approvals]`),
//! how often the agent's proposal was amended or rejected and why, and what
//! happened later (reversals, complaints, chargebacks), recorded with
//! `approval outcome` when it becomes known.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, day_or_today, load, scope, text};
use crate::entry::kind::APPROVAL_OUTCOMES;
use crate::entry::{Entry, Kind};
use crate::loops::approval;
use crate::render::loops::approval as view;
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # decisions by gate, amend and reject rates, reversals
  casebook approval
  casebook new approval --field gate=refund --field decision=amended \\
      --field why=\"over the 30-day window\" --no-edit -m \"...\"
  casebook approval outcome kqzv reversed -m \"finance refunded in full\""
)]
pub struct ApprovalArgs {
    #[command(subcommand)]
    pub command: Option<ApprovalCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum ApprovalCommand {
    /// Decisions by gate, amend and reject rates with their top reasons, reversals
    Report(ReportArgs),
    /// Record what happened later: reversed, complaint or chargeback
    Outcome(OutcomeArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  casebook approval report\n  casebook approval report --team --period 2026-H2 --json"
)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook approval outcome kqzv reversed -m \"finance refunded in full\"
  casebook approval outcome kqzv chargeback --date 2026-11-02")]
pub struct OutcomeArgs {
    /// The approval entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// What happened
    #[arg(value_parser = PossibleValuesParser::new(APPROVAL_OUTCOMES))]
    pub outcome: String,
    /// What happened, in a sentence (logged in the body)
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    /// When it happened (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: ApprovalArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(ApprovalCommand::Report(a)) => report(a.filter, ctx),
        Some(ApprovalCommand::Outcome(a)) => outcome(a, ctx),
    }
}

/// An approval's gate must be one the team configured (or a built-in one).
pub(super) fn check_gate(ctx: &mut Context, e: &Entry, flag: &str) -> CliResult {
    let gates = ctx.journal()?.config.approvals.gates();
    match crate::write::unknown_gate(&gates, e) {
        Some(problem) => {
            Err(CliError::usage(format!("{flag}: {problem}")).with_hint(crate::write::GATES_HINT))
        }
        None => Ok(()),
    }
}

fn outcome(args: OutcomeArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Approval)?;
    let day = day_or_today(ctx, args.date.as_deref())?;
    approval::check_day(&e, day)?;
    if let Some(old) = e.field_str("outcome") {
        ctx.ui.warn(&format!(
            "{} already had the outcome {old}; it is now {} (both stay in the body)",
            e.id, args.outcome
        ));
    }
    let note = text(&args.note, &args.note_file)?;
    let message = approval::record_outcome(&mut e, &args.outcome, day, note.as_deref())?;
    commit_update(ctx, &path, e, &message, &args.write)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Approval], None)?;
    let gates = ctx.journal()?.config.approvals.gates();
    let r = approval::approval_report(&s.entries(), &gates);
    if ctx.json() {
        ctx.ui.write(&view::json(&r, &s.span()));
    } else {
        let style = super::loops::style(ctx, []);
        ctx.ui.hold();
        ctx.ui.write(&view::text(&r, &s.span(), &style));
    }
    if r.decisions == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no approvals in {}", s.label)));
    }
    Ok(())
}
