//! Erasure: rewriting every commit so that text about one case or customer
//! is gone from the files and from history, for erasure requests and for
//! the retention setting. Trees and blobs are rewritten once each (memoised
//! by id), so the cost follows the distinct content, not commits × files.

use super::{Journal, is_entry_path};
use anyhow::{Context, Result};
use git2::{ObjectType, Oid, Repository};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct PurgeReport {
    pub commits_rewritten: usize,
    pub files_removed: usize,
    pub files_redacted: usize,
    pub refs_updated: Vec<String>,
}

/// What to do with one entry file's bytes: keep, replace, or drop.
pub enum Rewrite {
    Keep,
    Replace(Vec<u8>),
    Remove,
}

impl Journal {
    /// Rewrites history in the journal and its private repository.
    pub fn rewrite_history(
        &self,
        transform: &dyn Fn(&str, &[u8]) -> Rewrite,
        redact_message: &dyn Fn(&str) -> String,
    ) -> Result<PurgeReport> {
        let _lock = self.lock()?;
        // Refs move before the new tree is checked out: a kill in between
        // is finished by the next command from the record made here.
        let record = |prefix: &str, old: Oid, new: Oid| -> Result<()> {
            let repo = if prefix.is_empty() {
                None
            } else {
                self.private_repo()
            };
            let repo = repo.as_ref().unwrap_or(self.repo());
            let (old, new) = (
                repo.find_commit(old)?.tree_id(),
                repo.find_commit(new)?.tree_id(),
            );
            let paths = super::git::diff_trees(repo, Some(old), Some(new))?;
            let paths: Vec<String> = paths
                .iter()
                .map(|p| format!("{prefix}{}", p.path))
                .collect();
            self.begin_op("purge", paths.iter().map(String::as_str))
        };
        let mut report = rewrite_repo(self.repo(), "", transform, redact_message, &record)?;
        self.end_write();
        if let Some(private) = self.private_repo() {
            let r = rewrite_repo(&private, "private/", transform, redact_message, &record)?;
            self.end_write();
            report.commits_rewritten += r.commits_rewritten;
            report.files_removed += r.files_removed;
            report.files_redacted += r.files_redacted;
        }
        // Old objects stay on disk until pruned; the user's git does that.
        for dir in [
            Some(self.root().to_path_buf()),
            self.private_repo()
                .and_then(|r| r.workdir().map(|p| p.to_path_buf())),
        ]
        .into_iter()
        .flatten()
        {
            let _ = super::git_command()
                .arg("-C")
                .arg(&dir)
                .args(["reflog", "expire", "--expire=now", "--all"])
                .output();
            let _ = super::git_command()
                .arg("-C")
                .arg(&dir)
                .args(["gc", "--prune=now", "--quiet"])
                .output();
        }
        Ok(report)
    }
}

struct Rewriter<'a> {
    repo: &'a Repository,
    prefix: &'a str,
    transform: &'a dyn Fn(&str, &[u8]) -> Rewrite,
    trees: HashMap<(Oid, String), Option<Oid>>,
    blobs: HashMap<(Oid, String), Option<Oid>>,
    removed: usize,
    redacted: usize,
}

impl Rewriter<'_> {
    fn tree(&mut self, id: Oid, path: &str) -> Result<Option<Oid>> {
        if let Some(done) = self.trees.get(&(id, path.to_string())) {
            return Ok(*done);
        }
        let tree = self.repo.find_tree(id)?;
        let mut builder = self.repo.treebuilder(Some(&tree))?;
        let mut changed = false;
        for entry in tree.iter() {
            let name = String::from_utf8_lossy(entry.name_bytes()).to_string();
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}/{name}")
            };
            let new = match entry.kind() {
                Some(ObjectType::Tree) => self.tree(entry.id(), &child)?,
                Some(ObjectType::Blob) => self.blob(entry.id(), &child)?,
                _ => Some(entry.id()),
            };
            match new {
                Some(n) if n == entry.id() => {}
                Some(n) => {
                    builder.insert(entry.name_bytes(), n, entry.filemode())?;
                    changed = true;
                }
                None => {
                    builder.remove(entry.name_bytes())?;
                    changed = true;
                }
            }
        }
        let result = if !changed {
            Some(id)
        } else if builder.is_empty() && !path.is_empty() {
            None
        } else {
            Some(builder.write()?)
        };
        self.trees.insert((id, path.to_string()), result);
        Ok(result)
    }

    fn blob(&mut self, id: Oid, path: &str) -> Result<Option<Oid>> {
        let full = format!("{}{path}", self.prefix);
        if !is_entry_path(&full) && !super::is_conflict_copy(&full) {
            return Ok(Some(id));
        }
        if let Some(done) = self.blobs.get(&(id, path.to_string())) {
            return Ok(*done);
        }
        let content = self.repo.find_blob(id)?.content().to_vec();
        let result = match (self.transform)(&full, &content) {
            Rewrite::Keep => Some(id),
            Rewrite::Replace(bytes) => {
                self.redacted += 1;
                Some(self.repo.blob(&bytes)?)
            }
            Rewrite::Remove => {
                self.removed += 1;
                None
            }
        };
        self.blobs.insert((id, path.to_string()), result);
        Ok(result)
    }
}

