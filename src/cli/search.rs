//! `casebook search QUERY...`: the flags as a `SearchRequest`, the verb in
//! `crate::search`, the hits drawn by `render::search`.

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use super::ui::one_line;
use crate::render;
use crate::search::{self, SearchRequest};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook search refund loop stripe
  casebook search '\"double charge\"' kind:postmortem
  casebook search kind:escalation category:should-have-handled product:billing
  casebook search webhook retr* -- -sandbox
  casebook search sso --since 2026-01-01 --person me --json

Words are joined, so quotes are optional. Ranking is BM25: rare words count
most, common words (the, my, what) do not decide the order, title and field
matches (prediction, actual) count more than body matches, and refund finds
refunds and refunded. Only \"phrases\", +word and field filters must match.
A word no entry contains is replaced by its nearest spelling in the journal
(--exact keeps the words as typed). `casebook help query` lists fields and
syntax.")]
pub struct SearchArgs {
    /// Words, "phrases", prefix*, -excluded, NOT word, field:value, created:>DATE
    #[arg(required = true, num_args = 1.., allow_hyphen_values = false)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
    /// Search the words as typed: no fallback to near spellings
    #[arg(long)]
    pub exact: bool,
}

pub fn run(args: SearchArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Json, OutputFormat::Jsonl],
        OutputFormat::Text,
    )?;
    let mut filter = ctx.filter(&args.filter, false)?;
    filter.include_private = args.include_private;
    // Drafts are findable; only reports and packs leave them out.
    filter.include_drafts = true;
    let request = SearchRequest {
        words: args.query.clone(),
        filter,
        sort: search::sort_named(args.filter.sort.as_deref())?,
        limit: args.filter.limit.unwrap_or(20),
        exact: args.exact,
        count_only: args.filter.count,
    };
    let result = search::search(ctx.session()?, &request)?;
    let corrected = result.corrected(&args.query);
    if let Some(shown) = &corrected {
        ctx.ui
            .status(&render::search::corrected_notice(shown, &result.fixes));
    }
    if args.filter.count {
        ctx.ui.line(&result.total.to_string());
    }
    if args.filter.count || result.total == 0 {
        if result.total == 0 && format == OutputFormat::Json && !args.filter.count {
            ctx.ui.line(r#"{"hits": [], "total": 0}"#);
        }
        return nothing_found(&result, args.filter.count);
    }
    match format {
        OutputFormat::Json => ctx
            .ui
            .write(&render::search::json(&result, corrected.as_deref())),
        OutputFormat::Jsonl => ctx.ui.write(&render::search::jsonl(&result)),
        _ => {
            if result.hits.len() > 8 {
                ctx.page();
            }
            let text = render::search::text(&result, &ctx.ui.style());
            ctx.ui.write(&text);
            if result.total > result.hits.len() {
                ctx.ui.status(&format!(
                    "{} of {} matching entries shown (--limit N for more)",
                    result.hits.len(),
                    result.total
                ));
            }
        }
    }
    Ok(())
}

/// Exit 1 when nothing matched, saying where else to look.
fn nothing_found(result: &search::SearchResult, count: bool) -> CliResult {
    let text = one_line(&result.query);
    match (result.total, result.private_matches) {
        (0, _) if count => Err(CliError::nothing("no entries match")),
        (0, 0) => {
            // Finding uncommitted files would mean walking the whole
            // journal: the hint says where they are listed instead.
            Err(CliError::nothing(format!("no entries match '{text}'")).with_hint(
                "text not yet committed is not searched; `casebook status` lists entry files changed by hand",
            ))
        }
        (0, private) => {
            let entries = if private == 1 { "entry" } else { "entries" };
            Err(CliError::nothing(format!(
                "no shared entries match '{text}', but {private} private {entries} do"
            ))
            .with_hint("add --include-private to search private entries too"))
        }
        _ => Ok(()),
    }
}
