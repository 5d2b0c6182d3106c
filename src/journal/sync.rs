//! Sharing through any git remote. Network work runs the user's own `git`
//! (so their credentials, ssh config and helpers apply); merging is done
//! here with libgit2, because casebook knows how to merge entries without
//! losing any: new files never collide (the id is in the name); when two
//! clones edited different parts of the same entry (a tag, a field, the
//! body), both changes are kept in one file; when they changed the same
//! part differently, ours stays in place and theirs is kept beside it as a
//! conflict copy that `check` and `status` list until someone merges it.

use super::{Change, Journal};
use anyhow::{Context, Result, anyhow, bail};
use git2::{MergeAnalysis, Oid};
use std::ffi::OsStr;
use std::path::Path;

#[derive(Debug, Default)]
pub struct SyncReport {
    pub remote: String,
    pub pulled: bool,
    pub fast_forward: bool,
    pub merged: bool,
    pub pushed: bool,
    /// Why the review tags (`review/...`) were not pushed, when they were
    /// not: a tag moved here that the remote has at another commit.
    pub tags_not_pushed: Option<String>,
    pub conflict_copies: Vec<String>,
    /// Entries both sides edited in different parts, merged part by part.
    pub merged_entries: Vec<String>,
    pub kept_ours: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SyncError {
    pub message: String,
    pub hint: Option<String>,
}

impl Journal {
    /// The remote to sync with: the one given, else the branch's upstream
    /// remote, else `origin`, else the only remote.
    pub fn sync_remote(&self, given: Option<&str>) -> Result<String> {
        let remotes = self.repo().remotes()?;
        let names: Vec<String> = remotes
            .iter()
            .flatten()
            .flatten()
            .map(str::to_string)
            .collect();
        if let Some(g) = given {
            if names.iter().any(|n| n == g) {
                return Ok(g.to_string());
            }
            return Err(SyncError {
                message: format!("there is no remote named '{g}'"),
                hint: Some(if names.is_empty() {
                    "add one: git remote add origin URL".into()
                } else {
                    format!("remotes: {}", names.join(", "))
                }),
            }
            .into());
        }
        if names.iter().any(|n| n == "origin") {
            return Ok("origin".into());
        }
        match names.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(SyncError {
                message: "this journal has no remote to sync with".into(),
                hint: Some("add one with: git remote add origin URL (any git remote works, even a bare repository on disk)".into()),
            }
            .into()),
            _ => Err(SyncError {
                message: format!("several remotes and none is origin ({})", names.join(", ")),
                hint: Some("name one: casebook sync REMOTE".into()),
            }
            .into()),
        }
    }

    pub fn remote_url(&self, remote: &str) -> Option<String> {
        self.repo()
            .find_remote(remote)
            .ok()?
            .url()
            .ok()
            .map(str::to_string)
    }

    /// Pulls, merges without losing entries, then pushes.
    /// What `sync` would do: fetches (which changes no file and no branch
    /// of the journal), then counts the commits to bring in and to push.
    pub fn sync_preview(&self, remote: &str) -> Result<(usize, usize)> {
        let branch = self
            .repo()
            .head()
            .ok()
            .and_then(|h| h.shorthand().ok().map(str::to_string))
            .unwrap_or_else(|| "main".into());
        self.git(&["fetch", "--quiet", remote])
            .map_err(|e| network_error(remote, "fetch from", e))?;
        let ours = self.head().context("the journal has no commits")?;
        let upstream = format!("refs/remotes/{remote}/{branch}");
        match self
            .repo()
            .find_reference(&upstream)
            .ok()
            .and_then(|r| r.target())
        {
            Some(theirs) => {
                let (ahead, behind) = self.repo().graph_ahead_behind(ours, theirs)?;
                Ok((behind, ahead))
            }
            None => {
                let mut walk = self.repo().revwalk()?;
                walk.push(ours)?;
                Ok((0, walk.count()))
            }
        }
    }

