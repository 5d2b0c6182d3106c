//! Git's index file (`.git/index`, formats 2 and 3) read and rewritten as
//! bytes, for the fast commit path in `git.rs`.
//!
//! A journal of 100,000 entries has a 14 MB index. libgit2 parses all of it
//! into structures, hashes it with collision-detecting SHA-1 on the way in
//! and out, and rebuilds the cache-tree by re-reading trees: most of the cost
//! of writing one entry. A splice copies the unchanged entries as they are,
//! puts the few changed ones in order, updates the cache-tree (the `TREE`
//! extension) only on the changed paths, and hashes with a hardware SHA-1.
//!
//! Anything this module does not fully understand is `Unsupported`, and the
//! caller lets libgit2 do the work instead. The format is described in git's
//! `Documentation/gitformat-index.txt`.

use sha1::{Digest, Sha1};
use std::ops::Range;

const SIGNATURE: &[u8; 4] = b"DIRC";
const HEADER_LEN: usize = 12;
const HASH_LEN: usize = 20;
/// The fixed part of an entry: ten 32-bit stat fields, the object id, and
/// the 16-bit flags.
const ENTRY_FIXED_LEN: usize = 62;
const FLAG_EXTENDED: u16 = 0x4000;
const FLAG_STAGE: u16 = 0x3000;
const NAME_MASK: u16 = 0x0fff;
/// Deeper cache-trees than this are not journals; refusing them keeps a
/// hostile index from exhausting the stack.
const MAX_TREE_DEPTH: usize = 64;

pub type RawOid = [u8; HASH_LEN];

/// Why the fast path stepped aside; the libgit2 path takes over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub &'static str);

type Parsed<T> = Result<T, Unsupported>;

/// A parsed index: the file's bytes (owned or borrowed), where each entry
/// lies in them, and the cache-tree.
pub struct IndexFile<B> {
    bytes: B,
    version: u32,
    entries: Vec<EntrySpan>,
    pub cache_tree: Option<TreeNode>,
}

struct EntrySpan {
    bytes: Range<usize>,
    path: Range<usize>,
}

/// What `stat` said about a file, as the index records it (each field is
/// kept to its low 32 bits, as git does).
#[derive(Debug, Clone, Copy, Default)]
pub struct Stat {
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub dev: u32,
    pub ino: u32,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: u32,
}

/// One change to the index: a file staged as `oid`, or a path removed.
#[derive(Debug, Clone)]
pub enum Edit {
    Put {
        path: Vec<u8>,
        oid: RawOid,
        stat: Stat,
    },
    Delete {
        path: Vec<u8>,
    },
}

impl Edit {
    pub fn path(&self) -> &[u8] {
        match self {
            Edit::Put { path, .. } | Edit::Delete { path } => path,
        }
    }
}

/// One folder of the cache-tree: how many index entries it covers (-1 when
/// invalidated), the tree object those entries make, and its subfolders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    pub name: Vec<u8>,
    pub entries: i64,
    pub oid: Option<RawOid>,
    pub children: Vec<TreeNode>,
}

fn be16(b: &[u8], at: usize) -> Parsed<u16> {
    b.get(at..at + 2)
        .map(|s| u16::from_be_bytes([s[0], s[1]]))
        .ok_or(Unsupported("the index is truncated"))
}

fn be32(b: &[u8], at: usize) -> Parsed<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or(Unsupported("the index is truncated"))
}

/// An entry's length on disk: padded with 1 to 8 NULs to a multiple of 8.
fn entry_len(fixed: usize, name_len: usize) -> usize {
    (fixed + name_len + 8) & !7
}

