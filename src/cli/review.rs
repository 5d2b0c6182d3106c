//! `casebook review` (the evidence pack) and `casebook export`.
//! The pack is assembled as data by `review`, drawn by `render`; this file
//! only gathers the entries and writes the result where it was asked.

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use crate::entry::{self, Entry, Kind};
use crate::filter::Filter;
use crate::render;
use crate::review::figures::pattern_key;
use crate::skills::{Ladder, SkillsTree};
use clap::Args;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook review --period 2026-H1
  casebook review --period last-quarter --target senior --format html \\
      -o pack.html
  casebook review --person bo-chen --format json

The pack opens with a summary, then outcomes and changes to the system, then
each criterion of the target level with its strongest evidence and what others
said, then gaps (a miss with what it taught) and the plan; activity counts come
last. Entries are named by id (casebook show ID). Private entries stay out
unless --include-private; entries that are an untouched template never count.")]
pub struct ReviewArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Your current level (a level id of ladder.toml)
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// The level the pack argues for (default: the next one)
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// How much to show: summary (what a lead reads in five minutes) or
    /// full (each skill's figures and evidence, the activity tables)
    #[arg(long, value_enum, default_value_t = DetailArg::Summary, value_name = "LEVEL")]
    pub detail: DetailArg,
    /// Tag the commit the pack summarises (review/<person>/<period>)
    #[arg(long)]
    pub snapshot: bool,
    /// With --snapshot: move the tag if it already points at another commit
    #[arg(long, requires = "snapshot")]
    pub force: bool,
    /// Let private entries into the pack
    #[arg(long)]
    pub include_private: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DetailArg {
    Summary,
    Full,
}

impl From<DetailArg> for render::Detail {
    fn from(d: DetailArg) -> render::Detail {
        match d {
            DetailArg::Summary => render::Detail::Summary,
            DetailArg::Full => render::Detail::Full,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook export --format jsonl -o journal.jsonl
  casebook export --kind kb --format md --period 2026")]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to this file instead of stdout
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
}

pub fn run(args: ReviewArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Md, OutputFormat::Html, OutputFormat::Json],
        OutputFormat::Md,
    )?;
    // `--team` reads everyone's entries as one pack (labelled "team").
    let person = match args.filter.persons.first() {
        _ if args.filter.team => TEAM.to_string(),
        Some(p) if p != "me" => ctx.person(Some(p))?,
        _ => ctx.person(None)?,
    };
    let period = args
        .filter
        .period
        .clone()
        .unwrap_or_else(|| DEFAULT_PERIOD.to_string());
    let options = PackOptions {
        level: args.level.clone(),
        target: args.target.clone(),
        include_private: args.include_private,
        filter: args.filter.clone(),
        detail: args.detail.into(),
    };
    let (text, label) = if args.filter.team {
        (team_view(ctx, &period, format, &options)?, period.clone())
    } else {
        let pack = pack_data(ctx, &person, &period, &options)?;
        let label = pack.header.period.clone();
        (
            render::render(&pack, render_format(format), options.detail),
            label,
        )
    };
    // The tag is checked before anything is written: a refusal leaves no
    // pack behind that claims a snapshot.
    let tag = format!("review/{person}/{}", tag_part(&label));
    if args.snapshot {
        check_tag(ctx, &tag, args.force)?;
    }
    write_out(ctx, args.out.as_ref(), &text)?;
    if args.snapshot {
        snapshot(ctx, &tag, args.force)?;
    }
    Ok(())
}

const DEFAULT_PERIOD: &str = "12mo";

/// A period label as a piece of a tag name: "since 2030-01-01" becomes
/// "since-2030-01-01" (git refs hold no spaces).
fn tag_part(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join("-")
}

/// A review tag is a record of what a pack summarised: moving it silently
/// would rewrite that record, so it moves only with `--force`.
fn check_tag(ctx: &mut Context, tag: &str, force: bool) -> CliResult {
    let journal = ctx.journal()?;
    let head = journal
        .head()
        .ok_or_else(|| CliError::failure("the journal has no commits to tag"))?;
    let existing = journal.tag_target(tag);
    match existing {
        Some(old) if old != head && !force => Err(CliError::usage(format!(
            "tag {tag} already points at commit {}; the pack of that snapshot would no longer match its tag",
            &old.to_string()[..10]
        ))
        .with_hint(format!(
            "move it to {} with --snapshot --force, or leave out --snapshot",
            &head.to_string()[..10]
        ))),
        _ => Ok(()),
    }
}

