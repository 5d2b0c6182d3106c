//! The command line: parse arguments, resolve settings, run one command,
//! map the outcome to an exit code. Each command lives in its own file as
//! `XxxArgs` plus `run`; none of them prints except through `Ui`.

mod approval;
mod args;
mod check;
mod complete;
mod config;
mod context;
mod diagnosis;
mod drafts;
mod edit;
mod editor;
mod error;
mod escalation;
mod explore;
mod export;
mod feedback;
mod goal;
mod guard;
mod handoff;
mod help;
mod import;
mod init;
mod interrupt;
mod kb;
mod list;
mod log;
mod loops;
mod metrics;
mod new;
mod oneonone;
mod pack;
mod postmortem;
mod profile;
mod proposal;
mod purge;
mod qa;
mod reindex;
mod search;
mod show;
mod skill;
mod status;
mod sync;
mod triage;
pub mod ui;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use context::{Context, OutputFormat};
use error::{CliError, CliResult, ErrorKind};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  # a journal with a year of practice, to try things
  casebook demo ~/casebook-demo
  casebook init ~/journal --person \"Ana Lima\"
  casebook jot ZD-4821 \"nearly lost her at 'policy'\"
  casebook new postmortem --case ZD-4821 --title \"Refund loop\"
  casebook search refund loop kind:postmortem
  casebook review --period 2026-H1 --format html -o pack.html

Topics: casebook help query | dates | ids | filters | json | exit-codes | environment | kinds | privacy";

/// A practice journal for customer-support specialists, kept in git.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about, after_help = AFTER_HELP, disable_help_subcommand = true)]
pub struct Cli {
    /// Run in this journal instead of searching up from the current directory
    // Its own id: `init DIR` and `clone URL DIR` have a `dir` of their own,
    // which a deferred subcommand would otherwise confuse with this one.
    #[arg(short = 'C', global = true, value_name = "DIR", id = "journal_dir")]
    dir: Option<PathBuf>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ui::ColorChoice::Auto, value_name = "WHEN")]
    color: ui::ColorChoice,
    /// Never page output
    #[arg(long, global = true)]
    no_pager: bool,
    /// Print only data and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more about what happens
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Never ask questions or open pickers; fail instead
    #[arg(long, global = true)]
    no_input: bool,
    /// Output format (text, json, jsonl, csv, md, html; not every command has all)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    format: Option<OutputFormat>,
    /// Same as --format json
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

