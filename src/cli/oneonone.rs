//! `casebook 1on1 prep PERSON | note PERSON`: a lead's (or a specialist's)
//! preparation for a 1:1, from what the journal holds since the last one,
//! and the note afterwards with its actions and owners. Notes stay between
//! the two people: they are written to the private area, never pushed.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{print_json, set_str, text};
use super::new::write_entry;
use super::ui::{BOLD, DIM, one_line};
use crate::entry::{self, Entry, Kind};
use crate::filter::Filter;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::collections::BTreeMap;
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

/// My 1:1 notes with `with`, oldest first.
fn notes_with(ctx: &mut Context, me: &str, with: &str) -> CliResult<Vec<Entry>> {
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("kind", Kind::Oneonone.as_str());
    f.require_all("person", me);
    let mut notes: Vec<Entry> = ctx
        .query(|i| i.all_matching(&f))?
        .into_iter()
        .map(|i| i.entry)
        .filter(|e| e.field_str("with") == Some(with))
        .collect();
    notes.sort_by_key(|e| e.created);
    Ok(notes)
}

fn run_note(args: NoteArgs, ctx: &mut Context) -> CliResult {
    let with = other(&args.person)?;
    let me = ctx.person(None)?;
    let body = text(&args.body, &args.body_file)?;
    if body.is_none() && args.actions.is_empty() {
        return Err(CliError::usage(
            "a 1:1 note needs -m TEXT or at least one --action",
        ));
    }
    for a in &args.actions {
        if !a.contains(':') {
            return Err(CliError::usage(format!(
                "--action '{a}' must name its owner: \"owner: what\""
            )));
        }
    }
    let mut e = Entry::new(
        Kind::Oneonone,
        &format!("1:1 with {with}"),
        &me,
        crate::clock::now(),
    );
    e.private = true;
    set_str(&mut e, "with", &with);
    if !args.actions.is_empty() {
        e.fields.insert(
            "actions".into(),
            toml::Value::Array(
                args.actions
                    .iter()
                    .map(|a| toml::Value::String(a.trim().to_string()))
                    .collect(),
            ),
        );
    }
    e.body = body.unwrap_or_default();
    write_entry(ctx, e, Vec::new(), "1on1", &args.write)
}

fn run_prep(args: PrepArgs, ctx: &mut Context) -> CliResult {
    let with = other(&args.person)?;
    let me = ctx.person(None)?;
    let today = ctx.today();
    let notes = notes_with(ctx, &me, &with)?;
    let last = notes.last();
    let since: Option<NaiveDate> = match &args.since {
        Some(s) => Some(
            crate::dates::parse_day(s, today)
                .map_err(|e| CliError::usage(format!("--since: {e}")))?,
        ),
        None => last.map(|n| n.created.date_naive()),
    };
    // Their shared entries since then (their private notes stay theirs).
    let mut f = Filter::default();
    f.require_all("person", &with);
    f.since = since;
    let mut entries: Vec<Entry> = ctx
        .query(|i| i.all_matching(&f))?
        .into_iter()
        .map(|i| i.entry)
        .collect();
    entries.sort_by_key(|e| e.created);
    let open_actions: Vec<String> = last.map(|n| n.field_list("actions")).unwrap_or_default();
    // Every open goal, whenever it was set.
    let mut gf = Filter::default();
    gf.require("kind", Kind::Goal.as_str());
    gf.require_all("person", &with);
    let older_goals: Vec<Entry> = ctx
        .query(|i| i.all_matching(&gf))?
        .into_iter()
        .map(|i| i.entry)
        .filter(|e| e.field_str("status").is_none_or(|s| s == "open"))
        .collect();
    let pending: Vec<&Entry> = entries
        .iter()
        .filter(|e| crate::loops::is_pending(e))
        .collect();
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for e in &entries {
        *by_kind.entry(e.kind.to_string()).or_default() += 1;
    }
    if ctx.json() {
        let brief = |e: &Entry| serde_json::json!({"id": e.id, "kind": e.kind.as_str(), "date": e.created.date_naive().to_string(), "title": e.title});
        print_json(
            ctx,
            &serde_json::json!({
                "person": with,
                "since": since.map(|d| d.to_string()),
                "last_1on1": last.map(|n| n.created.date_naive().to_string()),
                "entries_by_kind": by_kind,
                "entries": entries.iter().map(brief).collect::<Vec<_>>(),
                "open_goals": older_goals.iter().map(brief).collect::<Vec<_>>(),
                "open_actions": open_actions,
                "pending_predictions": pending.iter().map(|e| brief(e)).collect::<Vec<_>>(),
            }),
        );
        return Ok(());
    }
    ctx.ui.line(&ctx.ui.paint(
        BOLD,
        &format!(
            "1:1 with {with}: {}",
            match (last, since) {
                (Some(n), _) if args.since.is_none() =>
                    format!("since the last one on {}", n.created.date_naive()),
                (_, Some(s)) => format!("since {s}"),
                _ => "no earlier 1:1 recorded; everything so far".to_string(),
            }
        ),
    ));
    ctx.ui.line("");
    if open_actions.is_empty() {
        ctx.ui.line("Actions from last time: none recorded");
    } else {
        ctx.ui.line("Actions from last time:");
        for a in &open_actions {
            ctx.ui.line(&format!("  - {}", one_line(a)));
        }
    }
    ctx.ui.line("");
    let counts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    ctx.ui.line(&format!(
        "Entries: {}",
        if counts.is_empty() {
            "none".to_string()
        } else {
            counts.join(", ")
        }
    ));
    const SHOWN: usize = 12;
    for e in entries.iter().rev().take(SHOWN) {
        ctx.ui.line(&format!(
            "  {}  {:<11} {}",
            e.created.date_naive(),
            e.kind.as_str(),
            one_line(&e.title)
        ));
    }
    // A shortened list says so, and how to see all of it.
    if entries.len() > SHOWN {
        let since_flag = since.map(|d| format!(" --since {d}")).unwrap_or_default();
        let all = ctx.command_line(&format!("list --person {with}{since_flag}"));
        ctx.ui.line(&ctx.ui.paint(
            DIM,
            &format!(
                "  … the newest {SHOWN} of {}; all of them: {all}",
                entries.len()
            ),
        ));
    }
    if !older_goals.is_empty() {
        ctx.ui.line("");
        ctx.ui.line("Open goals:");
        for g in &older_goals {
            ctx.ui.line(&format!(
                "  {}  due {}",
                one_line(&g.title),
                g.field_str("due").unwrap_or("-")
            ));
        }
    }
    if !pending.is_empty() {
        ctx.ui.line("");
        ctx.ui.line(&format!(
            "Predictions waiting for their actual: {}",
            pending.len()
        ));
    }
    ctx.ui.line("");
    ctx.ui.line(&ctx.ui.paint(
        DIM,
        &format!("afterwards: casebook 1on1 note {with} -m \"...\" --action \"owner: what\""),
    ));
    Ok(())
}
