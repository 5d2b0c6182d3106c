//! Crash safety for commits. A write puts its files in the work tree, stages
//! them and moves HEAD; a process killed between the first file and the ref
//! update would leave entries on disk that no commit holds (half an import,
//! say). So every commit first records what it is about to touch, and the
//! next casebook command that finds such a record rolls the unfinished write
//! back to HEAD, all or nothing, keeping any text it removes as a draft.
//!
//! What a killed write can leave, and what recovery does about each: files
//! of the write in the work tree (put back as HEAD has them), its staged
//! side in git's index (reset to HEAD for those paths, whether or not HEAD
//! moved), the temporary files of an atomic write in the folders the record
//! names and the record's own (removed), and git's lock files the record
//! names (removed only when they are younger than the record: an older one
//! belongs to a git command of the user's). The record is only trusted
//! under the journal's write lock, an OS lock that a killed process has
//! released, so its writer is known to be gone.

use super::{Change, Journal, PRIVATE_DIR, PRIVATE_PREFIX, lock::JournalLock, write_file};
use anyhow::{Context, Result};
use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const INTENT: &str = "write-intent.json";
/// The record is written here first, then renamed: a fixed name, so a kill
/// while writing it leaves one known file rather than a new temporary one.
const INTENT_TMP: &str = "write-intent.json.tmp";

/// Texts of an interrupted write are kept as drafts only for small writes;
/// an interrupted import still has its source file.
const KEEP_AT_MOST: usize = 64;

#[derive(Serialize, Deserialize)]
struct Intent {
    /// The command writing (`write`, `sync`), for the user's line.
    #[serde(default)]
    op: Option<String>,
    /// The process that wrote the record.
    #[serde(default)]
    pid: Option<u32>,
    head: Option<String>,
    private_head: Option<String>,
    paths: Vec<String>,
    /// Git's lock files the write may take (`.git/index.lock`, the branch's).
    #[serde(default)]
    locks: Option<Vec<String>>,
}

/// What a recovery did, for the one line the user sees.
pub struct Recovered {
    pub files: usize,
    pub kept_in: Option<PathBuf>,
}

impl Journal {
    fn intent_path(&self) -> PathBuf {
        self.state_dir().join(INTENT)
    }

    /// Records the write about to happen, durably, before any file moves.
    pub(super) fn begin_write(&self, changes: &[Change]) -> Result<()> {
        self.begin_op("write", changes.iter().map(Change::path))
    }

