//! Secrets: keys with a shape a provider gave them (`ghp_…`, `AKIA…`,
//! `hf_…`), private keys with key material, and the general rule gitleaks
//! and detect-secrets use: a key-like name (`token`, `secret`, `password`,
//! `api_key`, …) assigned a value long and random enough, in `=`, `:`,
//! JSON, YAML, env, URL-userinfo and `curl -u` forms.
//!
//! It must not flag what only names a secret: placeholders (`<your-token>`,
//! `{{Token}}`, `ACCESS_TOKEN`, `$API_KEY`, `xxxx`), documented example keys
//! (`…EXAMPLE`), and prose (`password: incorrect`). A find is the value, not
//! the name, so redaction leaves `DB_PASSWORD=[secret]`.

use super::re;
use regex::Regex;
use std::sync::LazyLock;

/// Byte ranges of the secrets in `text`.
pub(super) fn find(text: &str, out: &mut Vec<(usize, usize)>) {
    for m in PREFIXED.find_iter(text) {
        if key_body_random(m.as_str()) && !glued(text, m.start(), m.end()) {
            out.push((m.start(), m.end()));
        }
    }
    // Shapes that start with a class, not a literal, would keep the regex
    // engine from skipping ahead to a prefix in the big alternation above.
    if text.contains("-us") || text.contains(":AA") {
        for m in CLASS_LED.find_iter(text) {
            if random_enough(m.as_str()) {
                out.push((m.start(), m.end()));
            }
        }
    }
    if text.contains("CONTRIBSYS__COM") {
        for c in SIDEKIQ.captures_iter(text) {
            if let Some(v) = c.name("v") {
                out.push((v.start(), v.end()));
            }
        }
    }
    if text.contains("PRIVATE KEY") {
        for m in PRIVATE_KEY.find_iter(text) {
            if let Some(end) = key_material(text, m.end()) {
                out.push((m.start(), end));
            }
        }
    }
    if text.contains("eyJ") {
        for m in JWT.find_iter(text) {
            out.push((m.start(), m.end()));
        }
    }
    for c in ASSIGNED.captures_iter(text) {
        let (Some(name), Some(op)) = (c.name("name"), c.name("op")) else {
            continue;
        };
        // The whole name: `JIRA_API_TOKEN`, `facebook_app_secret`.
        let head = text[..name.start()]
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            .count();
        let name = &text[name.start() - head..name.end()];
        // `<apiToken>value</apiToken>` is XML; any other `>` is not ours.
        if op.as_str().starts_with('>') && !text[..name_start(text, name)].ends_with('<') {
            continue;
        }
        if let Some((start, end)) = value_after(text, op.end())
            && assigned_secret(name, &text[start..end])
        {
            out.push((start, end));
        }
    }
    if text.contains("://") && text.contains('@') || text.contains("-u ") || text.contains("--user")
    {
        for c in USERINFO.captures_iter(text) {
            // Any password in a URL counts, even a weak one: only variables
            // and masks are left alone.
            if let Some(p) = c.name("pw")
                && !masked_password(p.as_str())
            {
                out.push((p.start(), p.end()));
            }
            if let Some(cu) = c.name("cu")
                && let Some(span) = curl_user(cu.as_str())
            {
                out.push((cu.start() + span.0, cu.start() + span.1));
            }
        }
    }
    for c in BEARER.captures_iter(text) {
        if let Some(v) = c.name("v")
            && random_enough(v.as_str())
            && !placeholder(v.as_str())
        {
            out.push((v.start(), v.end()));
        }
    }
}

