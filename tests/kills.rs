//! The kill campaign of issue 30: every write command SIGKILLed at a
//! seeded random moment, each kill followed by the next casebook command and
//! then the checks a user would run: `git fsck --strict`, a clean `git status
//! --porcelain`, no lock or temporary file left, `casebook check`, and a
//! ledger of acknowledged writes (every write that exited 0 is still in
//! HEAD's history). A commit must hold only its own change.
//!
//! `cargo test --test kills` runs a short campaign (50 kills, 5 per
//! command); the long one is on demand:
//! `CASEBOOK_KILLS=1000 cargo test --release --test kills -- --ignored`.
//! `CASEBOOK_KILL_SEED` picks another run.

mod common;

use common::TestEnv;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KINDS: [&str; 10] = [
    "new",
    "jot",
    "edit-field",
    "edit-tag",
    "resolve",
    "import",
    "rm",
    "undo",
    "reindex",
    "sync",
];

/// A small deterministic generator (PCG-style LCG): a run is its seed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[derive(Default, Debug)]
struct Figures {
    kills: usize,
    /// Kills that landed before the command exited.
    killed_mid_write: usize,
    acknowledged: usize,
    rolled_back: usize,
    needing_repair: BTreeMap<&'static str, usize>,
    leftovers: usize,
    lost: usize,
    foreign: usize,
    problems: Vec<String>,
}

impl Figures {
    fn repairs(&self) -> usize {
        self.needing_repair.values().sum()
    }
}

/// One journal under fire, with a bare remote and a second clone that
/// writes between syncs.
struct Field {
    env: TestEnv,
    other: PathBuf,
    diagnosis: String,
    /// Commits of acknowledged writes.
    ledger: Vec<String>,
    imports: usize,
}

impl Field {
    fn new() -> Field {
        let env = TestEnv::new();
        let a = env
            .cb()
            .args([
                "--json",
                "new",
                "diagnosis",
                "--title",
                "seed",
                "--field",
                "prediction=p",
                "-m",
                "x",
            ])
            .assert()
            .success();
        let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
        let diagnosis = v["id"].as_str().unwrap().to_string();
        env.cb()
            .args([
                "resolve",
                &diagnosis,
                "--actual",
                "first",
                "--verdict",
                "hit",
            ])
            .assert()
            .success();
        let remote = env.root.join("remote.git");
        run_git(
            &env,
            &env.root,
            &["init", "-q", "--bare", remote.to_str().unwrap()],
        );
        env.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
        env.cb().arg("sync").assert().success();
        let other = env.root.join("other");
        run_git(
            &env,
            &env.root,
            &[
                "clone",
                "-q",
                remote.to_str().unwrap(),
                other.to_str().unwrap(),
            ],
        );
        run_git(&env, &other, &["config", "user.name", "Bo Chen"]);
        run_git(&env, &other, &["config", "user.email", "bo@example.org"]);
        Field {
            env,
            other,
            diagnosis,
            ledger: Vec::new(),
            imports: 0,
        }
    }

