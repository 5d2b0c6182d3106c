//! `casebook log [ID]`: the journal's history, or one entry's, from git.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::ui::{DIM, YELLOW, one_line};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook log -n 20
  casebook log kqzv          one entry's history")]
pub struct LogArgs {
    /// An entry (id, prefix, path, @); without it, the whole journal
    #[arg(add = super::complete::id_completer())]
    pub id: Option<String>,
    /// Show at most N commits
    #[arg(short = 'n', long = "limit", visible_alias = "n", default_value_t = 50)]
    pub limit: usize,
}

pub fn run(args: LogArgs, ctx: &mut Context) -> CliResult {
    let path = match &args.id {
        Some(id) => Some(ctx.resolve(id)?.path),
        None => None,
    };
    // `-n 0` asks for nothing, as `git log -n 0` does.
    if args.limit == 0 {
        return Ok(());
    }
    let items = ctx.journal()?.history(path.as_deref(), args.limit)?;
    if ctx.json() {
        let list: Vec<_> = items
            .iter()
            .map(|c| serde_json::json!({"commit": c.oid.to_string(), "summary": c.summary, "author": c.author, "email": c.email, "date": c.time.to_rfc3339()}))
            .collect();
        ctx.ui.line(
            &serde_json::to_string_pretty(&serde_json::json!({ "commits": list }))
                .unwrap_or_default(),
        );
    } else {
        if items.len() > 40 {
            ctx.page();
        }
        for c in &items {
            let line = format!(
                "{}  {}  {:<16} {}",
                ctx.ui.paint(YELLOW, &c.oid.to_string()[..10]),
                ctx.ui
                    .paint(DIM, &c.time.format("%Y-%m-%d %H:%M").to_string()),
                one_line(&c.author),
                one_line(&c.summary)
            );
            ctx.ui.line(&line);
        }
    }
    if items.is_empty() {
        return Err(CliError::nothing("no history yet"));
    }
    Ok(())
}
