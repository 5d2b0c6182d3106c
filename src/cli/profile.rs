//! `casebook profile`: where a person stands on the ladder, dated. Each
//! change is a new `profile` entry, so the level history is the journal's
//! history, and tenure is measured from `level_since`.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::print_json;
use super::new::write_entry;
use super::ui::{BOLD, DIM};
use crate::entry::Entry;
use crate::profile::ProfileChange;
use crate::skills::Ladder;
use chrono::NaiveDate;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # where you stand, and your level history
  casebook profile
  casebook profile --level specialist-2 --since 2025-09-01 --track ic
  casebook profile --target \"Senior Specialist\" -m \"towards complex escalations\"
Tenure criteria of ladder.toml count the months since --since.")]
pub struct ProfileArgs {
    /// Your current level (a level id of ladder.toml)
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Since when you have held that level (default: today when the level changes)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Your track (a track id of ladder.toml)
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    /// The level you are aiming for
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,
    /// The track you are aiming for, if another
    #[arg(long, value_name = "TRACK")]
    pub target_track: Option<String>,
    /// Where you want to head, in a sentence
    #[arg(short = 'm', long = "direction", value_name = "TEXT")]
    pub direction: Option<String>,
    /// Whose profile (default: yours; a lead may record it)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

/// The person's profile entries, oldest first.
pub(super) fn profiles(ctx: &mut Context, person: &str) -> CliResult<Vec<Entry>> {
    Ok(crate::profile::history(ctx.session()?, person)?)
}

pub fn run(args: ProfileArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let history = profiles(ctx, &person)?;
    let today = ctx.today();
    let since = match &args.since {
        Some(s) => Some(
            crate::dates::parse_day(s, today)
                .map_err(|e| CliError::usage(format!("--since: {e}")))?,
        ),
        None => None,
    };
    let change = ProfileChange {
        level: args.level.clone(),
        since,
        track: args.track.clone(),
        target: args.target.clone(),
        target_track: args.target_track.clone(),
        direction: args.direction.clone(),
    };
    if change.is_empty() {
        return show(ctx, &person, &history);
    }
    let ladder = Ladder::parse(&ctx.journal()?.ladder_text())
        .map_err(|e| CliError::failure(format!("ladder.toml: {e:#}")))?;
    let e = crate::profile::next(&ladder, history.last(), &change, &person, today)?;
    write_entry(ctx, e, Vec::new(), "profile", &args.write)
}

fn show(ctx: &mut Context, person: &str, history: &[Entry]) -> CliResult {
    let Some(current) = history.last() else {
        return Err(CliError::nothing(format!("{person} has no profile yet"))
            .with_hint("casebook profile --level LEVEL --since DATE --target LEVEL"));
    };
    let today = ctx.today();
    let since = current
        .field_str("level_since")
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    let tenure = since.map(|s| crate::dates::months_between(s, today));
    if ctx.json() {
        let row = |e: &Entry| {
            serde_json::json!({
                "date": e.created.date_naive().to_string(),
                "level": e.field_str("level"),
                "level_since": e.field_str("level_since"),
                "track": e.field_str("track"),
                "target_level": e.field_str("target_level"),
                "target_track": e.field_str("target_track"),
                "direction": e.field_str("direction"),
                "id": e.id,
            })
        };
        let mut profile = row(current);
        profile["tenure_months"] = serde_json::json!(tenure);
        print_json(
            ctx,
            &serde_json::json!({
                "person": person,
                "profile": profile,
                "history": history.iter().map(row).collect::<Vec<_>>(),
            }),
        );
        return Ok(());
    }
    let f = |key: &str| current.field_str(key).unwrap_or("-").to_string();
    ctx.ui.line(&ctx.ui.paint(BOLD, person));
    ctx.ui.line(&format!(
        "  level      {}{}",
        f("level"),
        match (since, tenure) {
            (Some(s), Some(t)) => format!(" since {s} ({t} months)"),
            _ => String::new(),
        }
    ));
    ctx.ui.line(&format!("  track      {}", f("track")));
    ctx.ui.line(&format!(
        "  target     {}{}",
        f("target_level"),
        current
            .field_str("target_track")
            .map(|t| format!(" ({t} track)"))
            .unwrap_or_default()
    ));
    if let Some(d) = current.field_str("direction") {
        ctx.ui
            .line(&format!("  direction  {}", super::ui::one_line(d)));
    }
    // Level history: one line per level held, oldest first.
    let mut held: Vec<(String, String)> = Vec::new();
    for e in history {
        if let Some(l) = e.field_str("level")
            && held.last().is_none_or(|(last, _)| last != l)
        {
            let from = e
                .field_str("level_since")
                .map(str::to_string)
                .unwrap_or_else(|| e.created.date_naive().to_string());
            held.push((l.to_string(), from));
        }
    }
    if held.len() > 1 {
        ctx.ui.line("");
        ctx.ui.line(&ctx.ui.paint(DIM, "level history"));
        for (l, from) in held {
            ctx.ui.line(&format!("  {from}  {l}"));
        }
    }
    Ok(())
}
