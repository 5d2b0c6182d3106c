//! Reading and writing the `+++` TOML front matter of an entry.
//!
//! Parsing is lenient by design: a hand-edited file with a wrong field still
//! yields an `Entry` (with the bad field left out) plus a list of problems
//! that carry the file line and column, so `check` can say exactly what is
//! wrong while search and lists keep working on the rest of the journal.
//! Only a file whose front matter cannot be read at all is a hard error.

use super::value::check_value;
use super::{COMMON_FIELDS, Entry, EntryId, Kind};
use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone};
use std::collections::BTreeMap;
use std::fmt;
use toml::Value;

/// Something wrong in an entry file, located at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

#[derive(Debug, Clone)]
pub struct ParsedEntry {
    pub entry: Entry,
    pub problems: Vec<Problem>,
}

/// The three parts of an entry file.
pub struct Split<'a> {
    pub front: &'a str,
    /// Byte offset of `front` in the whole text.
    pub front_offset: usize,
    pub body: &'a str,
}

/// Splits `+++` front matter from the body. Accepts a UTF-8 BOM, trailing
/// spaces and CRLF line ends.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, Problem> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n').unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "+++" {
        return Err(Problem {
            line: 1,
            column: 1,
            field: None,
            message: "the file does not start with a '+++' front-matter line".into(),
        });
    }
    let front_offset = start + (first_end + 1).min(rest.len());
    let mut pos = front_offset;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        if text[pos..end].trim_end() == "+++" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                front: &text[front_offset..pos],
                front_offset,
                body: &text[body_start..],
            });
        }
        pos = end + 1;
    }
    Err(Problem {
        line: 1,
        column: 1,
        field: None,
        message: "the front matter opened with '+++' is never closed".into(),
    })
}

