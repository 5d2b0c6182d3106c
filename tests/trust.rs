//! What casebook promises about customer data, crashes and hostile input,
//! each checked on a real journal through the real binary.

mod common;

use common::{TestEnv, terminal, walk};
use serde_json::json;

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn all_entry_text(env: &TestEnv) -> String {
    env.git(&["grep", "-h", "-e", ".", "HEAD", "--", "people"])
}

const PII_BODY: &str =
    "Customer jane.doe@acme.io paid with 4111 1111 1111 1111, call her on +44 20 7946 0958.";

#[test]
fn personal_data_is_refused_with_its_line_and_kind_and_the_text_is_kept() {
    let env = TestEnv::new();
    let before = env.commits();
    let a = env
        .cb()
        .args(["new", "note", "--title", "Refund call", "-m", PII_BODY])
        .assert()
        .code(1);
    let err = stderr(&a);
    assert!(err.contains("an email address (j***@acme.io)"), "{err}");
    assert!(err.contains("a payment card number (…1111)"), "{err}");
    assert!(err.contains("a phone number"), "{err}");
    // The line of the body in the file and the column are named.
    assert!(err.contains(".md:12:10: an email address"), "{err}");
    assert!(
        err.contains("--redact") && err.contains("--allow-pii"),
        "{err}"
    );
    // The full values are never echoed.
    assert!(!err.contains("jane.doe@acme.io") && !err.contains("4111 1111 1111 1111"));
    assert_eq!(env.commits(), before, "nothing committed");
    assert!(env.clean());
    // Nothing typed is lost: the draft holds the whole text.
    let drafts = env.journal.join(".git/casebook/drafts");
    let kept: Vec<_> = std::fs::read_dir(&drafts)
        .unwrap()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|x| x == "md"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(
        std::fs::read_to_string(kept[0].path())
            .unwrap()
            .contains(PII_BODY)
    );
}

#[test]
fn redact_replaces_each_find_with_its_label() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "--json",
            "new",
            "note",
            "--title",
            "Refund call",
            "-m",
            PII_BODY,
            "--redact",
        ])
        .assert()
        .success();
    let out: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(out["warnings"].as_array().unwrap().len(), 3, "{out}");
    let text = std::fs::read_to_string(env.journal.join(out["path"].as_str().unwrap())).unwrap();
    assert!(
        text.contains("Customer [email] paid with [card], call her on [phone]."),
        "{text}"
    );
    assert!(!all_entry_text(&env).contains("acme.io"));
}

#[test]
fn allow_pii_commits_and_reports_what_it_let_through() {
    let env = TestEnv::new();
    let before = env.commits();
    let a = env
        .cb()
        .args([
            "--json",
            "new",
            "note",
            "--title",
            "t",
            "-m",
            "from 203.0.113.77",
            "--allow-pii",
        ])
        .assert()
        .success();
    let out: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert!(
        out["warnings"][0]
            .as_str()
            .unwrap()
            .contains("an IP address"),
        "{out}"
    );
    assert_eq!(env.commits(), before + 1);
    // Editing the entry later does not re-litigate what was allowed...
    env.cb()
        .args(["edit", out["id"].as_str().unwrap(), "--tag", "network"])
        .assert()
        .success();
    // ...but new personal data in an edit is caught.
    env.cb()
        .args([
            "edit",
            out["id"].as_str().unwrap(),
            "-m",
            "now also bob@globex.net",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("an email address"));
    assert_eq!(env.commits(), before + 2);
}

#[test]
fn references_dates_versions_and_order_ids_are_not_personal_data() {
    let env = TestEnv::new();
    let body = "ZD-4821 reopened on 2026-11-24 at 10:15:30 (24.11.2026). \
                Upgraded 4.12.1 -> v5.0.2.1, build 2026.11.3. Order 123456789012, \
                #4111111111111111, ORD-2026-000123-77, invoice 2024-0042. \
                12,500 users, $1,234.56, 99.95% uptime, ratio 16:9, commit 3f2a9c1e8b7d. \
                Docs at help@example.com. Password reset link expired.";
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "A clean note",
            "-m",
            body,
            "--case",
            "ZD-4821",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("personal").not());
}

