//! The skills loop: `casebook skill list | rate | focus | close-focus` (also
//! `skills`, `rate`, `focus`). Ratings and the monthly focus are entries like
//! any other, so their history is git's; this file only writes them and
//! shows the tree with where the person stands.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, print_json, text};
use super::new::write_entry;
use crate::entry::{Entry, Kind};
use crate::index::IndexedEntry;
use crate::skills::SkillsTree;
use crate::{render, skill};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook skill list
  casebook skill rate empathic-communication pro \\
      -m \"3 post-mortems where the tone turned\"
  casebook skill focus empathic-communication --case ZD-4821 \\
      -m \"lost her at 'policy'\"
  casebook skill close-focus -m \"naming the date first works; keep doing it\"")]
pub struct SkillArgs {
    #[command(subcommand)]
    pub command: Option<SkillCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SkillCommand {
    /// The skills tree with your current ratings, evidence and focus
    List(ListArgs),
    /// Rate a skill rookie, pro or master (a rating entry)
    Rate(RateArgs),
    /// Pick this month's focus skill; without SKILL, show the current focus
    Focus(FocusArgs),
    /// Close the open focus with a short retro
    CloseFocus(CloseFocusArgs),
    /// Start a seeded tree for another track (or one of its skills) in your own skills
    Seed(SeedArgs),
    /// Add a personal skill of your own
    Add(AddArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # every skill of the Trainer tree
  casebook skill seed --tree trainer
  # one skill of it
  casebook skill seed curriculum-design --tree trainer
  # the trees there are
  casebook skill seed --list
Seeded skills go to people/<you>/skills.toml, beside your entries; rate them
like any other skill. Trees: trainer, qa, support-ops, agent-supervisor,
specification-owner, customer-success (the journal's trees/ folder may add more).")]
pub struct SeedArgs {
    /// One skill of the tree (default: all of them)
    pub skill: Option<String>,
    /// The track whose tree to start from
    #[arg(long, value_name = "TRACK", required_unless_present = "list")]
    pub tree: Option<String>,
    /// List the seeded trees and their skills
    #[arg(long)]
    pub list: bool,
    /// Whose skills (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:
  casebook skill add sql-for-support --name \"SQL for support\" \\
      -m \"Reading the data behind a billing case myself\" --kind diagnosis")]
pub struct AddArgs {
    /// The skill id (letters, digits and dashes)
    pub id: String,
    /// Its name as people say it
    #[arg(long, value_name = "TEXT")]
    pub name: String,
    /// What the skill is, in a sentence
    #[arg(short = 'm', long = "description", value_name = "TEXT")]
    pub description: Option<String>,
    /// Entry kinds that count as evidence for it (repeatable)
    #[arg(long = "kind", value_name = "KIND", add = super::complete::kind_completer())]
    pub kinds: Vec<String>,
    /// Whose skills (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args, Default)]
#[command(
    after_help = "Examples:\n  casebook skills\n  casebook skill list --person bo-chen --json"
)]
pub struct ListArgs {
    /// Whose ratings and evidence (default: yours)
    #[arg(long, value_name = "P|me")]
    pub person: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook rate complex-case-diagnosis pro -m \"hit rate 0.7 over 30 predictions\"
  casebook skill rate hand-off-documentation rookie --person bo-chen --by lead \\
      --evidence kqzv")]
pub struct RateArgs {
    /// The skill id (`casebook skills` lists them)
    #[arg(add = super::complete::skill_completer())]
    pub skill: String,
    /// rookie, pro or master
    pub level: String,
    /// Who rates: self (default), lead or peer
    #[arg(long, value_parser = ["self", "lead", "peer"])]
    pub by: Option<String>,
    /// An entry that supports the rating (repeatable)
    #[arg(long = "evidence", value_name = "ID")]
    pub evidence: Vec<String>,
    /// Whose skill (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Why this level
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "NOTE")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  # the current focus and this month's practice of it
  casebook focus
  casebook focus empathic-communication --case ZD-4821 \\
      -m \"nearly lost her at 'policy'\"")]
pub struct FocusArgs {
    /// The skill to practise this month (omit to show the current focus)
    #[arg(add = super::complete::skill_completer())]
    pub skill: Option<String>,
    /// Why this skill: the disappointment that picked it
    #[arg(short = 'm', long = "why", visible_aliases = ["body", "text"], value_name = "WHY")]
    pub why: Option<String>,
    /// Read the why from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub why_file: Option<PathBuf>,
    /// The case that disappointed (recorded as trigger_case)
    #[arg(long = "case", value_name = "REF")]
    pub case: Option<String>,
    /// The entry about it (repeatable)
    #[arg(long = "link", value_name = "ID")]
    pub links: Vec<String>,
    /// Whose focus (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  casebook skill close-focus \\\n      -m \"naming the refund date first calmed 4 of 5 calls\""
)]
pub struct CloseFocusArgs {
    /// The short retro: what changed, what to keep
    #[arg(short = 'm', long = "retro", visible_aliases = ["body", "text"], value_name = "RETRO")]
    pub retro: Option<String>,
    /// Read the retro from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub retro_file: Option<PathBuf>,
    /// Whose focus (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: SkillArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => run_list(ListArgs::default(), ctx),
        Some(SkillCommand::List(a)) => run_list(a, ctx),
        Some(SkillCommand::Rate(a)) => run_rate(a, ctx),
        Some(SkillCommand::Focus(a)) => run_focus(a, ctx),
        Some(SkillCommand::CloseFocus(a)) => run_close_focus(a, ctx),
        Some(SkillCommand::Seed(a)) => run_seed(a, ctx),
        Some(SkillCommand::Add(a)) => run_add(a, ctx),
    }
}

