//! CSV (and TSV) exports, such as a helpdesk's list of escalations: one
//! entry per row, `--map COLUMN=FIELD` saying which column holds what.
//! Columns named like casebook's own CSV (`title`, `created`, `case`...)
//! map themselves, so `export --format csv` reads back.

use super::{DateOrder, ImportError, Invalid, Options, Parsed, Record, Result};
use crate::Location;
use crate::entry::{self, COMMON_FIELDS, Kind};
use crate::loops::sample::Table;
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde_json::{Map, Value as J};

/// Fields a column can give besides the kind's own.
const FIELDS: &[&str] = &[
    "title",
    "body",
    "date",
    "created",
    "updated",
    "kind",
    "person",
    "case",
    "tier",
    "tags",
    "skills",
    "products",
    "links",
    "private",
    "id",
    "aliases",
    "imported_from",
    "import_hash",
];
const LISTS: &[&str] = &["tags", "skills", "products", "links", "aliases"];
/// Columns that map themselves by name. Not `id` (a helpdesk's "ID" is a
/// ticket number) nor kind fields (a helpdesk "Status" is not a KB status).
const BY_NAME: &[&str] = &[
    "title", "body", "date", "created", "kind", "person", "case", "tags", "skills", "products",
];
/// Where a row's title comes from when no column gives one.
const TITLE_COLUMNS: &[&str] = &["subject", "summary", "title", "name"];

/// One `--map`: a column index and the field it gives.
struct Mapping {
    column: usize,
    field: String,
}

pub(crate) fn read(text: &str, opts: &Options, maps: &[String], tsv: bool) -> Result<Parsed> {
    let source = opts.source;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = if tsv { b'\t' } else { sniff_delimiter(text) };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::failure(format!("{source}:1: cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(ImportError::failure(format!(
            "{source} has no header row naming its columns"
        )));
    }
    // casebook's own export: every column is the field it names.
    let casebook = headers.join(",").starts_with(crate::export::CSV_HEADER);
    let mappings = mappings(&headers, maps, opts.kind, casebook)?;
    if !opts.has_default_date
        && !mappings
            .iter()
            .any(|m| matches!(m.field.as_str(), "date" | "created"))
    {
        return Err(ImportError::usage(format!(
            "no column of {source} gives the date (columns: {})",
            headers.join(", ")
        ))
        .with_hint("map one: --map \"Created=date\", or date every row: --date YYYY-MM-DD"));
    }
    let title_column = if mappings.iter().any(|m| m.field == "title") {
        None
    } else {
        headers
            .iter()
            .position(|h| TITLE_COLUMNS.iter().any(|t| h.eq_ignore_ascii_case(t)))
    };
    let mut parsed = Parsed::default();
    let unused: Vec<&str> = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            !h.is_empty() && !mappings.iter().any(|m| m.column == *i) && title_column != Some(*i)
        })
        .map(|(_, h)| h.as_str())
        .collect();
    if !unused.is_empty() {
        parsed.notes.push(format!(
            "columns not imported: {} (keep one with --map COLUMN=FIELD)",
            unused.join(", ")
        ));
    }
    let mut extra_cells = Vec::new();
    for row in reader.records() {
        let record = match row {
            // A row of empty cells (an export's blank trailing lines) is
            // no record.
            Ok(row) if row.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(row) => {
                let line = row.position().map(|p| line_at(text, p)).unwrap_or(0);
                let at = Location::file(source).line(line as usize);
                if row.len() > headers.len()
                    && row.iter().skip(headers.len()).any(|c| !c.trim().is_empty())
                {
                    extra_cells.push(format!("{line} ({} cells)", row.len()));
                }
                row_record(&row, &at, &headers, &mappings, title_column, opts)
            }
            Err(e) => {
                let line = e.position().map(|p| line_at(text, p)).unwrap_or(0);
                Err(Invalid::new(
                    Location::file(source).line(line as usize),
                    format!("not valid CSV: {e}"),
                ))
            }
        };
        parsed.records.push(record);
    }
    if !extra_cells.is_empty() {
        parsed.notes.push(format!(
            "{source}: rows with more cells than the header's {} columns (the extra cells were left out): line {}",
            headers.len(),
            extra_cells.join(", ")
        ));
    }
    Ok(parsed)
}

