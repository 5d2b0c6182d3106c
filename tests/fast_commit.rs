//! The fast commit path: small writes splice `.git/index` as bytes instead of
//! having libgit2 rewrite it. Plain git must not be able to tell: the work
//! tree is clean, the stat data is right, and the cache-tree is exactly the
//! one git would build (folder ids and entry counts).
//!
//! `CASEBOOK_TEST_COMMIT_PATH=splice` (debug builds) turns a fallback to the
//! libgit2 path into an error, so these tests prove the fast path ran.

mod common;

use common::{TestEnv, err, out};
use std::collections::BTreeSet;
use std::path::Path;

fn splice(env: &TestEnv) -> assert_cmd::Command {
    let mut cmd = env.cb();
    cmd.env("CASEBOOK_TEST_COMMIT_PATH", "splice");
    cmd
}

fn new_at(env: &TestEnv, when: &str, title: &str) -> String {
    let a = splice(env)
        .env("CASEBOOK_NOW", when)
        .args(["new", "note", "--title", title, "-m", "a body", "--no-edit"])
        .assert()
        .success();
    out(&a).split_whitespace().next().unwrap().to_string()
}

/// Runs `new` forcing the fast path, which must step aside saying `why`.
fn assert_splice_refuses(env: &TestEnv, body: &str, why: &str) {
    let refused = splice(env)
        .args(["new", "note", "--title", "Refused", "-m", body, "--no-edit"])
        .assert()
        .failure();
    assert!(err(&refused).contains(why), "{}", err(&refused));
}

/// One folder of a cache-tree: path, entry count, subtree count, tree id.
type Folder = (String, i64, usize, Option<String>);

/// The cache-tree (`TREE` extension) of an index file, as a set of folders.
fn cache_tree(index: &Path) -> BTreeSet<Folder> {
    let b = std::fs::read(index).unwrap();
    let be32 = |at: usize| u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let mut pos = 12;
    for _ in 0..be32(8) {
        let name_len = (u16::from_be_bytes([b[pos + 60], b[pos + 61]]) & 0xfff) as usize;
        pos += (62 + name_len + 8) & !7;
    }
    while pos < b.len() - 20 {
        let len = be32(pos + 4);
        if &b[pos..pos + 4] == b"TREE" {
            let data = &b[pos + 8..pos + 8 + len];
            let mut folders = BTreeSet::new();
            let mut at = 0;
            read_folder(data, &mut at, "", &mut folders);
            assert_eq!(at, data.len(), "the whole extension is one tree");
            return folders;
        }
        pos += 8 + len;
    }
    panic!("{} has no cache-tree", index.display());
}

fn read_folder(data: &[u8], at: &mut usize, parent: &str, out: &mut BTreeSet<Folder>) {
    let nul = *at + data[*at..].iter().position(|c| *c == 0).unwrap();
    let name = std::str::from_utf8(&data[*at..nul]).unwrap();
    let newline = nul + data[nul..].iter().position(|c| *c == b'\n').unwrap();
    let counts = std::str::from_utf8(&data[nul + 1..newline]).unwrap();
    let (entries, subtrees) = counts.split_once(' ').unwrap();
    let (entries, subtrees): (i64, usize) = (entries.parse().unwrap(), subtrees.parse().unwrap());
    *at = newline + 1;
    let oid = (entries >= 0).then(|| {
        let hex: String = data[*at..*at + 20]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        *at += 20;
        hex
    });
    let path = match (parent, name) {
        ("", name) => name.to_string(),
        (parent, name) => format!("{parent}/{name}"),
    };
    for _ in 0..subtrees {
        read_folder(data, at, &path, out);
    }
    out.insert((path, entries, subtrees, oid));
}

