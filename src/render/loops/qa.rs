//! `casebook qa sample | report` as text and JSON.

use super::{Out, Style, json_text};
use crate::loops::qa::QaReport;
use crate::loops::sample::Population;
use crate::loops::span::Span;

/// A drawn sample, to stdout or a file.
pub struct Drawn<'a> {
    pub picked: &'a [String],
    pub pop: &'a Population,
    pub risky: usize,
    pub seed: &'a str,
    pub week: &'a str,
}

pub fn sample_json(d: &Drawn) -> String {
    json_text(&serde_json::json!({
        "tickets": d.picked,
        "n": d.picked.len(),
        "population": d.pop.ids.len(),
        "column": d.pop.column,
        "risky": d.risky,
        "seed": d.seed,
        "week": d.week,
    }))
}

/// One ticket id a line.
pub fn sample_text(d: &Drawn) -> String {
    d.picked.iter().map(|t| format!("{t}\n")).collect()
}

/// The status line after a sample: how many of how many, and the seed.
pub fn sample_status(d: &Drawn) -> String {
    format!(
        "{} of {} ticket(s){}, seed {}: the same seed draws the same sample",
        d.picked.len(),
        d.pop.ids.len(),
        d.pop
            .column
            .as_deref()
            .map(|c| format!(" from column '{c}'"))
            .unwrap_or_default(),
        d.seed
    )
}

pub fn report_json(r: &QaReport, span: &Span) -> String {
    let (f, target) = (&r.figures, r.target);
    let weeks: Vec<_> = f
        .by_week
        .iter()
        .map(|w| serde_json::json!({"week": w.week, "samples": w.n, "target": target, "met": w.n >= u64::from(target)}))
        .collect();
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "target_per_week": target,
        "this_week": {"week": r.this_week, "samples": r.done_this_week, "target": target, "met": r.done_this_week >= target as usize},
        "samples": f.samples,
        "per_week": (f.per_week * 100.0).round() / 100.0,
        "weeks_at_target": f.weeks_at_target,
        "weeks": weeks,
        "dimensions": f.dimensions,
        "critical_fails": f.critical_fails,
        "missed_escalations": f.missed_escalations,
        "flags": {
            "raised": f.flags_raised,
            "open": f.flags_open,
            "closed": f.flags_closed,
            "dismissed": f.flags_dismissed,
        },
    }))
}

pub fn report_text(r: &QaReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    let (f, target) = (&r.figures, r.target);
    out.line(style.bold(&format!("QA sampling · {}", span.heading())));
    out.line(format!(
        "  this week ({}): {}/{target} samples",
        r.this_week, r.done_this_week
    ));
    out.line("");
    for w in &f.by_week {
        let bar = "█".repeat(w.n.min(30) as usize);
        let mark = if w.n >= u64::from(target) {
            style.green("✓")
        } else {
            style.yellow("·")
        };
        out.line(format!("  {}  {:>3}/{target} {mark} {bar}", w.week, w.n));
    }
    out.line(style.dim(&format!(
        "  {} samples, {:.1} a week, {} of {} weeks at target",
        f.samples,
        f.per_week,
        f.weeks_at_target,
        f.by_week.len()
    )));
    out.line("");
    out.line(style.bold("Pass rate per dimension (score 4 or 5)"));
    for d in &f.dimensions {
        out.line(format!(
            "  {:<11} {:>6}  ({}/{})",
            d.dimension,
            d.pass_rate
                .map_or("–".to_string(), |r| format!("{:.0} %", r * 100.0)),
            d.passed,
            d.n
        ));
    }
    out.line("");
    out.line(format!(
        "  critical fails {} · missed escalations {} · flags raised {}, open {}, closed (retrained) {}, dismissed (won't fix) {}",
        f.critical_fails,
        f.missed_escalations,
        f.flags_raised,
        f.flags_open,
        f.flags_closed,
        f.flags_dismissed
    ));
    out.done()
}
