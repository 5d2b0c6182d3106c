//! `casebook approval report` as text and JSON.

use super::{Out, Style, json_text, pct_text};
use crate::entry::one_line;
use crate::loops::approval::ApprovalReport;
use crate::loops::span::Span;

pub fn json(r: &ApprovalReport, span: &Span) -> String {
    let mut json = serde_json::to_value(r).unwrap_or_default();
    if let Some(o) = json.as_object_mut() {
        o.insert("person".into(), span.person.clone().into());
        o.insert(
            "period".into(),
            serde_json::to_value(span.period()).unwrap_or_default(),
        );
    }
    json_text(&json)
}

pub fn text(r: &ApprovalReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    out.line(style.bold(&format!("Approvals · {}", span.heading())));
    out.line(format!(
        "  {:<20} {:>5} {:>8} {:>7} {:>8} {:>9}  {:>6} {:>6}  reversed",
        "gate", "n", "approved", "amended", "rejected", "escalated", "amend", "reject"
    ));
    for g in &r.by_gate {
        out.line(format!(
            "  {:<20} {:>5} {:>8} {:>7} {:>8} {:>9}  {:>6} {:>6}  {}",
            one_line(&g.gate),
            g.decisions,
            g.approved,
            g.amended,
            g.rejected,
            g.escalated,
            pct_text(g.amend_rate_percent),
            pct_text(g.reject_rate_percent),
            g.reversals
        ));
    }
    out.line(style.dim(&format!(
        "  {} decision(s): amended {}, rejected {} · {} reversed · complaints {}, chargebacks {}",
        r.decisions,
        pct_text(r.amend_rate_percent),
        pct_text(r.reject_rate_percent),
        r.reversals,
        r.outcomes.get("complaint").copied().unwrap_or(0),
        r.outcomes.get("chargeback").copied().unwrap_or(0),
    )));
    for (title, reasons) in [
        ("Why amended", &r.top_amend_reasons),
        ("Why rejected", &r.top_reject_reasons),
    ] {
        if reasons.is_empty() {
            continue;
        }
        out.line("");
        out.line(style.bold(title));
        for x in reasons {
            out.line(format!("  ×{}  {}", x.n, x.reason));
        }
    }
    out.done()
}
