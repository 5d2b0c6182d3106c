//! Composing an entry before it is written: the fields a new entry of a
//! kind starts with, list and field flags applied, skills checked against
//! the journal's tree, a jot taken over, the text the editor opens (front
//! matter, the template's questions, the body) and the judgement of what
//! came back from it. No I/O: the front end reads and writes.

use crate::entry::{self, Entry, Kind};
use crate::error::Error;

/// Sets status fields that always start the same way.
pub fn defaults(entry: &mut Entry) {
    let status = match entry.kind {
        Kind::Kb => Some("draft"),
        Kind::Proposal => Some("proposed"),
        Kind::Focus | Kind::Goal => Some("open"),
        _ => None,
    };
    if let Some(s) = status {
        entry
            .fields
            .insert("status".into(), toml::Value::String(s.into()));
    }
    if entry.kind == Kind::Proposal {
        entry.fields.insert(
            "proposed".into(),
            toml::Value::String(crate::clock::today().to_string()),
        );
    }
    if entry.kind == Kind::Rating {
        entry
            .fields
            .insert("rater".into(), toml::Value::String("self".into()));
    }
}

/// Lists as typed, comma-separated or repeated, added to the entry's:
/// skills replace the kind's defaults, tags and products add; duplicates
/// (in any case) go.
pub fn add_lists(entry: &mut Entry, skills: &[String], tags: &[String], products: &[String]) {
    if !skills.is_empty() {
        entry.skills = dedup(skills.iter().flat_map(|s| split_list(s)).collect());
    }
    entry.tags.extend(tags.iter().flat_map(|s| split_list(s)));
    entry.tags = dedup(std::mem::take(&mut entry.tags));
    entry
        .products
        .extend(products.iter().flat_map(|s| split_list(s)));
    entry.products = dedup(std::mem::take(&mut entry.products));
}

/// `KEY=VALUE` as one of the kind's fields, coerced to its type; an empty
/// value removes the field.
pub fn set_field(entry: &mut Entry, kv: &str) -> crate::Result<()> {
    let (key, value) = kv.split_once('=').ok_or_else(|| {
        Error::invalid(format!(
            "--field '{kv}' must look like KEY=VALUE (e.g. confidence=70)"
        ))
    })?;
    let key = key.trim();
    let spec = entry.kind.field(key).ok_or_else(|| {
        let known: Vec<_> = entry.kind.fields().iter().map(|f| f.name).collect();
        Error::invalid(format!(
            "--field: a {} entry has no field '{key}'{}",
            entry.kind,
            if known.is_empty() {
                String::new()
            } else {
                format!(" (fields: {})", known.join(", "))
            }
        ))
        .with_hint("`casebook help kinds` lists every kind's fields")
    })?;
    match entry::coerce_field(spec, value).map_err(|e| Error::invalid(format!("--field: {e}")))? {
        Some(v) => entry.fields.insert(key.to_string(), v),
        None => entry.fields.remove(key),
    };
    Ok(())
}

/// A jot taken over by a new entry: its text, case, tags, products and
/// title.
pub fn take_over(entry: &mut Entry, jot: Entry) {
    entry.body = jot.body;
    entry.case = jot.case;
    entry.tags = jot.tags;
    entry.products = jot.products;
    entry.title = jot.title;
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The items without repeats (in any case), first spelling kept.
pub fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for i in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&i)) {
            out.push(i);
        }
    }
    out
}

/// Every skill of the entry is one of the journal's (when it has a tree).
pub fn check_skills(entry: &Entry, known: &[String]) -> crate::Result<()> {
    if known.is_empty() {
        return Ok(());
    }
    for s in &entry.skills {
        if !known.iter().any(|k| k == s) {
            return Err(Error::invalid(format!("unknown skill '{s}'"))
                .with_hint(format!("skills in this journal: {}", known.join(", "))));
        }
    }
    Ok(())
}

