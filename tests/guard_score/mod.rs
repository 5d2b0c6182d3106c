//! Scoring the personal-data guard on the labelled corpus in
//! `tests/fixtures/guard-corpus/` (see its `SOURCES.md`): shared by
//! `tests/guard_corpus.rs`, which asserts the targets, and
//! `examples/guard_figures.rs`, which prints the full table.
//!
//! A positive counts as found when the guard reports the labelled kind
//! overlapping a labelled span (anywhere, when the suite gives no span); a
//! negative counts as flagged when the guard reports the labelled kind in it
//! (any kind at all, for clean support text).

#![allow(dead_code)]

use casebook::pii::{Find, Guard, PiiKind};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct Case {
    pub source: String,
    pub kind: String,
    pub text: String,
    pub label: bool,
    /// In characters, as the suites count them (Python strings).
    pub spans: Vec<(usize, usize)>,
}

#[derive(Default, Clone)]
pub struct Tally {
    pub positives: usize,
    pub found: usize,
    pub found_as_other: usize,
    pub negatives: usize,
    pub flagged: usize,
}

impl Tally {
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.positives)
    }
    pub fn false_rate(&self) -> f64 {
        ratio(self.flagged, self.negatives)
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// What one case came to.
pub enum Outcome {
    Found,
    Missed,
    Flagged,
    Passed,
}

pub struct Figures {
    pub by_kind: BTreeMap<String, Tally>,
    pub by_source: BTreeMap<(String, String), Tally>,
    pub outcomes: Vec<Outcome>,
}

/// The kinds the guard claims (README, docs/privacy.md).
pub fn kind_of(label: &str) -> Option<PiiKind> {
    Some(match label {
        "email" => PiiKind::Email,
        "phone" => PiiKind::Phone,
        "card" => PiiKind::Card,
        "iban" => PiiKind::Iban,
        "ip" => PiiKind::Ip,
        "secret" => PiiKind::Secret,
        _ => return None,
    })
}

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/guard-corpus")
}

/// Every `*.jsonl` or `*.jsonl.gz` file in `dir`, in name order.
pub fn load(dir: &Path) -> std::io::Result<Vec<Case>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".jsonl") || n.ends_with(".jsonl.gz")
        })
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let raw = std::fs::read(&path)?;
        let text = if path.to_string_lossy().ends_with(".gz") {
            let mut s = String::new();
            flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut s)?;
            s
        } else {
            String::from_utf8(raw).map_err(std::io::Error::other)?
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| std::io::Error::other(format!("{}:{}: {e}", path.display(), n + 1)))?;
            let spans = v["spans"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| Some((s[0].as_u64()? as usize, s[1].as_u64()? as usize)))
                        .collect()
                })
                .unwrap_or_default();
            cases.push(Case {
                source: v["source"].as_str().unwrap_or("").to_string(),
                kind: v["kind"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
                label: v["label"].as_bool().unwrap_or(false),
                spans,
            });
        }
    }
    Ok(cases)
}

/// A find's span in characters.
fn char_span(text: &str, f: &Find) -> (usize, usize) {
    (
        text[..f.start].chars().count(),
        text[..f.end].chars().count(),
    )
}

fn hit(c: &Case, finds: &[Find], kind_ok: impl Fn(PiiKind) -> bool) -> bool {
    finds.iter().any(|f| {
        kind_ok(f.kind)
            && (c.spans.is_empty()
                || c.spans.iter().any(|&(s, e)| {
                    let (fs, fe) = char_span(&c.text, f);
                    fs < e && s < fe
                }))
    })
}

pub fn flagged(c: &Case, finds: &[Find]) -> bool {
    match kind_of(&c.kind) {
        Some(k) => finds.iter().any(|f| f.kind == k),
        None => !finds.is_empty(),
    }
}

pub fn found(c: &Case, finds: &[Find]) -> bool {
    let want = kind_of(&c.kind);
    hit(c, finds, |k| Some(k) == want)
}

pub fn score(cases: &[Case], results: &[Vec<Find>]) -> Figures {
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_source: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut outcomes = Vec::with_capacity(cases.len());
    for (c, finds) in cases.iter().zip(results) {
        let outcome = if c.label {
            if found(c, finds) {
                Outcome::Found
            } else {
                Outcome::Missed
            }
        } else if flagged(c, finds) {
            Outcome::Flagged
        } else {
            Outcome::Passed
        };
        let as_other = matches!(outcome, Outcome::Missed) && hit(c, finds, |_| true);
        for t in [
            by_kind.entry(c.kind.clone()).or_default(),
            by_source
                .entry((c.kind.clone(), c.source.clone()))
                .or_default(),
        ] {
            match outcome {
                Outcome::Found => {
                    t.positives += 1;
                    t.found += 1;
                }
                Outcome::Missed => {
                    t.positives += 1;
                    t.found_as_other += usize::from(as_other);
                }
                Outcome::Flagged => {
                    t.negatives += 1;
                    t.flagged += 1;
                }
                Outcome::Passed => t.negatives += 1,
            }
        }
        outcomes.push(outcome);
    }
    Figures {
        by_kind,
        by_source,
        outcomes,
    }
}

pub fn scan_all(cases: &[Case]) -> Vec<Vec<Find>> {
    let guard = Guard::default();
    cases.iter().map(|c| guard.scan(&c.text)).collect()
}

impl Figures {
    /// Recall over every claimed kind's positives together.
    pub fn claimed(&self) -> Tally {
        let mut all = Tally::default();
        for (kind, t) in &self.by_kind {
            if kind_of(kind).is_some() {
                all.positives += t.positives;
                all.found += t.found;
            }
        }
        all
    }

    pub fn kind(&self, kind: &str) -> Tally {
        self.by_kind.get(kind).cloned().unwrap_or_default()
    }

    /// The per-kind table, Markdown.
    pub fn kind_table(&self) -> String {
        let pct = |n: usize, d: usize| {
            if d == 0 {
                "-".to_string()
            } else {
                format!("{:.1}%", 100.0 * n as f64 / d as f64)
            }
        };
        let mut out = String::from(
            "| kind | found / positives | recall | flagged / negatives | false-positive rate |\n\
             | --- | ---: | ---: | ---: | ---: |\n",
        );
        for (kind, t) in &self.by_kind {
            out += &format!(
                "| {kind} | {} / {} | {} | {} / {} | {} |\n",
                t.found,
                t.positives,
                pct(t.found, t.positives),
                t.flagged,
                t.negatives,
                pct(t.flagged, t.negatives)
            );
        }
        let all = self.claimed();
        out += &format!(
            "| all claimed kinds | {} / {} | {} | | |\n",
            all.found,
            all.positives,
            pct(all.found, all.positives)
        );
        out
    }

    /// The per-source table, Markdown; `only_imperfect` leaves out the
    /// sources with nothing missed and nothing flagged.
    pub fn source_table(&self, only_imperfect: bool) -> String {
        let mut out = String::from(
            "| kind | source | found / positives | as another kind | flagged / negatives |\n\
             | --- | --- | ---: | ---: | ---: |\n",
        );
        for ((kind, source), t) in &self.by_source {
            if only_imperfect && t.found == t.positives && t.flagged == 0 {
                continue;
            }
            out += &format!(
                "| {kind} | {source} | {} / {} | {} | {} / {} |\n",
                t.found, t.positives, t.found_as_other, t.flagged, t.negatives
            );
        }
        out
    }
}
