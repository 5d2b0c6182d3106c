//! What a newcomer meets in the first hour (issue 28): levels named the way
//! people say them, the real problem named first outside a journal, one
//! exit code for it, `config unset`, subjects that read well, `rm X X`,
//! `log -n 0`, and a resolve that shows prediction and actual plainly.

mod common;

use common::{TestEnv, err, out};

#[test]
fn levels_are_accepted_by_their_titles_in_any_case() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "profile",
            "--level",
            "Support Specialist II",
            "--since",
            "2025-09-01",
            "--target",
            "senior specialist",
        ])
        .assert()
        .success();
    let v = env.json(&["list", "--kind", "profile"]);
    let fields = &v["entries"][0]["fields"];
    assert_eq!(fields["level"], "specialist-2");
    assert_eq!(fields["target_level"], "senior");
    env.cb()
        .args(["review", "--target", "Staff Specialist"])
        .assert()
        .success();
    let a = env
        .cb()
        .args(["review", "--target", "Chief Wizard"])
        .assert()
        .code(2);
    assert!(err(&a).contains("Senior Support Specialist"), "{}", err(&a));
    // The help suggests a level that exists.
    let help = env.cb().args(["profile", "--help"]).assert().success();
    assert!(!out(&help).contains("senior-specialist"), "{}", out(&help));
}

#[test]
fn outside_a_journal_the_missing_journal_is_named_first_with_one_exit_code() {
    let env = TestEnv::bare();
    let nowhere = env.root.join("nowhere");
    std::fs::create_dir_all(&nowhere).unwrap();
    for args in [
        vec!["status"],
        vec!["jot", "hello"],
        vec!["new", "note", "-m", "x"],
        vec!["review"],
        vec!["pending"],
        vec!["list"],
    ] {
        let a = env.cb_in(&nowhere).args(&args).assert().code(2);
        let e = err(&a);
        assert!(
            e.contains("casebook init") || e.contains("not"),
            "{args:?}: {e}"
        );
        assert!(!e.contains("does not know who you are"), "{args:?}: {e}");
    }
}

#[test]
fn config_unset_removes_a_setting() {
    let env = TestEnv::new();
    env.cb()
        .args(["config", "set", "editor", "nano"])
        .assert()
        .success();
    let a = env
        .cb()
        .args(["config", "get", "editor"])
        .assert()
        .success();
    assert_eq!(out(&a).trim(), "nano");
    env.cb()
        .args(["config", "unset", "editor"])
        .assert()
        .success();
    env.cb().args(["config", "get", "editor"]).assert().code(1);
    // Unsetting what is not set is "nothing found".
    env.cb()
        .args(["config", "unset", "editor"])
        .assert()
        .code(1);
}

#[test]
fn subjects_name_the_kind_once() {
    let env = TestEnv::new();
    env.cb()
        .args(["feedback", "ana-lima", "-m", "Clear hand-off notes."])
        .assert()
        .success();
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(subject.starts_with("feedback: "), "{subject}");
    assert!(!subject.contains("feedback feedback"), "{subject}");
}

#[test]
fn rm_of_the_same_entry_twice_removes_one_and_log_n_0_prints_nothing() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "Twice", "-m", "x"])
        .assert()
        .success();
    let v = env.json(&["list"]);
    let id = v["entries"][0]["id"].as_str().unwrap().to_string();
    let path = v["entries"][0]["path"].as_str().unwrap().to_string();
    env.cb()
        .args(["rm", &id, &path, "--yes"])
        .assert()
        .success();
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "rm note: Twice");
    let a = env.cb().args(["log", "-n", "0"]).assert().success();
    assert!(out(&a).is_empty(), "{}", out(&a));
}

#[test]
fn resolve_shows_prediction_and_actual_on_two_lines() {
    let env = TestEnv::new();
    env.predict("SSO", "SCIM token expired");
    let a = env
        .cb()
        .args([
            "resolve",
            "@",
            "--actual",
            "Suspended user in the IdP",
            "--verdict",
            "miss",
        ])
        .assert()
        .success();
    let e = err(&a);
    assert!(e.contains("predicted: SCIM token expired"), "{e}");
    assert!(e.contains("actual:    Suspended user in the IdP"), "{e}");
    assert!(
        !e.contains("[-") && !e.contains("{+"),
        "no raw diff markers: {e}"
    );
}

#[test]
fn undo_twice_steps_further_back() {
    let env = TestEnv::new();
    for t in ["First", "Second"] {
        env.cb()
            .args(["new", "note", "--title", t, "-m", "x"])
            .assert()
            .success();
    }
    let titles = |env: &TestEnv| -> Vec<String> {
        env.json(&["list", "--kind", "note"])["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    let a = env.cb().arg("undo").assert().success();
    assert!(out(&a).contains("note: Second"), "{}", out(&a));
    assert_eq!(titles(&env), vec!["First"]);
    // The second undo reverts the write before, not the undo.
    let a = env.cb().arg("undo").assert().success();
    assert!(out(&a).contains("note: First"), "{}", out(&a));
    assert!(titles(&env).is_empty());
    assert!(env.clean());
}

#[test]
fn proposal_new_takes_the_entry_flags_of_new() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "proposal",
            "new",
            "--field",
            "target=playbook",
            "--field",
            "pattern=refund-loop",
            "--title",
            "Refund loops go to a human",
            "--tag",
            "billing",
            "--no-edit",
        ])
        .assert()
        .success();
    let v = env.json(&["list", "--kind", "proposal"]);
    let e = &v["entries"][0];
    assert_eq!(e["fields"]["target"], "playbook");
    assert_eq!(e["fields"]["pattern"], "refund-loop");
    assert_eq!(e["fields"]["status"], "proposed");
    assert_eq!(e["tags"][0], "billing");
}

#[test]
fn list_refuses_a_misspelt_field_or_value() {
    let env = TestEnv::new();
    env.predict("SSO", "cert expired");
    let a = env
        .cb()
        .args(["list", "--field", "verdikt=miss"])
        .assert()
        .code(2);
    assert!(err(&a).contains("did you mean 'verdict'"), "{}", err(&a));
    let a = env
        .cb()
        .args(["list", "--field", "verdict=partail"])
        .assert()
        .code(2);
    assert!(err(&a).contains("hit, partial, miss"), "{}", err(&a));
    env.cb()
        .args(["list", "--field", "verdict=miss"])
        .assert()
        .code(1);
}
