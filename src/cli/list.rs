//! `casebook list`, `casebook case REF` and `casebook tags`: entries and the
//! values in use, straight from the index (no file is read).

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use super::ui::{CYAN, DIM, MAGENTA, one_line};
use crate::index::{IndexedEntry, Sort};
use clap::Args;
use std::collections::BTreeMap;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook list --kind diagnosis --field verdict=miss --since 90d
  casebook list --person me --period 2026-Q3 --count
  casebook list --tag billing --tag refunds -n 20 --json")]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook case ZD-4821")]
pub struct CaseArgs {
    /// The case or ticket reference
    pub reference: String,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook tags --json")]
pub struct TagsArgs {
    /// Which values: tag, skill, product, kind, person, case
    #[arg(long, default_value = "tag")]
    pub field: String,
}

pub fn run(args: ListArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Json, OutputFormat::Jsonl, OutputFormat::Csv],
        OutputFormat::Text,
    )?;
    let mut filter = ctx.filter(&args.filter, false)?;
    filter.include_private = args.include_private;
    // Drafts are findable; only reports and packs leave them out.
    filter.include_drafts = true;
    let sort = match args.filter.sort.as_deref() {
        None | Some("newest") | Some("date") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(other) => {
            return Err(CliError::usage(format!(
                "--sort '{other}': choose newest or oldest"
            )));
        }
    };
    let sort = if args.filter.reverse {
        flip(sort)
    } else {
        sort
    };
    let (hits, total) =
        ctx.query(|i| i.search(&Default::default(), &filter, sort, args.filter.limit))?;
    let items: Vec<IndexedEntry> = hits.into_iter().map(|h| h.item).collect();
    if args.filter.count {
        if format == OutputFormat::Json {
            ctx.ui
                .line(&serde_json::json!({ "count": total }).to_string());
        } else {
            ctx.ui.line(&total.to_string());
        }
        return if total == 0 {
            Err(CliError::nothing("no entries match"))
        } else {
            Ok(())
        };
    }
    print_entries(ctx, &items, format)?;
    if items.is_empty() {
        return Err(CliError::nothing("no entries match"));
    }
    if items.len() < total && format == OutputFormat::Text {
        ctx.ui.status(&format!(
            "({} of {total} shown; -n N for more)",
            items.len()
        ));
    }
    Ok(())
}

fn flip(sort: Sort) -> Sort {
    match sort {
        Sort::Oldest => Sort::Newest,
        _ => Sort::Oldest,
    }
}

pub(super) fn print_entries(
    ctx: &mut Context,
    items: &[IndexedEntry],
    format: OutputFormat,
) -> CliResult {
    match format {
        OutputFormat::Json => {
            let list: Vec<_> = items.iter().map(entry_json).collect();
            ctx.ui.line(
                &serde_json::to_string_pretty(&serde_json::json!({ "entries": list }))
                    .unwrap_or_default(),
            );
        }
        OutputFormat::Jsonl => {
            for item in items {
                ctx.ui.line(&entry_json(item).to_string());
            }
        }
        OutputFormat::Csv => {
            ctx.ui.line(&format!("{CSV_HEADER},path"));
            for i in items {
                let row = csv_row(&i.entry, &i.path);
                ctx.ui.line(&row);
            }
        }
        _ => {
            if items.len() > 40 {
                ctx.page();
            }
            for item in items {
                let line = entry_line(ctx, item);
                ctx.ui.line(&line);
            }
        }
    }
    Ok(())
}

pub(super) fn entry_json(item: &IndexedEntry) -> serde_json::Value {
    let mut json = item.entry.to_json();
    if let Some(obj) = json.as_object_mut() {
        obj.remove("body");
        obj.insert("path".into(), item.path.clone().into());
    }
    json
}

/// The common columns of an entry as CSV, without the last one.
pub(super) const CSV_HEADER: &str = "id,created,kind,person,title,case,tags,skills,products";

/// One CSV row: the common columns, then `last` (a path or a body).
pub(super) fn csv_row(e: &crate::entry::Entry, last: &str) -> String {
    let row = [
        e.id.to_string(),
        e.created.to_rfc3339(),
        e.kind.to_string(),
        e.person.clone(),
        e.title.clone(),
        e.case.clone().unwrap_or_default(),
        e.tags.join(";"),
        e.skills.join(";"),
        e.products.join(";"),
        last.to_string(),
    ];
    row.iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// `ID  DATE  KIND  PERSON  TITLE  #tags` for one entry.
pub(super) fn entry_line(ctx: &mut Context, item: &IndexedEntry) -> String {
    let e = &item.entry;
    let id = ctx.show_id(&e.id);
    let ui = &ctx.ui;
    let mut line = format!(
        "{id}  {}  {:<12} {:<14} {}",
        e.created.format("%Y-%m-%d"),
        ui.paint(CYAN, e.kind.as_str()),
        ui.paint(MAGENTA, &e.person),
        one_line(&e.title)
    );
    if let Some(case) = &e.case {
        line.push_str(&format!("  {}", ui.paint(DIM, &one_line(case))));
    }
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| format!("#{}", one_line(t))).collect();
        line.push_str(&format!("  {}", ui.paint(DIM, &tags.join(" "))));
    }
    if e.private {
        line.push_str(&format!("  {}", ui.paint(DIM, "(private)")));
    }
    line
}

pub fn run_case(args: CaseArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Json, OutputFormat::Jsonl, OutputFormat::Csv],
        OutputFormat::Text,
    )?;
    let mut filter = crate::filter::Filter {
        include_private: args.include_private,
        include_drafts: true,
        ..Default::default()
    };
    filter.require("case", &args.reference);
    let (hits, _) = ctx.query(|i| i.search(&Default::default(), &filter, Sort::Oldest, None))?;
    let items: Vec<IndexedEntry> = hits.into_iter().map(|h| h.item).collect();
    print_entries(ctx, &items, format)?;
    if items.is_empty() {
        return Err(CliError::nothing(format!(
            "no entries about {}",
            args.reference
        )));
    }
    Ok(())
}

pub fn run_tags(args: TagsArgs, ctx: &mut Context) -> CliResult {
    let field = crate::filter::canonical_field(&args.field);
    let filter = crate::filter::Filter {
        include_drafts: true,
        ..Default::default()
    };
    let items = ctx.query(|i| i.all_matching(&filter))?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in &items {
        for v in item.entry.values_of(&field) {
            *counts.entry(v).or_default() += 1;
        }
    }
    if ctx.json() {
        let list: Vec<_> = counts
            .iter()
            .map(|(v, n)| serde_json::json!({"value": v, "count": n}))
            .collect();
        ctx.ui.line(
            &serde_json::to_string_pretty(&serde_json::json!({ "values": list }))
                .unwrap_or_default(),
        );
    } else {
        // Values that differ only in case or punctuation are drift worth fixing.
        let mut by_fold: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for v in counts.keys() {
            by_fold.entry(crate::entry::slugify(v)).or_default().push(v);
        }
        for (v, n) in &counts {
            ctx.ui.line(&format!("{n:>6}  {}", one_line(v)));
        }
        for variants in by_fold.values().filter(|v| v.len() > 1) {
            let list: Vec<&str> = variants.iter().map(|s| s.as_str()).collect();
            ctx.ui
                .warn(&format!("these look like one {field}: {}", list.join(", ")));
        }
    }
    if counts.is_empty() {
        return Err(CliError::nothing(format!("no {field} values in use")));
    }
    Ok(())
}
