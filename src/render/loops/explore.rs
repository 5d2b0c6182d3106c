//! `casebook explore report` as text and JSON.

use super::{Out, Style, json_text};
use crate::loops::explore::ExploreReport;
use crate::loops::span::Span;

pub fn json(r: &ExploreReport, span: &Span) -> String {
    let (f, target) = (&r.figures, r.target);
    let weeks: Vec<_> = f
        .by_week
        .iter()
        .map(|w| serde_json::json!({"week": w.week, "minutes": w.n, "target": target, "met": r.met(w.n)}))
        .collect();
    let areas: Vec<_> = f
        .areas
        .iter()
        .map(|a| serde_json::json!({"area": a.name, "minutes": a.n}))
        .collect();
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "target_per_week": target,
        "this_week": {"week": r.this_week, "minutes": r.done, "target": target, "met": r.met(r.done)},
        "sessions": f.sessions,
        "minutes": f.minutes,
        "per_week": (f.per_week * 10.0).round() / 10.0,
        "weeks_at_target": f.weeks_at_target,
        "weeks": weeks,
        "areas": areas,
    }))
}

pub fn text(r: &ExploreReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    let (f, target) = (&r.figures, r.target);
    out.line(style.bold(&format!("Exploration · {}", span.heading())));
    out.line(format!(
        "  this week ({}): {}/{target} min",
        r.this_week, r.done
    ));
    out.line("");
    for w in &f.by_week {
        let mark = if r.met(w.n) {
            style.green("✓")
        } else {
            style.yellow("·")
        };
        let bar = "█".repeat((w.n / 10).min(30) as usize);
        out.line(format!(
            "  {}  {:>4}/{target} min {mark} {bar}",
            w.week, w.n
        ));
    }
    out.line(style.dim(&format!(
        "  {} min in {} session(s), {:.0} min a week, {} of {} weeks at target",
        f.minutes,
        f.sessions,
        f.per_week,
        f.weeks_at_target,
        f.by_week.len()
    )));
    if !f.areas.is_empty() {
        out.line("");
        out.line(style.bold("Areas"));
        for a in &f.areas {
            out.line(format!("  {:<28} {:>5} min", a.name, a.n));
        }
    }
    out.done()
}