/// Everything plain git can check about the index after a write.
fn assert_git_agrees(env: &TestEnv) {
    assert!(
        env.clean(),
        "git status: {}",
        env.git(&["status", "--porcelain"])
    );
    // diff-files does not refresh: a wrong stat record shows up here.
    assert_eq!(env.git(&["diff-files", "--name-only"]), "");
    assert_eq!(
        env.git(&["diff-index", "--cached", "--name-only", "HEAD"]),
        ""
    );
    // write-tree trusts valid cache-tree folders: a wrong id shows up here.
    assert_eq!(
        env.git(&["write-tree"]),
        env.git(&["rev-parse", "HEAD^{tree}"])
    );
    // And the cache-tree is the one git builds itself from HEAD.
    let ours = cache_tree(&env.journal.join(".git/index"));
    let theirs_path = env.root.join("index-from-git");
    let status = std::process::Command::new("git")
        .current_dir(&env.journal)
        .env("GIT_INDEX_FILE", &theirs_path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", env.root.join("home"))
        .args(["read-tree", "HEAD"])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(ours, cache_tree(&theirs_path));
    let _ = std::fs::remove_file(theirs_path);
}

#[test]
fn new_entries_in_new_and_existing_folders_splice_the_index() {
    let env = TestEnv::new();
    new_at(&env, "2026-11-24T10:00:00+00:00", "First of the month");
    assert_git_agrees(&env);
    new_at(&env, "2026-11-25T10:00:00+00:00", "Second of the month");
    assert_git_agrees(&env);
    // A new month and a new year: folders the cache-tree did not have.
    new_at(&env, "2027-01-02T10:00:00+00:00", "New year");
    assert_git_agrees(&env);
    assert_eq!(env.commits(), 4);
    assert!(env.hits(&["year"]).contains(&"New year".to_string()));
    let folders = cache_tree(&env.journal.join(".git/index"));
    assert!(
        folders
            .iter()
            .any(|(path, entries, ..)| path == "people/ana-lima/2027/01" && *entries == 1)
    );
}

#[test]
fn edits_replace_the_entry_and_removals_drop_empty_folders() {
    let env = TestEnv::new();
    let first = new_at(&env, "2026-11-24T10:00:00+00:00", "Stays");
    let lonely = new_at(&env, "2027-03-01T10:00:00+00:00", "Alone in its year");
    assert_git_agrees(&env);

    splice(&env)
        .args(["edit", &first, "-m", "a better body"])
        .assert()
        .success();
    assert_git_agrees(&env);
    let shown = env.cb().args(["show", &first]).assert().success();
    assert!(out(&shown).contains("a better body"));

    splice(&env)
        .args(["rm", &lonely, "--yes"])
        .assert()
        .success();
    assert_git_agrees(&env);
    assert!(!env.journal.join("people/ana-lima/2027").exists());
    let folders = cache_tree(&env.journal.join(".git/index"));
    assert!(!folders.iter().any(|(path, ..)| path.contains("2027")));

    // libgit2 reads what the splice wrote: undo goes through it.
    env.cb().args(["undo"]).assert().success();
    assert!(env.journal.join("people/ana-lima/2027").exists());
    assert!(env.clean());
}

#[test]
fn plain_git_keeps_working_after_spliced_writes() {
    let env = TestEnv::new();
    new_at(&env, "2026-11-24T10:00:00+00:00", "Before git");
    env.write("notes-by-hand.txt", b"written outside casebook\n");
    env.git(&["add", "notes-by-hand.txt"]);
    env.git(&["commit", "-q", "-m", "by hand"]);
    // git's own commit leaves a cache-tree the splice accepts again.
    new_at(&env, "2026-11-25T10:00:00+00:00", "After git");
    assert_git_agrees(&env);
    // `git` asserts success and shows stderr on failure.
    env.git(&["fsck", "--strict", "--no-dangling"]);
}

#[test]
fn something_staged_by_hand_takes_the_libgit2_path() {
    let env = TestEnv::new();
    new_at(&env, "2026-11-24T10:00:00+00:00", "Clean start");
    env.write("staged.txt", b"staged by hand\n");
    env.git(&["add", "staged.txt"]);

    assert_splice_refuses(&env, "x", "the index differs from HEAD");

    // Without the test switch the write goes through libgit2, and commits
    // only its own change (issue 30): the file staged by hand stays staged.
    env.cb()
        .args(["new", "note", "--title", "Normal", "-m", "x", "--no-edit"])
        .assert()
        .success();
    assert_eq!(env.git(&["status", "--porcelain"]), "A  staged.txt\n");
    assert!(
        !env.git(&["show", "--name-only", "HEAD"])
            .contains("staged.txt")
    );
    // Once the user commits it, the next write is fast again.
    env.git(&["commit", "-q", "-m", "by hand"]);
    new_at(&env, "2026-11-26T10:00:00+00:00", "Fast again");
    assert_git_agrees(&env);
}

#[test]
fn an_attribute_that_converts_content_is_honoured() {
    let env = TestEnv::new();
    // `ident` makes git store `$Id$` whatever the file says there.
    env.write(".gitattributes", b"*.md ident\n");
    env.git(&["add", ".gitattributes"]);
    env.git(&["commit", "-q", "-m", "attributes"]);
    let body = "see $Id: typed by hand $ here";

    assert_splice_refuses(&env, body, "converts content");

    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "Filtered",
            "-m",
            body,
            "--no-edit",
        ])
        .assert()
        .success();
    // Git stores what the filter made, as `git add` would.
    let committed = env.git(&["log", "-p", "-1", "--format="]);
    assert!(committed.contains("+see $Id$ here"), "{committed}");
}

