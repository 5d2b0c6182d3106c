//! The practice loops as plain data: what `casebook kb`, `escalation`, `qa`,
//! `handoff`, `explore`, `skill` and `postmortem phrases` report, computed
//! from entries the caller has read. No I/O, no clock, no wording beyond
//! short suggestions; the per-kind figures themselves (pass rates, minutes
//! per week, the escalation months) come from `review::figures`, so a
//! report and the evidence pack never disagree.

pub mod approval;
pub mod diagnosis;
pub mod escalation;
pub mod explore;
pub mod feedback;
pub mod handoff;
pub mod kb;
pub mod metrics;
pub mod oneonone;
pub mod proposal;
pub mod qa;
pub mod sample;
pub mod span;
pub mod triage;

use crate::entry::{Entry, Kind};
use crate::review::figures::NamedCount;
use crate::review::ratings;
use crate::skills::SkillsTree;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A share as a percentage with one decimal, for people and scripts alike.
pub fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

// ----------------------------------------------------------------- phrases

/// One phrase that worked, with the situation it worked in.
#[derive(Debug, Clone, Serialize)]
pub struct Phrase {
    pub phrase: String,
    pub context: Option<String>,
    pub case: Option<String>,
    pub date: NaiveDate,
    /// The post-mortem it comes from.
    pub id: String,
    pub title: String,
    pub tags: Vec<String>,
    pub sentiment_start: Option<i64>,
    pub sentiment_end: Option<i64>,
}

/// The phrase library, newest first. Every query word must appear in the
/// phrase, its context, the post-mortem's title, tags, products or case.
pub fn phrases(entries: &[&Entry], query: &[String]) -> Vec<Phrase> {
    let words: Vec<String> = query
        .iter()
        .flat_map(|q| q.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let mut pms: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Postmortem)
        .collect();
    pms.sort_by_key(|e| std::cmp::Reverse(e.created));
    let mut out = Vec::new();
    for e in pms {
        let context = e.field_str("phrase_context").map(str::to_string);
        for phrase in e.field_list("phrases") {
            let hay = format!(
                "{phrase} {} {} {} {} {}",
                context.as_deref().unwrap_or(""),
                e.title,
                e.tags.join(" "),
                e.products.join(" "),
                e.case.as_deref().unwrap_or("")
            )
            .to_lowercase();
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                continue;
            }
            out.push(Phrase {
                phrase,
                context: context.clone(),
                case: e.case.clone(),
                date: e.created.date_naive(),
                id: e.id.to_string(),
                title: e.title.clone(),
                tags: e.tags.clone(),
                sentiment_start: e.field_int("sentiment_start"),
                sentiment_end: e.field_int("sentiment_end"),
            });
        }
    }
    out
}

// ----------------------------------------------------------------- handoff

/// Words that start a wish without naming the thing wished for.
const FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "more",
    "some",
    "include",
    "included",
    "including",
    "please",
    "need",
    "needed",
    "want",
    "wanted",
    "wished",
    "wish",
    "for",
    "would",
    "have",
    "liked",
    "like",
    "missing",
    "add",
    "also",
    "any",
    "we",
    "they",
    "i",
    "had",
    "been",
    "to",
    "of",
    "next",
    "time",
];

/// Words after which a wish explains itself rather than names a thing.
const CLAUSES: &[&str] = &[" so ", " because ", " would ", " which ", " as ", " since "];

/// Longer fragments are sentences, not items, and would never repeat.
const MAX_ITEM_WORDS: usize = 6;

