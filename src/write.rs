//! The write pipeline: the one way anything becomes a commit. Every command
//! that writes (new, jot, edit, resolve, the loop commands, import, rm,
//! undo) builds a [`WriteRequest`] and hands it to [`Session::write`],
//! which runs, in this order and for every write:
//!
//! 1. **validate**: each entry rendered and read back as `check` reads it;
//!    an empty title is derived from the text or refused;
//! 2. **kind rules**: skills the journal knows, the team's approval gates;
//! 3. **screen**: the personal-data guard over everything the write sends
//!    out: every file's text (title, fields, tags, links, body), each file
//!    name and the commit message; what the file already held when it was
//!    committed is not asked about again;
//! 4. **redact** when asked: the entry's parts are redacted one by one, and
//!    the file name and commit subject are derived again from the redacted
//!    title, so no copy of the data survives anywhere in the commit;
//! 5. **keep a draft** on refusal or invalid input: the whole entry, so that
//!    `casebook drafts resume` can finish the write with nothing retyped;
//! 6. **commit** (unless a dry run, which stops here with the same finds
//!    and the same refusal a real run would give);
//! 7. **index**: the search index catches up beside the commit.
//!
//! Nothing here prints or asks: a refusal is a typed error, and the front
//! end decides what to ask through the `ask` callback.

use crate::drafts::{self, Draft, DraftMeta};
use crate::entry::{self, Entry, EntryId, Kind};
use crate::journal::{BULK_WRITE, Change, CommitInfo, Journal, entry_path};
use crate::pii::{self, Find, Guard, PiiKind};
use crate::session::Session;
use serde::Serialize;

/// What to do when the screen finds personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnPersonalData {
    /// Refuse the write and keep a draft.
    Refuse,
    /// Replace each find with its label (`[email]`) everywhere.
    Redact,
    /// Commit as is; the finds are reported with the write.
    Allow,
    /// Ask the front end (a person at a terminal) what to do.
    Ask,
}

/// The answer to `ask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Redact,
    Allow,
    Stop,
}

/// One thing a write changes.
// An entry is most items; boxing it would only add an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Item {
    /// An entry, at `path` when it already has a file (an edit keeps its
    /// path: links and history follow it), else where `entry_path` puts it.
    Entry { entry: Entry, path: Option<String> },
    /// A file removed.
    Remove { path: String },
    /// A file that is not an entry, written as is (an undo restoring what a
    /// commit changed). Screened like any other text.
    File { path: String, content: Vec<u8> },
}

/// A write, as a front end asks for it.
#[derive(Debug, Clone)]
pub struct WriteRequest {
    /// What it is, for the commit subject and kept drafts: `new`, `jot`,
    /// `edit`, `resolve`, `import`, ...
    pub op: String,
    pub items: Vec<Item>,
    /// The commit subject; `{title}` stands for the first entry's title
    /// as it is finally written (redacted if the write redacts).
    pub subject: String,
    pub on_personal_data: OnPersonalData,
    /// Run every step but the commit.
    pub dry_run: bool,
    /// Keep a refused or invalid entry as a draft. On for writes of one
    /// entry; a bulk write's source file is its draft.
    pub keep_draft: bool,
    /// Set `updated` on entries that already have a file.
    pub touch_updated: bool,
}

impl WriteRequest {
    /// A request to write one new entry, with the subject every new entry
    /// gets: `KIND: TITLE` for `new`, `OP KIND: TITLE` otherwise.
    pub fn new_entry(op: &str, entry: Entry) -> WriteRequest {
        // `feedback: …`, `confirmation: …`, not `feedback feedback: …`.
        let kind = entry.kind.as_str();
        let subject = match op {
            "jot" => "jot: {title}".to_string(),
            _ if op == "new"
                || kind.starts_with(op)
                || op.starts_with(kind)
                || (op, kind) == ("1on1", "oneonone") =>
            {
                format!("{kind}: {{title}}")
            }
            _ => format!("{op} {kind}: {{title}}"),
        };
        WriteRequest {
            op: op.to_string(),
            items: vec![Item::Entry { entry, path: None }],
            subject,
            on_personal_data: OnPersonalData::Refuse,
            dry_run: false,
            keep_draft: true,
            touch_updated: true,
        }
    }

