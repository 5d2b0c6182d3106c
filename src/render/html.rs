//! The pack as one self-contained HTML file: inline CSS, inline SVG bar
//! charts (entries per month, hit rate per month, QA samples and
//! exploration minutes per week, the "should have handled" share), no
//! scripts and no external assets, so it can be mailed or archived as is.
//!
//! Entries are named by id; hovering over one shows its title and opening
//! words. Charts space and pad their labels so none overlaps another or is
//! clipped, at any page width (`tests/browser.rs` measures them).
//!
//! Only layout lives here. Every piece of user or journal text goes through
//! `escape`; numbers and dates are formatted by us and need none.

use super::{
    ACTIVITY, Detail, GROWTH, MISSES, OUTCOMES, SKILLS, SUMMARY, SYSTEM_IMPACT, TENURE,
    attribution, criteria_title, effect_text, figure_lines, figures_have_content, kinds_line,
    left_out_line, num, opt_num, period_text, rating_text, short_commit, short_label, shown,
    skill_has_content, status_label, summary_lines, target_note,
};
use crate::review::{EvidenceItem, EvidencePack, Quote, SkillFigures, Status};
use std::fmt::Write;

/// Text safe in element content and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root{--fg:#1d232a;--muted:#5b6775;--line:#dde3ea;--bar:#4f7cac;--met:#1a7f37;--notyet:#9a6700;--tbc:#57606a}
body{font:15px/1.55 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:var(--fg)}
h1{font-size:1.7rem;margin-bottom:.3rem} h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2.4rem}
h3{margin:1.4rem 0 .3rem} .meta,figcaption,.why{color:var(--muted);font-size:.87rem}
code{font-size:.82rem;color:var(--muted);word-break:break-all}
blockquote{margin:.25rem 0 .5rem 0;padding-left:.8rem;border-left:3px solid var(--line);color:#3c4650}
table{border-collapse:collapse;margin:.4rem 0 1rem} td,th{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f5f7fa} td.n{text-align:right}
.badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.8rem;font-weight:600;color:#fff}
.met{background:var(--met)} .not_yet{background:var(--notyet)} .to_be_confirmed{background:var(--tbc)}
.criterion{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .9rem;margin:.7rem 0}
.private{color:var(--muted);font-weight:normal;font-size:.9rem}
ul.evidence{padding-left:1.1rem} ul.evidence li{margin:.35rem 0}
figure{display:inline-block;margin:.3rem 1.5rem 1rem 0;vertical-align:top;max-width:100%}
code.id{cursor:help} blockquote.said{margin:.2rem 0;font-style:italic}
svg .bar{fill:var(--bar)} svg .target{stroke:#c0392b;stroke-dasharray:4 3} svg text{fill:var(--muted);font-size:10px}
.note{background:#fff8e1;border-left:4px solid #e0b000;padding:.4rem .8rem}
@media print{body{margin:0;max-width:none} .criterion{break-inside:avoid} figure{break-inside:avoid}}
";

/// A bar chart as inline SVG. `max` is the top of the scale; `target`
/// draws a dashed line; labels thin out when there are many bars.
/// About how wide one character of the charts' 10px labels is, generously:
/// labels are spaced and the chart padded by it, so none overlaps another
/// or runs off the edge.
const CHAR_PX: f64 = 7.0;

/// A bar chart as inline SVG. `max` is the top of the scale; `target`
/// draws a dashed line, labelled to the right of the bars; axis labels thin
/// out until each has room, and the chart is padded so the first and last
/// are whole. The SVG scales down with the page (viewBox), never clipped.
fn bars(title: &str, data: &[(String, f64)], max: f64, target: Option<f64>, unit: &str) -> String {
    if data.is_empty() {
        return String::new();
    }
    let n = data.len() as f64;
    let bar = if data.len() <= 12 {
        28.0
    } else {
        (560.0 / n).clamp(5.0, 28.0)
    };
    let gap = (bar / 4.0).max(2.0);
    let slot = bar + gap;
    let (top, height, bottom) = (14.0, 120.0, 20.0);
    let labels: Vec<String> = data.iter().map(|(l, _)| short_label(l)).collect();
    let label_w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * CHAR_PX;
    // Every `every`-th label, so that neighbours are a label and a space apart.
    let every = (((label_w + 6.0) / slot).ceil() as usize)
        .max(data.len().div_ceil(13))
        .max(1);
    let left = (label_w / 2.0 + 2.0 - gap - bar / 2.0).max(0.0);
    let target_text = target.map(|t| format!("target {}", num(t)));
    let right = target_text
        .as_ref()
        .map_or(0.0, |t| t.chars().count() as f64 * CHAR_PX + 6.0)
        .max(left);
    let plot = n * slot + gap;
    let width = (left + plot + right).max(160.0);
    let scale = max.max(target.unwrap_or(0.0)).max(1e-9);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<figure><figcaption>{t}</figcaption><svg role="img" aria-label="{t}" width="{width:.0}" height="{h}" viewBox="0 0 {width:.0} {h}" style="max-width:100%;height:auto" xmlns="http://www.w3.org/2000/svg">"#,
        t = escape(title),
        h = top + height + bottom,
    );
    let _ = write!(
        s,
        r##"<line x1="{left:.1}" y1="{y}" x2="{x2:.1}" y2="{y}" stroke="#dde3ea"/>"##,
        y = top + height,
        x2 = left + plot,
    );
    for (i, (label, v)) in data.iter().enumerate() {
        let h = (v / scale).clamp(0.0, 1.0) * height;
        let x = left + gap + i as f64 * slot;
        let _ = write!(
            s,
            r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" rx="2"><title>{l}: {v}{unit}</title></rect>"#,
            y = top + height - h,
            l = escape(label),
            v = num(*v),
            unit = escape(unit),
        );
        if data.len() <= 16 && *v > 0.0 {
            let _ = write!(
                s,
                r#"<text class="value" x="{cx:.1}" y="{y:.1}" text-anchor="middle">{v}</text>"#,
                cx = x + bar / 2.0,
                y = top + height - h - 3.0,
                v = num(v.round()),
            );
        }
        if i % every == 0 {
            let _ = write!(
                s,
                r#"<text class="axis" x="{cx:.1}" y="{y}" text-anchor="middle">{l}</text>"#,
                cx = x + bar / 2.0,
                y = top + height + 14.0,
                l = escape(&labels[i]),
            );
        }
    }
    if let (Some(t), Some(text)) = (target, target_text) {
        let y = top + height - (t / scale).clamp(0.0, 1.0) * height;
        let _ = write!(
            s,
            r#"<line class="target" x1="{left:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}"/><text class="target-label" x="{tx:.1}" y="{ty:.1}">{text}</text>"#,
            x2 = left + plot,
            tx = left + plot + 4.0,
            ty = (y + 3.0).max(10.0),
        );
    }
    s.push_str("</svg></figure>");
    s
}

fn top(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, f64::max)
}

fn charts(f: &SkillFigures) -> String {
    match f {
        SkillFigures::Diagnosis(c) => {
            let data: Vec<(String, f64)> = c
                .by_month
                .iter()
                .filter_map(|m| Some((m.month.clone(), m.hit_rate? * 100.0)))
                .collect();
            bars("Prediction hit rate per month (%)", &data, 100.0, None, "%")
        }
        SkillFigures::Qa(q) => {
            let data: Vec<(String, f64)> = q
                .by_week
                .iter()
                .map(|w| (w.week.clone(), w.n as f64))
                .collect();
            let max = top(data.iter().map(|d| d.1));
            bars(
                "QA samples per week",
                &data,
                max,
                Some(q.target_per_week as f64),
                "",
            )
        }
        SkillFigures::Explore(x) => {
            let data: Vec<(String, f64)> = x
                .by_week
                .iter()
                .map(|w| (w.week.clone(), w.n as f64))
                .collect();
            let max = top(data.iter().map(|d| d.1));
            bars(
                "Exploration minutes per week",
                &data,
                max,
                Some(x.target_per_week as f64),
                " min",
            )
        }
        SkillFigures::Escalation(e) => {
            let data: Vec<(String, f64)> = e
                .by_month
                .iter()
                .filter_map(|m| Some((m.month.clone(), m.should_have_handled_share? * 100.0)))
                .collect();
            bars(
                "\"Should have handled\" share per month (%)",
                &data,
                100.0,
                None,
                "%",
            )
        }
        _ => String::new(),
    }
}

/// An entry named by its id; hovering shows its title and opening words.
fn id_ref(id: &str, hover: &str) -> String {
    format!(
        "<code class=\"id\" title=\"{}\">{}</code>",
        escape(hover),
        escape(id)
    )
}

fn hover_of(e: &EvidenceItem) -> String {
    if e.excerpt.is_empty() {
        e.title.clone()
    } else {
        format!("{}: {}", e.title, e.excerpt)
    }
}

fn evidence(o: &mut String, items: &[EvidenceItem]) {
    if items.is_empty() {
        return;
    }
    o.push_str("<ul class=\"evidence\">");
    for e in items {
        let _ = write!(
            o,
            "<li><strong>{}</strong> <span class=\"meta\">{} · {}</span> <span class=\"why\">— {}</span> {}",
            escape(&e.title),
            escape(&e.kind),
            e.date,
            escape(&e.why),
            id_ref(&e.id, &hover_of(e)),
        );
        if !e.excerpt.is_empty() {
            let _ = write!(o, "<blockquote>{}</blockquote>", escape(&e.excerpt));
        }
        o.push_str("</li>");
    }
    o.push_str("</ul>");
}

fn quotes(o: &mut String, items: &[Quote]) {
    if items.is_empty() {
        return;
    }
    o.push_str("<ul class=\"evidence\">");
    for q in items {
        let _ = write!(
            o,
            "<li><blockquote class=\"said\">“{}”</blockquote><span class=\"meta\">— {}</span> {}</li>",
            escape(&q.words),
            escape(&attribution(q)),
            id_ref(&q.id, &q.title),
        );
    }
    o.push_str("</ul>");
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::NotYet => "not_yet",
        Status::ToBeConfirmed => "to_be_confirmed",
    }
}

