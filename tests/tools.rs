//! Fitting the user's tools: pager, colours, editor order, user config,
//! dates in words, export privacy.

mod common;

use common::{TestEnv, terminal};
use serde_json::json;

fn many_entries(env: &TestEnv, n: usize) {
    let records: Vec<_> = (0..n)
        .map(|i| json!({"kind": "note", "date": "2026-11-02", "title": format!("note {i}"), "body": "x"}))
        .collect();
    env.import(&records);
}

/// Runs casebook on a pseudo-terminal (stdin and stdout), returning the output.
fn on_a_terminal(env: &TestEnv, args: &[&str], extra_env: &[(&str, &str)]) -> (bool, String) {
    let mut cb = env.cb_std();
    cb.args(args).envs(extra_env.iter().copied());
    let session = terminal::run(&cb, &[], "");
    (session.success(), session.text)
}

#[test]
fn long_output_is_paged_only_on_a_terminal() {
    let env = TestEnv::new();
    many_entries(&env, 45);
    let marker = env.root.join("paged");
    let pager = format!("touch '{}'; cat", marker.display());
    // Piped: never paged.
    env.cb().env("PAGER", &pager).arg("list").assert().success();
    assert!(!marker.exists());
    // On a terminal: through $PAGER.
    let (ok, text) = on_a_terminal(&env, &["list"], &[("PAGER", &pager)]);
    assert!(ok && text.contains("note 44"), "{text}");
    assert!(marker.exists(), "the pager did not run");
    std::fs::remove_file(&marker).unwrap();
    // --no-pager turns it off.
    let (ok, _) = on_a_terminal(&env, &["--no-pager", "list"], &[("PAGER", &pager)]);
    assert!(ok && !marker.exists());
    // The pager set with `casebook config` wins over $PAGER.
    let other = env.root.join("configured");
    env.cb()
        .args([
            "config",
            "set",
            "pager",
            &format!("touch '{}'; cat", other.display()),
        ])
        .assert()
        .success();
    let (ok, _) = on_a_terminal(&env, &["list"], &[("PAGER", &pager)]);
    assert!(ok && other.exists() && !marker.exists());
}

#[test]
fn colours_follow_the_flag_no_color_and_clicolor_force() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "t", "-m", "x"])
        .assert()
        .success();
    let has_escape = |args: &[&str], vars: &[(&str, &str)]| {
        let mut c = env.cb();
        c.env_remove("NO_COLOR");
        for (k, v) in vars {
            c.env(k, v);
        }
        let out = c.args(args).output().unwrap();
        out.stdout.contains(&0x1b)
    };
    assert!(!has_escape(&["list"], &[]), "piped output is plain");
    assert!(has_escape(&["--color", "always", "list"], &[]));
    assert!(
        has_escape(&["list", "--color", "always"], &[]),
        "global flags go after the command too"
    );
    assert!(has_escape(&["list"], &[("CLICOLOR_FORCE", "1")]));
    assert!(
        !has_escape(&["list"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR wins"
    );
    assert!(!has_escape(
        &["--color", "never", "list"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    let (_, text) = on_a_terminal(&env, &["list"], &[]);
    assert!(!text.contains('\u{1b}'), "NO_COLOR on a terminal: {text:?}");
}

#[test]
fn the_editor_is_chosen_in_gits_order() {
    let env = TestEnv::new();
    let visual = env.editor(
        "visual.sh",
        "sed -i 's/^title = \"\"/title = \"from visual\"/' \"$f\"; printf '\\nbody\\n' >> \"$f\"",
    );
    let editor = env.editor(
        "editor.sh",
        "sed -i 's/^title = \"\"/title = \"from editor\"/' \"$f\"; printf '\\nbody\\n' >> \"$f\"",
    );
    let configured = env.editor(
        "config.sh",
        "sed -i 's/^title = \"\"/title = \"from config\"/' \"$f\"; printf '\\nbody\\n' >> \"$f\"",
    );
    env.cb()
        .env("VISUAL", &visual)
        .env("EDITOR", &editor)
        .args(["new", "note"])
        .assert()
        .success();
    assert_eq!(
        env.json(&["show", "@"])["entries"][0]["title"],
        "from visual"
    );
    env.cb()
        .args(["config", "set", "editor", &configured, "--user"])
        .assert()
        .success();
    env.cb()
        .env("VISUAL", &visual)
        .env("EDITOR", &editor)
        .args(["new", "note"])
        .assert()
        .success();
    let titles: Vec<String> = env.json(&["list"])["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&"from config".to_string()), "{titles:?}");
    // The user config lives where XDG says.
    assert!(env.root.join("home/.config/casebook/config.toml").exists());
}

#[test]
fn dates_in_the_users_words() {
    let env = TestEnv::new();
    // 2026-11-24 is a Tuesday: last friday is 2026-11-20, 2w ago 2026-11-10.
    for (day, title) in [
        ("2026-11-19", "thursday"),
        ("2026-11-20", "friday"),
        ("2026-11-09", "old"),
        ("2026-11-23", "yesterday"),
    ] {
        env.cb()
            .args(["new", "note", "--title", title, "-m", "x", "--date", day])
            .assert()
            .success();
    }
    let titles = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = env.json(&[&["list"], args].concat())["entries"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["title"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    assert_eq!(titles(&["--since", "last friday"]), ["friday", "yesterday"]);
    assert_eq!(
        titles(&["--since", "2w"]),
        ["friday", "thursday", "yesterday"]
    );
    assert_eq!(titles(&["--since", "yesterday"]), ["yesterday"]);
    assert_eq!(
        titles(&["--until", "last friday", "--since", "2026-11-19"]),
        ["friday", "thursday"]
    );
    assert_eq!(titles(&["--period", "2026-W47"]), ["friday", "thursday"]);
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "y",
            "-m",
            "x",
            "--date",
            "yesterday",
        ])
        .assert()
        .success();
    env.cb()
        .args(["list", "--since", "next blursday"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--since"));
}

#[test]
fn export_leaves_private_entries_out_unless_asked() {
    let env = TestEnv::new();
    env.cb()
        .args(["new", "note", "--title", "shared", "-m", "x"])
        .assert()
        .success();
    env.cb()
        .args([
            "new",
            "note",
            "--title",
            "mine alone",
            "-m",
            "x",
            "--private",
        ])
        .assert()
        .success();
    for format in ["json", "jsonl", "csv", "md"] {
        let out = env
            .cb()
            .args(["export", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("shared") && !text.contains("mine alone"),
            "{format}: {text}"
        );
    }
    let out = env
        .cb()
        .args(["export", "--format", "md", "--include-private"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("mine alone"));
}

#[test]
fn user_aliases_expand_but_never_replace_commands() {
    let env = TestEnv::new();
    env.cb()
        .args([
            "config",
            "set",
            "alias.pm",
            "new postmortem --tag hard-case",
        ])
        .assert()
        .success();
    env.cb()
        .args(["config", "set", "alias.list", "search x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("aliases cannot replace commands"));
    env.cb()
        .args([
            "--json",
            "pm",
            "--title",
            "Refund loop",
            "-m",
            "what shifted it",
        ])
        .assert()
        .success();
    let e = &env.json(&["show", "@"])["entries"][0];
    assert_eq!(e["kind"], "postmortem");
    assert_eq!(e["tags"][0], "hard-case");
    // Aliases live in the user's config, not the clone's or the journal's.
    let user = std::fs::read_to_string(env.root.join("home/.config/casebook/config.toml")).unwrap();
    assert!(user.contains("[alias]") && user.contains("pm = "), "{user}");
    assert!(env.clean());
}
