//! `casebook escalation triage FILE`: a month's helpdesk export categorised
//! in one sitting. On a terminal, one key and Enter per ticket; in a script,
//! the categories come from a prepared column. Every triaged ticket becomes
//! an escalation entry, all of them in one commit, so a month's triage is
//! one step in the history (and one `undo`).

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{all_of_kind, day_or_today};
use super::ui::one_line;
use crate::entry::Kind;
use crate::loops::triage::{self, Answer, Columns, Summary, Ticket, Written, answer};
use crate::render::loops::triage as view;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # one key per ticket on a terminal
  casebook escalation triage escalations-2026-11.csv
  # categories prepared in a column
  casebook escalation triage export.csv --category-column Triage
  casebook escalation triage export.csv --id-column \"Case #\" \\
      --subject-column Title

On a terminal: s should have handled, c correctly escalated, l escalated late,
Enter to skip, q to stop (what was answered is still written). A prepared
column may hold s/c/l or the full names. Columns are found by header (ticket
id, subject) unless named here or in casebook.toml [triage]. Tickets that
already have an escalation entry are left out, so an export can be triaged
again after new rows arrive.")]
pub struct TriageArgs {
    /// The helpdesk export (CSV with a header line)
    pub file: PathBuf,
    /// The ticket id column (default: found by header)
    #[arg(long, value_name = "COLUMN")]
    pub id_column: Option<String>,
    /// The subject column, used as each entry's title (default: found by header)
    #[arg(long, value_name = "COLUMN")]
    pub subject_column: Option<String>,
    /// A column with prepared categories (s/c/l or the full names)
    #[arg(long, value_name = "COLUMN")]
    pub category_column: Option<String>,
    /// A column with what triggered each escalation
    #[arg(long, value_name = "COLUMN")]
    pub trigger_column: Option<String>,
    /// A column with each escalation's pattern tag
    #[arg(long, value_name = "COLUMN")]
    pub pattern_column: Option<String>,
    /// When the escalations happened (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Write for this person (default: you)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

/// The columns: flags first, then casebook.toml's [triage].
fn columns(args: &TriageArgs, ctx: &mut Context) -> CliResult<Columns> {
    let conf = ctx.journal()?.config.triage.clone();
    Ok(Columns {
        id: args.id_column.clone().or(conf.id_column),
        subject: args.subject_column.clone().or(conf.subject_column),
        category: args.category_column.clone().or(conf.category_column),
        trigger: args.trigger_column.clone().or(conf.trigger_column),
        pattern: args.pattern_column.clone().or(conf.pattern_column),
    })
}

/// The export's tickets not triaged yet, and how many were.
fn todo(
    ctx: &mut Context,
    name: &str,
    text: &str,
    cols: &Columns,
) -> CliResult<(Vec<Ticket>, usize)> {
    let (all, id_col) = triage::read_tickets(text, cols, name)?;
    let done = all_of_kind(ctx, Kind::Escalation)?;
    let done: Vec<&str> = done
        .iter()
        .filter_map(|i| i.entry.case.as_deref())
        .collect();
    let (todo, already) = triage::not_triaged(all, &done);
    if todo.is_empty() {
        return Err(CliError::nothing(if already.is_empty() {
            format!("{name} has no tickets (column '{id_col}' is empty)")
        } else {
            format!(
                "all {} ticket(s) of {name} are triaged already",
                already.len()
            )
        }));
    }
    Ok((todo, already.len()))
}

pub fn run(args: TriageArgs, ctx: &mut Context) -> CliResult {
    let name = args.file.display().to_string();
    let text = std::fs::read(&args.file)
        .map_err(|e| CliError::usage(format!("{name}: cannot read it ({e})")))?;
    let text = String::from_utf8_lossy(&text);
    let cols = columns(&args, ctx)?;
    let (todo, already) = todo(ctx, &name, &text, &cols)?;
    let prepared = cols.category.is_some();
    if !prepared && !ctx.interactive() {
        return Err(CliError::usage(format!(
            "{name}: no category column and no terminal to ask on"
        ))
        .with_hint(
            "prepare a column with s/c/l and pass --category-column NAME, or run it on a terminal",
        ));
    }
    triage::check_triggers(&todo, &name)?;
    let mut summary = Summary {
        already,
        ..Summary::default()
    };
    let chosen = answers(ctx, &todo, prepared, &name, &mut summary)?;
    if chosen.is_empty() {
        return Err(CliError::nothing(format!(
            "no ticket of {name} was categorised; nothing written"
        )));
    }
    let person = ctx.person(args.person.as_deref())?;
    let day = day_or_today(ctx, args.date.as_deref())?;
    let now = crate::clock::now();
    let created = chrono::TimeZone::from_local_datetime(now.offset(), &day.and_time(now.time()))
        .single()
        .unwrap_or(now);
    let file_name = args
        .file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let entries: Vec<_> = chosen
        .iter()
        .map(|(t, c)| triage::entry_of(t, c, &person, created, &file_name))
        .collect();
    let written: Vec<Written> = entries.iter().map(Written::of).collect();
    if args.write.dry_run {
        ctx.ui.write(&view::dry_run_text(&written));
        ctx.ui.status(&format!(
            "(dry run: {}; nothing written)",
            view::summary(&summary)
        ));
        return Ok(());
    }
    let commit = super::import::commit_entries(
        ctx,
        entries,
        &format!(
            "escalation triage: {} tickets from {file_name}",
            written.len()
        ),
        &args.write.pii,
    )?;
    if ctx.json() {
        ctx.ui.write(&view::json(&summary, &commit, &written));
    } else {
        ctx.ui.write(&view::text(&written));
    }
    ctx.ui
        .status(&format!("{} (commit {commit})", view::summary(&summary)));
    Ok(())
}

/// Each ticket's category, from its prepared cell or asked on a terminal,
/// until the person quits; skips and what was left are counted.
fn answers<'a>(
    ctx: &mut Context,
    todo: &'a [Ticket],
    prepared: bool,
    name: &str,
    summary: &mut Summary,
) -> CliResult<Vec<(&'a Ticket, &'static str)>> {
    let mut chosen = Vec::new();
    let total = todo.len();
    for (n, t) in todo.iter().enumerate() {
        let a = if prepared {
            triage::prepared(t, name)?
        } else {
            ask(ctx, t, n + 1, total)
        };
        match a {
            Answer::Category(c) => {
                summary.count(c);
                chosen.push((t, c));
            }
            Answer::Skip => summary.skipped += 1,
            Answer::Quit => {
                summary.skipped += total - n;
                break;
            }
        }
    }
    Ok(chosen)
}

/// One ticket, one key: asked again until the answer means something;
/// the end of input stops the walk.
fn ask(ctx: &mut Context, t: &Ticket, n: usize, total: usize) -> Answer {
    let question = view::question(t, n, total);
    loop {
        let Some(reply) = ctx.ui.ask(&question) else {
            return Answer::Quit;
        };
        match answer(&reply) {
            Some(a) => return a,
            None => ctx.ui.warn(&format!(
                "'{}' is not s, c, l, Enter or q",
                one_line(&reply)
            )),
        }
    }
}