/// What receivers asked for, most often first: each feedback is split into
/// items at commas, semicolons, full stops, new lines and "and", cut before
/// an explanation ("so", "because"...), leading filler words dropped, each
/// item counted once per hand-off; what is left longer than a few words is
/// a sentence and is not counted.
pub fn requested_items<'a>(feedback: impl Iterator<Item = &'a str>) -> Vec<NamedCount> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for text in feedback {
        let lower = text.to_lowercase();
        let mut seen = std::collections::BTreeSet::new();
        for part in lower
            .split([',', ';', '.', '\n', '!', '?'])
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split(" & "))
        {
            let part = CLAUSES
                .iter()
                .filter_map(|c| part.find(c))
                .min()
                .map_or(part, |at| &part[..at]);
            let words: Vec<&str> = part
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                .filter(|w| !w.is_empty())
                .collect();
            let start = words
                .iter()
                .position(|w| !FILLERS.contains(w))
                .unwrap_or(words.len());
            let item = words[start..].join(" ");
            if !item.is_empty()
                && words.len() - start <= MAX_ITEM_WORDS
                && seen.insert(item.clone())
            {
                *counts.entry(item).or_default() += 1;
            }
        }
    }
    let mut out: Vec<NamedCount> = counts
        .into_iter()
        .map(|(name, n)| NamedCount { name, n })
        .collect();
    out.sort_by(|a, b| b.n.cmp(&a.n).then(a.name.cmp(&b.name)));
    out
}

// ------------------------------------------------------------------ skills

/// A prediction still waiting for its actual cause: a diagnosis with
/// neither an actual nor a verdict (one that expired is `unknown`, not
/// pending). The one definition `pending`, `status`, the 1:1 and the pack use.
pub fn is_pending(e: &Entry) -> bool {
    e.kind == crate::entry::Kind::Diagnosis
        && e.field_str("verdict").is_none()
        && e.field_str("actual").is_none_or(|a| a.trim().is_empty())
}

/// A prediction whose actual cause or verdict is recorded: resolving it
/// again needs `--amend`. An expired one (`unknown`, no actual) is not.
pub fn is_resolved(e: &Entry) -> bool {
    e.field_str("actual").is_some_and(|a| !a.trim().is_empty())
        || matches!(e.field_str("verdict"), Some("hit" | "partial" | "miss"))
}

/// The open focus: the latest focus entry not closed.
pub fn open_focus<'a>(history: &[&'a Entry]) -> Option<&'a Entry> {
    history
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Focus && e.field_str("status") != Some("closed"))
        .max_by_key(|e| e.created)
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillRow {
    pub id: String,
    pub name: String,
    pub group: String,
    pub private: bool,
    /// The rating that counts (the lead's, else the person's own).
    pub current: Option<ratings::RatingRow>,
    pub latest_self: Option<ratings::RatingRow>,
    pub latest_lead: Option<ratings::RatingRow>,
    /// Every rating of the skill, by anyone.
    pub ratings: usize,
    /// Entries that name the skill among their skills.
    pub evidence: usize,
    pub focus: bool,
}

/// The skills tree with the person's ratings and evidence, in tree order.
pub fn skill_rows(tree: &SkillsTree, history: &[&Entry], today: NaiveDate) -> Vec<SkillRow> {
    let rated = ratings::by_skill(history, NaiveDate::MIN, today);
    let focus = open_focus(history).and_then(|f| f.field_str("skill"));
    tree.skills
        .iter()
        .map(|s| {
            let r = rated.get(&s.id);
            SkillRow {
                id: s.id.clone(),
                name: s.name.clone(),
                group: s.group.clone(),
                private: s.private,
                current: r.and_then(|r| r.current().cloned()),
                latest_self: r.and_then(|r| r.latest_self.clone()),
                latest_lead: r.and_then(|r| r.latest_lead.clone()),
                ratings: r.map_or(0, |r| r.in_period.len()),
                evidence: history
                    .iter()
                    .filter(|e| e.kind != Kind::Draft && e.skills.contains(&s.id))
                    .count(),
                focus: focus == Some(s.id.as_str()),
            }
        })
        .collect()
}

// -------------------------------------------------------------- escalation

#[derive(Debug, Clone, Serialize)]
pub struct KbRef {
    pub id: String,
    pub title: String,
    pub status: String,
}

