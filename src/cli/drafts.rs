//! `casebook drafts`: the texts kept when a write was refused, did not
//! validate, or was interrupted (see `crate::drafts`), and the jots waiting
//! to become entries. `drafts resume NAME` finishes a kept write with
//! everything that was typed.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::ui::{BOLD, DIM, one_line};
use crate::drafts::{self, DraftError};
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # kept texts and open jots
  casebook drafts
  # finish a refused or interrupted write
  casebook drafts resume postmortem-kqzvmnop
  # ... replacing personal data with labels
  casebook drafts resume kqzv --redact
  # throw a kept text away
  casebook drafts drop postmortem-kqzvmnop")]
pub struct DraftsArgs {
    #[command(subcommand)]
    pub command: Option<DraftsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DraftsCommand {
    /// List kept texts and open jots (the default)
    #[command(after_help = "Example:\n  casebook drafts list --json")]
    List,
    /// Print a kept text
    #[command(after_help = "Example:\n  casebook drafts show postmortem-kqzvmnop")]
    Show(NameArgs),
    /// Finish the write a kept text stands for
    #[command(
        after_help = "Examples:\n  casebook drafts resume postmortem-kqzvmnop\n  casebook drafts resume kqzv --redact\n  casebook drafts resume kqzv -e        fix it in the editor first"
    )]
    Resume(ResumeArgs),
    /// Delete a kept text
    #[command(after_help = "Example:\n  casebook drafts drop postmortem-kqzvmnop")]
    Drop(NameArgs),
}

#[derive(Debug, Args)]
pub struct NameArgs {
    /// The draft: its name as `casebook drafts` lists it, or a unique part
    /// of it (the id is enough)
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// The draft: its name as `casebook drafts` lists it, or a unique part
    /// of it (the id is enough)
    pub name: String,
    /// Open the text in the editor first
    #[arg(short = 'e', long = "edit")]
    pub edit: bool,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: DraftsArgs, ctx: &mut Context) -> CliResult {
    match args.command.unwrap_or(DraftsCommand::List) {
        DraftsCommand::List => list(ctx),
        DraftsCommand::Show(a) => {
            let d = find(ctx, &a.name)?;
            let text = std::fs::read_to_string(&d.file)?;
            ctx.ui.write(&super::ui::escape_control(&text));
            Ok(())
        }
        DraftsCommand::Resume(a) => resume(a, ctx),
        DraftsCommand::Drop(a) => {
            let d = find(ctx, &a.name)?;
            drafts::discard(&d);
            ctx.ui.status(&format!("dropped the draft {}", d.name));
            Ok(())
        }
    }
}

fn find(ctx: &mut Context, name: &str) -> CliResult<drafts::Draft> {
    let journal = ctx.journal()?;
    drafts::find(journal, name).map_err(|e| match e {
        DraftError::NotFound(_) => {
            CliError::usage(e.to_string()).with_hint("`casebook drafts` lists the kept drafts")
        }
        DraftError::Ambiguous { .. } => {
            CliError::usage(e.to_string()).with_hint("give more of the name")
        }
    })
}

fn list(ctx: &mut Context) -> CliResult {
    let kept = drafts::list(ctx.journal()?);
    let jots = open_jots(ctx)?;
    if ctx.json() {
        let kept_json: Vec<_> = kept
            .iter()
            .map(|d| {
                serde_json::json!({
                    "name": d.name,
                    "file": d.file.display().to_string(),
                    "title": d.title(),
                    "op": d.meta.op,
                    "reason": d.meta.reason,
                    "saved": d.saved.map(|t| t.to_rfc3339()),
                    "valid": d.entry().is_ok(),
                })
            })
            .collect();
        let jots_json: Vec<_> = jots
            .iter()
            .map(|j| serde_json::json!({"id": j.entry.id, "title": j.entry.title, "case": j.entry.case, "created": j.entry.created.to_rfc3339(), "path": j.path}))
            .collect();
        ctx.ui
            .line(&serde_json::json!({"kept": kept_json, "jots": jots_json}).to_string());
        return Ok(());
    }
    if kept.is_empty() && jots.is_empty() {
        return Err(CliError::nothing("no kept drafts and no open jots"));
    }
    if !kept.is_empty() {
        let heading = ctx
            .ui
            .paint(BOLD, &format!("Kept texts, not committed ({})", kept.len()));
        ctx.ui.line(&heading);
        for d in &kept {
            let when = d
                .saved
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let why = if d.meta.reason.is_empty() {
                String::new()
            } else {
                format!("  ({})", one_line(&d.meta.reason))
            };
            let line = format!(
                "  {}  {}  {}{}",
                d.name,
                ctx.ui.paint(DIM, &when),
                one_line(&d.title()),
                ctx.ui.paint(DIM, &why)
            );
            ctx.ui.line(&line);
        }
        let hint = ctx.command_line("drafts resume NAME");
        ctx.ui.hint(&format!("finish one with: {hint}"));
    }
    if !jots.is_empty() {
        let heading = ctx.ui.paint(BOLD, &format!("Open jots ({})", jots.len()));
        ctx.ui.line(&heading);
        for j in &jots {
            let id = ctx.show_id(&j.entry.id);
            let line = format!(
                "  {id}  {}  {}  {}",
                j.entry.created.format("%Y-%m-%d"),
                ctx.ui.paint(DIM, j.entry.case.as_deref().unwrap_or("")),
                one_line(&j.entry.title)
            );
            ctx.ui.line(&line);
        }
        let hint = ctx.command_line("new KIND --from-draft ID");
        ctx.ui.hint(&format!("turn one into an entry: {hint}"));
    }
    Ok(())
}

/// My jots (kind `draft`), oldest first.
pub(super) fn open_jots(ctx: &mut Context) -> CliResult<Vec<crate::index::IndexedEntry>> {
    let me = ctx.person(None)?;
    let mut filter = crate::filter::Filter {
        include_private: true,
        include_drafts: true,
        ..Default::default()
    };
    filter.require("kind", "draft");
    filter.require("person", &me);
    let mut items = ctx.query(|i| i.all_matching(&filter))?;
    items.sort_by_key(|i| i.entry.created);
    Ok(items)
}

fn resume(args: ResumeArgs, ctx: &mut Context) -> CliResult {
    let draft = find(ctx, &args.name)?;
    if args.edit {
        let cfg = ctx.local_config()?.editor;
        let Some(ed) = super::editor::configured(cfg.as_deref()) else {
            return Err(CliError::usage("--edit: no editor is set")
                .with_hint("set $EDITOR, or edit the file by hand: casebook drafts show NAME"));
        };
        super::editor::edit_file(&ed, &draft.file)?;
    }
    let on = args.write.pii.policy(ctx);
    let outcome = ctx
        .resume(&draft, on, args.write.dry_run)
        .map_err(|e| super::guard::refusal(ctx, e))?;
    super::guard::report_finds(ctx, &outcome, false);
    super::guard::report(ctx, &outcome)
}
