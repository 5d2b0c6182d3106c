//! The skills tree (`skills.toml`) and the career ladder (`ladder.toml`),
//! parsed into plain data. Pure: text in, data out, errors with a line.

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SkillsTree {
    #[serde(default, rename = "skill")]
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub group: String,
    pub private: bool,
    pub kinds: Vec<String>,
    pub description: String,
    pub rookie: Anchor,
    pub pro: Anchor,
    pub master: Anchor,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Anchor {
    pub looks_like: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Ladder {
    #[serde(default, rename = "track")]
    pub tracks: Vec<Track>,
    #[serde(default, rename = "level")]
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Track {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub track: String,
    pub rank: u32,
    pub next: Option<String>,
    pub responsibilities: Vec<String>,
    pub skills: BTreeMap<String, String>,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Criterion {
    pub id: String,
    pub text: String,
    pub check: Option<Check>,
}

/// How casebook evaluates a criterion from the journal.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Check {
    Entries {
        kind: String,
        #[serde(rename = "where", default)]
        where_: Option<String>,
        min: u32,
    },
    HitRate {
        min: f64,
        #[serde(default)]
        min_n: u32,
    },
    SkillLevel {
        skill: String,
        min: String,
    },
    Metric {
        metric: String,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
    },
    TenureMonths {
        min: u32,
    },
    Feedback {
        min: u32,
    },
    Confirmation {},
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        anyhow!("line {line}: {}", e.message().trim())
    })
}

impl SkillsTree {
    pub fn parse(text: &str) -> Result<SkillsTree> {
        parse(text)
    }

    pub fn get(&self, id: &str) -> Option<&Skill> {
        self.skills.iter().find(|s| s.id == id)
    }
}

impl Ladder {
    pub fn parse(text: &str) -> Result<Ladder> {
        parse(text)
    }

    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }
}

/// rookie < pro < master, for comparing ratings with expectations.
pub fn level_rank(level: &str) -> u8 {
    match level {
        "rookie" => 1,
        "pro" => 2,
        "master" => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_tree_and_ladder_parse() {
        let skills = SkillsTree::parse(include_str!("../journal-template/skills.toml")).unwrap();
        assert_eq!(skills.skills.len(), 12);
        assert!(skills.get("complex-case-diagnosis").is_some());
        assert!(skills.get("self-care").unwrap().private);
        let ladder = Ladder::parse(include_str!("../journal-template/ladder.toml")).unwrap();
        let s2 = ladder.level("specialist-2").unwrap();
        assert!(
            s2.criteria
                .iter()
                .any(|c| matches!(c.check, Some(Check::HitRate { .. })))
        );
        for level in &ladder.levels {
            if let Some(next) = &level.next {
                assert!(ladder.level(next).is_some(), "{} -> {next}", level.id);
            }
        }
    }

    #[test]
    fn errors_name_the_line() {
        let err = Ladder::parse("[[level]]\nid = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 2"), "{err}");
    }
}
