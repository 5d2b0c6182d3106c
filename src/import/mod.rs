//! Importing other tools' data: JSON Lines (what `export --format jsonl`
//! writes), casebook's JSON and CSV exports and entry folders, a jrnl JSON
//! export, a Day One JSON export (a zip or its folder), a folder of
//! Markdown notes (Obsidian, zk, plain) or a helpdesk's CSV.
//!
//! Every format is turned into the same JSON records that JSON Lines
//! holds, so one function (`entry_from_record`) checks them all, and every
//! limit `check` enforces is enforced there. Errors name the file and line
//! (or row and column): [`Invalid`] for one record, [`ImportError`] for an
//! import that cannot start. No clap, no printing: notes for the user come
//! back in [`Read::notes`].
//!
//! [`reconcile`] matches the records against the journal by identity,
//! looking up only the identities the import holds.

mod dayone;
mod delimited;
mod jrnl;
mod markdown;

use crate::Location;
use crate::entry::{self, Entry, EntryId, Kind};
use crate::journal::entry_path;
use crate::session::Session;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Jrnl,
    Dayone,
    Markdown,
    Csv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Jrnl => "jrnl",
            Format::Dayone => "dayone",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
        }
    }
}

/// Which comes first in a date written with slashes (`07/08/2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
}

/// How an import that cannot start failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A flag that does not fit the input (`--map` on JSON, a bad `--date`).
    Usage,
    /// The input cannot be read as its format.
    Failure,
    /// The input holds nothing to import.
    Nothing,
}

/// An import that cannot start: what is wrong, naming the file (and line
/// where there is one), and what to do about it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ImportError {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl ImportError {
    pub fn usage(message: impl Into<String>) -> ImportError {
        ImportError {
            kind: ErrorKind::Usage,
            message: message.into(),
            hint: None,
        }
    }

    pub fn failure(message: impl Into<String>) -> ImportError {
        ImportError {
            kind: ErrorKind::Failure,
            message: message.into(),
            hint: None,
        }
    }

    pub fn nothing(message: impl Into<String>) -> ImportError {
        ImportError {
            kind: ErrorKind::Nothing,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> ImportError {
        self.hint = Some(hint.into());
        self
    }
}

pub type Result<T, E = ImportError> = std::result::Result<T, E>;

/// One record that is not valid: where it is (`file:line`, a CSV row's
/// `file:line: column 'Created'`, a JSON entry without a line
/// `file: entry 3`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct Invalid {
    pub location: Location,
    pub message: String,
}

impl Invalid {
    pub fn new(location: Location, message: impl Into<String>) -> Invalid {
        Invalid {
            location,
            message: message.into(),
        }
    }
}

impl From<Invalid> for crate::Error {
    fn from(e: Invalid) -> crate::Error {
        crate::Error::invalid(e.message).at(e.location)
    }
}

impl From<ImportError> for crate::Error {
    /// Flags that do not fit and input that cannot be read as its format
    /// are invalid input; an input with nothing in it is nothing found.
    fn from(e: ImportError) -> crate::Error {
        let error = match e.kind {
            ErrorKind::Usage | ErrorKind::Failure => crate::Error::invalid(e.message),
            ErrorKind::Nothing => crate::Error::not_found(e.message),
        };
        match e.hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }
}

/// What to import and how to read it.
#[derive(Debug, Default)]
pub struct Request {
    /// A file or folder; None: `text` (stdin).
    pub path: Option<PathBuf>,
    /// The text of stdin when `path` is None.
    pub text: String,
    /// The format; None: guessed from the name and the first bytes.
    pub format: Option<Format>,
    /// The kind of records that name none.
    pub kind: Option<Kind>,
    /// CSV: `COLUMN=FIELD` mappings.
    pub maps: Vec<String>,
    /// The person of records that name none.
    pub person: Option<String>,
    /// The date of records that have none, as given (`--date`).
    pub date: Option<String>,
    pub date_order: Option<DateOrder>,
    /// The journal's skill ids (a record's skills must be among them).
    pub skills: Vec<String>,
}

/// What an import read: the entries of the valid records, one [`Invalid`]
/// for each of the others, and notes for the user (columns and keys left
/// out, times moved).
#[derive(Debug)]
pub struct Read {
    pub source: String,
    pub format: Format,
    pub entries: Vec<Entry>,
    pub errors: Vec<Invalid>,
    pub notes: Vec<String>,
}

