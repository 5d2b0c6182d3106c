//! The pack as Markdown that pastes cleanly into Notion, Confluence or a
//! forge: headings, tables and bullet lists, entries named by their id in
//! backticks (`casebook show ID` opens one), never by file path.
//!
//! Only layout lives here; words for figures come from `render`, data from
//! `review`. All user text goes through `md` (one line, Markdown and table
//! syntax escaped), so a title can never break the page.

use super::{
    ACTIVITY, Detail, GROWTH, MISSES, OUTCOMES, SKILLS, SUMMARY, SYSTEM_IMPACT, TENURE,
    attribution, criteria_title, effect_text, figure_lines, figures_have_content, kinds_line,
    left_out_line, num, opt_num, period_text, rating_text, short_commit, shown, skill_has_content,
    status_label, summary_lines, target_note,
};
use crate::review::{EvidenceItem, EvidencePack, Quote, Status};
use std::fmt::Write;

/// User text as one line of Markdown: control characters dropped, line
/// breaks joined, and the characters that Markdown or a table would read
/// as syntax escaped.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ')
                }
            }
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' if out.trim().is_empty() => out.push_str("\\#"),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Text as inline code, fenced with enough backticks to hold it.
fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn evidence(o: &mut String, items: &[EvidenceItem], indent: &str) {
    for e in items {
        let _ = writeln!(
            o,
            "{indent}- **{}** — {} {}, {} ({})",
            md(&e.title),
            e.kind,
            e.date,
            md(&e.why),
            code(&e.id)
        );
        if !e.excerpt.is_empty() {
            let _ = writeln!(o, "{indent}  > {}", md(&e.excerpt));
        }
    }
}

fn quotes(o: &mut String, items: &[Quote], indent: &str) {
    for q in items {
        let _ = writeln!(
            o,
            "{indent}- “{}” — {} ({})",
            md(&q.words),
            md(&attribution(q)),
            code(&q.id)
        );
    }
}

pub fn render(p: &EvidencePack, detail: Detail) -> String {
    let mut o = String::new();
    let show = shown(p);
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
    o.truncate(o.trim_end().len());
    o.push('\n');
    o
}

fn header(o: &mut String, p: &EvidencePack) {
    let h = &p.header;
    let _ = writeln!(o, "# Evidence pack: {}, {}\n", md(&h.person), md(&h.period));
    let level = h
        .level
        .as_ref()
        .map_or("level not given".to_string(), |l| md(&l.name));
    let target = h
        .target
        .as_ref()
        .map_or("no target".to_string(), |l| md(&l.name));
    let _ = writeln!(
        o,
        "{} · {} · {level} → {target}{} · generated {}{}{}\n",
        md(&h.person),
        md(&period_text(h)),
        target_note(h.target_source)
            .map(|n| format!(" ({n})"))
            .unwrap_or_default(),
        h.generated,
        h.commit
            .as_deref()
            .map(|c| format!(" from commit {}", code(short_commit(c))))
            .unwrap_or_default(),
        if h.includes_private {
            " · private entries included, as asked"
        } else {
            ""
        }
    );
}

fn summary(o: &mut String, p: &EvidencePack) {
    let (opening, lines) = summary_lines(p);
    let _ = writeln!(o, "## {SUMMARY}\n\n{}\n", md(&opening));
    for l in &lines {
        let _ = writeln!(o, "- {}", md(l));
    }
    if !lines.is_empty() {
        let _ = writeln!(o);
    }
    if let Some(l) = left_out_line(p) {
        let _ = writeln!(o, "{}\n", md(&l));
    }
    for w in &p.warnings {
        let _ = writeln!(o, "> Note: {}", md(w));
    }
    if !p.warnings.is_empty() {
        let _ = writeln!(o);
    }
}

