//! A folder of Markdown notes (Obsidian, zk, plain) or one note: front
//! matter in YAML (`---`) or TOML (`+++`), or none.
//!
//! Only what has a place in an entry is kept: the common fields, and the
//! kind's own fields when the kind defines them. Other front-matter keys
//! (Obsidian's `aliases`, `cssclasses`...) are listed once on stderr, so
//! the user knows what was left behind.

use super::{Options, Parsed, Record, clean_tag, kind_from_tags, push_tags};
use crate::cli::error::{CliError, CliResult};
use crate::entry::{self, Kind};
use chrono::{DateTime, Local, NaiveDate, TimeZone};
use serde_json::{Map, Value as J};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every note under `dir`, in path order.
pub(super) fn read_dir(dir: &Path, opts: &Options) -> CliResult<Parsed> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    let mut reader = Reader::new(opts);
    for path in &files {
        let at = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    reader.parsed.records.push(Err(format!(
                        "{at}: not UTF-8 text; save it as UTF-8 or leave it out"
                    )));
                    continue;
                }
            },
            Err(e) => return Err(CliError::failure(format!("cannot read {at}: {e}"))),
        };
        let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        reader.note(&text, &at, Some(path), mtime);
    }
    if files.is_empty() {
        reader.parsed.notes.push(format!(
            "{} holds no Markdown notes (*.md outside hidden folders)",
            dir.display()
        ));
    }
    Ok(reader.finish())
}

/// One note, from a file or stdin.
pub(super) fn read_one(text: &str, path: Option<&Path>, opts: &Options) -> CliResult<Parsed> {
    let mtime = path.and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let mut reader = Reader::new(opts);
    reader.note(text, opts.source, path, mtime);
    Ok(reader.finish())
}

/// Collects `.md` files, skipping hidden folders (`.obsidian`, `.git`,
/// `.trash`) and symbolic links (a link back up would never end).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> CliResult<()> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| CliError::failure(format!("cannot read {}: {e}", dir.display())))?;
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

struct Reader<'a> {
    opts: &'a Options<'a>,
    parsed: Parsed,
    /// Front-matter keys left out, with how many notes had each.
    ignored: BTreeMap<String, usize>,
}

impl<'a> Reader<'a> {
    fn new(opts: &'a Options<'a>) -> Reader<'a> {
        Reader {
            opts,
            parsed: Parsed::default(),
            ignored: BTreeMap::new(),
        }
    }

    fn note(
        &mut self,
        text: &str,
        at: &str,
        path: Option<&Path>,
        mtime: Option<std::time::SystemTime>,
    ) {
        let record = self.record(text, at, path, mtime);
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
        mtime: Option<std::time::SystemTime>,
    ) -> Result<Record, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut front = split(text).map_err(|(line, message)| format!("{at}:{line}: {message}"))?;
        let values = std::mem::take(&mut front.values);
        let line_of = |key: &str| -> String {
            match front.key_line(key) {
                Some(line) => format!("{at}:{line}"),
                None => format!("{at}:1"),
            }
        };
        let mut out = Map::new();
        let mut keys = Vec::new();
        let mut tags = Vec::new();
        let mut date: Option<(String, J)> = None;
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
                "title" | "kind" | "person" | "case" | "tier" | "skills" | "products" | "links"
                | "private" | "id" | "updated" => {
                    keys.push((lower.clone(), line_of(&key)));
                    out.insert(lower, value);
                }
                _ => rest.push((key, value)),
            }
        }
        push_tags(&mut tags, inline_tags(front.body));
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
                let raw = match &value {
                    J::String(s) => s.clone(),
                    other => other.to_string(),
                };
                entry::parse_datetime_text(&raw).ok_or_else(|| {
                    format!(
                        "{}: {key} '{raw}' is not a date (use YYYY-MM-DD or RFC 3339)",
                        line_of(&key)
                    )
                })?
            }
            None => date_in_name(path)
                .or_else(|| mtime.map(|t| DateTime::<Local>::from(t).fixed_offset()))
                .unwrap_or_else(crate::clock::now),
        };
        out.insert("created".into(), created.to_rfc3339().into());
        let mut body = front.body.trim_start_matches(['\n', '\r']).to_string();
        if out.get("title").is_none_or(|t| t.is_null()) {
            // The first `# heading` becomes the title; when it opens the
            // note it leaves the body, which would otherwise repeat it.
            let title = match first_heading(&body) {
                Some((title, opens)) => {
                    if opens {
                        body = body
                            .split_once('\n')
                            .map(|(_, b)| b.trim_start_matches(['\n', '\r']).to_string())
                            .unwrap_or_default();
                    }
                    title
                }
                None => title_from_name(path).unwrap_or_else(|| "untitled note".into()),
            };
            out.insert("title".into(), title.into());
        }
        out.insert("body".into(), body.trim_end().to_string().into());
        Ok(Record {
            at: format!("{at}:1"),
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

/// A `YYYY-MM-DD` in the file name (daily notes, dated zk notes), at
/// midnight local time.
fn date_in_name(path: Option<&Path>) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let stem = path?.file_stem()?.to_str()?;
    let day = date_prefix_at(stem)?.1;
    Local
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|d| d.fixed_offset())
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

/// A title from the file name: `refund-loop.md` reads "refund loop"; a
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
