//! `casebook 1on1 prep PERSON | note PERSON`: a lead's (or a specialist's)
//! preparation for a 1:1, from what the journal holds since the last one,
//! and the note afterwards with its actions and owners. Notes stay between
//! the two people: they are written to the private area, never pushed.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::text;
use super::new::write_entry;
use crate::entry;
use crate::loops::oneonone;
use crate::render::loops::oneonone as view;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook 1on1 prep ana-lima
  casebook 1on1 note ana-lima -m \"talked about the SSO escalations\" \\
      --action \"ana: draft the SAML article\" \\
      --action \"sam: ask engineering for the error list\"
Notes are private: they stay in this clone's private area and are never synced.")]
pub struct OneOnOneArgs {
    #[command(subcommand)]
    pub command: OneOnOneCommand,
}

#[derive(Debug, Subcommand)]
pub enum OneOnOneCommand {
    /// What happened since the last 1:1: entries, goals, open actions, pending predictions
    #[command(
        after_help = "Examples:\n  casebook 1on1 prep ana-lima\n  casebook 1on1 prep ana-lima --since 2026-10-01 --json"
    )]
    Prep(PrepArgs),
    /// Record the 1:1: what was said, and actions with their owners
    #[command(
        after_help = "Example:\n  casebook 1on1 note ana-lima -m \"talked about SSO\" \\\n      --action \"ana: draft the SAML article\""
    )]
    Note(NoteArgs),
}

#[derive(Debug, Args)]
pub struct PrepArgs {
    /// The other person
    pub person: String,
    /// Look back from this date instead of the last 1:1
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The other person
    pub person: String,
    /// What you talked about
    #[arg(short = 'm', long = "body", visible_aliases = ["note", "text"], value_name = "TEXT")]
    pub body: Option<String>,
    /// Read it from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// An action as "owner: what" (repeatable)
    #[arg(long = "action", value_name = "OWNER: WHAT")]
    pub actions: Vec<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: OneOnOneArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        OneOnOneCommand::Prep(a) => run_prep(a, ctx),
        OneOnOneCommand::Note(a) => run_note(a, ctx),
    }
}

fn other(given: &str) -> CliResult<String> {
    entry::person_slug(given).map_err(|e| CliError::usage(format!("PERSON: {e}")))
}

fn run_note(args: NoteArgs, ctx: &mut Context) -> CliResult {
    let with = other(&args.person)?;
    let me = ctx.person(None)?;
    let body = text(&args.body, &args.body_file)?;
    let e = oneonone::note(&me, &with, body, &args.actions, crate::clock::now())?;
    write_entry(ctx, e, Vec::new(), "1on1", &args.write)
}

fn run_prep(args: PrepArgs, ctx: &mut Context) -> CliResult {
    let with = other(&args.person)?;
    let me = ctx.person(None)?;
    let since = match &args.since {
        Some(s) => Some(
            crate::dates::parse_day(s, ctx.today())
                .map_err(|e| CliError::usage(format!("--since: {e}")))?,
        ),
        None => None,
    };
    let prep = oneonone::prep(ctx.session()?, &me, &with, since)?;
    if ctx.json() {
        ctx.ui.write(&view::prep_json(&prep));
        return Ok(());
    }
    let since_flag = prep
        .since
        .map(|d| format!(" --since {d}"))
        .unwrap_or_default();
    let all = ctx.command_line(&format!("list --person {with}{since_flag}"));
    let style = super::loops::style(ctx, []);
    ctx.ui.write(&view::prep_text(&prep, &all, &style));
    Ok(())
}