pub fn render(p: &EvidencePack, detail: Detail) -> String {
    let mut o = String::new();
    let h = &p.header;
    let show = shown(p);
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Evidence pack: {}, {}</title><style>{STYLE}</style></head><body>\n",
        escape(&h.person),
        escape(&h.period)
    );
    header(&mut o, p);
    summary(&mut o, p);
    if show.outcomes {
        outcomes(&mut o, p);
    }
    criteria(&mut o, p);
    if show.tenure {
        tenure(&mut o, p);
    }
    if show.skills {
        skills(&mut o, p, detail);
    }
    if show.misses || show.growth {
        growth(&mut o, p);
    }
    if show.activity {
        activity(&mut o, p, detail);
    }
    o.push_str("</body></html>\n");
    o
}

fn header(o: &mut String, p: &EvidencePack) {
    let h = &p.header;
    let _ = write!(
        o,
        "<header><h1>Evidence pack: {}, {}</h1><table>",
        escape(&h.person),
        escape(&h.period)
    );
    let row = |o: &mut String, k: &str, v: String| {
        let _ = write!(o, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    row(o, "Person", escape(&h.person));
    row(o, "Period", escape(&period_text(h)));
    row(
        o,
        "Level → target",
        format!(
            "{} → {}{}",
            h.level
                .as_ref()
                .map_or("not given".into(), |l| escape(&l.name)),
            h.target.as_ref().map_or("none".into(), |l| escape(&l.name)),
            target_note(h.target_source)
                .map(|n| format!(" <span class=\"meta\">({})</span>", escape(n)))
                .unwrap_or_default()
        ),
    );
    row(
        o,
        "Generated",
        format!(
            "{}{}",
            escape(&h.generated),
            h.commit
                .as_deref()
                .map(|c| format!(" from commit <code>{}</code>", escape(short_commit(c))))
                .unwrap_or_default()
        ),
    );
    if h.includes_private {
        row(o, "Private entries", "included, as asked".into());
    }
    o.push_str("</table></header>\n");
}

fn summary(o: &mut String, p: &EvidencePack) {
    let (opening, lines) = summary_lines(p);
    let _ = write!(
        o,
        "<section class=\"summary\"><h2>{SUMMARY}</h2><p>{}</p>",
        escape(&opening)
    );
    if !lines.is_empty() {
        o.push_str("<ul>");
        for l in &lines {
            let _ = write!(o, "<li>{}</li>", escape(l));
        }
        o.push_str("</ul>");
    }
    if let Some(l) = left_out_line(p) {
        let _ = write!(o, "<p class=\"meta\">{}</p>", escape(&l));
    }
    for w in &p.warnings {
        let _ = write!(o, "<p class=\"note\">{}</p>", escape(w));
    }
    o.push_str("</section>\n");
}

fn outcomes(o: &mut String, p: &EvidencePack) {
    let out = &p.outcomes;
    let _ = write!(o, "<section><h2>{OUTCOMES}</h2>");
    if !out.proposals_shipped.is_empty() {
        let _ = write!(o, "<h3>{SYSTEM_IMPACT}</h3>");
        o.push_str("<table><tr><th>change</th><th>target</th><th>shipped</th><th>reference</th><th>same pattern before → after</th><th>entry</th></tr>");
        for c in &out.proposals_shipped {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&c.entry.title),
                escape(c.target.as_deref().unwrap_or("–")),
                c.shipped.map_or("–".to_string(), |d| d.to_string()),
                escape(c.change_ref.as_deref().unwrap_or("–")),
                c.pattern_effect
                    .as_ref()
                    .map_or("–".to_string(), effect_text),
                id_ref(&c.entry.id, &hover_of(&c.entry))
            );
        }
        o.push_str("</table>");
    }
    if !out.kb_published.is_empty() {
        let _ = write!(
            o,
            "<h3>Knowledge-base articles published</h3><p>{} published in the period, {} deflections in all (an analytics estimate; retired articles not counted).</p><table><tr><th>article</th><th>article id</th><th>published</th><th>deflections</th><th>entry</th></tr>",
            out.kb_published.len(),
            out.deflections_total
        );
        for a in &out.kb_published {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(&a.entry.title),
                escape(a.article_id.as_deref().unwrap_or("–")),
                a.published.map_or("–".to_string(), |d| d.to_string()),
                a.deflections.map_or("–".to_string(), |d| d.to_string()),
                id_ref(&a.entry.id, &hover_of(&a.entry))
            );
        }
        o.push_str("</table>");
    }
    if !out.metrics.is_empty() {
        o.push_str("<h3>Helpdesk outcomes</h3><table><tr><th>period</th><th>CSAT</th><th>CSAT n</th><th>re-open rate</th><th>first-contact resolution</th><th>QA score</th><th>cases handled (context)</th><th>source</th></tr>");
        for m in &out.metrics {
            let int = |v: Option<i64>| v.map_or("–".to_string(), |x| x.to_string());
            let percent = |v: Option<f64>| v.map_or("–".to_string(), |x| format!("{}%", num(x)));
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape(&m.period.clone().unwrap_or_else(|| m.date.to_string())),
                opt_num(m.csat),
                int(m.csat_n),
                percent(m.reopen_rate),
                percent(m.fcr),
                opt_num(m.qa_score),
                int(m.cases_handled),
                escape(m.source.as_deref().unwrap_or(""))
            );
        }
        o.push_str("</table>");
    }
    o.push_str("</section>\n");
}

