//! `casebook config list | get | set | path`: settings in three layers —
//! the user's config.toml, this clone's `.git/casebook/config.toml`, and
//! the journal's committed `casebook.toml` (read here, edited by hand and
//! committed, since it holds the team's rules).

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::journal::{LocalConfig, user_config_path};
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

const LOCAL_KEYS: &[&str] = &["person", "name", "editor", "color", "pager"];

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
            for (k, v, layer) in all_values(ctx)? {
                ctx.ui.line(&format!("{k} = {v}  # {layer}"));
            }
            Ok(())
        }
        ConfigCommand::Get { key } => {
            let found = all_values(ctx)?
                .into_iter()
                .rev()
                .find(|(k, _, _)| *k == key);
            match found {
                Some((_, v, _)) => {
                    ctx.ui.line(&v);
                    Ok(())
                }
                None => Err(CliError::nothing(format!("{key} is not set"))),
            }
        }
        ConfigCommand::Unset { key, user } => {
            let alias = key.strip_prefix("alias.");
            if alias.is_none() && !LOCAL_KEYS.contains(&key.as_str()) {
                return Err(CliError::usage(format!(
                    "'{key}' cannot be unset here (settable: {}, alias.NAME)",
                    LOCAL_KEYS.join(", ")
                )));
            }
            // Aliases live in the user's config only.
            let path = if user || alias.is_some() {
                user_path
            } else {
                clone_path.or(user_path)
            }
            .ok_or_else(|| CliError::failure("no config to change (no journal and no HOME)"))?;
            let mut cfg = LocalConfig::load(&path)?;
            let had = match (alias, key.as_str()) {
                (Some(name), _) => cfg.alias.remove(name).is_some(),
                (None, "person") => cfg.person.take().is_some(),
                (None, "name") => cfg.name.take().is_some(),
                (None, "editor") => cfg.editor.take().is_some(),
                (None, "color") => cfg.color.take().is_some(),
                (None, _) => cfg.pager.take().is_some(),
            };
            if !had {
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
            if !LOCAL_KEYS.contains(&key.as_str()) {
                return Err(CliError::usage(format!(
                    "'{key}' cannot be set here (settable: {})",
                    LOCAL_KEYS.join(", ")
                ))
                .with_hint("team rules live in casebook.toml: edit it and commit"));
            }
            let path = if user {
                user_path
            } else {
                clone_path.or(user_path)
            }
            .ok_or_else(|| {
                CliError::failure("no place to keep the setting (no journal and no HOME)")
            })?;
            let mut cfg = LocalConfig::load(&path)?;
            match key.as_str() {
                "person" => {
                    let slug = crate::entry::person_slug(&value).map_err(CliError::usage)?;
                    cfg.person = Some(slug);
                    cfg.name = Some(value.trim().to_string());
                }
                "name" => cfg.name = Some(value),
                "editor" => cfg.editor = Some(value),
                "color" => cfg.color = Some(value),
                _ => cfg.pager = Some(value),
            }
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
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(CliError::usage(format!(
            "alias.{name}: an alias name is letters, digits and dashes"
        )));
    }
    if shlex::split(value).is_none_or(|w| w.is_empty()) {
        return Err(CliError::usage(format!(
            "alias.{name}: '{value}' is not a command line"
        )));
    }
    let path = user_path.ok_or_else(|| CliError::failure("no user config (HOME is not set)"))?;
    let mut cfg = LocalConfig::load(&path)?;
    cfg.alias.insert(name.to_string(), value.to_string());
    cfg.save(&path)?;
    ctx.ui
        .status(&format!("set alias.{name} in {}", path.display()));
    Ok(())
}

/// `(key, value, layer)` from the lowest layer to the highest.
fn all_values(ctx: &mut Context) -> CliResult<Vec<(String, String, &'static str)>> {
    let mut out = Vec::new();
    if let Ok(j) = ctx.journal() {
        let text = std::fs::read_to_string(j.root().join("casebook.toml")).unwrap_or_default();
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            flatten("", &toml::Value::Table(table), &mut |k, v| {
                out.push((k, v, "journal"))
            });
        }
    }
    let mut layer = |path: Option<std::path::PathBuf>, name: &'static str| -> CliResult {
        if let Some(p) = path {
            let cfg = LocalConfig::load(&p)?;
            let v = toml::Value::try_from(&cfg).map_err(|e| CliError::failure(e.to_string()))?;
            flatten("", &v, &mut |k, v| out.push((k, v, name)));
        }
        Ok(())
    };
    layer(user_config_path(), "user")?;
    let clone = ctx.journal().ok().map(|j| j.clone_config_path());
    layer(clone, "clone")?;
    Ok(out)
}

fn flatten(prefix: &str, v: &toml::Value, out: &mut dyn FnMut(String, String)) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => out(prefix.to_string(), s.clone()),
        other => out(prefix.to_string(), other.to_string()),
    }
}
