//! The escalation loop: `casebook escalation report` (also `escalations
//! [--month M]`). The period's split of should-have-handled, correctly
//! escalated and escalated-late, the trend month by month, and the
//! patterns that keep reaching a person although the agent should have
//! handled them, with what the agent needs, the KB articles that exist and
//! the proposal that would change it. `escalation triage FILE` categorises
//! a month's helpdesk export in one sitting (see `triage.rs`).

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{all_of_kind, named, scope};
use crate::entry::{Entry, Kind};
use crate::loops::escalation;
use crate::render::loops::escalation as view;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # this month's report
  casebook escalation
  casebook escalation report --period 2026-10
  # categorise a month's escalations, one key each
  casebook escalation triage export.csv
  casebook escalations --month 2026-10 --json"
)]
pub struct EscalationArgs {
    #[command(subcommand)]
    pub command: Option<EscalationCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum EscalationCommand {
    /// The split, the trend month by month, and repeated patterns
    Report(ReportArgs),
    /// Categorise a helpdesk export: one key per ticket, all in one commit
    Triage(super::triage::TriageArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook escalation report
  casebook escalation report --period 2026-Q3 --team")]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  casebook escalations\n  casebook escalations --month 2026-10")]
pub struct EscalationsArgs {
    /// The month to report (default: this month)
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: EscalationArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(EscalationCommand::Report(a)) => report(a.filter, ctx),
        Some(EscalationCommand::Triage(a)) => super::triage::run(a, ctx),
        None => report(args.filter, ctx),
    }
}

pub fn run_alias(args: EscalationsArgs, ctx: &mut Context) -> CliResult {
    let mut filter = args.filter;
    if let Some(m) = args.month {
        if filter.period.is_some() {
            return Err(CliError::usage("give --month or --period, not both"));
        }
        filter.period = Some(m);
    }
    report(filter, ctx)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let today = ctx.today();
    let default = named(ctx, "this-month")?;
    let (start, end, label) = super::loops::period(ctx, &filter, default)?;
    let (trend_start, _) = escalation::trend_window(start, end, today);
    let wide = FilterArgs {
        period: None,
        since: Some(trend_start.to_string()),
        until: (end != NaiveDate::MAX).then(|| end.to_string()),
        ..filter.clone()
    };
    let mut all = scope(ctx, &wide, &[Kind::Escalation], None)?;
    (all.start, all.end, all.label) = (start, end, label);
    let kb = entries_of(ctx, Kind::Kb)?;
    let proposals = entries_of(ctx, Kind::Proposal)?;
    let r = escalation::report(
        &all.entries(),
        &kb.iter().collect::<Vec<_>>(),
        &proposals.iter().collect::<Vec<_>>(),
        (start, end),
        today,
    );
    if ctx.json() {
        ctx.ui.write(&view::json(&r, &all.span()));
    } else {
        let style = super::loops::style(ctx, []);
        ctx.ui.hold();
        ctx.ui.write(&view::text(&r, &all.span(), &style));
    }
    if r.split.total == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!(
            "no escalations in {}",
            all.label
        )));
    }
    Ok(())
}

fn entries_of(ctx: &mut Context, kind: Kind) -> CliResult<Vec<Entry>> {
    Ok(all_of_kind(ctx, kind)?
        .into_iter()
        .map(|i| i.entry)
        .collect())
}
