//! The post-mortem loop: `casebook postmortem phrases [QUERY]` (also
//! `phrases`), the personal library of words that worked, each with the
//! situation it worked in. A library to learn from, not a script.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::scope;
use crate::entry::Kind;
use crate::render::loops::postmortem as view;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook postmortem phrases
  casebook phrases refund             phrases about refunds
  casebook phrases --team --tag billing --json")]
pub struct PostmortemArgs {
    #[command(subcommand)]
    pub command: Option<PostmortemCommand>,
}

#[derive(Debug, Subcommand)]
pub enum PostmortemCommand {
    /// The phrases that worked, with their context, case and date
    Phrases(PhrasesArgs),
}

#[derive(Debug, Args, Default)]
#[command(after_help = "Examples:
  casebook phrases
  casebook phrases refund date
  casebook postmortem phrases --since 2026-06 -n 10")]
pub struct PhrasesArgs {
    /// Only phrases whose text, context, title, tags or case hold these words
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: PostmortemArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(PostmortemCommand::Phrases(a)) => run_phrases(a, ctx),
        None => run_phrases(PhrasesArgs::default(), ctx),
    }
}

pub fn run_phrases(args: PhrasesArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &args.filter, &[Kind::Postmortem], None)?;
    let mut list = crate::loops::phrases(&s.entries(), &args.query);
    if let Some(n) = args.filter.limit {
        list.truncate(n);
    }
    if ctx.json() {
        ctx.ui.write(&view::json(&list));
    } else {
        let style = super::loops::style(ctx, []);
        ctx.ui.write(&view::text(&list, &style));
    }
    if list.is_empty() {
        return Err(CliError::nothing(if args.query.is_empty() {
            "no phrases yet: post-mortems record them with --field phrases=\"...\"".to_string()
        } else {
            format!("no phrase matches '{}'", args.query.join(" "))
        }));
    }
    Ok(())
}
