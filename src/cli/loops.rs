//! What the practice-loop commands (`kb`, `escalation`, `qa`, `handoff`,
//! `explore`, `skill`, `postmortem`) share: the entries a report covers,
//! one entry of an expected kind, and a change to it as one commit.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::new::one_line_title;
use crate::entry::{self, Entry, Kind};
use crate::index::IndexedEntry;
use crate::write::{Item, WriteRequest};
use chrono::{Datelike, Days, NaiveDate};
use std::path::PathBuf;

/// The entries a report reads and the period they cover.
pub(super) struct Scope {
    pub items: Vec<IndexedEntry>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The period as the user named it, or the default's name.
    pub label: String,
    /// Whose entries; None for `--team`.
    pub person: Option<String>,
}

impl Scope {
    pub fn entries(&self) -> Vec<&Entry> {
        self.items.iter().map(|i| &i.entry).collect()
    }

    /// What the report covers, for its view.
    pub fn span(&self) -> crate::loops::span::Span {
        crate::loops::span::Span {
            start: self.start,
            end: self.end,
            label: self.label.clone(),
            person: self.person.clone(),
        }
    }
}

/// A report's default period: start, end and its name.
pub(super) type DefaultPeriod = Option<(NaiveDate, NaiveDate, String)>;

/// A named period as a report's default.
pub(super) fn named(ctx: &Context, name: &str) -> CliResult<DefaultPeriod> {
    let p = crate::dates::parse_period(name, ctx.today())?;
    Ok(Some((p.start, p.end, name.to_string())))
}

/// The last `n` ISO weeks up to today, this one included.
pub(super) fn last_weeks(today: NaiveDate, n: u64) -> DefaultPeriod {
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let first = monday - Days::new(7 * (n - 1));
    Some((first, today, format!("the last {n} weeks")))
}

/// The period of a report: `--period`/`--since`/`--until` when given, else
/// `default` (None for all time).
pub(super) fn period(
    ctx: &mut Context,
    args: &FilterArgs,
    default: DefaultPeriod,
) -> CliResult<(NaiveDate, NaiveDate, String)> {
    let today = ctx.today();
    let mut start = NaiveDate::MIN;
    let mut end = NaiveDate::MAX;
    let mut label = "all time".to_string();
    if let Some(p) = &args.period {
        let p = crate::dates::parse_period(p, today)?;
        (start, end) = (p.start, p.end);
        label = args.period.clone().unwrap_or_default();
    }
    if args.since.is_some() || args.until.is_some() {
        let r = crate::dates::parse_range(args.since.as_deref(), args.until.as_deref(), today)?;
        start = start.max(r.start);
        end = end.min(r.end);
        label = crate::dates::Period { start, end }.label();
    } else if args.period.is_none()
        && let Some(d) = default
    {
        (start, end, label) = d;
    }
    Ok((start, end, label))
}

/// The person's entries of `kinds` (all kinds if empty) in the period,
/// narrowed by the other FILTERS. Reports default to the current person,
/// whose private entries count (the report is theirs); `--team` reads
/// everyone's shared entries.
pub(super) fn scope(
    ctx: &mut Context,
    args: &FilterArgs,
    kinds: &[Kind],
    default_period: DefaultPeriod,
) -> CliResult<Scope> {
    let (start, end, label) = period(ctx, args, default_period)?;
    let mut filter = ctx.filter(
        &FilterArgs {
            period: None,
            since: None,
            until: None,
            ..args.clone()
        },
        true,
    )?;
    filter.since = (start != NaiveDate::MIN).then_some(start);
    filter.until = (end != NaiveDate::MAX).then_some(end);
    filter.include_private = !args.team;
    let person = if args.team {
        None
    } else {
        filter
            .fields
            .iter()
            .find(|(f, _)| f == "person")
            .map(|(_, v)| v.join(", "))
    };
    let mut items = ctx.query(|i| i.all_matching(&filter))?;
    items.retain(|i| kinds.is_empty() || kinds.contains(&i.entry.kind));
    drop_untouched_templates(ctx, &mut items)?;
    items.sort_by_key(|i| i.entry.created);
    Ok(Scope {
        items,
        start,
        end,
        label,
        person,
    })
}

/// Reports never count an entry that is still its kind's untouched
/// template (an editor quit without writing, in an older version). The
/// index keeps no bodies: only entries whose fields are all the template's
/// have theirs read, and only for kinds with fields of their own.
fn drop_untouched_templates(ctx: &mut Context, items: &mut Vec<IndexedEntry>) -> CliResult {
    let journal = ctx.journal()?;
    let mut templates: std::collections::HashMap<Kind, String> = Default::default();
    items.retain(|i| {
        let e = &i.entry;
        if e.kind.fields().is_empty() {
            return true;
        }
        let template = templates
            .entry(e.kind)
            .or_insert_with(|| journal.template(e.kind));
        if !entry::has_template_fields(e, template) {
            return true;
        }
        match journal
            .read_file(&i.path)
            .ok()
            .and_then(|t| entry::parse(&t, &i.path).ok())
        {
            Some(parsed) => !entry::is_template_only(&parsed.entry, template),
            None => true,
        }
    });
    Ok(())
}

/// Every entry of a kind in the journal, anyone's (the KB is shared).
pub(super) fn all_of_kind(ctx: &mut Context, kind: Kind) -> CliResult<Vec<IndexedEntry>> {
    let mut filter = crate::filter::Filter {
        include_private: true,
        ..Default::default()
    };
    filter.require("kind", kind.as_str());
    ctx.query(|i| i.all_matching(&filter))
}