    pub fn sync(&self, remote: &str) -> Result<SyncReport> {
        let _lock = self.lock()?;
        let branch = self
            .repo()
            .head()
            .ok()
            .and_then(|h| h.shorthand().ok().map(str::to_string))
            .unwrap_or_else(|| "main".into());
        let mut report = SyncReport {
            remote: remote.to_string(),
            ..SyncReport::default()
        };
        for attempt in 0..3 {
            self.git(&["fetch", "--quiet", remote])
                .map_err(|e| network_error(remote, "fetch from", e))?;
            let upstream = format!("refs/remotes/{remote}/{branch}");
            if let Ok(reference) = self.repo().find_reference(&upstream) {
                let theirs = reference
                    .target()
                    .context("the remote branch has no commit")?;
                if let Err(e) = self.merge_from(theirs, &format!("{remote}/{branch}"), &mut report)
                {
                    // A failed merge (not a killed one) cleans up after itself.
                    let _ = self.recover();
                    self.end_write();
                    return Err(e);
                }
                report.pulled = true;
            }
            // `--set-upstream`: plain git in this clone (`git status`,
            // `git pull`) then knows which branch it follows.
            match self.git(&[
                "push",
                "--quiet",
                "--set-upstream",
                remote,
                &format!("HEAD:refs/heads/{branch}"),
            ]) {
                Ok(()) => {
                    report.pushed = true;
                    // Review snapshots travel with the journal, so a lead's
                    // clone can rebuild the pack a tag summarised. Never
                    // forced: a tag moved on one side is reported, not
                    // overwritten on the other.
                    if let Err(e) = self.git(&[
                        "push",
                        "--quiet",
                        remote,
                        "refs/tags/review/*:refs/tags/review/*",
                    ]) {
                        report.tags_not_pushed = Some(e);
                    }
                    return Ok(report);
                }
                // Someone pushed between our fetch and our push: go round.
                Err(e) if attempt < 2 && e.contains("rejected") => continue,
                Err(e) => return Err(network_error(remote, "push to", e).into()),
            }
        }
        bail!("the remote kept changing while casebook synced; run casebook sync again")
    }

