//! A folder of Markdown notes (Obsidian, zk, plain) or one note: front
//! matter in YAML (`---`) or TOML (`+++`), or none.
//!
//! Only what has a place in an entry is kept: the common fields, and the
//! kind's own fields when the kind defines them. Other front-matter keys
//! (Obsidian's `aliases`, `cssclasses`...) are listed once on stderr, so
//! the user knows what was left behind.

use super::{
    ImportError, Invalid, Options, Parsed, Record, Result, clean_tag, kind_from_tags, push_tags,
};
use crate::Location;
use crate::entry::{self, Kind};
use chrono::{DateTime, Local, NaiveDate};
use serde_json::{Map, Value as J};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The tool a folder of notes comes from: it decides how a note's title
/// and identity are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    /// A vault (a `.obsidian` folder): the title is the file name.
    Obsidian,
    /// A notebook (a `.zk` folder): `title`, else the first heading.
    Zk,
    /// Anything else: `title`, else a heading that opens the note, else
    /// the file name.
    Plain,
}

impl Tool {
    fn of(dir: &Path) -> Tool {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        for d in dir.ancestors() {
            if d.join(".obsidian").is_dir() {
                return Tool::Obsidian;
            }
            if d.join(".zk").is_dir() {
                return Tool::Zk;
            }
        }
        Tool::Plain
    }

    fn name(self) -> &'static str {
        match self {
            Tool::Obsidian => "obsidian",
            Tool::Zk => "zk",
            Tool::Plain => "markdown",
        }
    }
}

/// Every note under `dir`, in path order.
pub(crate) fn read_dir(dir: &Path, opts: &Options) -> Result<Parsed> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    if files.is_empty() {
        return Err(no_notes(dir));
    }
    let mut reader = Reader::new(opts, Tool::of(dir));
    for path in &files {
        let at = path.display().to_string();
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    reader.parsed.records.push(Err(Invalid::new(
                        Location::file(&at),
                        "not UTF-8 text; save it as UTF-8 or leave it out",
                    )));
                    continue;
                }
            },
            Err(e) => return Err(ImportError::failure(format!("cannot read {at}: {e}"))),
        };
        let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        reader.note(&text, &at, Some(path), Some(&rel), mtime);
    }
    Ok(reader.finish())
}

/// A folder with no Markdown notes: a jrnl folder journal, a Day One
/// journal, or a wrong path. Never "0 entries" and success.
fn no_notes(dir: &Path) -> ImportError {
    let mut txt = 0;
    let mut dayone = false;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(items) = std::fs::read_dir(&d) else {
            continue;
        };
        for item in items.filter_map(Result::ok) {
            let p = item.path();
            let name = item.file_name().to_string_lossy().to_lowercase();
            if p.is_dir() && !name.starts_with('.') {
                stack.push(p);
            } else if name.ends_with(".doentry") || name == "journal.json" {
                dayone = true;
            } else if name.ends_with(".txt") {
                txt += 1;
            }
        }
    }
    let shown = dir.display();
    if dayone {
        ImportError::failure(format!(
            "{shown} is a Day One journal in Day One Classic's format (.doentry files); casebook reads Day One's JSON export"
        ))
        .with_hint(
            "in Day One, export the journal as JSON and run `casebook import Export.zip`; or open it in jrnl (a journal of type dayone) and run `jrnl --export json > jrnl.json`, then `casebook import jrnl.json`",
        )
    } else if txt > 0 {
        ImportError::failure(format!(
            "{shown} holds no Markdown notes but {txt} .txt file(s): a jrnl folder journal?"
        ))
        .with_hint(
            "run `jrnl --export json > jrnl.json` for that journal, then `casebook import jrnl.json`",
        )
    } else {
        ImportError::nothing(format!(
            "{shown} holds no Markdown notes (*.md outside hidden folders)"
        ))
    }
}

/// One note, from a file or stdin.
pub(crate) fn read_one(text: &str, path: Option<&Path>, opts: &Options) -> Result<Parsed> {
    let mtime = path.and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let tool = path
        .and_then(Path::parent)
        .map(Tool::of)
        .unwrap_or(Tool::Plain);
    let rel = path
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_string());
    let mut reader = Reader::new(opts, tool);
    reader.note(text, opts.source, path, rel.as_deref(), mtime);
    Ok(reader.finish())
}