#[test]
fn team_rules_allow_domains_deny_names_and_extra_patterns() {
    let env = TestEnv::new();
    let config = env.journal.join("casebook.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text
        .replace("allow_domains = []", "allow_domains = [\"ourco.com\"]")
        .replace("deny_names = []", "deny_names = [\"Globex Corporation\"]")
        .replace(
            "extra_patterns = []",
            "extra_patterns = ['\\bACCT-\\d{6}\\b']",
        );
    std::fs::write(&config, text).unwrap();
    env.git(&["commit", "-qam", "team pii rules"]);
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "t",
            "-m",
            "asked ana@ourco.com and ops@eu.ourco.com",
        ])
        .assert()
        .success();
    let a = env
        .cb()
        .args([
            "new",
            "note",
            "--title",
            "t",
            "-m",
            "globex corporation, account ACCT-123456",
        ])
        .assert()
        .code(1);
    let err = stderr(&a);
    assert!(err.contains("a listed customer name"), "{err}");
    assert!(err.contains("text matching a team pattern"), "{err}");
    // A broken rule names the file.
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("ACCT-\\d{6}\\b", "ACCT-(\\d{6}\\b")).unwrap();
    env.cb()
        .args(["new", "note", "--title", "t", "-m", "fine"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "casebook.toml [pii] extra_patterns",
        ));
}

#[test]
fn every_writing_command_is_guarded() {
    let env = TestEnv::new();
    let before = env.commits();
    // jot
    env.cb()
        .args(["jot", "ZD-1", "mail", "bob@globex.net"])
        .assert()
        .code(1);
    // import: all or nothing
    let file = env.root.join("in.jsonl");
    std::fs::write(
        &file,
        [
            json!({"kind": "note", "date": "2026-11-01", "title": "clean", "body": "nothing here"}),
            json!({"kind": "note", "date": "2026-11-01", "title": "dirty", "body": "IBAN GB82 WEST 1234 5698 7654 32"}),
        ]
        .iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join("\n"),
    )
    .unwrap();
    let a = env
        .cb()
        .args(["import", file.to_str().unwrap()])
        .assert()
        .code(1);
    assert!(stderr(&a).contains("an IBAN"), "{}", stderr(&a));
    assert_eq!(env.commits(), before);
    env.cb()
        .args(["import", file.to_str().unwrap(), "--redact"])
        .assert()
        .success();
    assert!(all_entry_text(&env).contains("IBAN [iban]"));
    // resolve
    let a = env
        .cb()
        .args([
            "--json",
            "new",
            "diagnosis",
            "--title",
            "SSO",
            "--field",
            "prediction=expired cert",
            "-m",
            "x",
        ])
        .assert()
        .success();
    let id = serde_json::from_str::<serde_json::Value>(&stdout(&a)).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let n = env.commits();
    env.cb()
        .args([
            "resolve",
            &id,
            "--actual",
            "key sk_live_4eC39HqLyjWDarjtT1zdp7dc leaked",
            "--verdict",
            "miss",
        ])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("an API key or secret"));
    assert_eq!(env.commits(), n);
}

