//! What every command needs, resolved once: the global flags, the output,
//! the journal (opened lazily, so `init` and `help` work anywhere), the
//! person writing, the index, and the filter and id vocabulary.

use super::args::FilterArgs;
use super::error::{CliError, CliResult};
use super::ui::{BOLD, DIM, Ui};
use crate::entry::{self, EntryId, Kind, MIN_PREFIX};
use crate::filter::Filter;
use crate::index::{Index, IndexedEntry};
use crate::journal::{Journal, LocalConfig, user_config_path};
use crate::session::Session;
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
    session: Option<Session>,
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
            session: None,
        }
    }

    pub fn json(&self) -> bool {
        self.format == Some(OutputFormat::Json)
    }

    pub fn today(&self) -> NaiveDate {
        crate::clock::today()
    }

    /// A command line to paste: `casebook ARGS`, with `-C DIR` when the
    /// journal was named that way (a hint must work where it is pasted).
    pub fn command_line(&self, args: &str) -> String {
        match &self.dir {
            Some(d) => format!(
                "casebook -C {} {args}",
                super::guard::quote(&d.display().to_string())
            ),
            None => format!("casebook {args}"),
        }
    }

    /// May we ask the user something? Only on a terminal, without --no-input.
    pub fn interactive(&self) -> bool {
        !self.no_input && self.ui.stdin_is_terminal
    }

    pub fn journal(&mut self) -> CliResult<&Journal> {
        Ok(self.session()?.journal())
    }

    /// The session on this journal, opened on first use.
    pub fn session(&mut self) -> CliResult<&mut Session> {
        if self.session.is_none() {
            let (start, explicit) = match &self.dir {
                Some(d) => (d.clone(), true),
                None => match std::env::var_os("CASEBOOK_DIR").filter(|d| !d.is_empty()) {
                    Some(d) => (PathBuf::from(d), true),
                    None => (std::env::current_dir()?, false),
                },
            };
            let journal = Journal::discover(&start, explicit)?;
            self.session = Some(Session::new(journal, self.ui.notices()));
        }
        Ok(self.session.as_mut().expect("just opened"))
    }

    /// Runs the write pipeline. When the request leaves personal data to
    /// the person, the finds are shown and the question asked here.
    pub fn write(
        &mut self,
        request: crate::write::WriteRequest,
    ) -> Result<crate::write::Outcome, crate::write::WriteError> {
        self.session().map_err(|e| anyhow::anyhow!(e.message))?;
        let ui = &self.ui;
        let session = self.session.as_mut().expect("opened above");
        session.write(request, &mut |finds| ask_about(ui, finds))
    }

    /// Resumes a kept draft through the write pipeline.
    pub fn resume(
        &mut self,
        draft: &crate::drafts::Draft,
        on: crate::write::OnPersonalData,
        dry_run: bool,
    ) -> Result<crate::write::Outcome, crate::write::WriteError> {
        self.session().map_err(|e| anyhow::anyhow!(e.message))?;
        let ui = &self.ui;
        let session = self.session.as_mut().expect("opened above");
        session.resume(draft, on, dry_run, &mut |finds| ask_about(ui, finds))
    }

    /// Brings the index up to date after a write that landed. A failure
    /// here is a warning, never the command's: the write is committed, and
    /// the next command tries the index again.
    pub fn index_after_write(&mut self) {
        if let Err(e) = self.index() {
            self.ui.warn(&format!(
                "the write is committed, but the search index could not be brought up to date ({}); the next command tries again",
                e.message
            ));
        }
    }

    /// The index, brought up to date with the journal's HEAD first.
    pub fn index(&mut self) -> CliResult<&Index> {
        Ok(self.session()?.index()?)
    }

    /// Runs a query against the index, rebuilding a damaged one once.
    pub fn query<T>(&mut self, run: impl Fn(&Index) -> anyhow::Result<T>) -> CliResult<T> {
        Ok(self.session()?.query(run)?)
    }

    /// Forgets the open index, after something other than a write of this
    /// session moved HEAD.
    pub fn index_changed(&mut self) {
        if let Some(s) = &mut self.session {
            s.index_changed();
        }
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
        // Outside a journal, that is the problem to name first: setting a
        // person would not help.
        self.journal()?;
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
        self.journal().ok().and_then(|j| j.git_config("user.name"))
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
            // A misspelt field or value would silently match nothing.
            if !crate::filter::is_field(k) {
                return Err(CliError::usage(format!(
                    "--field: {}",
                    crate::filter::unknown_field(k)
                )));
            }
            let v = crate::filter::check_value(k, v)
                .map_err(|e| CliError::usage(format!("--field {k}: {e}")))?;
            filter.require(k, &v);
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

    /// Resolves what the user typed to name an entry (see `crate::refs`).
    pub fn resolve(&mut self, given: &str) -> CliResult<IndexedEntry> {
        // Who `@` counts back from, asked only for `@` and `@~N`.
        let me = match crate::refs::back_of(given) {
            Some(Ok(_)) => Some(self.person(None)?),
            _ => None,
        };
        let session = self.session()?;
        Ok(crate::refs::resolve(session, given, || {
            Ok(me.unwrap_or_default())
        })?)
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

/// Shows the finds and asks what to do, as `git add -p` asks about a hunk.
fn ask_about(ui: &Ui, finds: &[crate::write::Found]) -> crate::write::Decision {
    use crate::write::Decision;
    for f in finds {
        ui.warn(&f.describe());
    }
    let total = finds.len();
    let answer = ui.ask(&format!(
        "{total} piece{} of personal data found. [r]edact, [a]llow, or [s]top and keep a draft?",
        if total == 1 { "" } else { "s" }
    ));
    match answer.as_deref().map(|a| a.trim().to_ascii_lowercase()) {
        Some(a) if a == "r" || a == "redact" => Decision::Redact,
        Some(a) if a == "a" || a == "allow" => Decision::Allow,
        _ => Decision::Stop,
    }
}

/// A command's output: to the file `-o` named (atomically, said on stderr),
/// else to stdout.
pub(super) fn write_out(
    ctx: &mut Context,
    out: Option<&std::path::PathBuf>,
    text: &str,
) -> CliResult {
    match out {
        Some(path) => {
            crate::journal::atomic_write(path, text.as_bytes())
                .map_err(|e| CliError::failure(format!("{e:#}")))?;
            ctx.ui.status(&format!("wrote {}", path.display()));
        }
        None => {
            ctx.ui.write(text);
            if !text.ends_with('\n') {
                ctx.ui.write("\n");
            }
        }
    }
    Ok(())
}
