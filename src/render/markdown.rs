//! The pack as Markdown: headings, tables and lists that paste cleanly
//! into Notion, Confluence or a forge.

use super::status_label;
use crate::review::{EvidenceItem, EvidencePack};
use std::fmt::Write;

/// One line of user text, safe inside a table cell or a list item.
fn cell(text: &str) -> String {
    crate::cli::ui::one_line(text).replace('|', "\\|")
}

fn evidence(out: &mut String, items: &[EvidenceItem], indent: &str) {
    for e in items {
        let _ = writeln!(
            out,
            "{indent}- **{}** ({}, {}; {}) `{}` · `{}`",
            cell(&e.title),
            e.kind,
            e.date,
            cell(&e.why),
            e.id,
            e.path
        );
        if !e.excerpt.is_empty() {
            let _ = writeln!(out, "{indent}  > {}", cell(&e.excerpt));
        }
    }
}

pub fn render(p: &EvidencePack) -> String {
    let mut o = String::new();
    let h = &p.header;
    let _ = writeln!(o, "# Evidence pack: {}, {}", cell(&h.person), h.period);
    let _ = writeln!(o);
    let _ = writeln!(o, "- Period: {} to {}", h.period_start, h.period_end);
    if let Some(l) = &h.level {
        let _ = writeln!(o, "- Current level: {}", l.name);
    }
    if let Some(t) = &h.target {
        let _ = writeln!(
            o,
            "- Target level: {}{}",
            t.name,
            if h.target_assumed {
                " (assumed; pass --target LEVEL)"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(
        o,
        "- Generated {} from commit `{}`",
        h.generated,
        h.commit
            .as_deref()
            .map(|c| &c[..c.len().min(10)])
            .unwrap_or("none")
    );
    let _ = writeln!(o);

    let out = &p.outcomes;
    let _ = writeln!(o, "## Outcomes and changes to the system");
    let _ = writeln!(o);
    if out.proposals_shipped.is_empty() && out.kb_published.is_empty() && out.metrics.is_empty() {
        let _ = writeln!(
            o,
            "No shipped proposals, published articles or helpdesk figures in this period yet."
        );
    }
    if !out.proposals_shipped.is_empty() {
        let _ = writeln!(o, "**Changes shipped to the agent and the system**");
        let _ = writeln!(o);
        for s in &out.proposals_shipped {
            let _ = writeln!(
                o,
                "- {} ({}; {}{}) `{}`",
                cell(&s.item.title),
                s.target.as_deref().unwrap_or("change"),
                s.shipped
                    .map(|d| format!("shipped {d}"))
                    .unwrap_or_else(|| "shipped".into()),
                s.change_ref
                    .as_deref()
                    .map(|r| format!(", {}", cell(r)))
                    .unwrap_or_default(),
                s.item.id
            );
        }
        let _ = writeln!(o);
    }
    if !out.kb_published.is_empty() {
        let _ = writeln!(
            o,
            "**Knowledge-base articles published**: {} ({} deflections, an estimate)",
            out.kb_published.len(),
            out.total_deflections
        );
        let _ = writeln!(o);
        for a in &out.kb_published {
            let _ = writeln!(
                o,
                "- {}{}: {} deflections `{}`",
                cell(&a.item.title),
                a.article_id
                    .as_deref()
                    .map(|x| format!(" ({})", cell(x)))
                    .unwrap_or_default(),
                a.deflections,
                a.item.id
            );
        }
        let _ = writeln!(o);
    }
    if !out.metrics.is_empty() {
        let _ = writeln!(o, "**Helpdesk figures**");
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "| period | CSAT | n | re-open rate | FCR | QA score | cases (context) | source |"
        );
        let _ = writeln!(o, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        let f = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_else(|| "–".into());
        let i = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_else(|| "–".into());
        for m in &out.metrics {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&m.period),
                f(m.csat),
                i(m.csat_n),
                f(m.reopen_rate),
                f(m.fcr),
                f(m.qa_score),
                i(m.cases_handled),
                cell(m.source.as_deref().unwrap_or(""))
            );
        }
        let _ = writeln!(o);
    }

    if let Some(t) = &h.target {
        let _ = writeln!(o, "## Criteria for {}", t.name);
        let _ = writeln!(o);
        for c in &p.criteria {
            let mark = match c.status {
                crate::review::Status::Met => "✅",
                crate::review::Status::NotYet => "⏳",
                crate::review::Status::ToBeConfirmed => "❔",
            };
            let by = c
                .confirmed_by
                .as_deref()
                .map(|b| format!(", confirmed by {}", cell(b)))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "- {mark} **{}** — {}{by}. {}",
                status_label(c.status),
                cell(&c.text),
                cell(&c.detail)
            );
            evidence(&mut o, &c.evidence, "  ");
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Skills");
    let _ = writeln!(o);
    for s in &p.skills {
        let _ = writeln!(
            o,
            "### {}{}",
            cell(&s.name),
            if s.private {
                " (private development notes, not a criterion)"
            } else {
                ""
            }
        );
        let _ = writeln!(o);
        let rating = |r: &Option<crate::review::RatingRow>| {
            r.as_ref()
                .map(|r| format!("{} ({})", r.level, r.date))
                .unwrap_or_else(|| "not rated".into())
        };
        let _ = writeln!(
            o,
            "Self: {} · Lead: {}{}",
            rating(&s.self_rating),
            rating(&s.lead_rating),
            s.expected
                .as_deref()
                .map(|e| format!(" · Expected at target: {e}"))
                .unwrap_or_default()
        );
        if !s.ratings_in_period.is_empty() {
            let hist: Vec<String> = s
                .ratings_in_period
                .iter()
                .map(|r| format!("{} {} ({})", r.date, r.level, r.rater))
                .collect();
            let _ = writeln!(o, "Ratings this period: {}", hist.join(" → "));
        }
        let _ = writeln!(o);
        for f in &s.figures {
            let _ = writeln!(o, "- {}: {}", f.label, cell(&f.value));
        }
        if !s.evidence.is_empty() {
            let _ = writeln!(o);
            let _ = writeln!(
                o,
                "Strongest evidence ({} entries in the period):",
                s.entries
            );
            evidence(&mut o, &s.evidence, "");
        }
        let _ = writeln!(o);
    }

    if !p.calibration.misses_list.is_empty() {
        let _ = writeln!(o, "## What the misses taught");
        let _ = writeln!(o);
        let _ = writeln!(o, "| predicted | it was | id |");
        let _ = writeln!(o, "| --- | --- | --- |");
        for m in &p.calibration.misses_list {
            let _ = writeln!(
                o,
                "| {} | {} | `{}` |",
                cell(&m.predicted),
                cell(&m.actual),
                m.id
            );
        }
        let _ = writeln!(o);
    }

    let g = &p.growth;
    let _ = writeln!(o, "## Gaps and the plan");
    let _ = writeln!(o);
    if g.below_expectation.is_empty() {
        let _ = writeln!(
            o,
            "- Every skill the target level expects is rated at or above it."
        );
    }
    for gap in &g.below_expectation {
        let _ = writeln!(
            o,
            "- {}: {} now, {} expected",
            gap.skill,
            gap.current.as_deref().unwrap_or("not rated"),
            gap.expected
        );
    }
    if let Some(f) = &g.focus {
        let _ = writeln!(
            o,
            "- Current focus: {} ({}) `{}`",
            cell(&f.title),
            g.focus_skill.as_deref().unwrap_or("skill"),
            f.id
        );
    }
    if let Some(n) = &g.next_skill {
        let _ = writeln!(o, "- Suggested next skill to practise: {n}");
    }
    for r in &g.ratings_without_evidence {
        let _ = writeln!(o, "- Rating with no evidence linked: {r}");
    }
    let _ = writeln!(o);

    let a = &p.activity;
    let _ = writeln!(o, "## Activity (context)");
    let _ = writeln!(o);
    let kinds: Vec<String> = a.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(o, "{} entries: {}", a.total, kinds.join(", "));
    let _ = writeln!(o);
    if !a.by_month.is_empty() {
        let _ = writeln!(o, "| month | entries |");
        let _ = writeln!(o, "| --- | ---: |");
        for (m, n) in &a.by_month {
            let _ = writeln!(o, "| {m} | {n} |");
        }
    }
    o
}