    /// A request to write a changed entry back to its file.
    pub fn update(op: &str, path: &str, entry: Entry, subject: &str) -> WriteRequest {
        WriteRequest {
            op: op.to_string(),
            items: vec![Item::Entry {
                entry,
                path: Some(path.to_string()),
            }],
            subject: subject.to_string(),
            on_personal_data: OnPersonalData::Refuse,
            dry_run: false,
            keep_draft: true,
            touch_updated: true,
        }
    }

    /// A request with any items and a fixed subject.
    pub fn of(op: &str, items: Vec<Item>, subject: &str) -> WriteRequest {
        let keep_draft = items
            .iter()
            .filter(|i| matches!(i, Item::Entry { .. }))
            .count()
            == 1;
        WriteRequest {
            op: op.to_string(),
            items,
            subject: subject.to_string(),
            on_personal_data: OnPersonalData::Refuse,
            dry_run: false,
            keep_draft,
            touch_updated: true,
        }
    }

    pub fn with_policy(mut self, on_personal_data: OnPersonalData, dry_run: bool) -> WriteRequest {
        self.on_personal_data = on_personal_data;
        self.dry_run = dry_run;
        self
    }

    /// Also removes `paths` (the jot an entry replaces).
    pub fn removing(mut self, paths: Vec<String>) -> WriteRequest {
        self.items
            .extend(paths.into_iter().map(|path| Item::Remove { path }));
        self
    }
}

/// Where in a write a piece of personal data was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum Place {
    /// In a file's text (front matter or body), 1-based.
    Text { line: usize, column: usize },
    /// In the file's name.
    FileName,
    /// In the commit message.
    CommitMessage,
}

/// One piece of personal data a write would send out.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub kind: PiiKind,
    /// The file it is in (or whose name or commit it is in).
    pub path: String,
    #[serde(flatten)]
    pub place: Place,
    /// The find with most of it hidden, safe to show.
    pub masked: String,
    #[serde(skip)]
    text: String,
    /// The staged change it belongs to.
    #[serde(skip)]
    change: usize,
}

impl Found {
    /// `people/…/x.md:3:7: an email address (j***@acme.io)`
    pub fn describe(&self) -> String {
        let at = match &self.place {
            Place::Text { line, column } => format!("{}:{line}:{column}", self.path),
            Place::FileName => format!("{} (the file name)", self.path),
            Place::CommitMessage => "the commit message".to_string(),
        };
        format!("{at}: {} ({})", self.kind.describe(), self.masked)
    }
}

impl Serialize for PiiKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// An entry as the write leaves it.
#[derive(Debug, Clone)]
pub struct Written {
    pub entry: Entry,
    pub path: String,
    /// The file's text as a dry run would write it, or as written by a
    /// write of at most `BULK_WRITE` files (a bulk write keeps neither this
    /// nor the entry's body: they went into the commit).
    pub text: String,
}

/// What a write did (or, for a dry run, would do).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub written: Vec<Written>,
    /// Files written that are not entries.
    pub files: Vec<String>,
    pub removed: Vec<String>,
    /// None for a dry run.
    pub commit: Option<CommitInfo>,
    pub message: String,
    pub finds: Vec<Found>,
    /// What was done about `finds`.
    pub decision: Option<Decision>,
    pub dry_run: bool,
}

impl Outcome {
    /// One line per find, saying what was done about it.
    pub fn warnings(&self) -> Vec<String> {
        let done = match self.decision {
            Some(Decision::Redact) => "redacted",
            Some(Decision::Allow) => "committed with personal data:",
            _ => "found",
        };
        self.finds
            .iter()
            .map(|f| format!("{done} {}", f.describe()))
            .collect()
    }

