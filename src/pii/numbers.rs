//! Numbers that are personal data: payment cards, IBANs, IP addresses and
//! phone numbers, and the many numbers in support text that only look like
//! them (order, purchase and ticket numbers, versions and builds, CVE ids,
//! OIDs, timestamps, MAC addresses).
//!
//! Checksums decide where there is one (Luhn for cards, ISO 13616 mod 97
//! and the country's length for IBANs, the address grammar for IPs), not
//! the separators around a number. Phones have no checksum, so they need a
//! phone's shape (an international prefix, national grouping, or a known
//! national mobile shape) and no context that makes them something else.

use super::re;
use regex::Regex;
use std::net::Ipv6Addr;
use std::sync::LazyLock;

// ---------------------------------------------------------------- IBAN

static IBAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b[a-z]{2}[0-9]{2}(?:[ \-]?[a-z0-9]){11,34}"));

/// ISO 13616 lengths by country (the SWIFT registry, with the experimental
/// ones Presidio knows).
fn iban_length(country: &str) -> Option<usize> {
    const LENGTHS: &[(&str, usize)] = &[
        ("AD", 24),
        ("AE", 23),
        ("AL", 28),
        ("AO", 25),
        ("AT", 20),
        ("AZ", 28),
        ("BA", 20),
        ("BE", 16),
        ("BF", 28),
        ("BG", 22),
        ("BH", 22),
        ("BI", 27),
        ("BJ", 28),
        ("BR", 29),
        ("BY", 28),
        ("CF", 27),
        ("CG", 27),
        ("CH", 21),
        ("CI", 28),
        ("CM", 27),
        ("CR", 22),
        ("CV", 25),
        ("CY", 28),
        ("CZ", 24),
        ("DE", 22),
        ("DJ", 27),
        ("DK", 18),
        ("DO", 28),
        ("DZ", 26),
        ("EE", 20),
        ("EG", 29),
        ("ES", 24),
        ("FI", 18),
        ("FK", 18),
        ("FO", 18),
        ("FR", 27),
        ("GA", 27),
        ("GB", 22),
        ("GE", 22),
        ("GI", 23),
        ("GL", 18),
        ("GQ", 27),
        ("GR", 27),
        ("GT", 28),
        ("GW", 25),
        ("HN", 28),
        ("HR", 21),
        ("HU", 28),
        ("IE", 22),
        ("IL", 23),
        ("IQ", 23),
        ("IR", 26),
        ("IS", 26),
        ("IT", 27),
        ("JO", 30),
        ("KM", 27),
        ("KW", 30),
        ("KZ", 20),
        ("LB", 28),
        ("LC", 32),
        ("LI", 21),
        ("LT", 20),
        ("LU", 20),
        ("LV", 21),
        ("LY", 25),
        ("MA", 28),
        ("MC", 27),
        ("MD", 24),
        ("ME", 22),
        ("MG", 27),
        ("MK", 19),
        ("ML", 28),
        ("MN", 20),
        ("MR", 27),
        ("MT", 31),
        ("MU", 30),
        ("MZ", 25),
        ("NE", 28),
        ("NI", 28),
        ("NL", 18),
        ("NO", 15),
        ("OM", 23),
        ("PK", 24),
        ("PL", 28),
        ("PS", 29),
        ("PT", 25),
        ("QA", 29),
        ("RO", 24),
        ("RS", 22),
        ("RU", 33),
        ("SA", 24),
        ("SC", 31),
        ("SD", 18),
        ("SE", 24),
        ("SI", 19),
        ("SK", 24),
        ("SM", 27),
        ("SN", 28),
        ("SO", 23),
        ("ST", 25),
        ("SV", 28),
        ("TD", 27),
        ("TG", 28),
        ("TL", 23),
        ("TN", 24),
        ("TR", 26),
        ("UA", 29),
        ("VA", 22),
        ("VG", 24),
        ("XK", 20),
        ("YE", 30),
    ];
    LENGTHS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country))
        .map(|(_, n)| *n)
}

