//! `casebook check`: one `path:line:column: message` line per problem
//! (with `commit:` before it for a find in history), or the report as JSON.

use crate::check::CheckReport;

pub fn text(report: &CheckReport) -> String {
    let mut out = String::new();
    for f in &report.problems {
        let at = f
            .commit
            .as_ref()
            .map(|c| format!("{c}:"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{at}{}:{}:{}: {}\n",
            f.path,
            f.line,
            f.column,
            crate::entry::one_line(&f.message)
        ));
    }
    out
}

pub fn json(report: &CheckReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}
