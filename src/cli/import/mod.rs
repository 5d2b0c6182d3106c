//! `casebook import`: many entries in one commit, from JSON Lines (the
//! format `export --format jsonl` writes and the benchmark corpus uses), a
//! jrnl JSON export, a folder of Markdown notes (Obsidian, zk, plain) or a
//! CSV export from a helpdesk.
//!
//! Every format is turned into the same JSON records that JSON Lines holds,
//! so one function (`entry_from_record`) checks them all. Every record is
//! checked before anything is written: an import either lands whole or not
//! at all, and errors name the file and line (or row).

mod delimited;
mod jrnl;
mod markdown;

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry::{self, Entry, EntryId, Kind};
use crate::filter::Filter;
use crate::journal::entry_path;
use crate::write::{Item, WriteRequest};
use clap::Args;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

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
            kind's own fields (at the top level or under \"fields\")
  jrnl      `jrnl --export json`: date and time, title, body, tags without
            their @, starred as the tag `starred`
  markdown  a .md file or a folder of them (hidden folders such as .obsidian
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
(an edited note updates its entry), JSON Lines by id, jrnl and CSV records by
time, title, person and case.")]
pub struct ImportArgs {
    /// The file or folder to import (`-` or nothing for stdin)
    pub file: Option<PathBuf>,
    /// The input format (default: guessed from the file)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<Format>,
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
    pub date_format: Option<DateOrder>,
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
pub enum DateOrder {
    /// Day first: 07/08/2025 is 7 August
    #[value(alias = "dd/mm/yyyy")]
    Dmy,
    /// Month first: 07/08/2025 is July 8
    #[value(alias = "mm/dd/yyyy")]
    Mdy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(alias = "json")]
    Jsonl,
    Jrnl,
    #[value(alias = "md")]
    Markdown,
    #[value(alias = "tsv")]
    Csv,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Jrnl => "jrnl",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
        }
    }
}

/// One record on its way to becoming an entry: the JSON shape JSON Lines
/// holds, where it came from, and where each key came from, so an error
/// about one field names the line (or the CSV column) that gave it.
pub(super) struct Record {
    pub at: String,
    pub value: serde_json::Value,
    pub keys: Vec<(String, String)>,
}

impl Record {
    fn new(at: String, value: serde_json::Value) -> Record {
        Record {
            at,
            value,
            keys: Vec::new(),
        }
    }

    /// Where an error message about this record points: the key it names,
    /// else the record.
    fn locate(&self, message: &str) -> &str {
        self.keys
            .iter()
            .find(|(key, _)| mentions(message, key))
            .map(|(_, at)| at.as_str())
            .unwrap_or(&self.at)
    }
}

/// Does an error from `entry_from_record` concern this key? Its messages
/// start with the field's name or quote it.
fn mentions(message: &str, key: &str) -> bool {
    message.starts_with(&format!("{key} "))
        || message.contains(&format!("'{key}'"))
        || (key == "skills" && message.starts_with("unknown skill"))
        || (key == "kind" && message.starts_with("unknown kind"))
}

/// What a format's reader hands back: the records and notes for stderr
/// (ignored columns, front-matter keys that have no place in an entry).
#[derive(Default)]
pub(super) struct Parsed {
    pub records: Vec<Result<Record, String>>,
    pub notes: Vec<String>,
}

/// Settings every reader needs.
pub(super) struct Options<'a> {
    pub source: &'a str,
    pub kind: Option<Kind>,
    /// `--date`: given, a record without a date is not an error.
    pub has_default_date: bool,
    pub date_order: Option<DateOrder>,
}

