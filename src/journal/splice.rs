//! The fast commit path for a write of a few files, used by every `new`,
//! `edit` and loop command.
//!
//! The commit's tree is HEAD's with only the folders on the changed paths
//! rebuilt, and `.git/index` is spliced as bytes (see `git_index`) instead
//! of being parsed and rewritten by libgit2. The cost then follows the
//! index's size only through one read, one hash and one write of its bytes.
//!
//! It applies when the index holds exactly HEAD's tree (its cache-tree says
//! so): the commit is then the same as committing the index, which is what
//! the libgit2 path does. Otherwise, or when anything is unusual (a
//! conflict, a split index, a clean filter), it returns `None` and the
//! caller takes the libgit2 path, which handles every case.

use super::git::CommitInfo;
use super::git_index::{Edit, IndexFile, RawOid, Stat};
use super::{Beside, Change};
use anyhow::{Context, Result};
use git2::{AttrCheckFlags, AttrValue, FileMode, Oid, Repository, Signature, Tree};
use std::path::Path;

/// A bulk write (an import) goes through libgit2, where one full index
/// rewrite is cheap next to the work itself.
const MAX_CHANGES: usize = super::BULK_WRITE;

/// Commits `changes` (already written to the work tree) on HEAD, or returns
/// `None` when the fast path does not apply.
#[cfg(unix)]
pub(super) fn commit(
    repo: &Repository,
    root: &Path,
    changes: &[Change],
    message: &str,
    sig: &Signature<'_>,
    beside: Option<Beside<'_>>,
) -> Result<Option<CommitInfo>> {
    match forced_path() {
        Some("libgit2") => return Ok(None),
        Some("splice") => {
            return match try_commit(repo, root, changes, message, sig, beside)? {
                Ok(info) => Ok(Some(info)),
                Err(why) => anyhow::bail!("the fast commit path stepped aside: {}", why.0),
            };
        }
        _ => {}
    }
    Ok(try_commit(repo, root, changes, message, sig, beside)?.ok())
}

#[cfg(not(unix))]
pub(super) fn commit(
    _: &Repository,
    _: &Path,
    _: &[Change],
    _: &str,
    _: &Signature<'_>,
    _: Option<Beside<'_>>,
) -> Result<Option<CommitInfo>> {
    Ok(None)
}

/// Tests pin the path taken: `splice` turns a fallback into an error (so a
/// test can prove the fast path ran), `libgit2` skips it. Debug builds only.
fn forced_path() -> Option<&'static str> {
    if !cfg!(debug_assertions) {
        return None;
    }
    match std::env::var("CASEBOOK_TEST_COMMIT_PATH").ok()?.as_str() {
        "splice" => Some("splice"),
        "libgit2" => Some("libgit2"),
        _ => None,
    }
}

use super::git_index::Unsupported;

type Attempt = Result<CommitInfo, Unsupported>;

