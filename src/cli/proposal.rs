//! The system-improvement loop: `casebook proposal new | set | report`.
//! A repeated pattern becomes a proposed change of the system (the agent's
//! playbook, an escalation rule, a KB article, a retraining set, a hand-off
//! template); each step (accepted, shipped, rejected) is dated on the entry,
//! and the report shows what shipped and whether the pattern then receded,
//! team-wide, with the same computation the evidence pack uses.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, day_or_today, load, pattern_entries, scope, text};
use super::new::write_entry;
use crate::entry::kind::{HANDOFF_FUNCTIONS, PROPOSAL_TARGETS};
use crate::entry::{Entry, Kind};
use crate::loops::proposal;
use crate::render::loops::proposal as view;
use chrono::NaiveDate;
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # the report: raised, shipped, and their effect
  casebook proposal
  casebook proposal new --target playbook --pattern refund-loop \\
      --evidence kqzv --evidence mnpq \\
      --title \"Agent closes refund loops\" \\
      -m \"Customer asks twice for a refund that is pending...\"
  casebook proposal set rstu accepted
  casebook proposal set rstu shipped --ref PB-112 --date 2026-10-02"
)]
pub struct ProposalArgs {
    #[command(subcommand)]
    pub command: Option<ProposalCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// File a proposal from a repeated pattern and the entries that show it
    New(NewArgs),
    /// Record a step: accepted, shipped (with --ref) or rejected, with its date
    Set(SetArgs),
    /// Raised, accepted, shipped, rejected; days to ship; the effect of each shipped one
    Report(ReportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook proposal new --target escalation-rule --pattern sso-lockout \\
      --evidence kqzv \\
      --title \"Escalate SSO lockouts at once\" -F case.md
  casebook proposal new --target handoff-template --function engineering \\
      --pattern missing-har \\
      --evidence mnpq --title \"Ask for the HAR file\" -m \"...\"

The body is the case the agent should handle next time, sanitised: no
customer names or data (the personal-data guard checks it).")]
pub struct NewArgs {
    /// What to change (or --field target=...)
    #[arg(long, value_name = "TARGET", value_parser = PossibleValuesParser::new(PROPOSAL_TARGETS))]
    pub target: Option<String>,
    /// Whose hand-off template (with --target handoff-template)
    #[arg(long, value_name = "FUNCTION", value_parser = PossibleValuesParser::new(HANDOFF_FUNCTIONS))]
    pub function: Option<String>,
    /// The pattern tag it addresses (as in escalations' `pattern`; or --field pattern=...)
    #[arg(long, value_name = "TAG")]
    pub pattern: Option<String>,
    /// An entry that shows the pattern (repeatable; each must exist)
    #[arg(long = "evidence", value_name = "ID", add = super::complete::id_completer())]
    pub evidence: Vec<String>,
    /// The entry flags every `new` takes (--title, --tag, --field, -m, -F,
    /// --date, --person, --no-edit, --dry-run, --redact, ...)
    #[command(flatten)]
    pub entry: super::args::EntryArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook proposal set rstu accepted
  casebook proposal set rstu shipped --ref PB-112
  casebook proposal set rstu rejected --date 2026-10-02 \\
      -m \"covered by the new refund policy\"

Steps go proposed → accepted → shipped, or to rejected; a shipped or
rejected proposal is final.")]
pub struct SetArgs {
    /// The proposal: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// The new status
    #[arg(value_parser = PossibleValuesParser::new(["accepted", "shipped", "rejected"]))]
    pub status: String,
    /// The change's reference (a playbook version, a ticket, a KB article id)
    #[arg(long = "ref", value_name = "CHANGE")]
    pub change_ref: Option<String>,
    /// When it happened (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note logged with the step
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook proposal report
  casebook proposal report --team --json")]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: ProposalArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(ProposalCommand::Report(a)) => report(a.filter, ctx),
        Some(ProposalCommand::New(a)) => new(a, ctx),
        Some(ProposalCommand::Set(a)) => set(a, ctx),
    }
}

fn new(args: NewArgs, ctx: &mut Context) -> CliResult {
    // The entry flags first: --field target=... and --field pattern=...
    // stand for --target and --pattern, as in `casebook new proposal`.
    let person = ctx.person(args.entry.person.as_deref())?;
    let day = day_or_today(ctx, args.entry.date.as_deref())?;
    let now = crate::clock::now();
    let created = chrono::TimeZone::from_local_datetime(now.offset(), &day.and_time(now.time()))
        .single()
        .unwrap_or(now);
    let mut e = Entry::new(Kind::Proposal, "", &person, created);
    super::new::apply_entry_args(
        ctx,
        &mut e,
        &super::args::EntryArgs {
            date: None,
            ..args.entry.clone()
        },
    )?;
    proposal::aim(
        &mut e,
        args.target.as_deref(),
        args.function.as_deref(),
        args.pattern.as_deref(),
    )?;
    let body = match super::new::body_from_args(&args.entry)? {
        Some(b) => b.trim().to_string(),
        None if args.entry.no_edit => String::new(),
        None => {
            return Err(CliError::usage(
                "a proposal needs its body: the sanitised case the agent should handle",
            )
            .with_hint("give -m TEXT or -F FILE (or --no-edit to write it later)"));
        }
    };
    let mut evidence = Vec::new();
    for given in &args.evidence {
        let item = ctx
            .resolve(given)
            .map_err(|e| CliError::usage(format!("--evidence: {}", e.message)))?;
        evidence.push(item.entry.id.to_string());
    }
    proposal::file(&mut e, body, &evidence, day);
    write_entry(ctx, e, Vec::new(), "new", &args.entry.write)
}

fn set(args: SetArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Proposal)?;
    // The state machine refuses before a date or note is read.
    proposal::check_step(&e, &args.status)?;
    let day = day_or_today(ctx, args.date.as_deref())?;
    let note = text(&args.note, &args.note_file)?;
    let message = proposal::step(&mut e, &step_of(&args, day, note.as_deref()))?;
    commit_update(ctx, &path, e, &message, &args.write)
}

fn step_of<'a>(args: &'a SetArgs, day: NaiveDate, note: Option<&'a str>) -> proposal::Step<'a> {
    proposal::Step {
        to: &args.status,
        day,
        change_ref: args.change_ref.as_deref(),
        note,
    }
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Proposal], None)?;
    let pool = pattern_entries(ctx, s.person.as_deref())?;
    let items: Vec<(&Entry, &str)> = s
        .items
        .iter()
        .map(|i| (&i.entry, i.path.as_str()))
        .collect();
    let r = proposal::report(&items, &pool.iter().collect::<Vec<_>>(), ctx.today());
    if ctx.json() {
        ctx.ui.write(&view::json(&r, &s.span()));
    } else {
        let style = super::loops::style(ctx, s.items.iter().map(|i| &i.entry.id));
        ctx.ui.hold();
        ctx.ui.write(&view::text(&r, &s.span(), &style));
    }
    if r.counts.raised == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no proposals in {}", s.label))
            .with_hint("`casebook escalation report` suggests proposals for repeated patterns"));
    }
    Ok(())
}
