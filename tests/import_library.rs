//! The import called as a library (`casebook::import`), without the binary:
//! the parsers' typed errors with their source location, and `reconcile`
//! matching an import against a real temporary journal by identity.

use casebook::entry::{Entry, Kind};
use casebook::import::{self, Format, Request};
use casebook::journal::Journal;
use casebook::session::Session;
use casebook::write::{Item, OnPersonalData, WriteRequest};
use std::path::Path;

fn session(dir: &Path) -> Session {
    let journal = Journal::init(&dir.join("journal"), Some(("ana-lima", "Ana Lima"))).unwrap();
    Session::quiet(journal)
}

fn commit(s: &mut Session, entries: Vec<Entry>) {
    let items = entries
        .into_iter()
        .map(|entry| Item::Entry { entry, path: None })
        .collect();
    let request =
        WriteRequest::of("import", items, "import: test").with_policy(OnPersonalData::Allow, false);
    s.write(request, &mut |_| unreachable!()).unwrap();
}

fn text_request(text: &str, format: Format) -> Request {
    Request {
        text: text.to_string(),
        format: Some(format),
        person: Some("ana-lima".into()),
        ..Request::default()
    }
}

#[test]
fn parsers_name_the_line_of_each_invalid_record() {
    let read = import::read(&text_request(
        "{\"title\": \"ok\", \"date\": \"2025-01-02\"}\nnot json\n{\"title\": \"t\", \"date\": \"someday\"}\n",
        Format::Jsonl,
    ))
    .unwrap();
    assert_eq!(read.entries.len(), 1);
    let at: Vec<String> = read.errors.iter().map(|e| e.location.to_string()).collect();
    assert_eq!(at, vec!["stdin:2", "stdin:3"]);
    assert_eq!(read.errors[1].location.line, Some(3));
    assert!(read.errors[0].message.starts_with("not JSON"));
    // The library's own error keeps the place.
    let e = casebook::Error::from(read.errors[1].clone());
    assert_eq!(e.kind(), casebook::ErrorKind::Invalid);
    assert_eq!(e.location().unwrap().line, Some(3));

    let csv = "title,date,private\nA,2025-01-02,maybe\nB,07/08/2025,\n";
    let mut req = text_request(csv, Format::Csv);
    req.maps = vec!["private=private".into()];
    let read = import::read(&req).unwrap();
    let errors: Vec<(String, String)> = read
        .errors
        .into_iter()
        .map(|e| (e.location.to_string(), e.message))
        .collect();
    assert_eq!(errors[0].0, "stdin:2: column 'private'");
    assert_eq!(errors[1].0, "stdin:3: column 'date'");
    assert!(errors[1].1.contains("--date-format"), "{}", errors[1].1);

    let md = "---\ntitle: Note\ndate: \"{{format-date now}}\"\n---\nbody\n";
    let read = import::read(&text_request(md, Format::Markdown)).unwrap();
    assert_eq!(read.errors[0].location.to_string(), "stdin:3");
    assert!(read.errors[0].message.contains("placeholder"));
}

#[test]
fn import_errors_are_typed() {
    let mut req = text_request("title,date\nA,2025-01-02\n", Format::Jsonl);
    req.maps = vec!["title=title".into()];
    let e = import::read(&req).unwrap_err();
    assert_eq!(e.kind, import::ErrorKind::Usage);
    let e = import::read(&text_request("[2025-03-30 01:30] Night.\n", Format::Jrnl)).unwrap_err();
    assert_eq!(e.kind, import::ErrorKind::Failure);
    assert!(e.hint.unwrap().contains("jrnl --export json"));
}

fn zk_note(id: &str, text: &str) -> Entry {
    let mut e = Entry::new(Kind::Note, id, "ana-lima", casebook::clock::now());
    e.imported_from = Some(format!("zk:{id}"));
    e.import_hash = Some(format!("{:016x}", casebook::entry::path_hash(text)));
    e.body = text.to_string();
    e
}

/// The plan for re-importing `again` into a journal of `journal` plus
/// `filler` other entries: (new, updated with the old id kept, skipped).
fn plan_of(journal: Vec<Entry>, filler: usize, again: Vec<Entry>) -> (usize, usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = session(tmp.path());
    let base = casebook::clock::now() - chrono::Duration::days(30);
    let mut all = journal.clone();
    for i in 0..filler {
        all.push(Entry::new(
            Kind::Note,
            &format!("filler {i}"),
            "ana-lima",
            base + chrono::Duration::hours(i as i64),
        ));
    }
    commit(&mut s, all);
    let plan = import::reconcile(&mut s, again, false).unwrap();
    let mut updated = 0;
    for (e, path) in &plan.items {
        if let Some(path) = path {
            updated += 1;
            let old = journal
                .iter()
                .find(|o| o.imported_from == e.imported_from)
                .unwrap();
            assert_eq!(e.id, old.id, "an update keeps the entry's id");
            assert!(path.ends_with(&format!("-{}.md", old.id)), "{path}");
        }
    }
    (plan.items.len() - updated, updated, plan.skipped)
}

/// The same answer whether the journal is small beside the import (one
/// pass over the index) or large (a look-up per identity).
#[test]
fn reconcile_matches_by_identity_in_small_and_large_journals() {
    let at = casebook::clock::now() - chrono::Duration::days(3);
    let jrnl = Entry::new(Kind::Note, "Night shift", "ana-lima", at);
    let journal = vec![zk_note("2w0e", "one"), zk_note("3hcv", "two"), jrnl.clone()];
    let again = || {
        let mut same_time = Entry::new(Kind::Note, "Night shift", "ana-lima", at);
        same_time.body = "jrnl has no id".into();
        vec![
            zk_note("2w0e", "one"),
            zk_note("3hcv", "two, edited"),
            same_time,
            zk_note("new1", "new"),
        ]
    };
    assert_eq!(plan_of(journal.clone(), 0, again()), (1, 1, 2));
    assert_eq!(plan_of(journal, 60, again()), (1, 1, 2));
}
