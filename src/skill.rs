//! The rules of the skills loop behind `casebook skill`: the tree a person
//! is rated on (the journal's plus their own), growing their own tree from
//! a seeded track or by hand, a rating, and the month's focus with the
//! entries that practised it. Ratings and focus are entries like any
//! other, written by the front end through the write pipeline.

use crate::entry::{Entry, Kind};
use crate::error::{Error, ErrorKind, Location};
use crate::filter::Filter;
use crate::index::IndexedEntry;
use crate::journal::Journal;
use crate::session::Session;
use crate::skills::{SKILL_LEVELS, Skill, SkillsTree};
use chrono::NaiveDate;

fn broken(file: &str, e: anyhow::Error) -> Error {
    Error::new(ErrorKind::Other, format!("{e:#}")).at(Location::file(file))
}

/// The journal's skills tree plus the person's own skills.
pub fn tree(journal: &Journal, person: &str) -> crate::Result<SkillsTree> {
    SkillsTree::parse(&journal.skills_text_for(person)).map_err(|e| {
        broken(
            &format!("skills.toml (with people/{person}/skills.toml)"),
            e,
        )
    })
}

/// The person's own skills file, journal-relative, and its tree (empty
/// when there is none).
pub fn own_tree(journal: &Journal, person: &str) -> crate::Result<(String, SkillsTree)> {
    let path = journal.personal_skills_path(person);
    let text = std::fs::read_to_string(journal.abs(&path)).unwrap_or_default();
    let tree = SkillsTree::parse(&text).map_err(|e| broken(&path, e))?;
    Ok((path, tree))
}

/// The text of the person's own skills file, checked to parse with the
/// journal's skills around it.
pub fn own_tree_text(journal: &Journal, person: &str, own: &SkillsTree) -> crate::Result<String> {
    let body = toml::to_string(own).map_err(|e| Error::new(ErrorKind::Other, e.to_string()))?;
    let text = format!(
        "# {person}'s own skills: seeded from a track's tree or added by hand.\n# Rate them like any other: casebook rate SKILL LEVEL\n\n{body}"
    );
    let mut combined = journal.skills_text();
    combined.push('\n');
    combined.push_str(&text);
    SkillsTree::parse(&combined).map_err(|e| Error::invalid(format!("{e:#}")))?;
    Ok(text)
}

/// The skills of the seeded tree `track` (one, or all) the person has not
/// got yet, as personal skills: their ids, and the person's own tree with
/// them added.
pub fn seed(
    journal: &Journal,
    person: &str,
    track: &str,
    skill: Option<&str>,
) -> crate::Result<(Vec<String>, SkillsTree)> {
    let trees = journal.seeded_trees();
    let Some((_, text)) = trees.iter().find(|(t, _)| t == track) else {
        let names: Vec<&str> = trees.iter().map(|(t, _)| t.as_str()).collect();
        return Err(Error::invalid(format!("--tree: no seeded tree '{track}'"))
            .with_hint(format!("trees: {}", names.join(", "))));
    };
    let seeded = SkillsTree::parse(text).map_err(|e| broken(&format!("trees/{track}.toml"), e))?;
    let chosen: Vec<Skill> = match skill {
        Some(id) => match seeded.skills.iter().find(|s| s.id == id) {
            Some(s) => vec![s.clone()],
            None => {
                let ids: Vec<&str> = seeded.skills.iter().map(|s| s.id.as_str()).collect();
                return Err(Error::invalid(format!(
                    "the {track} tree has no skill '{id}' (skills: {})",
                    ids.join(", ")
                )));
            }
        },
        None => seeded.skills.clone(),
    };
    let journal_ids: Vec<String> = SkillsTree::parse(&journal.skills_text())
        .map(|t| t.skills.into_iter().map(|s| s.id).collect())
        .unwrap_or_default();
    let (_, mut own) = own_tree(journal, person)?;
    let mut added = Vec::new();
    for mut s in chosen {
        if own.skills.iter().any(|o| o.id == s.id) || journal_ids.contains(&s.id) {
            continue;
        }
        s.group = "personal".into();
        added.push(s.id.clone());
        own.skills.push(s);
    }
    Ok((added, own))
}

