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
use crate::entry::{self, Entry, Kind};
use crate::journal::{Journal, entry_path};
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
    default_status(&mut entry);
    let mut removed = Vec::new();
    if let Some(draft) = &args.from_draft {
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
        entry.body = old.body;
        entry.case = old.case;
        entry.tags = old.tags;
        entry.products = old.products;
        entry.title = old.title;
        removed.push(item.path);
    }
    apply_entry_args(ctx, &mut entry, &args.entry)?;
    // A proposal backdated with --date was proposed that day.
    if kind == Kind::Proposal
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
    super::approval::check_gate(ctx, &entry, "--field gate")?;
    let journal_skills = ctx.journal()?.skill_ids();
    check_skills(&entry, &journal_skills)?;

    let body = body_from_args(&args.entry)?;
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

/// Sets status fields that always start the same way.
fn default_status(entry: &mut Entry) {
    let status = match entry.kind {
        Kind::Kb => Some("draft"),
        Kind::Proposal => Some("proposed"),
        Kind::Focus | Kind::Goal => Some("open"),
        _ => None,
    };
    if let Some(s) = status {
        entry
            .fields
            .insert("status".into(), toml::Value::String(s.into()));
    }
    if entry.kind == Kind::Proposal {
        entry.fields.insert(
            "proposed".into(),
            toml::Value::String(crate::clock::today().to_string()),
        );
    }
    if entry.kind == Kind::Rating {
        entry
            .fields
            .insert("rater".into(), toml::Value::String("self".into()));
    }
}

pub(super) fn apply_entry_args(ctx: &mut Context, entry: &mut Entry, a: &EntryArgs) -> CliResult {
    if let Some(t) = &a.title {
        entry.title = t.trim().to_string();
    }
    if !a.skills.is_empty() {
        entry.skills = dedup(a.skills.iter().flat_map(|s| split_list(s)).collect());
    }
    entry.tags.extend(a.tags.iter().flat_map(|s| split_list(s)));
    entry.tags = dedup(std::mem::take(&mut entry.tags));
    entry
        .products
        .extend(a.products.iter().flat_map(|s| split_list(s)));
    entry.products = dedup(std::mem::take(&mut entry.products));
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
    entry.links = dedup(std::mem::take(&mut entry.links));
    if a.private {
        entry.private = true;
    }
    if let Some(d) = &a.date {
        entry.created = crate::clock::at_day(super::loops::day_or_today(ctx, Some(d))?);
    }
    for kv in &a.fields {
        let (key, value) = kv.split_once('=').ok_or_else(|| {
            CliError::usage(format!(
                "--field '{kv}' must look like KEY=VALUE (e.g. confidence=70)"
            ))
        })?;
        let key = key.trim();
        let spec = entry.kind.field(key).ok_or_else(|| {
            let known: Vec<_> = entry.kind.fields().iter().map(|f| f.name).collect();
            CliError::usage(format!(
                "--field: a {} entry has no field '{key}'{}",
                entry.kind,
                if known.is_empty() {
                    String::new()
                } else {
                    format!(" (fields: {})", known.join(", "))
                }
            ))
            .with_hint("`casebook help kinds` lists every kind's fields")
        })?;
        match entry::coerce_field(spec, value)
            .map_err(|e| CliError::usage(format!("--field: {e}")))?
        {
            Some(v) => entry.fields.insert(key.to_string(), v),
            None => entry.fields.remove(key),
        };
    }
    if let Some(p) = &a.person {
        entry.person =
            entry::person_slug(p).map_err(|e| CliError::usage(format!("--person: {e}")))?;
    }
    Ok(())
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for i in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&i)) {
            out.push(i);
        }
    }
    out
}

