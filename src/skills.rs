//! The skills tree (`skills.toml`) and the career ladder (`ladder.toml`),
//! parsed into plain data and checked for the mistakes that would silently
//! change a review (an unknown kind, a level that is not rookie/pro/master,
//! a hit rate written as a percentage, a speed figure used as a criterion).
//!
//! Pure: text in, data out; every error names its line. This module must not
//! read files, evaluate criteria or know about entries beyond kind names —
//! `review` does the evaluating.

use crate::entry::Kind;
use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The levels of a skill, lowest first.
pub const SKILL_LEVELS: &[&str] = &["rookie", "pro", "master"];

/// The groups of the skills tree.
pub const SKILL_GROUPS: &[&str] = &["foundations", "core", "overarching", "personal"];

/// Metrics a ladder criterion may test. `cases_handled` is left out on
/// purpose: volume is context, never a criterion.
pub const CRITERION_METRICS: &[&str] = &["csat", "reopen_rate", "fcr", "qa_score"];

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SkillsTree {
    #[serde(default, rename = "skill")]
    pub skills: Vec<Skill>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub group: String,
    /// Foundations are private development notes, never promotion criteria.
    #[serde(default)]
    pub private: bool,
    /// Entry kinds that count as evidence for this skill.
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub rookie: Anchor,
    #[serde(default)]
    pub pro: Anchor,
    #[serde(default)]
    pub master: Anchor,
}

/// What one level of a skill looks like, and which evidence shows it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    #[serde(default)]
    pub looks_like: String,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Ladder {
    #[serde(default, rename = "track")]
    pub tracks: Vec<Track>,
    #[serde(default, rename = "level")]
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub name: String,
    pub track: String,
    pub rank: u32,
    #[serde(default)]
    pub next: Option<String>,
    #[serde(default)]
    pub responsibilities: Vec<String>,
    /// Skill id -> the level expected (rookie, pro or master).
    #[serde(default)]
    pub skills: BTreeMap<String, String>,
    /// What must be shown to be promoted into this level.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub text: String,
    /// How casebook evaluates it; without one it is "to be confirmed".
    #[serde(default)]
    pub check: Option<Check>,
}

/// How casebook evaluates a criterion from the journal.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// At least `min` entries of `kind` in the period, optionally matching
    /// one `field:value`.
    Entries {
        kind: String,
        #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
        where_: Option<String>,
        min: u32,
    },
    /// Diagnosis hit rate (0-1, partial = half) over at least `min_n`
    /// resolved predictions.
    HitRate {
        min: f64,
        #[serde(default)]
        min_n: u32,
    },
    /// The latest rating of `skill` is at least `min`.
    SkillLevel { skill: String, min: String },
    /// The latest metric record of the period is within bounds.
    Metric {
        metric: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// Months at the current level (from the profile).
    TenureMonths { min: u32 },
    /// Feedback entries written by others.
    Feedback { min: u32 },
    /// Settled by a lead's confirmation entry.
    Confirmation,
}

impl SkillsTree {
    pub fn parse(text: &str) -> Result<SkillsTree> {
        let tree: SkillsTree = from_toml(text)?;
        tree.validate(text)?;
        Ok(tree)
    }

    pub fn get(&self, id: &str) -> Option<&Skill> {
        self.skills.iter().find(|s| s.id == id)
    }

    fn validate(&self, text: &str) -> Result<()> {
        let mut seen = BTreeSet::new();
        for (i, s) in self.skills.iter().enumerate() {
            let at = Locator::new(text, "[[skill]]", i);
            if s.id.trim().is_empty() {
                return Err(at.error("", "a skill needs a non-empty id"));
            }
            if !seen.insert(s.id.as_str()) {
                return Err(at.error(&s.id, &format!("skill id '{}' is used twice", s.id)));
            }
            if !SKILL_GROUPS.contains(&s.group.as_str()) {
                return Err(at.error(
                    &s.group,
                    &format!(
                        "skill '{}': group must be one of {}, found '{}'",
                        s.id,
                        SKILL_GROUPS.join(", "),
                        s.group
                    ),
                ));
            }
            for k in &s.kinds {
                if k.parse::<Kind>().is_err() {
                    return Err(
                        at.error(k, &format!("skill '{}': '{k}' is not an entry kind", s.id))
                    );
                }
            }
        }
        Ok(())
    }
}

