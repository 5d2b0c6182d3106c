//! `casebook escalation report` (and `escalations`) as text and JSON.

use super::{Out, Style, json_text, pct_text};
use crate::entry::one_line;
use crate::loops::escalation::EscalationReport;
use crate::loops::percent;
use crate::loops::span::Span;

pub fn json(r: &EscalationReport, span: &Span) -> String {
    let s = &r.split;
    let categorised = s.categorised();
    let share = |n| serde_json::json!({"n": n, "percent": percent(n, categorised)});
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "split": {
            "total": s.total,
            "categorised": categorised,
            "uncategorised": s.total - categorised,
            "should_have_handled": share(s.should_have_handled),
            "correctly_escalated": share(s.correctly_escalated),
            "escalated_late": share(s.escalated_late),
            // The category's name before escalated-late; kept for scripts.
            "correct_but_late": share(s.escalated_late),
        },
        "trend": {
            "window": r.window,
            "months": r.trend.by_month,
            "halves": r.trend.trend,
        },
        "repeated_patterns": {"window": r.window, "entries": r.repeated},
    }))
}

pub fn text(r: &EscalationReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    let s = &r.split;
    let categorised = s.categorised();
    out.line(style.bold(&format!("Escalations · {}", span.heading())));
    for (name, n) in [
        ("should have handled", s.should_have_handled),
        ("correctly escalated", s.correctly_escalated),
        ("escalated late", s.escalated_late),
    ] {
        out.line(format!(
            "  {name:<20} {n:>4}  {:>6}",
            pct_text(percent(n, categorised))
        ));
    }
    let rest = s.total - categorised;
    let rest = if rest > 0 {
        format!(", {rest} not categorised")
    } else {
        String::new()
    };
    out.line(style.dim(&format!("  {} escalation(s){rest}", s.total)));
    out.line("");
    trend(&mut out, r, style);
    out.line("");
    repeated(&mut out, r, style);
    out.done()
}

fn trend(out: &mut Out, r: &EscalationReport, style: &Style) {
    out.line(style.bold("Month by month (share the agent should have handled)"));
    // Months before the first escalation are noise to a reader.
    let months = &r.trend.by_month;
    let first = months.iter().position(|m| m.total > 0).unwrap_or(0);
    for m in &months[first..] {
        out.line(format!(
            "  {}  {:>3} escalation(s)  {:>3} should have handled  {:>6}",
            m.month,
            m.total,
            m.should_have_handled,
            pct_text(
                m.should_have_handled_share
                    .map(|s| (s * 1000.0).round() / 10.0)
            )
        ));
    }
    if let Some(t) = &r.trend.trend {
        let direction = if t.second_half_share < t.first_half_share {
            "falling"
        } else if t.second_half_share > t.first_half_share {
            "rising"
        } else {
            "flat"
        };
        out.line(style.dim(&format!(
            "  first half {:.0} % (n={}), second half {:.0} % (n={}): {direction}",
            t.first_half_share * 100.0,
            t.first_half_n,
            t.second_half_share * 100.0,
            t.second_half_n,
        )));
    }
}

fn repeated(out: &mut Out, r: &EscalationReport, style: &Style) {
    if r.repeated.is_empty() {
        out.line(
            style.dim("No pattern, tag or product repeats among should-have-handled escalations."),
        );
        return;
    }
    out.line(style.bold("Repeated among should-have-handled (since the trend began)"));
    for p in &r.repeated {
        out.line(format!("  {} {} ×{} → {}", p.field, p.value, p.n, p.needs));
        out.line(format!("      {}", one_line(&p.suggestion)));
        for pr in &p.proposals {
            out.line(style.dim(&format!(
                "      proposal {}  {} ({})",
                &pr.id[..6],
                one_line(&pr.title),
                pr.status
            )));
        }
        if let Some(cmd) = &p.suggested_proposal {
            out.line(format!("      no proposal yet: {}", one_line(cmd)));
        }
        for k in &p.kb {
            out.line(style.dim(&format!(
                "      kb {}  {} ({})",
                &k.id[..6],
                one_line(&k.title),
                k.status
            )));
        }
    }
}