pub(super) fn check_skills(entry: &Entry, known: &[String]) -> CliResult {
    if known.is_empty() {
        return Ok(());
    }
    for s in &entry.skills {
        if !known.iter().any(|k| k == s) {
            return Err(CliError::usage(format!("unknown skill '{s}'"))
                .with_hint(format!("skills in this journal: {}", known.join(", "))));
        }
    }
    Ok(())
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

/// The text the editor opens: the entry's front matter, the template's
/// kind fields (their comments are the questions), the template's body.
fn editor_text(journal: &Journal, entry: &Entry, errors: &[String]) -> String {
    let template = journal.template(entry.kind);
    let (tpl_front, tpl_body) = match entry::split_front_matter(&template) {
        Ok(s) => (s.front.to_string(), s.body.to_string()),
        Err(_) => (String::new(), template.clone()),
    };
    let rendered = entry.to_markdown();
    let split = entry::split_front_matter(&rendered).ok();
    let mut out = String::new();
    for e in errors {
        out.push_str(&format!("<!-- error: {e} -->\n"));
    }
    out.push_str("+++\n");
    let common: String = split
        .as_ref()
        .map(|s| {
            s.front
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(|l| format!("{l}\n"))
                .collect()
        })
        .unwrap_or_default();
    out.push_str(&common);
    out.push('\n');
    let mut set: Vec<&str> = Vec::new();
    for line in tpl_front.lines() {
        let key = line.split('=').next().unwrap_or("").trim();
        if !line.trim_start().starts_with('#') && entry.fields.contains_key(key) {
            set.push(entry.kind.field(key).map(|f| f.name).unwrap_or(""));
            out.push_str(&format!("{key} = {}\n", entry.fields[key]));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (k, v) in &entry.fields {
        if !set.contains(&k.as_str())
            && !tpl_front
                .lines()
                .any(|l| l.split('=').next().unwrap_or("").trim() == k)
        {
            out.push_str(&format!("{k} = {v}\n"));
        }
    }
    out.push_str("+++\n");
    if entry.body.trim().is_empty() {
        out.push_str(&tpl_body);
    } else {
        out.push('\n');
        out.push_str(&entry.body);
        out.push('\n');
    }
    out
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
    let start = editor_text(journal, &entry, &[]);
    let mut text = start.clone();
    loop {
        crate::drafts::keep_text(ctx.journal()?, &name, &text, &meta)?;
        if let Err(e) = editor::edit_file(editor, &path) {
            // Kept only if the person typed something before it failed.
            let edited = std::fs::read_to_string(&path).unwrap_or_default();
            return Err(abandon(ctx, &name, &path, edited != start, e));
        }
        let edited = std::fs::read_to_string(&path)
            .map_err(|e| CliError::failure(format!("cannot read back {}: {e}", path.display())))?;
        let without_errors: String = edited
            .lines()
            .skip_while(|l| l.starts_with("<!-- error:"))
            .map(|l| format!("{l}\n"))
            .collect();
        if without_errors == start {
            // `:q!`, `EDITOR=true`, an editor that returned at once.
            return Err(abandon(
                ctx,
                &name,
                &path,
                false,
                CliError::failure("the text was not changed in the editor; no entry saved"),
            ));
        }
        let rel = entry_path(&entry);
        let problems: Vec<String> = match entry::parse(&without_errors, &rel) {
            Ok(mut parsed) => {
                parsed.entry.body = editor::strip_guidance(&parsed.entry.body);
                let mut problems: Vec<String> =
                    parsed.problems.iter().map(|p| p.to_string()).collect();
                if let Err(e) = check_skills(&parsed.entry, skills) {
                    problems.push(e.message);
                }
                if problems.is_empty() {
                    // Only blank lines added, or headings left as they were,
                    // with no field touched: nothing was written.
                    let as_opened = entry::parse(&start, &rel).ok().map(|p| {
                        let mut e = p.entry;
                        e.body = parsed.entry.body.clone();
                        e
                    });
                    if editor::is_blank_template(&parsed.entry.body)
                        && as_opened.as_ref() == Some(&parsed.entry)
                    {
                        return Err(abandon(
                            ctx,
                            &name,
                            &path,
                            false,
                            CliError::failure("the entry has no text; no entry saved"),
                        ));
                    }
                    // The draft goes once the entry is committed (or
                    // kept again by the pipeline if it is refused).
                    return Ok(parsed.entry);
                }
                problems
            }
            Err(p) => vec![p.to_string()],
        };
        if ctx.interactive() {
            // Reopen with the errors on top, as git does with commit messages.
            ctx.ui
                .warn(&format!("the entry has problems: {}", problems.join("; ")));
            text = problems
                .iter()
                .map(|p| format!("<!-- error: {p} -->\n"))
                .collect::<String>()
                + &without_errors;
            continue;
        }
        return Err(CliError::usage(format!(
            "the entry is not valid: {} (line numbers are in {})",
            problems.join("; "),
            guard::quote(&path.display().to_string())
        ))
        .with_hint(format!(
            "your text is kept in {}; fix it there and run: {}",
            guard::quote(&path.display().to_string()),
            ctx.command_line(&format!("drafts resume {name}"))
        )));
    }
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
    for (question, key) in template_questions(&template).into_iter().take(3) {
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

/// `(question, field)` pairs: each field of the template's front matter
/// with the comment line above it as the question.
pub fn template_questions(template: &str) -> Vec<(String, String)> {
    let Ok(split) = entry::split_front_matter(template) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut comment = String::new();
    for line in split.front.lines() {
        let t = line.trim();
        if let Some(c) = t.strip_prefix('#') {
            comment = c.trim().to_string();
        } else if let Some((key, _)) = t.split_once('=') {
            let key = key.trim().to_string();
            let q = if comment.is_empty() {
                key.replace('_', " ")
            } else {
                std::mem::take(&mut comment)
            };
            out.push((q, key));
        }
    }
    out
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
            template_questions(t),
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