fn outcomes(o: &mut String, p: &EvidencePack) {
    let out = &p.outcomes;
    let _ = writeln!(o, "## {OUTCOMES}\n");
    if !out.proposals_shipped.is_empty() {
        let _ = writeln!(o, "### {SYSTEM_IMPACT}\n");
        let _ = writeln!(
            o,
            "| change | target | shipped | same pattern before → after | entry |"
        );
        let _ = writeln!(o, "| --- | --- | --- | --- | --- |");
        for c in &out.proposals_shipped {
            let effect = c
                .pattern_effect
                .as_ref()
                .map(effect_text)
                .unwrap_or_else(|| "–".into());
            let _ = writeln!(
                o,
                "| {}{} | {} | {} | {} | {} |",
                md(&c.entry.title),
                c.change_ref
                    .as_deref()
                    .map(|r| format!(" ({})", md(r)))
                    .unwrap_or_default(),
                md(c.target.as_deref().unwrap_or("–")),
                c.shipped.map_or("–".to_string(), |d| d.to_string()),
                effect,
                code(&c.entry.id)
            );
        }
        let _ = writeln!(o);
    }
    if !out.kb_published.is_empty() {
        let _ = writeln!(
            o,
            "### Knowledge-base articles published\n\n{} published in the period, {} deflections in all (an analytics estimate; retired articles not counted).\n",
            out.kb_published.len(),
            out.deflections_total
        );
        let _ = writeln!(o, "| article | published | deflections | entry |");
        let _ = writeln!(o, "| --- | --- | ---: | --- |");
        for a in &out.kb_published {
            let _ = writeln!(
                o,
                "| {}{} | {} | {} | {} |",
                md(&a.entry.title),
                a.article_id
                    .as_deref()
                    .map(|r| format!(" ({})", md(r)))
                    .unwrap_or_default(),
                a.published.map_or("–".to_string(), |d| d.to_string()),
                a.deflections.map_or("–".to_string(), |d| d.to_string()),
                code(&a.entry.id)
            );
        }
        let _ = writeln!(o);
    }
    if !out.metrics.is_empty() {
        let _ = writeln!(o, "### Helpdesk outcomes\n");
        // One source for every row is said once, under the table.
        let source = out.metrics.first().and_then(|m| m.source.as_deref());
        let one_source = out.metrics.iter().all(|m| m.source.as_deref() == source);
        let _ = writeln!(
            o,
            "| period | CSAT | CSAT n | re-open rate | first-contact resolution | QA score | cases handled (context) |{}",
            if one_source { "" } else { " source |" }
        );
        let _ = writeln!(
            o,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |{}",
            if one_source { "" } else { " --- |" }
        );
        for m in &out.metrics {
            let int = |v: Option<i64>| v.map_or("–".to_string(), |x| x.to_string());
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |{}",
                md(&m.period.clone().unwrap_or_else(|| m.date.to_string())),
                opt_num(m.csat),
                int(m.csat_n),
                m.reopen_rate
                    .map_or("–".to_string(), |x| format!("{}%", num(x))),
                m.fcr.map_or("–".to_string(), |x| format!("{}%", num(x))),
                opt_num(m.qa_score),
                int(m.cases_handled),
                if one_source {
                    String::new()
                } else {
                    format!(" {} |", md(m.source.as_deref().unwrap_or("")))
                }
            );
        }
        let _ = writeln!(o);
        if let (true, Some(s)) = (one_source, source) {
            let _ = writeln!(o, "Source: {}.\n", md(s));
        }
    }
}

fn mark(s: Status) -> &'static str {
    match s {
        Status::Met => "✅",
        Status::NotYet => "⏳",
        Status::ToBeConfirmed => "❔",
    }
}

