//! The command line's side of the write pipeline (`crate::write`): the flags
//! every writing command shares (`--dry-run`, `--redact`, `--allow-pii`),
//! running a request through the pipeline, and the one way a write's
//! outcome or refusal is shown, in text or JSON.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::write::{Found, OnPersonalData, Outcome, WriteError, WriteRequest};
use clap::Args;

// `--redact` and `--allow-pii`, on every command that writes typed text (no
// doc comment: it would become the about of every command that flattens it).
#[derive(Debug, Clone, Default, Args)]
pub struct PiiArgs {
    /// Replace personal data found in the text, file name and commit
    /// message with [email], [card], ...
    #[arg(long, conflicts_with = "allow_pii")]
    pub redact: bool,
    /// Commit even though personal data was found (it is still reported)
    #[arg(long)]
    pub allow_pii: bool,
}

// Its doc comment would become the about of every command that flattens
// it, so it has none: see `PiiArgs` and `dry_run`.
#[derive(Debug, Clone, Default, Args)]
pub struct WriteArgs {
    /// Run every check (validation, personal data) and show what would be
    /// written; write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub pii: PiiArgs,
}

impl PiiArgs {
    /// What the pipeline does with finds: the flag, else ask a person at a
    /// terminal, else refuse.
    pub fn policy(&self, ctx: &Context) -> OnPersonalData {
        if self.redact {
            OnPersonalData::Redact
        } else if self.allow_pii {
            OnPersonalData::Allow
        } else if ctx.interactive() {
            OnPersonalData::Ask
        } else {
            OnPersonalData::Refuse
        }
    }
}

impl WriteArgs {
    pub fn apply(&self, ctx: &Context, request: WriteRequest) -> WriteRequest {
        request.with_policy(self.pii.policy(ctx), self.dry_run)
    }
}

/// Runs `request` through the pipeline with the flags of `write` and
/// reports the finds; a refusal becomes the error the user sees.
pub(super) fn run(
    ctx: &mut Context,
    request: WriteRequest,
    write: &WriteArgs,
) -> CliResult<Outcome> {
    let request = write.apply(ctx, request);
    run_request(ctx, request)
}

/// `run` for a request whose policy is already set.
pub(super) fn run_request(ctx: &mut Context, request: WriteRequest) -> CliResult<Outcome> {
    let asked = request.on_personal_data == OnPersonalData::Ask && !request.dry_run;
    let outcome = ctx.write(request).map_err(|e| refusal(ctx, e))?;
    report_finds(ctx, &outcome, asked);
    Ok(outcome)
}

/// The finds of a write that went ahead (redacted or allowed), on stderr.
pub(super) fn report_finds(ctx: &mut Context, outcome: &Outcome, asked: bool) {
    if outcome.finds.is_empty() {
        return;
    }
    // A person who was asked has seen each find already.
    if !asked {
        for w in outcome.warnings() {
            ctx.ui.warn(&w);
        }
    }
    let n = outcome.finds.len();
    let what = format!("piece{} of personal data", if n == 1 { "" } else { "s" });
    match outcome.decision {
        Some(crate::write::Decision::Redact) => ctx.ui.status(&format!(
            "{} {n} {what} in the text, file name and commit message",
            if outcome.dry_run {
                "would redact"
            } else {
                "redacted"
            }
        )),
        Some(crate::write::Decision::Allow) => ctx.ui.status(&format!(
            "{} with {n} {what} (--allow-pii)",
            if outcome.dry_run {
                "would commit"
            } else {
                "committed"
            }
        )),
        _ => {}
    }
}

