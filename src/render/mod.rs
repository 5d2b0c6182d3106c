//! How an evidence pack looks: Markdown (to paste into Notion or
//! Confluence), one self-contained HTML file with SVG charts, or JSON.
//! Rendering never changes what the pack says.

mod html;
mod markdown;

use crate::review::EvidencePack;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

pub fn render(pack: &EvidencePack, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(pack),
        Format::Html => html::render(pack),
        Format::Json => serde_json::to_string_pretty(pack).unwrap_or_else(|_| "{}".into()),
    }
}

pub(crate) fn status_label(s: crate::review::Status) -> &'static str {
    match s {
        crate::review::Status::Met => "met",
        crate::review::Status::NotYet => "not yet",
        crate::review::Status::ToBeConfirmed => "to be confirmed",
    }
}
