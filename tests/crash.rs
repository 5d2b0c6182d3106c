//! The disk's failures and a killed write's leftovers (issue 30): a
//! read-only journal is still read, a full disk rolls a write back as a
//! kill would, casebook's own state that is not what it expects is moved
//! aside and rebuilt, and what a killed atomic write leaves is removed by
//! the next command.

mod common;

use common::{TestEnv, err};
use serde_json::json;
use std::path::Path;

/// Makes `dir` read-only for as long as the guard lives: a read-only bind
/// mount where that is allowed (root ignores file modes), else the modes.
struct ReadOnly {
    dir: std::path::PathBuf,
    mounted: bool,
}

impl ReadOnly {
    fn make(dir: &Path) -> Option<ReadOnly> {
        let run = |args: &[&str]| {
            std::process::Command::new(args[0])
                .args(&args[1..])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let d = dir.to_str().unwrap();
        if run(&["mount", "--bind", d, d]) {
            if run(&["mount", "-o", "remount,bind,ro", d]) {
                return Some(ReadOnly {
                    dir: dir.to_path_buf(),
                    mounted: true,
                });
            }
            run(&["umount", d]);
        }
        run(&["chmod", "-R", "a-w", d]);
        // Root writes through file modes: then there is no way to test here.
        if std::fs::write(dir.join(".probe"), b"").is_ok() {
            let _ = std::fs::remove_file(dir.join(".probe"));
            run(&["chmod", "-R", "u+w", d]);
            return None;
        }
        Some(ReadOnly {
            dir: dir.to_path_buf(),
            mounted: false,
        })
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let d = self.dir.to_str().unwrap();
        let cmd = if self.mounted {
            vec!["umount", d]
        } else {
            vec!["chmod", "-R", "u+w", d]
        };
        let _ = std::process::Command::new(cmd[0]).args(&cmd[1..]).status();
    }
}

#[test]
fn a_read_only_journal_lists_searches_shows_and_reviews() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "refund loop",
            "-m",
            "the annual plan",
        ])
        .assert()
        .success();
    env.cb().arg("list").assert().success();
    let Some(_ro) = ReadOnly::make(&env.journal) else {
        eprintln!("skipped: cannot make a folder read-only here");
        return;
    };
    for args in [
        vec!["list"],
        vec!["search", "refund"],
        vec!["show", "@"],
        vec!["status"],
        vec!["review"],
    ] {
        let a = env.cb().args(&args).assert();
        let code = a.get_output().status.code();
        assert_eq!(code, Some(0), "{args:?}: {}", err(&a));
    }
    assert_eq!(env.hits(&["refund"]), vec!["refund loop".to_string()]);
}

#[test]
fn a_read_only_journal_with_a_stale_index_says_so_once_and_reads_on() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "refund loop", "-m", "x"])
        .assert()
        .success();
    env.cb().arg("list").assert().success();
    // A commit made with plain git: the index is now behind HEAD.
    env.write("notes.txt", b"by hand\n");
    env.git(&["add", "notes.txt"]);
    env.git(&["commit", "-qm", "by hand"]);
    let Some(_ro) = ReadOnly::make(&env.journal) else {
        eprintln!("skipped: cannot make a folder read-only here");
        return;
    };
    let a = env.cb().args(["search", "refund"]).assert().success();
    assert_eq!(err(&a).matches("read-only").count(), 1, "{}", err(&a));
}

#[test]
fn a_search_index_path_that_is_a_file_is_moved_aside_and_rebuilt() {
    let env = TestEnv::new();
    let index = env.journal.join(".git/casebook/index");
    let _ = std::fs::remove_dir_all(&index);
    std::fs::write(&index, b"not a folder").unwrap();
    // The write lands and says so with exit 0.
    env.cb()
        .args(["new", "note", "--title", "refund loop", "-m", "x"])
        .assert()
        .success();
    assert!(index.is_dir());
    assert_eq!(env.hits(&["refund"]), vec!["refund loop".to_string()]);
    let aside = std::fs::read_dir(env.journal.join(".git/casebook"))
        .unwrap()
        .flatten()
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("index.moved-aside-")
        });
    assert!(aside, "the file was moved aside, not deleted");
    // reindex works on it too.
    std::fs::remove_dir_all(&index).unwrap();
    std::fs::write(&index, b"again").unwrap();
    env.cb().arg("reindex").assert().success();
    assert!(index.is_dir());
}

#[test]
fn the_next_command_removes_what_a_killed_atomic_write_left() {
    let env = TestEnv::new();
    let head = env.git(&["rev-parse", "HEAD"]);
    let folder = "people/ana-lima/2026/11";
    let half = format!("{folder}/.casebook-Ab12Cd.tmp");
    env.write(&half, b"+++\nkind = \"note\"\n");
    env.write(".git/casebook/write-intent.json.tmp", b"{\"head\":");
    std::fs::write(
        env.journal.join(".git/casebook/write-intent.json"),
        json!({"head": head.trim(), "private_head": null,
               "paths": [format!("{folder}/2026-11-24-x-abcdabcdabcd.md")]})
        .to_string(),
    )
    .unwrap();
    env.cb().arg("status").assert().success();
    assert!(!env.journal.join(&half).exists());
    assert!(
        !env.journal
            .join(".git/casebook/write-intent.json.tmp")
            .exists()
    );
    assert!(!env.journal.join(".git/casebook/write-intent.json").exists());
    assert!(
        env.git(&["status", "--porcelain", "--untracked-files=all"])
            .trim()
            .is_empty()
    );
}