pub fn run(args: ImportArgs, ctx: &mut Context) -> CliResult {
    let kind = match &args.kind {
        Some(k) => Some(
            k.parse::<Kind>()
                .map_err(|e| CliError::usage(format!("--kind: {e}")))?,
        ),
        None => None,
    };
    let path = args.file.as_ref().filter(|p| p.as_os_str() != "-");
    let source = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "stdin".into());
    let is_dir = path.is_some_and(|p| p.is_dir());
    if is_dir && args.from.is_some_and(|f| f != Format::Markdown) {
        return Err(CliError::usage(format!(
            "--from {}: {source} is a folder; only --from markdown reads folders",
            args.from.map(Format::name).unwrap_or_default()
        )));
    }
    // A folder is read file by file; everything else is one text.
    let text = match path {
        _ if is_dir => String::new(),
        None => read_stdin()?,
        Some(p) => read_text(p)?,
    };
    let format = match args.from {
        Some(f) => f,
        None if is_dir => Format::Markdown,
        None => detect(path.map(PathBuf::as_path), &text),
    };
    if matches!(format, Format::Jsonl | Format::Jrnl) && jrnl::looks_like_plain(&text) {
        return Err(jrnl::plain_text_error(&source));
    }
    if !args.maps.is_empty() && format != Format::Csv {
        return Err(CliError::usage(format!(
            "--map applies to CSV; {source} is read as {}",
            format.name()
        ))
        .with_hint("pass --from csv if the file is CSV"));
    }
    let default_person = ctx.person(args.person.as_deref()).ok();
    let skills = ctx.journal()?.skill_ids();
    let default_date = match &args.date {
        Some(d) => Some(
            delimited::parse_date(d.trim(), args.date_format)
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "--date: '{d}' is not a date (use YYYY-MM-DD or RFC 3339)"
                    ))
                })?
                .to_rfc3339(),
        ),
        None => None,
    };
    let opts = Options {
        source: &source,
        kind,
        has_default_date: default_date.is_some(),
        date_order: args.date_format,
    };
    let defaults = Defaults {
        person: default_person.as_deref(),
        date: default_date.as_deref(),
        skills: &skills,
    };
    let checked = match format {
        Format::Jsonl => {
            // Records become entries one line at a time: a 100,000-line
            // import never holds its JSON values all at once.
            let records = parse_jsonl(&text, &source).map(|r| {
                r.map(|(line, mut v)| {
                    if let (Some(k), Some(obj)) = (kind, v.as_object_mut())
                        && obj.get("kind").is_none_or(|k| k.is_null())
                    {
                        obj.insert("kind".into(), k.as_str().into());
                    }
                    Record::new(format!("{source}:{line}"), v)
                })
                .map_err(|e| e.message)
            });
            check_records(records, &defaults)
        }
        other => {
            let parsed = match other {
                Format::Jrnl => jrnl::read(&text, &opts)?,
                Format::Csv => {
                    let tsv = path.is_some_and(|p| has_extension(p, &["tsv"]));
                    delimited::read(&text, &opts, &args.maps, tsv)?
                }
                _ => match path {
                    Some(p) if is_dir => markdown::read_dir(p, &opts)?,
                    _ => markdown::read_one(&text, path.map(PathBuf::as_path), &opts)?,
                },
            };
            for note in &parsed.notes {
                ctx.ui.warn(note);
            }
            check_records(parsed.records, &defaults)
        }
    };
    drop(text);
    let (entries, invalid) = settle(ctx, checked, &args)?;
    for e in &entries {
        super::approval::check_gate(ctx, e, &format!("{source}: '{}'", e.title))?;
    }
    // Entries the journal holds already are skipped, and an edited source
    // note updates the entry it made: see `reconcile`.
    let plan = reconcile(ctx, entries, format == Format::Jsonl)?;
    let n = plan.items.len();
    let updated = plan.items.iter().filter(|(_, p)| p.is_some()).count();
    let added = n - updated;
    let skipped = plan.skipped;
    let mut notes = Vec::new();
    if updated > 0 {
        notes.push(format!("{updated} updated"));
    }
    if skipped > 0 {
        notes.push(format!("{skipped} skipped as already imported"));
    }
    if !invalid.is_empty() {
        notes.push(format!("{} left out as not valid", invalid.len()));
    }
    let skipped_note = if notes.is_empty() {
        String::new()
    } else {
        format!(", {}", notes.join(", "))
    };
    let message = if updated > 0 {
        format!(
            "import: {added} entries, {updated} updated, from {}",
            file_name(&source)
        )
    } else {
        format!("import: {n} entries from {}", file_name(&source))
    };
    if args.dry_run {
        let entries: Vec<Entry> = plan.items.iter().map(|(e, _)| e.clone()).collect();
        // The same screen a real run makes: the same finds, the same refusal.
        let request = preview_entries(ctx, plan.items.clone(), &message, &args.pii, true)?;
        let outcome = super::guard::run_request(ctx, request)?;
        if ctx.json() {
            let list: Vec<_> = plan
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
                &serde_json::json!({"dry_run": true, "would_import": n, "would_update": updated, "skipped": skipped, "invalid": invalid, "entries": list, "warnings": outcome.warnings(), "finds": super::guard::finds_json(&outcome.finds)})
                    .to_string(),
            );
        } else if format != Format::Jsonl {
            for (e, p) in plan.items.iter() {
                ctx.ui.line(&format!(
                    "{}  {:<10}  {}{}{}",
                    e.created.format("%Y-%m-%d %H:%M"),
                    e.kind.as_str(),
                    super::ui::one_line(&e.title),
                    if e.tags.is_empty() {
                        String::new()
                    } else {
                        format!("  #{}", e.tags.join(" #"))
                    },
                    if p.is_some() { "  (update)" } else { "" }
                ));
            }
        }
        drop(entries);
        ctx.ui.status(&format!(
            "{n} entries would be imported from {source}{skipped_note}"
        ));
        return Ok(());
    }
    if n == 0 {
        if skipped > 0 || !invalid.is_empty() {
            if ctx.json() {
                ctx.ui.line(
                    &serde_json::json!({"imported": 0, "updated": 0, "commit": null, "skipped": skipped, "invalid": invalid})
                        .to_string(),
                );
            } else {
                ctx.ui.line(&format!(
                    "imported 0 entries{skipped_note}; nothing to commit"
                ));
            }
            return Ok(());
        }
        return Err(CliError::nothing(format!("{source} holds no entries")));
    }
    let info = commit_items(ctx, plan.items, &message, &args.pii)?;
    if ctx.json() {
        let out = serde_json::json!({"imported": added, "updated": updated, "commit": info, "skipped": skipped, "invalid": invalid});
        ctx.ui.line(&out.to_string());
    } else {
        ctx.ui
            .line(&format!("imported {added} entries ({info}){skipped_note}"));
    }
    Ok(())
}

