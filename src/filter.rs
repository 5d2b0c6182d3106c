//! Entry filters, as the FILTERS flags and `field:value` query terms give
//! them. The same flag repeated means OR, different flags mean AND.
//!
//! `Filter::matches` is the reference meaning; the index turns the same
//! filter into a tantivy query, and tests hold the two to the same answers.

use crate::entry::Entry;
use chrono::NaiveDate;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// `(field, accepted values)`: the entry must carry one of the values
    /// for every field listed. Field names as in `Entry::values_of`.
    pub fields: Vec<(String, Vec<String>)>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub include_private: bool,
    pub include_drafts: bool,
}

impl Filter {
    /// Adds `field = value` as an alternative to any value already required
    /// for that field (repeated flags mean OR).
    pub fn require(&mut self, field: &str, value: &str) {
        let field = canonical_field(field);
        let value = value.trim().to_lowercase();
        match self.fields.iter_mut().find(|(f, _)| *f == field) {
            Some((_, values)) => values.push(value),
            None => self.fields.push((field, vec![value])),
        }
    }

    /// Requires a field as a separate condition (AND), as query terms do.
    pub fn require_all(&mut self, field: &str, value: &str) {
        self.fields
            .push((canonical_field(field), vec![value.trim().to_lowercase()]));
    }

    pub fn wants_kind(&self, kind: &str) -> bool {
        self.fields
            .iter()
            .any(|(f, vs)| f == "kind" && vs.iter().any(|v| v == kind))
    }

    pub fn matches(&self, entry: &Entry) -> bool {
        if entry.private && !self.include_private {
            return false;
        }
        if entry.kind == crate::entry::Kind::Draft
            && !self.include_drafts
            && !self.wants_kind("draft")
        {
            return false;
        }
        let day = entry.created.date_naive();
        if self.since.is_some_and(|s| day < s) || self.until.is_some_and(|u| day > u) {
            return false;
        }
        self.fields.iter().all(|(field, values)| {
            let have = entry.values_of(field);
            have.iter()
                .any(|h| values.iter().any(|v| h.to_lowercase() == *v))
        })
    }
}

/// Singular field names, so `tag:`, `tags:` and `--tag` mean the same.
pub fn canonical_field(field: &str) -> String {
    match field.trim().to_lowercase().as_str() {
        "skills" => "skill".into(),
        "tags" => "tag".into(),
        "products" => "product".into(),
        "links" => "link".into(),
        "kinds" => "kind".into(),
        "people" => "person".into(),
        other => other.replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::{Entry, Kind};
    use chrono::DateTime;

    fn entry() -> Entry {
        let created = DateTime::parse_from_rfc3339("2026-03-04T10:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Escalation, "Refund", "ana-lima", created);
        e.tags = vec!["Billing".into()];
        e.fields.insert(
            "category".into(),
            toml::Value::String("should-have-handled".into()),
        );
        e
    }

    #[test]
    fn repeated_flags_are_or_and_different_flags_are_and() {
        let mut f = Filter::default();
        f.require("kind", "diagnosis");
        f.require("kind", "escalation");
        assert!(f.matches(&entry()));
        f.require("tag", "billing");
        assert!(f.matches(&entry()), "tags compare case-insensitively");
        f.require("category", "correctly-escalated");
        assert!(!f.matches(&entry()));
    }

    #[test]
    fn dates_are_inclusive() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let f = Filter {
            since: Some(day),
            until: Some(day),
            ..Filter::default()
        };
        assert!(f.matches(&entry()));
        let f = Filter {
            since: day.succ_opt(),
            ..Filter::default()
        };
        assert!(!f.matches(&entry()));
    }

    #[test]
    fn private_entries_need_asking_for() {
        let mut e = entry();
        e.private = true;
        assert!(!Filter::default().matches(&e));
        assert!(
            Filter {
                include_private: true,
                ..Filter::default()
            }
            .matches(&e)
        );
    }
}
