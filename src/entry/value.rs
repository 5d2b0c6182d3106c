//! Typed field values: checking a TOML value against a field's type, and
//! turning text typed on the command line or JSON from an import into one.

use super::kind::{FieldSpec, FieldType};
use chrono::NaiveDate;
use toml::Value;

/// Checks `value` against the field's type. `Ok(None)` means "not set"
/// (an empty string, as templates leave unanswered fields).
pub fn check_value(spec: &FieldSpec, value: &Value) -> Result<Option<Value>, String> {
    let describe = || format!("{} must be {}", spec.name, spec.ty.describe());
    if let Value::String(s) = value
        && s.trim().is_empty()
    {
        return Ok(None);
    }
    match (spec.ty, value) {
        (FieldType::Text, Value::String(_)) => Ok(Some(value.clone())),
        (FieldType::Int { min, max }, Value::Integer(i)) => {
            if *i < min || *i > max {
                Err(format!("{}, found {i}", describe()))
            } else {
                Ok(Some(value.clone()))
            }
        }
        (FieldType::Number { min, max }, Value::Integer(_) | Value::Float(_)) => {
            let n = value
                .as_float()
                .unwrap_or_else(|| value.as_integer().unwrap_or(0) as f64);
            if n < min || n > max || n.is_nan() {
                Err(format!("{}, found {n}", describe()))
            } else {
                Ok(Some(value.clone()))
            }
        }
        (FieldType::Bool, Value::Boolean(_)) => Ok(Some(value.clone())),
        (FieldType::Date, Value::Datetime(_) | Value::String(_)) => match as_date(value) {
            Some(d) => Ok(Some(Value::String(d.format("%Y-%m-%d").to_string()))),
            None => Err(format!("{}, found {value}", describe())),
        },
        (FieldType::List, Value::Array(items)) => {
            if items.iter().all(|v| v.is_str()) {
                Ok(Some(value.clone()))
            } else {
                Err(format!("{}, found {value}", describe()))
            }
        }
        (FieldType::Enum(values), Value::String(s)) => {
            let canonical = super::kind::canonical_value(spec.name, s.as_str());
            if values.contains(&canonical) {
                Ok(Some(Value::String(canonical.to_string())))
            } else {
                Err(format!("{}, found \"{s}\"", describe()))
            }
        }
        (_, other) => Err(format!(
            "{}, found {} {other}",
            describe(),
            type_name(other)
        )),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "text",
        Value::Integer(_) => "integer",
        Value::Float(_) => "number",
        Value::Boolean(_) => "boolean",
        Value::Datetime(_) => "date",
        Value::Array(_) => "list",
        Value::Table(_) => "table",
    }
}

pub fn as_date(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::Datetime(dt) => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
        }
        Value::String(s) => {
            let s = s.trim();
            NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
        }
        _ => None,
    }
}

/// Turns `--field KEY=VALUE` text into a typed value.
pub fn coerce_field(spec: &FieldSpec, raw: &str) -> Result<Option<Value>, String> {
    let raw = raw.trim();
    let value = match spec.ty {
        FieldType::Text | FieldType::Enum(_) | FieldType::Date => Value::String(raw.to_string()),
        FieldType::Int { .. } => match raw.trim_end_matches('%').parse::<i64>() {
            Ok(i) => Value::Integer(i),
            Err(_) if raw.is_empty() => return Ok(None),
            Err(_) => {
                return Err(format!(
                    "{} must be {}, found \"{raw}\"",
                    spec.name,
                    spec.ty.describe()
                ));
            }
        },
        FieldType::Number { .. } => match raw.trim_end_matches('%').parse::<f64>() {
            Ok(n) => Value::Float(n),
            Err(_) if raw.is_empty() => return Ok(None),
            Err(_) => {
                return Err(format!(
                    "{} must be {}, found \"{raw}\"",
                    spec.name,
                    spec.ty.describe()
                ));
            }
        },
        FieldType::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Value::Boolean(true),
            "false" | "no" | "n" | "0" => Value::Boolean(false),
            "" => return Ok(None),
            _ => {
                return Err(format!(
                    "{} must be true or false, found \"{raw}\"",
                    spec.name
                ));
            }
        },
        FieldType::List => Value::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
    };
    check_value(spec, &value)
}

