//! What others say: `casebook feedback PERSON` and `casebook confirm
//! CRITERION`. Both are written from the giver's own clone into the
//! subject's folder, so the subject's pack finds them, and the commit author
//! shows who said it. A record the subject typed in themselves (quoting a
//! customer, say) carries `recorded_by` and the pack labels it as such.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{set_str, text};
use super::new::write_entry;
use crate::entry::{self, Entry, Kind};
use crate::skills::Ladder;
use clap::Args;
use std::path::PathBuf;

const SOURCES: [&str; 8] = [
    "peer",
    "lead",
    "engineering",
    "customer-success",
    "sales",
    "product",
    "customer",
    "self",
];

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook feedback ana-lima \\
      -m \"Her hand-off had the HAR file and the repro; fixed in a day\" \\
      --source engineering --skill hand-off-documentation
  casebook feedback ana-lima -m \"Thanks for staying with me\" --source customer \\
      --from \"a customer\" --case ZD-4821
Written from your clone into their journal folder; after `casebook sync` it is
in their evidence pack, and git shows you as its author.")]
pub struct FeedbackArgs {
    /// Whom the feedback is about (their name or journal id)
    pub person: String,
    /// What you saw and what it changed
    #[arg(short = 'm', long = "body", visible_aliases = ["message", "text"], value_name = "TEXT")]
    pub body: Option<String>,
    /// Read it from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub body_file: Option<PathBuf>,
    /// The skill it speaks to (repeatable)
    #[arg(long = "skill", value_name = "SKILL", add = super::complete::skill_completer())]
    pub skills: Vec<String>,
    /// The case it is about
    #[arg(long, value_name = "REF")]
    pub case: Option<String>,
    /// The giver's role: peer, lead, engineering, customer-success, sales, product, customer
    #[arg(long, value_parser = SOURCES, default_value = "peer")]
    pub source: String,
    /// Who said it, when it was not you (e.g. quoting a customer)
    #[arg(long, value_name = "NAME")]
    pub from: Option<String>,
    /// When it was said
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The person has no folder in the journal yet: start one for them
    #[arg(long)]
    pub new_person: bool,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook confirm s2-gate-judgment --person ana-lima --met \\
      -m \"no reversed gate decision in H1; every amend explained\"
  casebook confirm s2-hard-conversations --person ana-lima --not-yet \\
      -m \"two calmer endings so far; let's review three more\"
A lead's confirmation settles a ladder criterion in the pack, shown with who
confirmed it and when, beside what the journal computed.")]
pub struct ConfirmArgs {
    /// The criterion id from ladder.toml (`casebook review --format json` lists them)
    pub criterion: String,
    /// Whose criterion (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// The criterion is met
    #[arg(long, conflicts_with = "not_yet", required_unless_present = "not_yet")]
    pub met: bool,
    /// The criterion is not met yet
    #[arg(long)]
    pub not_yet: bool,
    /// The note: what it rests on
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

fn subject(given: &str) -> CliResult<String> {
    entry::person_slug(given).map_err(|e| CliError::usage(format!("PERSON: {e}")))
}

pub fn run_feedback(args: FeedbackArgs, ctx: &mut Context) -> CliResult {
    let about = subject(&args.person)?;
    let body = text(&args.body, &args.body_file)?.ok_or_else(|| {
        CliError::usage("feedback needs its text: -m TEXT or -F FILE")
            .with_hint("casebook feedback ana-lima -m \"what you saw and what it changed\"")
    })?;
    let me = ctx.person(None)?;
    let my_name = ctx.writer_name()?;
    // A misspelt name would start a folder for nobody: someone new to the
    // journal is said so.
    if about != me && !args.new_person && !ctx.journal()?.abs(&format!("people/{about}")).is_dir() {
        let people: Vec<String> = std::fs::read_dir(ctx.journal()?.abs("people"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let mut people = people;
        people.sort();
        return Err(CliError::usage(format!(
            "nobody named '{about}' writes in this journal (people: {})",
            if people.is_empty() {
                "none yet".to_string()
            } else {
                people.join(", ")
            }
        ))
        .with_hint(format!(
            "if they are new here: {}",
            ctx.command_line(&format!("feedback {about} --new-person -m \"...\""))
        )));
    }
    let known = ctx.journal()?.skill_ids();
    for s in &args.skills {
        if !known.is_empty() && !known.contains(s) {
            return Err(CliError::usage(format!(
                "--skill: unknown skill '{s}' (skills: {})",
                known.join(", ")
            )));
        }
    }
    let created = match &args.date {
        Some(d) => crate::clock::at_day(super::loops::day_or_today(ctx, Some(d))?),
        None => crate::clock::now(),
    };
    let from = args.from.clone().unwrap_or_else(|| my_name.clone());
    let title = entry::truncate_chars(&super::ui::one_line(&body), 72);
    let mut e = Entry::new(Kind::Feedback, &title, &about, created);
    e.body = body;
    e.case = args.case.clone();
    e.skills = args.skills.clone();
    set_str(&mut e, "subject", &about);
    set_str(&mut e, "from", &from);
    set_str(&mut e, "source", &args.source);
    set_str(&mut e, "recorded_by", &me);
    if about == me && args.from.is_none() && args.source != "self" {
        ctx.ui.warn(
            "feedback about yourself counts as what others said only with --from NAME (who said it)",
        );
    }
    write_entry(ctx, e, Vec::new(), "feedback", &args.write)
}

pub fn run_confirm(args: ConfirmArgs, ctx: &mut Context) -> CliResult {
    let ladder = Ladder::parse(&ctx.journal()?.ladder_text())
        .map_err(|e| CliError::failure(format!("ladder.toml: {e:#}")))?;
    let found = ladder
        .levels
        .iter()
        .flat_map(|l| l.criteria.iter().map(move |c| (l, c)))
        .find(|(_, c)| c.id == args.criterion);
    let Some((level, criterion)) = found else {
        let close: Vec<&str> = ladder
            .levels
            .iter()
            .flat_map(|l| l.criteria.iter().map(|c| c.id.as_str()))
            .filter(|id| {
                let stem = args.criterion.split('-').next().unwrap_or("");
                !stem.is_empty() && id.starts_with(stem)
            })
            .take(12)
            .collect();
        let hint = if close.is_empty() {
            "the criteria are the [[level.criteria]] ids of ladder.toml".to_string()
        } else {
            format!("criteria: {}", close.join(", "))
        };
        return Err(
            CliError::usage(format!("no criterion '{}' in ladder.toml", args.criterion))
                .with_hint(hint),
        );
    };
    let about = ctx.person(args.person.as_deref())?;
    let me = ctx.person(None)?;
    if about == me {
        return Err(CliError::usage(
            "a confirmation is given by someone else (a lead): name whose criterion it is with --person",
        )
        .with_hint(format!(
            "casebook confirm {} --person NAME --met -m NOTE",
            criterion.id
        )));
    }
    let by = ctx.writer_name()?;
    let status = if args.met { "met" } else { "not-yet" };
    let mut e = Entry::new(
        Kind::Confirmation,
        &format!(
            "{}: {} ({})",
            criterion.id,
            if args.met { "met" } else { "not yet" },
            level.name
        ),
        &about,
        crate::clock::now(),
    );
    set_str(&mut e, "criterion", &criterion.id);
    set_str(&mut e, "status", status);
    set_str(&mut e, "by", &by);
    set_str(&mut e, "recorded_by", &me);
    e.body = text(&args.note, &args.note_file)?.unwrap_or_default();
    write_entry(ctx, e, Vec::new(), "confirm", &args.write)
}