fn criteria(o: &mut String, p: &EvidencePack) {
    let _ = write!(o, "<section><h2>{}</h2>", escape(&criteria_title(p)));
    if p.header.target.is_none() {
        o.push_str("<p>No target level: pass <code>--target LEVEL</code> to see its criteria.</p></section>\n");
        return;
    }
    let count = |s: Status| p.criteria.iter().filter(|c| c.status == s).count();
    let _ = write!(
        o,
        "<p>{} met · {} not yet · {} to be confirmed</p>",
        count(Status::Met),
        count(Status::NotYet),
        count(Status::ToBeConfirmed)
    );
    for c in &p.criteria {
        let _ = write!(
            o,
            "<div class=\"criterion\"><span class=\"badge {}\">{}</span> <strong>{}</strong> <code>{}</code><p class=\"meta\">{}</p>",
            status_class(c.status),
            status_label(c.status),
            escape(&c.text),
            escape(&c.id),
            escape(&c.detail)
        );
        if c.single_entry && c.computed == Status::Met {
            o.push_str("<p class=\"meta\">Met on a single entry.</p>");
        }
        if let Some(conf) = &c.confirmation {
            let _ = write!(
                o,
                "<p>Confirmed by {} on {} ({}){} {}</p>",
                escape(&conf.by),
                conf.date,
                escape(&conf.status),
                if conf.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", escape(&conf.note))
                },
                id_ref(&conf.id, &conf.note)
            );
        }
        if !c.in_outcomes.is_empty() {
            let ids: Vec<String> = c
                .in_outcomes
                .iter()
                .map(|i| format!("<code class=\"id\">{}</code>", escape(i)))
                .collect();
            let _ = write!(
                o,
                "<p class=\"meta\">Evidence under {OUTCOMES}: {}</p>",
                ids.join(", ")
            );
        }
        evidence(o, &c.evidence);
        if !c.said.is_empty() {
            o.push_str("<p><strong>What others said</strong></p>");
            quotes(o, &c.said);
        }
        o.push_str("</div>");
    }
    o.push_str("</section>\n");
}

