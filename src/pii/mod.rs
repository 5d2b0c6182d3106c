//! The personal-data guard: finds customer data in text before it is
//! committed, because once a commit is synced every clone holds it.
//!
//! Each detector is a cheap regular expression for candidates followed by a
//! check that rejects what only looks alike (Luhn for cards, mod-97 and the
//! country's length for IBANs, the address grammar for IPs, a phone's shape
//! and the words before it for phones, entropy and placeholders for
//! secrets). False positives are the enemy of a guard people keep switched
//! on: ticket references, dates, times, versions, order ids and
//! placeholders must pass. `numbers` holds the numeric detectors,
//! `secrets` the keys and passwords; the figures on third-party labelled
//! data are in the README (`examples/guard_figures.rs` prints them).

mod numbers;
mod secrets;

use regex::{Regex, RegexBuilder};
use std::sync::LazyLock;

/// What kind of personal data a find is; its name is the redaction label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PiiKind {
    Email,
    Phone,
    Card,
    Iban,
    Ip,
    Secret,
    Name,
    Pattern,
}

impl PiiKind {
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::Email => "email",
            PiiKind::Phone => "phone",
            PiiKind::Card => "card",
            PiiKind::Iban => "iban",
            PiiKind::Ip => "ip",
            PiiKind::Secret => "secret",
            PiiKind::Name => "name",
            PiiKind::Pattern => "pattern",
        }
    }

    /// A description for messages: "an email address".
    pub fn describe(self) -> &'static str {
        match self {
            PiiKind::Email => "an email address",
            PiiKind::Phone => "a phone number",
            PiiKind::Card => "a payment card number",
            PiiKind::Iban => "an IBAN",
            PiiKind::Ip => "an IP address",
            PiiKind::Secret => "an API key or secret",
            PiiKind::Name => "a listed customer name",
            PiiKind::Pattern => "text matching a team pattern",
        }
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub kind: PiiKind,
    /// Byte range in the scanned text.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    pub text: String,
}

impl Find {
    /// The find with most of it hidden, safe to print on a shared screen.
    pub fn masked(&self) -> String {
        mask(&self.text, self.kind)
    }
}

/// The team's rules from `casebook.toml` `[pii]`, compiled.
#[derive(Debug, Default)]
pub struct Guard {
    allow_domains: Vec<String>,
    names: Option<Regex>,
    patterns: Vec<Regex>,
}

/// A rule in `casebook.toml` that does not compile.
#[derive(Debug, thiserror::Error)]
#[error(
    "casebook.toml [pii] extra_patterns: {pattern:?} is not a valid regular expression: {reason}"
)]
pub struct BadPattern {
    pub pattern: String,
    pub reason: String,
}

impl Guard {
    pub fn new(
        allow_domains: &[String],
        deny_names: &[String],
        extra_patterns: &[String],
    ) -> Result<Guard, BadPattern> {
        let names: Vec<String> = deny_names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .map(|n| regex::escape(n).replace(r"\ ", r"\s+").replace(' ', r"\s+"))
            .collect();
        let names = (!names.is_empty()).then(|| {
            RegexBuilder::new(&format!(r"(?i)\b(?:{})\b", names.join("|")))
                .build()
                .expect("escaped names always compile")
        });
        let patterns = extra_patterns
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                RegexBuilder::new(p)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| BadPattern {
                        pattern: p.clone(),
                        reason: e
                            .to_string()
                            .lines()
                            .last()
                            .unwrap_or("")
                            .trim()
                            .to_string(),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Guard {
            allow_domains: allow_domains
                .iter()
                .map(|d| d.trim().trim_start_matches('@').to_ascii_lowercase())
                .filter(|d| !d.is_empty())
                .collect(),
            names,
            patterns,
        })
    }

