//! The prediction loop: `casebook diagnosis pending | resolve` (also as the
//! top-level `pending` and `resolve`). Resolving records the actual cause and
//! a verdict in one commit, then shows a word diff of prediction against
//! actual, because seeing exactly where the guess went wrong is the lesson.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::ui::{DIM, GREEN, RED, one_line};
use crate::entry::{self, Kind};
use crate::filter::Filter;
use crate::index::Sort;
use crate::write::{Item, WriteRequest};
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook diagnosis pending
  casebook diagnosis resolve kqzv --actual \"expired SAML signing cert\" \\
      --verdict hit")]
pub struct DiagnosisArgs {
    #[command(subcommand)]
    pub command: Option<DiagnosisCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DiagnosisCommand {
    /// Predictions still waiting for their actual cause, oldest first
    Pending(PendingArgs),
    /// Record the actual cause and a verdict
    Resolve(ResolveArgs),
    /// Calibration: hit rate and Brier score by month, product and tag; the misses grouped
    #[command(after_help = "Examples:
  casebook diagnosis report
  casebook diagnosis report --period 2026 --json")]
    Report(Box<ReportArgs>),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: super::args::FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook pending -q && echo \"predictions are waiting\"")]
pub struct PendingArgs {
    /// Whose predictions (default: yours; `--team` for everyone's)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Everyone's
    #[arg(long)]
    pub team: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook resolve kqzv --actual \"expired SAML signing cert\" --verdict hit
  # (verdict asked, or left for later)
  casebook resolve @ --actual \"a proxy stripped the header\"")]
pub struct ResolveArgs {
    /// The diagnosis entry (a picker of pending ones on a terminal)
    #[arg(add = super::complete::id_completer())]
    pub id: Option<String>,
    /// What the real cause turned out to be
    #[arg(long, value_name = "TEXT")]
    pub actual: Option<String>,
    /// hit, partial or miss
    #[arg(long, value_parser = ["hit", "partial", "miss", "unknown"])]
    pub verdict: Option<String>,
    /// Replace the actual cause and verdict already recorded
    #[arg(long)]
    pub amend: bool,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: DiagnosisArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(DiagnosisCommand::Pending(a)) => run_pending(a, ctx),
        Some(DiagnosisCommand::Resolve(a)) => run_resolve(a, ctx),
        Some(DiagnosisCommand::Report(a)) => run_report(*a, ctx),
        None => run_pending(
            PendingArgs {
                person: None,
                team: false,
            },
            ctx,
        ),
    }
}

fn pending_items(
    ctx: &mut Context,
    person: Option<&str>,
    team: bool,
) -> CliResult<Vec<crate::index::IndexedEntry>> {
    let mut filter = Filter {
        include_private: true,
        ..Filter::default()
    };
    filter.require("kind", "diagnosis");
    if !team {
        let me = ctx.person(person)?;
        filter.require("person", &me);
    }
    let (hits, _) = ctx.query(|i| i.search(&Default::default(), &filter, Sort::Oldest, None))?;
    Ok(hits
        .into_iter()
        .map(|h| h.item)
        .filter(|i| crate::loops::is_pending(&i.entry))
        .collect())
}

pub fn run_pending(args: PendingArgs, ctx: &mut Context) -> CliResult {
    let items = pending_items(ctx, args.person.as_deref(), args.team)?;
    let today = ctx.today();
    // Open predictions are asked about again after the expiry setting and
    // count as `unknown` after twice that: a guess nobody checked teaches
    // nothing and should not weigh on the hit rate.
    let expiry = ctx.journal()?.config.defaults.prediction_expiry_days as i64;
    let expired = |e: &crate::entry::Entry| {
        expiry > 0 && (today - e.created.date_naive()).num_days() > 2 * expiry
    };
    let (gone, items): (Vec<_>, Vec<_>) = items
        .into_iter()
        .partition(|i| expired(&i.entry) && !args.team);
    if !gone.is_empty() {
        expire(ctx, &gone)?;
    }
    if ctx.json() {
        let list: Vec<_> = items.iter().map(super::list::entry_json).collect();
        ctx.ui.line(
            &serde_json::to_string_pretty(&serde_json::json!({ "entries": list }))
                .unwrap_or_default(),
        );
    } else {
        for item in &items {
            let e = &item.entry;
            let id = ctx.show_id(&e.id);
            let age = (today - e.created.date_naive()).num_days();
            let confidence = e
                .field_int("confidence")
                .map(|c| format!(" ({c}%)"))
                .unwrap_or_default();
            let prediction = e.field_str("prediction").unwrap_or(&e.title);
            let state = if expired(e) {
                " (expired: counts as unknown)"
            } else if age > expiry {
                " (overdue)"
            } else {
                ""
            };
            let line = format!(
                "{id}  {}{state}  {}{}  {}",
                ctx.ui.paint(DIM, &format!("{age:>3}d")),
                one_line(prediction),
                confidence,
                ctx.ui.paint(DIM, e.case.as_deref().unwrap_or(""))
            );
            ctx.ui.line(&line);
        }
    }
    if items.is_empty() {
        return Err(CliError::nothing(
            "no predictions are waiting for their actual cause",
        ));
    }
    Ok(())
}