/// A personal skill by hand: an id of letters, digits and dashes that is
/// not in the person's tree yet, for kinds that exist.
pub fn new_skill(
    tree: &SkillsTree,
    id: &str,
    name: &str,
    kinds: &[String],
    description: Option<&str>,
) -> crate::Result<Skill> {
    let given = id;
    let id = id.trim().to_lowercase();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::invalid(format!(
            "'{given}' is not a skill id: use letters, digits and dashes"
        )));
    }
    for k in kinds {
        k.parse::<Kind>()
            .map_err(|e| Error::invalid(format!("--kind: {e}")))?;
    }
    if tree.get(&id).is_some() {
        return Err(Error::invalid(format!("skill '{id}' exists already")));
    }
    Ok(Skill {
        id,
        name: name.trim().to_string(),
        group: "personal".into(),
        private: false,
        kinds: kinds.to_vec(),
        description: description.unwrap_or_default().to_string(),
        rookie: Default::default(),
        pro: Default::default(),
        master: Default::default(),
    })
}

/// The skill id as typed, checked against the tree.
pub fn known_skill(tree: &SkillsTree, given: &str) -> crate::Result<String> {
    let id = given.trim().to_lowercase();
    if tree.get(&id).is_some() {
        return Ok(id);
    }
    let ids: Vec<&str> = tree.skills.iter().map(|s| s.id.as_str()).collect();
    Err(Error::invalid(format!(
        "unknown skill '{given}' (skills: {})",
        ids.join(", ")
    ))
    .with_hint("`casebook skills` shows the tree; teams edit skills.toml"))
}

/// The person's entries of all time (drafts aside), private ones
/// included, oldest first.
pub fn history(session: &mut Session, person: &str) -> crate::Result<Vec<IndexedEntry>> {
    let mut f = Filter {
        include_private: true,
        ..Filter::default()
    };
    f.require("person", person);
    let mut items = session.query(|i| i.all_matching(&f))?;
    items.sort_by_key(|i| i.entry.created);
    Ok(items)
}

fn set(e: &mut Entry, key: &str, value: &str) {
    e.fields
        .insert(key.into(), toml::Value::String(value.to_string()));
}

/// Who rates: `self`, or someone named (then recorded by person id).
pub struct Rater {
    pub rater: String,
    pub rater_person: Option<String>,
}

/// A rating entry: the skill (checked), a level of rookie, pro or master,
/// the rater and the entries it rests on.
pub fn rating(
    tree: &SkillsTree,
    person: &str,
    skill: &str,
    level: &str,
    rater: Rater,
    evidence: Vec<String>,
) -> crate::Result<Entry> {
    let skill = known_skill(tree, skill)?;
    let given = level;
    let level = level.trim().to_lowercase();
    if !SKILL_LEVELS.contains(&level.as_str()) {
        return Err(Error::invalid(format!(
            "'{given}' is not a level (levels: {})",
            SKILL_LEVELS.join(", ")
        )));
    }
    let name = tree.get(&skill).map_or(skill.clone(), |s| s.name.clone());
    let mut e = Entry::new(
        Kind::Rating,
        &format!("{name}: {level} ({})", rater.rater),
        person,
        crate::clock::now(),
    );
    set(&mut e, "skill", &skill);
    set(&mut e, "level", &level);
    set(&mut e, "rater", &rater.rater);
    if let (true, Some(me)) = (rater.rater != "self", &rater.rater_person) {
        // Self and lead ratings sit side by side.
        set(&mut e, "rater_name", me);
    }
    if !evidence.is_empty() {
        let list = evidence.into_iter().map(toml::Value::String).collect();
        e.fields.insert("evidence".into(), toml::Value::Array(list));
    }
    Ok(e)
}