    pub fn commit_short(&self) -> Option<String> {
        self.commit.as_ref().map(CommitInfo::short)
    }
}

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The entry would not be valid; what was typed is kept in `draft`.
    #[error("{target} is not valid: {}", .problems.join("; "))]
    Invalid {
        target: String,
        problems: Vec<String>,
        draft: Option<Box<Draft>>,
    },
    /// A kind rule failed (an unknown skill or gate): a bad value typed.
    #[error("{message}")]
    Rule {
        message: String,
        hint: Option<String>,
        draft: Option<Box<Draft>>,
    },
    /// Personal data found and not allowed; nothing was committed.
    #[error(
        "{} piece{} of personal data found; nothing was committed",
        .finds.len(),
        if .finds.len() == 1 { "" } else { "s" }
    )]
    PersonalData {
        finds: Vec<Found>,
        draft: Option<Box<Draft>>,
    },
    /// The team's guard rules do not compile.
    #[error(transparent)]
    Guard(#[from] pii::BadPattern),
    /// git, the disk or the index failed.
    #[error(transparent)]
    Journal(#[from] anyhow::Error),
}

impl WriteError {
    pub fn draft(&self) -> Option<&Draft> {
        match self {
            WriteError::Invalid { draft, .. }
            | WriteError::Rule { draft, .. }
            | WriteError::PersonalData { draft, .. } => draft.as_deref(),
            _ => None,
        }
    }
}

/// What a staged change is; the item itself stays in the request (an
/// import's entries are not copied).
#[derive(Clone, Copy, PartialEq, Eq)]
enum What {
    /// An entry; `new` when it gets a file of its own (a new name).
    Entry {
        new: bool,
    },
    File,
    Remove,
}

/// A change as it moves through the pipeline.
struct Staged {
    what: What,
    /// The entry's final path, text and the committed text it replaces.
    path: String,
    text: String,
    before: Option<String>,
    finds: Vec<Find>,
}

impl Session {
    /// Runs the write pipeline (see the module's comment). `ask` is called
    /// only under `OnPersonalData::Ask`, with the finds, once.
    pub fn write(
        &mut self,
        mut request: WriteRequest,
        ask: &mut dyn FnMut(&[Found]) -> Decision,
    ) -> Result<Outcome, WriteError> {
        // 1 and 2: validate and apply the kind rules, keeping what was typed.
        let now = whole_second(crate::clock::now());
        let single = request.items.len() == 1;
        for item in &mut request.items {
            if let Item::Entry { entry, path } = item {
                if path.is_some() && request.touch_updated {
                    entry.updated = Some(now);
                }
                if path.is_none() && single {
                    entry.created = self.after_my_latest(entry)?;
                }
                if entry.title.trim().is_empty() {
                    entry.title = derive_title(entry);
                }
            }
        }
        let journal = self.journal();
        // 3: render once, validate what was rendered, screen everything
        // that leaves; a bulk write does each on every core.
        let rules = Rules::of(journal);
        let guard = guard_of(journal)?;
        let mut staged = stage(&request.items);
        if let Some((i, e)) = check_all(&rules, &request.items, &staged) {
            let Item::Entry { entry, path } = &request.items[i] else {
                unreachable!("only entries are validated")
            };
            return Err(with_draft(journal, &request, entry, path.as_deref(), e));
        }
        scan_all(&guard, &mut staged);
        forget_committed(journal, &mut staged);
        let mut message = subject_of(&request);
        let mut finds = describe(&staged);
        finds.extend(outer_finds(&guard, &staged, &message));
        let mut decision = None;
        if !finds.is_empty() {
            let choice = match request.on_personal_data {
                OnPersonalData::Redact => Decision::Redact,
                OnPersonalData::Allow => Decision::Allow,
                OnPersonalData::Refuse => Decision::Stop,
                // A dry run previews what a script's run would do.
                OnPersonalData::Ask if request.dry_run => Decision::Stop,
                OnPersonalData::Ask => ask(&finds),
            };
            decision = Some(choice);
            match choice {
                Decision::Allow => {}
                // 4: redact every part, then derive names and subject again.
                Decision::Redact => {
                    redact_items(&guard, &mut request.items, &staged);
                    let before: Vec<Option<String>> =
                        staged.iter_mut().map(|s| s.before.take()).collect();
                    staged = stage(&request.items);
                    for (s, b) in staged.iter_mut().zip(before) {
                        s.before = b;
                    }
                    message = subject_of(&request);
                    message = redact_text(&guard, &message);
                    // Name each find by the file as it is now written.
                    for f in &mut finds {
                        if let Some(s) = staged.get(f.change) {
                            f.path = s.path.clone();
                        }
                    }
                    for s in &mut staged {
                        // What the parts could not reach (a find that spans
                        // front-matter syntax) is redacted in the text.
                        let left: Vec<Find> = new_finds(&guard, &s.text, s.before.as_deref());
                        if !left.is_empty() {
                            s.text = pii::redact(&s.text, &left);
                        }
                    }
                }
                // 5: keep a draft and refuse.
                Decision::Stop => {
                    let draft = if request.dry_run {
                        None
                    } else {
                        first_entry_draft(journal, &request)
                    };
                    return Err(WriteError::PersonalData { finds, draft });
                }
            }
        }
        let dry_run = request.dry_run;
        let mut outcome = Outcome {
            written: Vec::new(),
            files: Vec::new(),
            removed: Vec::new(),
            commit: None,
            message,
            finds,
            decision,
            dry_run,
        };
        // The texts move into the commit's changes; the outcome keeps a
        // copy only for a dry run (which shows it) or a small write.
        let keep_texts = dry_run || staged.len() <= BULK_WRITE;
        let mut changes: Vec<Change> = Vec::with_capacity(if dry_run { 0 } else { staged.len() });
        for (item, s) in request.items.into_iter().zip(staged) {
            match item {
                Item::Entry { mut entry, .. } => {
                    if !keep_texts {
                        // A bulk write's bodies are in its texts and soon in
                        // its commit: a second copy would double an import's
                        // memory.
                        entry.body = String::new();
                        entry.body.shrink_to_fit();
                    }
                    let text = if dry_run {
                        s.text
                    } else {
                        let text = if keep_texts {
                            s.text.clone()
                        } else {
                            String::new()
                        };
                        changes.push(Change::Write {
                            path: s.path.clone(),
                            content: s.text.into_bytes(),
                        });
                        text
                    };
                    outcome.written.push(Written {
                        entry,
                        path: s.path,
                        text,
                    });
                }
                Item::File { .. } => {
                    if !dry_run {
                        changes.push(Change::Write {
                            path: s.path.clone(),
                            content: s.text.into_bytes(),
                        });
                    }
                    outcome.files.push(s.path);
                }
                Item::Remove { path } => {
                    if !dry_run {
                        changes.push(Change::Remove { path: path.clone() });
                    }
                    outcome.removed.push(path);
                }
            }
        }
        if dry_run {
            return Ok(outcome);
        }
        // 6 and 7: commit; the index catches up beside it.
        let info = if changes.len() > BULK_WRITE {
            Journal::private_last(&mut changes);
            let info = self.commit_bulk(&changes, &outcome.message)?;
            drop(changes);
            self.journal().housekeeping();
            info
        } else {
            self.commit(&changes, &outcome.message)?
        };
        outcome.commit = Some(info);
        Ok(outcome)
    }

    /// When a new entry is created: in the second it was given, after any
    /// entry of the same person already in that second. Files hold whole
    /// seconds; only a second shared with an earlier write gets
    /// milliseconds, so `@`, `@~1` and `list` follow the write order
    /// without any history (one index query of the person's day, and only
    /// when HEAD was committed this very second).
    fn after_my_latest(
        &mut self,
        entry: &Entry,
    ) -> Result<chrono::DateTime<chrono::FixedOffset>, WriteError> {
        let created = whole_second(entry.created);
        // A second can be shared only with a write of this second (a date
        // given with --date takes the time of day from the clock): when
        // HEAD is older, no query, and no index opened before the commit.
        let now = whole_second(crate::clock::now()).timestamp();
        if self.journal().head_time().is_none_or(|t| t < now) {
            return Ok(created);
        }
        let day = created.date_naive();
        let mut filter = crate::filter::Filter {
            include_private: true,
            include_drafts: true,
            since: Some(day),
            until: Some(day),
            ..Default::default()
        };
        filter.require("person", &entry.person);
        let same_second = self.query(|i| {
            let (hits, _) = i.search(
                &Default::default(),
                &filter,
                crate::index::Sort::Newest,
                None,
            )?;
            Ok(hits
                .into_iter()
                .map(|h| h.item.entry)
                .filter(|e| e.id != entry.id && whole_second(e.created) == created)
                .map(|e| e.created)
                .max())
        })?;
        Ok(match same_second {
            Some(latest) => latest + chrono::Duration::milliseconds(1),
            None => created,
        })
    }

    /// Finishes the write a kept draft stands for, with everything that was
    /// typed, and drops the draft once it is committed.
    pub fn resume(
        &mut self,
        draft: &Draft,
        on_personal_data: OnPersonalData,
        dry_run: bool,
        ask: &mut dyn FnMut(&[Found]) -> Decision,
    ) -> Result<Outcome, WriteError> {
        let entry = draft.entry().map_err(|problem| WriteError::Invalid {
            target: format!("the draft {}", draft.name),
            problems: vec![problem],
            draft: Some(Box::new(draft.clone())),
        })?;
        // An edit writes back to its file; a recovered text with the id of
        // a committed entry is an edit of it too.
        let path = match &draft.meta.path {
            Some(p) => Some(p.clone()),
            None => self
                .query(|i| i.by_id(entry.id.as_str()))?
                .map(|item| item.path),
        };
        let op = if draft.meta.op.is_empty() {
            if path.is_some() { "edit" } else { "new" }.to_string()
        } else {
            draft.meta.op.clone()
        };
        let mut request = match &path {
            Some(p) => {
                let subject = draft
                    .meta
                    .subject
                    .clone()
                    .unwrap_or_else(|| format!("edit {}: {{title}}", entry.kind));
                WriteRequest::update(&op, p, entry, &subject)
            }
            None => {
                let mut r = WriteRequest::new_entry(&op, entry);
                if let Some(s) = &draft.meta.subject {
                    r.subject = s.clone();
                }
                r
            }
        };
        let journal = self.journal();
        let still_there: Vec<String> = draft
            .meta
            .replaces
            .iter()
            .filter(|p| journal.abs(p).exists())
            .cloned()
            .collect();
        request = request
            .removing(still_there)
            .with_policy(on_personal_data, dry_run);
        // The draft is the text; a refusal must not write a second one.
        request.keep_draft = false;
        // A refusal points at the draft it came from.
        let outcome = self.write(request, ask).map_err(|e| match e {
            WriteError::Invalid {
                target, problems, ..
            } => WriteError::Invalid {
                target,
                problems,
                draft: Some(Box::new(draft.clone())),
            },
            WriteError::Rule { message, hint, .. } => WriteError::Rule {
                message,
                hint,
                draft: Some(Box::new(draft.clone())),
            },
            WriteError::PersonalData { finds, .. } => WriteError::PersonalData {
                finds,
                draft: Some(Box::new(draft.clone())),
            },
            other => other,
        })?;
        if !dry_run {
            drafts::discard(draft);
        }
        Ok(outcome)
    }
}

/// The team's compiled rules from `casebook.toml`.
pub fn guard_of(journal: &Journal) -> Result<Guard, pii::BadPattern> {
    let rules = &journal.config.pii;
    Guard::new(
        &rules.allow_domains,
        &rules.deny_names,
        &rules.extra_patterns,
    )
}

/// A title from the text when none was given: the prediction, else the
/// first sentence of the body.
pub fn derive_title(entry: &Entry) -> String {
    let source = entry
        .field_str("prediction")
        .map(str::to_string)
        .unwrap_or_else(|| entry.excerpt(200));
    let first = source.split(['.', '\n']).next().unwrap_or("").trim();
    entry::truncate_chars(first, 72)
}

/// Problems of one entry, or of its kind's rules.
enum Invalid {
    Problems(Vec<String>),
    Rule(String, Option<String>),
}

/// What the kind rules need from the journal, read once per write (an
/// import checks 100,000 entries against them).
struct Rules {
    skills: Vec<String>,
    gates: Vec<String>,
}

impl Rules {
    fn of(journal: &Journal) -> Rules {
        Rules {
            skills: journal.skill_ids(),
            gates: journal.config.approvals.gates(),
        }
    }
}

fn validate(rules: &Rules, entry: &Entry, rel: &str, text: &str) -> Result<(), Invalid> {
    if entry.title.trim().is_empty() {
        return Err(Invalid::Problems(vec![
            "the title is empty (--title)".to_string(),
        ]));
    }
    let parsed = entry::parse(text, rel).map_err(|p| Invalid::Problems(vec![p.message]))?;
    if !parsed.problems.is_empty() {
        return Err(Invalid::Problems(
            parsed.problems.into_iter().map(|p| p.message).collect(),
        ));
    }
    let skills = &rules.skills;
    if !skills.is_empty()
        && let Some(s) = entry.skills.iter().find(|s| !skills.contains(s))
    {
        return Err(Invalid::Rule(
            format!("unknown skill '{s}'"),
            Some(format!("skills in this journal: {}", skills.join(", "))),
        ));
    }
    gate_rule(&rules.gates, entry).map_err(|(m, h)| Invalid::Rule(m, Some(h)))
}

/// The first invalid entry of a write, by its place in the request.
fn check_all(rules: &Rules, items: &[Item], staged: &[Staged]) -> Option<(usize, Invalid)> {
    let check = |(i, s): (usize, &Staged)| match &items[i] {
        Item::Entry { entry, .. } => validate(rules, entry, &s.path, &s.text)
            .err()
            .map(|e| (i, e)),
        _ => None,
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if staged.len() <= BULK_WRITE || threads == 1 {
        return staged.iter().enumerate().find_map(check);
    }
    let share = staged.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = staged
            .chunks(share)
            .enumerate()
            .map(|(n, part)| {
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .find_map(|(j, s)| check((n * share + j, s)))
                })
            })
            .collect();
        parts
            .into_iter()
            .filter_map(|p| p.join().ok().flatten())
            .min_by_key(|(i, _)| *i)
    })
}

