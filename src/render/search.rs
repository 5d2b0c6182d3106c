//! `casebook search`: hits as text (title, id · kind · date · person ·
//! path, the snippet with matched words bold), as one JSON document, or as
//! JSON Lines. Both come from the same `SearchResult`.

use super::term::{BOLD, CYAN, DIM, MAGENTA, Style, YELLOW};
use crate::entry::one_line;
use crate::search::{Hit, SearchResult};

fn hit_json(hit: &Hit) -> serde_json::Value {
    let e = &hit.item.entry;
    serde_json::json!({
        "id": e.id, "title": e.title, "kind": e.kind.as_str(), "created": e.created.to_rfc3339(),
        "person": e.person, "path": hit.item.path, "score": hit.score, "case": e.case,
        "tags": e.tags, "skills": e.skills, "snippet": hit.fragment, "matched_in": hit.part,
        "highlights": hit.ranges.iter().map(|(a, b)| [*a, *b]).collect::<Vec<_>>(),
        "edited_since_commit": hit.edited,
    })
}

/// One document: the hits, the total and the query searched instead of
/// the one typed, if any.
pub fn json(result: &SearchResult, corrected: Option<&str>) -> String {
    let list: Vec<_> = result.hits.iter().map(hit_json).collect();
    let mut json = serde_json::json!({ "hits": list, "total": result.total });
    if let Some(q) = corrected {
        json["corrected_query"] = serde_json::json!(q);
    }
    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
}

pub fn jsonl(result: &SearchResult) -> String {
    result
        .hits
        .iter()
        .map(|h| hit_json(h).to_string() + "\n")
        .collect()
}

pub fn text(result: &SearchResult, style: &Style) -> String {
    let mut out = String::new();
    for hit in &result.hits {
        let e = &hit.item.entry;
        let score = if hit.score > 0.0 {
            format!("  {:.2}", hit.score)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}{}\n",
            style.paint(BOLD, &one_line(&e.title)),
            style.paint(DIM, &score)
        ));
        out.push_str(&format!(
            "  {} · {} · {} · {} · {}\n",
            style.id(e.id.as_str(), hit.prefix_len),
            style.paint(CYAN, e.kind.as_str()),
            e.created.format("%Y-%m-%d"),
            style.paint(MAGENTA, &e.person),
            style.paint(DIM, &hit.item.path)
        ));
        // Where only the title matched, it is printed above: show the
        // body's start instead.
        let snippet = match hit.part.as_deref() {
            Some("title") => highlight(style, &hit.excerpt, &[]),
            _ => highlight(style, &hit.fragment, &hit.ranges),
        };
        match hit.part.as_deref() {
            Some(field) if field != "body" && field != "title" => {
                out.push_str(&format!("  {}: {snippet}\n", style.paint(DIM, field)))
            }
            _ => out.push_str(&format!("  {snippet}\n")),
        }
        if hit.edited {
            out.push_str(&format!(
                "  {}\n",
                style.paint(
                    YELLOW,
                    "(edited since its last commit: the index has the committed text)"
                )
            ));
        }
        out.push('\n');
    }
    out
}

/// The status line said when a fixed query was searched.
pub fn corrected_notice(shown: &str, fixes: &[(String, String)]) -> String {
    format!(
        "showing results for {} (no entry contains {}; --exact searches the words as typed)",
        one_line(shown),
        fixes
            .iter()
            .map(|(w, _)| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The fragment on one line, with matched words bold (as is without colour).
fn highlight(style: &Style, fragment: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(start, end) in ranges {
        if start < last
            || end > fragment.len()
            || !fragment.is_char_boundary(start)
            || !fragment.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&one_line(&fragment[last..start]));
        let word = one_line(&fragment[start..end]);
        out.push_str(&style.paint(&format!("{BOLD}{YELLOW}"), &word));
        last = end;
    }
    out.push_str(&one_line(&fragment[last.min(fragment.len())..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_skip_ranges_that_do_not_fit() {
        let plain = Style { color: false };
        assert_eq!(
            highlight(&plain, "a  refund\nloop", &[(3, 9), (2, 4), (0, 99)]),
            "a refund loop"
        );
        let colour = Style { color: true };
        let h = highlight(&colour, "a refund", &[(2, 8)]);
        assert!(h.contains(&format!("{BOLD}{YELLOW}refund")), "{h}");
    }
}