// Deferred: a subcommand's arguments are built only when it runs, which
// keeps the startup of `search` and `list` in the low milliseconds.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
enum Command {
    /// Start a journal from the built-in template, with one commit
    Init(init::InitArgs),
    /// Join a team journal: clone it and set who writes from this clone
    Clone(init::CloneArgs),
    /// Create a demo journal with a year of realistic practice
    Demo(init::DemoArgs),
    /// Save a draft in a second: no required fields, no editor
    Jot(new::JotArgs),
    /// Write a new entry (editor, questions, -m, -F FILE or piped stdin)
    New(new::NewArgs),
    /// Change an entry: in the editor, or set fields without it
    Edit(edit::EditArgs),
    /// Import many entries in one commit (JSON Lines, jrnl, Markdown, CSV)
    Import(import::ImportArgs),
    /// Texts kept when a write was refused or interrupted, and open jots
    Drafts(drafts::DraftsArgs),
    /// Delete entries (one commit)
    Rm(edit::RmArgs),
    /// Revert casebook's last commit; again, the one before it
    Undo(edit::UndoArgs),
    /// Ranked full-text and field search with snippets
    Search(search::SearchArgs),
    /// List entries, newest first
    #[command(visible_alias = "ls")]
    List(list::ListArgs),
    /// Show entries in full
    Show(show::ShowArgs),
    /// Every entry about one case or ticket
    Case(list::CaseArgs),
    /// The journal's history, or one entry's
    Log(log::LogArgs),
    /// Tags, skills, products and kinds in use, with counts
    Tags(list::TagsArgs),
    /// This week at a glance: drafts, pending predictions, journal state
    Status(status::StatusArgs),
    /// Build the evidence pack for a review
    Review(pack::ReviewArgs),
    /// Export entries (json, jsonl, csv, md)
    Export(export::ExportArgs),
    /// The prediction loop: pending predictions, resolving them
    Diagnosis(diagnosis::DiagnosisArgs),
    /// Predictions waiting for their actual cause (diagnosis pending)
    Pending(diagnosis::PendingArgs),
    /// Record a prediction's actual cause and verdict (diagnosis resolve)
    Resolve(diagnosis::ResolveArgs),
    /// The phrase library from post-mortems (postmortem phrases)
    Postmortem(postmortem::PostmortemArgs),
    /// Phrases that worked, with their context (postmortem phrases)
    Phrases(postmortem::PhrasesArgs),
    /// The knowledge-base loop: articles, deflections, verification, stale list
    Kb(kb::KbArgs),
    /// The escalation loop: monthly split, trend, repeated patterns, triage of an export
    Escalation(escalation::EscalationArgs),
    /// This month's escalation report (escalation report)
    Escalations(escalation::EscalationsArgs),
    /// The QA loop: a seeded weekly sample, cadence and pass rates
    Qa(qa::QaArgs),
    /// Improving the system: proposals from repeated patterns, their steps and effect
    Proposal(proposal::ProposalArgs),
    /// The approval loop: decisions by gate, amend and reject reasons, reversals
    Approval(approval::ApprovalArgs),
    /// The hand-off loop: receivers' feedback, per-function report
    Handoff(handoff::HandoffArgs),
    /// Hand-offs per function and what receivers asked for (handoff report)
    Handoffs(handoff::ReportArgs),
    /// The exploration loop: minutes per week against the target
    Explore(explore::ExploreArgs),
    /// The skills tree: ratings, evidence, the monthly focus
    Skill(skill::SkillArgs),
    /// The skills tree with your current ratings (skill list)
    Skills(skill::ListArgs),
    /// Rate a skill rookie, pro or master (skill rate)
    Rate(skill::RateArgs),
    /// This month's focus skill: pick it, or show it (skill focus)
    Focus(skill::FocusArgs),
    /// Your level, since when, track, target and direction (tenure comes from it)
    Profile(profile::ProfileArgs),
    /// Feedback about someone, written from your clone into their journal
    Feedback(feedback::FeedbackArgs),
    /// A lead confirms a ladder criterion met or not yet
    Confirm(feedback::ConfirmArgs),
    /// Helpdesk outcome figures: import a CSV export, report them
    Metrics(metrics::MetricsArgs),
    /// Goals measured by a saved query: new, close, report
    Goal(goal::GoalArgs),
    /// Prepare a 1:1 from the journal, and record it (privately)
    #[command(name = "1on1")]
    OneOnOne(oneonone::OneOnOneArgs),
    /// Check entry files and report problems with file:line
    Check(check::CheckArgs),
    /// Pull, merge without losing entries, and push (through your git)
    Sync(sync::SyncArgs),
    /// Erase a case or customer from the files and from history
    Purge(purge::PurgeArgs),
    /// Rebuild the search index from the files
    Reindex(reindex::ReindexArgs),
    /// Read and set settings (user, clone, journal)
    Config(config::ConfigArgs),
    /// Help on a command or a topic (query, dates, ids, filters, json, ...)
    Help(help::HelpArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish)
    Completions(help::CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

pub fn main() -> ExitCode {
    // `COMPLETE=bash casebook -- WORDS` answers the shell and exits.
    clap_complete::CompleteEnv::with_factory(command)
        .var(complete::VAR)
        .complete();
    interrupt::install();
    install_panic_report();
    // One command tree serves the alias check and the parse, and only the
    // command that runs has its arguments built: building the whole tree
    // was a visible part of a search.
    let mut cmd = Cli::command();
    let args = match expand_alias(&cmd, std::env::args_os().collect()) {
        Ok(args) => args,
        Err(message) => {
            eprintln_usage(&message);
            return ExitCode::from(2);
        }
    };
    let parsed = cmd.try_get_matches_from_mut(args).and_then(|mut matches| {
        Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))
    });
    drop(cmd);
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let format = match (cli.json, cli.format) {
        (true, Some(f)) if f != OutputFormat::Json => {
            eprintln_usage("--json and --format disagree; give one of them");
            return ExitCode::from(2);
        }
        (true, _) => Some(OutputFormat::Json),
        (false, f) => f,
    };
    let ui = ui::Ui::new(cli.color, cli.quiet, cli.verbose, cli.no_pager);
    let mut ctx = Context::new(ui, cli.dir.clone(), cli.no_input, format);
    let result = match cli.command {
        Some(command) => run(command, &mut ctx),
        None => {
            ctx.ui.write(WELCOME);
            Ok(())
        }
    };
    ctx.ui.finish();
    let code = report(&mut ctx, result);
    // Everything is written and no lock is held any more: leave the index's
    // maps and the repository to the OS rather than unmapping and freeing
    // them one by one on the way out.
    ctx.ui.finish();
    std::mem::forget(ctx);
    code
}