#[test]
fn check_pii_scans_files_and_history() {
    let env = TestEnv::new();
    // Written by hand and committed with plain git: the guard never saw it.
    env.write(
        "people/ana-lima/2026/11/2026-11-02-call-kkkkmmmmnnnn.md",
        b"+++\nid = \"kkkkmmmmnnnn\"\nkind = \"note\"\ntitle = \"call\"\nperson = \"ana-lima\"\ncreated = 2026-11-02T10:00:00Z\n+++\n\nphone (555) 123-4567\n",
    );
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "by hand"]);
    let a = env.cb().args(["check", "--pii"]).assert().code(1);
    let out = stdout(&a);
    assert!(
        out.contains("2026-11-02-call-kkkkmmmmnnnn.md:9:7: a phone number (…4567)"),
        "{out}"
    );
    // Edited away: the files are clean, the history is not.
    env.write(
        "people/ana-lima/2026/11/2026-11-02-call-kkkkmmmmnnnn.md",
        b"+++\nid = \"kkkkmmmmnnnn\"\nkind = \"note\"\ntitle = \"call\"\nperson = \"ana-lima\"\ncreated = 2026-11-02T10:00:00Z\n+++\n\nphone [phone]\n",
    );
    env.git(&["commit", "-qam", "scrubbed"]);
    env.cb().args(["check", "--pii"]).assert().success();
    let a = env
        .cb()
        .args(["check", "--pii", "--history"])
        .assert()
        .code(1);
    let out = stdout(&a);
    let first = env.git(&["rev-parse", "--short=7", "HEAD~1"]);
    assert!(
        out.contains(&format!(
            "{}:people/ana-lima/2026/11/2026-11-02-call-kkkkmmmmnnnn.md:9:7: a phone number",
            first.trim()
        )),
        "{out}"
    );
    let json = env.json(&["check", "--pii", "--history"]);
    assert_eq!(json["problems"][0]["pii"], "phone");
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn git_hooks_in_a_journal_never_run() {
    let env = TestEnv::new();
    let remote = env.root.join("remote.git");
    let out = std::process::Command::new("git")
        .args(["init", "-q", "--bare"])
        .arg(&remote)
        .output()
        .unwrap();
    assert!(out.status.success());
    env.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let marker = env.root.join("hook-ran");
    let hooks = env.journal.join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    for hook in [
        "pre-commit",
        "post-commit",
        "commit-msg",
        "pre-push",
        "post-merge",
        "pre-auto-gc",
        "reference-transaction",
    ] {
        let path = hooks.join(hook);
        std::fs::write(
            &path,
            format!("#!/bin/sh\necho {hook} >> '{}'\n", marker.display()),
        )
        .unwrap();
        let mut perm = std::fs::metadata(&path).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
        std::fs::set_permissions(&path, perm).unwrap();
    }
    env.cb()
        .args(["new", "note", "--title", "t", "-m", "x"])
        .assert()
        .success();
    env.cb().args(["sync"]).assert().success();
    assert!(
        !marker.exists(),
        "a hook ran: {:?}",
        std::fs::read_to_string(&marker)
    );
}

#[test]
fn names_that_become_paths_cannot_escape_the_journal() {
    let env = TestEnv::new();
    for person in ["../../outside", "/etc/passwd", "..", "a/../../b"] {
        let a = env
            .cb()
            .args([
                "--json",
                "new",
                "note",
                "--title",
                "../../../escape",
                "--person",
                person,
                "-m",
                "x",
            ])
            .assert();
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&a.get_output().stdout) {
            let path = v["path"].as_str().unwrap();
            assert!(
                path.starts_with("people/") && !path.contains(".."),
                "{path}"
            );
        }
    }
    assert!(!env.root.join("outside").exists());
    let leaked: Vec<_> = walk(&env.root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| !p.starts_with(&env.journal))
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

#[test]
fn symlinks_out_of_the_journal_are_not_followed() {
    let env = TestEnv::new();
    let secret = env.root.join("secret.md");
    std::fs::write(
        &secret,
        "+++\nid = \"ppppqqqqrrrr\"\nkind = \"note\"\ntitle = \"outside secret\"\nperson = \"ana-lima\"\ncreated = 2026-11-02T10:00:00Z\n+++\n\nzebraword\n",
    )
    .unwrap();
    let link = env
        .journal
        .join("people/ana-lima/2026/11/2026-11-02-link-ppppqqqqrrrr.md");
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "a symlink"]);
    env.cb().args(["search", "zebraword"]).assert().code(1);
    let a = env.cb().args(["check"]).assert();
    assert!(!stdout(&a).contains("outside secret"));
    env.cb().args(["show", "pppp"]).assert().code(2);
}

