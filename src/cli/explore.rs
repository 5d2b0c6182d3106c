//! The exploration loop: `casebook explore report`, minutes per ISO week
//! against the weekly target and the areas the time went to.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{last_weeks, print_json, scope};
use super::ui::{BOLD, DIM, GREEN, YELLOW};
use crate::entry::Kind;
use crate::review::figures::{Window, explore};
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
    let entries = s.entries();
    let f = explore(&entries, Window::new(s.start, s.end, today), target);
    let this_week = crate::dates::iso_week_label(today);
    let done: u64 = f
        .by_week
        .iter()
        .filter(|w| w.week == this_week)
        .map(|w| w.n)
        .sum();
    if ctx.json() {
        let weeks: Vec<_> = f
            .by_week
            .iter()
            .map(|w| serde_json::json!({"week": w.week, "minutes": w.n, "target": target, "met": w.n >= u64::from(target)}))
            .collect();
        let areas: Vec<_> = f
            .areas
            .iter()
            .map(|a| serde_json::json!({"area": a.name, "minutes": a.n}))
            .collect();
        let json = serde_json::json!({
            "person": s.person,
            "period": s.period_json(),
            "target_per_week": target,
            "this_week": {"week": this_week, "minutes": done, "target": target, "met": done >= u64::from(target)},
            "sessions": f.sessions,
            "minutes": f.minutes,
            "per_week": (f.per_week * 10.0).round() / 10.0,
            "weeks_at_target": f.weeks_at_target,
            "weeks": weeks,
            "areas": areas,
        });
        print_json(ctx, &json);
    } else {
        let ui = &mut ctx.ui;
        ui.hold();
        ui.line(&ui.paint(BOLD, &format!("Exploration · {}", s.heading())));
        ui.line(&format!("  this week ({this_week}): {done}/{target} min"));
        ui.line("");
        for w in &f.by_week {
            let mark = if w.n >= u64::from(target) {
                ui.paint(GREEN, "✓")
            } else {
                ui.paint(YELLOW, "·")
            };
            let bar = "█".repeat((w.n / 10).min(30) as usize);
            ui.line(&format!(
                "  {}  {:>4}/{target} min {mark} {bar}",
                w.week, w.n
            ));
        }
        ui.line(&ui.paint(
            DIM,
            &format!(
                "  {} min in {} session(s), {:.0} min a week, {} of {} weeks at target",
                f.minutes,
                f.sessions,
                f.per_week,
                f.weeks_at_target,
                f.by_week.len()
            ),
        ));
        if !f.areas.is_empty() {
            ui.line("");
            ui.line(&ui.paint(BOLD, "Areas"));
            for a in &f.areas {
                ui.line(&format!("  {:<28} {:>5} min", a.name, a.n));
            }
        }
    }
    if f.sessions == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no exploration in {}", s.label)));
    }
    Ok(())
}