#[test]
fn a_lock_held_by_git_is_reported_not_overwritten() {
    let env = TestEnv::new();
    new_at(&env, "2026-11-24T10:00:00+00:00", "Before the lock");
    let lock = env.journal.join(".git/index.lock");
    std::fs::write(&lock, b"").unwrap();
    let a = env
        .cb()
        .args([
            "new",
            "note",
            "--title",
            "Locked out",
            "-m",
            "x",
            "--no-edit",
        ])
        .assert()
        .failure();
    assert!(err(&a).contains("index.lock"), "{}", err(&a));
    assert!(lock.exists(), "someone else's lock is left alone");
}

#[test]
fn a_damaged_index_is_refused_not_hashed_again_as_whole() {
    let env = TestEnv::new();
    new_at(&env, "2026-11-24T10:00:00+00:00", "Before the damage");
    // Flip one byte inside the first entry's path, in place: same file,
    // same size, so only the checksum can tell.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let index = env.journal.join(".git/index");
    let mut bytes = std::fs::read(&index).unwrap();
    bytes[12 + 62] ^= 0x20;
    std::fs::OpenOptions::new()
        .write(true)
        .open(&index)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    assert_splice_refuses(&env, "x", "checksum");
}

fn count_objects(env: &TestEnv) -> (u64, u64) {
    let out = env.git(&["count-objects", "-v"]);
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap()
    };
    (field("count:"), field("in-pack:"))
}

fn notes(from: usize, to: usize) -> Vec<serde_json::Value> {
    (from..to)
        .map(|i| {
            serde_json::json!({"kind": "note", "title": format!("Imported {i}"), "body": format!("body {i}"),
                "date": format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28), "person": "Ana Lima"})
        })
        .collect()
}

#[test]
fn a_bulk_import_is_written_as_one_pack_of_only_new_objects() {
    let env = TestEnv::new();
    let (loose_before, packed_before) = count_objects(&env);
    env.import(&notes(0, 200));
    let (loose, packed) = count_objects(&env);
    // 200 blobs and their folders in one pack; only the commit is loose.
    assert!(packed - packed_before >= 200, "{packed}");
    assert!(loose - loose_before <= 2, "{loose} loose objects");
    assert_git_agrees(&env);

    // A second import packs what is new, not the whole tree again.
    env.import(&notes(200, 300));
    let (_, packed_again) = count_objects(&env);
    let added = packed_again - packed;
    assert!((100..200).contains(&added), "{added} objects packed");
    assert_git_agrees(&env);
    assert_eq!(env.json(&["list", "--count"])["count"], 300);
    // `git` asserts success and shows stderr on failure.
    env.git(&["fsck", "--strict", "--no-dangling"]);
}

#[test]
fn the_search_index_catches_up_with_the_commit_while_it_is_written() {
    let env = TestEnv::new();
    new_at(&env, "2026-11-24T10:00:00+00:00", "Builds the index");
    let written = splice(&env)
        .args(["-v", "new", "note", "--title", "Kerfuffle at the till"])
        .args(["-m", "a body", "--no-edit"])
        .assert()
        .success();
    assert!(
        err(&written).contains("index: 1 updated"),
        "{}",
        err(&written)
    );
    // HEAD moved as `git commit` moves it, reflog included.
    assert_eq!(
        env.git(&["reflog", "-1", "--format=%gs"]).trim(),
        "commit: note: Kerfuffle at the till"
    );
    assert_git_agrees(&env);
    // The next reader finds the index at HEAD, with nothing left to do.
    let found = env
        .cb()
        .args(["-v", "search", "kerfuffle"])
        .assert()
        .success();
    assert!(out(&found).contains("Kerfuffle at the till"));
    assert!(!err(&found).contains("index:"), "{}", err(&found));

    // With no index to bring along, the write still leaves one at HEAD.
    std::fs::remove_dir_all(env.journal.join(".git/casebook/index")).unwrap();
    new_at(&env, "2026-11-26T10:00:00+00:00", "Hullabaloo in billing");
    let found = env
        .cb()
        .args(["-v", "search", "hullabaloo"])
        .assert()
        .success();
    assert!(out(&found).contains("Hullabaloo in billing"));
    assert!(!err(&found).contains("index:"), "{}", err(&found));
}

