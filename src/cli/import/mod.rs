//! `casebook import`: the flags, the call to the library (`crate::import`
//! reads and checks every record, `reconcile` matches them against the
//! journal) and the choice of output. Everything an import does lands in
//! one commit through the write pipeline, or nothing does.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry::{Entry, Kind};
use crate::import::{self, DateOrder, Format, ImportError, Invalid, Plan};
use crate::journal::entry_path;
use crate::write::{Item, WriteRequest};
use clap::Args;
use std::io::Read;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook import entries.jsonl
  casebook export --format jsonl | casebook -C ../other import -
  jrnl --export json > jrnl.json && casebook import jrnl.json
  # a folder of Markdown notes
  casebook import ~/Obsidian/Support --kind note
  casebook import escalations.csv --kind escalation \\
      --map \"Ticket ID=case\" --map Subject=title --map Created=date \\
      --map Reason=reason
  # what would be imported
  casebook import notes/ --dry-run

Formats (--from, else guessed from the name and the first bytes):
  jsonl     one JSON object per line: kind, title, body, date (or created),
            person, tags, skills, products, case, links, private, and the
            kind's own fields (at the top level or under \"fields\");
            casebook's `export --format json` too
  jrnl      `jrnl --export json`: date and time, title, body, tags without
            their @, starred as the tag `starred`
  dayone    Day One's JSON export (the zip, its folder or JOURNAL.json):
            text, creationDate in the entry's timeZone, tags, starred
  markdown  a .md file or a folder of them (casebook's `export --format md`
            folder reads back as it was) (hidden folders such as .obsidian
            are skipped); YAML (---) or TOML (+++) front matter or none; the
            title from `title`, else the file name (Obsidian) or the first
            heading (zk), which stays in the body; aliases kept; the date
            from `date`/`created`, a date in the file name or the file's
            time; tags from `tags`, inline #tags and zk's :colon:tags:
  csv       one entry per row; --map COLUMN=FIELD says which column holds
            which field; columns named like casebook's own (title, date,
            created, kind, case, tags...) map themselves

The kind is the record's own (a `kind` key or column, or a tag that names a
practice kind such as @postmortem), else --kind, else note. `casebook help
kinds` lists the kinds and their fields. Importing again adds only what is
new: Markdown notes are matched by their zk id or their path in the folder
(an edited note updates its entry), Day One entries by uuid, casebook's
exports by id, jrnl and CSV records by time, title, person and case.")]
pub struct ImportArgs {
    /// The file or folder to import (`-` or nothing for stdin)
    pub file: Option<PathBuf>,
    /// The input format (default: guessed from the file)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<FormatArg>,
    /// The kind of records that name none (default: note)
    #[arg(long, value_name = "KIND", add = super::complete::kind_completer())]
    pub kind: Option<String>,
    /// CSV: the field a column holds, e.g. "Ticket ID=case" (repeatable)
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// Person for records that name none
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// The date of records that have none (CSV rows without a date column
    /// or cell), e.g. 2025-07-14
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// CSV: how to read an ambiguous date such as 07/08/2025
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_format: Option<DateOrderArg>,
    /// Import the valid records and list the ones left out, instead of
    /// importing nothing when one is not valid
    #[arg(long, alias = "skip-errors")]
    pub skip_invalid: bool,
    /// Write every error (not only the first ten) to FILE, one a line
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Check everything, list what would be imported, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: super::guard::PiiArgs,
}

/// Which comes first in a date written with slashes (`07/08/2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 07/08/2025 is 7 August
    #[value(alias = "dd/mm/yyyy")]
    Dmy,
    /// Month first: 07/08/2025 is July 8
    #[value(alias = "mm/dd/yyyy")]
    Mdy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    #[value(alias = "json")]
    Jsonl,
    Jrnl,
    #[value(alias = "day-one")]
    Dayone,
    #[value(alias = "md")]
    Markdown,
    #[value(alias = "tsv")]
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Jrnl => Format::Jrnl,
            FormatArg::Dayone => Format::Dayone,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Csv => Format::Csv,
        }
    }
}

impl From<ImportError> for CliError {
    fn from(e: ImportError) -> CliError {
        let error = match e.kind {
            import::ErrorKind::Usage => CliError::usage(e.message),
            import::ErrorKind::Failure => CliError::failure(e.message),
            import::ErrorKind::Nothing => CliError::nothing(e.message),
        };
        match e.hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }
}