impl<B: AsRef<[u8]>> IndexFile<B> {
    /// Parses an index, checking its checksum unless `trusted` (the caller
    /// knows these are bytes it wrote itself).
    pub fn parse(file: B, trusted: bool) -> Parsed<IndexFile<B>> {
        let bytes = file.as_ref();
        if bytes.len() < HEADER_LEN + HASH_LEN || &bytes[..4] != SIGNATURE {
            return Err(Unsupported("not a git index"));
        }
        let version = be32(bytes, 4)?;
        if version != 2 && version != 3 {
            return Err(Unsupported("index format other than 2 or 3"));
        }
        let count = be32(bytes, 8)? as usize;
        let body_end = bytes.len() - HASH_LEN;
        let trailer = &bytes[body_end..];
        if trailer.iter().all(|b| *b == 0) {
            return Err(Unsupported("index written without a checksum"));
        }
        if !trusted && Sha1::digest(&bytes[..body_end]).as_slice() != trailer {
            return Err(Unsupported("index checksum mismatch"));
        }

        let mut entries = Vec::with_capacity(count.min(body_end / ENTRY_FIXED_LEN));
        let mut pos = HEADER_LEN;
        for _ in 0..count {
            let flags = be16(bytes, pos + 60)?;
            if flags & FLAG_STAGE != 0 {
                return Err(Unsupported("the index holds a conflict"));
            }
            // Extended flags mark intent-to-add and skip-worktree entries,
            // which the cache-tree counts differently.
            if flags & FLAG_EXTENDED != 0 {
                return Err(Unsupported("the index has extended entry flags"));
            }
            let name_at = pos + ENTRY_FIXED_LEN;
            let name_len = match flags & NAME_MASK {
                NAME_MASK => bytes
                    .get(name_at..body_end)
                    .and_then(|rest| rest.iter().position(|b| *b == 0))
                    .ok_or(Unsupported("the index is truncated"))?,
                n => n as usize,
            };
            let end = pos + entry_len(ENTRY_FIXED_LEN, name_len);
            if end > body_end {
                return Err(Unsupported("the index is truncated"));
            }
            entries.push(EntrySpan {
                bytes: pos..end,
                path: name_at..name_at + name_len,
            });
            pos = end;
        }

        let mut cache_tree = None;
        while pos < body_end {
            let signature = bytes
                .get(pos..pos + 4)
                .ok_or(Unsupported("the index is truncated"))?;
            let len = be32(bytes, pos + 4)? as usize;
            let data = bytes
                .get(pos + 8..pos + 8 + len)
                .filter(|_| pos + 8 + len <= body_end)
                .ok_or(Unsupported("the index is truncated"))?;
            match signature {
                b"TREE" => cache_tree = Some(TreeNode::parse(data)?),
                // Upper case means optional: dropping it is always safe
                // (untracked cache, resolve-undo, fsmonitor, offsets).
                s if s[0].is_ascii_uppercase() => {}
                _ => return Err(Unsupported("split or sparse index")),
            }
            pos += 8 + len;
        }

        let index = IndexFile {
            bytes: file,
            version,
            entries,
            cache_tree,
        };
        // Our own writes keep the order; anyone else's is checked.
        if !trusted && !index.is_sorted() {
            return Err(Unsupported("index entries out of order"));
        }
        Ok(index)
    }

    fn bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    fn path(&self, i: usize) -> &[u8] {
        &self.bytes()[self.entries[i].path.clone()]
    }

    fn is_sorted(&self) -> bool {
        (1..self.entries.len()).all(|i| self.path(i - 1) < self.path(i))
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    pub fn contains(&self, path: &[u8]) -> bool {
        self.entries
            .binary_search_by(|e| self.bytes()[e.path.clone()].cmp(path))
            .is_ok()
    }

    /// Writes the index with `edits` applied to `out`, returning its
    /// checksum. `edits` must be sorted by path with no path twice;
    /// `cache_tree` replaces the one read. Runs of untouched entries go
    /// straight from the old bytes to the writer. `written` is called once
    /// everything but the checksum is flushed to `out`, while a large index
    /// is still being hashed.
    pub fn write_to(
        &self,
        edits: &[Edit],
        cache_tree: Option<&TreeNode>,
        mut out: impl std::io::Write,
        written: impl FnOnce(),
    ) -> std::io::Result<RawOid> {
        let new_entries: Vec<Vec<u8>> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::Put { path, oid, stat } => Some(entry_bytes(path, oid, stat)),
                Edit::Delete { .. } => None,
            })
            .collect();
        let header = self.header(edits);
        let tree = cache_tree.map(|tree| {
            let mut data = Vec::new();
            tree.write(&mut data);
            let mut extension = Vec::with_capacity(data.len() + 8);
            extension.extend_from_slice(b"TREE");
            extension.extend_from_slice(&(data.len() as u32).to_be_bytes());
            extension.extend_from_slice(&data);
            extension
        });
        let mut pieces = vec![&header[..]];
        pieces.extend(self.spliced(edits, &new_entries));
        pieces.extend(tree.as_deref());