/// IBANs (valid ones into `finds`) and IBAN-shaped spans whatever their
/// checksum (into `shapes`, so that no phone or card is read out of them).
pub(super) fn ibans(text: &str, finds: &mut Vec<(usize, usize)>, shapes: &mut Vec<(usize, usize)>) {
    for m in IBAN.find_iter(text) {
        let s = m.as_str();
        let Some(len) = iban_length(&s[..2]) else {
            continue;
        };
        // Take the country's number of characters, then require the
        // number to end there: "… 32 please" stops before "please".
        let mut compact = String::with_capacity(len);
        let mut end = m.start();
        for (i, c) in s.char_indices() {
            if compact.len() == len {
                break;
            }
            if c.is_ascii_alphanumeric() {
                compact.push(c.to_ascii_uppercase());
                end = m.start() + i + 1;
            }
        }
        if compact.len() != len
            || text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        // Mixed case within the number is a word, not an IBAN.
        let letters = &s[..end - m.start()];
        let upper = letters.chars().any(|c| c.is_ascii_uppercase());
        let lower = letters.chars().any(|c| c.is_ascii_lowercase());
        if upper && lower {
            continue;
        }
        shapes.push((m.start(), end));
        if mod97(&compact) {
            finds.push((m.start(), end));
        }
    }
}

fn mod97(compact: &str) -> bool {
    let (head, tail) = compact.split_at(4);
    let mut remainder: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let Some(value) = c.to_digit(36) else {
            return false;
        };
        let chunk = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * chunk + value) % 97;
    }
    remainder == 1
}

// ---------------------------------------------------------------- cards

// A run of digit groups separated by single spaces or dashes; the cards
// are read out of it group by group.
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"\b[0-9]+(?:[ \-][0-9]+)*\b"));

pub(super) fn cards(text: &str, out: &mut Vec<(usize, usize)>) {
    for m in DIGIT_RUN.find_iter(text) {
        if m.as_str().len() < 12 {
            continue;
        }
        // Groups with their byte ranges and the separator before each.
        let mut groups: Vec<(usize, usize, Option<char>)> = Vec::new();
        let mut start = m.start();
        let mut sep = None;
        for (i, c) in m.as_str().char_indices() {
            if c == ' ' || c == '-' {
                groups.push((start, m.start() + i, sep));
                sep = Some(c);
                start = m.start() + i + 1;
            }
        }
        groups.push((start, m.end(), sep));
        let mut i = 0;
        while i < groups.len() {
            let mut taken = None;
            for j in (i..groups.len()).rev() {
                let (s, e) = (groups[i].0, groups[j].1);
                let digits = groups[i..=j].iter().map(|g| g.1 - g.0).sum::<usize>();
                if !(13..=19).contains(&digits) {
                    continue;
                }
                // One separator throughout, as cards are printed.
                let seps = &groups[i + 1..=j];
                if seps.windows(2).any(|w| w[0].2 != w[1].2) {
                    continue;
                }
                // `+49 151…` is a phone, whatever Luhn says.
                if i == 0 && (super::reference_before(text, s) || text[..s].ends_with('+')) {
                    continue;
                }
                if card_number(&text[s..e]) {
                    taken = Some(j);
                    out.push((s, e));
                    break;
                }
            }
            i = taken.map_or(i + 1, |j| j + 1);
        }
    }
}

