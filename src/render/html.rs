//! The pack as one self-contained HTML file: inline CSS, inline SVG bar
//! charts, no scripts and no external assets. All user text is escaped.

use super::status_label;
use crate::review::{EvidenceItem, EvidencePack, Status};
use std::fmt::Write;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A bar chart of labelled values (0..=max), as inline SVG.
fn bars(title: &str, data: &[(String, f64)], max: f64, unit: &str) -> String {
    if data.is_empty() {
        return String::new();
    }
    let w = 24.0;
    let gap = 6.0;
    let height = 120.0;
    let width = data.len() as f64 * (w + gap) + gap;
    let mut s = format!(
        r#"<figure><figcaption>{}</figcaption><svg role="img" aria-label="{}" width="{width}" height="{}" viewBox="0 0 {width} {}">"#,
        escape(title),
        escape(title),
        height + 34.0,
        height + 34.0
    );
    for (i, (label, v)) in data.iter().enumerate() {
        let h = if max > 0.0 {
            (v / max).clamp(0.0, 1.0) * height
        } else {
            0.0
        };
        let x = gap + i as f64 * (w + gap);
        let _ = write!(
            s,
            r#"<rect x="{x}" y="{}" width="{w}" height="{h}" rx="3"><title>{}: {v:.0}{unit}</title></rect><text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>"#,
            height - h,
            escape(label),
            x + w / 2.0,
            height + 14.0,
            escape(label.get(5..).unwrap_or(label))
        );
    }
    s.push_str("</svg></figure>");
    s
}

fn evidence(o: &mut String, items: &[EvidenceItem]) {
    if items.is_empty() {
        return;
    }
    o.push_str("<ul class=\"evidence\">");
    for e in items {
        let _ = write!(
            o,
            "<li><strong>{}</strong> <span class=\"meta\">{} · {} · {}</span><br><code>{}</code> <code>{}</code>{}</li>",
            escape(&e.title),
            escape(&e.kind),
            e.date,
            escape(&e.why),
            escape(&e.id),
            escape(&e.path),
            if e.excerpt.is_empty() {
                String::new()
            } else {
                format!("<blockquote>{}</blockquote>", escape(&e.excerpt))
            }
        );
    }
    o.push_str("</ul>");
}