/// The index generations on disk: only the one `CURRENT` names should be.
fn index_generations(env: &TestEnv) -> Vec<String> {
    let root = env.journal.join(".git/casebook/index");
    let mut dirs: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|d| d.path().is_dir())
        .map(|d| d.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn an_import_builds_the_search_index_beside_its_write() {
    let env = TestEnv::new();
    env.import(&notes(0, 10));
    let mut records = notes(10, 210);
    records.push(
        serde_json::json!({"kind": "note", "title": "Hushed kerfuffle",
        "body": "kept to myself", "date": "2025-03-03", "person": "Ana Lima", "private": true}),
    );
    let imported = env.import_with(&["-v"], &records).success();
    assert!(
        err(&imported).contains("index: built beside the write"),
        "{}",
        err(&imported)
    );
    // Everything is in it: the entries kept, the new ones, the private one.
    assert!(
        err(&imported).contains("index: 211 updated"),
        "{}",
        err(&imported)
    );
    for (word, title) in [
        ("imported 3", "Imported 3"),
        ("imported 150", "Imported 150"),
        ("kerfuffle", "Hushed kerfuffle"),
    ] {
        let search = ["-v", "search", "--include-private", word];
        let found = env.cb().args(search).assert().success();
        assert!(out(&found).contains(title), "{word}: {}", out(&found));
        // The index is at HEAD: nothing left for the reader to do.
        assert!(!err(&found).contains("index:"), "{}", err(&found));
    }
    assert_eq!(index_generations(&env).len(), 1);

    // The same as an index rebuilt from the files.
    assert_same_after_reindex(&env, 211);
}

/// A bug in the index work beside a write (a panic, forced here in debug
/// builds) is reported as a warning: the write itself succeeded, and the
/// next command brings the index up to date.
#[test]
fn a_panic_in_the_index_work_beside_a_write_is_a_warning_and_the_write_stands() {
    let env = TestEnv::new();
    env.import(&notes(0, 10));
    let said = "warning: the search index could not be updated beside this write";
    let before = env.commits();
    let written = splice(&env)
        .env("CASEBOOK_TEST_PANIC", "beside")
        .args([
            "new",
            "note",
            "--title",
            "Quiet kerfuffle",
            "-m",
            "b",
            "--no-edit",
        ])
        .assert()
        .success();
    assert!(err(&written).contains(said), "{}", err(&written));
    let errors = err(&written)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .count();
    assert_eq!(errors, 0, "{}", err(&written));
    assert_eq!(env.commits(), before + 1, "the entry is committed");
    assert_eq!(env.hits(&["kerfuffle"]), ["Quiet kerfuffle"]);

    let imported = env
        .import_command(&["-v"], &notes(10, 210))
        .env("CASEBOOK_TEST_PANIC", "beside")
        .assert()
        .success();
    assert!(err(&imported).contains(said), "{}", err(&imported));
    assert!(
        !err(&imported).contains("built beside"),
        "{}",
        err(&imported)
    );
    // The unfinished build beside the import left nothing behind.
    assert_eq!(index_generations(&env).len(), 1);
    assert_eq!(env.hits(&["imported 150"])[0], "Imported 150");
    assert_same_after_reindex(&env, 211);
}

/// `list` gives the same answer after `reindex` (and holds `count` entries).
fn assert_same_after_reindex(env: &TestEnv, count: u64) {
    let list = ["list", "--include-private", "--limit", "1000"];
    let listed = env.json(&list);
    env.cb().arg("reindex").assert().success();
    let relisted = env.json(&list);
    let titles = |v: &serde_json::Value| -> Vec<String> {
        let entries = v["entries"].as_array().unwrap();
        entries.iter().map(|e| e["title"].to_string()).collect()
    };
    assert_eq!(titles(&listed), titles(&relisted));
    assert!(
        listed == relisted,
        "the same titles in order, other fields differ"
    );
    assert_eq!(relisted["entries"].as_array().unwrap().len() as u64, count);
}

#[test]
fn an_index_built_beside_a_write_that_failed_is_thrown_away() {
    let env = TestEnv::new();
    env.import(&notes(0, 10));
    let before = index_generations(&env);
    // Git's index unreadable: the import fails after the build has begun.
    std::fs::write(env.journal.join(".git/index"), b"").unwrap();
    env.import_with(&["-v"], &notes(10, 210)).failure();
    assert_eq!(index_generations(&env), before);
    env.git(&["read-tree", "HEAD"]);
    let found = env.cb().args(["search", "imported 3"]).assert().success();
    assert!(out(&found).contains("Imported 3"));
    assert_eq!(env.json(&["list", "--count"])["count"], 10);
}

#[test]
fn an_import_git_stores_differently_is_indexed_from_what_git_stored() {
    let env = TestEnv::new();
    // `ident` makes git store `$Id$` where the file says `$Id: anything $`.
    env.write(".gitattributes", b"*.md ident\n");
    env.git(&["add", ".gitattributes"]);
    env.git(&["commit", "-q", "-m", "attributes"]);
    let mut records = notes(0, 200);
    records[7]["body"] = "see $Id: local-marker $ for details".into();
    let imported = env.import_with(&["-v"], &records).success();
    assert!(
        !err(&imported).contains("built beside"),
        "{}",
        err(&imported)
    );
    assert_same_after_reindex(&env, 200);
}