        // Hashing a large index takes as long as writing it: the two run
        // side by side.
        let total: usize = pieces.iter().map(|p| p.len()).sum();
        let checksum = if total >= PARALLEL_HASH_FROM {
            std::thread::scope(|scope| {
                let hasher = scope.spawn(|| checksum_of(&pieces));
                let result = pieces.iter().try_for_each(|p| out.write_all(p));
                let result = result.and_then(|()| out.flush()).map(|()| written());
                let checksum = hasher.join().expect("hashing does not panic");
                result.map(|()| checksum)
            })?
        } else {
            let checksum = checksum_of(&pieces);
            pieces.iter().try_for_each(|p| out.write_all(p))?;
            out.flush()?;
            written();
            checksum
        };
        out.write_all(&checksum)?;
        out.flush()?;
        Ok(checksum)
    }

    /// The index header for the entry count after `edits`.
    fn header(&self, edits: &[Edit]) -> Vec<u8> {
        let count = edits.iter().fold(self.entries.len() as i64, |n, e| {
            match (e, self.contains(e.path())) {
                (Edit::Put { .. }, false) => n + 1,
                (Edit::Delete { .. }, true) => n - 1,
                _ => n,
            }
        });
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(SIGNATURE);
        header.extend_from_slice(&self.version.to_be_bytes());
        header.extend_from_slice(&(count as u32).to_be_bytes());
        header
    }

    /// The entries after `edits`, in order, as slices: runs of untouched
    /// entries borrowed from the old bytes, and `new_entries` (one per
    /// `Edit::Put`, in the same order) where they belong.
    fn spliced<'s>(&'s self, edits: &[Edit], new_entries: &'s [Vec<u8>]) -> Vec<&'s [u8]> {
        debug_assert!(edits.windows(2).all(|w| w[0].path() < w[1].path()));
        let mut pieces = Vec::with_capacity(2 * edits.len() + 1);
        let mut new_entries = new_entries.iter();
        let mut pending = edits.iter().peekable();
        let mut run = HEADER_LEN..HEADER_LEN;
        for (i, span) in self.entries.iter().enumerate() {
            let path = self.path(i);
            let mut replaced = false;
            while let Some(edit) = pending.next_if(|e| e.path() <= path) {
                pieces.push(&self.bytes()[run.clone()]);
                run = span.bytes.start..span.bytes.start;
                if let Edit::Put { .. } = edit {
                    pieces.extend(new_entries.next().map(|e| &e[..]));
                }
                replaced = edit.path() == path;
            }
            run = if replaced {
                span.bytes.end..span.bytes.end
            } else {
                run.start..span.bytes.end
            };
        }
        pieces.push(&self.bytes()[run]);
        pieces.extend(new_entries.map(|e| &e[..]));
        pieces.retain(|p| !p.is_empty());
        pieces
    }

    /// `write_to` into memory.
    #[cfg(test)]
    pub fn write(&self, edits: &[Edit], cache_tree: Option<&TreeNode>) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes().len() + 512);
        self.write_to(edits, cache_tree, &mut out, || {})
            .expect("writing to memory");
        out
    }
}

/// Below this size an index is hashed before it is written, on one thread.
const PARALLEL_HASH_FROM: usize = 1 << 20;

fn checksum_of(pieces: &[&[u8]]) -> RawOid {
    let mut hash = Sha1::new();
    for piece in pieces {
        hash.update(piece);
    }
    hash.finalize().into()
}

/// A writer that hashes what goes through it (git's files end with the
/// SHA-1 of what comes before).
pub(super) struct Hashing<W> {
    pub(super) inner: W,
    pub(super) hash: Sha1,
}

impl<W: std::io::Write> Hashing<W> {
    pub(super) fn new(inner: W) -> Hashing<W> {
        Hashing {
            inner,
            hash: Sha1::new(),
        }
    }

