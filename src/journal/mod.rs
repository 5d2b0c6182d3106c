//! The journal on disk and in git: finding it, creating it from the
//! template, laying out entry files, writing them atomically and recording
//! every write as one commit. This is the only module that imports git2.
//!
//! Hand edits and commits made with plain git are normal: nothing here
//! assumes casebook wrote the last commit or the files.

mod bulk;
mod config;
mod git;
mod git_index;
mod layout;
mod lock;
mod purge;
mod recovery;
mod splice;
mod sync;

pub use config::{JournalConfig, LocalConfig, user_config_path};
pub use git::{Change, CommitInfo, HistoricBlob, HistoryItem, PathChange};
/// A commit or object id, as the rest of the library names one (only
/// `journal` imports git2).
pub use git2::Oid;
pub use layout::{entry_path, is_conflict_copy, is_entry_path, slug_of};
pub use lock::JournalLock;
pub use purge::{PurgeReport, Rewrite};
pub use sync::{SyncError, SyncReport, clone, conflict_copy_path};

use anyhow::{Context, Result, bail};
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};

/// The default journal that `init` copies, built into the binary so that
/// `casebook init` works from anywhere.
pub static TEMPLATE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/journal-template");

/// The private area: its own local repository inside the journal.
pub const PRIVATE_DIR: &str = "private";
/// A person's own skills file, in their folder.
const PERSONAL_SKILLS: &str = "skills.toml";
const PRIVATE_PREFIX: &str = "private/";

/// Writes of more files than this are bulk writes (imports): no per-file
/// fsync, and git's housekeeping left to the caller.
pub const BULK_WRITE: usize = 64;

/// Where casebook keeps per-clone data that is never committed.
const STATE_DIR: &str = "casebook";

pub struct Journal {
    root: PathBuf,
    repo: git2::Repository,
    pub config: JournalConfig,
    /// Where the journal's status lines go (a rolled-back write, a wait
    /// for another writer); until one is set, they are queued.
    notifier: Option<Notifier>,
    queued: std::sync::Mutex<Vec<String>>,
}

/// Receives the journal's status lines; the journal itself never prints.
pub type Notifier = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// Work that runs on a second thread while a commit rewrites
/// `.git/index`, given the new commit's id before HEAD moves to it. In a
/// large journal that rewrite is most of a write's time, and the search
/// index can catch up with the commit meanwhile.
pub type Beside<'a> = &'a mut (dyn FnMut(git2::Oid) + Send);

/// What it takes to open a second handle on a journal from another thread
/// (a git repository handle cannot be shared between threads).
#[derive(Clone)]
pub struct Reopen {
    root: PathBuf,
    config: JournalConfig,
}

