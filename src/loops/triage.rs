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

/// What may trigger an escalation.
pub const TRIGGERS: &[&str] = &[
    "complexity",
    "sentiment",
    "rule",
    "stakes",
    "customer-asked",
];

/// The categories, in the order summaries give them.
pub const CATEGORIES: [&str; 3] = [
    "should-have-handled",
    "correctly-escalated",
    "escalated-late",
];

/// A trigger as written in an entry: lower case, words joined by dashes.
pub fn norm_trigger(t: &str) -> String {
    t.trim().to_lowercase().replace([' ', '_'], "-")
}

/// The tickets of an export file named `name`, as `tickets` reads them,
/// with the export's problems as errors that name it.
pub fn read_tickets(
    text: &str,
    cols: &Columns,
    name: &str,
) -> crate::Result<(Vec<Ticket>, String)> {
    tickets(text, cols).map_err(|e| match e {
        TableError::NotCsv => crate::Error::invalid(format!(
            "{name} is not a CSV export: its first line has no header with commas, semicolons or tabs"
        )),
        TableError::NoIdColumn(headers) => {
            crate::Error::invalid(format!("{name} has no ticket id column")).with_hint(format!(
                "its columns are {}; name one with --id-column or [triage] id_column in casebook.toml",
                headers.join(", ")
            ))
        }
        TableError::NoSuchColumn(which, col, headers) => crate::Error::invalid(format!(
            "--{which}-column: {name} has no column '{col}' (columns: {})",
            headers.join(", ")
        )),
    })
}

/// Tickets not triaged yet, and those that already have an escalation
/// entry (`done` holds their case ids; case is ignored): an export may
/// overlap last month's.
pub fn not_triaged(all: Vec<Ticket>, done: &[&str]) -> (Vec<Ticket>, Vec<Ticket>) {
    let done: std::collections::HashSet<String> = done.iter().map(|c| c.to_lowercase()).collect();
    all.into_iter()
        .partition(|t| !done.contains(&t.id.to_lowercase()))
}

/// Every trigger of the tickets is a known one: checked before anyone
/// answers a single question.
pub fn check_triggers(todo: &[Ticket], name: &str) -> crate::Result<()> {
    for t in todo {
        if let Some(tr) = &t.trigger
            && !TRIGGERS.contains(&norm_trigger(tr).as_str())
        {
            return Err(crate::Error::invalid(format!(
                "trigger '{tr}' is not one of {}",
                TRIGGERS.join(", ")
            ))
            .at(crate::error::Location::file(name).line(t.line)));
        }
    }
    Ok(())
}

/// A prepared category cell's answer; quitting is not an answer a cell gives.
pub fn prepared(t: &Ticket, name: &str) -> crate::Result<Answer> {
    let cell = t.category.as_deref().unwrap_or("");
    match answer(cell) {
        Some(Answer::Quit) | None => Err(crate::Error::invalid(format!(
            "category '{cell}' is not s, c, l (should-have-handled, correctly-escalated, escalated-late) or empty"
        ))
        .at(crate::error::Location::file(name).line(t.line))),
        Some(a) => Ok(a),
    }
}

/// The escalation entry one categorised ticket becomes.
pub fn entry_of(
    t: &Ticket,
    category: &str,
    person: &str,
    created: chrono::DateTime<chrono::FixedOffset>,
    file_name: &str,
) -> crate::entry::Entry {
    use crate::entry::{Entry, Kind, one_line, truncate_chars};
    let title = t
        .subject
        .as_deref()
        .map(|s| truncate_chars(&one_line(s), 72))
        .unwrap_or_else(|| format!("Escalation {}", t.id));
    let mut e = Entry::new(Kind::Escalation, &title, person, created);
    e.case = Some(t.id.clone());
    let mut set = |k: &str, v: &str| {
        e.fields
            .insert(k.into(), toml::Value::String(v.to_string()));
    };
    set("category", category);
    if let Some(tr) = &t.trigger {
        set("trigger", &norm_trigger(tr));
    }
    if let Some(p) = &t.pattern {
        set("pattern", &p.trim().to_lowercase());
    }
    e.body = format!("Triaged from {file_name} (line {}).", t.line);
    e
}

/// What a triage did, for its summary and JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub triaged: usize,
    pub skipped: usize,
    pub already: usize,
    /// Triaged tickets per category, in `CATEGORIES` order.
    pub split: [usize; 3],
}

impl Summary {
    pub fn count(&mut self, category: &str) {
        if let Some(i) = CATEGORIES.iter().position(|c| *c == category) {
            self.split[i] += 1;
        }
        self.triaged += 1;
    }
}

/// One entry a triage writes, as its output lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Written {
    pub id: String,
    pub path: String,
    pub case: String,
    pub category: String,
}

impl Written {
    pub fn of(e: &crate::entry::Entry) -> Written {
        Written {
            id: e.id.to_string(),
            path: crate::journal::entry_path(e),
            case: e.case.clone().unwrap_or_default(),
            category: e.field_str("category").unwrap_or("").to_string(),
        }
    }
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

    #[test]
    fn triggers_are_checked_and_tickets_become_entries() {
        let csv = "id,subject,trigger,pattern\nZD-1,Refund,Customer asked,Billing \nZD-2,SSO,gut feeling,\n";
        let cols = Columns {
            trigger: Some("trigger".into()),
            pattern: Some("pattern".into()),
            ..Default::default()
        };
        let (all, _) = read_tickets(csv, &cols, "x.csv").unwrap();
        let (todo, already) = not_triaged(all, &["zd-2"]);
        assert_eq!((todo.len(), already.len()), (1, 1));
        assert!(check_triggers(&todo, "x.csv").is_ok());
        let (all, _) = read_tickets(csv, &cols, "x.csv").unwrap();
        let err = check_triggers(&all, "x.csv").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.csv:3: trigger 'gut feeling'"),
            "{err}"
        );
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00+00:00").unwrap();
        let e = entry_of(&todo[0], "escalated-late", "ana-lima", at, "x.csv");
        assert_eq!(e.field_str("trigger"), Some("customer-asked"));
        assert_eq!(e.field_str("pattern"), Some("billing"));
        assert_eq!(e.body, "Triaged from x.csv (line 2).");
        let mut s = Summary::default();
        s.count("escalated-late");
        assert_eq!((s.triaged, s.split), (1, [0, 0, 1]));
    }
}
