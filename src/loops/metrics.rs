//! The helpdesk's outcome figures as `metric` entries: which export column
//! holds which figure, how a cell becomes a value (a rate given as a
//! fraction is a percentage; counts are whole), a CSAT on too few responses,
//! and each entry's title. `metrics import` reads an export through this;
//! `metrics report` lists what was recorded.

use crate::entry::{self, Entry, Kind};
use crate::error::{Error, Location};
use crate::loops::sample::Table;
use std::collections::BTreeMap;

/// Below this many survey responses a CSAT is a hint, not a measure.
pub const MIN_RESPONSES: i64 = 30;

/// The fields a column can be mapped to.
pub const FIELDS: [&str; 8] = [
    "csat",
    "csat_n",
    "reopen_rate",
    "fcr",
    "qa_score",
    "cases_handled",
    "person",
    "period",
];

/// The figures an export must have one of to be a metrics export.
const FIGURES: [&str; 4] = ["csat", "reopen_rate", "fcr", "qa_score"];

/// Header spellings seen in helpdesk exports, normalised (lower case,
/// letters and digits only).
pub fn field_of_header(header: &str) -> Option<&'static str> {
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

/// `--map COLUMN=FIELD` values: lower-cased column to field.
pub fn maps(given: &[String]) -> crate::Result<BTreeMap<String, &'static str>> {
    let mut out = BTreeMap::new();
    for m in given {
        let (col, field) = m
            .split_once('=')
            .ok_or_else(|| Error::invalid(format!("--map '{m}' must look like COLUMN=FIELD")))?;
        let field = FIELDS.iter().find(|f| **f == field.trim()).ok_or_else(|| {
            Error::invalid(format!(
                "--map '{m}': '{}' is not a metric field (fields: {})",
                field.trim(),
                FIELDS.join(", ")
            ))
        })?;
        out.insert(col.trim().to_lowercase(), *field);
    }
    Ok(out)
}

/// An export's header read: which field each column holds.
#[derive(Debug)]
pub struct Export {
    name: String,
    headers: Vec<String>,
    columns: Vec<Option<&'static str>>,
    records: Vec<Result<csv::StringRecord, csv::Error>>,
}

/// What the rows of an export do not say.
pub struct Defaults {
    pub person: String,
    pub period: Option<String>,
    pub source: String,
    pub today: chrono::NaiveDate,
    pub now: chrono::DateTime<chrono::FixedOffset>,
}

/// The entries an export becomes, and a warning per CSAT on few responses.
#[derive(Debug)]
pub struct Imported {
    pub entries: Vec<Entry>,
    pub warnings: Vec<String>,
}

impl Export {
    /// Reads the header of `data` (the file `name`); refuses an export
    /// with no column known as a figure.
    pub fn read(
        data: &str,
        name: &str,
        maps: &BTreeMap<String, &'static str>,
    ) -> crate::Result<Export> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(Table::separator_of(data).unwrap_or(b','))
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(data.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| Error::invalid(format!("not a CSV file: {e}")).at(Location::file(name)))?
            .iter()
            .map(str::to_string)
            .collect();
        let columns: Vec<Option<&'static str>> = headers
            .iter()
            .map(|h| {
                maps.get(&h.to_lowercase())
                    .copied()
                    .or_else(|| field_of_header(h))
            })
            .collect();
        if !columns.iter().flatten().any(|f| FIGURES.contains(f)) {
            return Err(Error::invalid(format!(
                "{name} has no column casebook knows as a metric (headers: {})",
                headers.join(", ")
            ))
            .with_hint("name them with --map COLUMN=FIELD, e.g. --map \"Satisfaction=csat\""));
        }
        Ok(Export {
            name: name.to_string(),
            records: reader.records().collect(),
            headers,
            columns,
        })
    }

    /// The columns no field was found for (handle time, counts: context).
    pub fn ignored(&self) -> Vec<&str> {
        self.headers
            .iter()
            .zip(&self.columns)
            .filter(|(_, f)| f.is_none())
            .map(|(h, _)| h.as_str())
            .collect()
    }

    /// One metric entry per row; a bad cell is an error naming its line.
    pub fn entries(self, d: &Defaults) -> crate::Result<Imported> {
        let mut out = Imported {
            entries: Vec::new(),
            warnings: Vec::new(),
        };
        for (i, record) in self.records.iter().enumerate() {
            let row = i + 2; // the header is row 1
            let at = || Location::file(&self.name).line(row);
            let record = record
                .as_ref()
                .map_err(|e| Error::invalid(format!("not valid CSV: {e}")).at(at()))?;
            let mut values: BTreeMap<&str, String> = BTreeMap::new();
            for (value, field) in record.iter().zip(&self.columns) {
                if let Some(f) = field
                    && !value.is_empty()
                {
                    values.insert(f, value.to_string());
                }
            }
            let e = row_entry(&values, d).map_err(|e| e.at(at()))?;
            if let Some(w) = small_n_warning(&e) {
                out.warnings.push(w);
            }
            out.entries.push(e);
        }
        Ok(out)
    }
}

