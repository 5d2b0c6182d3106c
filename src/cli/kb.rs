//! The knowledge-base loop: `casebook kb report | deflect | verify | stale`.
//! Owned articles stay current by being checked within their review
//! interval; deflections (cases an article answered) and corrections are
//! counted on the entry and logged in its body, one commit each.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, load, scope};
use crate::entry::Kind;
use crate::loops::kb;
use crate::render::loops::kb as view;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # your articles and totals
  casebook kb
  # the article answered a case
  casebook kb deflect kqzv --case ZD-4821
  # checked: still right
  casebook kb verify kqzv --ok
  casebook kb verify kqzv --fixed \"new refund window is 30 days\"
  casebook kb verify kqzv --findability \"charged twice, double charge\"
  # published articles past their review date
  casebook kb stale
  # deflection estimates per article
  casebook kb deflections import analytics.csv"
)]
pub struct KbArgs {
    #[command(subcommand)]
    pub command: Option<KbCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Each article: status and dates, deflections, the gap, verification
    Report(ReportArgs),
    /// Count a case the article answered
    Deflect(DeflectArgs),
    /// Record that the article was checked today (--ok, --fixed TEXT, --findability TERMS)
    Verify(VerifyArgs),
    /// Published articles whose review date has passed
    Stale(ReportArgs),
    /// Deflection estimates from analytics: `kb deflections import FILE`
    Deflections(DeflectionsArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook kb deflections import analytics.csv")]
pub struct DeflectionsArgs {
    #[command(subcommand)]
    pub command: DeflectionsCommand,
}

#[derive(Debug, Subcommand)]
pub enum DeflectionsCommand {
    /// Record each article's deflection estimate from an analytics CSV (one commit)
    Import(DeflectionsImportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook kb deflections import analytics.csv
  casebook kb deflections import export.csv --id-column \"Article\" \\
      --count-column \"Self-service resolutions\"

Columns are found by header (article id, article, kb id, id; deflections,
count, estimate) unless named. An id is an article's article_id or its entry
id. The count replaces the article's previous estimate: analytics reports a
total, not an increment.")]
pub struct DeflectionsImportArgs {
    /// The analytics export (CSV with a header line)
    pub file: std::path::PathBuf,
    /// The article id column (default: found by header)
    #[arg(long, value_name = "COLUMN")]
    pub id_column: Option<String>,
    /// The count column (default: found by header)
    #[arg(long, value_name = "COLUMN")]
    pub count_column: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  casebook kb report\n  casebook kb stale --team --json")]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook kb deflect kqzv --case ZD-4821")]
pub struct DeflectArgs {
    /// The kb entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// The case the article answered (logged in the body)
    #[arg(long = "case", value_name = "REF")]
    pub case: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("outcome").required(true).multiple(true).args(["ok", "fixed", "findability"]),
    after_help = "Examples:
  casebook kb verify kqzv --ok
  casebook kb verify kqzv --fixed \"the export moved to Settings > Data\"
  casebook kb verify kqzv --findability \"charged twice, double charge\"

--findability adds the words customers searched with to the article's
search_terms and counts one findability fix; it combines with --ok or --fixed."
)]
pub struct VerifyArgs {
    /// The kb entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// Checked, and still right
    #[arg(long)]
    pub ok: bool,
    /// Checked, and corrected: what changed (counted and logged in the body)
    #[arg(long, value_name = "TEXT", conflicts_with = "ok")]
    pub fixed: Option<String>,
    /// Checked, and made findable: search terms customers used (comma-separated)
    #[arg(long, value_name = "TERMS")]
    pub findability: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: KbArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(KbCommand::Report(a)) => report(a.filter, ctx),
        Some(KbCommand::Stale(a)) => run_stale(a.filter, ctx),
        Some(KbCommand::Deflect(a)) => deflect(a, ctx),
        Some(KbCommand::Verify(a)) => verify(a, ctx),
        Some(KbCommand::Deflections(DeflectionsArgs {
            command: DeflectionsCommand::Import(a),
        })) => import_deflections(a, ctx),
    }
}

fn interval(ctx: &mut Context) -> CliResult<u32> {
    Ok(ctx.journal()?.config.targets.kb_review_interval_days)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Kb], None)?;
    let r = kb::report(&s.entries(), ctx.today(), interval(ctx)?);
    if ctx.json() {
        ctx.ui.write(&view::report_json(&r, &s.span()));
    } else {
        let style = super::loops::style(ctx, s.items.iter().map(|i| &i.entry.id));
        ctx.ui.hold();
        ctx.ui.write(&view::report_text(&r, &s.span(), &style));
    }
    if r.figures.written == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no kb articles in {}", s.label)));
    }
    Ok(())
}