/// The journal's skills tree plus the person's own skills.
fn tree(ctx: &mut Context, person: &str) -> CliResult<SkillsTree> {
    Ok(skill::tree(ctx.journal()?, person)?)
}

/// The person's entries of all time (drafts aside), private ones included.
fn history(ctx: &mut Context, person: &str) -> CliResult<Vec<IndexedEntry>> {
    Ok(skill::history(ctx.session()?, person)?)
}

/// Writes the person's own skills as one commit.
fn write_own_tree(
    ctx: &mut Context,
    person: &str,
    own: &SkillsTree,
    message: &str,
    write: &super::guard::WriteArgs,
) -> CliResult {
    let journal = ctx.journal()?;
    let path = journal.personal_skills_path(person);
    let text = skill::own_tree_text(journal, person, own)?;
    let request = crate::write::WriteRequest::of(
        "skills",
        vec![crate::write::Item::File {
            path: path.clone(),
            content: text.clone().into_bytes(),
        }],
        message,
    );
    let outcome = super::guard::run(ctx, request, write)?;
    if outcome.dry_run {
        ctx.ui.write(&text);
        return Ok(());
    }
    let (info, warnings) = (
        outcome.commit_short().unwrap_or_default(),
        outcome.warnings(),
    );
    if ctx.json() {
        print_json(
            ctx,
            &serde_json::json!({"path": path, "commit": info, "warnings": warnings, "skills": own.skills.iter().map(|s| &s.id).collect::<Vec<_>>()}),
        );
    } else {
        ctx.ui.line(&path);
    }
    Ok(())
}

pub fn run_seed(args: SeedArgs, ctx: &mut Context) -> CliResult {
    if args.list {
        for (track, text) in &ctx.journal()?.seeded_trees() {
            let t = SkillsTree::parse(text).unwrap_or_default();
            let ids: Vec<&str> = t.skills.iter().map(|s| s.id.as_str()).collect();
            ctx.ui.line(&format!("{track:<22} {}", ids.join(", ")));
        }
        return Ok(());
    }
    let track = args.tree.clone().unwrap_or_default();
    let person = ctx.person(args.person.as_deref())?;
    let (added, own) = skill::seed(ctx.journal()?, &person, &track, args.skill.as_deref())?;
    if added.is_empty() {
        return Err(CliError::nothing(format!(
            "{person} already has every skill asked for from the {track} tree"
        )));
    }
    ctx.ui.status(&format!(
        "seeding {} from the {track} tree: {}",
        if added.len() == 1 {
            "one skill"
        } else {
            "skills"
        },
        added.join(", ")
    ));
    let message = format!(
        "skills: seed {} from the {track} tree for {person}",
        added.join(", ")
    );
    write_own_tree(ctx, &person, &own, &message, &args.write)
}

pub fn run_add(args: AddArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let tree = tree(ctx, &person)?;
    let new = skill::new_skill(
        &tree,
        &args.id,
        &args.name,
        &args.kinds,
        args.description.as_deref(),
    )?;
    let (_, mut own) = skill::own_tree(ctx.journal()?, &person)?;
    let message = format!("skills: add {} for {person}", new.id);
    own.skills.push(new);
    write_own_tree(ctx, &person, &own, &message, &args.write)
}

