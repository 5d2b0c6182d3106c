//! Settings in three layers: the journal's `casebook.toml` (team rules,
//! committed), the clone's `.git/casebook/config.toml` (who writes from this
//! clone, never committed) and the user's `$XDG_CONFIG_HOME/casebook/config.toml`
//! (editor, colours, default person).

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `casebook.toml`: the team's rules. Every section is optional so that a
/// hand-trimmed file still loads.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct JournalConfig {
    pub journal: JournalSection,
    pub targets: Targets,
    pub defaults: Defaults,
    pub pii: PiiRules,
    pub remote: RemoteRules,
    pub retention: Retention,
    pub approvals: Approvals,
    pub triage: Triage,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct JournalSection {
    pub name: String,
}

impl Default for JournalSection {
    fn default() -> Self {
        JournalSection {
            name: "Support practice journal".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Targets {
    pub qa_samples_per_week: u32,
    pub explore_minutes_per_week: u32,
    pub kb_review_interval_days: u32,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            qa_samples_per_week: 5,
            explore_minutes_per_week: 60,
            kb_review_interval_days: 90,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Defaults {
    pub draft_age_warning_days: u32,
    pub prediction_expiry_days: u32,
    pub min_predictions_for_brier: u32,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            draft_age_warning_days: 7,
            prediction_expiry_days: 60,
            min_predictions_for_brier: 20,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PiiRules {
    pub allow_domains: Vec<String>,
    pub deny_names: Vec<String>,
    pub extra_patterns: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RemoteRules {
    pub allowed_hosts: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Retention {
    pub case_text_days: u32,
}

/// `[approvals]`: the risk-graded gates a decision is taken at.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Approvals {
    /// Empty means the built-in gates.
    pub gates: Vec<String>,
}

impl Approvals {
    pub fn gates(&self) -> Vec<String> {
        if self.gates.is_empty() {
            crate::entry::kind::DEFAULT_GATES
                .iter()
                .map(|g| g.to_string())
                .collect()
        } else {
            self.gates.clone()
        }
    }
}

/// `[triage]`: the columns of the team's helpdesk export, so `escalation
/// triage FILE` needs no flags each month.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Triage {
    pub id_column: Option<String>,
    pub subject_column: Option<String>,
    pub category_column: Option<String>,
    pub trigger_column: Option<String>,
    pub pattern_column: Option<String>,
}

impl JournalConfig {
    pub fn load(path: &Path) -> Result<JournalConfig> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                    .unwrap_or(1);
                anyhow::anyhow!("{}:{line}: {}", path.display(), e.message().trim())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(JournalConfig::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
}

/// Per-clone and per-user settings share one shape: a flat table of keys.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct LocalConfig {
    /// The person's folder name (slug) this clone writes as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The person's display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pager: Option<String>,
    /// Command aliases (`[alias] pm = "new postmortem"`), from the user's
    /// own config only: a shared journal never adds commands.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub alias: std::collections::BTreeMap<String, String>,
}

impl LocalConfig {
    pub fn load(path: &Path) -> Result<LocalConfig> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message().trim())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LocalConfig::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let text = toml::to_string_pretty(self)?;
        super::atomic_write(path, text.as_bytes())
    }

    /// Values from `over` win; missing ones fall back to `self`.
    pub fn layered(&self, over: &LocalConfig) -> LocalConfig {
        LocalConfig {
            person: over.person.clone().or_else(|| self.person.clone()),
            name: over.name.clone().or_else(|| self.name.clone()),
            editor: over.editor.clone().or_else(|| self.editor.clone()),
            color: over.color.clone().or_else(|| self.color.clone()),
            pager: over.pager.clone().or_else(|| self.pager.clone()),
            // Aliases are the user's: the clone layer does not add any.
            alias: self.alias.clone(),
        }
    }
}

/// `$XDG_CONFIG_HOME/casebook/config.toml`, or `~/.config/casebook/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("casebook").join("config.toml"))
}
