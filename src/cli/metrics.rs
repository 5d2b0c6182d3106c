//! `casebook metrics import | report`: the helpdesk's outcome figures (CSAT
//! with its n, re-open rate, first-contact resolution, QA score) recorded as
//! `metric` entries, so ladder criteria on them are evaluated instead of
//! left "to be confirmed". Cases handled and handle time are context only.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry::Kind;
use crate::loops::metrics;
use crate::render::loops::metrics as view;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook metrics import helpdesk-h1.csv --period 2026-H1
  casebook metrics import export.csv --map \"Satisfaction=csat\" \\
      --map \"Surveys=csat_n\"
  casebook metrics report
Typed in by hand instead: casebook new metric --field period=2026-H1 --field csat=94 --field csat_n=212")]
pub struct MetricsArgs {
    #[command(subcommand)]
    pub command: Option<MetricsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum MetricsCommand {
    /// Read a helpdesk export (CSV): one metric entry per row, one commit
    #[command(
        after_help = "Examples:\n  casebook metrics import helpdesk-h1.csv --period 2026-H1\n  casebook metrics import team.csv --map \"Satisfaction=csat\" \\\n      --map \"Surveys=csat_n\" --source \"Zendesk Explore\""
    )]
    Import(ImportArgs),
    /// The recorded figures, period by period, with their n and source
    #[command(
        after_help = "Examples:\n  casebook metrics report\n  casebook metrics report --team --json"
    )]
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV export (`-` is stdin)
    pub file: PathBuf,
    /// The period the figures cover, when the file has no period column
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Whose figures, when the file has no person column (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Map a column to a field: csat, csat_n, reopen_rate, fcr, qa_score, cases_handled, person, period
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Where the figures come from (default: the file name)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Check the file, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: super::guard::PiiArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: MetricsArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(MetricsCommand::Import(a)) => run_import(a, ctx),
        Some(MetricsCommand::Report(a)) => run_report(a, ctx),
        None => run_report(
            ReportArgs {
                filter: FilterArgs::default(),
            },
            ctx,
        ),
    }
}

fn run_import(args: ImportArgs, ctx: &mut Context) -> CliResult {
    let shown = args.file.display().to_string();
    let data = if shown == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        s
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| CliError::failure(format!("cannot read {shown}: {e}")))?
    };
    let export = metrics::Export::read(&data, &shown, &metrics::maps(&args.map)?)?;
    let ignored = export.ignored();
    if !ignored.is_empty() {
        ctx.ui.status(&format!(
            "ignoring columns {} (handle time and counts are context, not criteria)",
            ignored.join(", ")
        ));
    }
    let source = args.source.clone().unwrap_or_else(|| {
        args.file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "stdin".into())
    });
    let defaults = metrics::Defaults {
        person: ctx.person(args.person.as_deref())?,
        period: args.period.clone(),
        source: source.clone(),
        today: ctx.today(),
        now: crate::clock::now(),
    };
    let imported = export.entries(&defaults)?;
    if imported.entries.is_empty() {
        return Err(CliError::nothing(format!("{shown} has no rows")));
    }
    for w in &imported.warnings {
        ctx.ui.warn(w);
    }
    let n = imported.entries.len();
    if args.dry_run {
        ctx.ui.write(&view::dry_run_text(&imported.entries));
        ctx.ui
            .status(&format!("{n} metric entries would be written (dry run)"));
        return Ok(());
    }
    let commit = super::import::commit_entries(
        ctx,
        imported.entries,
        &format!("metrics: {n} rows from {source}"),
        &args.pii,
    )?;
    if ctx.json() {
        ctx.ui
            .write(&view::imported_json(n, &commit, &imported.warnings));
    } else {
        ctx.ui.write(&view::imported_text(n, &commit));
    }
    Ok(())
}

fn run_report(args: ReportArgs, ctx: &mut Context) -> CliResult {
    let mut filter = ctx.filter(&args.filter, true)?;
    filter.require("kind", Kind::Metric.as_str());
    filter.include_private = !args.filter.team;
    let mut items = ctx.query(|i| i.all_matching(&filter))?;
    items.sort_by(|a, b| {
        (&a.entry.person, a.entry.created).cmp(&(&b.entry.person, b.entry.created))
    });
    if items.is_empty() {
        return Err(CliError::nothing("no metrics recorded")
            .with_hint("casebook metrics import FILE --period P, or casebook new metric"));
    }
    let entries: Vec<_> = items.iter().map(|i| &i.entry).collect();
    if ctx.json() {
        ctx.ui.write(&view::report_json(&entries));
        return Ok(());
    }
    ctx.ui.write(&view::report_text(&entries));
    ctx.ui
        .status("cases handled is context only: it is never a ladder criterion");
    Ok(())
}
