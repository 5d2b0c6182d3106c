//! End to end: improving the system. Proposals tracked to their effect
//! (team-wide, eight weeks before and after shipping), batch triage of a
//! helpdesk export, approvals by gate, KB health and QA flags. Each test
//! builds a small journal with `casebook new` and `casebook import`, then
//! checks the reports' `--json` figures against numbers worked out by hand
//! in the comments, the exit codes and the commits. The clock is frozen at
//! 2026-11-24.

mod common;
use common::{TestEnv, err, out, terminal};
use serde_json::{Value, json};

/// `casebook new KIND --date DATE --no-edit -m x ARGS...`; returns the id.
fn new(env: &TestEnv, kind: &str, date: &str, args: &[&str]) -> String {
    let a = env
        .cb()
        .args(["new", kind, "--date", date, "--no-edit", "-m", "x"])
        .args(args)
        .assert()
        .success();
    first_word(&out(&a))
}

fn first_word(s: &str) -> String {
    s.split_whitespace().next().unwrap().to_string()
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-9)
}

fn field(env: &TestEnv, id: &str, name: &str) -> Value {
    let j = env.json(&["show", id]);
    let e = j["entries"].as_array().map_or(&j, |a| &a[0]).clone();
    e["fields"][name].clone()
}

/// An escalation record for `import`.
fn esc(person: &str, date: &str, pattern: &str, private: bool) -> Value {
    json!({"kind": "escalation", "title": format!("{pattern} {date}"), "person": person,
           "date": date, "category": "should-have-handled", "pattern": pattern,
           "private": private, "body": "x"})
}

/// A proposal through `proposal new`; returns its id.
fn propose(env: &TestEnv, target: &str, pattern: &str, date: &str, extra: &[&str]) -> String {
    let a = env
        .cb()
        .args([
            "proposal",
            "new",
            "--target",
            target,
            "--pattern",
            pattern,
            "--date",
            date,
            "--title",
            &format!("Fix {pattern}"),
            "-m",
            "The customer asks twice for a pending refund; the agent should answer with its status.",
        ])
        .args(extra)
        .assert()
        .success();
    first_word(&out(&a))
}

fn set(env: &TestEnv, id: &str, status: &str, date: &str, extra: &[&str]) {
    env.cb()
        .args(["proposal", "set", id, status, "--date", date])
        .args(extra)
        .assert()
        .success();
}

