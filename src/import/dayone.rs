//! Day One's JSON export: a zip (or the folder it unzips to) holding one
//! `JOURNAL.json` per journal, each `{"metadata": {...}, "entries": [{"uuid",
//! "text", "creationDate", "modifiedDate", "timeZone", "tags", "starred",
//! "isPinned", "location", "weather", "photos", ...}]}`, and the media in
//! `photos/`, `videos/`...
//!
//! An entry's `text` is its Markdown, as Day One shows it; the title is its
//! first line, which stays in the body. The time is `creationDate` (UTC)
//! in the entry's own `timeZone`. The uuid is the entry's identity
//! (`imported_from = "dayone:UUID"`), so an entry edited in Day One updates
//! its casebook entry on the next import.

use super::{Invalid, Options, Record, clean_tag, kind_from_tags, push_tags};
use crate::Location;
use chrono::{DateTime, FixedOffset};
use serde_json::{Value as J, json};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// True for the entries of a Day One export (a uuid and a creationDate,
/// where jrnl writes date and time).
pub(crate) fn is_dayone(list: &[J]) -> bool {
    !list.is_empty()
        && list
            .iter()
            .all(|e| e.get("uuid").is_some_and(J::is_string) && e.get("creationDate").is_some())
}

/// The JSON files of a Day One export given as a zip or as the folder it
/// unzipped to: `(name, text)` of each `*.json` at its top. None when
/// `path` is neither.
pub(crate) fn journals(path: &Path) -> Result<Option<Vec<(String, String)>>, String> {
    let shown = path.display();
    if path.is_dir() {
        let Ok(items) = std::fs::read_dir(path) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for item in items.filter_map(Result::ok) {
            let p = item.path();
            if p.is_file() && super::has_extension(&p, &["json"]) {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                if looks_like(&text) {
                    out.push((p.display().to_string(), text));
                }
            }
        }
        out.sort();
        return Ok((!out.is_empty()).then_some(out));
    }
    if !super::has_extension(path, &["zip"]) {
        return Ok(None);
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| format!("{shown}: not a zip archive: {e}"))?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut item = zip
            .by_index(i)
            .map_err(|e| format!("{shown}: cannot read entry {}: {e}", i + 1))?;
        let name = item
            .name()
            .map_err(|e| format!("{shown}: entry {}: {e}", i + 1))?
            .to_string();
        if !item.is_file() || name.contains('/') || !name.to_ascii_lowercase().ends_with(".json") {
            continue;
        }
        let mut text = String::new();
        item.read_to_string(&mut text)
            .map_err(|e| format!("{shown}/{name}: cannot read: {e}"))?;
        if looks_like(&text) {
            out.push((format!("{shown}/{name}"), text));
        }
    }
    if out.is_empty() {
        return Err(format!(
            "{shown} holds no Day One journal (a JOURNAL.json at its top)"
        ));
    }
    out.sort();
    Ok(Some(out))
}

/// A quick look at a JSON text: does it hold Day One entries?
fn looks_like(text: &str) -> bool {
    let mut end = text.len().min(8192);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.contains("\"creationDate\"") && head.contains("\"uuid\"")
}

/// The records of a Day One journal's entries. `lines[i]` is the line
/// entry i opens on.
pub(crate) fn records(
    list: &[J],
    lines: &[usize],
    source: &str,
    opts: &Options,
    notes: &mut Vec<String>,
) -> Vec<Result<Record, Invalid>> {
    let mut zones = Zones::default();
    let mut left_out: BTreeMap<&'static str, usize> = BTreeMap::new();
    let out = list
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = match lines.get(i) {
                Some(line) => Location::file(source).line(*line),
                None => Location::file(source).field(format!("entry {}", i + 1)),
            };
            for key in [
                "location",
                "weather",
                "photos",
                "videos",
                "audios",
                "pdfAttachments",
            ] {
                if item.get(key).is_some_and(|v| !v.is_null()) {
                    *left_out.entry(key).or_default() += 1;
                }
            }
            record(item, opts, &mut zones, &at, notes)
                .map(|value| Record::new(at.clone(), value))
                .map_err(|message| Invalid::new(at.clone(), message))
        })
        .collect();
    if !left_out.is_empty() {
        let kept: Vec<String> = left_out
            .iter()
            .map(|(k, n)| format!("{k} ({n} entr{})", if *n == 1 { "y" } else { "ies" }))
            .collect();
        notes.push(format!(
            "{source}: Day One data with no place in a casebook entry was left out: {} (media stay in the export; the text keeps its dayone-moment:// references)",
            kept.join(", ")
        ));
    }
    out
}

