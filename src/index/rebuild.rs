//! Building a fresh index beside the current one: for `reindex`, for an
//! index that cannot be trusted, and alongside a bulk write (an import).
//!
//! A bulk write replaces so much of the index that the next command would
//! rebuild it anyway. Instead, the new entries are indexed from the bytes
//! being written, on a second thread, while git writes its objects: an
//! import's two halves overlap instead of following each other.

use super::schema::{self, Fields, SCHEMA_VERSION};
use super::{Heads, Index, IndexLock, SyncReport, commit_with_payload, doc_for, doc_from};
use super::{index_root, reader_for};
use crate::entry::EntryId;
use crate::journal::Oid;
use crate::journal::{BULK_WRITE, Change, Journal, blob_oid, is_entry_path};
use anyhow::{Context, Result};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use tantivy::{IndexWriter, TantivyDocument};

/// Whether `changes` changed paths are better indexed as one fresh index
/// than as deletes and adds on an index of `entries`: a big import, a pull
/// after months away.
pub(super) fn rebuild_beats_update(changes: usize, entries: u64) -> bool {
    changes > 5000 && changes as u64 > entries / 4
}

/// Every entry an index at `heads` holds: the journal's, and the private
/// repository's (a journal commit may carry stray `private/` files, which
/// the private repository's own entries replace).
pub(super) fn entries_at(journal: &Journal, heads: Heads) -> Result<Vec<(String, Oid)>> {
    let mut blobs = match heads.main {
        Some(commit) => journal.entry_blobs(commit)?,
        None => Vec::new(),
    };
    blobs.retain(|(p, _)| !p.starts_with("private/"));
    blobs.extend(journal.private_entry_blobs_at(heads.private)?);
    Ok(blobs)
}

/// A fresh index in a directory of its own. Nothing reads it until
/// `finish` points `CURRENT` at it; dropped unfinished, it is removed.
pub(super) struct Rebuild {
    name: String,
    dir: PathBuf,
    inner: tantivy::Index,
    pub(super) fields: Fields,
    /// Taken by `finish`; still here means unfinished.
    writer: Option<IndexWriter>,
    report: SyncReport,
}

impl Rebuild {
    /// Call with the index lock held.
    pub(super) fn start(journal: &Journal) -> Result<Rebuild> {
        let root = index_root(journal);
        // Anything there that is not a folder (a file, a dangling link) is
        // not ours to trust or delete: moved aside, and the index rebuilt.
        if std::fs::symlink_metadata(&root).is_ok_and(|m| !m.is_dir()) {
            let aside = root.with_file_name(format!(
                "index.moved-aside-{}",
                crate::clock::now().format("%Y%m%d-%H%M%S")
            ));
            std::fs::rename(&root, &aside).with_context(|| {
                format!(
                    "{} is not a folder and cannot be moved aside",
                    root.display()
                )
            })?;
            journal.notify(&format!(
                "casebook: {} was not a folder; moved it to {} and rebuilt the search index",
                root.display(),
                aside.display()
            ));
        }
        std::fs::create_dir_all(&root)
            .with_context(|| format!("cannot create {}", root.display()))?;
        let name = format!("v{SCHEMA_VERSION}-{}", EntryId::generate());
        let dir = root.join(&name);
        std::fs::create_dir_all(&dir)?;
        let (inner, fields) = schema::create(&dir)?;
        let writer = schema::writer(&inner, true)?;
        Ok(Rebuild {
            report: SyncReport {
                rebuilt: Some(name.clone()),
                ..SyncReport::default()
            },
            name,
            dir,
            inner,
            fields,
            writer: Some(writer),
        })
    }

    /// Adds an entry's document, or notes the entry as unreadable.
    pub(super) fn add(&mut self, path: &str, doc: Result<TantivyDocument>) -> Result<()> {
        match doc {
            Ok(doc) => {
                let writer = self.writer.as_ref().expect("an unfinished rebuild");
                writer.add_document(doc)?;
                self.report.updated += 1;
            }
            Err(_) => self.report.unreadable.push(path.to_string()),
        }
        Ok(())
    }

    /// Commits the index as reflecting `heads`, makes it the current one
    /// and removes the older ones.
    pub(super) fn finish(mut self, journal: &Journal, heads: Heads) -> Result<(Index, SyncReport)> {
        let mut writer = self.writer.take().expect("an unfinished rebuild");
        commit_with_payload(&mut writer, heads)?;
        writer.wait_merging_threads()?;
        let root = index_root(journal);
        crate::journal::atomic_write(&root.join("CURRENT"), self.name.as_bytes())?;
        // Old generations are garbage now; a reader that still maps one
        // keeps its pages until it exits (POSIX), so removing is safe.
        if let Ok(dirs) = std::fs::read_dir(&root) {
            for d in dirs.flatten() {
                if d.path().is_dir() && d.file_name().to_string_lossy() != self.name {
                    std::fs::remove_dir_all(d.path()).ok();
                }
            }
        }
        let index = Index {
            inner: self.inner.clone(),
            reader: reader_for(&self.inner)?,
            fields: self.fields,
            heads,
        };
        Ok((index, std::mem::take(&mut self.report)))
    }
}

