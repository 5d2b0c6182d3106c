//! The prediction loop: `casebook diagnosis pending | resolve` (also as the
//! top-level `pending` and `resolve`). Resolving records the actual cause and
//! a verdict in one commit, then shows a word diff of prediction against
//! actual, because seeing exactly where the guess went wrong is the lesson.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::ui::one_line;
use crate::entry::{self, Kind};
use crate::loops::diagnosis;
use crate::render::loops::diagnosis as view;
use crate::write::WriteRequest;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook diagnosis pending
  casebook diagnosis resolve kqzv --actual \"expired SAML signing cert\" \\
      --verdict hit")]
pub struct DiagnosisArgs {
    #[command(subcommand)]
    pub command: Option<DiagnosisCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DiagnosisCommand {
    /// Predictions still waiting for their actual cause, oldest first
    Pending(PendingArgs),
    /// Record the actual cause and a verdict
    Resolve(ResolveArgs),
    /// Calibration: hit rate and Brier score by month, product and tag; the misses grouped
    #[command(after_help = "Examples:
  casebook diagnosis report
  casebook diagnosis report --period 2026 --json")]
    Report(Box<ReportArgs>),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: super::args::FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook pending -q && echo \"predictions are waiting\"")]
pub struct PendingArgs {
    /// Whose predictions (default: yours; `--team` for everyone's)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Everyone's
    #[arg(long)]
    pub team: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook resolve kqzv --actual \"expired SAML signing cert\" --verdict hit
  # the verdict is asked for, or left for later
  casebook resolve @ --actual \"a proxy stripped the header\"")]
pub struct ResolveArgs {
    /// The diagnosis entry (a picker of pending ones on a terminal)
    #[arg(add = super::complete::id_completer())]
    pub id: Option<String>,
    /// What the real cause turned out to be
    #[arg(long, value_name = "TEXT")]
    pub actual: Option<String>,
    /// hit, partial or miss
    #[arg(long, value_parser = ["hit", "partial", "miss", "unknown"])]
    pub verdict: Option<String>,
    /// Replace the actual cause and verdict already recorded
    #[arg(long)]
    pub amend: bool,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: DiagnosisArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(DiagnosisCommand::Pending(a)) => run_pending(a, ctx),
        Some(DiagnosisCommand::Resolve(a)) => run_resolve(a, ctx),
        Some(DiagnosisCommand::Report(a)) => run_report(*a, ctx),
        None => run_pending(
            PendingArgs {
                person: None,
                team: false,
            },
            ctx,
        ),
    }
}

fn pending_items(
    ctx: &mut Context,
    person: Option<&str>,
    team: bool,
) -> CliResult<Vec<crate::index::IndexedEntry>> {
    let me = if team {
        None
    } else {
        Some(ctx.person(person)?)
    };
    Ok(diagnosis::pending(ctx.session()?, me.as_deref())?)
}

pub fn run_pending(args: PendingArgs, ctx: &mut Context) -> CliResult {
    let items = pending_items(ctx, args.person.as_deref(), args.team)?;
    let today = ctx.today();
    let expiry = ctx.journal()?.config.defaults.prediction_expiry_days as i64;
    let (items, gone) = diagnosis::split_expired(items, today, expiry, !args.team);
    if let Some(request) = diagnosis::expiry_request(ctx.journal()?, &gone, today)? {
        super::guard::run_request(ctx, request)?;
        ctx.ui.status(&view::expired_sentence(gone.len()));
    }
    if ctx.json() {
        let list: Vec<_> = items.iter().map(super::list::entry_json).collect();
        ctx.ui.write(&view::pending_json(list));
    } else {
        let style = super::loops::style(ctx, items.iter().map(|i| &i.entry.id));
        let entries: Vec<_> = items.iter().map(|i| &i.entry).collect();
        ctx.ui
            .write(&view::pending_text(&entries, today, expiry, &style));
    }
    if items.is_empty() {
        return Err(CliError::nothing(
            "no predictions are waiting for their actual cause",
        ));
    }
    Ok(())
}

/// The prediction to resolve, chosen from the pending list on a terminal.
fn choose(ctx: &mut Context) -> CliResult<String> {
    if !ctx.interactive() {
        return Err(CliError::usage("resolve needs the diagnosis id")
            .with_hint("casebook pending lists them"));
    }
    let items = pending_items(ctx, None, false)?;
    if items.is_empty() {
        return Err(CliError::nothing("no predictions are waiting"));
    }
    for (i, item) in items.iter().enumerate() {
        ctx.ui.status(&format!(
            "{:>3}  {}",
            i + 1,
            one_line(diagnosis::prediction(&item.entry))
        ));
    }
    let n: usize = ctx
        .ui
        .ask("Which one? (number)")
        .unwrap_or_default()
        .trim()
        .parse()
        .map_err(|_| CliError::usage("no prediction chosen"))?;
    items
        .get(n.wrapping_sub(1))
        .map(|i| i.entry.id.to_string())
        .ok_or_else(|| CliError::usage(format!("{n} is not in the list")))
}