/// Reads and checks every record of an import; writes nothing.
pub fn read(req: &Request) -> Result<Read> {
    let path = req.path.as_deref();
    let source = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "stdin".into());
    let dayone = match path {
        Some(p) if req.format.is_none_or(|f| f == Format::Dayone) => {
            dayone::journals(p).map_err(ImportError::failure)?
        }
        _ => None,
    };
    let is_dir = path.is_some_and(|p| p.is_dir()) && dayone.is_none();
    if is_dir && req.format.is_some_and(|f| f != Format::Markdown) {
        return Err(ImportError::usage(format!(
            "--from {}: {source} is a folder; only --from markdown reads folders (and --from dayone a Day One export's)",
            req.format.map(Format::name).unwrap_or_default()
        )));
    }
    // A folder is read file by file, a Day One export journal by journal;
    // everything else is one text.
    let owned;
    let text = match path {
        _ if is_dir || dayone.is_some() => "",
        None => req.text.as_str(),
        Some(p) => {
            owned = read_text(p)?;
            owned.as_str()
        }
    };
    let format = match req.format {
        // `--from json` on a whole JSON document (casebook's, jrnl's or Day
        // One's export) reads it as one, not line by line.
        Some(Format::Jsonl) if jrnl::looks_like(text) => Format::Jrnl,
        Some(f) => f,
        None if dayone.is_some() => Format::Dayone,
        None if is_dir => Format::Markdown,
        None => detect(path, text),
    };
    if matches!(format, Format::Jsonl | Format::Jrnl) && jrnl::looks_like_plain(text) {
        return Err(jrnl::plain_text_error(&source));
    }
    if !req.maps.is_empty() && format != Format::Csv {
        return Err(ImportError::usage(format!(
            "--map applies to CSV; {source} is read as {}",
            format.name()
        ))
        .with_hint("pass --from csv if the file is CSV"));
    }
    let default_date = match &req.date {
        Some(d) => Some(
            delimited::parse_date(d.trim(), req.date_order)
                .ok_or_else(|| {
                    ImportError::usage(format!(
                        "--date: '{d}' is not a date (use YYYY-MM-DD or RFC 3339)"
                    ))
                })?
                .to_rfc3339(),
        ),
        None => None,
    };
    let opts = Options {
        source: &source,
        kind: req.kind,
        has_default_date: default_date.is_some(),
        date_order: req.date_order,
    };
    let defaults = Defaults {
        person: req.person.as_deref(),
        date: default_date.as_deref(),
        skills: &req.skills,
    };
    let (checked, notes) = match format {
        Format::Jsonl => {
            // Records become entries one line at a time: a 100,000-line
            // import never holds its JSON values all at once.
            let records = parse_jsonl(text, &source).map(|r| {
                r.map(|(line, mut v)| {
                    if let (Some(k), Some(obj)) = (req.kind, v.as_object_mut())
                        && obj.get("kind").is_none_or(|k| k.is_null())
                    {
                        obj.insert("kind".into(), k.as_str().into());
                    }
                    Record::new(Location::file(&source).line(line), v)
                })
            });
            (check_records(records, &defaults), Vec::new())
        }
        other => {
            let parsed = match (other, dayone) {
                (Format::Dayone, Some(journals)) => {
                    let mut all = Parsed::default();
                    for (name, text) in journals {
                        let one = jrnl::read(
                            &text,
                            &Options {
                                source: &name,
                                ..opts
                            },
                        )?;
                        all.records.extend(one.records);
                        all.notes.extend(one.notes);
                    }
                    all
                }
                (Format::Jrnl | Format::Dayone, _) => jrnl::read(text, &opts)?,
                (Format::Csv, _) => {
                    let tsv = path.is_some_and(|p| has_extension(p, &["tsv"]));
                    delimited::read(text, &opts, &req.maps, tsv)?
                }
                _ => match path {
                    Some(p) if is_dir => markdown::read_dir(p, &opts)?,
                    _ => markdown::read_one(text, path, &opts)?,
                },
            };
            (check_records(parsed.records, &defaults), parsed.notes)
        }
    };
    Ok(Read {
        source,
        format,
        entries: checked.entries,
        errors: checked.errors,
        notes,
    })
}