/// Collects `.md` files, skipping hidden folders (`.obsidian`, `.git`,
/// `.trash`) and symbolic links (a link back up would never end).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| ImportError::failure(format!("cannot read {}: {e}", dir.display())))?;
    let mut items: Vec<_> = read.filter_map(Result::ok).collect();
    items.sort_by_key(|e| e.file_name());
    for item in items {
        let name = item.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(ty) = item.file_type() else { continue };
        let path = item.path();
        if ty.is_dir() {
            walk(&path, out)?;
        } else if ty.is_file() && super::has_extension(&path, &["md", "markdown"]) {
            out.push(path);
        }
    }
    Ok(())
}

/// A casebook entry file (an `export --format md` folder, a copy of a
/// journal): TOML front matter that casebook reads without a problem. It
/// is read as casebook reads it, every field as it is, so that it imports
/// back to the same entry (no identity of its own, no inline tags).
fn casebook_entry(text: &str, at: &str, rel: Option<&str>) -> Option<Result<Record, Invalid>> {
    if !text.starts_with("+++") {
        return None;
    }
    // `export --format md` on stdout: entry files one after another. Read
    // as one note it would overwrite the first entry with all of them.
    if let Some(offset) = text.find("\n+++\nid = \"") {
        let line = text[..offset].matches('\n').count() + 2;
        return Some(Err(Invalid::new(
            Location::file(at).line(line),
            "a second casebook entry starts here: this file holds several entries one after another (`export --format md` on stdout); export them as a folder instead (`casebook export --format md DIR`) and import that",
        )));
    }
    let parsed = entry::parse(text, rel.unwrap_or("")).ok()?;
    if !parsed.problems.is_empty() || entry::EntryId::parse(parsed.entry.id.as_str()).is_none() {
        return None;
    }
    Some(Ok(Record::new(Location::file(at), parsed.entry.to_json())))
}

struct Reader<'a> {
    opts: &'a Options<'a>,
    tool: Tool,
    parsed: Parsed,
    /// Front-matter keys left out, with how many notes had each.
    ignored: BTreeMap<String, usize>,
}

