//! `casebook goal new | close | report`: a goal is a saved query with a
//! target count and a due date, so progress is measured from the journal
//! rather than remembered. It ends met, missed or dropped, with a retro.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, load, print_json, set_str, text};
use super::new::write_entry;
use super::ui::{DIM, GREEN, RED, YELLOW};
use crate::entry::{Entry, Kind};
use crate::filter::Filter;
use crate::index::{Sort, query};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook goal new --title \"Publish the missing SSO articles\" \\
      --query \"kind:kb status:published product:sso\" --target 3 \\
      --due 2026-12-31
  casebook goal report
  casebook goal close kqzv met \\
      -m \"three published; the third needed engineering review\"")]
pub struct GoalArgs {
    #[command(subcommand)]
    pub command: Option<GoalCommand>,
}

#[derive(Debug, Subcommand)]
pub enum GoalCommand {
    /// A goal measured by a saved query
    #[command(
        after_help = "Example:\n  casebook goal new --title \"Three SSO articles\" \\\n      --query \"kind:kb status:published product:sso\" --target 3 \\\n      --due 2026-12-31"
    )]
    New(NewArgs),
    /// Close a goal as met, missed or dropped, with a retro
    #[command(
        after_help = "Example:\n  casebook goal close kqzv missed \\\n      -m \"one article; the second waits on engineering\""
    )]
    Close(CloseArgs),
    /// Each goal's progress against its target and due date
    #[command(
        after_help = "Examples:\n  casebook goal report\n  casebook goal report --person bo-chen --json"
    )]
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The query that measures it (`casebook help query`), counted over your
    /// entries (or --field query=...)
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
    /// How many matching entries make it met (or --field target=N)
    #[arg(long, value_name = "N")]
    pub target: Option<u32>,
    /// Due date: 2026-12-31, 6w (six weeks from today), 2026-Q4 (its last
    /// day), ...; or --field due=...
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// The entry flags every `new` takes (--title, --tag, --field, -m, -F,
    /// --date, --person, --no-edit, --dry-run, --redact, ...)
    #[command(flatten)]
    pub entry: super::args::EntryArgs,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The goal
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// met, missed or dropped
    #[arg(value_parser = ["met", "missed", "dropped"])]
    pub outcome: String,
    /// The retro: what worked, what did not, what next
    #[arg(short = 'm', long = "retro", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub retro: Option<String>,
    /// Read the retro from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub retro_file: Option<PathBuf>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: GoalArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(GoalCommand::New(a)) => run_new(a, ctx),
        Some(GoalCommand::Close(a)) => run_close(a, ctx),
        Some(GoalCommand::Report(a)) => run_report(a, ctx),
        None => run_report(
            ReportArgs {
                filter: FilterArgs::default(),
            },
            ctx,
        ),
    }
}

fn run_new(args: NewArgs, ctx: &mut Context) -> CliResult {
    let today = ctx.today();
    let person = ctx.person(args.entry.person.as_deref())?;
    let mut e = Entry::new(Kind::Goal, "", &person, crate::clock::now());
    // The entry flags first: --field query=..., target=... and due=...
    // stand for --query, --target and --due, as in `casebook new goal`.
    super::new::apply_entry_args(ctx, &mut e, &args.entry)?;
    let query = args
        .query
        .clone()
        .or_else(|| e.field_str("query").map(str::to_string))
        .unwrap_or_default();
    let parsed = query::parse(&query, today);
    if let Some(err) = parsed.errors.first() {
        return Err(
            CliError::usage(format!("--query: {err}")).with_hint("see `casebook help query`")
        );
    }
    if parsed.is_empty() {
        return Err(CliError::usage(
            "a goal needs --query: what to count (e.g. \"kind:kb status:published\")",
        ));
    }
    let target = match args.target {
        Some(t) => i64::from(t),
        None => e.field_int("target").unwrap_or(0),
    };
    if target < 1 {
        return Err(CliError::usage("--target must be at least 1"));
    }
    let due = args
        .due
        .clone()
        .or_else(|| e.field_str("due").map(str::to_string))
        .ok_or_else(|| CliError::usage("a goal needs --due (2026-12-31, 6w, ...)"))?;
    let due =
        crate::dates::parse_due(&due, today).map_err(|e| CliError::usage(format!("--due: {e}")))?;
    if due < today {
        return Err(CliError::usage(format!("--due {due} is in the past")));
    }
    if e.title.trim().is_empty() {
        return Err(CliError::usage(
            "a goal needs --title: what the goal is, in a line",
        ));
    }
    set_str(&mut e, "query", query.trim());
    e.fields
        .insert("target".into(), toml::Value::Integer(target));
    set_str(&mut e, "due", &due.to_string());
    set_str(&mut e, "status", "open");
    if let Some(body) = super::new::body_from_args(&args.entry)? {
        e.body = body;
    }
    write_entry(ctx, e, Vec::new(), "goal", &args.entry.write)
}