/// An approval's gate must be one of the team's.
/// Where a team sets its gates, for the hint beside an unknown one.
pub const GATES_HINT: &str = "teams set their gates in casebook.toml: [approvals] gates = [...]";

/// What is wrong with an approval's gate, if it is not one of the team's.
pub fn unknown_gate(gates: &[String], e: &Entry) -> Option<String> {
    if e.kind != Kind::Approval {
        return None;
    }
    let gate = e.field_str("gate")?;
    (!gates.iter().any(|g| g == gate))
        .then(|| format!("unknown gate '{gate}' (gates: {})", gates.join(", ")))
}

fn gate_rule(gates: &[String], e: &Entry) -> Result<(), (String, String)> {
    match unknown_gate(gates, e) {
        Some(problem) => Err((format!("--field gate: {problem}"), GATES_HINT.to_string())),
        None => Ok(()),
    }
}

fn meta_of(request: &WriteRequest, path: Option<&str>, reason: &str) -> DraftMeta {
    DraftMeta {
        op: request.op.clone(),
        path: path.map(str::to_string),
        replaces: request
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Remove { path } => Some(path.clone()),
                _ => None,
            })
            .collect(),
        subject: Some(request.subject.clone()),
        reason: reason.to_string(),
    }
}

fn with_draft(
    journal: &Journal,
    request: &WriteRequest,
    entry: &Entry,
    path: Option<&str>,
    e: Invalid,
) -> WriteError {
    let keep = |reason: &str| {
        (request.keep_draft && !request.dry_run)
            .then(|| drafts::keep(journal, entry, &meta_of(request, path, reason)).ok())
            .flatten()
            .map(Box::new)
    };
    match e {
        Invalid::Problems(problems) => WriteError::Invalid {
            target: match path {
                Some(p) => p.to_string(),
                None => format!("the new {} entry", entry.kind),
            },
            draft: keep(&problems.join("; ")),
            problems,
        },
        Invalid::Rule(message, hint) => WriteError::Rule {
            draft: keep(&message),
            message,
            hint,
        },
    }
}

