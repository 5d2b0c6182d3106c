//! The write pipeline end to end: each case of issue 22 ("One write
//! pipeline") as the binary shows it. Customer data never reaches a commit
//! subject or a file name after `--redact`; a dry run refuses what a real
//! run refuses; what was typed is kept as a draft that one pasted command
//! finishes; an editor session that produced nothing commits nothing.

mod common;

use common::{TestEnv, err, out};

const CARD: &str = "4111 1111 1111 1111";
const EMAIL: &str = "jane.doe@acme.io";

/// Every subject and every path in the journal's history.
fn history_text(env: &TestEnv) -> String {
    env.git(&["log", "--all", "--format=%B", "--name-only"])
}

fn assert_no_customer_data(env: &TestEnv) {
    let history = history_text(env);
    for needle in [CARD, "4111-1111", EMAIL, "jane-doe", "acme-io", "jane.doe"] {
        assert!(!history.contains(needle), "{needle} in history:\n{history}");
    }
    let tree = env.git(&["ls-files"]);
    assert!(!tree.contains("4111") && !tree.contains("jane"), "{tree}");
}

#[test]
fn jot_redact_reaches_subject_and_file_name() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "jot",
            "ZD-7731",
            &format!("card {CARD} from {EMAIL}"),
            "--redact",
        ])
        .assert()
        .success();
    // Two pieces (the jot's title repeats its text: counted once).
    assert!(err(&a).contains("redacted 2 pieces"), "{}", err(&a));
    assert_no_customer_data(&env);
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "jot: card [card] from [email]");
    assert!(env.clean());
}

#[test]
fn new_with_redact_redacts_the_title_everywhere() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            &format!("Call back {EMAIL}"),
            "-m",
            "x",
            "--redact",
        ])
        .assert()
        .success();
    assert_no_customer_data(&env);
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "note: Call back [email]");
}

#[test]
fn redacting_at_the_terminal_covers_subject_and_file_name() {
    let env = TestEnv::new();
    let mut cmd = env.cb_std();
    cmd.args(["jot", "ZD-7731", &format!("card {CARD} from {EMAIL}")]);
    let s = common::terminal::run(&cmd, &["r\n"], "?");
    assert!(s.success(), "{}", s.text);
    assert_no_customer_data(&env);
}

#[test]
fn field_values_and_tags_are_screened_and_redacted() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "SSO loop",
            "--field",
            &format!("prediction=cert expired for {EMAIL}"),
            "--no-edit",
        ])
        .assert()
        .code(1);
    assert!(err(&a).contains("an email address"), "{}", err(&a));
    assert_eq!(env.commits(), 1, "nothing committed");
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "SSO loop",
            "--field",
            &format!("prediction=cert expired for {EMAIL}"),
            "--no-edit",
            "--redact",
        ])
        .assert()
        .success();
    assert_no_customer_data(&env);
}

#[test]
fn dry_run_refuses_what_a_real_run_refuses() {
    let env = TestEnv::new();
    let text = format!("card {CARD} from {EMAIL}");
    for args in [
        vec!["jot", "ZD-7731", text.as_str(), "--dry-run"],
        vec![
            "new",
            "note",
            "--title",
            "t",
            "-m",
            text.as_str(),
            "--dry-run",
        ],
    ] {
        let a = env.cb().args(&args).assert().code(1);
        assert!(
            err(&a).contains("personal data found"),
            "{args:?}: {}",
            err(&a)
        );
        assert!(out(&a).is_empty(), "nothing would be written: {}", out(&a));
    }
    // A dry run keeps no draft: it changes nothing.
    assert!(
        !env.journal.join(".git/casebook/drafts").exists()
            || common::walk(&env.journal.join(".git/casebook/drafts")).is_empty()
    );
    // And an import's dry run, too.
    let a = env
        .import_command(
            &[],
            &[serde_json::json!({"kind": "note", "title": "x", "body": text, "person": "ana-lima", "date": "2026-11-20"})],
        )
        .arg("--dry-run")
        .assert()
        .code(1);
    assert!(err(&a).contains("personal data found"), "{}", err(&a));
    assert_eq!(env.commits(), 1);
}

