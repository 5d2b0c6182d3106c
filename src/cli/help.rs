//! `casebook help [COMMAND|TOPIC]`, `casebook completions SHELL` and
//! `casebook man`. Topics are short pages on the shared vocabulary.

use super::context::Context;
use super::error::{CliError, CliResult};
use crate::entry::{FieldType, Kind};
use clap::Args;

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command (e.g. new) or a topic: query, dates, ids, filters, json,
    /// exit-codes, environment, kinds, privacy
    pub topic: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  echo 'source <(casebook completions bash)' >> ~/.bashrc
  echo 'source <(casebook completions zsh)' >> ~/.zshrc
  echo 'casebook completions fish | source' >> ~/.config/fish/config.fish
The script calls casebook at each <Tab>, so ids, kinds, skills and tags come
from the journal you are in.")]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish
    pub shell: clap_complete::Shell,
}

pub const TOPICS: &[(&str, &str)] = &[
    ("query", "the search language"),
    ("dates", "dates and periods"),
    ("ids", "naming entries"),
    ("filters", "selecting entries"),
    ("json", "JSON output shapes"),
    ("exit-codes", "what exit codes mean"),
    ("environment", "environment variables"),
    ("kinds", "entry kinds and their fields"),
    ("privacy", "what stays private, and why"),
];

pub fn run(args: HelpArgs, ctx: &mut Context) -> CliResult {
    let Some(first) = args.topic.first() else {
        let mut cmd = super::command();
        ctx.ui.write(&cmd.render_long_help().to_string());
        return Ok(());
    };
    let text = match first.as_str() {
        "query" => QUERY.to_string(),
        "dates" | "periods" => DATES.to_string(),
        "ids" => IDS.to_string(),
        "filters" => FILTERS.to_string(),
        "json" => JSON.to_string(),
        "exit-codes" => EXIT_CODES.to_string(),
        "environment" | "env" => ENVIRONMENT.to_string(),
        "kinds" => kinds_page(ctx),
        "privacy" => PRIVACY.to_string(),
        name => {
            let mut cmd = super::command();
            let mut path: Vec<&str> = args.topic.iter().map(String::as_str).collect();
            let mut sub = cmd.find_subcommand_mut(path.remove(0));
            for p in path {
                sub = sub.and_then(|s| s.find_subcommand_mut(p));
            }
            match sub {
                Some(s) => s.render_long_help().to_string(),
                None => {
                    let topics: Vec<_> = TOPICS.iter().map(|(t, _)| *t).collect();
                    return Err(
                        CliError::usage(format!("no command or help topic '{name}'"))
                            .with_hint(format!("topics: {}", topics.join(", "))),
                    );
                }
            }
        }
    };
    ctx.ui.write(&text);
    if !text.ends_with('\n') {
        ctx.ui.write("\n");
    }
    Ok(())
}

/// Generated from the kind table and, inside a journal, its templates'
/// questions, so the page matches what `new` asks.
fn kinds_page(ctx: &mut Context) -> String {
    let mut out = String::from("Entry kinds and their fields (set any with --field KEY=VALUE)\n\n");
    let templates = ctx.journal().ok().map(|j| {
        Kind::ALL
            .iter()
            .map(|k| (*k, j.template(*k)))
            .collect::<Vec<_>>()
    });
    for kind in Kind::ALL {
        out.push_str(&format!("{}  {}\n", kind.as_str(), kind.habit()));
        if !kind.default_skills().is_empty() {
            out.push_str(&format!(
                "    default skills: {}\n",
                kind.default_skills().join(", ")
            ));
        }
        let questions = templates
            .as_ref()
            .and_then(|t| {
                t.iter()
                    .find(|(k, _)| k == kind)
                    .map(|(_, t)| crate::compose::template_questions(t))
            })
            .unwrap_or_default();
        for f in kind.fields() {
            let ty = match f.ty {
                FieldType::Enum(v) => v.join("|"),
                other => other.describe(),
            };
            let q = questions
                .iter()
                .find(|(_, k)| k == f.name)
                .map(|(q, _)| q.as_str())
                .unwrap_or(f.help);
            out.push_str(&format!("    {:<22} {:<34} {}\n", f.name, ty, q));
        }
        out.push('\n');
    }
    out.push_str(
        "Every entry also has: title, tags, skills, products, case, tier, links, private, date.\n",
    );
    out
}

