//! Entry filters, as the FILTERS flags and `field:value` query terms give
//! them. The same flag repeated means OR, different flags mean AND.
//!
//! `Filter::matches` is the reference meaning; the index turns the same
//! filter into a tantivy query, and tests hold the two to the same answers.

use crate::entry::{Entry, FieldType, Kind};
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

/// The fields every entry has that a filter may name.
const COMMON_FIELDS: &[&str] = &[
    "kind", "skill", "tag", "product", "person", "case", "tier", "id", "private", "link",
];

/// Every field name a filter may use: the common ones, then each kind's own.
pub fn field_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = COMMON_FIELDS.to_vec();
    for kind in Kind::ALL {
        for spec in kind.fields() {
            if !names.contains(&spec.name) {
                names.push(spec.name);
            }
        }
    }
    names
}

/// Whether `name` (in any spelling `canonical_field` accepts) is a field.
pub fn is_field(name: &str) -> bool {
    let name = canonical_field(name);
    COMMON_FIELDS.contains(&name.as_str()) || Kind::ALL.iter().any(|k| k.field(&name).is_some())
}

/// The message for a field name that does not exist, naming those that do:
/// the nearest when one is close, the fields every entry has, and where
/// each kind's own are listed (there are over a hundred).
pub fn unknown_field(name: &str) -> String {
    let lower = name.to_lowercase();
    let near = field_names()
        .into_iter()
        .map(|n| (edit_distance(n, &lower), n))
        .filter(|(d, _)| *d <= 2)
        .min();
    let guess = near
        .map(|(_, n)| format!("did you mean '{n}'? "))
        .unwrap_or_default();
    format!(
        "unknown field '{name}': {guess}fields are {} and each kind's own \
         (`casebook help kinds` lists them, e.g. verdict, category, status); \
         to search for the text, put it in quotes (\"{name}:...\")",
        COMMON_FIELDS.join(", ")
    )
}

/// Checks `value` against a closed vocabulary (kinds, a kind's choices such
/// as `verdict`, `private`), giving back the value as indexed (`kind:
/// post-mortem` is `postmortem`); open fields take any value.
pub fn check_value(field: &str, value: &str) -> Result<String, String> {
    let field = canonical_field(field);
    let value = value.trim().to_lowercase();
    if field == "kind" {
        return value
            .parse::<Kind>()
            .map(|k| k.as_str().to_string())
            .map_err(|e| e.to_string());
    }
    if field == "private" {
        return match value.as_str() {
            "true" | "yes" => Ok("true".into()),
            "false" | "no" => Ok("false".into()),
            _ => Err(format!("private:{value}: choose true or false")),
        };
    }
    // A field several kinds share is closed only if every kind closes it.
    let mut choices: Vec<&str> = Vec::new();
    for kind in Kind::ALL {
        match kind.field(&field).map(|s| &s.ty) {
            None => {}
            Some(FieldType::Enum(values)) => {
                if values.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
                    return Ok(value);
                }
                for v in *values {
                    if !choices.contains(v) {
                        choices.push(v);
                    }
                }
            }
            Some(_) => return Ok(value),
        }
    }
    if choices.is_empty() {
        return Ok(value);
    }
    Err(format!(
        "unknown {field} '{value}' ({field}: {})",
        choices.join(", ")
    ))
}

/// Levenshtein distance, for suggesting a field name.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
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
    fn field_names_and_closed_values_are_checked() {
        assert!(is_field("verdict") && is_field("tags") && is_field("category"));
        assert!(!is_field("verdikt"));
        let msg = unknown_field("verdikt");
        assert!(msg.contains("did you mean 'verdict'"), "{msg}");
        assert!(msg.contains("kind, skill, tag"), "{msg}");
        assert_eq!(check_value("verdict", "Hit"), Ok("hit".into()));
        let e = check_value("verdict", "partail").unwrap_err();
        assert!(e.contains("hit, partial, miss"), "{e}");
        assert!(
            check_value("kind", "postmortm")
                .unwrap_err()
                .contains("postmortem")
        );
        assert_eq!(check_value("kind", "post-mortem"), Ok("postmortem".into()));
        assert_eq!(
            check_value("tag", "Anything-At-All"),
            Ok("anything-at-all".into())
        );
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
