//! Settings in three layers, lowest first: the journal's committed
//! `casebook.toml` (the team's rules, read only here), the user's
//! `config.toml` and this clone's `.git/casebook/config.toml`. What may be
//! set from the command line, and how a value is checked, is decided here.

use crate::error::Error;
use crate::journal::{Journal, LocalConfig, user_config_path};

/// The keys `config set` and `config unset` change (besides `alias.NAME`).
pub const LOCAL_KEYS: &[&str] = &["person", "name", "editor", "color", "pager"];

/// One setting: key, value and the layer it comes from.
pub type Setting = (String, String, &'static str);

/// Sets `key` in `cfg`. `person` is kept as its slug, with the name as
/// typed; an alias is set with [`set_alias`].
pub fn set(cfg: &mut LocalConfig, key: &str, value: &str) -> crate::Result<()> {
    check_settable(key)?;
    let value = value.to_string();
    match key {
        "person" => {
            let slug = crate::entry::person_slug(&value).map_err(Error::invalid)?;
            cfg.person = Some(slug);
            cfg.name = Some(value.trim().to_string());
        }
        "name" => cfg.name = Some(value),
        "editor" => cfg.editor = Some(value),
        "color" => cfg.color = Some(value),
        _ => cfg.pager = Some(value),
    }
    Ok(())
}

/// Checks a key `config set` may change.
pub fn check_settable(key: &str) -> crate::Result<()> {
    if LOCAL_KEYS.contains(&key) {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "'{key}' cannot be set here (settable: {})",
        LOCAL_KEYS.join(", ")
    ))
    .with_hint("team rules live in casebook.toml: edit it and commit"))
}

/// Checks a key `config unset` may remove.
pub fn check_unset(key: &str) -> crate::Result<()> {
    if key.starts_with("alias.") || LOCAL_KEYS.contains(&key) {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "'{key}' cannot be unset here (settable: {}, alias.NAME)",
        LOCAL_KEYS.join(", ")
    )))
}

/// Removes `key` (checked by [`check_unset`]); false when it was not set.
pub fn unset(cfg: &mut LocalConfig, key: &str) -> bool {
    match (key.strip_prefix("alias."), key) {
        (Some(name), _) => cfg.alias.remove(name).is_some(),
        (None, "person") => cfg.person.take().is_some(),
        (None, "name") => cfg.name.take().is_some(),
        (None, "editor") => cfg.editor.take().is_some(),
        (None, "color") => cfg.color.take().is_some(),
        (None, _) => cfg.pager.take().is_some(),
    }
}

/// Sets `alias.NAME`: letters, digits and dashes, to a command line. The
/// front end checks first that NAME is not one of its commands.
pub fn set_alias(cfg: &mut LocalConfig, name: &str, value: &str) -> crate::Result<()> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::invalid(format!(
            "alias.{name}: an alias name is letters, digits and dashes"
        )));
    }
    if shlex::split(value).is_none_or(|w| w.is_empty()) {
        return Err(Error::invalid(format!(
            "alias.{name}: '{value}' is not a command line"
        )));
    }
    cfg.alias.insert(name.to_string(), value.to_string());
    Ok(())
}

/// Every setting, from the lowest layer to the highest (the last one of a
/// key wins).
pub fn all(journal: Option<&Journal>) -> crate::Result<Vec<Setting>> {
    let mut out = Vec::new();
    if let Some(j) = journal {
        let text = std::fs::read_to_string(j.root().join("casebook.toml")).unwrap_or_default();
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            flatten("", &toml::Value::Table(table), &mut |k, v| {
                out.push((k, v, "journal"))
            });
        }
    }
    let clone = journal.map(|j| j.clone_config_path());
    for (path, name) in [(user_config_path(), "user"), (clone, "clone")] {
        if let Some(p) = path {
            let cfg = LocalConfig::load(&p)?;
            let v = toml::Value::try_from(&cfg)
                .map_err(|e| Error::new(crate::ErrorKind::Other, e.to_string()))?;
            flatten("", &v, &mut |k, v| out.push((k, v, name)));
        }
    }
    Ok(out)
}

/// One setting's value, from the highest layer that has it.
pub fn get(journal: Option<&Journal>, key: &str) -> crate::Result<Option<String>> {
    Ok(all(journal)?
        .into_iter()
        .rev()
        .find(|(k, _, _)| k == key)
        .map(|(_, v, _)| v))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_is_kept_as_a_slug_with_the_name() {
        let mut cfg = LocalConfig::default();
        set(&mut cfg, "person", " Ana Lima ").unwrap();
        assert_eq!(cfg.person.as_deref(), Some("ana-lima"));
        assert_eq!(cfg.name.as_deref(), Some("Ana Lima"));
        assert!(unset(&mut cfg, "person"));
        assert!(!unset(&mut cfg, "person"));
    }

    #[test]
    fn team_rules_are_not_set_here() {
        let mut cfg = LocalConfig::default();
        let e = set(&mut cfg, "targets.qa_samples_per_week", "3").unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Invalid);
        assert!(e.hint().unwrap().contains("casebook.toml"));
        assert!(check_unset("targets.x").is_err());
        assert!(check_unset("alias.pm").is_ok());
    }

    #[test]
    fn an_alias_is_a_name_and_a_command_line() {
        let mut cfg = LocalConfig::default();
        set_alias(&mut cfg, "pm", "new postmortem").unwrap();
        assert_eq!(
            cfg.alias.get("pm").map(String::as_str),
            Some("new postmortem")
        );
        assert!(set_alias(&mut cfg, "p m", "new").is_err());
        assert!(set_alias(&mut cfg, "pm", "'unclosed").is_err());
        assert!(unset(&mut cfg, "alias.pm"));
    }

    #[test]
    fn nested_tables_flatten_to_dotted_keys() {
        let v: toml::Value = toml::from_str("a = 1\n[t]\nb = \"x\"\n").unwrap();
        let mut out = Vec::new();
        flatten("", &v, &mut |k, v| out.push((k, v)));
        assert_eq!(
            out,
            vec![("a".into(), "1".into()), ("t.b".into(), "x".into())]
        );
    }
}
