//! The skills loop: `casebook skill list | rate | focus | close-focus` (also
//! `skills`, `rate`, `focus`). Ratings and the monthly focus are entries like
//! any other, so their history is git's; this file only writes them and
//! shows the tree with where the person stands.

use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{commit_update, print_json, set_str, text};
use super::new::write_entry;
use super::ui::{BOLD, DIM, GREEN, one_line};
use crate::entry::{Entry, Kind};
use crate::filter::Filter;
use crate::skills::{SKILL_GROUPS, SKILL_LEVELS, SkillsTree};
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
    SkillsTree::parse(&ctx.journal()?.skills_text_for(person)).map_err(|e| {
        CliError::failure(format!(
            "skills.toml (with people/{person}/skills.toml): {e:#}"
        ))
    })
}

/// The person's own skills file as a tree (empty when there is none).
fn own_tree(ctx: &mut Context, person: &str) -> CliResult<(String, SkillsTree)> {
    let journal = ctx.journal()?;
    let path = journal.personal_skills_path(person);
    let text = std::fs::read_to_string(journal.abs(&path)).unwrap_or_default();
    let tree = SkillsTree::parse(&text).map_err(|e| CliError::failure(format!("{path}: {e:#}")))?;
    Ok((path, tree))
}

/// Writes the person's own skills as one commit.
fn write_own_tree(
    ctx: &mut Context,
    person: &str,
    path: &str,
    own: &SkillsTree,
    message: &str,
    write: &super::guard::WriteArgs,
) -> CliResult {
    let body = toml::to_string(own).map_err(|e| CliError::failure(e.to_string()))?;
    let text = format!(
        "# {person}'s own skills: seeded from a track's tree or added by hand.\n# Rate them like any other: casebook rate SKILL LEVEL\n\n{body}"
    );
    // The whole tree must still parse with the journal's skills around it.
    let mut combined = ctx.journal()?.skills_text();
    combined.push('\n');
    combined.push_str(&text);
    SkillsTree::parse(&combined).map_err(|e| CliError::usage(format!("{e:#}")))?;
    let request = crate::write::WriteRequest::of(
        "skills",
        vec![crate::write::Item::File {
            path: path.to_string(),
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
        ctx.ui.line(path);
    }
    Ok(())
}

pub fn run_seed(args: SeedArgs, ctx: &mut Context) -> CliResult {
    let trees = ctx.journal()?.seeded_trees();
    if args.list {
        for (track, text) in &trees {
            let t = SkillsTree::parse(text).unwrap_or_default();
            let ids: Vec<&str> = t.skills.iter().map(|s| s.id.as_str()).collect();
            ctx.ui.line(&format!("{track:<22} {}", ids.join(", ")));
        }
        return Ok(());
    }
    let track = args.tree.clone().unwrap_or_default();
    let Some((_, text)) = trees.iter().find(|(t, _)| *t == track) else {
        let names: Vec<&str> = trees.iter().map(|(t, _)| t.as_str()).collect();
        return Err(CliError::usage(format!("--tree: no seeded tree '{track}'"))
            .with_hint(format!("trees: {}", names.join(", "))));
    };
    let seeded = SkillsTree::parse(text)
        .map_err(|e| CliError::failure(format!("trees/{track}.toml: {e:#}")))?;
    let chosen: Vec<_> = match &args.skill {
        Some(id) => match seeded.skills.iter().find(|s| s.id == *id) {
            Some(s) => vec![s.clone()],
            None => {
                let ids: Vec<&str> = seeded.skills.iter().map(|s| s.id.as_str()).collect();
                return Err(CliError::usage(format!(
                    "the {track} tree has no skill '{id}' (skills: {})",
                    ids.join(", ")
                )));
            }
        },
        None => seeded.skills.clone(),
    };
    let person = ctx.person(args.person.as_deref())?;
    let journal_ids: Vec<String> = SkillsTree::parse(&ctx.journal()?.skills_text())
        .map(|t| t.skills.into_iter().map(|s| s.id).collect())
        .unwrap_or_default();
    let (path, mut own) = own_tree(ctx, &person)?;
    let mut added = Vec::new();
    for mut s in chosen {
        if own.skills.iter().any(|o| o.id == s.id) || journal_ids.contains(&s.id) {
            continue;
        }
        s.group = "personal".into();
        added.push(s.id.clone());
        own.skills.push(s);
    }
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
    write_own_tree(ctx, &person, &path, &own, &message, &args.write)
}

pub fn run_add(args: AddArgs, ctx: &mut Context) -> CliResult {
    let id = args.id.trim().to_lowercase();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(CliError::usage(format!(
            "'{}' is not a skill id: use letters, digits and dashes",
            args.id
        )));
    }
    for k in &args.kinds {
        k.parse::<Kind>()
            .map_err(|e| CliError::usage(format!("--kind: {e}")))?;
    }
    let person = ctx.person(args.person.as_deref())?;
    if tree(ctx, &person)?.get(&id).is_some() {
        return Err(CliError::usage(format!("skill '{id}' exists already")));
    }
    let (path, mut own) = own_tree(ctx, &person)?;
    own.skills.push(crate::skills::Skill {
        id: id.clone(),
        name: args.name.trim().to_string(),
        group: "personal".into(),
        private: false,
        kinds: args.kinds.clone(),
        description: args.description.clone().unwrap_or_default(),
        rookie: Default::default(),
        pro: Default::default(),
        master: Default::default(),
    });
    let message = format!("skills: add {id} for {person}");
    write_own_tree(ctx, &person, &path, &own, &message, &args.write)
}

/// The skill id as typed, checked against the tree (exit 2 listing them).
fn known_skill(tree: &SkillsTree, given: &str) -> CliResult<String> {
    let id = given.trim().to_lowercase();
    if tree.get(&id).is_some() {
        return Ok(id);
    }
    let ids: Vec<&str> = tree.skills.iter().map(|s| s.id.as_str()).collect();
    Err(CliError::usage(format!(
        "unknown skill '{given}' (skills: {})",
        ids.join(", ")
    ))
    .with_hint("`casebook skills` shows the tree; teams edit skills.toml"))
}

/// The person's entries of all time (drafts aside), private ones included.
fn history(ctx: &mut Context, person: &str) -> CliResult<Vec<crate::index::IndexedEntry>> {
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("person", person);
    let mut items = ctx.query(|i| i.all_matching(&f))?;
    items.sort_by_key(|i| i.entry.created);
    Ok(items)
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
    if ctx.json() {
        let json = serde_json::json!({
            "person": person,
            "skills": rows,
            "focus": focus.map(|f| focus_json(f, &tree)),
        });
        print_json(ctx, &json);
        return Ok(());
    }
    ctx.ui
        .line(&ctx.ui.paint(BOLD, &format!("Skills · {person}")));
    for group in SKILL_GROUPS {
        let in_group: Vec<_> = rows.iter().filter(|r| r.group == *group).collect();
        if in_group.is_empty() {
            continue;
        }
        ctx.ui.line("");
        ctx.ui.line(&ctx.ui.paint(BOLD, group));
        for r in in_group {
            let level = r.current.as_ref().map_or_else(
                || ctx.ui.paint(DIM, "not rated"),
                |c| format!("{} ({}, {})", c.level, c.rater, c.date),
            );
            let mark = if r.focus {
                ctx.ui.paint(GREEN, "  ← focus")
            } else {
                String::new()
            };
            ctx.ui.line(&format!(
                "  {:<34} {:<30} {}{mark}",
                r.id,
                level,
                ctx.ui.paint(
                    DIM,
                    &format!("{} rating(s), {} entries", r.ratings, r.evidence)
                ),
            ));
        }
    }
    if focus.is_none() {
        ctx.ui.line("");
        ctx.ui.line(&ctx.ui.paint(
            DIM,
            "No focus this month: casebook skill focus SKILL -m WHY",
        ));
    }
    Ok(())
}

fn focus_json(f: &Entry, tree: &SkillsTree) -> serde_json::Value {
    let skill = f.field_str("skill").unwrap_or("");
    serde_json::json!({
        "id": f.id,
        "skill": skill,
        "name": tree.get(skill).map(|s| s.name.clone()),
        "since": f.created.date_naive().to_string(),
        "month": crate::dates::month_label(f.created.date_naive()),
        "trigger_case": f.field_str("trigger_case"),
        "why": f.body.trim(),
        "status": f.field_str("status").unwrap_or("open"),
    })
}

pub fn run_rate(args: RateArgs, ctx: &mut Context) -> CliResult {
    let subject = ctx.person(args.person.as_deref())?;
    let tree = tree(ctx, &subject)?;
    let skill = known_skill(&tree, &args.skill)?;
    let level = args.level.trim().to_lowercase();
    if !SKILL_LEVELS.contains(&level.as_str()) {
        return Err(CliError::usage(format!(
            "'{}' is not a level (levels: {})",
            args.level,
            SKILL_LEVELS.join(", ")
        )));
    }
    let person = ctx.person(args.person.as_deref())?;
    let rater = args.by.clone().unwrap_or_else(|| "self".into());
    let name = tree.get(&skill).map_or(skill.clone(), |s| s.name.clone());
    let mut e = Entry::new(
        Kind::Rating,
        &format!("{name}: {level} ({rater})"),
        &person,
        crate::clock::now(),
    );
    set_str(&mut e, "skill", &skill);
    set_str(&mut e, "level", &level);
    set_str(&mut e, "rater", &rater);
    if rater != "self" {
        // The rater is recorded, so self and lead ratings can sit side by side.
        let me = ctx.person(None)?;
        set_str(&mut e, "rater_name", &me);
    }
    let mut evidence = Vec::new();
    for id in &args.evidence {
        evidence.push(toml::Value::String(ctx.resolve(id)?.entry.id.to_string()));
    }
    if !evidence.is_empty() {
        e.fields
            .insert("evidence".into(), toml::Value::Array(evidence));
    }
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
    let skill = known_skill(&tree, given)?;
    if let Some(f) = open {
        return Err(CliError::failure(format!(
            "your focus on {} (since {}) is still open",
            f.field_str("skill").unwrap_or("?"),
            f.created.date_naive()
        ))
        .with_hint("close it first with a short retro: casebook skill close-focus -m RETRO"));
    }
    let today = ctx.today();
    let name = tree.get(&skill).map_or(skill.clone(), |s| s.name.clone());
    let mut e = Entry::new(
        Kind::Focus,
        &format!("Focus {}: {name}", crate::dates::month_label(today)),
        &person,
        crate::clock::now(),
    );
    set_str(&mut e, "skill", &skill);
    set_str(&mut e, "status", "open");
    if let Some(c) = args
        .case
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        set_str(&mut e, "trigger_case", c);
        e.case = Some(c.to_string());
    }
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
            print_json(ctx, &serde_json::json!({"focus": null, "entries": []}));
        }
        return Err(CliError::nothing("no open focus")
            .with_hint("pick one: casebook skill focus SKILL -m WHY"));
    };
    let skill = f.field_str("skill").unwrap_or("").to_string();
    let month = crate::dates::month_label(ctx.today());
    let practice: Vec<&Entry> = history
        .iter()
        .copied()
        .filter(|e| {
            crate::dates::month_label(e.created.date_naive()) == month
                && e.id != f.id
                && e.kind != Kind::Rating
                && e.skills.contains(&skill)
        })
        .collect();
    if ctx.json() {
        let entries: Vec<_> = practice.iter().map(|e| brief_json(e)).collect();
        print_json(
            ctx,
            &serde_json::json!({"focus": focus_json(f, tree), "entries": entries}),
        );
        return Ok(());
    }
    let name = tree.get(&skill).map_or(skill.clone(), |s| s.name.clone());
    let id = ctx.show_id(&f.id);
    ctx.ui.line(&format!(
        "{} {id}",
        ctx.ui.paint(
            BOLD,
            &format!("Focus: {name} (since {})", f.created.date_naive())
        )
    ));
    if !f.body.trim().is_empty() {
        ctx.ui.line(&format!("  why: {}", one_line(f.body.trim())));
    }
    ctx.ui.line("");
    if practice.is_empty() {
        ctx.ui.line(&ctx.ui.paint(
            DIM,
            &format!("No entries practised {skill} in {month} yet."),
        ));
    } else {
        ctx.ui
            .line(&format!("Practised in {month} ({}):", practice.len()));
        for e in practice {
            let id = ctx.show_id(&e.id);
            ctx.ui.line(&format!(
                "  {id}  {}  {:<10} {}",
                e.created.format("%Y-%m-%d"),
                e.kind,
                one_line(&e.title)
            ));
        }
    }
    Ok(())
}

/// The few fields a report lists about an entry.
pub(super) fn brief_json(e: &Entry) -> serde_json::Value {
    serde_json::json!({
        "id": e.id,
        "kind": e.kind.as_str(),
        "title": e.title,
        "created": e.created.to_rfc3339(),
        "case": e.case,
    })
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
    set_str(&mut e, "status", "closed");
    set_str(&mut e, "closed", &ctx.today().to_string());
    set_str(&mut e, "retro", &retro);
    let message = format!("close focus: {}", super::new::one_line_title(&e.title));
    commit_update(ctx, &path, e, &message, &args.write)
}