pub fn render(p: &EvidencePack) -> String {
    let h = &p.header;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Evidence pack: {} {}</title><style>
body{{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232a}}
h1{{font-size:1.6rem}} h2{{border-bottom:1px solid #dde3ea;padding-bottom:.2rem;margin-top:2rem}} h3{{margin-bottom:.2rem}}
.meta{{color:#5b6775;font-size:.85rem}} code{{font-size:.8rem;color:#5b6775}} blockquote{{margin:.2rem 0 .4rem 1rem;color:#3c4650;font-style:italic}}
table{{border-collapse:collapse}} td,th{{border:1px solid #dde3ea;padding:.25rem .5rem;text-align:left}}
.met{{color:#1a7f37}} .not_yet{{color:#9a6700}} .to_be_confirmed{{color:#57606a}}
svg rect{{fill:#4f7cac}} figure{{display:inline-block;margin:0 2rem 1rem 0}} figcaption{{font-size:.85rem;color:#5b6775}}
</style></head><body>"#,
        escape(&h.person),
        escape(&h.period)
    );
    let _ = write!(
        o,
        "<h1>Evidence pack: {}, {}</h1><p class=\"meta\">{} to {}",
        escape(&h.person),
        escape(&h.period),
        h.period_start,
        h.period_end
    );
    if let Some(l) = &h.level {
        let _ = write!(o, " · current level {}", escape(&l.name));
    }
    if let Some(t) = &h.target {
        let _ = write!(
            o,
            " · target {}{}",
            escape(&t.name),
            if h.target_assumed { " (assumed)" } else { "" }
        );
    }
    let _ = write!(
        o,
        " · generated {} from commit <code>{}</code></p>",
        escape(&h.generated),
        escape(h.commit.as_deref().unwrap_or("none"))
    );

    let out = &p.outcomes;
    o.push_str("<h2>Outcomes and changes to the system</h2>");
    if !out.proposals_shipped.is_empty() {
        o.push_str("<h3>Changes shipped</h3><ul>");
        for s in &out.proposals_shipped {
            let _ = write!(
                o,
                "<li>{} <span class=\"meta\">{} {}</span></li>",
                escape(&s.item.title),
                escape(s.target.as_deref().unwrap_or("")),
                escape(s.change_ref.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</ul>");
    }
    if !out.kb_published.is_empty() {
        let _ = write!(
            o,
            "<h3>Articles published: {} ({} deflections, an estimate)</h3><ul>",
            out.kb_published.len(),
            out.total_deflections
        );
        for a in &out.kb_published {
            let _ = write!(
                o,
                "<li>{} <span class=\"meta\">{} deflections</span></li>",
                escape(&a.item.title),
                a.deflections
            );
        }
        o.push_str("</ul>");
    }
    if !out.metrics.is_empty() {
        o.push_str("<h3>Helpdesk figures</h3><table><tr><th>period</th><th>CSAT</th><th>n</th><th>re-open</th><th>FCR</th><th>QA</th><th>cases (context)</th></tr>");
        let f = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_else(|| "–".into());
        let i = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_else(|| "–".into());
        for m in &out.metrics {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&m.period),
                f(m.csat),
                i(m.csat_n),
                f(m.reopen_rate),
                f(m.fcr),
                f(m.qa_score),
                i(m.cases_handled)
            );
        }
        o.push_str("</table>");
    }

    if let Some(t) = &h.target {
        let _ = write!(o, "<h2>Criteria for {}</h2><ul>", escape(&t.name));
        for c in &p.criteria {
            let class = match c.status {
                Status::Met => "met",
                Status::NotYet => "not_yet",
                Status::ToBeConfirmed => "to_be_confirmed",
            };
            let _ = write!(
                o,
                "<li><strong class=\"{class}\">{}</strong> {} <span class=\"meta\">{}{}</span>",
                status_label(c.status),
                escape(&c.text),
                escape(&c.detail),
                c.confirmed_by
                    .as_deref()
                    .map(|b| format!(" · confirmed by {}", escape(b)))
                    .unwrap_or_default()
            );
            evidence(&mut o, &c.evidence);
            o.push_str("</li>");
        }
        o.push_str("</ul>");
    }

    o.push_str("<h2>Charts</h2>");
    let months: Vec<(String, f64)> = p
        .activity
        .by_month
        .iter()
        .map(|(m, n)| (m.clone(), *n as f64))
        .collect();
    let max = months.iter().map(|(_, n)| *n).fold(0.0, f64::max);
    o.push_str(&bars("Entries per month", &months, max, ""));
    let rates: Vec<(String, f64)> = p
        .calibration
        .by_month
        .iter()
        .map(|m| (m.month.clone(), m.hit_rate * 100.0))
        .collect();
    o.push_str(&bars(
        "Prediction hit rate per month (%)",
        &rates,
        100.0,
        "%",
    ));

    o.push_str("<h2>Skills</h2>");
    for s in &p.skills {
        let _ = write!(
            o,
            "<h3>{}{}</h3>",
            escape(&s.name),
            if s.private {
                " <span class=\"meta\">(private development notes)</span>"
            } else {
                ""
            }
        );
        let r = |x: &Option<crate::review::RatingRow>| {
            x.as_ref()
                .map(|r| format!("{} ({})", r.level, r.date))
                .unwrap_or_else(|| "not rated".into())
        };
        let _ = write!(
            o,
            "<p class=\"meta\">self {} · lead {}{}</p><ul>",
            r(&s.self_rating),
            r(&s.lead_rating),
            s.expected
                .as_deref()
                .map(|e| format!(" · expected {e}"))
                .unwrap_or_default()
        );
        for f in &s.figures {
            let _ = write!(o, "<li>{}: {}</li>", escape(&f.label), escape(&f.value));
        }
        o.push_str("</ul>");
        evidence(&mut o, &s.evidence);
    }

    let g = &p.growth;
    o.push_str("<h2>Gaps and the plan</h2><ul>");
    for gap in &g.below_expectation {
        let _ = write!(
            o,
            "<li>{}: {} now, {} expected</li>",
            escape(&gap.skill),
            escape(gap.current.as_deref().unwrap_or("not rated")),
            escape(&gap.expected)
        );
    }
    if let Some(f) = &g.focus {
        let _ = write!(o, "<li>Current focus: {}</li>", escape(&f.title));
    }
    if let Some(n) = &g.next_skill {
        let _ = write!(o, "<li>Suggested next skill: {}</li>", escape(n));
    }
    o.push_str("</ul>");
    let kinds: Vec<String> = p
        .activity
        .by_kind
        .iter()
        .map(|(k, n)| format!("{} {n}", escape(k)))
        .collect();
    let _ = write!(
        o,
        "<h2>Activity (context)</h2><p>{} entries: {}</p>",
        p.activity.total,
        kinds.join(", ")
    );
    o.push_str("</body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn user_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script>&"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
    }
}