/// The commit message of an import.
pub fn commit_message(source: &str, added: usize, updated: usize) -> String {
    if updated > 0 {
        format!(
            "import: {added} entries, {updated} updated, from {}",
            file_name(source)
        )
    } else {
        format!("import: {added} entries from {}", file_name(source))
    }
}

/// One record on its way to becoming an entry: the JSON shape JSON Lines
/// holds, where it came from, and where each key came from, so an error
/// about one field names the line (or the CSV column) that gave it.
pub(crate) struct Record {
    pub at: Location,
    pub value: serde_json::Value,
    pub keys: Vec<(String, Location)>,
}

impl Record {
    fn new(at: Location, value: serde_json::Value) -> Record {
        Record {
            at,
            value,
            keys: Vec::new(),
        }
    }

    /// Where an error message about this record points: the key it names,
    /// else the record.
    fn locate(&self, message: &str) -> &Location {
        self.keys
            .iter()
            .find(|(key, _)| mentions(message, key))
            .map(|(_, at)| at)
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
pub(crate) struct Parsed {
    pub records: Vec<Result<Record, Invalid>>,
    pub notes: Vec<String>,
}

/// Settings every reader needs.
#[derive(Clone, Copy)]
pub(crate) struct Options<'a> {
    pub source: &'a str,
    pub kind: Option<Kind>,
    /// `--date`: given, a record without a date is not an error.
    pub has_default_date: bool,
    pub date_order: Option<DateOrder>,
}

/// What records fall back on when they name no person or date.
pub struct Defaults<'a> {
    pub person: Option<&'a str>,
    pub date: Option<&'a str>,
    pub skills: &'a [String],
}

/// The entries of the valid records, and one message per record that is
/// not valid (all of them: `settle` decides how many the user sees).
pub struct Checked {
    pub entries: Vec<Entry>,
    pub errors: Vec<Invalid>,
}

/// What an import writes: each entry with the path of the entry it
/// updates (None for a new one), and how many were already there.
pub struct Plan {
    pub items: Vec<(Entry, Option<String>)>,
    pub skipped: usize,
}

/// Matches imported entries against the journal, so that an import run
/// again adds only what is new and an edited source updates its entry:
///
/// - the same casebook id (JSON Lines, a casebook export): the same text
///   is skipped, other text updates that entry;
/// - the same `imported_from` (a zk or Day One id, else the path inside
///   the imported folder): the same `import_hash` (an untouched, touched or
///   copied note) is skipped, another hash (the note was edited) updates
///   that entry;
/// - else, for other tools' records, the same time, title, person and case
///   is skipped (jrnl and CSV carry no identity of their own).
///
/// Only the identities the import holds are looked up in the index (by id,
/// by source, by day and person), so re-importing ten notes into a journal
/// of 100,000 entries reads a handful of documents. An import about as
/// large as the journal reads the journal's index once instead.
pub fn reconcile(session: &mut Session, entries: Vec<Entry>, jsonl: bool) -> anyhow::Result<Plan> {
    if entries.is_empty() {
        return Ok(Plan {
            items: Vec::new(),
            skipped: 0,
        });
    }
    let known = session.query(|index| {
        if entries.len() as u64 * 4 >= index.num_entries() {
            Known::all(index)
        } else {
            Known::of(index, &entries, jsonl)
        }
    })?;
    let mut items = Vec::with_capacity(entries.len());
    let mut skipped = 0;
    for mut e in entries {
        if let Some(old) = known.by_id.get(e.id.as_str()) {
            let same = session
                .journal()
                .read_file(&old.path)
                .is_ok_and(|text| text == e.to_markdown());
            if same {
                skipped += 1;
            } else {
                items.push((e, Some(old.path.clone())));
            }
            continue;
        }
        if let Some(old) = e
            .imported_from
            .as_ref()
            .and_then(|s| known.by_source.get(s))
        {
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
        if !jsonl && known.keys.contains(&same_key(&e)) {
            skipped += 1;
            continue;
        }
        items.push((e, None));
    }
    Ok(Plan { items, skipped })
}

/// The journal's entries an import may meet again.
#[derive(Default)]
struct Known {
    by_id: std::collections::HashMap<String, crate::index::IndexedEntry>,
    by_source: std::collections::HashMap<String, crate::index::IndexedEntry>,
    keys: HashSet<SameKey>,
}

impl Known {
    fn add(&mut self, item: crate::index::IndexedEntry) {
        self.keys.insert(same_key(&item.entry));
        if let Some(src) = &item.entry.imported_from {
            self.by_source.insert(src.clone(), item.clone());
        }
        self.by_id.insert(item.entry.id.to_string(), item);
    }

    /// Every entry of the journal, in one pass over the index.
    fn all(index: &crate::index::Index) -> anyhow::Result<Known> {
        let mut known = Known::default();
        for item in index.all_matching(&everything())? {
            known.add(item);
        }
        Ok(known)
    }

    /// Only the entries that share an identity with one of `entries`.
    fn of(index: &crate::index::Index, entries: &[Entry], jsonl: bool) -> anyhow::Result<Known> {
        let mut known = Known::default();
        for e in entries {
            if let Some(item) = index.by_id(e.id.as_str())? {
                known.add(item);
            }
            if let Some(src) = &e.imported_from {
                if let Some(item) = index.by_import_source(src)? {
                    known.add(item);
                }
                continue;
            }
            if jsonl {
                continue;
            }
            // jrnl and CSV: the entries of that person around that day
            // (a day either side: the same instant in another offset).
            let day = e.created.date_naive();
            let mut filter = everything();
            filter.since = day.pred_opt();
            filter.until = day.succ_opt();
            filter.require("person", &e.person);
            for item in index.all_matching(&filter)? {
                known.add(item);
            }
        }
        Ok(known)
    }
}

fn everything() -> crate::filter::Filter {
    crate::filter::Filter {
        include_private: true,
        include_drafts: true,
        ..Default::default()
    }
}

type SameKey = (i64, String, String, Option<String>);

fn same_key(e: &Entry) -> SameKey {
    (
        e.created.timestamp(),
        e.title.clone(),
        e.person.clone(),
        e.case.clone(),
    )
}

/// The format of a file given without `--from`: by its extension, then by
/// its first bytes (a jrnl export is one JSON object holding `entries`).
pub fn detect(path: Option<&Path>, text: &str) -> Format {
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

pub(crate) fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| ImportError::failure(format!("cannot read {}: {e}", path.display())))
}

