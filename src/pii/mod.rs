//! The personal-data guard: finds customer data in text before it is
//! committed, because once a commit is synced every clone holds it.
//!
//! Each detector is a cheap regular expression for candidates followed by a
//! check that rejects what only looks alike (Luhn for cards, mod-97 for
//! IBANs, octet ranges for IPs, digit counts and shapes for phones). False
//! positives are the enemy of a guard people keep switched on: ticket
//! references, dates, times, version numbers and order ids must pass.

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
        // Secrets first: a key can contain digit runs or an `@`.
        for m in SECRET.find_iter(text) {
            spans.push((PiiKind::Secret, m.start(), m.end()));
        }
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
            for m in IBAN.find_iter(text) {
                if iban_valid(m.as_str()) {
                    spans.push((PiiKind::Iban, m.start(), m.end()));
                }
            }
            for m in CARD.find_iter(text) {
                if card_like(text, m.start(), m.end()) {
                    spans.push((PiiKind::Card, m.start(), m.end()));
                }
            }
            for m in IPV4.find_iter(text) {
                if ipv4_like(text, m.start(), m.as_str()) {
                    spans.push((PiiKind::Ip, m.start(), m.end()));
                }
            }
            for m in PHONE.find_iter(text) {
                let (start, end) = trim_phone(text, m.start(), m.end());
                if phone_like(text, start, end) {
                    spans.push((PiiKind::Phone, start, end));
                }
            }
        }
        if text.contains("::") || text.bytes().filter(|b| *b == b':').nth(4).is_some() {
            for m in IPV6.find_iter(text) {
                if ipv6_like(m.as_str()) {
                    spans.push((PiiKind::Ip, m.start(), m.end()));
                }
            }
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

// Keys with a recognisable shape, private keys, JWTs and `secret = value`
// assignments. Generic long random strings are not flagged: hashes and
// commit ids look just like them.
static SECRET: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
        r"|\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}",
        r"|\bAKIA[0-9A-Z]{16}\b",
        r"|\bgh[pousr]_[A-Za-z0-9]{36,}",
        r"|\bgithub_pat_[A-Za-z0-9_]{40,}",
        r"|\bglpat-[A-Za-z0-9_\-]{20,}",
        r"|\bxox[abprs]-[A-Za-z0-9\-]{10,}",
        r"|\bAIza[0-9A-Za-z_\-]{35}",
        r"|\bsk-(?:proj-)?[A-Za-z0-9_\-]{32,}",
        r"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
        r"|(?i:\bbearer\s+)[A-Za-z0-9._~+/\-]{20,}=*",
        r"|(?i:\b(?:api[_\-]?key|secret|access[_\-]?token|auth[_\-]?token|password|passwd)\b\s*[:=]\s*)[^\s'\x22`]{8,}",
    ))
});

static IBAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"));

static CARD: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[0-9](?:[0-9]|[ \-](?:[0-9])){11,22}[0-9]\b"));

static IPV4: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b"));

static IPV6: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f]{0,4}:?)*\b|::(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4}\b",
    )
});

static PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\+|\b00|\()?[0-9][0-9 ().\-/]{6,22}[0-9]"));

fn digits(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

fn luhn(ds: &[u32]) -> bool {
    let sum: u32 = ds
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                *d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Card numbers: 13-19 digits of a known scheme, Luhn-valid, grouped the
/// way cards are printed, and not glued to a reference like `ORD-`.
fn card_like(text: &str, start: usize, end: usize) -> bool {
    let s = &text[start..end];
    let ds = digits(s);
    if !(13..=19).contains(&ds.len()) || !luhn(&ds) {
        return false;
    }
    if ds.iter().all(|d| *d == ds[0]) {
        return false;
    }
    // A separator must be used consistently: "4111 1111 1111 1111".
    let seps: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    if seps.windows(2).any(|w| w[0] != w[1]) {
        return false;
    }
    if preceded_by_reference(text, start) || text[..start].ends_with('+') {
        return false;
    }
    let prefix = |n: usize| ds[..n].iter().fold(0u32, |acc, d| acc * 10 + d);
    // The schemes' number ranges (IIN prefixes).
    ds[0] == 4
        || (51..=55).contains(&prefix(2))
        || (2221..=2720).contains(&prefix(4))
        || [34, 37].contains(&prefix(2))
        || prefix(4) == 6011
        || prefix(2) == 65
        || (644..=649).contains(&prefix(3))
        || prefix(2) == 35
        || [36, 38, 39].contains(&prefix(2))
        || (300..=305).contains(&prefix(3))
        || prefix(2) == 62
}

/// `ZD-4821`, `#4821`, `ORD-123…`, `order 123…`: an identifier, not data.
fn preceded_by_reference(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let mut rev = before.chars().rev();
    match rev.next() {
        Some('#') | Some('/') | Some('_') | Some('=') => true,
        Some('-') => rev.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(c) if c.is_alphanumeric() || c == '.' => true,
        _ => {
            let word: String = before
                .trim_end()
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let word = word.to_ascii_lowercase();
            [
                "order", "invoice", "ticket", "case", "ref", "no", "id", "build", "version", "v",
                "po", "tracking",
            ]
            .contains(&word.as_str())
        }
    }
}

fn iban_valid(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut remainder: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let value = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        let chunk = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * chunk + value) % 97;
    }
    remainder == 1
}