    pub(super) fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.hash.update(bytes);
        self.inner.write_all(bytes)
    }

    /// Writes the hash of everything so far, and returns it.
    pub(super) fn finish(mut self) -> std::io::Result<(W, RawOid)> {
        let hash: RawOid = self.hash.finalize().into();
        self.inner.write_all(&hash)?;
        Ok((self.inner, hash))
    }
}

fn entry_bytes(path: &[u8], oid: &RawOid, stat: &Stat) -> Vec<u8> {
    let mut out = Vec::with_capacity(entry_len(ENTRY_FIXED_LEN, path.len()));
    for field in [
        stat.ctime.0,
        stat.ctime.1,
        stat.mtime.0,
        stat.mtime.1,
        stat.dev,
        stat.ino,
        stat.mode,
        stat.uid,
        stat.gid,
        stat.size,
    ] {
        out.extend_from_slice(&field.to_be_bytes());
    }
    out.extend_from_slice(oid);
    let name_flag = path.len().min(NAME_MASK as usize) as u16;
    out.extend_from_slice(&name_flag.to_be_bytes());
    out.extend_from_slice(path);
    out.resize(entry_len(ENTRY_FIXED_LEN, path.len()), 0);
    out
}

impl TreeNode {
    fn parse(data: &[u8]) -> Parsed<TreeNode> {
        let mut pos = 0;
        let root = TreeNode::parse_at(data, &mut pos, 0)?;
        if pos != data.len() {
            return Err(Unsupported("cache-tree has trailing bytes"));
        }
        Ok(root)
    }