#[cfg(unix)]
fn try_commit(
    repo: &Repository,
    root: &Path,
    changes: &[Change],
    message: &str,
    sig: &Signature<'_>,
    beside: Option<Beside<'_>>,
) -> Result<Attempt> {
    if changes.is_empty() || changes.len() > MAX_CHANGES {
        return Ok(Err(Unsupported("not a small write")));
    }
    let Some(head) = repo.head().ok().filter(|h| h.is_branch()) else {
        return Ok(Err(Unsupported("HEAD is not on a branch with a commit")));
    };
    let parent = head.peel_to_commit()?;
    let base = parent.tree()?;
    let mut as_is = StoredAsIs::new(repo);
    if let Some(why) = changes.iter().find_map(|c| as_is.check(c)) {
        return Ok(Err(why));
    }

    // Git's own lock: plain git waits for or refuses us, as we do it.
    let Some(lock) = IndexLock::acquire(repo)? else {
        return Ok(Err(Unsupported("the index is locked")));
    };
    let (bytes, stamp) = match read_index(repo) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Err(Unsupported("no index yet")));
        }
        Err(e) => return Err(e).context("cannot read the git index"),
    };
    let trusted = stamp.is_some() && stamp == last_written(repo);
    let index = match IndexFile::parse(bytes, trusted) {
        Ok(index) => index,
        Err(why) => return Ok(Err(why)),
    };
    let Some(mut cache_tree) = index.cache_tree.clone() else {
        return Ok(Err(Unsupported("the index has no cache-tree")));
    };
    if !cache_tree.describes(&raw(base.id())) {
        return Ok(Err(Unsupported("the index differs from HEAD")));
    }

    let (edits, tree) = match stage(repo, root, changes, &base)? {
        Ok(staged) => staged,
        Err(why) => return Ok(Err(why)),
    };
    let deltas: Vec<(&[u8], i64)> = edits
        .iter()
        .map(|e| {
            let delta = match (e, index.contains(e.path())) {
                (Edit::Put { .. }, false) => 1,
                (Edit::Delete { .. }, true) => -1,
                _ => 0,
            };
            (e.path(), delta)
        })
        .collect();
    let folder = |dir: &[u8]| subtree(&tree, dir);
    let existed = |dir: &[u8]| subtree(&base, dir).is_some();
    if let Err(why) = cache_tree.update(&deltas, raw(tree.id()), folder, existed) {
        return Ok(Err(why));
    }
    let count = index.entry_count() as i64 + deltas.iter().map(|(_, d)| d).sum::<i64>();
    if cache_tree.entries != count {
        return Ok(Err(Unsupported("cache-tree does not count the index")));
    }

    // The commit object first, so that `beside` can work from it while the
    // index is written; HEAD moves to it only once the index is in place.
    let oid = repo.commit(None, sig, sig, message, &tree, &[&parent])?;
    std::thread::scope(|scope| {
        // A panic there is reported by the hook and must not stop a commit
        // whose index is being written: joined here, it is dropped.
        let side = beside.map(|work| scope.spawn(move || work(oid)));
        let written = lock.commit(repo, |file, written| {
            index.write_to(&edits, Some(&cache_tree), file, written)
        });
        // Unmapping a large index takes milliseconds: done while the work
        // beside is still running.
        drop(index);
        if let Some(side) = side {
            let _ = side.join();
        }
        written
    })?;

    // The index first, then HEAD: a process killed in between leaves the
    // change staged, and the next command's recovery rolls it back. HEAD
    // moves only from the parent we read, as `git commit` would move it.
    let branch = head.name().context("HEAD names no branch")?;
    let commit = repo.find_commit(oid)?;
    let summary = String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default());
    let reflog = format!("commit: {summary}");
    match repo.reference_matching(branch, oid, true, parent.id(), &reflog) {
        Ok(_) => Ok(Ok(CommitInfo { oid })),
        // HEAD moved under us: the libgit2 path commits the index (which
        // now holds the change) with its retries.
        Err(e)
            if matches!(
                e.code(),
                git2::ErrorCode::Modified | git2::ErrorCode::Locked
            ) =>
        {
            Ok(Err(Unsupported("HEAD moved")))
        }
        Err(e) => Err(e.into()),
    }
}

/// Decides, for each change, whether `git add` would store the file's bytes
/// as they are. Which folders have a `.gitattributes` is remembered, so a
/// bulk write looks at each folder once.
pub(super) struct StoredAsIs<'r> {
    repo: &'r Repository,
    outside: Option<bool>,
    folders: std::collections::HashMap<std::path::PathBuf, bool>,
}