fn rewrite_repo(
    repo: &Repository,
    prefix: &str,
    transform: &dyn Fn(&str, &[u8]) -> Rewrite,
    redact_message: &dyn Fn(&str) -> String,
    record: &dyn Fn(&str, Oid, Oid) -> Result<()>,
) -> Result<PurgeReport> {
    let mut report = PurgeReport::default();
    let mut tips = Vec::new();
    for reference in repo.references()? {
        let reference = reference?;
        if let (Some(name), Some(target)) = (
            reference.name().ok().map(str::to_string),
            reference.target(),
        ) && repo.find_commit(target).is_ok()
        {
            tips.push((name, target));
        }
    }
    if tips.is_empty() {
        return Ok(report);
    }
    let mut walk = repo.revwalk()?;
    for (_, t) in &tips {
        walk.push(*t)?;
    }
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)?;
    let mut rw = Rewriter {
        repo,
        prefix,
        transform,
        trees: HashMap::new(),
        blobs: HashMap::new(),
        removed: 0,
        redacted: 0,
    };
    let mut map: HashMap<Oid, Oid> = HashMap::new();
    for oid in walk {
        let oid = oid?;
        let commit = repo.find_commit(oid)?;
        let new_tree = rw
            .tree(commit.tree_id(), "")?
            .context("the root tree cannot vanish")?;
        let parents: Vec<Oid> = commit
            .parent_ids()
            .map(|p| *map.get(&p).unwrap_or(&p))
            .collect();
        let message = commit.message().ok().unwrap_or("").to_string();
        let new_message = redact_message(&message);
        let same_parents = parents
            .iter()
            .eq(commit.parent_ids().collect::<Vec<_>>().iter());
        if new_tree == commit.tree_id() && same_parents && new_message == message {
            map.insert(oid, oid);
            continue;
        }
        let parent_commits: Vec<git2::Commit> = parents
            .iter()
            .map(|p| repo.find_commit(*p))
            .collect::<std::result::Result<_, _>>()?;
        let parent_refs: Vec<&git2::Commit> = parent_commits.iter().collect();
        let tree = repo.find_tree(new_tree)?;
        let new = repo.commit(
            None,
            &commit.author(),
            &commit.committer(),
            &new_message,
            &tree,
            &parent_refs,
        )?;
        map.insert(oid, new);
        report.commits_rewritten += 1;
    }
    if let Some(old) = repo.head().ok().and_then(|h| h.target())
        && let Some(new) = map.get(&old)
        && *new != old
    {
        record(prefix, old, *new)?;
    }
    for (name, old) in tips {
        if let Some(new) = map.get(&old)
            && *new != old
        {
            repo.reference(&name, *new, true, "casebook purge")?;
            report.refs_updated.push(name);
        }
    }
    if repo.workdir().is_some()
        && let Ok(head) = repo.head().and_then(|h| h.peel_to_commit())
    {
        repo.checkout_tree(
            head.as_object(),
            Some(
                git2::build::CheckoutBuilder::new()
                    .force()
                    .remove_untracked(false),
            ),
        )?;
        let mut index = repo.index()?;
        index.read_tree(&head.tree()?)?;
        index.write()?;
    }
    report.files_removed = rw.removed;
    report.files_redacted = rw.redacted;
    Ok(report)
}