/// What records fall back on when they name no person or date.
pub(super) struct Defaults<'a> {
    pub person: Option<&'a str>,
    pub date: Option<&'a str>,
    pub skills: &'a [String],
}

/// The entries of the valid records, and one message per record that is
/// not valid (all of them: `settle` decides how many the user sees).
pub(super) struct Checked {
    pub entries: Vec<Entry>,
    pub errors: Vec<String>,
}

/// Either every record was valid, or: with --skip-invalid the valid ones
/// go on and the others are listed as warnings; without it nothing is
/// imported. Either way `--errors FILE` gets them all, and `--json` prints
/// them all on stdout.
fn settle(
    ctx: &mut Context,
    checked: Checked,
    args: &ImportArgs,
) -> CliResult<(Vec<Entry>, Vec<String>)> {
    let Checked { entries, errors } = checked;
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
    Err(CliError::failure(format!(
        "nothing imported; {count} record(s) are not valid:\n{}{more}",
        shown.join("\n")
    ))
    .with_hint(hint))
}

/// What an import writes: each entry with the path of the entry it
/// updates (None for a new one), and how many were already there.
struct Plan {
    items: Vec<(Entry, Option<String>)>,
    skipped: usize,
}

/// Matches imported entries against the journal, so that an import run
/// again adds only what is new and an edited source updates its entry:
///
/// - the same casebook id (JSON Lines, a casebook Markdown export): the
///   same text is skipped, other text updates that entry;
/// - the same `imported_from` (a zk id, else the path inside the imported folder):
///   the same `import_hash` (an untouched, touched or copied note) is
///   skipped, another hash (the note was edited) updates that entry;
/// - else, for other tools' records, the same time, title, person and case
///   is skipped (jrnl and CSV carry no identity of their own).
fn reconcile(ctx: &mut Context, entries: Vec<Entry>, jsonl: bool) -> CliResult<Plan> {
    if entries.is_empty() {
        return Ok(Plan {
            items: Vec::new(),
            skipped: 0,
        });
    }
    let filter = Filter {
        include_private: true,
        include_drafts: true,
        ..Filter::default()
    };
    let existing = ctx.query(|index| index.all_matching(&filter))?;
    let mut by_id = std::collections::HashMap::new();
    let mut by_source = std::collections::HashMap::new();
    let mut known = HashSet::new();
    for item in &existing {
        by_id.insert(item.entry.id.clone(), item);
        if let Some(src) = &item.entry.imported_from {
            by_source.insert(src.clone(), item);
        }
        known.insert(same_key(&item.entry));
    }
    let mut items = Vec::with_capacity(entries.len());
    let mut skipped = 0;
    for mut e in entries {
        if let Some(old) = by_id.get(&e.id) {
            let same = ctx
                .journal()?
                .read_file(&old.path)
                .is_ok_and(|text| text == e.to_markdown());
            if same {
                skipped += 1;
            } else {
                items.push((e, Some(old.path.clone())));
            }
            continue;
        }
        if let Some(old) = e.imported_from.as_ref().and_then(|s| by_source.get(s)) {
            if old.entry.import_hash == e.import_hash {
                skipped += 1;
            } else {
                // The entry keeps its id, path and person: links to it and
                // its history follow.
                e.id = old.entry.id.clone();
                items.push((e, Some(old.path.clone())));
            }
            continue;
        }
        if !jsonl && known.contains(&same_key(&e)) {
            skipped += 1;
            continue;
        }
        items.push((e, None));
    }
    Ok(Plan { items, skipped })
}

