//! Property tests for the entry parser, run in CI: whatever bytes sit in an
//! entry file, parsing ends (no panic, no hang) with an entry or a located
//! problem, and what casebook writes it reads back unchanged. The fuzz
//! target in `fuzz/` explores the same function without a time limit.

use casebook::entry::{self, Entry, Kind};
use proptest::prelude::*;

const PATH: &str = "people/ana-lima/2026/11/2026-11-24-x-kkkkmmmmnnnn.md";

fn front_matter_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("id = \"kkkkmmmmnnnn\"".to_string()),
        Just("kind = \"note\"".to_string()),
        Just("kind = \"diagnosis\"".to_string()),
        Just("title = \"t\"".to_string()),
        Just("created = 2026-11-24T10:00:00Z".to_string()),
        Just("tags = [\"a\", \"b\"]".to_string()),
        Just("confidence = 150".to_string()),
        Just("[fields]".to_string()),
        "[a-z_]{1,8} = \"[^\"\\\\]{0,12}\"",
        "[a-z_]{1,8} = [0-9]{1,20}",
        "[a-z_]{1,8} = \\[{1,40}",
        "\\PC{0,30}",
    ];
    (prop::collection::vec(line, 0..12), "\\PC{0,200}")
        .prop_map(|(lines, body)| format!("+++\n{}\n+++\n{}", lines.join("\n"), body))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_parse_or_report_a_located_problem(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        match entry::parse(&text, PATH) {
            Ok(parsed) => for p in parsed.problems { prop_assert!(p.line >= 1 && p.column >= 1); },
            Err(p) => prop_assert!(p.line >= 1 && p.column >= 1),
        }
    }

    #[test]
    fn front_matter_shaped_text_never_panics(text in front_matter_like()) {
        match entry::parse(&text, PATH) {
            Ok(parsed) => {
                // Whatever was accepted can be written and read again.
                let again = entry::parse(&parsed.entry.to_markdown(), PATH);
                prop_assert!(again.is_ok());
            }
            Err(p) => prop_assert!(p.line <= text.lines().count().max(1) + 1),
        }
    }

    #[test]
    fn what_casebook_writes_it_reads_back(
        title in "[A-Za-z0-9(\\[]\\PC{0,79}",
        body in "\\PC{0,400}",
        tags in prop::collection::vec("[a-z][a-z0-9-]{0,10}", 0..4),
    ) {
        let created = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").unwrap();
        let mut e = Entry::new(Kind::Note, &title, "ana-lima", created);
        e.body = body;
        e.tags = tags;
        let text = e.to_markdown();
        let parsed = entry::parse(&text, PATH).map_err(|p| TestCaseError::fail(p.to_string()))?;
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        prop_assert_eq!(parsed.entry.title.trim(), e.title.trim());
        prop_assert_eq!(parsed.entry.body.trim_end(), e.body.trim_end());
        prop_assert_eq!(&parsed.entry.tags, &e.tags);
    }
}