fn snapshot(ctx: &mut Context, tag: &str, force: bool) -> CliResult {
    let journal = ctx.journal()?;
    let head = journal
        .head()
        .ok_or_else(|| CliError::failure("the journal has no commits to tag"))?;
    let moved = journal.tag_target(tag).filter(|old| *old != head);
    journal.tag_head(tag, force)?;
    let head = head.to_string();
    match moved {
        Some(old) => ctx.ui.status(&format!(
            "moved {tag} from {} to {}",
            &old.to_string()[..10],
            &head[..10]
        )),
        None => ctx.ui.status(&format!("tagged {} as {tag}", &head[..10])),
    }
    Ok(())
}

fn render_format(format: OutputFormat) -> render::Format {
    match format {
        OutputFormat::Html => render::Format::Html,
        OutputFormat::Json => render::Format::Json,
        _ => render::Format::Markdown,
    }
}

const TEAM: &str = "team";

struct PackOptions {
    level: Option<String>,
    target: Option<String>,
    include_private: bool,
    filter: FilterArgs,
    detail: render::Detail,
}

/// Used by `demo` to show the pack right away.
pub(super) fn print_pack(
    ctx: &mut Context,
    person: &str,
    period: &str,
    format: OutputFormat,
    out: Option<&PathBuf>,
) -> CliResult {
    let options = PackOptions {
        level: None,
        target: None,
        include_private: false,
        filter: FilterArgs::default(),
        detail: render::Detail::Summary,
    };
    let pack = pack_data(ctx, person, period, &options)?;
    let text = render::render(&pack, render_format(format), options.detail);
    write_out(ctx, out, &text)
}

/// `review --team`: one row per person with entries in the period, each row
/// read from that person's own pack.
fn team_view(
    ctx: &mut Context,
    period_text: &str,
    format: OutputFormat,
    o: &PackOptions,
) -> CliResult<String> {
    let period = crate::dates::parse_period(period_text, ctx.today())?;
    // One pass over the index for everyone: each person's pack then works
    // on its slice, instead of fifty reads of the same document store.
    // The period's entries, and from before it only the records a grid row
    // reads (ratings, confirmations, profile, focus, goals, proposals, KB
    // articles, milestones): the practice entries of past years would only
    // be parsed to be skipped.
    let in_period = Filter {
        since: Some(period.start),
        until: Some(period.end),
        ..Filter::default()
    };
    let mut before = Filter {
        until: period.start.pred_opt(),
        ..Filter::default()
    };
    for k in [
        "rating",
        "confirmation",
        "profile",
        "focus",
        "goal",
        "proposal",
        "kb",
        "milestone",
    ] {
        before.require("kind", k);
    }
    let mut items = ctx.query(|i| i.all_matching(&in_period))?;
    if period.start > chrono::NaiveDate::MIN {
        items.extend(ctx.query(|i| i.all_matching(&before))?);
    }
    let mut by_person: std::collections::BTreeMap<String, Vec<crate::index::IndexedEntry>> =
        Default::default();
    for item in items {
        by_person
            .entry(item.entry.person.clone())
            .or_default()
            .push(item);
    }
    let in_period = |i: &crate::index::IndexedEntry| {
        let d = i.entry.created.date_naive();
        i.entry.kind.is_practice() && period.start <= d && d <= period.end
    };
    by_person.retain(|_, items| items.iter().any(in_period));
    let people: Vec<String> = by_person.keys().cloned().collect();
    // Everyone's shared entries with a pattern, read once for all the packs.
    let pool = PatternPool::new(super::loops::pattern_entries(ctx, None)?);
    if people.is_empty() {
        return Err(CliError::nothing(format!(
            "nobody wrote practice entries in {period_text}"
        )));
    }
    let mut packs = Vec::new();
    for person in &people {
        // A lead's view never carries anyone's private entries.
        let options = PackOptions {
            include_private: false,
            level: None,
            target: o.target.clone(),
            filter: FilterArgs::default(),
            detail: o.detail,
        };
        let items = by_person.remove(person).unwrap_or_default();
        packs.push(pack_data_from(
            ctx,
            person,
            period_text,
            &options,
            Some(items),
            Some(&pool),
        )?);
    }
    let view = crate::review::team::grid(&packs, period_text);
    Ok(match format {
        OutputFormat::Json => serde_json::to_string_pretty(&view).unwrap_or_default(),
        OutputFormat::Html => format!(
            "<!doctype html><meta charset=\"utf-8\"><title>Team view</title><pre>{}</pre>",
            crate::render::html::escape(&crate::review::team::markdown(&view))
        ),
        _ => crate::review::team::markdown(&view),
    })
}