#[test]
fn proposals_steps_report_and_team_wide_effect_shared_with_the_pack() {
    let env = TestEnv::new();
    // Ana's escalations with the pattern (hers, by `new`).
    let ana: Vec<String> = [
        "2026-06-10", // 51 days before 2026-08-01: before
        "2026-07-20", // before
        "2026-08-01", // the ship day: neither side
        "2026-08-20", // after
    ]
    .iter()
    .map(|d| {
        new(
            &env,
            "escalation",
            d,
            &[
                "--field",
                "category=should-have-handled",
                "--field",
                "pattern=refund-loop",
            ],
        )
    })
    .collect();
    // Bo's, imported: two before, one after, two just outside the 56-day
    // windows, one private (left out), one on another pattern.
    env.import(&[
        esc("Bo Chen", "2026-07-01", "refund-loop", false), // before
        esc("Bo Chen", "2026-07-31", "refund-loop", false), // -1: before
        esc("Bo Chen", "2026-09-26", "refund-loop", false), // +56: after
        esc("Bo Chen", "2026-09-27", "refund-loop", false), // +57: outside
        esc("Bo Chen", "2026-06-05", "refund-loop", false), // -57: outside
        esc("Bo Chen", "2026-07-15", "refund-loop", true),  // private: left out
        esc("Bo Chen", "2026-09-05", "sso-lockout", false), // before P2's ship day
    ]);

    // Bad input first: nothing is written.
    let start = env.commits();
    let a = env
        .cb()
        .args([
            "proposal",
            "new",
            "--target",
            "playbook",
            "--pattern",
            "refund-loop",
            "--evidence",
            "zzzzzzzz",
            "-m",
            "x",
        ])
        .assert()
        .code(2);
    assert!(err(&a).contains("--evidence"), "{}", err(&a));
    let a = env
        .cb()
        .args([
            "proposal",
            "new",
            "--target",
            "handoff-template",
            "--pattern",
            "har",
            "-m",
            "x",
        ])
        .assert()
        .code(2);
    assert!(err(&a).contains("--function"), "{}", err(&a));
    env.cb()
        .args([
            "proposal",
            "new",
            "--target",
            "wiki",
            "--pattern",
            "p",
            "-m",
            "x",
        ])
        .assert()
        .code(2);
    env.cb()
        .args([
            "proposal",
            "new",
            "--target",
            "playbook",
            "--pattern",
            "p",
            "-m",
            "x",
            "--dry-run",
        ])
        .assert()
        .success();
    assert_eq!(
        env.commits(),
        start,
        "bad input and --dry-run write nothing"
    );
    env.cb().arg("proposal").assert().code(1);

    // P1: proposed 2026-07-02, accepted 07-10, shipped 08-01: 30 days.
    let p1 = propose(
        &env,
        "playbook",
        "refund-loop",
        "2026-07-02",
        &["--evidence", &ana[0], "--evidence", &ana[1][..6]],
    );
    assert_eq!(env.commits(), start + 1, "one commit per write");
    assert_eq!(
        field(&env, &p1, "evidence"),
        json!([ana[0], ana[1]]),
        "evidence stored as full ids"
    );
    assert_eq!(field(&env, &p1, "proposed"), "2026-07-02");
    assert_eq!(field(&env, &p1, "status"), "proposed");
    set(&env, &p1, "accepted", "2026-07-10", &[]);
    set(&env, &p1, "shipped", "2026-08-01", &["--ref", "PB-112"]);
    assert_eq!(env.commits(), start + 3);
    assert_eq!(field(&env, &p1, "accepted"), "2026-07-10");
    assert_eq!(field(&env, &p1, "shipped"), "2026-08-01");
    assert_eq!(field(&env, &p1, "change_ref"), "PB-112");
    // P2: proposed 09-01, shipped 09-11 straight away: 10 days.
    let p2 = propose(&env, "kb-article", "sso-lockout", "2026-09-01", &[]);
    set(&env, &p2, "shipped", "2026-09-11", &[]);
    // P3 rejected, P4 open, P5 accepted.
    let p3 = propose(
        &env,
        "handoff-template",
        "missing-har",
        "2026-10-01",
        &["--function", "engineering"],
    );
    set(
        &env,
        &p3,
        "rejected",
        "2026-10-05",
        &["-m", "covered elsewhere"],
    );
    propose(&env, "escalation-rule", "vip-outage", "2026-11-01", &[]);
    let p5 = propose(&env, "retraining-set", "cold-tone", "2026-11-10", &[]);
    set(&env, &p5, "accepted", "2026-11-12", &[]);
    assert_eq!(field(&env, &p3, "function"), "engineering");

    // Impossible steps exit 2 and write nothing.
    let before = env.commits();
    let a = env
        .cb()
        .args(["proposal", "set", &p3, "shipped"])
        .assert()
        .code(2);
    assert!(err(&a).contains("rejected"), "{}", err(&a));
    env.cb()
        .args(["proposal", "set", &p1, "accepted"])
        .assert()
        .code(2);
    let a = env
        .cb()
        .args(["proposal", "set", &ana[0], "accepted"])
        .assert()
        .code(2);
    assert!(err(&a).contains("not a proposal entry"), "{}", err(&a));
    let a = env
        .cb()
        .args(["proposal", "set", &p5, "shipped", "--date", "2026-11-11"])
        .assert()
        .code(2);
    assert!(err(&a).contains("before"), "{}", err(&a));
    env.cb()
        .args(["proposal", "set", &p5, "done"])
        .assert()
        .code(2);
    assert_eq!(env.commits(), before);

    let r = env.json(&["proposal", "report"]);
    assert_eq!(r, env.json(&["proposal"]), "a bare group runs its report");
    // 5 raised: 1 open (P4), 1 accepted (P5), 2 shipped, 1 rejected.
    assert_eq!(
        r["counts"],
        json!({"raised": 5, "proposed": 1, "accepted": 1, "shipped": 2, "rejected": 1})
    );
    // Days to ship: 30 and 10; the median of two is their mean, 20.
    assert!(close(&r["median_days_to_ship"], 20.0), "{r}");
    assert_eq!(r["days_to_ship_n"], 2);
    let shipped = r["shipped"].as_array().unwrap();
    assert_eq!(shipped.len(), 2);
    let s1 = shipped.iter().find(|s| s["id"] == p1.as_str()).unwrap();
    assert_eq!(s1["days_to_ship"], 30);
    // Team-wide, 56 days each side of 2026-08-01:
    // before = Ana 06-10, 07-20 + Bo 07-01, 07-31 = 4 (Bo's 06-05 is day -57,
    // his private 07-15 is left out); after = Ana 08-20 + Bo 09-26 = 2
    // (Bo's 09-27 is day +57; Ana's 08-01 is the ship day itself).
    assert_eq!(
        s1["effect"],
        json!({"window_days": 56, "before": 4, "after": 2, "n": 6})
    );
    // P2 shipped 2026-09-11, 74 days ago: 56 days each side; Bo's sso-lockout
    // on 09-05 is the only one: 1 before, 0 after.
    let s2 = shipped.iter().find(|s| s["id"] == p2.as_str()).unwrap();
    assert_eq!(
        s2["effect"],
        json!({"window_days": 56, "before": 1, "after": 0, "n": 1})
    );
    let human = out(&env.cb().args(["proposal", "report"]).assert().success());
    assert!(
        human.contains("refund-loop: 4 before → 2 after (56 days each side, n=6)"),
        "{human}"
    );

    // The evidence pack puts the same figures first, under "System impact".
    let pack = env.json(&["review", "--period", "2026"]);
    let changes = pack["outcomes"]["proposals_shipped"].as_array().unwrap();
    let c1 = changes
        .iter()
        .find(|c| c["entry"]["id"] == p1.as_str())
        .unwrap();
    assert_eq!(c1["pattern_effect"], s1["effect"], "one computation");
    let md = out(&env
        .cb()
        .args(["review", "--period", "2026"])
        .assert()
        .success());
    let impact = md.find("### System impact").expect(&md);
    // The summary, then the outcomes before anything else.
    let summary = md.find("\n## ").unwrap();
    assert!(
        md[summary..].starts_with("\n## Summary"),
        "the summary first"
    );
    let first_h2 = summary + 1 + md[summary + 1..].find("\n## ").unwrap();
    assert!(
        md[first_h2..].starts_with("\n## Outcomes and system impact"),
        "outcomes come next"
    );
    assert!(
        md[first_h2 + 1..].find("\n## ").unwrap() + first_h2 + 1 > impact,
        "System impact opens the first section"
    );
    assert!(
        md.contains("4 → 2 (56 days each side, n=6, team-wide)"),
        "{md}"
    );
}

