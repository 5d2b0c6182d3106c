//! The team grid of `review --team`: JSON as is, Markdown as a table, HTML
//! as that table in a page.

use super::Format;
use crate::review::team::{TeamView, markdown};

pub fn view(view: &TeamView, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(view).unwrap_or_default(),
        Format::Html => format!(
            "<!doctype html><meta charset=\"utf-8\"><title>Team view</title><pre>{}</pre>",
            super::html::escape(&markdown(view))
        ),
        Format::Markdown => markdown(view),
    }
}
