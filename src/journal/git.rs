//! Commits, history and tree diffs with libgit2.
//!
//! Tree diffs are written here rather than taken from libgit2, whose
//! tree-to-tree diff walks every subtree: ours skips any subtree whose id did
//! not change, so its cost follows what changed, not the journal's size.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, TimeZone};
use git2::{ErrorCode, ObjectType, Oid, Repository, Signature, Tree};
use std::path::Path;

/// Marks commits casebook made, so `undo` never reverts someone's own work.
pub const TRAILER: &str = "Casebook-Op";

#[derive(Debug, Clone)]
pub enum Change {
    Write { path: String, content: Vec<u8> },
    Remove { path: String },
}

impl Change {
    pub fn path(&self) -> &str {
        match self {
            Change::Write { path, .. } | Change::Remove { path } => path,
        }
    }

    pub(super) fn strip_prefix(self, prefix: &str) -> Change {
        match self {
            Change::Write { path, content } => Change::Write {
                path: path.strip_prefix(prefix).unwrap_or(&path).to_string(),
                content,
            },
            Change::Remove { path } => Change::Remove {
                path: path.strip_prefix(prefix).unwrap_or(&path).to_string(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct CommitInfo {
    pub oid: Oid,
}

impl CommitInfo {
    pub fn short(&self) -> String {
        self.oid.to_string()[..10].to_string()
    }
}

#[derive(Debug, Clone)]
pub struct HistoryItem {
    pub oid: Oid,
    pub summary: String,
    pub author: String,
    pub email: String,
    pub time: DateTime<FixedOffset>,
}

/// One file that differs between two commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathChange {
    pub path: String,
    pub old: Option<Oid>,
    pub new: Option<Oid>,
}

pub(super) fn apply_and_commit(
    repo: &Repository,
    root: &Path,
    changes: &[Change],
    message: &str,
    beside: Option<super::Beside<'_>>,
) -> Result<CommitInfo> {
    if repo.state() != git2::RepositoryState::Clean {
        bail!(
            "a git merge or rebase is in progress in {}; finish it with git first",
            root.display()
        );
    }
    // Each file is still replaced atomically, but a bulk import skips the
    // per-file fsync: it would cost minutes, and git holds the content.
    let durable = changes.len() <= super::BULK_WRITE;
    let mut folders = super::Folders::default();
    for change in changes {
        match change {
            Change::Write { path, content } => {
                super::write_file_in(&mut folders, &root.join(path), content, durable)?
            }
            Change::Remove { path } => match std::fs::remove_file(root.join(path)) {
                Ok(()) => remove_empty_parents(root, path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("cannot remove {path}")),
            },
        }
    }
    let sig = signature(repo)?;
    let message = format!("{message}\n\n{TRAILER}: {}\n", op_name(message));
    if let Some(info) = super::splice::commit(repo, root, changes, &message, &sig, beside)? {
        return Ok(info);
    }
    let bulk = if changes.len() > super::BULK_WRITE {
        super::bulk::stage(repo, root, changes)?
    } else {
        None
    };
    let tree = match bulk {
        Some(oid) => {
            // The pack was written through another handle.
            repo.odb()?.refresh()?;
            repo.find_tree(oid)?
        }
        None => stage_with_libgit2(repo, changes)?,
    };
    // HEAD moves only if it still points at the parent we read (a
    // compare-and-swap); plain git committing meanwhile makes us retry, and
    // so does a ref lock held for a moment by a background `git gc`.
    for attempt in 0..40 {
        let parent = match repo.head() {
            Ok(head) => Some(head.peel_to_commit()?),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        match repo.commit(Some("HEAD"), &sig, &sig, &message, &tree, &parents) {
            Ok(oid) => return Ok(CommitInfo { oid }),
            Err(e) if e.code() == ErrorCode::Modified && attempt < 5 => continue,
            Err(e) if e.code() == ErrorCode::Locked && attempt < 39 => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                continue;
            }
            Err(e) => return Err(locked_hint(e)),
        }
    }
    bail!("the branch kept moving while casebook tried to commit; try again")
}

/// Stages `changes` the way `git add` does (reading each file back, with
/// its attributes and filters) and returns the tree to commit.
fn stage_with_libgit2<'r>(repo: &'r Repository, changes: &[Change]) -> Result<Tree<'r>> {
    let mut index = repo.index().map_err(unreadable_index)?;
    for change in changes {
        match change {
            Change::Write { path, .. } => index
                .add_path(Path::new(path))
                .with_context(|| format!("cannot stage {path}"))?,
            Change::Remove { path } => {
                index.remove_path(Path::new(path)).ok();
            }
        }
    }
    // Tree first: it fills the index's cached-tree extension, and writing
    // the index after keeps that cache, so the next commit reuses every
    // unchanged folder instead of re-reading the whole tree.
    let staged = index.write_tree()?;
    let tree = own_change_only(repo, &index, changes, staged)?;
    index.write().map_err(locked_hint)?;
    Ok(repo.find_tree(tree)?)
}

/// A commit holds only its own change: the tree is HEAD's with `changes`
/// applied, whatever else is staged (a file the user staged by hand, or
/// what some other interrupted program left). Usually that is the staged
/// tree itself, which is then used as it is.
fn own_change_only(
    repo: &Repository,
    index: &git2::Index,
    changes: &[Change],
    staged: Oid,
) -> Result<Oid> {
    let Some(base) = repo.head().ok().and_then(|h| h.peel_to_tree().ok()) else {
        return Ok(staged);
    };
    let mut update = git2::build::TreeUpdateBuilder::new();
    for change in changes {
        match change {
            Change::Write { path, .. } => {
                let entry = index
                    .get_path(Path::new(path), 0)
                    .with_context(|| format!("cannot stage {path}"))?;
                let mode = match entry.mode {
                    0o100755 => git2::FileMode::BlobExecutable,
                    0o120000 => git2::FileMode::Link,
                    _ => git2::FileMode::Blob,
                };
                update.upsert(path.as_str(), entry.id, mode);
            }
            Change::Remove { path } => {
                update.remove(path.as_str());
            }
        }
    }
    Ok(update.create_updated(repo, &base)?)
}

fn op_name(message: &str) -> &str {
    message.split(':').next().unwrap_or("write").trim()
}

/// libgit2 describes a damaged `.git/index` in its own terms (an empty one
/// "no longer exists"); say what it is and how to rebuild it.
pub(super) fn unreadable_index(e: git2::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "git's index (.git/index) cannot be read: {}; if plain git fails on it too, \
         `rm .git/index && git reset` rebuilds it from the last commit and leaves your files as they are",
        e.message()
    )
}

fn locked_hint(e: git2::Error) -> anyhow::Error {
    if e.code() == ErrorCode::Locked {
        anyhow::anyhow!(
            "git's index is locked ({}); if no git command is running, remove .git/index.lock",
            e.message()
        )
    } else {
        e.into()
    }
}

fn remove_empty_parents(root: &Path, rel: &str) {
    let mut dir = Path::new(rel).parent();
    while let Some(d) = dir {
        if d.as_os_str().is_empty() || std::fs::remove_dir(root.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn signature(repo: &Repository) -> Result<Signature<'static>> {
    let sig = repo
        .signature()
        .or_else(|_| Signature::now("casebook", "casebook@localhost"))?;
    let now = crate::clock::now();
    let time = git2::Time::new(now.timestamp(), now.offset().local_minus_utc() / 60);
    let name = sig.name().unwrap_or("casebook").to_string();
    let email = sig.email().unwrap_or("casebook@localhost").to_string();
    Ok(Signature::new(&name, &email, &time)?)
}

pub(super) fn history(
    repo: &Repository,
    path: Option<&str>,
    limit: usize,
) -> Result<Vec<HistoryItem>> {
    let mut walk = repo.revwalk()?;
    match walk.push_head() {
        Ok(()) => {}
        Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
            return Ok(Vec::new());
        }
        Err(e) => return Err(e.into()),
    }
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    let mut out = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        if let Some(path) = path {
            let here = blob_at(&commit.tree()?, path);
            let before = match commit.parent(0) {
                Ok(p) => blob_at(&p.tree()?, path),
                Err(_) => None,
            };
            if here == before {
                continue;
            }
        }
        let author = commit.author();
        let offset = FixedOffset::east_opt(author.when().offset_minutes() * 60)
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
        let time = offset
            .timestamp_opt(author.when().seconds(), 0)
            .single()
            .unwrap_or_default();
        out.push(HistoryItem {
            oid: commit.id(),
            summary: commit.summary().ok().flatten().unwrap_or("").to_string(),
            author: author.name().unwrap_or("").to_string(),
            email: author.email().unwrap_or("").to_string(),
            time,
        });
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

fn blob_at(tree: &Tree<'_>, path: &str) -> Option<Oid> {
    tree.get_path(Path::new(path)).ok().map(|e| e.id())
}

/// Files that differ between two trees, pruning unchanged subtrees.
pub fn diff_trees(
    repo: &Repository,
    old: Option<Oid>,
    new: Option<Oid>,
) -> Result<Vec<PathChange>> {
    let old = old.map(|o| repo.find_tree(o)).transpose()?;
    let new = new.map(|o| repo.find_tree(o)).transpose()?;
    let mut out = Vec::new();
    diff_rec(repo, old.as_ref(), new.as_ref(), "", &mut out)?;
    Ok(out)
}

fn diff_rec(
    repo: &Repository,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    prefix: &str,
    out: &mut Vec<PathChange>,
) -> Result<()> {
    use std::collections::BTreeMap;
    type Side = (Oid, Option<ObjectType>, i32);
    let mut names: BTreeMap<Vec<u8>, (Option<Side>, Option<Side>)> = BTreeMap::new();
    for entry in old.iter().flat_map(|t| t.iter()) {
        names.entry(entry.name_bytes().to_vec()).or_default().0 =
            Some((entry.id(), entry.kind(), entry.filemode()));
    }
    for entry in new.iter().flat_map(|t| t.iter()) {
        names.entry(entry.name_bytes().to_vec()).or_default().1 =
            Some((entry.id(), entry.kind(), entry.filemode()));
    }
    for (name, (a, b)) in names {
        if a == b {
            continue;
        }
        let name = String::from_utf8_lossy(&name);
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}/{name}")
        };
        let is_tree = |s: &Option<Side>| matches!(s, Some((_, Some(ObjectType::Tree), _)));
        let is_blob = |s: &Option<Side>| matches!(s, Some((_, Some(ObjectType::Blob), _)));
        if is_tree(&a) || is_tree(&b) {
            let ta = if is_tree(&a) {
                Some(repo.find_tree(a.expect("tree").0)?)
            } else {
                None
            };
            let tb = if is_tree(&b) {
                Some(repo.find_tree(b.expect("tree").0)?)
            } else {
                None
            };
            diff_rec(repo, ta.as_ref(), tb.as_ref(), &path, out)?;
        }
        let old_blob = if is_blob(&a) { a.map(|s| s.0) } else { None };
        let new_blob = if is_blob(&b) { b.map(|s| s.0) } else { None };
        if old_blob != new_blob {
            out.push(PathChange {
                path,
                old: old_blob,
                new: new_blob,
            });
        }
    }
    Ok(())
}

/// The changes that revert casebook's latest write not already undone, and
/// that write's subject. Undo steps back: after `undo` has reverted one
/// write, the next `undo` reverts the one before it (each `undo:` commit
/// cancels the newest write before it that no other undo cancelled).
pub(super) fn undo_changes(repo: &Repository) -> Result<(Vec<Change>, String, Oid)> {
    let head = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .context("the journal has no commits to undo")?;
    let op_of = |c: &git2::Commit| -> Option<String> {
        c.message().unwrap_or("").lines().find_map(|l| {
            l.strip_prefix(&format!("{TRAILER}:"))
                .map(|op| op.trim().to_string())
        })
    };
    let mut pending_undos = 0usize;
    let mut target = head.clone();
    loop {
        let Some(op) = op_of(&target) else {
            bail!(
                "the last write to undo ({}) was not made by casebook; undo only reverts casebook's own commits",
                target.summary().ok().flatten().unwrap_or("")
            );
        };
        if op == "undo" {
            pending_undos += 1;
        } else if pending_undos > 0 {
            pending_undos -= 1;
        } else {
            break;
        }
        target = target
            .parent(0)
            .context("there is nothing left to undo: every write before is undone")?;
    }
    let parent = target
        .parent(0)
        .context("the first commit of a journal cannot be undone")?;
    let changes = diff_trees(repo, Some(parent.tree_id()), Some(target.tree_id()))?;
    let head_tree = head.tree()?;
    let mut writes = Vec::new();
    for change in &changes {
        // A file changed again since that write: reverting it would lose
        // the later change.
        let now = head_tree
            .get_path(Path::new(&change.path))
            .ok()
            .map(|e| e.id());
        if now != change.new {
            bail!(
                "{} changed after \"{}\"; undo it by hand (casebook edit) so the later change is kept",
                change.path,
                target.summary().ok().flatten().unwrap_or("")
            );
        }
        match change.old {
            Some(oid) => writes.push(Change::Write {
                path: change.path.clone(),
                content: repo.find_blob(oid)?.content().to_vec(),
            }),
            None => writes.push(Change::Remove {
                path: change.path.clone(),
            }),
        }
    }
    let summary = target.summary().ok().flatten().unwrap_or("").to_string();
    Ok((writes, summary, target.id()))
}

impl super::Journal {
    /// Files that differ between two commits (either may be absent).
    pub fn changes_between(&self, old: Option<Oid>, new: Option<Oid>) -> Result<Vec<PathChange>> {
        let tree_of = |c: Option<Oid>| -> Result<Option<Oid>> {
            c.map(|c| Ok(self.repo().find_commit(c)?.tree_id()))
                .transpose()
        };
        diff_trees(self.repo(), tree_of(old)?, tree_of(new)?)
    }

