//! `casebook status`: this week at a glance for the person, open drafts,
//! predictions waiting for their actual, and the journal's state.

use super::context::Context;
use super::error::CliResult;
use super::ui::{BOLD, DIM, YELLOW, one_line};
use crate::entry::Kind;
use crate::filter::Filter;
use chrono::Datelike;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook status")]
pub struct StatusArgs {
    /// Whose week (default: you)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
}

pub fn run(args: StatusArgs, ctx: &mut Context) -> CliResult {
    let me = ctx.person(args.person.as_deref())?;
    let today = ctx.today();
    let week_start = today - chrono::Duration::days(today.weekday().num_days_from_monday() as i64);
    let config = ctx.journal()?.config.clone();
    let mut mine = Filter {
        include_private: true,
        include_drafts: true,
        ..Filter::default()
    };
    mine.require("person", &me);
    let items = ctx.query(|i| i.all_matching(&mine))?;
    let week: Vec<_> = items
        .iter()
        .filter(|i| i.entry.created.date_naive() >= week_start)
        .collect();
    let mut drafts: Vec<_> = items
        .iter()
        .filter(|i| i.entry.kind == Kind::Draft)
        .collect();
    drafts.sort_by_key(|i| i.entry.created);
    let mut pending: Vec<_> = items
        .iter()
        .filter(|i| crate::loops::is_pending(&i.entry))
        .collect();
    pending.sort_by_key(|i| i.entry.created);
    let qa = week.iter().filter(|i| i.entry.kind == Kind::Qa).count();
    let explore: i64 = week
        .iter()
        .filter(|i| i.entry.kind == Kind::Explore)
        .filter_map(|i| i.entry.field_int("minutes"))
        .sum();
    // The loops that slip quietly: the month's focus and owned articles past
    // their review date.
    let entries: Vec<&crate::entry::Entry> = items.iter().map(|i| &i.entry).collect();
    let focus = crate::loops::open_focus(&entries).map(|f| {
        (
            f.id.to_string(),
            f.field_str("skill").unwrap_or("").to_string(),
            f.created.date_naive(),
        )
    });
    let stale = crate::loops::kb::stale(&entries, today, config.targets.kb_review_interval_days);
    let journal = ctx.journal()?;
    let dirty = journal.uncommitted_entry_files();
    let conflicts = journal.conflict_copies();
    let kept = crate::drafts::list(journal);
    let head = journal.head().map(|h| h.to_string()[..10].to_string());
    let root = journal.root().display().to_string();
    let old_days = config.defaults.draft_age_warning_days as i64;

    if ctx.json() {
        let json = serde_json::json!({
            "person": me,
            "week": crate::dates::iso_week_label(today),
            "entries_this_week": week.len(),
            "qa_samples": {"done": qa, "target": config.targets.qa_samples_per_week},
            "explore_minutes": {"done": explore, "target": config.targets.explore_minutes_per_week},
            "drafts": drafts.iter().map(|d| serde_json::json!({"id": d.entry.id, "title": d.entry.title, "case": d.entry.case, "created": d.entry.created.to_rfc3339(), "path": d.path})).collect::<Vec<_>>(),
            "kept_drafts": kept.iter().map(|d| serde_json::json!({"name": d.name, "file": d.file.display().to_string(), "title": d.title(), "reason": d.meta.reason})).collect::<Vec<_>>(),
            "focus": focus.as_ref().map(|(id, skill, since)| serde_json::json!({"id": id, "skill": skill, "since": since.to_string()})),
            "kb_overdue": stale.iter().map(|a| serde_json::json!({"id": a.id, "title": a.title, "review_due": a.review_due.map(|d| d.to_string()), "days_overdue": a.days_overdue})).collect::<Vec<_>>(),
            "pending_predictions": pending.iter().map(|d| serde_json::json!({"id": d.entry.id, "title": d.entry.title, "created": d.entry.created.to_rfc3339()})).collect::<Vec<_>>(),
            "uncommitted": dirty,
            "conflict_copies": conflicts,
            "head": head,
        });
        ctx.ui
            .line(&serde_json::to_string_pretty(&json).unwrap_or_default());
        return Ok(());
    }
    let ui = &mut ctx.ui;
    ui.line(&ui.paint(
        BOLD,
        &format!(
            "{me} · week {} (since {week_start})",
            crate::dates::iso_week_label(today)
        ),
    ));
    ui.line(&format!(
        "  {} entries this week · QA samples {qa}/{} · exploration {explore}/{} min",
        week.len(),
        config.targets.qa_samples_per_week,
        config.targets.explore_minutes_per_week
    ));
    match &focus {
        Some((_, skill, since)) => ui.line(&format!("  focus: {skill} (since {since})")),
        None => ui.line(&ui.paint(
            DIM,
            "  no focus skill this month: casebook skill focus SKILL -m WHY",
        )),
    }
    if !stale.is_empty() {
        ui.line(&ui.paint(
            YELLOW,
            &format!(
                "  {} kb article(s) overdue for verification: casebook kb stale",
                stale.len()
            ),
        ));
    }
    if !conflicts.is_empty() {
        let n = conflicts.len();
        ui.line(&ui.paint(
            YELLOW,
            &format!(
                "  {n} conflict cop{} from sync: casebook check lists {}; merge each into its entry (casebook show PATH), then casebook rm PATH --yes",
                if n == 1 { "y" } else { "ies" },
                if n == 1 { "it" } else { "them" }
            ),
        ));
        for c in conflicts.iter().take(10) {
            ui.line(&format!("    {c}"));
        }
    }
    ui.line("");
    if drafts.is_empty() {
        ui.line(&ui.paint(DIM, "No open drafts."));
    } else {
        ui.line(&ui.paint(BOLD, &format!("Open drafts ({})", drafts.len())));
        for d in &drafts {
            let age = (today - d.entry.created.date_naive()).num_days();
            let old = if age > old_days {
                ui.paint(YELLOW, &format!("  {age} days old"))
            } else {
                String::new()
            };
            let case = d
                .entry
                .case
                .as_deref()
                .map(|c| format!("{c}  "))
                .unwrap_or_default();
            ui.line(&format!(
                "  {}  {case}{}{old}",
                &d.entry.id.as_str()[..6],
                one_line(&d.entry.title)
            ));
        }
        ui.line(&ui.paint(
            DIM,
            "  turn one into an entry: casebook new KIND --from-draft ID",
        ));
    }
    if !kept.is_empty() {
        ui.line(&ui.paint(
            YELLOW,
            &format!(
                "Kept texts not committed ({}): casebook drafts lists them, casebook drafts resume NAME finishes one",
                kept.len()
            ),
        ));
    }
    ui.line("");
    if pending.is_empty() {
        ui.line(&ui.paint(DIM, "No predictions waiting for their actual cause."));
    } else {
        ui.line(&ui.paint(BOLD, &format!("Predictions waiting ({})", pending.len())));
        for d in pending.iter().take(10) {
            ui.line(&format!(
                "  {}  {}  {}",
                &d.entry.id.as_str()[..6],
                d.entry.created.format("%Y-%m-%d"),
                one_line(&d.entry.title)
            ));
        }
        ui.line(&ui.paint(DIM, "  record the actual: casebook edit ID --field actual=\"...\" --field verdict=hit|partial|miss"));
    }
    ui.line("");
    if !dirty.is_empty() {
        ui.line(&ui.paint(
            YELLOW,
            &format!(
                "{} entry file(s) changed by hand and not committed:",
                dirty.len()
            ),
        ));
        for d in dirty.iter().take(10) {
            ui.line(&format!("  {d}"));
        }
        ui.line(&ui.paint(
            DIM,
            "  search shows their committed text until you commit them (git commit -am ...)",
        ));
    }
    ui.line(&ui.paint(
        DIM,
        &format!(
            "journal at {} · {}",
            head.unwrap_or_else(|| "no commits".into()),
            root
        ),
    ));
    Ok(())
}
