//! `casebook list`, `casebook case REF` and `casebook tags`: entries and the
//! values in use, straight from the index (no file is read).

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use super::ui::one_line;
use crate::index::{IndexedEntry, Sort};
use crate::render::entries;
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
    let out = match format {
        OutputFormat::Json => entries::json(items),
        OutputFormat::Jsonl => entries::jsonl(items),
        OutputFormat::Csv => entries::csv(items),
        _ => {
            if items.len() > 40 {
                ctx.page();
            }
            let style = ctx.ui.style();
            let mut out = String::new();
            for item in items {
                let id = ctx.show_id(&item.entry.id);
                out.push_str(&entries::entry_line(item, &id, &style));
                out.push('\n');
            }
            out
        }
    };
    ctx.ui.write(&out);
    Ok(())
}

pub(super) use crate::render::entries::entry_json;

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