// Known shapes. Each body after its prefix must look random (see
// `random_enough`), which is what keeps `ghp_xxxx…` and `xoxb-my-bot-token`
// out.
static PREFIXED: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|A3T[A-Z0-9])[A-Z0-9]{16}\b",
        r"|\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{16,}",
        r"|\b(?:whsec|shpat|shpca|shppa|shpss)_[A-Za-z0-9]{24,}",
        r"|\bgh[pousr]_[A-Za-z0-9]{36,}",
        r"|\bgithub_pat_[A-Za-z0-9_]{40,}",
        // GitLab's tokens have fixed lengths (gitleaks' rules).
        r"|\bglpat-[A-Za-z0-9_\-]{27,300}\.[0-9a-z]{9}\b",
        r"|\bgl(?:pat|dt|rt|ft|soat|ffct)-[A-Za-z0-9_\-]{20}",
        r"|\bglcbt-[0-9a-zA-Z]{1,5}_[A-Za-z0-9_\-]{20}",
        r"|\bglimt-[A-Za-z0-9_\-]{25}",
        r"|\bglagent-[A-Za-z0-9_\-]{50}",
        r"|\bgloas-[A-Za-z0-9_\-]{64}",
        r"|\bglptt-[0-9a-f]{40}",
        r"|\bGR1348941[A-Za-z0-9_\-]{20}",
        r"|\bxox[abposr]-[0-9]+-[A-Za-z0-9\-]{8,}",
        r"|\bxoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{100,}",
        r"|\bAAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,}",
        r"|\bxapp-[0-9]-[A-Z0-9]{6,}-[0-9]{6,}-[a-z0-9]{20,}",
        r"|\bhooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,}",
        r"|\bAIza[0-9A-Za-z_\-]{35}",
        r"|\bGOCSPX-[A-Za-z0-9_\-]{28}",
        r"|\bya29\.[A-Za-z0-9_\-]{30,}",
        r"|\bsk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)[0-9]{2}-)?[A-Za-z0-9_\-]{32,}",
        r"|\b(?:hf|api_org)_[A-Za-z]{34}\b",
        r"|\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b",
        r"|\bnpm_[A-Za-z0-9]{36}\b",
        r"|\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}",
        r"|\bdo[opr]_v1_[a-f0-9]{64}\b",
        r"|\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b",
        r"|\bsq0(?:atp|csp)-[A-Za-z0-9_\-]{22,}",
        r"|\bxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}\b",
        r"|\bkey-[0-9a-z]{32}\b",
        r"|\bSK[0-9a-fA-F]{32}\b",
        r"|\bdapi[a-f0-9]{32}\b",
        r"|\bpul-[a-f0-9]{40}\b",
        r"|\blin_api_[A-Za-z0-9]{40}\b",
        r"|\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b",
        r"|\brubygems_[a-f0-9]{48}\b",
        r"|\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b",
        r"|\bglc_[A-Za-z0-9+/]{32,}",
        r"|\bATATT3[A-Za-z0-9_\-=]{100,}",
        r"|\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,}",
        r"|\bsntr[yu]s?_[A-Za-z0-9+/=_]{40,}",
        r"|\bntn_[0-9]{11}[A-Za-z0-9]{35}\b",
        r"|\bsecret_[A-Za-z0-9]{43}\b",
        r"|\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.\-]{32,}",
        r"|\bhv[sb]\.[A-Za-z0-9_\-]{24,}",
        r"|\bAKCp[A-Za-z0-9]{69}\b",
        r"|\bcmVmdGtu[A-Za-z0-9]{56}\b",
        r"|\bfigd_[A-Za-z0-9_\-]{40}\b",
        r"|\bshippo_(?:live|test)_[a-f0-9]{40}\b",
        r"|\bEAA[A-Za-z0-9]{100,}",
        r"|\bnrak-[A-Za-z0-9]{27}\b",
        r"|\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b",
        r"|\bLTAI[A-Za-z0-9]{20}\b",
        r"|\b(?:CLOJARS|clojars)_[a-z0-9]{60}\b",
        r"|\bdckr_pat_[A-Za-z0-9_\-]{27}\b",
        r"|\bops_eyJ[A-Za-z0-9+/=]{200,}",
        r"|\bsl\.[A-Za-z0-9_\-]{130,}",
        r"|\btfp_[A-Za-z0-9_\-]{40,}",
        r"|\bscalingo_tk_[A-Za-z0-9_\-]{40,}",
        r"|\bSKTL[A-Za-z0-9]{20,}",
    ))
});

