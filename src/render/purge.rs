//! `casebook purge`: what was rewritten, as a sentence or as JSON.

use crate::journal::PurgeReport;

pub fn json(report: &PurgeReport) -> String {
    serde_json::json!({
        "commits_rewritten": report.commits_rewritten, "files_removed": report.files_removed,
        "files_redacted": report.files_redacted, "refs_updated": report.refs_updated,
    })
    .to_string()
        + "\n"
}

pub fn text(what: &str, report: &PurgeReport) -> String {
    format!(
        "purged {what}: {} commit(s) rewritten, {} file version(s) removed, {} redacted\n",
        report.commits_rewritten, report.files_removed, report.files_redacted
    )
}