    /// Files that differ between two commits of the private repository,
    /// with paths as seen from the journal (`private/...`).
    pub fn private_changes_between(
        &self,
        old: Option<Oid>,
        new: Option<Oid>,
    ) -> Result<Vec<PathChange>> {
        let Some(repo) = self.private_repo() else {
            return Ok(Vec::new());
        };
        let tree_of = |c: Option<Oid>| -> Result<Option<Oid>> {
            c.map(|c| Ok(repo.find_commit(c)?.tree_id())).transpose()
        };
        let mut changes = diff_trees(&repo, tree_of(old)?, tree_of(new)?)?;
        for c in &mut changes {
            c.path = format!("private/{}", c.path);
        }
        Ok(changes)
    }

    /// A blob's bytes, from the private repository for `private/` paths.
    pub fn read_blob(&self, path: &str, oid: Oid) -> Result<Vec<u8>> {
        if path.starts_with("private/")
            && let Some(repo) = self.private_repo()
            && let Ok(blob) = repo.find_blob(oid)
        {
            return Ok(blob.content().to_vec());
        }
        Ok(self.repo().find_blob(oid)?.content().to_vec())
    }

    /// Every version of every entry file ever committed, once per blob, with
    /// the commit that introduced it (for `check --pii --history`).
    /// Streamed: a long history does not have to fit in memory.
    pub fn each_historic_blob(&self, mut visit: impl FnMut(HistoricBlob)) -> Result<()> {
        historic(self.repo(), "", &mut visit)?;
        if let Some(private) = self.private_repo() {
            historic(&private, "private/", &mut visit)?;
        }
        Ok(())
    }

