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
    // Every example of `profile --help` runs as shown, in a real journal.
    let examples = example_commands(&examples_of(&out(&help)));
    assert!(examples.len() >= 3, "{examples:?}");
    for words in examples {
        let a = env.cb().args(&words[1..]).assert();
        assert!(a.get_output().status.success(), "{words:?}: {}", err(&a));
    }
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
    // A title that starts with the kind continues the subject.
    env.cb()
        .args([
            "profile",
            "--level",
            "specialist-2",
            "--since",
            "2025-09-01",
        ])
        .assert()
        .success();
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "profile: specialist-2 since 2025-09-01");
    env.cb()
        .args([
            "focus",
            "empathic-communication",
            "-m",
            "lost her at 'policy'",
        ])
        .assert()
        .success();
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(subject.starts_with("focus 2026-11: "), "{subject}");
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

#[test]
fn at_and_list_follow_the_write_order_within_one_second() {
    // The test clock is frozen: every entry shares one second, and the
    // order of their paths (or of their random ids) is not the write order.
    let env = TestEnv::new();
    let titles = ["Prefix test", "Second", "Third", "Fourth", "Fifth", "Sixth"];
    for t in titles {
        env.cb()
            .args(["new", "note", "--title", t, "-m", "x", "--no-edit"])
            .assert()
            .success();
    }
    let newest_first: Vec<&str> = titles.iter().rev().copied().collect();
    let listed = |env: &TestEnv| -> Vec<String> {
        env.json(&["list"])["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(listed(&env), newest_first);
    let a = env.cb().args(["show", "@"]).assert().success();
    assert!(out(&a).contains("Sixth"), "{}", out(&a));
    let a = env.cb().args(["show", "@~1"]).assert().success();
    assert!(out(&a).contains("Fifth"), "{}", out(&a));
    // The order is in the files, not in the cache: a rebuild keeps it.
    env.cb().arg("reindex").assert().success();
    assert_eq!(listed(&env), newest_first);
    let a = env.cb().args(["show", "@~5"]).assert().success();
    assert!(out(&a).contains("Prefix test"), "{}", out(&a));
    // A jot turned into an entry is written after the others too.
    env.cb()
        .args(["jot", "ZD-1", "a quick one"])
        .assert()
        .success();
    env.cb()
        .args([
            "new",
            "note",
            "--from-draft",
            "@",
            "--title",
            "From the jot",
            "--no-edit",
        ])
        .assert()
        .success();
    let a = env.cb().args(["show", "@"]).assert().success();
    assert!(out(&a).contains("From the jot"), "{}", out(&a));
    // A second that is not shared stays a plain second in the file.
    let text = env.git(&["grep", "-h", "^created", "--", "people"]);
    assert!(
        text.contains("created = 2026-11-24T10:00:00+00:00"),
        "{text}"
    );
    env.cb().arg("check").assert().success();
}

/// Ana's journal with a bare remote, and Bo's clone of it.
fn two_clones(env: &TestEnv) -> (std::path::PathBuf, std::path::PathBuf) {
    let remote = env.root.join("remote.git");
    let status = env
        .git_command()
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(&remote)
        .status()
        .unwrap();
    assert!(status.success());
    let ana = env.root.join("ana");
    let bo = env.root.join("bo");
    env.cb_in(&env.root)
        .args(["init", "ana", "--person", "Ana Lima", "--remote"])
        .arg(&remote)
        .assert()
        .success();
    env.cb_in(&ana)
        .args([
            "new",
            "diagnosis",
            "--title",
            "Shared",
            "--field",
            "prediction=SSO cert expired",
            "--field",
            "confidence=60",
            "-m",
            "v1",
            "--no-edit",
        ])
        .assert()
        .success();
    env.cb_in(&ana).arg("sync").assert().success();
    env.cb_in(&env.root)
        .arg("clone")
        .arg(&remote)
        .arg(&bo)
        .args(["--person", "Bo Chen"])
        .assert()
        .success();
    (ana, bo)
}

fn shared_id(env: &TestEnv, dir: &std::path::Path) -> String {
    let a = env
        .cb_in(dir)
        .args(["list", "--kind", "diagnosis", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&out(&a)).unwrap();
    v["entries"][0]["id"].as_str().unwrap().to_string()
}

fn files_under(dir: &std::path::Path) -> Vec<String> {
    common::walk(&dir.join("people"))
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn edits_to_different_fields_in_two_clones_merge_field_by_field() {
    let env = TestEnv::bare();
    let (ana, bo) = two_clones(&env);
    let id = shared_id(&env, &ana);
    env.cb_in(&bo)
        .args(["edit", &id, "--tag", "billing", "--field", "confidence=80"])
        .assert()
        .success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&ana)
        .args(["edit", &id, "--field", "actual=Suspended user in the IdP"])
        .assert()
        .success();
    env.cb_in(&ana)
        .args(["edit", &id, "-m", "v2 by Ana"])
        .assert()
        .success();
    let s = env.cb_in(&ana).arg("sync").assert().success();
    assert!(!err(&s).contains("conflict"), "{}", err(&s));
    assert!(
        !files_under(&ana).iter().any(|f| f.contains(".conflict-")),
        "{:?}",
        files_under(&ana)
    );
    let a = env
        .cb_in(&ana)
        .args(["show", &id, "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&out(&a)).unwrap();
    let e = if v.is_array() { &v[0] } else { &v };
    let e = if e.get("entries").is_some() {
        &e["entries"][0]
    } else {
        e
    };
    assert_eq!(e["fields"]["confidence"], 80, "{e}");
    assert_eq!(e["fields"]["actual"], "Suspended user in the IdP", "{e}");
    assert_eq!(e["tags"][0], "billing", "{e}");
    assert!(e["body"].as_str().unwrap().contains("v2 by Ana"), "{e}");
    env.cb_in(&ana).arg("check").assert().success();
    // And back: Bo gets the merged entry without a conflict either.
    let s = env.cb_in(&bo).arg("sync").assert().success();
    assert!(!err(&s).contains("conflict"), "{}", err(&s));
    let a = env
        .cb_in(&bo)
        .args(["show", &id, "--json"])
        .assert()
        .success();
    assert!(out(&a).contains("Suspended user in the IdP"), "{}", out(&a));
}

#[test]
fn the_same_field_changed_differently_still_makes_a_conflict_copy_and_status_says_so() {
    let env = TestEnv::bare();
    let (ana, bo) = two_clones(&env);
    let id = shared_id(&env, &ana);
    env.cb_in(&bo)
        .args(["edit", &id, "--field", "confidence=80"])
        .assert()
        .success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&ana)
        .args(["edit", &id, "--field", "confidence=90"])
        .assert()
        .success();
    let a = env.cb_in(&ana).arg("status").assert().success();
    assert!(!out(&a).contains("conflict"), "{}", out(&a));
    let s = env.cb_in(&ana).arg("sync").assert().success();
    assert!(err(&s).contains("conflict"), "{}", err(&s));
    let copies: Vec<_> = files_under(&ana)
        .into_iter()
        .filter(|f| f.contains(".conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let a = env.cb_in(&ana).arg("status").assert().success();
    let text = out(&a);
    assert!(text.contains("1 conflict copy"), "{text}");
    assert!(text.contains("casebook check"), "{text}");
    let a = env
        .cb_in(&ana)
        .args(["status", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(v["conflict_copies"].as_array().unwrap().len(), 1, "{v}");
}

/// The long flags of a command, as clap builds them.
fn long_flags(cmd: &clap::Command) -> std::collections::BTreeSet<String> {
    cmd.get_arguments()
        .filter(|a| !a.is_global_set())
        .filter_map(|a| a.get_long().map(str::to_string))
        .collect()
}

#[test]
fn every_x_new_takes_the_entry_flags_of_new() {
    let root = casebook::cli::command();
    let new = root.find_subcommand("new").unwrap();
    let mut wanted = long_flags(new);
    // What only `new` has: choosing a kind's draft to start from.
    wanted.remove("from-draft");
    assert!(
        wanted.contains("field") && wanted.contains("no-edit"),
        "{wanted:?}"
    );
    let mut checked = Vec::new();
    for parent in root.get_subcommands() {
        for sub in parent.get_subcommands().filter(|s| s.get_name() == "new") {
            let have = long_flags(sub);
            let missing: Vec<_> = wanted.difference(&have).collect();
            assert!(
                missing.is_empty(),
                "casebook {} new lacks {missing:?}",
                parent.get_name()
            );
            checked.push(parent.get_name().to_string());
        }
    }
    assert!(checked.len() >= 2, "{checked:?}");
}

#[test]
fn goal_new_takes_the_entry_flags_of_new() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "goal",
            "new",
            "--title",
            "Three SSO articles",
            "--field",
            "query=kind:kb product:sso",
            "--field",
            "target=3",
            "--field",
            "due=2026-12-31",
            "--tag",
            "sso",
            "--no-edit",
        ])
        .assert()
        .success();
    let v = env.json(&["list", "--kind", "goal"]);
    let e = &v["entries"][0];
    assert_eq!(e["fields"]["query"], "kind:kb product:sso", "{e}");
    assert_eq!(e["fields"]["target"], 3, "{e}");
    assert_eq!(e["fields"]["due"], "2026-12-31", "{e}");
    assert_eq!(e["fields"]["status"], "open", "{e}");
    assert_eq!(e["tags"][0], "sso", "{e}");
    // The goal's own flags still work, and a goal still needs them.
    env.cb()
        .args([
            "goal", "new", "--title", "Two", "--query", "kind:qa", "--target", "2", "--due", "6w",
            "-m", "why",
        ])
        .assert()
        .success();
    let v = env.json(&["list", "--kind", "goal"]);
    let two = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["title"] == "Two")
        .unwrap();
    // `--due 6w` is six weeks from today (it was six weeks ago, always past).
    assert_eq!(two["fields"]["due"], "2027-01-05", "{two}");
    let a = env
        .cb()
        .args([
            "goal", "new", "--title", "No query", "--target", "2", "--due", "6w",
        ])
        .assert()
        .code(2);
    assert!(err(&a).contains("--query"), "{}", err(&a));
}

fn help_at(path: &[String], columns: &str) -> String {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("casebook"))
        .args(path)
        .arg("--help")
        .env("NO_COLOR", "1")
        .env_remove("CASEBOOK_DIR")
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The Examples section of a help text: its heading and the indented lines
/// under it (a wrapped example's tail is indented too).
fn examples_of(help: &str) -> Vec<String> {
    let mut lines = help.lines().skip_while(|l| !l.starts_with("Example"));
    let Some(head) = lines.next() else {
        return Vec::new();
    };
    std::iter::once(head)
        .chain(lines.take_while(|l| l.starts_with(' ')))
        .map(str::to_string)
        .collect()
}

/// The command lines an Examples section shows, as words: continuation
/// lines joined, `# ...` and the description column (after two spaces)
/// dropped, and only the `casebook ...` parts of a pipeline kept, up to a
/// redirection.
fn example_commands(section: &[String]) -> Vec<Vec<String>> {
    let mut joined: Vec<String> = Vec::new();
    let mut carry = String::new();
    for line in section.iter().skip(1) {
        let line = line.trim();
        if let Some(head) = line.strip_suffix('\\') {
            carry.push_str(head.trim_end());
            carry.push(' ');
            continue;
        }
        carry.push_str(line);
        joined.push(std::mem::take(&mut carry));
    }
    let mut out = Vec::new();
    for line in joined {
        // The command ends where, outside quotes, two spaces or a `#` begin.
        let (mut quote, mut end, mut prev) = (None, line.len(), ' ');
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if prev == ' ' => {
                    end = i;
                    break;
                }
                (None, ' ') if prev == ' ' && i > 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        let command = line[..end].trim();
        let Some(words) = shlex::split(command) else {
            panic!("an example that is not a command line: {line}");
        };
        for part in words.split(|w| w == "|" || w == "&&") {
            if part.first().map(String::as_str) != Some("casebook") {
                continue;
            }
            let part: Vec<String> = part
                .iter()
                .take_while(|w| !w.starts_with('>') && !w.starts_with('<') && *w != "2>")
                .cloned()
                .collect();
            out.push(part);
        }
    }
    out
}

#[test]
fn help_examples_are_never_wrapped_and_every_example_parses() {
    let mut parsed = 0;
    let mut wrong = Vec::new();
    for path in common::command_paths() {
        let name = path.join(" ");
        let narrow = examples_of(&help_at(&path, "80"));
        let wide = examples_of(&help_at(&path, "1000"));
        assert_eq!(
            narrow, wide,
            "casebook {name} --help wraps its examples at 80 columns"
        );
        for line in &wide {
            assert!(
                line.chars().count() <= 80,
                "casebook {name} --help: an example over 80 columns: {line}"
            );
        }
        for words in example_commands(&wide) {
            match casebook::cli::command().try_get_matches_from(&words) {
                Ok(_) => parsed += 1,
                Err(e) => wrong.push(format!(
                    "casebook {name} --help shows {words:?}, which does not parse:\n{e}"
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(parsed > 100, "{parsed} examples parsed");
}

#[test]
fn the_examples_that_need_no_entry_run_as_shown_in_a_new_journal() {
    // `profile --help` once suggested a level, and `confirm --help` two
    // criteria, that no ladder has.
    let env = TestEnv::new();
    for command in [
        vec!["profile"],
        vec!["review"],
        vec!["rate"],
        vec!["skill", "rate"],
        vec!["focus"],
        vec!["status"],
    ] {
        let path: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        let examples = example_commands(&examples_of(&help_at(&path, "100")));
        assert!(!examples.is_empty(), "{command:?}");
        for words in examples {
            if words.iter().any(|w| w == "kqzv" || w == "bo-chen") {
                continue;
            }
            // 1 is "nothing found" (`profile` before any profile); a
            // refused level, criterion or flag is a usage error, 2.
            let a = env.cb().args(&words[1..]).assert();
            let code = a.get_output().status.code();
            assert!(matches!(code, Some(0 | 1)), "{words:?}: {}", err(&a));
        }
    }
    // A lead confirms Ana's criteria from a clone of their own.
    env.cb()
        .args(["config", "set", "person", "Sam Rivera"])
        .assert()
        .success();
    let examples = example_commands(&examples_of(&help_at(&["confirm".into()], "100")));
    assert_eq!(examples.len(), 2, "{examples:?}");
    for words in examples {
        assert!(words.iter().any(|w| w == "-m"), "{words:?}");
        let a = env.cb().args(&words[1..]).assert();
        assert!(a.get_output().status.success(), "{words:?}: {}", err(&a));
    }
}

#[test]
fn check_of_a_path_that_does_not_exist_says_so() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args(["check", "people/nobody/2026"])
        .assert()
        .code(2);
    assert!(err(&a).contains("no such file or folder"), "{}", err(&a));
    assert!(!err(&a).contains("not inside the journal"), "{}", err(&a));
}

#[test]
fn edits_to_different_paragraphs_of_one_body_merge_and_overlapping_ones_do_not() {
    let env = TestEnv::bare();
    let (ana, bo) = two_clones(&env);
    let id = shared_id(&env, &ana);
    let base = "First paragraph.\n\nMiddle paragraph.\n\nLast paragraph.";
    env.cb_in(&ana)
        .args(["edit", &id, "-m", base])
        .assert()
        .success();
    env.cb_in(&ana).arg("sync").assert().success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&bo)
        .args([
            "edit",
            &id,
            "-m",
            &base.replace("Last paragraph.", "Last, by Bo."),
        ])
        .assert()
        .success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&ana)
        .args([
            "edit",
            &id,
            "-m",
            &base.replace("First paragraph.", "First, by Ana."),
        ])
        .assert()
        .success();
    let s = env.cb_in(&ana).arg("sync").assert().success();
    assert!(!err(&s).contains("conflict"), "{}", err(&s));
    let a = env.cb_in(&ana).args(["show", &id]).assert().success();
    let text = out(&a);
    assert!(
        text.contains("First, by Ana.") && text.contains("Last, by Bo."),
        "{text}"
    );
    assert!(!files_under(&ana).iter().any(|f| f.contains(".conflict-")));
    // The same paragraph changed on both sides keeps theirs as a copy.
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&bo)
        .args(["edit", &id, "-m", "Bo rewrote it all."])
        .assert()
        .success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&ana)
        .args(["edit", &id, "-m", "Ana rewrote it all."])
        .assert()
        .success();
    let s = env.cb_in(&ana).arg("sync").assert().success();
    assert!(err(&s).contains("conflict"), "{}", err(&s));
    env.cb_in(&ana).arg("check").assert().code(1);
}

/// `status` points at the command the README and help teach for a
/// prediction's outcome (`resolve`), and that hint runs as shown.
#[test]
fn status_hints_resolve_for_waiting_predictions() {
    let env = TestEnv::new();
    env.predict("SSO loop", "the IdP posts to the old ACS URL");
    let a = env.cb().arg("status").assert().success();
    let text = format!("{}{}", common::out(&a), common::err(&a));
    assert!(text.contains("casebook resolve ID --actual"), "{text}");
    assert!(!text.contains("casebook edit ID --field actual"), "{text}");
    env.cb()
        .args([
            "resolve",
            "@",
            "--actual",
            "the cert expired",
            "--verdict",
            "miss",
        ])
        .assert()
        .success();
}
