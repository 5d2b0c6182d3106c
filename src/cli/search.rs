//! `casebook search QUERY...`: ranked hits from the index, with snippets.
//! Snippets come from the files on disk, so the text shown is the text the
//! user has; a hit whose file was edited since its last commit says so.

use super::args::FilterArgs;
use super::context::{Context, OutputFormat};
use super::error::{CliError, CliResult};
use super::ui::{BOLD, CYAN, DIM, MAGENTA, YELLOW, one_line};
use crate::index::{Sort, query};
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  casebook search refund loop stripe
  casebook search '\"double charge\"' kind:postmortem
  casebook search kind:escalation category:should-have-handled product:billing
  casebook search webhook retr* -- -sandbox
  casebook search sso --since 2026-01-01 --person me --json

Words are joined, so quotes are optional. Ranking is BM25: rare words count
most, common words (the, my, what) do not decide the order, title and field
matches (prediction, actual) count more than body matches, and refund finds
refunds and refunded. Only \"phrases\", +word and field filters must match.
A word no entry contains is replaced by its nearest spelling in the journal
(--exact keeps the words as typed). `casebook help query` lists fields and
syntax.")]
pub struct SearchArgs {
    /// Words, "phrases", prefix*, -excluded, NOT word, field:value, created:>DATE
    #[arg(required = true, num_args = 1.., allow_hyphen_values = false)]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Include private entries
    #[arg(long)]
    pub include_private: bool,
    /// Search the words as typed: no fallback to near spellings
    #[arg(long)]
    pub exact: bool,
}