    /// Every commit's message, newest first, with its id (for `check --pii
    /// --history`: a subject is in every clone as surely as a file is).
    pub fn each_commit_message(&self, mut visit: impl FnMut(Oid, &str)) -> Result<()> {
        let private = self.private_repo();
        for repo in [Some(self.repo()), private.as_ref()].into_iter().flatten() {
            let Ok(head) = repo.head() else { continue };
            let Some(tip) = head.target() else { continue };
            let mut walk = repo.revwalk()?;
            walk.push(tip)?;
            for oid in walk {
                let oid = oid?;
                let commit = repo.find_commit(oid)?;
                visit(oid, commit.message().unwrap_or(""));
            }
        }
        Ok(())
    }

    /// A file's text as last committed, if it was, from the private
    /// repository for `private/` paths.
    pub fn committed_text(&self, path: &str) -> Option<String> {
        fn text(repo: &Repository, inner: &str) -> Option<String> {
            let tree = repo.head().ok()?.peel_to_tree().ok()?;
            let entry = tree.get_path(Path::new(inner)).ok()?;
            let blob = repo.find_blob(entry.id()).ok()?;
            Some(String::from_utf8_lossy(blob.content()).into_owned())
        }
        match path.strip_prefix("private/") {
            Some(inner) => text(&self.private_repo()?, inner),
            None => text(self.repo(), path),
        }
    }

