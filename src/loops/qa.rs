//! The QA loop's rules: drawing a week's sample (risky tickets first, both
//! seeded, so the same file, N and seed draw the same sample), the
//! retraining flag's states, and the cadence report against the target.

use super::sample::{self, Population, SampleError};
use crate::entry::{Entry, one_line};
use crate::error::Error;
use crate::review::figures::{QaFigures, Window, qa};
use chrono::NaiveDate;

/// A sampling problem of the export `name` as an error; `flag` is the
/// option whose condition failed (`--where` or `--risky`).
pub fn sample_error(name: &str, flag: &str, e: SampleError) -> Error {
    match e {
        SampleError::NoIdColumn(headers) => {
            Error::invalid(format!("{name} has no ticket id column")).with_hint(format!(
                "its columns are {}; name one id, ticket, ticket_id or case",
                headers.join(", ")
            ))
        }
        SampleError::NoSuchColumn(col, headers) => Error::invalid(format!(
            "{flag}: {name} has no column '{col}' (columns: {})",
            headers.join(", ")
        )),
        SampleError::WhereOnPlainList => Error::invalid(format!(
            "{flag} needs a CSV with a header; {name} is a plain list of ids"
        )),
        SampleError::BadWhere(w) => Error::invalid(format!(
            "{flag} '{w}' must look like COLUMN:VALUE (e.g. channel:chat)"
        )),
    }
}

/// The export's tickets under the `--where` conditions, and those of them
/// risky by any `--risky` condition, in export order.
pub fn population(
    text: &str,
    name: &str,
    wheres: &[String],
    risky: &[String],
) -> crate::Result<(Population, Vec<String>)> {
    let pop = sample::population(text, wheres).map_err(|e| sample_error(name, "--where", e))?;
    let mut any: Vec<String> = Vec::new();
    for r in risky {
        let mut conds = wheres.to_vec();
        conds.push(r.clone());
        let p = sample::population(text, &conds).map_err(|e| sample_error(name, "--risky", e))?;
        for id in p.ids {
            if !any.contains(&id) {
                any.push(id);
            }
        }
    }
    let risky = pop
        .ids
        .iter()
        .filter(|id| any.contains(id))
        .cloned()
        .collect();
    Ok((pop, risky))
}

/// `n` tickets seeded by `seed`: the risky ones first when there are any
/// conditions, then the rest fill up. Returns the sample and how many of
/// it are risky.
pub fn draw(
    pop: &Population,
    risky: &[String],
    with_risky: bool,
    n: usize,
    seed: &str,
) -> (Vec<String>, usize) {
    let seed = sample::seed_of(seed);
    if !with_risky {
        return (sample::sample(&pop.ids, n, seed), 0);
    }
    let mut picked = sample::sample(risky, n, seed);
    let rest: Vec<String> = pop
        .ids
        .iter()
        .filter(|id| !risky.contains(id))
        .cloned()
        .collect();
    let risky_n = picked.len();
    picked.extend(sample::sample(&rest, n - risky_n, seed));
    (picked, risky_n)
}

/// Moves a sample's retraining flag: `open`, `retrained` (closes it) or
/// `wontfix` (dismisses it), dated and logged under `## Flag`. Returns the
/// commit message.
pub fn flag(
    e: &mut Entry,
    state: &str,
    day: NaiveDate,
    note: Option<&str>,
) -> crate::Result<String> {
    let flagged = e.field_bool("flagged");
    let status = e.field_str("flag_status").unwrap_or("open").to_string();
    let (new_status, verb) = match state {
        "open" => ("open", "flagged"),
        "retrained" => ("closed", "retrained"),
        _ => ("dismissed", "won't fix"),
    };
    let refuse = |why: String| Error::invalid(format!("{}: {why}", e.id));
    match (flagged, status.as_str(), new_status) {
        (true, "open", "open") => return Err(refuse("the flag is already open".into())),
        (false, _, "closed" | "dismissed") => {
            return Err(
                refuse("the sample is not flagged".into()).with_hint(format!(
                    "`casebook qa flag {} open` raises the flag",
                    &e.id.as_str()[..6.min(e.id.as_str().len())]
                )),
            );
        }
        (true, "closed" | "dismissed", s) if s != "open" => {
            return Err(refuse(format!("the flag is already {status}")));
        }
        _ => {}
    }
    e.fields
        .insert("flagged".into(), toml::Value::Boolean(true));
    let mut set = |k: &str, v: &str| {
        e.fields
            .insert(k.into(), toml::Value::String(v.to_string()));
    };
    set("flag_status", new_status);
    if new_status == "open" {
        e.fields.remove("flag_closed");
    } else {
        set("flag_closed", &day.to_string());
    }
    let line = format!(
        "- {day}: {verb}{}",
        note.map(|n| format!(": {}", one_line(n)))
            .unwrap_or_default()
    );
    e.body = super::kb::append_to_section(&e.body, "Flag", &line);
    Ok(format!("qa flag {state}: {}", one_line(&e.title)))
}

/// `casebook qa report`: the figures, and this week against the target.
#[derive(Debug, Clone)]
pub struct QaReport {
    pub figures: QaFigures,
    pub target: u32,
    pub this_week: String,
    pub done_this_week: usize,
}

pub fn report(entries: &[&Entry], window: Window, today: NaiveDate, target: u32) -> QaReport {
    let this_week = crate::dates::iso_week_label(today);
    QaReport {
        figures: qa(entries, window, target),
        target,
        done_this_week: entries
            .iter()
            .filter(|e| crate::dates::iso_week_label(e.created.date_naive()) == this_week)
            .count(),
        this_week,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    #[test]
    fn risky_tickets_come_first_and_the_draw_repeats() {
        let csv = "id,csat\nT1,5\nT2,1\nT3,4\nT4,1\nT5,5\n";
        let (pop, risky) = population(csv, "x.csv", &[], &["csat:1".into()]).unwrap();
        assert_eq!(risky, vec!["T2", "T4"]);
        let (picked, n) = draw(&pop, &risky, true, 3, "2026-W47");
        assert_eq!(n, 2);
        assert!(picked[..2].iter().all(|t| risky.contains(t)));
        assert_eq!(draw(&pop, &risky, true, 3, "2026-W47").0, picked);
        let err = population(csv, "x.csv", &[], &["tier:gold".into()]).unwrap_err();
        assert!(
            err.message()
                .starts_with("--risky: x.csv has no column 'tier'")
        );
    }

    #[test]
    fn a_flag_opens_once_and_closes_once() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00+00:00").unwrap();
        let mut e = Entry::new(Kind::Qa, "Sample", "ana-lima", at);
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert!(flag(&mut e, "retrained", day, None).is_err(), "not flagged");
        assert_eq!(
            flag(&mut e, "open", day, Some("tone")).unwrap(),
            "qa flag open: Sample"
        );
        assert!(flag(&mut e, "open", day, None).is_err());
        flag(&mut e, "retrained", day, None).unwrap();
        assert_eq!(e.field_str("flag_status"), Some("closed"));
        assert!(
            flag(&mut e, "wontfix", day, None).is_err(),
            "closed already"
        );
        assert!(
            e.body
                .contains("- 2026-11-03: flagged: tone\n- 2026-11-03: retrained")
        );
    }
}