/// The format of a file given without `--from`: by its extension, then by
/// its first bytes (a jrnl export is one JSON object holding `entries`).
fn detect(path: Option<&Path>, text: &str) -> Format {
    if let Some(p) = path {
        if has_extension(p, &["csv", "tsv"]) {
            return Format::Csv;
        }
        if has_extension(p, &["md", "markdown"]) {
            return Format::Markdown;
        }
        if has_extension(p, &["jsonl", "ndjson"]) {
            return Format::Jsonl;
        }
    }
    if jrnl::looks_like(text) {
        return Format::Jrnl;
    }
    Format::Jsonl
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

fn read_stdin() -> CliResult<String> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| CliError::failure(format!("cannot read stdin: {e}")))?;
    Ok(s)
}

fn read_text(path: &Path) -> CliResult<String> {
    std::fs::read_to_string(path)
        .map_err(|e| CliError::failure(format!("cannot read {}: {e}", path.display())))
}

fn same_key(e: &Entry) -> (i64, String, String, Option<String>) {
    (
        e.created.timestamp(),
        e.title.clone(),
        e.person.clone(),
        e.case.clone(),
    )
}

/// The records of a JSON Lines text, lazily, each with its line number.
pub(super) fn parse_jsonl<'a>(
    text: &'a str,
    source: &'a str,
) -> impl Iterator<Item = CliResult<(usize, serde_json::Value)>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(i, line)| {
            serde_json::from_str(line)
                .map(|v| (i + 1, v))
                .map_err(|e| CliError::failure(format!("{source}:{}: not JSON: {e}", i + 1)))
        })
}

/// Entries from JSON records that must all be valid (the demo journal).
pub(super) fn entries_from_records(
    records: impl IntoIterator<Item = CliResult<(usize, serde_json::Value)>>,
    default_person: Option<&str>,
    skills: &[String],
    source: &str,
) -> CliResult<Vec<Entry>> {
    let checked = check_records(
        records.into_iter().map(|r| {
            r.map(|(line, v)| Record::new(format!("{source}:{line}"), v))
                .map_err(|e| e.message)
        }),
        &Defaults {
            person: default_person,
            date: None,
            skills,
        },
    );
    if let Some(first) = checked.errors.first() {
        return Err(CliError::failure(format!(
            "{} record(s) are not valid: {first}",
            checked.errors.len()
        )));
    }
    Ok(checked.entries)
}

