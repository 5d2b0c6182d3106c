//! What every command needs, resolved once: the global flags, the output,
//! the journal (opened lazily, so `init` and `help` work anywhere), the
//! person writing, the index, and the filter and id vocabulary.

use super::args::FilterArgs;
use super::error::{CliError, CliResult};
use super::ui::{BOLD, DIM, Ui};
use crate::entry::{self, EntryId, Kind, MIN_PREFIX};
use crate::filter::Filter;
use crate::index::{Index, IndexedEntry, SyncReport};
use crate::journal::{Change, CommitInfo, Journal, LocalConfig, user_config_path};
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Jsonl,
    Csv,
    Md,
    Html,
}

pub struct Context {
    pub ui: Ui,
    pub dir: Option<PathBuf>,
    pub no_input: bool,
    pub format: Option<OutputFormat>,
    journal: Option<Journal>,
    index: Option<Index>,
}

impl Context {
    pub fn new(
        ui: Ui,
        dir: Option<PathBuf>,
        no_input: bool,
        format: Option<OutputFormat>,
    ) -> Context {
        Context {
            ui,
            dir,
            no_input,
            format,
            journal: None,
            index: None,
        }
    }

    pub fn json(&self) -> bool {
        self.format == Some(OutputFormat::Json)
    }

    pub fn today(&self) -> NaiveDate {
        crate::clock::today()
    }

    /// May we ask the user something? Only on a terminal, without --no-input.
    pub fn interactive(&self) -> bool {
        !self.no_input && self.ui.stdin_is_terminal
    }

    pub fn journal(&mut self) -> CliResult<&Journal> {
        if self.journal.is_none() {
            let (start, explicit) = match &self.dir {
                Some(d) => (d.clone(), true),
                None => match std::env::var_os("CASEBOOK_DIR").filter(|d| !d.is_empty()) {
                    Some(d) => (PathBuf::from(d), true),
                    None => (std::env::current_dir()?, false),
                },
            };
            self.journal = Some(Journal::discover(&start, explicit)?);
        }
        Ok(self.journal.as_ref().expect("just opened"))
    }

    /// The index, brought up to date with the journal's HEAD first.
    pub fn index(&mut self) -> CliResult<&Index> {
        if self.index.is_none() {
            self.journal()?;
            let journal = self.journal.as_ref().expect("opened above");
            let ui = &self.ui;
            let (index, report) = Index::open(journal, &mut |line| {
                // A first build is news, not a problem; a rebuild is a warning.
                if line.starts_with("building") {
                    ui.status(line)
                } else {
                    ui.warn(line)
                }
            })?;
            self.report_sync(&report);
            self.index = Some(index);
        }
        Ok(self.index.as_ref().expect("just opened"))
    }

    fn report_sync(&self, report: &SyncReport) {
        if report.rebuilt.is_some() || report.updated + report.removed > 0 {
            self.ui.verbose(&format!(
                "index: {} updated, {} removed{}",
                report.updated,
                report.removed,
                if report.rebuilt.is_some() {
                    " (rebuilt)"
                } else {
                    ""
                }
            ));
        }
        for path in &report.unreadable {
            self.ui.warn(&format!(
                "{path} cannot be read; `casebook check {path}` says why"
            ));
        }
    }