/// A pattern, tag or product behind two or more "should have handled"
/// escalations, and what the agent needs so it stops handing them over.
#[derive(Debug, Clone, Serialize)]
pub struct RepeatedPattern {
    /// pattern, tag or product.
    pub field: String,
    pub value: String,
    pub n: usize,
    /// The escalations, oldest first.
    pub entries: Vec<String>,
    /// What their playbook_gap fields say, each once.
    pub playbook_gaps: Vec<String>,
    /// kb-article or playbook-case.
    pub needs: String,
    pub suggestion: String,
    /// KB entries (anyone's) sharing the tag, product or pattern.
    pub kb: Vec<KbRef>,
    /// Proposals (anyone's) whose `pattern` is this value, oldest first.
    pub proposals: Vec<ProposalRef>,
    /// When no proposal addresses it yet: the command that files one.
    pub suggested_proposal: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalRef {
    pub id: String,
    pub title: String,
    pub status: String,
}

/// Quotes a word for a shell command line only when it needs it.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn words_of(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn kb_matches(kb: &Entry, field: &str, value: &str) -> bool {
    let has = |xs: &[String]| xs.iter().any(|x| x.eq_ignore_ascii_case(value));
    match field {
        "tag" => has(&kb.tags),
        "product" => has(&kb.products),
        _ => {
            has(&kb.tags)
                || has(&kb.field_list("search_terms"))
                || format!(" {} ", words_of(&kb.title)).contains(&format!(" {} ", words_of(value)))
        }
    }
}

