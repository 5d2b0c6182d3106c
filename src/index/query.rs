//! The search language: free words, `"phrases"`, `+required`, `prefix*`,
//! `-excluded` or `NOT excluded`, field filters (`kind:escalation`,
//! `tag:billing`) and dates (`created:>2026-01-01`, `created:2026-Q3`).
//!
//! Free words rank (BM25: rare words count most) and at least one of them
//! must match; only what the user marks must match: phrases, `+word` and
//! filters. Parsing never fails: anything a user might paste is either
//! understood or kept as plain words, and problems (a bad date, a field name
//! or value that does not exist) come back as messages.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPart {
    Word(String),
    Prefix(String),
    Phrase(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    /// Free words and prefixes (ranked, at least one must match unless
    /// something is required) and phrases (each must match).
    pub text: Vec<TextPart>,
    /// `+word`: must match.
    pub required: Vec<TextPart>,
    pub excluded: Vec<TextPart>,
    /// `(field, value)` pairs; each one must hold (AND).
    pub fields: Vec<(String, String)>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Parts that could not be understood, each one sentence.
    pub errors: Vec<String>,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.required.is_empty()
            && self.excluded.is_empty()
            && self.fields.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }
}

/// Field names a query may filter on.
pub fn is_filter_field(name: &str) -> bool {
    crate::filter::is_field(name)
}

/// Could `name` in `name:value` be meant as a field? Lower-case ASCII
/// letters (and `-`, `_`): `Error:timeout` and `http://x` stay text.
fn looks_like_field(name: &str, value: &str) -> bool {
    name.len() >= 2
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
        && !value.starts_with('/')
}

pub fn parse(input: &str, today: NaiveDate) -> ParsedQuery {
    let mut q = ParsedQuery::default();
    let mut negate_next = false;
    for raw in split_tokens(input) {
        let (negated, token) = match raw.strip_prefix('-') {
            Some(rest) if !rest.is_empty() && !raw.starts_with("--") => (true, rest.to_string()),
            _ => (false, raw.clone()),
        };
        if token == "NOT" && !negated {
            negate_next = true;
            continue;
        }
        if token == "AND" || token == "OR" {
            continue; // ranking already favours entries that match more words
        }
        let negated = negated || std::mem::take(&mut negate_next);
        if let Some((field, value)) = token.split_once(':')
            && !value.is_empty()
        {
            let field_l = field.to_lowercase();
            if matches!(field_l.as_str(), "created" | "date") {
                apply_date(&mut q, value, today);
                continue;
            }
            if is_filter_field(&field_l) && !negated {
                let field = crate::filter::canonical_field(&field_l);
                let value = unquote(value).to_lowercase();
                match crate::filter::check_value(&field, &value) {
                    Ok(value) => q.fields.push((field, value)),
                    Err(e) => q.errors.push(e),
                }
                continue;
            }
            if !negated && looks_like_field(field, unquote(value)) {
                q.errors.push(crate::filter::unknown_field(field));
                continue;
            }
        }
        let (required, token) = match token.strip_prefix('+') {
            Some(rest) if !rest.is_empty() && !negated => (true, rest.to_string()),
            _ => (false, token),
        };
        let part = if token.starts_with('"') {
            TextPart::Phrase(unquote(&token).to_string())
        } else if let Some(stem) = token
            .strip_suffix('*')
            .filter(|s| !s.is_empty() && !s.contains('*'))
        {
            TextPart::Prefix(stem.to_lowercase())
        } else {
            TextPart::Word(token.trim_matches('*').to_string())
        };
        let empty = match &part {
            TextPart::Word(w) | TextPart::Prefix(w) | TextPart::Phrase(w) => {
                !w.chars().any(char::is_alphanumeric)
            }
        };
        if empty {
            continue;
        }
        if negated {
            q.excluded.push(part)
        } else if required && !matches!(part, TextPart::Phrase(_)) {
            q.required.push(part)
        } else {
            q.text.push(part)
        }
    }
    q
}

fn unquote(s: &str) -> &str {
    s.trim_matches('"')
}