fn ipv4_like(text: &str, start: usize, s: &str) -> bool {
    let octets: Vec<u32> = s.split('.').filter_map(|p| p.parse().ok()).collect();
    if octets.len() != 4 || octets.iter().any(|o| *o > 255) {
        return false;
    }
    // 0.0.0.0, loopback and `v1.2.3.4`-style versions are not addresses.
    if octets[0] == 0 || octets[0] == 127 {
        return false;
    }
    let before = &text[..start];
    let version = before.ends_with('v')
        || before.ends_with('V')
        || before.trim_end().to_ascii_lowercase().ends_with("version");
    let glued = before.ends_with('.') || text[start + s.len()..].starts_with('.');
    !version && !glued
}

fn ipv6_like(s: &str) -> bool {
    let groups = s.split(':').filter(|g| !g.is_empty()).count();
    // 10:00:00 is a time; an address has hex letters or `::` and enough groups.
    let hexy = s.chars().any(|c| c.is_ascii_alphabetic());
    (s.contains("::") && groups >= 2 && (hexy || groups >= 3))
        || (groups >= 5 && hexy)
        || groups == 8
}

/// The candidate without the trailing or leading punctuation a sentence adds.
fn trim_phone(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches([' ', '.', '-', '/']).len();
    let mut end = end;
    // Unbalanced closing parenthesis at the end: "(call 555 123 4567)".
    let cand = &text[start + lead..end];
    if cand.ends_with(')') && cand.matches('(').count() < cand.matches(')').count() {
        end -= 1;
    }
    (start + lead, end)
}

/// Phone numbers: 8-15 digits written the way phones are, and nothing that
/// reads as a date, a time, a version, an IP, a money amount or a ticket.
fn phone_like(text: &str, start: usize, end: usize) -> bool {
    if start >= end {
        return false;
    }
    let s = &text[start..end];
    let ds = digits(s);
    let international = s.starts_with('+') || s.starts_with("00");
    if !(8..=15).contains(&ds.len()) || (!international && ds.len() < 9) {
        return false;
    }
    if preceded_by_reference(text, start) && !s.starts_with('+') && !s.starts_with('(') {
        return false;
    }
    let after = &text[end..];
    if after.starts_with(|c: char| c.is_alphanumeric() || c == '%' || c == '@') {
        return false;
    }
    // Dates and periods: 2026-11-24, 24.11.2026, 2026/11/24, ranges of them.
    if DATEISH.is_match(s) {
        return false;
    }
    // Versions and IPs are dotted numbers without other separators.
    let separators: String = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    if !separators.is_empty() && separators.chars().all(|c| c == '.') {
        let groups = s.split('.').count();
        if groups != 3 && groups != 4 || s.split('.').any(|g| g.len() > 4) {
            // 06.12.34.56.78 is a French phone; 1.2.3 is a version.
            if groups < 4 {
                return false;
            }
        }
        if groups <= 4 && s.split('.').all(|g| g.len() <= 3) {
            return false;
        }
    }
    if s.contains('/') {
        return false;
    }
    if !international && separators.is_empty() {
        // A bare run of digits is an order number or an id far more often
        // than a phone written without any spacing.
        return false;
    }
    true
}

static DATEISH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:19|20)[0-9]{2}[\-./](?:0?[1-9]|1[0-2])[\-./](?:0?[1-9]|[12][0-9]|3[01])\b|\b(?:0?[1-9]|[12][0-9]|3[01])[\-./](?:0?[1-9]|1[0-2])[\-./](?:19|20)[0-9]{2}\b",
    )
});

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
            "AKIAIOSFODNN7EXAMPLE",
            PiiKind::Secret,
            "AKIAIOSFODNN7EXAMPLE",
        );
        found(
            "password: hunter2hunter2",
            PiiKind::Secret,
            "password: hunter2hunter2",
        );
        found(
            "-----BEGIN RSA PRIVATE KEY-----",
            PiiKind::Secret,
            "-----BEGIN RSA PRIVATE KEY-----",
        );
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
