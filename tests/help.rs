//! The interface in review: every command's `--help` works and teaches with
//! examples, the README's command reference names every command, and the
//! top-level help is a snapshot, so any change to it shows up in a diff.

use assert_cmd::Command;

fn casebook() -> Command {
    let mut c = Command::cargo_bin("casebook").unwrap();
    c.env("NO_COLOR", "1")
        .env_remove("CASEBOOK_DIR")
        .env("COLUMNS", "100");
    c
}

fn subcommands() -> Vec<String> {
    casebook::cli::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| s.get_name().to_string())
        .collect()
}

#[test]
fn every_command_has_help_with_examples() {
    for name in subcommands() {
        let out = casebook().args([name.as_str(), "--help"]).output().unwrap();
        assert!(
            out.status.success(),
            "casebook {name} --help exited {:?}",
            out.status
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage: casebook"), "{name}: {text}");
        if !matches!(name.as_str(), "man" | "help") {
            assert!(
                text.contains("Example"),
                "casebook {name} --help has no example"
            );
        }
    }
}

#[test]
fn the_readme_names_every_command() {
    let readme = include_str!("../README.md");
    for name in subcommands() {
        assert!(
            readme.contains(&format!("casebook {name}")) || readme.contains(&format!("$cb {name}")),
            "README.md never shows `casebook {name}`"
        );
    }
}

#[test]
fn top_level_help_snapshot() {
    let out = casebook().arg("--help").output().unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn help_topics_exist_and_unknown_topics_are_usage_errors() {
    for topic in [
        "query",
        "dates",
        "ids",
        "filters",
        "json",
        "exit-codes",
        "environment",
        "kinds",
        "privacy",
    ] {
        let out = casebook().args(["help", topic]).output().unwrap();
        assert!(out.status.success(), "help {topic}");
        assert!(!out.stdout.is_empty(), "help {topic} is empty");
    }
    let kinds = casebook().args(["help", "kinds"]).output().unwrap();
    let text = String::from_utf8_lossy(&kinds.stdout);
    assert!(
        text.contains("diagnosis") && text.contains("confidence"),
        "{text}"
    );
    let out = casebook().args(["help", "nonsense"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bare_casebook_points_to_the_demo() {
    let out = casebook().output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("casebook demo"));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = casebook().args(["completions", shell]).output().unwrap();
        assert!(out.status.success() && out.stdout.len() > 1000, "{shell}");
    }
    let man = casebook().arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH casebook"));
}
