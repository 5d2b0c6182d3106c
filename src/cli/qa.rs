//! The QA loop: `casebook qa sample FILE -n N` picks this week's tickets from
//! a helpdesk export, reproducibly (the default seed is the ISO week, so a
//! week's sample can be drawn again); `casebook qa report` shows the cadence
//! against the weekly target and the pass rate per rubric dimension.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{last_weeks, print_json, scope};
use super::ui::{BOLD, DIM, GREEN, YELLOW};
use crate::entry::Kind;
use crate::loops::sample::{self, SampleError};
use crate::review::figures::{Window, qa};
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
    let pop = sample::population(&text, &args.wheres).map_err(|e| sample_error(&name, e))?;
    // Each risky condition narrows the same rows; a row risky by any counts.
    let mut risky: Vec<String> = Vec::new();
    for r in &args.risky {
        let mut conds = args.wheres.clone();
        conds.push(r.clone());
        let p = sample::population(&text, &conds).map_err(|e| {
            let mut err = sample_error(&name, e);
            err.message = err.message.replace("--where", "--risky");
            err
        })?;
        for id in p.ids {
            if !risky.contains(&id) {
                risky.push(id);
            }
        }
    }
    // In export order, as every sample reads.
    let risky: Vec<String> = pop
        .ids
        .iter()
        .filter(|id| risky.contains(id))
        .cloned()
        .collect();
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
    let (picked, risky_n) = if args.risky.is_empty() {
        (sample::sample(&pop.ids, n, sample::seed_of(&seed)), 0)
    } else {
        // Risky tickets first, then the rest, both seeded: the same file,
        // N and seed draw the same sample.
        let mut picked = sample::sample(&risky, n, sample::seed_of(&seed));
        let rest: Vec<String> = pop
            .ids
            .iter()
            .filter(|id| !risky.contains(id))
            .cloned()
            .collect();
        let risky_n = picked.len();
        picked.extend(sample::sample(&rest, n - risky_n, sample::seed_of(&seed)));
        (picked, risky_n)
    };
    finish_sample(ctx, &args, &name, &pop, picked, risky_n, n, seed, week)
}

fn sample_error(name: &str, e: SampleError) -> CliError {
    match e {
        SampleError::NoIdColumn(headers) => {
            CliError::usage(format!("{name} has no ticket id column")).with_hint(format!(
                "its columns are {}; name one id, ticket, ticket_id or case",
                headers.join(", ")
            ))
        }
        SampleError::NoSuchColumn(col, headers) => CliError::usage(format!(
            "--where: {name} has no column '{col}' (columns: {})",
            headers.join(", ")
        )),
        SampleError::WhereOnPlainList => CliError::usage(format!(
            "--where needs a CSV with a header; {name} is a plain list of ids"
        )),
        SampleError::BadWhere(w) => CliError::usage(format!(
            "--where '{w}' must look like COLUMN:VALUE (e.g. channel:chat)"
        )),
    }
}

#[allow(clippy::too_many_arguments)]
fn finish_sample(
    ctx: &mut Context,
    args: &SampleArgs,
    name: &str,
    pop: &sample::Population,
    picked: Vec<String>,
    risky_n: usize,
    n: usize,
    seed: String,
    week: String,
) -> CliResult {
    if n > pop.ids.len() {
        ctx.ui.warn(&format!(
            "{name} has only {} ticket id(s); all of them are in the sample",
            pop.ids.len()
        ));
    }
    let out = if ctx.json() {
        serde_json::to_string_pretty(&serde_json::json!({
            "tickets": picked,
            "n": picked.len(),
            "population": pop.ids.len(),
            "column": pop.column,
            "risky": risky_n,
            "seed": seed,
            "week": week,
        }))
        .unwrap_or_default()
            + "\n"
    } else {
        picked.iter().map(|t| format!("{t}\n")).collect()
    };
    match &args.out {
        Some(path) => {
            crate::journal::atomic_write(path, out.as_bytes())
                .map_err(|e| CliError::failure(format!("{e:#}")))?;
            ctx.ui.status(&format!("wrote {}", path.display()));
        }
        None => ctx.ui.write(&out),
    }
    ctx.ui.status(&format!(
        "{} of {} ticket(s){}, seed {seed}: the same seed draws the same sample",
        picked.len(),
        pop.ids.len(),
        pop.column
            .as_deref()
            .map(|c| format!(" from column '{c}'"))
            .unwrap_or_default()
    ));
    Ok(())
}

