//! The case for the next level: profile, feedback and confirmations from a
//! lead's own clone, metrics, goals, 1:1s, the pack's verdicts and order,
//! and the team view. Two clones share a bare remote on disk.

mod common;

use common::TestEnv;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

fn err(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

fn git_in(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .env("HOME", env.root.join("home"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// Ana's journal with a bare remote, and Bo's clone of it (his own git
/// identity), both synced.
fn two_clones() -> (TestEnv, PathBuf) {
    let env = TestEnv::bare();
    let remote = env.root.join("remote.git");
    git_in(
        &env,
        &env.root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            remote.to_str().unwrap(),
        ],
    );
    env.cb_in(&env.root)
        .args([
            "init",
            "journal",
            "--person",
            "Ana Lima",
            "--remote",
            remote.to_str().unwrap(),
        ])
        .assert()
        .success();
    env.cb().arg("sync").assert().success();
    let bo = env.root.join("bo");
    env.cb_in(&env.root)
        .args([
            "clone",
            remote.to_str().unwrap(),
            bo.to_str().unwrap(),
            "--person",
            "Bo Chen",
        ])
        .assert()
        .success();
    git_in(&env, &bo, &["config", "user.name", "Bo Chen"]);
    git_in(&env, &bo, &["config", "user.email", "bo@example.org"]);
    (env, bo)
}

fn write_file(path: &Path, text: &str) -> String {
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_leads_feedback_and_confirmation_reach_the_pack_with_the_givers_identity() {
    let (env, bo) = two_clones();
    // Ana: where she stands, three published articles, helpdesk figures, a self-rating.
    env.cb()
        .args([
            "profile",
            "--level",
            "specialist-1",
            "--since",
            "2025-09-01",
            "--target",
            "specialist-2",
        ])
        .assert()
        .success();
    let kb: Vec<String> = (1..=3)
        .map(|i| json!({"kind": "kb", "date": format!("2026-0{i}-10"), "title": format!("Article {i}"), "body": "steps", "status": "published"}).to_string())
        .collect();
    let file = write_file(&env.root.join("kb.jsonl"), &kb.join("\n"));
    env.cb().args(["import", &file]).assert().success();
    let csv = write_file(
        &env.root.join("h1.csv"),
        "Agent,Period,CSAT,Responses,Reopen rate,Cases\nAna Lima,2026-H1,94%,212,4.5,400\n",
    );
    env.cb()
        .args(["metrics", "import", &csv])
        .assert()
        .success();
    env.cb()
        .args([
            "rate",
            "empathic-communication",
            "rookie",
            "-m",
            "still learning",
        ])
        .assert()
        .success();
    env.cb().arg("sync").assert().success();

    // Bo, her lead, from his own clone.
    env.cb_in(&bo).arg("sync").assert().success();
    let a = env
        .cb_in(&bo)
        .args([
            "--json",
            "feedback",
            "ana-lima",
            "-m",
            "Her hand-off had the HAR file and the repro; engineering fixed it in a day",
            "--source",
            "lead",
            "--skill",
            "hand-off-documentation",
        ])
        .assert()
        .success();
    let fb: Value = serde_json::from_str(&out(&a)).unwrap();
    let fb_path = fb["path"].as_str().unwrap().to_string();
    assert!(
        fb_path.starts_with("people/ana-lima/"),
        "written into Ana's folder: {fb_path}"
    );
    env.cb_in(&bo)
        .args([
            "feedback",
            "ana-lima",
            "-m",
            "Talked a furious admin down in ten minutes on ZD-77",
            "--source",
            "lead",
            "--skill",
            "empathic-communication",
        ])
        .assert()
        .success();
    env.cb_in(&bo)
        .args([
            "rate",
            "empathic-communication",
            "pro",
            "--by",
            "lead",
            "--person",
            "ana-lima",
            "-m",
            "three calm turnarounds",
        ])
        .assert()
        .success();
    env.cb_in(&bo)
        .args([
            "confirm",
            "s2-gate-judgment",
            "--person",
            "ana-lima",
            "--met",
            "-m",
            "reviewed ten gate decisions",
        ])
        .assert()
        .success();
    // Confirming your own criteria is not a confirmation.
    env.cb()
        .args(["confirm", "s2-gate-judgment", "--met"])
        .assert()
        .code(2);
    env.cb_in(&bo)
        .args([
            "confirm",
            "no-such-criterion",
            "--person",
            "ana-lima",
            "--met",
        ])
        .assert()
        .code(2);
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb().arg("sync").assert().success();

    // The commit author is the giver; the record says so too.
    let author = env.git(&["log", "--format=%an", "--", &fb_path]);
    assert_eq!(author.trim(), "Bo Chen");
    let list = env.json(&["list", "--kind", "feedback"]);
    assert_eq!(list["entries"][0]["fields"]["from"], "Bo Chen");
    assert_eq!(list["entries"][0]["fields"]["recorded_by"], "bo-chen");

    // The criteria of specialist-2, worked out by hand:
    //   s2-calibration: no resolved predictions, needs 20       -> not yet
    //   s2-kb-published: 3 published in 2026, needs 3           -> met
    //   s2-reopen: 4.5 % <= 8 %                                 -> met
    //   s2-hard-conversations: lead rated pro (self rookie)     -> met
    //   s2-tenure: 2025-09-01 to 2026-11-24 = 14 months >= 9    -> met
    //   s2-gate-judgment: no check; Bo confirmed it met         -> met (by Bo Chen)
    let pack = env.json(&["review", "--period", "2026"]);
    assert_eq!(
        pack["header"]["level"]["id"], "specialist-1",
        "level from the profile"
    );
    assert_eq!(
        pack["header"]["target"]["id"], "specialist-2",
        "target from the profile"
    );
    let status = |id: &str| {
        pack["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("criterion {id}"))
            .clone()
    };
    assert_eq!(status("s2-calibration")["status"], "not_yet");
    assert_eq!(status("s2-kb-published")["status"], "met");
    assert_eq!(status("s2-kb-published")["value"], 3.0);
    assert_eq!(status("s2-reopen")["status"], "met");
    assert_eq!(status("s2-hard-conversations")["status"], "met");
    assert_eq!(status("s2-tenure")["status"], "met");
    assert_eq!(status("s2-tenure")["value"], 14.0);
    let gate = status("s2-gate-judgment");
    assert_eq!(gate["status"], "met");
    assert_eq!(gate["computed"], "to_be_confirmed");
    assert_eq!(gate["confirmation"]["by"], "Bo Chen");
    assert_eq!(gate["confirmation"]["date"], "2026-11-24");
    assert_eq!(pack["tenure"]["months"], 14);
    assert_eq!(pack["tenure"]["min_months"], 9);

    // The Markdown pack reads in the order boards read.
    let md = out(&env
        .cb()
        .args(["review", "--period", "2026"])
        .assert()
        .success());
    let at = |h: &str| md.find(h).unwrap_or_else(|| panic!("no {h} in the pack"));
    let order = [
        at("## Summary"),
        at("## Outcomes and system impact"),
        at("## Criteria for Support Specialist II"),
        at("## Tenure and milestones"),
        at("## Skills"),
        at("## Gaps and plan"),
        at("## Activity (context)"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(md.contains("Confirmed by Bo Chen on 2026-11-24"), "{md}");
    // Bo's feedback speaks to hand-off documentation, which no specialist-2
    // criterion measures; his second piece, on empathic communication, sits
    // under the criterion that does.
    assert!(
        status("s2-hard-conversations")["said"][0]["title"]
            .as_str()
            .unwrap()
            .starts_with("Talked a furious admin down")
    );
    assert!(
        status("s2-kb-published")["said"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(md.contains("” — Bo Chen (lead), 2026-"), "{md}");
}

#[test]
fn the_team_view_is_a_grid_in_name_order_per_100_cases() {
    let (env, bo) = two_clones();
    let kb: Vec<String> = (1..=3)
        .map(|i| json!({"kind": "kb", "date": format!("2026-0{i}-10"), "title": format!("Article {i}"), "body": "x", "status": "published", "skills": ["knowledge-base-specification"]}).to_string())
        .collect();
    let file = write_file(&env.root.join("kb.jsonl"), &kb.join("\n"));
    env.cb().args(["import", &file]).assert().success();
    let csv = write_file(
        &env.root.join("m.csv"),
        "Period,Reopen rate,Cases\n2026-H1,5,400\n",
    );
    env.cb()
        .args(["metrics", "import", &csv])
        .assert()
        .success();
    env.cb().arg("sync").assert().success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb_in(&bo)
        .args([
            "new",
            "note",
            "--title",
            "Bo's note",
            "-m",
            "x",
            "--date",
            "2026-05-01",
        ])
        .assert()
        .success();
    env.cb_in(&bo).arg("sync").assert().success();
    env.cb().arg("sync").assert().success();
    let v = env.json(&["review", "--team", "--period", "2026"]);
    let people: Vec<&str> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"].as_str().unwrap())
        .collect();
    assert_eq!(
        people,
        ["ana-lima", "bo-chen"],
        "name order, never a ranking"
    );
    let ana = &v["people"][0];
    // 3 practice entries over 400 cases handled = 0.75 per 100, shown as 0.8.
    assert_eq!(ana["entries"], 3);
    assert_eq!(ana["cases_handled"], 400);
    assert_eq!(ana["entries_per_100_cases"], 0.8);
    assert!(
        v["people"][1]["entries_per_100_cases"].is_null(),
        "no cases, no ratio"
    );
    let kbcell = ana["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["skill"] == "knowledge-base-specification")
        .unwrap();
    assert_eq!(kbcell["evidence"], 3);
    // Foundations are never columns.
    assert!(
        v["skills"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["id"] != "self-care")
    );
    let md = out(&env
        .cb()
        .args(["review", "--team", "--period", "2026"])
        .assert()
        .success());
    assert!(md.contains("Calibration, not a ranking"), "{md}");
}

#[test]
fn snapshot_tags_the_commit_the_pack_summarised() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "t", "-m", "x"])
        .assert()
        .success();
    let head = env.git(&["rev-parse", "HEAD"]);
    env.cb()
        .args([
            "review",
            "--period",
            "2026-H2",
            "--snapshot",
            "-o",
            "pack.md",
        ])
        .assert()
        .success();
    let tagged = env.git(&["rev-parse", "review/ana-lima/2026-H2^{commit}"]);
    assert_eq!(tagged.trim(), head.trim());
    // Written later, the pack for that period can be rebuilt from the tag.
    env.cb()
        .args(["new", "note", "--title", "later", "-m", "y"])
        .assert()
        .success();
    let later = env.git(&["rev-parse", "HEAD"]);
    assert_ne!(later.trim(), tagged.trim());
    // The tag is that record: it does not move silently.
    let a = env
        .cb()
        .args([
            "review",
            "--period",
            "2026-H2",
            "--snapshot",
            "-o",
            "again.md",
        ])
        .assert()
        .code(2);
    assert!(
        err(&a).contains(&format!("already points at commit {}", &head.trim()[..10])),
        "{}",
        err(&a)
    );
    assert!(err(&a).contains("--force"), "{}", err(&a));
    assert!(!env.journal.join("again.md").exists(), "nothing written");
    assert_eq!(
        env.git(&["rev-parse", "review/ana-lima/2026-H2^{commit}"])
            .trim(),
        head.trim()
    );
    // The same commit again is no move; --force moves it, and says so.
    let a = env
        .cb()
        .args([
            "review",
            "--period",
            "2026-H2",
            "--snapshot",
            "--force",
            "-o",
            "again.md",
        ])
        .assert()
        .success();
    assert!(
        err(&a).contains("moved review/ana-lima/2026-H2"),
        "{}",
        err(&a)
    );
    assert_eq!(
        env.git(&["rev-parse", "review/ana-lima/2026-H2^{commit}"])
            .trim(),
        later.trim()
    );
}

#[test]
fn profile_history_and_bad_values() {
    let env = TestEnv::new();
    env.cb().arg("profile").assert().code(1);
    env.cb()
        .args(["profile", "--level", "wizard"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("levels:"));
    // Written minutes apart: the latest profile is the one that counts.
    let at = |t: &str| format!("2026-11-24T{t}:00+00:00");
    env.cb()
        .env("CASEBOOK_NOW", at("09:00"))
        .args([
            "profile",
            "--level",
            "specialist-1",
            "--since",
            "2025-01-15",
        ])
        .assert()
        .success();
    env.cb()
        .env("CASEBOOK_NOW", at("09:10"))
        .args([
            "profile",
            "--target",
            "specialist-2",
            "-m",
            "towards complex escalations",
        ])
        .assert()
        .success();
    env.cb()
        .env("CASEBOOK_NOW", at("09:20"))
        .args([
            "profile",
            "--level",
            "specialist-2",
            "--since",
            "2026-10-01",
        ])
        .assert()
        .success();
    let p = env.json(&["profile"]);
    assert_eq!(p["profile"]["level"], "specialist-2");
    assert_eq!(
        p["profile"]["target_level"], "specialist-2",
        "the target is carried forward"
    );
    assert_eq!(p["profile"]["direction"], "towards complex escalations");
    // 2026-10-01 to 2026-11-24: one whole month.
    assert_eq!(p["profile"]["tenure_months"], 1);
    assert_eq!(p["history"].as_array().unwrap().len(), 3);
    let human = out(&env.cb().arg("profile").assert().success());
    assert!(
        human.contains("2025-01-15  specialist-1") && human.contains("2026-10-01  specialist-2"),
        "{human}"
    );
}

/// Spreadsheets in locales that write 4,5 for 4.5 export with semicolons.
#[test]
fn metrics_import_reads_semicolon_exports_with_decimal_commas() {
    let env = TestEnv::new();
    let csv = write_file(
        &env.root.join("q3.csv"),
        "\u{feff}Agent;Period;CSAT;Responses;Reopen rate\nAna Lima;2026-Q3;94,5%;212;4,5\n",
    );
    env.cb()
        .args(["metrics", "import", &csv])
        .assert()
        .success();
    let r = env.json(&["metrics", "report"]);
    let m = &r["metrics"][0];
    assert_eq!(m["period"], "2026-Q3");
    assert_eq!(m["csat"], 94.5);
    assert_eq!(m["csat_n"], 212);
    assert_eq!(m["reopen_rate"], 4.5);
}

#[test]
fn metrics_import_maps_columns_warns_on_small_n_and_rejects_bad_rows() {
    let env = TestEnv::new();
    let csv = write_file(
        &env.root.join("m.csv"),
        "Agent,Satisfaction,Surveys,FCR,Handle time\nAna Lima,0.91,18,72,310\n",
    );
    let a = env
        .cb()
        .args([
            "metrics",
            "import",
            &csv,
            "--period",
            "2026-Q3",
            "--map",
            "Satisfaction=csat",
            "--map",
            "Surveys=csat_n",
        ])
        .assert()
        .success();
    assert!(
        err(&a).contains("18 responses (fewer than 30)"),
        "{}",
        err(&a)
    );
    assert!(
        err(&a).contains("ignoring columns Handle time"),
        "{}",
        err(&a)
    );
    let r = env.json(&["metrics", "report"]);
    let m = &r["metrics"][0];
    assert_eq!(m["csat"], 91.0, "a fraction is read as a percentage");
    assert_eq!(m["csat_n"], 18);
    assert_eq!(m["fcr"], 72.0);
    assert_eq!(m["small_n"], true);
    assert_eq!(m["source"], "m.csv");
    let before = env.commits();
    let bad = write_file(
        &env.root.join("bad.csv"),
        "Period,CSAT\n2026-Q3,94\n2026-Q4,lots\n",
    );
    env.cb()
        .args(["metrics", "import", &bad])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bad.csv:3: csat: 'lots' is not a number",
        ));
    let none = write_file(&env.root.join("none.csv"), "Ticket,Subject\n1,x\n");
    env.cb()
        .args(["metrics", "import", &none, "--period", "2026"])
        .assert()
        .code(2);
    env.cb()
        .args(["metrics", "import", &csv, "--map", "Surveys=happiness"])
        .assert()
        .code(2);
    assert_eq!(env.commits(), before, "nothing written on a bad file");
}

#[test]
fn goals_are_measured_by_their_query_and_closed_with_a_retro() {
    let env = TestEnv::new();
    let a = env
        .cb()
        .args([
            "--json",
            "goal",
            "new",
            "--title",
            "Two KB articles",
            "--query",
            "kind:kb",
            "--target",
            "2",
            "--due",
            "2026-12-31",
        ])
        .assert()
        .success();
    let id = serde_json::from_str::<Value>(&out(&a)).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.cb()
        .args(["new", "kb", "--title", "Reset SSO", "-m", "steps"])
        .assert()
        .success();
    let r = env.json(&["goal", "report"]);
    assert_eq!(r["goals"][0]["count"], 1);
    assert_eq!(r["goals"][0]["target"], 2);
    assert_eq!(r["goals"][0]["status"], "open");
    env.cb()
        .args(["goal", "close", &id, "met"])
        .assert()
        .code(2);
    env.cb()
        .args([
            "goal",
            "close",
            &id,
            "missed",
            "-m",
            "one article; the second waits on engineering",
        ])
        .assert()
        .success();
    let r = env.json(&["goal"]);
    assert_eq!(r["goals"][0]["status"], "missed");
    env.cb()
        .args(["goal", "close", &id, "met", "-m", "again"])
        .assert()
        .code(2);
    env.cb()
        .args([
            "goal",
            "new",
            "--title",
            "x",
            "--query",
            "kind:kb",
            "--target",
            "1",
            "--due",
            "2020-01-01",
        ])
        .assert()
        .code(2);
}

#[test]
fn one_on_one_notes_stay_private_and_prep_reads_since_the_last_one() {
    let (env, bo) = two_clones();
    env.cb()
        .args(["new", "note", "--title", "Ana's first", "-m", "x"])
        .assert()
        .success();
    env.cb().arg("sync").assert().success();
    env.cb_in(&bo).arg("sync").assert().success();
    let a = env
        .cb_in(&bo)
        .args([
            "--json",
            "1on1",
            "note",
            "ana-lima",
            "-m",
            "talked about SSO",
            "--action",
            "ana: draft the SAML article",
        ])
        .assert()
        .success();
    let note: Value = serde_json::from_str(&out(&a)).unwrap();
    assert!(note["path"].as_str().unwrap().starts_with("private/"));
    env.cb_in(&bo)
        .args(["1on1", "note", "ana-lima", "--action", "no owner"])
        .assert()
        .code(2);
    env.cb_in(&bo).arg("sync").assert().success();
    let remote_files = git_in(
        &env,
        &env.root.join("remote.git"),
        &["ls-tree", "-r", "--name-only", "main"],
    );
    assert!(
        !remote_files.contains("1-1-with"),
        "a 1:1 note reached the remote: {remote_files}"
    );
    let prep = {
        let a = env
            .cb_in(&bo)
            .args(["--json", "1on1", "prep", "ana-lima"])
            .assert()
            .success();
        serde_json::from_str::<Value>(&out(&a)).unwrap()
    };
    assert_eq!(prep["open_actions"][0], "ana: draft the SAML article");
    assert_eq!(prep["last_1on1"], "2026-11-24");
    assert_eq!(prep["entries"][0]["title"], "Ana's first");
}

#[test]
fn seeded_trees_and_personal_skills_are_rated_like_any_other() {
    let env = TestEnv::new();
    let list = out(&env
        .cb()
        .args(["skill", "seed", "--list"])
        .assert()
        .success());
    for track in [
        "trainer",
        "qa",
        "support-ops",
        "agent-supervisor",
        "specification-owner",
        "customer-success",
    ] {
        assert!(list.contains(track), "{track}: {list}");
    }
    let before = env.commits();
    env.cb()
        .args(["skill", "seed", "--tree", "trainer"])
        .assert()
        .success();
    assert_eq!(env.commits(), before + 1);
    let own = std::fs::read_to_string(env.journal.join("people/ana-lima/skills.toml")).unwrap();
    assert!(
        own.contains("curriculum-design") && own.contains("group = \"personal\""),
        "{own}"
    );
    env.cb()
        .args(["skill", "seed", "curriculum-design", "--tree", "trainer"])
        .assert()
        .code(1);
    env.cb()
        .args(["skill", "seed", "juggling", "--tree", "trainer"])
        .assert()
        .code(2);
    env.cb()
        .args(["skill", "seed", "--tree", "wizardry"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("trees:"));
    env.cb()
        .args([
            "skill",
            "add",
            "sql-for-support",
            "--name",
            "SQL for support",
            "--kind",
            "diagnosis",
        ])
        .assert()
        .success();
    env.cb()
        .args(["skill", "add", "sql-for-support", "--name", "again"])
        .assert()
        .code(2);
    env.cb()
        .args([
            "rate",
            "curriculum-design",
            "pro",
            "-m",
            "built the SSO module",
        ])
        .assert()
        .success();
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "Ledger mismatch",
            "--skill",
            "sql-for-support",
            "--field",
            "prediction=late webhook",
            "-m",
            "x",
        ])
        .assert()
        .success();
    let skills = env.json(&["skills"]);
    let text = skills.to_string();
    assert!(
        text.contains("curriculum-design") && text.contains("sql-for-support"),
        "{text}"
    );
    let pack = env.json(&["review", "--period", "2026"]);
    let ids: Vec<&str> = pack["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"curriculum-design") && ids.contains(&"sql-for-support"),
        "{ids:?}"
    );
    // Someone else's journal view does not carry Ana's personal skills.
    env.cb()
        .args(["skills", "--person", "bo-chen"])
        .assert()
        .success()
        .stdout(predicates::str::contains("curriculum-design").not());
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn sync_dry_run_counts_without_changing_anything() {
    let (env, bo) = two_clones();
    env.cb()
        .args(["new", "note", "--title", "mine", "-m", "x"])
        .assert()
        .success();
    env.cb_in(&bo)
        .args(["new", "note", "--title", "his", "-m", "y"])
        .assert()
        .success();
    env.cb_in(&bo).arg("sync").assert().success();
    let head = env.git(&["rev-parse", "HEAD"]);
    let remote = env.root.join("remote.git");
    let remote_head = git_in(&env, &remote, &["rev-parse", "main"]);
    let a = env
        .cb()
        .args(["--json", "sync", "--dry-run"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&out(&a)).unwrap();
    assert_eq!(
        (v["incoming"].as_u64(), v["outgoing"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(env.git(&["rev-parse", "HEAD"]), head, "nothing merged");
    assert_eq!(
        git_in(&env, &remote, &["rev-parse", "main"]),
        remote_head,
        "nothing pushed"
    );
}

/// Words as `wc -w` counts them.
fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Entry ids in backticks: twelve lowercase letters.
fn ids_in(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.len() == 12 && s.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect()
}

/// The numbers right before " deflections".
fn deflection_figures(text: &str) -> Vec<String> {
    text.match_indices(" deflections")
        .filter_map(|(i, _)| {
            let before = &text[..i];
            let n: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .collect();
            (!n.is_empty()).then(|| n.chars().rev().collect())
        })
        .collect()
}

#[test]
fn the_demo_pack_is_read_in_five_minutes_and_believed() {
    let env = TestEnv::bare();
    env.cb_in(&env.root)
        .args(["demo", "demo"])
        .assert()
        .success();
    let demo = env.root.join("demo");
    let md = out(&env.cb_in(&demo).args(["review"]).assert().success());
    // The summary first, under 150 words; the whole under 1,500.
    let sections: Vec<&str> = md.split("\n## ").collect();
    assert!(sections[1].starts_with("Summary\n"), "{md}");
    assert!(
        words(sections[1]) < 150,
        "summary of {} words",
        words(sections[1])
    );
    assert!(words(&md) <= 1500, "{} words:\n{md}", words(&md));
    assert!(!md.contains("people/"), "file paths in the pack:\n{md}");
    // No entry twice in one section.
    for s in &sections {
        let ids = ids_in(s);
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(ids.len(), unique.len(), "an entry twice in:\n{s}");
    }
    // What the lead said, quoted whole, with who, role and date.
    let dana = walk_files(&demo)
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|t| t.contains("title = \"Mid-year from Dana\""))
        .unwrap();
    let said = dana
        .split("+++")
        .nth(2)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(said.len() > 150, "a long quote: {said}");
    assert!(
        md.contains(&format!("“{said}” — Dana Whitfield (lead), 20")),
        "{md}"
    );
    assert_eq!(
        md.matches("Mid-year from Dana").count(),
        0,
        "quoted, not titled"
    );
    // A miss, with predicted → actual and what it taught.
    assert!(md.contains("### Misses, and what they taught"), "{md}");
    assert!(md.contains("- Predicted → actual: "), "{md}");
    assert!(md.contains("- Learned: "), "{md}");
    // One deflection total, and what it counts.
    let figures: std::collections::BTreeSet<String> = deflection_figures(&md).into_iter().collect();
    assert_eq!(figures.len(), 1, "deflection totals {figures:?}");
    assert!(md.contains("retired articles not counted"), "{md}");
    // A criterion met on one entry says so.
    assert!(md.contains("- Met on a single entry."), "{md}");
    // Per-skill detail and activity tables only when asked for.
    assert!(!md.contains("Strongest evidence") && !md.contains("| month | entries |"));
    let full = out(&env
        .cb_in(&demo)
        .args(["review", "--detail", "full"])
        .assert()
        .success());
    assert!(full.contains("Strongest evidence") && full.contains("| month | entries |"));
    assert!(!full.contains("people/"));
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == ".git") {
            continue;
        }
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_tiny_journal_gives_a_short_pack_without_zeros() {
    let env = TestEnv::new();
    for (t, m) in [
        ("first", "the agent missed the refund rule"),
        ("second", "paired with Bo"),
    ] {
        env.cb()
            .args(["new", "note", "--title", t, "-m", m])
            .assert()
            .success();
    }
    let md = out(&env.cb().args(["review"]).assert().success());
    assert!(
        md.lines().count() < 60,
        "{} lines:\n{md}",
        md.lines().count()
    );
    assert!(
        md.contains("Left out, with nothing to show in this period: "),
        "{md}"
    );
    for zero in [" 0 made", "gates: 0:", "0 raised", "| 0 |"] {
        assert!(!md.contains(zero), "{zero:?} in:\n{md}");
    }
    let html = out(&env
        .cb()
        .args(["review", "--format", "html", "--detail", "full"])
        .assert()
        .success());
    assert!(!html.contains("Decisions at risk gates: 0:"), "{html}");
}

#[test]
fn the_period_header_is_the_one_the_entries_were_selected_by() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "t", "-m", "x"])
        .assert()
        .success();
    let md = out(&env
        .cb()
        .args(["review", "--since", "2030-01-01"])
        .assert()
        .success());
    assert!(!md.contains("12mo"), "{md}");
    assert!(
        md.contains("# Evidence pack: ana-lima, since 2030-01-01"),
        "{md}"
    );
    let v = env.json(&["review", "--since", "2026-03-01", "--until", "2026-06-30"]);
    assert_eq!(v["header"]["period"], "2026-03-01 to 2026-06-30");
    assert_eq!(v["header"]["period_start"], "2026-03-01");
    assert_eq!(v["header"]["period_end"], "2026-06-30");
    let v = env.json(&["review", "--period", "2026-H1", "--since", "2026-03-01"]);
    assert_eq!(v["header"]["period"], "2026-03-01 to 2026-06-30");
    let v = env.json(&["review", "--period", "2026-H1"]);
    assert_eq!(v["header"]["period"], "2026-H1");
}

#[test]
fn an_untouched_template_is_kept_but_never_counts() {
    let env = TestEnv::new();
    // Quitting the editor without writing commits nothing any more...
    let quit = env.editor("quit.sh", "exit 0");
    env.cb()
        .env("EDITOR", &quit)
        .args(["new", "diagnosis", "--title", "Refund loop"])
        .assert()
        .code(1);
    // ...but older versions did, and a template body can still be given on
    // purpose: such an entry is kept but never counts.
    let template = env.journal.join("templates/diagnosis.md");
    env.cb()
        .args([
            "new",
            "diagnosis",
            "--title",
            "Refund loop",
            "--no-edit",
            "-F",
        ])
        .arg(&template)
        .assert()
        .success();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "real",
            "-m",
            "the agent now asks for the invoice id",
        ])
        .assert()
        .success();
    let v = env.json(&["review"]);
    assert_eq!(v["activity"]["total"], 1, "{}", v["activity"]);
    assert_eq!(
        v["left_out"].as_array().map(Vec::len),
        Some(1),
        "{}",
        v["left_out"]
    );
    assert_eq!(v["activity"]["by_kind"].get("diagnosis"), None);
}

#[test]
fn sync_pushes_review_tags() {
    let (env, bo) = two_clones();
    env.cb()
        .args(["new", "note", "--title", "mine", "-m", "x"])
        .assert()
        .success();
    env.cb()
        .args([
            "review",
            "--period",
            "2026-H2",
            "--snapshot",
            "-o",
            "pack.md",
        ])
        .assert()
        .success();
    env.cb().arg("sync").assert().success();
    let remote = env.root.join("remote.git");
    let tagged = git_in(
        &env,
        &remote,
        &["rev-parse", "refs/tags/review/ana-lima/2026-H2"],
    );
    assert_eq!(tagged.trim(), env.git(&["rev-parse", "HEAD"]).trim());
    git_in(&env, &bo, &["fetch", "-q", "--tags", "origin"]);
    assert_eq!(
        git_in(&env, &bo, &["rev-parse", "review/ana-lima/2026-H2"]).trim(),
        tagged.trim(),
        "the lead's clone can rebuild the pack from the tag"
    );
}

#[test]
fn feedback_to_someone_not_in_the_journal_needs_new_person() {
    let env = TestEnv::new();
    let before = env.commits();
    let a = env
        .cb()
        .args(["feedback", "bo-chne", "-m", "Great hand-off."])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("ana-lima") && err(&a).contains("--new-person"),
        "{}",
        err(&a)
    );
    assert_eq!(env.commits(), before, "nothing written for a misspelt name");
    env.cb()
        .args([
            "feedback",
            "bo-chen",
            "--new-person",
            "-m",
            "Great hand-off.",
        ])
        .assert()
        .success();
    // Now that Bo has a folder, no flag is needed.
    env.cb()
        .args(["feedback", "bo-chen", "-m", "Again."])
        .assert()
        .success();
}

#[test]
fn one_on_one_prep_says_when_it_shortens_the_list() {
    let env = TestEnv::new();
    let records: Vec<serde_json::Value> = (0..15)
        .map(|i| {
            serde_json::json!({"kind": "note", "title": format!("Note {i}"), "body": "x",
                "person": "ana-lima", "date": format!("2026-11-{:02}", i + 1)})
        })
        .collect();
    env.import(&records);
    let a = env
        .cb()
        .args(["1on1", "prep", "ana-lima"])
        .assert()
        .success();
    let text = out(&a);
    assert!(text.contains("the newest 12 of 15"), "{text}");
    assert!(text.contains("casebook list --person ana-lima"), "{text}");
}