    /// `begin_write` for any operation that touches `paths` of the work
    /// tree and git's index (a sync's checkout). The caller holds the lock.
    pub(super) fn begin_op<'a>(
        &self,
        op: &str,
        paths: impl Iterator<Item = &'a str>,
    ) -> Result<()> {
        let mut locks = vec![".git/index.lock".to_string()];
        if let Ok(head) = self.repo.find_reference("HEAD")
            && let Ok(Some(branch)) = head.symbolic_target()
        {
            locks.push(format!(".git/{branch}.lock"));
        }
        let intent = Intent {
            op: Some(op.to_string()),
            pid: Some(std::process::id()),
            head: self.head().map(|o| o.to_string()),
            private_head: self.private_head().map(|o| o.to_string()),
            paths: paths.map(str::to_string).collect(),
            locks: Some(locks),
        };
        let json = serde_json::to_vec(&intent)?;
        let dir = self.state_dir();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let tmp = dir.join(INTENT_TMP);
        super::write_plain(&tmp, &json)
            .and_then(|()| {
                std::fs::rename(&tmp, self.intent_path())
                    .with_context(|| format!("cannot write {}", self.intent_path().display()))
            })
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })
    }

    pub(super) fn end_write(&self) {
        let _ = std::fs::remove_file(self.intent_path());
    }

    /// On open: if a write was interrupted and no writer is running now,
    /// roll it back. Costs two `stat`s when nothing happened.
    pub(super) fn recover_if_interrupted(&self) {
        let dir = self.state_dir();
        if !self.intent_path().exists() && !dir.join(INTENT_TMP).exists() {
            return;
        }
        // A read-only journal cannot be repaired here; reading goes on.
        if dir.metadata().is_ok_and(|m| m.permissions().readonly()) {
            return;
        }
        let Ok(Some(_lock)) = JournalLock::try_acquire(&self.state_dir()) else {
            return; // a live writer holds the lock; its record is not stale
        };
        if let Ok(Some(r)) = self.recover() {
            self.notify(&describe(&r));
        }
    }

    /// Rolls back an interrupted write. The caller holds the write lock.
    pub(super) fn recover(&self) -> Result<Option<Recovered>> {
        let path = self.intent_path();
        let _ = std::fs::remove_file(self.state_dir().join(INTENT_TMP));
        let Ok(bytes) = std::fs::read(&path) else {
            return Ok(None);
        };
        let begun = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let Ok(intent) = serde_json::from_slice::<Intent>(&bytes) else {
            // Killed while writing the record itself: nothing else moved.
            let _ = std::fs::remove_file(&path);
            return Ok(None);
        };
        let (private, public): (Vec<&String>, Vec<&String>) = intent
            .paths
            .iter()
            .partition(|p| p.starts_with(PRIVATE_PREFIX));
        let keep = (intent.paths.len() <= KEEP_AT_MOST).then(|| {
            self.drafts_dir().join(format!(
                "interrupted-{}",
                crate::clock::now().format("%Y%m%d-%H%M%S")
            ))
        });
        // A record older than named locks (before `locks` was written)
        // names git's usual two.
        let named: Option<Vec<PathBuf>> = intent.locks.as_ref().map(|locks| {
            locks
                .iter()
                .filter_map(|l| l.strip_prefix(".git/"))
                .map(|l| self.repo.path().join(l))
                .collect()
        });
        remove_temporary_files(&self.root, &intent.paths);
        let forward = intent.op.as_deref() == Some("purge");
        let mut files = 0;
        files += roll_back(
            &self.repo,
            &self.root,
            parse_oid(&intent.head),
            &public.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            keep.as_deref(),
            begun,
            named.as_deref(),
            forward,
        )?;
        if !private.is_empty()
            && let Some(repo) = self.private_repo()
        {
            let inner: Vec<&str> = private
                .iter()
                .map(|p| p.strip_prefix(PRIVATE_PREFIX).unwrap_or(p))
                .collect();
            files += roll_back(
                &repo,
                &self.root.join(PRIVATE_DIR),
                parse_oid(&intent.private_head),
                &inner,
                keep.as_deref(),
                begun,
                None,
                forward,
            )?;
        }
        std::fs::remove_file(&path).ok();
        Ok((files > 0).then(|| Recovered {
            files,
            kept_in: keep.filter(|k| k.exists()),
        }))
    }
}

fn parse_oid(s: &Option<String>) -> Option<Oid> {
    s.as_deref().and_then(|s| Oid::from_str(s).ok())
}

