//! The QA loop: `casebook qa sample FILE -n N` picks this week's tickets from
//! a helpdesk export, reproducibly (the default seed is the ISO week, so a
//! week's sample can be drawn again); `casebook qa report` shows the cadence
//! against the weekly target and the pass rate per rubric dimension.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, day_or_today, last_weeks, load, scope, text};
use crate::entry::Kind;
use crate::loops::qa;
use crate::render::loops::qa as view;
use crate::review::figures::Window;
use clap::{Args, Subcommand};
use std::io::Read;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # this week's sample (seeded by the ISO week)
  casebook qa sample tickets.csv -n 5
  casebook qa sample - -n 5 --seed 42 < ids.txt
  casebook qa report"
)]
pub struct QaArgs {
    #[command(subcommand)]
    pub command: Option<QaCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum QaCommand {
    /// A reproducible sample of ticket ids from an export (CSV or one id a line)
    Sample(SampleArgs),
    /// Samples per week against the target, pass rates, flags
    Report(ReportArgs),
    /// Open a retraining flag, or close it: retrained, or wontfix
    Flag(FlagArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # flag the sample for retraining
  casebook qa flag kqzv open -m \"cold tone on refunds\"
  # closed: the agent was retrained
  casebook qa flag kqzv retrained
  # dismissed
  casebook qa flag kqzv wontfix -m \"policy changed\"")]
pub struct FlagArgs {
    /// The qa entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// open, retrained (closes it) or wontfix (dismisses it)
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(["open", "retrained", "wontfix"]))]
    pub state: String,
    /// A note logged with the step
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    /// When (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook qa sample export.csv -n 5
  # last week's sample again
  casebook qa sample export.csv -n 5 --seed 2026-W47
  casebook qa sample export.csv -n 5 --where channel:chat -o sample.txt
  # risky tickets first
  casebook qa sample export.csv -n 5 --risky csat:1 --risky tier:enterprise

A CSV's ticket column is found by its header (id, ticket, ticket_id, ticket id,
case, ...). The same file, N and seed always give the same sample; the default
seed is this ISO week, so a week's sample can be drawn again.")]
pub struct SampleArgs {
    /// The export: a CSV with a ticket-id column, or one id a line (`-` is stdin)
    pub file: PathBuf,
    /// How many tickets (default: the weekly QA target)
    #[arg(short = 'n', long = "n", value_name = "N")]
    pub n: Option<usize>,
    /// Any text or number; the same seed gives the same sample (default: this ISO week)
    #[arg(long, value_name = "S")]
    pub seed: Option<String>,
    /// Only CSV rows whose COLUMN has VALUE (repeatable, all must hold)
    #[arg(long = "where", value_name = "COLUMN:VALUE")]
    pub wheres: Vec<String>,
    /// Risky rows first: rows whose COLUMN has VALUE (repeatable, any may
    /// hold) are sampled before the rest fill up to N
    #[arg(long = "risky", value_name = "COLUMN:VALUE")]
    pub risky: Vec<String>,
    /// Write the sample to this file instead of stdout
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook qa report                       the last 8 weeks
  casebook qa report --period 2026-Q3 --json")]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: QaArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(QaCommand::Sample(a)) => run_sample(a, ctx),
        Some(QaCommand::Report(a)) => report(a.filter, ctx),
        Some(QaCommand::Flag(a)) => flag(a, ctx),
        None => report(args.filter, ctx),
    }
}

fn run_sample(args: SampleArgs, ctx: &mut Context) -> CliResult {
    // A bad count is a usage error before any input is read.
    if args.n == Some(0) {
        return Err(CliError::usage("-n must be at least 1"));
    }
    let name = args.file.display().to_string();
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(&args.file)
            .map_err(|e| CliError::usage(format!("{name}: cannot read it ({e})")))?;
    }
    let text = String::from_utf8_lossy(&bytes);
    let (pop, risky) = qa::population(&text, &name, &args.wheres, &args.risky)?;
    if pop.ids.is_empty() {
        return Err(CliError::nothing(format!("{name} has no ticket ids")));
    }
    // Sampling works without a journal; the target is only the default n.
    let target = ctx
        .journal()
        .map(|j| j.config.targets.qa_samples_per_week)
        .unwrap_or(5);
    let n = args.n.unwrap_or(target as usize);
    if n == 0 {
        return Err(CliError::usage("-n must be at least 1"));
    }
    let week = crate::dates::iso_week_label(ctx.today());
    let seed = args.seed.clone().unwrap_or_else(|| week.clone());
    let (picked, risky_n) = qa::draw(&pop, &risky, !args.risky.is_empty(), n, &seed);
    if n > pop.ids.len() {
        ctx.ui.warn(&format!(
            "{name} has only {} ticket id(s); all of them are in the sample",
            pop.ids.len()
        ));
    }
    let drawn = view::Drawn {
        picked: &picked,
        pop: &pop,
        risky: risky_n,
        seed: &seed,
        week: &week,
    };
    let out = if ctx.json() {
        view::sample_json(&drawn)
    } else {
        view::sample_text(&drawn)
    };
    match &args.out {
        Some(path) => {
            crate::journal::atomic_write(path, out.as_bytes())
                .map_err(|e| CliError::failure(format!("{e:#}")))?;
            ctx.ui.status(&format!("wrote {}", path.display()));
        }
        None => ctx.ui.write(&out),
    }
    ctx.ui.status(&view::sample_status(&drawn));
    Ok(())
}

fn flag(args: FlagArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Qa)?;
    let day = day_or_today(ctx, args.date.as_deref())?;
    let note = text(&args.note, &args.note_file)?;
    let message = qa::flag(&mut e, &args.state, day, note.as_deref())?;
    commit_update(ctx, &path, e, &message, &args.write)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let today = ctx.today();
    let s = scope(ctx, &filter, &[Kind::Qa], last_weeks(today, 8))?;
    let target = ctx.journal()?.config.targets.qa_samples_per_week;
    let window = Window::new(s.start, s.end, today);
    let r = qa::report(&s.entries(), window, today, target);
    if ctx.json() {
        ctx.ui.write(&view::report_json(&r, &s.span()));
    } else {
        let style = super::loops::style(ctx, []);
        ctx.ui.hold();
        ctx.ui.write(&view::report_text(&r, &s.span(), &style));
    }
    if r.figures.samples == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no QA samples in {}", s.label)));
    }
    Ok(())
}
