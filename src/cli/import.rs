//! `casebook import`: many entries in one commit, from JSON Lines (the
//! format `export --format jsonl` writes and the benchmark corpus uses).
//! Every record is checked before anything is written: an import either
//! lands whole or not at all, and errors name the line.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry::{self, Entry, EntryId, Kind};
use crate::journal::{Change, entry_path};
use clap::Args;
use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook import entries.jsonl
  casebook export --format jsonl | casebook -C ../other import -

Each line is one JSON object: kind, title, body, date (or created), person, tags,
skills, products, case, links, private, and the kind's own fields (at the top
level or under \"fields\"); `casebook help kinds` lists them.")]
pub struct ImportArgs {
    /// The file to import (`-` or nothing for stdin)
    pub file: Option<PathBuf>,
    /// The input format
    #[arg(long, default_value = "jsonl", value_name = "FORMAT")]
    pub from: String,
    /// Person for records that name none
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Check everything, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: super::guard::PiiArgs,
}

pub fn run(args: ImportArgs, ctx: &mut Context) -> CliResult {
    if !matches!(args.from.as_str(), "jsonl" | "json") {
        return Err(CliError::usage(format!(
            "--from {}: this version imports jsonl",
            args.from
        )));
    }
    let text = match &args.file {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| CliError::failure(format!("cannot read {}: {e}", p.display())))?,
    };
    let source = args
        .file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "stdin".into());
    let default_person = ctx.person(args.person.as_deref()).ok();
    // Records become entries one line at a time: a 100,000-line import
    // never holds its JSON values all at once.
    let records = parse_jsonl(&text, &source);
    let entries = entries_from_records(
        records,
        default_person.as_deref(),
        &ctx.journal()?.skill_ids(),
        &source,
    )?;
    drop(text);
    for e in &entries {
        super::approval::check_gate(ctx, e, &format!("{source}: '{}'", e.title))?;
    }
    if args.dry_run {
        ctx.ui.status(&format!(
            "{} entries would be imported from {source}",
            entries.len()
        ));
        return Ok(());
    }
    let n = entries.len();
    if n == 0 {
        return Err(CliError::nothing(format!("{source} holds no entries")));
    }
    let info = commit_entries(
        ctx,
        entries,
        &format!("import: {n} entries from {}", file_name(&source)),
        &args.pii,
    )?;
    if ctx.json() {
        ctx.ui
            .line(&serde_json::json!({"imported": n, "commit": info}).to_string());
    } else {
        ctx.ui.line(&format!("imported {n} entries ({info})"));
    }
    Ok(())
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

pub(super) fn entries_from_records(
    records: impl IntoIterator<Item = CliResult<(usize, serde_json::Value)>>,
    default_person: Option<&str>,
    skills: &[String],
    source: &str,
) -> CliResult<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for record in records {
        let (line, record) = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(e.message);
                continue;
            }
        };
        match entry_from_record(&record, default_person, skills) {
            Ok(e) => {
                if !ids.insert(e.id.clone()) {
                    errors.push(format!("{source}:{line}: id {} appears twice", e.id));
                }
                entries.push(e);
            }
            Err(message) => errors.push(format!("{source}:{line}: {message}")),
        }
    }
    if !errors.is_empty() {
        let more = if errors.len() > 10 {
            format!("\n... and {} more", errors.len() - 10)
        } else {
            String::new()
        };
        errors.truncate(10);
        return Err(CliError::failure(format!(
            "nothing imported; {} record(s) are not valid:\n{}{more}",
            errors.len(),
            errors.join("\n")
        )));
    }
    Ok(entries)
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
    let body = text("body")?.unwrap_or_default();
    let title = match text("title")? {
        Some(t) => t,
        None => body
            .lines()
            .next()
            .map(|l| entry::truncate_chars(l.trim_start_matches('#').trim(), 72))
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

/// Writes entries as one commit and returns the short commit id.
pub(super) fn commit_entries(
    ctx: &mut Context,
    entries: Vec<Entry>,
    message: &str,
    pii: &super::guard::PiiArgs,
) -> CliResult<String> {
    let changes: Vec<Change> = entries
        .into_iter()
        .map(|e| Change::Write {
            path: entry_path(&e),
            content: e.to_markdown().into_bytes(),
        })
        .collect();
    // The guard reports its finds on stderr; the import's summary follows.
    let (info, _warnings) = super::guard::commit(ctx, changes, message, pii)?; // before indexing: the rebuild needs the memory
    ctx.index_changed();
    // Index now, so the first search after an import is instant.
    ctx.index()?;
    Ok(info.short())
}