/// Prints the shell's registration script. The script calls casebook back
/// at each <Tab>, so ids, skills, tags and kinds come from the journal.
pub fn run_completions(args: CompletionsArgs, ctx: &mut Context) -> CliResult {
    let name = match args.shell {
        clap_complete::Shell::Bash => "bash",
        clap_complete::Shell::Zsh => "zsh",
        clap_complete::Shell::Fish => "fish",
        clap_complete::Shell::PowerShell => "powershell",
        clap_complete::Shell::Elvish => "elvish",
        _ => {
            return Err(CliError::usage(
                "completions: choose bash, zsh, fish, powershell or elvish",
            ));
        }
    };
    let shells = clap_complete::env::Shells::builtins();
    let shell = shells
        .completer(name)
        .ok_or_else(|| CliError::usage(format!("completions: {name} is not supported")))?;
    let mut buf = Vec::new();
    shell.write_registration(
        super::complete::VAR,
        "casebook",
        "casebook",
        "casebook",
        &mut buf,
    )?;
    ctx.ui.write(&String::from_utf8_lossy(&buf));
    Ok(())
}

pub fn run_man(ctx: &mut Context) -> CliResult {
    let cmd = super::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    ctx.ui.write(&String::from_utf8_lossy(&buf));
    Ok(())
}

const QUERY: &str = r#"The search language (casebook search QUERY...)

  refund loop stripe        free words, ranked (BM25): rare words count most;
                            at least one must match
  +stripe                   a word that must match
  "double charge"           a phrase: the words together, in order (must match;
                            one word in quotes is a free word)
  retr*                     a prefix: retry, retries, retried...
  -sandbox  NOT sandbox     exclude entries with the word (write `-- -word` after
                            the flags, or use NOT, so the shell does not read a flag)
  kind:escalation           field filters (must match); values are case-insensitive:
  skill:S tag:T product:P person:P case:REF tier:T id:ID
  verdict:miss category:should-have-handled status:published  (any kind field)
  created:>2026-01-01       dates: > >= < <= or a period: created:2026-Q3

Words are stemmed (refund finds refunds and refunded) and accents folded.
Common words (the, my, what, how) do not rank when other words are there,
so a pasted question works. A title match counts more than a body match, and
a match in the kind's text fields (a prediction, the actual cause, the
phrases that worked) or the case reference more still; the snippet comes
from the part that matched. A word no entry contains falls back to its
nearest spelling in the journal ("showing results for refund"); --exact
keeps the words as typed. `web hooks` also finds webhooks. Chinese, Japanese
and Korean are searched by pairs of characters, so words need no spaces.
A lower-case name:value is a filter: an unknown field (verdikt:miss) or a
value outside a field's choices (kind:postmortm, verdict:partail) exits 2
naming the valid ones; put it in quotes ("verdikt:miss") to search the text.
Anything else pasted (punctuation, brackets, emoji) is searched as words.
FILTERS flags (--kind, --since, --person, --field K=V ...) combine with the
query. Private entries are searched with --include-private; a search that
only private entries match says so.
"#;

const DATES: &str = r#"Dates and periods

A day:     2026-11-24, today, yesterday, friday, last friday, 3 days ago,
           30d, 12w, 6mo, 1y (that long before today)
A period:  2026, 2026-H1, 2026-Q3, 2026-11, 2026-W47 (ISO week), 2026-11-24,
           this-week, last-week, this-month, last-month, this-quarter,
           last-quarter, this-year, last-year, and 30d / 12w / 6mo / 1y
           (from then through today)