fn apply_date(q: &mut ParsedQuery, value: &str, today: NaiveDate) {
    let (op, rest) = ["<=", ">=", "<", ">", "="]
        .iter()
        .find_map(|op| value.strip_prefix(op).map(|r| (*op, r)))
        .unwrap_or(("=", value));
    let period = match crate::dates::parse_period(rest, today) {
        Ok(p) => p,
        Err(e) => {
            q.errors.push(e.to_string());
            return;
        }
    };
    let (since, until) = match op {
        ">" => (period.end.succ_opt(), None),
        ">=" => (Some(period.start), None),
        "<" => (None, period.start.pred_opt()),
        "<=" => (None, Some(period.end)),
        _ => (Some(period.start), Some(period.end)),
    };
    if let Some(s) = since {
        q.since = Some(q.since.map_or(s, |old| old.max(s)));
    }
    if let Some(u) = until {
        q.until = Some(q.until.map_or(u, |old| old.min(u)));
    }
}

/// Splits on whitespace, keeping `"quoted phrases"` (also after `field:` or
/// `-`) together. An unclosed quote runs to the end of the input.
fn split_tokens(input: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in input.chars() {
        match c {
            '"' | '“' | '”' => {
                in_quote = !in_quote;
                current.push('"');
            }
            c if c.is_whitespace() && !in_quote => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c if c.is_control() => {}
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        let q = parse(r#"refund "double charge" stri* -paypal NOT sso"#, today());
        assert_eq!(
            q.text,
            vec![
                TextPart::Word("refund".into()),
                TextPart::Phrase("double charge".into()),
                TextPart::Prefix("stri".into()),
            ]
        );
        assert_eq!(
            q.excluded,
            vec![
                TextPart::Word("paypal".into()),
                TextPart::Word("sso".into())
            ]
        );
    }

    #[test]
    fn field_filters_and_dates() {
        let q = parse(
            "kind:escalation category:should-have-handled created:>2026-01-01 refund",
            today(),
        );
        assert_eq!(
            q.fields,
            vec![
                ("kind".into(), "escalation".into()),
                ("category".into(), "should-have-handled".into())
            ]
        );
        assert_eq!(q.since, NaiveDate::from_ymd_opt(2026, 1, 2));
        assert_eq!(q.text, vec![TextPart::Word("refund".into())]);
    }

    #[test]
    fn unknown_fields_are_just_text() {
        let q = parse(
            "Error: timeout http://x.io/a?b=c Error:timeout 10:30",
            today(),
        );
        assert!(q.fields.is_empty());
        assert!(q.errors.is_empty(), "{:?}", q.errors);
        assert_eq!(q.text.len(), 5);
    }

    #[test]
    fn a_misspelt_field_or_value_is_an_error_naming_the_valid_ones() {
        let q = parse("verdikt:miss refund", today());
        assert!(q.errors[0].contains("verdikt"), "{:?}", q.errors);
        assert!(q.errors[0].contains("verdict"), "{:?}", q.errors);
        let q = parse("kind:postmortm", today());
        assert!(q.errors[0].contains("postmortem"), "{:?}", q.errors);
        let q = parse("verdict:partail", today());
        assert!(q.errors[0].contains("partial"), "{:?}", q.errors);
        // Aliases and case are fine, and end up as the indexed value.
        let q = parse("kind:Postmortems verdict:MISS", today());
        assert!(q.errors.is_empty(), "{:?}", q.errors);
        assert_eq!(
            q.fields,
            vec![
                ("kind".into(), "postmortem".into()),
                ("verdict".into(), "miss".into())
            ]
        );
    }

    #[test]
    fn plus_marks_a_required_word() {
        let q = parse("refund +stripe +\"double charge\" a+b", today());
        assert_eq!(q.required, vec![TextPart::Word("stripe".into())]);
        assert_eq!(
            q.text,
            vec![
                TextPart::Word("refund".into()),
                TextPart::Phrase("double charge".into()),
                TextPart::Word("a+b".into()),
            ]
        );
    }

    #[test]
    fn hostile_input_never_panics() {
        for s in [
            "\"",
            "\"\"",
            "-",
            "--",
            "*",
            "a:b:c",
            "created:>",
            "created:nope",
            "(((",
            "[a TO b]",
            "🙂",
            "\u{0}x",
            "NOT",
            "-\"x y\"",
        ] {
            let _ = parse(s, today());
        }
        assert_eq!(parse("created:nope", today()).errors.len(), 1);
    }
}