/// Records `verdict = "unknown"` on predictions nobody checked in time, in
/// one commit, and says so.
fn expire(ctx: &mut Context, items: &[crate::index::IndexedEntry]) -> CliResult {
    let mut changes = Vec::new();
    for item in items {
        let text = ctx.journal()?.read_file(&item.path)?;
        let Ok(parsed) = entry::parse(&text, &item.path) else {
            continue;
        };
        let mut e = parsed.entry;
        e.fields
            .insert("verdict".into(), toml::Value::String("unknown".into()));
        e.fields.insert(
            "resolved".into(),
            toml::Value::String(ctx.today().to_string()),
        );
        changes.push(Item::Entry {
            entry: e,
            path: Some(item.path.clone()),
        });
    }
    if changes.is_empty() {
        return Ok(());
    }
    let n = changes.len();
    // Nothing typed is in this write; what the files held was committed.
    let request = WriteRequest::of(
        "diagnosis",
        changes,
        &format!("diagnosis: {n} open prediction(s) expired to unknown"),
    )
    .with_policy(crate::write::OnPersonalData::Allow, false);
    super::guard::run_request(ctx, request)?;
    ctx.ui.status(&format!(
        "{n} prediction(s) open for more than twice defaults.prediction_expiry_days are now recorded as unknown"
    ));
    Ok(())
}

pub fn run_resolve(args: ResolveArgs, ctx: &mut Context) -> CliResult {
    let given = match args.id {
        Some(id) => id,
        None => {
            if !ctx.interactive() {
                return Err(CliError::usage("resolve needs the diagnosis id")
                    .with_hint("casebook pending lists them"));
            }
            let items = pending_items(ctx, None, false)?;
            if items.is_empty() {
                return Err(CliError::nothing("no predictions are waiting"));
            }
            for (i, item) in items.iter().enumerate() {
                ctx.ui.status(&format!(
                    "{:>3}  {}",
                    i + 1,
                    one_line(
                        item.entry
                            .field_str("prediction")
                            .unwrap_or(&item.entry.title)
                    )
                ));
            }
            let n: usize = ctx
                .ui
                .ask("Which one? (number)")
                .unwrap_or_default()
                .trim()
                .parse()
                .map_err(|_| CliError::usage("no prediction chosen"))?;
            items
                .get(n.wrapping_sub(1))
                .map(|i| i.entry.id.to_string())
                .ok_or_else(|| CliError::usage(format!("{n} is not in the list")))?
        }
    };
    let item = ctx.resolve(&given)?;
    if item.entry.kind != Kind::Diagnosis {
        return Err(CliError::usage(format!(
            "{} is a {} entry, not a diagnosis",
            item.entry.id, item.entry.kind
        )));
    }
    let text = ctx.journal()?.read_file(&item.path)?;
    let mut entry = entry::parse(&text, &item.path)
        .map_err(|p| CliError::failure(format!("{}:{p}", item.path)))?
        .entry;
    if crate::loops::is_resolved(&entry) && !args.amend {
        return Err(CliError::usage(format!(
            "{} is already resolved: actual \"{}\", verdict {}",
            entry.id,
            one_line(entry.field_str("actual").unwrap_or("")),
            entry.field_str("verdict").unwrap_or("none yet")
        ))
        .with_hint(format!(
            "to replace what is recorded: {}",
            ctx.command_line(&format!(
                "resolve {} --amend --actual \"...\" --verdict hit|partial|miss",
                &entry.id.as_str()[..6.min(entry.id.as_str().len())]
            ))
        )));
    }
    let typed_actual = args.actual.is_none();
    let actual = match args.actual {
        Some(a) => a,
        None if ctx.interactive() => {
            ctx.ui
                .ask("What was the real cause?")
                .ok_or_else(|| CliError {
                    kind: super::error::ErrorKind::Interrupted,
                    message: "interrupted; nothing was saved".into(),
                    hint: None,
                    json: None,
                })?
        }
        None => {
            return Err(CliError::usage("--actual TEXT is required")
                .with_hint("casebook resolve ID --actual \"what it really was\" --verdict hit"));
        }
    };
    if actual.trim().is_empty() {
        return Err(CliError::usage("--actual is empty"));
    }
    // Ctrl-C at the verdict keeps the actual cause already typed.
    if typed_actual && !actual.trim().is_empty() {
        let mut partial = entry.clone();
        partial.fields.insert(
            "actual".into(),
            toml::Value::String(actual.trim().to_string()),
        );
        let name = crate::drafts::name_of(&entry, true);
        super::interrupt::remember_draft(
            crate::drafts::file_of(ctx.journal()?, &name),
            partial.to_markdown(),
            ctx.command_line(&format!("drafts resume {name}")),
        );
    }
    let verdict = match args.verdict {
        Some(v) => Some(v),
        None if ctx.interactive() => {
            let v = ctx
                .ui
                .ask("Verdict? (hit / partial / miss)")
                .unwrap_or_default();
            Some(v.trim().to_string())
                .filter(|v| matches!(v.as_str(), "hit" | "partial" | "miss" | "unknown"))
        }
        None => None,
    };
    entry.fields.insert(
        "actual".into(),
        toml::Value::String(actual.trim().to_string()),
    );
    if let Some(v) = &verdict {
        entry
            .fields
            .insert("verdict".into(), toml::Value::String(v.clone()));
    }
    entry.fields.insert(
        "resolved".into(),
        toml::Value::String(ctx.today().to_string()),
    );
    super::interrupt::forget_draft();
    let prediction = entry
        .field_str("prediction")
        .unwrap_or(&entry.title)
        .to_string();
    let diff = word_diff(ctx, &prediction, actual.trim());
    let subject = format!(
        "resolve diagnosis: {{title}} ({})",
        verdict.as_deref().unwrap_or("no verdict yet")
    );
    let request = WriteRequest::update("resolve", &item.path, entry, &subject);
    let outcome = super::guard::run(ctx, request, &args.write)?;
    if outcome.dry_run {
        if ctx.json() {
            return super::guard::report_dry_run(ctx, &outcome);
        }
        ctx.ui.line(&diff);
        return Ok(());
    }
    if !ctx.json() {
        ctx.ui.status(&diff);
    }
    super::guard::report(ctx, &outcome)
}

