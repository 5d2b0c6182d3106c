//! End to end: the journal foundation. Writing through every path (flags,
//! stdin, the editor), one commit per write, bad input with precise errors,
//! drafts that keep what was typed, check, import, history, ids.

mod common;
use common::{TestEnv, err, out};
use serde_json::json;

#[test]
fn init_makes_one_commit_with_the_template() {
    let env = TestEnv::new();
    assert_eq!(env.commits(), 1);
    for f in [
        "casebook.toml",
        "skills.toml",
        "ladder.toml",
        "templates/diagnosis.md",
        "templates/postmortem.md",
        ".gitignore",
    ] {
        assert!(env.journal.join(f).exists(), "{f}");
    }
    assert!(env.clean());
    env.cb().args(["init", "."]).assert().code(1);
    env.cb_in(&env.root)
        .args(["init", "other", "--person", "../x"])
        .assert()
        .code(2);
    assert!(!env.root.join("x").exists() && !env.root.join("other/people/x").exists());
}

#[test]
fn new_with_flags_commits_once_and_prints_id_and_path() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "SSO loop",
            "--tag",
            "sso",
            "--case",
            "ZD-4821",
            "--field",
            "prediction=cert expired",
            "--field",
            "confidence=70",
            "--no-edit",
        ])
        .assert()
        .success();
    let line = out(&a);
    let (id, path) = line.trim().split_once(' ').unwrap();
    assert_eq!(id.len(), 12);
    assert!(
        path.starts_with("people/ana-lima/2026/11/2026-11-24-sso-loop-"),
        "{path}"
    );
    let text = std::fs::read_to_string(env.journal.join(path)).unwrap();
    assert!(
        text.contains("confidence = 70\n"),
        "typed as an integer: {text}"
    );
    assert!(
        text.contains("skills = [\"complex-case-diagnosis\"]"),
        "default skill: {text}"
    );
    assert_eq!(env.commits(), 2);
    assert_eq!(
        env.git(&["log", "-1", "--format=%s"]).trim(),
        "diagnosis: SSO loop"
    );
    assert!(env.clean());
    let j = env.json(&["new", "note", "--title", "Second", "-m", "x", "--no-edit"]);
    assert!(j["path"].as_str().unwrap().len() > 10);
    assert!(j["commit"].is_string() && j["warnings"].is_array() && j["id"].is_string());
}

#[test]
fn body_from_stdin_file_and_pipe() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "kb", "--title", "From stdin", "--body-file", "-"])
        .write_stdin("stdin body\n")
        .assert()
        .success();
    env.cb()
        .args(["new", "note", "--title", "From a pipe"])
        .write_stdin("piped body\n")
        .assert()
        .success();
    std::fs::write(env.root.join("body.md"), "file body\n").unwrap();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "From a file",
            "-F",
            env.root.join("body.md").to_str().unwrap(),
        ])
        .assert()
        .success();
    for word in ["stdin body", "piped body", "file body"] {
        assert!(!env.git(&["grep", "-l", word]).is_empty(), "{word}");
    }
    assert_eq!(env.commits(), 4);
}

#[test]
fn editor_with_arguments_and_guidance_stripped() {
    let env = TestEnv::new();
    let ed = env.editor("ed", "sed -i 's/^title = \"\"/title = \"Edited title\"/' \"$f\"; printf '\\nfrom the editor\\n' >> \"$f\"");
    env.cb()
        .args(["new", "postmortem"])
        .env("EDITOR", format!("{ed} --wait"))
        .assert()
        .success();
    let files = env.git(&["grep", "-l", "from the editor"]);
    let path = files.lines().next().expect("saved");
    let text = std::fs::read_to_string(env.journal.join(path)).unwrap();
    assert!(text.contains("title = \"Edited title\""), "{text}");
    assert!(!text.contains("<!--"), "guidance comments stripped: {text}");
    assert!(env.clean());
}

#[test]
fn invalid_editor_text_is_kept_as_a_draft_that_body_file_reuses() {
    let env = TestEnv::new();
    let ed = env.editor("bad", "printf 'my precious words\\n' >> \"$f\"; sed -i 's/^confidence = .*/confidence = \"high\"/' \"$f\"");
    let a = env
        .cb()
        .args(["new", "diagnosis", "--title", "Kept"])
        .env("EDITOR", &ed)
        .assert()
        .code(2);
    let e = err(&a);
    assert!(e.contains("confidence"), "{e}");
    let draft = e
        .split_whitespace()
        .find(|w| w.contains(".md"))
        .expect("the error names the draft")
        .trim_matches([',', ';', '(', ')', '\''])
        .to_string();
    assert!(
        e.contains("casebook drafts resume diagnosis-"),
        "a command that finishes it: {e}"
    );
    let kept = std::fs::read_to_string(&draft).unwrap();
    assert!(kept.contains("my precious words"));
    assert_eq!(env.commits(), 1, "nothing committed");
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "Kept",
            "--body-file",
            &draft,
            "--no-edit",
        ])
        .assert()
        .success();
    assert!(!env.git(&["grep", "-l", "my precious words"]).is_empty());
}