    fn head(&self) -> String {
        self.env.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    /// What the killed command runs, after any unkilled set-up it needs.
    fn command(&mut self, kind: &str, i: usize, rng: &mut Rng) -> Command {
        let env = &self.env;
        match kind {
            "undo" => {
                // Undo always has a jot of its own to revert.
                env.cb()
                    .args(["jot", &format!("to be undone {i}")])
                    .assert()
                    .success();
            }
            "rm" => {
                env.cb()
                    .args([
                        "new",
                        "note",
                        "--title",
                        &format!("to remove {i}"),
                        "-m",
                        "x",
                    ])
                    .assert()
                    .success();
            }
            "sync" => {
                // The other clone writes and publishes, so that this sync
                // brings files in (a fast-forward or a merge).
                env.cb_in(&self.other)
                    .args([
                        "new",
                        "note",
                        "--person",
                        "Bo Chen",
                        "--title",
                        &format!("from bo {i}"),
                        "-m",
                        "x",
                    ])
                    .assert()
                    .success();
                env.cb_in(&self.other).arg("sync").assert().success();
            }
            _ => {}
        }
        let mut cmd = env.cb_std();
        match kind {
            "new" => cmd.args(["new", "note", "--title", &format!("kill {i}"), "-m", "body"]),
            "jot" => cmd.args(["jot", &format!("thought {i}")]),
            "edit-field" => cmd.args([
                "edit",
                &self.diagnosis,
                "--field",
                &format!("prediction=guess {i}"),
            ]),
            "edit-tag" => cmd.args(["edit", &self.diagnosis, "--tag", &format!("t{i}")]),
            "resolve" => cmd.args([
                "resolve",
                &self.diagnosis,
                "--actual",
                &format!("cause {i}"),
                "--verdict",
                "hit",
                "--amend",
            ]),
            "import" => {
                let n = 200 + rng.below(1801) as usize;
                self.imports += 1;
                let file = env.root.join(format!("batch-{i}.jsonl"));
                let lines: Vec<String> = (0..n)
                    .map(|k| {
                        json!({"kind": "note", "date": "2026-10-01",
                               "title": format!("imported {i} {k}"),
                               "body": "lorem ipsum ".repeat(40)})
                        .to_string()
                    })
                    .collect();
                std::fs::write(&file, lines.join("\n")).unwrap();
                cmd.args(["import", file.to_str().unwrap()])
            }
            "rm" => cmd.args(["rm", "-y", "@"]),
            "undo" => cmd.args(["undo"]),
            "reindex" => cmd.args(["reindex"]),
            "sync" => cmd.args(["sync"]),
            _ => unreachable!(),
        };
        cmd
    }

    /// Whether the commits from `before` to HEAD hold only what `kind`
    /// writes: a commit never carries another write's leftovers.
    fn foreign_changes(&self, kind: &str, before: &str) -> Vec<String> {
        let mut out = Vec::new();
        let range = format!("{before}..HEAD");
        let commits = self.env.git(&[
            "rev-list",
            "--no-merges",
            "--author=ana@example.org",
            &range,
        ]);
        for c in commits.lines() {
            let subject = self.env.git(&["log", "-1", "--format=%s", c]);
            let changed = self.env.git(&[
                "diff-tree",
                "--no-commit-id",
                "-r",
                "--name-status",
                "--no-renames",
                c,
            ]);
            let lines: Vec<&str> = changed.lines().collect();
            let status = |s: &str| lines.iter().all(|l| l.starts_with(s));
            let ok = if subject.starts_with("undo") {
                // An undo gives back exactly the tree before what it undid.
                self.env.git(&["rev-parse", &format!("{c}^{{tree}}")])
                    == self.env.git(&["rev-parse", &format!("{c}~2^{{tree}}")])
            } else {
                match kind {
                    "new" | "jot" => lines.len() == 1 && status("A\tpeople/"),
                    "edit-field" | "edit-tag" | "resolve" => {
                        lines.len() == 1 && status("M\tpeople/")
                    }
                    "import" => !lines.is_empty() && status("A\tpeople/"),
                    "rm" => lines.len() == 1 && status("D\tpeople/"),
                    _ => false,
                }
            };
            if !ok {
                out.push(format!(
                    "{kind}: commit {c} '{}': {changed}",
                    subject.trim()
                ));
            }
        }
        out
    }

    /// Everything a user would find wrong after the next command.
    fn inspect(&self) -> (Vec<String>, Vec<String>) {
        let env = &self.env;
        let mut broken = Vec::new();
        let mut leftovers = Vec::new();
        let fsck = git_out(
            env,
            &env.journal,
            &["fsck", "--strict", "--no-progress", "--no-dangling"],
        );
        if !fsck.0 {
            broken.push(format!("git fsck: {}", fsck.1));
        }
        let status = git_out(
            env,
            &env.journal,
            &["status", "--porcelain", "--untracked-files=all"],
        );
        if !status.1.trim().is_empty() {
            broken.push(format!("git status: {}", status.1.trim()));
        }
        let check = env.cb().arg("check").output().unwrap();
        if !check.status.success() {
            broken.push(format!(
                "casebook check: {}{}",
                String::from_utf8_lossy(&check.stdout),
                String::from_utf8_lossy(&check.stderr)
            ));
        }
        let git = env.journal.join(".git");
        for lock in ["index.lock", "refs/heads/main.lock", "HEAD.lock"] {
            if git.join(lock).exists() {
                leftovers.push(format!(".git/{lock}"));
            }
        }
        for p in common::walk(&env.journal) {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            // Work-tree and state temporary files (`.casebook-*.tmp`) and
            // the search index's (`.casebook-*` beside its files).
            if name.starts_with(".casebook-") {
                leftovers.push(rel(&env.journal, &p));
            }
        }
        let index = git.join("casebook/index");
        if let Ok(current) = std::fs::read_to_string(index.join("CURRENT")) {
            for d in std::fs::read_dir(&index).unwrap().flatten() {
                if d.path().is_dir() && d.file_name().to_string_lossy() != current.trim() {
                    leftovers.push(rel(&env.journal, &d.path()));
                }
            }
        }
        (broken, leftovers)
    }

    /// What a user would have to do by hand, so the campaign can go on.
    fn repair(&self) {
        let env = &self.env;
        let git = env.journal.join(".git");
        for lock in ["index.lock", "refs/heads/main.lock", "HEAD.lock"] {
            let _ = std::fs::remove_file(git.join(lock));
        }
        let _ = git_out(env, &env.journal, &["reset", "-q", "--hard", "HEAD"]);
        let _ = git_out(env, &env.journal, &["clean", "-q", "-fd"]);
        for p in common::walk(&env.journal) {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with(".casebook-") {
                let _ = std::fs::remove_file(p);
            }
        }
        let index = git.join("casebook/index");
        if let Ok(current) = std::fs::read_to_string(index.join("CURRENT")) {
            for d in std::fs::read_dir(&index).unwrap().flatten() {
                if d.path().is_dir() && d.file_name().to_string_lossy() != current.trim() {
                    let _ = std::fs::remove_dir_all(d.path());
                }
            }
        }
    }
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

fn run_git(env: &TestEnv, dir: &Path, args: &[&str]) {
    let (ok, out) = git_out(env, dir, args);
    assert!(ok, "git {args:?}: {out}");
}

fn git_out(env: &TestEnv, dir: &Path, args: &[&str]) -> (bool, String) {
    let out = env
        .git_command()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Waits (at most 30 s) until no process runs `git -C journal`.
fn wait_for_git_in(journal: &Path) {
    let needle = journal.to_string_lossy().to_string();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        let running = std::fs::read_dir("/proc")
            .map(|d| {
                d.flatten().any(|p| {
                    std::fs::read(p.path().join("cmdline")).is_ok_and(|c| {
                        let c = String::from_utf8_lossy(&c);
                        c.starts_with("git\0") && c.contains(&needle)
                    })
                })
            })
            .unwrap_or(false);
        if !running {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for `child` at most `limit`, killing it after.
fn wait_at_most(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn campaign(kills: usize, seed: u64) -> Figures {
    let mut rng = Rng(seed);
    let mut figures = Figures::default();
    // How long each command takes when left alone: kills land uniformly
    // within it (a bit past it, so some writes are acknowledged).
    let mut takes_ms = [400u64; 10];
    takes_ms[5] = 3000;
    takes_ms[9] = 600;
    let mut field = Field::new();
    for i in 0..kills {
        // A fresh journal now and then keeps a long run's journal small.
        if i > 0 && i % 100 == 0 {
            field = Field::new();
        }
        let k = i % KINDS.len();
        let kind = KINDS[k];
        let mut cmd = field.command(kind, i, &mut rng);
        let before = field.head();
        let delay = Duration::from_millis(rng.below(takes_ms[k] * 13 / 10));
        let started = Instant::now();
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap();
        let acknowledged = match finished {
            Some(status) => {
                let took = started.elapsed().as_millis() as u64;
                takes_ms[k] = (takes_ms[k] * 3 + took.max(20)) / 4;
                status.success()
            }
            None => {
                let _ = child.kill(); // SIGKILL: no destructor, no cleanup
                let _ = child.wait();
                figures.killed_mid_write += 1;
                false
            }
        };
        figures.kills += 1;
        if acknowledged && kind != "reindex" {
            figures.acknowledged += 1;
            field.ledger.push(field.head());
        }
        // The next command: a read, which finishes or rolls back.
        let mut next = field.env.cb_std();
        let mut next = next
            .args(["list", "-n", "3"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait_at_most(&mut next, Duration::from_secs(120));
        let mut err = String::new();
        if let Some(mut e) = next.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        if err.contains("rolled back") {
            figures.rolled_back += 1;
        }
        // A killed sync's `git fetch` or `git push` lives on (casebook
        // cannot take its children with it); `git fsck` run while it moves
        // a ref sees objects as missing that land a moment later.
        if kind == "sync" {
            wait_for_git_in(&field.env.journal);
        }
        let (mut broken, leftovers) = field.inspect();
        if status.is_none_or(|s| !s.success()) {
            broken.push(format!("the next command failed: {err}"));
        }
        let foreign = field.foreign_changes(kind, &before);
        let history: HashSet<String> = field
            .env
            .git(&["rev-list", "HEAD"])
            .lines()
            .map(str::to_string)
            .collect();
        let lost: Vec<&String> = field
            .ledger
            .iter()
            .filter(|c| !history.contains(*c))
            .collect();
        if !lost.is_empty() {
            figures.lost += lost.len();
            figures
                .problems
                .push(format!("#{i} {kind}: acknowledged commits lost: {lost:?}"));
            field.ledger.retain(|c| history.contains(c));
        }
        figures.leftovers += leftovers.len();
        figures.foreign += foreign.len();
        if !broken.is_empty() || !leftovers.is_empty() || !foreign.is_empty() {
            *figures.needing_repair.entry(kind).or_default() += 1;
            figures.problems.push(format!(
                "#{i} {kind} (killed after {delay:?}): {}",
                broken
                    .iter()
                    .chain(&leftovers)
                    .chain(&foreign)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
            field.repair();
        }
    }
    figures
}

fn report(f: &Figures) {
    eprintln!(
        "kills: {}, killed mid-command: {}, acknowledged writes: {}, rolled back by the next command: {}, \
         journals needing repair: {} {:?}, leftovers: {}, acknowledged writes lost: {}, foreign changes: {}",
        f.kills,
        f.killed_mid_write,
        f.acknowledged,
        f.rolled_back,
        f.repairs(),
        f.needing_repair,
        f.leftovers,
        f.lost,
        f.foreign
    );
    for p in f.problems.iter().take(40) {
        eprintln!("  {p}");
    }
}

fn assert_clean(f: &Figures) {
    report(f);
    assert!(f.killed_mid_write > 0, "no kill landed inside a command");
    assert_eq!(
        (f.repairs(), f.leftovers, f.lost, f.foreign),
        (0, 0, 0, 0),
        "journals needing repair, leftovers, lost writes, foreign changes"
    );
}

fn seed() -> u64 {
    std::env::var("CASEBOOK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
}

#[test]
fn fifty_kills_over_every_write_command_leave_nothing_to_repair() {
    assert_clean(&campaign(50, seed()));
}

#[test]
#[ignore = "long: CASEBOOK_KILLS=1000 cargo test --release --test kills -- --ignored"]
fn a_thousand_kills_over_every_write_command_leave_nothing_to_repair() {
    let kills = std::env::var("CASEBOOK_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    assert_clean(&campaign(kills, seed()));
}