fn tenure(o: &mut String, p: &EvidencePack) {
    let _ = write!(
        o,
        "<section><h2>{TENURE}</h2><p>{}</p>",
        escape(&super::tenure_sentence(&p.tenure))
    );
    evidence(o, &p.tenure.milestones);
    o.push_str("</section>\n");
}

/// "Dec 25 self": a rating's date and rater, short enough to sit under a bar.
fn rating_label(r: &crate::review::RatingRow) -> String {
    format!(
        "{} {} {}",
        short_label(&r.date.format("%Y-%m").to_string()),
        r.date.format("%y"),
        r.rater
    )
}

fn skills(o: &mut String, p: &EvidencePack, detail: Detail) {
    let _ = write!(o, "<section><h2>{SKILLS}</h2>");
    let rows: Vec<_> = p.skills.iter().filter(|s| skill_has_content(s)).collect();
    if detail == Detail::Summary {
        o.push_str("<table><tr><th>skill</th><th>self-rating</th><th>lead rating</th><th>expected at target</th><th>entries</th></tr>");
        for s in &rows {
            let _ = write!(
                o,
                "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                escape(&s.name),
                if s.private { " (private)" } else { "" },
                escape(&rating_text(s.self_rating.as_ref())),
                escape(&rating_text(s.lead_rating.as_ref())),
                escape(s.expected.as_deref().unwrap_or("–")),
                s.entries
            );
        }
        o.push_str("</table><p class=\"meta\">Each skill's figures, charts and strongest entries: <code>casebook review --detail full</code>.</p></section>\n");
        return;
    }
    for s in rows {
        let _ = write!(
            o,
            "<h3>{}{}</h3>",
            escape(&s.name),
            if s.private {
                " <span class=\"private\">(private development notes, never a criterion)</span>"
            } else {
                ""
            }
        );
        let _ = write!(
            o,
            "<table><tr><th>self-rating</th><th>lead rating</th><th>expected at target</th><th>entries in the period</th></tr><tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr></table>",
            escape(&rating_text(s.self_rating.as_ref())),
            escape(&rating_text(s.lead_rating.as_ref())),
            escape(s.expected.as_deref().unwrap_or("–")),
            s.entries
        );
        if !s.ratings_in_period.is_empty() {
            let hist: Vec<String> = s
                .ratings_in_period
                .iter()
                .map(|r| format!("{} {} ({})", r.date, escape(&r.level), escape(&r.rater)))
                .collect();
            let _ = write!(
                o,
                "<p class=\"meta\">Ratings in the period: {}</p>",
                hist.join(" → ")
            );
            // Rating history as a chart: rookie 1, pro 2, master 3.
            let data: Vec<(String, f64)> = s
                .ratings_in_period
                .iter()
                .map(|r| {
                    let level = match r.level.as_str() {
                        "master" => 3.0,
                        "pro" => 2.0,
                        _ => 1.0,
                    };
                    (rating_label(r), level)
                })
                .collect();
            o.push_str(&bars(
                "Rating history (1 rookie, 2 pro, 3 master)",
                &data,
                3.0,
                None,
                "",
            ));
        }
        let figures: Vec<_> = s
            .figures
            .iter()
            .filter(|f| figures_have_content(f))
            .collect();
        let lines: Vec<_> = figures.iter().flat_map(|f| figure_lines(f)).collect();
        if !lines.is_empty() {
            o.push_str("<ul>");
            for l in &lines {
                let _ = write!(o, "<li>{}: {}</li>", escape(&l.label), escape(&l.value));
            }
            o.push_str("</ul>");
        }
        for f in figures {
            o.push_str(&charts(f));
        }
        if !s.evidence.is_empty() {
            o.push_str("<p><strong>Strongest evidence</strong></p>");
            evidence(o, &s.evidence);
        }
    }
    o.push_str("</section>\n");
}