pub fn run(args: SearchArgs, ctx: &mut Context) -> CliResult {
    let format = super::format_or(
        ctx,
        &[OutputFormat::Json, OutputFormat::Jsonl],
        OutputFormat::Text,
    )?;
    let mut text = args.query.join(" ");
    let mut parsed = query::parse(&text, ctx.today());
    if let Some(e) = parsed.errors.first() {
        return Err(CliError::usage(e.clone()).with_hint("see `casebook help query`"));
    }
    if parsed.is_empty() {
        return Err(
            CliError::usage(format!("'{text}' has no words to search for"))
                .with_hint("see `casebook help query`"),
        );
    }
    let mut filter = ctx.filter(&args.filter, false)?;
    // `--field verdikt=miss` fails as `verdikt:miss` does.
    for (field, values) in &mut filter.fields {
        if !crate::filter::is_field(field) {
            return Err(CliError::usage(format!(
                "--field: {}",
                crate::filter::unknown_field(field)
            )));
        }
        for v in values.iter_mut() {
            *v = crate::filter::check_value(field, v)
                .map_err(|e| CliError::usage(format!("--field: {e}")))?;
        }
    }
    filter.include_private = args.include_private;
    // Drafts are findable; only reports and packs leave them out.
    filter.include_drafts = true;
    let sort = match args.filter.sort.as_deref() {
        None | Some("relevance") | Some("score") => Sort::Relevance,
        Some("newest") | Some("date") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        Some(other) => {
            return Err(CliError::usage(format!(
                "--sort '{other}': choose relevance, newest or oldest"
            )));
        }
    };
    let limit = args.filter.limit.unwrap_or(20);
    // The words replaced, when a typo was fixed (said once the hits show
    // how the journal spells the replacements).
    let mut corrected_query: Option<Vec<(String, String)>> = None;
    if !args.exact {
        // A word that no entry contains is most likely a typo: search its
        // nearest spelling in the journal instead, and say so.
        let fixes = ctx.query(|i| i.corrections(&parsed))?;
        if !fixes.is_empty() {
            let corrected = correct(&args.query, &fixes);
            let reparsed = query::parse(&corrected, ctx.today());
            if reparsed.errors.is_empty() && !reparsed.is_empty() {
                corrected_query = Some(fixes);
                text = corrected;
                parsed = reparsed;
            }
        }
    }
    let (hits, total) = ctx.query(|i| i.search(&parsed, &filter, sort, Some(limit)))?;
    if (args.filter.count || total == 0)
        && let Some(fixes) = &corrected_query
    {
        say_corrected(&ctx.ui, &args.query, fixes);
    }
    if args.filter.count {
        ctx.ui.line(&total.to_string());
        return if total == 0 {
            Err(CliError::nothing("no entries match"))
        } else {
            Ok(())
        };
    }
    // `--limit 0` shows no hits but still says how many matched.
    if total == 0 {
        if format == OutputFormat::Json {
            ctx.ui.line(r#"{"hits": [], "total": 0}"#);
        }
        if !filter.include_private {
            let mut with_private = filter.clone();
            with_private.include_private = true;
            let (_, private) = ctx.query(|i| i.search(&parsed, &with_private, sort, Some(0)))?;
            if private > 0 {
                let entries = if private == 1 { "entry" } else { "entries" };
                return Err(CliError::nothing(format!(
                    "no shared entries match '{}', but {private} private {entries} do",
                    one_line(&text)
                ))
                .with_hint("add --include-private to search private entries too"));
            }
        }
        // Finding uncommitted files would mean walking the whole journal:
        // the hint says where they are listed instead.
        return Err(CliError::nothing(format!(
            "no entries match '{}'",
            one_line(&text)
        ))
        .with_hint(
            "text not yet committed is not searched; `casebook status` lists entry files changed by hand",
        ));
    }
    let snippets = ctx.query(|i| i.snippets(&parsed, 160))?;
    let journal = ctx.journal()?;
    let mut rows = Vec::new();
    for hit in &hits {
        // One read serves both the edited-since-commit check and the snippet.
        let bytes = std::fs::read(journal.abs(&hit.item.path)).ok();
        let edited = bytes
            .as_deref()
            .is_some_and(|b| crate::journal::blob_oid(b).to_string() != hit.item.blob);
        let body = bytes
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| {
                crate::entry::split_front_matter(&t)
                    .ok()
                    .map(|s| s.body.to_string())
            })
            .unwrap_or_default();
        let (part, fragment, ranges) = best_snippet(&snippets, &hit.item.entry, &body);
        // The body's start, where no word shows (a filter matched) and, in
        // the text view, where only the title did (it is printed above).
        let excerpt = || {
            let mut e = hit.item.entry.clone();
            e.body = body.clone();
            e.excerpt(160)
        };
        let fragment = if fragment.is_empty() {
            excerpt()
        } else {
            fragment
        };
        let (fragment, ranges) = if format == OutputFormat::Text && part.as_deref() == Some("title")
        {
            (excerpt(), Vec::new())
        } else {
            (fragment, ranges)
        };
        rows.push((hit, part, fragment, ranges, edited));
    }
    let corrected_query = match corrected_query {
        Some(mut fixes) => {
            // The dictionary holds stems (`retri`): say each replacement as
            // the hits spell it (`retries`).
            let index = ctx.index()?;
            for (_, fix) in fixes.iter_mut() {
                let spelled = rows.iter().find_map(|(_, _, fragment, ranges, _)| {
                    ranges
                        .iter()
                        .filter_map(|&(a, b)| fragment.get(a..b))
                        .find(|w| index.terms_of(w) == [fix.as_str()])
                        .map(str::to_lowercase)
                });
                if let Some(word) = spelled {
                    *fix = word;
                }
            }
            Some(say_corrected(&ctx.ui, &args.query, &fixes))
        }
        None => None,
    };
    match format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            let list: Vec<_> = rows
                .iter()
                .map(|(hit, part, fragment, ranges, edited)| {
                    let e = &hit.item.entry;
                    serde_json::json!({
                        "id": e.id, "title": e.title, "kind": e.kind.as_str(), "created": e.created.to_rfc3339(),
                        "person": e.person, "path": hit.item.path, "score": hit.score, "case": e.case,
                        "tags": e.tags, "skills": e.skills, "snippet": fragment, "matched_in": part,
                        "highlights": ranges.iter().map(|(a, b)| [*a, *b]).collect::<Vec<_>>(),
                        "edited_since_commit": edited,
                    })
                })
                .collect();
            if format == OutputFormat::Json {
                let mut json = serde_json::json!({ "hits": list, "total": total });
                if let Some(q) = &corrected_query {
                    json["corrected_query"] = serde_json::json!(q);
                }
                ctx.ui
                    .line(&serde_json::to_string_pretty(&json).unwrap_or_default());
            } else {
                for l in list {
                    ctx.ui.line(&l.to_string());
                }
            }
        }
        _ => {
            if rows.len() > 8 {
                ctx.page();
            }
            for (hit, part, fragment, ranges, edited) in &rows {
                let e = &hit.item.entry;
                let id = ctx.show_id(&e.id);
                let ui = &mut ctx.ui;
                let score = if hit.score > 0.0 {
                    format!("  {:.2}", hit.score)
                } else {
                    String::new()
                };
                ui.line(&format!(
                    "{}{}",
                    ui.paint(BOLD, &one_line(&e.title)),
                    ui.paint(DIM, &score)
                ));
                ui.line(&format!(
                    "  {id} · {} · {} · {} · {}",
                    ui.paint(CYAN, e.kind.as_str()),
                    e.created.format("%Y-%m-%d"),
                    ui.paint(MAGENTA, &e.person),
                    ui.paint(DIM, &hit.item.path)
                ));
                let snippet = highlight(ui, fragment, ranges);
                match part {
                    Some(field) if field != "body" && field != "title" => {
                        ui.line(&format!("  {}: {snippet}", ui.paint(DIM, field)))
                    }
                    _ => ui.line(&format!("  {snippet}")),
                }
                if *edited {
                    ui.line(&format!(
                        "  {}",
                        ui.paint(
                            YELLOW,
                            "(edited since its last commit: the index has the committed text)"
                        )
                    ));
                }
                ui.line("");
            }
            if total > rows.len() {
                ctx.ui.status(&format!(
                    "{} of {total} matching entries shown (--limit N for more)",
                    rows.len()
                ));
            }
        }
    }
    Ok(())
}

