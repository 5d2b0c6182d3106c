//! Errors as the user sees them, and the one place that maps them to exit
//! codes: 0 success, 1 an error or nothing found, 2 a usage error or bad
//! value, 130 interrupted, 101 an internal error (a panic).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something failed, or `check` found problems.
    Failure,
    /// A selecting command found nothing; printed without "error:".
    NothingFound,
    /// Bad flags, unknown kind/skill/id, ambiguous prefix, bad date.
    Usage,
    Interrupted,
}

#[derive(Debug)]
pub struct CliError {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
    /// What a script reads on stdout under `--json` instead of nothing.
    pub json: Option<Box<serde_json::Value>>,
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl CliError {
    pub fn failure(message: impl Into<String>) -> CliError {
        CliError {
            kind: ErrorKind::Failure,
            message: message.into(),
            hint: None,
            json: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            kind: ErrorKind::Usage,
            message: message.into(),
            hint: None,
            json: None,
        }
    }

    pub fn nothing(message: impl Into<String>) -> CliError {
        CliError {
            kind: ErrorKind::NothingFound,
            message: message.into(),
            hint: None,
            json: None,
        }
    }

    /// Ctrl-C (or the end of input) before anything was typed.
    pub fn interrupted() -> CliError {
        CliError {
            kind: ErrorKind::Interrupted,
            message: "interrupted; nothing was saved".into(),
            hint: None,
            json: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> CliError {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_json(mut self, json: serde_json::Value) -> CliError {
        self.json = Some(Box::new(json));
        self
    }

    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Failure | ErrorKind::NothingFound => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Interrupted => 130,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<crate::Error> for CliError {
    /// The one mapping from a library error's kind to an exit code: input
    /// that cannot be used (a bad value, an unknown name, running outside a
    /// journal) is a usage error; the rest are failures.
    fn from(e: crate::Error) -> CliError {
        use crate::ErrorKind as K;
        let kind = match e.kind() {
            K::Invalid | K::NotFound | K::NotAJournal => ErrorKind::Usage,
            K::Conflict | K::PersonalData | K::Git | K::Index | K::Io | K::Other => {
                ErrorKind::Failure
            }
        };
        CliError {
            kind,
            message: e.to_string(),
            hint: e.hint().map(str::to_string),
            json: None,
        }
    }
}

impl From<anyhow::Error> for CliError {
    fn from(e: anyhow::Error) -> CliError {
        CliError::from(crate::Error::from(e))
    }
}

// I/O and date errors take their kind from the library's conversions, so
// the kind is decided once, in `crate::error`.
impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> CliError {
        CliError::from(crate::Error::from(e))
    }
}

impl From<crate::dates::DateError> for CliError {
    fn from(e: crate::dates::DateError) -> CliError {
        CliError::from(crate::Error::from(e))
    }
}