/// Prediction against actual, word by word: removed words red and struck
/// (`[-word-]` without colour), added words green (`{+word+}`).
/// Prediction and actual on two lines; with colour, the words that differ
/// are marked (red in the prediction, green in the actual). Without colour
/// the two lines speak for themselves.
fn word_diff(ctx: &Context, prediction: &str, actual: &str) -> String {
    let (prediction, actual) = (one_line(prediction), one_line(actual));
    if !ctx.ui.color() {
        return format!("predicted: {prediction}\nactual:    {actual}");
    }
    let diff = similar::TextDiff::from_words(prediction.as_str(), actual.as_str());
    let (mut before, mut after) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let word = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => {
                before.push_str(word);
                after.push_str(word);
            }
            similar::ChangeTag::Delete => before.push_str(&ctx.ui.paint(RED, word)),
            similar::ChangeTag::Insert => after.push_str(&ctx.ui.paint(GREEN, word)),
        }
    }
    format!("predicted: {before}\nactual:    {after}")
}

/// One group's calibration, for the by-product and by-tag tables.
fn group_row(name: &str, entries: &[&crate::entry::Entry], min_brier: u32) -> serde_json::Value {
    let c = crate::review::figures::calibration(entries, min_brier);
    serde_json::json!({
        "name": name,
        "resolved": c.resolved,
        "hits": c.hits,
        "partials": c.partials,
        "misses": c.misses,
        "hit_rate": c.hit_rate,
        "brier": c.brier,
        "brier_n": c.brier_n,
    })
}