--since DAY and --until DAY are inclusive; a period there means its first
(--since) or last (--until) day, so --until 2026-11 runs through 30 November.
--period P sets both. Times are local; weeks start on Monday.
"#;

const IDS: &str = r#"Naming entries

Every entry has an id of 12 letters from k to z (kqzvtmwxyplr). The alphabet
has no digits and no hex letters, so an id never looks like a date, a commit
or a ticket number, and ids made on two machines at once do not collide.

  kqzv          any unique prefix of 4 letters or more (the highlighted part
                of an id in lists is the shortest unique prefix)
  people/ana-lima/2026/03/2026-03-04-refund-loop-kqzvtmwxyplr.md   the file path
  @             your latest entry;  @~1 the one before;  @~N further back

An ambiguous prefix exits 2 and lists the candidates.
"#;

const FILTERS: &str = r#"Selecting entries (list, search, review, export, case)

  --kind K  --skill S  --tag T  --product P  --case REF  --field KEY=VALUE
  --person P|me  --team  --since DAY  --until DAY  --period P
  -n/--limit N  --sort newest|oldest|relevance  --reverse  --count

The same flag repeated means OR (--tag billing --tag refunds); different
flags mean AND. Reports default to --person me; lists and search cover the
whole journal. Private entries appear only with --include-private. Drafts
(from `jot`) show in lists and search, and stay out of reports and packs.
"#;

const JSON: &str = r#"JSON output (--json, or --format json)

Lists:   {"entries": [ENTRY...]}       list, show, export
Search:  {"hits": [HIT...], "total": N}
Writes:  {"id", "path", "commit", "warnings"}   new, edit, jot
Check:   {"files": N, "problems": [{"path","line","column","field","message"}]}
Log:     {"commits": [{"commit","summary","author","email","date"}]}
Writes of the loops (kb deflect/verify, handoff feedback, rate, focus,
close-focus, proposal new/set, qa flag, approval outcome, profile, feedback,
confirm, goal new/close, 1on1 note) print the same write record as new.
Import:  {"imported": N, "commit", "skipped": N}   ("skipped": jrnl, markdown,
         csv); with --dry-run {"dry_run", "would_import", "skipped", "entries"}

Loops (reports carry "person" (null with --team) and "period" {label,start,end}):
  phrases            {"phrases": [{phrase, context, case, date, id, title, tags,
                      sentiment_start, sentiment_end}]}
  kb report          {"articles": [ARTICLE], "totals": {articles, drafts,
                      published, retired, deflections, corrections,
                      findability_fixes, current, deflection_estimate (null
                      until imported), stale, verified_within_interval_percent,
                      median_days_to_publish}}
  kb stale           {"entries": [ARTICLE + path]}
  kb deflections import {updated, unknown, commit, articles: [{id, path,
                      deflection_estimate}]}
  escalation report  {"split": {total, categorised, uncategorised,
                      should_have_handled|correctly_escalated|escalated_late:
                      {n, percent}} (correct_but_late: the same as
                      escalated_late, kept for scripts), "trend": {window,
                      months, halves}, "repeated_patterns": {window, entries:
                      [{field, value, n, entries, playbook_gaps, needs,
                      suggestion, kb, proposals, suggested_proposal}]}}
  escalation triage  {triaged, skipped, already_triaged, split:
                      {should_have_handled, correctly_escalated,
                      escalated_late}, commit, entries: [{id, path, case,
                      category}]}
  proposal report    {counts: {raised, proposed, accepted, shipped, rejected},
                      median_days_to_ship, days_to_ship_n, shipped: [ROW],
                      proposals: [ROW]}
  approval report    {decisions, by_gate: [{gate, decisions, approved,
                      amended, rejected, escalated, amend_rate_percent,
                      reject_rate_percent, reversals}], by_decision,
                      amend_rate_percent, reject_rate_percent,
                      top_amend_reasons|top_reject_reasons: [{reason, n}],
                      reversals, outcomes: {reversed, complaint, chargeback}}
  qa sample          {"tickets": [...], n, population, column, risky (how many
                      came from --risky rows), seed, week}
  qa report          {target_per_week, this_week, samples, per_week,
                      weeks_at_target, weeks: [{week, samples, target, met}],
                      dimensions: [{dimension, n, passed, pass_rate}],
                      critical_fails, missed_escalations,
                      flags: {raised, open, closed, dismissed}}
  handoff report     {total, with_feedback, by_function: [{function, n,
                      with_feedback, requested: [{item, n}]}], requested}
  explore report     {target_per_week, this_week, sessions, minutes, per_week,
                      weeks_at_target, weeks: [{week, minutes, target, met}],
                      areas: [{area, minutes}]}
  skill list         {"person", "skills": [{id, name, group, current,
                      latest_self, latest_lead, ratings, evidence, focus}],
                      "focus"}
  skill focus        {"focus": {id, skill, name, since, month, trigger_case,
                      why, status}, "entries": [...]}