#[test]
fn no_body_no_editor_no_terminal_is_a_usage_error_with_a_hint() {
    let env = TestEnv::new();
    let a = env.cb().args(["new", "note"]).assert().code(2);
    assert!(err(&a).contains("hint:"), "{}", err(&a));
}

#[test]
fn bad_values_name_the_flag_and_exit_2() {
    let env = TestEnv::new();
    for (args, needle) in [
        (vec!["new", "postmortum", "-m", "x"], "postmortum"),
        (
            vec![
                "new", "note", "--title", "t", "-m", "x", "--skill", "juggling",
            ],
            "juggling",
        ),
        (
            vec![
                "new",
                "diagnosis",
                "--title",
                "t",
                "-m",
                "x",
                "--field",
                "confidence=high",
            ],
            "--field",
        ),
        (
            vec![
                "new",
                "diagnosis",
                "--title",
                "t",
                "-m",
                "x",
                "--field",
                "nosuch=1",
            ],
            "nosuch",
        ),
        (
            vec![
                "new",
                "note",
                "--title",
                "t",
                "-m",
                "x",
                "--date",
                "31st of Smarch",
            ],
            "Smarch",
        ),
        (
            vec!["new", "note", "--title", "t", "-m", "x", "--person", "../x"],
            "--person",
        ),
        (vec!["list", "--since", "someday"], "someday"),
    ] {
        let a = env.cb().args(&args).assert().code(2);
        assert!(err(&a).contains(needle), "{args:?}: {}", err(&a));
    }
    assert_eq!(env.commits(), 1);
}

#[test]
fn check_reports_file_line_and_the_rest_keeps_working() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "Fine",
            "-m",
            "refund story",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb().arg("check").assert().success();
    env.write(
        "people/ana-lima/broken.md",
        b"+++\ntitle = \"Broken\n+++\nbody\n",
    );
    env.write(
        "people/ana-lima/typed.md",
        b"+++\nid = \"mmmmnnnnoooo\"\nkind = \"diagnosis\"\ntitle = \"Typed\"\ncreated = 2026-01-01\nconfidence = \"high\"\n+++\n",
    );
    env.write(
        "people/ana-lima/latin1.md",
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    );
    env.write("people/ana-lima/huge.md", &vec![b'a'; 10 << 20]);
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "hand edits"]);
    let a = env.cb().arg("check").assert().code(1);
    let o = out(&a);
    assert!(o.contains("people/ana-lima/broken.md:2:"), "{o}");
    assert!(
        o.contains("people/ana-lima/typed.md:6:14: confidence must be"),
        "{o}"
    );
    assert!(o.contains("latin1.md:") && o.contains("UTF-8"), "{o}");
    assert!(o.contains("huge.md:") && o.contains("MB"), "{o}");
    // Every other command keeps working on the rest of the journal.
    assert_eq!(env.hits(&["refund"]), vec!["Fine"]);
    env.cb().arg("list").assert().success();
    let j = env.json(&["check"]);
    assert_eq!(j["problems"].as_array().unwrap().len(), 4);
}

#[test]
fn import_is_one_commit_and_all_or_nothing() {
    let env = TestEnv::new();
    let records: Vec<_> = (0..300)
        .map(|i| json!({"kind": "qa", "title": format!("Sample {i}"), "body": "tone check", "date": format!("2026-0{}-1{}", 1 + i % 9, i % 10), "person": "Ana Lima", "tone": 1 + i % 5, "ticket": format!("ZD-{i}")}))
        .collect();
    env.import(&records);
    assert_eq!(env.commits(), 2);
    assert_eq!(env.json(&["list", "--count"])["count"], 300);
    assert!(env.clean());
    let bad = env.root.join("bad.jsonl");
    std::fs::write(&bad, "{\"kind\":\"note\",\"title\":\"a\",\"date\":\"2026-01-01\"}\n{\"kind\":\"note\",\"title\":\"b\",\"date\":\"2026-01-01\"}\n{\"kind\":\"diagnosis\",\"title\":\"c\",\"date\":\"2026-01-01\",\"confidence\":\"high\"}\n").unwrap();
    let a = env
        .cb()
        .args(["import", bad.to_str().unwrap()])
        .assert()
        .code(1);
    assert!(err(&a).contains("bad.jsonl:3:"), "{}", err(&a));
    assert_eq!(env.commits(), 2, "nothing imported");
}