/// Repeated patterns among "should have handled" escalations: the same
/// `pattern`, tag or product at least twice. A published article on it means
/// the knowledge exists and the agent needs a playbook case to use it;
/// without one, the gap is the article itself. A pattern no proposal
/// addresses yet comes with the `proposal new` command that would file one.
pub fn repeated_patterns(
    escalations: &[&Entry],
    kb: &[&Entry],
    proposals: &[&Entry],
) -> Vec<RepeatedPattern> {
    let mut esc: Vec<&Entry> = escalations
        .iter()
        .copied()
        .filter(|e| {
            e.kind == Kind::Escalation && e.field_str("category") == Some("should-have-handled")
        })
        .collect();
    esc.sort_by_key(|e| e.created);
    let mut groups: BTreeMap<(u8, String), Vec<&Entry>> = BTreeMap::new();
    for e in &esc {
        let mut keys: Vec<(u8, String)> = Vec::new();
        if let Some(p) = e.field_str("pattern") {
            keys.push((0, p.trim().to_lowercase()));
        }
        keys.extend(e.tags.iter().map(|t| (1, t.trim().to_lowercase())));
        keys.extend(e.products.iter().map(|p| (2, p.trim().to_lowercase())));
        keys.sort();
        keys.dedup();
        for k in keys.into_iter().filter(|k| !k.1.is_empty()) {
            groups.entry(k).or_default().push(e);
        }
    }
    let mut out: Vec<RepeatedPattern> = groups
        .into_iter()
        .filter(|(_, es)| es.len() >= 2)
        .map(|((f, value), es)| {
            let field = ["pattern", "tag", "product"][f as usize].to_string();
            let mut gaps: Vec<String> = Vec::new();
            for g in es.iter().filter_map(|e| e.field_str("playbook_gap")) {
                if !gaps.iter().any(|x| x.eq_ignore_ascii_case(g.trim())) {
                    gaps.push(g.trim().to_string());
                }
            }
            let mut related: Vec<&Entry> = kb
                .iter()
                .copied()
                .filter(|k| k.kind == Kind::Kb && kb_matches(k, &field, &value))
                .collect();
            related.sort_by_key(|k| k.created);
            let published = related
                .iter()
                .find(|k| k.field_str("status") == Some("published"));
            let draft = related
                .iter()
                .find(|k| k.field_str("status").unwrap_or("draft") == "draft");
            let (needs, suggestion) = match (published, draft) {
                (Some(k), _) => (
                    "playbook-case",
                    format!(
                        "the KB already answers it (\"{}\"): give the agent a playbook case that uses the article{}",
                        k.title,
                        gaps.first().map(|g| format!(": {g}")).unwrap_or_default()
                    ),
                ),
                (None, Some(k)) => (
                    "kb-article",
                    format!(
                        "publish the draft article \"{}\" and point the agent's playbook at it",
                        k.title
                    ),
                ),
                (None, None) => (
                    "kb-article",
                    format!(
                        "write the KB article the agent is missing on {value}{}",
                        gaps.first().map(|g| format!(" ({g})")).unwrap_or_default()
                    ),
                ),
            };
            let mut filed: Vec<&Entry> = proposals
                .iter()
                .copied()
                .filter(|p| {
                    p.kind == Kind::Proposal
                        && p.field_str("pattern")
                            .is_some_and(|x| x.trim().eq_ignore_ascii_case(&value))
                })
                .collect();
            filed.sort_by_key(|p| p.created);
            let suggested_proposal = filed.is_empty().then(|| {
                let target = if needs == "kb-article" {
                    "kb-article"
                } else {
                    "playbook"
                };
                let evidence: String = es
                    .iter()
                    .map(|e| format!(" --evidence {}", e.id))
                    .collect();
                format!(
                    "casebook proposal new --target {target} --pattern {}{evidence} --title {} -m {}",
                    shell_word(&value),
                    shell_word(&format!("Agent handles {value}")),
                    shell_word("The case the agent should handle next time, sanitised")
                )
            });
            RepeatedPattern {
                proposals: filed
                    .iter()
                    .map(|p| ProposalRef {
                        id: p.id.to_string(),
                        title: p.title.clone(),
                        status: p.field_str("status").unwrap_or("proposed").to_string(),
                    })
                    .collect(),
                suggested_proposal,
                field,
                value,
                n: es.len(),
                entries: es.iter().map(|e| e.id.to_string()).collect(),
                playbook_gaps: gaps,
                needs: needs.to_string(),
                suggestion,
                kb: related
                    .iter()
                    .map(|k| KbRef {
                        id: k.id.to_string(),
                        title: k.title.clone(),
                        status: k.field_str("status").unwrap_or("draft").to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn entry(kind: Kind, day: &str, fields: &[(&str, &str)]) -> Entry {
        let at = DateTime::parse_from_rfc3339(&format!("{day}T09:00:00+00:00")).unwrap();
        let mut e = Entry::new(kind, "t", "ana-lima", at);
        for (k, v) in fields {
            e.fields
                .insert(k.to_string(), toml::Value::String(v.to_string()));
        }
        e
    }

    #[test]
    fn requested_items_drop_fillers_and_count_once_per_handoff() {
        let items = requested_items(
            [
                "The account id and the HAR file",
                "more logs; account id, account id",
                "Logs.",
                "Next time include the renewal date so I can judge the urgency",
                "it was fine and honestly we did not need anything else at all this time",
            ]
            .into_iter(),
        );
        let got: Vec<(String, u64)> = items.into_iter().map(|c| (c.name, c.n)).collect();
        assert_eq!(
            got,
            vec![
                ("account id".into(), 2),
                ("logs".into(), 2),
                ("har file".into(), 1),
                ("it was fine".into(), 1),
                ("renewal date".into(), 1)
            ]
        );
    }

    #[test]
    fn repeated_patterns_need_two_and_link_kb() {
        let mut a = entry(
            Kind::Escalation,
            "2026-11-02",
            &[
                ("category", "should-have-handled"),
                ("pattern", "refund-loop"),
            ],
        );
        a.tags = vec!["billing".into()];
        let mut b = a.clone();
        b.id = crate::entry::EntryId::generate();
        let mut c = entry(
            Kind::Escalation,
            "2026-11-03",
            &[
                ("category", "correctly-escalated"),
                ("pattern", "refund-loop"),
            ],
        );
        c.tags = vec!["sso".into()];
        let mut k = entry(Kind::Kb, "2026-10-01", &[("status", "published")]);
        k.title = "Stopping a refund loop".into();
        let es = [&a, &b, &c];
        let p = entry(Kind::Proposal, "2026-11-04", &[("pattern", "Refund-Loop")]);
        let r = repeated_patterns(&es, &[&k], &[&p]);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!((r[0].field.as_str(), r[0].n), ("pattern", 2));
        assert_eq!(r[0].needs, "playbook-case");
        assert_eq!(r[0].kb.len(), 1);
        assert_eq!(r[0].proposals.len(), 1, "a proposal on the pattern");
        assert!(r[0].suggested_proposal.is_none());
        let cmd = r[1].suggested_proposal.as_deref().unwrap();
        assert!(
            cmd.starts_with(
                "casebook proposal new --target kb-article --pattern billing --evidence "
            ),
            "{cmd}"
        );
        assert_eq!(
            (r[1].field.as_str(), r[1].needs.as_str()),
            ("tag", "kb-article")
        );
    }
}
