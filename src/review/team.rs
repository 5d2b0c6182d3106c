//! The team view for a lead: a skills-by-people grid for calibration. Each
//! row is built from that person's own pack, so a lead sees exactly what the
//! person would bring. Rows are in name order and nothing is ranked; volume
//! is shown per 100 cases handled, with its n, because raw counts reward
//! whoever handles the most tickets.

use super::figures::SkillFigures;
use super::{EvidencePack, Status};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct TeamView {
    pub period: String,
    pub generated: String,
    pub commit: Option<String>,
    pub skills: Vec<SkillRef>,
    pub people: Vec<PersonRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkillRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub person: String,
    pub level: Option<String>,
    pub target: Option<String>,
    /// Practice entries in the period.
    pub entries: usize,
    /// Cases handled in the period, from the person's metric entries.
    pub cases_handled: Option<i64>,
    /// Practice entries per 100 cases handled; absent without cases handled.
    pub entries_per_100_cases: Option<f64>,
    pub criteria_met: usize,
    pub criteria_total: usize,
    /// Weeks of the period at the QA sampling target, and the weeks counted.
    pub qa_weeks_at_target: Option<(usize, usize)>,
    /// Weeks of the period at the exploration-minutes target.
    pub explore_weeks_at_target: Option<(usize, usize)>,
    /// One cell per skill, in the order of `TeamView::skills`.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub skill: String,
    pub self_rating: Option<String>,
    pub lead_rating: Option<String>,
    /// Entries in the period that are evidence for the skill.
    pub evidence: usize,
}

/// Builds the grid from one pack per person. The caller passes the packs;
/// foundations (private development notes) never appear as columns.
pub fn grid(packs: &[EvidencePack], period: &str) -> TeamView {
    let mut skills: Vec<SkillRef> = Vec::new();
    for p in packs {
        for s in p.skills.iter().filter(|s| !s.private) {
            if !skills.iter().any(|k| k.id == s.id) {
                skills.push(SkillRef {
                    id: s.id.clone(),
                    name: s.name.clone(),
                });
            }
        }
    }
    let mut people: Vec<PersonRow> = packs
        .iter()
        .map(|p| {
            let entries: usize = p
                .activity
                .by_kind
                .iter()
                .filter(|(k, _)| {
                    k.parse::<crate::entry::Kind>()
                        .is_ok_and(|k| k.is_practice())
                })
                .map(|(_, n)| *n)
                .sum();
            let cases: Option<i64> = {
                let sum: i64 = p
                    .outcomes
                    .metrics
                    .iter()
                    .filter_map(|m| m.cases_handled)
                    .sum();
                (sum > 0).then_some(sum)
            };
            let cells = skills
                .iter()
                .map(|k| {
                    let s = p.skills.iter().find(|s| s.id == k.id);
                    Cell {
                        skill: k.id.clone(),
                        self_rating: s
                            .and_then(|s| s.self_rating.as_ref())
                            .map(|r| r.level.clone()),
                        lead_rating: s
                            .and_then(|s| s.lead_rating.as_ref())
                            .map(|r| r.level.clone()),
                        evidence: s.map_or(0, |s| s.entries),
                    }
                })
                .collect();
            let mut qa = None;
            let mut explore = None;
            for f in p.skills.iter().flat_map(|s| s.figures.iter()) {
                match f {
                    SkillFigures::Qa(q) => qa = Some((q.weeks_at_target, q.by_week.len())),
                    SkillFigures::Explore(x) => {
                        explore = Some((x.weeks_at_target, x.by_week.len()))
                    }
                    _ => {}
                }
            }
            PersonRow {
                person: p.header.person.clone(),
                qa_weeks_at_target: qa,
                explore_weeks_at_target: explore,
                level: p.header.level.as_ref().map(|l| l.id.clone()),
                target: p.header.target.as_ref().map(|l| l.id.clone()),
                entries,
                cases_handled: cases,
                entries_per_100_cases: cases
                    .map(|c| ((entries as f64) * 100.0 / c as f64 * 10.0).round() / 10.0),
                criteria_met: p
                    .criteria
                    .iter()
                    .filter(|c| c.status == Status::Met)
                    .count(),
                criteria_total: p.criteria.len(),
                cells,
            }
        })
        .collect();
    people.sort_by(|a, b| a.person.cmp(&b.person));
    TeamView {
        period: period.to_string(),
        generated: packs
            .first()
            .map(|p| p.header.generated.clone())
            .unwrap_or_default(),
        commit: packs.first().and_then(|p| p.header.commit.clone()),
        skills,
        people,
    }
}

/// Markdown: one table, people in name order, ratings as self/lead.
pub fn markdown(v: &TeamView) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ = writeln!(o, "# Team view: {}\n", v.period);
    let _ = writeln!(
        o,
        "Calibration, not a ranking: people are in name order. Volume is per 100 cases handled (n = cases); ratings read self / lead, with the entries that are evidence in brackets.\n"
    );
    let mut header = String::from(
        "| Person | Level → target | Entries | Cases (n) | Per 100 cases | Criteria met | QA weeks at target | Exploration weeks at target |",
    );
    let mut rule = String::from("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for s in &v.skills {
        let _ = write!(header, " {} |", s.name.replace('|', "/"));
        rule.push_str(" --- |");
    }
    let _ = writeln!(o, "{header}\n{rule}");
    for p in &v.people {
        let _ = write!(
            o,
            "| {} | {} → {} | {} | {} | {} | {}/{} |",
            p.person,
            p.level.as_deref().unwrap_or("?"),
            p.target.as_deref().unwrap_or("?"),
            p.entries,
            p.cases_handled.map_or("-".into(), |c| c.to_string()),
            p.entries_per_100_cases
                .map_or("-".into(), |x| format!("{x:.1}")),
            p.criteria_met,
            p.criteria_total
        );
        for weeks in [p.qa_weeks_at_target, p.explore_weeks_at_target] {
            let _ = write!(
                o,
                " {} |",
                weeks.map_or("-".to_string(), |(met, of)| format!("{met}/{of}"))
            );
        }
        for c in &p.cells {
            let _ = write!(
                o,
                " {} / {} ({}) |",
                c.self_rating.as_deref().unwrap_or("-"),
                c.lead_rating.as_deref().unwrap_or("-"),
                c.evidence
            );
        }
        o.push('\n');
    }
    let _ = writeln!(
        o,
        "\nGenerated {}{}.",
        v.generated,
        v.commit
            .as_deref()
            .map(|c| format!(" from commit {}", &c[..c.len().min(10)]))
            .unwrap_or_default()
    );
    o
}