    /// Every find in `text`, in order, without overlaps (the first
    /// detector to claim a span keeps it).
    pub fn scan(&self, text: &str) -> Vec<Find> {
        let mut spans: Vec<(PiiKind, usize, usize)> = Vec::new();
        let mut found: Vec<(usize, usize)> = Vec::new();
        let push = |spans: &mut Vec<_>, found: &mut Vec<(usize, usize)>, kind| {
            spans.extend(found.drain(..).map(|(s, e)| (kind, s, e)));
        };
        // Secrets first: a key can contain digit runs or an `@`.
        secrets::find(text, &mut found);
        push(&mut spans, &mut found, PiiKind::Secret);
        // Most texts hold no address; finding that out is one memchr.
        if text.contains('@') {
            for m in EMAIL.find_iter(text) {
                let domain = m.as_str().rsplit('@').next().unwrap_or("");
                if !self.domain_allowed(domain) {
                    spans.push((PiiKind::Email, m.start(), m.end()));
                }
            }
        }
        if text.bytes().any(|b| b.is_ascii_digit()) {
            // IBAN-shaped text, valid or not, is never read as a phone.
            let mut shapes = Vec::new();
            numbers::ibans(text, &mut found, &mut shapes);
            push(&mut spans, &mut found, PiiKind::Iban);
            numbers::cards(text, &mut found);
            found.retain(|&(s, e)| !shapes.iter().any(|&(a, b)| s < b && a < e));
            push(&mut spans, &mut found, PiiKind::Card);
            numbers::ipv4s(text, &mut found);
            push(&mut spans, &mut found, PiiKind::Ip);
            if text.contains(':') {
                numbers::ipv6s(text, &mut found);
                push(&mut spans, &mut found, PiiKind::Ip);
            }
            numbers::phones(text, &shapes, &mut found);
            push(&mut spans, &mut found, PiiKind::Phone);
        } else if text.contains("::") {
            numbers::ipv6s(text, &mut found);
            push(&mut spans, &mut found, PiiKind::Ip);
        }
        if let Some(names) = &self.names {
            for m in names.find_iter(text) {
                spans.push((PiiKind::Name, m.start(), m.end()));
            }
        }
        for pattern in &self.patterns {
            for m in pattern.find_iter(text) {
                if m.start() < m.end() {
                    spans.push((PiiKind::Pattern, m.start(), m.end()));
                }
            }
        }
        // Stable by position; on overlap the earlier-pushed detector wins
        // because it is the more specific one.
        let mut claimed: Vec<(PiiKind, usize, usize)> = Vec::new();
        for span in spans {
            if !claimed.iter().any(|c| span.1 < c.2 && c.1 < span.2) {
                claimed.push(span);
            }
        }
        claimed.sort_by_key(|s| s.1);
        let mut finds = Vec::with_capacity(claimed.len());
        let mut line = 1;
        let mut line_start = 0;
        let mut cursor = 0;
        for (kind, start, end) in claimed {
            for (i, b) in text[cursor..start].bytes().enumerate() {
                if b == b'\n' {
                    line += 1;
                    line_start = cursor + i + 1;
                }
            }
            cursor = start;
            finds.push(Find {
                kind,
                start,
                end,
                line,
                column: text[line_start..start].chars().count() + 1,
                text: text[start..end].to_string(),
            });
        }
        finds
    }

    fn domain_allowed(&self, domain: &str) -> bool {
        let domain = domain.to_ascii_lowercase();
        // example.org and friends are reserved for documentation.
        let reserved = ["example.com", "example.org", "example.net"];
        reserved
            .iter()
            .map(|d| d.to_string())
            .chain(self.allow_domains.iter().cloned())
            .any(|allowed| {
                domain == allowed
                    || domain
                        .strip_suffix(allowed.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            })
    }
}

/// Replaces every find with its label in brackets: `[email]`, `[card]`.
pub fn redact(text: &str, finds: &[Find]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for f in finds {
        if f.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..f.start]);
        out.push('[');
        out.push_str(f.kind.label());
        out.push(']');
        cursor = f.end;
    }
    out.push_str(&text[cursor..]);
    out
}

fn mask(text: &str, kind: PiiKind) -> String {
    let chars: Vec<char> = text.chars().collect();
    match kind {
        PiiKind::Email => {
            let (user, domain) = text.split_once('@').unwrap_or((text, ""));
            let first: String = user.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        PiiKind::Card | PiiKind::Iban | PiiKind::Phone => {
            let digits: Vec<char> = chars
                .iter()
                .filter(|c| c.is_ascii_alphanumeric())
                .copied()
                .collect();
            let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
            format!("…{tail}")
        }
        PiiKind::Secret => {
            let head: String = chars.iter().take(4).collect();
            format!("{head}…")
        }
        PiiKind::Ip | PiiKind::Name | PiiKind::Pattern => {
            let head: String = chars.iter().take(2).collect();
            format!("{head}…")
        }
    }
}

/// The built-in patterns are ASCII, so their word boundaries are too: a
/// Unicode `\b` keeps the regex engine off its fast path, and scanning a
/// 100,000-entry import went from seconds to a fraction of that with ASCII.
fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("built-in pattern compiles")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b",
    )
});