fn card_number(s: &str) -> bool {
    let ds: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if ds.iter().all(|d| *d == ds[0]) || !luhn(&ds) {
        return false;
    }
    let prefix = |n: usize| ds[..n].iter().fold(0u32, |acc, d| acc * 10 + d);
    // The schemes' number ranges (IIN prefixes): UATP, Mir, Mastercard,
    // Amex, Diners, JCB, Visa, Maestro and Dankort, Discover, UnionPay,
    // RuPay.
    match ds[0] {
        1 => ds.len() == 15,
        2 => (2200..=2204).contains(&prefix(4)) || (2221..=2720).contains(&prefix(4)),
        3 => [34, 37, 35, 36, 38, 39].contains(&prefix(2)) || (300..=305).contains(&prefix(3)),
        4 => true,
        5 => (50..=59).contains(&prefix(2)),
        6 => true,
        8 => [81, 82].contains(&prefix(2)),
        _ => false,
    }
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

// ---------------------------------------------------------------- IP

static IPV4: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b"));

pub(super) fn ipv4s(text: &str, out: &mut Vec<(usize, usize)>) {
    for m in IPV4.find_iter(text) {
        if ipv4_like(text, m.start(), m.end()) {
            out.push((m.start(), m.end()));
        }
    }
}

fn ipv4_like(text: &str, start: usize, end: usize) -> bool {
    let s = &text[start..end];
    let parts: Vec<&str> = s.split('.').collect();
    if parts
        .iter()
        .any(|p| p.len() > 1 && p.starts_with('0') || p.parse::<u32>().map_or(true, |o| o > 255))
    {
        return false;
    }
    let first: u32 = parts[0].parse().unwrap_or(0);
    // Unspecified and loopback addresses are nobody's; 1.2.3.4-shaped
    // numbers of single digits are versions far more often than hosts.
    if first == 0 || first == 127 || parts.iter().all(|p| p.len() == 1) {
        return false;
    }
    let before = &text[..start];
    let after = &text[end..];
    // Part of a longer dotted number (an OID, a four-part build).
    let dotted_before = before.ends_with('.')
        && before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    let dotted_after = after.starts_with('.')
        && after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if dotted_before || dotted_after || before.ends_with(['v', 'V']) {
        return false;
    }
    !super::context_is(
        before,
        &["version", "build", "release", "firmware", "chrome", "oid"],
    )
}

static IPV6: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:[0-9a-f]{1,4})?:[0-9a-f]{0,4}:[0-9a-f:.]*"));

pub(super) fn ipv6s(text: &str, out: &mut Vec<(usize, usize)>) {
    for m in IPV6.find_iter(text) {
        let (mut start, mut end) = (m.start(), m.end());
        // Back up over a group the regex could not start with.
        while start > 0 && text.as_bytes()[start - 1].is_ascii_hexdigit() {
            start -= 1;
        }
        if start > 0 && matches!(text.as_bytes()[start - 1], b'.' | b'_' | b'-')
            || text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        // A full stop or colon that ends the sentence.
        while end > start && matches!(text.as_bytes()[end - 1], b'.') {
            end -= 1;
        }
        if text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let s = &text[start..end];
        let Ok(addr) = s.parse::<Ipv6Addr>() else {
            continue;
        };
        if addr.is_loopback() || addr.is_unspecified() {
            continue;
        }
        // `a::b` is code; an address has a long group or several groups.
        let groups: Vec<&str> = s.split(':').filter(|g| !g.is_empty()).collect();
        if s.contains("::") && groups.len() < 3 && !groups.iter().any(|g| g.len() >= 3) {
            continue;
        }
        out.push((start, end));
    }
}

// ---------------------------------------------------------------- phone

static PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\+|\b00|\()?[0-9][0-9 ().\-/]{6,22}[0-9]"));

static DATEISH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:19|20)[0-9]{2}[\-./](?:0?[1-9]|1[0-2])[\-./](?:0?[1-9]|[12][0-9]|3[01])\b|\b(?:0?[1-9]|[12][0-9]|3[01])[\-./](?:0?[1-9]|1[0-2])[\-./](?:19|20)[0-9]{2}\b",
    )
});