pub fn run(args: ImportArgs, ctx: &mut Context) -> CliResult {
    let request = request(&args, ctx)?;
    let read = import::read(&request)?;
    drop(request);
    for note in &read.notes {
        ctx.ui.warn(note);
    }
    let import::Read {
        source,
        format,
        entries,
        errors,
        ..
    } = read;
    let (entries, invalid) = settle(ctx, entries, errors, &args)?;
    for e in &entries {
        super::approval::check_gate(ctx, e, &format!("{source}: '{}'", e.title))?;
    }
    // Entries the journal holds already are skipped, and an edited source
    // note updates the entry it made.
    let plan = import::reconcile(ctx.session()?, entries, format == Format::Jsonl)?;
    let outcome = Outcome::of(&plan, &source, invalid);
    if args.dry_run {
        return dry_run(ctx, plan, &outcome, &args, format != Format::Jsonl);
    }
    if plan.items.is_empty() {
        return nothing_new(ctx, &outcome);
    }
    let info = commit_items(ctx, plan.items, &outcome.message, &args.pii)?;
    if ctx.json() {
        let out = serde_json::json!({"imported": outcome.added, "updated": outcome.updated, "commit": info, "skipped": outcome.skipped, "invalid": outcome.invalid});
        ctx.ui.line(&out.to_string());
    } else {
        ctx.ui.line(&format!(
            "imported {} entries ({info}){}",
            outcome.added, outcome.notes
        ));
    }
    Ok(())
}

/// The library's request from the flags (and stdin).
fn request(args: &ImportArgs, ctx: &mut Context) -> CliResult<import::Request> {
    let kind = match &args.kind {
        Some(k) => Some(
            k.parse::<Kind>()
                .map_err(|e| CliError::usage(format!("--kind: {e}")))?,
        ),
        None => None,
    };
    let path = args.file.clone().filter(|p| p.as_os_str() != "-");
    let text = match path {
        None => read_stdin()?,
        Some(_) => String::new(),
    };
    Ok(import::Request {
        path,
        text,
        format: args.from.map(Format::from),
        kind,
        maps: args.maps.clone(),
        person: ctx.person(args.person.as_deref()).ok(),
        date: args.date.clone(),
        date_order: args.date_format.map(|o| match o {
            DateOrderArg::Dmy => DateOrder::Dmy,
            DateOrderArg::Mdy => DateOrder::Mdy,
        }),
        skills: ctx.journal()?.skill_ids(),
    })
}

/// What an import does, counted, and its commit message.
struct Outcome {
    added: usize,
    updated: usize,
    skipped: usize,
    invalid: Vec<String>,
    /// ", 2 updated, 3 skipped as already imported", or nothing.
    notes: String,
    message: String,
    source: String,
}

impl Outcome {
    fn of(plan: &Plan, source: &str, invalid: Vec<String>) -> Outcome {
        let n = plan.items.len();
        let updated = plan.items.iter().filter(|(_, p)| p.is_some()).count();
        let added = n - updated;
        let mut notes = Vec::new();
        if updated > 0 {
            notes.push(format!("{updated} updated"));
        }
        if plan.skipped > 0 {
            notes.push(format!("{} skipped as already imported", plan.skipped));
        }
        if !invalid.is_empty() {
            notes.push(format!("{} left out as not valid", invalid.len()));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(", {}", notes.join(", "))
        };
        let message = if updated > 0 {
            import::commit_message(source, added, updated)
        } else {
            import::commit_message(source, n, 0)
        };
        Outcome {
            added,
            updated,
            skipped: plan.skipped,
            invalid,
            notes,
            message,
            source: source.to_string(),
        }
    }
}

/// `--dry-run`: the same screen a real run makes (the same finds, the
/// same refusal), what would be imported, nothing written.
fn dry_run(
    ctx: &mut Context,
    plan: Plan,
    outcome: &Outcome,
    args: &ImportArgs,
    list: bool,
) -> CliResult {
    let n = plan.items.len();
    let request = preview_entries(ctx, plan.items.clone(), &outcome.message, &args.pii, true)?;
    let result = super::guard::run_request(ctx, request)?;
    if ctx.json() {
        let entries: Vec<_> = plan
            .items
            .iter()
            .map(|(e, p)| {
                let mut j = e.to_json();
                j["path"] = p.clone().unwrap_or_else(|| entry_path(e)).into();
                j["update"] = p.is_some().into();
                j
            })
            .collect();
        ctx.ui.line(
            &serde_json::json!({"dry_run": true, "would_import": n, "would_update": outcome.updated, "skipped": outcome.skipped, "invalid": outcome.invalid, "entries": entries, "warnings": result.warnings(), "finds": super::guard::finds_json(&result.finds)})
                .to_string(),
        );
    } else if list {
        for (e, p) in &plan.items {
            ctx.ui.line(&preview_line(e, p.is_some()));
        }
    }
    ctx.ui.status(&format!(
        "{n} entries would be imported from {}{}",
        outcome.source, outcome.notes
    ));
    Ok(())
}

fn preview_line(e: &Entry, update: bool) -> String {
    format!(
        "{}  {:<10}  {}{}{}",
        e.created.format("%Y-%m-%d %H:%M"),
        e.kind.as_str(),
        super::ui::one_line(&e.title),
        if e.tags.is_empty() {
            String::new()
        } else {
            format!("  #{}", e.tags.join(" #"))
        },
        if update { "  (update)" } else { "" }
    )
}