/// A number glued to what precedes it (`ZD-4821`, `#4821`, `INC0012345`,
/// `v1.2`) is an identifier, not data.
fn glued_reference(text: &str, start: usize) -> bool {
    let mut rev = text[..start].chars().rev();
    match rev.next() {
        Some('#') | Some('/') | Some('_') | Some('=') | Some('.') => true,
        Some('-') => rev.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(c) => c.is_alphanumeric(),
        None => false,
    }
}

/// `ZD-4821`, `#4821`, `order 123…`: the number right after is an identifier.
fn reference_before(text: &str, start: usize) -> bool {
    if glued_reference(text, start) {
        return true;
    }
    let word = last_words(&text[..start], 1);
    word.first().is_some_and(|w| {
        [
            "order", "invoice", "ticket", "case", "ref", "no", "id", "build", "version", "v", "po",
            "tracking",
        ]
        .contains(&w.as_str())
    })
}

/// Is one of the last four words before a number (on its line) in `words`?
/// "your order with the number 00123842" is an order number.
fn context_is(before: &str, words: &[&str]) -> bool {
    last_words(before, 4)
        .iter()
        .any(|w| words.contains(&w.as_str()))
}

fn last_words(before: &str, n: usize) -> Vec<String> {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let mut cut = line.len().saturating_sub(60);
    while !line.is_char_boundary(cut) {
        cut += 1;
    }
    line[cut..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(|w| w.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, String)> {
        Guard::default()
            .scan(text)
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    fn found(text: &str, kind: PiiKind, what: &str) {
        let got = kinds(text);
        assert!(
            got.iter().any(|(k, t)| *k == kind && t == what),
            "expected {kind:?} {what:?} in {text:?}, got {got:?}"
        );
    }

    fn clean(text: &str) {
        let got = kinds(text);
        assert!(got.is_empty(), "expected nothing in {text:?}, got {got:?}");
    }

    #[test]
    fn finds_emails_but_not_allowed_domains() {
        found(
            "write to jane.doe+x@acme-corp.co.uk today",
            PiiKind::Email,
            "jane.doe+x@acme-corp.co.uk",
        );
        clean("see docs@example.com");
        let g = Guard::new(&["ourco.com".into()], &[], &[]).unwrap();
        assert!(g.scan("ping ana@ourco.com or ana@eu.ourco.com").is_empty());
        assert_eq!(g.scan("ana@notourco.com").len(), 1);
    }

    #[test]
    fn finds_phones_in_common_shapes() {
        found(
            "call +44 20 7946 0958 now",
            PiiKind::Phone,
            "+44 20 7946 0958",
        );
        found("call (555) 123-4567.", PiiKind::Phone, "(555) 123-4567");
        found("tel 555-123-4567", PiiKind::Phone, "555-123-4567");
        found("ring 06 12 34 56 78", PiiKind::Phone, "06 12 34 56 78");
        found("+4915112345678", PiiKind::Phone, "+4915112345678");
    }

    #[test]
    fn leaves_references_dates_versions_alone() {
        clean("ZD-4821 and SUP-12 and #48213344 and INC0012345");
        clean("on 2026-11-24 at 10:00:00, then 24.11.2026 and 2026/11/24");
        clean("upgraded to 4.12.1 from v1.2.3.4, build 2026.11.3");
        clean("order 123456789012 and order #4111111111111111");
        clean("ORD-2026-000123-77 shipped; invoice 2024-0042");
        clean("between 2026-01-01 and 2026-03-31; 12,500 users; $1,234.56");
        clean("ratio 3/4 of 1024 x 768 in 16:9; 99.95% uptime");
        clean("commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39");
        clean("timestamps 10:15:30 and 23:59");
    }

    #[test]
    fn finds_cards_only_when_luhn_valid() {
        found(
            "card 4111 1111 1111 1111 declined",
            PiiKind::Card,
            "4111 1111 1111 1111",
        );
        found("5500-0000-0000-0004", PiiKind::Card, "5500-0000-0000-0004");
        found("amex 378282246310005", PiiKind::Card, "378282246310005");
        clean("card 4111 1111 1111 1112 declined");
    }

    #[test]
    fn finds_ibans_with_valid_checksum() {
        found(
            "pay to GB82 WEST 1234 5698 7654 32 please",
            PiiKind::Iban,
            "GB82 WEST 1234 5698 7654 32",
        );
        found(
            "DE89370400440532013000",
            PiiKind::Iban,
            "DE89370400440532013000",
        );
        clean("GB00WEST12345698765432");
    }

    #[test]
    fn finds_ips() {
        found("from 203.0.113.77 at noon", PiiKind::Ip, "203.0.113.77");
        found(
            "client 2001:db8:85a3::8a2e:370:7334",
            PiiKind::Ip,
            "2001:db8:85a3::8a2e:370:7334",
        );
        clean("localhost 127.0.0.1 and 0.0.0.0 and 999.1.1.1");
    }

    #[test]
    fn finds_secrets() {
        found(
            "key sk_live_4eC39HqLyjWDarjtT1zdp7dc in the log",
            PiiKind::Secret,
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        );
        found(
            "AKIAQYLPMN5HFIQR7XQH",
            PiiKind::Secret,
            "AKIAQYLPMN5HFIQR7XQH",
        );
        // The value is the find, so redaction keeps the name.
        found(
            "password: hunter2hunter2",
            PiiKind::Secret,
            "hunter2hunter2",
        );
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAvSkRy0Tm3xFq8kN2e7pL1cGd9hZbW4sUoYjXn5QaVrKtHcM\n-----END RSA PRIVATE KEY-----";
        let finds = Guard::default().scan(pem);
        assert_eq!(finds.len(), 1, "{finds:?}");
        assert!(
            finds[0]
                .text
                .starts_with("-----BEGIN RSA PRIVATE KEY-----\nMIIE")
        );
        // A header with no key material is an example, and AWS's
        // documented key is not anyone's.
        clean("-----BEGIN RSA PRIVATE KEY-----");
        clean("AKIAIOSFODNN7EXAMPLE");
        clean("the password reset link expired");
    }

    #[test]
    fn names_and_extra_patterns_from_config() {
        let g = Guard::new(
            &[],
            &["Globex Corp".into(), "Hank Scorpio".into()],
            &[r"\bACCT-\d{6}\b".into()],
        )
        .unwrap();
        let finds = g.scan("Hank  Scorpio at globex corp, ACCT-123456");
        let got: Vec<_> = finds.iter().map(|f| (f.kind, f.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (PiiKind::Name, "Hank  Scorpio"),
                (PiiKind::Name, "globex corp"),
                (PiiKind::Pattern, "ACCT-123456")
            ]
        );
        assert!(Guard::new(&[], &[], &["(unclosed".into()]).is_err());
    }

    #[test]
    fn reports_lines_and_columns_and_redacts() {
        let text = "first line\nmail é bob@acme.io\ncard 4111-1111-1111-1111\n";
        let finds = Guard::default().scan(text);
        assert_eq!(finds.len(), 2);
        assert_eq!((finds[0].line, finds[0].column), (2, 8));
        assert_eq!((finds[1].line, finds[1].column), (3, 6));
        assert_eq!(
            redact(text, &finds),
            "first line\nmail é [email]\ncard [card]\n"
        );
        assert_eq!(finds[0].masked(), "b***@acme.io");
        assert_eq!(finds[1].masked(), "…1111");
    }

    proptest::proptest! {
        #[test]
        fn scanning_any_text_never_panics(text in "\\PC{0,400}") {
            let g = Guard::new(&[], &["Acme".into()], &[]).unwrap();
            let finds = g.scan(&text);
            let mut last_end = 0;
            for f in &finds {
                proptest::prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                proptest::prop_assert!(f.start >= last_end && f.start < f.end);
                last_end = f.end;
            }
            proptest::prop_assert_eq!(redact(&text, &[]), text.clone());
        }

        #[test]
        fn digits_and_separators_never_panic(text in "[0-9 +().:/\\-]{0,80}") {
            let _ = Guard::default().scan(&text);
        }
    }
}
