//! End to end: the practice-loop command groups. Each test builds a small
//! journal with `casebook new`, then checks the reports' figures in `--json`
//! against numbers worked out by hand (in the comments), the exit codes
//! (0, 1 for nothing, 2 for a bad value) and that every write is one commit.
//! The clock is frozen at 2026-11-24 (a Tuesday of ISO week 2026-W48).

mod common;
use common::{TestEnv, err, out};
use serde_json::Value;

/// `casebook new KIND --date DATE --no-edit -m x ARGS...`; returns the id.
fn new(env: &TestEnv, kind: &str, date: &str, args: &[&str]) -> String {
    let a = env
        .cb()
        .args(["new", kind, "--date", date, "--no-edit", "-m", "x"])
        .args(args)
        .assert()
        .success();
    out(&a).split_whitespace().next().unwrap().to_string()
}

fn field(env: &TestEnv, id: &str, name: &str) -> Value {
    let j = env.json(&["show", id]);
    let e = j["entries"].as_array().map_or(&j, |a| &a[0]).clone();
    e["fields"][name].clone()
}

fn body(env: &TestEnv, id: &str) -> String {
    let a = env.cb().args(["show", id]).assert().success();
    out(&a)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn skills_rate_focus_and_close_focus() {
    let env = TestEnv::new();
    let start = env.commits();
    let a = env
        .cb()
        .args(["rate", "empathic-communication", "pro", "-m", "three calls"])
        .assert()
        .success();
    assert!(out(&a).contains("people/ana-lima/"), "ID PATH: {}", out(&a));
    assert_eq!(env.commits(), start + 1);
    // Unknown skill or level: exit 2, listing the valid ones, nothing written.
    let a = env.cb().args(["rate", "empathy", "pro"]).assert().code(2);
    assert!(
        err(&a).contains("empathy") && err(&a).contains("adaptability"),
        "{}",
        err(&a)
    );
    let a = env
        .cb()
        .args(["skill", "rate", "adaptability", "expert"])
        .assert()
        .code(2);
    assert!(err(&a).contains("rookie, pro, master"), "{}", err(&a));
    env.cb()
        .args(["rate", "adaptability", "pro", "--dry-run"])
        .assert()
        .success();
    assert_eq!(env.commits(), start + 1);
    // A lead's rating counts over a later self-rating.
    env.cb()
        .args([
            "skill",
            "rate",
            "complex-case-diagnosis",
            "master",
            "--by",
            "lead",
        ])
        .assert()
        .success();
    env.cb()
        .args(["rate", "complex-case-diagnosis", "rookie"])
        .assert()
        .success();

    env.cb().arg("focus").assert().code(1);
    env.cb().args(["focus", "empathy"]).assert().code(2);
    let before = env.commits();
    let focus = env.json(&[
        "skill",
        "focus",
        "empathic-communication",
        "--case",
        "ZD-1",
        "-m",
        "nearly lost her at 'policy'",
    ]);
    assert_eq!(env.commits(), before + 1);
    assert!(focus["id"].is_string() && focus["commit"].is_string());
    env.cb().args(["focus", "adaptability"]).assert().code(1);
    // Post-mortems are evidence for empathic communication by default; only
    // November's count as this month's practice.
    new(
        &env,
        "postmortem",
        "2026-11-10",
        &["--title", "Refund call"],
    );
    new(
        &env,
        "postmortem",
        "2026-10-30",
        &["--title", "October call"],
    );
    let shown = env.json(&["focus"]);
    assert_eq!(shown["focus"]["skill"], "empathic-communication");
    assert_eq!(shown["focus"]["trigger_case"], "ZD-1");
    assert_eq!(shown["entries"].as_array().unwrap().len(), 1);
    assert_eq!(shown["entries"][0]["title"], "Refund call");

    let list = env.json(&["skills"]);
    let skill = |id: &str| {
        list["skills"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    let ec = skill("empathic-communication");
    // 1 rating; 2 post-mortems carry the skill; the open focus.
    assert_eq!(ec["current"]["level"], "pro");
    assert_eq!(
        (ec["ratings"].as_u64(), ec["evidence"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(ec["focus"], true);
    let cd = skill("complex-case-diagnosis");
    assert_eq!(cd["current"]["level"], "master");
    assert_eq!(cd["current"]["rater"], "lead");
    assert_eq!(cd["latest_self"]["level"], "rookie");
    assert_eq!(cd["ratings"], 2);
    assert_eq!(skill("adaptability")["current"], Value::Null);
    assert_eq!(list["focus"]["skill"], "empathic-communication");

    env.cb().args(["skill", "close-focus"]).assert().code(2);
    let before = env.commits();
    env.cb()
        .args(["skill", "close-focus", "-m", "naming the date first works"])
        .assert()
        .success();
    assert_eq!(env.commits(), before + 1);
    let id = focus["id"].as_str().unwrap();
    assert_eq!(field(&env, id, "status"), "closed");
    assert_eq!(field(&env, id, "closed"), "2026-11-24");
    assert_eq!(field(&env, id, "retro"), "naming the date first works");
    env.cb().arg("focus").assert().code(1);
    env.cb()
        .args(["skill", "close-focus", "-m", "again"])
        .assert()
        .code(1);
    assert!(env.clean());
}

#[test]
fn escalation_report_split_trend_and_repeated_patterns() {
    let env = TestEnv::new();
    let cat = |c: &str| format!("category={c}");
    let shh = cat("should-have-handled");
    for (date, c, pattern) in [
        ("2026-11-02", shh.as_str(), Some("refund-loop")),
        ("2026-11-05", shh.as_str(), Some("refund-loop")),
        ("2026-11-06", shh.as_str(), Some("sso")),
        ("2026-11-09", &cat("correctly-escalated"), None),
        ("2026-11-12", &cat("correct-but-late"), None),
        ("2026-10-14", shh.as_str(), Some("refund-loop")),
        ("2026-10-20", &cat("correctly-escalated"), None),
    ] {
        let mut args = vec!["--title", "esc", "--field", c];
        let p;
        if let Some(pattern) = pattern {
            p = format!("pattern={pattern}");
            args.extend(["--field", &p]);
            if pattern == "refund-loop" {
                args.extend([
                    "--tag",
                    "billing",
                    "--field",
                    "playbook_gap=no refund status lookup",
                ]);
            }
        }
        new(&env, "escalation", date, &args);
    }
    // A published article by someone else, on the same tag: the KB is shared.
    new(
        &env,
        "kb",
        "2026-09-01",
        &[
            "--title",
            "Refund loop on annual plans",
            "--tag",
            "billing",
            "--field",
            "status=published",
            "--person",
            "Bo Chen",
        ],
    );

    let r = env.json(&["escalation", "report"]);
    // November: 5 escalations, all categorised; 3 should have handled = 60 %,
    // 1 correctly escalated = 20 %, 1 correct but late = 20 %.
    let split = &r["split"];
    assert_eq!(split["total"], 5);
    assert_eq!(split["should_have_handled"]["n"], 3);
    assert!(close(
        split["should_have_handled"]["percent"].as_f64().unwrap(),
        60.0
    ));
    assert!(close(
        split["correctly_escalated"]["percent"].as_f64().unwrap(),
        20.0
    ));
    assert!(close(
        split["correct_but_late"]["percent"].as_f64().unwrap(),
        20.0
    ));
    assert_eq!(r["period"]["start"], "2026-11-01");
    // The trend: twelve months, 2025-12 to 2026-11; October 1 of 2, November 3 of 5.
    let months = r["trend"]["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["month"], "2025-12");
    let oct = &months[10];
    assert_eq!(
        (oct["month"].as_str(), oct["total"].as_u64()),
        (Some("2026-10"), Some(2))
    );
    assert!(close(
        oct["should_have_handled_share"].as_f64().unwrap(),
        0.5
    ));
    assert_eq!(months[11]["should_have_handled"], 3);
    // Repeated among should-have-handled over the year: refund-loop 3 times
    // (2 in November, 1 in October) and the billing tag on the same three;
    // sso only once. The billing article exists, so the agent needs a
    // playbook case that uses it.
    let reps = r["repeated_patterns"]["entries"].as_array().unwrap();
    assert_eq!(reps.len(), 2, "{reps:?}");
    assert_eq!(
        (reps[0]["field"].as_str(), reps[0]["value"].as_str()),
        (Some("pattern"), Some("refund-loop"))
    );
    assert_eq!(reps[0]["n"], 3);
    assert_eq!(reps[0]["needs"], "playbook-case");
    assert_eq!(reps[0]["playbook_gaps"][0], "no refund status lookup");
    assert_eq!(reps[1]["field"], "tag");
    assert_eq!(reps[1]["kb"][0]["title"], "Refund loop on annual plans");

    // The alias with a month: October, 1 of 2 = 50 %.
    let oct = env.json(&["escalations", "--month", "2026-10"]);
    assert_eq!(oct["split"]["total"], 2);
    assert!(close(
        oct["split"]["should_have_handled"]["percent"]
            .as_f64()
            .unwrap(),
        50.0
    ));
    env.cb()
        .args(["escalations", "--month", "2026-09"])
        .assert()
        .code(1);
    env.cb()
        .args(["escalations", "--month", "2026-13"])
        .assert()
        .code(2);
    let human = env.cb().arg("escalation").assert().success();
    assert!(
        out(&human).contains("should have handled"),
        "{}",
        out(&human)
    );
    // Bo's entries are not Ana's: her report is hers.
    let bo = env
        .cb()
        .args(["escalation", "--person", "Bo Chen"])
        .assert()
        .code(1);
    assert!(err(&bo).contains("no escalations"), "{}", err(&bo));
}

#[test]
fn qa_sample_is_reproducible_and_finds_the_ticket_column() {
    let env = TestEnv::new();
    let mut csv = String::from("Subject,Ticket ID,Channel\n");
    for i in 1..=30 {
        csv.push_str(&format!(
            "s{i},ZD-{i},{}\n",
            if i % 2 == 0 { "chat" } else { "email" }
        ));
    }
    let file = env.root.join("export.csv");
    std::fs::write(&file, csv).unwrap();
    let f = file.to_str().unwrap();
    let tickets = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["qa", "sample", f];
        all.extend(args);
        let j = env.json(&all);
        j["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect()
    };
    let a = tickets(&["-n", "5", "--seed", "42"]);
    assert_eq!(a.len(), 5);
    assert_eq!(
        a,
        tickets(&["--n", "5", "--seed", "42"]),
        "same seed, same sample"
    );
    assert_ne!(a, tickets(&["-n", "5", "--seed", "43"]));
    let mut d = a.clone();
    d.sort();
    d.dedup();
    assert_eq!(d.len(), 5, "no ticket twice");
    assert!(a.iter().all(|t| t.starts_with("ZD-")));
    // The default seed is the ISO week: this week's sample can be drawn again.
    assert_eq!(
        tickets(&["-n", "5"]),
        tickets(&["-n", "5", "--seed", "2026-W48"])
    );
    let j = env.json(&["qa", "sample", f, "-n", "3"]);
    assert_eq!(
        (j["population"].as_u64(), j["seed"].as_str()),
        (Some(30), Some("2026-W48"))
    );
    assert_eq!(j["column"], "Ticket ID");
    // --where keeps only matching rows: even ids are chat.
    let chat = tickets(&["-n", "4", "--where", "channel:chat"]);
    assert!(
        chat.iter().all(|t| t[3..].parse::<u32>().unwrap() % 2 == 0),
        "{chat:?}"
    );
    // Human output: one id a line on stdout, nothing else.
    let h = env
        .cb()
        .args(["qa", "sample", f, "-n", "3", "--seed", "42"])
        .assert()
        .success();
    assert_eq!(out(&h).lines().count(), 3);
    // Plain text from stdin, one id a line.
    let p = env
        .cb()
        .args(["qa", "sample", "-", "-n", "2", "--seed", "1"])
        .write_stdin("A-1\nA-2\nA-3\n")
        .assert()
        .success();
    assert_eq!(out(&p).lines().count(), 2);

    let bad = env.root.join("bad.csv");
    std::fs::write(&bad, "subject,channel\nhello,chat\n").unwrap();
    let a = env
        .cb()
        .args(["qa", "sample", bad.to_str().unwrap(), "-n", "2"])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("bad.csv has no ticket id column"),
        "{}",
        err(&a)
    );
    env.cb()
        .args(["qa", "sample", f, "-n", "0"])
        .assert()
        .code(2);
    env.cb()
        .args(["qa", "sample", "missing.csv", "-n", "2"])
        .assert()
        .code(2);
    let empty = env.root.join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    env.cb()
        .args(["qa", "sample", empty.to_str().unwrap()])
        .assert()
        .code(1);
    assert!(env.clean());
}

#[test]
fn qa_report_cadence_pass_rates_and_flags() {
    let env = TestEnv::new();
    let qa = |date: &str, fields: &[&str]| {
        let mut args = vec!["--title", "sample"];
        for f in fields {
            args.extend(["--field", f]);
        }
        new(&env, "qa", date, &args);
    };
    // W48 (this week): 2 samples.
    qa("2026-11-23", &["tone=5", "accuracy=4"]);
    qa(
        "2026-11-24",
        &[
            "tone=2",
            "accuracy=5",
            "critical_fail=true",
            "flagged=true",
            "flag_status=open",
        ],
    );
    // W47: 5 samples, at target.
    for d in ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"] {
        qa(d, &["tone=4", "accuracy=3"]);
    }
    qa(
        "2026-11-20",
        &[
            "tone=5",
            "accuracy=5",
            "missed_escalation=true",
            "flagged=true",
            "flag_status=closed",
        ],
    );
    // W46: 1 sample.
    qa("2026-11-10", &["tone=1"]);
    let r = env.json(&["qa", "report"]);
    assert_eq!(r["samples"], 8);
    assert_eq!(r["target_per_week"], 5);
    assert_eq!(r["this_week"]["samples"], 2);
    assert_eq!(r["this_week"]["met"], false);
    // The last 8 ISO weeks, W41 to W48; only W47 reaches 5.
    let weeks = r["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 8);
    assert_eq!(weeks[0]["week"], "2026-W41");
    assert_eq!(weeks[6]["samples"], 5);
    assert_eq!(weeks[6]["met"], true);
    assert_eq!(r["weeks_at_target"], 1);
    let dim = |name: &str| {
        r["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["dimension"] == name)
            .unwrap()
            .clone()
    };
    // tone 5,2,4,4,4,4,5,1: six of eight score 4 or more.
    let tone = dim("tone");
    assert_eq!(
        (tone["n"].as_u64(), tone["passed"].as_u64()),
        (Some(8), Some(6))
    );
    assert!(close(tone["pass_rate"].as_f64().unwrap(), 0.75));
    // accuracy 4,5,3,3,3,3,5: three of seven.
    let acc = dim("accuracy");
    assert_eq!(
        (acc["n"].as_u64(), acc["passed"].as_u64()),
        (Some(7), Some(3))
    );
    assert_eq!(dim("policy")["n"], 0);
    assert_eq!(
        (
            r["critical_fails"].as_u64(),
            r["missed_escalations"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(r["flags"]["raised"], 2);
    assert_eq!(
        (r["flags"]["open"].as_u64(), r["flags"]["closed"].as_u64()),
        (Some(1), Some(1))
    );
    env.cb().arg("qa").assert().success();
    env.cb()
        .args(["qa", "report", "--period", "2026-09"])
        .assert()
        .code(1);
    env.cb()
        .args(["qa", "report", "--period", "2026-Q5"])
        .assert()
        .code(2);
}

#[test]
fn kb_report_deflect_verify_and_stale() {
    let env = TestEnv::new();
    // Published 2026-06-01, never verified: due 2026-08-30, 86 days overdue
    // on 2026-11-24 (1 + 30 + 31 + 24).
    let old = new(
        &env,
        "kb",
        "2026-05-20",
        &[
            "--title",
            "Old article",
            "--field",
            "status=published",
            "--field",
            "published=2026-06-01",
            "--field",
            "first_seen=2026-05-10",
        ],
    );
    // Published 2026-10-01: due 2026-12-30.
    let fresh = new(
        &env,
        "kb",
        "2026-09-20",
        &[
            "--title",
            "Fresh article",
            "--field",
            "status=published",
            "--field",
            "published=2026-10-01",
            "--field",
            "first_seen=2026-09-01",
        ],
    );
    // Its own interval: 2026-01-01 + 400 days is in 2027.
    new(
        &env,
        "kb",
        "2026-01-01",
        &[
            "--title",
            "Long-lived",
            "--field",
            "status=published",
            "--field",
            "published=2026-01-01",
            "--field",
            "review_interval_days=400",
        ],
    );
    new(&env, "kb", "2026-11-01", &["--title", "A draft"]);
    let note = new(&env, "note", "2026-11-01", &["--title", "Not an article"]);

    let s = env.json(&["kb", "stale"]);
    let list = s["entries"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"].as_str(), Some(old.as_str()));
    assert_eq!(list[0]["days_overdue"], 86);
    assert_eq!(list[0]["review_due"], "2026-08-30");

    let before = env.commits();
    env.cb()
        .args(["kb", "deflect", &old, "--case", "ZD-7"])
        .assert()
        .success();
    env.cb()
        .args(["kb", "deflect", &old, "--case", "ZD-8"])
        .assert()
        .success();
    assert_eq!(env.commits(), before + 2);
    assert_eq!(field(&env, &old, "deflections"), 2);
    let text = body(&env, &old);
    assert!(
        text.contains("## Deflections") && text.contains("ZD-7") && text.contains("ZD-8"),
        "{text}"
    );

    env.cb()
        .args(["kb", "verify", &old, "--ok"])
        .assert()
        .success();
    assert_eq!(field(&env, &old, "last_verified"), "2026-11-24");
    env.cb().args(["kb", "stale"]).assert().code(1);
    let w = env.json(&[
        "kb",
        "verify",
        &fresh,
        "--fixed",
        "the refund window is 30 days",
    ]);
    assert!(w["commit"].is_string());
    assert_eq!(field(&env, &fresh, "corrections"), 1);
    assert!(body(&env, &fresh).contains("2026-11-24: the refund window is 30 days"));
    assert_eq!(env.commits(), before + 4);

    // Totals: 4 articles (3 published, 1 draft), 2 deflections, 1 correction,
    // none stale; days from first seen to published: 22 (old, 05-10 to
    // 06-01) and 30 (fresh, 09-01 to 10-01); the median of two is the upper
    // one, 30.
    let r = env.json(&["kb"]);
    let t = &r["totals"];
    assert_eq!(
        (
            t["articles"].as_u64(),
            t["published"].as_u64(),
            t["drafts"].as_u64()
        ),
        (Some(4), Some(3), Some(1))
    );
    assert_eq!(
        (
            t["deflections"].as_i64(),
            t["corrections"].as_i64(),
            t["stale"].as_u64()
        ),
        (Some(2), Some(1), Some(0))
    );
    assert!(close(
        t["verified_within_interval_percent"].as_f64().unwrap(),
        100.0
    ));
    // Two articles: the median is the mean of the middle two (one median
    // everywhere, review::figures::median).
    assert_eq!(t["median_days_to_publish"], 26);
    assert_eq!(r["articles"].as_array().unwrap().len(), 4);

    // The wrong kind, a missing outcome, a dry run: exit 2 or no commit.
    let before = env.commits();
    let a = env.cb().args(["kb", "deflect", &note]).assert().code(2);
    assert!(
        err(&a).contains(&note) && err(&a).contains("not a kb"),
        "{}",
        err(&a)
    );
    env.cb()
        .args(["kb", "verify", &note, "--ok"])
        .assert()
        .code(2);
    env.cb().args(["kb", "verify", &old]).assert().code(2);
    env.cb()
        .args(["kb", "verify", &old, "--ok", "--fixed", "x"])
        .assert()
        .code(2);
    env.cb()
        .args(["kb", "deflect", &old, "--dry-run"])
        .assert()
        .success();
    assert_eq!(env.commits(), before);
    assert!(env.clean());
}

#[test]
fn handoff_feedback_and_report() {
    let env = TestEnv::new();
    let e1 = new(
        &env,
        "handoff",
        "2026-11-02",
        &["--title", "SSO bug", "--field", "function=engineering"],
    );
    let e2 = new(
        &env,
        "handoff",
        "2026-11-03",
        &["--title", "Export bug", "--field", "function=engineering"],
    );
    let s1 = new(
        &env,
        "handoff",
        "2026-11-04",
        &["--title", "Renewal", "--field", "function=sales"],
    );
    let note = new(&env, "note", "2026-11-04", &["--title", "note"]);
    let before = env.commits();
    env.cb()
        .args([
            "handoff",
            "feedback",
            &e1,
            "-m",
            "The account id and the HAR file",
        ])
        .assert()
        .success();
    env.cb()
        .args([
            "handoff",
            "feedback",
            &e2,
            "-m",
            "account id, steps to reproduce",
        ])
        .assert()
        .success();
    // Without an id: my latest hand-off still waiting for feedback (Renewal).
    env.cb()
        .args(["handoff", "feedback", "-m", "the contract value"])
        .assert()
        .success();
    assert_eq!(env.commits(), before + 3);
    assert_eq!(field(&env, &s1, "feedback"), "the contract value");
    env.cb()
        .args(["handoff", "feedback", "-m", "x"])
        .assert()
        .code(1);
    env.cb()
        .args(["handoff", "feedback", &note, "-m", "x"])
        .assert()
        .code(2);
    env.cb().args(["handoff", "feedback", &e1]).assert().code(2);
    assert_eq!(env.commits(), before + 3);

    let r = env.json(&["handoffs"]);
    assert_eq!(
        (r["total"].as_u64(), r["with_feedback"].as_u64()),
        (Some(3), Some(3))
    );
    let eng = &r["by_function"][0];
    assert_eq!(
        (eng["function"].as_str(), eng["n"].as_u64()),
        (Some("engineering"), Some(2))
    );
    // "account id" asked for in both engineering hand-offs.
    assert_eq!(eng["requested"][0]["item"], "account id");
    assert_eq!(eng["requested"][0]["n"], 2);
    assert_eq!(
        r["by_function"][1]["requested"][0]["item"],
        "contract value"
    );
    assert_eq!(r, env.json(&["handoff", "report"]));
    env.cb()
        .args(["handoffs", "--period", "2026-01"])
        .assert()
        .code(1);
}

#[test]
fn explore_report_minutes_per_week_and_area() {
    let env = TestEnv::new();
    new(
        &env,
        "explore",
        "2026-11-23",
        &[
            "--title",
            "a",
            "--field",
            "area=Billing",
            "--field",
            "minutes=45",
        ],
    );
    new(
        &env,
        "explore",
        "2026-11-24",
        &[
            "--title",
            "b",
            "--field",
            "area=billing",
            "--field",
            "minutes=30",
        ],
    );
    new(
        &env,
        "explore",
        "2026-11-10",
        &[
            "--title",
            "c",
            "--field",
            "area=SSO",
            "--field",
            "minutes=20",
        ],
    );
    let r = env.json(&["explore", "report"]);
    // This week 45 + 30 = 75 >= 60; W46 20. Areas: billing 75, sso 20.
    assert_eq!(r["this_week"]["minutes"], 75);
    assert_eq!(r["this_week"]["met"], true);
    assert_eq!(
        (r["minutes"].as_u64(), r["sessions"].as_u64()),
        (Some(95), Some(3))
    );
    assert_eq!(r["weeks_at_target"], 1);
    assert_eq!(r["weeks"].as_array().unwrap().len(), 8);
    assert_eq!(r["areas"][0]["area"], "billing");
    assert_eq!(r["areas"][0]["minutes"], 75);
    assert_eq!(r["areas"][1]["minutes"], 20);
    env.cb().arg("explore").assert().success();
    env.cb()
        .args(["explore", "--period", "2026-01"])
        .assert()
        .code(1);
}

#[test]
fn phrases_library_with_context_and_query() {
    let env = TestEnv::new();
    env.cb().arg("phrases").assert().code(1);
    new(
        &env,
        "postmortem",
        "2026-11-03",
        &[
            "--title",
            "Refund call",
            "--case",
            "ZD-9",
            "--field",
            "phrases=I will stay on this until the refund lands, Your refund date is Friday",
            "--field",
            "phrase_context=angry about a double charge",
        ],
    );
    new(
        &env,
        "postmortem",
        "2026-11-10",
        &[
            "--title",
            "SSO outage",
            "--field",
            "phrases=Here is what I can do right now",
        ],
    );
    let all = env.json(&["postmortem", "phrases"]);
    let list = all["phrases"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(
        list[0]["phrase"], "Here is what I can do right now",
        "newest first"
    );
    let friday = env.json(&["phrases", "friday"]);
    assert_eq!(friday["phrases"].as_array().unwrap().len(), 1);
    assert_eq!(
        friday["phrases"][0]["context"],
        "angry about a double charge"
    );
    assert_eq!(friday["phrases"][0]["case"], "ZD-9");
    assert_eq!(friday["phrases"][0]["date"], "2026-11-03");
    // Words match the context and the title too.
    assert_eq!(
        env.json(&["phrases", "double", "charge"])["phrases"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    env.cb()
        .args(["phrases", "nothing-like-this"])
        .assert()
        .code(1);
    assert_eq!(
        env.json(&["phrases", "-n", "1"])["phrases"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn status_shows_the_focus_and_overdue_articles() {
    let env = TestEnv::new();
    new(
        &env,
        "kb",
        "2026-01-01",
        &[
            "--title",
            "Old",
            "--field",
            "status=published",
            "--field",
            "published=2026-01-02",
        ],
    );
    env.cb()
        .args(["focus", "adaptability", "-m", "new product line"])
        .assert()
        .success();
    let s = env.json(&["status"]);
    assert_eq!(s["focus"]["skill"], "adaptability");
    assert_eq!(s["kb_overdue"].as_array().unwrap().len(), 1);
    let h = env.cb().arg("status").assert().success();
    assert!(out(&h).contains("focus: adaptability"), "{}", out(&h));
    assert!(out(&h).contains("1 kb article(s) overdue"), "{}", out(&h));
}

#[test]
fn diagnosis_report_calibration_by_product_and_tag_with_misses_grouped() {
    let env = TestEnv::new();
    let d = |day: &str,
             product: &str,
             tag: &str,
             verdict: Option<&str>,
             conf: i64,
             predicted: &str,
             actual: &str| {
        let mut r = serde_json::json!({
            "kind": "diagnosis", "date": day, "title": format!("{tag} case {day}"), "body": "x",
            "products": [product], "tags": [tag], "confidence": conf, "prediction": predicted,
        });
        if let Some(v) = verdict {
            r["verdict"] = v.into();
            r["actual"] = actual.into();
        }
        r
    };
    env.import(&[
        d(
            "2026-10-01",
            "billing",
            "refunds",
            Some("hit"),
            80,
            "double charge",
            "double charge",
        ),
        d(
            "2026-10-02",
            "billing",
            "refunds",
            Some("miss"),
            70,
            "card expired",
            "bank blocked it",
        ),
        d(
            "2026-11-03",
            "sso",
            "saml",
            Some("partial"),
            60,
            "cert",
            "cert and clock",
        ),
        d(
            "2026-11-04",
            "sso",
            "saml",
            Some("miss"),
            90,
            "expired cert",
            "clock skew",
        ),
        d("2026-11-05", "sso", "saml", None, 50, "idp down", ""),
    ]);
    let r = env.json(&["diagnosis", "report"]);
    // 5 predictions, 4 resolved: (1 hit + 0.5 partial) / 4 = 0.375; the
    // Brier score needs 20 resolved predictions, so none yet.
    let c = &r["calibration"];
    assert_eq!(
        (c["predictions"].as_u64(), c["resolved"].as_u64()),
        (Some(5), Some(4))
    );
    assert_eq!(c["hit_rate"], 0.375);
    assert!(c["brier"].is_null());
    // billing: (1 + 0) / 2 = 0.5; sso: (0.5 + 0) / 2 = 0.25. Same by tag.
    let rate = |list: &str, name: &str| {
        r[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["name"] == name)
            .unwrap()["hit_rate"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(rate("by_product", "billing"), 0.5);
    assert_eq!(rate("by_product", "sso"), 0.25);
    assert_eq!(rate("by_tag", "refunds"), 0.5);
    assert_eq!(rate("by_tag", "saml"), 0.25);
    let misses = r["misses"].as_array().unwrap();
    assert_eq!(misses.len(), 2);
    let saml = misses.iter().find(|g| g["group"] == "saml").unwrap();
    assert_eq!(saml["misses"][0]["predicted"], "expired cert");
    assert_eq!(saml["misses"][0]["actual"], "clock skew");
    let text = String::from_utf8_lossy(
        &env.cb()
            .args(["diagnosis", "report"])
            .output()
            .unwrap()
            .stdout,
    )
    .to_string();
    assert!(text.contains("expired cert → clock skew"), "{text}");
    env.cb()
        .args(["diagnosis", "report", "--period", "2025"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn reports_never_count_an_untouched_template() {
    let env = TestEnv::new();
    // The escalation template as its body, no field set: an entry that says
    // nothing (what quitting the editor used to commit).
    let template = env.journal.join("templates/escalation.md");
    env.cb()
        .args(["new", "escalation", "--title", "tpl", "--no-edit", "-F"])
        .arg(&template)
        .assert()
        .success();
    env.cb()
        .args([
            "new",
            "escalation",
            "--title",
            "real",
            "--field",
            "category=should-have-handled",
            "--no-edit",
            "-m",
            "The agent had the refund rule.",
        ])
        .assert()
        .success();
    let v = env.json(&["escalation", "report", "--period", "2026-11"]);
    assert_eq!(v["split"]["total"], 1, "{v}");
}