/// `casebook diagnosis report`: how well calibrated the predictions are,
/// overall, by month, by product and by tag, and the misses grouped by tag so
/// that a repeated blind spot shows (what was predicted against what it was).
pub fn run_report(args: ReportArgs, ctx: &mut Context) -> CliResult {
    use std::collections::BTreeMap;
    let s = super::loops::scope(ctx, &args.filter, &[Kind::Diagnosis], None)?;
    let min_brier = ctx.journal()?.config.defaults.min_predictions_for_brier;
    let entries = s.entries();
    let overall = crate::review::figures::calibration(&entries, min_brier);
    let mut by_product: BTreeMap<String, Vec<&crate::entry::Entry>> = BTreeMap::new();
    let mut by_tag: BTreeMap<String, Vec<&crate::entry::Entry>> = BTreeMap::new();
    for e in &entries {
        for p in &e.products {
            by_product.entry(p.to_lowercase()).or_default().push(e);
        }
        for t in &e.tags {
            by_tag.entry(t.to_lowercase()).or_default().push(e);
        }
    }
    let resolved = |es: &Vec<&crate::entry::Entry>| {
        es.iter()
            .filter(|e| crate::review::figures::outcome(e.field_str("verdict")).is_some())
            .count()
    };
    let products: Vec<_> = by_product
        .iter()
        .filter(|(_, es)| resolved(es) > 0)
        .map(|(name, es)| group_row(name, es, min_brier))
        .collect();
    let tags: Vec<_> = by_tag
        .iter()
        .filter(|(_, es)| resolved(es) > 0)
        .map(|(name, es)| group_row(name, es, min_brier))
        .collect();
    // Misses grouped by their first tag (else product): a blind spot repeats.
    let mut misses: BTreeMap<String, Vec<&crate::entry::Entry>> = BTreeMap::new();
    for e in entries
        .iter()
        .filter(|e| e.field_str("verdict") == Some("miss"))
    {
        let group = e
            .tags
            .first()
            .or(e.products.first())
            .map(|g| g.to_lowercase())
            .unwrap_or_else(|| "untagged".into());
        misses.entry(group).or_default().push(e);
    }
    let mut miss_groups: Vec<(String, Vec<&crate::entry::Entry>)> = misses.into_iter().collect();
    miss_groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    if ctx.json() {
        let groups: Vec<_> = miss_groups
            .iter()
            .map(|(g, es)| {
                serde_json::json!({
                    "group": g,
                    "n": es.len(),
                    "misses": es.iter().map(|e| serde_json::json!({
                        "id": e.id,
                        "date": e.created.date_naive().to_string(),
                        "title": e.title,
                        "predicted": e.field_str("prediction"),
                        "actual": e.field_str("actual"),
                        "confidence": e.field_int("confidence"),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        super::loops::print_json(
            ctx,
            &serde_json::json!({
                "person": s.person,
                "period": s.period_json(),
                "calibration": overall,
                "by_product": products,
                "by_tag": tags,
                "misses": groups,
            }),
        );
        if overall.predictions == 0 {
            return Err(CliError::nothing("no predictions in the period"));
        }
        return Ok(());
    }
    if overall.predictions == 0 {
        return Err(CliError::nothing(format!("no predictions in {}", s.label))
            .with_hint("casebook new diagnosis --field prediction=\"...\" --field confidence=70"));
    }
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.0}%", v * 100.0));
    let brier =
        |x: Option<f64>, n: usize| x.map_or(format!("- (n={n})"), |b| format!("{b:.3} (n={n})"));
    let ui = &mut ctx.ui;
    ui.line(&ui.paint(super::ui::BOLD, &format!("Calibration · {}", s.heading())));
    ui.line(&format!(
        "  {} predictions, {} resolved ({} hit, {} partial, {} miss), {} pending",
        overall.predictions,
        overall.resolved,
        overall.hits,
        overall.partials,
        overall.misses,
        overall.pending
    ));
    ui.line(&format!(
        "  hit rate {}  Brier {}",
        pct(overall.hit_rate),
        brier(overall.brier, overall.brier_n)
    ));
    if overall.brier.is_none() {
        ui.line(&ui.paint(
            DIM,
            &format!(
                "  the Brier score appears from {} resolved predictions with a confidence",
                overall.brier_min_n
            ),
        ));
    }
    ui.line("");
    ui.line("  month      n  hit rate");
    for m in &overall.by_month {
        ui.line(&format!("  {}  {:>3}  {}", m.month, m.n, pct(m.hit_rate)));
    }
    for (title, rows) in [("product", &products), ("tag", &tags)] {
        if rows.is_empty() {
            continue;
        }
        ui.line("");
        ui.line(&format!("  by {title}"));
        for r in rows {
            ui.line(&format!(
                "    {:<24} {:>3}  {}",
                super::ui::one_line(r["name"].as_str().unwrap_or("")),
                r["resolved"],
                pct(r["hit_rate"].as_f64())
            ));
        }
    }
    if !miss_groups.is_empty() {
        ui.line("");
        ui.line("  misses, grouped (predicted → actual)");
        for (g, es) in &miss_groups {
            ui.line(&format!("    {g} ({})", es.len()));
            for e in es {
                ui.line(&format!(
                    "      {}  {} → {}",
                    e.created.date_naive(),
                    super::ui::one_line(e.field_str("prediction").unwrap_or(&e.title)),
                    super::ui::one_line(e.field_str("actual").unwrap_or("?"))
                ));
            }
        }
    }
    Ok(())
}
