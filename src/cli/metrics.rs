//! `casebook metrics import | report`: the helpdesk's outcome figures (CSAT
//! with its n, re-open rate, first-contact resolution, QA score) recorded as
//! `metric` entries, so ladder criteria on them are evaluated instead of
//! left "to be confirmed". Cases handled and handle time are context only.

use super::args::FilterArgs;
use super::context::Context;
use super::error::{CliError, CliResult};
use super::loops::{print_json, set_str};
use crate::entry::{self, Entry, Kind};
use crate::loops::sample::Table;
use clap::{Args, Subcommand};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Below this many survey responses a CSAT is a hint, not a measure.
pub const MIN_RESPONSES: i64 = 30;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook metrics import helpdesk-h1.csv --period 2026-H1
  casebook metrics import export.csv --map \"Satisfaction=csat\" \\
      --map \"Surveys=csat_n\"
  casebook metrics report
Typed in by hand instead: casebook new metric --field period=2026-H1 --field csat=94 --field csat_n=212")]
pub struct MetricsArgs {
    #[command(subcommand)]
    pub command: Option<MetricsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum MetricsCommand {
    /// Read a helpdesk export (CSV): one metric entry per row, one commit
    #[command(
        after_help = "Examples:\n  casebook metrics import helpdesk-h1.csv --period 2026-H1\n  casebook metrics import team.csv --map \"Satisfaction=csat\" \\\n      --map \"Surveys=csat_n\" --source \"Zendesk Explore\""
    )]
    Import(ImportArgs),
    /// The recorded figures, period by period, with their n and source
    #[command(
        after_help = "Examples:\n  casebook metrics report\n  casebook metrics report --team --json"
    )]
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV export (`-` is stdin)
    pub file: PathBuf,
    /// The period the figures cover, when the file has no period column
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Whose figures, when the file has no person column (default: yours)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Map a column to a field: csat, csat_n, reopen_rate, fcr, qa_score, cases_handled, person, period
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Where the figures come from (default: the file name)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Check the file, write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: super::guard::PiiArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

const FIELDS: [&str; 8] = [
    "csat",
    "csat_n",
    "reopen_rate",
    "fcr",
    "qa_score",
    "cases_handled",
    "person",
    "period",
];

/// Header spellings seen in helpdesk exports, normalised (lower case,
/// letters and digits only).
fn field_of_header(header: &str) -> Option<&'static str> {
    let h: String = header
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    Some(match h.as_str() {
        "csat" | "csatpct" | "csatscore" | "satisfaction" | "satisfactionscore" => "csat",
        "csatn" | "csatresponses" | "responses" | "surveyresponses" | "surveys" | "ratings" => {
            "csat_n"
        }
        "reopenrate" | "reopens" | "reopenpct" | "reopened" => "reopen_rate",
        "fcr" | "firstcontactresolution" | "fcrrate" | "onetouch" => "fcr",
        "qascore" | "qa" | "quality" | "qualityscore" => "qa_score",
        "caseshandled" | "cases" | "tickets" | "ticketssolved" | "solved" | "solvedtickets" => {
            "cases_handled"
        }
        "person" | "agent" | "assignee" | "name" | "agentname" => "person",
        "period" | "month" | "quarter" | "half" | "year" => "period",
        _ => return None,
    })
}

pub fn run(args: MetricsArgs, ctx: &mut Context) -> CliResult {
    match args.command {
        Some(MetricsCommand::Import(a)) => run_import(a, ctx),
        Some(MetricsCommand::Report(a)) => run_report(a, ctx),
        None => run_report(
            ReportArgs {
                filter: FilterArgs::default(),
            },
            ctx,
        ),
    }
}

