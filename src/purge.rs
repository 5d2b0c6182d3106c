//! What `casebook purge` erases: text about a case, customer or company
//! (an erasure request), or case text past the journal's retention
//! setting, from the files and every commit of history, in the journal and
//! in the private repository. A plan says what goes; `apply` rewrites.

use crate::entry;
use crate::error::Error;
use crate::journal::{Journal, PurgeReport, Rewrite};
use crate::session::Session;
use chrono::NaiveDate;

/// What a mention is replaced with.
pub const PURGED: &str = "[purged]";

type Transform = Box<dyn Fn(&str, &[u8]) -> Rewrite>;
type MessageRewrite = Box<dyn Fn(&str) -> String>;

/// A purge, decided but not applied.
pub struct PurgePlan {
    /// What goes, in words: "'ZD-4821'", "case text older than 2025-01-01".
    pub what: String,
    transform: Transform,
    messages: MessageRewrite,
}

/// Case text older than `retention.case_text_days` is replaced by a note;
/// the learning stays: title, fields and figures.
pub fn expired(journal: &Journal, today: NaiveDate) -> crate::Result<PurgePlan> {
    let days = journal.config.retention.case_text_days;
    if days == 0 {
        return Err(Error::invalid(
            "retention.case_text_days is 0 (keep forever) in casebook.toml",
        ));
    }
    let cutoff = today - chrono::Duration::days(days as i64);
    let note = format!("_Case text expired under the journal's retention setting ({days} days)._");
    let transform = move |path: &str, bytes: &[u8]| -> Rewrite {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Rewrite::Keep;
        };
        let Ok(parsed) = entry::parse(text, path) else {
            return Rewrite::Keep;
        };
        let mut e = parsed.entry;
        if e.created.date_naive() >= cutoff || e.case.is_none() || e.body.trim() == note {
            return Rewrite::Keep;
        }
        e.body = note.clone();
        Rewrite::Replace(e.to_markdown().into_bytes())
    };
    Ok(PurgePlan {
        what: format!("case text older than {cutoff}"),
        transform: Box::new(transform),
        messages: Box::new(|m: &str| m.to_string()),
    })
}

/// Entries about the case `needle` are removed; mentions of it elsewhere,
/// in any case, are redacted, and so are commit messages that name it or
/// carry the title of an entry about it.
pub fn reference(journal: &Journal, needle: &str) -> crate::Result<PurgePlan> {
    if needle.trim().chars().count() < 3 {
        return Err(Error::invalid(
            "the text to purge must have at least 3 characters",
        ));
    }
    let n1 = needle.to_string();
    let transform = move |path: &str, bytes: &[u8]| -> Rewrite {
        let text = String::from_utf8_lossy(bytes);
        if !contains_ci(&text, &n1) {
            return Rewrite::Keep;
        }
        let about_it = entry::parse(&text, path)
            .ok()
            .and_then(|p| p.entry.case)
            .is_some_and(|c| c.eq_ignore_ascii_case(n1.trim()));
        if about_it {
            Rewrite::Remove
        } else {
            Rewrite::Replace(replace_ci(&text, &n1, PURGED).into_bytes())
        }
    };
    let titles = titles_about(journal, needle)?;
    let n2 = needle.to_string();
    Ok(PurgePlan {
        what: format!("'{needle}'"),
        transform: Box::new(transform),
        messages: Box::new(move |m: &str| {
            let mut out = replace_ci(m, &n2, PURGED);
            for t in &titles {
                out = out.replace(t.as_str(), PURGED);
            }
            out
        }),
    })
}

/// The titles of every version of an entry about the case, longest first
/// (so a title that contains another goes whole): a commit subject carries
/// the title, and an old write may have put personal data there.
fn titles_about(journal: &Journal, needle: &str) -> crate::Result<Vec<String>> {
    let mut titles: Vec<String> = Vec::new();
    journal.each_historic_blob(|blob| {
        if let Ok(p) = entry::parse(&blob.text, &blob.path)
            && p.entry
                .case
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(needle.trim()))
        {
            let t = entry::one_line(&p.entry.title);
            if t.trim().chars().count() >= 3 && !titles.contains(&t) {
                titles.push(t);
            }
        }
    })?;
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    Ok(titles)
}

/// Rewrites history by the plan; the index is rebuilt from the new HEAD.
pub fn apply(session: &mut Session, plan: &PurgePlan) -> crate::Result<PurgeReport> {
    let report = session
        .journal()
        .rewrite_history(&*plan.transform, &*plan.messages)?;
    session.index_changed();
    Ok(report)
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

/// Replaces every case-insensitive occurrence of `needle` (ASCII folding, so
/// byte offsets stay aligned).
fn replace_ci(text: &str, needle: &str, with: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let n = needle.to_ascii_lowercase();
    if n.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in lower.match_indices(&n) {
        if i < last {
            continue;
        }
        out.push_str(&text[last..i]);
        out.push_str(with);
        last = i + n.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_any_case() {
        assert_eq!(
            replace_ci("ZD-4821 and zd-4821!", "zd-4821", "[purged]"),
            "[purged] and [purged]!"
        );
        assert_eq!(replace_ci("abc", "", "x"), "abc");
        assert!(contains_ci("Acme CORP here", "acme corp"));
    }
}