fn run_close(args: CloseArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Goal)?;
    if e.field_str("status").is_some_and(|s| s != "open") {
        return Err(CliError::usage(format!(
            "goal {} is already closed ({})",
            e.id,
            e.field_str("status").unwrap_or("")
        )));
    }
    let retro = text(&args.retro, &args.retro_file)?.ok_or_else(|| {
        CliError::usage("closing a goal takes a retro: -m TEXT")
            .with_hint("what worked, what did not, what you would do next")
    })?;
    set_str(&mut e, "status", &args.outcome);
    set_str(&mut e, "retro", &retro);
    set_str(&mut e, "closed", &ctx.today().to_string());
    let message = format!("goal {}: {}", args.outcome, super::ui::one_line(&e.title));
    commit_update(ctx, &path, e, &message, &args.write)
}

/// One goal's standing, computed from the journal.
struct Progress {
    entry: Entry,
    count: usize,
    target: i64,
    due: Option<NaiveDate>,
    status: String,
}

fn progress(ctx: &mut Context, e: Entry) -> CliResult<Progress> {
    let today = ctx.today();
    let q = e.field_str("query").unwrap_or("");
    let parsed = query::parse(q, today);
    let mut filter = Filter {
        include_private: true,
        ..Filter::default()
    };
    filter.require_all("person", &e.person);
    filter.since = Some(e.created.date_naive());
    let due = e
        .field_str("due")
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    filter.until = due;
    let goal_id = e.id.to_string();
    let (hits, _) = ctx.query(|i| i.search(&parsed, &filter, Sort::Newest, Some(10_000)))?;
    // The goal itself never counts towards itself.
    let count = hits
        .iter()
        .filter(|h| h.item.entry.id.as_str() != goal_id && h.item.entry.kind != Kind::Goal)
        .count();
    let target = e.field_int("target").unwrap_or(1);
    let status = match e.field_str("status").unwrap_or("open") {
        "open" if due.is_some_and(|d| d < today) => "overdue".to_string(),
        "open" if count as i64 >= target => "on track: target reached".to_string(),
        s => s.to_string(),
    };
    Ok(Progress {
        entry: e,
        count,
        target,
        due,
        status,
    })
}

fn run_report(args: ReportArgs, ctx: &mut Context) -> CliResult {
    let mut filter = ctx.filter(&args.filter, true)?;
    filter.require("kind", Kind::Goal.as_str());
    filter.include_private = true;
    let mut items = ctx.query(|i| i.all_matching(&filter))?;
    items.sort_by_key(|i| i.entry.created);
    if items.is_empty() {
        return Err(CliError::nothing("no goals yet")
            .with_hint("casebook goal new --title T --query Q --target N --due DATE"));
    }
    let mut rows = Vec::new();
    for i in items {
        rows.push(progress(ctx, i.entry)?);
    }
    if ctx.json() {
        let list: Vec<_> = rows
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.entry.id,
                    "title": p.entry.title,
                    "person": p.entry.person,
                    "query": p.entry.field_str("query"),
                    "count": p.count,
                    "target": p.target,
                    "due": p.due.map(|d| d.to_string()),
                    "status": p.status,
                    "retro": p.entry.field_str("retro"),
                })
            })
            .collect();
        print_json(ctx, &serde_json::json!({ "goals": list }));
        return Ok(());
    }
    for p in &rows {
        let id = ctx.show_id(&p.entry.id);
        let colour = match p.status.as_str() {
            "met" => GREEN,
            "missed" | "overdue" => RED,
            "dropped" => DIM,
            _ => YELLOW,
        };
        ctx.ui.line(&format!(
            "{id}  {}/{}  due {}  {}  {}",
            p.count,
            p.target,
            p.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            ctx.ui.paint(colour, &p.status),
            super::ui::one_line(&p.entry.title)
        ));
        ctx.ui.line(&ctx.ui.paint(
            DIM,
            &format!("      {}", p.entry.field_str("query").unwrap_or("")),
        ));
    }
    Ok(())
}