impl<'a> Reader<'a> {
    fn new(opts: &'a Options<'a>, tool: Tool) -> Reader<'a> {
        Reader {
            opts,
            tool,
            parsed: Parsed::default(),
            ignored: BTreeMap::new(),
        }
    }

    fn note(
        &mut self,
        text: &str,
        at: &str,
        path: Option<&Path>,
        rel: Option<&str>,
        mtime: Option<std::time::SystemTime>,
    ) {
        let record = self.record(text, at, path, rel, mtime);
        self.parsed.records.push(record);
    }

    fn finish(mut self) -> Parsed {
        if !self.ignored.is_empty() {
            let keys: Vec<String> = self
                .ignored
                .iter()
                .map(|(k, n)| format!("{k} ({n} note{})", if *n == 1 { "" } else { "s" }))
                .collect();
            self.parsed.notes.push(format!(
                "front-matter keys with no place in a casebook entry were left out: {}",
                keys.join(", ")
            ));
        }
        self.parsed
    }

    fn record(
        &mut self,
        text: &str,
        at: &str,
        path: Option<&Path>,
        rel: Option<&str>,
        mtime: Option<std::time::SystemTime>,
    ) -> Result<Record, Invalid> {
        // The hash of the file as it is: a re-import of the same text (a
        // touched file, a copied vault) is skipped, an edit updates.
        let hash = format!("{:016x}", entry::path_hash(text));
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(record) = casebook_entry(text, at, rel) {
            return record;
        }
        let mut front = split(text)
            .map_err(|(line, message)| Invalid::new(Location::file(at).line(line), message))?;
        let values = std::mem::take(&mut front.values);
        let line_of =
            |key: &str| -> Location { Location::file(at).line(front.key_line(key).unwrap_or(1)) };
        let mut out = Map::new();
        let mut keys = Vec::new();
        let mut tags = Vec::new();
        let mut date: Option<(String, J)> = None;
        let mut aliases: Vec<String> = Vec::new();
        let mut foreign_id: Option<String> = None;
        let mut rest = Vec::new();
        for (key, value) in values {
            let lower = key.to_ascii_lowercase();
            match lower.as_str() {
                "tags" | "tag" | "keywords" => {
                    keys.push(("tags".to_string(), line_of(&key)));
                    push_tags(&mut tags, tag_values(&value));
                }
                "date" | "created" if date.is_none() => date = Some((key, value)),
                // Both given: `date` or `created`, whichever comes first, wins.
                "date" | "created" => {}
                "aliases" | "alias" => {
                    keys.push(("aliases".to_string(), line_of(&key)));
                    for a in list_values(&value) {
                        if !aliases.contains(&a) {
                            aliases.push(a);
                        }
                    }
                }
                // A casebook id stays the id; another tool's (zk's `2w0e`)
                // is the note's identity in that tool, kept as `imported_from`.
                "id" => {
                    let raw = match &value {
                        J::String(s) => s.trim().to_string(),
                        J::Null => String::new(),
                        other => other.to_string(),
                    };
                    if entry::EntryId::parse(&raw).is_some() {
                        keys.push(("id".into(), line_of(&key)));
                        out.insert("id".into(), raw.into());
                    } else if !raw.is_empty() {
                        foreign_id = Some(raw);
                    }
                }
                // Obsidian's `links` property holds wiki links, which no
                // casebook id is: they are left in the list of keys left out.
                "links" | "link"
                    if list_values(&value)
                        .iter()
                        .any(|l| entry::EntryId::parse_lenient(l).is_none()) =>
                {
                    rest.push((key, value))
                }
                "title" | "kind" | "person" | "case" | "tier" | "skills" | "products" | "links"
                | "private" | "updated" => {
                    keys.push((lower.clone(), line_of(&key)));
                    out.insert(lower, value);
                }
                _ => rest.push((key, value)),
            }
        }
        push_tags(&mut tags, inline_tags(front.body));
        if !aliases.is_empty() {
            out.insert("aliases".into(), aliases.into());
        }
        let identity = match (&foreign_id, rel) {
            (Some(id), _) => Some(format!("{}:{id}", self.tool.name())),
            (None, Some(rel)) => Some(format!("{}:{rel}", self.tool.name())),
            (None, None) => None,
        };
        if let Some(identity) = identity {
            out.insert("imported_from".into(), identity.into());
            out.insert("import_hash".into(), hash.into());
        }
        // The kind decides which other keys are fields: a note's own
        // `kind`, else a tag that names one, else --kind.
        let named_kind = match out.get("kind") {
            Some(J::String(k)) => k.parse::<Kind>().ok(),
            _ => None,
        };
        let kind = match named_kind {
            Some(k) => Some(k),
            None if out.contains_key("kind") => None,
            None => {
                let k = kind_from_tags(&mut tags).or(self.opts.kind);
                if let Some(k) = k {
                    out.insert("kind".into(), k.as_str().into());
                }
                k
            }
        };
        for (key, value) in rest {
            match kind.and_then(|k| k.field(&key)) {
                Some(_) => {
                    keys.push((key.clone(), line_of(&key)));
                    out.insert(key, value);
                }
                None => *self.ignored.entry(key).or_default() += 1,
            }
        }
        out.insert("tags".into(), tags.into());
        let created = match date {
            Some((key, value)) => {
                // The line as written: YAML reads `{{...}}` as a mapping.
                let written = front
                    .key_line(&key)
                    .and_then(|l| front.lines.get(l - front.first_line))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_string());
                let raw = match &value {
                    J::String(s) => s.clone(),
                    _ if written.as_deref().is_some_and(|w| w.contains("{{")) => {
                        written.clone().unwrap_or_default()
                    }
                    other => other.to_string(),
                };
                if raw.contains("{{") {
                    return Err(Invalid::new(
                        line_of(&key),
                        format!(
                            "{key} '{raw}' is a template placeholder that was never filled in; write the date there (YYYY-MM-DD), or pass --skip-invalid"
                        ),
                    ));
                }
                note_date(&raw).ok_or_else(|| {
                    Invalid::new(
                        line_of(&key),
                        format!("{key} '{raw}' is not a date (use YYYY-MM-DD or RFC 3339)"),
                    )
                })?
            }
            None => date_in_name(path)
                .or_else(|| mtime.map(|t| DateTime::<Local>::from(t).fixed_offset()))
                .unwrap_or_else(crate::clock::now),
        };
        out.insert("created".into(), created.to_rfc3339().into());
        // Blank lines before the text go; the first line's indentation
        // (an indented code block) stays.
        let body = front.body.trim_start_matches(['\n', '\r']).to_string();
        if out.get("title").is_none_or(|t| t.is_null() || t == "") {
            // Headings stay in the body: they are the note's text.
            let heading = first_heading(&body);
            let title = match (self.tool, heading) {
                (Tool::Obsidian, _) => file_title(path, false),
                (Tool::Zk, Some((title, _))) => Some(title),
                (Tool::Plain, Some((title, true))) => Some(title),
                _ => file_title(path, true),
            };
            out.insert(
                "title".into(),
                title.unwrap_or_else(|| "untitled note".into()).into(),
            );
        }
        out.insert("body".into(), body.trim_end().to_string().into());
        Ok(Record {
            at: Location::file(at).line(1),
            value: J::Object(out),
            keys,
        })
    }
}