/// The actual cause: given, or asked on a terminal.
fn actual_of(ctx: &mut Context, given: Option<String>) -> CliResult<String> {
    let actual = match given {
        Some(a) => a,
        None if ctx.interactive() => ctx
            .ui
            .ask("What was the real cause?")
            .ok_or_else(CliError::interrupted)?,
        None => {
            return Err(CliError::usage("--actual TEXT is required")
                .with_hint("casebook resolve ID --actual \"what it really was\" --verdict hit"));
        }
    };
    if actual.trim().is_empty() {
        return Err(CliError::usage("--actual is empty"));
    }
    Ok(actual)
}

/// The verdict: given, or asked on a terminal (anything else: none yet).
fn verdict_of(ctx: &mut Context, given: Option<String>) -> Option<String> {
    match given {
        Some(v) => Some(v),
        None if ctx.interactive() => {
            let v = ctx
                .ui
                .ask("Verdict? (hit / partial / miss)")
                .unwrap_or_default();
            Some(v.trim().to_string()).filter(|v| diagnosis::VERDICTS.contains(&v.as_str()))
        }
        None => None,
    }
}

pub fn run_resolve(args: ResolveArgs, ctx: &mut Context) -> CliResult {
    let given = match args.id {
        Some(id) => id,
        None => choose(ctx)?,
    };
    let item = ctx.resolve(&given)?;
    let text = ctx.journal()?.read_file(&item.path)?;
    let mut entry = entry::parse(&text, &item.path)
        .map_err(|p| CliError::failure(format!("{}:{p}", item.path)))?
        .entry;
    diagnosis::check_resolvable(&entry, args.amend).map_err(|e| {
        let short = &entry.id.as_str()[..6.min(entry.id.as_str().len())];
        let amend = ctx.command_line(&format!(
            "resolve {short} --amend --actual \"...\" --verdict hit|partial|miss"
        ));
        let e = CliError::from(e);
        if crate::loops::is_resolved(&entry) {
            e.with_hint(format!("to replace what is recorded: {amend}"))
        } else {
            e
        }
    })?;
    let typed_actual = args.actual.is_none();
    let actual = actual_of(ctx, args.actual)?;
    // Ctrl-C at the verdict keeps the actual cause already typed.
    if typed_actual {
        let mut partial = entry.clone();
        diagnosis::resolve(&mut partial, &actual, None, ctx.today());
        partial.fields.remove("resolved");
        let name = crate::drafts::name_of(&entry, true);
        super::interrupt::remember_draft(
            crate::drafts::file_of(ctx.journal()?, &name),
            partial.to_markdown(),
            ctx.command_line(&format!("drafts resume {name}")),
        );
    }
    let verdict = verdict_of(ctx, args.verdict);
    diagnosis::resolve(&mut entry, &actual, verdict.as_deref(), ctx.today());
    super::interrupt::forget_draft();
    let style = super::loops::style(ctx, []);
    let diff = view::word_diff(diagnosis::prediction(&entry), actual.trim(), &style);
    let subject = format!(
        "resolve diagnosis: {{title}} ({})",
        verdict.as_deref().unwrap_or("no verdict yet")
    );
    let request = WriteRequest::update("resolve", &item.path, entry, &subject);
    let outcome = super::guard::run(ctx, request, &args.write)?;
    if outcome.dry_run {
        if ctx.json() {
            return super::guard::report_dry_run(ctx, &outcome);
        }
        ctx.ui.line(&diff);
        return Ok(());
    }
    if !ctx.json() {
        ctx.ui.status(&diff);
    }
    super::guard::report(ctx, &outcome)
}

/// `casebook diagnosis report`: how well calibrated the predictions are,
/// overall, by month, by product and by tag, and the misses grouped by tag so
/// that a repeated blind spot shows (what was predicted against what it was).
pub fn run_report(args: ReportArgs, ctx: &mut Context) -> CliResult {
    let s = super::loops::scope(ctx, &args.filter, &[Kind::Diagnosis], None)?;
    let min_brier = ctx.journal()?.config.defaults.min_predictions_for_brier;
    let report = diagnosis::calibration_report(&s.entries(), min_brier);
    let none = report.calibration.predictions == 0;
    if ctx.json() {
        ctx.ui.write(&view::report_json(&report, &s.span()));
        if none {
            return Err(CliError::nothing("no predictions in the period"));
        }
        return Ok(());
    }
    if none {
        return Err(CliError::nothing(format!("no predictions in {}", s.label))
            .with_hint("casebook new diagnosis --field prediction=\"...\" --field confidence=70"));
    }
    let style = super::loops::style(ctx, []);
    ctx.ui.write(&view::report_text(&report, &s.span(), &style));
    Ok(())
}