fn first_entry_draft(journal: &Journal, request: &WriteRequest) -> Option<Box<Draft>> {
    if !request.keep_draft {
        return None;
    }
    request.items.iter().find_map(|i| match i {
        Item::Entry { entry, path } => drafts::keep(
            journal,
            entry,
            &meta_of(request, path.as_deref(), "personal data found"),
        )
        .ok()
        .map(Box::new),
        _ => None,
    })
}

fn stage(items: &[Item]) -> Vec<Staged> {
    items
        .iter()
        .map(|item| {
            let (path, text) = match item {
                Item::Entry { entry, path } => (
                    path.clone().unwrap_or_else(|| entry_path(entry)),
                    entry.to_markdown(),
                ),
                Item::File { path, content } => {
                    (path.clone(), String::from_utf8_lossy(content).into_owned())
                }
                Item::Remove { path } => (path.clone(), String::new()),
            };
            Staged {
                what: match item {
                    Item::Entry { path, .. } => What::Entry {
                        new: path.is_none(),
                    },
                    Item::File { .. } => What::File,
                    Item::Remove { .. } => What::Remove,
                },
                path,
                text,
                before: None,
                finds: Vec::new(),
            }
        })
        .collect()
}

/// What was already committed was already screened (or allowed): changing
/// an entry must not re-litigate it. Read only for the files with finds.
fn forget_committed(journal: &Journal, staged: &mut [Staged]) {
    for s in staged.iter_mut().filter(|s| !s.finds.is_empty()) {
        s.before = journal.committed_text(&s.path);
        if let Some(before) = &s.before {
            s.finds.retain(|f| !before.contains(&f.text));
        }
    }
}

