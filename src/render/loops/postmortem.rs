//! `casebook phrases` (`postmortem phrases`) as text and JSON.

use super::{Out, Style, json_text};
use crate::entry::one_line;
use crate::loops::Phrase;

pub fn json(list: &[Phrase]) -> String {
    json_text(&serde_json::json!({ "phrases": list }))
}

/// Each phrase, the situation it worked in, and where it comes from.
pub fn text(list: &[Phrase], style: &Style) -> String {
    let mut out = Out::default();
    for p in list {
        out.line(format!("“{}”", one_line(&p.phrase)));
        if let Some(c) = &p.context {
            out.line(format!("    when: {}", one_line(c)));
        }
        let sentiment = match (p.sentiment_start, p.sentiment_end) {
            (Some(a), Some(b)) => format!(" · sentiment {a}→{b}"),
            _ => String::new(),
        };
        out.line(style.dim(&format!(
            "    {}{} · {}{sentiment}",
            p.case.as_deref().map(|c| format!("{c} · ")).unwrap_or_default(),
            p.date,
            &p.id[..6.min(p.id.len())]
        )));
    }
    out.done()
}
