//! `casebook new KIND` and `casebook jot`: writing entries.
//!
//! The body comes from `-m`, `-F FILE` (`-` is stdin), piped stdin, the
//! editor, or plain questions on a terminal, in that order. Whatever the
//! user typed survives a failed validation: it is kept as a draft file that
//! the error names and `--body-file` can reuse.

use super::args::EntryArgs;
use super::context::Context;
use super::editor;
use super::error::{CliError, CliResult};
use super::guard;
use crate::compose::{self, Edited};
use crate::entry::{self, Entry, Kind};
use crate::journal::entry_path;
use crate::write::WriteRequest;
use clap::Args;
use std::io::Read;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook new diagnosis --case ZD-4821 --field prediction=\"SSO cert expired\" \\
      --field confidence=70 --no-edit
  casebook new postmortem --title \"Refund loop\" --tag billing \\
      -m \"Naming the refund date calmed the call.\"
  echo \"text\" | casebook new note --title \"From a pipe\"
  # turn my latest jot into a post-mortem
  casebook new postmortem --from-draft @")]
pub struct NewArgs {
    /// The kind: diagnosis, postmortem, kb, escalation, qa, handoff, explore,
    /// proposal, approval, teach, note (and rating, focus, goal, feedback,
    /// confirmation, metric, milestone)
    #[arg(add = super::complete::kind_completer())]
    pub kind: String,
    #[command(flatten)]
    pub entry: EntryArgs,
    /// Start from this draft (from `jot`), carrying its text and case over
    #[arg(long, value_name = "ID")]
    pub from_draft: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook jot ZD-4821 \"nearly lost her at 'policy'\"
  casebook jot \"ask Priya about the SSO cert rotation\"")]
pub struct JotArgs {
    /// An optional case reference, then the text
    #[arg(required = true, num_args = 1.., value_name = "[REF] TEXT")]
    pub words: Vec<String>,
    /// Write as this person
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    #[command(flatten)]
    pub write: super::guard::WriteArgs,
}

pub fn run(args: NewArgs, ctx: &mut Context) -> CliResult {
    let kind: Kind = args.kind.parse().map_err(|e: entry::UnknownKind| {
        CliError::usage(e.to_string()).with_hint("`casebook help kinds` lists them")
    })?;
    let person = ctx.person(args.entry.person.as_deref())?;
    let mut entry = Entry::new(kind, "", &person, crate::clock::now());
    compose::defaults(&mut entry);
    let mut removed = Vec::new();
    if let Some(draft) = &args.from_draft {
        removed.push(take_over_jot(ctx, draft, &mut entry)?);
    }
    // What was typed (-m, -F, stdin) is read before any flag is judged, so
    // a refused flag value keeps it as a draft instead of losing it.
    let body = body_from_args(&args.entry)?;
    if let Err(e) = apply_flags(ctx, &mut entry, &args) {
        return Err(keep_typed_text(ctx, entry, body, &removed, e));
    }
    let journal_skills = ctx.journal()?.skill_ids();
    if let Err(e) = check_skills(&entry, &journal_skills) {
        return Err(keep_typed_text(ctx, entry, body, &removed, e));
    }

    let has_body = body.is_some();
    if let Some(b) = body {
        entry.body = b;
    }
    let cfg_editor = ctx.local_config()?.editor;
    let editor = editor::configured(cfg_editor.as_deref());
    let use_editor = !args.entry.no_edit
        && !args.entry.write.dry_run
        && (args.entry.edit || !has_body)
        && editor.is_some();

    if use_editor {
        let editor = editor.expect("checked above");
        entry = edit_until_valid(ctx, entry, &editor, &journal_skills, &removed)?;
    } else if !has_body && !args.entry.no_edit && args.from_draft.is_none() {
        if ctx.interactive() && !args.entry.write.dry_run {
            ask_questions(ctx, &mut entry)?;
        } else if !args.entry.write.dry_run {
            return Err(CliError::usage(format!(
                "no text for the new {kind} entry and no editor to write it in"
            ))
            .with_hint(
                "give -m TEXT, -F FILE, pipe the text in, set $EDITOR, or add --no-edit for an entry of fields only",
            ));
        }
    }
    let case = entry.case.clone();
    let kind = entry.kind;
    write_entry(ctx, entry, removed, "new", &args.entry.write)?;
    if let Some(case) = case
        && kind != Kind::Diagnosis
        && !args.entry.write.dry_run
    {
        remind_open_prediction(ctx, &case)?;
    }
    Ok(())
}