fn pack_data(
    ctx: &mut Context,
    person: &str,
    period_text: &str,
    o: &PackOptions,
) -> CliResult<crate::review::EvidencePack> {
    pack_data_from(ctx, person, period_text, o, None, None)
}

/// The pack, from the person's entries up to the end of the period when the
/// caller already read them (the team view reads everyone's in one pass).
fn pack_data_from(
    ctx: &mut Context,
    person: &str,
    period_text: &str,
    o: &PackOptions,
    preloaded: Option<Vec<crate::index::IndexedEntry>>,
    pattern_pool: Option<&PatternPool>,
) -> CliResult<crate::review::EvidencePack> {
    let today = ctx.today();
    let mut scoped = ctx.filter(
        &FilterArgs {
            persons: Vec::new(),
            period: None,
            team: true,
            ..o.filter.clone()
        },
        false,
    )?;
    // The period the entries are selected by, and a label that says so:
    // `--since` alone is a period of its own, not the default twelve months.
    let named = o.filter.period.is_some() || (scoped.since.is_none() && scoped.until.is_none());
    let period = if named {
        crate::dates::parse_period(period_text, today)?
    } else {
        crate::dates::Period {
            start: scoped.since.unwrap_or(chrono::NaiveDate::MIN),
            // A start after today is still a period, of no days yet.
            end: scoped
                .until
                .unwrap_or(today)
                .max(scoped.since.unwrap_or(chrono::NaiveDate::MIN)),
        }
    };
    let start = scoped.since.map_or(period.start, |s| s.max(period.start));
    let end = scoped.until.map_or(period.end, |u| u.min(period.end));
    let period_label = match (named && (start, end) == (period.start, period.end), start) {
        (true, _) => period_text.to_string(),
        (false, chrono::NaiveDate::MIN) => format!("until {end}"),
        (false, _) if scoped.until.is_none() && !named => format!("since {start}"),
        (false, _) => format!("{start} to {end}"),
    };
    let period = crate::dates::Period { start, end };
    let journal = ctx.journal()?;
    let skills = SkillsTree::parse(&journal.skills_text_for(person))
        .map_err(|e| CliError::failure(format!("skills.toml: {e:#}")))?;
    let ladder = Ladder::parse(&journal.ladder_text())
        .map_err(|e| CliError::failure(format!("ladder.toml: {e:#}")))?;
    // A level by its id or by its title as people say it.
    let mut named_levels = [o.level.clone(), o.target.clone()];
    for (flag, level) in ["--level", "--target"].iter().zip(named_levels.iter_mut()) {
        if let Some(l) = level {
            match ladder.find_level(l) {
                Some(found) => *l = found.id.clone(),
                None => {
                    return Err(
                        CliError::usage(format!("{flag}: no level '{l}' in ladder.toml"))
                            .with_hint(format!("levels: {}", ladder.level_names())),
                    );
                }
            }
        }
    }
    let [level_id, target_id] = named_levels;
    let generated = crate::clock::now();
    let commit = journal.head().map(|h| h.to_string());
    let mut all = Filter {
        include_private: o.include_private,
        ..Filter::default()
    };
    // Nothing after the period counts; for the team, nothing before it either
    // (a team pack aggregates the period, it does not track ratings).
    all.until = Some(period.end);
    if person != TEAM {
        all.require("person", person);
    } else {
        all.since = Some(period.start);
    }
    scoped.include_private = o.include_private;
    if person != TEAM {
        scoped.require_all("person", person);
    }
    scoped.since = Some(period.start);
    scoped.until = Some(period.end);
    // One read of the index; the period's entries are a subset, picked out
    // with the same filter semantics the index uses.
    let preloaded_team = preloaded.is_some();
    let history_items = match preloaded {
        Some(items) => items,
        None => ctx.query(|i| i.all_matching(&all))?,
    };
    let paths: HashMap<String, String> = history_items
        .iter()
        .map(|i| (i.entry.id.to_string(), i.path.clone()))
        .collect();
    let mut history: Vec<Entry> = history_items.into_iter().map(|i| i.entry).collect();
    // The index keeps no bodies. A person's pack reads the few it needs
    // from the files: what others said (quoted whole), misses (what they
    // taught), and entries whose fields are still the template's, to tell
    // an untouched template from an entry. The team grid reads none.
    let templates: Option<BTreeMap<Kind, String>> = if preloaded_team {
        None
    } else {
        let journal = ctx.journal()?;
        let templates: BTreeMap<Kind, String> = Kind::ALL
            .iter()
            .map(|k| (*k, journal.template(*k)))
            .collect();
        for e in history.iter_mut() {
            let template = templates.get(&e.kind).map_or("", String::as_str);
            let wanted = e.kind == Kind::Feedback
                || (e.kind == Kind::Diagnosis && e.field_str("verdict") == Some("miss"))
                || entry::has_template_fields(e, template);
            if let (true, Some(path)) = (wanted, paths.get(e.id.as_str())) {
                // An unreadable file keeps the entry as the index has it.
                if let Ok(parsed) = journal
                    .read_file(path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| entry::parse(&t, path).map_err(|e| e.to_string()))
                {
                    e.body = parsed.entry.body;
                } else {
                    e.body = e.title.clone();
                }
            }
        }
        Some(templates)
    };
    // Sorted, so the period's entries (borrowed from it) are in order too.
    history.sort_by_key(|e| e.created);
    let entries: Vec<&Entry> = history.iter().filter(|e| scoped.matches(e)).collect();
    let path_of = |e: &Entry| paths.get(e.id.as_str()).cloned().unwrap_or_default();
    let config = ctx.journal()?.config.clone();
    let own = (person != TEAM && o.include_private).then_some(person);
    // Only a shipped change with a pattern needs the team's entries, and
    // only those with its pattern within 8 weeks either side of shipping.
    let shipped: Vec<(String, chrono::NaiveDate)> = history
        .iter()
        .filter(|e| {
            e.kind == crate::entry::Kind::Proposal && e.field_str("status") == Some("shipped")
        })
        .filter_map(|e| {
            let pattern = e.field_str("pattern")?.to_string();
            let day = e
                .field_str("shipped")
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or_else(|| e.created.date_naive());
            Some((pattern, day))
        })
        .collect();
    let read_for_this_pack: Vec<Entry>;
    let team: Vec<&Entry> = if shipped.is_empty() {
        Vec::new()
    } else {
        let margin = chrono::Duration::days(crate::review::figures::EFFECT_WINDOW_DAYS + 1);
        let from = shipped.iter().map(|s| s.1).min().unwrap_or(period.start) - margin;
        let to = shipped.iter().map(|s| s.1).max().unwrap_or(period.end) + margin;
        let patterns: Vec<String> = shipped.into_iter().map(|s| s.0).collect();
        match pattern_pool {
            Some(pool) => pool.between(&patterns, from, to),
            None => {
                read_for_this_pack =
                    super::loops::pattern_entries_for(ctx, own, &patterns, Some((from, to)))?;
                read_for_this_pack.iter().collect()
            }
        }
    };
    let input = crate::review::ReviewInput {
        person: person.to_string(),
        period_label,
        period_start: period.start,
        period_end: period.end,
        generated,
        commit,
        entries: &entries,
        history: &history,
        team: &team,
        skills: &skills,
        ladder: &ladder,
        level: level_id,
        target: target_id,
        paths: &path_of,
        qa_target_per_week: config.targets.qa_samples_per_week,
        explore_target_per_week: config.targets.explore_minutes_per_week,
        min_predictions_for_brier: config.defaults.min_predictions_for_brier,
        include_private: o.include_private,
        templates: templates.as_ref(),
    };
    Ok(crate::review::assemble(&input))
}