/// Parses an entry file. `path` (relative to the journal) fills in what a
/// hand-written file may lack: the person from `people/<person>/`, a stable
/// id from the path, the title from the file name.
pub fn parse(text: &str, path: &str) -> Result<ParsedEntry, Problem> {
    let split = split_front_matter(text)?;
    let line_of = |offset: usize| line_col(text, offset);
    // What casebook writes is read by the fast path; the rest by `toml`,
    // which also words the errors.
    let simple = super::simple_toml::parse(split.front);
    let table: toml::Table = simple
        .map_or_else(|| toml::from_str(split.front), Ok)
        .map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_of(split.front_offset + s.start))
                .unwrap_or((1, 1));
            Problem {
                line,
                column,
                field: None,
                message: format!("invalid TOML: {}", first_line(e.message())),
            }
        })?;

    let mut problems = Vec::new();
    let locate = |key: &str| -> (usize, usize) {
        key_offset(split.front, key)
            .map(|o| line_of(split.front_offset + o))
            .unwrap_or_else(|| line_of(split.front_offset))
    };
    let mut problem = |field: &str, message: String| {
        let (line, column) = locate(field);
        problems.push(Problem {
            line,
            column,
            field: Some(field.to_string()),
            message,
        });
    };

    let kind = match table.get("kind") {
        Some(Value::String(s)) => s.parse::<Kind>().unwrap_or_else(|e| {
            problem("kind", e.to_string());
            Kind::Note
        }),
        Some(other) => {
            problem("kind", format!("kind must be text, found {other}"));
            Kind::Note
        }
        None => {
            problem("kind", "the 'kind' field is missing".into());
            Kind::Note
        }
    };

    let id = match table.get("id") {
        Some(Value::String(s)) => EntryId::parse_lenient(s).unwrap_or_else(|| {
            problem(
                "id",
                format!("id '{s}' may hold only letters, digits, '-' and '_'"),
            );
            id_from_path(path)
        }),
        Some(other) => {
            problem("id", format!("id must be text, found {other}"));
            id_from_path(path)
        }
        None => {
            problem("id", "the 'id' field is missing".into());
            id_from_path(path)
        }
    };

    let title = match table.get("title") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::String(_)) => {
            problem("title", "the title is empty".into());
            title_from(split.body, path)
        }
        Some(other) => {
            problem("title", format!("title must be text, found {other}"));
            title_from(split.body, path)
        }
        None => {
            problem("title", "the 'title' field is missing".into());
            title_from(split.body, path)
        }
    };

    let person = match table.get("person") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => person_from_path(path).unwrap_or_else(|| {
            problem("person", "the 'person' field is missing".into());
            String::from("unknown")
        }),
    };

    let created = match table.get("created") {
        Some(v) => parse_datetime(v).unwrap_or_else(|| {
            problem(
                "created",
                format!("created must be a date or RFC 3339 date-time, found {v}"),
            );
            epoch()
        }),
        None => {
            problem("created", "the 'created' date is missing".into());
            epoch()
        }
    };
    let updated = match table.get("updated") {
        Some(v) => parse_datetime(v).or_else(|| {
            problem("updated", format!("updated must be a date-time, found {v}"));
            None
        }),
        None => None,
    };

    let mut list = |key: &str| -> Vec<String> {
        match table.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                    Value::String(_) => None,
                    other => {
                        problem(key, format!("{key} must be a list of text, found {other}"));
                        None
                    }
                })
                .collect(),
            // A single value where a list is expected is a common hand edit.
            Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
            Some(Value::String(_)) => Vec::new(),
            Some(other) => {
                problem(key, format!("{key} must be a list of text, found {other}"));
                Vec::new()
            }
        }
    };
    let skills = list("skills");
    let tags = list("tags");
    let products = list("products");
    let links = list("links");
    let aliases = list("aliases");

    let mut text_opt = |key: &str| -> Option<String> {
        match table.get(key) {
            None => None,
            Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Some(other) => {
                problem(key, format!("{key} must be text, found {other}"));
                None
            }
        }
    };
    let case = text_opt("case");
    let tier = text_opt("tier");
    let imported_from = text_opt("imported_from");
    let import_hash = text_opt("import_hash");

    let private = match table.get("private") {
        None => false,
        Some(Value::Boolean(b)) => *b,
        Some(other) => {
            problem(
                "private",
                format!("private must be true or false, found {other}"),
            );
            false
        }
    };

    let mut fields = BTreeMap::new();
    for (key, value) in &table {
        if COMMON_FIELDS.contains(&key.as_str()) {
            continue;
        }
        match kind.field(key) {
            Some(spec) => match check_value(spec, value) {
                Ok(Some(v)) => {
                    fields.insert(key.clone(), v);
                }
                Ok(None) => {}
                Err(message) => problem(key, message),
            },
            None => {
                let known: Vec<_> = kind.fields().iter().map(|f| f.name).collect();
                let hint = if known.is_empty() {
                    format!("a {kind} entry has no fields of its own")
                } else {
                    format!("{kind} fields: {}", known.join(", "))
                };
                problem(key, format!("unknown field '{key}' ({hint})"));
            }
        }
    }

    let entry = Entry {
        id,
        kind,
        title,
        person,
        created,
        updated,
        skills,
        tags,
        products,
        case,
        tier,
        links,
        private,
        aliases,
        imported_from,
        import_hash,
        fields,
        body: split
            .body
            .strip_prefix('\n')
            .unwrap_or(split.body)
            .to_string(),
    };
    problems.sort_by_key(|p| (p.line, p.column));
    Ok(ParsedEntry { entry, problems })
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

fn epoch() -> DateTime<FixedOffset> {
    DateTime::from_timestamp(0, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// Converts a byte offset into a 1-based line and a 1-based column in chars.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut safe = offset;
    while !text.is_char_boundary(safe) {
        safe -= 1;
    }
    let before = &text[..safe];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of the value of `key = ...` in front-matter text.
fn key_offset(front: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let unquoted = trimmed.strip_prefix(key);
        let quoted = trimmed
            .strip_prefix('"')
            .and_then(|t| t.strip_prefix(key))
            .and_then(|t| t.strip_prefix('"'));
        if let Some(after) = unquoted.or(quoted) {
            let after_trim = after.trim_start();
            if let Some(value) = after_trim.strip_prefix('=') {
                let value_start = line.len() - value.trim_start().len();
                return Some(offset + value_start.max(indent));
            }
        }
        offset += line.len();
    }
    None
}

pub fn parse_datetime(value: &Value) -> Option<DateTime<FixedOffset>> {
    let text = match value {
        Value::Datetime(dt) => dt.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    parse_datetime_text(&text)
}

/// RFC 3339, a local date-time, or a bare date (midnight, local time).
pub fn parse_datetime_text(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt);
    }
    let naive = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|fmt| NaiveDateTime::parse_from_str(text, fmt).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    resolve_local(naive).map(|(d, _)| d)
}