/// Checks every record: the entries of the valid ones, a message naming
/// the file and line (or row and column) for each of the others. Every
/// limit `check` enforces is enforced here, so nothing that lands fails
/// `check` afterwards.
pub(super) fn check_records(
    records: impl IntoIterator<Item = Result<Record, String>>,
    defaults: &Defaults,
) -> Checked {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    let mut sources = HashSet::new();
    for record in records {
        let mut record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let (Some(date), Some(obj)) = (defaults.date, record.value.as_object_mut())
            && ["created", "date"]
                .iter()
                .all(|k| obj.get(*k).is_none_or(|v| v.is_null() || v == ""))
        {
            obj.insert("created".into(), date.into());
        }
        let entry = entry_from_record(&record.value, defaults.person, defaults.skills)
            .and_then(|e| within_limits(&e).map(|()| e));
        match entry {
            Ok(e) => {
                if !ids.insert(e.id.clone()) {
                    errors.push(format!("{}: id {} appears twice", record.at, e.id));
                    continue;
                }
                if let Some(src) = &e.imported_from
                    && !sources.insert(src.clone())
                {
                    errors.push(format!(
                        "{}: {src} appears twice (two notes with one id?)",
                        record.at
                    ));
                    continue;
                }
                entries.push(e);
            }
            Err(message) => errors.push(format!("{}: {message}", record.locate(&message))),
        }
    }
    Checked { entries, errors }
}

/// The largest entry file `check` accepts.
const MAX_ENTRY_BYTES: usize = 5 << 20;

/// What `check` would refuse once the entry is written: its front matter
/// read back with problems, or a file over 5 MB.
fn within_limits(e: &Entry) -> Result<(), String> {
    let text = e.to_markdown();
    if text.len() > MAX_ENTRY_BYTES {
        return Err(format!(
            "the entry would be {} MB; entries hold at most 5 MB (split the note)",
            text.len() >> 20
        ));
    }
    let parsed = entry::parse(&text, &entry_path(e)).map_err(|p| p.message)?;
    if let Some(p) = parsed.problems.first() {
        return Err(p.message.clone());
    }
    // `check` wants every link to name an entry: a wiki link (`[[Note]]`)
    // or a URL never can.
    if let Some(bad) = e.links.iter().find(|l| EntryId::parse_lenient(l).is_none()) {
        return Err(format!("links: '{bad}' is not an entry id"));
    }
    Ok(())
}

/// The kind a set of tags names: the first tag that is exactly a practice
/// kind (`postmortem`, `diagnosis`...), which is then no longer a tag.
/// History records (ratings, goals...) are never guessed from a tag.
pub(super) fn kind_from_tags(tags: &mut Vec<String>) -> Option<Kind> {
    let at = tags.iter().position(|t| {
        Kind::ALL
            .iter()
            .any(|k| k.is_practice() && k.as_str().eq_ignore_ascii_case(t))
    })?;
    let tag = tags.remove(at);
    tag.to_ascii_lowercase().parse().ok()
}

/// A tag as other tools write it (`@billing`, `#billing`), without the sign.
pub(super) fn clean_tag(tag: &str) -> Option<String> {
    let t = tag.trim().trim_start_matches(['@', '#', '+']).trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Adds tags, keeping the first spelling of each.
pub(super) fn push_tags(tags: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    for t in more {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
            tags.push(t);
        }
    }
}

