//! Entry ids: short, random, typed by hand.
//!
//! Ids are 12 letters from `k`..`z`. That alphabet holds no digit and no hex
//! letter, so an id can never be read as a date, a commit hash or a ticket
//! reference, and 16 letters give 4 bits per character: 48 random bits, so two
//! clones writing at the same time do not collide in practice, while any
//! 4-6 letter prefix is usually enough to name an entry.

use std::fmt;

pub const ALPHABET: &[u8; 16] = b"klmnopqrstuvwxyz";
pub const ID_LEN: usize = 12;
pub const MIN_PREFIX: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct EntryId(String);

impl EntryId {
    pub fn generate() -> EntryId {
        use rand::Rng;
        let mut rng = rand::rng();
        let id = (0..ID_LEN)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect();
        EntryId(id)
    }

    /// Accepts a full id as found in front matter.
    pub fn parse(text: &str) -> Option<EntryId> {
        (is_id_like(text) && text.len() == ID_LEN).then(|| EntryId(text.to_string()))
    }

    /// Accepts ids from other tools too (imported notes keep their own ids),
    /// as long as they are safe in a file name.
    pub fn parse_lenient(text: &str) -> Option<EntryId> {
        let ok = !text.is_empty()
            && text.len() <= 64
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| EntryId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// FNV-1a of a path: stable across versions and platforms, unlike std's
/// hasher, so what is derived from it (an id for a file without one, the
/// order of entries written in the same second) never changes.
pub fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf29ce484222325, |hash, b| {
        (hash ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// True when `text` could be (a prefix of) a casebook id.
pub fn is_id_like(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| ALPHABET.contains(&b))
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_use_the_alphabet_and_length() {
        for _ in 0..100 {
            let id = EntryId::generate();
            assert_eq!(id.as_str().len(), ID_LEN);
            assert!(is_id_like(id.as_str()));
            assert_eq!(EntryId::parse(id.as_str()), Some(id));
        }
    }

    #[test]
    fn ids_cannot_pass_for_dates_hex_or_tickets() {
        for text in ["2026-11-24", "deadbeef", "ZD-4821", "abcd"] {
            assert!(!is_id_like(text), "{text}");
        }
    }
}
