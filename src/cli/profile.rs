//! `casebook profile`: where a person stands on the ladder, dated. Each
//! change is a new `profile` entry, so the level history is the journal's
//! history, and tenure is measured from `level_since`.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{print_json, set_str};
use super::new::write_entry;
use super::ui::{BOLD, DIM};
use crate::entry::{Entry, Kind};
use crate::filter::Filter;
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
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("kind", Kind::Profile.as_str());
    f.require_all("person", person);
    let mut items: Vec<Entry> = ctx
        .query(|i| i.all_matching(&f))?
        .into_iter()
        .map(|i| i.entry)
        .collect();
    items.sort_by_key(|e| e.created);
    Ok(items)
}

pub fn run(mut args: ProfileArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let history = profiles(ctx, &person)?;
    let setting = args.level.is_some()
        || args.since.is_some()
        || args.track.is_some()
        || args.target.is_some()
        || args.target_track.is_some()
        || args.direction.is_some();
    if !setting {
        return show(ctx, &person, &history);
    }
    let ladder = Ladder::parse(&ctx.journal()?.ladder_text())
        .map_err(|e| CliError::failure(format!("ladder.toml: {e:#}")))?;
    // A level by its id or by its title as people say it.
    for (flag, value) in [("--level", &mut args.level), ("--target", &mut args.target)] {
        if let Some(v) = value {
            match ladder.find_level(v) {
                Some(found) => *v = found.id.clone(),
                None => {
                    return Err(
                        CliError::usage(format!("{flag}: no level '{v}' in ladder.toml"))
                            .with_hint(format!("levels: {}", ladder.level_names())),
                    );
                }
            }
        }
    }
    for (flag, value) in [
        ("--track", &args.track),
        ("--target-track", &args.target_track),
    ] {
        if let Some(v) = value
            && ladder.track(v).is_none()
        {
            let ids: Vec<&str> = ladder.tracks.iter().map(|t| t.id.as_str()).collect();
            return Err(
                CliError::usage(format!("{flag}: no track '{v}' in ladder.toml"))
                    .with_hint(format!("tracks: {}", ids.join(", "))),
            );
        }
    }
    let today = ctx.today();
    let since = match &args.since {
        Some(s) => Some(
            crate::dates::parse_day(s, today)
                .map_err(|e| CliError::usage(format!("--since: {e}")))?,
        ),
        None => None,
    };
    // A new profile carries the last one forward: changing the target does
    // not forget the level.
    let last = history.last();
    let carried = |key: &str| last.and_then(|e| e.field_str(key)).map(str::to_string);
    let level = args.level.clone().or_else(|| carried("level"));
    let level_changed = args.level.is_some() && args.level != carried("level");
    let level_since = since.map(|d| d.to_string()).or_else(|| {
        if level_changed {
            Some(today.to_string())
        } else {
            carried("level_since")
        }
    });
    let track = args.track.clone().or_else(|| carried("track")).or_else(|| {
        level
            .as_deref()
            .and_then(|l| ladder.level(l))
            .map(|l| l.track.clone())
    });
    let mut e = Entry::new(Kind::Profile, "", &person, crate::clock::now());
    for (key, value) in [
        ("level", level.clone()),
        ("level_since", level_since.clone()),
        ("track", track),
        (
            "target_level",
            args.target.clone().or_else(|| carried("target_level")),
        ),
        (
            "target_track",
            args.target_track
                .clone()
                .or_else(|| carried("target_track")),
        ),
        (
            "direction",
            args.direction.clone().or_else(|| carried("direction")),
        ),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            set_str(&mut e, key, &v);
        }
    }
    e.title = match (&level, &level_since) {
        (Some(l), Some(s)) => format!("Profile: {l} since {s}"),
        (Some(l), None) => format!("Profile: {l}"),
        _ => "Profile".to_string(),
    };
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
