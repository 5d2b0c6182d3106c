//! `casebook show [ID...] [--history]`: entries in full, from their files.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::ui::{BOLD, CYAN, DIM, escape_control, one_line};
use crate::entry;
use crate::index::{IndexedEntry, Sort};
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
    let mut json_entries = Vec::new();
    if !ctx.json() {
        ctx.page();
    }
    for (i, item) in items.iter().enumerate() {
        let journal = ctx.journal()?;
        let text = journal.read_file(&item.path)?;
        let entry = match entry::parse(&text, &item.path) {
            Ok(p) => p.entry,
            Err(_) => item.entry.clone(),
        };
        let history = if args.history {
            journal.history(Some(&item.path), usize::MAX)?
        } else {
            Vec::new()
        };
        if ctx.json() {
            let mut json = entry.to_json();
            if let Some(obj) = json.as_object_mut() {
                obj.insert("path".into(), item.path.clone().into());
                if args.history {
                    let h: Vec<_> = history
                        .iter()
                        .map(|c| serde_json::json!({"commit": c.oid.to_string(), "summary": c.summary, "author": c.author, "email": c.email, "date": c.time.to_rfc3339()}))
                        .collect();
                    obj.insert("history".into(), h.into());
                }
            }
            json_entries.push(json);
            continue;
        }
        if i > 0 {
            ctx.ui.line("");
        }
        let id = ctx.show_id(&entry.id);
        let ui = &mut ctx.ui;
        ui.line(&ui.paint(BOLD, &one_line(&entry.title)));
        ui.line(&format!(
            "{id} · {} · {} · {} · {}",
            ui.paint(CYAN, entry.kind.as_str()),
            entry.created.format("%Y-%m-%d %H:%M"),
            entry.person,
            ui.paint(DIM, &item.path)
        ));
        let mut meta = Vec::new();
        if let Some(c) = &entry.case {
            meta.push(format!("case {}", one_line(c)));
        }
        for (label, list) in [
            ("skills", &entry.skills),
            ("tags", &entry.tags),
            ("products", &entry.products),
            ("links", &entry.links),
        ] {
            if !list.is_empty() {
                meta.push(format!("{label} {}", one_line(&list.join(", "))));
            }
        }
        if entry.private {
            meta.push("private".into());
        }
        if !meta.is_empty() {
            ui.line(&ui.paint(DIM, &meta.join(" · ")));
        }
        for spec in entry.kind.fields() {
            if let Some(v) = entry.fields.get(spec.name) {
                let shown = match v {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Array(a) => a
                        .iter()
                        .map(|x| x.as_str().unwrap_or("").to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.to_string(),
                };
                ui.line(&format!(
                    "{}: {}",
                    ui.paint(BOLD, spec.name),
                    escape_control(&shown)
                ));
            }
        }
        if !entry.body.trim().is_empty() {
            ui.line("");
            ui.line(escape_control(entry.body.trim_end()).as_str());
        }
        if args.history {
            ui.line("");
            ui.line(&ui.paint(BOLD, "History"));
            for c in &history {
                ui.line(&format!(
                    "{}  {}  {}  {}",
                    ui.paint(DIM, &c.oid.to_string()[..10]),
                    c.time.format("%Y-%m-%d %H:%M"),
                    one_line(&c.author),
                    one_line(&c.summary)
                ));
            }
        }
    }
    if ctx.json() {
        ctx.ui.line(
            &serde_json::to_string_pretty(&serde_json::json!({ "entries": json_entries }))
                .unwrap_or_default(),
        );
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