    /// Every entry of the private repository at `commit` (none at `None`).
    pub fn private_entry_blobs_at(&self, commit: Option<Oid>) -> Result<Vec<(String, Oid)>> {
        let (Some(repo), Some(commit)) = (self.private_repo(), commit) else {
            return Ok(Vec::new());
        };
        let tree = repo.find_commit(commit)?.tree()?;
        let mut out = Vec::new();
        walk_blobs(&repo, &tree, "private", &mut out)?;
        Ok(out)
    }

    /// `parent_of` in the private repository.
    pub fn private_parent_of(&self, commit: Oid) -> Result<Option<Oid>> {
        let repo = self.private_repo().context("no private repository")?;
        Ok(repo.find_commit(commit)?.parent_ids().next())
    }

    pub fn private_commit_exists(&self, oid: Oid) -> bool {
        self.private_repo()
            .is_some_and(|r| r.find_commit(oid).is_ok())
    }

    pub fn commit_exists(&self, oid: Oid) -> bool {
        self.repo().find_commit(oid).is_ok()
    }

    /// The first parent of `commit` (`None` for a root commit), or an
    /// error if there is no such commit.
    pub fn parent_of(&self, commit: Oid) -> Result<Option<Oid>> {
        Ok(self.repo().find_commit(commit)?.parent_ids().next())
    }