impl Drop for Rebuild {
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            // Joins its threads and closes its files before they go.
            drop(writer);
            std::fs::remove_dir_all(&self.dir).ok();
        }
    }
}

impl Index {
    /// Builds the index of the commit a bulk write is about to make, from
    /// the entries of HEAD it keeps and the bytes it writes, while the
    /// write is being committed. `commit` receives the new commit, or hangs
    /// up if the write failed.
    ///
    /// `None` (and nothing changed) when an update in place will do better,
    /// when another process holds the index lock, or when the commits are
    /// not the ones this build assumed: a parent is not the HEAD it started
    /// from, or git stored other bytes than were written (a filter in
    /// `.gitattributes`). The next `Index::open` then does what it always
    /// did.
    pub fn build_for_write(
        journal: &Journal,
        changes: &[Change],
        commit: Receiver<Oid>,
    ) -> Result<Option<(Index, SyncReport)>> {
        fn is_private(c: &Change) -> bool {
            c.path().starts_with("private/")
        }
        // An all-private write makes no commit in the journal itself.
        if changes.len() <= BULK_WRITE || changes.iter().all(is_private) {
            return Ok(None);
        }
        let private_written = changes.iter().any(is_private);
        let Some(_lock) = IndexLock::try_acquire(journal)? else {
            return Ok(None);
        };
        let base = Heads::of(journal);
        let mut kept = entries_at(journal, base)?;
        // An index built beside costs the write little, so any bulk write
        // that changes more than a quarter of the journal is worth one.
        if changes.len() <= kept.len() / 4 {
            return Ok(None);
        }
        let written: HashSet<&str> = changes.iter().map(Change::path).collect();
        kept.retain(|(p, _)| !written.contains(p.as_str()));

        // The write may fail while this runs: look for a hang-up now and
        // then, so a failed import does not wait for a whole index.
        let mut made = None;
        let failed = |made: &mut Option<Oid>| match commit.try_recv() {
            Ok(oid) => {
                *made = Some(oid);
                false
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => made.is_none(),
        };
        let mut rebuild = Rebuild::start(journal)?;
        for (i, (path, oid)) in kept.iter().enumerate() {
            if i % 1000 == 0 && failed(&mut made) {
                return Ok(None);
            }
            rebuild.add(path, doc_for(journal, &rebuild.fields, path, *oid))?;
        }
        let mut expected = HashMap::new();
        for (i, change) in changes.iter().enumerate() {
            if i % 1000 == 0 && failed(&mut made) {
                return Ok(None);
            }
            if let Change::Write { path, content } = change
                && is_entry_path(path)
            {
                let oid = blob_oid(content);
                rebuild.add(path, doc_from(&rebuild.fields, path, oid, content))?;
                expected.insert(path.as_str(), oid);
            }
        }
        let Some(commit) = made.or_else(|| commit.recv().ok()) else {
            return Ok(None);
        };
        let heads = Heads {
            main: Some(commit),
            private: journal.private_head(),
        };
        if !made_as_assumed(journal, base, heads, private_written, &expected)? {
            return Ok(None);
        }
        rebuild.finish(journal, heads).map(Some)
    }
}

/// Whether the write went from `base` to `heads`, storing the `expected`
/// blobs. Each repository's new commit must have the base as its parent;
/// the private repository (committed to first) moves only if the write
/// touched private entries.
fn made_as_assumed(
    journal: &Journal,
    base: Heads,
    heads: Heads,
    private_written: bool,
    expected: &HashMap<&str, Oid>,
) -> Result<bool> {
    let Some(main) = heads.main else {
        return Ok(false);
    };
    let private_ok = match (private_written, heads.private) {
        (true, Some(new)) => journal.private_parent_of(new)? == base.private,
        (true, None) => false,
        (false, new) => new == base.private,
    };
    if !private_ok || journal.parent_of(main)? != base.main {
        return Ok(false);
    }
    let matching = entries_at(journal, heads)?
        .iter()
        .filter(|(path, oid)| expected.get(path.as_str()) == Some(oid))
        .count();
    Ok(matching == expected.len())
}
