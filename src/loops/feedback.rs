//! What others say: feedback about a person and a lead's confirmation of a
//! ladder criterion, both written into the subject's folder. The rules:
//! who may be named, which skills exist, which criterion is meant, and that
//! a confirmation comes from someone else.

use crate::entry::{Entry, Kind, one_line, truncate_chars};
use crate::error::Error;
use crate::journal::Journal;
use crate::skills::{Criterion, Ladder, Level};

fn set(e: &mut Entry, key: &str, value: &str) {
    e.fields
        .insert(key.into(), toml::Value::String(value.to_string()));
}

/// The people with a folder in the journal, sorted.
pub fn people(journal: &Journal) -> Vec<String> {
    let mut people: Vec<String> = std::fs::read_dir(journal.abs("people"))
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    people.sort();
    people
}

/// A misspelt name would start a folder for nobody: feedback about someone
/// without a folder is refused unless they are new (`new_person`).
pub fn check_subject(
    journal: &Journal,
    about: &str,
    me: &str,
    new_person: bool,
) -> crate::Result<()> {
    if about == me || new_person || journal.abs(&format!("people/{about}")).is_dir() {
        return Ok(());
    }
    let people = people(journal);
    Err(Error::not_found(format!(
        "nobody named '{about}' writes in this journal (people: {})",
        if people.is_empty() {
            "none yet".to_string()
        } else {
            people.join(", ")
        }
    )))
}

/// Every skill named must be one of the journal's (when it has any).
pub fn check_skills(known: &[String], given: &[String]) -> crate::Result<()> {
    match given
        .iter()
        .find(|s| !known.is_empty() && !known.contains(s))
    {
        Some(s) => Err(Error::invalid(format!(
            "--skill: unknown skill '{s}' (skills: {})",
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

/// One piece of feedback about `about`, said by `from`, recorded by `me`.
pub struct Said<'a> {
    pub about: &'a str,
    pub me: &'a str,
    pub from: &'a str,
    pub source: &'a str,
    pub case: Option<String>,
    pub skills: Vec<String>,
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

pub fn feedback(s: &Said, body: String) -> Entry {
    let title = truncate_chars(&one_line(&body), 72);
    let mut e = Entry::new(Kind::Feedback, &title, s.about, s.created);
    e.body = body;
    e.case = s.case.clone();
    e.skills = s.skills.clone();
    set(&mut e, "subject", s.about);
    set(&mut e, "from", s.from);
    set(&mut e, "source", s.source);
    set(&mut e, "recorded_by", s.me);
    e
}

/// The criterion of the ladder with this id, and its level; else an error
/// that lists those with the same stem.
pub fn criterion<'a>(ladder: &'a Ladder, id: &str) -> crate::Result<(&'a Level, &'a Criterion)> {
    let found = ladder
        .levels
        .iter()
        .flat_map(|l| l.criteria.iter().map(move |c| (l, c)))
        .find(|(_, c)| c.id == id);
    if let Some(f) = found {
        return Ok(f);
    }
    let stem = id.split('-').next().unwrap_or("");
    let close: Vec<&str> = ladder
        .levels
        .iter()
        .flat_map(|l| l.criteria.iter().map(|c| c.id.as_str()))
        .filter(|c| !stem.is_empty() && c.starts_with(stem))
        .take(12)
        .collect();
    let hint = if close.is_empty() {
        "the criteria are the [[level.criteria]] ids of ladder.toml".to_string()
    } else {
        format!("criteria: {}", close.join(", "))
    };
    Err(Error::invalid(format!("no criterion '{id}' in ladder.toml")).with_hint(hint))
}

/// A confirmation of `criterion` for `about`, given by `by` (recorded by
/// `me`, who must be someone else).
pub fn confirmation(
    (level, criterion): (&Level, &Criterion),
    about: &str,
    me: &str,
    by: &str,
    met: bool,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> crate::Result<Entry> {
    if about == me {
        return Err(Error::invalid(
            "a confirmation is given by someone else (a lead): name whose criterion it is with --person",
        )
        .with_hint(format!(
            "casebook confirm {} --person NAME --met -m NOTE",
            criterion.id
        )));
    }
    let title = format!(
        "{}: {} ({})",
        criterion.id,
        if met { "met" } else { "not yet" },
        level.name
    );
    let mut e = Entry::new(Kind::Confirmation, &title, about, now);
    set(&mut e, "criterion", &criterion.id);
    set(&mut e, "status", if met { "met" } else { "not-yet" });
    set(&mut e, "by", by);
    set(&mut e, "recorded_by", me);
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LADDER: &str = r#"
[[level]]
id = "s2"
name = "Specialist II"
track = "ic"
rank = 2
[[level.criteria]]
id = "s2-csat"
text = "CSAT"
[[level.criteria]]
id = "s2-mentoring"
text = "Mentors"
"#;

    #[test]
    fn a_criterion_is_found_or_its_stem_is_suggested() {
        let ladder: Ladder = toml::from_str(LADDER).unwrap();
        let (level, c) = criterion(&ladder, "s2-csat").unwrap();
        assert_eq!(
            (level.name.as_str(), c.id.as_str()),
            ("Specialist II", "s2-csat")
        );
        let err = criterion(&ladder, "s2-nps").unwrap_err();
        assert_eq!(err.hint(), Some("criteria: s2-csat, s2-mentoring"));
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap();
        let found = criterion(&ladder, "s2-csat").unwrap();
        assert!(
            confirmation(found, "ana", "ana", "Ana", true, now).is_err(),
            "not about oneself"
        );
        let e = confirmation(found, "ana", "sam", "Sam", false, now).unwrap();
        assert_eq!(
            (e.title.as_str(), e.field_str("status")),
            ("s2-csat: not yet (Specialist II)", Some("not-yet"))
        );
    }

    #[test]
    fn skills_must_exist_when_the_journal_has_some() {
        let known = vec!["de-escalation".to_string()];
        assert!(check_skills(&known, &["de-escalation".into()]).is_ok());
        assert!(check_skills(&known, &["typing".into()]).is_err());
        assert!(check_skills(&[], &["anything".into()]).is_ok());
    }
}