/// A refused or failed write as the user sees it: one sentence, the finds,
/// where the text is kept and a command that finishes the write.
pub(super) fn refusal(ctx: &mut Context, e: WriteError) -> CliError {
    let kept = e.draft().cloned();
    let resume = |extra: &str| {
        kept.as_ref()
            .map(|d| ctx.command_line(&format!("drafts resume {}{extra}", quote(&d.name))))
    };
    let kept_in = kept.as_ref().map(|d| {
        format!(
            "your text is kept in {}",
            quote(&d.file.display().to_string())
        )
    });
    let json_draft = kept
        .as_ref()
        .map(|d| serde_json::json!({"name": d.name, "file": d.file.display().to_string()}));
    match &e {
        WriteError::Invalid { problems, .. } => {
            let mut err = CliError::usage(e.to_string());
            if let (Some(k), Some(r)) = (&kept_in, resume("")) {
                err = err.with_hint(format!("{k}; fix it there and run: {r}"));
            }
            err.with_json(serde_json::json!({"error": {
                "kind": "invalid", "message": e.to_string(), "problems": problems, "draft": json_draft}}))
        }
        WriteError::Rule { message, hint, .. } => {
            let mut err = CliError::usage(message.clone());
            let mut h: Vec<String> = hint.iter().cloned().collect();
            if let (Some(k), Some(r)) = (&kept_in, resume("")) {
                h.push(format!("{k}; after fixing it: {r}"));
            }
            if !h.is_empty() {
                err = err.with_hint(h.join("\nhint: "));
            }
            err.with_json(serde_json::json!({"error": {
                "kind": "invalid", "message": message, "draft": json_draft}}))
        }
        WriteError::PersonalData { finds, .. } => {
            for f in finds {
                ctx.ui.warn(&f.describe());
            }
            let them = if finds.len() == 1 { "it" } else { "them" };
            let mut hint = format!(
                "rerun with --redact to replace {them} with labels such as [email], or --allow-pii to commit as is"
            );
            if let (Some(k), Some(r)) = (&kept_in, resume(" --redact")) {
                hint = format!("{k}; to commit it redacted: {r}\nhint: {hint}");
            }
            CliError::failure(e.to_string()).with_hint(hint).with_json(
                serde_json::json!({"error": {
                    "kind": "personal_data", "message": e.to_string(),
                    "finds": finds_json(finds), "draft": json_draft}}),
            )
        }
        WriteError::Guard(bad) => CliError::failure(bad.to_string()),
        WriteError::Journal(inner) => CliError::from(anyhow::anyhow!("{inner:#}")),
    }
}

pub(super) fn finds_json(finds: &[Found]) -> serde_json::Value {
    serde_json::to_value(finds).unwrap_or_default()
}

/// A word quoted for a POSIX shell when it needs it.
pub(super) fn quote(word: &str) -> String {
    shlex::try_quote(word)
        .map(|q| q.into_owned())
        .unwrap_or_else(|_| word.to_string())
}

/// Shows a write the way every write is shown: `ID PATH` (the id's
/// shortest unique prefix highlighted), or the JSON write record; a dry
/// run shows the text it would write.
pub(super) fn report(ctx: &mut Context, outcome: &Outcome) -> CliResult {
    if outcome.dry_run {
        return report_dry_run(ctx, outcome);
    }
    let commit = outcome.commit_short().unwrap_or_default();
    let warnings = outcome.warnings();
    let Some(w) = outcome.written.first() else {
        if ctx.json() {
            ctx.ui.line(
                &serde_json::json!({"removed": outcome.removed, "commit": commit, "warnings": warnings})
                    .to_string(),
            );
        }
        return Ok(());
    };
    // Bring the index up to date now, so the next search is instant and
    // the id's shortest unique prefix can be shown.
    ctx.index_after_write();
    if ctx.json() {
        ctx.ui.line(&write_record(outcome, w).to_string());
    } else {
        let id = ctx.show_id(&w.entry.id);
        ctx.ui.line(&format!("{id} {}", w.path));
    }
    Ok(())
}

/// The JSON every write prints: `{"id", "path", "commit", "warnings"}`.
pub(super) fn write_record(outcome: &Outcome, w: &crate::write::Written) -> serde_json::Value {
    serde_json::json!({
        "id": w.entry.id,
        "path": w.path,
        "commit": outcome.commit_short(),
        "warnings": outcome.warnings(),
    })
}

/// What a dry run would write: the texts (or JSON), and a status line.
pub(super) fn report_dry_run(ctx: &mut Context, outcome: &Outcome) -> CliResult {
    if ctx.json() {
        let entries: Vec<_> = outcome
            .written
            .iter()
            .map(|w| serde_json::json!({"id": w.entry.id, "path": w.path, "text": w.text}))
            .collect();
        let first = outcome.written.first();
        ctx.ui.line(
            &serde_json::json!({
                "dry_run": true,
                "id": first.map(|w| w.entry.id.to_string()),
                "path": first.map(|w| w.path.clone()),
                "commit": null,
                "message": outcome.message,
                "entries": entries,
                "removed": outcome.removed,
                "warnings": outcome.warnings(),
                "finds": finds_json(&outcome.finds),
            })
            .to_string(),
        );
        return Ok(());
    }
    for w in &outcome.written {
        ctx.ui.write(&w.text);
        ctx.ui.status(&format!("(dry run: {} not written)", w.path));
    }
    for r in &outcome.removed {
        ctx.ui.status(&format!("(dry run: {r} not removed)"));
    }
    ctx.ui.status(&format!(
        "(dry run: the commit would be \"{}\")",
        outcome.message
    ));
    Ok(())
}