#[test]
fn escalation_report_suggests_a_proposal_for_each_repeated_pattern_without_one() {
    let env = TestEnv::new();
    for (d, p) in [
        ("2026-11-03", "billing-proration"),
        ("2026-11-05", "billing-proration"),
        ("2026-11-06", "refund-loop"),
        ("2026-11-09", "refund-loop"),
    ] {
        new(
            &env,
            "escalation",
            d,
            &[
                "--field",
                "category=should-have-handled",
                "--field",
                &format!("pattern={p}"),
            ],
        );
    }
    let p = propose(&env, "playbook", "refund-loop", "2026-11-10", &[]);
    let r = env.json(&["escalation", "report"]);
    let rows = r["repeated_patterns"]["entries"].as_array().unwrap();
    let row = |v: &str| rows.iter().find(|x| x["value"] == v).unwrap().clone();
    let billing = row("billing-proration");
    let cmd = billing["suggested_proposal"].as_str().unwrap();
    assert!(
        cmd.starts_with(
            "casebook proposal new --target kb-article --pattern billing-proration --evidence "
        ),
        "{cmd}"
    );
    assert_eq!(cmd.matches("--evidence").count(), 2);
    assert_eq!(billing["proposals"], json!([]));
    let refund = row("refund-loop");
    assert_eq!(refund["suggested_proposal"], Value::Null);
    assert_eq!(refund["proposals"][0]["id"], p.as_str());
    let human = out(&env.cb().args(["escalation", "report"]).assert().success());
    assert!(
        human.contains("no proposal yet: casebook proposal new"),
        "{human}"
    );
}