fn run_import(args: ImportArgs, ctx: &mut Context) -> CliResult {
    let shown = args.file.display().to_string();
    let data = if shown == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        s
    } else {
        std::fs::read_to_string(&args.file)
            .map_err(|e| CliError::failure(format!("cannot read {shown}: {e}")))?
    };
    let mut explicit: BTreeMap<String, &'static str> = BTreeMap::new();
    for m in &args.map {
        let (col, field) = m
            .split_once('=')
            .ok_or_else(|| CliError::usage(format!("--map '{m}' must look like COLUMN=FIELD")))?;
        let field = FIELDS.iter().find(|f| **f == field.trim()).ok_or_else(|| {
            CliError::usage(format!(
                "--map '{m}': '{}' is not a metric field (fields: {})",
                field.trim(),
                FIELDS.join(", ")
            ))
        })?;
        explicit.insert(col.trim().to_lowercase(), field);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(Table::separator_of(&data).unwrap_or(b','))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(data.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CliError::usage(format!("{shown}: not a CSV file: {e}")))?
        .clone();
    let columns: Vec<Option<&'static str>> = headers
        .iter()
        .map(|h| {
            explicit
                .get(&h.to_lowercase())
                .copied()
                .or_else(|| field_of_header(h))
        })
        .collect();
    let figures = ["csat", "reopen_rate", "fcr", "qa_score"];
    if !columns.iter().flatten().any(|f| figures.contains(f)) {
        return Err(CliError::usage(format!(
            "{shown} has no column casebook knows as a metric (headers: {})",
            headers.iter().collect::<Vec<_>>().join(", ")
        ))
        .with_hint("name them with --map COLUMN=FIELD, e.g. --map \"Satisfaction=csat\""));
    }
    let ignored: Vec<&str> = headers
        .iter()
        .zip(&columns)
        .filter(|(_, f)| f.is_none())
        .map(|(h, _)| h)
        .collect();
    if !ignored.is_empty() {
        ctx.ui.status(&format!(
            "ignoring columns {} (handle time and counts are context, not criteria)",
            ignored.join(", ")
        ));
    }
    let default_person = ctx.person(args.person.as_deref())?;
    let source = args.source.clone().unwrap_or_else(|| {
        args.file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "stdin".into())
    });
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2; // the header is row 1
        let record =
            record.map_err(|e| CliError::usage(format!("{shown}:{row}: not valid CSV: {e}")))?;
        let mut values: BTreeMap<&str, String> = BTreeMap::new();
        for (value, field) in record.iter().zip(&columns) {
            if let Some(f) = field
                && !value.is_empty()
            {
                values.insert(f, value.to_string());
            }
        }
        let person = match values.get("person") {
            Some(p) => entry::person_slug(p)
                .map_err(|e| CliError::usage(format!("{shown}:{row}: person: {e}")))?,
            None => default_person.clone(),
        };
        let period = values
            .get("period")
            .cloned()
            .or_else(|| args.period.clone())
            .ok_or_else(|| {
                CliError::usage(format!(
                    "{shown}:{row}: which period do these figures cover?"
                ))
                .with_hint("give --period 2026-H1, or a period column")
            })?;
        crate::dates::parse_period(&period, ctx.today())
            .map_err(|e| CliError::usage(format!("{shown}:{row}: period '{period}': {e}")))?;
        let mut e = Entry::new(Kind::Metric, "", &person, crate::clock::now());
        set_str(&mut e, "period", &period);
        set_str(&mut e, "source", &source);
        for f in [
            "csat",
            "reopen_rate",
            "fcr",
            "qa_score",
            "csat_n",
            "cases_handled",
        ] {
            let Some(raw) = values.get(f) else { continue };
            let number: f64 = raw
                .trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse()
                .map_err(|_| {
                    CliError::usage(format!("{shown}:{row}: {f}: '{raw}' is not a number"))
                })?;
            let value = if matches!(f, "csat_n" | "cases_handled") {
                if number < 0.0 || number.fract() != 0.0 {
                    return Err(CliError::usage(format!(
                        "{shown}:{row}: {f}: '{raw}' is not a count"
                    )));
                }
                toml::Value::Integer(number as i64)
            } else {
                // A rate given as a fraction (0.94) is read as a percentage.
                let pct = if number > 0.0 && number <= 1.0 && !raw.contains('%') {
                    number * 100.0
                } else {
                    number
                };
                if !(0.0..=100.0).contains(&pct) {
                    return Err(CliError::usage(format!(
                        "{shown}:{row}: {f}: {raw} is outside 0-100"
                    )));
                }
                toml::Value::Float((pct * 100.0).round() / 100.0)
            };
            e.fields.insert(f.into(), value);
        }
        let csat_n = e.field_int("csat_n");
        if e.field_f64("csat").is_some() && csat_n.is_none_or(|n| n < MIN_RESPONSES) {
            warnings.push(format!(
                "{person} {period}: CSAT rests on {} responses (fewer than {MIN_RESPONSES}): a hint, not a measure",
                csat_n.map_or("an unknown number of".to_string(), |n| n.to_string())
            ));
        }
        e.title = metric_title(&e);
        entries.push(e);
    }
    if entries.is_empty() {
        return Err(CliError::nothing(format!("{shown} has no rows")));
    }
    for w in &warnings {
        ctx.ui.warn(w);
    }
    let n = entries.len();
    if args.dry_run {
        for e in &entries {
            ctx.ui.line(&format!("{}  {}", e.person, e.title));
        }
        ctx.ui
            .status(&format!("{n} metric entries would be written (dry run)"));
        return Ok(());
    }
    let commit = super::import::commit_entries(
        ctx,
        entries,
        &format!("metrics: {n} rows from {source}"),
        &args.pii,
    )?;
    if ctx.json() {
        print_json(
            ctx,
            &serde_json::json!({"imported": n, "commit": commit, "warnings": warnings}),
        );
    } else {
        ctx.ui
            .line(&format!("imported {n} metric entries ({commit})"));
    }
    Ok(())
}