/// Everyone's entries that can carry a `pattern` (proposals aside): what
/// the effect of a shipped change is counted over. Others' private entries
/// stay out; the person's own count when `own_private` names them.
pub(super) fn pattern_entries(
    ctx: &mut Context,
    own_private: Option<&str>,
) -> CliResult<Vec<Entry>> {
    pattern_entries_for(ctx, own_private, &[], None)
}

/// Like `pattern_entries`, narrowed in the index to some patterns and a
/// date window: a pack with two shipped changes reads a few hundred entries
/// of a 100,000-entry journal, not every escalation ever written.
pub(super) fn pattern_entries_for(
    ctx: &mut Context,
    own_private: Option<&str>,
    patterns: &[String],
    window: Option<(NaiveDate, NaiveDate)>,
) -> CliResult<Vec<Entry>> {
    let session = ctx.session()?;
    Ok(crate::review::gather::pattern_entries(
        session,
        own_private,
        patterns,
        window,
    )?)
}

/// The entry the user named, which must be of `kind`, parsed from its file.
pub(super) fn load(ctx: &mut Context, given: &str, kind: Kind) -> CliResult<(String, Entry)> {
    let item = ctx.resolve(given)?;
    if item.entry.kind != kind {
        return Err(CliError::usage(format!(
            "{} ({}) is a {} entry, not a {kind} entry",
            item.entry.id,
            one_line_title(&item.entry.title),
            item.entry.kind
        ))
        .with_hint(format!("`casebook list --kind {kind}` shows them")));
    }
    let e = read_entry(ctx, &item.path)?;
    Ok((item.path, e))
}

/// The entry in the file at `path`, parsed.
pub(super) fn read_entry(ctx: &mut Context, path: &str) -> CliResult<Entry> {
    let text = ctx.journal()?.read_file(path)?;
    Ok(entry::parse(&text, path)
        .map_err(|p| CliError::failure(format!("{path}:{p}")))?
        .entry)
}

/// Writes a changed entry back to its file as one commit through the
/// write pipeline and prints `ID PATH` (or the JSON write record), as
/// every write does.
pub(super) fn commit_update(
    ctx: &mut Context,
    path: &str,
    e: Entry,
    message: &str,
    write: &super::guard::WriteArgs,
) -> CliResult {
    let op = message
        .split([' ', ':'])
        .next()
        .unwrap_or("edit")
        .to_string();
    let request = WriteRequest::update(&op, path, e, &title_template(message));
    let outcome = super::guard::run(ctx, request, write)?;
    super::guard::report(ctx, &outcome)
}

/// Several changed entries written back as one commit through the write
/// pipeline; returns the short commit id.
pub(super) fn commit_updates(
    ctx: &mut Context,
    updates: Vec<(String, Entry)>,
    message: &str,
    pii: &super::guard::PiiArgs,
) -> CliResult<String> {
    let items = updates
        .into_iter()
        .map(|(path, entry)| Item::Entry {
            entry,
            path: Some(path),
        })
        .collect();
    let request = WriteRequest::of("update", items, message).with_policy(pii.policy(ctx), false);
    let outcome = super::guard::run_request(ctx, request)?;
    ctx.index_after_write();
    Ok(outcome.commit_short().unwrap_or_default())
}

/// A finished subject as a pipeline subject: braces escaped, so that no
/// `{title}` is filled in. (The pipeline redacts the whole subject when the
/// write redacts, so a title written into it is covered too.)
fn title_template(message: &str) -> String {
    message.replace('{', "(").replace('}', ")")
}

/// A date given with `--date`, else today.
pub(super) fn day_or_today(ctx: &Context, given: Option<&str>) -> CliResult<NaiveDate> {
    match given {
        Some(d) => crate::dates::parse_day(d, ctx.today())
            .map_err(|e| CliError::usage(format!("--date: {e}"))),
        None => Ok(ctx.today()),
    }
}

/// Free text from `-m TEXT` or `-F FILE` (`-` is stdin); never from an
/// implicit stdin, so a loop command in a script does not wait for input.
pub(super) fn text(m: &Option<String>, f: &Option<PathBuf>) -> CliResult<Option<String>> {
    let t = match (m, f) {
        (Some(m), _) => Some(m.replace("\\n", "\n")),
        (None, Some(f)) => Some(super::new::read_body_file(f)?),
        (None, None) => None,
    };
    Ok(t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
}

pub(super) fn set_str(e: &mut Entry, key: &str, value: &str) {
    e.fields
        .insert(key.into(), toml::Value::String(value.to_string()));
}

pub(super) fn print_json(ctx: &mut Context, value: &serde_json::Value) {
    ctx.ui
        .line(&serde_json::to_string_pretty(value).unwrap_or_default());
}

/// How a loop view styles its text here: this terminal's colour, and the
/// unique prefixes of the entries it names.
pub(super) fn style<'a>(
    ctx: &mut Context,
    ids: impl IntoIterator<Item = &'a crate::entry::EntryId>,
) -> crate::render::loops::Style {
    let mut style = crate::render::loops::Style {
        color: ctx.ui.color(),
        ..Default::default()
    };
    for id in ids {
        let shown = ctx.show_id(id);
        style.ids.insert(id.to_string(), shown);
    }
    style
}