static CLASS_LED: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[0-9a-f]{32}-us[0-9]{1,2}\b|\b[0-9]{8,10}:AA[A-Za-z0-9_\-]{33}\b"));

/// Does a known key's body look generated? Either the whole body after its
/// prefix does, or its last segment does (Slack's `xoxa-2-511111111-…-e039d0…`
/// leads with numeric ids); a Twitter bearer token's run of `A`s is its
/// zero-padded prefix, not a mask.
fn key_body_random(key: &str) -> bool {
    let body = body_of(key);
    let body = if key.starts_with("AAAAAAAAAAAAAAAAAAAA") {
        key.trim_start_matches('A')
    } else {
        body
    };
    // A provider's key is drawn at random; one that counts (`AIzaSyabcdef…`,
    // `dapi123456789…`) was typed for a manual.
    if sequential(body) {
        return false;
    }
    if random_enough(body) {
        return true;
    }
    let last = body.rsplit(['-', '.']).next().unwrap_or("");
    last.len() >= 16 && random_enough(last) && !body.contains("xxxx")
}

/// What follows a key's fixed prefix: the part that must look random.
fn body_of(key: &str) -> &str {
    let cut = key
        .char_indices()
        .filter(|(_, c)| matches!(c, '_' | '-' | '.' | ':'))
        .map(|(i, _)| i + 1)
        .find(|i| key.len() - i >= 16);
    match cut {
        Some(i) if i <= 16 => &key[i..],
        _ => key.get(4..).unwrap_or(key),
    }
}

/// A match inside a longer token (`fooAKIA…`) is part of something else.
fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // A key cut short by a mask (`xoxp-…-####`, `ops_eyJ…...`) is an
    // example; one running on past its length is something else.
    before.is_some_and(|c| c.is_ascii_alphanumeric())
        || after
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '#' | '*' | '…'))
        || text[end..].starts_with("...")
}

// Sidekiq Enterprise's gem credentials: `user:password`, eight hex each.
static SIDEKIQ: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM[A-Za-z]*["']?(?:[ \t]+string)?[ \t]*(?::=|=|:)?[ \t]*["']?(?P<v>[a-f0-9]{8}:[a-f0-9]{8})\b"#,
    )
});

static PRIVATE_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r"-----BEGIN[ A-Z0-9_\-]*PRIVATE KEY(?: BLOCK)?-----"));

/// The end of the key material after a PEM header, if there is any: a
/// header with nothing but dots or an END line after it is an example.
fn key_material(text: &str, from: usize) -> Option<usize> {
    let rest = &text[from..];
    let mut count = 0;
    let mut end = from;
    for (i, c) in rest.char_indices() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') {
            count += 1;
            end = from + i + 1;
        } else if c.is_whitespace() || c == ':' || c == '-' && count == 0 {
            // Headers such as `Proc-Type: 4,ENCRYPTED` sit before the body.
            continue;
        } else if c == '-' {
            break;
        } else if c == ',' {
            continue;
        } else {
            break;
        }
    }
    (count >= 40).then_some(end)
}

static JWT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"));

// A key-like name, an optional closing quote or bracket, and an assignment
// operator. The value is read by hand (`value_after`): quoted values may
// hold anything but their quote.
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r#"(?i-u)(?P<name>(?:api[_.\-]?key|apikey|secret|token|passw(?:or)?d|passwd|pwd|passphrase"#,
        r#"|credentials?|creds|access[_.\-]?key|auth[_.\-]?key|private[_.\-]?key|[_.\-]pass\b|\bpass\b|[a-z0-9][_.\-]key\b)[a-z0-9_.\-]*)"#,
        r#"(?-i:[A-Z][a-z]+)?["'`]?\]?(?-i:[ \t]+string|[ \t]*:[ \t]*(?:str|String|string))?[ \t]*(?P<op>=>|:=|::=|:::=|\?=|\.=|===?|!==?|=|:|,[ \t]*["']|>\s*)"#,
    ))
});

fn name_start(text: &str, name: &str) -> usize {
    name.as_ptr() as usize - text.as_ptr() as usize
}