/// The entry flags, the proposal's backdating and the approval gate.
fn apply_flags(ctx: &mut Context, entry: &mut Entry, args: &NewArgs) -> CliResult {
    apply_entry_args(ctx, entry, &args.entry)?;
    // A proposal backdated with --date was proposed that day.
    if entry.kind == Kind::Proposal
        && args.entry.date.is_some()
        && !args
            .entry
            .fields
            .iter()
            .any(|f| f.trim().starts_with("proposed"))
    {
        entry.fields.insert(
            "proposed".into(),
            toml::Value::String(entry.created.date_naive().to_string()),
        );
    }
    super::approval::check_gate(ctx, entry, "--field gate")
}

/// A flag value was refused after text was typed: the text is kept as a
/// draft (with every flag that was accepted), and the error says the one
/// command that finishes it. Without typed text there is nothing to keep.
fn keep_typed_text(
    ctx: &mut Context,
    mut entry: Entry,
    body: Option<String>,
    removed: &[String],
    err: CliError,
) -> CliError {
    let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
        return err;
    };
    entry.body = body;
    if entry.title.trim().is_empty() {
        entry.title = crate::write::derive_title(&entry);
    }
    let meta = crate::drafts::DraftMeta {
        op: "new".into(),
        replaces: removed.to_vec(),
        reason: format!("a flag was refused: {}", err.message),
        ..Default::default()
    };
    let kept = ctx
        .journal()
        .ok()
        .and_then(|j| crate::drafts::keep(j, &entry, &meta).ok());
    match kept {
        Some(draft) => {
            let resume = ctx.command_line(&format!(
                "drafts resume {} -e",
                super::guard::quote(&draft.name)
            ));
            let hint = match &err.hint {
                Some(h) => format!("{h}\nyour text is kept; fix the value and finish it: {resume}"),
                None => format!("your text is kept; fix the value and finish it: {resume}"),
            };
            CliError {
                hint: Some(hint),
                ..err
            }
        }
        None => err,
    }
}

/// `new KIND --from-draft ID`: the jot's text, case, tags, products and
/// title go into the new entry; returns the jot's path, removed with the
/// same commit.
fn take_over_jot(ctx: &mut Context, draft: &str, entry: &mut Entry) -> CliResult<String> {
    let item = ctx.resolve(draft)?;
    if item.entry.kind != Kind::Draft {
        return Err(CliError::usage(format!(
            "--from-draft: {} ({}) is a {} entry, not a draft; nothing was changed",
            item.entry.id,
            one_line_title(&item.entry.title),
            item.entry.kind
        ))
        .with_hint(format!(
            "`casebook drafts` lists drafts; to change this entry: {}",
            ctx.command_line(&format!(
                "edit {}",
                &item.entry.id.as_str()[..6.min(item.entry.id.as_str().len())]
            ))
        )));
    }
    let journal = ctx.journal()?;
    let text = journal.read_file(&item.path)?;
    let old = entry::parse(&text, &item.path)
        .map_err(|p| CliError::failure(format!("{}:{p}", item.path)))?
        .entry;
    compose::take_over(entry, old);
    Ok(item.path)
}

/// A prediction about this case is still open: the case turning up again
/// is the moment to record what it really was.
fn remind_open_prediction(ctx: &mut Context, case: &str) -> CliResult {
    let mut filter = crate::filter::Filter {
        include_private: true,
        ..Default::default()
    };
    filter.require("kind", "diagnosis");
    filter.require("case", case);
    let me = ctx.person(None)?;
    filter.require("person", &me);
    let open = ctx.query(|i| i.all_matching(&filter))?;
    for item in open.iter().filter(|i| crate::loops::is_pending(&i.entry)) {
        ctx.ui.hint(&format!(
            "your prediction for {case} is still open ({}): casebook resolve {} --actual \"...\" --verdict hit|partial|miss",
            super::ui::one_line(item.entry.field_str("prediction").unwrap_or(&item.entry.title)),
            &item.entry.id.as_str()[..6]
        ));
    }
    Ok(())
}