/// A local wall-clock time as an instant. A time that happens twice (the
/// hour the clocks go back) is the first; a time that never happens (the
/// hour they go forward, `2025-03-30 01:30` in Lisbon) moves forward by
/// the gap, as the clock on the wall would, and the flag says it moved.
pub fn resolve_local(naive: NaiveDateTime) -> Option<(DateTime<FixedOffset>, bool)> {
    if let Some(d) = Local.from_local_datetime(&naive).earliest() {
        return Some((d.fixed_offset(), false));
    }
    // Read with the offset in force before the gap: 01:30 at +00:00 is
    // 01:30 UTC, which the clocks (now at +01:00) show as 02:30.
    let before = Local
        .from_local_datetime(&(naive - chrono::Duration::days(1)))
        .earliest()?;
    let utc = naive - chrono::Duration::seconds(before.offset().local_minus_utc() as i64);
    Some((Local.from_utc_datetime(&utc).fixed_offset(), true))
}

fn id_from_path(path: &str) -> EntryId {
    let hash = super::path_hash(path);
    let id: String = (0..super::ID_LEN)
        .map(|i| super::ALPHABET[((hash >> (i * 4)) & 0xf) as usize] as char)
        .collect();
    EntryId::parse(&id).unwrap_or_else(EntryId::generate)
}

fn person_from_path(path: &str) -> Option<String> {
    let mut parts = path.split('/');
    match (parts.next(), parts.next()) {
        (Some("people" | "private"), Some(person)) if !person.is_empty() => Some(person.into()),
        _ => None,
    }
}

fn title_from(body: &str, path: &str) -> String {
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            let stem = path.rsplit('/').next().unwrap_or(path);
            stem.trim_end_matches(".md").replace('-', " ")
        })
}

/// Writes the entry: common fields first, then the kind's own fields in the
/// order of the kind table, then the body.
pub fn render(entry: &Entry) -> String {
    // The front matter first, then room for exactly the body: a guess of
    // both at once grew the text by doubling whenever the front matter ran
    // long, and an import holds 100,000 of these until its commit.
    let mut out = String::with_capacity(512);
    out.push_str("+++\n");
    let mut put = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(" = ");
        out.push_str(&value);
        out.push('\n');
    };
    let text = |s: &str| Value::String(s.to_string()).to_string();
    let list = |items: &[String]| {
        let inner: Vec<String> = items.iter().map(|s| text(s)).collect();
        format!("[{}]", inner.join(", "))
    };
    put("id", text(entry.id.as_str()));
    put("kind", text(entry.kind.as_str()));
    put("title", text(&entry.title));
    put("person", text(&entry.person));
    put("created", format_datetime(&entry.created));
    if let Some(updated) = &entry.updated {
        put("updated", format_datetime(updated));
    }
    put("skills", list(&entry.skills));
    put("tags", list(&entry.tags));
    put("products", list(&entry.products));
    if let Some(case) = &entry.case {
        put("case", text(case));
    }
    if let Some(tier) = &entry.tier {
        put("tier", text(tier));
    }
    if !entry.links.is_empty() {
        put("links", list(&entry.links));
    }
    if entry.private {
        put("private", "true".into());
    }
    if !entry.aliases.is_empty() {
        put("aliases", list(&entry.aliases));
    }
    if let Some(from) = &entry.imported_from {
        put("imported_from", text(from));
    }
    if let Some(hash) = &entry.import_hash {
        put("import_hash", text(hash));
    }
    let mut first = true;
    for spec in entry.kind.fields() {
        if let Some(value) = entry.fields.get(spec.name) {
            if first {
                out.push('\n');
                first = false;
            }
            out.push_str(spec.name);
            out.push_str(" = ");
            out.push_str(&value.to_string());
            out.push('\n');
        }
    }
    out.reserve_exact("+++\n\n\n".len() + entry.body.len());
    out.push_str("+++\n");
    if !entry.body.is_empty() {
        out.push('\n');
        out.push_str(entry.body.trim_end());
        out.push('\n');
    }
    out
}