/// Commits the journal's casebook.toml with `extra` appended.
fn configure(env: &TestEnv, extra: &str) {
    let path = env.journal.join("casebook.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    // The template's own sections would repeat; drop them first.
    for section in ["[approvals]", "[triage]"] {
        if extra.contains(section)
            && let Some(at) = text.find(section)
        {
            let end = text[at + 1..]
                .find("\n[")
                .map_or(text.len(), |e| at + 2 + e);
            text.replace_range(at..end, "");
        }
    }
    text.push_str(extra);
    std::fs::write(&path, text).unwrap();
    env.git(&["commit", "-qam", "settings"]);
}

#[test]
fn triage_walks_an_export_into_one_commit() {
    let env = TestEnv::new();
    let csv = env.root.join("export.csv");
    // Bad input: no id column (exit 2 naming the file), no categories and no
    // terminal, an unknown category: nothing is written.
    std::fs::write(env.root.join("noid.csv"), "Subject,Channel\nRefund,chat\n").unwrap();
    let start = env.commits();
    let a = env
        .cb()
        .args(["escalation", "triage"])
        .arg(env.root.join("noid.csv"))
        .assert()
        .code(2);
    assert!(
        err(&a).contains("noid.csv has no ticket id column"),
        "{}",
        err(&a)
    );
    std::fs::write(
        &csv,
        "Ticket ID,Subject,Triage,Trigger\n\
         ZD-1,Refund asked twice,s,rule\n\
         ZD-2,SSO lockout,c,\n\
         ZD-3,Outage for VIP,l,stakes\n\
         ZD-4,Refund after renewal,correct-but-late,customer asked\n\
         ZD-5,Not sure,,\n",
    )
    .unwrap();
    let a = env
        .cb()
        .args(["escalation", "triage"])
        .arg(&csv)
        .assert()
        .code(2);
    assert!(err(&a).contains("--category-column"), "{}", err(&a));
    std::fs::write(
        env.root.join("bad.csv"),
        "Ticket ID,Triage\nZD-9,s\nZD-10,maybe\n",
    )
    .unwrap();
    let a = env
        .cb()
        .args(["escalation", "triage", "--category-column", "triage"])
        .arg(env.root.join("bad.csv"))
        .assert()
        .code(2);
    assert!(err(&a).contains("bad.csv:3"), "{}", err(&a));
    assert_eq!(env.commits(), start);

    // Four categorised, one skipped: four entries in one commit.
    let r = env.json(&[
        "escalation",
        "triage",
        csv.to_str().unwrap(),
        "--category-column",
        "Triage",
        "--trigger-column",
        "Trigger",
    ]);
    assert_eq!(env.commits(), start + 1, "the whole triage is one commit");
    assert!(env.clean());
    assert_eq!(r["triaged"], 4);
    assert_eq!(r["skipped"], 1);
    assert_eq!(
        r["split"],
        json!({"should_have_handled": 1, "correctly_escalated": 1, "escalated_late": 2})
    );
    let e4 = r["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["case"] == "ZD-4")
        .unwrap();
    let id4 = e4["id"].as_str().unwrap();
    assert_eq!(field(&env, id4, "category"), "escalated-late");
    assert_eq!(field(&env, id4, "trigger"), "customer-asked");
    let shown = env.json(&["show", id4]);
    assert_eq!(shown["entries"][0]["title"], "Refund after renewal");
    // The month's report: 4 escalations, 1/1/2 = 25 % / 25 % / 50 %.
    let rep = env.json(&["escalation", "report"]);
    assert_eq!(rep["split"]["escalated_late"]["n"], 2);
    assert!(close(&rep["split"]["escalated_late"]["percent"], 50.0));
    assert_eq!(
        rep["split"]["correct_but_late"], rep["split"]["escalated_late"],
        "the old key stays for scripts"
    );
    // Again: the four are triaged already and ZD-5 has no category.
    env.cb()
        .args(["escalation", "triage", "--category-column", "Triage"])
        .arg(&csv)
        .assert()
        .code(1);
    assert_eq!(env.commits(), start + 1);

    // Columns from casebook.toml [triage].
    configure(
        &env,
        "\n[triage]\nid_column = \"Case #\"\ncategory_column = \"Verdict\"\n",
    );
    std::fs::write(
        env.root.join("other.csv"),
        "Case #;Title;Verdict\nC-1;Card declined;s\nC-2;Plan change;c\n",
    )
    .unwrap();
    let before = env.commits();
    let a = env
        .cb()
        .args(["escalation", "triage"])
        .arg(env.root.join("other.csv"))
        .assert()
        .success();
    assert_eq!(out(&a).lines().count(), 2, "ID PATH per entry: {}", out(&a));
    assert_eq!(env.commits(), before + 1);
    assert!(
        env.git(&["log", "-1", "--format=%s"])
            .contains("2 tickets from other.csv")
    );
}

#[test]
fn triage_on_a_terminal_asks_one_key_per_ticket() {
    let env = TestEnv::new();
    let csv = env.root.join("z.csv");
    std::fs::write(
        &csv,
        "Ticket ID,Subject\nZD-7,Alpha\nZD-8,Beta\nZD-9,Gamma\n",
    )
    .unwrap();
    // "x" is not an answer (asked again), then s, Enter (skip), l.
    let start = env.commits();
    let mut cb = env.cb_std();
    cb.args(["escalation", "triage"]).arg(&csv);
    let session = terminal::run(&cb, &["x\n", "s\n", "\n", "l\n"], "?");
    let text = &session.text;
    assert!(session.success(), "{text}");
    assert!(text.contains("[1/3] ZD-7  Alpha"), "{text}");
    assert!(text.contains("'x' is not s, c, l"), "{text}");
    assert_eq!(env.commits(), start + 1);
    let r = env.json(&["escalation", "report"]);
    // Two entries: ZD-7 should have handled, ZD-9 escalated late.
    assert_eq!(r["split"]["total"], 2);
    assert_eq!(r["split"]["should_have_handled"]["n"], 1);
    assert_eq!(r["split"]["escalated_late"]["n"], 1);
}

#[test]
fn approval_report_gates_rates_reasons_and_outcomes() {
    let env = TestEnv::new();
    configure(
        &env,
        "\n[approvals]\ngates = [\"refund\", \"plan-downgrade\"]\n",
    );
    // An unknown gate is a bad value, from `new`, `edit` and `import`.
    let start = env.commits();
    let a = env
        .cb()
        .args([
            "new",
            "approval",
            "--field",
            "gate=account-change",
            "--field",
            "decision=approved",
            "--no-edit",
            "-m",
            "x",
        ])
        .assert()
        .code(2);
    assert!(
        err(&a).contains("unknown gate 'account-change'") && err(&a).contains("plan-downgrade"),
        "{}",
        err(&a)
    );
    let bad = env.root.join("bad.jsonl");
    std::fs::write(
        &bad,
        json!({"kind": "approval", "title": "t", "date": "2026-11-01", "gate": "vip", "decision": "approved"})
            .to_string(),
    )
    .unwrap();
    env.cb().arg("import").arg(&bad).assert().code(2);
    assert_eq!(env.commits(), start);

    let approval = |date: &str, gate: &str, decision: &str, why: Option<&str>| {
        let mut args = vec![
            "--field".to_string(),
            format!("gate={gate}"),
            "--field".to_string(),
            format!("decision={decision}"),
        ];
        if let Some(w) = why {
            args.extend(["--field".to_string(), format!("why={w}")]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        new(&env, "approval", date, &refs)
    };
    approval("2026-11-02", "refund", "approved", None);
    let amended = approval(
        "2026-11-03",
        "refund",
        "amended",
        Some("over the 30-day window"),
    );
    approval(
        "2026-11-04",
        "refund",
        "amended",
        Some("Over the 30-day window."),
    );
    approval("2026-11-05", "refund", "rejected", Some("no receipt"));
    approval("2026-11-06", "refund", "escalated", None);
    approval("2026-11-07", "plan-downgrade", "approved", None);
    let rejected = approval(
        "2026-11-08",
        "plan-downgrade",
        "rejected",
        Some("No receipt"),
    );

    // Outcomes later: one commit each; bad values exit 2.
    let before = env.commits();
    env.cb()
        .args([
            "approval",
            "outcome",
            &amended,
            "reversed",
            "-m",
            "finance refunded in full",
        ])
        .assert()
        .success();
    env.cb()
        .args(["approval", "outcome", &rejected, "complaint"])
        .assert()
        .success();
    assert_eq!(env.commits(), before + 2);
    env.cb()
        .args(["approval", "outcome", &amended, "refund"])
        .assert()
        .code(2);
    let note = new(&env, "note", "2026-11-09", &[]);
    env.cb()
        .args(["approval", "outcome", &note, "reversed"])
        .assert()
        .code(2);
    assert_eq!(field(&env, &amended, "reversed"), true);
    assert_eq!(field(&env, &amended, "outcome"), "reversed");

    let r = env.json(&["approval", "report"]);
    assert_eq!(r, env.json(&["approval"]));
    // 7 decisions: 2 amended = 28.6 %, 2 rejected = 28.6 %.
    assert_eq!(r["decisions"], 7);
    assert!(close(&r["amend_rate_percent"], 28.6));
    assert!(close(&r["reject_rate_percent"], 28.6));
    // refund: 5 decisions, 2 amended = 40 %, 1 rejected = 20 %, 1 reversal;
    // plan-downgrade: 2 decisions, 0 amended, 1 rejected = 50 %.
    let g = r["by_gate"].as_array().unwrap();
    assert_eq!(g[0]["gate"], "refund");
    assert_eq!(
        (&g[0]["decisions"], &g[0]["amended"], &g[0]["reversals"]),
        (&json!(5), &json!(2), &json!(1))
    );
    assert!(close(&g[0]["amend_rate_percent"], 40.0));
    assert!(close(&g[0]["reject_rate_percent"], 20.0));
    assert_eq!(g[1]["gate"], "plan-downgrade");
    assert!(close(&g[1]["amend_rate_percent"], 0.0));
    assert!(close(&g[1]["reject_rate_percent"], 50.0));
    // Reasons group across case and a final full stop.
    assert_eq!(
        r["top_amend_reasons"],
        json!([{"reason": "over the 30-day window", "n": 2}])
    );
    assert_eq!(
        r["top_reject_reasons"],
        json!([{"reason": "no receipt", "n": 2}])
    );
    assert_eq!(r["reversals"], 1);
    assert_eq!(
        r["outcomes"],
        json!({"chargeback": 0, "complaint": 1, "reversed": 1})
    );
    env.cb()
        .args(["approval", "report", "--period", "2026-01"])
        .assert()
        .code(1);
}

#[test]
fn kb_health_current_corrections_findability_and_deflection_estimates() {
    let env = TestEnv::new();
    let k1 = new(
        &env,
        "kb",
        "2026-09-01",
        &[
            "--title",
            "Charged twice",
            "--field",
            "status=published",
            "--field",
            "article_id=KB-1",
            "--field",
            "first_seen=2026-09-01",
            "--field",
            "published=2026-09-11",
            "--field",
            "last_verified=2026-11-01",
        ],
    );
    let k2 = new(
        &env,
        "kb",
        "2026-06-01",
        &[
            "--title",
            "Refund window",
            "--field",
            "status=published",
            "--field",
            "article_id=KB-2",
            "--field",
            "first_seen=2026-06-01",
            "--field",
            "published=2026-07-01",
        ],
    );
    new(
        &env,
        "kb",
        "2026-10-01",
        &["--title", "Draft", "--field", "first_seen=2026-10-01"],
    );
    new(
        &env,
        "kb",
        "2026-05-01",
        &[
            "--title",
            "SSO",
            "--field",
            "status=published",
            "--field",
            "article_id=KB-4",
            "--field",
            "first_seen=2026-05-01",
            "--field",
            "published=2026-05-21",
            "--field",
            "review_interval_days=365",
        ],
    );
    // K1 verified 11-01 (+90 = 2027-01-30): current. K2 published 07-01,
    // never verified (+90 = 2026-09-29): stale. K4 on a 365-day interval:
    // current. 2 of 3 published are current: 66.7 %.
    let r = env.json(&["kb", "report"]);
    let t = &r["totals"];
    assert_eq!(
        (&t["published"], &t["current"], &t["stale"]),
        (&json!(3), &json!(2), &json!(1))
    );
    assert!(close(&t["verified_within_interval_percent"], 66.7));
    // First seen → published: 10, 30 and 20 days; the median is 20.
    assert_eq!(t["median_days_to_publish"], 20);
    assert_eq!(
        t["deflection_estimate"],
        Value::Null,
        "no estimate imported yet"
    );

    let start = env.commits();
    env.cb()
        .args([
            "kb",
            "verify",
            &k2,
            "--fixed",
            "the window is 30 days",
            "--findability",
            "charged twice, Double charge",
        ])
        .assert()
        .success();
    env.cb()
        .args(["kb", "verify", &k1, "--findability", "Refund twice"])
        .assert()
        .success();
    assert_eq!(env.commits(), start + 2, "one commit per write");
    // The same terms again add nothing: a bad value.
    env.cb()
        .args(["kb", "verify", &k1, "--findability", "refund twice"])
        .assert()
        .code(2);
    env.cb()
        .args(["kb", "verify", &k1, "--ok", "--fixed", "x"])
        .assert()
        .code(2);
    assert_eq!(
        field(&env, &k2, "search_terms"),
        json!(["charged twice", "double charge"])
    );
    assert_eq!(field(&env, &k2, "last_verified"), "2026-11-24");
    // Now all three are current; 1 correction; 2 findability fixes.
    let r = env.json(&["kb", "report"]);
    let t = &r["totals"];
    assert_eq!((&t["current"], &t["stale"]), (&json!(3), &json!(0)));
    assert_eq!(
        (&t["corrections"], &t["findability_fixes"]),
        (&json!(1), &json!(2))
    );
    let a2 = r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == k2.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (&a2["corrections"], &a2["findability_fixes"], &a2["current"]),
        (&json!(1), &json!(1), &json!(true))
    );

    // Deflection estimates from analytics: rows per article add up (30 + 12);
    // an unknown article is left out with a warning; one commit.
    let csv = env.root.join("analytics.csv");
    std::fs::write(
        &csv,
        "Article ID,Channel,Deflections\nKB-1,chat,30\nKB-1,email,12\nKB-2,chat,5\nKB-99,chat,7\n",
    )
    .unwrap();
    let before = env.commits();
    let a = env
        .cb()
        .args(["kb", "deflections", "import"])
        .arg(&csv)
        .assert()
        .success();
    assert!(err(&a).contains("KB-99"), "{}", err(&a));
    assert_eq!(env.commits(), before + 1);
    assert_eq!(field(&env, &k1, "deflection_estimate"), 42);
    let r = env.json(&["kb", "report"]);
    assert_eq!(r["totals"]["deflection_estimate"], 47);
    assert_eq!(r["totals"]["deflection_estimate_is_estimate"], true);
    let human = out(&env.cb().args(["kb", "report"]).assert().success());
    assert!(
        human.contains("~42 deflected (analytics estimate)"),
        "{human}"
    );
    // No count column: exit 2 naming the file.
    std::fs::write(env.root.join("nocount.csv"), "Article ID,Views\nKB-1,9\n").unwrap();
    let a = env
        .cb()
        .args(["kb", "deflections", "import"])
        .arg(env.root.join("nocount.csv"))
        .assert()
        .code(2);
    assert!(
        err(&a).contains("nocount.csv has no count column"),
        "{}",
        err(&a)
    );
    // A non-kb entry is a bad value.
    let note = new(&env, "note", "2026-11-02", &[]);
    env.cb()
        .args(["kb", "verify", &note, "--ok"])
        .assert()
        .code(2);
}

#[test]
fn qa_flags_open_and_close_and_the_report_counts_them() {
    let env = TestEnv::new();
    let q1 = new(
        &env,
        "qa",
        "2026-11-10",
        &["--field", "accuracy=5", "--field", "tone=2"],
    );
    let q2 = new(
        &env,
        "qa",
        "2026-11-17",
        &[
            "--field",
            "accuracy=4",
            "--field",
            "tone=4",
            "--field",
            "critical_fail=true",
        ],
    );
    let q3 = new(
        &env,
        "qa",
        "2026-11-20",
        &[
            "--field",
            "accuracy=3",
            "--field",
            "missed_escalation=true",
            "--field",
            "flagged=true",
            "--field",
            "flag_status=open",
        ],
    );
    let start = env.commits();
    env.cb()
        .args(["qa", "flag", &q1, "open", "-m", "cold tone on refunds"])
        .assert()
        .success();
    env.cb()
        .args(["qa", "flag", &q1, "retrained", "--date", "2026-11-21"])
        .assert()
        .success();
    env.cb()
        .args(["qa", "flag", &q3, "wontfix"])
        .assert()
        .success();
    assert_eq!(env.commits(), start + 3);
    assert_eq!(field(&env, &q1, "flag_status"), "closed");
    assert_eq!(field(&env, &q1, "flag_closed"), "2026-11-21");
    assert_eq!(field(&env, &q3, "flag_status"), "dismissed");
    // Closing what is not flagged, or closed, or an unknown state: exit 2.
    env.cb()
        .args(["qa", "flag", &q2, "retrained"])
        .assert()
        .code(2);
    env.cb()
        .args(["qa", "flag", &q1, "wontfix"])
        .assert()
        .code(2);
    env.cb().args(["qa", "flag", &q1, "fixed"]).assert().code(2);
    assert_eq!(env.commits(), start + 3);

    // Accuracy 5, 4, 3: 2 of 3 pass (4 or 5); tone 2, 4: 1 of 2.
    let r = env.json(&["qa", "report"]);
    let dim = |d: &str| {
        r["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["dimension"] == d)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (&dim("accuracy")["n"], &dim("accuracy")["passed"]),
        (&json!(3), &json!(2))
    );
    assert_eq!(
        (&dim("tone")["n"], &dim("tone")["passed"]),
        (&json!(2), &json!(1))
    );
    assert_eq!(
        (&r["critical_fails"], &r["missed_escalations"]),
        (&json!(1), &json!(1))
    );
    // Two flags raised, one closed (retrained), one dismissed (won't fix).
    assert_eq!(
        r["flags"],
        json!({"raised": 2, "open": 0, "closed": 1, "dismissed": 1})
    );
}

#[test]
fn qa_sample_takes_risky_tickets_first() {
    let env = TestEnv::new();
    let mut csv = String::from("ticket_id,csat,tier\n");
    for i in 1..=10 {
        let csat = if i == 3 || i == 8 { 1 } else { 5 };
        let tier = if i == 5 { "enterprise" } else { "pro" };
        csv.push_str(&format!("ZD-{i},{csat},{tier}\n"));
    }
    let path = env.root.join("export.csv");
    std::fs::write(&path, csv).unwrap();
    let p = path.to_str().unwrap();
    // Three risky rows (csat 1: ZD-3, ZD-8; tier enterprise: ZD-5), all
    // taken first, in export order; one more from the other seven.
    let args = [
        "qa",
        "sample",
        p,
        "-n",
        "4",
        "--seed",
        "42",
        "--risky",
        "csat:1",
        "--risky",
        "tier:enterprise",
    ];
    let r = env.json(&args);
    let t: Vec<&str> = r["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(&t[..3], &["ZD-3", "ZD-5", "ZD-8"], "{r}");
    assert_eq!(t.len(), 4);
    assert_eq!(r["risky"], 3);
    assert_eq!(r, env.json(&args), "the same seed draws the same sample");
    let a = env
        .cb()
        .args(["qa", "sample", p, "--risky", "channel:chat"])
        .assert()
        .code(2);
    assert!(err(&a).contains("--risky"), "{}", err(&a));
}
