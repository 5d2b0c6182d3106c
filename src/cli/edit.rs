//! `casebook edit`, `casebook rm` and `casebook undo`: changing history,
//! always as new commits.

use super::args::EntryArgs;
use super::context::Context;
use super::editor;
use super::error::{CliError, CliResult};
use super::new::{apply_entry_args, body_from_args, check_skills, one_line_title};
use crate::entry::{self, Kind};
use crate::journal::Change;
use crate::write::{Item, WriteRequest};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # open it in the editor
  casebook edit kqzv
  casebook edit @ --field verdict=hit --field actual=\"expired SAML cert\"
  casebook edit kqzv --tag refunds -m \"new body text\"
  # a jot becomes a post-mortem
  casebook edit @ --kind postmortem --title \"Policy near-loss\"")]
pub struct EditArgs {
    /// The entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: Option<String>,
    /// Turn a draft (from `jot`) into an entry of this kind
    #[arg(long, value_name = "KIND", add = super::complete::kind_completer())]
    pub kind: Option<String>,
    #[command(flatten)]
    pub entry: EntryArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook rm kqzv mnop --yes")]
pub struct RmArgs {
    /// Entries to delete
    #[arg(required = true, add = super::complete::id_completer())]
    pub ids: Vec<String>,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
    /// Show what would be deleted, delete nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  # revert casebook's last commit (as a new commit); each undo after it\n  # steps one more casebook commit back; `git revert HEAD` takes one back\n  casebook undo\n  casebook undo --dry-run"
)]
pub struct UndoArgs {
    /// Show what would be undone
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: EditArgs, ctx: &mut Context) -> CliResult {
    let given = match &args.id {
        Some(id) => id.clone(),
        None => super::show::pick(ctx, "edit")?,
    };
    let item = ctx.resolve(&given)?;
    let text = ctx.journal()?.read_file(&item.path)?;
    let parsed = entry::parse(&text, &item.path).map_err(|p| {
        CliError::failure(format!("{}:{p}", item.path))
            .with_hint("fix the file by hand, then `casebook check`")
    })?;
    let mut entry = parsed.entry;
    let before = entry.clone();
    if let Some(kind) = &args.kind {
        let kind: Kind = kind
            .parse()
            .map_err(|e: entry::UnknownKind| CliError::usage(format!("--kind: {e}")))?;
        crate::edit::change_kind(&mut entry, kind)?;
    }
    apply_entry_args(ctx, &mut entry, &args.entry)?;
    if args
        .entry
        .fields
        .iter()
        .any(|f| f.trim().starts_with("gate"))
    {
        super::approval::check_gate(ctx, &entry, "--field gate")?;
    }
    let body = body_from_args(&args.entry)?;
    let has_flags = body.is_some() || before != entry || args.entry.no_edit;
    if let Some(b) = body {
        entry.body = b;
    }
    if !has_flags || args.entry.edit {
        match in_editor(ctx, &item.path, &entry)? {
            Some(edited) => entry = edited,
            None => return Ok(()),
        }
    }
    let skills = ctx.journal()?.skill_ids();
    check_skills(&entry, &skills)?;
    if entry == before {
        ctx.ui.status("nothing changed");
        return Ok(());
    }
    // The file keeps its path: links and history follow it.
    let request = WriteRequest::update(
        "edit",
        &item.path,
        entry,
        &format!("edit {}: {{title}}", before_kind(&before, &args)),
    );
    let outcome = super::guard::run(ctx, request, &args.entry.write)?;
    super::guard::report(ctx, &outcome)
}

/// The entry edited in the editor, from a buffer kept as a draft until it
/// parses; `None` when nothing changed there. What was typed is never lost:
/// an editor that fails or a text that is not valid leaves the draft.
fn in_editor(
    ctx: &mut Context,
    path: &str,
    entry: &entry::Entry,
) -> CliResult<Option<entry::Entry>> {
    let cfg = ctx.local_config()?.editor;
    let Some(ed) = editor::configured(cfg.as_deref()) else {
        return Err(
            CliError::usage("no editor is set and no field was given to change").with_hint(
                "set $EDITOR, or give fields: casebook edit ID --field KEY=VALUE -m TEXT",
            ),
        );
    };
    let name = crate::drafts::name_of(entry, true);
    let meta = crate::drafts::DraftMeta {
        op: "edit".into(),
        path: Some(path.to_string()),
        reason: "the edited text was not a valid entry".into(),
        ..Default::default()
    };
    let start = entry.to_markdown();
    let kept = crate::drafts::keep_text(ctx.journal()?, &name, &start, &meta)?;
    let file = kept.file.clone();
    let resume = ctx.command_line(&format!("drafts resume {name}"));
    if let Err(e) = editor::edit_file(&ed, &file) {
        let edited = std::fs::read_to_string(&file).unwrap_or_default();
        if edited == start {
            crate::drafts::discard(&kept);
            return Err(e);
        }
        return Err(e.with_hint(format!("what you typed is kept; finish it with: {resume}")));
    }
    let edited = std::fs::read_to_string(&file)?;
    if edited == start {
        crate::drafts::discard(&kept);
        ctx.ui
            .status("nothing changed in the editor; the entry is as it was");
        return Ok(None);
    }
    let kept_hint = format!(
        "your text is kept in {}; fix it there and run: {resume}",
        super::guard::quote(&file.display().to_string())
    );
    let problems = match entry::parse(&edited, path) {
        Ok(p) if p.problems.is_empty() => {
            let mut entry = p.entry;
            entry.body = editor::strip_guidance(&entry.body);
            crate::drafts::discard(&kept);
            return Ok(Some(entry));
        }
        Ok(p) => p
            .problems
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        Err(p) => p.to_string(),
    };
    Err(CliError::usage(format!("the edited entry is not valid: {problems}")).with_hint(kept_hint))
}