fn flag(args: FlagArgs, ctx: &mut Context) -> CliResult {
    use super::loops::{commit_update, day_or_today, load, set_str, text};
    let (path, mut e) = load(ctx, &args.id, Kind::Qa)?;
    let day = day_or_today(ctx, args.date.as_deref())?;
    let flagged = e.field_bool("flagged");
    let status = e.field_str("flag_status").unwrap_or("open").to_string();
    let (new_status, verb) = match args.state.as_str() {
        "open" => ("open", "flagged"),
        "retrained" => ("closed", "retrained"),
        _ => ("dismissed", "won't fix"),
    };
    let id = e.id.clone();
    let refuse = |why: String| Err(CliError::usage(format!("{id}: {why}")));
    match (flagged, status.as_str(), new_status) {
        (true, "open", "open") => return refuse("the flag is already open".into()),
        (false, _, "closed" | "dismissed") => {
            return refuse("the sample is not flagged".into()).map_err(|e: CliError| {
                e.with_hint(format!(
                    "`casebook qa flag {} open` raises the flag",
                    &id.as_str()[..6]
                ))
            });
        }
        (true, "closed" | "dismissed", s) if s != "open" => {
            return refuse(format!("the flag is already {status}"));
        }
        _ => {}
    }
    e.fields
        .insert("flagged".into(), toml::Value::Boolean(true));
    set_str(&mut e, "flag_status", new_status);
    if new_status == "open" {
        e.fields.remove("flag_closed");
    } else {
        set_str(&mut e, "flag_closed", &day.to_string());
    }
    let note = text(&args.note, &args.note_file)?;
    e.body = crate::loops::kb::append_to_section(
        &e.body,
        "Flag",
        &format!(
            "- {day}: {verb}{}",
            note.as_deref()
                .map(|n| format!(": {}", super::ui::one_line(n)))
                .unwrap_or_default()
        ),
    );
    let message = format!(
        "qa flag {}: {}",
        args.state,
        super::new::one_line_title(&e.title)
    );
    commit_update(ctx, &path, e, &message, &args.write)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let today = ctx.today();
    let s = scope(ctx, &filter, &[Kind::Qa], last_weeks(today, 8))?;
    let target = ctx.journal()?.config.targets.qa_samples_per_week;
    let entries = s.entries();
    let f = qa(&entries, Window::new(s.start, s.end, today), target);
    let this_week = crate::dates::iso_week_label(today);
    let done_this_week = entries
        .iter()
        .filter(|e| crate::dates::iso_week_label(e.created.date_naive()) == this_week)
        .count();
    if ctx.json() {
        let weeks: Vec<_> = f
            .by_week
            .iter()
            .map(|w| serde_json::json!({"week": w.week, "samples": w.n, "target": target, "met": w.n >= u64::from(target)}))
            .collect();
        let json = serde_json::json!({
            "person": s.person,
            "period": s.period_json(),
            "target_per_week": target,
            "this_week": {"week": this_week, "samples": done_this_week, "target": target, "met": done_this_week >= target as usize},
            "samples": f.samples,
            "per_week": (f.per_week * 100.0).round() / 100.0,
            "weeks_at_target": f.weeks_at_target,
            "weeks": weeks,
            "dimensions": f.dimensions,
            "critical_fails": f.critical_fails,
            "missed_escalations": f.missed_escalations,
            "flags": {
                "raised": f.flags_raised,
                "open": f.flags_open,
                "closed": f.flags_closed,
                "dismissed": f.flags_dismissed,
            },
        });
        print_json(ctx, &json);
    } else {
        let ui = &mut ctx.ui;
        ui.hold();
        ui.line(&ui.paint(BOLD, &format!("QA sampling · {}", s.heading())));
        ui.line(&format!(
            "  this week ({this_week}): {done_this_week}/{target} samples"
        ));
        ui.line("");
        for w in &f.by_week {
            let bar = "█".repeat(w.n.min(30) as usize);
            let mark = if w.n >= u64::from(target) {
                ui.paint(GREEN, "✓")
            } else {
                ui.paint(YELLOW, "·")
            };
            ui.line(&format!("  {}  {:>3}/{target} {mark} {bar}", w.week, w.n));
        }
        ui.line(&ui.paint(
            DIM,
            &format!(
                "  {} samples, {:.1} a week, {} of {} weeks at target",
                f.samples,
                f.per_week,
                f.weeks_at_target,
                f.by_week.len()
            ),
        ));
        ui.line("");
        ui.line(&ui.paint(BOLD, "Pass rate per dimension (score 4 or 5)"));
        for d in &f.dimensions {
            ui.line(&format!(
                "  {:<11} {:>6}  ({}/{})",
                d.dimension,
                d.pass_rate
                    .map_or("–".to_string(), |r| format!("{:.0} %", r * 100.0)),
                d.passed,
                d.n
            ));
        }
        ui.line("");
        ui.line(&format!(
            "  critical fails {} · missed escalations {} · flags raised {}, open {}, closed (retrained) {}, dismissed (won't fix) {}",
            f.critical_fails,
            f.missed_escalations,
            f.flags_raised,
            f.flags_open,
            f.flags_closed,
            f.flags_dismissed
        ));
    }
    if f.samples == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no QA samples in {}", s.label)));
    }
    Ok(())
}
