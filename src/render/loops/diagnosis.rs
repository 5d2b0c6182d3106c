//! `casebook pending`, `resolve` and `diagnosis report` as text and JSON.

use super::{Out, Style, json_text};
use crate::entry::{Entry, one_line};
use crate::loops::diagnosis::{Age, CalibrationReport, GroupRow, age, prediction};
use crate::loops::span::Span;
use chrono::NaiveDate;

/// The open predictions, one line each: age, prediction, confidence, case.
pub fn pending_text(
    entries: &[&Entry],
    today: NaiveDate,
    expiry_days: i64,
    style: &Style,
) -> String {
    let mut out = Out::default();
    for e in entries {
        let (days, state) = age(e, today, expiry_days);
        let state = match state {
            Age::Expired => " (expired: counts as unknown)",
            Age::Overdue => " (overdue)",
            Age::Fresh => "",
        };
        let confidence = e
            .field_int("confidence")
            .map(|c| format!(" ({c}%)"))
            .unwrap_or_default();
        out.line(format!(
            "{}  {}{state}  {}{}  {}",
            style.id(e.id.as_str()),
            style.dim(&format!("{days:>3}d")),
            one_line(prediction(e)),
            confidence,
            style.dim(e.case.as_deref().unwrap_or(""))
        ));
    }
    out.done()
}

/// The open predictions as JSON: each entry as `list --json` gives it.
pub fn pending_json(entries: Vec<serde_json::Value>) -> String {
    json_text(&serde_json::json!({ "entries": entries }))
}

/// What the expiry wrote, in a sentence.
pub fn expired_sentence(n: usize) -> String {
    format!(
        "{n} prediction(s) open for more than twice defaults.prediction_expiry_days are now recorded as unknown"
    )
}

/// Prediction and actual on two lines; with colour, the words that differ
/// are marked (red in the prediction, green in the actual). Without colour
/// the two lines speak for themselves.
pub fn word_diff(prediction: &str, actual: &str, style: &Style) -> String {
    let (prediction, actual) = (one_line(prediction), one_line(actual));
    if !style.color {
        return format!("predicted: {prediction}\nactual:    {actual}");
    }
    let diff = similar::TextDiff::from_words(prediction.as_str(), actual.as_str());
    let (mut before, mut after) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        let word = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => {
                before.push_str(word);
                after.push_str(word);
            }
            similar::ChangeTag::Delete => before.push_str(&style.red(word)),
            similar::ChangeTag::Insert => after.push_str(&style.green(word)),
        }
    }
    format!("predicted: {before}\nactual:    {after}")
}

pub fn report_json(r: &CalibrationReport, span: &Span) -> String {
    json_text(&serde_json::json!({
        "person": span.person,
        "period": span.period(),
        "calibration": r.calibration,
        "by_product": r.by_product,
        "by_tag": r.by_tag,
        "misses": r.misses,
    }))
}

fn pct(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |v| format!("{:.0}%", v * 100.0))
}

pub fn report_text(r: &CalibrationReport, span: &Span, style: &Style) -> String {
    let mut out = Out::default();
    let c = &r.calibration;
    out.line(style.bold(&format!("Calibration · {}", span.heading())));
    out.line(format!(
        "  {} predictions, {} resolved ({} hit, {} partial, {} miss), {} pending",
        c.predictions, c.resolved, c.hits, c.partials, c.misses, c.pending
    ));
    let brier = c.brier.map_or(format!("- (n={})", c.brier_n), |b| {
        format!("{b:.3} (n={})", c.brier_n)
    });
    out.line(format!("  hit rate {}  Brier {brier}", pct(c.hit_rate)));
    if c.brier.is_none() {
        out.line(style.dim(&format!(
            "  the Brier score appears from {} resolved predictions with a confidence",
            c.brier_min_n
        )));
    }
    out.line("");
    out.line("  month      n  hit rate");
    for m in &c.by_month {
        out.line(format!("  {}  {:>3}  {}", m.month, m.n, pct(m.hit_rate)));
    }
    groups(&mut out, "product", &r.by_product);
    groups(&mut out, "tag", &r.by_tag);
    if !r.misses.is_empty() {
        out.line("");
        out.line("  misses, grouped (predicted → actual)");
        for g in &r.misses {
            out.line(format!("    {} ({})", g.group, g.n));
            for m in &g.misses {
                out.line(format!(
                    "      {}  {} → {}",
                    m.date,
                    one_line(m.predicted.as_deref().unwrap_or(&m.title)),
                    one_line(m.actual.as_deref().unwrap_or("?"))
                ));
            }
        }
    }
    out.done()
}

fn groups(out: &mut Out, title: &str, rows: &[GroupRow]) {
    if rows.is_empty() {
        return;
    }
    out.line("");
    out.line(format!("  by {title}"));
    for r in rows {
        out.line(format!(
            "    {:<24} {:>3}  {}",
            one_line(&r.name),
            r.resolved,
            pct(r.hit_rate)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_diff_marks_only_with_colour() {
        let plain = word_diff("SSO cert", "expired cert", &Style::plain());
        assert_eq!(plain, "predicted: SSO cert\nactual:    expired cert");
        let coloured = word_diff(
            "SSO cert",
            "expired cert",
            &Style {
                color: true,
                ..Style::default()
            },
        );
        assert!(coloured.contains("\x1b[31mSSO\x1b[0m"));
        assert!(coloured.contains("\x1b[32mexpired\x1b[0m"));
    }
}
