//! The system-improvement loop: `casebook proposal new | set | report`.
//! A repeated pattern becomes a proposed change of the system (the agent's
//! playbook, an escalation rule, a KB article, a retraining set, a hand-off
//! template); each step (accepted, shipped, rejected) is dated on the entry,
//! and the report shows what shipped and whether the pattern then receded,
//! team-wide, with the same computation the evidence pack uses.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{
    commit_update, day_or_today, load, pattern_entries, print_json, scope, set_str, text,
};
use super::new::{one_line_title, write_entry};
use super::ui::{BOLD, DIM, one_line};
use crate::entry::kind::{HANDOFF_FUNCTIONS, PROPOSAL_TARGETS};
use crate::entry::{Entry, Kind};
use crate::loops::kb::append_to_section;
use crate::review::figures::{PatternEffect, pattern_effect, proposals};
use chrono::NaiveDate;
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # the report: raised, shipped, and their effect
  casebook proposal
  casebook proposal new --target playbook --pattern refund-loop \\
      --evidence kqzv --evidence mnpq \\
      --title \"Agent closes refund loops\" \\
      -m \"Customer asks twice for a refund that is pending...\"
  casebook proposal set rstu accepted
  casebook proposal set rstu shipped --ref PB-112 --date 2026-10-02"
)]
pub struct ProposalArgs {
    #[command(subcommand)]
    pub command: Option<ProposalCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum ProposalCommand {
    /// File a proposal from a repeated pattern and the entries that show it
    New(NewArgs),
    /// Record a step: accepted, shipped (with --ref) or rejected, with its date
    Set(SetArgs),
    /// Raised, accepted, shipped, rejected; days to ship; the effect of each shipped one
    Report(ReportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook proposal new --target escalation-rule --pattern sso-lockout \\
      --evidence kqzv \\
      --title \"Escalate SSO lockouts at once\" -F case.md
  casebook proposal new --target handoff-template --function engineering \\
      --pattern missing-har \\
      --evidence mnpq --title \"Ask for the HAR file\" -m \"...\"

The body is the case the agent should handle next time, sanitised: no
customer names or data (the personal-data guard checks it).")]
pub struct NewArgs {
    /// What to change (or --field target=...)
    #[arg(long, value_name = "TARGET", value_parser = PossibleValuesParser::new(PROPOSAL_TARGETS))]
    pub target: Option<String>,
    /// Whose hand-off template (with --target handoff-template)
    #[arg(long, value_name = "FUNCTION", value_parser = PossibleValuesParser::new(HANDOFF_FUNCTIONS))]
    pub function: Option<String>,
    /// The pattern tag it addresses (as in escalations' `pattern`; or --field pattern=...)
    #[arg(long, value_name = "TAG")]
    pub pattern: Option<String>,
    /// An entry that shows the pattern (repeatable; each must exist)
    #[arg(long = "evidence", value_name = "ID", add = super::complete::id_completer())]
    pub evidence: Vec<String>,
    /// The entry flags every `new` takes (--title, --tag, --field, -m, -F,
    /// --date, --person, --no-edit, --dry-run, --redact, ...)
    #[command(flatten)]
    pub entry: super::args::EntryArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook proposal set rstu accepted
  casebook proposal set rstu shipped --ref PB-112
  casebook proposal set rstu rejected --date 2026-10-02 \\
      -m \"covered by the new refund policy\"

Steps go proposed → accepted → shipped, or to rejected; a shipped or
rejected proposal is final.")]
pub struct SetArgs {
    /// The proposal: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// The new status
    #[arg(value_parser = PossibleValuesParser::new(["accepted", "shipped", "rejected"]))]
    pub status: String,
    /// The change's reference (a playbook version, a ticket, a KB article id)
    #[arg(long = "ref", value_name = "CHANGE")]
    pub change_ref: Option<String>,
    /// When it happened (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note logged with the step
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook proposal report
  casebook proposal report --team --json")]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: ProposalArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(ProposalCommand::Report(a)) => report(a.filter, ctx),
        Some(ProposalCommand::New(a)) => new(a, ctx),
        Some(ProposalCommand::Set(a)) => set(a, ctx),
    }
}

fn new(args: NewArgs, ctx: &mut Context) -> CliResult {
    // The entry flags first: --field target=... and --field pattern=...
    // stand for --target and --pattern, as in `casebook new proposal`.
    let person = ctx.person(args.entry.person.as_deref())?;
    let day = day_or_today(ctx, args.entry.date.as_deref())?;
    let now = crate::clock::now();
    let created = chrono::TimeZone::from_local_datetime(now.offset(), &day.and_time(now.time()))
        .single()
        .unwrap_or(now);
    let mut e = Entry::new(Kind::Proposal, "", &person, created);
    super::new::apply_entry_args(
        ctx,
        &mut e,
        &super::args::EntryArgs {
            date: None,
            ..args.entry.clone()
        },
    )?;
    if let Some(t) = &args.target {
        set_str(&mut e, "target", t);
    }
    if let Some(f) = &args.function {
        set_str(&mut e, "function", f);
    }
    let target = e.field_str("target").unwrap_or("").to_string();
    if target.is_empty() {
        return Err(
            CliError::usage("a proposal needs --target (what to change)")
                .with_hint(format!("targets: {}", PROPOSAL_TARGETS.join(", "))),
        );
    }
    match (target.as_str(), e.field_str("function")) {
        ("handoff-template", None) => {
            return Err(CliError::usage(
                "--target handoff-template needs --function (whose template)",
            ));
        }
        (t, Some(_)) if t != "handoff-template" => {
            return Err(CliError::usage(
                "--function is for --target handoff-template only",
            ));
        }
        _ => {}
    }
    let pattern = args
        .pattern
        .clone()
        .or_else(|| e.field_str("pattern").map(str::to_string))
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    if pattern.is_empty() {
        return Err(CliError::usage("--pattern needs a tag, e.g. refund-loop"));
    }
    let body = match super::new::body_from_args(&args.entry)? {
        Some(b) => b.trim().to_string(),
        None if args.entry.no_edit => String::new(),
        None => {
            return Err(CliError::usage(
                "a proposal needs its body: the sanitised case the agent should handle",
            )
            .with_hint("give -m TEXT or -F FILE (or --no-edit to write it later)"));
        }
    };
    let mut evidence = Vec::new();
    for given in &args.evidence {
        let item = ctx
            .resolve(given)
            .map_err(|e| CliError::usage(format!("--evidence: {}", e.message)))?;
        let id = item.entry.id.to_string();
        if !evidence.contains(&id) {
            evidence.push(id);
        }
    }
    if e.title.trim().is_empty() {
        e.title = crate::entry::truncate_chars(body.lines().next().unwrap_or("").trim(), 72);
    }
    e.body = body;
    set_str(&mut e, "pattern", &pattern);
    set_str(&mut e, "status", "proposed");
    set_str(&mut e, "proposed", &day.to_string());
    if !evidence.is_empty() {
        e.fields.insert(
            "evidence".into(),
            toml::Value::Array(evidence.into_iter().map(toml::Value::String).collect()),
        );
    }
    write_entry(ctx, e, Vec::new(), "new", &args.entry.write)
}

/// Where a proposal may go from where it is.
fn allowed(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("proposed", "accepted" | "shipped" | "rejected") | ("accepted", "shipped" | "rejected")
    )
}

fn set(args: SetArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Proposal)?;
    let from = e.field_str("status").unwrap_or("proposed").to_string();
    let to = args.status.as_str();
    if !allowed(&from, to) {
        let when = e
            .field_date(&from)
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        return Err(CliError::usage(format!(
            "{} ({}) cannot become {to}: it was {from}{when}",
            e.id,
            one_line_title(&e.title)
        ))
        .with_hint("steps go proposed → accepted → shipped, or to rejected; shipped and rejected are final"));
    }
    let day = day_or_today(ctx, args.date.as_deref())?;
    // A step cannot come before the one it follows.
    for earlier in ["proposed", "accepted"] {
        if let Some(d) = e.field_date(earlier)
            && day < d
        {
            return Err(CliError::usage(format!(
                "--date {day} is before the proposal was {earlier} ({d})"
            )));
        }
    }
    set_str(&mut e, "status", to);
    set_str(&mut e, to, &day.to_string());
    let change_ref = args
        .change_ref
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if let Some(r) = change_ref {
        set_str(&mut e, "change_ref", r);
    }
    let note = text(&args.note, &args.note_file)?;
    let line = format!(
        "- {day}: {to}{}{}",
        change_ref.map(|r| format!(" ({r})")).unwrap_or_default(),
        note.as_deref()
            .map(|n| format!(": {}", one_line(n)))
            .unwrap_or_default()
    );
    e.body = append_to_section(&e.body, "History", &line);
    let message = format!(
        "proposal {to}: {}{}",
        one_line_title(&e.title),
        change_ref.map(|r| format!(" ({r})")).unwrap_or_default()
    );
    commit_update(ctx, &path, e, &message, &args.write)
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    path: String,
    status: String,
    target: Option<String>,
    function: Option<String>,
    pattern: Option<String>,
    evidence: Vec<String>,
    proposed: NaiveDate,
    accepted: Option<NaiveDate>,
    shipped: Option<NaiveDate>,
    rejected: Option<NaiveDate>,
    change_ref: Option<String>,
    /// Proposed to shipped, for shipped proposals.
    days_to_ship: Option<i64>,
    /// Shipped proposals: entries with the pattern team-wide, 8 weeks
    /// before and after (shorter while 8 weeks have not passed).
    effect: Option<PatternEffect>,
}

fn row(e: &Entry, path: &str, pool: &[&Entry], today: NaiveDate) -> Row {
    let proposed = e.field_date("proposed").unwrap_or(e.created.date_naive());
    let status = e.field_str("status").unwrap_or("proposed").to_string();
    let shipped = (status == "shipped")
        .then(|| e.field_date("shipped"))
        .flatten();
    let pattern = e.field_str("pattern").map(str::to_string);
    Row {
        id: e.id.to_string(),
        title: e.title.clone(),
        path: path.to_string(),
        target: e.field_str("target").map(str::to_string),
        function: e.field_str("function").map(str::to_string),
        evidence: e.field_list("evidence"),
        proposed,
        accepted: e.field_date("accepted"),
        shipped,
        rejected: e.field_date("rejected"),
        change_ref: e.field_str("change_ref").map(str::to_string),
        days_to_ship: shipped.map(|s| (s - proposed).num_days()),
        effect: pattern
            .as_deref()
            .zip(shipped)
            .and_then(|(p, s)| pattern_effect(pool, p, s, today)),
        pattern,
        status,
    }
}

fn median(mut xs: Vec<i64>) -> Option<f64> {
    crate::review::figures::median(&mut xs)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Proposal], None)?;
    let today = ctx.today();
    let pool_entries = pattern_entries(ctx, s.person.as_deref())?;
    let pool: Vec<&Entry> = pool_entries.iter().collect();
    let entries = s.entries();
    let counts = proposals(&entries);
    let rows: Vec<Row> = s
        .items
        .iter()
        .map(|i| row(&i.entry, &i.path, &pool, today))
        .collect();
    let days: Vec<i64> = rows.iter().filter_map(|r| r.days_to_ship).collect();
    let days_n = days.len();
    let median_days = median(days);
    let shipped: Vec<&Row> = rows.iter().filter(|r| r.shipped.is_some()).collect();
    if ctx.json() {
        let json = serde_json::json!({
            "person": s.person,
            "period": s.period_json(),
            "counts": counts,
            "median_days_to_ship": median_days,
            "days_to_ship_n": days_n,
            "shipped": shipped,
            "proposals": rows,
        });
        print_json(ctx, &json);
    } else {
        ctx.ui.hold();
        ctx.ui
            .line(&ctx.ui.paint(BOLD, &format!("Proposals · {}", s.heading())));
        ctx.ui.line(&format!(
            "  {} raised: {} open, {} accepted, {} shipped, {} rejected{}",
            counts.raised,
            counts.proposed,
            counts.accepted,
            counts.shipped,
            counts.rejected,
            median_days
                .map(|d| format!(" · median {d} day(s) proposed → shipped (n={days_n})"))
                .unwrap_or_default()
        ));
        if !shipped.is_empty() {
            ctx.ui.line("");
            ctx.ui.line(&ctx.ui.paint(
                BOLD,
                "Shipped, and the pattern since (entries team-wide, equal windows each side)",
            ));
            for r in &shipped {
                let id = ctx.show_id(&entry_id(&r.id));
                ctx.ui.line(&format!(
                    "  {id}  {}  {}{}",
                    r.shipped.map(|d| d.to_string()).unwrap_or_default(),
                    one_line(&r.title),
                    r.change_ref
                        .as_deref()
                        .map(|c| format!("  [{c}]"))
                        .unwrap_or_default()
                ));
                let effect = match (&r.pattern, &r.effect) {
                    (Some(p), Some(e)) => format!(
                        "{p}: {} before → {} after ({} days each side, n={})",
                        e.before, e.after, e.window_days, e.n
                    ),
                    (Some(p), None) => format!("{p}: too soon to tell (under a week since)"),
                    (None, _) => "no pattern recorded".into(),
                };
                ctx.ui.line(&ctx.ui.paint(DIM, &format!("      {effect}")));
            }
        }
        let open: Vec<&Row> = rows
            .iter()
            .filter(|r| r.status == "proposed" || r.status == "accepted")
            .collect();
        if !open.is_empty() {
            ctx.ui.line("");
            ctx.ui.line(&ctx.ui.paint(BOLD, "Open"));
            for r in open {
                let id = ctx.show_id(&entry_id(&r.id));
                ctx.ui.line(&format!(
                    "  {id}  {:<8}  {}  {}",
                    r.status,
                    r.target.as_deref().unwrap_or("–"),
                    one_line(&r.title)
                ));
            }
        }
    }
    if counts.raised == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no proposals in {}", s.label))
            .with_hint("`casebook escalation report` suggests proposals for repeated patterns"));
    }
    Ok(())
}

fn entry_id(s: &str) -> crate::entry::EntryId {
    crate::entry::EntryId::parse_lenient(s).unwrap_or_else(crate::entry::EntryId::generate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_and_rejected_are_final() {
        assert!(allowed("proposed", "shipped"));
        assert!(allowed("accepted", "rejected"));
        assert!(!allowed("rejected", "shipped"));
        assert!(!allowed("shipped", "rejected"));
        assert!(!allowed("accepted", "accepted"));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![30, 10, 20, 40]), Some(25.0));
        assert_eq!(median(vec![7]), Some(7.0));
        assert_eq!(median(vec![]), None);
    }
}