/// One row's entry; errors without the row's place (the caller adds it).
fn row_entry(values: &BTreeMap<&str, String>, d: &Defaults) -> crate::Result<Entry> {
    let person = match values.get("person") {
        Some(p) => entry::person_slug(p).map_err(|e| Error::invalid(format!("person: {e}")))?,
        None => d.person.clone(),
    };
    let period = values
        .get("period")
        .cloned()
        .or_else(|| d.period.clone())
        .ok_or_else(|| {
            Error::invalid("which period do these figures cover?")
                .with_hint("give --period 2026-H1, or a period column")
        })?;
    crate::dates::parse_period(&period, d.today)
        .map_err(|e| Error::invalid(format!("period '{period}': {e}")))?;
    let mut e = Entry::new(Kind::Metric, "", &person, d.now);
    let mut set = |k: &str, v: &str| {
        e.fields
            .insert(k.into(), toml::Value::String(v.to_string()));
    };
    set("period", &period);
    set("source", &d.source);
    for f in [
        "csat",
        "reopen_rate",
        "fcr",
        "qa_score",
        "csat_n",
        "cases_handled",
    ] {
        if let Some(raw) = values.get(f) {
            e.fields.insert(f.into(), value(f, raw)?);
        }
    }
    e.title = title(&e);
    Ok(e)
}

/// A figure's cell as a value: counts are whole numbers; a rate given as a
/// fraction (0.94) is read as a percentage, and must be within 0-100.
pub fn value(field: &str, raw: &str) -> crate::Result<toml::Value> {
    let number: f64 = raw
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| Error::invalid(format!("{field}: '{raw}' is not a number")))?;
    if matches!(field, "csat_n" | "cases_handled") {
        if number < 0.0 || number.fract() != 0.0 {
            return Err(Error::invalid(format!("{field}: '{raw}' is not a count")));
        }
        return Ok(toml::Value::Integer(number as i64));
    }
    let pct = if number > 0.0 && number <= 1.0 && !raw.contains('%') {
        number * 100.0
    } else {
        number
    };
    if !(0.0..=100.0).contains(&pct) {
        return Err(Error::invalid(format!("{field}: {raw} is outside 0-100")));
    }
    Ok(toml::Value::Float((pct * 100.0).round() / 100.0))
}

/// A CSAT on fewer than `MIN_RESPONSES` responses (or an unknown number).
pub fn small_n(e: &Entry) -> bool {
    e.field_f64("csat").is_some() && e.field_int("csat_n").is_none_or(|n| n < MIN_RESPONSES)
}

fn small_n_warning(e: &Entry) -> Option<String> {
    small_n(e).then(|| {
        format!(
            "{} {}: CSAT rests on {} responses (fewer than {MIN_RESPONSES}): a hint, not a measure",
            e.person,
            e.field_str("period").unwrap_or(""),
            e.field_int("csat_n")
                .map_or("an unknown number of".to_string(), |n| n.to_string())
        )
    })
}

/// "Metrics 2026-H1: CSAT 94% (n=212), re-open 3%, FCR 71%, QA 88"
pub fn title(e: &Entry) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Defaults {
        Defaults {
            person: "ana-lima".into(),
            period: Some("2026-H1".into()),
            source: "x.csv".into(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            now: chrono::DateTime::parse_from_rfc3339("2026-11-24T09:00:00+00:00").unwrap(),
        }
    }

    #[test]
    fn cells_become_values_fractions_as_percentages() {
        assert_eq!(value("csat", "0.94").unwrap(), toml::Value::Float(94.0));
        assert_eq!(value("fcr", "71,5%").unwrap(), toml::Value::Float(71.5));
        assert_eq!(value("csat_n", "212").unwrap(), toml::Value::Integer(212));
        assert!(value("csat_n", "2.5").is_err());
        assert!(
            value("csat", "140")
                .unwrap_err()
                .to_string()
                .contains("outside 0-100")
        );
    }

    #[test]
    fn an_export_maps_its_columns_and_names_the_bad_line() {
        let m = maps(&["Surveys=csat_n".into()]).unwrap();
        assert!(maps(&["Surveys=nps".into()]).is_err());
        let csv = "Agent,Satisfaction,Surveys,AHT\nBo Chen,94%,12,300\n";
        let x = Export::read(csv, "x.csv", &m).unwrap();
        assert_eq!(x.ignored(), vec!["AHT"]);
        let got = x.entries(&defaults()).unwrap();
        assert_eq!(got.entries[0].person, "bo-chen");
        assert_eq!(got.entries[0].title, "Metrics 2026-H1: CSAT 94% (n=12)");
        assert_eq!(got.warnings.len(), 1, "12 responses is a hint");
        let bad = "csat\n90\nlots\n";
        let err = Export::read(bad, "x.csv", &m)
            .unwrap()
            .entries(&defaults())
            .unwrap_err();
        assert_eq!(err.to_string(), "x.csv:3: csat: 'lots' is not a number");
        assert!(Export::read("aht\n3\n", "x.csv", &m).is_err());
    }
}
