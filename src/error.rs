//! The library's error: what went wrong as a kind the front end can act on,
//! a sentence for a person, where it happened, and what to do about it.
//!
//! Library verbs return [`Result`]. The command line maps an [`ErrorKind`]
//! to an exit code and a hint in one place (`cli::error`); nothing below it
//! looks at error text or downcasts to learn what happened.
//!
//! Older parts of the library still return `anyhow::Error`; the
//! `From<anyhow::Error>` conversion here is the one place that lifts the
//! typed errors carried inside one back into a kind.

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of failure, which decides the exit code and whether a hint
/// about the input helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Input that cannot be used: a bad flag value or date, an unknown kind,
    /// skill or level, an ambiguous prefix, a malformed file or record.
    Invalid,
    /// What was named does not exist: an entry, a person, a draft, a tag.
    NotFound,
    /// The journal's state disagrees with the request: something already
    /// exists, was changed meanwhile, or is in conflict.
    Conflict,
    /// Personal data found and not allowed through.
    PersonalData,
    /// Not inside a journal.
    NotAJournal,
    /// git failed.
    Git,
    /// The search index failed.
    Index,
    /// Reading or writing a file failed.
    Io,
    /// Anything not classified yet (errors that came through `anyhow`).
    Other,
}

/// Where an error points: a file, and within it a line or a field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    /// A field, column or key of the record at that place.
    pub field: Option<String>,
}

impl Location {
    pub fn file(path: impl AsRef<Path>) -> Location {
        Location {
            file: Some(path.as_ref().to_path_buf()),
            ..Location::default()
        }
    }

    pub fn line(mut self, line: usize) -> Location {
        self.line = Some(line);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Location {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    /// `notes/a.md:12: status` — the shape editors and compilers use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.display().to_string());
        }
        if let Some(line) = self.line {
            parts.push(line.to_string());
        }
        f.write_str(&parts.join(":"))?;
        if let Some(field) = &self.field {
            if !parts.is_empty() {
                f.write_str(": ")?;
            }
            f.write_str(field)?;
        }
        Ok(())
    }
}

#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
    hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid, message)
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Conflict, message)
    }

    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, err.to_string()).at(Location::file(path))
    }

    pub fn at(mut self, location: Location) -> Error {
        self.location = Some(location);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The sentence without its location.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string())
    }
}

impl From<crate::dates::DateError> for Error {
    fn from(e: crate::dates::DateError) -> Error {
        Error::invalid(e.to_string()).with_hint("see `casebook help dates`")
    }
}

impl From<crate::entry::UnknownKind> for Error {
    fn from(e: crate::entry::UnknownKind) -> Error {
        Error::invalid(e.to_string())
    }
}

impl From<crate::journal::NotAJournal> for Error {
    fn from(e: crate::journal::NotAJournal) -> Error {
        Error::new(ErrorKind::NotAJournal, e.to_string()).with_hint(NOT_A_JOURNAL_HINT)
    }
}

/// What to do when a command runs outside any journal.
pub const NOT_A_JOURNAL_HINT: &str =
    "run `casebook init DIR` to start one, `casebook demo DIR` to try one, or pass -C DIR";

impl From<anyhow::Error> for Error {
    /// The typed errors an `anyhow` chain may carry keep their kind; the
    /// rest are [`ErrorKind::Other`], with the whole chain as the message.
    fn from(e: anyhow::Error) -> Error {
        let message = format!("{e:#}");
        let e = match e.downcast::<Error>() {
            Ok(typed) => return typed,
            Err(e) => e,
        };
        let kind = if e.downcast_ref::<crate::journal::NotAJournal>().is_some() {
            return Error::new(ErrorKind::NotAJournal, message).with_hint(NOT_A_JOURNAL_HINT);
        } else if e.downcast_ref::<crate::entry::UnknownKind>().is_some()
            || e.downcast_ref::<crate::dates::DateError>().is_some()
        {
            ErrorKind::Invalid
        } else if e.downcast_ref::<std::io::Error>().is_some() {
            ErrorKind::Io
        } else {
            ErrorKind::Other
        };
        Error::new(kind, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_reads_like_a_compiler_message() {
        let e = Error::invalid("unknown status 'opne'")
            .at(Location::file("notes/a.md").line(12).field("status"));
        assert_eq!(
            e.to_string(),
            "notes/a.md:12: status: unknown status 'opne'"
        );
        assert_eq!(e.message(), "unknown status 'opne'");
        assert_eq!(e.kind(), ErrorKind::Invalid);
    }

    #[test]
    fn a_typed_error_keeps_its_kind_through_anyhow() {
        let inner = Error::not_found("no entry matches 'abc'").with_hint("see `casebook list`");
        let through: anyhow::Error = anyhow::Error::new(inner).context("showing abc");
        let back = Error::from(through);
        assert_eq!(back.kind(), ErrorKind::NotFound);
        assert_eq!(back.hint(), Some("see `casebook list`"));
    }

    #[test]
    fn an_unknown_kind_is_invalid_input_and_an_io_error_is_io() {
        let e = Error::from(anyhow::Error::new(crate::entry::UnknownKind(
            "notte".into(),
        )));
        assert_eq!(e.kind(), ErrorKind::Invalid);
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert_eq!(Error::from(anyhow::Error::new(io)).kind(), ErrorKind::Io);
        assert_eq!(
            Error::from(anyhow::anyhow!("something else")).kind(),
            ErrorKind::Other
        );
    }
}
