//! Choosing the strongest examples for a skill or a criterion, and turning an
//! entry into a piece of evidence (id, title, date, path, a short excerpt and
//! why it was chosen).
//!
//! Judgement lives here and only here: what counts as strong, and what is
//! never shown (a miss without its analysis, a prediction still open, the
//! records that are not practice). It must not decide which entries reach
//! the pack at all — privacy is settled before anything gets here.

use super::figures::sentiment_gain;
use crate::entry::{Entry, Kind, slugify, truncate_chars};
use chrono::NaiveDate;
use serde::Serialize;

/// The most examples shown for one skill or criterion.
pub const MAX_EVIDENCE: usize = 5;

/// About how long an excerpt runs, in characters.
pub const EXCERPT_CHARS: usize = 200;

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceItem {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub date: NaiveDate,
    /// Journal-relative path of the entry file.
    pub path: String,
    pub excerpt: String,
    /// Why it was chosen, in a few words.
    pub why: String,
}

/// What someone else said, whole: the words, who said them, in what role
/// and when. A board weighs corroboration by its source, so none of the
/// four is ever cut.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub id: String,
    pub title: String,
    /// The giver's words, in full (the body as plain prose; the title when
    /// the body is empty).
    pub words: String,
    pub who: String,
    /// Lead, peer, engineering, customer-success, a customer...
    pub role: Option<String>,
    pub date: NaiveDate,
    /// Set when the person it is about typed it in (quoting a customer):
    /// boards weigh it less than words written by the giver.
    pub recorded_by: Option<String>,
}

pub fn quote(e: &Entry) -> Quote {
    let who = e
        .field_str("from")
        .or(e.field_str("source"))
        .unwrap_or("a colleague")
        .to_string();
    let words = crate::entry::plain_text(&e.body);
    let recorded_by = e
        .field_str("recorded_by")
        .filter(|r| slugify(r) == slugify(&e.person) && slugify(r) != slugify(&who))
        .map(str::to_string);
    Quote {
        id: e.id.to_string(),
        title: e.title.clone(),
        words: if words.is_empty() {
            e.title.clone()
        } else {
            words
        },
        role: e
            .field_str("source")
            .filter(|s| *s != "self")
            .map(str::to_string),
        who,
        date: e.created.date_naive(),
        recorded_by,
    }
}

/// A prediction that missed, shown as learning: what was predicted, what it
/// was, and what it taught (the body's "Next time" or "Lesson" section).
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub confidence: Option<i64>,
    pub predicted: String,
    pub actual: String,
    pub learned: Option<String>,
}

/// The headings under which a diagnosis records what a miss taught.
const LESSON_HEADINGS: &[&str] = &[
    "next time",
    "lesson",
    "lessons",
    "what i learned",
    "learned",
    "learning",
];

/// The prose of the first section of `body` whose heading is one of
/// `headings` (any case), up to the next heading; none when it is empty.
pub fn section(body: &str, headings: &[&str]) -> Option<String> {
    let mut text = String::new();
    let mut inside = false;
    for line in body.lines() {
        if let Some(h) = line.trim_start().strip_prefix('#') {
            if inside {
                break;
            }
            let h = h.trim_start_matches('#').trim().trim_end_matches(':');
            inside = headings.iter().any(|x| h.eq_ignore_ascii_case(x));
            continue;
        }
        if inside {
            text.push_str(line);
            text.push('\n');
        }
    }
    let prose = crate::entry::plain_text(&text);
    (!prose.is_empty()).then_some(prose)
}