/// Time zones by name, each looked up once.
#[derive(Default)]
struct Zones(BTreeMap<String, Option<jiff::tz::TimeZone>>);

impl Zones {
    /// `instant` in the zone named `name` (an IANA name such as
    /// `America/Chicago`); None for a name this system does not know.
    fn at(&mut self, name: &str, instant: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        let zone = self
            .0
            .entry(name.to_string())
            .or_insert_with(|| jiff::tz::TimeZone::get(name).ok())
            .as_ref()?;
        let ts = jiff::Timestamp::from_second(instant.timestamp()).ok()?;
        let offset = FixedOffset::east_opt(zone.to_offset(ts).seconds())?;
        Some(instant.with_timezone(&offset))
    }
}

fn record(
    item: &J,
    opts: &Options,
    zones: &mut Zones,
    at: &Location,
    notes: &mut Vec<String>,
) -> Result<J, String> {
    let obj = item
        .as_object()
        .ok_or("a Day One entry must be a JSON object")?;
    let text = |k: &str| -> Result<String, String> {
        match obj.get(k) {
            None | Some(J::Null) => Ok(String::new()),
            Some(J::String(s)) => Ok(s.clone()),
            Some(other) => Err(format!("'{k}' must be text, found {other}")),
        }
    };
    let uuid = text("uuid")?;
    let zone = text("timeZone")?;
    let mut date = |key: &str| -> Result<Option<DateTime<FixedOffset>>, String> {
        let raw = text(key)?;
        if raw.is_empty() {
            return Ok(None);
        }
        let utc = DateTime::parse_from_rfc3339(raw.trim())
            .map_err(|_| format!("{key} '{raw}' is not an RFC 3339 time"))?;
        if zone.is_empty() {
            return Ok(Some(utc));
        }
        Ok(Some(match zones.at(&zone, utc) {
            Some(local) => local,
            None => {
                notes.push(format!(
                    "{at}: time zone '{zone}' is not known here; {key} kept in UTC"
                ));
                utc
            }
        }))
    };
    let created = date("creationDate")?.ok_or("the entry has no \"creationDate\"")?;
    let modified = date("modifiedDate")?;
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
    for (key, tag) in [("starred", "starred"), ("isPinned", "pinned")] {
        if obj.get(key) == Some(&J::Bool(true)) {
            push_tags(&mut tags, [tag.to_string()]);
        }
    }
    let kind = kind_from_tags(&mut tags).or(opts.kind);
    let body = text("text")?;
    let title = body
        .lines()
        .map(|l| unescape(l.trim().trim_start_matches('#').trim()))
        .find(|l| !l.is_empty())
        .map(|l| crate::entry::truncate_chars(&l, 72))
        .unwrap_or_else(|| "(untitled)".to_string());
    // The hash of the entry as Day One exported it: an entry edited there
    // (its text, tags or star) updates; the same export again is skipped.
    let hash = format!(
        "{:016x}",
        crate::entry::path_hash(&serde_json::to_string(item).unwrap_or_default())
    );
    let mut record = json!({
        "title": title,
        "body": body,
        "created": created.to_rfc3339(),
        "tags": tags,
        "imported_from": format!("dayone:{uuid}"),
        "import_hash": hash,
    });
    if let Some(m) = modified.filter(|m| *m > created) {
        record["updated"] = m.to_rfc3339().into();
    }
    if let Some(kind) = kind {
        record["kind"] = kind.as_str().into();
    }
    Ok(record)
}

/// Day One escapes Markdown punctuation in `text` (`Refund\.`): a title
/// reads as Day One shows it.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_day_ones_escapes() {
        assert_eq!(unescape(r"Refund \- twice\."), "Refund - twice.");
        assert_eq!(unescape(r"C:\path"), r"C:\path");
    }

    #[test]
    fn times_are_read_in_the_entrys_zone() {
        let mut zones = Zones::default();
        let utc = DateTime::parse_from_rfc3339("2025-07-15T02:30:00Z").unwrap();
        let local = zones.at("America/Chicago", utc).unwrap();
        assert_eq!(local.to_rfc3339(), "2025-07-14T21:30:00-05:00");
        assert!(zones.at("Nowhere/Atlantis", utc).is_none());
    }
}
