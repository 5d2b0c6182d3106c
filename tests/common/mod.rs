//! A hermetic test environment: a temporary HOME with its own git identity,
//! no system git config, a frozen clock, no colour, no editor, and a fresh
//! journal that is a real git repository.
#![allow(dead_code)]

pub mod terminal;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub struct TestEnv {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub journal: PathBuf,
}

impl TestEnv {
    /// An environment with an initialised journal for Ana Lima.
    pub fn new() -> TestEnv {
        let env = TestEnv::bare();
        env.cb_in(&env.root)
            .args(["init", "journal", "--person", "Ana Lima"])
            .assert()
            .success();
        env
    }

    /// An environment with no journal yet.
    pub fn bare() -> TestEnv {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        std::fs::create_dir_all(root.join("home")).unwrap();
        std::fs::write(
            root.join("home/.gitconfig"),
            "[user]\n\tname = Ana Lima\n\temail = ana@example.org\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        let journal = root.join("journal");
        TestEnv {
            _tmp: tmp,
            root,
            journal,
        }
    }

    fn hermetic(&self, c: &mut std::process::Command) {
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.root.join("home"))
            .env("XDG_CONFIG_HOME", self.root.join("home/.config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("CASEBOOK_NOW", "2026-11-24T10:00:00+00:00");
    }

    /// `casebook` run inside the journal.
    pub fn cb(&self) -> Command {
        self.cb_in(&self.journal)
    }

    /// A plain process, for tests that need children running at once.
    pub fn cb_std(&self) -> std::process::Command {
        let mut std = std::process::Command::new(assert_cmd::cargo::cargo_bin("casebook"));
        self.hermetic(&mut std);
        std.current_dir(&self.journal);
        std
    }

    pub fn cb_in(&self, dir: &Path) -> Command {
        let mut std = std::process::Command::new(assert_cmd::cargo::cargo_bin("casebook"));
        self.hermetic(&mut std);
        std.current_dir(dir);
        Command::from_std(std)
    }

    /// Plain `git`, as hermetic as casebook.
    pub fn git_command(&self) -> std::process::Command {
        let mut c = std::process::Command::new("git");
        self.hermetic(&mut c);
        c
    }

    pub fn git(&self, args: &[&str]) -> String {
        let mut c = std::process::Command::new("git");
        self.hermetic(&mut c);
        let out = c.current_dir(&self.journal).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    pub fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    pub fn clean(&self) -> bool {
        self.git(&["status", "--porcelain"]).trim().is_empty()
    }

    pub fn write(&self, rel: &str, text: &[u8]) {
        let p = self.journal.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A shell script usable as $EDITOR that runs `body` with the file as $f.
    pub fn editor(&self, name: &str, body: &str) -> String {
        let path = self.root.join(name);
        std::fs::write(&path, format!("#!/bin/sh\nfor f; do :; done\n{body}\n")).unwrap();
        let mut perm = std::fs::metadata(&path).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
        std::fs::set_permissions(&path, perm).unwrap();
        path.display().to_string()
    }

    /// Imports JSON records in one commit.
    pub fn import(&self, records: &[serde_json::Value]) {
        self.import_with(&[], records).success();
    }

    /// `casebook FLAGS import FILE` of JSON records, whatever its outcome.
    pub fn import_with(
        &self,
        flags: &[&str],
        records: &[serde_json::Value],
    ) -> assert_cmd::assert::Assert {
        self.import_command(flags, records).assert()
    }

    /// The command `import_with` runs, for a test to add to.
    pub fn import_command(
        &self,
        flags: &[&str],
        records: &[serde_json::Value],
    ) -> assert_cmd::Command {
        let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
        let path = self.root.join(format!("import-{}.jsonl", self.commits()));
        std::fs::write(&path, lines.join("\n")).unwrap();
        let mut cmd = self.cb();
        cmd.args(flags).args(["import", path.to_str().unwrap()]);
        cmd
    }

    /// `--json` output of a command, parsed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cb().args(args).arg("--json").output().unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// Titles of search hits, best first.
    pub fn hits(&self, query: &[&str]) -> Vec<String> {
        let out = self
            .cb()
            .args(["--json", "search"])
            .args(query)
            .output()
            .unwrap();
        if out.status.code() == Some(1) {
            return Vec::new();
        }
        assert!(
            out.status.success(),
            "search {query:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "search {query:?}: {e}: {:?} {} {}",
                out.status,
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout)
            )
        });
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect()
    }
}

/// The command a `hint:` line containing `needle` tells the user to paste,
/// split as a shell would, without the leading `casebook`.
pub fn hinted_command(text: &str, needle: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no hint with {needle:?} in:\n{text}"));
    let command = line[line.find("casebook ").expect("a casebook command")..].trim();
    let mut words =
        shlex::split(command).unwrap_or_else(|| panic!("not a command line: {command}"));
    words.remove(0);
    words
}

impl TestEnv {
    /// A diagnosis entry with a prediction, written without the editor.
    pub fn predict(&self, title: &str, prediction: &str) {
        self.cb()
            .args(["new", "diagnosis", "--title", title, "--no-edit", "--field"])
            .arg(format!("prediction={prediction}"))
            .assert()
            .success();
    }
}

pub fn out(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).to_string()
}

pub fn err(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).to_string()
}

/// Every file under `dir`, at any depth (symbolic links are not followed).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Every command and subcommand, as the words that name it.
pub fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            out.push(p.clone());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&casebook::cli::command(), Vec::new(), &mut out);
    out
}
