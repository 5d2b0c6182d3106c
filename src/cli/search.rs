//! `casebook search QUERY...`: ranked hits from the index, with snippets.
//! Snippets come from the files on disk, so the text shown is the text the
//! user has; a hit whose file was edited since its last commit says so.

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use super::ui::{BOLD, CYAN, DIM, MAGENTA, YELLOW, one_line};
use crate::index::{Sort, query};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook search refund loop stripe
  casebook search '\"double charge\"' kind:postmortem
  casebook search kind:escalation category:should-have-handled product:billing
  casebook search webhook retr* -- -sandbox
  casebook search sso --since 2026-01-01 --person me --json

Words are joined, so quotes are optional. More matching words rank higher;
title matches rank above body matches; refund finds refunds and refunded.
`casebook help query` lists fields and syntax.")]
pub struct SearchArgs {
    /// Words, "phrases", prefix*, -excluded, NOT word, field:value, created:>DATE
    #[arg(required = true, num_args = 1.., allow_hyphen_values = false)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
}

pub fn run(args: SearchArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Json, OutputFormat::Jsonl],
        OutputFormat::Text,
    )?;
    let text = args.query.join(" ");
    let parsed = query::parse(&text, ctx.today());
    if let Some(e) = parsed.errors.first() {
        return Err(CliError::usage(e.clone()).with_hint("see `casebook help query`"));
    }
    if parsed.is_empty() {
        return Err(
            CliError::usage(format!("'{text}' has no words to search for"))
                .with_hint("see `casebook help query`"),
        );
    }
    let mut filter = ctx.filter(&args.filter, false)?;
    filter.include_private = args.include_private;
    // Drafts are findable; only reports and packs leave them out.
    filter.include_drafts = true;
    let sort = match args.filter.sort.as_deref() {
        None | Some("relevance") | Some("score") => Sort::Relevance,
        Some("newest") | Some("date") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(other) => {
            return Err(CliError::usage(format!(
                "--sort '{other}': choose relevance, newest or oldest"
            )));
        }
    };
    let limit = args.filter.limit.unwrap_or(20);
    let (hits, total) = ctx.query(|i| i.search(&parsed, &filter, sort, Some(limit)))?;
    if args.filter.count {
        ctx.ui.line(&total.to_string());
        return if total == 0 {
            Err(CliError::nothing("no entries match"))
        } else {
            Ok(())
        };
    }
    // `--limit 0` shows no hits but still says how many matched.
    if total == 0 {
        if format == OutputFormat::Json {
            ctx.ui.line(r#"{"hits": [], "total": 0}"#);
        }
        // Finding uncommitted files would mean walking the whole journal:
        // the hint says where they are listed instead.
        return Err(CliError::nothing(format!(
            "no entries match '{}'",
            one_line(&text)
        ))
        .with_hint(
            "text not yet committed is not searched; `casebook status` lists entry files changed by hand",
        ));
    }
    let snippets = ctx.query(|i| i.snippets(&parsed, 160))?;
    let journal = ctx.journal()?;
    let mut rows = Vec::new();
    for hit in &hits {
        // One read serves both the edited-since-commit check and the snippet.
        let bytes = std::fs::read(journal.abs(&hit.item.path)).ok();
        let edited = bytes
            .as_deref()
            .is_some_and(|b| crate::journal::blob_oid(b).to_string() != hit.item.blob);
        let body = bytes
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| {
                crate::entry::split_front_matter(&t)
                    .ok()
                    .map(|s| s.body.to_string())
            })
            .unwrap_or_default();
        let (fragment, ranges) = snippets.snippet(&body);
        let fragment = if fragment.is_empty() {
            // The words matched the title or a field: show the body's start.
            let mut e = hit.item.entry.clone();
            e.body = body.clone();
            e.excerpt(160)
        } else {
            fragment
        };
        rows.push((hit, fragment, ranges, edited));
    }
    match format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            let list: Vec<_> = rows
                .iter()
                .map(|(hit, fragment, ranges, edited)| {
                    let e = &hit.item.entry;
                    serde_json::json!({
                        "id": e.id, "title": e.title, "kind": e.kind.as_str(), "created": e.created.to_rfc3339(),
                        "person": e.person, "path": hit.item.path, "score": hit.score, "case": e.case,
                        "tags": e.tags, "skills": e.skills, "snippet": fragment,
                        "highlights": ranges.iter().map(|(a, b)| [*a, *b]).collect::<Vec<_>>(),
                        "edited_since_commit": edited,
                    })
                })
                .collect();
            if format == OutputFormat::Json {
                let json = serde_json::json!({ "hits": list, "total": total });
                ctx.ui
                    .line(&serde_json::to_string_pretty(&json).unwrap_or_default());
            } else {
                for l in list {
                    ctx.ui.line(&l.to_string());
                }
            }
        }
        _ => {
            if rows.len() > 8 {
                ctx.page();
            }
            for (hit, fragment, ranges, edited) in &rows {
                let e = &hit.item.entry;
                let id = ctx.show_id(&e.id);
                let ui = &mut ctx.ui;
                let score = if hit.score > 0.0 {
                    format!("  {:.2}", hit.score)
                } else {
                    String::new()
                };
                ui.line(&format!(
                    "{}{}",
                    ui.paint(BOLD, &one_line(&e.title)),
                    ui.paint(DIM, &score)
                ));
                ui.line(&format!(
                    "  {id} · {} · {} · {} · {}",
                    ui.paint(CYAN, e.kind.as_str()),
                    e.created.format("%Y-%m-%d"),
                    ui.paint(MAGENTA, &e.person),
                    ui.paint(DIM, &hit.item.path)
                ));
                let snippet = highlight(ui, fragment, ranges);
                ui.line(&format!("  {snippet}"));
                if *edited {
                    ui.line(&format!(
                        "  {}",
                        ui.paint(
                            YELLOW,
                            "(edited since its last commit: the index has the committed text)"
                        )
                    ));
                }
                ui.line("");
            }
            if total > rows.len() {
                ctx.ui.status(&format!(
                    "{} of {total} matching entries shown (--limit N for more)",
                    rows.len()
                ));
            }
        }
    }
    Ok(())
}

/// The fragment on one line, with matched words bold (or `**` without colour).
fn highlight(ui: &super::ui::Ui, fragment: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(start, end) in ranges {
        if start < last
            || end > fragment.len()
            || !fragment.is_char_boundary(start)
            || !fragment.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&one_line(&fragment[last..start]));
        let word = one_line(&fragment[start..end]);
        if ui.color() {
            out.push_str(&ui.paint(&format!("{BOLD}{YELLOW}"), &word));
        } else {
            out.push_str(&word);
        }
        last = end;
    }
    out.push_str(&one_line(&fragment[last.min(fragment.len())..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