#[test]
fn hostile_files_are_reported_not_fatal() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "good one", "-m", "kept"])
        .assert()
        .success();
    let dir = "people/ana-lima/2026/11";
    // Deeply nested TOML, a huge array, binary bytes, a 100 MB file.
    let nested = format!(
        "+++\nid = \"kkkkllllmmmm\"\nkind = \"note\"\ntitle = \"deep\"\nperson = \"ana-lima\"\ncreated = 2026-11-02T10:00:00Z\nx = {}{}\n+++\nbody\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    env.write(
        &format!("{dir}/2026-11-02-deep-kkkkllllmmmm.md"),
        nested.as_bytes(),
    );
    let huge_array = format!(
        "+++\nid = \"kkkkllllnnnn\"\nkind = \"note\"\ntitle = \"wide\"\nperson = \"ana-lima\"\ncreated = 2026-11-02T10:00:00Z\ntags = [{}]\n+++\nbody\n",
        vec!["\"t\""; 200_000].join(",")
    );
    env.write(
        &format!("{dir}/2026-11-02-wide-kkkkllllnnnn.md"),
        huge_array.as_bytes(),
    );
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    binary.splice(0..0, b"+++\n".iter().copied());
    env.write(&format!("{dir}/2026-11-02-bin-kkkkllllpppp.md"), &binary);
    let mut big = b"+++\nid = \"kkkkllllqqqq\"\nkind = \"note\"\ntitle = \"big\"\nperson = \"ana-lima\"\ncreated = 2026-11-02T10:00:00Z\n+++\n".to_vec();
    big.resize(100 << 20, b'a');
    env.write(&format!("{dir}/2026-11-02-big-kkkkllllqqqq.md"), &big);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "hostile files"]);
    let a = env
        .cb()
        .args(["check"])
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(1);
    let out = stdout(&a);
    // The wide one is valid, only large: it must simply not hang anything.
    for name in ["deep", "bin", "big"] {
        assert!(
            out.contains(&format!("2026-11-02-{name}-")),
            "{name} not reported: {out}"
        );
    }
    // The rest of the journal keeps working.
    let hits = env.hits(&["kept"]);
    assert_eq!(hits, vec!["good one".to_string()]);
    env.cb()
        .args(["list"])
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .success();
}

#[test]
fn control_sequences_never_reach_the_terminal_raw() {
    let env = TestEnv::new();
    let evil = "Refund \u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mred\u{9b}31m";
    env.cb()
        .args(["new", "note", "--title", evil, "-m", evil, "--tag", "esc"])
        .assert()
        .success();
    for args in [
        vec!["list"],
        vec!["show", "@"],
        vec!["search", "refund"],
        vec!["log"],
        vec!["case", "--help"],
        vec!["tags"],
    ] {
        let a = env.cb().args(&args).assert();
        let out = stdout(&a) + &stderr(&a);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
    }
}

/// A small deterministic generator: the kill points differ per iteration
/// but every run of the test is the same run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn killing_writers_at_random_points_never_breaks_the_journal() {
    let env = TestEnv::new();
    let batch = env.root.join("batch.jsonl");
    let records: Vec<String> = (0..300)
        .map(|i| {
            json!({"kind": "note", "date": "2026-10-01", "title": format!("imported {i}"), "body": "lorem ipsum ".repeat(50)})
                .to_string()
        })
        .collect();
    std::fs::write(&batch, records.join("\n")).unwrap();
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "seed",
            "--field",
            "prediction=p",
            "-m",
            "x",
        ])
        .assert()
        .success();
    let mut rng = Lcg(42);
    let mut rolled_back = 0;
    for i in 0..48 {
        let mut cmd = env.cb_std();
        match i % 6 {
            0 => cmd.args(["new", "note", "--title", &format!("kill {i}"), "-m", "body"]),
            1 => cmd.args(["edit", "@", "--tag", &format!("t{i}")]),
            2 => cmd.args(["import", batch.to_str().unwrap()]),
            3 => cmd.args(["resolve", "@", "--actual", "found it", "--verdict", "hit"]),
            4 => cmd.args(["reindex"]),
            _ => cmd.args(["jot", &format!("thought {i}")]),
        };
        let mut child = cmd
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.next(250)));
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup
        let _ = child.wait();
        // After every kill: git is consistent and every entry parses.
        let fsck = std::process::Command::new("git")
            .args(["fsck", "--no-progress", "--no-dangling"])
            .current_dir(&env.journal)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            fsck.status.success(),
            "iteration {i}: {}",
            String::from_utf8_lossy(&fsck.stderr)
        );
        let check = env.cb().arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "iteration {i}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        if String::from_utf8_lossy(&check.stderr).contains("interrupted write was rolled back") {
            rolled_back += 1;
        }
        let status = env.git(&["status", "--porcelain", "--untracked-files=all"]);
        assert!(
            status.lines().all(|l| !l.ends_with(".md")),
            "iteration {i}: a half-done entry was left behind: {status}"
        );
    }
    assert!(
        rolled_back > 0,
        "no kill landed inside a write; the test proves nothing"
    );
    // The next command heals the index and the next write goes through.
    env.cb()
        .args(["new", "note", "--title", "after the storm", "-m", "ok"])
        .assert()
        .success();
    let committed = env
        .git(&["ls-files", "people"])
        .lines()
        .filter(|l| l.ends_with(".md"))
        .count();
    let listed = env.json(&["list", "--team", "-n", "100000"])["entries"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(listed, committed, "the index agrees with git");
    assert_eq!(
        env.hits(&["after", "storm"]),
        vec!["after the storm".to_string()]
    );
}