#[test]
fn hand_commits_are_picked_up_and_history_comes_from_git() {
    let env = TestEnv::new();
    let j = env.json(&["new", "note", "--title", "Tracked", "-m", "v1", "--no-edit"]);
    let id = j["id"].as_str().unwrap().to_string();
    env.cb()
        .args(["edit", &id[..5], "-m", "v2"])
        .assert()
        .success();
    env.write("people/ana-lima/2026/hand.md", b"+++\nid = \"zzzzyyyyxxxx\"\nkind = \"note\"\ntitle = \"Hand written\"\ncreated = 2026-02-02\n+++\nwritten in vim, committed with git\n");
    env.git(&["add", "-A"]);
    env.git(&["commit", "-qm", "by hand"]);
    assert_eq!(env.hits(&["vim"]), vec!["Hand written"]);
    let log = env.json(&["log", &id]);
    let subjects: Vec<_> = log["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["summary"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(subjects, vec!["edit note: Tracked", "note: Tracked"]);
    let show = env.cb().args(["show", &id, "--history"]).assert().success();
    assert!(out(&show).contains("v2") && out(&show).contains("edit note: Tracked"));
}

#[test]
fn ids_by_prefix_path_at_and_ambiguity() {
    let env = TestEnv::new();
    env.import(&[
        json!({"id": "kkkklmnopqrs", "kind": "note", "title": "First", "date": "2026-01-01", "person": "ana-lima"}),
        json!({"id": "kkkkzyxwvuts", "kind": "note", "title": "Second", "date": "2026-01-02", "person": "ana-lima"}),
    ]);
    let a = env.cb().args(["show", "kkkk"]).assert().code(2);
    assert!(
        err(&a).contains("kkkklmnopqrs") && err(&a).contains("kkkkzyxwvuts"),
        "{}",
        err(&a)
    );
    env.cb()
        .args(["show", "kkkkl"])
        .assert()
        .success()
        .stdout(predicates::str::contains("First"));
    env.cb()
        .args(["show", "@"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Second"));
    env.cb()
        .args(["show", "@~1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("First"));
    let path = env.json(&["list"])["entries"][0]["path"]
        .as_str()
        .unwrap()
        .to_string();
    env.cb()
        .args(["show", &path])
        .assert()
        .success()
        .stdout(predicates::str::contains("Second"));
    env.cb().args(["show", "kkk"]).assert().code(2);
    env.cb().args(["show", "mmmmmm"]).assert().code(2);
    env.cb().arg("show").assert().code(2);
}

#[test]
fn rm_and_undo_are_commits() {
    let env = TestEnv::new();
    let id = env.json(&["new", "note", "--title", "Gone", "-m", "x", "--no-edit"])["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.cb().args(["rm", &id]).assert().code(2); // needs --yes without a terminal
    env.cb().args(["rm", &id, "--yes"]).assert().success();
    assert!(env.hits(&["Gone"]).is_empty());
    env.cb().arg("undo").assert().success();
    assert_eq!(env.hits(&["Gone"]), vec!["Gone"]);
    assert_eq!(env.commits(), 4);
    assert!(
        env.git(&["log", "-1", "--format=%s"])
            .starts_with("undo: rm note: Gone")
    );
    env.git(&["commit", "-q", "--allow-empty", "-m", "mine"]);
    env.cb().arg("undo").assert().code(1); // not casebook's commit
}

#[test]
fn eight_parallel_writers_all_land() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..8)
        .map(|i| {
            env.cb_std()
                .args([
                    "new",
                    "note",
                    "--title",
                    &format!("Parallel {i}"),
                    "-m",
                    "concurrent",
                    "--no-edit",
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(env.commits(), 9);
    assert_eq!(env.hits(&["concurrent", "--limit", "20"]).len(), 8);
    assert!(env.clean());
}

#[test]
fn exit_codes_and_streams() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "One", "-m", "x", "--no-edit"])
        .assert()
        .success();
    // success: data on stdout
    env.cb()
        .args(["list"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("One"));
    // nothing found: 1, and nothing on stdout
    env.cb()
        .args(["list", "--kind", "kb"])
        .assert()
        .code(1)
        .stdout("");
    env.cb()
        .args(["search", "zzqxnotaword"])
        .assert()
        .code(1)
        .stdout("");
    // bad value: 2
    env.cb().args(["list", "--kind", "nope"]).assert().code(2);
    // usage: 2
    env.cb().args(["nosuchcommand"]).assert().code(2);
    env.cb()
        .args(["list", "--json", "--format", "csv"])
        .assert()
        .code(2);
    // global flags after the command
    env.cb_in(&env.root)
        .args(["list", "--no-pager", "-C", env.journal.to_str().unwrap()])
        .assert()
        .success();
    // a closed pipe ends quietly
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} list | head -0",
            assert_cmd::cargo::cargo_bin("casebook").display()
        ))
        .current_dir(&env.journal)
        .env("HOME", env.root.join("home"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn control_characters_are_escaped_in_human_output() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "evil \x1b[2J title",
            "-m",
            "x",
            "--no-edit",
        ])
        .assert()
        .success();
    let a = env.cb().arg("list").assert().success();
    assert!(!out(&a).contains('\x1b'), "{:?}", out(&a));
}

#[test]
fn edit_turns_a_draft_into_a_full_entry() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["jot", "ZD-9", "she nearly left at the word policy"])
        .assert()
        .success();
    let id = out(&a).split_whitespace().next().unwrap().to_string();
    env.cb()
        .args([
            "edit",
            &id,
            "--kind",
            "postmortem",
            "--title",
            "Policy near-loss",
        ])
        .assert()
        .success();
    let e = &env.json(&["list"])["entries"][0];
    assert_eq!(e["kind"], "postmortem");
    assert_eq!(e["case"], "ZD-9");
    assert_eq!(e["skills"][0], "empathic-communication");
    assert!(
        !env.git(&["grep", "-l", "nearly left at the word policy"])
            .is_empty()
    );
    // Only drafts change kind.
    env.cb()
        .args(["edit", &id, "--kind", "note"])
        .assert()
        .code(2);
}

#[test]
fn open_predictions_remind_then_expire_to_unknown() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--case",
            "ZD-5",
            "--field",
            "prediction=cache is stale",
            "--no-edit",
        ])
        .assert()
        .success();
    let a = env
        .cb()
        .args([
            "new",
            "note",
            "--case",
            "ZD-5",
            "--title",
            "Follow-up",
            "-m",
            "x",
            "--no-edit",
        ])
        .assert()
        .success();
    assert!(
        err(&a).contains("still open"),
        "the case turning up asks again: {}",
        err(&a)
    );
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--date",
            "2026-01-05",
            "--field",
            "prediction=old guess",
            "--no-edit",
        ])
        .assert()
        .success();
    let a = env.cb().arg("pending").assert().success();
    assert!(
        out(&a).contains("cache is stale") && !out(&a).contains("old guess"),
        "{}",
        out(&a)
    );
    assert!(err(&a).contains("unknown"));
    assert!(
        env.git(&["log", "-1", "--format=%s"])
            .contains("expired to unknown")
    );
    let j = env.json(&["list", "--field", "verdict=unknown"]);
    assert_eq!(j["entries"].as_array().unwrap().len(), 1);
}