/// Turns a JSON value from an import into a typed field value.
pub fn json_to_field(spec: &FieldSpec, json: &serde_json::Value) -> Result<Option<Value>, String> {
    use serde_json::Value as J;
    let value = match json {
        J::Null => return Ok(None),
        J::Bool(b) => Value::Boolean(*b),
        J::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Integer(i),
            (None, Some(f)) => Value::Float(f),
            _ => return Err(format!("{} has a number out of range", spec.name)),
        },
        J::String(s) => match spec.ty {
            // Strings in numeric or boolean fields are common in CSV-born
            // JSON; read them as the command line would.
            FieldType::Int { .. }
            | FieldType::Number { .. }
            | FieldType::Bool
            | FieldType::List => {
                return coerce_field(spec, s);
            }
            _ => Value::String(s.clone()),
        },
        J::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| match i {
                    J::String(s) => Value::String(s.clone()),
                    other => Value::String(other.to_string()),
                })
                .collect(),
        ),
        J::Object(_) => return Err(format!("{} cannot be an object", spec.name)),
    };
    check_value(spec, &value)
}

/// The inverse of `toml_to_json` for values that were validated before.
pub fn json_to_toml(json: &serde_json::Value) -> Option<Value> {
    use serde_json::Value as J;
    Some(match json {
        J::Null => return None,
        J::Bool(b) => Value::Boolean(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Float(n.as_f64()?),
        },
        J::String(s) => Value::String(s.clone()),
        J::Array(items) => Value::Array(items.iter().filter_map(json_to_toml).collect()),
        J::Object(m) => Value::Table(
            m.iter()
                .filter_map(|(k, v)| json_to_toml(v).map(|t| (k.clone(), t)))
                .collect(),
        ),
    })
}

pub fn toml_to_json(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::String(s) => J::String(s.clone()),
        Value::Integer(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(J::Number)
            .unwrap_or(J::Null),
        Value::Boolean(b) => J::Bool(*b),
        Value::Datetime(dt) => J::String(dt.to_string()),
        Value::Array(items) => J::Array(items.iter().map(toml_to_json).collect()),
        Value::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Kind;

    fn spec(kind: Kind, name: &str) -> &'static FieldSpec {
        kind.field(name).unwrap()
    }

    #[test]
    fn confidence_must_be_a_percentage() {
        let c = spec(Kind::Diagnosis, "confidence");
        assert_eq!(coerce_field(c, "70").unwrap(), Some(Value::Integer(70)));
        assert_eq!(coerce_field(c, "70%").unwrap(), Some(Value::Integer(70)));
        let err = coerce_field(c, "high").unwrap_err();
        assert!(err.contains("confidence must be integer 0-100"), "{err}");
        assert!(coerce_field(c, "101").is_err());
        assert!(check_value(c, &Value::String("high".into())).is_err());
    }

    #[test]
    fn enums_list_their_values_on_error() {
        let v = spec(Kind::Diagnosis, "verdict");
        assert!(coerce_field(v, "hit").unwrap().is_some());
        let err = coerce_field(v, "bullseye").unwrap_err();
        assert!(err.contains("hit, partial, miss"), "{err}");
    }

    #[test]
    fn empty_text_means_not_set() {
        let v = spec(Kind::Diagnosis, "verdict");
        assert_eq!(check_value(v, &Value::String(String::new())).unwrap(), None);
    }

    #[test]
    fn dates_and_lists_coerce() {
        let d = spec(Kind::Kb, "published");
        assert_eq!(
            coerce_field(d, "2026-03-01").unwrap(),
            Some(Value::String("2026-03-01".into()))
        );
        assert!(coerce_field(d, "March").is_err());
        let l = spec(Kind::Kb, "search_terms");
        assert_eq!(
            coerce_field(l, "refund, double charge").unwrap(),
            Some(Value::Array(vec![
                Value::String("refund".into()),
                Value::String("double charge".into())
            ]))
        );
    }
}
