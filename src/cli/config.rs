//! `casebook config list | get | set | path`: settings in three layers —
//! the user's config.toml, this clone's `.git/casebook/config.toml`, and
//! the journal's committed `casebook.toml` (read here, edited by hand and
//! committed, since it holds the team's rules).

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::journal::{LocalConfig, user_config_path};
use crate::settings;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook config set person \"Ana Lima\"        who writes from this clone
  casebook config set editor \"code --wait\" --user
  casebook config get targets.qa_samples_per_week
  casebook config list")]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Every setting, with the layer it comes from
    #[command(after_help = "Example:\n  casebook config list")]
    List,
    /// One setting's value
    #[command(
        after_help = "Examples:\n  casebook config get person\n  casebook config get targets.qa_samples_per_week"
    )]
    Get { key: String },
    /// Set person, name, editor, color, pager or alias.NAME (this clone, or --user)
    #[command(
        after_help = "Examples:\n  casebook config set person \"Ana Lima\"\n  casebook config set editor \"code --wait\" --user\n  casebook config set alias.pm \"new postmortem\""
    )]
    Set {
        key: String,
        value: String,
        /// In the user's config instead of this clone's
        #[arg(long)]
        user: bool,
    },
    /// Remove a setting (this clone's, or --user)
    #[command(
        after_help = "Examples:\n  casebook config unset editor\n  casebook config unset alias.pm --user"
    )]
    Unset {
        key: String,
        /// From the user's config instead of this clone's
        #[arg(long)]
        user: bool,
    },
    /// Where each layer lives
    #[command(after_help = "Example:\n  casebook config path")]
    Path,
}

pub fn run(args: ConfigArgs, ctx: &mut Context) -> CliResult {
    let user_path = user_config_path();
    let clone_path = ctx.journal().ok().map(|j| j.clone_config_path());
    let journal_path = ctx.journal().ok().map(|j| j.root().join("casebook.toml"));
    match args.command {
        ConfigCommand::Path => {
            for (layer, path) in [
                ("user", &user_path),
                ("clone", &clone_path),
                ("journal", &journal_path),
            ] {
                if let Some(p) = path {
                    ctx.ui.line(&format!("{layer:<8} {}", p.display()));
                }
            }
            Ok(())
        }
        ConfigCommand::List => {
            for (k, v, layer) in settings::all(ctx.journal().ok())? {
                ctx.ui.line(&format!("{k} = {v}  # {layer}"));
            }
            Ok(())
        }
        ConfigCommand::Get { key } => match settings::get(ctx.journal().ok(), &key)? {
            Some(v) => {
                ctx.ui.line(&v);
                Ok(())
            }
            None => Err(CliError::nothing(format!("{key} is not set"))),
        },
        ConfigCommand::Unset { key, user } => {
            settings::check_unset(&key)?;
            // Aliases live in the user's config only.
            let path = if user || key.starts_with("alias.") {
                user_path
            } else {
                clone_path.or(user_path)
            }
            .ok_or_else(|| CliError::failure("no config to change (no journal and no HOME)"))?;
            let mut cfg = LocalConfig::load(&path)?;
            if !settings::unset(&mut cfg, &key) {
                return Err(CliError::nothing(format!(
                    "{key} is not set in {}",
                    path.display()
                )));
            }
            cfg.save(&path)?;
            ctx.ui.status(&format!("unset {key} in {}", path.display()));
            Ok(())
        }
        ConfigCommand::Set { key, value, user } => {
            if let Some(name) = key.strip_prefix("alias.") {
                return set_alias(ctx, name, &value, user_path);
            }
            settings::check_settable(&key)?;
            let path = if user {
                user_path
            } else {
                clone_path.or(user_path)
            }
            .ok_or_else(|| {
                CliError::failure("no place to keep the setting (no journal and no HOME)")
            })?;
            let mut cfg = LocalConfig::load(&path)?;
            settings::set(&mut cfg, &key, &value)?;
            cfg.save(&path)?;
            ctx.ui.status(&format!("set {key} in {}", path.display()));
            Ok(())
        }
    }
}

/// `casebook config set alias.NAME "COMMAND ARGS"`: always in the user's
/// config, and never over a built-in command.
fn set_alias(
    ctx: &mut Context,
    name: &str,
    value: &str,
    user_path: Option<std::path::PathBuf>,
) -> CliResult {
    let builtin = super::command()
        .get_subcommands()
        .any(|c| c.get_name() == name || c.get_all_aliases().any(|a| a == name));
    if builtin {
        return Err(CliError::usage(format!(
            "alias.{name}: '{name}' is a casebook command; aliases cannot replace commands"
        )));
    }
    let mut probe = LocalConfig::default();
    settings::set_alias(&mut probe, name, value)?;
    let path = user_path.ok_or_else(|| CliError::failure("no user config (HOME is not set)"))?;
    let mut cfg = LocalConfig::load(&path)?;
    settings::set_alias(&mut cfg, name, value)?;
    cfg.save(&path)?;
    ctx.ui
        .status(&format!("set alias.{name} in {}", path.display()));
    Ok(())
}
