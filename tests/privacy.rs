//! End to end: the private area, sync through a bare remote, purge,
//! retention, the allow-list warning, and the questions asked on a terminal
//! when no editor is set. Every test runs the real binary on a temporary
//! journal that is a real git repository; remotes are bare repositories on
//! disk.

mod common;

use assert_cmd::Command;
use common::terminal;
use std::path::{Path, PathBuf};

struct Env {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        std::fs::create_dir_all(root.join("home")).unwrap();
        std::fs::write(
            root.join("home/.gitconfig"),
            "[user]\n\tname = Ana Lima\n\temail = ana@example.org\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        Env { _tmp: tmp, root }
    }

    fn cmd(&self, program: &str, dir: &Path) -> std::process::Command {
        let mut c = std::process::Command::new(program);
        c.current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("HOME", self.root.join("home"))
            .env("XDG_CONFIG_HOME", self.root.join("home/.config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("CASEBOOK_NOW", "2026-11-24T10:00:00+00:00");
        c
    }

    fn cb(&self, dir: &Path) -> Command {
        let mut c = Command::cargo_bin("casebook").unwrap();
        c.current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("HOME", self.root.join("home"))
            .env("XDG_CONFIG_HOME", self.root.join("home/.config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("CASEBOOK_NOW", "2026-11-24T10:00:00+00:00");
        c
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.cmd("git", dir).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// A journal for Ana with a bare remote as origin.
    fn journal_with_remote(&self) -> (PathBuf, PathBuf) {
        let remote = self.root.join("remote.git");
        self.git(
            &self.root,
            &[
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                remote.to_str().unwrap(),
            ],
        );
        let j = self.root.join("ana");
        self.cb(&self.root)
            .args([
                "init",
                j.to_str().unwrap(),
                "--person",
                "Ana Lima",
                "--remote",
                remote.to_str().unwrap(),
            ])
            .assert()
            .success();
        (j, remote)
    }
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

#[test]
fn private_entries_never_reach_the_remote_and_stay_out_of_default_packs() {
    let env = Env::new();
    let (j, remote) = env.journal_with_remote();
    env.cb(&j)
        .args([
            "new",
            "postmortem",
            "--title",
            "Where I lost her",
            "-m",
            "zanzibar-secret misread",
            "--private",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&j)
        .args([
            "new",
            "note",
            "--title",
            "Public",
            "-m",
            "shared text",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&j).arg("sync").assert().success();

    // Nothing private in any object the remote holds.
    let log = env.git(&remote, &["log", "--all", "-p"]);
    assert!(log.contains("shared text"), "the public entry was pushed");
    assert!(!log.contains("zanzibar"), "private text reached the remote");
    assert!(
        env.git(&j, &["status", "--porcelain"]).is_empty(),
        "git status is clean"
    );

    // Searchable when asked, absent otherwise.
    env.cb(&j).args(["search", "zanzibar"]).assert().code(1);
    let a = env
        .cb(&j)
        .args(["search", "zanzibar", "--include-private", "--json"])
        .assert()
        .success();
    assert!(stdout(&a).contains("Where I lost her"));

    // Not in the default pack; in the person's own pack when asked.
    let a = env
        .cb(&j)
        .args(["review", "--format", "json"])
        .assert()
        .success();
    assert!(!stdout(&a).contains("Where I lost her"));
    let a = env
        .cb(&j)
        .args(["review", "--format", "json", "--include-private"])
        .assert()
        .success();
    assert!(stdout(&a).contains("Where I lost her"));
}

#[test]
fn two_clones_that_edit_the_same_entry_lose_nothing() {
    let env = Env::new();
    let (a, remote) = env.journal_with_remote();
    let a_out = env
        .cb(&a)
        .args([
            "new",
            "note",
            "--title",
            "Shared",
            "-m",
            "v1",
            "--no-edit",
            "--json",
        ])
        .assert()
        .success();
    let id: serde_json::Value = serde_json::from_str(&stdout(&a_out)).unwrap();
    let id = id["id"].as_str().unwrap().to_string();
    env.cb(&a).arg("sync").assert().success();

    let b = env.root.join("bo");
    env.cb(&env.root)
        .args([
            "clone",
            remote.to_str().unwrap(),
            b.to_str().unwrap(),
            "--person",
            "Bo Chen",
        ])
        .assert()
        .success();
    env.cb(&b)
        .args([
            "new",
            "note",
            "--title",
            "From Bo",
            "-m",
            "bo's entry",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&b)
        .args(["edit", &id, "-m", "bo's version"])
        .assert()
        .success();
    env.cb(&b).arg("sync").assert().success();

    env.cb(&a)
        .args(["edit", &id, "-m", "ana's version"])
        .assert()
        .success();
    let s = env.cb(&a).arg("sync").assert().success();
    assert!(
        stderr(&s).contains("conflict"),
        "sync names the conflict copy: {}",
        stderr(&s)
    );

    // Both versions and Bo's new entry are in Ana's journal.
    let all = env.git(&a, &["grep", "-l", "'s version", "--", "people"]);
    assert_eq!(
        all.lines().count(),
        2,
        "ours and the conflict copy: {all}\n{}",
        env.git(&a, &["log", "--stat", "-3"])
    );
    assert!(all.contains(".conflict-"));
    env.cb(&a).args(["search", "bo's entry"]).assert().success();
    let c = env.cb(&a).arg("check").assert().code(1);
    assert!(
        stdout(&c).contains(".conflict-"),
        "check lists the unresolved conflict"
    );
    assert!(env.git(&a, &["status", "--porcelain"]).is_empty());
    // Once merged by hand, the copy is removed with casebook (it used to
    // be "not a committed entry").
    let copy = all
        .lines()
        .find(|l| l.contains(".conflict-"))
        .unwrap()
        .trim();
    env.cb(&a).args(["show", copy]).assert().success();
    env.cb(&a).args(["rm", copy, "--yes"]).assert().success();
    env.cb(&a).arg("check").assert().success();
    assert!(env.git(&a, &["status", "--porcelain"]).is_empty());
}

#[test]
fn sync_without_a_remote_says_how_to_add_one() {
    let env = Env::new();
    let j = env.root.join("j");
    env.cb(&env.root)
        .args(["init", j.to_str().unwrap(), "--person", "Ana Lima"])
        .assert()
        .success();
    let before = env.git(&j, &["rev-parse", "HEAD"]);
    let a = env.cb(&j).arg("sync").assert().code(1);
    assert!(stderr(&a).contains("no remote"), "{}", stderr(&a));
    assert!(stderr(&a).contains("git remote add"), "{}", stderr(&a));
    assert_eq!(env.git(&j, &["rev-parse", "HEAD"]), before);
}

#[test]
fn a_remote_off_the_allow_list_is_warned_about() {
    let env = Env::new();
    let (j, _remote) = env.journal_with_remote();
    let cfg = j.join("casebook.toml");
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "allowed_hosts = []",
        "allowed_hosts = [\"git.acme.example\"]",
    );
    std::fs::write(&cfg, text).unwrap();
    env.git(&j, &["commit", "-qam", "allow list"]);
    let a = env.cb(&j).arg("sync").assert().success();
    assert!(stderr(&a).contains("allow-list"), "{}", stderr(&a));
}

#[test]
fn purge_leaves_no_trace_in_history() {
    let env = Env::new();
    let (j, _remote) = env.journal_with_remote();
    env.cb(&j)
        .args([
            "new",
            "postmortem",
            "--title",
            "Refund fight",
            "--case",
            "ZD-4821",
            "-m",
            "customer of ZD-4821 was furious",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&j)
        .args([
            "new",
            "note",
            "--title",
            "Aside",
            "-m",
            "compare with zd-4821 later",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&j)
        .args([
            "new",
            "note",
            "--title",
            "Unrelated",
            "-m",
            "kept as is",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&j).arg("sync").assert().success(); // remote-tracking refs hold the old history too
    // Refuses without confirmation when not on a terminal.
    env.cb(&j).args(["purge", "ZD-4821"]).assert().code(2);

    let a = env
        .cb(&j)
        .args(["purge", "ZD-4821", "--yes"])
        .assert()
        .success();
    assert!(stdout(&a).contains("rewritten"));
    assert!(
        stderr(&a).contains("push --force"),
        "tells what to do on other clones"
    );
    let log = env.git(&j, &["log", "-p", "--all"]).to_lowercase();
    assert!(!log.contains("zd-4821"), "the case is gone from history");
    assert!(log.contains("kept as is"));
    env.cb(&j)
        .args(["search", "compare"])
        .assert()
        .success()
        .stdout(predicates::str::contains("[purged]"));
    env.cb(&j).args(["search", "furious"]).assert().code(1);
    assert!(env.git(&j, &["status", "--porcelain"]).is_empty());
}

#[test]
fn retention_expires_case_text_and_keeps_the_learning() {
    let env = Env::new();
    let (j, _remote) = env.journal_with_remote();
    env.cb(&j)
        .args([
            "new",
            "diagnosis",
            "--title",
            "Old SSO loop",
            "--case",
            "ZD-1",
            "--date",
            "2025-01-10",
            "--field",
            "prediction=cert expired",
            "--field",
            "verdict=hit",
            "-m",
            "customer details here",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb(&j)
        .args([
            "new",
            "note",
            "--title",
            "Recent",
            "--case",
            "ZD-2",
            "-m",
            "recent details",
            "--no-edit",
        ])
        .assert()
        .success();
    let cfg = j.join("casebook.toml");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("case_text_days = 0", "case_text_days = 180");
    std::fs::write(&cfg, text).unwrap();
    env.git(&j, &["commit", "-qam", "retention"]);

    env.cb(&j)
        .args(["purge", "--expired", "--yes"])
        .assert()
        .success();
    let log = env.git(&j, &["log", "-p", "--all"]);
    assert!(
        !log.contains("customer details here"),
        "old case text gone from history"
    );
    assert!(log.contains("recent details"), "recent text kept");
    // The entry and its figures stay.
    let a = env
        .cb(&j)
        .args([
            "list",
            "--kind",
            "diagnosis",
            "--field",
            "verdict=hit",
            "--json",
        ])
        .assert()
        .success();
    assert!(stdout(&a).contains("Old SSO loop"));
}

#[test]
fn questions_on_a_terminal_when_no_editor_is_set() {
    let env = Env::new();
    let j = env.root.join("j");
    env.cb(&env.root)
        .args(["init", j.to_str().unwrap(), "--person", "Ana Lima"])
        .assert()
        .success();
    // Drive the binary through a pseudo-terminal, answering each question.
    let mut cb = env.cmd(
        assert_cmd::cargo::cargo_bin("casebook").to_str().unwrap(),
        &j,
    );
    cb.args(["new", "diagnosis"]);
    let answers = [
        "SSO loop after domain move\n",
        "the IdP posts to the old URL\n",
        "70\n",
        "\n",
        "Every user of the tenant loops at login.\n",
        "\n",
    ];
    let session = terminal::run(&cb, &answers, "?:>)");
    let text = &session.text;
    assert!(session.success(), "{text}");
    assert!(text.contains("Title"), "asked for the title: {text}");
    let a = env
        .cb(&j)
        .args(["list", "--kind", "diagnosis", "--json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    let e = &json["entries"][0];
    assert_eq!(e["title"], "SSO loop after domain move");
    assert_eq!(e["fields"]["prediction"], "the IdP posts to the old URL");
    assert_eq!(e["fields"]["confidence"], 70);
    env.cb(&j).args(["search", "tenant"]).assert().success();
}

#[test]
fn jot_then_new_from_draft_keeps_every_word() {
    let env = Env::new();
    let j = env.root.join("j");
    env.cb(&env.root)
        .args(["init", j.to_str().unwrap(), "--person", "Ana Lima"])
        .assert()
        .success();
    let a = env
        .cb(&j)
        .args([
            "jot",
            "ZD-4821",
            "nearly lost her at 'policy'; naming the refund date calmed her",
        ])
        .assert()
        .success();
    let id = stdout(&a).split_whitespace().next().unwrap().to_string();
    let s = env.cb(&j).arg("status").assert().success();
    assert!(
        stdout(&s).contains("nearly lost her"),
        "status lists the draft"
    );
    env.cb(&j)
        .args(["review", "--format", "json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("nearly lost").not());

    let before = env.git(&j, &["rev-list", "--count", "HEAD"]);
    env.cb(&j)
        .args([
            "new",
            "postmortem",
            "--from-draft",
            &id[..6],
            "--title",
            "Policy near-loss",
            "--no-edit",
        ])
        .assert()
        .success();
    let after = env.git(&j, &["rev-list", "--count", "HEAD"]);
    assert_eq!(
        after.trim().parse::<u32>().unwrap(),
        before.trim().parse::<u32>().unwrap() + 1,
        "one commit"
    );
    let a = env.cb(&j).args(["list", "--json"]).assert().success();
    let json: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        1,
        "the draft is gone, the post-mortem is there"
    );
    assert_eq!(entries[0]["kind"], "postmortem");
    assert_eq!(entries[0]["case"], "ZD-4821");
    env.cb(&j)
        .args(["search", "refund date calmed"])
        .assert()
        .success();
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn concurrent_syncs_from_three_clones_lose_nothing() {
    let env = Env::new();
    let (a, remote) = env.journal_with_remote();
    env.cb(&a).arg("sync").assert().success();
    let mut clones = vec![a.clone()];
    for name in ["Bo Chen", "Cy Diaz"] {
        let dir = env
            .root
            .join(name.split(' ').next().unwrap().to_lowercase());
        env.cb(&env.root)
            .args([
                "clone",
                remote.to_str().unwrap(),
                dir.to_str().unwrap(),
                "--person",
                name,
            ])
            .assert()
            .success();
        clones.push(dir);
    }
    for (i, dir) in clones.iter().enumerate() {
        for k in 0..3 {
            env.cb(dir)
                .args([
                    "new",
                    "note",
                    "--title",
                    &format!("Clone {i} entry {k}"),
                    "-m",
                    "from everywhere",
                    "--no-edit",
                ])
                .assert()
                .success();
        }
    }
    // All three sync at once; a push that loses the race fetches and retries.
    let children: Vec<_> = clones
        .iter()
        .map(|dir| {
            let mut c = env.cmd(
                assert_cmd::cargo::cargo_bin("casebook").to_str().unwrap(),
                dir,
            );
            c.arg("sync")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // One more round brings everyone up to date.
    for dir in &clones {
        env.cb(dir).arg("sync").assert().success();
    }
    for dir in &clones {
        let a = env
            .cb(dir)
            .args(["list", "--json", "--count"])
            .assert()
            .success();
        let n: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
        assert_eq!(n["count"], 9, "{}", dir.display());
        assert!(env.git(dir, &["status", "--porcelain"]).is_empty());
    }
}

#[test]
fn killing_sync_leaves_a_valid_journal() {
    let env = Env::new();
    let (a, remote) = env.journal_with_remote();
    let records: Vec<String> = (0..400)
        .map(|i| format!("{{\"kind\":\"note\",\"title\":\"Bulk {i}\",\"body\":\"text {i}\",\"date\":\"2026-02-0{}\",\"person\":\"ana-lima\"}}", 1 + i % 9))
        .collect();
    std::fs::write(env.root.join("bulk.jsonl"), records.join("\n")).unwrap();
    env.cb(&a)
        .args(["import", env.root.join("bulk.jsonl").to_str().unwrap()])
        .assert()
        .success();
    env.cb(&a).arg("sync").assert().success();
    env.cb(&a)
        .args([
            "new",
            "note",
            "--title",
            "Ana later",
            "-m",
            "y",
            "--no-edit",
        ])
        .assert()
        .success();
    let b = env.root.join("bo");
    env.cb(&env.root)
        .args([
            "clone",
            remote.to_str().unwrap(),
            b.to_str().unwrap(),
            "--person",
            "Bo Chen",
        ])
        .assert()
        .success();
    env.cb(&b)
        .args([
            "new",
            "note",
            "--title",
            "Bo was here",
            "-m",
            "x",
            "--no-edit",
        ])
        .assert()
        .success();
    for delay_ms in [5u64, 20, 60, 150] {
        let mut child = env
            .cmd(
                assert_cmd::cargo::cargo_bin("casebook").to_str().unwrap(),
                &a,
            )
            .arg("sync")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever point it died at, the journal reads and the next sync works.
        env.cb(&a).arg("check").assert().success();
        env.cb(&a).args(["search", "Bulk"]).assert().success();
    }
    env.cb(&b).arg("sync").assert().success();
    env.cb(&a).arg("sync").assert().success();
    env.cb(&a)
        .args(["search", "Bo was here"])
        .assert()
        .success();
    let a_count = env
        .cb(&a)
        .args(["list", "--json", "--count"])
        .assert()
        .success();
    let n: serde_json::Value = serde_json::from_str(&stdout(&a_count)).unwrap();
    assert_eq!(n["count"], 402);
}

#[test]
fn network_failures_and_rejected_pushes_are_clear_and_change_nothing() {
    let env = Env::new();
    let (a, remote) = env.journal_with_remote();
    env.cb(&a)
        .args(["new", "note", "--title", "Local", "-m", "x", "--no-edit"])
        .assert()
        .success();
    let head = env.git(&a, &["rev-parse", "HEAD"]);

    // The remote refuses every push.
    let hook = remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'policy: read-only' >&2\nexit 1\n").unwrap();
    let mut perm = std::fs::metadata(&hook).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&hook, perm).unwrap();
    let s = env.cb(&a).arg("sync").assert().code(1);
    assert!(stderr(&s).contains("could not push"), "{}", stderr(&s));
    assert_eq!(env.git(&a, &["rev-parse", "HEAD"]), head);

    // The remote cannot be reached at all.
    env.git(
        &a,
        &["remote", "set-url", "origin", "/nonexistent/nowhere.git"],
    );
    let s = env.cb(&a).arg("sync").assert().code(1);
    assert!(stderr(&s).contains("could not fetch"), "{}", stderr(&s));
    assert!(stderr(&s).contains("nothing was changed"), "{}", stderr(&s));
    assert_eq!(env.git(&a, &["rev-parse", "HEAD"]), head);
    assert!(env.git(&a, &["status", "--porcelain"]).is_empty());
}

/// A fresh `git init --bare` names `master` as its HEAD while casebook
/// pushes `main`: the teammate who clones it still gets the journal, and the
/// first clone's branch follows the remote for plain git.
#[test]
fn a_clone_of_a_remote_whose_head_names_another_branch_gets_the_journal() {
    let env = Env::new();
    let remote = env.root.join("remote.git");
    env.git(
        &env.root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "master",
            remote.to_str().unwrap(),
        ],
    );
    let ana = env.root.join("ana");
    env.cb(&env.root)
        .args(["init", ana.to_str().unwrap(), "--person", "Ana Lima"])
        .assert()
        .success();
    env.git(&ana, &["remote", "add", "origin", remote.to_str().unwrap()]);
    env.cb(&ana)
        .args(["jot", "ZD-1", "first jot from Ana"])
        .assert()
        .success();
    env.cb(&ana).arg("sync").assert().success();
    assert_eq!(
        env.git(&ana, &["rev-parse", "--abbrev-ref", "main@{upstream}"])
            .trim(),
        "origin/main"
    );
    let ben = env.root.join("ben");
    let a = env
        .cb(&env.root)
        .args([
            "clone",
            remote.to_str().unwrap(),
            ben.to_str().unwrap(),
            "--person",
            "Ben Ortiz",
        ])
        .assert()
        .success();
    assert!(
        !stderr(&a).contains("may not be a casebook journal"),
        "{}",
        stderr(&a)
    );
    assert!(ben.join("casebook.toml").exists());
    let list = env
        .cb(&ben)
        .args(["list", "--person", "ana-lima"])
        .assert()
        .success();
    assert!(
        stdout(&list).contains("first jot from Ana"),
        "{}",
        stdout(&list)
    );
    env.cb(&ben)
        .args(["jot", "ZD-2", "Ben's jot"])
        .assert()
        .success();
    env.cb(&ben).arg("sync").assert().success();
}