/// The value after an assignment operator: quoted up to its quote,
/// otherwise up to a space or a delimiter.
fn value_after(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let mut start = from + (rest.len() - trimmed.len());
    let mut chars = text[start..].chars();
    let first = chars.next()?;
    let quote = match first {
        '"' | '\'' | '`' => Some(first),
        _ => None,
    };
    if quote.is_some() {
        start += 1;
    }
    let body = &text[start..];
    let len = match quote {
        Some(q) => body.find([q, '\n']).unwrap_or(body.len()),
        None => body
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ';'))
            .unwrap_or(body.len()),
    };
    let mut end = start + len;
    // A trailing bracket or full stop closes the sentence or the code.
    while end > start && text[..end].ends_with([')', '}', ']', '.', '>']) {
        let v = &text[start..end];
        let last = v.chars().next_back().unwrap_or(' ');
        let open = match last {
            ')' => '(',
            '}' => '{',
            ']' => '[',
            '>' => '<',
            _ => ' ',
        };
        if open != ' ' && v.contains(open) {
            break;
        }
        end -= 1;
    }
    (end > start).then_some((start, end))
}

fn is_password_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("pass") || n.contains("pwd")
}

/// Is `value`, assigned to `name`, a secret?
fn assigned_secret(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // Names that only look like a key: `api_version`, `token_url`, `key_id`.
    if [
        "url", "uri", "endpoint", "_id", "-id", ".id", "name", "type", "length", "size", "file",
        "path", "count", "expir", "ttl", "version", "public", "header", "field", "policy",
    ]
    .iter()
    .any(|w| lower.ends_with(w))
        || name.ends_with("Id")
        || name.ends_with("ID")
        || lower.contains("public")
        || lower.contains("csrf")
        || lower.contains("keyboard")
        || lower.contains("monkey")
        || lower.contains("turkey")
    {
        return false;
    }
    if placeholder(value) || value.chars().count() > 400 || versioned(value) {
        return false;
    }
    let n = value.chars().count();
    if is_password_name(name) {
        // A password needs no entropy, but it is not a plain word:
        // `password = hunter2` is one, `password: incorrect` is prose.
        // Nor are words: `shorter-version`, "doesnt start right".
        let words = value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || matches!(b, b' ' | b'-' | b'_'));
        n >= 6
            && !words
            && value.chars().any(|c| c.is_ascii_alphanumeric())
            && (value.chars().any(|c| !c.is_ascii_alphabetic())
                || (value.chars().any(|c| c.is_ascii_uppercase())
                    && value.chars().any(|c| c.is_ascii_lowercase())
                    && n >= 10))
    } else if value.bytes().all(|b| b.is_ascii_digit()) {
        // A numeric token (Asana's, Discord's): long and varied digits.
        n >= 16 && digits_random(value)
    } else {
        n >= 10 && random_enough(value)
    }
}

/// A name with a version at its end (`jjwt-jackson-0.11.2`,
/// `SalesResults-1.2`) is an artifact or a file, not a key.
fn versioned(v: &str) -> bool {
    let Some((head, tail)) = v.rsplit_once(['-', '_', ' ']) else {
        return false;
    };
    head.bytes().any(|b| b.is_ascii_alphabetic())
        && tail.contains('.')
        && tail
            .trim_start_matches('v')
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Digits that look drawn rather than typed: six distinct at least, no run
/// of five alike, no counting (`123456`), and 2.3 bits a digit.
fn digits_random(s: &str) -> bool {
    let b = s.as_bytes();
    let mut counts = [0u32; 10];
    for d in b {
        counts[(d - b'0') as usize] += 1;
    }
    if counts.iter().filter(|c| **c > 0).count() < 6 || sequential(s) {
        return false;
    }
    let mut run = 1;
    for w in b.windows(2) {
        run = if w[0] == w[1] { run + 1 } else { 1 };
        if run >= 5 {
            return false;
        }
    }
    let len = b.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / len;
            -p * p.log2()
        })
        .sum();
    entropy >= 2.3
}