fn new_finds(guard: &Guard, text: &str, before: Option<&str>) -> Vec<Find> {
    let mut finds = guard.scan(text);
    if let Some(before) = before {
        finds.retain(|f| !before.contains(&f.text));
    }
    finds
}

/// The finds in each staged text. A bulk write (an import) is scanned on
/// every core: one thread took a tenth of a 100,000-entry import.
fn scan_all(guard: &Guard, staged: &mut [Staged]) {
    let scan = |s: &mut Staged| {
        if s.what != What::Remove {
            s.finds = guard.scan(&s.text);
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if staged.len() <= BULK_WRITE || threads == 1 {
        staged.iter_mut().for_each(scan);
        return;
    }
    let share = staged.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for part in staged.chunks_mut(share) {
            scope.spawn(move || part.iter_mut().for_each(scan));
        }
    });
}

/// The finds of the staged texts, each piece of data once per file (a jot
/// holds its text in both its title and its body).
fn describe(staged: &[Staged]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (change, s) in staged.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for f in &s.finds {
            if seen.contains(&f.text.as_str()) {
                continue;
            }
            seen.push(&f.text);
            out.push(Found {
                kind: f.kind,
                path: s.path.clone(),
                place: Place::Text {
                    line: f.line,
                    column: f.column,
                },
                masked: crate::entry::one_line(&f.masked()),
                text: f.text.clone(),
                change,
            });
        }
    }
    out
}