/// The period's misses worth showing, at most `max`: each with its actual
/// cause, those that say what they taught first, then the most confident
/// (a confident miss teaches most), then the newest.
pub fn misses(entries: &[&Entry], max: usize) -> Vec<Miss> {
    let mut out: Vec<Miss> = entries
        .iter()
        .filter(|e| e.kind == Kind::Diagnosis && e.field_str("verdict") == Some("miss"))
        .filter_map(|e| {
            Some(Miss {
                id: e.id.to_string(),
                title: e.title.clone(),
                date: e.created.date_naive(),
                confidence: e.field_int("confidence"),
                predicted: e.field_str("prediction")?.to_string(),
                actual: e.field_str("actual")?.to_string(),
                learned: section(&e.body, LESSON_HEADINGS),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.learned
            .is_some()
            .cmp(&a.learned.is_some())
            .then(b.confidence.cmp(&a.confidence))
            .then(b.date.cmp(&a.date))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(max);
    out
}

pub fn item(e: &Entry, path: String, why: &str) -> EvidenceItem {
    EvidenceItem {
        id: e.id.to_string(),
        kind: e.kind.to_string(),
        title: e.title.clone(),
        date: e.created.date_naive(),
        path,
        excerpt: excerpt(e),
        why: why.to_string(),
    }
}

/// The words a reader needs first: for a prediction, what was predicted and
/// what it was; for a post-mortem, what shifted the conversation; then the
/// body.
fn excerpt(e: &Entry) -> String {
    let lead: Vec<String> = match e.kind {
        Kind::Diagnosis => [("Predicted", "prediction"), ("Actual", "actual")]
            .iter()
            .filter_map(|(label, f)| e.field_str(f).map(|v| format!("{label}: {v}")))
            .collect(),
        Kind::Postmortem => e
            .field_str("shifted")
            .map(|v| format!("What shifted it: {v}"))
            .into_iter()
            .collect(),
        Kind::Proposal => e
            .field_str("pattern")
            .map(|v| format!("Pattern: {v}"))
            .into_iter()
            .collect(),
        Kind::Handoff => e
            .field_str("summary")
            .map(str::to_string)
            .into_iter()
            .collect(),
        Kind::Explore => e
            .field_str("area")
            .map(|v| format!("Area: {v}"))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    let body = e.excerpt(EXCERPT_CHARS + 1);
    let text = lead
        .into_iter()
        .chain((!body.is_empty()).then_some(body))
        .map(|s| s.trim_end_matches('.').to_string())
        .collect::<Vec<_>>()
        .join(". ");
    truncate_chars(&text, EXCERPT_CHARS)
}

/// How strong an entry is as evidence, and why; `None` means never show it.
pub fn strength(e: &Entry) -> Option<(f64, String)> {
    let conf = e.field_int("confidence");
    Some(match e.kind {
        Kind::Diagnosis => match e.field_str("verdict") {
            Some("hit") => {
                let c = conf.unwrap_or(50);
                (
                    4.0 + c as f64 / 100.0,
                    match conf {
                        Some(c) => format!("called it at {c}% confidence"),
                        None => "called it".into(),
                    },
                )
            }
            Some("partial") if e.field_str("actual").is_some() => {
                (2.5, "partly right, with the actual cause recorded".into())
            }
            // A miss is shown only with its analysis, and as learning.
            Some("miss") if e.field_str("actual").is_some() => {
                (2.0, "a miss, analysed: what the real cause taught".into())
            }
            _ => return None,
        },
        Kind::Kb => match e.field_str("status") {
            Some("published") => {
                let d = super::figures::deflections(e).unwrap_or(0).max(0);
                (
                    4.0 + (d as f64 / 20.0).min(2.0),
                    if d > 0 {
                        format!("published, {d} deflections (estimate)")
                    } else {
                        "published article".into()
                    },
                )
            }
            Some("retired") => (1.0, "retired an outdated article".into()),
            _ => (1.2, "article drafted from a gap".into()),
        },
        Kind::Postmortem => {
            let gain = sentiment_gain(e).unwrap_or(0);
            let shifted = e.field_str("shifted").is_some();
            let score = 1.0 + if shifted { 2.0 } else { 0.0 } + gain.clamp(0, 4) as f64 * 0.5;
            let why = match (shifted, gain > 0) {
                (true, true) => {
                    format!("recorded what shifted the conversation; sentiment +{gain}")
                }
                (true, false) => "recorded what shifted the conversation".into(),
                (false, true) => format!("turned the conversation around; sentiment +{gain}"),
                (false, false) => "post-mortem of a hard case".into(),
            };
            (score, why)
        }
        Kind::Proposal => match e.field_str("status") {
            Some("shipped") => (
                5.0,
                match e.field_str("change_ref") {
                    Some(r) => format!("shipped change to the system ({r})"),
                    None => "shipped change to the system".into(),
                },
            ),
            Some("accepted") => (3.0, "proposal accepted".into()),
            Some("rejected") => (0.8, "proposal raised".into()),
            _ => (1.5, "proposal raised from a pattern".into()),
        },
        Kind::Escalation if e.field_str("playbook_gap").is_some() => {
            (1.5, "named the agent's playbook gap".into())
        }
        Kind::Escalation => (0.6, "escalation categorised".into()),
        Kind::Qa if e.field_bool("missed_escalation") => {
            (2.0, "caught an escalation the agent missed".into())
        }
        Kind::Qa if e.field_bool("critical_fail") || e.field_bool("flagged") => {
            (1.8, "caught a failure and flagged it for retraining".into())
        }
        Kind::Qa => (0.5, "quality sample".into()),
        Kind::Handoff if e.field_str("feedback").is_some() => {
            (1.8, "hand-off, with the receiver's feedback".into())
        }
        Kind::Handoff => (0.8, "hand-off with context".into()),
        Kind::Approval if e.field_str("why").is_some() => {
            let d = e.field_str("decision").unwrap_or("decided");
            (
                1.4 + if e.field_bool("reversed") { 0.0 } else { 0.3 },
                format!("{d} at a risk gate, with the reason"),
            )
        }
        Kind::Approval => (0.6, "decision at a risk gate".into()),
        Kind::Teach => (3.0, "taught others".into()),
        Kind::Explore => (
            0.7 + (e.field_int("minutes").unwrap_or(0).clamp(0, 240) as f64 / 240.0),
            "explored a product area".into(),
        ),
        Kind::Feedback => {
            let from = e.field_str("from").unwrap_or("a colleague");
            let role = e
                .field_str("source")
                .filter(|s| *s != "self")
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            // Typed in by the person it is about (quoting a customer, say):
            // boards weigh it less than words written by the giver.
            let by_subject = e
                .field_str("recorded_by")
                .is_some_and(|r| slugify(r) == slugify(&e.person) && slugify(r) != slugify(from));
            let (weight, label) = if by_subject {
                (
                    2.5,
                    format!("feedback from {from}{role}, recorded by {}", e.person),
                )
            } else {
                (3.5, format!("feedback from {from}{role}"))
            };
            (weight, label)
        }
        Kind::Milestone => (2.5, "milestone".into()),
        Kind::Goal if e.field_str("status") == Some("met") => (1.5, "goal met".into()),
        Kind::Goal | Kind::Focus if e.field_str("retro").is_some() => {
            (1.2, "closed with a retro".into())
        }
        Kind::Goal | Kind::Focus => (0.5, "set and tracked".into()),
        Kind::Note => (0.3 + (e.body.len() as f64 / 4000.0).min(0.5), "note".into()),
        // Records that are not practice are shown elsewhere or not at all.
        Kind::Rating
        | Kind::Metric
        | Kind::Confirmation
        | Kind::Draft
        | Kind::Profile
        | Kind::Oneonone => return None,
    })
}

/// At most this many examples of one kind while other kinds have some:
/// a board learns more from three habits than from five of one.
const PER_KIND: usize = 3;

/// The strongest entries, best first (newer first among equals), at most
/// `max`, mixing kinds when there is a choice.
pub fn strongest<'a>(entries: &[&'a Entry], max: usize) -> Vec<(&'a Entry, String)> {
    let mut scored: Vec<(f64, &Entry, String)> = entries
        .iter()
        .filter_map(|e| strength(e).map(|(s, why)| (s, *e, why)))
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.created.cmp(&a.1.created))
            .then(a.1.id.as_str().cmp(b.1.id.as_str()))
    });
    // First pass: the best of each kind up to the cap; second: fill up.
    let mut taken = vec![false; scored.len()];
    let mut per_kind: std::collections::BTreeMap<Kind, usize> = Default::default();
    let mut n = 0;
    for (i, (_, e, _)) in scored.iter().enumerate() {
        let k = per_kind.entry(e.kind).or_default();
        if n < max && *k < PER_KIND {
            *k += 1;
            taken[i] = true;
            n += 1;
        }
    }
    for t in taken.iter_mut() {
        if n < max && !*t {
            *t = true;
            n += 1;
        }
    }
    scored
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| *t)
        .map(|((_, e, why), _)| (e, why))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn diag(verdict: &str, actual: Option<&str>, conf: i64) -> Entry {
        let at = DateTime::parse_from_rfc3339("2026-02-01T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Diagnosis, "case", "ana-lima", at);
        e.fields
            .insert("verdict".into(), toml::Value::String(verdict.into()));
        e.fields.insert(
            "prediction".into(),
            toml::Value::String("cert expired".into()),
        );
        e.fields
            .insert("confidence".into(), toml::Value::Integer(conf));
        if let Some(a) = actual {
            e.fields
                .insert("actual".into(), toml::Value::String(a.into()));
        }
        e
    }

    #[test]
    fn misses_show_only_with_their_analysis_and_as_learning() {
        assert!(strength(&diag("miss", None, 90)).is_none());
        let (_, why) = strength(&diag("miss", Some("proxy"), 90)).unwrap();
        assert!(why.contains("analysed"), "{why}");
        assert!(strength(&diag("unknown", None, 90)).is_none());
    }

    #[test]
    fn confident_hits_rank_first() {
        let a = diag("hit", Some("cert"), 95);
        let b = diag("hit", Some("cert"), 55);
        let c = diag("miss", Some("proxy"), 80);
        let picked = strongest(&[&c, &b, &a], 2);
        assert_eq!(picked.len(), 2);
        assert_eq!(picked[0].0.id, a.id);
        assert_eq!(picked[1].0.id, b.id);
    }

    #[test]
    fn kinds_are_mixed_when_there_is_a_choice() {
        let hits: Vec<Entry> = (0..6).map(|_| diag("hit", Some("cert"), 90)).collect();
        let at = DateTime::parse_from_rfc3339("2026-02-01T09:00:00+00:00").unwrap();
        let mut x = Entry::new(Kind::Explore, "billing", "ana-lima", at);
        x.fields.insert("minutes".into(), toml::Value::Integer(60));
        let mut all: Vec<&Entry> = hits.iter().collect();
        all.push(&x);
        let picked = strongest(&all, MAX_EVIDENCE);
        assert_eq!(picked.len(), 5);
        assert_eq!(
            picked
                .iter()
                .filter(|(e, _)| e.kind == Kind::Diagnosis)
                .count(),
            4
        );
        assert_eq!(
            picked[4].0.kind,
            Kind::Explore,
            "shown best first, though picked before the fourth hit"
        );
        let only: Vec<&Entry> = hits.iter().collect();
        assert_eq!(
            strongest(&only, MAX_EVIDENCE).len(),
            5,
            "one kind fills every slot"
        );
    }

    #[test]
    fn a_miss_brings_what_it_taught() {
        let mut e = diag("miss", Some("proxy"), 90);
        e.body = "## What it was\nA proxy.\n\n## Lesson\nAsk about proxies *first*.\n<!-- guidance -->\n\n## After\nx".into();
        let shown = misses(
            &[&e, &diag("miss", None, 95), &diag("hit", Some("x"), 99)],
            3,
        );
        assert_eq!(shown.len(), 1, "only a miss with its actual cause");
        assert_eq!(shown[0].predicted, "cert expired");
        assert_eq!(shown[0].actual, "proxy");
        assert_eq!(
            shown[0].learned.as_deref(),
            Some("Ask about proxies first.")
        );
        assert_eq!(section("## Next time\n<!-- x -->\n", LESSON_HEADINGS), None);
    }

    #[test]
    fn a_quote_keeps_every_word_and_says_who_and_in_what_role() {
        let at = DateTime::parse_from_rfc3339("2026-06-05T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Feedback, "Mid-year", "ana-lima", at);
        let words = "Two shipped changes in six months, both with the counts that made them easy to approve. The articles are in use.";
        e.body = format!("{words}\n");
        e.fields
            .insert("from".into(), toml::Value::String("Dana Whitfield".into()));
        e.fields
            .insert("source".into(), toml::Value::String("lead".into()));
        let q = quote(&e);
        assert_eq!(q.words, words);
        assert_eq!(
            (q.who.as_str(), q.role.as_deref()),
            ("Dana Whitfield", Some("lead"))
        );
        assert_eq!(q.date.to_string(), "2026-06-05");
    }

    #[test]
    fn excerpts_lead_with_prediction_and_actual_and_stay_short() {
        let mut e = diag("hit", Some("cert"), 80);
        e.body = "word ".repeat(200);
        let x = item(&e, "p.md".into(), "why").excerpt;
        assert!(
            x.starts_with("Predicted: cert expired. Actual: cert. word"),
            "{x}"
        );
        assert!(x.chars().count() <= EXCERPT_CHARS);
    }
}