#[test]
fn csv_from_list_and_export() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "Comma, \"quoted\"",
            "-m",
            "body text",
            "--tag",
            "a",
            "--no-edit",
        ])
        .assert()
        .success();
    let a = env
        .cb()
        .args(["list", "--format", "csv"])
        .assert()
        .success();
    let lines: Vec<String> = out(&a).lines().map(str::to_string).collect();
    assert_eq!(
        lines[0],
        "id,created,kind,person,title,case,tags,skills,products,path"
    );
    assert!(
        lines[1].contains("\"Comma, \"\"quoted\"\"\"") && lines[1].ends_with(".md"),
        "{}",
        lines[1]
    );
    let a = env
        .cb()
        .args(["export", "--format", "csv"])
        .assert()
        .success();
    // Every field has a column (issue 27), after the body.
    assert!(out(&a).starts_with(
        "id,created,kind,person,title,case,tags,skills,products,body,updated,tier,links,private,aliases,imported_from,import_hash\n"
    ));
    assert!(out(&a).contains("body text"));
}

/// Whether any file under `dir` (git's own folder aside) holds `text`.
fn somewhere_under(dir: &std::path::Path, text: &str) -> bool {
    common::walk(dir)
        .iter()
        .filter(|p| !p.strip_prefix(dir).unwrap().starts_with(".git"))
        .any(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(text)))
}

#[test]
fn a_damaged_git_index_is_named_with_the_way_to_rebuild_it() {
    let env = TestEnv::new();
    std::fs::write(env.journal.join(".git/index"), b"").unwrap();
    let failed = env
        .cb()
        .args([
            "new",
            "note",
            "--title",
            "Kept",
            "-m",
            "precious words",
            "--no-edit",
        ])
        .assert()
        .failure();
    let message = err(&failed);
    assert!(message.contains(".git/index"), "{message}");
    assert!(message.contains("rm .git/index && git reset"), "{message}");
    // Nothing typed is lost.
    assert!(somewhere_under(&env.journal, "precious words"));
    // The way out the message gives works.
    std::fs::remove_file(env.journal.join(".git/index")).unwrap();
    env.git(&["reset", "-q"]);
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "After the repair",
            "-m",
            "x",
            "--no-edit",
        ])
        .assert()
        .success();
    assert!(
        env.hits(&["repair"])
            .contains(&"After the repair".to_string())
    );
}