/// Counting up or down through six characters or more (`123456`,
/// `abcdef`, `987654`): typed, not generated. Checked on known keys'
/// bodies and numeric tokens; a value assigned to a key-like name may be a
/// test key the suites still count (`12345678-ABCD-…`).
fn sequential(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut up, mut down) = (1, 1);
    for w in b.windows(2) {
        let alnum = w[0].is_ascii_alphanumeric() && w[1].is_ascii_alphanumeric();
        let (x, y) = (w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase());
        up = if alnum && y == x.wrapping_add(1) {
            up + 1
        } else {
            1
        };
        down = if alnum && x == y.wrapping_add(1) {
            down + 1
        } else {
            1
        };
        if up >= 6 || down >= 6 {
            return true;
        }
    }
    false
}

/// Long and varied enough to be generated rather than written: at least
/// ten distinct characters (or eight in a short key), no long run of one
/// character, a digit or mixed case, and Shannon entropy of 3 bits a char.
fn random_enough(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 8 {
        return false;
    }
    let mut counts = [0u32; 256];
    for b in bytes {
        counts[*b as usize] += 1;
    }
    let distinct = counts.iter().filter(|c| **c > 0).count();
    if distinct < if bytes.len() >= 20 { 10 } else { 7 } {
        return false;
    }
    let mut run = 1;
    for w in bytes.windows(2) {
        run = if w[0] == w[1] { run + 1 } else { 1 };
        if run >= 6 {
            return false;
        }
    }
    let lower = s.to_ascii_lowercase();
    if [
        "example",
        "xxxx",
        "sample",
        "dummy",
        "placeholder",
        "changeme",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return false;
    }
    let mixed = s.bytes().any(|b| b.is_ascii_digit())
        || (s.bytes().any(|b| b.is_ascii_uppercase()) && s.bytes().any(|b| b.is_ascii_lowercase()));
    let len = bytes.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / len;
            -p * p.log2()
        })
        .sum();
    mixed && entropy >= 3.0
}

/// A value that stands for a secret without being one.
fn placeholder(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    let t = lower.trim_matches(|c: char| matches!(c, '"' | '\'' | '`'));
    if t.is_empty()
        || t.starts_with(['$', '%', '<', '[', '{', '*', '#', '@', '&'])
        || t.contains("{{")
        || t.contains("${")
        || t.contains("(")
        || t.starts_with("process.env")
        || t.starts_with("os.environ")
        || t.starts_with("env.")
        || t.starts_with("secrets.")
    {
        return true;
    }
    if [
        "null",
        "none",
        "nil",
        "true",
        "false",
        "undefined",
        "empty",
        "required",
        "optional",
        "string",
        "redacted",
        "hidden",
        "removed",
        "secret",
        "password",
        "token",
        "pass",
    ]
    .contains(&t)
    {
        return true;
    }
    if [
        "xxx",
        "***",
        "...",
        "…",
        "your",
        "example",
        "placeholder",
        "redacted",
        "dummy",
        "fake",
        "sample",
        "changeme",
        "insert",
        "replace",
        "<",
        ">",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        return true;
    }
    // An environment variable's name (`ACCESS_TOKEN`) or a dotted field
    // (`config.password`) names the secret rather than holding it.
    let upper_name = v
        .chars()
        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        && v.contains('_')
        && v.chars().any(|c| c.is_ascii_uppercase());
    let field = v.contains('.')
        && v.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        && !v.chars().any(|c| c.is_ascii_digit());
    // All the same character, whatever it is.
    let same = v.chars().all(|c| v.starts_with(c));
    upper_name || field || same
}

// `scheme://user:password@host` and `curl -u user:password`.
static USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r#"(?i)\b[a-z][a-z0-9+.\-]{1,15}://[^\s:/@?#"'<>]+:(?P<pw>[^\s@/?#"'<>]+)@[A-Za-z0-9.\-\[]"#,
        r#"|(?:^|\s)(?:-u|--user)\s+(?P<cu>"[^"\s]*"(?::"[^"\s]*")?|'[^'\s]*'|[^\s"':]*:(?:'[^'\s]*'|"[^"\s]*"|[^\s"']*))"#,
    ))
});

