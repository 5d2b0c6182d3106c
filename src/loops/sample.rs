//! Seeded QA sampling: pick a reproducible sample of ticket ids from a
//! helpdesk export (CSV with a ticket-id column) or a plain list (one id a
//! line). The same ids, n and seed always give the same sample, on every
//! machine and every casebook version: the generator is ChaCha8 (portable by
//! contract) and the shuffle below uses only its raw output, never rand's
//! range helpers, whose algorithms may change between versions.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// Header names that hold the ticket id, best first (compared lowercase,
/// with `_`, `-` and `.` read as spaces).
pub const ID_HEADERS: &[&str] = &[
    "ticket id",
    "ticket",
    "ticket number",
    "ticket no",
    "ticket ref",
    "case id",
    "case",
    "case number",
    "conversation id",
    "id",
    "ref",
    "reference",
];

/// The ticket ids of an export, in file order, duplicates removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    pub ids: Vec<String>,
    /// The CSV column the ids came from; None for a plain list.
    pub column: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SampleError {
    /// A CSV whose header has no ticket-id column; the headers found.
    NoIdColumn(Vec<String>),
    /// `--where` names a column the CSV does not have.
    NoSuchColumn(String, Vec<String>),
    /// `--where` on a plain list, which has no columns.
    WhereOnPlainList,
    /// `--where` is not `column:value`.
    BadWhere(String),
}

pub fn norm_header(h: &str) -> String {
    h.trim()
        .trim_matches('"')
        .to_lowercase()
        .replace(['_', '-', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A delimited export: its header cells and its rows, each with the line
/// it starts on (1-based). Read by the csv crate, so a quoted cell may hold
/// separators, quotes (`""`) and line breaks, as helpdesk exports' subjects
/// and comments do. Cells are trimmed; blank rows are left out.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// The separator of a delimited export, from its header line: a tab,
    /// a semicolon (spreadsheets in locales where the comma is the decimal
    /// mark) or a comma, whichever separates the most cells, commas winning
    /// ties; `None` when the line has none of them.
    pub fn separator(header: &str) -> Option<u8> {
        let count = |c: char| header.matches(c).count();
        let (tabs, semicolons, commas) = (count('\t'), count(';'), count(','));
        if tabs + semicolons + commas == 0 {
            None
        } else if tabs > commas && tabs >= semicolons {
            Some(b'\t')
        } else if semicolons > commas {
            Some(b';')
        } else {
            Some(b',')
        }
    }

    /// The separator of the delimited `text` (see `separator`), from its
    /// header: the first non-blank line after any byte-order mark, as the
    /// csv crate reads it.
    pub fn separator_of(text: &str) -> Option<u8> {
        let text = text.trim_start_matches('\u{feff}');
        let header = text.lines().find(|l| !l.trim().is_empty())?;
        Table::separator(header)
    }

    /// Reads `text` (a byte-order mark is ignored), its first non-blank
    /// line being the header; `None` when that line has no separator, so
    /// it is no table.
    pub fn read(text: &str) -> Option<Table> {
        let text = text.trim_start_matches('\u{feff}');
        let sep = Table::separator_of(text)?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sep)
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        // Lines are counted from byte offsets: the reader's own line count
        // leaves out the blank lines it skips.
        let (mut counted_to, mut line) = (0, 1);
        let mut records = reader.records().filter_map(move |record| {
            // An unreadable row (an unterminated quote runs to the end) is
            // dropped with what it swallowed.
            let record = record.ok()?;
            let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
            // The reader's position is before the blank lines it skipped.
            while let Some(b'\r' | b'\n') = text.as_bytes().get(start) {
                start += 1;
            }
            line += text.as_bytes()[counted_to..start.max(counted_to)]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = start.max(counted_to);
            let cells: Vec<String> = record.iter().map(str::to_string).collect();
            (!cells.iter().all(String::is_empty)).then_some((line, cells))
        });
        let (_, headers) = records.next()?;
        Some(Table {
            headers,
            rows: records.collect(),
        })
    }
}

/// Reads ids from an export. A first line with a comma, semicolon or tab is
/// a CSV header; otherwise each non-empty line is an id (`#` lines are
/// comments, and a lone header such as `ticket_id` is skipped).
/// `wheres` are `column:value` conditions on CSV rows (all must hold).
pub fn population(text: &str, wheres: &[String]) -> Result<Population, SampleError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut ids = Vec::new();
    let column = match Table::read(text) {
        None => {
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let Some(first) = lines.next() else {
                return Ok(Population {
                    ids: Vec::new(),
                    column: None,
                });
            };
            if !wheres.is_empty() {
                return Err(SampleError::WhereOnPlainList);
            }
            if !ID_HEADERS.contains(&norm_header(first).as_str()) {
                ids.push(first.to_string());
            }
            ids.extend(lines.filter(|l| !l.starts_with('#')).map(str::to_string));
            None
        }
        Some(table) => {
            let headers = table.headers;
            let normed: Vec<String> = headers.iter().map(|h| norm_header(h)).collect();
            let col = ID_HEADERS
                .iter()
                .find_map(|want| normed.iter().position(|h| h == want))
                .ok_or_else(|| SampleError::NoIdColumn(headers.clone()))?;
            let mut conds = Vec::new();
            for w in wheres {
                let (k, v) = w
                    .split_once([':', '='])
                    .ok_or_else(|| SampleError::BadWhere(w.clone()))?;
                let k = normed
                    .iter()
                    .position(|h| *h == norm_header(k))
                    .ok_or_else(|| SampleError::NoSuchColumn(k.to_string(), headers.clone()))?;
                conds.push((k, v.trim().to_lowercase()));
            }
            for (_, row) in &table.rows {
                let keep = conds
                    .iter()
                    .all(|(k, v)| row.get(*k).is_some_and(|x| x.to_lowercase() == *v));
                if let Some(id) = row.get(col).filter(|id| !id.is_empty())
                    && keep
                {
                    ids.push(id.clone());
                }
            }
            Some(headers[col].clone())
        }
    };
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Ok(Population { ids, column })
}

