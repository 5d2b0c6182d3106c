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
    let today = ctx.today();
    let days = interval(ctx)?;
    let entries = s.entries();
    let articles: Vec<Article> = entries.iter().map(|e| article(e, today, days)).collect();
    let f = kb_figures(&entries);
    let stale_n = articles.iter().filter(|a| a.is_stale()).count();
    let verified_share = super::loops::percent(f.published - stale_n, f.published);
    let current_n = articles.iter().filter(|a| a.current).count();
    // None when no estimate was ever imported: zero would claim a measurement.
    let estimate: Option<i64> = articles
        .iter()
        .filter_map(|a| a.deflection_estimate)
        .fold(None, |acc, n| Some(acc.unwrap_or(0) + n));
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
                "findability_fixes": articles.iter().map(|a| a.findability_fixes).sum::<i64>(),
                "current": current_n,
                "deflection_estimate": estimate,
                "deflection_estimate_is_estimate": true,
                "stale": stale_n,
                "verified_within_interval_percent": verified_share,
                "median_days_to_publish": f.median_days_to_publish,
                "days_to_publish_n": f.days_to_publish_n,
            },
        });
        print_json(ctx, &json);
    } else {
        ctx.ui.hold();
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
            if let Some(n) = a.deflection_estimate {
                facts.push(format!("~{n} deflected (analytics estimate)"));
            }
            if a.corrections > 0 {
                facts.push(format!("{} correction(s)", a.corrections));
            }
            if a.findability_fixes > 0 {
                facts.push(format!("{} findability fix(es)", a.findability_fixes));
            }
            if a.current {
                facts.push("current".into());
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
            "  {} article(s): {} draft, {} published, {} retired · {} current ({}), {} stale · {} correction(s) · {} findability fix(es) · {} deflection(s){}{}",
            f.written,
            f.drafts,
            f.published,
            f.retired,
            current_n,
            super::loops::pct_text(verified_share),
            stale_n,
            articles.iter().map(|a| a.corrections).sum::<i64>(),
            articles.iter().map(|a| a.findability_fixes).sum::<i64>(),
            f.deflections,
            estimate
                .map(|n| format!(" · ~{n} deflected (analytics estimate)"))
                .unwrap_or_default(),
            f.median_days_to_publish
                .map(|d| format!(
                    " · median {d} day(s) from first seen to published (n={})",
                    f.days_to_publish_n
                ))
                .unwrap_or_default()
        ));
    }
    if f.written == 0 {
        ctx.ui.discard();
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
    commit_update(ctx, &path, e, &message, &args.write)
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
    let terms: Vec<String> = args
        .findability
        .as_deref()
        .map(|t| {
            t.split(',')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if args.findability.is_some() && terms.is_empty() {
        return Err(CliError::usage(
            "--findability needs the words customers searched with",
        ));
    }
    if !terms.is_empty() {
        let mut all = e.field_list("search_terms");
        let added: Vec<String> = terms
            .into_iter()
            .filter(|t| !all.iter().any(|x| x.eq_ignore_ascii_case(t)))
            .collect();
        if added.is_empty() {
            return Err(CliError::usage(format!(
                "{} already lists those search terms",
                e.id
            )));
        }
        all.extend(added.iter().cloned());
        e.fields.insert(
            "search_terms".into(),
            toml::Value::Array(all.into_iter().map(toml::Value::String).collect()),
        );
        let n = e.field_int("findability_fixes").unwrap_or(0) + 1;
        e.fields
            .insert("findability_fixes".into(), toml::Value::Integer(n));
        e.body = append_to_section(
            &e.body,
            "Findability",
            &format!("- {today}: added {}", added.join(", ")),
        );
    }
    let message = match &fixed {
        None if args.findability.is_some() => {
            format!("kb made findable: {}", one_line_title(&e.title))
        }
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
    commit_update(ctx, &path, e, &message, &args.write)
}

/// Header names of an analytics export, best first (compared as
/// `sample::norm_header` writes them).
const ARTICLE_HEADERS: &[&str] = &["article id", "article", "kb id", "kb article", "id"];
const COUNT_HEADERS: &[&str] = &[
    "deflections",
    "deflection",
    "deflection count",
    "deflections estimate",
    "estimate",
    "count",
];

fn import_deflections(args: DeflectionsImportArgs, ctx: &mut Context) -> CliResult {
    use crate::loops::sample::{Table, norm_header};
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::usage(format!("{name}: cannot read it ({e})")))?;
    let text = String::from_utf8_lossy(&bytes);
    if text.trim().is_empty() {
        return Err(CliError::usage(format!("{name} is empty")));
    }
    let table = Table::read(&text)
        .ok_or_else(|| CliError::usage(format!("{name} is not a CSV with a header line")))?;
    let headers = table.headers;
    let normed: Vec<String> = headers.iter().map(|h| norm_header(h)).collect();
    let column = |flag: &str, given: &Option<String>, wanted: &[&str]| -> CliResult<usize> {
        match given {
            Some(g) => normed
                .iter()
                .position(|h| *h == norm_header(g))
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "{flag}: {name} has no column '{g}' (columns: {})",
                        headers.join(", ")
                    ))
                }),
            None => wanted
                .iter()
                .find_map(|w| normed.iter().position(|h| h == w))
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "{name} has no {} column",
                        if flag == "--id-column" {
                            "article id"
                        } else {
                            "count"
                        }
                    ))
                    .with_hint(format!(
                        "its columns are {}; name one with {flag}",
                        headers.join(", ")
                    ))
                }),
        }
    };
    let id_col = column("--id-column", &args.id_column, ARTICLE_HEADERS)?;
    let count_col = column("--count-column", &args.count_column, COUNT_HEADERS)?;
    // Rows for one article add up: analytics often splits by channel.
    let mut counts: Vec<(String, i64)> = Vec::new();
    for (line, row) in table.rows {
        let Some(id) = row.get(id_col).map(|s| s.trim()).filter(|s| !s.is_empty()) else {
            continue;
        };
        let raw = row.get(count_col).map(|s| s.trim()).unwrap_or("");
        let n: i64 = raw
            .replace([',', '_', ' '], "")
            .parse()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                CliError::usage(format!(
                    "{name}:{line}: count '{raw}' is not a whole number >= 0"
                ))
            })?;
        match counts.iter_mut().find(|(x, _)| x.eq_ignore_ascii_case(id)) {
            Some((_, c)) => *c += n,
            None => counts.push((id.to_string(), n)),
        }
    }
    let kb = super::loops::all_of_kind(ctx, Kind::Kb)?;
    let today = ctx.today();
    let mut updates = Vec::new();
    let mut unknown = Vec::new();
    for (id, n) in &counts {
        let found = kb.iter().find(|i| {
            i.entry
                .field_str("article_id")
                .is_some_and(|a| a.eq_ignore_ascii_case(id))
        });
        let found = found.or_else(|| {
            (id.len() >= crate::entry::MIN_PREFIX)
                .then(|| {
                    let mut m = kb
                        .iter()
                        .filter(|i| i.entry.id.as_str().starts_with(id.as_str()));
                    let first = m.next();
                    first.filter(|_| m.next().is_none())
                })
                .flatten()
        });
        let Some(item) = found else {
            unknown.push(id.clone());
            continue;
        };
        let text = ctx.journal()?.read_file(&item.path)?;
        let mut e = crate::entry::parse(&text, &item.path)
            .map_err(|p| CliError::failure(format!("{}:{p}", item.path)))?
            .entry;
        e.fields
            .insert("deflection_estimate".into(), toml::Value::Integer(*n));
        set_str(&mut e, "deflection_estimate_date", &today.to_string());
        updates.push((item.path.clone(), e));
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
        for (path, e) in &updates {
            ctx.ui.line(&format!(
                "{} {path}  ~{}",
                e.id,
                e.field_int("deflection_estimate").unwrap_or(0)
            ));
        }
        ctx.ui
            .status(&format!("(dry run: {n} article(s) would be updated)"));
        return Ok(());
    }
    let file_name = args
        .file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    let listed: Vec<(String, String, i64)> = updates
        .iter()
        .map(|(p, e)| {
            (
                e.id.to_string(),
                p.clone(),
                e.field_int("deflection_estimate").unwrap_or(0),
            )
        })
        .collect();
    let commit = super::loops::commit_updates(
        ctx,
        updates,
        &format!("kb deflection estimates: {n} article(s) from {file_name}"),
        &args.write.pii,
    )?;
    if ctx.json() {
        let json = serde_json::json!({
            "updated": n,
            "unknown": unknown,
            "commit": commit,
            "articles": listed.iter().map(|(id, path, est)| serde_json::json!({
                "id": id, "path": path, "deflection_estimate": est
            })).collect::<Vec<_>>(),
        });
        print_json(ctx, &json);
    } else {
        for (id, path, _) in &listed {
            ctx.ui.line(&format!("{id} {path}"));
        }
    }
    ctx.ui.status(&format!(
        "{n} article(s) given a deflection estimate (commit {commit})"
    ));
    Ok(())
}