impl<'r> StoredAsIs<'r> {
    pub(super) fn new(repo: &'r Repository) -> StoredAsIs<'r> {
        StoredAsIs {
            repo,
            outside: None,
            folders: Default::default(),
        }
    }

    /// Why `change` cannot be staged from its bytes, if it cannot.
    pub(super) fn check(&mut self, change: &Change) -> Option<Unsupported> {
        let path = change.path();
        let plain = !path.is_empty()
            && path
                .split('/')
                .all(|part| !matches!(part, "" | "." | ".." | ".git"));
        if !plain {
            return Some(Unsupported("an unusual path"));
        }
        let Change::Write { content, .. } = change else {
            return None;
        };
        // Line-ending conversion only ever changes a carriage return.
        if content.contains(&b'\r') {
            return Some(Unsupported("carriage returns"));
        }
        if !self.may_have_attributes(path) {
            return None;
        }
        // Attributes that make git store something else than the bytes.
        for attr in ["filter", "ident", "working-tree-encoding"] {
            let plain = match self
                .repo
                .get_attr(Path::new(path), attr, AttrCheckFlags::default())
            {
                Ok(value) => matches!(
                    AttrValue::from_string(value),
                    AttrValue::Unspecified | AttrValue::False
                ),
                Err(_) => false,
            };
            if !plain {
                return Some(Unsupported("a git attribute that converts content"));
            }
        }
        None
    }

    /// Whether any gitattributes file could apply to `path`. Usually none
    /// does, and then libgit2's attribute lookup (which loads the whole
    /// index to look for `.gitattributes` there) is not needed.
    fn may_have_attributes(&mut self, path: &str) -> bool {
        let Some(workdir) = self.repo.workdir() else {
            return true;
        };
        let outside = *self.outside.get_or_insert_with(|| {
            let user_file = self
                .repo
                .config()
                .ok()
                .and_then(|c| c.get_path("core.attributesFile").ok())
                .is_some();
            let xdg = std::env::var_os("XDG_CONFIG_HOME")
                .map(std::path::PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
                .is_some_and(|c| c.join("git").join("attributes").exists());
            user_file
                || xdg
                || self.repo.path().join("info").join("attributes").exists()
                || Path::new("/etc/gitattributes").exists()
        });
        if outside {
            return true;
        }
        let mut dir = Path::new(path).parent();
        while let Some(d) = dir {
            let has = *self
                .folders
                .entry(d.to_path_buf())
                .or_insert_with(|| workdir.join(d).join(".gitattributes").exists());
            if has {
                return true;
            }
            dir = d.parent();
        }
        false
    }
}

/// The index edits for `changes`, sorted, and the tree to commit.
#[cfg(unix)]
fn stage<'r>(
    repo: &'r Repository,
    root: &Path,
    changes: &[Change],
    base: &Tree<'_>,
) -> Result<Result<(Vec<Edit>, Tree<'r>), Unsupported>> {
    use std::os::unix::fs::MetadataExt;
    let mut edits: Vec<Edit> = Vec::with_capacity(changes.len());
    let mut update = git2::build::TreeUpdateBuilder::new();
    for change in changes {
        match change {
            Change::Write { path, content } => {
                let oid = repo.blob(content)?;
                let meta = std::fs::symlink_metadata(root.join(path))
                    .with_context(|| format!("cannot stat {path}"))?;
                if !meta.file_type().is_file() || meta.len() != content.len() as u64 {
                    return Ok(Err(Unsupported("the file on disk is not what was written")));
                }
                let (mode, index_mode) = if meta.mode() & 0o111 != 0 {
                    (FileMode::BlobExecutable, 0o100755)
                } else {
                    (FileMode::Blob, 0o100644)
                };
                update.upsert(path.as_str(), oid, mode);
                // Git keeps each field's low 32 bits.
                let stat = Stat {
                    ctime: (meta.ctime() as u32, meta.ctime_nsec() as u32),
                    mtime: (meta.mtime() as u32, meta.mtime_nsec() as u32),
                    dev: meta.dev() as u32,
                    ino: meta.ino() as u32,
                    mode: index_mode,
                    uid: meta.uid(),
                    gid: meta.gid(),
                    size: meta.size() as u32,
                };
                edits.push(Edit::Put {
                    path: path.as_bytes().to_vec(),
                    oid: raw(oid),
                    stat,
                });
            }
            Change::Remove { path } => {
                if base.get_path(Path::new(path)).is_ok() {
                    update.remove(path.as_str());
                }
                edits.push(Edit::Delete {
                    path: path.as_bytes().to_vec(),
                });
            }
        }
    }
    edits.sort_by(|a, b| a.path().cmp(b.path()));
    if edits.windows(2).any(|w| w[0].path() == w[1].path()) {
        return Ok(Err(Unsupported("a path changed twice")));
    }
    let tree = match update.create_updated(repo, base) {
        Ok(oid) => repo.find_tree(oid)?,
        // A file where a folder should be, and the like: libgit2's path
        // gives the full error.
        Err(_) => return Ok(Err(Unsupported("the tree update failed"))),
    };
    Ok(Ok((edits, tree)))
}

fn raw(oid: Oid) -> RawOid {
    oid.as_bytes()
        .try_into()
        .expect("SHA-1 ids are twenty bytes")
}

/// The tree at folder `dir` under `tree`, if there is one.
fn subtree(tree: &Tree<'_>, dir: &[u8]) -> Option<RawOid> {
    let dir = std::str::from_utf8(dir).ok()?;
    let entry = tree.get_path(Path::new(dir)).ok()?;
    (entry.kind() == Some(git2::ObjectType::Tree)).then(|| raw(entry.id()))
}

/// Where the stat data and checksum of the last index this path wrote are
/// kept: when the index still has them, its bytes are the ones we hashed
/// and need not be hashed again.
fn stamp_path(repo: &Repository) -> std::path::PathBuf {
    repo.path().join("casebook").join("index.stamp")
}

#[cfg(unix)]
fn stamp_of(meta: &std::fs::Metadata, checksum: &[u8]) -> String {
    use std::os::unix::fs::MetadataExt;
    let hex: String = checksum.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{} {} {} {} {} {hex}",
        meta.dev(),
        meta.ino(),
        meta.size(),
        meta.mtime(),
        meta.mtime_nsec()
    )
}

