//! `casebook init` and `casebook demo`: new journals.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry;
use crate::journal::Journal;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook init ~/journal --person \"Ana Lima\"
  casebook init ~/team-journal --person \"Ana Lima\" \\
      --remote git@github.com:acme/support-journal.git")]
pub struct InitArgs {
    /// Where to create the journal (default: the current directory)
    pub dir: Option<PathBuf>,
    /// Your name; this clone writes as this person
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// A git remote to share the journal through (added as `origin`)
    #[arg(long, value_name = "URL")]
    pub remote: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:
  casebook clone git@github.com:acme/support-journal.git ~/journal \\
      --person \"Bo Chen\"")]
pub struct CloneArgs {
    /// The team journal's git URL (anything your git can clone)
    pub url: String,
    /// Where to put it (default: the repository's name)
    pub dir: Option<PathBuf>,
    /// Your name; this clone writes as this person
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook demo /tmp/casebook-demo")]
pub struct DemoArgs {
    /// Where to create the demo journal
    #[arg(default_value = "casebook-demo")]
    pub dir: PathBuf,
}

pub fn run(args: InitArgs, ctx: &mut Context) -> CliResult {
    let dir = args
        .dir
        .clone()
        .or_else(|| ctx.dir.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let person = match &args.person {
        Some(name) => Some((
            entry::person_slug(name).map_err(|e| CliError::usage(format!("--person: {e}")))?,
            name.trim().to_string(),
        )),
        None => None,
    };
    let journal = Journal::init(&dir, person.as_ref().map(|(s, n)| (s.as_str(), n.as_str())))?;
    if let Some(url) = &args.remote {
        journal.add_remote("origin", url)?;
    }
    let root = journal
        .root()
        .display()
        .to_string()
        .trim_end_matches('/')
        .to_string();
    if ctx.json() {
        ctx.ui.line(
            &serde_json::json!({"path": root, "person": person.as_ref().map(|p| &p.0)}).to_string(),
        );
    } else {
        ctx.ui.line(&root);
        match &person {
            Some((slug, _)) => ctx.ui.status(&format!("journal ready; this clone writes as {slug}")),
            None => ctx.ui.hint("set who writes from this clone: casebook config set person \"Your Name\" (or pass --person)"),
        }
        ctx.ui
            .hint("write your first entry: casebook jot \"what just happened\"");
    }
    Ok(())
}

/// Clones with the user's own git (their credentials and ssh setup apply),
/// then records who writes from this clone.
pub fn run_clone(args: CloneArgs, ctx: &mut Context) -> CliResult {
    let dir = args.dir.clone().unwrap_or_else(|| {
        let name = args
            .url
            .trim_end_matches('/')
            .rsplit(['/', ':'])
            .next()
            .unwrap_or("journal");
        PathBuf::from(name.trim_end_matches(".git"))
    });
    let person = match &args.person {
        Some(name) => Some((
            entry::person_slug(name).map_err(|e| CliError::usage(format!("--person: {e}")))?,
            name.trim().to_string(),
        )),
        None => None,
    };
    crate::journal::clone(&args.url, &dir)
        .map_err(|e| CliError::failure(format!("git could not clone {}: {e}", args.url)))?;
    let journal = Journal::open(&dir)?;
    if !journal.root().join("casebook.toml").exists() {
        ctx.ui.warn(&format!(
            "{} has no casebook.toml: it may not be a casebook journal",
            args.url
        ));
    }
    if let Some((slug, name)) = &person {
        let cfg = crate::journal::LocalConfig {
            person: Some(slug.clone()),
            name: Some(name.clone()),
            ..Default::default()
        };
        cfg.save(&journal.clone_config_path())?;
    }
    ctx.ui
        .line(journal.root().display().to_string().trim_end_matches('/'));
    if person.is_none() {
        ctx.ui
            .hint("set who writes from this clone: casebook config set person \"Your Name\"");
    }
    Ok(())
}

pub fn run_demo(args: DemoArgs, ctx: &mut Context) -> CliResult {
    if args.dir.exists()
        && std::fs::read_dir(&args.dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(CliError::usage(format!(
            "{} already exists and is not empty",
            args.dir.display()
        ))
        .with_hint("give a new folder: casebook demo /tmp/casebook-demo"));
    }
    let name = crate::demo::DEMO_PERSON;
    let slug = entry::person_slug(name).map_err(CliError::failure)?;
    let journal = Journal::init(&args.dir, Some((&slug, name)))?;
    let root = journal.root().to_path_buf();
    let skills = journal.skill_ids();
    drop(journal);
    ctx.dir = Some(root.clone());
    let records: Vec<(usize, serde_json::Value)> = crate::demo::demo_records(&slug, ctx.today())
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r))
        .collect();
    let entries = super::import::entries_from_records(
        records.into_iter().map(Ok),
        Some(&slug),
        &skills,
        "demo",
    )?;
    let n = entries.len();
    super::import::commit_entries(
        ctx,
        entries,
        &format!("demo: a year of practice for {name}"),
        &Default::default(),
    )?;
    let shown = root.display().to_string();
    let shown = shown.trim_end_matches('/');
    ctx.ui.status(&format!(
        "demo journal with {n} entries for {name} in {shown}"
    ));
    ctx.ui.status("try:");
    for line in [
        format!("  casebook -C {shown} status"),
        format!("  casebook -C {shown} search refund"),
        format!("  casebook -C {shown} list --kind diagnosis --field verdict=miss"),
        format!("  casebook -C {shown} review --format html -o pack.html"),
    ] {
        ctx.ui.status(&line);
    }
    ctx.ui.status("");
    // The main job, on the demo: the evidence pack for the last twelve months.
    super::pack::print_pack(ctx, &slug, "12mo", super::context::OutputFormat::Md, None)?;
    Ok(())
}