/// Puts `paths` back as HEAD has them, if HEAD did not move (if it did, the
/// commit landed and the files on disk are what it holds).
/// Removes what a killed atomic write leaves (`.casebook-*.tmp`) in the
/// folders of the write's paths: only there, so a temporary file of some
/// other live process elsewhere is never touched.
fn remove_temporary_files(root: &Path, paths: &[String]) {
    let mut dirs: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| Path::new(p).parent().map(|d| root.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".casebook-") && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Puts `paths` back as HEAD has them, if HEAD did not move (if it did, the
/// commit landed and the files on disk are what it holds; git's index is
/// then brought to HEAD for those paths, in case the kill came between
/// moving HEAD and writing the index). With `forward` (a history rewrite,
/// which moves HEAD before it checks the new tree out), a HEAD that moved
/// is finished instead: the files too are made what HEAD holds.
#[allow(clippy::too_many_arguments)] // one call per repository, all named
fn roll_back(
    repo: &Repository,
    root: &Path,
    recorded: Option<Oid>,
    paths: &[&str],
    keep: Option<&Path>,
    begun: Option<std::time::SystemTime>,
    named: Option<&[PathBuf]>,
    forward: bool,
) -> Result<usize> {
    let head = repo.head().ok().and_then(|h| h.target());
    // The lock file of a git index write killed halfway is ours if the
    // record names it and it is younger than the record; an older one
    // belongs to a git command of the user's and is left alone. The same
    // goes for the branch's lock, left by a kill in the middle of moving
    // HEAD.
    let mut locks = vec![repo.path().join("index.lock")];
    if let Ok(head) = repo.find_reference("HEAD")
        && let Ok(Some(branch)) = head.symbolic_target()
    {
        locks.push(repo.path().join(format!("{branch}.lock")));
    }
    if let Some(named) = named {
        locks.retain(|l| named.contains(l));
    }
    for lock in locks {
        let lock_time = std::fs::metadata(&lock).and_then(|m| m.modified()).ok();
        if let (Some(lock_time), Some(begun)) = (lock_time, begun)
            && lock_time >= begun
        {
            let _ = std::fs::remove_file(&lock);
        }
    }
    let landed = head != recorded;
    if landed && !forward {
        if let Some(oid) = head
            && !paths.is_empty()
        {
            let commit = repo.find_commit(oid)?;
            repo.reset_default(Some(commit.as_object()), paths.iter().copied())?;
        }
        return Ok(0);
    }
    let tree = match head {
        Some(oid) => Some(repo.find_commit(oid)?.tree()?),
        None => None,
    };
    let mut restored = 0;
    let mut index = repo.index()?;
    for rel in paths {
        let abs = root.join(rel);
        let committed = tree
            .as_ref()
            .and_then(|t| t.get_path(Path::new(rel)).ok())
            .and_then(|e| repo.find_blob(e.id()).ok().map(|b| b.content().to_vec()));
        let on_disk = std::fs::read(&abs).ok();
        if on_disk == committed {
            continue;
        }
        // A finished rewrite keeps nothing: what it removed was meant to go.
        if let (false, Some(dir), Some(text)) = (landed, keep, &on_disk) {
            // Keeping the text is worth trying, but a full disk must not
            // stop the roll-back half way: the journal comes first.
            let name = Path::new(rel).file_name().unwrap_or_default();
            let _ =
                std::fs::create_dir_all(dir).and_then(|()| std::fs::write(dir.join(name), text));
        }
        match &committed {
            Some(bytes) => write_file(&abs, bytes, true)?,
            None => {
                if on_disk.is_some() {
                    std::fs::remove_file(&abs)
                        .with_context(|| format!("cannot remove {}", abs.display()))?;
                }
            }
        }
        if !landed {
            restored += 1;
        }
    }
    // The staged side too, so `git status` shows a clean journal.
    match &tree {
        Some(_) => {
            let commit = repo.find_commit(head.expect("tree implies head"))?;
            repo.reset_default(Some(commit.as_object()), paths.iter().copied())?;
        }
        None => {
            for rel in paths {
                let _ = index.remove_path(Path::new(rel));
            }
            index.write()?;
        }
    }
    Ok(restored)
}

/// The one line the user must see: an interrupted write was undone, and
/// where its text went.
pub(super) fn describe(r: &Recovered) -> String {
    match &r.kept_in {
        Some(dir) => format!(
            "casebook: an interrupted write was rolled back ({} file(s)); its text is kept in {} (casebook drafts lists it)",
            r.files,
            dir.display()
        ),
        None => format!(
            "casebook: an interrupted write was rolled back ({} file(s)); run the command again",
            r.files
        ),
    }
}