/// A new focus for the month: refused while one is open.
pub fn focus(
    tree: &SkillsTree,
    open: Option<&Entry>,
    person: &str,
    skill: &str,
    case: Option<&str>,
    today: NaiveDate,
) -> crate::Result<Entry> {
    let skill = known_skill(tree, skill)?;
    if let Some(f) = open {
        return Err(Error::conflict(format!(
            "your focus on {} (since {}) is still open",
            f.field_str("skill").unwrap_or("?"),
            f.created.date_naive()
        ))
        .with_hint("close it first with a short retro: casebook skill close-focus -m RETRO"));
    }
    let name = tree.get(&skill).map_or(skill.clone(), |s| s.name.clone());
    let mut e = Entry::new(
        Kind::Focus,
        &format!("Focus {}: {name}", crate::dates::month_label(today)),
        person,
        crate::clock::now(),
    );
    set(&mut e, "skill", &skill);
    set(&mut e, "status", "open");
    if let Some(c) = case.map(str::trim).filter(|c| !c.is_empty()) {
        set(&mut e, "trigger_case", c);
        e.case = Some(c.to_string());
    }
    Ok(e)
}

/// The entries of this month that practised the focus skill (ratings and
/// the focus itself aside).
pub fn practice<'a>(focus: &Entry, history: &[&'a Entry], today: NaiveDate) -> Vec<&'a Entry> {
    let skill = focus.field_str("skill").unwrap_or("");
    let month = crate::dates::month_label(today);
    history
        .iter()
        .copied()
        .filter(|e| {
            crate::dates::month_label(e.created.date_naive()) == month
                && e.id != focus.id
                && e.kind != Kind::Rating
                && e.skills.iter().any(|s| s == skill)
        })
        .collect()
}

/// Closing the open focus with its retro.
pub fn close_focus(focus: &mut Entry, retro: &str, today: NaiveDate) {
    set(focus, "status", "closed");
    set(focus, "closed", &today.to_string());
    set(focus, "retro", retro);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> SkillsTree {
        SkillsTree::parse(include_str!("../journal-template/skills.toml")).unwrap()
    }

    fn some_skill() -> String {
        tree().skills[0].id.clone()
    }

    #[test]
    fn a_rating_checks_its_skill_and_level() {
        let t = tree();
        let me = Rater {
            rater: "self".into(),
            rater_person: None,
        };
        let e = rating(
            &t,
            "ana-lima",
            &some_skill().to_uppercase(),
            "Pro",
            me,
            vec![],
        )
        .unwrap();
        assert_eq!(e.field_str("level"), Some("pro"));
        assert_eq!(e.field_str("skill"), Some(some_skill().as_str()));
        assert!(e.field_str("rater_name").is_none());
        let lead = Rater {
            rater: "lead".into(),
            rater_person: Some("bo-chen".into()),
        };
        let e = rating(
            &t,
            "ana-lima",
            &some_skill(),
            "master",
            lead,
            vec!["abcd".into()],
        )
        .unwrap();
        assert_eq!(e.field_str("rater_name"), Some("bo-chen"));
        let none = || Rater {
            rater: "self".into(),
            rater_person: None,
        };
        assert!(rating(&t, "ana-lima", &some_skill(), "guru", none(), vec![]).is_err());
        let err = rating(&t, "ana-lima", "juggling", "pro", none(), vec![]).unwrap_err();
        assert!(err.hint().is_some());
    }

    #[test]
    fn a_second_focus_waits_for_the_first_to_close() {
        let t = tree();
        let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let mut first = focus(&t, None, "ana-lima", &some_skill(), Some(" ZD-1 "), today).unwrap();
        assert_eq!(first.case.as_deref(), Some("ZD-1"));
        let err = focus(&t, Some(&first), "ana-lima", &some_skill(), None, today).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict);
        close_focus(&mut first, "kept the date first", today);
        assert_eq!(first.field_str("status"), Some("closed"));
    }

    #[test]
    fn a_skill_by_hand_needs_a_new_id_of_letters_digits_and_dashes() {
        let t = tree();
        assert!(new_skill(&t, "Tone Shifts", "x", &[], None).is_err());
        assert!(new_skill(&t, &some_skill(), "x", &[], None).is_err());
        assert!(new_skill(&t, "tone-2", "x", &["nope".into()], None).is_err());
        let s = new_skill(&t, " Tone-2 ", " Tone ", &[], None).unwrap();
        assert_eq!(
            (s.id.as_str(), s.name.as_str(), s.group.as_str()),
            ("tone-2", "Tone", "personal")
        );
    }
}
