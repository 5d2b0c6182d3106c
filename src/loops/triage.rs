//! Batch triage of a helpdesk export: the tickets of a CSV (id, subject and
//! any prepared category, trigger and pattern columns, found by header or
//! named by the caller) and the answers a person gives per ticket. Plain
//! data; the command asks and writes.

use super::sample::{ID_HEADERS, Table, norm_header};

/// Header names that hold a ticket's subject, best first.
pub const SUBJECT_HEADERS: &[&str] = &["subject", "title", "summary", "description"];

/// Which column holds what; None means "find it by header" for the id and
/// subject, and "not in this export" for the rest.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub id: Option<String>,
    pub subject: Option<String>,
    pub category: Option<String>,
    pub trigger: Option<String>,
    pub pattern: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// 1-based line of the export.
    pub line: usize,
    pub id: String,
    pub subject: Option<String>,
    /// The prepared category cell, as written.
    pub category: Option<String>,
    pub trigger: Option<String>,
    pub pattern: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TableError {
    /// No header line with a separator: not a CSV.
    NotCsv,
    /// No ticket-id column; the headers found.
    NoIdColumn(Vec<String>),
    /// A column named by the caller is missing: (which, name, headers).
    NoSuchColumn(&'static str, String, Vec<String>),
}

/// The tickets of an export in file order, each id once (rows without an
/// id are left out). A quoted cell may hold separators and new lines.
pub fn tickets(text: &str, cols: &Columns) -> Result<(Vec<Ticket>, String), TableError> {
    let table = Table::read(text).ok_or(TableError::NotCsv)?;
    let headers = table.headers;
    let normed: Vec<String> = headers.iter().map(|h| norm_header(h)).collect();
    let named = |which: &'static str, name: &Option<String>| -> Result<Option<usize>, TableError> {
        match name {
            None => Ok(None),
            Some(n) => normed
                .iter()
                .position(|h| *h == norm_header(n))
                .map(Some)
                .ok_or_else(|| TableError::NoSuchColumn(which, n.clone(), headers.clone())),
        }
    };
    let by_header = |wanted: &[&str]| {
        wanted
            .iter()
            .find_map(|w| normed.iter().position(|h| h == w))
    };
    let id = match named("id", &cols.id)? {
        Some(i) => i,
        None => by_header(ID_HEADERS).ok_or_else(|| TableError::NoIdColumn(headers.clone()))?,
    };
    let subject = match named("subject", &cols.subject)? {
        Some(i) => Some(i),
        None => by_header(SUBJECT_HEADERS),
    };
    let category = named("category", &cols.category)?;
    let trigger = named("trigger", &cols.trigger)?;
    let pattern = named("pattern", &cols.pattern)?;
    let mut out: Vec<Ticket> = Vec::new();
    for (line, row) in table.rows {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(tid) = cell(Some(id)) else {
            continue;
        };
        if out.iter().any(|t| t.id == tid) {
            continue;
        }
        out.push(Ticket {
            line,
            id: tid,
            subject: cell(subject),
            category: cell(category),
            trigger: cell(trigger),
            pattern: cell(pattern),
        });
    }
    Ok((out, headers[id].clone()))
}

/// What one answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Category(&'static str),
    Skip,
    Quit,
}

/// Reads an answer or a prepared cell: `s`/`c`/`l`, the category names
/// (and the old `correct-but-late`), `skip` (or nothing), `quit`.
pub fn answer(text: &str) -> Option<Answer> {
    let t = text.trim().to_lowercase().replace([' ', '_'], "-");
    Some(match t.as_str() {
        "s" | "should" | "should-have-handled" | "shh" => Answer::Category("should-have-handled"),
        "c" | "correct" | "correctly-escalated" => Answer::Category("correctly-escalated"),
        "l" | "late" | "escalated-late" | "correct-but-late" => Answer::Category("escalated-late"),
        "" | "-" | "skip" | "k" => Answer::Skip,
        "q" | "quit" => Answer::Quit,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_header_or_by_name() {
        let csv = "Ticket ID,Subject,Triage,Channel\nZD-1,\"Refund, twice\",s,chat\n,no id,c,x\nZD-2,SSO,late,email\nZD-1,dup,c,chat\n";
        let (t, col) = tickets(
            csv,
            &Columns {
                category: Some("triage".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(col, "Ticket ID");
        assert_eq!(t.len(), 2, "rows without an id and repeats are left out");
        assert_eq!(t[0].subject.as_deref(), Some("Refund, twice"));
        assert_eq!((t[1].line, t[1].category.as_deref()), (4, Some("late")));
        // Helpdesk exports quote subjects with line breaks in them; a row's
        // line is where it starts.
        let multi = "\u{feff}id,subject\nZD-7,\"Refund\nthen \"\"chargeback\"\"\"\n\nZD-8,SSO\n";
        let (t, _) = tickets(multi, &Columns::default()).unwrap();
        assert_eq!(t[0].subject.as_deref(), Some("Refund\nthen \"chargeback\""));
        assert_eq!((t[1].id.as_str(), t[1].line), ("ZD-8", 5));
        assert!(matches!(
            tickets("subject,channel\na,b\n", &Columns::default()),
            Err(TableError::NoIdColumn(_))
        ));
        assert!(matches!(
            tickets(
                csv,
                &Columns {
                    category: Some("Category".into()),
                    ..Default::default()
                }
            ),
            Err(TableError::NoSuchColumn("category", _, _))
        ));
    }

    #[test]
    fn answers_take_a_letter_or_a_name() {
        assert_eq!(answer("S"), Some(Answer::Category("should-have-handled")));
        assert_eq!(
            answer("correct but late"),
            Some(Answer::Category("escalated-late"))
        );
        assert_eq!(answer(""), Some(Answer::Skip));
        assert_eq!(answer("q"), Some(Answer::Quit));
        assert_eq!(answer("maybe"), None);
    }
}