/// The kind the edited entry has now (a draft may have become another).
fn before_kind(before: &entry::Entry, args: &EditArgs) -> String {
    args.kind.clone().unwrap_or_else(|| before.kind.to_string())
}

pub fn run_rm(args: RmArgs, ctx: &mut Context) -> CliResult {
    let mut items: Vec<crate::index::IndexedEntry> = Vec::new();
    for id in &args.ids {
        let item = ctx.resolve(id)?;
        // The same entry named twice (an id and its path) is one entry.
        if !items.iter().any(|i| i.path == item.path) {
            items.push(item);
        }
    }
    for item in &items {
        ctx.ui.status(&format!(
            "{}  {}  {}",
            item.entry.id,
            item.entry.kind,
            one_line_title(&item.entry.title)
        ));
    }
    if args.dry_run {
        return Ok(());
    }
    if !args.yes {
        if !ctx.interactive() {
            return Err(CliError::usage("rm deletes entries; confirm with --yes")
                .with_hint("casebook rm ID... --yes"));
        }
        let answer = ctx.ui.ask(&format!(
            "Delete {} entr{}? [y/N]",
            items.len(),
            if items.len() == 1 { "y" } else { "ies" }
        ));
        if !matches!(answer.as_deref().map(str::trim), Some("y" | "Y" | "yes")) {
            return Err(CliError::failure("nothing deleted"));
        }
    }
    let changes: Vec<Change> = items
        .iter()
        .map(|i| Change::Remove {
            path: i.path.clone(),
        })
        .collect();
    let message = if items.len() == 1 {
        format!(
            "rm {}: {}",
            items[0].entry.kind,
            one_line_title(&items[0].entry.title)
        )
    } else {
        format!("rm: {} entries", items.len())
    };
    let items_to_remove = changes
        .into_iter()
        .map(|c| Item::Remove {
            path: c.path().to_string(),
        })
        .collect();
    let outcome =
        super::guard::run_request(ctx, WriteRequest::of("rm", items_to_remove, &message))?;
    let info = outcome.commit_short().unwrap_or_default();
    if ctx.json() {
        let ids: Vec<_> = items
            .iter()
            .map(|i| serde_json::json!({"id": i.entry.id, "path": i.path}))
            .collect();
        ctx.ui
            .line(&serde_json::json!({"removed": ids, "commit": info}).to_string());
    } else {
        for i in &items {
            ctx.ui.line(&format!("{} {}", i.entry.id, i.path));
        }
        ctx.ui.hint("changed your mind? casebook undo");
    }
    Ok(())
}

pub fn run_undo(args: UndoArgs, ctx: &mut Context) -> CliResult {
    let journal = ctx.journal()?;
    if journal.head().is_none() {
        return Err(CliError::failure("the journal has no commits"));
    }
    // Each undo steps one write further back (see Journal::undo_changes).
    let (changes, summary, undone) = journal.undo_changes()?;
    let undone = undone.to_string();
    if args.dry_run {
        ctx.ui
            .line(&format!("would undo {} {summary}", &undone[..10]));
        return Ok(());
    }
    // The revert is a write like any other: recorded before it starts,
    // rolled back by the next command if it is killed, one commit.
    let items = changes
        .into_iter()
        .map(|c| match c {
            Change::Write { path, content } => Item::File { path, content },
            Change::Remove { path } => Item::Remove { path },
        })
        .collect();
    let outcome = super::guard::run_request(
        ctx,
        WriteRequest::of("undo", items, &format!("undo: {summary}"))
            .with_policy(crate::write::OnPersonalData::Allow, false),
    )?;
    let info = outcome.commit_short().unwrap_or_default();
    if ctx.json() {
        ctx.ui
            .line(&serde_json::json!({"undone": undone, "commit": info}).to_string());
    } else {
        ctx.ui.line(&format!("undid {}  {summary}", &undone[..10]));
    }
    Ok(())
}