fn criteria(o: &mut String, p: &EvidencePack) {
    let _ = writeln!(o, "## {}\n", md(&criteria_title(p)));
    if p.header.target.is_none() {
        let _ = writeln!(
            o,
            "No target level: pass `--target LEVEL` to see its criteria.\n"
        );
        return;
    }
    let count = |s: Status| p.criteria.iter().filter(|c| c.status == s).count();
    let _ = writeln!(
        o,
        "{} met · {} not yet · {} to be confirmed\n",
        count(Status::Met),
        count(Status::NotYet),
        count(Status::ToBeConfirmed)
    );
    for c in &p.criteria {
        let _ = writeln!(
            o,
            "### {} {} — {} {}\n",
            mark(c.status),
            capitalise(status_label(c.status)),
            md(&c.text),
            code(&c.id)
        );
        let _ = writeln!(o, "- Figure: {}", md(&c.detail));
        if c.single_entry && c.computed == Status::Met {
            let _ = writeln!(o, "- Met on a single entry.");
        }
        if let Some(conf) = &c.confirmation {
            let _ = writeln!(
                o,
                "- Confirmed by {} on {} ({}){} ({})",
                md(&conf.by),
                conf.date,
                md(&conf.status),
                if conf.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", md(&conf.note))
                },
                code(&conf.id)
            );
        }
        if !c.in_outcomes.is_empty() {
            let ids: Vec<String> = c.in_outcomes.iter().map(|i| code(i)).collect();
            let _ = writeln!(o, "- Evidence under {OUTCOMES}: {}", ids.join(", "));
        }
        if !c.evidence.is_empty() {
            let _ = writeln!(o, "- Evidence:");
            evidence(o, &c.evidence, "  ");
        }
        if !c.said.is_empty() {
            let _ = writeln!(o, "- What others said:");
            quotes(o, &c.said, "  ");
        }
        let _ = writeln!(o);
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn tenure(o: &mut String, p: &EvidencePack) {
    let _ = writeln!(o, "## {TENURE}\n");
    // A tenure criterion already says it, with its figure.
    if p.tenure.min_months.is_none() {
        let _ = writeln!(o, "{}\n", md(&super::tenure_sentence(&p.tenure)));
    }
    if !p.tenure.milestones.is_empty() {
        evidence(o, &p.tenure.milestones, "");
        let _ = writeln!(o);
    }
}

fn skills(o: &mut String, p: &EvidencePack, detail: Detail) {
    let _ = writeln!(o, "## {SKILLS}\n");
    let rows: Vec<_> = p.skills.iter().filter(|s| skill_has_content(s)).collect();
    if detail == Detail::Summary {
        let _ = writeln!(
            o,
            "| skill | self-rating | lead rating | expected at target | entries |"
        );
        let _ = writeln!(o, "| --- | --- | --- | --- | ---: |");
        for s in &rows {
            let _ = writeln!(
                o,
                "| {}{} | {} | {} | {} | {} |",
                md(&s.name),
                if s.private { " (private)" } else { "" },
                level_text(s.self_rating.as_ref()),
                level_text(s.lead_rating.as_ref()),
                s.expected.as_deref().unwrap_or("–"),
                s.entries
            );
        }
        let _ = writeln!(
            o,
            "\nEach skill's figures and strongest entries: `casebook review --detail full`.\n"
        );
        return;
    }
    for s in rows {
        let _ = writeln!(
            o,
            "### {}{}\n",
            md(&s.name),
            if s.private {
                " (private development notes, never a criterion)"
            } else {
                ""
            }
        );
        let _ = writeln!(
            o,
            "| self-rating | lead rating | expected at target | entries in the period |"
        );
        let _ = writeln!(o, "| --- | --- | --- | ---: |");
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |\n",
            rating_text(s.self_rating.as_ref()),
            rating_text(s.lead_rating.as_ref()),
            s.expected.as_deref().unwrap_or("–"),
            s.entries
        );
        if !s.ratings_in_period.is_empty() {
            let hist: Vec<String> = s
                .ratings_in_period
                .iter()
                .map(|r| format!("{} {} ({})", r.date, r.level, md(&r.rater)))
                .collect();
            let _ = writeln!(o, "Ratings in the period: {}\n", hist.join(" → "));
        }
        let lines: Vec<_> = s
            .figures
            .iter()
            .filter(|f| figures_have_content(f))
            .flat_map(figure_lines)
            .collect();
        for l in &lines {
            let _ = writeln!(o, "- {}: {}", l.label, md(&l.value));
        }
        if !lines.is_empty() {
            let _ = writeln!(o);
        }
        if !s.evidence.is_empty() {
            let _ = writeln!(o, "Strongest evidence:\n");
            evidence(o, &s.evidence, "");
            let _ = writeln!(o);
        }
    }
}

