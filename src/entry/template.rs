//! Telling an entry that says nothing from one that does: an entry whose
//! body is still the kind's untouched template (saved after quitting the
//! editor without writing) or is empty, and whose fields are all still as
//! the template leaves them. Such an entry is kept in the journal, but it is
//! evidence of nothing, so reports and the evidence pack leave it out.
//!
//! Pure text in, a verdict out; the caller reads the template (the journal's
//! `templates/<kind>.md`) and the entry's body from disk.

use super::{Entry, plain_text, split_front_matter};

/// True when `entry` holds nothing beyond `template`: its body reads as the
/// template's body does once headings and guidance comments are dropped
/// (empty, for the built-in templates), and every kind field is unset or
/// equal to the template's default. `template` is the kind's template text
/// with its `+++` front matter; an empty string stands for "no template".
///
/// The body must be the one read from the file: an entry from the index
/// carries none, and would look empty.
pub fn is_template_only(entry: &Entry, template: &str) -> bool {
    let (defaults, template_body) = template_parts(template);
    fields_untouched(entry, &defaults) && {
        let words = plain_text(&entry.body);
        words.is_empty() || words == plain_text(template_body)
    }
}

/// The first half of `is_template_only`, which needs no body: true when
/// every kind field is unset or the template's default. Only entries that
/// pass it need their body read to be judged.
pub fn has_template_fields(entry: &Entry, template: &str) -> bool {
    fields_untouched(entry, &template_parts(template).0)
}

fn template_parts(template: &str) -> (toml::Table, &str) {
    match split_front_matter(template) {
        Ok(split) => (
            split.front.parse::<toml::Table>().unwrap_or_default(),
            split.body,
        ),
        Err(_) => (toml::Table::new(), template),
    }
}

fn fields_untouched(entry: &Entry, defaults: &toml::Table) -> bool {
    entry.fields.iter().all(|(k, v)| {
        let unset = match v {
            toml::Value::String(s) => s.trim().is_empty(),
            toml::Value::Array(a) => a.is_empty(),
            _ => false,
        };
        unset || defaults.get(k) == Some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;
    use chrono::DateTime;

    const DIAGNOSIS: &str = "+++\n# How sure?\nprediction = \"\"\nconfidence = 50\nverdict = \"\"\n+++\n\n## What the customer reported\n<!-- The symptom as it reached you. -->\n\n## Next time\n<!-- A miss is the most useful entry. -->\n";

    fn entry(body: &str, fields: &[(&str, toml::Value)]) -> Entry {
        let at = DateTime::parse_from_rfc3339("2026-02-01T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Diagnosis, "Refund loop", "ana-lima", at);
        e.body = body.into();
        for (k, v) in fields {
            e.fields.insert(k.to_string(), v.clone());
        }
        e
    }

    #[test]
    fn an_untouched_template_or_an_empty_body_says_nothing() {
        let body = split_front_matter(DIAGNOSIS).unwrap().body;
        assert!(is_template_only(&entry(body, &[]), DIAGNOSIS));
        assert!(is_template_only(
            &entry("## What the customer reported\n\n## Next time\n", &[]),
            DIAGNOSIS
        ));
        assert!(is_template_only(&entry("", &[]), DIAGNOSIS));
        assert!(is_template_only(
            &entry(body, &[("confidence", toml::Value::Integer(50))]),
            DIAGNOSIS
        ));
        assert!(is_template_only(&entry("  \n", &[]), ""), "no template");
    }

    #[test]
    fn a_word_or_a_field_of_ones_own_is_something() {
        let body = split_front_matter(DIAGNOSIS).unwrap().body;
        assert!(!is_template_only(
            &entry(&format!("{body}\nProxy strips the header."), &[]),
            DIAGNOSIS
        ));
        let predicted = entry(body, &[("prediction", toml::Value::String("cert".into()))]);
        assert!(!is_template_only(&predicted, DIAGNOSIS));
        assert!(!has_template_fields(&predicted, DIAGNOSIS));
        let sure = entry(body, &[("confidence", toml::Value::Integer(80))]);
        assert!(!is_template_only(&sure, DIAGNOSIS));
        assert!(has_template_fields(&entry("anything", &[]), DIAGNOSIS));
    }
}