impl Skill {
    pub fn anchor(&self, level: &str) -> Option<&Anchor> {
        match level {
            "rookie" => Some(&self.rookie),
            "pro" => Some(&self.pro),
            "master" => Some(&self.master),
            _ => None,
        }
    }
}

impl Ladder {
    pub fn parse(text: &str) -> Result<Ladder> {
        let ladder: Ladder = from_toml(text)?;
        ladder.validate(text)?;
        Ok(ladder)
    }

    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// The level a person named: its id, or its title as people say it,
    /// in any case and spacing, with or without the word "Support"
    /// (`senior`, `Senior Support Specialist`, `senior specialist`).
    pub fn find_level(&self, given: &str) -> Option<&Level> {
        fn words(s: &str) -> String {
            s.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("support"))
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ")
        }
        let want = words(given);
        self.level(given.trim()).or_else(|| {
            self.levels
                .iter()
                .find(|l| words(&l.id) == want || words(&l.name) == want)
        })
    }

    /// "id (Name)" for every level, for hints.
    pub fn level_names(&self) -> String {
        self.levels
            .iter()
            .map(|l| format!("{} ({})", l.id, l.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    fn validate(&self, text: &str) -> Result<()> {
        let mut levels = BTreeSet::new();
        for (i, l) in self.levels.iter().enumerate() {
            let at = Locator::new(text, "[[level]]", i);
            if !levels.insert(l.id.as_str()) {
                return Err(at.error(&l.id, &format!("level id '{}' is used twice", l.id)));
            }
            if !self.tracks.is_empty() && self.track(&l.track).is_none() {
                return Err(at.error(
                    &l.track,
                    &format!("level '{}': no track '{}'", l.id, l.track),
                ));
            }
            for (skill, expected) in &l.skills {
                if level_rank(expected) == 0 {
                    return Err(at.error(
                        expected,
                        &format!(
                            "level '{}': skill '{skill}' expects '{expected}'; use rookie, pro or master",
                            l.id
                        ),
                    ));
                }
            }
            let mut criteria = BTreeSet::new();
            for c in &l.criteria {
                if !criteria.insert(c.id.as_str()) {
                    return Err(at.error(&c.id, &format!("criterion id '{}' is used twice", c.id)));
                }
                if let Some(problem) = c.check.as_ref().and_then(check_problem) {
                    return Err(at.error_after(
                        &c.id,
                        "check",
                        &format!("criterion '{}': {problem}", c.id),
                    ));
                }
            }
        }
        for (i, l) in self.levels.iter().enumerate() {
            if let Some(next) = &l.next
                && self.level(next).is_none()
            {
                return Err(Locator::new(text, "[[level]]", i).error(
                    next,
                    &format!("level '{}': next level '{next}' is not in the ladder", l.id),
                ));
            }
        }
        Ok(())
    }
}

/// What is wrong with a check that parsed but would mislead, if anything.
fn check_problem(check: &Check) -> Option<String> {
    match check {
        Check::Entries { kind, where_, .. } => {
            if kind.parse::<Kind>().is_err() {
                return Some(format!("'{kind}' is not an entry kind"));
            }
            match where_ {
                Some(w) if !w.contains(':') => Some(format!(
                    "where = \"{w}\" must read field:value, e.g. status:published"
                )),
                _ => None,
            }
        }
        Check::HitRate { min, .. } if !(0.0..=1.0).contains(min) => Some(format!(
            "hit_rate min is a share from 0 to 1 (0.6 for 60 %), found {min}"
        )),
        Check::SkillLevel { min, .. } if level_rank(min) == 0 => Some(format!(
            "skill_level min must be rookie, pro or master, found '{min}'"
        )),
        Check::Metric { metric, .. } if metric == "cases_handled" => {
            Some("cases_handled is context only, never a criterion".into())
        }
        Check::Metric { metric, .. } if !CRITERION_METRICS.contains(&metric.as_str()) => {
            Some(format!(
                "metric must be one of {}, found '{metric}'",
                CRITERION_METRICS.join(", ")
            ))
        }
        Check::Metric {
            min: None,
            max: None,
            ..
        } => Some("a metric check needs min or max".into()),
        _ => None,
    }
}

/// rookie < pro < master (1, 2, 3); anything else is 0, below rookie.
pub fn level_rank(level: &str) -> u8 {
    match level {
        "rookie" => 1,
        "pro" => 2,
        "master" => 3,
        _ => 0,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn from_toml<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        anyhow!("line {line}: {}", e.message().trim())
    })
}

/// Finds the line of a value inside the n-th table of an array of tables,
/// for errors found after parsing (serde keeps no spans on plain strings).
struct Locator<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str, header: &str, index: usize) -> Locator<'a> {
        let starts: Vec<usize> = text
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .chain(std::iter::once(0))
            .filter(|&i| {
                text[i..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with(header)
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let start = starts.get(index).copied().unwrap_or(0);
        let end = starts.get(index + 1).copied().unwrap_or(text.len());
        Locator { text, start, end }
    }

    fn find(&self, value: &str, from: usize) -> Option<usize> {
        if value.is_empty() {
            return None;
        }
        let section = &self.text[from..self.end];
        let quoted = format!("\"{value}\"");
        section
            .find(&quoted)
            .or_else(|| section.find(value))
            .map(|i| from + i)
    }

    fn error(&self, value: &str, message: &str) -> anyhow::Error {
        let at = self.find(value, self.start).unwrap_or(self.start);
        anyhow!("line {}: {message}", line_of(self.text, at))
    }

    /// The line of the first `key` after `value` (a criterion's check
    /// after its id), else the line of `value`.
    fn error_after(&self, value: &str, key: &str, message: &str) -> anyhow::Error {
        let anchor = self.find(value, self.start).unwrap_or(self.start);
        let at = self.find(key, anchor).unwrap_or(anchor);
        anyhow!("line {}: {message}", line_of(self.text, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SKILLS: &str = include_str!("../journal-template/skills.toml");
    const LADDER: &str = include_str!("../journal-template/ladder.toml");

    #[test]
    fn the_default_tree_parses_with_the_ids_the_contract_relies_on() {
        let skills = SkillsTree::parse(SKILLS).unwrap();
        for id in [
            "self-care",
            "time-and-task-management",
            "goal-setting-and-accountability",
            "focus-and-follow-through",
            "complex-case-diagnosis",
            "empathic-communication",
            "knowledge-base-specification",
            "agent-escalation-tuning",
            "quality-sampling-judgment",
            "hand-off-documentation",
            "cross-product-context",
            "adaptability",
        ] {
            assert!(skills.get(id).is_some(), "{id}");
        }
        assert!(skills.get("self-care").unwrap().private);
        assert!(
            skills
                .skills
                .iter()
                .filter(|s| s.group == "foundations")
                .all(|s| s.private),
            "foundations are private development notes"
        );
        let d = skills.get("complex-case-diagnosis").unwrap();
        assert_eq!(d.name, "Complex-case diagnosis");
        assert!(!d.pro.looks_like.is_empty() && !d.master.evidence.is_empty());
    }

    #[test]
    fn the_default_ladder_parses_and_every_next_exists() {
        let ladder = Ladder::parse(LADDER).unwrap();
        let s2 = ladder.level("specialist-2").unwrap();
        assert!(
            s2.criteria
                .iter()
                .any(|c| matches!(c.check, Some(Check::HitRate { .. })))
        );
        assert!(ladder.levels.iter().any(|l| {
            l.criteria
                .iter()
                .any(|c| c.check == Some(Check::Confirmation))
        }));
        for level in &ladder.levels {
            if let Some(next) = &level.next {
                assert!(ladder.level(next).is_some(), "{} -> {next}", level.id);
            }
        }
    }

    #[test]
    fn checks_read_every_type() {
        let text = r#"
[[level]]
id = "x"
name = "X"
track = "ic"
rank = 1
[[level.criteria]]
id = "a"
text = "a"
check = { type = "entries", kind = "kb", where = "status:published", min = 3 }
[[level.criteria]]
id = "b"
text = "b"
check = { type = "metric", metric = "reopen_rate", max = 8 }
[[level.criteria]]
id = "c"
text = "c"
check = { type = "confirmation" }
[[level.criteria]]
id = "d"
text = "d"
"#;
        let l = Ladder::parse(text).unwrap();
        let c = &l.level("x").unwrap().criteria;
        assert_eq!(
            c[0].check,
            Some(Check::Entries {
                kind: "kb".into(),
                where_: Some("status:published".into()),
                min: 3
            })
        );
        assert_eq!(
            c[1].check,
            Some(Check::Metric {
                metric: "reopen_rate".into(),
                min: None,
                max: Some(8.0)
            })
        );
        assert_eq!(c[2].check, Some(Check::Confirmation));
        assert_eq!(c[3].check, None);
    }

    #[test]
    fn errors_name_the_line() {
        let err = Ladder::parse("[[level]]\nid = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("line 2"), "{err}");
        // A typo in a check key is an error, not a silently missing bound.
        let err = Ladder::parse(
            "[[level]]\nid = \"x\"\nname = \"X\"\ntrack = \"ic\"\nrank = 1\n[[level.criteria]]\nid = \"a\"\ntext = \"a\"\ncheck = { type = \"metric\", metric = \"csat\", minimum = 80 }\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("line 9") && err.contains("minimum"),
            "{err}"
        );
    }

    #[test]
    fn misleading_values_are_errors_with_their_line() {
        let level = |extra: &str| {
            format!(
                "[[level]]\nid = \"a\"\nname = \"A\"\ntrack = \"ic\"\nrank = 1\n\n[[level]]\nid = \"b\"\nname = \"B\"\ntrack = \"ic\"\nrank = 2\n{extra}"
            )
        };
        let err = Ladder::parse(&level("[level.skills]\nadaptability = \"expert\"\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 13") && err.contains("expert"),
            "{err}"
        );
        let err = Ladder::parse(&level(
            "[[level.criteria]]\nid = \"v\"\ntext = \"volume\"\ncheck = { type = \"metric\", metric = \"cases_handled\", min = 300 }\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("line 15") && err.contains("context only"),
            "{err}"
        );
        let err = Ladder::parse(&level(
            "[[level.criteria]]\nid = \"h\"\ntext = \"hits\"\ncheck = { type = \"hit_rate\", min = 60 }\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("0.6"), "{err}");
        let err = Ladder::parse(&level("next = \"nowhere\"\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 12") && err.contains("nowhere"),
            "{err}"
        );
        let err = SkillsTree::parse(
            "[[skill]]\nid = \"a\"\nname = \"A\"\ngroup = \"core\"\nkinds = [\"diagnosys\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("line 5") && err.contains("diagnosys"),
            "{err}"
        );
    }

    #[test]
    fn level_ranks_order_the_skill_levels() {
        assert!(level_rank("rookie") < level_rank("pro"));
        assert!(level_rank("pro") < level_rank("master"));
        assert_eq!(level_rank("guru"), 0);
    }
}
