//! `casebook show [ID...] [--history]`: entries in full, from their files.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::ui::one_line;
use crate::entry;
use crate::index::{IndexedEntry, Sort};
use crate::render::{self, show::Shown};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook show kqzv               by a unique id prefix (4 letters or more)
  casebook show @                  my latest entry; @~1 the one before
  casebook show people/ana-lima/2026/03/2026-03-04-refund-loop-kqzvtmwxyplr.md
  casebook show kqzv --history     with its git history")]
pub struct ShowArgs {
    /// Entry ids, id prefixes, paths, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub ids: Vec<String>,
    /// Also show the entry's history from git
    #[arg(long)]
    pub history: bool,
}

pub fn run(args: ShowArgs, ctx: &mut Context) -> CliResult {
    let ids = if args.ids.is_empty() {
        vec![pick(ctx, "show")?]
    } else {
        args.ids.clone()
    };
    let mut items = Vec::new();
    for id in &ids {
        items.push(ctx.resolve(id)?);
    }
    let mut shown = Vec::new();
    for item in items {
        let prefix_len = ctx.unique_prefix_len(&item.entry.id);
        let journal = ctx.journal()?;
        let text = journal.read_file(&item.path)?;
        let history = if args.history {
            Some(journal.history(Some(&item.path), usize::MAX)?)
        } else {
            None
        };
        let entry = match entry::parse(&text, &item.path) {
            Ok(p) => p.entry,
            Err(_) => item.entry,
        };
        shown.push(Shown {
            entry,
            path: item.path,
            prefix_len,
            history,
        });
    }
    if ctx.json() {
        ctx.ui.write(&render::show::json(&shown));
    } else {
        ctx.page();
        let text = render::show::text(&shown, &ctx.ui.style());
        ctx.ui.write(&text);
    }
    Ok(())
}

/// With no id given: a picker of recent entries on a terminal, else exit 2.
pub(super) fn pick(ctx: &mut Context, command: &str) -> CliResult<String> {
    if !ctx.interactive() {
        return Err(
            CliError::usage(format!("{command} needs an entry id")).with_hint(format!(
                "casebook {command} ID (a unique prefix works, or @ for your latest entry)"
            )),
        );
    }
    let me = ctx.person(None)?;
    let mut filter = crate::filter::Filter {
        include_private: true,
        include_drafts: true,
        ..Default::default()
    };
    filter.require("person", &me);
    let (hits, _) =
        ctx.query(|i| i.search(&Default::default(), &filter, Sort::Newest, Some(15)))?;
    let items: Vec<IndexedEntry> = hits.into_iter().map(|h| h.item).collect();
    if items.is_empty() {
        return Err(CliError::nothing("you have no entries yet"));
    }
    for (i, item) in items.iter().enumerate() {
        ctx.ui.status(&format!(
            "{:>3}  {}  {:<11} {}",
            i + 1,
            item.entry.created.format("%Y-%m-%d"),
            item.entry.kind,
            one_line(&item.entry.title)
        ));
    }
    let answer = ctx.ui.ask("Which one? (number)").unwrap_or_default();
    let n: usize = answer
        .trim()
        .parse()
        .map_err(|_| CliError::usage("no entry chosen"))?;
    items
        .get(n.wrapping_sub(1))
        .map(|i| i.entry.id.to_string())
        .ok_or_else(|| CliError::usage(format!("{n} is not in the list")))
}