fn masked_password(p: &str) -> bool {
    p.starts_with(['$', '%', '<', '{', '*', '[', '.']) || p.contains("xxx") || p.ends_with('>')
}

/// The secret in `curl -u USER:PASSWORD` (quoted either way, or as
/// `"USER":"PASSWORD"`), as a span within it: the password, or the user
/// alone when the password is empty and the user looks like a key
/// (`-u sk_live_…:`). The manuals' placeholders (`user:pass`,
/// `username:password`, `test:test`) are not secrets.
fn curl_user(cu: &str) -> Option<(usize, usize)> {
    let colon = if cu.starts_with(['"', '\'']) {
        let q = cu.as_bytes()[0] as char;
        let close = cu[1..].find(q).map(|i| i + 1)?;
        // `"user":"pw"` or `"user:pw"`.
        if cu[close..].starts_with(":\"") {
            close
        } else {
            cu[1..close].find(':').map(|i| i + 1)?
        }
    } else {
        cu.find(':')?
    };
    let strip = |from: usize, to: usize| {
        let v = &cu[from..to];
        let t = v.trim_matches(['"', '\'']);
        let start = from + (v.len() - v.trim_start_matches(['"', '\'']).len());
        (start, start + t.len())
    };
    let (us, ue) = strip(0, colon);
    let (ps, pe) = strip(colon + 1, cu.len());
    let (user, pw) = (&cu[us..ue], &cu[ps..pe]);
    if pw.is_empty() {
        return random_enough(user).then_some((us, ue));
    }
    let word = pw.len() <= 8 && pw.bytes().all(|b| b.is_ascii_lowercase());
    (!masked_password(pw) && pw != user && !word).then_some((ps, pe))
}

static BEARER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i:\b(?:bearer|basic)\s+)(?P<v>[A-Za-z0-9._~+/\-]{20,}=*)"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn randomness_separates_keys_from_words_and_placeholders() {
        assert!(random_enough("HXe8DGg1iJd2AopzyxkFB7F2"));
        assert!(!random_enough("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
        assert!(!random_enough("my-bot-token"));
        assert!(!random_enough("IOSFODNN7EXAMPLE"));
        assert!(placeholder("ACCESS_TOKEN"));
        assert!(placeholder("$API_KEY"));
        assert!(placeholder("<your-token>"));
        assert!(placeholder("config.password"));
        assert!(!placeholder("hunter2"));
    }

    #[test]
    fn counting_and_versions_are_typed_not_generated() {
        assert!(sequential("AIzaSyabcdefghijklmnop"));
        assert!(sequential("dapi123456789012"));
        assert!(!sequential("HXe8DGg1iJd2AopzyxkFB7F2"));
        assert!(digits_random("8118306190547116"));
        assert!(!digits_random("1234567890123456"));
        assert!(!digits_random("1111122222333334"));
        assert!(versioned("jjwt-jackson-0.11.2"));
        assert!(versioned("SalesResults-1.2"));
        assert!(!versioned("d2LkV78zLx-t"));
    }

    #[test]
    fn curl_user_finds_the_password_or_a_key_alone() {
        let at = |cu: &'static str| curl_user(cu).map(|(s, e)| &cu[s..e]);
        assert_eq!(at("elastic:P@ssw0rd$1"), Some("P@ssw0rd$1"));
        assert_eq!(at("\":d2LkV78zLx!t\""), Some("d2LkV78zLx!t"));
        assert_eq!(at("\"d2LkV78zLx!t:\""), Some("d2LkV78zLx!t"));
        assert_eq!(at("kevin:'pRf7vG2h1L8nQkW9'"), Some("pRf7vG2h1L8nQkW9"));
        assert_eq!(at("user:pass"), None);
        assert_eq!(at("'test:test'"), None);
        assert_eq!(at("\"username:password\""), None);
        assert_eq!(at("<user:password>"), None);
    }
}