    fn parse_at(data: &[u8], pos: &mut usize, depth: usize) -> Parsed<TreeNode> {
        const BAD: Unsupported = Unsupported("cache-tree is damaged");
        if depth > MAX_TREE_DEPTH {
            return Err(Unsupported("cache-tree is too deep"));
        }
        let rest = data.get(*pos..).ok_or(BAD)?;
        let nul = rest.iter().position(|b| *b == 0).ok_or(BAD)?;
        let name = rest[..nul].to_vec();
        let rest = &rest[nul + 1..];
        let newline = rest.iter().position(|b| *b == b'\n').ok_or(BAD)?;
        let counts = std::str::from_utf8(&rest[..newline]).map_err(|_| BAD)?;
        let (entries, subtrees) = counts.split_once(' ').ok_or(BAD)?;
        let entries: i64 = entries.parse().map_err(|_| BAD)?;
        let subtrees: usize = subtrees.parse().map_err(|_| BAD)?;
        if entries < -1 {
            return Err(BAD);
        }
        *pos += nul + 1 + newline + 1;
        let oid = if entries >= 0 {
            let raw = data.get(*pos..*pos + HASH_LEN).ok_or(BAD)?;
            *pos += HASH_LEN;
            Some(raw.try_into().expect("twenty bytes"))
        } else {
            None
        };
        let mut children = Vec::with_capacity(subtrees.min(data.len()));
        for _ in 0..subtrees {
            children.push(TreeNode::parse_at(data, pos, depth + 1)?);
        }
        Ok(TreeNode {
            name,
            entries,
            oid,
            children,
        })
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.name);
        out.push(0);
        out.extend_from_slice(format!("{} {}\n", self.entries, self.children.len()).as_bytes());
        if let (Some(oid), true) = (&self.oid, self.entries >= 0) {
            out.extend_from_slice(oid);
        }
        for child in &self.children {
            child.write(out);
        }
    }

    /// Whether this cache-tree says the index holds exactly `tree`.
    pub fn describes(&self, tree: &RawOid) -> bool {
        self.entries >= 0 && self.oid.as_ref() == Some(tree)
    }

    fn child_mut(&mut self, name: &[u8]) -> Option<&mut TreeNode> {
        self.children.iter_mut().find(|c| c.name == name)
    }

    fn node_mut(&mut self, dir: &[&[u8]]) -> Option<&mut TreeNode> {
        dir.iter().try_fold(self, |node, name| node.child_mut(name))
    }

    /// Brings a valid cache-tree up to date after a change of `entries` index
    /// entries under each path in `changes` (+1 added, -1 removed, 0
    /// replaced). `folder` says what tree each folder on those paths now is
    /// (None: gone), `existed` whether it was a folder before, and `root`
    /// the new top tree.
    pub fn update(
        &mut self,
        changes: &[(&[u8], i64)],
        root: RawOid,
        folder: impl Fn(&[u8]) -> Option<RawOid>,
        existed: impl Fn(&[u8]) -> bool,
    ) -> Parsed<()> {
        const STALE: Unsupported = Unsupported("cache-tree is not complete");
        let mut touched: Vec<Vec<&[u8]>> = Vec::new();
        for (path, delta) in changes {
            let parts: Vec<&[u8]> = path.split(|b| *b == b'/').collect();
            let dirs = &parts[..parts.len() - 1];
            if self.entries < 0 {
                return Err(STALE);
            }
            self.entries += delta;
            let mut node = &mut *self;
            for (depth, name) in dirs.iter().enumerate() {
                let at = match node.children.iter().position(|c| c.name == *name) {
                    Some(at) => at,
                    None => {
                        // A folder missing from a valid cache-tree must be
                        // new; otherwise the cache cannot be trusted.
                        if existed(&dirs[..=depth].join(&b'/')) {
                            return Err(STALE);
                        }
                        let new = TreeNode {
                            name: name.to_vec(),
                            entries: 0,
                            oid: None,
                            children: Vec::new(),
                        };
                        // Git keeps subtrees ordered by name length, then name.
                        let at = node
                            .children
                            .partition_point(|c| (c.name.len(), &c.name[..]) < (name.len(), name));
                        node.children.insert(at, new);
                        at
                    }
                };
                node = &mut node.children[at];
                if node.entries < 0 && node.oid.is_some() {
                    return Err(STALE);
                }
                node.entries += delta;
                if !touched.iter().any(|t| t[..] == dirs[..=depth]) {
                    touched.push(dirs[..=depth].to_vec());
                }
            }
        }
        // Deepest first, so an emptied folder is gone before its parent's
        // id is read.
        touched.sort_by_key(|dir| std::cmp::Reverse(dir.len()));
        for dir in &touched {
            let oid = folder(&dir.join(&b'/'));
            let (parent, name) = dir.split_at(dir.len() - 1);
            let node = self.node_mut(dir).ok_or(STALE)?;
            match oid {
                Some(oid) if node.entries > 0 => node.oid = Some(oid),
                None if node.entries == 0 => {
                    let parent = self.node_mut(parent).ok_or(STALE)?;
                    parent.children.retain(|c| c.name != name[0]);
                }
                _ => return Err(STALE),
            }
        }
        self.oid = Some(root);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stat(size: u32) -> Stat {
        Stat {
            mode: 0o100644,
            size,
            ..Stat::default()
        }
    }

    fn put(path: &str) -> Edit {
        Edit::Put {
            path: path.as_bytes().to_vec(),
            oid: [7; 20],
            stat: stat(3),
        }
    }

    /// An index built from nothing: entries `paths`, and a cache-tree.
    fn index_of(paths: &[&str], tree: Option<&TreeNode>) -> Vec<u8> {
        let empty = {
            let mut b = Vec::new();
            b.extend_from_slice(SIGNATURE);
            b.extend_from_slice(&2u32.to_be_bytes());
            b.extend_from_slice(&0u32.to_be_bytes());
            let hash = Sha1::digest(&b);
            b.extend_from_slice(&hash);
            b
        };
        let base = IndexFile::parse(&empty, false).unwrap();
        let mut edits: Vec<Edit> = paths.iter().map(|p| put(p)).collect();
        edits.sort_by(|a, b| a.path().cmp(b.path()));
        base.write(&edits, tree)
    }

    fn paths_of(index: &IndexFile<impl AsRef<[u8]>>) -> Vec<String> {
        (0..index.entry_count())
            .map(|i| String::from_utf8(index.path(i).to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn a_splice_keeps_entries_in_order_and_replaces_in_place() {
        let bytes = index_of(&["a/1.md", "b/2.md", "c/3.md"], None);
        let index = IndexFile::parse(&bytes, false).unwrap();
        let edits = vec![
            put("a/0.md"),
            Edit::Delete {
                path: b"b/2.md".to_vec(),
            },
            put("c/3.md"),
            put("d/4.md"),
        ];
        let out = index.write(&edits, None);
        let spliced = IndexFile::parse(&out, false).unwrap();
        assert_eq!(paths_of(&spliced), ["a/0.md", "a/1.md", "c/3.md", "d/4.md"]);
        assert!(spliced.contains(b"d/4.md"));
        assert!(!spliced.contains(b"b/2.md"));
    }

    #[test]
    fn long_names_are_nul_terminated_and_padded() {
        let long = format!("people/{}.md", "x".repeat(5000));
        let bytes = index_of(&[&long, "z.md"], None);
        let index = IndexFile::parse(&bytes, false).unwrap();
        assert_eq!(paths_of(&index), [long.as_str(), "z.md"]);
    }

    #[test]
    fn the_cache_tree_round_trips_and_follows_a_change() {
        let tree = TreeNode {
            name: Vec::new(),
            entries: 2,
            oid: Some([1; 20]),
            children: vec![TreeNode {
                name: b"a".to_vec(),
                entries: 2,
                oid: Some([2; 20]),
                children: Vec::new(),
            }],
        };
        let bytes = index_of(&["a/1.md", "a/2.md"], Some(&tree));
        let index = IndexFile::parse(&bytes, false).unwrap();
        let mut read = index.cache_tree.clone().unwrap();
        assert_eq!(read, tree);
        assert!(read.describes(&[1; 20]));

        // Add b/c/3.md and remove both a/ files: a/ goes, b/ and b/c/ appear.
        let changes: Vec<(&[u8], i64)> = vec![(b"a/1.md", -1), (b"a/2.md", -1), (b"b/c/3.md", 1)];
        read.update(
            &changes,
            [9; 20],
            |dir| match dir {
                b"b" => Some([3; 20]),
                b"b/c" => Some([4; 20]),
                _ => None,
            },
            |dir| dir == b"a",
        )
        .unwrap();
        assert_eq!(read.entries, 1);
        assert_eq!(read.oid, Some([9; 20]));
        assert_eq!(read.children.len(), 1);
        let b = &read.children[0];
        assert_eq!(
            (b.name.as_slice(), b.entries, b.oid),
            (&b"b"[..], 1, Some([3; 20]))
        );
        assert_eq!(b.children[0].oid, Some([4; 20]));
    }

    #[test]
    fn a_folder_missing_from_the_cache_but_present_before_is_refused() {
        let mut tree = TreeNode {
            name: Vec::new(),
            entries: 1,
            oid: Some([1; 20]),
            children: Vec::new(),
        };
        let changes: Vec<(&[u8], i64)> = vec![(b"a/2.md", 1)];
        let got = tree.update(&changes, [9; 20], |_| Some([2; 20]), |_| true);
        assert!(got.is_err());
    }

    #[test]
    fn damage_is_refused_not_trusted() {
        let mut bytes = index_of(&["a.md"], None);
        let at = bytes.len() - 25;
        bytes[at] ^= 1;
        assert_eq!(
            IndexFile::parse(&bytes, false).err(),
            Some(Unsupported("index checksum mismatch"))
        );
    }

    proptest! {
        #[test]
        fn any_bytes_parse_or_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = IndexFile::parse(&bytes, false);
            let _ = TreeNode::parse(&bytes);
        }

        #[test]
        fn a_valid_checksum_over_damaged_content_never_panics(at in 12usize..200, byte in any::<u8>()) {
            let tree = TreeNode { name: Vec::new(), entries: 2, oid: Some([1; 20]), children: Vec::new() };
            let mut bytes = index_of(&["a/1.md", "b/22.md"], Some(&tree));
            let body = bytes.len() - HASH_LEN;
            if at < body {
                bytes[at] = byte;
                let hash = Sha1::digest(&bytes[..body]);
                bytes[body..].copy_from_slice(&hash);
            }
            if let Ok(index) = IndexFile::parse(&bytes, false) {
                let _ = index.write(&[put("a/0.md")], index.cache_tree.as_ref());
            }
        }

        #[test]
        fn a_damaged_cache_tree_is_refused_not_trusted(tail in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut data = b"\x000 1\n".to_vec();
            data.extend_from_slice(&tail);
            let _ = TreeNode::parse(&data);
        }
    }
}