ARTICLE: id, title, status, article_id, created, first_seen, published,
         retired, deflections, gap_case, gap_entry, last_verified,
         review_interval_days, corrections, search_terms, findability_fixes,
         deflection_estimate, deflection_estimate_date, current, review_due,
         days_overdue
ROW:     id, title, path, status, target, function, pattern, evidence,
         proposed, accepted, shipped, rejected, change_ref, days_to_ship,
         effect {window_days, before, after, n} (entries with the pattern,
         team-wide, up to 56 days each side of the ship day)

ENTRY:   id, kind, title, person, created, updated, skills, tags, products,
         case, tier, links, private, fields {the kind's own fields}, path
         (and body in show and export)
HIT:     id, title, kind, created, person, path, score, case, tags, skills,
         snippet, highlights [[start, end] byte ranges in snippet],
         edited_since_commit
Keys are snake_case; dates are RFC 3339. `--format jsonl` prints one object per
line; `export --format jsonl` is what `import` reads.
"#;

const EXIT_CODES: &str = r#"Exit codes

  0    success
  1    an error; `check` found problems; a selecting command found nothing
       (so `casebook search x -q && ...` works in scripts)
  2    a usage error or bad value: unknown command, flag, kind, skill or id,
       ambiguous prefix, bad date or field value
  130  interrupted (anything typed is kept as a draft)
  101  an internal error (a bug: please report it)

A closed pipe (casebook list | head) ends quietly.
"#;

const ENVIRONMENT: &str = r#"Environment

  CASEBOOK_DIR      the journal to use (like -C DIR)
  CASEBOOK_PERSON   write as this person
  CASEBOOK_EDITOR   the editor; else VISUAL, else EDITOR, else the config's editor
  CASEBOOK_PAGER    the pager; else the config's pager, else PAGER, else less -FRX
  CASEBOOK_NOW      freeze the clock (RFC 3339), for tests and demos
  NO_COLOR          no colour;  CLICOLOR_FORCE=1 colour even when piped
  XDG_CONFIG_HOME   where the user config lives (casebook/config.toml)

Settings come in three layers: the user's config.toml, the clone's
.git/casebook/config.toml (who writes from this clone), and the journal's
casebook.toml (the team's rules, committed).
"#;

const PRIVACY: &str = r#"What stays private, and why

Misses, near-losses and QA judgments are how people learn; if everyone could
read all of them, people would stop writing them down. So:

- You choose what enters your evidence pack. Private entries (--private) stay
  out of packs and exports unless you pass --include-private.
- Foundations such as self-care are development notes, never promotion
  criteria.
- Figures across people are normalised and show their n; nothing ranks
  people against each other.
- The search index and drafts live in .git/casebook/ and are never committed.
- Support notes carry customer data: keep names, emails and card numbers out
  of entries; reference the ticket (--case ZD-4821) instead.
"#;