/// The text the editor opens: the entry's front matter, the template's
/// kind fields (their comments are the questions), the template's body.
pub fn editor_text(template: &str, entry: &Entry, errors: &[String]) -> String {
    let template = template.to_string();
    let (tpl_front, tpl_body) = match entry::split_front_matter(&template) {
        Ok(s) => (s.front.to_string(), s.body.to_string()),
        Err(_) => (String::new(), template.clone()),
    };
    let rendered = entry.to_markdown();
    let split = entry::split_front_matter(&rendered).ok();
    let mut out = String::new();
    for e in errors {
        out.push_str(&format!("<!-- error: {e} -->\n"));
    }
    out.push_str("+++\n");
    let common: String = split
        .as_ref()
        .map(|s| {
            s.front
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(|l| format!("{l}\n"))
                .collect()
        })
        .unwrap_or_default();
    out.push_str(&common);
    out.push('\n');
    let mut set: Vec<&str> = Vec::new();
    for line in tpl_front.lines() {
        let key = line.split('=').next().unwrap_or("").trim();
        if !line.trim_start().starts_with('#') && entry.fields.contains_key(key) {
            set.push(entry.kind.field(key).map(|f| f.name).unwrap_or(""));
            out.push_str(&format!("{key} = {}\n", entry.fields[key]));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (k, v) in &entry.fields {
        if !set.contains(&k.as_str())
            && !tpl_front
                .lines()
                .any(|l| l.split('=').next().unwrap_or("").trim() == k)
        {
            out.push_str(&format!("{k} = {v}\n"));
        }
    }
    out.push_str("+++\n");
    if entry.body.trim().is_empty() {
        out.push_str(&tpl_body);
    } else {
        out.push('\n');
        out.push_str(&entry.body);
        out.push('\n');
    }
    out
}

/// `(question, field)` pairs: each field of the template's front matter
/// with the comment line above it as the question.
pub fn template_questions(template: &str) -> Vec<(String, String)> {
    let Ok(split) = entry::split_front_matter(template) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut comment = String::new();
    for line in split.front.lines() {
        let t = line.trim();
        if let Some(c) = t.strip_prefix('#') {
            comment = c.trim().to_string();
        } else if let Some((key, _)) = t.split_once('=') {
            let key = key.trim().to_string();
            let q = if comment.is_empty() {
                key.replace('_', " ")
            } else {
                std::mem::take(&mut comment)
            };
            out.push((q, key));
        }
    }
    out
}

/// What came back from the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Edited {
    /// A valid entry.
    Entry(Box<Entry>),
    /// The text as it was opened (`:q!`, an editor that returned at once).
    Unchanged,
    /// Only blank lines added or headings left, no field touched.
    Blank,
    /// What is wrong, one sentence each.
    Problems(Vec<String>),
}

/// The editor's text without the error lines put on top of it.
pub fn without_errors(edited: &str) -> String {
    edited
        .lines()
        .skip_while(|l| l.starts_with("<!-- error:"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Judges the editor's text (error lines removed) against the text it
/// opened with: an entry at `rel` with known skills, or why not.
pub fn judge_edited(text: &str, start: &str, rel: &str, skills: &[String]) -> Edited {
    if text == start {
        return Edited::Unchanged;
    }
    let mut parsed = match entry::parse(text, rel) {
        Ok(parsed) => parsed,
        Err(p) => return Edited::Problems(vec![p.to_string()]),
    };
    parsed.entry.body = crate::entry::strip_guidance(&parsed.entry.body);
    let mut problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    if let Err(e) = check_skills(&parsed.entry, skills) {
        problems.push(e.message().to_string());
    }
    if !problems.is_empty() {
        return Edited::Problems(problems);
    }
    let as_opened = entry::parse(start, rel).ok().map(|p| {
        let mut e = p.entry;
        e.body = parsed.entry.body.clone();
        e
    });
    if crate::entry::is_blank_template(&parsed.entry.body)
        && as_opened.as_ref() == Some(&parsed.entry)
    {
        return Edited::Blank;
    }
    Edited::Entry(Box::new(parsed.entry))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(kind: Kind) -> Entry {
        let created = chrono::DateTime::parse_from_rfc3339("2026-03-04T10:00:00+00:00").unwrap();
        Entry::new(kind, "Refund loop", "ana-lima", created)
    }

    #[test]
    fn a_kind_starts_with_its_status() {
        let mut kb = new(Kind::Kb);
        defaults(&mut kb);
        assert_eq!(kb.field_str("status"), Some("draft"));
        let mut rating = new(Kind::Rating);
        defaults(&mut rating);
        assert_eq!(rating.field_str("rater"), Some("self"));
    }

    #[test]
    fn lists_split_on_commas_and_lose_repeats_in_any_case() {
        let mut e = new(Kind::Postmortem);
        e.tags = vec!["Refunds".into()];
        add_lists(
            &mut e,
            &[],
            &["refunds, sso".into(), "SSO".into()],
            &["billing,".into()],
        );
        assert_eq!(e.tags, vec!["Refunds".to_string(), "sso".to_string()]);
        assert_eq!(e.products, vec!["billing".to_string()]);
    }

    #[test]
    fn a_field_is_coerced_and_an_unknown_one_names_the_fields() {
        let mut e = new(Kind::Diagnosis);
        set_field(&mut e, "confidence=70").unwrap();
        assert!(e.fields.contains_key("confidence"));
        let err = set_field(&mut e, "confidense=70").unwrap_err();
        assert!(
            err.to_string().contains("has no field 'confidense'"),
            "{err}"
        );
        assert!(err.hint().is_some());
        assert!(set_field(&mut e, "confidence").is_err());
    }

    #[test]
    fn an_unknown_skill_is_refused_only_when_the_journal_has_a_tree() {
        let mut e = new(Kind::Postmortem);
        e.skills = vec!["de-escalation".into()];
        assert!(check_skills(&e, &[]).is_ok());
        let err = check_skills(&e, &["writing".into()]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Invalid);
    }

    #[test]
    fn the_editor_text_is_judged() {
        let start = "+++\nid = \"x\"\n+++\n";
        assert_eq!(judge_edited(start, start, "a.md", &[]), Edited::Unchanged);
        assert!(matches!(
            judge_edited("no front matter", start, "a.md", &[]),
            Edited::Problems(_)
        ));
        assert_eq!(without_errors("<!-- error: x -->\nbody\n"), "body\n");
    }
}
