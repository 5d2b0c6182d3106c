//! `casebook escalation triage FILE`: a month's helpdesk export categorised
//! in one sitting. On a terminal, one key and Enter per ticket; in a script,
//! the categories come from a prepared column. Every triaged ticket becomes
//! an escalation entry, all of them in one commit, so a month's triage is
//! one step in the history (and one `undo`).

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{all_of_kind, day_or_today};
use super::ui::one_line;
use crate::entry::{Entry, Kind};
use crate::journal::entry_path;
use crate::loops::triage::{Answer, Columns, TableError, Ticket, answer, tickets};
use clap::Args;
use std::collections::{BTreeMap, HashSet};
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

const TRIGGERS: &[&str] = &[
    "complexity",
    "sentiment",
    "rule",
    "stakes",
    "customer-asked",
];

pub fn run(args: TriageArgs, ctx: &mut Context) -> CliResult {
    let name = args.file.display().to_string();
    let text = std::fs::read(&args.file)
        .map_err(|e| CliError::usage(format!("{name}: cannot read it ({e})")))?;
    let text = String::from_utf8_lossy(&text);
    let conf = ctx.journal()?.config.triage.clone();
    let cols = Columns {
        id: args.id_column.clone().or(conf.id_column),
        subject: args.subject_column.clone().or(conf.subject_column),
        category: args.category_column.clone().or(conf.category_column),
        trigger: args.trigger_column.clone().or(conf.trigger_column),
        pattern: args.pattern_column.clone().or(conf.pattern_column),
    };
    let (all, id_col) = tickets(&text, &cols).map_err(|e| match e {
        TableError::NotCsv => CliError::usage(format!(
            "{name} is not a CSV export: its first line has no header with commas, semicolons or tabs"
        )),
        TableError::NoIdColumn(headers) => CliError::usage(format!(
            "{name} has no ticket id column"
        ))
        .with_hint(format!(
            "its columns are {}; name one with --id-column or [triage] id_column in casebook.toml",
            headers.join(", ")
        )),
        TableError::NoSuchColumn(which, col, headers) => CliError::usage(format!(
            "--{which}-column: {name} has no column '{col}' (columns: {})",
            headers.join(", ")
        )),
    })?;
    // A ticket already triaged keeps its entry; the export may overlap last month's.
    let done: HashSet<String> = all_of_kind(ctx, Kind::Escalation)?
        .into_iter()
        .filter_map(|i| i.entry.case)
        .map(|c| c.to_lowercase())
        .collect();
    let (todo, already): (Vec<Ticket>, Vec<Ticket>) = all
        .into_iter()
        .partition(|t| !done.contains(&t.id.to_lowercase()));
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
    let prepared = cols.category.is_some();
    if !prepared && !ctx.interactive() {
        return Err(CliError::usage(format!(
            "{name}: no category column and no terminal to ask on"
        ))
        .with_hint(
            "prepare a column with s/c/l and pass --category-column NAME, or run it on a terminal",
        ));
    }
    // Triggers are checked before anyone answers a single question.
    for t in &todo {
        if let Some(tr) = &t.trigger {
            let norm = tr.trim().to_lowercase().replace([' ', '_'], "-");
            if !TRIGGERS.contains(&norm.as_str()) {
                return Err(CliError::usage(format!(
                    "{name}:{}: trigger '{tr}' is not one of {}",
                    t.line,
                    TRIGGERS.join(", ")
                )));
            }
        }
    }
    let mut chosen: Vec<(&Ticket, &'static str)> = Vec::new();
    let mut skipped = 0;
    let total = todo.len();
    for (n, t) in todo.iter().enumerate() {
        let a = if prepared {
            let cell = t.category.as_deref().unwrap_or("");
            match answer(cell) {
                Some(Answer::Quit) | None => {
                    return Err(CliError::usage(format!(
                        "{name}:{}: category '{cell}' is not s, c, l (should-have-handled, correctly-escalated, escalated-late) or empty",
                        t.line
                    )));
                }
                Some(a) => a,
            }
        } else {
            ask(ctx, t, n + 1, total)
        };
        match a {
            Answer::Category(c) => chosen.push((t, c)),
            Answer::Skip => skipped += 1,
            Answer::Quit => {
                skipped += total - n;
                break;
            }
        }
    }
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
    let mut entries = Vec::new();
    let mut split: BTreeMap<&str, usize> = BTreeMap::new();
    for (t, c) in &chosen {
        let title = t
            .subject
            .as_deref()
            .map(|s| crate::entry::truncate_chars(&one_line(s), 72))
            .unwrap_or_else(|| format!("Escalation {}", t.id));
        let mut e = Entry::new(Kind::Escalation, &title, &person, created);
        e.case = Some(t.id.clone());
        let mut set = |k: &str, v: &str| {
            e.fields
                .insert(k.into(), toml::Value::String(v.to_string()));
        };
        set("category", c);
        if let Some(tr) = &t.trigger {
            set(
                "trigger",
                &tr.trim().to_lowercase().replace([' ', '_'], "-"),
            );
        }
        if let Some(p) = &t.pattern {
            set("pattern", &p.trim().to_lowercase());
        }
        e.body = format!("Triaged from {file_name} (line {}).", t.line);
        *split.entry(c).or_default() += 1;
        entries.push(e);
    }
    let written: Vec<(String, String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                e.id.to_string(),
                entry_path(e),
                e.case.clone().unwrap_or_default(),
                e.field_str("category").unwrap_or("").to_string(),
            )
        })
        .collect();
    let n = entries.len();
    let summary = format!(
        "{n} triaged ({} should have handled, {} correctly escalated, {} escalated late), {skipped} skipped, {} already triaged",
        split.get("should-have-handled").unwrap_or(&0),
        split.get("correctly-escalated").unwrap_or(&0),
        split.get("escalated-late").unwrap_or(&0),
        already.len()
    );
    if args.write.dry_run {
        for (id, path, case, cat) in &written {
            ctx.ui.line(&format!("{id} {path}  {case} {cat}"));
        }
        ctx.ui
            .status(&format!("(dry run: {summary}; nothing written)"));
        return Ok(());
    }
    let commit = super::import::commit_entries(
        ctx,
        entries,
        &format!("escalation triage: {n} tickets from {file_name}"),
        &args.write.pii,
    )?;
    if ctx.json() {
        let json = serde_json::json!({
            "triaged": n,
            "skipped": skipped,
            "already_triaged": already.len(),
            "split": {
                "should_have_handled": split.get("should-have-handled").unwrap_or(&0),
                "correctly_escalated": split.get("correctly-escalated").unwrap_or(&0),
                "escalated_late": split.get("escalated-late").unwrap_or(&0),
            },
            "commit": commit,
            "entries": written.iter().map(|(id, path, case, cat)| serde_json::json!({
                "id": id, "path": path, "case": case, "category": cat
            })).collect::<Vec<_>>(),
        });
        super::loops::print_json(ctx, &json);
    } else {
        for (id, path, _, _) in &written {
            ctx.ui.line(&format!("{id} {path}"));
        }
    }
    ctx.ui.status(&format!("{summary} (commit {commit})"));
    Ok(())
}

/// One ticket, one key: asked again until the answer means something;
/// the end of input stops the walk.
fn ask(ctx: &mut Context, t: &Ticket, n: usize, total: usize) -> Answer {
    let question = format!(
        "[{n}/{total}] {}  {}\n  s should have handled · c correctly escalated · l late · Enter skip · q quit?",
        one_line(&t.id),
        t.subject.as_deref().map(one_line).unwrap_or_default()
    );
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
