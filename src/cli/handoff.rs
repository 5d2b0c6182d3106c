//! The hand-off loop: `casebook handoff feedback [ID] -m TEXT` records what
//! the receiving function wished had been included; `casebook handoff
//! report` (also `handoffs`) counts hand-offs per function and what
//! receivers ask for most, which is what that function's template needs.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, load, print_json, scope, set_str, text};
use super::new::one_line_title;
use super::ui::{BOLD, DIM};
use crate::entry::{Entry, Kind};
use crate::filter::Filter;
use crate::review::figures::handoffs;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  casebook handoff feedback kqzv -m \"the account id and the HAR file\"
  casebook handoff                        the report (same as casebook handoffs)"
)]
pub struct HandoffArgs {
    #[command(subcommand)]
    pub command: Option<HandoffCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

// Parsed once per run: the size of the flags does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum HandoffCommand {
    /// Record what the receiver wished had been included
    Feedback(FeedbackArgs),
    /// Hand-offs per function, feedback received, most requested items
    Report(ReportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook handoff feedback kqzv -m \"steps to reproduce, the account id\"
  # your latest hand-off without feedback
  casebook handoff feedback -m \"logs\"")]
pub struct FeedbackArgs {
    /// The hand-off (default: your latest one without feedback)
    #[arg(add = super::complete::id_completer())]
    pub id: Option<String>,
    /// What they wished had been included
    #[arg(short = 'm', long = "text", visible_aliases = ["body", "note"], value_name = "TEXT")]
    pub text: Option<String>,
    /// Read it from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  casebook handoffs\n  casebook handoff report --period 2026 --team --json"
)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: HandoffArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(HandoffCommand::Report(a)) => report(a.filter, ctx),
        Some(HandoffCommand::Feedback(a)) => feedback(a, ctx),
    }
}

pub fn run_report(args: ReportArgs, ctx: &mut Context) -> CliResult {
    report(args.filter, ctx)
}

fn feedback(args: FeedbackArgs, ctx: &mut Context) -> CliResult {
    let Some(said) = text(&args.text, &args.file)? else {
        return Err(CliError::usage("feedback needs the text: -m TEXT")
            .with_hint("casebook handoff feedback ID -m \"what they wished had been included\""));
    };
    let given = match args.id {
        Some(id) => id,
        None => latest_without_feedback(ctx)?,
    };
    let (path, mut e) = load(ctx, &given, Kind::Handoff)?;
    // Several receivers may answer: keep every answer.
    let all = match e.field_str("feedback") {
        Some(old) => format!("{old}; {said}"),
        None => said,
    };
    set_str(&mut e, "feedback", &all);
    let message = format!("handoff feedback: {}", one_line_title(&e.title));
    commit_update(ctx, &path, e, &message, &args.write)
}

fn latest_without_feedback(ctx: &mut Context) -> CliResult<String> {
    let me = ctx.person(None)?;
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("kind", "handoff");
    f.require("person", &me);
    let items = ctx.query(|i| i.all_matching(&f))?;
    let latest = items
        .iter()
        .filter(|i| i.entry.field_str("feedback").is_none())
        .max_by_key(|i| i.entry.created)
        .ok_or_else(|| {
            CliError::nothing("none of your hand-offs is waiting for feedback")
                .with_hint("name one: casebook handoff feedback ID -m TEXT")
        })?;
    ctx.ui.status(&format!(
        "feedback on {} ({})",
        latest.entry.id,
        one_line_title(&latest.entry.title)
    ));
    Ok(latest.entry.id.to_string())
}

/// Items requested per function, at most this many shown.
const TOP: usize = 5;

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Handoff], None)?;
    let entries = s.entries();
    let f = handoffs(&entries);
    let requested_of = |function: Option<&str>| {
        crate::loops::requested_items(
            entries
                .iter()
                .filter(|e| {
                    function.is_none_or(|x| e.field_str("function").unwrap_or("other") == x)
                })
                .filter_map(|e: &&Entry| e.field_str("feedback")),
        )
    };
    let items = |v: Vec<crate::review::NamedCount>, n: usize| -> Vec<serde_json::Value> {
        v.into_iter()
            .take(n)
            .map(|c| serde_json::json!({"item": c.name, "n": c.n}))
            .collect()
    };
    if ctx.json() {
        let by: Vec<_> = f
            .by_function
            .iter()
            .map(|x| {
                serde_json::json!({
                    "function": x.function,
                    "n": x.n,
                    "with_feedback": x.with_feedback,
                    "requested": items(requested_of(Some(&x.function)), TOP),
                })
            })
            .collect();
        let json = serde_json::json!({
            "person": s.person,
            "period": s.period_json(),
            "total": f.total,
            "with_feedback": f.with_feedback,
            "by_function": by,
            "requested": items(requested_of(None), 2 * TOP),
        });
        print_json(ctx, &json);
    } else {
        ctx.ui.hold();
        ctx.ui
            .line(&ctx.ui.paint(BOLD, &format!("Hand-offs · {}", s.heading())));
        for x in &f.by_function {
            ctx.ui.line(&format!(
                "  {:<17} {:>3} hand-off(s), {} with feedback",
                x.function, x.n, x.with_feedback
            ));
            let req = requested_of(Some(&x.function));
            if !req.is_empty() {
                let list: Vec<String> = req
                    .iter()
                    .take(TOP)
                    .map(|c| format!("{} ×{}", c.name, c.n))
                    .collect();
                ctx.ui.line(
                    &ctx.ui
                        .paint(DIM, &format!("      they asked for: {}", list.join(", "))),
                );
            }
        }
        if f.total > 0 && f.with_feedback < f.total {
            ctx.ui.line("");
            ctx.ui.line(&ctx.ui.paint(
                DIM,
                &format!(
                    "{} hand-off(s) without feedback: ask what was missing, then casebook handoff feedback ID -m TEXT",
                    f.total - f.with_feedback
                ),
            ));
        }
    }
    if f.total == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no hand-offs in {}", s.label)));
    }
    Ok(())
}