/// What `casebook` alone prints.
const WELCOME: &str = "\
casebook: a practice journal for customer-support specialists, kept in git.

  casebook demo DIR     try it on a journal with a year of practice
  casebook init DIR     start your own journal
  casebook --help       every command, with examples
";

/// The outcome as the user sees it: an error (or a quiet "nothing found")
/// on stderr with its hint, a refused write's record on stdout under
/// `--json`, and the exit code.
fn report(ctx: &mut Context, result: CliResult) -> ExitCode {
    let Err(e) = result else {
        return ExitCode::SUCCESS;
    };
    // A refused write says why on stdout too, for scripts.
    if ctx.json()
        && let Some(json) = &e.json
    {
        ctx.ui.line(&json.to_string());
        ctx.ui.finish();
    }
    match e.kind {
        ErrorKind::NothingFound => ctx.ui.status(&e.message),
        _ => ctx.ui.error(&e.message),
    }
    if let Some(hint) = &e.hint {
        ctx.ui.hint(hint);
    }
    ExitCode::from(e.exit_code())
}

/// A panic is a bug: say so in one sentence and ask for a report. The
/// process still exits 101, Rust's code for a panic.
fn install_panic_report() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default(info);
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if crate::session::is_beside_a_write() {
            eprintln!(
                "warning: the search index could not be updated beside this write (internal error: {message}{at}); the next command brings it up to date\nhint: this is a bug in casebook; please report it with the command you ran"
            );
            return;
        }
        eprintln_usage(&format!(
            "internal error: {message}{at}\nhint: this is a bug in casebook; please report it with the command you ran"
        ));
    }));
    // Tests need a real panic to check the exit code; debug builds only.
    #[cfg(debug_assertions)]
    if std::env::var_os("CASEBOOK_TEST_PANIC").is_some_and(|v| v != "beside") {
        panic!("CASEBOOK_TEST_PANIC is set");
    }
}

/// Replaces a user alias (`[alias]` in the user config) with its command
/// line. Built-in commands always win; an alias expands once, never into
/// another alias.
fn expand_alias(
    cmd: &clap::Command,
    mut args: Vec<std::ffi::OsString>,
) -> Result<Vec<std::ffi::OsString>, String> {
    // The command is the first word that is not a global flag or its value.
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        match a.as_ref() {
            "-C" | "--color" | "--format" => i += 2,
            s if s.starts_with('-') => i += 1,
            _ => break,
        }
    }
    let Some(word) = args.get(i).map(|a| a.to_string_lossy().into_owned()) else {
        return Ok(args);
    };
    let builtin = cmd
        .get_subcommands()
        .any(|c| c.get_name() == word || c.get_all_aliases().any(|a| a == word));
    if builtin {
        return Ok(args);
    }
    let aliases = crate::journal::user_config_path()
        .and_then(|p| crate::journal::LocalConfig::load(&p).ok())
        .map(|c| c.alias)
        .unwrap_or_default();
    let Some(line) = aliases.get(&word) else {
        return Ok(args);
    };
    let words = shlex::split(line)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| format!("alias {word}: '{line}' is not a command line"))?;
    args.splice(i..=i, words.into_iter().map(Into::into));
    Ok(args)
}

#[allow(clippy::print_stderr)]
fn eprintln_usage(message: &str) {
    eprintln!("error: {message}");
}

