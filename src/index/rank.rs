//! How a parsed query's text is weighed: which words count, which are
//! dropped, and the weights of the fields.
//!
//! Ranking is BM25 (tantivy's) over stemmed words: a rare word counts far
//! more than a common one, and a hit's score is the sum over the words it
//! holds, so no single kind of match outranks everything else. Words that
//! carry no meaning on their own ("what", "my", "the") are dropped from a
//! query that has other words: pasted questions are full of them, their
//! postings are the longest in the index, and they decided the order when
//! every matched word earned a constant. Phrases are never thinned: `"the
//! refund"` means those words in that order. The weights were tuned on the
//! CISI collection only (`bench/relevance.py`); nothing here knows tantivy.

use super::query::{ParsedQuery, TextPart};

/// A title match on top of the body's (which holds the title too): a
/// title word counts more than a body word. On CISI (nDCG@10): 0.389 at
/// 0.1, 0.394 at 0.25, 0.384 at 0.5; with the title only in its own field,
/// at best 0.383 (weight 0.5). A bonus for neighbouring words found close
/// together (slop 1-4) only lowered it.
pub const TITLE_WEIGHT: f32 = 0.25;
/// The kind's own text fields (prediction, actual cause, phrases): short
/// and written to be the point of the entry, so a match there weighs more
/// than one in the body.
pub const KEYS_WEIGHT: f32 = 1.5;

/// English words too common to rank by, as typed (before stemming). Short
/// on purpose: negations ("not") and words that name support things
/// ("order", "account") stay.
const STOPWORDS: &[&str] = &[
    "&[", "&str]", "=", "a", "about", "after", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "for",
    "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "me", "more", "most", "my", "no", "not", "of", "on", "or", "other", "our", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "us", "was", "we", "were", "what", "when", "where",
    "which", "who", "whom", "why", "will", "with", "would", "you", "your",
];

pub fn is_stopword(word: &str) -> bool {
    let lower = word.to_lowercase();
    STOPWORDS.binary_search(&lower.as_str()).is_ok()
}

/// One analysed piece of a query, ready to look up in each field.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Term(String),
    /// Several terms in a row: a quoted phrase, or a word the analyser
    /// splits (`ZD-4821`, Chinese text as bigrams).
    Phrase(Vec<String>),
    /// Terms starting with this (folded, not stemmed).
    Prefix(String),
}

/// The query's text as parts: what ranks, what must match, what must not.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub free: Vec<Part>,
    pub required: Vec<Part>,
    pub excluded: Vec<Part>,
    /// Two neighbouring free words as one term (`web hooks` → `webhook`),
    /// added to the ranking when the index has that term.
    pub joined: Vec<String>,
}

impl Plan {
    /// `analyze` turns text into the index's terms.
    pub fn of(query: &ParsedQuery, analyze: &dyn Fn(&str) -> Vec<String>) -> Plan {
        let mut plan = Plan::default();
        let part_of = |p: &TextPart| -> Option<Part> {
            match p {
                TextPart::Prefix(prefix) => {
                    let folded = super::schema::fold(prefix);
                    (!folded.is_empty()).then_some(Part::Prefix(folded))
                }
                TextPart::Word(w) | TextPart::Phrase(w) => {
                    let mut terms = analyze(w);
                    match terms.len() {
                        0 => None,
                        1 => terms.pop().map(Part::Term),
                        _ => Some(Part::Phrase(terms)),
                    }
                }
            }
        };
        // Stopwords go only when something else is left to rank by.
        let meaningful = |p: &TextPart| !matches!(p, TextPart::Word(w) if is_stopword(w));
        let has_meaning = query.text.iter().chain(&query.required).any(meaningful);
        let mut previous: Option<&str> = None;
        for p in &query.text {
            let word = match p {
                TextPart::Word(w) => Some(w.as_str()),
                _ => None,
            };
            if let TextPart::Phrase(_) = p {
                // Words in a row must match; one word in quotes has no
                // order to keep (and in a pasted question, quotes around a
                // word are emphasis): it ranks as a free word (`+word`
                // requires one).
                match part_of(p) {
                    Some(Part::Term(t)) => plan.free.push(Part::Term(t)),
                    other => plan.required.extend(other),
                }
            } else if !has_meaning || meaningful(p) {
                plan.free.extend(part_of(p));
            }
            if let (Some(a), Some(b)) = (previous, word)
                && !is_stopword(a)
                && !is_stopword(b)
                && let [joined] = analyze(&format!("{a}{b}")).as_slice()
            {
                plan.joined.push(joined.clone());
            }
            previous = word;
        }
        for p in &query.required {
            plan.required.extend(part_of(p));
        }
        for p in &query.excluded {
            plan.excluded.extend(part_of(p));
        }
        plan
    }
}

/// How far a typo fallback may look from `term`: none for short words and
/// numbers (a near neighbour of `sso` or `4821` is another thing), one
/// edit up to five letters, two beyond.
pub fn typo_distance(term: &str) -> Option<u8> {
    let letters = term.chars().count();
    if letters < 4 || term.chars().any(|c| c.is_ascii_digit()) {
        None
    } else if letters <= 5 {
        Some(1)
    } else {
        Some(2)
    }
}

/// Edits between two words, a swap of neighbours counting as one (as the
/// dictionary's automaton counts them).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn plan(q: &str) -> Plan {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let analyze = |w: &str| -> Vec<String> {
            w.split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .map(|t| t.to_lowercase().trim_end_matches('s').to_string())
                .collect()
        };
        Plan::of(&super::super::query::parse(q, today), &analyze)
    }

    fn terms(parts: &[Part]) -> Vec<String> {
        parts
            .iter()
            .map(|p| match p {
                Part::Term(t) | Part::Prefix(t) => t.clone(),
                Part::Phrase(ts) => ts.join(" "),
            })
            .collect()
    }

    #[test]
    fn the_stopword_list_is_sorted_for_its_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stopwords_do_not_rank_unless_nothing_else_is_left() {
        assert_eq!(terms(&plan("cancel my order").free), ["cancel", "order"]);
        assert_eq!(
            terms(&plan("What is the refund policy?").free),
            ["refund", "policy"]
        );
        assert_eq!(terms(&plan("what is it").free), ["what", "i", "it"]);
        // Phrases keep every word, and must match.
        let p = plan("\"the refund\" of");
        assert_eq!(terms(&p.required), ["the refund"]);
        assert!(p.free.is_empty());
        assert_eq!(terms(&plan("+sso login").required), ["sso"]);
        // One word in quotes is a free word.
        let p = plan("\"threshold\" values");
        assert!(p.required.is_empty());
        assert_eq!(terms(&p.free), ["threshold", "value"]);
    }

    #[test]
    fn neighbouring_words_are_also_tried_as_one() {
        assert_eq!(plan("web hooks retry").joined, ["webhook", "hooksretry"]);
        assert!(plan("the web").joined.is_empty());
    }

    #[test]
    fn typo_distances() {
        assert_eq!(typo_distance("sso"), None);
        assert_eq!(typo_distance("zd4821"), None);
        assert_eq!(typo_distance("strpe"), Some(1));
        assert_eq!(typo_distance("refnud"), Some(2));
        assert_eq!(edit_distance("refnud", "refund"), 1);
        assert_eq!(edit_distance("webhok", "webhook"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
