//! `casebook handoff report` (and `handoffs`) as text and JSON.

use super::{Out, Style, json_text};
use crate::loops::handoff::HandoffReport;
use crate::loops::span::Span;
use crate::review::NamedCount;

fn items(v: &[NamedCount]) -> Vec<serde_json::Value> {
    v.iter()
        .map(|c| serde_json::json!({"item": c.name, "n": c.n}))
        .collect()
}

pub fn json(r: &HandoffReport, span: &Span) -> String {
    let by: Vec<_> = r
        .by_function
        .iter()
        .map(|x| {
            serde_json::json!({
                "function": x.function,
                "n": x.n,
                "with_feedback": x.with_feedback,
                "requested": items(&x.requested),
            })
        })
        .collect();
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "total": r.figures.total,
        "with_feedback": r.figures.with_feedback,
        "by_function": by,
        "requested": items(&r.requested),
    }))
}

pub fn text(r: &HandoffReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    out.line(style.bold(&format!("Hand-offs · {}", span.heading())));
    for x in &r.by_function {
        out.line(format!(
            "  {:<17} {:>3} hand-off(s), {} with feedback",
            x.function, x.n, x.with_feedback
        ));
        if !x.requested.is_empty() {
            let list: Vec<String> = x
                .requested
                .iter()
                .map(|c| format!("{} ×{}", c.name, c.n))
                .collect();
            out.line(style.dim(&format!("      they asked for: {}", list.join(", "))));
        }
    }
    let f = &r.figures;
    if f.total > 0 && f.with_feedback < f.total {
        out.line("");
        out.line(style.dim(&format!(
            "{} hand-off(s) without feedback: ask what was missing, then casebook handoff feedback ID -m TEXT",
            f.total - f.with_feedback
        )));
    }
    out.done()
}