/// Turns one JSON record into an entry, checking every field.
pub fn entry_from_record(
    v: &serde_json::Value,
    default_person: Option<&str>,
    skills: &[String],
) -> Result<Entry, String> {
    use serde_json::Value as J;
    let obj = v.as_object().ok_or("a record must be a JSON object")?;
    let text = |k: &str| -> Result<Option<String>, String> {
        match obj.get(k) {
            None | Some(J::Null) => Ok(None),
            Some(J::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Some(J::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(format!("'{k}' must be text, found {other}")),
        }
    };
    let list = |k: &str| -> Result<Vec<String>, String> {
        match obj.get(k) {
            None | Some(J::Null) => Ok(Vec::new()),
            Some(J::String(s)) => Ok(s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()),
            Some(J::Array(a)) => a
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(|s| s.trim().to_string())
                        .ok_or(format!("'{k}' must be a list of text"))
                })
                .collect(),
            Some(_) => Err(format!("'{k}' must be a list of text")),
        }
    };
    let kind: Kind = match text("kind")? {
        Some(k) => k.parse().map_err(|e: entry::UnknownKind| e.to_string())?,
        None => Kind::Note,
    };
    let person_raw = text("person")?
        .or(default_person.map(str::to_string))
        .ok_or("the record names no person (add \"person\" or pass --person)")?;
    let person = entry::person_slug(&person_raw)?;
    let created_text = text("created")?
        .or(text("date")?)
        .ok_or("the record has no date (\"date\" or \"created\")")?;
    let created = entry::parse_datetime_text(&created_text).ok_or(format!(
        "'{created_text}' is not a date (use YYYY-MM-DD or RFC 3339)"
    ))?;
    // The body keeps its first line's indentation (an indented code
    // block): only blank lines before it and space after it go.
    let body = match obj.get("body") {
        None | Some(J::Null) => String::new(),
        Some(J::String(s)) => s.trim_start_matches(['\n', '\r']).trim_end().to_string(),
        Some(other) => return Err(format!("'body' must be text, found {other}")),
    };
    let body = if body.trim().is_empty() {
        String::new()
    } else {
        body
    };
    let title = match text("title")? {
        Some(t) => t,
        None => body
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| entry::truncate_chars(l.trim().trim_start_matches('#').trim(), 72))
            .filter(|t| !t.is_empty())
            .ok_or("the record has no title")?,
    };
    let mut e = Entry::new(kind, &title, &person, created);
    if let Some(id) = text("id")? {
        e.id = EntryId::parse_lenient(&id).ok_or(format!(
            "id '{id}' may hold only letters, digits, '-' and '_'"
        ))?;
    }
    if let Some(u) = text("updated")? {
        e.updated =
            Some(entry::parse_datetime_text(&u).ok_or(format!("updated '{u}' is not a date"))?);
    }
    e.body = body;
    if obj.contains_key("skills") {
        e.skills = list("skills")?;
    }
    e.tags = list("tags")?;
    e.products = list("products")?;
    e.links = list("links")?;
    e.aliases = list("aliases")?;
    e.imported_from = text("imported_from")?;
    e.import_hash = text("import_hash")?;
    e.case = text("case")?;
    e.tier = text("tier")?;
    e.private = match obj.get("private") {
        None | Some(J::Null) => false,
        Some(J::Bool(b)) => *b,
        Some(other) => return Err(format!("'private' must be true or false, found {other}")),
    };
    if !skills.is_empty()
        && let Some(s) = e.skills.iter().find(|s| !skills.contains(s))
    {
        return Err(format!("unknown skill '{s}'"));
    }
    let mut set_field = |key: &str, value: &J| -> Result<(), String> {
        let spec = kind.field(key).ok_or_else(|| {
            let known: Vec<_> = kind.fields().iter().map(|f| f.name).collect();
            format!(
                "unknown field '{key}' for a {kind} entry (fields: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )
        })?;
        if let Some(v) = entry::json_to_field(spec, value)? {
            e.fields.insert(key.to_string(), v);
        }
        Ok(())
    };
    for (key, value) in obj {
        if entry::COMMON_FIELDS.contains(&key.as_str())
            || matches!(key.as_str(), "date" | "body" | "fields" | "path")
        {
            continue;
        }
        set_field(key, value)?;
    }
    if let Some(J::Object(fields)) = obj.get("fields") {
        for (key, value) in fields {
            set_field(key, value)?;
        }
    }
    Ok(e)
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
