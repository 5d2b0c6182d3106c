//! What others say: `casebook feedback PERSON` and `casebook confirm
//! CRITERION`. Both are written from the giver's own clone into the
//! subject's folder, so the subject's pack finds them, and the commit author
//! shows who said it. A record the subject typed in themselves (quoting a
//! customer, say) carries `recorded_by` and the pack labels it as such.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::text;
use super::new::write_entry;
use crate::entry;
use crate::loops::feedback;
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
    if let Err(e) = feedback::check_subject(ctx.journal()?, &about, &me, args.new_person) {
        let new = ctx.command_line(&format!("feedback {about} --new-person -m \"...\""));
        return Err(CliError::from(e).with_hint(format!("if they are new here: {new}")));
    }
    feedback::check_skills(&ctx.journal()?.skill_ids(), &args.skills)?;
    let created = match &args.date {
        Some(d) => crate::clock::at_day(super::loops::day_or_today(ctx, Some(d))?),
        None => crate::clock::now(),
    };
    let said = feedback::Said {
        about: &about,
        me: &me,
        from: args.from.as_deref().unwrap_or(&my_name),
        source: &args.source,
        case: args.case.clone(),
        skills: args.skills.clone(),
        created,
    };
    let e = feedback::feedback(&said, body);
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
    let found = feedback::criterion(&ladder, &args.criterion)?;
    let about = ctx.person(args.person.as_deref())?;
    let me = ctx.person(None)?;
    let by = if about == me {
        String::new()
    } else {
        ctx.writer_name()?
    };
    let mut e = feedback::confirmation(found, &about, &me, &by, args.met, crate::clock::now())?;
    e.body = text(&args.note, &args.note_file)?.unwrap_or_default();
    write_entry(ctx, e, Vec::new(), "confirm", &args.write)
}
