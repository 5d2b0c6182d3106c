//! `casebook kb report | stale | deflections import` as text and JSON.

use super::{Out, Style, json_text, pct_text};
use crate::entry::one_line;
use crate::loops::kb::{Article, Estimated, KbReport};
use crate::loops::span::Span;
use std::collections::HashMap;

pub fn report_json(r: &KbReport, span: &Span) -> String {
    let f = &r.figures;
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "articles": r.articles,
        "totals": {
            "articles": f.written,
            "drafts": f.drafts,
            "published": f.published,
            "retired": f.retired,
            "deflections": f.deflections,
            "corrections": r.corrections,
            "findability_fixes": r.findability_fixes,
            "current": r.current,
            "deflection_estimate": r.estimate,
            "deflection_estimate_is_estimate": true,
            "stale": r.stale,
            "verified_within_interval_percent": r.verified_share,
            "median_days_to_publish": f.median_days_to_publish,
            "days_to_publish_n": f.days_to_publish_n,
        },
    }))
}

pub fn report_text(r: &KbReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    out.line(style.bold(&format!("Knowledge base · {}", span.heading())));
    for a in r.articles.iter().rev() {
        article(&mut out, a, style);
    }
    out.line("");
    let f = &r.figures;
    out.line(format!(
        "  {} article(s): {} draft, {} published, {} retired · {} current ({}), {} stale · {} correction(s) · {} findability fix(es) · {} deflection(s){}{}",
        f.written,
        f.drafts,
        f.published,
        f.retired,
        r.current,
        pct_text(r.verified_share),
        r.stale,
        r.corrections,
        r.findability_fixes,
        f.deflections,
        r.estimate
            .map(|n| format!(" · ~{n} deflected (analytics estimate)"))
            .unwrap_or_default(),
        f.median_days_to_publish
            .map(|d| format!(
                " · median {d} day(s) from first seen to published (n={})",
                f.days_to_publish_n
            ))
            .unwrap_or_default()
    ));
    out.done()
}

fn article(out: &mut Out, a: &Article, style: &Style) {
    out.line(format!(
        "  {}  {:<9} {}{}",
        style.id(&a.id),
        a.status,
        one_line(&a.title),
        a.article_id
            .as_deref()
            .map(|x| format!("  [{x}]"))
            .unwrap_or_default()
    ));
    out.line(style.dim(&format!("      {}", facts(a).join(" · "))));
    if a.is_stale() {
        out.line(style.yellow(&format!(
            "      review overdue by {} day(s): casebook kb verify {} --ok",
            a.days_overdue,
            &a.id[..6]
        )));
    }
}

fn facts(a: &Article) -> Vec<String> {
    let dates = [
        a.first_seen.map(|d| format!("first seen {d}")),
        a.published.map(|d| format!("published {d}")),
        a.retired.map(|d| format!("retired {d}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let mut facts = vec![format!("{} deflection(s)", a.deflections)];
    if let Some(n) = a.deflection_estimate {
        facts.push(format!("~{n} deflected (analytics estimate)"));
    }
    if a.corrections > 0 {
        facts.push(format!("{} correction(s)", a.corrections));
    }
    if a.findability_fixes > 0 {
        facts.push(format!("{} findability fix(es)", a.findability_fixes));
    }
    if a.current {
        facts.push("current".into());
    }
    if !dates.is_empty() {
        facts.push(dates);
    }
    if let Some(c) = a.gap_case.as_deref().or(a.gap_entry.as_deref()) {
        facts.push(format!("gap {c}"));
    }
    if a.status == "published" {
        facts.push(match a.last_verified {
            Some(d) => format!("verified {d}"),
            None => "never verified".into(),
        });
    }
    facts
}

/// The stale list as JSON: each article with its file's path.
pub fn stale_json(list: &[Article], paths: &HashMap<String, String>) -> String {
    let entries: Vec<_> = list
        .iter()
        .map(|a| {
            let mut v = serde_json::to_value(a).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert("path".into(), paths.get(&a.id).cloned().into());
            }
            v
        })
        .collect();
    json_text(&serde_json::json!({ "entries": entries }))
}

pub fn stale_text(list: &[Article], style: &Style) -> String {
    let mut out = Out::default();
    for a in list {
        out.line(format!(
            "{}  {} overdue {:>3}d  {}",
            style.id(&a.id),
            a.review_due.map(|d| d.to_string()).unwrap_or_default(),
            a.days_overdue,
            one_line(&a.title)
        ));
    }
    out.done()
}

/// What an estimates import would write.
pub fn estimates_dry_run(list: &[Estimated]) -> String {
    let mut out = Out::default();
    for a in list {
        out.line(format!("{} {}  ~{}", a.id, a.path, a.deflection_estimate));
    }
    out.done()
}

pub fn estimates_text(list: &[Estimated]) -> String {
    let mut out = Out::default();
    for a in list {
        out.line(format!("{} {}", a.id, a.path));
    }
    out.done()
}

pub fn estimates_json(list: &[Estimated], unknown: &[String], commit: &str) -> String {
    json_text(&serde_json::json!({
        "updated": list.len(),
        "unknown": unknown,
        "commit": commit,
        "articles": list,
    }))
}