/// A note's front matter as ordered key/value pairs (JSON values), where
/// each key sits, and the body.
struct Front<'t> {
    values: Vec<(String, J)>,
    /// The front matter's lines, with the line number of the first.
    lines: Vec<&'t str>,
    first_line: usize,
    body: &'t str,
}

impl Front<'_> {
    /// The file line of a top-level key (`key:` in YAML, `key =` in TOML).
    fn key_line(&self, key: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| {
                let l = l.trim_end();
                l.strip_prefix(key)
                    .or_else(|| {
                        l.strip_prefix('"')
                            .and_then(|r| r.strip_prefix(key))
                            .and_then(|r| r.strip_prefix('"'))
                    })
                    .is_some_and(|r| {
                        let r = r.trim_start();
                        r.starts_with(':') || r.starts_with('=')
                    })
            })
            .map(|i| i + self.first_line)
    }
}

/// Splits off YAML or TOML front matter. Errors carry the file line.
fn split(text: &str) -> Result<Front<'_>, (usize, String)> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let (fence, yaml) = match first {
        "---" => ("---", true),
        "+++" => ("+++", false),
        _ => {
            return Ok(Front {
                values: Vec::new(),
                lines: Vec::new(),
                first_line: 2,
                body: text,
            });
        }
    };
    let mut offset = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let start = offset;
    let mut lines = Vec::new();
    let mut end = None;
    for line in text[start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (yaml && bare == "...") {
            end = Some((offset, offset + line.len()));
            break;
        }
        lines.push(line);
        offset += line.len();
    }
    let Some((front_end, body_start)) = end else {
        return Err((
            1,
            format!("the front matter opened with '{fence}' is never closed"),
        ));
    };
    let front = &text[start..front_end];
    let values = if yaml {
        parse_yaml(front)?
    } else {
        parse_toml(front)?
    };
    Ok(Front {
        values,
        lines,
        first_line: 2,
        body: &text[body_start..],
    })
}

fn parse_yaml(front: &str) -> Result<Vec<(String, J)>, (usize, String)> {
    if front.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_norway::Value = serde_norway::from_str(front).map_err(|e| {
        let line = e.location().map(|l| l.line()).unwrap_or(1) + 1;
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        (line, format!("invalid YAML front matter: {message}"))
    })?;
    match value {
        serde_norway::Value::Null => Ok(Vec::new()),
        serde_norway::Value::Mapping(map) => Ok(map
            .into_iter()
            .map(|(k, v)| (yaml_key(&k), yaml_to_json(v)))
            .collect()),
        _ => Err((
            2,
            "the front matter is not a list of `key: value` lines".into(),
        )),
    }
}

fn yaml_key(key: &serde_norway::Value) -> String {
    match key {
        serde_norway::Value::String(s) => s.clone(),
        other => yaml_to_json(other.clone()).to_string(),
    }
}

