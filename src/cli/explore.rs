//! The exploration loop: `casebook explore report`, minutes per ISO week
//! against the weekly target and the areas the time went to.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{last_weeks, scope};
use crate::entry::Kind;
use crate::loops::explore;
use crate::render::loops::explore as view;
use crate::review::figures::Window;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  casebook explore                    the last 8 weeks
  casebook explore report --period 2026-Q4 --json"
)]
pub struct ExploreArgs {
    #[command(subcommand)]
    pub command: Option<ExploreCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum ExploreCommand {
    /// Minutes per week against the target, and per product area
    Report(ReportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook explore report --since 2026-09-01")]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: ExploreArgs, ctx: &mut Context) -> CliResult {
    let filter = match args.command {
        Some(ExploreCommand::Report(a)) => a.filter,
        None => args.filter,
    };
    let today = ctx.today();
    let s = scope(ctx, &filter, &[Kind::Explore], last_weeks(today, 8))?;
    let target = ctx.journal()?.config.targets.explore_minutes_per_week;
    let window = Window::new(s.start, s.end, today);
    let r = explore::report(&s.entries(), window, today, target);
    if ctx.json() {
        ctx.ui.write(&view::json(&r, &s.span()));
    } else {
        let style = super::loops::style(ctx, []);
        ctx.ui.hold();
        ctx.ui.write(&view::text(&r, &s.span(), &style));
    }
    if r.figures.sessions == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no exploration in {}", s.label)));
    }
    Ok(())
}
