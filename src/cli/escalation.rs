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
use super::loops::{all_of_kind, named, pct_text, percent, print_json, scope};
use super::ui::{BOLD, DIM, one_line};
use crate::entry::{Entry, Kind};
use crate::review::figures::{Window, escalations};
use chrono::{Datelike, Months, NaiveDate};
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

/// How many months the trend shows, ending with the period's last month.
const TREND_MONTHS: u32 = 12;

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let today = ctx.today();
    let default = named(ctx, "this-month")?;
    let (start, end, _) = super::loops::period(ctx, &filter, default.clone())?;
    // The trend and the repeated patterns look back a year from the period's
    // end: one month rarely shows a pattern twice.
    let last = end.min(today.max(start));
    let first_of_last = NaiveDate::from_ymd_opt(last.year(), last.month(), 1).unwrap_or(last);
    let trend_start = first_of_last
        .checked_sub_months(Months::new(TREND_MONTHS - 1))
        .unwrap_or(NaiveDate::MIN)
        .min(start);
    let wide = FilterArgs {
        period: None,
        since: Some(trend_start.to_string()),
        until: (end != NaiveDate::MAX).then(|| end.to_string()),
        ..filter.clone()
    };
    let mut all = scope(ctx, &wide, &[Kind::Escalation], None)?;
    let (_, _, label) = super::loops::period(ctx, &filter, default)?;
    all.label = label;
    let in_period: Vec<&Entry> = all
        .entries()
        .into_iter()
        .filter(|e| (start..=end).contains(&e.created.date_naive()))
        .collect();
    let whole: Vec<&Entry> = all.entries();
    let f = escalations(&in_period, Window::new(start, end, today));
    let sum = |pick: fn(&crate::review::EscalationMonth) -> usize| -> usize {
        f.by_month.iter().map(pick).sum()
    };
    let (shh, ce, cbl) = (
        sum(|m| m.should_have_handled),
        sum(|m| m.correctly_escalated),
        sum(|m| m.escalated_late),
    );
    let categorised = shh + ce + cbl;
    let trend = escalations(&whole, Window::new(trend_start, last, today));
    let kb: Vec<Entry> = all_of_kind(ctx, Kind::Kb)?
        .into_iter()
        .map(|i| i.entry)
        .collect();
    let kb_refs: Vec<&Entry> = kb.iter().collect();
    let proposals: Vec<Entry> = all_of_kind(ctx, Kind::Proposal)?
        .into_iter()
        .map(|i| i.entry)
        .collect();
    let proposal_refs: Vec<&Entry> = proposals.iter().collect();
    let repeated = crate::loops::repeated_patterns(&whole, &kb_refs, &proposal_refs);
    let window_json =
        serde_json::json!({"start": trend_start.to_string(), "end": last.to_string()});
    all.start = start;
    all.end = end;
    if ctx.json() {
        let share = |n| serde_json::json!({"n": n, "percent": percent(n, categorised)});
        let json = serde_json::json!({
            "person": all.person,
            "period": all.period_json(),
            "split": {
                "total": f.total,
                "categorised": categorised,
                "uncategorised": f.total - categorised,
                "should_have_handled": share(shh),
                "correctly_escalated": share(ce),
                "escalated_late": share(cbl),
                // The category's name before escalated-late; kept for scripts.
                "correct_but_late": share(cbl),
            },
            "trend": {
                "window": window_json,
                "months": trend.by_month,
                "halves": trend.trend,
            },
            "repeated_patterns": {"window": window_json, "entries": repeated},
        });
        print_json(ctx, &json);
    } else {
        let ui = &mut ctx.ui;
        ui.hold();
        ui.line(&ui.paint(BOLD, &format!("Escalations · {}", all.heading())));
        for (name, n) in [
            ("should have handled", shh),
            ("correctly escalated", ce),
            ("escalated late", cbl),
        ] {
            ui.line(&format!(
                "  {name:<20} {n:>4}  {:>6}",
                pct_text(percent(n, categorised))
            ));
        }
        let rest = f.total - categorised;
        ui.line(&ui.paint(
            DIM,
            &format!(
                "  {} escalation(s){}",
                f.total,
                if rest > 0 {
                    format!(", {rest} not categorised")
                } else {
                    String::new()
                }
            ),
        ));
        ui.line("");
        ui.line(&ui.paint(BOLD, "Month by month (share the agent should have handled)"));
        // Months before the first escalation are noise to a reader.
        let first = trend.by_month.iter().position(|m| m.total > 0).unwrap_or(0);
        for m in &trend.by_month[first..] {
            ui.line(&format!(
                "  {}  {:>3} escalation(s)  {:>3} should have handled  {:>6}",
                m.month,
                m.total,
                m.should_have_handled,
                pct_text(
                    m.should_have_handled_share
                        .map(|s| (s * 1000.0).round() / 10.0)
                )
            ));
        }
        if let Some(t) = &trend.trend {
            ui.line(&ui.paint(
                DIM,
                &format!(
                    "  first half {:.0} % (n={}), second half {:.0} % (n={}): {}",
                    t.first_half_share * 100.0,
                    t.first_half_n,
                    t.second_half_share * 100.0,
                    t.second_half_n,
                    if t.second_half_share < t.first_half_share {
                        "falling"
                    } else if t.second_half_share > t.first_half_share {
                        "rising"
                    } else {
                        "flat"
                    }
                ),
            ));
        }
        ui.line("");
        if repeated.is_empty() {
            ui.line(&ui.paint(
                DIM,
                "No pattern, tag or product repeats among should-have-handled escalations.",
            ));
        } else {
            ui.line(&ui.paint(
                BOLD,
                "Repeated among should-have-handled (since the trend began)",
            ));
            for p in &repeated {
                ui.line(&format!("  {} {} ×{} → {}", p.field, p.value, p.n, p.needs));
                ui.line(&format!("      {}", one_line(&p.suggestion)));
                for pr in &p.proposals {
                    ui.line(&ui.paint(
                        DIM,
                        &format!(
                            "      proposal {}  {} ({})",
                            &pr.id[..6],
                            one_line(&pr.title),
                            pr.status
                        ),
                    ));
                }
                if let Some(cmd) = &p.suggested_proposal {
                    ui.line(&format!("      no proposal yet: {}", one_line(cmd)));
                }
                for k in &p.kb {
                    ui.line(&ui.paint(
                        DIM,
                        &format!(
                            "      kb {}  {} ({})",
                            &k.id[..6],
                            one_line(&k.title),
                            k.status
                        ),
                    ));
                }
            }
        }
    }
    if f.total == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!(
            "no escalations in {}",
            all.label
        )));
    }
    Ok(())
}
