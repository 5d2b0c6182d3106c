//! One writer at a time per journal. The lock is an OS file lock, so a
//! process that dies releases it and never blocks the next command.

use anyhow::{Context, Result};
use std::fs::File;
use std::path::Path;

pub struct JournalLock {
    _file: File,
}

impl JournalLock {
    pub fn acquire(state_dir: &Path, notify: &dyn Fn(&str)) -> Result<JournalLock> {
        std::fs::create_dir_all(state_dir)
            .with_context(|| format!("cannot create {}", state_dir.display()))?;
        let path = state_dir.join("write.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                notify("waiting for another casebook command to finish writing...");
                file.lock()
                    .with_context(|| format!("cannot lock {}", path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        Ok(JournalLock { _file: file })
    }

    /// The lock if nobody holds it, `None` if a writer is running.
    pub fn try_acquire(state_dir: &Path) -> Result<Option<JournalLock>> {
        let path = state_dir.join("write.lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(JournalLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}