    /// Every entry file at a commit, with its blob id (for full rebuilds).
    pub fn entry_blobs(&self, commit: Oid) -> Result<Vec<(String, Oid)>> {
        let tree = self.repo().find_commit(commit)?.tree()?;
        let mut out = Vec::new();
        for top in ["people", "private"] {
            let Ok(entry) = tree.get_path(Path::new(top)) else {
                continue;
            };
            let sub = self.repo().find_tree(entry.id())?;
            walk_blobs(self.repo(), &sub, top, &mut out)?;
        }
        Ok(out)
    }
}

/// One stored version of an entry file.
pub struct HistoricBlob {
    pub commit: Oid,
    pub path: String,
    pub blob: Oid,
    pub text: String,
}

fn historic(repo: &Repository, prefix: &str, visit: &mut dyn FnMut(HistoricBlob)) -> Result<()> {
    let mut walk = repo.revwalk()?;
    if walk.push_head().is_err() {
        return Ok(());
    }
    // Oldest first, so each blob is attributed to the commit that added it.
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    let mut seen = std::collections::HashSet::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        let parent_tree = commit.parent(0).ok().map(|p| p.tree_id());
        for change in diff_trees(repo, parent_tree, Some(commit.tree_id()))? {
            let Some(blob) = change.new else { continue };
            let path = format!("{prefix}{}", change.path);
            if !super::is_entry_path(&path) && !path.contains(".conflict-") {
                continue;
            }
            if seen.insert(blob)
                && let Ok(b) = repo.find_blob(blob)
            {
                visit(HistoricBlob {
                    commit: commit.id(),
                    path,
                    blob,
                    text: String::from_utf8_lossy(b.content()).into_owned(),
                });
            }
        }
    }
    Ok(())
}

fn walk_blobs(
    repo: &Repository,
    tree: &Tree<'_>,
    prefix: &str,
    out: &mut Vec<(String, Oid)>,
) -> Result<()> {
    for entry in tree.iter() {
        let name = String::from_utf8_lossy(entry.name_bytes());
        let path = format!("{prefix}/{name}");
        match entry.kind() {
            Some(ObjectType::Tree) => walk_blobs(repo, &repo.find_tree(entry.id())?, &path, out)?,
            Some(ObjectType::Blob) if super::is_entry_path(&path) => out.push((path, entry.id())),
            _ => {}
        }
    }
    Ok(())
}