    fn git(&self, args: &[&str]) -> std::result::Result<(), String> {
        let mut all: Vec<&OsStr> = vec!["-C".as_ref(), self.root().as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        run_git(&all).map(|_| ())
    }

    fn merge_from(&self, theirs: Oid, label: &str, report: &mut SyncReport) -> Result<()> {
        let repo = self.repo();
        let annotated = repo.find_annotated_commit(theirs)?;
        let (analysis, _) = repo.merge_analysis(&[&annotated])?;
        if analysis.contains(MergeAnalysis::ANALYSIS_UP_TO_DATE) {
            return Ok(());
        }
        let head = repo.head().ok().and_then(|h| h.target());
        let Some(ours) = head else {
            // An empty clone: take theirs as it is.
            let commit = repo.find_commit(theirs)?;
            repo.checkout_tree(
                commit.as_object(),
                Some(git2::build::CheckoutBuilder::new().safe()),
            )?;
            repo.reference("refs/heads/main", theirs, true, "casebook sync")?;
            repo.set_head("refs/heads/main")?;
            report.fast_forward = true;
            return Ok(());
        };
        if analysis.contains(MergeAnalysis::ANALYSIS_FASTFORWARD) {
            let commit = repo.find_commit(theirs)?;
            // Recorded before the work tree changes: a kill in the checkout
            // is rolled back by the next command, as any write's is.
            self.begin_sync(ours, commit.tree_id(), true)?;
            repo.checkout_tree(
                commit.as_object(),
                Some(git2::build::CheckoutBuilder::new().safe()),
            )?;
            let mut head_ref = repo.head()?;
            head_ref.set_target(theirs, "casebook sync: fast-forward")?;
            self.end_write();
            report.fast_forward = true;
            return Ok(());
        }
        let our_commit = repo.find_commit(ours)?;
        let their_commit = repo.find_commit(theirs)?;
        let mut index = repo.merge_commits(&our_commit, &their_commit, None)?;
        let mut copies: Vec<Change> = Vec::new();
        if index.has_conflicts() {
            let conflicts: Vec<_> = index.conflicts()?.collect::<std::result::Result<_, _>>()?;
            for c in conflicts {
                let path = c
                    .our
                    .as_ref()
                    .or(c.their.as_ref())
                    .or(c.ancestor.as_ref())
                    .map(|e| String::from_utf8_lossy(&e.path).to_string())
                    .ok_or_else(|| anyhow!("a conflict without a path"))?;
                match (&c.our, &c.their) {
                    (Some(our), Some(their))
                        if let Some(merged) =
                            merged_entry(repo, &path, c.ancestor.as_ref(), our, their) =>
                    {
                        // Different parts of one entry: both sides' changes.
                        let oid = repo.blob(merged.as_bytes())?;
                        let mut entry = index_entry(&path, oid, merged.len());
                        entry.mode = our.mode;
                        entry.flags = (path.len().min(0xfff)) as u16;
                        index.remove_path(std::path::Path::new(&path))?;
                        index.add(&entry)?;
                        report.merged_entries.push(path);
                    }
                    (Some(our), Some(their)) => {
                        // The same part changed twice (or a file casebook
                        // cannot read): keep ours in place, theirs beside it.
                        let copy = conflict_copy_path(&path, &their.id.to_string()[..7]);
                        copies.push(Change::Write {
                            path: copy.clone(),
                            content: repo.find_blob(their.id)?.content().to_vec(),
                        });
                        index.remove_path(std::path::Path::new(&path))?;
                        index.add(&resolved(&path, our))?;
                        report.conflict_copies.push(copy);
                    }
                    (Some(our), None) => {
                        // They deleted what we edited: keep ours.
                        index.remove_path(std::path::Path::new(&path))?;
                        index.add(&resolved(&path, our))?;
                        report.kept_ours.push(path);
                    }
                    (None, Some(their)) => {
                        index.remove_path(std::path::Path::new(&path))?;
                        index.add(&resolved(&path, their))?;
                    }
                    (None, None) => {
                        index.remove_path(std::path::Path::new(&path))?;
                    }
                }
            }
        }
        for copy in &copies {
            if let Change::Write { path, content } = copy {
                let oid = repo.blob(content)?;
                let mut entry = index_entry(path, oid, content.len());
                entry.flags = (path.len().min(0xfff)) as u16;
                index.add(&entry)?;
            }
        }
        let tree_id = index.write_tree_to(repo)?;
        let tree = repo.find_tree(tree_id)?;
        let sig = repo
            .signature()
            .or_else(|_| git2::Signature::now("casebook", "casebook@localhost"))?;
        let message = format!("sync: merge {label}\n\n{}: sync\n", super::git::TRAILER);
        let merged = repo.commit(
            None,
            &sig,
            &sig,
            &message,
            &tree,
            &[&our_commit, &their_commit],
        )?;
        let commit = repo.find_commit(merged)?;
        self.begin_sync(ours, tree_id, false)?;
        repo.checkout_tree(
            commit.as_object(),
            Some(git2::build::CheckoutBuilder::new().force()),
        )?;
        let mut head_ref = repo.head()?;
        head_ref.set_target(merged, "casebook sync: merge")?;
        let mut repo_index = repo.index()?;
        repo_index.read_tree(&tree)?;
        repo_index.write()?;
        self.end_write();
        report.merged = true;
        Ok(())
    }

    /// Records that the work tree is about to go from `ours` to `tree`:
    /// the files that differ are the ones a killed sync may have touched.
    ///
    /// With `safe` (a fast-forward's checkout, which never overwrites a
    /// file that differs from HEAD), such files are left out: the checkout
    /// does not touch them, so a roll-back must not either.
    fn begin_sync(&self, ours: Oid, tree: Oid, safe: bool) -> Result<()> {
        let from = self.repo().find_commit(ours)?.tree_id();
        let mut paths = super::git::diff_trees(self.repo(), Some(from), Some(tree))?;
        if safe {
            paths.retain(|p| match p.old {
                Some(old) => self.worktree_blob(&p.path) == Some(old),
                None => !self.abs(&p.path).exists(),
            });
        }
        self.begin_op("sync", paths.iter().map(|p| p.path.as_str()))
    }
}

/// The text of an entry both sides edited, merged part by part (see
/// `entry::merge3`), when every side reads cleanly and no part was
/// changed differently on each side.
fn merged_entry(
    repo: &git2::Repository,
    path: &str,
    ancestor: Option<&git2::IndexEntry>,
    our: &git2::IndexEntry,
    their: &git2::IndexEntry,
) -> Option<String> {
    if !super::is_entry_path(path) {
        return None;
    }
    let read = |side: &git2::IndexEntry| -> Option<crate::entry::Entry> {
        let blob = repo.find_blob(side.id).ok()?;
        let text = std::str::from_utf8(blob.content()).ok()?;
        let parsed = crate::entry::parse(text, path).ok()?;
        parsed.problems.is_empty().then_some(parsed.entry)
    };
    let merged = crate::entry::merge3(&read(ancestor?)?, &read(our)?, &read(their)?, &merge_lines)?;
    Some(merged.to_markdown())
}

/// git's own line merge of a body both sides changed: changes to different
/// paragraphs combine; overlapping ones are a conflict (`None`).
fn merge_lines(base: &str, ours: &str, theirs: &str) -> Option<String> {
    fn input(text: &str) -> git2::MergeFileInput<'_> {
        let mut i = git2::MergeFileInput::new();
        i.content(text.as_bytes());
        i
    }
    let (base, ours, theirs) = (input(base), input(ours), input(theirs));
    let merged = git2::merge_file(&base, &ours, &theirs, None).ok()?;
    if !merged.is_automergeable() {
        return None;
    }
    String::from_utf8(merged.content().to_vec()).ok()
}