/// Finds in the file names and the commit message not already found in
/// the texts (a deny-listed name in a title shows in all three).
fn outer_finds(guard: &Guard, staged: &[Staged], message: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let known = |text: &str| {
        staged
            .iter()
            .any(|s| s.finds.iter().any(|f| f.text == text))
    };
    for (change, s) in staged.iter().enumerate() {
        // Only a new entry gets a new name; a name already committed was
        // screened when it was made.
        if s.what != (What::Entry { new: true }) {
            continue;
        }
        let slug = crate::journal::slug_of(&s.path);
        for f in file_name_finds(guard, slug) {
            if !known(&f.text) && !out.iter().any(|o: &Found| o.text == f.text) {
                out.push(Found {
                    kind: f.kind,
                    path: s.path.clone(),
                    place: Place::FileName,
                    masked: f.masked(),
                    text: f.text,
                    change,
                });
            }
        }
    }
    for f in guard.scan(message) {
        if !known(&f.text) && !out.iter().any(|o| o.text == f.text) {
            out.push(Found {
                kind: f.kind,
                path: String::new(),
                place: Place::CommitMessage,
                masked: f.masked(),
                text: f.text,
                change: usize::MAX,
            });
        }
    }
    out
}

/// Personal data in a file name. A slug is the title with its punctuation
/// turned into dashes, so loose shapes (phones, IPs) appear in it that the
/// title never had (`76495-91226`, `fd-310855-403`); only the kinds whose
/// checks are strict (a checksum, an `@`, a listed name or pattern, a key's
/// prefix) are reported from a file name. The title itself is screened in
/// the text, phones included.
pub fn file_name_finds(guard: &Guard, slug: &str) -> Vec<Find> {
    // Read as words: `with-4111-1111-…` would pass for a ticket reference.
    guard
        .scan(&slug.replace('-', " "))
        .into_iter()
        .filter(|f| !matches!(f.kind, PiiKind::Phone | PiiKind::Ip))
        .collect()
}

