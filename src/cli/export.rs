//! `casebook export`: the entries a filter selects, as JSON, JSON Lines,
//! CSV or Markdown. What the formats hold is `crate::export`'s; this file
//! parses the flags, gathers the entries and writes where it was asked.

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use crate::entry::{self, Entry};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook export --format jsonl -o journal.jsonl
  casebook export --format md backup/          # a folder, one file per entry
  casebook export --format csv -o all.csv      # every field, imports back
  casebook export --kind kb --format md --period 2026

Every format but Markdown on stdout imports back to the same entries
(`casebook import FILE-OR-FOLDER`): JSON Lines and JSON as they are, CSV with
a column for each field any exported entry has, Markdown as a folder in the
journal's own layout (people/PERSON/YYYY/MM/...md). Markdown on stdout is the
entry files one after another, for reading.")]
pub struct ExportArgs {
    /// Where to write: a file, or for --format md a folder (default: stdout)
    #[arg(value_name = "PATH", conflicts_with = "out")]
    pub dest: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to this file (for --format md: this folder) instead of stdout
    #[arg(short = 'o', long = "out", value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
}

pub fn run(args: ExportArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[
            OutputFormat::Json,
            OutputFormat::Jsonl,
            OutputFormat::Csv,
            OutputFormat::Md,
        ],
        OutputFormat::Jsonl,
    )?;
    let dest = args.dest.clone().or(args.out.clone());
    let mut filter = ctx.filter(&args.filter, false)?;
    filter.include_private = args.include_private;
    let (hits, _) = ctx.query(|i| {
        i.search(
            &Default::default(),
            &filter,
            crate::index::Sort::Oldest,
            args.filter.limit,
        )
    })?;
    let journal = ctx.journal()?;
    let mut files = Vec::with_capacity(hits.len());
    let mut indexed = Vec::with_capacity(hits.len());
    for hit in hits {
        let text = journal.read_file(&hit.item.path)?;
        files.push((hit.item.path, text));
        indexed.push(hit.item.entry);
    }
    if files.is_empty() && dest.is_none() {
        return Err(CliError::nothing("no entries match"));
    }
    if format == OutputFormat::Md
        && let Some(dir) = &dest
    {
        let n = crate::export::write_folder(dir, &files)
            .map_err(|e| CliError::failure(e.to_string()))?;
        ctx.ui
            .status(&format!("wrote {n} entry files under {}", dir.display()));
        return Ok(());
    }
    // The file as written, else what the index read of it.
    let entries: Vec<(String, Entry)> = files
        .iter()
        .zip(indexed)
        .map(|((path, text), fallback)| {
            let e = entry::parse(text, path)
                .map(|p| p.entry)
                .unwrap_or(fallback);
            (path.clone(), e)
        })
        .collect();
    let out = render(format, &files, &entries);
    super::context::write_out(ctx, dest.as_ref(), &out)
}

fn render(format: OutputFormat, files: &[(String, String)], entries: &[(String, Entry)]) -> String {
    let mut out = String::new();
    match format {
        OutputFormat::Json => {
            let list: Vec<_> = entries.iter().map(|(p, e)| with_path(e, p)).collect();
            out = serde_json::to_string_pretty(&serde_json::json!({ "entries": list }))
                .unwrap_or_default();
        }
        OutputFormat::Csv => {
            let list: Vec<Entry> = entries.iter().map(|(_, e)| e.clone()).collect();
            out = crate::export::csv(&list);
        }
        OutputFormat::Md => {
            for (_, text) in files {
                out.push_str(text);
                out.push('\n');
            }
        }
        _ => {
            for (p, e) in entries {
                out.push_str(&with_path(e, p).to_string());
                out.push('\n');
            }
        }
    }
    out
}

fn with_path(e: &Entry, path: &str) -> serde_json::Value {
    let mut json = e.to_json();
    if let Some(obj) = json.as_object_mut() {
        obj.insert("path".into(), path.into());
    }
    json
}
