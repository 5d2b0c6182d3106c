//! The interface in review: every command's `--help` works and teaches with
//! examples, the command reference (docs/commands.md) names every command, and the
//! top-level help is a snapshot, so any change to it shows up in a diff.

mod common;

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
    let paths = common::command_paths();
    assert!(paths.len() > 60, "walked {} commands", paths.len());
    for path in paths {
        let name = path.join(" ");
        let out = casebook().args(&path).arg("--help").output().unwrap();
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
fn each_command_opens_its_help_with_its_own_about() {
    // A flattened struct's doc comment once became the about of ten
    // commands ("The flags of every command that writes text ...").
    let mut seen: std::collections::HashMap<String, Vec<String>> = Default::default();
    for path in common::command_paths() {
        let out = casebook().args(&path).arg("--help").output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let first = text.lines().next().unwrap_or("").trim().to_string();
        assert!(
            !first.starts_with('`') && !first.contains("--redact"),
            "{path:?}: {first}"
        );
        seen.entry(first).or_default().push(path.join(" "));
    }
    let shared: Vec<_> = seen.iter().filter(|(_, p)| p.len() > 1).collect();
    assert!(shared.is_empty(), "commands sharing one about: {shared:?}");
}

#[test]
fn the_command_reference_names_every_command() {
    let readme = include_str!("../docs/commands.md");
    for name in subcommands() {
        assert!(
            readme.contains(&format!("casebook {name}")) || readme.contains(&format!("$cb {name}")),
            "docs/commands.md never shows `casebook {name}`"
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
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = casebook().args(["completions", shell]).output().unwrap();
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && script.contains("COMPLETE"),
            "{shell}: {script}"
        );
    }
    let man = casebook().arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH casebook"));
}

/// The bash script is loaded by a real bash, and <Tab> is simulated: ids,
/// kinds, skills and tags come from the journal the shell stands in.
#[test]
fn bash_completes_ids_kinds_skills_and_tags_from_the_journal() {
    let env = common::TestEnv::new();
    let a = env
        .cb()
        .args([
            "--json",
            "new",
            "note",
            "--title",
            "Completion target",
            "--tag",
            "billing-sync",
            "-m",
            "x",
        ])
        .output()
        .unwrap();
    let written: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let id = written["id"].as_str().unwrap().to_string();
    let bin_dir = assert_cmd::cargo::cargo_bin("casebook")
        .parent()
        .unwrap()
        .to_path_buf();
    let script = r#"
source <(casebook completions bash)
comp() {
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _clap_complete_casebook casebook "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
    echo "$1 ${COMP_WORDS[-2]} ${COMP_WORDS[-1]} => ${COMPREPLY[*]}"
}
comp casebook sho
comp casebook show "$PREFIX"
comp casebook new diag
comp casebook list --skill complex-case
comp casebook list --tag billing
"#;
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&env.journal)
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .env("HOME", env.root.join("home"))
        .env("PREFIX", &id[..5])
        .env_remove("CASEBOOK_DIR")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}: {text}"))
            .to_string()
    };
    assert!(line("casebook casebook sho =>").contains("show"), "{text}");
    assert!(
        line(&format!("casebook show {} =>", &id[..5])).contains(&id),
        "{text}"
    );
    assert!(line("casebook new diag =>").contains("diagnosis"), "{text}");
    assert!(
        line("casebook --skill complex-case =>").contains("complex-case-diagnosis"),
        "{text}"
    );
    assert!(
        line("casebook --tag billing =>").contains("billing-sync"),
        "{text}"
    );
}