#[test]
fn dry_run_json_is_json_and_shows_the_redacted_result() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "--json",
            "new",
            "note",
            "--title",
            &format!("Call {EMAIL}"),
            "-m",
            "body",
            "--dry-run",
            "--redact",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&out(&a)).expect("JSON");
    assert_eq!(v["dry_run"], true);
    assert!(v["commit"].is_null());
    assert_eq!(v["message"], "note: Call [email]");
    assert!(!v["path"].as_str().unwrap().contains("jane"));
    assert_eq!(v["finds"][0]["kind"], "email");
    assert_eq!(env.commits(), 1);
}

#[test]
fn a_refused_write_under_json_says_why_in_json() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["--json", "jot", &format!("mail {EMAIL}")])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(&out(&a)).expect("JSON on stdout");
    assert_eq!(v["error"]["kind"], "personal_data");
    let find = &v["error"]["finds"][0];
    assert_eq!(find["kind"], "email");
    assert_eq!(find["part"], "text");
    assert!(find["line"].as_u64().unwrap() > 0);
    assert!(!find["masked"].as_str().unwrap().contains("jane.doe"));
    assert!(v["error"]["draft"]["name"].is_string());
}

#[test]
fn a_refused_write_keeps_a_draft_that_one_pasted_command_finishes() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "new",
            "postmortem",
            "--title",
            "Refund loop",
            "--case",
            "ZD-1",
            "--field",
            "sentiment_start=2",
            "-m",
            &format!("She wrote from {EMAIL}."),
        ])
        .assert()
        .code(1);
    let hint = err(&a);
    let words = common::hinted_command(&hint, "drafts resume");
    // `casebook drafts` and `status` list it.
    let listed = env.cb().arg("drafts").assert().success();
    assert!(out(&listed).contains("Refund loop"), "{}", out(&listed));
    let status = env.cb().arg("status").assert().success();
    assert!(
        out(&status).contains("Kept texts not committed (1)"),
        "{}",
        out(&status)
    );
    // The hint, pasted, finishes the write with everything typed.
    env.cb().args(&words).assert().success();
    let v = env.json(&["list", "--kind", "postmortem"]);
    let e = &v["entries"][0];
    assert_eq!(e["title"], "Refund loop");
    assert_eq!(e["case"], "ZD-1");
    assert_eq!(e["fields"]["sentiment_start"], 2);
    assert_no_customer_data(&env);
    // Committed: the draft is gone.
    env.cb().arg("drafts").assert().code(1);
}

#[test]
fn a_journal_path_with_spaces_gives_hints_that_paste() {
    let env = TestEnv::bare();
    let dir = env.root.join("my journal");
    env.cb_in(&env.root)
        .args(["init", dir.to_str().unwrap(), "--person", "Ana Lima"])
        .assert()
        .success();
    let a = env
        .cb_in(&env.root)
        .args(["-C", dir.to_str().unwrap(), "jot", &format!("mail {EMAIL}")])
        .assert()
        .code(1);
    let e = err(&a);
    assert!(
        e.contains("drafts resume") && e.contains("-C '"),
        "quoted: {e}"
    );
    let words = common::hinted_command(&e, "drafts resume");
    env.cb_in(&env.root).args(&words).assert().success();
}

#[test]
fn from_draft_accepts_only_drafts() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "postmortem",
            "--title",
            "Finished one",
            "--field",
            "sentiment_start=2",
            "-m",
            "text",
        ])
        .assert()
        .success();
    let before = env.commits();
    let a = env
        .cb()
        .args(["new", "postmortem", "--from-draft", "@", "-m", "x"])
        .assert()
        .code(2);
    assert!(err(&a).contains("not a draft"), "{}", err(&a));
    assert_eq!(env.commits(), before, "nothing changed");
    let v = env.json(&["list", "--kind", "postmortem"]);
    assert_eq!(v["entries"][0]["fields"]["sentiment_start"], 2);
}

