//! `cargo +nightly fuzz run parse_entry`: the entry parser and the
//! personal-data guard on arbitrary bytes. Neither may panic or hang; an
//! accepted entry must survive being written and read again.
#![no_main]

use casebook::entry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = "people/ana-lima/2026/11/2026-11-24-x-kkkkmmmmnnnn.md";
    if let Ok(parsed) = entry::parse(&text, path) {
        let again = entry::parse(&parsed.entry.to_markdown(), path);
        assert!(again.is_ok(), "a written entry failed to parse");
    }
    let finds = casebook::pii::Guard::default().scan(&text);
    let _ = casebook::pii::redact(&text, &finds);
});
