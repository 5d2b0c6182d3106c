//! The front matter casebook writes, read without the general TOML parser.
//!
//! Entries written by casebook hold one `key = value` per line: strings
//! without escapes, one-line arrays of such strings, integers, booleans and
//! dates. Reading them through `toml` (lexer, parser, serde) was most of the
//! time a rebuild spent outside tantivy. This reads exactly that subset and
//! gives up, returning `None`, on anything else, which then goes to `toml`:
//! escapes, comments, tables, dotted or quoted keys, floats, repeated keys,
//! anything malformed. Where it answers, it answers as `toml` does (a test
//! compares them on generated and hand-written front matter).

use toml::value::Datetime;
use toml::{Table, Value};

/// The table `toml::from_str` would make of `front`, if `front` is in the
/// simple subset.
pub fn parse(front: &str) -> Option<Table> {
    let mut table = Table::new();
    for line in front.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim_end_matches([' ', '\t']);
        if key.is_empty() || !key.bytes().all(is_bare_key_byte) {
            return None;
        }
        let value = value.trim_start_matches([' ', '\t']);
        if table.insert(key.to_string(), value_of(value)?).is_some() {
            return None;
        }
    }
    Some(table)
}

fn is_bare_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// One whole value, or `None` if it is not in the subset.
fn value_of(text: &str) -> Option<Value> {
    match text.as_bytes().first()? {
        b'"' => {
            let (s, rest) = string(text)?;
            rest.is_empty().then(|| Value::String(s.to_string()))
        }
        b'[' => array(&text[1..]).map(Value::Array),
        b't' if text == "true" => Some(Value::Boolean(true)),
        b'f' if text == "false" => Some(Value::Boolean(false)),
        b'0'..=b'9' if text.len() >= 10 && text.as_bytes()[4] == b'-' => {
            text.parse::<Datetime>().ok().map(Value::Datetime)
        }
        b'-' | b'0'..=b'9' => integer(text).map(Value::Integer),
        _ => None,
    }
}

/// A basic string without escapes at the start of `text`, and what follows.
fn string(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix('"')?;
    let end = body.find('"')?;
    let s = &body[..end];
    // Escapes, and characters TOML forbids in a string, are `toml`'s.
    if s.bytes()
        .any(|b| b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f)
    {
        return None;
    }
    Some((s, &body[end + 1..]))
}

/// `"a", "b"]`: the rest of a one-line array of strings.
fn array(mut text: &str) -> Option<Vec<Value>> {
    let mut items = Vec::new();
    loop {
        text = text.trim_start_matches([' ', '\t']);
        if let Some(rest) = text.strip_prefix(']') {
            return rest.is_empty().then_some(items);
        }
        let (s, rest) = string(text)?;
        items.push(Value::String(s.to_string()));
        text = rest.trim_start_matches([' ', '\t']);
        // A comma after each item, the last one's optional.
        match text.strip_prefix(',') {
            Some(rest) => text = rest,
            None if text.starts_with(']') => {}
            None => return None,
        }
    }
}

/// A decimal integer as TOML writes it without underscores or a sign `+`:
/// no leading zeros.
fn integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = digits.bytes().all(|b| b.is_ascii_digit());
    if digits.is_empty() || !plain || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn general(front: &str) -> Option<Table> {
        toml::from_str(front).ok()
    }

    #[test]
    fn what_casebook_writes_reads_as_toml_reads_it() {
        let front = "id = \"rlzmwoyyousn\"\r\nkind = \"qa\"\ntitle = \"QA sample: café, 'quotes' & [brackets]\"\n\
                     created = 2023-03-30T16:37:00+00:00\nday = 2023-03-30\n\
                     skills = [\"quality-sampling-judgment\"]\ntags = [ \"a\" , \"b\", ]\nnone = []\n\
                     \n  accuracy =  3\ncritical_fail = false\nflagged = true\nbelow = -12\nzero = 0\n";
        let simple = parse(front).expect("in the subset");
        assert_eq!(Some(simple), general(front));
    }

    #[test]
    fn anything_else_is_left_to_toml() {
        for front in [
            "a = \"esc\\\"aped\"",
            "a = \"x\" # comment",
            "# comment\na = 1",
            "[table]\na = 1",
            "a.b = 1",
            "\"quoted\" = 1",
            "a = 1.5",
            "a = 1_000",
            "a = +1",
            "a = 012",
            "a = 1\na = 2",
            "a = \"\"\"multi\"\"\"",
            "a = 'literal'",
            "a = [1, 2]",
            "a = [\"x\"] extra",
            "a = [\n\"x\"]",
            "a = {b = 1}",
            "a = 99999999999999999999",
            "a = 2023-13-45",
            "a = tru",
            "a",
            "= 1",
            "a = \"tab\tok\u{1}\"",
        ] {
            assert_eq!(parse(front), None, "{front:?}");
        }
    }

    proptest! {
        #[test]
        fn where_it_answers_it_agrees_with_toml(
            lines in proptest::collection::vec(
                ("[a-z_][a-z0-9_-]{0,8}", prop_oneof![
                    "\"[^\"\\\\\\x00-\\x1f]{0,20}\"",
                    "\\[( ?\"[a-z ]{0,6}\" ?,?){0,3}\\]",
                    "-?[0-9]{1,20}",
                    "(true|false|tru|1\\.5)",
                    "20[0-9]{2}-[01][0-9]-[0-3][0-9](T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](Z|[+-][01][0-9]:00)?)?",
                ], "[ \\t]{0,2}"),
                0..8,
            )
        ) {
            let front: String = lines
                .iter()
                .map(|(k, v, pad)| format!("{k}{pad}={pad}{v}{pad}\n"))
                .collect();
            if let Some(simple) = parse(&front) {
                prop_assert_eq!(Some(simple), general(&front), "{:?}", front);
            }
        }
    }
}