/// Words after which a number is a phone whatever else is near it.
const PHONE_WORDS: &[&str] = &[
    "phone",
    "tel",
    "telephone",
    "call",
    "mobile",
    "cell",
    "fax",
    "whatsapp",
    "sms",
    "ring",
    "dial",
    "text",
    "landline",
    "handy",
    "telefon",
    "téléphone",
];

/// Words that make the number after them something other than a phone.
const REFERENCE_WORDS: &[&str] = &[
    "order",
    "orders",
    "purchase",
    "invoice",
    "ticket",
    "case",
    "build",
    "version",
    "cve",
    "ref",
    "reference",
    "tracking",
    "po",
    "sku",
    "serial",
    "transaction",
    "confirmation",
    "booking",
    "reservation",
    "account",
    "id",
    "item",
    "model",
    "release",
    "receipt",
    "no",
    "nr",
    "bestellung",
    "rechnung",
    "commande",
    "facture",
    "iban",
    "bic",
    "swift",
    "card",
];

pub(super) fn phones(text: &str, shapes: &[(usize, usize)], out: &mut Vec<(usize, usize)>) {
    for m in PHONE.find_iter(text) {
        let (start, end) = trim_phone(text, m.start(), m.end());
        if start >= end || shapes.iter().any(|&(s, e)| start < e && s < end) {
            continue;
        }
        if phone_like(text, start, end) {
            out.push((start, end));
        }
    }
}

/// The candidate without the punctuation a sentence adds around it.
fn trim_phone(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches([' ', '.', '-', '/']).len();
    let mut end = end;
    let cand = &text[start + lead..end];
    if cand.ends_with(')') && cand.matches('(').count() < cand.matches(')').count() {
        end -= 1;
    }
    (start + lead, end)
}

fn phone_like(text: &str, start: usize, end: usize) -> bool {
    let s = &text[start..end];
    let ds: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let plus = s.starts_with('+');
    let double_zero = s.starts_with("00") && ds.get(2).is_some_and(|d| *d != 0);
    let international = plus && ds.first().is_some_and(|d| *d != 0) || double_zero;
    let after = &text[end..];
    if after.starts_with(|c: char| c.is_alphanumeric() || matches!(c, '%' | '@' | '_')) {
        return false;
    }
    if !s.starts_with('+') && !s.starts_with('(') && super::glued_reference(text, start) {
        return false;
    }
    if DATEISH.is_match(s) || s.contains('/') {
        return false;
    }
    let before = &text[..start];
    let phone_context = super::context_is(before, PHONE_WORDS);
    if !phone_context && super::context_is(before, REFERENCE_WORDS) {
        return false;
    }
    let separators: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    // Dotted numbers are versions, builds, IPs and OIDs unless written the
    // way French and Belgian phones are: pairs, "06.12.34.56.78".
    if !separators.is_empty() && separators.iter().all(|c| *c == '.') {
        let groups: Vec<&str> = s.split('.').collect();
        if groups.len() < 4 || !groups[1..].iter().all(|g| g.len() == 2) {
            return false;
        }
    }
    if international {
        let n = ds.len() - if double_zero { 2 } else { 0 };
        return (8..=15).contains(&n);
    }
    if separators.is_empty() {
        // A bare run of digits is an order number, an id or a timestamp
        // unless it has a national mobile shape, or the text calls it a
        // phone: UK 07…, Chinese 1[3-9]…, French 06/07…, German 015-017….
        let bare = s;
        let mobile = (bare.len() == 11 && bare.starts_with("07"))
            || (bare.len() == 11 && bare.starts_with('1') && matches!(ds[1], 3..=9))
            || (bare.len() == 10 && (bare.starts_with("06") || bare.starts_with("07")))
            || ((11..=12).contains(&bare.len())
                && (bare.starts_with("015") || bare.starts_with("016") || bare.starts_with("017")));
        return mobile || (phone_context && (9..=12).contains(&ds.len()) && ds[0] != 1);
    }
    (9..=13).contains(&ds.len())
}
