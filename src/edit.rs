//! The rules of `casebook edit` that are not the write pipeline's: what
//! an edit may change about an entry.

use crate::entry::{Entry, Kind};
use crate::error::Error;

/// A draft (from `jot`) becomes an entry of `kind` and takes the kind's
/// default skills; any other entry keeps its kind.
pub fn change_kind(entry: &mut Entry, kind: Kind) -> crate::Result<()> {
    if entry.kind == kind {
        return Ok(());
    }
    if entry.kind != Kind::Draft {
        return Err(Error::invalid(format!(
            "--kind: only a draft changes kind; {} is a {} entry",
            entry.id, entry.kind
        )));
    }
    entry.kind = kind;
    entry.skills = kind
        .default_skills()
        .iter()
        .map(|s| s.to_string())
        .collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry_of(kind: Kind) -> Entry {
        let text = format!(
            "+++\nid = \"kqzvmnopabcd\"\nkind = \"{kind}\"\ntitle = \"t\"\ncreated = 2026-01-05T10:00:00+00:00\nperson = \"ana-lima\"\n+++\nbody\n"
        );
        crate::entry::parse(&text, "people/ana-lima/2026/x.md")
            .expect("parses")
            .entry
    }

    #[test]
    fn a_draft_becomes_a_kind_with_its_default_skills() {
        let mut e = entry_of(Kind::Draft);
        change_kind(&mut e, Kind::Postmortem).unwrap();
        assert_eq!(e.kind, Kind::Postmortem);
        let defaults: Vec<String> = Kind::Postmortem
            .default_skills()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(e.skills, defaults);
    }

    #[test]
    fn another_entry_keeps_its_kind() {
        let mut e = entry_of(Kind::Postmortem);
        let err = change_kind(&mut e, Kind::Qa).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Invalid);
        assert!(err.to_string().contains("only a draft changes kind"));
        assert!(change_kind(&mut e, Kind::Postmortem).is_ok());
    }
}
