//! One command grammar: every command answers success, nothing found, a bad
//! value and a usage error with the same exit codes and the same use of the
//! streams (data on stdout; messages on stderr). Plus 101 and 130.

mod common;

use common::{TestEnv, terminal};
use serde_json::json;

fn fixture() -> TestEnv {
    let env = TestEnv::new();
    env.import(&[
        json!({"kind": "note", "date": "2026-11-02", "title": "Refund loop", "body": "refund twice", "case": "ZD-1", "tags": ["billing"]}),
        json!({"kind": "diagnosis", "date": "2026-11-03", "title": "SSO loop", "body": "x", "prediction": "expired cert", "case": "ZD-2"}),
    ]);
    env
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    /// Exit 0, data on stdout.
    Ok,
    /// Exit 1, nothing on stdout, a message on stderr.
    Nothing,
    /// Exit 2: a bad value or a usage error; nothing on stdout.
    Usage,
}

#[test]
fn every_command_answers_in_the_same_grammar() {
    use Outcome::*;
    let env = fixture();
    let table: &[(&[&str], Outcome)] = &[
        (&["list"], Ok),
        (&["list", "--kind", "kb"], Nothing),
        (&["list", "--kind", "nope"], Usage),
        (&["list", "--since", "someday"], Usage),
        (&["list", "--bogus"], Usage),
        (&["search", "refund"], Ok),
        (&["search", "zzqxnotaword"], Nothing),
        (&["search", "refund", "--until", "notadate"], Usage),
        (&["search"], Usage),
        (&["show", "@"], Ok),
        (&["show", "zzzzzz"], Usage),
        (&["show", "--bogus"], Usage),
        (&["case", "ZD-1"], Ok),
        (&["case", "ZD-999"], Nothing),
        (&["case"], Usage),
        (&["log"], Ok),
        (&["log", "zzzzzz"], Usage),
        (&["tags"], Ok),
        (&["tags", "--bogus"], Usage),
        (&["status"], Ok),
        (&["status", "--bogus"], Usage),
        (&["pending"], Ok),
        (&["pending", "--person", "nobody-here"], Nothing),
        (&["resolve", "zzzzzz", "--actual", "x"], Usage),
        (
            &["resolve", "@", "--actual", "x", "--verdict", "maybe"],
            Usage,
        ),
        (&["review", "--period", "2026"], Ok),
        (&["review", "--period", "someday"], Usage),
        (&["review", "--format", "csv"], Usage),
        (&["review", "--target", "wizard"], Usage),
        (&["export"], Ok),
        (&["export", "--kind", "kb"], Nothing),
        (&["export", "--format", "html"], Usage),
        (&["kb", "report"], Nothing),
        (&["kb", "deflect", "zzzzzz"], Usage),
        (&["escalation", "report"], Nothing),
        (&["escalations", "--month", "2026-13"], Usage),
        (&["qa", "report"], Nothing),
        (&["qa", "sample", "-n", "0", "-"], Usage),
        (&["handoff", "report"], Nothing),
        (&["explore", "report"], Nothing),
        (&["phrases"], Nothing),
        (&["skills"], Ok),
        (&["rate", "juggling", "pro"], Usage),
        (&["rate", "adaptability", "guru"], Usage),
        (&["focus", "juggling"], Usage),
        (&["proposal", "report"], Nothing),
        (&["proposal", "set", "zzzzzz", "shipped"], Usage),
        (&["approval", "report"], Nothing),
        (&["goal", "report"], Nothing),
        (
            &[
                "goal", "new", "--title", "x", "--query", "kind:kb", "--target", "1", "--due",
                "never",
            ],
            Usage,
        ),
        (&["metrics", "report"], Nothing),
        (&["profile"], Nothing),
        (&["profile", "--level", "wizard"], Usage),
        (&["confirm", "nope", "--person", "bo", "--met"], Usage),
        (&["feedback", "bo-chen"], Usage),
        (&["1on1", "prep", "bo-chen"], Ok),
        (&["1on1"], Usage),
        (&["check", "--json"], Ok),
        (&["check", "/nowhere/at/all"], Usage),
        (&["config", "get", "person"], Ok),
        (&["config", "get", "no.such.key"], Nothing),
        (&["config", "set", "colour", "x"], Usage),
        (&["help", "query"], Ok),
        (&["help", "nosuchtopic"], Usage),
        (&["completions", "tcsh"], Usage),
        (&["nosuchcommand"], Usage),
        (&["--json", "--format", "csv", "list"], Usage),
    ];
    let mut failures = Vec::new();
    for (args, expected) in table {
        let out = env.cb().args(*args).output().unwrap();
        let code = out.status.code();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let ok = match expected {
            Ok => code == Some(0) && !stdout.trim().is_empty(),
            Nothing => code == Some(1) && stdout.trim().is_empty() && !stderr.trim().is_empty(),
            Usage => code == Some(2) && stdout.trim().is_empty() && !stderr.trim().is_empty(),
        };
        if !ok {
            failures.push(format!(
                "casebook {}: expected {expected:?}, got exit {code:?}\n  stdout: {}\n  stderr: {}",
                args.join(" "),
                stdout.trim().lines().next().unwrap_or(""),
                stderr.trim().lines().next().unwrap_or("")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_bug_exits_101_with_one_clear_sentence() {
    let env = TestEnv::new();
    let out = env
        .cb()
        .env("CASEBOOK_TEST_PANIC", "1")
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(101));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("internal error") && err.contains("please report it"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn ctrl_c_exits_130_and_keeps_what_was_typed() {
    let env = TestEnv::new();
    // Answer the title, then press Ctrl-C at the next question.
    let mut cb = env.cb_std();
    cb.args(["new", "diagnosis"]);
    let session = terminal::run(&cb, &["Half-typed SSO loop\n", "\x03"], "?:)");
    let text = &session.text;
    assert_eq!(session.code, Some(130), "{text}");
    assert!(text.contains("your text is kept in"), "{text}");
    let drafts = env.journal.join(".git/casebook/drafts");
    let kept: Vec<String> = std::fs::read_dir(&drafts)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        kept.iter().any(|t| t.contains("Half-typed SSO loop")),
        "{kept:?}"
    );
    assert!(env.clean(), "nothing committed");
    // The hint's command, pasted, finishes the entry with its title (it
    // used to fail with "the title is empty").
    let words = common::hinted_command(text, "drafts resume");
    env.cb().args(&words).assert().success();
    let v = env.json(&["list", "--kind", "diagnosis"]);
    assert_eq!(v["entries"][0]["title"], "Half-typed SSO loop");
}

#[test]
fn ctrl_c_at_the_verdict_keeps_the_actual_cause() {
    let env = TestEnv::new();
    env.predict("SSO", "cert expired");
    let mut cb = env.cb_std();
    cb.args(["resolve", "@"]);
    let session = terminal::run(&cb, &["a proxy stripped the header\n", "\x03"], "?)");
    assert_eq!(session.code, Some(130), "{}", session.text);
    let words = common::hinted_command(&session.text, "drafts resume");
    env.cb().args(&words).assert().success();
    let v = env.json(&["list", "--kind", "diagnosis"]);
    assert_eq!(
        v["entries"][0]["fields"]["actual"],
        "a proxy stripped the header"
    );
}