/// Everyone's shared entries with a pattern, read once for the team grid
/// and kept by pattern in date order, so each person's pack picks the few
/// its shipped changes need instead of scanning them all.
struct PatternPool {
    by_pattern: HashMap<String, Vec<Entry>>,
}

impl PatternPool {
    fn new(entries: Vec<Entry>) -> PatternPool {
        let mut by_pattern: HashMap<String, Vec<Entry>> = HashMap::new();
        for e in entries {
            if let Some(p) = e.field_str("pattern").map(pattern_key) {
                by_pattern.entry(p).or_default().push(e);
            }
        }
        for list in by_pattern.values_mut() {
            list.sort_by_key(|e| e.created);
        }
        PatternPool { by_pattern }
    }

    /// The entries with one of `patterns` (any case) written from `from`
    /// to `to`, in date order.
    fn between(
        &self,
        patterns: &[String],
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Vec<&Entry> {
        let mut keys: Vec<String> = patterns.iter().map(|p| pattern_key(p)).collect();
        keys.sort();
        keys.dedup();
        let mut out: Vec<&Entry> = Vec::new();
        for list in keys.iter().filter_map(|k| self.by_pattern.get(k)) {
            let start = list.partition_point(|e| e.created.date_naive() < from);
            let end = list.partition_point(|e| e.created.date_naive() <= to);
            out.extend(&list[start..end]);
        }
        out.sort_by_key(|e| e.created);
        out
    }
}

fn write_out(ctx: &mut Context, out: Option<&PathBuf>, text: &str) -> CliResult {
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

pub fn run_export(args: ExportArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[
            OutputFormat::Json,
            OutputFormat::Jsonl,
            OutputFormat::Csv,
            OutputFormat::Md,
        ],
        OutputFormat::Jsonl,
    )?;
    let mut filter = ctx.filter(&args.filter, false)?;
    filter.include_private = args.include_private;
    let (hits, _) = ctx.query(|i| {
        i.search(
            &Default::default(),
            &filter,
            crate::index::Sort::Oldest,
            args.filter.limit,
        )
    })?;
    let journal = ctx.journal()?;
    let mut entries = Vec::with_capacity(hits.len());
    for hit in hits {
        let text = journal.read_file(&hit.item.path)?;
        let e = entry::parse(&text, &hit.item.path)
            .map(|p| p.entry)
            .unwrap_or(hit.item.entry);
        entries.push((hit.item.path, e));
    }
    let mut out = String::new();
    match format {
        OutputFormat::Json => {
            let list: Vec<_> = entries.iter().map(|(p, e)| with_path(e, p)).collect();
            out = serde_json::to_string_pretty(&serde_json::json!({ "entries": list }))
                .unwrap_or_default();
        }
        OutputFormat::Csv => {
            out.push_str(&format!("{},body\n", super::list::CSV_HEADER));
            for (_, e) in &entries {
                out.push_str(&super::list::csv_row(e, &e.body));
                out.push('\n');
            }
        }
        OutputFormat::Md => {
            for (_, e) in &entries {
                out.push_str(&e.to_markdown());
                out.push('\n');
            }
        }
        _ => {
            for (p, e) in &entries {
                out.push_str(&with_path(e, p).to_string());
                out.push('\n');
            }
        }
    }
    if entries.is_empty() && args.out.is_none() {
        return Err(CliError::nothing("no entries match"));
    }
    write_out(ctx, args.out.as_ref(), &out)
}

fn with_path(e: &Entry, path: &str) -> serde_json::Value {
    let mut json = e.to_json();
    if let Some(obj) = json.as_object_mut() {
        obj.insert("path".into(), path.into());
    }
    json
}
