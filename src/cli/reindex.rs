//! `casebook reindex`: rebuild the search index from the committed files,
//! beside the old one, and switch over atomically.

use super::context::Context;
use super::error::CliResult;
use crate::index::Index;
use clap::Args;

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  casebook reindex\n\nThe index rebuilds itself when it is missing, stale or damaged; this is for\nwhen you want to be sure."
)]
pub struct ReindexArgs {}

pub fn run(_args: ReindexArgs, ctx: &mut Context) -> CliResult {
    let show_progress = is_terminal::IsTerminal::is_terminal(&std::io::stderr()) && !ctx.json();
    let bar = indicatif::ProgressBar::hidden();
    if show_progress {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "indexing {bar:30} {pos}/{len} entries ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    let started = std::time::Instant::now();
    let journal = ctx.journal()?;
    let progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let (index, report) = Index::rebuild(journal, Some(&progress))?;
    bar.finish_and_clear();
    ctx.index_changed();
    for path in &report.unreadable {
        ctx.ui.warn(&format!(
            "{path} cannot be read; `casebook check {path}` says why"
        ));
    }
    let secs = started.elapsed().as_secs_f64();
    if ctx.json() {
        ctx.ui.line(&serde_json::json!({"entries": index.num_entries(), "unreadable": report.unreadable, "seconds": secs}).to_string());
    } else {
        ctx.ui.status(&format!(
            "indexed {} entries in {secs:.1} s",
            index.num_entries()
        ));
    }
    Ok(())
}
