//! How the practice-loop commands look on a terminal and in `--json`: one
//! view module per command, each with a `text` and a `json` of the same
//! data, so the two cannot disagree. Views never compute what a report
//! says, read files or the clock; they word and lay out what the library
//! (`crate::loops`) decided.

pub mod approval;
pub mod diagnosis;
pub mod escalation;
pub mod explore;
pub mod handoff;
pub mod kb;
pub mod metrics;
pub mod oneonone;
pub mod postmortem;
pub mod proposal;
pub mod qa;
pub mod triage;

use std::collections::HashMap;

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// How text output is styled: colour or not, and how entry ids are shown
/// (the shortest unique prefix, which only the index knows; the caller
/// fills it in, a view falls back to the full id).
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub color: bool,
    pub ids: HashMap<String, String>,
}

impl Style {
    pub fn plain() -> Style {
        Style::default()
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(BOLD, text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint(DIM, text)
    }

    pub fn red(&self, text: &str) -> String {
        self.paint(RED, text)
    }

    pub fn green(&self, text: &str) -> String {
        self.paint(GREEN, text)
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint(YELLOW, text)
    }

    /// An entry id as shown: its unique prefix when the caller gave one.
    pub fn id(&self, id: &str) -> String {
        self.ids.get(id).cloned().unwrap_or_else(|| id.to_string())
    }
}

/// Lines of text output, each ended by a new line.
#[derive(Debug, Default)]
pub(crate) struct Out(String);

impl Out {
    pub(crate) fn line(&mut self, text: impl AsRef<str>) {
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }

    pub(crate) fn done(self) -> String {
        self.0
    }
}

/// A JSON value as every command prints it: pretty, one new line after.
pub fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// A percentage as a report shows it: "42 %", or "–" when there is none.
pub fn pct_text(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{p:.0} %"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_paints_only_with_colour_and_shows_known_prefixes() {
        let mut s = Style::plain();
        assert_eq!(s.bold("x"), "x");
        s.color = true;
        assert_eq!(s.red("x"), "\x1b[31mx\x1b[0m");
        assert_eq!(s.dim(""), "");
        s.ids.insert("abcdef123".into(), "abc".into());
        assert_eq!(
            (s.id("abcdef123"), s.id("zzz")),
            ("abc".into(), "zzz".into())
        );
    }
}
