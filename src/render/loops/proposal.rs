//! `casebook proposal report` as text and JSON.

use super::{Out, Style, json_text};
use crate::entry::one_line;
use crate::loops::proposal::{ProposalReport, Row};
use crate::loops::span::Span;

pub fn json(r: &ProposalReport, span: &Span) -> String {
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "counts": r.counts,
        "median_days_to_ship": r.median_days,
        "days_to_ship_n": r.days_n,
        "shipped": r.shipped(),
        "proposals": r.rows,
    }))
}

pub fn text(r: &ProposalReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    let c = &r.counts;
    out.line(style.bold(&format!("Proposals · {}", span.heading())));
    out.line(format!(
        "  {} raised: {} open, {} accepted, {} shipped, {} rejected{}",
        c.raised,
        c.proposed,
        c.accepted,
        c.shipped,
        c.rejected,
        r.median_days
            .map(|d| format!(" · median {d} day(s) proposed → shipped (n={})", r.days_n))
            .unwrap_or_default()
    ));
    let shipped = r.shipped();
    if !shipped.is_empty() {
        out.line("");
        out.line(
            style.bold(
                "Shipped, and the pattern since (entries team-wide, equal windows each side)",
            ),
        );
        for row in shipped {
            shipped_row(&mut out, row, style);
        }
    }
    let open: Vec<&Row> = r.rows.iter().filter(|r| r.is_open()).collect();
    if !open.is_empty() {
        out.line("");
        out.line(style.bold("Open"));
        for r in open {
            out.line(format!(
                "  {}  {:<8}  {}  {}",
                style.id(&r.id),
                r.status,
                r.target.as_deref().unwrap_or("–"),
                one_line(&r.title)
            ));
        }
    }
    out.done()
}

fn shipped_row(out: &mut Out, r: &Row, style: &Style) {
    out.line(format!(
        "  {}  {}  {}{}",
        style.id(&r.id),
        r.shipped.map(|d| d.to_string()).unwrap_or_default(),
        one_line(&r.title),
        r.change_ref
            .as_deref()
            .map(|c| format!("  [{c}]"))
            .unwrap_or_default()
    ));
    let effect = match (&r.pattern, &r.effect) {
        (Some(p), Some(e)) => format!(
            "{p}: {} before → {} after ({} days each side, n={})",
            e.before, e.after, e.window_days, e.n
        ),
        (Some(p), None) => format!("{p}: too soon to tell (under a week since)"),
        (None, _) => "no pattern recorded".into(),
    };
    out.line(style.dim(&format!("      {effect}")));
}
