//! jrnl's JSON export (`jrnl --export json`): `{"tags": {...}, "entries":
//! [{"date", "time", "title", "body", "tags": ["@billing"], "starred"}]}`.
//! The date and time are local time, as jrnl writes them.

use super::{
    ImportError, Invalid, Options, Parsed, Record, Result, clean_tag, kind_from_tags, push_tags,
};
use crate::Location;
use serde_json::{Value as J, json};

/// True for text that opens like a jrnl export: one object whose first key
/// is `tags` or `entries`.
pub(crate) fn looks_like(text: &str) -> bool {
    let rest = text.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = rest.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.starts_with("\"tags\"")
        || rest.starts_with("\"entries\"")
        // Day One's export opens with its `metadata`.
        || rest.starts_with("\"metadata\"")
}

/// True for jrnl's own plain-text journal file: entries that open with
/// `[2025-03-30 01:30] Title` (or without the brackets).
pub(crate) fn looks_like_plain(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let t = first.trim_start_matches('[');
    t.len() >= 16
        && t.is_char_boundary(16)
        && chrono::NaiveDateTime::parse_from_str(&t[..16], "%Y-%m-%d %H:%M").is_ok()
}

/// The error for a plain-text jrnl journal: casebook reads the export.
pub(crate) fn plain_text_error(source: &str) -> ImportError {
    ImportError::failure(format!(
        "{source} is a plain-text jrnl journal; casebook reads jrnl's JSON export"
    ))
    .with_hint(format!(
        "run `jrnl --export json > jrnl.json` (add the journal's name if it is not the default), then `casebook import jrnl.json`; {source} itself is left as it is"
    ))
}

pub(crate) fn read(text: &str, opts: &Options) -> Result<Parsed> {
    let source = opts.source;
    if looks_like_plain(text) {
        return Err(plain_text_error(source));
    }
    let doc: J = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        ImportError::failure(format!(
            "{source}:{}:{}: not JSON: {e}",
            e.line(),
            e.column()
        ))
    })?;
    let Some(list) = doc.get("entries").and_then(J::as_array) else {
        return Err(ImportError::failure(format!(
            "{source} is not a jrnl export (it has no \"entries\" list)"
        ))
        .with_hint("make one with `jrnl --export json > jrnl.json`"));
    };
    let lines = entry_lines(text);
    let at = |i: usize| match lines.get(i) {
        Some(line) => Location::file(source).line(*line),
        None => Location::file(source).field(format!("entry {}", i + 1)),
    };
    // casebook's own `export --format json`: the entries as they are.
    if !list.is_empty() && list.iter().all(is_casebook_entry) {
        let records = list
            .iter()
            .enumerate()
            .map(|(i, item)| Ok(Record::new(at(i), item.clone())))
            .collect();
        return Ok(Parsed {
            records,
            notes: Vec::new(),
        });
    }
    let mut notes = Vec::new();
    if super::dayone::is_dayone(list) {
        let records = super::dayone::records(list, &lines, source, opts, &mut notes);
        return Ok(Parsed { records, notes });
    }
    let records = list
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = at(i);
            record(item, opts, &at, &mut notes)
                .map(|value| Record::new(at.clone(), value))
                .map_err(|message| Invalid::new(at.clone(), message))
        })
        .collect();
    Ok(Parsed { records, notes })
}

/// An entry of casebook's JSON export: an id, a kind and a `created`
/// time, where jrnl writes `date` and `time`.
fn is_casebook_entry(item: &J) -> bool {
    ["id", "kind", "person", "created"]
        .iter()
        .all(|k| item.get(k).is_some_and(J::is_string))
        && item.get("time").is_none()
}

/// One jrnl entry as an import record.
fn record(item: &J, opts: &Options, at: &Location, notes: &mut Vec<String>) -> Result<J, String> {
    let obj = item
        .as_object()
        .ok_or("a jrnl entry must be a JSON object")?;
    let text = |k: &str| -> Result<String, String> {
        match obj.get(k) {
            None | Some(J::Null) => Ok(String::new()),
            Some(J::String(s)) => Ok(s.trim().to_string()),
            Some(other) => Err(format!("'{k}' must be text, found {other}")),
        }
    };
    let date = text("date")?;
    if date.is_empty() {
        return Err("the entry has no \"date\"".into());
    }
    let time = text("time")?;
    let mut created = if time.is_empty() {
        date
    } else {
        format!("{date} {time}")
    };
    // jrnl writes local wall-clock time. One that the clocks skipped (the
    // hour they go forward) moves forward by the gap, with a warning.
    if let Some(naive) = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(&created, f).ok())
        && let Some((instant, true)) = crate::entry::resolve_local(naive)
    {
        notes.push(format!(
            "{at}: {created} does not exist in local time (the clocks went forward); read as {}",
            instant.format("%Y-%m-%d %H:%M %:z")
        ));
        created = instant.to_rfc3339();
    }
    let mut tags = Vec::new();
    match obj.get("tags") {
        None | Some(J::Null) => {}
        Some(J::Array(items)) => {
            for t in items {
                let t = t.as_str().ok_or("'tags' must be a list of text")?;
                push_tags(&mut tags, clean_tag(t));
            }
        }
        Some(_) => return Err("'tags' must be a list of text".into()),
    }
    if obj.get("starred") == Some(&J::Bool(true)) {
        push_tags(&mut tags, ["starred".to_string()]);
    }
    let kind = kind_from_tags(&mut tags).or(opts.kind);
    // jrnl's title is the entry's first sentence; an entry that opens with
    // a blank line has none. Its body's first line is the title then.
    let body = text("body")?;
    let mut title = text("title")?;
    if title.is_empty() {
        title = body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| crate::entry::truncate_chars(l, 72))
            .unwrap_or_else(|| "(untitled)".to_string());
    }
    let mut record = json!({
        "title": title,
        "body": body,
        "created": created,
        "tags": tags,
    });
    if let Some(kind) = kind {
        record["kind"] = kind.as_str().into();
    }
    Ok(record)
}

/// The line on which each object of the top-level `entries` list opens, so
/// errors can name it. A small scan that knows JSON strings, not a parser:
/// the text was parsed already.
fn entry_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut line = 1;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut last_key = String::new();
    let mut current = String::new();
    let mut entries_depth = None;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                last_key = std::mem::take(&mut current);
            } else {
                current.push(c);
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' => {
                depth += 1;
                if depth == 2 && last_key == "entries" {
                    entries_depth = Some(depth);
                }
            }
            '{' => {
                depth += 1;
                if entries_depth == Some(depth - 1) {
                    lines.push(line);
                }
            }
            ']' | '}' => {
                if entries_depth == Some(depth) {
                    entries_depth = None;
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_each_entry() {
        let text = "{\n \"tags\": {\"@a\": 1},\n \"entries\": [\n  {\"title\": \"x {\"},\n  {\n   \"title\": \"y\"\n  }\n ]\n}\n";
        assert_eq!(entry_lines(text), vec![4, 5]);
    }

    #[test]
    fn sniffs_jrnl_exports() {
        assert!(looks_like("{\n  \"tags\": {}, \"entries\": []}"));
        assert!(looks_like("{\"entries\": []}"));
        assert!(!looks_like("{\"kind\": \"note\"}\n{\"kind\": \"note\"}"));
    }
}
