//! The knowledge-base loop: `casebook kb report | deflect | verify | stale`.
//! Owned articles stay current by being checked within their review
//! interval; deflections (cases an article answered) and corrections are
//! counted on the entry and logged in its body, one commit each.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, load, print_json, scope, set_str};
use super::new::one_line_title;
use super::ui::{BOLD, DIM, YELLOW, one_line};
use crate::entry::Kind;
use crate::loops::kb::{Article, append_to_section, article, stale};
use crate::review::figures::kb as kb_figures;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  casebook kb                                  your articles and totals
  casebook kb deflect kqzv --case ZD-4821      the article answered a case
  casebook kb verify kqzv --ok                 checked: still right
  casebook kb verify kqzv --fixed \"new refund window is 30 days\"
  casebook kb stale                            published articles past their review date"
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
    /// Record that the article was checked today (--ok, or --fixed TEXT)
    Verify(VerifyArgs),
    /// Published articles whose review date has passed
    Stale(ReportArgs),
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
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: super::guard::PiiArgs,
}

#[derive(Debug, Args)]
#[command(
    group = clap::ArgGroup::new("outcome").required(true).args(["ok", "fixed"]),
    after_help = "Examples:
  casebook kb verify kqzv --ok
  casebook kb verify kqzv --fixed \"the export moved to Settings > Data\""
)]
pub struct VerifyArgs {
    /// The kb entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// Checked, and still right
    #[arg(long)]
    pub ok: bool,
    /// Checked, and corrected: what changed (counted and logged in the body)
    #[arg(long, value_name = "TEXT")]
    pub fixed: Option<String>,
    /// Show what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: super::guard::PiiArgs,
}

pub fn run(args: KbArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(KbCommand::Report(a)) => report(a.filter, ctx),
        Some(KbCommand::Stale(a)) => run_stale(a.filter, ctx),
        Some(KbCommand::Deflect(a)) => deflect(a, ctx),
        Some(KbCommand::Verify(a)) => verify(a, ctx),
    }
}