/// The file line a record starts on. The csv crate counts records, not
/// line breaks inside quoted cells, so its line is off after a multi-line
/// cell: count the breaks before the record's first byte instead.
fn line_at(text: &str, pos: &::csv::Position) -> u64 {
    // With CRLF the crate ends a record at the CR: its next one "starts"
    // on the LF, which belongs to the line before.
    let bytes = text.as_bytes();
    let mut at = (pos.byte() as usize).min(text.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// The separator the header line uses (`Table::separator_of`), else a comma.
fn sniff_delimiter(text: &str) -> u8 {
    Table::separator_of(text).unwrap_or(b',')
}

/// The field name as casebook spells it: `Phrase Context` → `phrase_context`.
fn field_name(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace([' ', '-'], "_");
    match lower.as_str() {
        "tag" | "label" | "labels" => "tags".into(),
        "description" | "details" => "body".into(),
        "skill" => "skills".into(),
        "product" => "products".into(),
        "link" => "links".into(),
        _ => lower,
    }
}

/// `--map` flags checked against the header and the fields, plus columns
/// that map themselves by name. Mistakes here are usage errors (exit 2).
fn mappings(
    headers: &[String],
    maps: &[String],
    kind: Option<Kind>,
    casebook: bool,
) -> Result<Vec<Mapping>> {
    let mut out: Vec<Mapping> = Vec::new();
    let kind_column = maps.iter().any(|m| {
        m.rsplit_once('=')
            .is_some_and(|(_, f)| field_name(f) == "kind")
    }) || headers.iter().any(|h| field_name(h) == "kind");
    for map in maps {
        let bad = |message: String| ImportError::usage(format!("--map {map}: {message}"));
        // The last `=` splits: column names may hold one, field names never do.
        let (column, field) = map
            .rsplit_once('=')
            .ok_or_else(|| bad("expected COLUMN=FIELD, e.g. \"Ticket ID=case\"".into()))?;
        let column = column.trim();
        let index = headers
            .iter()
            .position(|h| h == column)
            .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(column)))
            .ok_or_else(|| {
                bad(format!(
                    "no column '{column}' (columns: {})",
                    headers.join(", ")
                ))
            })?;
        let field = field_name(field);
        check_field(&field, kind, kind_column).map_err(bad)?;
        if out
            .iter()
            .any(|m| m.field == field && field != "body" && !LISTS.contains(&field.as_str()))
        {
            return Err(bad(format!(
                "{field} is already given by another column (only body and lists take several)"
            )));
        }
        out.push(Mapping {
            column: index,
            field,
        });
    }
    // A column named in a --map names all the columns of that name (a
    // Jira export has three `Labels`).
    let mapped: Vec<(String, String)> = out
        .iter()
        .map(|m| (headers[m.column].to_lowercase(), m.field.clone()))
        .collect();
    for (i, header) in headers.iter().enumerate() {
        if out.iter().any(|m| m.column == i) {
            continue;
        }
        if let Some((_, field)) = mapped.iter().find(|(h, f)| {
            *h == header.to_lowercase() && (f == "body" || LISTS.contains(&f.as_str()))
        }) {
            out.push(Mapping {
                column: i,
                field: field.clone(),
            });
        }
    }
    for (i, header) in headers.iter().enumerate() {
        let field = field_name(header);
        // `date` and `created` are one field: whichever is mapped first wins.
        // Body and lists take every column that names them.
        let taken = |f: &str| out.iter().any(|m| m.field == f);
        let many = field == "body" || LISTS.contains(&field.as_str());
        let given = (!many && taken(&field))
            || (field == "date" && taken("created"))
            || (field == "created" && taken("date"));
        let by_name = BY_NAME.contains(&field.as_str())
            || (casebook
                && (FIELDS.contains(&field.as_str())
                    || Kind::ALL.iter().any(|k| k.field(&field).is_some())));
        if by_name && !given && !out.iter().any(|m| m.column == i) {
            out.push(Mapping { column: i, field });
        }
    }
    Ok(out)
}