fn run_stale(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Kb], None)?;
    let mut list = kb::stale(&s.entries(), ctx.today(), interval(ctx)?);
    if let Some(n) = filter.limit {
        list.truncate(n);
    }
    if ctx.json() {
        let paths: std::collections::HashMap<String, String> = s
            .items
            .iter()
            .map(|i| (i.entry.id.to_string(), i.path.clone()))
            .collect();
        ctx.ui.write(&view::stale_json(&list, &paths));
    } else {
        let style = super::loops::style(ctx, s.items.iter().map(|i| &i.entry.id));
        ctx.ui.write(&view::stale_text(&list, &style));
    }
    if list.is_empty() {
        return Err(CliError::nothing(
            "no published article is past its review date",
        ));
    }
    Ok(())
}

fn deflect(args: DeflectArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Kb)?;
    let status = e.field_str("status").unwrap_or("draft").to_string();
    if status != "published" {
        ctx.ui.warn(&format!(
            "{} is {status}, not published; counting the deflection anyway",
            e.id
        ));
    }
    let message = kb::deflect(&mut e, args.case.as_deref(), ctx.today());
    commit_update(ctx, &path, e, &message, &args.write)
}

fn verify(args: VerifyArgs, ctx: &mut Context) -> CliResult {
    if args.fixed.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(CliError::usage("--fixed needs the text of the correction"));
    }
    let (path, mut e) = load(ctx, &args.id, Kind::Kb)?;
    if e.field_str("status") == Some("retired") {
        ctx.ui
            .warn(&format!("{} is retired; recording the check anyway", e.id));
    }
    let check = kb::Check {
        fixed: args.fixed,
        findability: args.findability,
    };
    let message = kb::verify(&mut e, &check, ctx.today())?;
    commit_update(ctx, &path, e, &message, &args.write)
}

fn import_deflections(args: DeflectionsImportArgs, ctx: &mut Context) -> CliResult {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::usage(format!("{name}: cannot read it ({e})")))?;
    let text = String::from_utf8_lossy(&bytes);
    let counts = kb::deflection_counts(
        &text,
        &name,
        args.id_column.as_deref(),
        args.count_column.as_deref(),
    )?;
    let all = super::loops::all_of_kind(ctx, Kind::Kb)?;
    let today = ctx.today();
    let (mut updates, mut listed, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    for (id, n) in &counts {
        let Some(item) = kb::find_article(&all, id, |i| &i.entry) else {
            unknown.push(id.clone());
            continue;
        };
        let path = item.path.clone();
        let mut e = super::loops::read_entry(ctx, &path)?;
        kb::set_estimate(&mut e, *n, today);
        listed.push(kb::Estimated {
            id: e.id.to_string(),
            path: path.clone(),
            deflection_estimate: *n,
        });
        updates.push((path, e));
    }
    if !unknown.is_empty() {
        ctx.ui.warn(&format!(
            "{name}: no kb article has the id {} (left out)",
            unknown.join(", ")
        ));
    }
    if updates.is_empty() {
        return Err(CliError::nothing(format!(
            "no row of {name} names a kb article of this journal"
        )));
    }
    let n = updates.len();
    if args.write.dry_run {
        ctx.ui.write(&view::estimates_dry_run(&listed));
        ctx.ui
            .status(&format!("(dry run: {n} article(s) would be updated)"));
        return Ok(());
    }
    let file_name = args
        .file
        .file_name()
        .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
    let commit = super::loops::commit_updates(
        ctx,
        updates,
        &format!("kb deflection estimates: {n} article(s) from {file_name}"),
        &args.write.pii,
    )?;
    if ctx.json() {
        ctx.ui
            .write(&view::estimates_json(&listed, &unknown, &commit));
    } else {
        ctx.ui.write(&view::estimates_text(&listed));
    }
    ctx.ui.status(&format!(
        "{n} article(s) given a deflection estimate (commit {commit})"
    ));
    Ok(())
}
