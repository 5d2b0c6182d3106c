//! `casebook review` (the evidence pack). Named
//! `pack` so that it does not read as the library's `review`.
//! The pack is assembled as data by `review`, drawn by `render`; this file
//! only gathers the entries and writes the result where it was asked.

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};

use crate::render;
use crate::review::gather::{DEFAULT_PERIOD, PackRequest, TEAM};
use clap::Args;
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

pub fn run(args: ReviewArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Md, OutputFormat::Html, OutputFormat::Json],
        OutputFormat::Md,
    )?;
    let detail = args.detail.into();
    let (text, person, label) = if args.filter.team {
        let period = args
            .filter
            .period
            .clone()
            .unwrap_or_else(|| DEFAULT_PERIOD.into());
        let view = crate::review::gather::team(ctx.session()?, &period, args.target.clone())?
            .ok_or_else(|| {
                CliError::nothing(format!("nobody wrote practice entries in {period}"))
            })?;
        (
            render::team::view(&view, render_format(format)),
            TEAM.to_string(),
            period,
        )
    } else {
        let request = pack_request(ctx, &args)?;
        let pack = crate::review::gather::pack(ctx.session()?, &request)?;
        let label = pack.header.period.clone();
        (
            render::render(&pack, render_format(format), detail),
            request.person,
            label,
        )
    };
    // The tag is checked before anything is written: a refusal leaves no
    // pack behind that claims a snapshot.
    let tag = format!("review/{person}/{}", tag_part(&label));
    if args.snapshot {
        check_tag(ctx, &tag, args.force)?;
    }
    super::context::write_out(ctx, args.out.as_ref(), &text)?;
    if args.snapshot {
        snapshot(ctx, &tag, args.force)?;
    }
    Ok(())
}

/// The flags as a plain request: the person, the period and the rest of
/// the filter resolved here, levels named as given.
fn pack_request(ctx: &mut Context, args: &ReviewArgs) -> CliResult<PackRequest> {
    let person = match args.filter.persons.first() {
        Some(p) if p != "me" => ctx.person(Some(p))?,
        _ => ctx.person(None)?,
    };
    let scope = ctx.filter(
        &FilterArgs {
            persons: Vec::new(),
            period: None,
            team: true,
            ..args.filter.clone()
        },
        false,
    )?;
    Ok(PackRequest {
        person,
        period: args
            .filter
            .period
            .clone()
            .unwrap_or_else(|| DEFAULT_PERIOD.into()),
        period_named: args.filter.period.is_some(),
        scope,
        level: args.level.clone(),
        target: args.target.clone(),
        include_private: args.include_private,
    })
}

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

/// Used by `demo` to show the pack right away.
pub(super) fn print_pack(
    ctx: &mut Context,
    person: &str,
    period: &str,
    format: OutputFormat,
    out: Option<&PathBuf>,
) -> CliResult {
    let request = PackRequest {
        person: person.to_string(),
        period: period.to_string(),
        period_named: false,
        ..PackRequest::default()
    };
    let pack = crate::review::gather::pack(ctx.session()?, &request)?;
    let text = render::render(&pack, render_format(format), render::Detail::Summary);
    super::context::write_out(ctx, out, &text)
}