/// A rating's level alone, for the one-table view of the skills.
fn level_text(r: Option<&crate::review::RatingRow>) -> String {
    r.map_or_else(|| "not rated".to_string(), |r| r.level.clone())
}

fn growth(o: &mut String, p: &EvidencePack) {
    let g = &p.growth;
    let _ = writeln!(o, "## {GROWTH}\n");
    let m = &p.misses;
    if !m.shown.is_empty() {
        let _ = writeln!(o, "### {MISSES}\n\n{}\n", super::misses_intro(m));
        for x in &m.shown {
            let _ = writeln!(
                o,
                "- **{}** — diagnosis {}{} ({})",
                md(&x.title),
                x.date,
                x.confidence
                    .map(|c| format!(", {c}% confident"))
                    .unwrap_or_default(),
                code(&x.id)
            );
            let _ = writeln!(
                o,
                "  - Predicted → actual: {} → {}",
                md(&x.predicted),
                md(&x.actual)
            );
            if let Some(l) = &x.learned {
                let _ = writeln!(o, "  - Learned: {}", md(l));
            }
        }
        let _ = writeln!(o, "\n### Plan\n");
    }
    if p.header.target.is_some() {
        // Unrated skills are one line: each is the same gap.
        let unrated: Vec<String> = g
            .below_expected
            .iter()
            .filter(|gap| gap.current.is_none())
            .map(|gap| format!("{} ({})", md(&gap.name), gap.expected))
            .collect();
        if !unrated.is_empty() {
            let _ = writeln!(
                o,
                "- Not rated yet, though the target expects them: {}",
                unrated.join(", ")
            );
        }
        for gap in g.below_expected.iter().filter(|gap| gap.current.is_some()) {
            let _ = writeln!(
                o,
                "- {}: {} now, {} expected",
                md(&gap.name),
                match (&gap.current, &gap.rater) {
                    (Some(c), Some(r)) => format!("{c} ({} rating)", md(r)),
                    (Some(c), None) => c.clone(),
                    _ => "not rated".into(),
                },
                gap.expected
            );
        }
        if !g.criteria_not_yet.is_empty() {
            let ids: Vec<String> = g.criteria_not_yet.iter().map(|c| code(c)).collect();
            let _ = writeln!(o, "- Criteria still to show or confirm: {}", ids.join(", "));
        }
    }
    if let Some(f) = &g.open_focus {
        let _ = writeln!(
            o,
            "- Open focus: {}{}, since {} ({})",
            md(&f.entry.title),
            f.skill_name
                .as_deref()
                .map(|s| format!(" ({})", md(s)))
                .unwrap_or_default(),
            f.entry.date,
            code(&f.entry.id)
        );
    }
    if let Some(n) = &g.next_skill {
        let _ = writeln!(
            o,
            "- Suggested next skill: {} ({}, {} entries in the period)",
            md(&n.name),
            n.current.as_deref().unwrap_or("not rated"),
            n.entries
        );
    }
    for r in &g.ratings_without_evidence {
        let _ = writeln!(
            o,
            "- Self-rating without linked evidence: {} {} ({})",
            md(&r.skill),
            r.level,
            r.date
        );
    }
    let _ = writeln!(o);
}