/// A seed from any text: a number is itself, other text its FNV-1a hash, so
/// `--seed 42` and `--seed 2026-W48` both work and mean the same everywhere.
pub fn seed_of(text: &str) -> u64 {
    if let Ok(n) = text.trim().parse::<u64>() {
        return n;
    }
    text.trim().bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A uniform number below `bound` (> 0), by rejection: no modulo bias.
fn below(rng: &mut ChaCha8Rng, bound: u64) -> u64 {
    let zone = u64::MAX - (u64::MAX % bound);
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % bound;
        }
    }
}

/// `n` ids chosen without replacement (a partial Fisher-Yates shuffle),
/// returned in the order they have in the export, so the list reads like
/// the file it came from.
pub fn sample(ids: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut idx: Vec<usize> = (0..ids.len()).collect();
    let n = n.min(ids.len());
    for i in 0..n {
        let j = i + below(&mut rng, (idx.len() - i) as u64) as usize;
        idx.swap(i, j);
    }
    let mut chosen = idx[..n].to_vec();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| ids[i].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("ZD-{i}")).collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_sample_and_another_seed_another() {
        let all = ids(100);
        let a = sample(&all, 5, seed_of("2026-W48"));
        assert_eq!(a, sample(&all, 5, seed_of("2026-W48")));
        assert_eq!(a.len(), 5);
        assert_ne!(a, sample(&all, 5, seed_of("2026-W49")));
        let mut d = a.clone();
        d.dedup();
        assert_eq!(d.len(), 5, "no id twice");
        assert_eq!(
            sample(&all[..3], 5, 1).len(),
            3,
            "never more than there are"
        );
    }

    #[test]
    fn the_sample_is_pinned_so_a_week_stays_reproducible_across_versions() {
        // If this changes, old "reproduce with --seed" hints stop working.
        assert_eq!(sample(&ids(20), 3, 42), sample(&ids(20), 3, seed_of("42")));
        assert_eq!(sample(&ids(20), 3, 42), vec!["ZD-2", "ZD-18", "ZD-19"]);
    }

    #[test]
    fn csv_columns_are_found_by_header() {
        let p = population(
            "Subject,Ticket ID,Channel\nhi,ZD-1,chat\nyo,\"ZD-2\",email\nre,ZD-1,chat\n",
            &[],
        )
        .unwrap();
        assert_eq!(p.ids, vec!["ZD-1", "ZD-2"]);
        assert_eq!(p.column.as_deref(), Some("Ticket ID"));
        let p = population("id;subject\n7;\"a; b\"\n", &[]).unwrap();
        assert_eq!(p.ids, vec!["7"]);
        let p = population("\n\nid\tsubject\n7\t\"two\nlines\"\n\n8\tone\n", &[]).unwrap();
        assert_eq!(p.ids, vec!["7", "8"], "a quoted line break is not a row");
        let w = population(
            "ticket_id,channel\nZD-1,chat\nZD-2,email\n",
            &["channel:Chat".to_string()],
        )
        .unwrap();
        assert_eq!(w.ids, vec!["ZD-1"]);
        assert!(matches!(
            population("subject,channel\na,b\n", &[]),
            Err(SampleError::NoIdColumn(_))
        ));
    }

    #[test]
    fn plain_lists_take_one_id_a_line() {
        let p = population("ticket_id\nZD-1\n\n# a comment\nZD-2\n", &[]).unwrap();
        assert_eq!(p.ids, vec!["ZD-1", "ZD-2"]);
        assert_eq!(p.column, None);
        assert_eq!(population("ZD-9\n", &[]).unwrap().ids, vec!["ZD-9"]);
        assert_eq!(
            population("ZD-9\n", &["a:b".into()]),
            Err(SampleError::WhereOnPlainList)
        );
    }
}