fn run(command: Command, ctx: &mut Context) -> CliResult {
    match command {
        Command::Init(a) => init::run(a, ctx),
        Command::Demo(a) => init::run_demo(a, ctx),
        Command::Clone(a) => init::run_clone(a, ctx),
        Command::Jot(a) => new::run_jot(a, ctx),
        Command::Drafts(a) => drafts::run(a, ctx),
        Command::New(a) => new::run(a, ctx),
        Command::Edit(a) => edit::run(a, ctx),
        Command::Import(a) => import::run(a, ctx),
        Command::Rm(a) => edit::run_rm(a, ctx),
        Command::Undo(a) => edit::run_undo(a, ctx),
        Command::Search(a) => search::run(a, ctx),
        Command::List(a) => list::run(a, ctx),
        Command::Show(a) => show::run(a, ctx),
        Command::Case(a) => list::run_case(a, ctx),
        Command::Log(a) => log::run(a, ctx),
        Command::Tags(a) => list::run_tags(a, ctx),
        Command::Status(a) => status::run(a, ctx),
        Command::Review(a) => pack::run(a, ctx),
        Command::Export(a) => export::run(a, ctx),
        Command::Diagnosis(a) => diagnosis::run(a, ctx),
        Command::Pending(a) => diagnosis::run_pending(a, ctx),
        Command::Resolve(a) => diagnosis::run_resolve(a, ctx),
        Command::Postmortem(a) => postmortem::run(a, ctx),
        Command::Phrases(a) => postmortem::run_phrases(a, ctx),
        Command::Kb(a) => kb::run(a, ctx),
        Command::Escalation(a) => escalation::run(a, ctx),
        Command::Escalations(a) => escalation::run_alias(a, ctx),
        Command::Qa(a) => qa::run(a, ctx),
        Command::Proposal(a) => proposal::run(a, ctx),
        Command::Approval(a) => approval::run(a, ctx),
        Command::Handoff(a) => handoff::run(a, ctx),
        Command::Handoffs(a) => handoff::run_report(a, ctx),
        Command::Explore(a) => explore::run(a, ctx),
        Command::Skill(a) => skill::run(a, ctx),
        Command::Skills(a) => skill::run_list(a, ctx),
        Command::Rate(a) => skill::run_rate(a, ctx),
        Command::Focus(a) => skill::run_focus(a, ctx),
        Command::Profile(a) => profile::run(a, ctx),
        Command::Feedback(a) => feedback::run_feedback(a, ctx),
        Command::Confirm(a) => feedback::run_confirm(a, ctx),
        Command::Metrics(a) => metrics::run(a, ctx),
        Command::Goal(a) => goal::run(a, ctx),
        Command::OneOnOne(a) => oneonone::run(a, ctx),
        Command::Check(a) => check::run(a, ctx),
        Command::Sync(a) => sync::run(a, ctx),
        Command::Purge(a) => purge::run(a, ctx),
        Command::Reindex(a) => reindex::run(a, ctx),
        Command::Config(a) => config::run(a, ctx),
        Command::Help(a) => help::run(a, ctx),
        Command::Completions(a) => help::run_completions(a, ctx),
        Command::Man => help::run_man(ctx),
    }
}

/// The whole command tree, built: for help, the man page, completions
/// and tests, which look at every command. A normal run parses with the
/// lazy tree instead (see `main`).
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    cmd
}

/// Checks that a format is one the command supports.
fn format_or(
    ctx: &Context,
    allowed: &[OutputFormat],
    default: OutputFormat,
) -> CliResult<OutputFormat> {
    match ctx.format {
        None => Ok(default),
        Some(f) if allowed.contains(&f) || f == default => Ok(f),
        Some(f) => Err(CliError::usage(format!(
            "--format {} is not available here (choose {})",
            format_name(f),
            allowed
                .iter()
                .map(|f| format_name(*f))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn format_name(f: OutputFormat) -> &'static str {
    match f {
        OutputFormat::Text => "text",
        OutputFormat::Json => "json",
        OutputFormat::Jsonl => "jsonl",
        OutputFormat::Csv => "csv",
        OutputFormat::Md => "md",
        OutputFormat::Html => "html",
    }
}