#[test]
fn an_editor_that_changes_nothing_commits_nothing() {
    let env = TestEnv::new();
    for editor in ["true", &env.editor("fails.sh", "exit 3")] {
        let a = env
            .cb()
            .env("EDITOR", editor)
            .args(["new", "postmortem", "--title", "x"])
            .assert()
            .code(1);
        assert!(
            err(&a).contains("no entry saved") || err(&a).contains("nothing was saved"),
            "{editor}: {}",
            err(&a)
        );
        assert_eq!(env.commits(), 1, "{editor}");
    }
    // An untouched template (headings only) with nothing else changed.
    let keep = env.editor("keep.sh", "cat \"$f\" > /dev/null; echo >> \"$f\"");
    let a = env
        .cb()
        .env("EDITOR", &keep)
        .args(["new", "postmortem", "--title", "x"])
        .assert()
        .code(1);
    assert!(err(&a).contains("no text"), "{}", err(&a));
    assert_eq!(env.commits(), 1);
    assert!(env.clean());
}

#[test]
fn an_invalid_editor_save_keeps_everything_and_resumes() {
    let env = TestEnv::new();
    // The editor sets a bad sentiment: the entry is invalid.
    let bad = env.editor(
        "bad.sh",
        "sed -i 's/^sentiment_start = .*/sentiment_start = 9/; s/^## What shifted.*/## What shifted\\nNaming the date calmed her./' \"$f\"",
    );
    let a = env
        .cb()
        .env("EDITOR", &bad)
        .args([
            "new",
            "postmortem",
            "--case",
            "ZD-9",
            "--title",
            "Date calmed her",
        ])
        .assert()
        .code(2);
    let e = err(&a);
    let words = common::hinted_command(&e, "drafts resume");
    // Fix the kept file, then paste the hint.
    let kept = common::walk(&env.journal.join(".git/casebook/drafts"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let text = std::fs::read_to_string(&kept).unwrap();
    std::fs::write(
        &kept,
        text.replace("sentiment_start = 9", "sentiment_start = 2"),
    )
    .unwrap();
    env.cb().args(&words).assert().success();
    let v = env.json(&["list", "--kind", "postmortem"]);
    let entry = &v["entries"][0];
    assert_eq!(entry["title"], "Date calmed her");
    assert_eq!(entry["case"], "ZD-9");
}

#[test]
fn no_body_no_editor_no_terminal_exits_2() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["new", "note", "--title", "x"])
        .write_stdin("")
        .assert()
        .code(2);
    assert!(err(&a).contains("hint:"), "{}", err(&a));
    assert_eq!(env.commits(), 1);
    // --no-edit says a fields-only entry is meant.
    env.cb()
        .args(["new", "note", "--title", "x", "--no-edit"])
        .write_stdin("")
        .assert()
        .success();
}

#[test]
fn resolving_a_resolved_prediction_needs_amend() {
    let env = TestEnv::new();
    env.predict("SSO", "cert expired");
    env.cb()
        .args([
            "resolve",
            "@",
            "--actual",
            "cert expired",
            "--verdict",
            "hit",
        ])
        .assert()
        .success();
    let before = env.commits();
    let a = env
        .cb()
        .args([
            "resolve",
            "@",
            "--actual",
            "something else",
            "--verdict",
            "miss",
        ])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("already resolved") && err(&a).contains("cert expired"),
        "{}",
        err(&a)
    );
    assert_eq!(env.commits(), before);
    env.cb()
        .args([
            "resolve",
            "@",
            "--amend",
            "--actual",
            "something else",
            "--verdict",
            "miss",
        ])
        .assert()
        .success();
    let v = env.json(&["list", "--kind", "diagnosis"]);
    assert_eq!(v["entries"][0]["fields"]["verdict"], "miss");
}

#[test]
fn check_history_sees_subjects_and_purge_rewrites_them() {
    let env = TestEnv::new();
    // An old write (before the pipeline) that left data in a subject: made
    // here with --allow-pii, then the body edited clean.
    env.cb()
        .args(["jot", "ZD-7731", &format!("card {CARD}"), "--allow-pii"])
        .assert()
        .success();
    let a = env
        .cb()
        .args(["check", "--pii", "--history"])
        .assert()
        .code(1);
    assert!(out(&a).contains("commit message"), "{}", out(&a));
    env.cb()
        .args(["purge", "ZD-7731", "--yes"])
        .assert()
        .success();
    let history = history_text(&env);
    assert!(!history.contains(CARD), "{history}");
    assert!(!history.contains("4111-1111"), "{history}");
}

