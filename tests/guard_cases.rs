//! The personal-data guard on the cases of issue 25, "A personal-data guard
//! that is right on real text": every miss and every false positive it
//! lists, as the guard's library sees them (no journal, no binary). The
//! figures on the whole labelled corpus come from
//! `examples/guard_figures.rs`; these are the cases that must never regress.

use casebook::pii::{Guard, PiiKind};

fn finds(text: &str) -> Vec<(PiiKind, String)> {
    Guard::default()
        .scan(text)
        .into_iter()
        .map(|f| (f.kind, f.text))
        .collect()
}

#[track_caller]
fn found(text: &str, kind: PiiKind, what: &str) {
    let got = finds(text);
    assert!(
        got.iter().any(|(k, t)| *k == kind && t == what),
        "expected {kind:?} {what:?} in {text:?}, got {got:?}"
    );
}

#[track_caller]
fn found_kind(text: &str, kind: PiiKind) {
    let got = finds(text);
    assert!(
        got.iter().any(|(k, _)| *k == kind),
        "expected {kind:?} in {text:?}, got {got:?}"
    );
}

#[track_caller]
fn clean(text: &str) {
    let got = finds(text);
    assert!(got.is_empty(), "expected nothing in {text:?}, got {got:?}");
}

// ---- Misses seen

#[test]
fn a_card_after_a_reference_is_still_a_card() {
    found(
        "ZD-4821 4111111111111111",
        PiiKind::Card,
        "4111111111111111",
    );
    found(
        "#4821 4111 1111 1111 1111",
        PiiKind::Card,
        "4111 1111 1111 1111",
    );
}

#[test]
fn several_cards_in_one_line_are_each_found() {
    let got = finds("4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881");
    let cards: Vec<_> = got.iter().filter(|(k, _)| *k == PiiKind::Card).collect();
    assert_eq!(cards.len(), 3, "{got:?}");
    let got = finds("cards 4111111111111111 5500000000000004");
    assert_eq!(
        got,
        vec![
            (PiiKind::Card, "4111111111111111".to_string()),
            (PiiKind::Card, "5500000000000004".to_string())
        ]
    );
}

#[test]
fn dankort_and_maestro_are_cards() {
    found("5019717010103742", PiiKind::Card, "5019717010103742");
    found("6759649826438453", PiiKind::Card, "6759649826438453");
}

#[test]
fn an_ip_at_the_end_of_a_sentence_is_found() {
    found("The IP was 81.2.69.142.", PiiKind::Ip, "81.2.69.142");
}

#[test]
fn compressed_ipv6_is_found() {
    found("from fe80::1 on eth0", PiiKind::Ip, "fe80::1");
    found_kind("the range 2001:db8::/32", PiiKind::Ip);
}

#[test]
fn ibans_lower_case_dashed_or_in_a_sentence_are_found() {
    found(
        "iban gb82west12345698765432",
        PiiKind::Iban,
        "gb82west12345698765432",
    );
    found(
        "Dash as separator: AL47-2121-1009-0000-0002-3569-8741",
        PiiKind::Iban,
        "AL47-2121-1009-0000-0002-3569-8741",
    );
    found(
        "this is an iban VG96 VPVG 0000 0123 4567 8901 in a sentence",
        PiiKind::Iban,
        "VG96 VPVG 0000 0123 4567 8901",
    );
    found(
        "AL47212110090000000235698741 ALL CAPS",
        PiiKind::Iban,
        "AL47212110090000000235698741",
    );
}

#[test]
fn national_phones_without_spaces_are_found() {
    found("call me on 07700900123", PiiKind::Phone, "07700900123");
    found("My CN number is 13812345678", PiiKind::Phone, "13812345678");
}

#[test]
fn secrets_beyond_the_known_prefixes_are_found() {
    for text in [
        "JIRA_API_TOKEN=HXe8DGg1iJd2AopzyxkFB7F2",
        "client_secret=bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR",
        "facebook_app_secret = \"6dca6432e45d933e13650d1882bd5e69\"",
        "DB_PASSWORD=8ae31cacf141669ddfb5da",
        "password = hunter2",
        "curl -u elastic:P@ssw0rd$1 https://localhost:9200",
        "https://user:pass@host/",
        "ASIAY34FZKBOKMUTVV7A",
        "ABIAIOSFODNN7PRQ2DHX",
        "ACCAIOSFODNN7PRQ2DHX",
        "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",
        "glrt-xfZ2ajRg7nAJe_tCmTy8",
        "xapp-1-A052FGTS2DL-5171572773297-610b6a11f4b7eb819e87b767d80e6575a3634791acb9a9ead051da879eb5b55e",
        "AGE-SECRET-KEY-1QQPQZRFR7ZZ2WCV9G8JRK7ZHNQ0QF2XLXTHTLFCQ3QYKSW9ANPQQ7PHFSP",
    ] {
        found_kind(text, PiiKind::Secret);
    }
}

#[test]
fn a_secret_find_is_the_value_so_redaction_keeps_the_name() {
    let text = "DB_PASSWORD=8ae31cacf141669ddfb5da";
    let finds = Guard::default().scan(text);
    assert_eq!(casebook::pii::redact(text, &finds), "DB_PASSWORD=[secret]");
}

// ---- False positives seen

#[test]
fn order_and_purchase_numbers_are_not_phones() {
    clean("canceling purchase 00004587345?");
    clean("your order with the number 00123842");
    clean("I need help with order 4587345123 please");
    clean("invoice 0049 1511 2345, case 2026 1234 567");
}

#[test]
fn versions_builds_and_ids_are_not_personal_data() {
    clean("Chrome 131.0.6778.86 on Windows");
    clean("upgraded the firmware to 1.3.2.1 yesterday");
    clean("patched CVE-2018-10933 last week");
    clean("the OID 1.3.6.1.4.1.311.21.8 in the certificate");
    clean("created at 1689023491 and updated at 1689023555");
    clean("the flag byte was 00100000");
}

#[test]
fn mac_addresses_and_invalid_addresses_are_not_ips() {
    clean("MAC aa:bb:cc:dd:ee:ff");
    clean("the mapped address ::ffff:256.0.0.1 is invalid");
}

#[test]
fn ibans_with_a_bad_checksum_are_not_phones_or_cards() {
    clean("GB00 WEST 1234 5698 7654 32");
    clean("DE00370400440532013000");
}

#[test]
fn placeholders_and_examples_are_not_secrets() {
    clean("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    clean("token glpat-XXXXXXXXXXX-XXXXXXXX in the docs");
    clean("use xoxb-my-bot-token as the bot token");
    clean("access_token=ACCESS_TOKEN");
    clean("curl -H \"apikey: $API_KEY\" https://api.example.com");
    clean("your order {{Order Number}} has shipped");
    clean("Authorization: Bearer <your-token>");
    clean("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----");
    clean("the AWS docs use AKIAIOSFODNN7EXAMPLE as the key");
}

#[test]
fn the_guard_stays_quiet_on_support_prose() {
    clean("the password reset link expired; token: expired, password: incorrect");
    clean("Password: ******** (redacted by the customer)");
    clean("secret: see the vault, api_key: ${API_KEY}");
}