/// The records of a JSON Lines text, lazily, each with its line number.
pub fn parse_jsonl<'a>(
    text: &'a str,
    source: &'a str,
) -> impl Iterator<Item = Result<(usize, serde_json::Value), Invalid>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(move |(i, line)| {
            serde_json::from_str(line).map(|v| (i + 1, v)).map_err(|e| {
                Invalid::new(Location::file(source).line(i + 1), format!("not JSON: {e}"))
            })
        })
}

/// Entries from JSON records that must all be valid (the demo journal).
pub fn entries_from_records(
    records: impl IntoIterator<Item = Result<(usize, serde_json::Value), Invalid>>,
    default_person: Option<&str>,
    skills: &[String],
    source: &str,
) -> Result<Vec<Entry>> {
    let checked = check_records(
        records
            .into_iter()
            .map(|r| r.map(|(line, v)| Record::new(Location::file(source).line(line), v))),
        &Defaults {
            person: default_person,
            date: None,
            skills,
        },
    );
    if let Some(first) = checked.errors.first() {
        return Err(ImportError::failure(format!(
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
pub(crate) fn check_records(
    records: impl IntoIterator<Item = Result<Record, Invalid>>,
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
                    errors.push(Invalid::new(
                        record.at,
                        format!("id {} appears twice", e.id),
                    ));
                    continue;
                }
                if let Some(src) = &e.imported_from
                    && !sources.insert(src.clone())
                {
                    errors.push(Invalid::new(
                        record.at,
                        format!("{src} appears twice (two notes with one id?)"),
                    ));
                    continue;
                }
                entries.push(e);
            }
            Err(message) => errors.push(Invalid::new(record.locate(&message).clone(), message)),
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
pub(crate) fn kind_from_tags(tags: &mut Vec<String>) -> Option<Kind> {
    let at = tags.iter().position(|t| {
        Kind::ALL
            .iter()
            .any(|k| k.is_practice() && k.as_str().eq_ignore_ascii_case(t))
    })?;
    let tag = tags.remove(at);
    tag.to_ascii_lowercase().parse().ok()
}

/// A tag as other tools write it (`@billing`, `#billing`), without the sign.
pub(crate) fn clean_tag(tag: &str) -> Option<String> {
    let t = tag.trim().trim_start_matches(['@', '#', '+']).trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Adds tags, keeping the first spelling of each.
pub(crate) fn push_tags(tags: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
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