/// Is `field` something a column can give, for the kind the rows will have?
fn check_field(field: &str, kind: Option<Kind>, kind_column: bool) -> Result<(), String> {
    if FIELDS.contains(&field) {
        return Ok(());
    }
    let kind_has = |k: Kind| k.field(field).is_some();
    match kind {
        _ if kind_column && Kind::ALL.iter().any(|k| kind_has(*k)) => Ok(()),
        Some(k) if kind_has(k) => Ok(()),
        _ => {
            let k = kind.unwrap_or(Kind::Note);
            let own: Vec<&str> = k.fields().iter().map(|f| f.name).collect();
            let owners: Vec<&str> = Kind::ALL
                .iter()
                .filter(|k| kind_has(**k))
                .map(|k| k.as_str())
                .collect();
            let mut message = format!(
                "unknown field '{field}' for {} {k} entry (fields: {}{}{})",
                a_or_an(k),
                FIELDS.join(", "),
                if own.is_empty() { "" } else { "; " },
                own.join(", ")
            );
            if !owners.is_empty() {
                message.push_str(&format!(
                    "; {field} belongs to {}: pass --kind {}",
                    owners.join(", "),
                    owners[0]
                ));
            }
            Err(message)
        }
    }
}

fn row_record(
    row: &::csv::StringRecord,
    at: &Location,
    headers: &[String],
    mappings: &[Mapping],
    title_column: Option<usize>,
    opts: &Options,
) -> Result<Record, Invalid> {
    let cell = |i: usize| row.get(i).map(str::trim).unwrap_or("");
    let column_at = |i: usize| at.clone().field(format!("column '{}'", headers[i]));
    let mut out = Map::new();
    let mut keys = Vec::new();
    // The kind first: it decides which fields the row may carry.
    let kind = match mappings.iter().find(|m| m.field == "kind") {
        Some(m) if !cell(m.column).is_empty() => Some(
            cell(m.column)
                .parse::<Kind>()
                .map_err(|e| Invalid::new(column_at(m.column), e.to_string()))?,
        ),
        _ => opts.kind,
    };
    if let Some(k) = kind {
        out.insert("kind".into(), k.as_str().into());
    }
    for m in mappings {
        let value = cell(m.column);
        if value.is_empty() || m.field == "kind" {
            continue;
        }
        let key = match m.field.as_str() {
            "date" => "created",
            other => other,
        };
        let json = match key {
            "created" | "updated" => {
                let dt = parse_date(value, opts.date_order).ok_or_else(|| {
                    let message = if ambiguous(value, opts.date_order) {
                        format!(
                            "'{value}' could be day/month or month/day (pass --date-format dmy or mdy)"
                        )
                    } else {
                        format!(
                            "'{value}' is not a date (use YYYY-MM-DD, YYYY-MM-DD HH:MM or RFC 3339)"
                        )
                    };
                    Invalid::new(column_at(m.column), message)
                })?;
                J::from(dt.to_rfc3339())
            }
            "private" => match value.to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" | "1" => J::Bool(true),
                "false" | "no" | "n" | "0" => J::Bool(false),
                _ => {
                    return Err(Invalid::new(
                        column_at(m.column),
                        format!("private must be true or false, found \"{value}\""),
                    ));
                }
            },
            k if LISTS.contains(&k) => {
                // casebook's export writes a list whose items hold a `,` or
                // `;` as a JSON array.
                let items: Vec<J> = match json_list(value) {
                    Some(items) => items,
                    None => value
                        .split([',', ';'])
                        .map(|s| s.trim().trim_start_matches('#'))
                        .filter(|s| !s.is_empty())
                        .map(|s| J::from(s.to_string()))
                        .collect(),
                };
                let items = items.into_iter();
                match out.get_mut(k) {
                    Some(J::Array(have)) => {
                        have.extend(items);
                        continue;
                    }
                    _ => J::Array(items.collect()),
                }
            }
            "body" => match out.get_mut("body") {
                // Several columns make one body, a paragraph each.
                Some(J::String(have)) => {
                    have.push_str("\n\n");
                    have.push_str(value);
                    continue;
                }
                _ => J::from(value),
            },
            k if COMMON_FIELDS.contains(&k) => J::from(value),
            k => {
                let k_name = kind.unwrap_or(Kind::Note);
                if k_name.field(k).is_none() {
                    return Err(Invalid::new(
                        column_at(m.column),
                        format!("{} {k_name} entry has no field '{k}'", a_or_an(k_name)),
                    ));
                }
                match k_name.field(k).map(|f| f.ty) {
                    Some(entry::FieldType::List) => json_list(value)
                        .map(J::Array)
                        .unwrap_or_else(|| J::from(value)),
                    _ => J::from(value),
                }
            }
        };
        keys.push((key.to_string(), column_at(m.column)));
        out.insert(key.to_string(), json);
    }
    if !out.contains_key("title") {
        let from = title_column.filter(|i| !cell(*i).is_empty()).or_else(|| {
            // No subject and no body: the first column holding words.
            (!out.contains_key("body")).then(|| {
                (0..row.len()).find(|i| {
                    let v = cell(*i);
                    !v.is_empty()
                        && v.parse::<f64>().is_err()
                        && parse_date(v, opts.date_order).is_none()
                })
            })?
        });
        if let Some(i) = from {
            out.insert(
                "title".into(),
                entry::truncate_chars(cell(i).lines().next().unwrap_or(""), 72).into(),
            );
        }
    }
    Ok(Record {
        at: at.clone(),
        value: J::Object(out),
        keys,
    })
}