fn interval(ctx: &mut Context) -> CliResult<u32> {
    Ok(ctx.journal()?.config.targets.kb_review_interval_days)
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Kb], None)?;
    let today = ctx.today();
    let days = interval(ctx)?;
    let entries = s.entries();
    let articles: Vec<Article> = entries.iter().map(|e| article(e, today, days)).collect();
    let f = kb_figures(&entries);
    let stale_n = articles.iter().filter(|a| a.is_stale()).count();
    let verified_share = super::loops::percent(f.published - stale_n, f.published);
    if ctx.json() {
        let json = serde_json::json!({
            "person": s.person,
            "period": s.period_json(),
            "articles": articles,
            "totals": {
                "articles": f.written,
                "drafts": f.drafts,
                "published": f.published,
                "retired": f.retired,
                "deflections": f.deflections,
                "corrections": articles.iter().map(|a| a.corrections).sum::<i64>(),
                "stale": stale_n,
                "verified_within_interval_percent": verified_share,
                "median_days_to_publish": f.median_days_to_publish,
                "days_to_publish_n": f.days_to_publish_n,
            },
        });
        print_json(ctx, &json);
    } else {
        ctx.ui.line(
            &ctx.ui
                .paint(BOLD, &format!("Knowledge base · {}", s.heading())),
        );
        for a in articles.iter().rev() {
            let id = ctx.show_id(&entry_id(&a.id));
            let dates = [
                a.first_seen.map(|d| format!("first seen {d}")),
                a.published.map(|d| format!("published {d}")),
                a.retired.map(|d| format!("retired {d}")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            ctx.ui.line(&format!(
                "  {id}  {:<9} {}{}",
                a.status,
                one_line(&a.title),
                a.article_id
                    .as_deref()
                    .map(|x| format!("  [{x}]"))
                    .unwrap_or_default()
            ));
            let mut facts = vec![format!("{} deflection(s)", a.deflections)];
            if a.corrections > 0 {
                facts.push(format!("{} correction(s)", a.corrections));
            }
            if !dates.is_empty() {
                facts.push(dates);
            }
            if let Some(c) = a.gap_case.as_deref().or(a.gap_entry.as_deref()) {
                facts.push(format!("gap {c}"));
            }
            if a.status == "published" {
                facts.push(match a.last_verified {
                    Some(d) => format!("verified {d}"),
                    None => "never verified".into(),
                });
            }
            ctx.ui
                .line(&ctx.ui.paint(DIM, &format!("      {}", facts.join(" · "))));
            if a.is_stale() {
                ctx.ui.line(&ctx.ui.paint(
                    YELLOW,
                    &format!(
                        "      review overdue by {} day(s): casebook kb verify {} --ok",
                        a.days_overdue,
                        &a.id[..6]
                    ),
                ));
            }
        }
        ctx.ui.line("");
        ctx.ui.line(&format!(
            "  {} article(s): {} draft, {} published, {} retired · {} deflection(s) · {} stale{}",
            f.written,
            f.drafts,
            f.published,
            f.retired,
            f.deflections,
            stale_n,
            f.median_days_to_publish
                .map(|d| format!(
                    " · median {d} day(s) from first seen to published (n={})",
                    f.days_to_publish_n
                ))
                .unwrap_or_default()
        ));
    }
    if f.written == 0 {
        return Err(CliError::nothing(format!("no kb articles in {}", s.label)));
    }
    Ok(())
}

fn entry_id(s: &str) -> crate::entry::EntryId {
    crate::entry::EntryId::parse_lenient(s).unwrap_or_else(crate::entry::EntryId::generate)
}

fn run_stale(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Kb], None)?;
    let today = ctx.today();
    let days = interval(ctx)?;
    let mut list = stale(&s.entries(), today, days);
    if let Some(n) = filter.limit {
        list.truncate(n);
    }
    if ctx.json() {
        let paths: std::collections::HashMap<String, String> = s
            .items
            .iter()
            .map(|i| (i.entry.id.to_string(), i.path.clone()))
            .collect();
        let entries: Vec<_> = list
            .iter()
            .map(|a| {
                let mut v = serde_json::to_value(a).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("path".into(), paths.get(&a.id).cloned().into());
                }
                v
            })
            .collect();
        print_json(ctx, &serde_json::json!({ "entries": entries }));
    } else {
        for a in &list {
            let id = ctx.show_id(&entry_id(&a.id));
            ctx.ui.line(&format!(
                "{id}  {} overdue {:>3}d  {}",
                a.review_due.map(|d| d.to_string()).unwrap_or_default(),
                a.days_overdue,
                one_line(&a.title)
            ));
        }
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
    let n = e.field_int("deflections").unwrap_or(0) + 1;
    e.fields
        .insert("deflections".into(), toml::Value::Integer(n));
    let today = ctx.today();
    let case = args
        .case
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let line = match case {
        Some(c) => format!("- {today}: {c}"),
        None => format!("- {today}"),
    };
    e.body = append_to_section(&e.body, "Deflections", &line);
    let message = format!(
        "kb deflection: {}{}",
        one_line_title(&e.title),
        case.map(|c| format!(" ({c})")).unwrap_or_default()
    );
    commit_update(ctx, &path, e, &message, args.dry_run, &args.pii)
}

fn verify(args: VerifyArgs, ctx: &mut Context) -> CliResult {
    let fixed = match &args.fixed {
        Some(t) if t.trim().is_empty() => {
            return Err(CliError::usage("--fixed needs the text of the correction"));
        }
        Some(t) => Some(t.trim().to_string()),
        None => None,
    };
    let (path, mut e) = load(ctx, &args.id, Kind::Kb)?;
    if e.field_str("status") == Some("retired") {
        ctx.ui
            .warn(&format!("{} is retired; recording the check anyway", e.id));
    }
    let today = ctx.today();
    set_str(&mut e, "last_verified", &today.to_string());
    let message = match &fixed {
        Some(text) => {
            let n = e.field_int("corrections").unwrap_or(0) + 1;
            e.fields
                .insert("corrections".into(), toml::Value::Integer(n));
            e.body = append_to_section(
                &e.body,
                "Corrections",
                &format!("- {today}: {}", one_line(text)),
            );
            format!("kb corrected: {}", one_line_title(&e.title))
        }
        None => format!("kb verified: {}", one_line_title(&e.title)),
    };
    commit_update(ctx, &path, e, &message, args.dry_run, &args.pii)
}