fn subject_of(request: &WriteRequest) -> String {
    let title = request.items.iter().find_map(|i| match i {
        Item::Entry { entry, .. } => Some(entry.title.as_str()),
        _ => None,
    });
    let subject = match title {
        Some(t) => request.subject.replace("{title}", &entry::one_line(t)),
        None => request.subject.clone(),
    };
    kind_once(&entry::one_line(&subject))
}

/// `profile: specialist-2 since ...`, not `profile: Profile: specialist-2
/// since ...`: a title that starts with the subject's last word (the kind)
/// continues it instead of repeating it.
fn kind_once(subject: &str) -> String {
    let Some((head, rest)) = subject.split_once(": ") else {
        return subject.to_string();
    };
    let kind = head.rsplit(' ').next().unwrap_or(head);
    let first = rest.split([' ', ':']).next().unwrap_or("");
    if kind.is_empty() || !first.eq_ignore_ascii_case(kind) {
        return subject.to_string();
    }
    format!("{head}{}", &rest[first.len()..])
}

fn redact_text(guard: &Guard, text: &str) -> String {
    let finds = guard.scan(text);
    if finds.is_empty() {
        text.to_string()
    } else {
        pii::redact(text, &finds)
    }
}

/// Redacts every part of every entry that holds a new find: title, body,
/// case, tier, tags, products, links and each field's text.
fn redact_items(guard: &Guard, items: &mut [Item], staged: &[Staged]) {
    for (item, s) in items.iter_mut().zip(staged) {
        if s.finds.is_empty() {
            continue;
        }
        let before = s.before.as_deref();
        let fix = |text: &str| -> String {
            let finds = new_finds(guard, text, before);
            if finds.is_empty() {
                text.to_string()
            } else {
                pii::redact(text, &finds)
            }
        };
        match item {
            Item::Entry { entry, .. } => redact_entry(entry, &fix),
            Item::File { content, .. } => {
                *content = fix(&String::from_utf8_lossy(content)).into_bytes();
            }
            Item::Remove { .. } => {}
        }
    }
}

fn redact_entry(e: &mut Entry, fix: &dyn Fn(&str) -> String) {
    e.title = fix(&e.title);
    e.body = fix(&e.body);
    for list in [&mut e.tags, &mut e.products, &mut e.links] {
        for v in list.iter_mut() {
            *v = fix(v);
        }
    }
    for v in [&mut e.case, &mut e.tier].into_iter().flatten() {
        *v = fix(v);
    }
    for value in e.fields.values_mut() {
        redact_value(value, fix);
    }
}

fn redact_value(value: &mut toml::Value, fix: &dyn Fn(&str) -> String) {
    match value {
        toml::Value::String(s) => *s = fix(s),
        toml::Value::Array(items) => items.iter_mut().for_each(|v| redact_value(v, fix)),
        toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| redact_value(v, fix)),
        _ => {}
    }
}

/// The id a write gave its first entry, for front ends that print it.
pub fn first_id(outcome: &Outcome) -> Option<&EntryId> {
    outcome.written.first().map(|w| &w.entry.id)
}

/// A time without its fraction of a second: what the clock gives is
/// written as whole seconds.
fn whole_second(t: chrono::DateTime<chrono::FixedOffset>) -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}