fn yaml_to_json(value: serde_norway::Value) -> J {
    use serde_norway::Value as Y;
    match value {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => J::from(i),
            (None, Some(f)) => serde_json::Number::from_f64(f)
                .map(J::Number)
                .unwrap_or(J::Null),
            _ => J::Null,
        },
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => J::Object(
            map.into_iter()
                .map(|(k, v)| (yaml_key(&k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn parse_toml(front: &str) -> Result<Vec<(String, J)>, (usize, String)> {
    let table: toml::Table = toml::from_str(front).map_err(|e| {
        let line = e
            .span()
            .map(|s| entry::line_col(front, s.start).0)
            .unwrap_or(1)
            + 1;
        let message = e.message().lines().next().unwrap_or("").trim().to_string();
        (line, format!("invalid TOML front matter: {message}"))
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, entry::toml_to_json(&v)))
        .collect())
}

/// Tags as notes write them: a list, or one string of words separated by
/// spaces or commas, with or without `#`.
fn tag_values(value: &J) -> Vec<String> {
    match value {
        J::Array(items) => items.iter().flat_map(tag_values).collect(),
        J::String(s) => s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter_map(clean_tag)
            .collect(),
        J::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// A property's values as text: a list, or one value.
fn list_values(value: &J) -> Vec<String> {
    match value {
        J::Array(items) => items.iter().flat_map(list_values).collect(),
        J::String(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
        J::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// Obsidian-style inline tags (`#billing`, `#product/sso`) in the text of
/// the note, not in code. A tag needs a letter: `#4821` is a ticket.
fn inline_tags(body: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd, TextMergeStream};
    let mut tags = Vec::new();
    let mut in_code = false;
    for event in TextMergeStream::new(Parser::new(body)) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code => {
                // zk's colon tags: `:programming:rust:`.
                for word in text.split_whitespace() {
                    if let Some(inner) = word
                        .strip_prefix(':')
                        .and_then(|w| w.strip_suffix(':'))
                        .filter(|w| !w.is_empty())
                    {
                        let parts: Vec<&str> = inner.split(':').collect();
                        if parts.iter().all(|p| {
                            !p.is_empty()
                                && p.chars().any(char::is_alphabetic)
                                && p.chars().all(|c| c.is_alphanumeric() || "_-/".contains(c))
                        }) {
                            push_tags(&mut tags, parts.iter().map(|p| p.to_string()));
                        }
                    }
                }
                let mut prev = ' ';
                for (i, c) in text.char_indices() {
                    if c == '#' && prev.is_whitespace() {
                        let rest = &text[i + 1..];
                        let len = rest
                            .find(|c: char| !(c.is_alphanumeric() || "_-/".contains(c)))
                            .unwrap_or(rest.len());
                        let tag = rest[..len].trim_end_matches(['/', '-']);
                        if tag.chars().any(|c| c.is_alphabetic()) {
                            push_tags(&mut tags, [tag.to_string()]);
                        }
                    }
                    prev = c;
                }
            }
            _ => {}
        }
    }
    tags
}

/// The first `# heading` and whether it opens the note.
fn first_heading(body: &str) -> Option<(String, bool)> {
    let mut seen_text = false;
    let mut in_fence = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && let Some(title) = line.strip_prefix("# ") {
            let title = title.trim().trim_end_matches('#').trim();
            if !title.is_empty() {
                return Some((title.to_string(), !seen_text));
            }
        }
        if !t.is_empty() {
            seen_text = true;
        }
    }
    None
}

/// A date in the file name: a `YYYY-MM-DD` (daily notes) at midnight
/// local time, or zk's timestamp names (`202110031652.md`, its
/// `{{format-date now "timestamp"}}`) at that minute.
fn date_in_name(path: Option<&Path>) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let stem = path?.file_stem()?.to_str()?;
    let naive = match date_prefix_at(stem) {
        Some((_, day)) => day.and_hms_opt(0, 0, 0)?,
        None => timestamp_in(stem)?,
    };
    entry::resolve_local(naive).map(|(d, _)| d)
}

/// A 12-digit `YYYYMMDDHHMM` (or 14-digit with seconds) that opens the
/// name and is a real time.
fn timestamp_in(stem: &str) -> Option<chrono::NaiveDateTime> {
    let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    match digits.len() {
        12 => chrono::NaiveDateTime::parse_from_str(&digits, "%Y%m%d%H%M").ok(),
        14 => chrono::NaiveDateTime::parse_from_str(&digits, "%Y%m%d%H%M%S").ok(),
        _ => None,
    }
}

/// A front-matter date: what casebook reads anywhere, and the shapes zk's
/// `format-date` writes (`full`: "Sunday, October 03, 2021"; `long`,
/// `medium`, `short`, `timestamp`).
fn note_date(raw: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let raw = raw.trim();
    if let Some(d) = entry::parse_datetime_text(raw) {
        return Some(d);
    }
    let day = ["%A, %B %d, %Y", "%B %d, %Y", "%b %d, %Y", "%m/%d/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0));
    let naive = day.or_else(|| {
        (raw.len() == 12 || raw.len() == 14)
            .then(|| timestamp_in(raw))
            .flatten()
    })?;
    entry::resolve_local(naive).map(|(d, _)| d)
}

/// The first `YYYY-MM-DD` in a text: its byte range and the day.
fn date_prefix_at(text: &str) -> Option<((usize, usize), NaiveDate)> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let shape = candidate.bytes().enumerate().all(|(j, b)| {
            if j == 4 || j == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        if !shape {
            return None;
        }
        NaiveDate::parse_from_str(candidate, "%Y-%m-%d")
            .ok()
            .map(|d| ((i, i + 10), d))
    })
}

/// The file name as the title. Obsidian's title is the file name exactly
/// (`Pop-out windows`, `CVE-2018-10933`); elsewhere a lowercase slug
/// (`refund-loop`) reads as words, and a date in it is left out unless it
/// is all there is.
fn file_title(path: Option<&Path>, slugs: bool) -> Option<String> {
    let stem = path?.file_stem()?.to_str()?;
    let is_slug = !stem.contains(' ') && !stem.chars().any(char::is_uppercase);
    if !slugs || !is_slug {
        return Some(stem.to_string());
    }
    title_from_name(path)
}

/// A title from a slug file name: `refund-loop.md` reads "refund loop"; a
/// date in the name is left out unless it is all there is.
fn title_from_name(path: Option<&Path>) -> Option<String> {
    let stem = path?.file_stem()?.to_str()?;
    let without_date = match date_prefix_at(stem) {
        Some(((a, b), _)) => format!("{} {}", &stem[..a], &stem[b..]),
        None => stem.to_string(),
    };
    let words: Vec<&str> = without_date
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        Some(stem.to_string())
    } else {
        Some(words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_skip_code_headings_and_numbers() {
        let body = "# Title\nSaw #billing and #product/sso on ZD #4821.\n\n```\n#notatag\n```\nand `#code`";
        assert_eq!(inline_tags(body), vec!["billing", "product/sso"]);
        let body = ":programming:rust:\nAt 10:30: a :: b :1: and `:code:`\n";
        assert_eq!(inline_tags(body), vec!["programming", "rust"]);
    }

    #[test]
    fn titles_and_dates_from_file_names() {
        let p = Path::new("notes/2026-11-02-refund-loop.md");
        assert_eq!(title_from_name(Some(p)).unwrap(), "refund loop");
        assert_eq!(
            date_in_name(Some(p)).unwrap().date_naive(),
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
        );
        assert_eq!(
            title_from_name(Some(Path::new("2026-11-02.md"))).unwrap(),
            "2026-11-02"
        );
        assert!(date_in_name(Some(Path::new("Refund loop.md"))).is_none());
    }

    #[test]
    fn front_matter_yaml_toml_or_none() {
        let f = split("---\ntitle: A\ntags: [x, y]\n---\nbody\n").unwrap();
        assert_eq!(f.values[0], ("title".to_string(), J::from("A")));
        assert_eq!(f.key_line("tags"), Some(3));
        assert_eq!(f.body, "body\n");
        let f = split("+++\ntitle = \"A\"\n+++\nbody").unwrap();
        assert_eq!(f.values[0].1, J::from("A"));
        let f = split("just text").unwrap();
        assert!(f.values.is_empty());
        let e = split("---\ntitle: A\n  bad: [\n---\n").err().unwrap();
        assert!(e.1.contains("YAML"), "{e:?}");
    }

    #[test]
    fn tags_from_strings_and_lists() {
        assert_eq!(
            tag_values(&J::from("#a b, c")),
            vec!["a".to_string(), "b".into(), "c".into()]
        );
        assert_eq!(
            tag_values(&serde_json::json!(["x", "#y"])),
            vec!["x".to_string(), "y".into()]
        );
    }
}