#[test]
fn a_write_killed_after_moving_head_leaves_git_index_at_head() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["--json", "new", "note", "--title", "landed", "-m", "x"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let path = v["path"].as_str().unwrap().to_string();
    let before = env.git(&["rev-parse", "HEAD~1"]);
    // HEAD moved, but git's index still has the parent's tree.
    env.git(&["read-tree", before.trim()]);
    std::fs::write(
        env.journal.join(".git/casebook/write-intent.json"),
        json!({"head": before.trim(), "private_head": null, "paths": [path]}).to_string(),
    )
    .unwrap();
    env.cb().arg("list").assert().success();
    assert!(env.clean(), "{}", env.git(&["status", "--porcelain"]));
}

#[test]
fn a_full_disk_rolls_back_an_undo_and_the_next_command_finishes_it() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["--json", "new", "note", "--title", "kept", "-m", "v1"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let path = v["path"].as_str().unwrap().to_string();
    env.cb().args(["edit", "@", "-m", "v2"]).assert().success();
    let head = env.git(&["rev-parse", "HEAD"]);
    // Undo writes the file back as v1: the disk is full.
    let a = env
        .cb()
        .env("CASEBOOK_TEST_ENOSPC", "2026-11-24-kept")
        .arg("undo")
        .assert()
        .failure();
    let e = err(&a);
    assert!(e.contains("No space left on device"), "{e}");
    assert!(e.contains("kept"), "names the path: {e}");
    assert_eq!(env.git(&["rev-parse", "HEAD"]), head, "nothing committed");
    // The disk has room again: the next command finds the journal whole.
    env.cb().arg("status").assert().success();
    assert!(env.clean(), "{}", env.git(&["status", "--porcelain"]));
    assert!(env.journal.join(&path).exists());
    assert!(
        std::fs::read_to_string(env.journal.join(&path))
            .unwrap()
            .contains("v2")
    );
    env.cb().arg("check").assert().success();
}

#[test]
fn a_full_disk_leaves_no_file_of_a_failed_new_behind() {
    let env = TestEnv::new();
    let commits = env.commits();
    let a = env
        .cb()
        .env("CASEBOOK_TEST_ENOSPC", "people/ana-lima")
        .args(["new", "note", "--title", "refused", "-m", "words typed"])
        .assert()
        .failure();
    assert!(err(&a).contains("No space left on device"), "{}", err(&a));
    assert_eq!(env.commits(), commits);
    assert!(
        env.git(&["status", "--porcelain", "--untracked-files=all"])
            .trim()
            .is_empty()
    );
    env.cb().arg("check").assert().success();
}

#[test]
fn a_write_commits_only_its_own_change_whatever_else_is_staged() {
    let env = TestEnv::new();
    // What a program killed halfway (or the user) left staged.
    env.write("people/ana-lima/foreign.md", b"not this write's\n");
    env.git(&["add", "people/ana-lima/foreign.md"]);
    env.cb()
        .args(["new", "note", "--title", "mine", "-m", "x"])
        .assert()
        .success();
    let changed = env.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(changed.lines().count(), 1, "{changed}");
    assert!(!changed.contains("foreign"), "{changed}");
}

#[test]
fn a_purge_killed_between_moving_head_and_checking_out_is_finished_and_keeps_nothing() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "--json",
            "new",
            "note",
            "--title",
            "call",
            "-m",
            "case ZD-1 secret words",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let path = v["path"].as_str().unwrap().to_string();
    let old = env.git(&["rev-parse", "HEAD"]).trim().to_string();
    // What purge does before its checkout: a rewritten commit, HEAD on it.
    let text = std::fs::read_to_string(env.journal.join(&path)).unwrap();
    let erased = text.replace("secret words", "[purged]");
    std::fs::write(env.journal.join(&path), &erased).unwrap();
    env.git(&["add", &path]);
    let tree = env.git(&["write-tree"]).trim().to_string();
    let parent = env.git(&["rev-parse", "HEAD~1"]).trim().to_string();
    let new = env
        .git(&["commit-tree", &tree, "-p", &parent, "-m", "note: call"])
        .trim()
        .to_string();
    env.git(&["update-ref", "refs/heads/main", &new]);
    env.git(&["read-tree", &old]);
    std::fs::write(env.journal.join(&path), &text).unwrap();
    std::fs::write(
        env.journal.join(".git/casebook/write-intent.json"),
        json!({"op": "purge", "head": old, "private_head": null, "paths": [path]}).to_string(),
    )
    .unwrap();
    env.cb().arg("status").assert().success();
    assert!(env.clean(), "{}", env.git(&["status", "--porcelain"]));
    assert!(
        !std::fs::read_to_string(env.journal.join(&path))
            .unwrap()
            .contains("secret")
    );
    let drafts = common::walk(&env.journal.join(".git/casebook/drafts"));
    assert!(
        drafts.iter().all(|d| !std::fs::read_to_string(d)
            .unwrap_or_default()
            .contains("secret")),
        "the erased text was kept: {drafts:?}"
    );
}