pub(super) fn apply_entry_args(ctx: &mut Context, entry: &mut Entry, a: &EntryArgs) -> CliResult {
    if let Some(t) = &a.title {
        entry.title = t.trim().to_string();
    }
    compose::add_lists(entry, &a.skills, &a.tags, &a.products);
    if let Some(c) = &a.case {
        entry.case = Some(c.trim().to_string()).filter(|c| !c.is_empty());
    }
    if let Some(t) = &a.tier {
        entry.tier = Some(t.trim().to_string()).filter(|t| !t.is_empty());
    }
    for link in &a.links {
        let item = ctx.resolve(link)?;
        entry.links.push(item.entry.id.to_string());
    }
    entry.links = compose::dedup(std::mem::take(&mut entry.links));
    if a.private {
        entry.private = true;
    }
    if let Some(d) = &a.date {
        entry.created = crate::clock::at_day(super::loops::day_or_today(ctx, Some(d))?);
    }
    for kv in &a.fields {
        compose::set_field(entry, kv)?;
    }
    if let Some(p) = &a.person {
        entry.person =
            entry::person_slug(p).map_err(|e| CliError::usage(format!("--person: {e}")))?;
    }
    Ok(())
}

pub(super) fn check_skills(entry: &Entry, known: &[String]) -> CliResult {
    Ok(compose::check_skills(entry, known)?)
}

pub(super) fn body_from_args(a: &EntryArgs) -> CliResult<Option<String>> {
    if let Some(b) = &a.body {
        return Ok(Some(b.replace("\\n", "\n")));
    }
    if let Some(f) = &a.body_file {
        return read_body_file(f).map(Some);
    }
    // Piped stdin counts as the body (`echo text | casebook new note`).
    if !a.edit && !is_terminal::IsTerminal::is_terminal(&std::io::stdin()) {
        let mut text = String::new();
        if std::io::stdin().read_to_string(&mut text).is_ok() && !text.trim().is_empty() {
            return Ok(Some(text));
        }
    }
    Ok(None)
}

