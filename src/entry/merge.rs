//! A three-way merge of one entry, part by part: what two clones changed in
//! different parts (a tag here, a field there, the body) is combined; a part
//! both changed to different values is a conflict, and the caller keeps
//! theirs beside ours as before.

use super::Entry;
use std::collections::BTreeSet;

/// The entry with both sides' changes, or `None` when one part (a field,
/// the title, the body, ...) was changed differently on each side.
/// `updated` is never a conflict: the later of the two is kept.
pub fn merge3(base: &Entry, ours: &Entry, theirs: &Entry) -> Option<Entry> {
    fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Option<T> {
        if ours == theirs || theirs == base {
            Some(ours.clone())
        } else if ours == base {
            Some(theirs.clone())
        } else {
            None
        }
    }
    let mut fields = std::collections::BTreeMap::new();
    let keys: BTreeSet<&String> = base
        .fields
        .keys()
        .chain(ours.fields.keys())
        .chain(theirs.fields.keys())
        .collect();
    for key in keys {
        let value = pick(
            &base.fields.get(key),
            &ours.fields.get(key),
            &theirs.fields.get(key),
        )?;
        if let Some(v) = value {
            fields.insert(key.clone(), v.clone());
        }
    }
    Some(Entry {
        id: pick(&base.id, &ours.id, &theirs.id)?,
        kind: pick(&base.kind, &ours.kind, &theirs.kind)?,
        title: pick(&base.title, &ours.title, &theirs.title)?,
        person: pick(&base.person, &ours.person, &theirs.person)?,
        created: pick(&base.created, &ours.created, &theirs.created)?,
        updated: ours.updated.max(theirs.updated),
        skills: pick(&base.skills, &ours.skills, &theirs.skills)?,
        tags: pick(&base.tags, &ours.tags, &theirs.tags)?,
        products: pick(&base.products, &ours.products, &theirs.products)?,
        case: pick(&base.case, &ours.case, &theirs.case)?,
        tier: pick(&base.tier, &ours.tier, &theirs.tier)?,
        links: pick(&base.links, &ours.links, &theirs.links)?,
        private: pick(&base.private, &ours.private, &theirs.private)?,
        aliases: pick(&base.aliases, &ours.aliases, &theirs.aliases)?,
        imported_from: pick(
            &base.imported_from,
            &ours.imported_from,
            &theirs.imported_from,
        )?,
        import_hash: pick(&base.import_hash, &ours.import_hash, &theirs.import_hash)?,
        fields,
        body: pick(&base.body, &ours.body, &theirs.body)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    fn base() -> Entry {
        let created = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Note, "Shared", "ana-lima", created);
        e.body = "v1\n".into();
        e.fields
            .insert("confidence".into(), toml::Value::Integer(60));
        e
    }

    #[test]
    fn different_parts_combine_and_one_part_changed_twice_is_a_conflict() {
        let b = base();
        let mut ours = b.clone();
        ours.tags = vec!["billing".into()];
        ours.body = "v2\n".into();
        let mut theirs = b.clone();
        theirs
            .fields
            .insert("confidence".into(), toml::Value::Integer(80));
        theirs
            .fields
            .insert("actual".into(), toml::Value::String("IdP".into()));
        let m = merge3(&b, &ours, &theirs).unwrap();
        assert_eq!(m.tags, vec!["billing"]);
        assert_eq!(m.body, "v2\n");
        assert_eq!(m.field_int("confidence"), Some(80));
        assert_eq!(m.field_str("actual"), Some("IdP"));
        // A field one side removed and the other left alone is removed.
        let mut gone = b.clone();
        gone.fields.remove("confidence");
        assert_eq!(merge3(&b, &gone, &b).unwrap().field_int("confidence"), None);
        // The same change on both sides is no conflict; different ones are.
        assert!(merge3(&b, &theirs, &theirs).is_some());
        let mut other = b.clone();
        other
            .fields
            .insert("confidence".into(), toml::Value::Integer(90));
        assert!(merge3(&b, &theirs, &other).is_none());
        let mut body = b.clone();
        body.body = "v3\n".into();
        assert!(merge3(&b, &ours, &body).is_none());
    }
}