/// A conflict side as a plain (stage 0) index entry.
fn resolved(path: &str, side: &git2::IndexEntry) -> git2::IndexEntry {
    let mut e = index_entry(path, side.id, side.file_size as usize);
    e.mode = side.mode;
    e.flags = (path.len().min(0xfff)) as u16;
    e
}

fn index_entry(path: &str, id: Oid, size: usize) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: size as u32,
        id,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// `people/a/2026/03/x-id.md` → `people/a/2026/03/x-id.conflict-1a2b3c4.md`
pub fn conflict_copy_path(path: &str, tag: &str) -> String {
    match path.strip_suffix(".md") {
        Some(stem) => format!("{stem}.conflict-{tag}.md"),
        None => format!("{path}.conflict-{tag}"),
    }
}

fn network_error(remote: &str, what: &str, detail: String) -> SyncError {
    let first = detail
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("git failed")
        .trim()
        .to_string();
    SyncError {
        message: format!("could not {what} {remote}: {first}"),
        hint: Some("nothing was changed locally; check the network and your access, then run casebook sync again".into()),
    }
}

/// `git clone URL DIR` through the user's git, and a work tree even when the
/// remote's HEAD names a branch that does not exist there (a fresh
/// `git init --bare` says `master` while casebook pushes `main`): then the
/// one branch the remote has, `main` first, is checked out and tracked.
pub fn clone(url: &str, dir: &Path) -> std::result::Result<(), String> {
    let first_line = |e: String| {
        e.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("unknown error")
            .trim()
            .to_string()
    };
    run_git(&[
        "clone".as_ref(),
        "--quiet".as_ref(),
        url.as_ref(),
        dir.as_os_str(),
    ])
    .map_err(first_line)?;
    let in_dir = |args: &[&str]| {
        let mut all: Vec<&OsStr> = vec!["-C".as_ref(), dir.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        run_git(&all).map_err(first_line)
    };
    if in_dir(&["rev-parse", "--verify", "--quiet", "HEAD"]).is_ok() {
        return Ok(());
    }
    let branches = in_dir(&[
        "for-each-ref",
        "--format=%(refname:strip=3)",
        "refs/remotes/origin/",
    ])?;
    let names: Vec<&str> = branches.lines().filter(|b| *b != "HEAD").collect();
    let pick = names
        .iter()
        .find(|b| **b == "main")
        .or_else(|| names.first())
        .copied();
    match pick {
        Some(branch) => in_dir(&[
            "checkout",
            "--quiet",
            "-B",
            branch,
            "--track",
            &format!("origin/{branch}"),
        ])
        .map(|_| ()),
        None => Ok(()), // an empty remote: nothing to check out
    }
}

/// The user's git (hooks off, never prompting) with `args`: its stdout, or
/// its stderr as the error.
fn run_git(args: &[&OsStr]) -> std::result::Result<String, String> {
    let out = super::git_command()
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}