#[test]
fn an_interrupted_write_is_rolled_back_and_its_text_kept() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["--json", "new", "note", "--title", "before", "-m", "v1"])
        .assert()
        .success();
    let edited: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let edited = edited["path"].as_str().unwrap().to_string();
    // The state a kill leaves between writing files and moving HEAD: one new
    // file, one changed file, both staged, and git's index lock held.
    let added = "people/ana-lima/2026/11/2026-11-24-half-kkkkmmmmpppp.md";
    env.write(added, b"+++\nid = \"kkkkmmmmpppp\"\nkind = \"note\"\ntitle = \"half\"\nperson = \"ana-lima\"\ncreated = 2026-11-24T10:00:00Z\n+++\n\nwords typed\n");
    let original = std::fs::read_to_string(env.journal.join(&edited)).unwrap();
    env.write(&edited, original.replace("v1", "v2 typed").as_bytes());
    env.git(&["add", added, &edited]);
    let head = env.git(&["rev-parse", "HEAD"]);
    std::fs::write(
        env.journal.join(".git/casebook/write-intent.json"),
        json!({"head": head.trim(), "private_head": null, "paths": [added, edited]}).to_string(),
    )
    .unwrap();
    std::fs::write(env.journal.join(".git/index.lock"), b"").unwrap();
    let a = env.cb().args(["list"]).assert().success();
    assert!(
        stderr(&a).contains("an interrupted write was rolled back (2 file(s))"),
        "{}",
        stderr(&a)
    );
    assert!(env.clean(), "{}", env.git(&["status", "--porcelain"]));
    assert_eq!(
        std::fs::read_to_string(env.journal.join(&edited)).unwrap(),
        original
    );
    assert!(!env.journal.join(added).exists());
    // Nothing typed is lost.
    let drafts = env.journal.join(".git/casebook/drafts");
    let kept: Vec<String> = walk(&drafts)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(kept.iter().any(|t| t.contains("words typed")), "{kept:?}");
    assert!(kept.iter().any(|t| t.contains("v2 typed")), "{kept:?}");
    // And the next write is not blocked by the stale index lock.
    env.cb()
        .args(["new", "note", "--title", "after", "-m", "ok"])
        .assert()
        .success();
}

#[test]
fn on_a_terminal_the_guard_asks_what_to_do() {
    let env = TestEnv::new();
    let mut cb = env.cb_std();
    cb.args([
        "new",
        "note",
        "--title",
        "call",
        "-m",
        "mail bob@globex.net",
    ]);
    let session = terminal::run(&cb, &["r\n"], "?");
    let text = &session.text;
    assert!(session.code == Some(0), "{text}");
    assert!(text.contains("[r]edact, [a]llow, or [s]top"), "{text}");
    assert!(all_entry_text(&env).contains("mail [email]"));
}
