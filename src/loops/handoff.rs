//! Hand-offs: the receiver's feedback (every answer kept), the report per
//! function, and what receivers ask for most, which is what that
//! function's template needs.

use crate::entry::Entry;
use crate::review::NamedCount;
use crate::review::figures::{HandoffFigures, handoffs};

/// Items requested per function, at most this many shown.
pub const TOP: usize = 5;

/// Adds what a receiver wished had been included; several receivers may
/// answer, so every answer is kept. Returns the commit message.
pub fn add_feedback(e: &mut Entry, said: &str) -> String {
    let all = match e.field_str("feedback") {
        Some(old) => format!("{old}; {said}"),
        None => said.to_string(),
    };
    e.fields.insert("feedback".into(), toml::Value::String(all));
    format!("handoff feedback: {}", crate::entry::one_line(&e.title))
}

/// One function's hand-offs and what its receivers asked for.
#[derive(Debug, Clone)]
pub struct FunctionRow {
    pub function: String,
    pub n: usize,
    pub with_feedback: usize,
    /// Most requested first, at most `TOP`.
    pub requested: Vec<NamedCount>,
}

#[derive(Debug, Clone)]
pub struct HandoffReport {
    pub figures: HandoffFigures,
    pub by_function: Vec<FunctionRow>,
    /// Over every function, at most `2 * TOP`.
    pub requested: Vec<NamedCount>,
}

pub fn report(entries: &[&Entry]) -> HandoffReport {
    let figures = handoffs(entries);
    let requested_of = |function: Option<&str>, n: usize| {
        let mut v = super::requested_items(
            entries
                .iter()
                .filter(|e| {
                    function.is_none_or(|x| e.field_str("function").unwrap_or("other") == x)
                })
                .filter_map(|e| e.field_str("feedback")),
        );
        v.truncate(n);
        v
    };
    HandoffReport {
        by_function: figures
            .by_function
            .iter()
            .map(|x| FunctionRow {
                function: x.function.clone(),
                n: x.n,
                with_feedback: x.with_feedback,
                requested: requested_of(Some(&x.function), TOP),
            })
            .collect(),
        requested: requested_of(None, 2 * TOP),
        figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    #[test]
    fn feedback_accumulates_and_requests_count_per_function() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00+00:00").unwrap();
        let mut a = Entry::new(Kind::Handoff, "To eng", "ana-lima", at);
        a.fields
            .insert("function".into(), toml::Value::String("engineering".into()));
        assert_eq!(
            add_feedback(&mut a, "the HAR file"),
            "handoff feedback: To eng"
        );
        add_feedback(&mut a, "the account id");
        assert_eq!(
            a.field_str("feedback"),
            Some("the HAR file; the account id")
        );
        let b = Entry::new(Kind::Handoff, "To billing", "ana-lima", at);
        let r = report(&[&a, &b]);
        assert_eq!(r.figures.total, 2);
        let eng = r
            .by_function
            .iter()
            .find(|f| f.function == "engineering")
            .unwrap();
        assert!(!eng.requested.is_empty());
        let other = r
            .by_function
            .iter()
            .find(|f| f.function == "other")
            .unwrap();
        assert!(other.requested.is_empty());
    }
}