fn activity(o: &mut String, p: &EvidencePack, detail: Detail) {
    let a = &p.activity;
    let _ = writeln!(o, "## {ACTIVITY}\n");
    if detail == Detail::Summary {
        let _ = writeln!(
            o,
            "{} entries in the period: {}.\n",
            a.total,
            md(&kinds_line(a, 6))
        );
        return;
    }
    let _ = writeln!(o, "{} entries in the period.\n", a.total);
    if !a.by_kind.is_empty() {
        let _ = writeln!(o, "| kind | entries |\n| --- | ---: |");
        for (k, n) in &a.by_kind {
            let _ = writeln!(o, "| {} | {n} |", md(k));
        }
        let _ = writeln!(o);
    }
    if !a.by_month.is_empty() {
        let _ = writeln!(o, "| month | entries |\n| --- | ---: |");
        for (m, n) in &a.by_month {
            let _ = writeln!(o, "| {m} | {n} |");
        }
        let _ = writeln!(o);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::entry::{Entry, Kind};
    use crate::review::{ReviewInput, assemble};
    use crate::skills::{Ladder, SkillsTree};
    use chrono::{DateTime, NaiveDate};

    pub(crate) fn sample_pack(title: &str) -> EvidencePack {
        let skills = SkillsTree::parse(include_str!("../../journal-template/skills.toml")).unwrap();
        let ladder = Ladder::parse(include_str!("../../journal-template/ladder.toml")).unwrap();
        let at = DateTime::parse_from_rfc3339("2026-03-02T10:00:00+00:00").unwrap();
        let mut d = Entry::new(Kind::Diagnosis, title, "ana-lima", at);
        d.fields
            .insert("verdict".into(), toml::Value::String("hit".into()));
        d.fields
            .insert("confidence".into(), toml::Value::Integer(80));
        d.body = "The | pipe and *stars*\n\nsecond line".into();
        let mut k = Entry::new(Kind::Kb, "SSO article", "ana-lima", at);
        k.fields
            .insert("status".into(), toml::Value::String("published".into()));
        k.fields
            .insert("deflections".into(), toml::Value::Integer(12));
        let entries = vec![d, k];
        let period: Vec<&Entry> = entries.iter().collect();
        let paths = |e: &Entry| format!("people/ana-lima/{}.md", e.id);
        assemble(&ReviewInput {
            person: "ana-lima".into(),
            period_label: "2026-H1".into(),
            period_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            generated: at,
            commit: Some("0123456789abcdef".into()),
            entries: &period,
            history: &entries,
            team: &[],
            skills: &skills,
            ladder: &ladder,
            level: Some("specialist-1".into()),
            target: None,
            paths: &paths,
            qa_target_per_week: 5,
            explore_target_per_week: 60,
            min_predictions_for_brier: 20,
            include_private: false,
            templates: None,
        })
    }

    #[test]
    fn sections_come_in_the_order_boards_read() {
        let text = render(&sample_pack("Refund loop"), Detail::Summary);
        let at = |h: &str| {
            text.find(h)
                .unwrap_or_else(|| panic!("no {h:?} in\n{text}"))
        };
        let order = [
            at("# Evidence pack: ana-lima, 2026-H1"),
            at("## Summary"),
            at("## Outcomes and system impact"),
            at("## Criteria for Support Specialist II"),
            at("## Skills"),
            at("## Gaps and plan"),
            at("## Activity (context)"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(text.contains("### Knowledge-base articles published"));
        assert!(
            text.contains("| Complex-case diagnosis |"),
            "skills as one table"
        );
        assert!(!text.contains("people/"), "ids, never paths");
        let full = render(&sample_pack("Refund loop"), Detail::Full);
        assert!(full.contains("### Complex-case diagnosis"));
        assert!(
            full.contains("| month | entries |"),
            "activity tables in full"
        );
        assert!(!text.contains("| month | entries |"), "and only in full");
        assert!(!text.contains("Self-care"), "foundations stay out");
    }

    #[test]
    fn user_text_cannot_break_tables_or_markup() {
        assert_eq!(md("a | b\nc *d* <x>"), "a \\| b c \\*d\\* \\<x\\>");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(code("a`b"), "`` a`b ``");
        let text = render(&sample_pack("Title | with pipe"), Detail::Full);
        assert!(text.contains("Title \\| with pipe"));
        assert!(
            text.contains("The \\| pipe and stars second line"),
            "{text}"
        );
    }
}