/// The index's bytes, and its stamp.
///
/// The file is mapped rather than read: at 100,000 entries that saves
/// copying 16 MB and zeroing the memory to copy it into.
#[cfg(unix)]
fn read_index(repo: &Repository) -> std::io::Result<(memmap2::Mmap, Option<String>)> {
    let file = std::fs::File::open(repo.path().join("index"))?;
    let meta = file.metadata()?;
    // SAFETY: a mapping is undefined behaviour if the file changes under
    // it. Git's index never does: git, libgit2 and this module all write a
    // new `index.lock` and rename it over `index`, and the caller holds
    // `index.lock`, so no new index can even be written meanwhile.
    #[allow(unsafe_code)]
    let bytes = unsafe { memmap2::Mmap::map(&file)? };
    let stamp = bytes
        .len()
        .checked_sub(20)
        .map(|at| stamp_of(&meta, &bytes[at..]));
    Ok((bytes, stamp))
}

/// Starts writing `file`'s dirty pages to disk, without waiting.
///
/// ext4 (with its default `auto_da_alloc`) does this itself when a file
/// is renamed over another, inside the rename, which then took 10-15 ms
/// for a 16 MB index. Started here, while the checksum is still being
/// computed, the rename finds the work under way. The same data goes to
/// disk either way, and nothing waits for it.
#[cfg(target_os = "linux")]
fn start_writeback(file: &std::fs::File) {
    use std::os::fd::AsRawFd;
    // SAFETY: a plain system call on a file descriptor that `file` keeps
    // open; a failure only means the rename does the work as before.
    #[allow(unsafe_code)]
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_: &std::fs::File) {}

fn last_written(repo: &Repository) -> Option<String> {
    std::fs::read_to_string(stamp_path(repo)).ok()
}

/// `.git/index.lock`, created exclusively as git does; removed unless the
/// new index is moved into place.
struct IndexLock {
    path: std::path::PathBuf,
    file: Option<std::fs::File>,
}

impl IndexLock {
    fn acquire(repo: &Repository) -> Result<Option<IndexLock>> {
        let path = repo.path().join("index.lock");
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => Ok(Some(IndexLock {
                path,
                file: Some(file),
            })),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
        }
    }

    /// Writes the new index and renames it over the old one, then records
    /// its stamp. Like git, no fsync: the index is derived from HEAD and
    /// the work tree.
    #[cfg(unix)]
    fn commit(
        mut self,
        repo: &Repository,
        write: impl FnOnce(
            &mut std::io::BufWriter<&std::fs::File>,
            &dyn Fn(),
        ) -> std::io::Result<RawOid>,
    ) -> Result<()> {
        let file = self.file.take().expect("an open lock");
        let written = || start_writeback(&file);
        let checksum = write(
            &mut std::io::BufWriter::with_capacity(1 << 16, &file),
            &written,
        )
        .with_context(|| format!("cannot write {}", self.path.display()))?;
        let meta = file.metadata()?;
        drop(file);
        let index = self.path.with_file_name("index");
        std::fs::rename(&self.path, &index)
            .with_context(|| format!("cannot replace {}", index.display()))?;
        self.path.clear();
        let stamp = stamp_path(repo);
        if let Some(dir) = stamp.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(stamp, stamp_of(&meta, &checksum));
        Ok(())
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