fn growth(o: &mut String, p: &EvidencePack) {
    let g = &p.growth;
    let _ = write!(o, "<section><h2>{GROWTH}</h2>");
    let m = &p.misses;
    if !m.shown.is_empty() {
        let _ = write!(
            o,
            "<h3>{MISSES}</h3><p>{}</p><ul class=\"evidence\">",
            super::misses_intro(m)
        );
        for x in &m.shown {
            let _ = write!(
                o,
                "<li><strong>{}</strong> <span class=\"meta\">diagnosis · {}{}</span> {}<br>Predicted → actual: {} → {}",
                escape(&x.title),
                x.date,
                x.confidence
                    .map(|c| format!(" · {c}% confident"))
                    .unwrap_or_default(),
                id_ref(&x.id, &x.title),
                escape(&x.predicted),
                escape(&x.actual)
            );
            if let Some(l) = &x.learned {
                let _ = write!(o, "<br>Learned: {}", escape(l));
            }
            o.push_str("</li>");
        }
        o.push_str("</ul><h3>Plan</h3>");
    }
    o.push_str("<ul>");
    if p.header.target.is_some() {
        for gap in &g.below_expected {
            let _ = write!(
                o,
                "<li>{}: {} now, {} expected</li>",
                escape(&gap.name),
                escape(&match (&gap.current, &gap.rater) {
                    (Some(c), Some(r)) => format!("{c} ({r} rating)"),
                    (Some(c), None) => c.clone(),
                    _ => "not rated".into(),
                }),
                escape(&gap.expected)
            );
        }
        if !g.criteria_not_yet.is_empty() {
            let ids: Vec<String> = g
                .criteria_not_yet
                .iter()
                .map(|c| format!("<code>{}</code>", escape(c)))
                .collect();
            let _ = write!(
                o,
                "<li>Criteria still to show or confirm: {}</li>",
                ids.join(", ")
            );
        }
    }
    if let Some(f) = &g.open_focus {
        let _ = write!(
            o,
            "<li>Open focus: {}{}, since {} {}</li>",
            escape(&f.entry.title),
            f.skill_name
                .as_deref()
                .map(|s| format!(" ({})", escape(s)))
                .unwrap_or_default(),
            f.entry.date,
            id_ref(&f.entry.id, &hover_of(&f.entry))
        );
    }
    if let Some(n) = &g.next_skill {
        let _ = write!(
            o,
            "<li>Suggested next skill: {} ({}, {} entries in the period)</li>",
            escape(&n.name),
            escape(n.current.as_deref().unwrap_or("not rated")),
            n.entries
        );
    }
    for r in &g.ratings_without_evidence {
        let _ = write!(
            o,
            "<li>Self-rating without linked evidence: {} {} ({})</li>",
            escape(&r.skill),
            escape(&r.level),
            r.date
        );
    }
    o.push_str("</ul></section>\n");
}