/// A cell holding a JSON array of text (`["a, b", "c"]`).
fn json_list(value: &str) -> Option<Vec<J>> {
    if !value.starts_with('[') {
        return None;
    }
    match serde_json::from_str::<J>(value).ok()? {
        J::Array(items) if items.iter().all(J::is_string) => Some(items),
        _ => None,
    }
}

fn a_or_an(kind: Kind) -> &'static str {
    if kind.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The dates helpdesk exports write, besides those casebook reads
/// anywhere: offsets and `UTC`, Jira's `14/Jul/25 3:42 PM`, slashed dates
/// (`07/08/2025`, day or month first as `--date-format` says, else as the
/// numbers allow), and Unix times in seconds or milliseconds.
pub(crate) fn parse_date(text: &str, order: Option<DateOrder>) -> Option<DateTime<FixedOffset>> {
    entry::parse_datetime_text(text)
        .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z").ok())
        .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M %z").ok())
        .or_else(|| {
            // "2026-11-02 09:15:00 UTC"
            let bare = text.strip_suffix(" UTC").or(text.strip_suffix('Z'))?;
            NaiveDateTime::parse_from_str(bare, "%Y-%m-%d %H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(bare, "%Y-%m-%d %H:%M"))
                .ok()
                .map(|n| n.and_utc().fixed_offset())
        })
        .or_else(|| named_month(text).and_then(local))
        .or_else(|| slashed(text, order).ok().flatten().and_then(local))
        .or_else(|| epoch(text))
}

/// Why a date did not parse, when a hint helps: `07/08/2025` without
/// `--date-format`.
pub(crate) fn ambiguous(text: &str, order: Option<DateOrder>) -> bool {
    slashed(text, order).is_err()
}

fn local(naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    entry::resolve_local(naive).map(|(d, _)| d)
}

/// `14/Jul/25 3:42 PM`, `14/Jul/2025 15:42`, `14-Jul-2025`.
fn named_month(text: &str) -> Option<NaiveDateTime> {
    let t = text.replace('-', "/");
    for fmt in [
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(&t, fmt) {
            return Some(d);
        }
    }
    ["%d/%b/%y", "%d/%b/%Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(&t, f).ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// `07/08/2025` or `07/08/2025 15:42`: Ok(None) when not that shape,
/// Err when both readings are possible and no order was given.
fn slashed(text: &str, order: Option<DateOrder>) -> Result<Option<NaiveDateTime>, ()> {
    let (day_part, time_part) = match text.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let parts: Vec<&str> = day_part.split(['/', '.']).collect();
    let [a, b, y] = parts[..] else {
        return Ok(None);
    };
    let (Ok(a), Ok(b), Ok(mut y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>()) else {
        return Ok(None);
    };
    if y < 100 {
        y += 2000;
    }
    let (day, month) = match order {
        Some(DateOrder::Dmy) => (a, b),
        Some(DateOrder::Mdy) => (b, a),
        None if a > 12 => (a, b),
        None if b > 12 => (b, a),
        None if a == b => (a, b),
        None => return Err(()),
    };
    let Some(date) = chrono::NaiveDate::from_ymd_opt(y, month, day) else {
        return Ok(None);
    };
    let time = match time_part {
        None => chrono::NaiveTime::from_hms_opt(0, 0, 0),
        Some(t) => ["%H:%M:%S", "%H:%M", "%I:%M %p", "%I:%M:%S %p"]
            .iter()
            .find_map(|f| chrono::NaiveTime::parse_from_str(t, f).ok()),
    };
    Ok(time.map(|t| date.and_time(t)))
}

/// A Unix time: 9-10 digits are seconds, 12-13 milliseconds.
fn epoch(text: &str) -> Option<DateTime<FixedOffset>> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = text.parse().ok()?;
    let secs = match text.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    DateTime::from_timestamp(secs, 0).map(|d| d.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_and_delimiters() {
        assert_eq!(field_name("Phrase Context"), "phrase_context");
        assert_eq!(field_name("Tag"), "tags");
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(
            sniff_delimiter("\u{feff}Subject;Body, with a comma;Tags\n"),
            b';'
        );
        assert_eq!(sniff_delimiter("title\n"), b',');
        assert_eq!(
            sniff_delimiter("\n\na;b\n1;2\n"),
            b';',
            "the header is the first line with text"
        );
    }

    #[test]
    fn lines_after_crlf_and_multi_line_cells() {
        let text = "a;b\r\n1;\"x\r\ny\"\r\n2;z\r\n";
        let mut r = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let lines: Vec<u64> = r
            .records()
            .map(|row| line_at(text, row.unwrap().position().unwrap()))
            .collect();
        assert_eq!(lines, vec![2, 4]);
        let text = "a,b\n1,2\n3,4\n";
        let mut r = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let lines: Vec<u64> = r
            .records()
            .map(|row| line_at(text, row.unwrap().position().unwrap()))
            .collect();
        assert_eq!(lines, vec![2, 3]);
    }

    #[test]
    fn unknown_fields_name_the_kind_that_has_them() {
        let err = check_field("reason", None, false).unwrap_err();
        assert!(err.contains("--kind escalation"), "{err}");
        assert!(check_field("reason", Some(Kind::Escalation), false).is_ok());
        assert!(check_field("reasn", Some(Kind::Escalation), false).is_err());
        assert!(check_field("reason", None, true).is_ok());
    }

    #[test]
    fn helpdesk_dates() {
        let day = |t: &str, o| parse_date(t, o).map(|d| d.format("%Y-%m-%d %H:%M").to_string());
        assert!(parse_date("2026-11-02", None).is_some());
        assert!(parse_date("2026-11-02 09:15:00 +0100", None).is_some());
        assert!(parse_date("2026-11-02 09:15:00 UTC", None).is_some());
        assert!(parse_date("yesterday-ish", None).is_none());
        assert_eq!(day("14/Jul/25 3:42 PM", None).unwrap(), "2025-07-14 15:42");
        assert_eq!(day("1752507720", None).unwrap(), "2025-07-14 15:42");
        assert_eq!(day("1752507720000", None).unwrap(), "2025-07-14 15:42");
        assert_eq!(day("14/07/2025", None).unwrap(), "2025-07-14 00:00");
        assert!(day("07/08/2025", None).is_none());
        assert!(ambiguous("07/08/2025", None));
        assert_eq!(
            day("07/08/2025", Some(DateOrder::Dmy)).unwrap(),
            "2025-08-07 00:00"
        );
        assert_eq!(
            day("07/08/2025", Some(DateOrder::Mdy)).unwrap(),
            "2025-07-08 00:00"
        );
    }
}