/// Nothing to write: everything was there already (or left out), or the
/// source held nothing at all.
fn nothing_new(ctx: &mut Context, outcome: &Outcome) -> CliResult {
    if outcome.skipped == 0 && outcome.invalid.is_empty() {
        return Err(CliError::nothing(format!(
            "{} holds no entries",
            outcome.source
        )));
    }
    if ctx.json() {
        ctx.ui.line(
            &serde_json::json!({"imported": 0, "updated": 0, "commit": null, "skipped": outcome.skipped, "invalid": outcome.invalid})
                .to_string(),
        );
    } else {
        ctx.ui.line(&format!(
            "imported 0 entries{}; nothing to commit",
            outcome.notes
        ));
    }
    Ok(())
}

/// Either every record was valid, or: with --skip-invalid the valid ones
/// go on and the others are listed as warnings; without it nothing is
/// imported. Either way `--errors FILE` gets them all, and `--json` prints
/// them all on stdout.
fn settle(
    ctx: &mut Context,
    entries: Vec<Entry>,
    errors: Vec<Invalid>,
    args: &ImportArgs,
) -> CliResult<(Vec<Entry>, Vec<String>)> {
    let errors: Vec<String> = errors.iter().map(Invalid::to_string).collect();
    if errors.is_empty() {
        return Ok((entries, errors));
    }
    if let Some(file) = &args.errors {
        let mut text = errors.join("\n");
        text.push('\n');
        std::fs::write(file, text).map_err(|e| {
            CliError::failure(format!("--errors {}: cannot write: {e}", file.display()))
        })?;
    }
    if args.skip_invalid {
        for e in &errors {
            ctx.ui.warn(&format!("left out: {e}"));
        }
        return Ok((entries, errors));
    }
    if ctx.json() {
        ctx.ui.line(
            &serde_json::json!({"imported": 0, "commit": null, "invalid": errors}).to_string(),
        );
    }
    Err(refusal(&errors, args))
}

/// The error of an import refused for its invalid records: the first ten,
/// and the flags that help.
fn refusal(errors: &[String], args: &ImportArgs) -> CliError {
    let count = errors.len();
    let shown = &errors[..count.min(10)];
    let more = if count > 10 {
        format!("\n... and {} more", count - 10)
    } else {
        String::new()
    };
    let mut hint = String::from("--skip-invalid imports the valid records and lists the rest");
    if count > 10 && args.errors.is_none() {
        hint.push_str("; --errors FILE (or --json) lists all of them");
    }
    if errors.iter().any(|e| e.contains("has no date")) && args.date.is_none() {
        hint.push_str("; --date YYYY-MM-DD dates the records that have none");
    }
    CliError::failure(format!(
        "nothing imported; {count} record(s) are not valid:\n{}{more}",
        shown.join("\n")
    ))
    .with_hint(hint)
}

fn read_stdin() -> CliResult<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::failure(format!("cannot read stdin: {e}")))?;
    Ok(s)
}

/// Entries from JSON records that must all be valid (the demo journal).
pub(super) fn entries_from_records(
    records: impl IntoIterator<Item = Result<(usize, serde_json::Value), Invalid>>,
    default_person: Option<&str>,
    skills: &[String],
    source: &str,
) -> CliResult<Vec<Entry>> {
    Ok(import::entries_from_records(
        records,
        default_person,
        skills,
        source,
    )?)
}

/// Writes entries as one commit through the write pipeline and returns
/// the short commit id. The source file is the draft of a bulk write: a
/// refused import keeps nothing else.
pub(super) fn commit_entries(
    ctx: &mut Context,
    entries: Vec<Entry>,
    message: &str,
    pii: &super::guard::PiiArgs,
) -> CliResult<String> {
    let items = entries.into_iter().map(|e| (e, None)).collect();
    commit_items(ctx, items, message, pii)
}

/// `commit_entries` for an import that also updates entries: each entry
/// with the path of the one it replaces.
fn commit_items(
    ctx: &mut Context,
    items: Vec<(Entry, Option<String>)>,
    message: &str,
    pii: &super::guard::PiiArgs,
) -> CliResult<String> {
    let request = preview_entries(ctx, items, message, pii, false)?;
    let outcome = super::guard::run_request(ctx, request)?;
    // Index now (if it was not built beside the write), so the first search
    // after an import is instant.
    ctx.index()?;
    Ok(outcome.commit_short().unwrap_or_default())
}

/// The request an import makes of the pipeline.
fn preview_entries(
    ctx: &Context,
    items: Vec<(Entry, Option<String>)>,
    message: &str,
    pii: &super::guard::PiiArgs,
    dry_run: bool,
) -> CliResult<WriteRequest> {
    let updates = items.iter().any(|(_, p)| p.is_some());
    let items = items
        .into_iter()
        .map(|(entry, path)| Item::Entry { entry, path })
        .collect();
    let mut request =
        WriteRequest::of("import", items, message).with_policy(pii.policy(ctx), dry_run);
    request.keep_draft = false;
    // Only updated entries have a path: they get `updated`, new ones not.
    request.touch_updated = updates;
    Ok(request)
}