fn metric_title(e: &Entry) -> String {
    let mut parts = Vec::new();
    if let Some(c) = e.field_f64("csat") {
        let n = e
            .field_int("csat_n")
            .map(|n| format!(" (n={n})"))
            .unwrap_or_default();
        parts.push(format!("CSAT {c}%{n}"));
    }
    for (f, name) in [
        ("reopen_rate", "re-open"),
        ("fcr", "FCR"),
        ("qa_score", "QA"),
    ] {
        if let Some(v) = e.field_f64(f) {
            parts.push(format!(
                "{name} {v}{}",
                if f == "qa_score" { "" } else { "%" }
            ));
        }
    }
    format!(
        "Metrics {}: {}",
        e.field_str("period").unwrap_or(""),
        parts.join(", ")
    )
}

fn run_report(args: ReportArgs, ctx: &mut Context) -> CliResult {
    let mut filter = ctx.filter(&args.filter, true)?;
    filter.require("kind", Kind::Metric.as_str());
    filter.include_private = !args.filter.team;
    let mut items = ctx.query(|i| i.all_matching(&filter))?;
    items.sort_by(|a, b| {
        (&a.entry.person, a.entry.created).cmp(&(&b.entry.person, b.entry.created))
    });
    if items.is_empty() {
        return Err(CliError::nothing("no metrics recorded")
            .with_hint("casebook metrics import FILE --period P, or casebook new metric"));
    }
    let row = |e: &Entry| {
        let n = e.field_int("csat_n");
        serde_json::json!({
            "id": e.id,
            "person": e.person,
            "period": e.field_str("period"),
            "csat": e.field_f64("csat"),
            "csat_n": n,
            "reopen_rate": e.field_f64("reopen_rate"),
            "fcr": e.field_f64("fcr"),
            "qa_score": e.field_f64("qa_score"),
            "cases_handled": e.field_int("cases_handled"),
            "source": e.field_str("source"),
            "small_n": e.field_f64("csat").is_some() && n.is_none_or(|n| n < MIN_RESPONSES),
        })
    };
    if ctx.json() {
        let rows: Vec<_> = items.iter().map(|i| row(&i.entry)).collect();
        print_json(ctx, &serde_json::json!({ "metrics": rows }));
        return Ok(());
    }
    ctx.ui.line(&format!(
        "{:<16} {:<10} {:>12} {:>8} {:>6} {:>6} {:>7}  source",
        "person", "period", "CSAT (n)", "re-open", "FCR", "QA", "cases"
    ));
    let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_else(|| "-".into());
    for i in &items {
        let e = &i.entry;
        let csat = match (e.field_f64("csat"), e.field_int("csat_n")) {
            (Some(c), Some(n)) => format!("{c} ({n})"),
            (Some(c), None) => format!("{c} (?)"),
            _ => "-".into(),
        };
        let small = e.field_f64("csat").is_some()
            && e.field_int("csat_n").is_none_or(|n| n < MIN_RESPONSES);
        ctx.ui.line(&format!(
            "{:<16} {:<10} {:>12} {:>8} {:>6} {:>6} {:>7}  {}{}",
            e.person,
            e.field_str("period").unwrap_or("-"),
            csat,
            num(e.field_f64("reopen_rate")),
            num(e.field_f64("fcr")),
            num(e.field_f64("qa_score")),
            e.field_int("cases_handled")
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            super::ui::one_line(e.field_str("source").unwrap_or("-")),
            if small { "  (n < 30: a hint)" } else { "" }
        ));
    }
    ctx.ui
        .status("cases handled is context only: it is never a ladder criterion");
    Ok(())
}