#[test]
fn undo_is_one_commit_through_the_pipeline() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "to undo", "-m", "x"])
        .assert()
        .success();
    let a = env.cb().arg("undo").assert().success();
    assert!(out(&a).contains("undid"), "{}", out(&a));
    assert_eq!(env.commits(), 3);
    assert!(
        env.git(&["ls-files", "people"])
            .lines()
            .all(|l| !l.contains("to-undo"))
    );
    assert!(env.clean());
}

/// A refused `--field` value after `-m` text (or piped text) keeps the
/// text as a draft, and the error names the command that finishes it.
#[test]
fn a_refused_field_value_keeps_the_typed_text_as_a_draft() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "new",
            "postmortem",
            "--case",
            "ZD-5000",
            "--field",
            "sentiment_start=0",
            "--no-edit",
            "-m",
            "Long careful write-up of the refund call",
        ])
        .assert()
        .code(2);
    assert!(err(&a).contains("sentiment_start"), "{}", err(&a));
    let resume = common::hinted_command(&err(&a), "your text is kept");
    assert_eq!(resume[..2], ["drafts".to_string(), "resume".to_string()]);
    let name = resume[2].clone();
    let shown = env.cb().args(["drafts", "show", &name]).assert().success();
    assert!(out(&shown).contains("Long careful write-up of the refund call"));
    assert!(out(&shown).contains("ZD-5000"));
    // Piped text is kept the same way.
    let b = env
        .cb()
        .args(["new", "diagnosis", "--field", "confidence=abc"])
        .write_stdin("piped body text that matters\n")
        .assert()
        .code(2);
    assert!(err(&b).contains("your text is kept"), "{}", err(&b));
    // Finishing the first one commits the text.
    env.cb()
        .args(["drafts", "resume", &name])
        .assert()
        .success();
    let list = env
        .cb()
        .args(["search", "careful", "write-up"])
        .assert()
        .success();
    assert!(
        out(&list).contains("ZD-5000") || out(&list).contains("refund"),
        "{}",
        out(&list)
    );
    assert!(env.clean());
}

/// On a terminal an invalid save reopens the editor once with the errors
/// on top; saving the same text again stops asking (the text stays a
/// draft) instead of reopening for ever, and an emptied file gives up.
#[test]
fn an_editor_that_saves_the_same_invalid_text_again_is_not_reopened_for_ever() {
    let env = TestEnv::new();
    let bad = env.editor(
        "bad.sh",
        "echo run >> \"$f.count\"; sed -i 's/^sentiment_start = .*/sentiment_start = 9/' \"$f\"",
    );
    let mut cmd = env.cb_std();
    cmd.env("EDITOR", &bad).args([
        "new",
        "postmortem",
        "--case",
        "ZD-5001",
        "--title",
        "Churn threat",
    ]);
    let s = common::terminal::run(&cmd, &[], "");
    assert_eq!(s.code, Some(2), "{}", s.text);
    assert!(s.text.contains("drafts resume"), "{}", s.text);
    let count = common::walk(&env.journal.join(".git/casebook/drafts"))
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with(".count"))
        .map(|p| std::fs::read_to_string(p).unwrap().lines().count())
        .unwrap_or(0);
    assert_eq!(count, 2, "the editor ran {count} times:\n{}", s.text);

    let empty = env.editor("empty.sh", ": > \"$f\"");
    let mut cmd = env.cb_std();
    cmd.env("EDITOR", &empty).args([
        "new",
        "postmortem",
        "--case",
        "ZD-5002",
        "--title",
        "Gave up",
    ]);
    let s = common::terminal::run(&cmd, &[], "");
    assert_eq!(s.code, Some(1), "{}", s.text);
    assert!(s.text.contains("emptied"), "{}", s.text);
    assert_eq!(
        env.git(&["log", "--format=%s"]).matches("Gave up").count(),
        0
    );
}