impl Reopen {
    /// A second handle on the same journal. Unlike `Journal::open` it runs
    /// no recovery: it may be used while this process is mid-write.
    pub fn open(self) -> Result<Journal> {
        Ok(Journal {
            repo: git2::Repository::open(&self.root)?,
            root: self.root,
            config: self.config,
            notifier: None,
            queued: Default::default(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct NotAJournal {
    pub message: String,
}

impl Journal {
    /// Opens the journal at `root` (which must hold `casebook.toml` and be a
    /// git work tree).
    pub fn open(root: &Path) -> Result<Journal> {
        // Objects are hashed when written; re-hashing every tree on each
        // read costs a tenth of a commit in a large journal and guards only
        // against disk corruption, which `git fsck` is the tool for.
        git2::opts::strict_hash_verification(false);
        let repo = git2::Repository::open(root).map_err(|e| NotAJournal {
            message: format!(
                "{} is not a git repository ({})",
                root.display(),
                e.message()
            ),
        })?;
        let root = repo
            .workdir()
            .map(Path::to_path_buf)
            .ok_or_else(|| NotAJournal {
                message: format!("{} is a bare repository", root.display()),
            })?;
        let config = JournalConfig::load(&root.join("casebook.toml"))?;
        let journal = Journal {
            root,
            repo,
            config,
            notifier: None,
            queued: Default::default(),
        };
        journal.recover_if_interrupted();
        Ok(journal)
    }

    /// Finds the journal: `dir` itself if given (from `-C` or `CASEBOOK_DIR`),
    /// else the nearest ancestor of the current directory with a
    /// `casebook.toml` beside a `.git`.
    pub fn discover(start: &Path, explicit: bool) -> Result<Journal> {
        let start = start
            .canonicalize()
            .with_context(|| format!("cannot open directory {}", start.display()))?;
        let mut dir = Some(start.as_path());
        while let Some(d) = dir {
            if d.join("casebook.toml").is_file() && d.join(".git").exists() {
                return Journal::open(d);
            }
            if explicit {
                break;
            }
            dir = d.parent();
        }
        Err(NotAJournal {
            message: format!(
                "no casebook journal at {}{}",
                start.display(),
                if explicit { "" } else { " or above it" }
            ),
        }
        .into())
    }

    /// Creates a journal in `dir` from the built-in template and makes the
    /// first commit.
    pub fn init(dir: &Path, person: Option<(&str, &str)>) -> Result<Journal> {
        if dir.join("casebook.toml").exists() {
            bail!("{} already holds a casebook journal", dir.display());
        }
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let repo = match git2::Repository::open(dir) {
            Ok(repo) => repo,
            Err(_) => {
                let mut opts = git2::RepositoryInitOptions::new();
                opts.initial_head("main");
                git2::Repository::init_opts(dir, &opts).with_context(|| {
                    format!("cannot create a git repository in {}", dir.display())
                })?
            }
        };
        drop(repo);
        let mut changes = Vec::new();
        collect_template(&TEMPLATE, &mut changes);
        if let Some((slug, _)) = person {
            changes.push(Change::Write {
                path: format!("people/{slug}/.keep"),
                content: Vec::new(),
            });
        }
        let journal = Journal::open(dir)?;
        if let Some((slug, name)) = person {
            let clone = LocalConfig {
                person: Some(slug.to_string()),
                name: Some(name.to_string()),
                ..LocalConfig::default()
            };
            clone.save(&journal.clone_config_path())?;
        }
        journal.commit(&changes, "init: new casebook journal")?;
        Journal::open(dir)
    }

    /// Sends the journal's status lines to `notifier`, starting with those
    /// queued since it was opened.
    pub fn set_notifier(&mut self, notifier: Notifier) {
        for line in std::mem::take(&mut *self.queued.lock().unwrap_or_else(|e| e.into_inner())) {
            notifier(&line);
        }
        self.notifier = Some(notifier);
    }

    pub(crate) fn notify(&self, line: &str) {
        match &self.notifier {
            Some(n) => n(line),
            None => self
                .queued
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(line.to_string()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn repo(&self) -> &git2::Repository {
        &self.repo
    }

    /// Adds a remote (`init --remote URL`).
    pub fn add_remote(&self, name: &str, url: &str) -> Result<()> {
        self.repo
            .remote(name, url)
            .map(|_| ())
            .map_err(|e| anyhow::anyhow!("cannot add remote {url}: {}", e.message()))
    }

    /// A string from git's configuration as this journal sees it.
    pub fn git_config(&self, key: &str) -> Option<String> {
        self.repo.config().ok()?.get_string(key).ok()
    }

    /// The commit a tag points at, if the tag exists.
    pub fn tag_target(&self, tag: &str) -> Option<git2::Oid> {
        self.repo
            .find_reference(&format!("refs/tags/{tag}"))
            .ok()
            .and_then(|r| r.peel_to_commit().ok())
            .map(|c| c.id())
    }

    /// Tags HEAD (lightweight), moving an existing tag only with `force`.
    pub fn tag_head(&self, tag: &str, force: bool) -> Result<git2::Oid> {
        let head = self.head().context("the journal has no commits to tag")?;
        let obj = self.repo.find_object(head, None)?;
        self.repo
            .tag_lightweight(tag, &obj, force)
            .map_err(|e| anyhow::anyhow!("cannot tag {tag}: {}", e.message()))?;
        Ok(head)
    }

    /// `.git/casebook/`: the index, drafts, the lock and clone settings.
    pub fn state_dir(&self) -> PathBuf {
        self.repo.path().join(STATE_DIR)
    }

    pub fn clone_config_path(&self) -> PathBuf {
        self.state_dir().join("config.toml")
    }

    pub fn clone_config(&self) -> Result<LocalConfig> {
        LocalConfig::load(&self.clone_config_path())
    }

    /// Where text that failed validation is kept so that nothing typed is lost.
    pub fn drafts_dir(&self) -> PathBuf {
        self.state_dir().join("drafts")
    }

    pub fn abs(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Converts a user-given path (absolute, or relative to the current
    /// directory or the journal root) into a journal-relative one.
    pub fn relative_path(&self, given: &Path) -> Option<String> {
        let candidates = [
            given.to_path_buf(),
            std::env::current_dir().ok()?.join(given),
            self.root.join(given),
        ];
        for candidate in candidates {
            if let Ok(canon) = candidate.canonicalize()
                && let Ok(rel) = canon.strip_prefix(self.root.canonicalize().ok()?)
            {
                return Some(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        None
    }

    pub fn read_file(&self, rel: &str) -> Result<String> {
        let path = self.abs(rel);
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {rel}"))?;
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{rel} is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })
    }

    pub fn reopen(&self) -> Reopen {
        Reopen {
            root: self.root.clone(),
            config: self.config.clone(),
        }
    }

    /// Holds the journal's write lock for the life of the guard.
    pub fn lock(&self) -> Result<JournalLock> {
        JournalLock::acquire(&self.state_dir(), &|line| self.notify(line))
    }

    /// Writes and removes files, then records them as one commit. Files are
    /// written atomically, so a crash never leaves half an entry.
    ///
    /// Changes under `private/` go to the private repository instead, which
    /// has no remote and is ignored by the journal's: no push, no sync, no
    /// clone can ever carry them.
    pub fn commit(&self, changes: &[Change], message: &str) -> Result<CommitInfo> {
        self.commit_beside(changes, message, None)
    }

    /// `commit`, running `beside` on a second thread while git's index is
    /// written (see `Beside`). `beside` runs at most once, and not at all
    /// when the commit takes the slower general path.
    pub fn commit_beside(
        &self,
        changes: &[Change],
        message: &str,
        beside: Option<Beside<'_>>,
    ) -> Result<CommitInfo> {
        let _lock = self.lock()?;
        if let Some(r) = self.recover()? {
            self.notify(&recovery::describe(&r));
        }
        self.begin_write(changes)?;
        let result = self.commit_locked(changes, message, beside);
        match result {
            Ok(info) => {
                self.end_write();
                Ok(info)
            }
            // A failed write (a full disk, a read-only folder) rolls back as
            // a killed one would. If even that fails (the disk is still
            // full), the record stays, and the next command finishes it.
            Err(e) => match self.recover() {
                Ok(_) => Err(e),
                Err(undo) => Err(anyhow::anyhow!(
                    "{e:#}; the write could not be rolled back yet ({undo:#}), \
                     and the next casebook command finishes that once there is room"
                )),
            },
        }
    }

    /// Orders a large write so that `commit` needs no copy of its public
    /// part: the private entries (committed to their own repository) last.
    pub fn private_last(changes: &mut [Change]) {
        changes.sort_by_key(|c| c.path().starts_with(PRIVATE_PREFIX));
    }

    fn commit_locked(
        &self,
        changes: &[Change],
        message: &str,
        beside: Option<Beside<'_>>,
    ) -> Result<CommitInfo> {
        let is_private = |c: &&Change| c.path().starts_with(PRIVATE_PREFIX);
        let mut info = None;
        if changes.iter().any(|c| is_private(&c)) {
            let repo = self.private_repo_or_create()?;
            let inner: Vec<Change> = changes
                .iter()
                .filter(is_private)
                .cloned()
                .map(|c| c.strip_prefix(PRIVATE_PREFIX))
                .collect();
            info = Some(git::apply_and_commit(
                &repo,
                &self.root.join(PRIVATE_DIR),
                &inner,
                message,
                None,
            )?);
        }
        if changes.iter().any(|c| !is_private(&c)) {
            // Most writes have no private part, and a large one puts it last
            // (`private_last`): the public part is then committed as the
            // slice it is, without copying an import's bytes.
            let public: Vec<Change>;
            let first_private = changes.iter().position(|c| is_private(&c));
            let first_private = first_private.unwrap_or(changes.len());
            let public: &[Change] = if changes[first_private..].iter().all(|c| is_private(&c)) {
                &changes[..first_private]
            } else {
                public = changes.iter().filter(|c| !is_private(c)).cloned().collect();
                &public
            };
            info = Some(git::apply_and_commit(
                &self.repo, &self.root, public, message, beside,
            )?);
            // A bulk write's caller runs it when its own work is done, so
            // git's background repack does not compete with it.
            if public.len() <= BULK_WRITE {
                self.housekeeping();
            }
        }
        info.context("nothing to commit")
    }

    /// The conflict copies `sync` kept and nobody has merged and removed
    /// yet, from git's index (the list `status` already reads for its
    /// uncommitted files): no file is opened.
    pub fn conflict_copies(&self) -> Vec<String> {
        let Ok(index) = self.repo.index() else {
            return Vec::new();
        };
        index
            .iter()
            .filter_map(|e| String::from_utf8(e.path).ok())
            .filter(|p| is_conflict_copy(p))
            .collect()
    }

    /// Files under `people/` and `private/` that differ from HEAD or are
    /// not committed at all (hand edits, files copied in).
    pub fn uncommitted_entry_files(&self) -> Vec<String> {
        self.repo
            .statuses(Some(
                git2::StatusOptions::new()
                    .include_untracked(true)
                    .pathspec("people")
                    .pathspec("private"),
            ))
            .map(|s| {
                s.iter()
                    .filter_map(|e| e.path().ok().map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    }

    pub fn head(&self) -> Option<git2::Oid> {
        self.repo.head().ok().and_then(|h| h.target())
    }

    /// When HEAD was committed, in seconds since the epoch.
    pub fn head_time(&self) -> Option<i64> {
        let commit = self.repo.head().ok()?.peel_to_commit().ok()?;
        Some(commit.time().seconds())
    }

    /// libgit2 never packs or prunes, so loose objects pile up with every
    /// commit. Git's own heuristic (more than ~27 loose objects in
    /// `objects/17`, about 6,700 in all) starts the user's `git gc --auto`
    /// in the background, which honours `gc.auto` and takes its own lock.
    pub fn housekeeping(&self) {
        let bucket = self.repo.path().join("objects").join("17");
        let loose = std::fs::read_dir(&bucket).map(|d| d.count()).unwrap_or(0);
        if loose > 27 {
            let _ = git_command()
                .arg("-C")
                .arg(&self.root)
                .args(["gc", "--auto", "--quiet"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
        }
    }

    /// The private repository's HEAD, if there is one.
    pub fn private_head(&self) -> Option<git2::Oid> {
        self.private_repo()?.head().ok().and_then(|h| h.target())
    }

    pub fn history(&self, path: Option<&str>, limit: usize) -> Result<Vec<HistoryItem>> {
        match path.and_then(|p| p.strip_prefix(PRIVATE_PREFIX)) {
            Some(inner) => match self.private_repo() {
                Some(repo) => git::history(&repo, Some(inner), limit),
                None => Ok(Vec::new()),
            },
            None => git::history(&self.repo, path, limit),
        }
    }

    pub(crate) fn private_repo(&self) -> Option<git2::Repository> {
        let dir = self.root.join(PRIVATE_DIR);
        dir.join(".git")
            .exists()
            .then(|| git2::Repository::open(&dir).ok())
            .flatten()
    }

    fn private_repo_or_create(&self) -> Result<git2::Repository> {
        if let Some(repo) = self.private_repo() {
            return Ok(repo);
        }
        // Keep the folder out of the journal's own commits even where the
        // journal's .gitignore was edited: .git/info/exclude is local.
        let exclude = self.repo.path().join("info").join("exclude");
        let current = std::fs::read_to_string(&exclude).unwrap_or_default();
        if !current.lines().any(|l| l.trim() == "/private/") {
            std::fs::create_dir_all(exclude.parent().unwrap_or(self.repo.path()))?;
            std::fs::write(
                &exclude,
                format!(
                    "{current}\n# casebook: private entries live in their own repository\n/private/\n"
                ),
            )?;
        }
        let dir = self.root.join(PRIVATE_DIR);
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main");
        git2::Repository::init_opts(&dir, &opts)
            .with_context(|| format!("cannot create the private repository in {}", dir.display()))
    }

    /// What reverting casebook's latest write not yet undone changes (its
    /// message carries the `Casebook-Op` trailer), its subject and commit. The
    /// revert itself is a write through the pipeline like any other.
    pub fn undo_changes(&self) -> Result<(Vec<Change>, String, git2::Oid)> {
        git::undo_changes(&self.repo)
    }
}

fn collect_template(dir: &Dir<'_>, out: &mut Vec<Change>) {
    for file in dir.files() {
        out.push(Change::Write {
            path: file.path().to_string_lossy().replace('\\', "/"),
            content: file.contents().to_vec(),
        });
    }
    for sub in dir.dirs() {
        collect_template(sub, out);
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// then renames it into place: readers see the old file or the new one,
/// never half of one.
/// The user's own `git` (their credentials, ssh setup and config), with the
/// repository's hooks switched off: nothing in a journal is ever executed,
/// and a hook planted in a clone must not run when casebook syncs.
pub fn git_command() -> std::process::Command {
    let mut c = std::process::Command::new("git");
    c.args(["-c", "core.hooksPath=/dev/null"])
        .env("GIT_TERMINAL_PROMPT", "0");
    c
}

/// Writes `bytes` to `path` (no temporary file) and makes them durable.
pub(crate) fn write_plain(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f =
        std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_data())
        .with_context(|| format!("cannot write {}", path.display()))
}

pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, bytes, true)
}

pub(crate) fn write_file(path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    write_file_in(&mut Folders::default(), path, bytes, durable)
}

/// The folders one write has made or found, so that a bulk write asks the
/// file system about each folder once rather than once per file.
#[derive(Default)]
pub(crate) struct Folders(std::collections::HashSet<PathBuf>);

impl Folders {
    fn ensure(&mut self, dir: &Path) -> Result<()> {
        if !self.0.contains(dir) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            self.0.insert(dir.to_path_buf());
        }
        Ok(())
    }
}

/// Tests of a full disk: in debug builds, `CASEBOOK_TEST_ENOSPC=TEXT` makes
/// every atomic write of a path containing TEXT fail as a full disk does.
fn injected_failure(path: &Path) -> Result<()> {
    if cfg!(debug_assertions)
        && let Ok(text) = std::env::var("CASEBOOK_TEST_ENOSPC")
        && !text.is_empty()
        && path.to_string_lossy().contains(&text)
    {
        return Err(std::io::Error::from_raw_os_error(28))
            .with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// `write_file`, with the folders already made in this write.
pub(crate) fn write_file_in(
    folders: &mut Folders,
    path: &Path,
    bytes: &[u8],
    durable: bool,
) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    folders.ensure(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".casebook-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    injected_failure(path)?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    // Temporary files are created private (0600); the file they become
    // should have the ordinary mode an editor would give it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    if durable {
        tmp.as_file().sync_data()?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

impl Journal {
    /// The kind's template: the journal's own `templates/<kind>.md`, else
    /// the built-in one, else an empty front matter.
    pub fn template(&self, kind: crate::entry::Kind) -> String {
        let rel = format!("templates/{}.md", kind.as_str());
        std::fs::read_to_string(self.abs(&rel))
            .ok()
            .or_else(|| {
                TEMPLATE
                    .get_file(&rel)
                    .and_then(|f| f.contents_utf8())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "+++\n+++\n".to_string())
    }

    /// The text of `skills.toml` (the journal's, else the built-in one).
    pub fn skills_text(&self) -> String {
        self.root_file_or_builtin("skills.toml")
    }

    /// The text of `ladder.toml` (the journal's, else the built-in one).
    pub fn ladder_text(&self) -> String {
        self.root_file_or_builtin("ladder.toml")
    }

    fn root_file_or_builtin(&self, name: &str) -> String {
        std::fs::read_to_string(self.abs(name))
            .ok()
            .or_else(|| {
                TEMPLATE
                    .get_file(name)
                    .and_then(|f| f.contents_utf8())
                    .map(str::to_string)
            })
            .unwrap_or_default()
    }

    /// Skill ids of the journal's skills tree, in file order.
    pub fn skill_ids(&self) -> Vec<String> {
        let ids_of = |text: &str| -> Vec<String> {
            let table: toml::Table = toml::from_str(text).unwrap_or_default();
            table
                .get("skill")
                .and_then(|s| s.as_array())
                .map(|skills| {
                    skills
                        .iter()
                        .filter_map(|s| s.get("id").and_then(|i| i.as_str()).map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut ids = ids_of(&self.skills_text());
        // Personal skills are valid ids too: anyone may write evidence for
        // a colleague's seeded skill (feedback, a lead's rating).
        if let Ok(people) = std::fs::read_dir(self.abs("people")) {
            for p in people.flatten() {
                if let Ok(text) = std::fs::read_to_string(p.path().join(PERSONAL_SKILLS)) {
                    for id in ids_of(&text) {
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
            }
        }
        ids
    }

    /// Where a person's own skills live: beside their entries, shared.
    pub fn personal_skills_path(&self, person: &str) -> String {
        format!("people/{person}/{PERSONAL_SKILLS}")
    }

    /// The journal's skills tree followed by the person's own skills.
    pub fn skills_text_for(&self, person: &str) -> String {
        let mut text = self.skills_text();
        if let Ok(own) = std::fs::read_to_string(self.abs(&self.personal_skills_path(person))) {
            text.push('\n');
            text.push_str(&own);
        }
        text
    }

    /// The seeded trees a person can start from: `trees/<track>.toml` of the
    /// journal, else the built-in ones.
    pub fn seeded_trees(&self) -> Vec<(String, String)> {
        let mut trees: Vec<(String, String)> = Vec::new();
        if let Ok(dir) = std::fs::read_dir(self.abs("trees")) {
            for f in dir.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if let (Some(track), Ok(text)) = (
                    name.strip_suffix(".toml"),
                    std::fs::read_to_string(f.path()),
                ) {
                    trees.push((track.to_string(), text));
                }
            }
        }
        if let Some(dir) = TEMPLATE.get_dir("trees") {
            for f in dir.files() {
                let name = f
                    .path()
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                if let (Some(track), Some(text)) = (name.strip_suffix(".toml"), f.contents_utf8())
                    && !trees.iter().any(|(t, _)| t == track)
                {
                    trees.push((track.to_string(), text.to_string()));
                }
            }
        }
        trees.sort();
        trees
    }

    /// The blob id the file on disk would have, to spot uncommitted edits.
    pub fn worktree_blob(&self, rel: &str) -> Option<git2::Oid> {
        std::fs::read(self.abs(rel)).ok().map(|b| blob_oid(&b))
    }
}

/// The id git gives `bytes` as a blob, for telling whether a file holds a
/// committed blob. Plain SHA-1 on the CPU's SHA instructions: libgit2's
/// hash also detects collision attacks, which makes it several times
/// slower and matters only when writing objects (where it is still used).
pub fn blob_oid(bytes: &[u8]) -> git2::Oid {
    use sha1::{Digest, Sha1};
    let mut hash = Sha1::new();
    hash.update(format!("blob {}\0", bytes.len()));
    hash.update(bytes);
    git2::Oid::from_bytes(&hash.finalize()).expect("a SHA-1 is 20 bytes")
}

#[cfg(test)]
mod blob_tests {
    #[test]
    fn blob_oid_is_gits() {
        for bytes in [&b""[..], b"+++\nid = \"x\"\n+++\nbody\n", &[0xff; 5000]] {
            let git = git2::Oid::hash_object(git2::ObjectType::Blob, bytes).unwrap();
            assert_eq!(super::blob_oid(bytes), git);
        }
    }
}

#[cfg(test)]
mod beside_tests {
    use super::{Change, Journal};

    #[test]
    fn work_beside_gets_the_new_commit_before_head_moves_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::init(&dir.path().join("journal"), None).unwrap();
        let parent = journal.head().expect("init commits");
        let reopen = journal.reopen();
        let mut seen = None;
        let info = journal
            .commit_beside(
                &[Change::Write {
                    path: "people/ana-lima/2026/11/note.md".into(),
                    content: b"+++\nkind = \"note\"\n+++\nbody\n".to_vec(),
                }],
                "note: beside",
                Some(&mut |commit| {
                    // Seen from a second handle, as the search index sees it.
                    let second = reopen.clone().open().unwrap();
                    let stored = second.repo.find_commit(commit).unwrap();
                    seen = Some((commit, second.head(), stored.parent_id(0).unwrap()));
                }),
            )
            .unwrap();
        let (commit, head_then, its_parent) = seen.expect("the fast path ran the work beside");
        assert_eq!(commit, info.oid);
        assert_eq!(head_then, Some(parent), "HEAD moved before the work ran");
        assert_eq!(its_parent, parent);
        assert_eq!(journal.head(), Some(commit));
    }

    #[test]
    fn the_general_path_never_runs_the_work_beside() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::init(&dir.path().join("journal"), None).unwrap();
        // Something staged by hand makes the index differ from HEAD.
        std::fs::write(journal.root().join("by-hand.txt"), "staged\n").unwrap();
        let mut index = journal.repo.index().unwrap();
        index.add_path(std::path::Path::new("by-hand.txt")).unwrap();
        index.write().unwrap();
        let mut ran = false;
        journal
            .commit_beside(
                &[Change::Write {
                    path: "people/ana-lima/2026/11/note.md".into(),
                    content: b"+++\nkind = \"note\"\n+++\nbody\n".to_vec(),
                }],
                "note: general",
                Some(&mut |_| ran = true),
            )
            .unwrap();
        assert!(!ran);
        assert!(journal.head().is_some());
    }
}
