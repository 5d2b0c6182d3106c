//! casebook: a git-backed practice journal for customer-support specialists.
//!
//! The module map, from the pure core outwards:
//!
//! - [`entry`]: the entry model, front matter, validation. No I/O.
//! - [`compose`]: composing an entry before it is written: defaults, flags, the editor's text.
//! - [`dates`]: dates, relative dates and named periods.
//! - [`journal`]: the journal on disk and in git: layout, config, atomic
//!   writes, commits, history, locking. The only module that imports git2.
//! - [`pii`]: the personal-data guard run before every commit. No I/O.
//! - [`index`]: the tantivy search index, kept in step with git. The only
//!   module that imports tantivy.
//! - [`review`]: the evidence pack as plain data.
//! - [`loops`]: the practice loops' rules as plain data: what each report
//!   shows, the proposal and QA-flag state machines, prediction expiry,
//!   the analytics, metrics and triage exports. Writes are `WriteRequest`s.
//! - [`render`]: how data looks: terminal, Markdown, HTML, JSON; one view
//!   per practice-loop command in `render::loops` (its text and its JSON).
//! - [`profile`]: where a person stands on the ladder, each change a new entry.
//! - [`purge`]: what an erasure or the retention setting removes from history.
//! - [`refs`]: entry references as typed (id, prefix, path, `@~N`), resolved.
//! - [`search`]: the search verb: query, typo fixes, ranked hits, snippets.
//! - [`session`]: the library's front door: one open journal, its index,
//!   and where its notices go. No clap, no printing.
//! - [`settings`]: the three layers of settings and what may be set.
//! - [`skill`]: the skills loop's rules: own trees, ratings, the month's focus.
//! - [`status`]: the figures of `status`: the week, drafts, pending predictions.
//! - [`write`]: the one write pipeline every command that writes uses:
//!   validate, kind rules, screen, redact, keep a draft, commit, index.
//! - [`export`]: what `export` writes: CSV with every field, a folder of
//!   entry files in the journal's layout.
//! - [`import`]: reading other tools' data (and casebook's exports) into
//!   entries, and matching them against the journal by identity.
//! - [`check`]: what `check` finds in entry files, their links and history.
//! - [`drafts`]: texts kept when a write was refused or interrupted.
//! - [`edit`]: what an edit may change about an entry (a draft's kind).
//! - [`error`]: the library's typed error (a kind, a message, where, a
//!   hint), mapped to exit codes once, in `cli::error`.
//! - [`demo`]: the built-in demo journal.
//! - [`cli`]: argument parsing, settings, output, one file per command.
//!
//! Unsafe code is denied crate-wide. The two exceptions, mapping git's index
//! and starting its writeback, are in `journal::splice`, each with the reason
//! it is sound.

pub mod check;
pub mod cli;
pub mod clock;
pub mod compose;
pub mod dates;
pub mod demo;
pub mod drafts;
pub mod edit;
pub mod entry;
pub mod error;
pub mod export;
pub mod filter;
pub mod import;
pub mod index;
pub mod journal;
pub mod loops;
pub mod pii;
pub mod profile;
pub mod purge;
pub mod refs;
pub mod render;
pub mod review;
pub mod search;
pub mod session;
pub mod settings;
pub mod skill;
pub mod skills;
pub mod status;
pub mod write;

pub use error::{Error, ErrorKind, Location, Result};