pub fn format_datetime(dt: &DateTime<FixedOffset>) -> String {
    // Milliseconds only when there are some: a second two writes share.
    if dt.timestamp_subsec_millis() == 0 {
        dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    } else {
        dt.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"+++
id = "kqzvtmwxyplr"
kind = "diagnosis"
title = "SSO loop after domain move"
person = "ana-lima"
created = 2026-03-14T10:32:00+01:00
skills = ["complex-case-diagnosis"]
tags = ["sso"]
products = ["admin-console"]
case = "ZD-4821"

prediction = "The IdP still posts to the old domain"
confidence = 70
+++

## Prediction
Old ACS URL.
"#;

    #[test]
    fn a_good_entry_parses_without_problems() {
        let parsed = parse(GOOD, "people/ana-lima/2026/03/x.md").unwrap();
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let e = parsed.entry;
        assert_eq!(e.kind, Kind::Diagnosis);
        assert_eq!(e.title, "SSO loop after domain move");
        assert_eq!(e.case.as_deref(), Some("ZD-4821"));
        assert_eq!(e.field_int("confidence"), Some(70));
        assert!(e.body.starts_with("## Prediction"));
    }

    #[test]
    fn render_then_parse_round_trips() {
        let e = parse(GOOD, "x.md").unwrap().entry;
        let again = parse(&e.to_markdown(), "x.md").unwrap();
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.entry, e);
    }

    #[test]
    fn text_with_quotes_and_newlines_round_trips() {
        let mut e = parse(GOOD, "x.md").unwrap().entry;
        e.title = "She said \"no\" \\ then 'yes'".into();
        e.fields.insert(
            "actual".into(),
            Value::String("line one\nline \"two\"".into()),
        );
        let again = parse(&e.to_markdown(), "x.md").unwrap();
        assert_eq!(again.entry, e);
    }

    #[test]
    fn a_wrong_type_is_located_at_its_line() {
        let text = GOOD.replace("confidence = 70", "confidence = \"high\"");
        let parsed = parse(&text, "x.md").unwrap();
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        let p = &parsed.problems[0];
        assert_eq!((p.line, p.column), (13, 14));
        assert!(
            p.message.contains("confidence must be integer 0-100"),
            "{p}"
        );
        // The rest of the entry is still usable.
        assert_eq!(parsed.entry.title, "SSO loop after domain move");
    }

    #[test]
    fn unknown_fields_and_kinds_are_reported() {
        let text = GOOD.replace("confidence = 70", "confidnce = 70");
        let p = &parse(&text, "x.md").unwrap().problems[0];
        assert!(p.message.contains("unknown field 'confidnce'"), "{p}");
        assert!(p.message.contains("confidence"), "{p}");
        let text = GOOD.replace("kind = \"diagnosis\"", "kind = \"diagnosys\"");
        let problems = parse(&text, "x.md").unwrap().problems;
        assert!(
            problems
                .iter()
                .any(|p| p.line == 3 && p.message.contains("unknown kind"))
        );
    }

    #[test]
    fn broken_toml_gives_a_file_line() {
        let text = "+++\ntitle = \"Broken\n+++\nbody\n";
        let err = parse(text, "x.md").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.starts_with("invalid TOML"), "{err}");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        assert_eq!(parse("# just markdown\n", "x.md").unwrap_err().line, 1);
        assert!(
            parse("+++\ntitle = \"x\"\n", "x.md")
                .unwrap_err()
                .message
                .contains("never closed")
        );
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = format!("\u{feff}{}", GOOD.replace('\n', "\r\n"));
        let parsed = parse(&text, "x.md").unwrap();
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    }

    #[test]
    fn hand_written_files_get_person_and_id_from_the_path() {
        let text = "+++\nkind = \"note\"\ntitle = \"Hand\"\ncreated = 2026-01-02\n+++\nhi\n";
        let a = parse(text, "people/bo-chen/2026/01/hand.md").unwrap();
        let b = parse(text, "people/bo-chen/2026/01/hand.md").unwrap();
        assert_eq!(a.entry.person, "bo-chen");
        assert_eq!(a.entry.id, b.entry.id);
        assert_eq!(a.problems.len(), 1); // the missing id
    }
}
