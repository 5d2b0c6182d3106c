//! Staging a bulk write (an import of thousands of entries) as one pack.
//!
//! libgit2's `add_path` reads each file back, looks up its attributes and
//! writes it as a loose object: 100,000 small files in `.git/objects`, each
//! created, compressed and renamed. Here the index entries are made from the
//! bytes already in hand and each file's `stat`, and the new objects reach
//! the disk as one pack streamed from those bytes.
//!
//! The trees libgit2 builds go to an in-memory object database on a second
//! handle on the repository, opened for this and dropped after: the
//! caller's handle never sees it, so no later write in the same process can
//! land in memory and be lost.

use super::Change;
use super::git_index::Hashing;
use super::splice::StoredAsIs;
use anyhow::{Context, Result};
use git2::{IndexEntry, IndexTime, ObjectType, Oid, Repository};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Stages `changes` (already written to the work tree) in the index and
/// returns the tree to commit, or `None` when a change needs what only
/// `add_path` does (attributes that convert content, an unusual path).
#[cfg(unix)]
pub(super) fn stage(caller: &Repository, root: &Path, changes: &[Change]) -> Result<Option<Oid>> {
    use std::os::unix::fs::MetadataExt;
    let repo =
        Repository::open(caller.path()).context("cannot open the journal's git repository")?;
    let mut as_is = StoredAsIs::new(&repo);
    if changes.iter().any(|c| as_is.check(c).is_some()) {
        return Ok(None);
    }
    let odb = repo.odb()?;
    // Above the loose (1) and pack (2) backends, so the trees land here.
    let memory = odb.add_new_mempack_backend(1000)?;
    let mut index = repo.index().map_err(super::git::unreadable_index)?;
    let mut blobs: HashMap<Oid, &[u8]> = HashMap::new();
    // The blobs are in no object database until the pack is written, so
    // libgit2 must not look for them while it stages them and builds trees.
    let lenient = LenientObjects::begin();
    for change in changes {
        match change {
            Change::Write { path, content } => {
                let id = Oid::hash_object(ObjectType::Blob, content)?;
                blobs.insert(id, content);
                let meta = std::fs::symlink_metadata(root.join(path))
                    .with_context(|| format!("cannot stat {path}"))?;
                let time = |secs: i64, nanos: i64| IndexTime::new(secs as i32, nanos as u32);
                index
                    .add(&IndexEntry {
                        ctime: time(meta.ctime(), meta.ctime_nsec()),
                        mtime: time(meta.mtime(), meta.mtime_nsec()),
                        dev: meta.dev() as u32,
                        ino: meta.ino() as u32,
                        mode: if meta.mode() & 0o111 != 0 {
                            0o100755
                        } else {
                            0o100644
                        },
                        uid: meta.uid(),
                        gid: meta.gid(),
                        file_size: meta.size() as u32,
                        id,
                        flags: 0,
                        flags_extended: 0,
                        path: path.as_bytes().to_vec(),
                    })
                    .with_context(|| format!("cannot stage {path}"))?;
            }
            Change::Remove { path } => {
                index.remove_path(Path::new(path)).ok();
            }
        }
    }
    let tree = index.write_tree()?;
    drop(lenient);

    // The pack first, then the index that points into it. Only objects the
    // disk does not have yet go in.
    let on_disk = caller.odb()?;
    let mut objects = Vec::new();
    new_objects(
        &repo,
        &on_disk,
        tree,
        ObjectType::Tree,
        &mut objects,
        &mut Default::default(),
    )?;
    // All trees first, as git orders a pack: walking the trees (every
    // index rebuild does) then touches the pack's first pages, not all.
    objects.sort_by_key(|(_, kind)| *kind != ObjectType::Tree);
    let mut writer = on_disk.packwriter()?;
    write_pack(&odb, &blobs, &objects, &mut writer).context("cannot write the pack")?;
    writer.commit().context("cannot write the pack")?;
    memory.reset()?;
    index.write().context("cannot write the git index")?;
    Ok(Some(tree))
}