pub(super) fn read_body_file(f: &std::path::Path) -> CliResult<String> {
    let mut bytes = Vec::new();
    if f.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(f)
            .map_err(|e| CliError::usage(format!("--body-file {}: {e}", f.display())))?;
    }
    if bytes.len() > 5 << 20 {
        return Err(CliError::usage(format!(
            "--body-file {}: {} MB is too large for an entry (at most 5 MB)",
            f.display(),
            bytes.len() >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::usage(format!(
            "--body-file {}: the file is not UTF-8 text",
            f.display()
        ))
    })?;
    // A draft kept by a failed `new` holds a whole entry: take its body.
    match entry::split_front_matter(&text) {
        Ok(split) => Ok(editor::strip_guidance(split.body)),
        Err(_) => Ok(text),
    }
}

fn edit_until_valid(
    ctx: &mut Context,
    entry: Entry,
    editor: &str,
    skills: &[String],
    replaces: &[String],
) -> CliResult<Entry> {
    let journal = ctx.journal()?;
    let name = crate::drafts::name_of(&entry, false);
    let path = crate::drafts::file_of(journal, &name);
    let meta = crate::drafts::DraftMeta {
        op: "new".into(),
        replaces: replaces.to_vec(),
        reason: "the editor's text was not a valid entry".into(),
        ..Default::default()
    };
    let start = compose::editor_text(&journal.template(entry.kind), &entry, &[]);
    let rel = entry_path(&entry);
    let mut text = start.clone();
    let mut last_round: Option<String> = None;
    loop {
        crate::drafts::keep_text(ctx.journal()?, &name, &text, &meta)?;
        if let Err(e) = editor::edit_file(editor, &path) {
            // Kept only if the person typed something before it failed.
            let edited = std::fs::read_to_string(&path).unwrap_or_default();
            return Err(abandon(ctx, &name, &path, edited != start, e));
        }
        let edited = std::fs::read_to_string(&path)
            .map_err(|e| CliError::failure(format!("cannot read back {}: {e}", path.display())))?;
        let edited = compose::without_errors(&edited);
        if edited.trim().is_empty() {
            // An emptied file is how git's editors say "give up".
            let e = CliError::failure("the file was emptied in the editor; no entry saved");
            return Err(abandon(ctx, &name, &path, false, e));
        }
        let problems = match compose::judge_edited(&edited, &start, &rel, skills) {
            // The draft goes once the entry is committed (or kept again by
            // the pipeline if it is refused).
            Edited::Entry(entry) => return Ok(*entry),
            Edited::Unchanged => {
                let e = CliError::failure("the text was not changed in the editor; no entry saved");
                return Err(abandon(ctx, &name, &path, false, e));
            }
            Edited::Blank => {
                let e = CliError::failure("the entry has no text; no entry saved");
                return Err(abandon(ctx, &name, &path, false, e));
            }
            Edited::Problems(problems) => problems,
        };
        // Saved again without a change: stop asking; the text stays a draft.
        if !ctx.interactive() || last_round.as_deref() == Some(edited.as_str()) {
            return Err(not_valid(ctx, &name, &path, &problems));
        }
        last_round = Some(edited.clone());
        // Reopen with the errors on top, as git does with commit messages.
        ctx.ui
            .warn(&format!("the entry has problems: {}", problems.join("; ")));
        text = problems
            .iter()
            .map(|p| format!("<!-- error: {p} -->\n"))
            .collect::<String>()
            + &edited;
    }
}

/// The editor's text is not an entry and nobody is there to fix it now.
fn not_valid(ctx: &Context, name: &str, path: &std::path::Path, problems: &[String]) -> CliError {
    let quoted = guard::quote(&path.display().to_string());
    CliError::usage(format!(
        "the entry is not valid: {} (line numbers are in {quoted})",
        problems.join("; "),
    ))
    .with_hint(format!(
        "your text is kept in {quoted}; fix it there and run: {}",
        ctx.command_line(&format!("drafts resume {name}"))
    ))
}

/// An editor session that did not produce an entry: the buffer is dropped
/// unless it holds something typed, which is then a draft.
fn abandon(
    ctx: &Context,
    name: &str,
    path: &std::path::Path,
    typed: bool,
    e: CliError,
) -> CliError {
    if typed {
        return e.with_hint(format!(
            "what you typed is kept; finish it with: {}",
            ctx.command_line(&format!("drafts resume {name}"))
        ));
    }
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(path.with_extension("toml"));
    e
}

/// The questions path: no editor, but a person at a terminal.
fn ask_questions(ctx: &mut Context, entry: &mut Entry) -> CliResult {
    let result = ask_questions_inner(ctx, entry);
    super::interrupt::forget_draft();
    result
}

fn ask_questions_inner(ctx: &mut Context, entry: &mut Entry) -> CliResult {
    let template = ctx.journal()?.template(entry.kind);
    // Ctrl-C keeps what was answered so far.
    let name = crate::drafts::name_of(entry, false);
    let draft_path = crate::drafts::file_of(ctx.journal()?, &name);
    let resume = ctx.command_line(&format!("drafts resume {name}"));
    let remember = |e: &Entry| {
        super::interrupt::remember_draft(draft_path.clone(), e.to_markdown(), resume.clone())
    };
    if entry.title.is_empty() {
        let title = ctx.ui.ask("Title:").ok_or_else(CliError::interrupted)?;
        entry.title = title.trim().to_string();
        remember(entry);
    }
    for (question, key) in compose::template_questions(&template).into_iter().take(3) {
        if entry.fields.contains_key(&key) {
            continue;
        }
        let Some(spec) = entry.kind.field(&key) else {
            continue;
        };
        let suffix = if spec.ty == entry::FieldType::Bool {
            " (yes/no)"
        } else {
            ""
        };
        let answer = ctx
            .ui
            .ask(&format!("{question}{suffix}"))
            .ok_or_else(CliError::interrupted)?;
        if answer.trim().is_empty() {
            continue;
        }
        match entry::coerce_field(spec, &answer) {
            Ok(Some(v)) => {
                entry.fields.insert(key, v);
                remember(entry);
            }
            Ok(None) => {}
            Err(e) => ctx.ui.warn(&format!(
                "{e}; left empty, set it later with casebook edit --field"
            )),
        }
    }
    ctx.ui.status("What happened? (finish with an empty line)");
    let mut body = String::new();
    while let Some(line) = ctx.ui.ask(">") {
        if line.trim().is_empty() {
            break;
        }
        body.push_str(&line);
        body.push('\n');
        let mut partial = entry.clone();
        partial.body = body.clone();
        remember(&partial);
    }
    entry.body = body;
    Ok(())
}

/// Writes one entry as one commit through the pipeline and reports
/// `ID PATH` (or JSON, or what a dry run would write).
pub(super) fn write_entry(
    ctx: &mut Context,
    entry: Entry,
    removed: Vec<String>,
    op: &str,
    write: &guard::WriteArgs,
) -> CliResult {
    let request = WriteRequest::new_entry(op, entry).removing(removed);
    let outcome = guard::run(ctx, request, write)?;
    // The editor's buffer, if any, is committed now.
    if let Some(w) = outcome.written.first()
        && !outcome.dry_run
    {
        let buffer =
            crate::drafts::file_of(ctx.journal()?, &crate::drafts::name_of(&w.entry, false));
        let _ = std::fs::remove_file(&buffer);
        let _ = std::fs::remove_file(buffer.with_extension("toml"));
    }
    guard::report(ctx, &outcome)
}

pub(super) fn one_line_title(title: &str) -> String {
    super::ui::one_line(title)
}

pub fn run_jot(args: JotArgs, ctx: &mut Context) -> CliResult {
    let person = ctx.person(args.person.as_deref())?;
    let mut words = args.words;
    let case = if words.len() > 1 && looks_like_ref(&words[0]) {
        Some(words.remove(0))
    } else {
        None
    };
    let text = words.join(" ");
    if text.trim().is_empty() {
        return Err(CliError::usage("nothing to jot: give some text"));
    }
    let mut entry = Entry::new(
        Kind::Draft,
        &entry::truncate_chars(&super::ui::one_line(&text), 72),
        &person,
        crate::clock::now(),
    );
    entry.case = case;
    entry.body = text;
    let outcome = guard::run(ctx, WriteRequest::new_entry("jot", entry), &args.write)?;
    if outcome.dry_run {
        return guard::report_dry_run(ctx, &outcome);
    }
    let Some(w) = outcome.written.first() else {
        return Ok(());
    };
    // No index wait: a jot must be instant; the next reading command
    // brings the index up to date.
    if ctx.json() {
        ctx.ui.line(&guard::write_record(&outcome, w).to_string());
    } else {
        ctx.ui.line(&format!("{} {}", w.entry.id, w.path));
        ctx.ui.hint(&format!(
            "turn it into an entry later: {}",
            ctx.command_line(&format!(
                "new postmortem --from-draft {}",
                &w.entry.id.as_str()[..6]
            ))
        ));
    }
    Ok(())
}

/// `ZD-4821`, `SUP-12`, `#4821`, `INC0012345`: short, with digits, no spaces.
fn looks_like_ref(word: &str) -> bool {
    let w = word.trim_start_matches('#');
    !w.is_empty()
        && w.len() <= 24
        && w.chars().any(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && (word.starts_with('#') || w.chars().any(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_recognised() {
        for r in ["ZD-4821", "#4821", "SUP-12", "INC0012345"] {
            assert!(looks_like_ref(r), "{r}");
        }
        for w in ["nearly", "4821", "the-end", "2026"] {
            assert!(!looks_like_ref(w), "{w}");
        }
    }

    #[test]
    fn questions_come_from_template_comments() {
        let t = "+++\n# In one sentence, what is the real cause?\nprediction = \"\"\nconfidence = 50\n+++\n";
        assert_eq!(
            compose::template_questions(t),
            vec![
                (
                    "In one sentence, what is the real cause?".to_string(),
                    "prediction".to_string()
                ),
                ("confidence".to_string(), "confidence".to_string())
            ]
        );
    }
}
