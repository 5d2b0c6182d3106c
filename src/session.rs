//! The library's front door: a `Session` holds one open journal, its
//! search index (opened lazily and kept in step with every write) and the
//! sink that status lines go to. Any front end (the command line, a test, a
//! future editor plugin) opens a session and calls its verbs; nothing here
//! parses arguments or prints.
//!
//! Every write goes through [`crate::write`], whose pipeline ends in
//! [`Session::commit`] or [`Session::commit_bulk`]: the only two ways a
//! commit is made.

use crate::index::{Index, SyncReport};
use crate::journal::{Change, CommitInfo, Journal};

/// What a session has to say while it works, for the front end to show
/// (or not): news, warnings and details for `--verbose`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Status(String),
    Warning(String),
    Detail(String),
}

/// Where a session's notices go.
pub type Sink = std::sync::Arc<dyn Fn(Notice) + Send + Sync>;

pub struct Session {
    journal: Journal,
    index: Option<Index>,
    sink: Sink,
}

impl Session {
    /// A session on an open journal; `sink` receives its notices.
    pub fn new(mut journal: Journal, sink: Sink) -> Session {
        let to_sink = sink.clone();
        journal.set_notifier(std::sync::Arc::new(move |line: &str| {
            to_sink(Notice::Status(line.to_string()))
        }));
        Session {
            journal,
            index: None,
            sink,
        }
    }

    /// A session whose notices are dropped (tests, scripts).
    pub fn quiet(journal: Journal) -> Session {
        Session::new(journal, std::sync::Arc::new(|_| {}))
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    pub(crate) fn notify(&self, notice: Notice) {
        (self.sink)(notice)
    }

    /// The index, brought up to date with the journal's HEAD first.
    pub fn index(&mut self) -> anyhow::Result<&Index> {
        if self.index.is_none() {
            let sink = &self.sink;
            let (index, report) = Index::open(&self.journal, &mut |line| {
                // A first build is news, not a problem; a rebuild is a warning.
                if line.starts_with("building") {
                    sink(Notice::Status(line.to_string()))
                } else {
                    sink(Notice::Warning(line.to_string()))
                }
            })?;
            self.report_sync(&report);
            self.index = Some(index);
        }
        Ok(self.index.as_ref().expect("just opened"))
    }

    fn report_sync(&self, report: &SyncReport) {
        if report.rebuilt.is_some() || report.updated + report.removed > 0 {
            self.notify(Notice::Detail(format!(
                "index: {} updated, {} removed{}",
                report.updated,
                report.removed,
                if report.rebuilt.is_some() {
                    " (rebuilt)"
                } else {
                    ""
                }
            )));
        }
        for path in &report.unreadable {
            self.notify(Notice::Warning(format!(
                "{path} cannot be read; `casebook check {path}` says why"
            )));
        }
    }

    /// Runs a query against the index; if the index fails or panics (a
    /// damaged segment that opening did not reveal), rebuilds it once and
    /// tries again, so a damaged cache never costs the user an answer.
    pub fn query<T>(&mut self, run: impl Fn(&Index) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let first = {
            let index = self.index()?;
            // Silence the default panic report: a damaged cache is handled here.
            let hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(index)));
            std::panic::set_hook(hook);
            result
        };
        match first {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(e)) => self.notify(Notice::Warning(format!(
                "the search index failed ({e:#}); rebuilding it"
            ))),
            Err(_) => self.notify(Notice::Warning(
                "the search index is damaged; rebuilding it".into(),
            )),
        }
        self.index = None;
        let (index, _) = Index::rebuild(&self.journal, None)?;
        let value = run(&index)?;
        self.index = Some(index);
        Ok(value)
    }

    /// Forgets the open index, after something other than a commit of this
    /// session moved HEAD (a sync, a purge).
    pub fn index_changed(&mut self) {
        self.index = None;
    }

    /// Sets the index after a rebuild the caller ran.
    pub fn set_index(&mut self, index: Index) {
        self.index = Some(index);
    }

    /// Commits `changes`. Only the write pipeline calls this. While git's
    /// index is rewritten (most of a write's time in a large journal), a
    /// second thread brings the search index up to the new commit, so the
    /// `index()` that shows the result costs nothing more.
    pub(crate) fn commit(
        &mut self,
        changes: &[Change],
        message: &str,
    ) -> anyhow::Result<CommitInfo> {
        let reopen = self.journal.reopen();
        let mut caught_up = None;
        let info = self.journal.commit_beside(
            changes,
            message,
            Some(&mut |commit| {
                // Any trouble here is left to the next `index()`, which
                // rebuilds with a message if it has to.
                caught_up = beside_a_write(|| {
                    reopen
                        .clone()
                        .open()
                        .and_then(|second| Index::catch_up(&second, commit))
                        .ok()
                        .flatten()
                })
                .flatten();
            }),
        )?;
        // Kept only if HEAD did move to the commit it caught up with (not
        // when the branch moved meanwhile and the general path committed).
        self.index = match caught_up {
            Some((index, report)) if index.reflects(info.oid) => {
                self.report_sync(&report);
                Some(index)
            }
            _ => None,
        };
        Ok(info)
    }

    /// `commit` for a bulk write (an import) that replaces much of the
    /// journal: the search index of the new commit is built on a second
    /// thread from the bytes being written, while git writes its objects,
    /// instead of from the files afterwards.
    pub(crate) fn commit_bulk(
        &mut self,
        changes: &[Change],
        message: &str,
    ) -> anyhow::Result<CommitInfo> {
        let journal = &self.journal;
        let reopen = journal.reopen();
        let (made, commit) = std::sync::mpsc::channel();
        let (info, built) = std::thread::scope(|scope| {
            let builder = scope.spawn(move || {
                // Any trouble here is left to the next `index()`.
                beside_a_write(|| {
                    reopen
                        .open()
                        .and_then(|second| Index::build_for_write(&second, changes, commit))
                        .ok()
                        .flatten()
                })
                .flatten()
            });
            let info = journal.commit(changes, message);
            if let Ok(info) = &info {
                made.send(info.oid).ok();
            }
            drop(made);
            (info, builder.join().ok().flatten())
        });
        let info = info?;
        self.index = match built {
            Some((index, report)) if index.reflects(info.oid) => {
                self.notify(Notice::Detail("index: built beside the write".into()));
                self.report_sync(&report);
                Some(index)
            }
            _ => None,
        };
        Ok(info)
    }
}

thread_local! {
    /// Set while a thread brings the search index up to date beside a
    /// write (see `beside_a_write`).
    static BESIDE_A_WRITE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is doing the index work beside a write: a panic
/// there is reported as a warning by the front end's panic hook.
pub fn is_beside_a_write() -> bool {
    BESIDE_A_WRITE.get()
}

/// Runs the index work beside a write (catching up beside `new`, building
/// beside an import), catching a panic: a panic there is still a bug, but
/// the write it accompanies goes on and the next command brings the index
/// up to date.
pub(crate) fn beside_a_write<T>(work: impl FnOnce() -> T) -> Option<T> {
    BESIDE_A_WRITE.set(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        #[cfg(debug_assertions)]
        if std::env::var_os("CASEBOOK_TEST_PANIC").is_some_and(|v| v == "beside") {
            panic!("CASEBOOK_TEST_PANIC is beside");
        }
        work()
    }));
    BESIDE_A_WRITE.set(false);
    result.ok()
}