#[cfg(not(unix))]
pub(super) fn stage(_: &Repository, _: &Path, _: &[Change]) -> Result<Option<Oid>> {
    Ok(None)
}

/// Turns off libgit2's check that staged and tree entries exist, for as long as
/// it lives (the setting is process-wide).
struct LenientObjects;

impl LenientObjects {
    fn begin() -> LenientObjects {
        git2::opts::strict_object_creation(false);
        LenientObjects
    }
}

impl Drop for LenientObjects {
    fn drop(&mut self) {
        git2::opts::strict_object_creation(true);
    }
}

/// The objects under `oid` that are not on disk yet, trees before their
/// entries. A folder already on disk is skipped whole: all it holds is too.
fn new_objects(
    repo: &Repository,
    on_disk: &git2::Odb<'_>,
    oid: Oid,
    kind: ObjectType,
    out: &mut Vec<(Oid, ObjectType)>,
    seen: &mut std::collections::HashSet<Oid>,
) -> Result<()> {
    // Two files (or folders) with the same content are one object. A miss
    // does not rescan the pack folder (libgit2's default, once per new
    // object, was a tenth of an import): the packs are the ones just read.
    if !seen.insert(oid) || on_disk.exists_ext(oid, git2::OdbLookupFlags::NO_REFRESH) {
        return Ok(());
    }
    out.push((oid, kind));
    if kind == ObjectType::Tree {
        let tree = repo.find_tree(oid)?;
        for entry in tree.iter() {
            if let Some(kind @ (ObjectType::Tree | ObjectType::Blob)) = entry.kind() {
                new_objects(repo, on_disk, entry.id(), kind, out, seen)?;
            }
        }
    }
    Ok(())
}

/// Streams a version 2 pack of `objects`, undeltified (git's own gc
/// deltifies later): blobs from the bytes in hand, trees from memory.
fn write_pack(
    odb: &git2::Odb<'_>,
    blobs: &HashMap<Oid, &[u8]>,
    objects: &[(Oid, ObjectType)],
    out: impl Write,
) -> Result<()> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut pack = Hashing::new(std::io::BufWriter::with_capacity(1 << 20, out));
    pack.write_all(b"PACK")?;
    pack.write_all(&2u32.to_be_bytes())?;
    pack.write_all(&(objects.len() as u32).to_be_bytes())?;
    let mut compressed = Vec::new();
    // One compressor for the whole pack: a fresh one per object cleared
    // and freed its tables 100,000 times in an import.
    let mut zlib = Compress::new(Compression::fast(), true);
    for (oid, kind) in objects {
        let tree;
        let (type_bits, data): (u8, &[u8]) = match kind {
            ObjectType::Blob => (3, blobs.get(oid).context("a blob the write did not make")?),
            _ => {
                tree = odb.read(*oid)?;
                (2, tree.data())
            }
        };
        // Type and size: 4 bits of size in the first byte, then 7 per byte.
        let mut header = Vec::with_capacity(10);
        let mut size = data.len();
        let mut byte = (type_bits << 4) | (size & 0x0f) as u8;
        size >>= 4;
        while size > 0 {
            header.push(byte | 0x80);
            byte = (size & 0x7f) as u8;
            size >>= 7;
        }
        header.push(byte);
        pack.write_all(&header)?;
        compressed.clear();
        zlib.reset();
        loop {
            // Room for incompressible data plus zlib's framing.
            compressed.reserve(data.len() / 2 + 64);
            let read = zlib.total_in() as usize;
            if zlib.compress_vec(&data[read..], &mut compressed, FlushCompress::Finish)?
                == Status::StreamEnd
            {
                break;
            }
        }
        pack.write_all(&compressed)?;
    }
    pack.finish()?.0.flush()?;
    Ok(())
}