/// A snippet: the part it comes from, the fragment and its highlights.
type PartSnippet = (Option<String>, String, Vec<(usize, usize)>);

/// The snippet from the part of the entry that matched best: the body, one
/// of the kind's text fields (prediction, actual...) or the title, as
/// (part, fragment, highlights). The part with the most distinct words of
/// the query wins; the body wins ties. `None` when no word shows anywhere.
fn best_snippet(
    snippets: &crate::index::Snippets,
    entry: &crate::entry::Entry,
    body: &str,
) -> PartSnippet {
    let mut parts: Vec<(String, String)> = vec![("body".into(), body.to_string())];
    for spec in entry.kind.fields() {
        if matches!(
            spec.ty,
            crate::entry::FieldType::Text | crate::entry::FieldType::List
        ) {
            let values = entry.values_of(spec.name);
            if !values.is_empty() {
                parts.push((spec.name.to_string(), values.join("; ")));
            }
        }
    }
    if let Some(case) = &entry.case {
        parts.push(("case".into(), case.clone()));
    }
    parts.push(("title".into(), entry.title.clone()));
    let mut best: (usize, PartSnippet) = (0, (None, String::new(), Vec::new()));
    for (name, text) in parts {
        let (fragment, ranges) = snippets.snippet(&text);
        let distinct: std::collections::BTreeSet<String> = ranges
            .iter()
            .filter_map(|&(a, b)| fragment.get(a..b))
            .map(str::to_lowercase)
            .collect();
        if distinct.len() > best.0 {
            best = (distinct.len(), (Some(name), fragment, ranges));
        }
    }
    best.1
}

/// Says which query was searched instead of the one typed; returns it.
fn say_corrected(ui: &super::ui::Ui, typed: &[String], fixes: &[(String, String)]) -> String {
    let shown = correct(typed, fixes);
    ui.status(&format!(
        "showing results for {} (no entry contains {}; --exact searches the words as typed)",
        one_line(&shown),
        fixes
            .iter()
            .map(|(w, _)| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    shown
}

/// The query as typed with each misspelt word replaced.
fn correct(words: &[String], fixes: &[(String, String)]) -> String {
    let mut out = Vec::with_capacity(words.len());
    for arg in words {
        let fixed: Vec<String> = arg
            .split_whitespace()
            .map(|w| {
                let bare = w.strip_prefix('+').unwrap_or(w);
                match fixes.iter().find(|(typed, _)| typed == bare) {
                    Some((_, fix)) if bare.len() < w.len() => format!("+{fix}"),
                    Some((_, fix)) => fix.clone(),
                    None => w.to_string(),
                }
            })
            .collect();
        out.push(fixed.join(" "));
    }
    out.join(" ")
}

/// The fragment on one line, with matched words bold (or `**` without colour).
fn highlight(ui: &super::ui::Ui, fragment: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(start, end) in ranges {
        if start < last
            || end > fragment.len()
            || !fragment.is_char_boundary(start)
            || !fragment.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&one_line(&fragment[last..start]));
        let word = one_line(&fragment[start..end]);
        if ui.color() {
            out.push_str(&ui.paint(&format!("{BOLD}{YELLOW}"), &word));
        } else {
            out.push_str(&word);
        }
        last = end;
    }
    out.push_str(&one_line(&fragment[last.min(fragment.len())..]));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