    /// Commits `changes` to the journal. While git's index is rewritten
    /// (most of a write's time in a large journal), a second thread brings
    /// the search index up to the new commit, so the `index()` that shows
    /// the result costs nothing more.
    pub fn commit(&mut self, changes: &[Change], message: &str) -> CliResult<CommitInfo> {
        let journal = self.journal()?;
        let reopen = journal.reopen();
        let mut caught_up = None;
        let info = journal.commit_beside(
            changes,
            message,
            Some(&mut |commit| {
                // Any trouble here is left to the next `index()`, which
                // rebuilds with a message if it has to.
                caught_up = super::beside_a_write(|| {
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
    pub fn commit_bulk(&mut self, changes: &[Change], message: &str) -> CliResult<CommitInfo> {
        let journal = self.journal()?;
        let reopen = journal.reopen();
        let (made, commit) = std::sync::mpsc::channel();
        let (info, built) = std::thread::scope(|scope| {
            let builder = scope.spawn(move || {
                // Any trouble here is left to the next `index()`.
                super::beside_a_write(|| {
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
                self.ui.verbose("index: built beside the write");
                self.report_sync(&report);
                Some(index)
            }
            _ => None,
        };
        Ok(info)
    }

    /// Runs a query against the index; if the index fails or panics (a
    /// damaged segment that opening did not reveal), rebuilds it once and
    /// tries again, so a damaged cache never costs the user an answer.
    pub fn query<T>(&mut self, run: impl Fn(&Index) -> anyhow::Result<T>) -> CliResult<T> {
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
            Ok(Err(e)) => self
                .ui
                .warn(&format!("the search index failed ({e:#}); rebuilding it")),
            Err(_) => self.ui.warn("the search index is damaged; rebuilding it"),
        }
        self.index = None;
        let journal = self.journal()?;
        let (index, _) = Index::rebuild(journal, None)?;
        let value = run(&index)?;
        self.index = Some(index);
        Ok(value)
    }

    /// Forgets the open index, after something other than `commit` moved
    /// HEAD.
    pub fn index_changed(&mut self) {
        self.index = None;
    }

    /// Pages what follows on a terminal, with the configured pager if any.
    pub fn page(&mut self) {
        if !self.ui.may_page() {
            return;
        }
        let configured = self.local_config().ok().and_then(|c| c.pager);
        self.ui.start_pager(configured.as_deref());
    }

    pub fn local_config(&mut self) -> CliResult<LocalConfig> {
        let user = match user_config_path() {
            Some(p) => LocalConfig::load(&p)?,
            None => LocalConfig::default(),
        };
        let clone = match self.journal() {
            Ok(j) => j.clone_config()?,
            Err(_) => LocalConfig::default(),
        };
        Ok(user.layered(&clone))
    }

    /// The person who writes: `--person`, else `CASEBOOK_PERSON`, else the
    /// clone's person, else the user's, else git's user.name.
    pub fn person(&mut self, flag: Option<&str>) -> CliResult<String> {
        if let Some(p) = flag.filter(|p| *p != "me") {
            return entry::person_slug(p).map_err(|e| CliError::usage(format!("--person: {e}")));
        }
        if let Some(p) = std::env::var("CASEBOOK_PERSON")
            .ok()
            .filter(|p| !p.is_empty())
        {
            return entry::person_slug(&p)
                .map_err(|e| CliError::usage(format!("CASEBOOK_PERSON: {e}")));
        }
        if let Some(p) = self.local_config()?.person {
            return entry::person_slug(&p).map_err(CliError::failure);
        }
        match self.git_user_name() {
            Some(name) => entry::person_slug(&name).map_err(CliError::failure),
            None => Err(
                CliError::usage("casebook does not know who you are").with_hint(
                    "pass --person NAME, or set it once: casebook config set person \"Ana Lima\"",
                ),
            ),
        }
    }

    /// git's `user.name` for this journal, as the user configured it.
    fn git_user_name(&mut self) -> Option<String> {
        self.journal()
            .ok()
            .and_then(|j| j.repo().config().ok())
            .and_then(|c| c.get_string("user.name").ok())
    }

    /// The writer's name as people read it (who gave feedback, who
    /// confirmed): the configured name, else git's, else the person id.
    pub fn writer_name(&mut self) -> CliResult<String> {
        if let Some(name) = self.local_config()?.name.filter(|n| !n.trim().is_empty()) {
            return Ok(name);
        }
        match self.git_user_name() {
            Some(name) => Ok(name),
            None => self.person(None),
        }
    }

    /// Turns FILTERS flags into a filter. `default_me` is true for reports.
    pub fn filter(&mut self, args: &FilterArgs, default_me: bool) -> CliResult<Filter> {
        let mut filter = Filter::default();
        for kind in &args.kinds {
            let kind: Kind = kind
                .parse()
                .map_err(|e: entry::UnknownKind| CliError::usage(format!("--kind: {e}")))?;
            filter.require("kind", kind.as_str());
        }
        for s in &args.skills {
            filter.require("skill", s);
        }
        for t in &args.tags {
            filter.require("tag", t);
        }
        for p in &args.products {
            filter.require("product", p);
        }
        for c in &args.cases {
            filter.require("case", c);
        }
        for kv in &args.fields {
            let (k, v) = kv.split_once('=').ok_or_else(|| {
                CliError::usage(format!(
                    "--field '{kv}' must look like KEY=VALUE (e.g. verdict=miss)"
                ))
            })?;
            filter.require(k, v);
        }
        let persons: Vec<String> = if args.team {
            Vec::new()
        } else if args.persons.is_empty() && default_me {
            vec![self.person(None)?]
        } else {
            let mut out = Vec::new();
            for p in &args.persons {
                out.push(if p == "me" {
                    self.person(None)?
                } else {
                    self.person(Some(p))?
                });
            }
            out
        };
        for p in persons {
            filter.require("person", &p);
        }
        let today = self.today();
        if let Some(period) = &args.period {
            let p = crate::dates::parse_period(period, today)?;
            filter.since = Some(p.start);
            filter.until = Some(p.end);
        }
        if args.since.is_some() || args.until.is_some() {
            let range =
                crate::dates::parse_range(args.since.as_deref(), args.until.as_deref(), today)?;
            if args.since.is_some() {
                filter.since = Some(filter.since.map_or(range.start, |s| s.max(range.start)));
            }
            if args.until.is_some() {
                filter.until = Some(filter.until.map_or(range.end, |u| u.min(range.end)));
            }
        }
        Ok(filter)
    }

    /// Resolves what the user typed to name an entry: a full id, a unique
    /// prefix of 4 or more letters, a file path, `@` (my latest entry) or
    /// `@~N` (the one N before it).
    pub fn resolve(&mut self, given: &str) -> CliResult<IndexedEntry> {
        let given = given.trim();
        if let Some(rest) = given.strip_prefix('@') {
            let back: usize = match rest.strip_prefix('~') {
                Some("") => 1,
                Some(n) => n
                    .parse()
                    .map_err(|_| CliError::usage(format!("'{given}' is not @ or @~N")))?,
                None if rest.is_empty() => 0,
                None => return Err(CliError::usage(format!("'{given}' is not @ or @~N"))),
            };
            let me = self.person(None)?;
            let mut filter = Filter {
                include_private: true,
                include_drafts: true,
                ..Filter::default()
            };
            filter.require("person", &me);
            let (hits, _) = self.query(|i| {
                i.search(
                    &Default::default(),
                    &filter,
                    crate::index::Sort::Newest,
                    Some(back + 1),
                )
            })?;
            return hits.into_iter().nth(back).map(|h| h.item).ok_or_else(|| {
                CliError::usage(format!("{given}: you have fewer than {} entries", back + 1))
            });
        }
        if entry::is_id_like(given) {
            if given.len() < MIN_PREFIX {
                return Err(CliError::usage(format!(
                    "'{given}' is too short to name an entry: give at least {MIN_PREFIX} letters of its id"
                )));
            }
            let mut found = self.query(|i| i.ids_with_prefix(given, 10))?;
            return match found.len() {
                0 => Err(
                    CliError::usage(format!("no entry has an id starting with '{given}'"))
                        .with_hint(
                            "`casebook list` shows ids; `casebook search WORDS` finds entries",
                        ),
                ),
                1 => Ok(found.remove(0)),
                _ => {
                    let lines: Vec<String> = found
                        .iter()
                        .map(|f| {
                            format!(
                                "  {}  {}  {}",
                                f.entry.id,
                                f.entry.created.format("%Y-%m-%d"),
                                f.entry.title
                            )
                        })
                        .collect();
                    Err(CliError::usage(format!(
                        "'{given}' matches several entries:\n{}",
                        lines.join("\n")
                    ))
                    .with_hint("type more letters of the id"))
                }
            };
        }
        // A path, relative to the current directory or to the journal.
        let rel = self.journal()?.relative_path(std::path::Path::new(given));
        if let Some(rel) = rel {
            if let Some(item) = self.query(|i| i.by_path(&rel))? {
                return Ok(item);
            }
            return Err(
                CliError::usage(format!("{rel} is not a committed entry of this journal"))
                    .with_hint("`casebook check` lists files casebook cannot read"),
            );
        }
        if let Some(id) = EntryId::parse_lenient(given)
            && let Some(item) = self.index()?.by_id(id.as_str())?
        {
            return Ok(item);
        }
        Err(CliError::usage(format!(
            "'{given}' is neither an entry id, an id prefix nor a path in the journal"
        )))
    }

    /// The id with its shortest unique prefix highlighted.
    pub fn show_id(&mut self, id: &EntryId) -> String {
        let prefix_len = self.unique_prefix_len(id);
        let (head, tail) = id.as_str().split_at(prefix_len.min(id.as_str().len()));
        format!("{}{}", self.ui.paint(BOLD, head), self.ui.paint(DIM, tail))
    }

    pub fn unique_prefix_len(&mut self, id: &EntryId) -> usize {
        match self.index() {
            Ok(index) => index
                .unique_prefix_len(id.as_str(), MIN_PREFIX)
                .unwrap_or(MIN_PREFIX),
            Err(_) => MIN_PREFIX,
        }
    }
}
