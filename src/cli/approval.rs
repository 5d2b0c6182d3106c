//! The approval loop: `casebook approval report | outcome`. Decisions at
//! risk-graded gates (the gates come from `casebook.toml` `[approvals]`),
//! how often the agent's proposal was amended or rejected and why, and what
//! happened later (reversals, complaints, chargebacks), recorded with
//! `approval outcome` when it becomes known.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{
    commit_update, day_or_today, load, pct_text, percent, print_json, scope, set_str, text,
};
use super::new::one_line_title;
use super::ui::{BOLD, DIM, one_line};
use crate::entry::kind::APPROVAL_OUTCOMES;
use crate::entry::{Entry, Kind};
use crate::loops::kb::append_to_section;
use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  # decisions by gate, amend and reject rates, reversals
  casebook approval
  casebook new approval --field gate=refund --field decision=amended \\
      --field why=\"over the 30-day window\" --no-edit -m \"...\"
  casebook approval outcome kqzv reversed -m \"finance refunded in full\""
)]
pub struct ApprovalArgs {
    #[command(subcommand)]
    pub command: Option<ApprovalCommand>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum ApprovalCommand {
    /// Decisions by gate, amend and reject rates with their top reasons, reversals
    Report(ReportArgs),
    /// Record what happened later: reversed, complaint or chargeback
    Outcome(OutcomeArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  casebook approval report\n  casebook approval report --team --period 2026-H2 --json"
)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook approval outcome kqzv reversed -m \"finance refunded in full\"
  casebook approval outcome kqzv chargeback --date 2026-11-02")]
pub struct OutcomeArgs {
    /// The approval entry: id, unique prefix, path, @ or @~N
    #[arg(add = super::complete::id_completer())]
    pub id: String,
    /// What happened
    #[arg(value_parser = PossibleValuesParser::new(APPROVAL_OUTCOMES))]
    pub outcome: String,
    /// What happened, in a sentence (logged in the body)
    #[arg(short = 'm', long = "note", visible_aliases = ["body", "text"], value_name = "TEXT")]
    pub note: Option<String>,
    /// Read the note from a file (`-` is stdin)
    #[arg(short = 'F', long = "body-file", value_name = "FILE")]
    pub note_file: Option<PathBuf>,
    /// When it happened (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: ApprovalArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        None => report(args.filter, ctx),
        Some(ApprovalCommand::Report(a)) => report(a.filter, ctx),
        Some(ApprovalCommand::Outcome(a)) => outcome(a, ctx),
    }
}

/// An approval's gate must be one the team configured (or a built-in one).
pub(super) fn check_gate(ctx: &mut Context, e: &Entry, flag: &str) -> CliResult {
    let gates = ctx.journal()?.config.approvals.gates();
    match crate::write::unknown_gate(&gates, e) {
        Some(problem) => {
            Err(CliError::usage(format!("{flag}: {problem}")).with_hint(crate::write::GATES_HINT))
        }
        None => Ok(()),
    }
}

fn outcome(args: OutcomeArgs, ctx: &mut Context) -> CliResult {
    let (path, mut e) = load(ctx, &args.id, Kind::Approval)?;
    let day = day_or_today(ctx, args.date.as_deref())?;
    if day < e.created.date_naive() {
        return Err(CliError::usage(format!(
            "--date {day} is before the decision ({})",
            e.created.date_naive()
        )));
    }
    if let Some(old) = e.field_str("outcome") {
        ctx.ui.warn(&format!(
            "{} already had the outcome {old}; it is now {} (both stay in the body)",
            e.id, args.outcome
        ));
    }
    let note = text(&args.note, &args.note_file)?;
    set_str(&mut e, "outcome", &args.outcome);
    set_str(&mut e, "outcome_date", &day.to_string());
    if args.outcome == "reversed" {
        e.fields
            .insert("reversed".into(), toml::Value::Boolean(true));
        if let Some(n) = &note {
            set_str(&mut e, "reversal", &one_line(n));
        }
    }
    let line = format!(
        "- {day}: {}{}",
        args.outcome,
        note.as_deref()
            .map(|n| format!(": {}", one_line(n)))
            .unwrap_or_default()
    );
    e.body = append_to_section(&e.body, "Outcome", &line);
    let message = format!("approval {}: {}", args.outcome, one_line_title(&e.title));
    commit_update(ctx, &path, e, &message, &args.write)
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reason {
    pub reason: String,
    pub n: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GateRow {
    pub gate: String,
    pub decisions: usize,
    pub approved: usize,
    pub amended: usize,
    pub rejected: usize,
    pub escalated: usize,
    pub amend_rate_percent: Option<f64>,
    pub reject_rate_percent: Option<f64>,
    pub reversals: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApprovalReport {
    pub decisions: usize,
    pub by_gate: Vec<GateRow>,
    pub by_decision: BTreeMap<String, usize>,
    pub amend_rate_percent: Option<f64>,
    pub reject_rate_percent: Option<f64>,
    /// Most given `why` of amended decisions, most first (at most 3).
    pub top_amend_reasons: Vec<Reason>,
    pub top_reject_reasons: Vec<Reason>,
    /// Decisions reversed later (`reversed`, or the outcome reversed).
    pub reversals: usize,
    /// Outcomes recorded later, each of reversed, complaint, chargeback.
    pub outcomes: BTreeMap<String, usize>,
}

const TOP_REASONS: usize = 3;

/// A reason as it is compared: case, spacing and a final full stop do not
/// make two reasons different.
fn reason_key(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', '!'])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn top_reasons<'a>(whys: impl Iterator<Item = &'a str>) -> Vec<Reason> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for w in whys {
        let key = reason_key(w);
        if key.is_empty() {
            continue;
        }
        counts
            .entry(key)
            .or_insert_with(|| (one_line(w.trim().trim_end_matches(['.', '!'])), 0))
            .1 += 1;
    }
    let mut out: Vec<Reason> = counts
        .into_values()
        .map(|(reason, n)| Reason { reason, n })
        .collect();
    out.sort_by(|a, b| b.n.cmp(&a.n).then(a.reason.cmp(&b.reason)));
    out.truncate(TOP_REASONS);
    out
}

fn is_reversed(e: &Entry) -> bool {
    e.field_bool("reversed") || e.field_str("outcome") == Some("reversed")
}

/// The report over approval entries; `gates` (the configured ones) are
/// listed even without decisions, in their configured order.
pub fn approval_report(entries: &[&Entry], gates: &[String]) -> ApprovalReport {
    let a: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Approval)
        .collect();
    let decision = |e: &Entry| e.field_str("decision").unwrap_or("unspecified").to_string();
    let mut order: Vec<String> = gates.to_vec();
    for e in &a {
        let g = e.field_str("gate").unwrap_or("unspecified").to_string();
        if !order.contains(&g) {
            order.push(g);
        }
    }
    let by_gate = order
        .into_iter()
        .map(|gate| {
            let of: Vec<&&Entry> = a
                .iter()
                .filter(|e| e.field_str("gate").unwrap_or("unspecified") == gate)
                .collect();
            let count = |d: &str| of.iter().filter(|e| decision(e) == d).count();
            GateRow {
                decisions: of.len(),
                approved: count("approved"),
                amended: count("amended"),
                rejected: count("rejected"),
                escalated: count("escalated"),
                amend_rate_percent: percent(count("amended"), of.len()),
                reject_rate_percent: percent(count("rejected"), of.len()),
                reversals: of.iter().filter(|e| is_reversed(e)).count(),
                gate,
            }
        })
        .collect();
    let mut by_decision = BTreeMap::new();
    for e in &a {
        *by_decision.entry(decision(e)).or_default() += 1;
    }
    let n = |d: &str| by_decision.get(d).copied().unwrap_or(0);
    let whys = |d: &'static str| {
        a.iter()
            .filter(move |e| e.field_str("decision") == Some(d))
            .filter_map(|e| e.field_str("why"))
    };
    let mut outcomes = BTreeMap::new();
    for o in APPROVAL_OUTCOMES {
        outcomes.insert(
            o.to_string(),
            a.iter()
                .filter(|e| e.field_str("outcome") == Some(o))
                .count(),
        );
    }
    ApprovalReport {
        decisions: a.len(),
        amend_rate_percent: percent(n("amended"), a.len()),
        reject_rate_percent: percent(n("rejected"), a.len()),
        by_decision,
        by_gate,
        top_amend_reasons: top_reasons(whys("amended")),
        top_reject_reasons: top_reasons(whys("rejected")),
        reversals: a.iter().filter(|e| is_reversed(e)).count(),
        outcomes,
    }
}

fn report(filter: FilterArgs, ctx: &mut Context) -> CliResult {
    let s = scope(ctx, &filter, &[Kind::Approval], None)?;
    let gates = ctx.journal()?.config.approvals.gates();
    let r = approval_report(&s.entries(), &gates);
    if ctx.json() {
        let mut json = serde_json::to_value(&r).unwrap_or_default();
        if let Some(o) = json.as_object_mut() {
            o.insert("person".into(), s.person.clone().into());
            o.insert("period".into(), s.period_json());
        }
        print_json(ctx, &json);
    } else {
        let ui = &mut ctx.ui;
        ui.hold();
        ui.line(&ui.paint(BOLD, &format!("Approvals · {}", s.heading())));
        ui.line(&format!(
            "  {:<20} {:>5} {:>8} {:>7} {:>8} {:>9}  {:>6} {:>6}  reversed",
            "gate", "n", "approved", "amended", "rejected", "escalated", "amend", "reject"
        ));
        for g in &r.by_gate {
            ui.line(&format!(
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
        ui.line(&ui.paint(
            DIM,
            &format!(
                "  {} decision(s): amended {}, rejected {} · {} reversed · complaints {}, chargebacks {}",
                r.decisions,
                pct_text(r.amend_rate_percent),
                pct_text(r.reject_rate_percent),
                r.reversals,
                r.outcomes.get("complaint").copied().unwrap_or(0),
                r.outcomes.get("chargeback").copied().unwrap_or(0),
            ),
        ));
        for (title, reasons) in [
            ("Why amended", &r.top_amend_reasons),
            ("Why rejected", &r.top_reject_reasons),
        ] {
            if reasons.is_empty() {
                continue;
            }
            ui.line("");
            ui.line(&ui.paint(BOLD, title));
            for x in reasons {
                ui.line(&format!("  ×{}  {}", x.n, x.reason));
            }
        }
    }
    if r.decisions == 0 {
        ctx.ui.discard();
        return Err(CliError::nothing(format!("no approvals in {}", s.label)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_group_by_case_spacing_and_final_stop() {
        let r = top_reasons(
            [
                "Over the window.",
                "over  the window",
                "No receipt",
                "a",
                "b",
            ]
            .into_iter(),
        );
        assert_eq!(
            r[0],
            Reason {
                reason: "Over the window".into(),
                n: 2
            }
        );
        assert_eq!(r.len(), 3, "at most three");
    }
}