fn activity(o: &mut String, p: &EvidencePack, detail: Detail) {
    let a = &p.activity;
    if detail == Detail::Summary {
        let _ = writeln!(
            o,
            "<section><h2>{ACTIVITY}</h2><p>{} entries in the period: {}.</p></section>",
            a.total,
            escape(&kinds_line(a, 6))
        );
        return;
    }
    let _ = write!(
        o,
        "<section><h2>{ACTIVITY}</h2><p>{} entries in the period.</p>",
        a.total
    );
    let months: Vec<(String, f64)> = a
        .by_month
        .iter()
        .map(|(m, n)| (m.clone(), *n as f64))
        .collect();
    let max = top(months.iter().map(|d| d.1));
    o.push_str(&bars("Entries per month", &months, max, None, ""));
    if !a.by_kind.is_empty() {
        o.push_str("<table><tr><th>kind</th><th>entries</th></tr>");
        for (k, n) in &a.by_kind {
            let _ = write!(o, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(k));
        }
        o.push_str("</table>");
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::tests::sample_pack;

    #[test]
    fn user_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script>&\u{7}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
    }

    #[test]
    fn a_script_in_a_title_stays_text() {
        let html = render(
            &sample_pack("<script>alert(1)</script> & \"quotes\""),
            Detail::Full,
        );
        assert!(!html.contains("<script>"), "raw script tag in output");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    }

    #[test]
    fn one_self_contained_file_with_charts_in_order() {
        let html = render(&sample_pack("Refund loop"), Detail::Full);
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<style>") && html.contains("<svg"));
        assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"));
        assert!(html.contains("Entries per month"));
        assert!(html.contains("Prediction hit rate per month"));
        let at = |h: &str| html.find(h).unwrap_or_else(|| panic!("no {h}"));
        let order = [
            at(OUTCOMES),
            at("Criteria for Support Specialist II"),
            at(&format!("<h2>{SKILLS}</h2>")),
            at(GROWTH),
            at(ACTIVITY),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }

    #[test]
    fn charts_thin_their_labels_and_draw_the_target() {
        let data: Vec<(String, f64)> = (1..=52).map(|w| (format!("2026-W{w:02}"), 3.0)).collect();
        let svg = bars("QA samples per week", &data, 6.0, Some(5.0), "");
        assert_eq!(svg.matches("<rect").count(), 52);
        assert!(svg.matches(">W").count() <= 14, "labels thinned");
        assert!(svg.contains("target 5"));
        assert_eq!(bars("empty", &[], 1.0, None, ""), "");
    }
}