pub fn run_list(args: ListArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let tree = tree(ctx, &person)?;
    if tree.skills.is_empty() {
        return Err(CliError::nothing("skills.toml has no skills"));
    }
    let items = history(ctx, &person)?;
    let refs: Vec<&Entry> = items.iter().map(|i| &i.entry).collect();
    let rows = crate::loops::skill_rows(&tree, &refs, ctx.today());
    let focus = crate::loops::open_focus(&refs);
    let out = if ctx.json() {
        render::skill::list_json(&person, &rows, focus, &tree)
    } else {
        render::skill::list_text(&person, &rows, focus, &ctx.ui.style())
    };
    ctx.ui.write(&out);
    Ok(())
}

pub fn run_rate(args: RateArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let tree = tree(ctx, &person)?;
    let rater = args.by.clone().unwrap_or_else(|| "self".into());
    // The rater is recorded, so self and lead ratings can sit side by side.
    let rater_person = if rater != "self" {
        Some(ctx.person(None)?)
    } else {
        None
    };
    let mut evidence = Vec::new();
    for id in &args.evidence {
        evidence.push(ctx.resolve(id)?.entry.id.to_string());
    }
    let rater = skill::Rater {
        rater,
        rater_person,
    };
    let mut e = skill::rating(&tree, &person, &args.skill, &args.level, rater, evidence)?;
    e.body = text(&args.note, &args.note_file)?.unwrap_or_default();
    write_entry(ctx, e, Vec::new(), "new", &args.write)
}

pub fn run_focus(args: FocusArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let tree = tree(ctx, &person)?;
    let items = history(ctx, &person)?;
    let refs: Vec<&Entry> = items.iter().map(|i| &i.entry).collect();
    let open = crate::loops::open_focus(&refs);
    let Some(given) = &args.skill else {
        return show_focus(ctx, &tree, open, &refs);
    };
    let today = ctx.today();
    let mut e = skill::focus(&tree, open, &person, given, args.case.as_deref(), today)?;
    for l in &args.links {
        e.links.push(ctx.resolve(l)?.entry.id.to_string());
    }
    e.body = text(&args.why, &args.why_file)?.unwrap_or_default();
    write_entry(ctx, e, Vec::new(), "new", &args.write)
}

/// The open focus and the entries this month that practised it.
fn show_focus(
    ctx: &mut Context,
    tree: &SkillsTree,
    open: Option<&Entry>,
    history: &[&Entry],
) -> CliResult {
    let Some(f) = open else {
        if ctx.json() {
            ctx.ui.write(&render::skill::no_focus_json());
        }
        return Err(CliError::nothing("no open focus")
            .with_hint("pick one: casebook skill focus SKILL -m WHY"));
    };
    let today = ctx.today();
    let practice = skill::practice(f, history, today);
    if ctx.json() {
        ctx.ui
            .write(&render::skill::focus_view_json(f, tree, &practice));
        return Ok(());
    }
    let mut ids = std::collections::HashMap::new();
    for e in practice.iter().copied().chain([f]) {
        ids.insert(e.id.to_string(), ctx.show_id(&e.id));
    }
    let id_of = |e: &Entry| ids.get(e.id.as_str()).cloned().unwrap_or_default();
    let month = crate::dates::month_label(today);
    let out = render::skill::focus_view_text(f, tree, &practice, &month, &ctx.ui.style(), &id_of);
    ctx.ui.write(&out);
    Ok(())
}

pub fn run_close_focus(args: CloseFocusArgs, ctx: &mut Context) -> CliResult {
    let Some(retro) = text(&args.retro, &args.retro_file)? else {
        return Err(CliError::usage("close-focus needs the retro: -m RETRO")
            .with_hint("casebook skill close-focus -m \"what changed, what to keep\""));
    };
    let person = ctx.person(args.person.as_deref())?;
    let items = history(ctx, &person)?;
    let open = {
        let refs: Vec<&Entry> = items.iter().map(|i| &i.entry).collect();
        crate::loops::open_focus(&refs).map(|f| f.id.clone())
    };
    let Some(id) = open else {
        return Err(CliError::nothing("no open focus to close"));
    };
    let (path, mut e) = super::loops::load(ctx, id.as_str(), Kind::Focus)?;
    skill::close_focus(&mut e, &retro, ctx.today());
    let message = format!("close focus: {}", super::new::one_line_title(&e.title));
    commit_update(ctx, &path, e, &message, &args.write)
}
